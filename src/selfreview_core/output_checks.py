"""Where an output may go: the inputs of a command it must not replace, and the checks
of a file or a folder named for output, made before any work (SPEC section 7).

Inputs are known by identity (device and inode), so every spelling of one is found; a
folder the command walks is known too, so that no report lands where the next run would
read it. `outputs` writes what these checks let through. Nothing here imports pydantic:
the CLI checks its outputs before any heavy import.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from ._followed import Followed
from ._held import KEPT
from ._names import FILE_SUFFIXES, JSON_LINES, STDIN_NAME
from .atomic import folder_of, is_read_only, is_special
from .descriptor_names import no_file_at
from .errors import OutputRefused
from .file_names import identity, standard_output_file
from .output_targets import fix, followed
from .pipe_outputs import no_reader

__all__ = ["Inputs", "PathLike", "check_folder", "check_target"]

PathLike = str | os.PathLike[str]

#: The suffixes a walked folder's files are read by (`files.walk`, as every command walks).
_READ_BACK = (*FILE_SUFFIXES, *JSON_LINES)


class Inputs:
    """The files a command reads, each with the option (or argument) that named it.

    Known by identity, not by spelling: every way of naming an input (another relative
    path, a symbolic link, a hard link, another case on a case-insensitive disk) is found.
    `followed` is the record of the command's walks of its folders (`files.walk`), for
    `walk` to take the links they followed from, rather than walk each folder again.
    """

    def __init__(self, followed: Followed | None = None) -> None:
        self._followed = Followed() if followed is None else followed
        self._files: dict[tuple[int, int], tuple[str, str]] = {}
        self._folders: dict[tuple[int, int], tuple[str, str]] = {}
        self._folder_names: set[str] = set()
        self._walked: dict[tuple[int, int], tuple[str, str]] = {}
        #: The folders the walks reach through a symbolic link, with the link's name.
        self._linked: dict[tuple[int, int], tuple[str, str]] = {}

    def add(self, option: str, *paths: PathLike | None, folders: bool = True) -> Inputs:
        """Count `paths` (None, `-`, directories and missing files are skipped) as read
        under `option`; the first option to name a file is the one reported. Without
        `folders`, a report folder may hold them (`check_folder`): the configuration file."""
        for path in paths:
            name = None if path is None else os.fspath(path)
            if name is None or name == "-":
                continue
            if name == STDIN_NAME:
                self._add_stdin(option)
            try:
                found = os.stat(name)
            except (OSError, ValueError):
                continue
            if stat.S_ISDIR(found.st_mode):
                continue
            self._files.setdefault((found.st_dev, found.st_ino), (option, name))
            folder = os.path.dirname(os.path.abspath(name))
            if folders and folder not in self._folder_names:  # one folder for its files
                self._folder_names.add(folder)
                if (key := identity(folder)) is not None:
                    self._folders.setdefault(key, (option, name))
        return self

    def walk(self, option: str, *paths: PathLike) -> Inputs:
        """Count the folders among `paths` as walked under `option`, every folder under
        them included: a report folder anywhere below one is read by the next run. So is
        one the walk entered through a symbolic link, wherever it lies: the command's walk
        recorded those it followed (`followed`); a folder it did not walk to its end (a
        library caller that walked none) is walked here to find them."""
        for path in paths:
            walked = os.fspath(path) != "-" and os.path.isdir(path)
            if walked and (key := identity(path)) is not None:
                self._walked.setdefault(key, (option, os.fspath(path)))
                for folder, link in self._links(path, key).items():
                    self._linked.setdefault(folder, (option, link))
        return self

    def _links(self, path: PathLike, key: tuple[int, int]) -> Mapping[tuple[int, int], str]:
        """The folders the walk of `path` (`key`) entered through a symbolic link: as the
        command's walk recorded them, or as a walk made now finds them."""
        found = self._followed.of(key)
        if found is None:
            from .files.walk import expand_paths

            for _ in expand_paths([path], followed=self._followed):
                pass
            found = self._followed.of(key)
        return {} if found is None else found  # None: a folder that leads back, not walked

    def walked_over(self, folder: PathLike) -> tuple[str, str] | None:
        """(option, folder given) of a walked folder that is `folder` or holds it at any
        depth, found by identity (`folder` itself need not exist yet); else (option, link)
        of a folder the walk entered through a symbolic link under one that is or holds
        `folder`, wherever it lies."""
        for found in (self._walked, self._linked):
            here = os.path.realpath(folder)
            while found:
                key = identity(here)
                if key is not None and key in found:
                    return found[key]
                parent = os.path.dirname(here)
                if parent == here:
                    break
                here = parent
        return None

    def _add_stdin(self, option: str) -> None:
        """Standard input redirected from a file (`- < school.yaml`) is that file: an
        output naming it (`-o school.yaml`, `-o /dev/stdin`) would replace what is read.
        A pipe is an input too: `-o /dev/stdin` opens the pipe the command reads, and its
        report went into it, lost ("Wrote /dev/stdin"), or a batch's filled it and waited
        for ever (round 63). A terminal is none: `-o /dev/stdout` stays allowed."""
        try:
            found = os.fstat(sys.stdin.fileno())
        except (AttributeError, OSError, ValueError):  # none, closed, or no descriptor
            return
        if stat.S_ISREG(found.st_mode) or stat.S_ISFIFO(found.st_mode):
            self._files.setdefault((found.st_dev, found.st_ino), (option, STDIN_NAME))

    def standard_output(self) -> tuple[str, str] | None:
        """(option, input) if standard output is a regular file that is an input of the
        command (`report school.yaml >> school.yaml`: the report would be written onto the
        end of the review), else None: a terminal, a pipe, or a file that is no input."""
        found = standard_output_file()
        return None if found is None else self._files.get(found)

    def __len__(self) -> int:
        return len(self._files)

    def named_by(self, path: PathLike) -> tuple[str, str] | None:
        """(option, input) if `path` names an input of the command, else None."""
        found = identity(path)
        return None if found is None else self._files.get(found)

    def inside(self, folder: PathLike) -> tuple[str, str] | None:
        """(option, input) of an input directly inside `folder`, if there is one."""
        found = identity(folder)
        return None if found is None else self._folders.get(found)


def _is_device(name: str) -> bool:
    try:
        mode = os.stat(name).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(mode) or stat.S_ISBLK(mode)


def _is_socket(name: str) -> bool:
    try:
        return stat.S_ISSOCK(os.stat(name).st_mode)
    except (OSError, ValueError):
        return False


def _standard_input(name: str) -> tuple[str, str] | None:
    """What `name` is of the standard input, by any name (`/dev/stdin`, `/proc/self/fd/0`,
    the file or named pipe given as `< feed`), read or not by the command
    (`Inputs._add_stdin`): a pipe or a file, and what writing there does (`_STANDARD_INPUT`),
    else None (a terminal, a device, another file). `-o /dev/stdin` typed for `/dev/stdout`
    in a script fed by a pipe sent the output into it, lost ("Wrote /dev/stdin"), and a
    batch past the pipe's 64 KB waited for ever (round 64); in a script run as `script <
    answers.txt` it replaced the answers (round 65)."""
    try:
        found, stdin = os.stat(name), os.fstat(sys.stdin.fileno())
    except (AttributeError, OSError, ValueError):  # none, closed, or no descriptor
        return None
    if (found.st_dev, found.st_ino) != (stdin.st_dev, stdin.st_ino):
        return None
    return _STANDARD_INPUT.get(stat.S_IFMT(stdin.st_mode))


#: What standard input may be that `-o` by its name would lose, by its file type: what it
#: is, and what writing there does.
_STANDARD_INPUT: Final = {
    stat.S_IFIFO: ("pipe", "what is written there goes back into it, where nothing reads it"),
    stat.S_IFREG: ("file", "writing there would replace it"),
}


def check_target(
    target: PathLike,
    inputs: Inputs | None = None,
    *,
    document: bool = False,
    reread: bool = False,
) -> Path:
    """`target` if a file can be written there, else `OutputRefused`, before any work.

    Refused: a target that names an input (by any spelling), one the next run's walk of a
    folder it reads would read back (`Inputs.walk`), a directory, a read-only file,
    a name in a folder that does not exist, is not a folder or cannot be written in; for a
    `document` (a file holding one document) a JSON Lines name; for a file the command
    will `reread` (a review, a plan) a device or named pipe; a socket (nothing can open it
    to write); the pipe or file standard input is (nothing reads it; it would be replaced).
    A symbolic link is followed: the file it points to is the one written; a device or named
    pipe is written to (one nothing reads refused; one read kept open: `outputs.let_go`).
    """
    name = os.fspath(target)
    # A device is written to, never replaced: the same one among the inputs is refused as
    # an input, as with standard output sent there (`> /dev/null`). A named pipe both read
    # and written is refused here: opened to write, it would wait for a reader for ever.
    if inputs is not None and not _is_device(name) and (given := inputs.named_by(name)):
        option, original = given
        same = "" if os.path.normpath(original) == os.path.normpath(name) else f" (`{original}`)"
        raise OutputRefused(
            f"`{name}` is {option}{same}, which this command reads: writing there would "
            "replace it, so nothing was written",
            file=name,
            hint="choose another output file",
            code="output-is-input",
        )
    real = followed(name)
    if inputs is not None and (walked := _read_back(name, real, inputs)) is not None:
        option, original = walked
        raise OutputRefused(
            f"`{name}` is inside `{original}` ({option}), whose every folder this command "
            "reads: a file written there would be read as an input next time, so nothing "
            "was written",
            file=name,
            hint=f"write it outside `{original}`, or as a file it does not read",
            code="output-is-input",
        )
    if real.is_dir():
        raise OutputRefused(
            f"`{name}` is a directory; give a file name", file=name, code="output-is-directory"
        )
    if _names_folder(name):
        raise OutputRefused(
            f"`{name}` ends in a path separator, so it names a folder; give a file name",
            file=name,
            code="output-is-directory",
        )
    if _is_socket(name):  # no file to open: writing would fail only after the work
        raise OutputRefused(
            f"`{name}` is a socket, not a file: it cannot be written to; nothing was done",
            file=name,
            hint="give a file name",
            code="output-not-a-file",
        )
    if (why := no_file_at(name, KEPT)) is not None:  # a descriptor closed, or of ours
        raise OutputRefused(why, file=name, hint="give a file name", code="output-not-a-file")
    if (stdin := _standard_input(name)) is not None:
        kind, lost = stdin
        raise OutputRefused(
            f"`{name}` is the {kind} standard input comes from: {lost}, so nothing was written",
            file=name,
            hint="leave out -o to write to standard output, or give "
            + ("a file name" if kind == "pipe" else "another file name"),
            code="output-is-input",
        )
    if is_special(name):  # written to, not replaced: its folder does not matter
        if not reread and (alone := no_reader(name)) is not None:  # kept open if read
            raise OutputRefused(
                alone,
                file=name,
                hint="start its reader first, or give a file name",
                code="output-not-a-file",
            )
        if not reread:
            return Path(name)
        raise OutputRefused(
            f"`{name}` is not a regular file (a device or a named pipe), but this file is "
            "read again on the next run",
            file=name,
            hint="give a file name",
            code="output-not-a-file",
        )
    folder = folder_of(real)
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise OutputRefused(
            f"the folder `{folder}` {what}, so `{name}` cannot be written; nothing was done",
            file=name,
            hint=None if folder.exists() else "create it first or choose another place",
            code="output-folder-missing",
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputRefused(
            f"cannot write in the folder `{folder}` (permission denied), so `{name}` cannot "
            "be written; nothing was done",
            file=name,
            code="output-folder-read-only",
        )
    if is_read_only(real):
        raise OutputRefused(
            f"`{name}` is read-only; it was not replaced",
            file=name,
            hint="make it writable or choose another file",
            code="output-read-only",
        )
    if document and real.suffix.lower() in JSON_LINES:
        raise OutputRefused(
            f"`{name}` is a JSON Lines name, but one document is written here",
            file=name,
            hint="name it .yaml, .yml or .json",
            code="output-format",
        )
    fix(name)  # written where it leads now, whatever link is made there meanwhile
    return Path(name)


def _read_back(name: str, real: Path, inputs: Inputs) -> tuple[str, str] | None:
    """(option, folder given) of a folder the command walks that would read `name` back
    on the next run (a name the walk reads, YAML, JSON or JSON Lines, under it at any depth,
    as given or as the file a link points to), else None. A page or a table there is never
    read, nor a hidden name or one in a hidden folder, and a file named alone is not walked."""
    if Path(name).suffix not in _READ_BACK:
        return None
    for folder, file in ((os.path.dirname(os.path.abspath(name)), name), (real.parent, real)):
        walked = inputs.walked_over(folder)
        if walked is not None and not _hidden(walked[1], folder, os.path.basename(file)):
            return walked
    return None


def _hidden(top: str, folder: PathLike, name: str) -> bool:
    """Whether the walk of `top` passes by `name` in `folder` (under it): the name, or a
    folder between them, starts with a dot."""
    below = os.path.relpath(os.path.realpath(folder), os.path.realpath(top))
    parts = [part for part in Path(below).parts if part not in (".", "..")]
    return any(part.startswith(".") for part in (*parts, name))


def _names_folder(name: str) -> bool:
    """Whether `name` ends in a path separator (`new/`): a folder the user meant, though
    none is there yet. The system would drop the separator and write a file of that name."""
    return name.endswith(("/", os.sep)) or (os.altsep is not None and name.endswith(os.altsep))


def check_folder(
    folder: PathLike, inputs: Inputs | None = None, *, read_back: bool = False
) -> Path:
    """`folder` for one output per item (created if missing), else `OutputRefused`.

    A folder that directly holds an input is refused whatever the names written there would be:
    what is written into it would be read as input by the next run, and one name shared with an
    input would replace it. With `read_back` (files of a kind the command reads are to be
    written), so is a folder at any depth under a folder the command walks (`Inputs.walk`),
    unless hidden from the walk (`schools/.reports`): the first run would succeed and the next
    read its own reports as broken reviews, then refuse the folder for holding them.
    """
    path = Path(folder)
    name = os.fspath(folder)
    if inputs is not None and (given := inputs.inside(path)) is not None:
        option, original = given
        raise OutputRefused(
            f"`{name}` holds `{original}` ({option}), which this command reads: reports "
            "written there could replace an input and would be read as inputs next time, "
            "so nothing was written",
            file=name,
            hint="choose a folder that holds none of the inputs",
            code="output-is-input",
        )
    walked = inputs.walked_over(path) if read_back and inputs is not None else None
    if walked is not None and not _hidden(walked[1], path, ""):  # the walk passes by `.x`
        option, original = walked
        raise OutputRefused(
            f"`{name}` is inside `{original}` ({option}), whose every folder this command "
            "reads: reports written there would be read as inputs next time, so nothing "
            "was written",
            file=name,
            hint=f"choose a folder outside `{original}`, or a format it does not read",
            code="output-is-input",
        )
    if (why := no_file_at(name, KEPT)) is not None:  # as for `-o`, since round 70
        raise OutputRefused(why, file=name, hint="give a folder name", code="output-not-a-file")
    if path.exists() and not path.is_dir():
        raise OutputRefused(
            f"`{name}` is a file, not a folder", file=name, code="output-folder-missing"
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputRefused(
            f"cannot create the folder `{name}`: {reason}", file=name, code="output-folder"
        ) from None
    if not os.access(path, os.W_OK | os.X_OK):  # else each report fails, after all the work
        raise OutputRefused(
            f"cannot write in the folder `{name}` (permission denied); nothing was done",
            file=name,
            code="output-folder-read-only",
        )
    return path
