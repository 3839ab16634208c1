"""The files a command reads, from the paths it is given: folders walked, nothing skipped
in silence.

A folder is walked in name order, its subfolders too, leaving out hidden names (starting
with `.`) and files without one of the suffixes asked for. Anything else under it that could
hold a file to read but cannot be read or walked is passed on *as if it were a file*: a
folder that cannot be listed, a named pipe, device or socket with a file's suffix, a broken
or looping symbolic link (with a suffix asked for, or none, as a folder's name has). Reading
it (`source.open_regular`) refuses it, without blocking, saying what it is, so every command
reports it as it reports a bad file, and counts it.

Symbolic links to folders are followed (a shared folder linked in is checked), but never
round a loop: a link to a folder that holds it is passed on (reading says it loops); a
folder reached a second way, not through itself, is not walked again (its files were found
once). A folder given that leads back to a folder its name passes through is passed on too,
so that expanding the paths found finds them again (the cohort and the validation readers
expand what the command line expanded). The walk keeps an explicit stack, so a folder
nested thousands deep is no `RecursionError`. A walk that reaches its end reports the
folders it entered through a symbolic link to the record it is given (`_followed.Followed`,
the command's own): the output checks find them there rather than walking the folder a
second time.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import PurePath
from typing import Final

from .._followed import Followed, Identity
from .._names import FILE_SUFFIXES
from ..file_names import identity

__all__ = ["SUFFIXES", "each_once", "expand_paths", "leads_back", "once_key"]

#: The suffixes of the files a folder is searched for by default: YAML and JSON.
SUFFIXES: Final = FILE_SUFFIXES

_Identity = Identity


def each_once(files: Iterable[str]) -> list[str]:
    """`files`, each once however it is named (`./a.yaml` and `a.yaml`, a link), the
    first spelling kept: read twice, a file's reviews would be two of each school, and a
    file checked twice would be counted twice. Standard input, once claimed (`<stdin>`),
    and a name that is no file are known by their spelling."""
    unique: dict[object, str] = {}
    for file in files:
        unique.setdefault(once_key(file), file)
    return list(unique.values())


def once_key(file: str) -> object:
    """What tells `file` from another (`each_once`): the file it names, however named;
    standard input (`<stdin>`) and a name that is no file by their spelling."""
    from .stdin import is_stdin

    return file if is_stdin(file) else identity(file) or file


def expand_paths(
    paths: Iterable[str | os.PathLike[str]],
    suffixes: tuple[str, ...] = SUFFIXES,
    followed: Followed | None = None,
) -> Iterator[str]:
    """Files as given; folders as the files under them with one of `suffixes`, and what
    under them cannot be read or walked (see the module's docstring), in name order. Each
    folder walked to its end notes in `followed` the folders it entered through a link."""
    for path in paths:
        name = os.fspath(path)
        if os.path.isdir(name) and leads_back(name) is None:
            yield from _walk(name, suffixes, followed)
        else:
            yield name


def leads_back(folder: str) -> str | None:
    """The folder that `folder`'s name passes through and that it is (by a symbolic link),
    innermost first, or that holds the link where it really is (`schools/up -> ..`, `-> /`):
    following it would loop. None if there is none: `schools/.` and `schools/a/..` name a
    folder, they pass through none that they are."""
    name = _without_dots(folder)
    try:
        here = _identity(os.stat(name))
        for above in _folders_holding(name):
            if _identity(os.stat(above)) == here:
                return above
        if os.path.islink(name):  # a link to a folder above it
            real = os.path.realpath(os.path.dirname(name) or os.curdir)
            for above in (real, *_folders_holding(real)):
                if _identity(os.stat(above)) == here:
                    return above
    except OSError:
        return None
    return None


def _without_dots(folder: str) -> str:
    """`folder` without its trailing separators and `.` steps: `schools/./` is `schools`."""
    name = folder.rstrip(os.sep) or folder
    while os.path.basename(name) == os.curdir and (above := os.path.dirname(name)):
        name = above  # `dirname` leaves no separator at the end but the root's
    return name


def _folders_holding(name: str) -> Iterator[str]:
    """The folders a name (with no separator at its end) passes through, innermost first:
    those a walk went through to find it (a walk from `.` names what it finds `./...`); none
    from a `..` step on, where the name goes up, not into a folder (`a/b/..` is `a`,
    `a/b/../c` is in `a`, not in `a/b`)."""
    folder = name
    while (above := os.path.dirname(folder)) and above != folder:
        if os.path.basename(folder) == os.pardir:
            return
        yield above
        folder = above


def _walk(top: str, suffixes: tuple[str, ...], followed: Followed | None) -> Iterator[str]:
    try:
        entries = _listing(top)
        top_id = _identity(os.stat(top))
    except OSError:
        yield top  # reading it says why it cannot be listed
        return
    walked = {top_id}
    linked: dict[_Identity, str] = {}  # the folders entered through a symbolic link
    holding = _holding(top)  # a link to one of them leads back too: it holds the link
    #: The folders being walked, outermost first: each one's entries left, and its identity.
    stack: list[tuple[Iterator[os.DirEntry[str]], _Identity]] = [(entries, top_id)]
    while stack:
        entry = next(stack[-1][0], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        wanted = PurePath(entry.name).suffix in suffixes
        try:
            mode = entry.stat().st_mode  # through symbolic links
        except OSError:  # a broken or looping link, or no permission to look
            if wanted or not PurePath(entry.name).suffix:
                yield entry.path
            continue
        if not stat.S_ISDIR(mode):
            if wanted:  # a regular file, or a special one that reading refuses
                yield entry.path
            continue
        identity = _identity(entry.stat())
        if identity in holding or any(identity == held for _, held in stack):
            yield entry.path  # it leads back to a folder that holds it
            continue
        if identity in walked:
            continue  # reached before another way: its files are found already
        walked.add(identity)
        if entry.is_symlink():
            linked[identity] = entry.path
        try:
            stack.append((_listing(entry.path), identity))
        except OSError:
            yield entry.path  # reading it says why it cannot be listed
    if followed is not None:  # the walk is whole: what it followed is known
        followed.note(top_id, linked)


def _holding(top: str) -> set[_Identity]:
    """The folders that hold `top` where it really is (links followed), up to the root: a
    link under `top` to one of them leads back to a folder that holds it. Followed, it
    walked the folder above `top` (`schools/up -> ..`), or the whole disk (`-> /`)."""
    found: set[_Identity] = set()
    here = os.path.realpath(top)
    while (above := os.path.dirname(here)) != here:
        here = above
        try:
            found.add(_identity(os.stat(here)))
        except OSError:
            continue
    return found


def _listing(folder: str) -> Iterator[os.DirEntry[str]]:
    """A folder's entries in name order; `OSError` if it cannot be listed."""
    with os.scandir(folder) as scan:
        return iter(sorted(scan, key=lambda entry: entry.name))


def _identity(status: os.stat_result) -> _Identity:
    return status.st_dev, status.st_ino
