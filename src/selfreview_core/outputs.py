"""Writing outputs: the one path every file a command writes goes through.

SPEC section 7: no output ever overwrites an input, and a batch goes on after one failed
write. So every write knows the command's inputs (by device and inode, so `./x.json`, a
symbolic link or a hard link to an input is recognised as that input), refuses to replace
one before anything is written, never leaves a half-written file (`atomic`), and names the
real target in every error, never a temporary file. Batches choose safe, unique file names
(`file_names`): no path separators or control characters, no Windows device names, at most
255 bytes.

Nothing here imports pydantic: the CLI checks its outputs before any heavy import.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from ._names import JSON_LINES, JSON_SUFFIX, STDIN_NAME
from .atomic import (
    about,
    can_sync_filesystem,
    close_quietly,
    discard,
    folder_of,
    is_read_only,
    is_special,
    open_atomic,
    real_target,
    replace_over,
    sync_filesystem,
    sync_folder,
    synced_each,
    temporaries_beside,
    temporary_beside,
    write_all,
    write_atomic,
    write_new,
)
from .errors import OutputRefused
from .file_names import NAME_MAX, fit_bytes, identity, name_key, safe_extension, safe_stem

__all__ = [
    "NAME_MAX",
    "BatchWriter",
    "Inputs",
    "check_folder",
    "check_target",
    "identity",
    "names_beside",
    "open_atomic",
    "safe_stem",
    "write_atomic",
    "write_new",
]

PathLike = str | os.PathLike[str]


def names_beside(path: Path, word: str, when: dt.datetime) -> Iterator[Path]:
    """`NAME.WORD-TIME.EXT`, then numbered: names beside `path` for a version that must
    not go over it (another program changed or made `path` meanwhile), written as `path`
    is (`.json`, else its own suffix, else `.yaml`), each within `NAME_MAX` bytes; give
    them to `write_new`, which takes the first that is free."""
    json = path.name.lower().endswith(JSON_SUFFIX)
    suffix = JSON_SUFFIX if json else (path.suffix or ".yaml")
    stamp = when.strftime("%Y%m%dT%H%M%S")
    for number in range(1, 1000):
        tail = f".{word}-{stamp}" + (f"-{number}" if number > 1 else "") + suffix
        name = fit_bytes(path.name, NAME_MAX - len(tail.encode("utf-8")))
        yield path.with_name(name + tail)


class Inputs:
    """The files a command reads, each with the option (or argument) that named it.

    Known by identity, not by spelling: every way of naming an input (another relative
    path, a symbolic link, a hard link, another case on a case-insensitive disk) is found.
    """

    def __init__(self) -> None:
        self._files: dict[tuple[int, int], tuple[str, str]] = {}
        self._folders: dict[tuple[int, int], tuple[str, str]] = {}
        self._folder_names: set[str] = set()

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

    def _add_stdin(self, option: str) -> None:
        """Standard input redirected from a file (`- < school.yaml`) is that file: an
        output naming it (`-o school.yaml`, `-o /dev/stdin`) would replace what is read.
        A pipe or a terminal is no file to replace: `-o /dev/stdout` stays allowed."""
        try:
            found = os.fstat(sys.stdin.fileno())
        except (AttributeError, OSError, ValueError):  # none, closed, or no descriptor
            return
        if stat.S_ISREG(found.st_mode):
            self._files.setdefault((found.st_dev, found.st_ino), (option, STDIN_NAME))

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


def check_target(
    target: PathLike,
    inputs: Inputs | None = None,
    *,
    document: bool = False,
    reread: bool = False,
) -> Path:
    """`target` if a file can be written there, else `OutputRefused`, before any work.

    Refused: a target that names an input (by any spelling), a directory, a read-only file,
    a name in a folder that does not exist, is not a folder or cannot be written in; for a
    `document` (a file holding one document) a JSON Lines name; for a file the command
    will `reread` (a review, a plan) a device or named pipe. A symbolic link is followed:
    the file it points to is the one written; a device or named pipe is written to.
    """
    name = os.fspath(target)
    if inputs is not None and (given := inputs.named_by(name)) is not None:
        option, original = given
        same = "" if os.path.normpath(original) == os.path.normpath(name) else f" (`{original}`)"
        raise OutputRefused(
            f"`{name}` is {option}{same}, which this command reads: writing there would "
            "replace it, so nothing was written",
            file=name,
            hint="choose another output file",
            code="output-is-input",
        )
    real = real_target(name)
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
    if is_special(name):  # written to, not replaced: its folder does not matter
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
    return Path(name)


def _names_folder(name: str) -> bool:
    """Whether `name` ends in a path separator (`new/`): a folder the user meant, though
    none is there yet. The system would drop the separator and write a file of that name."""
    return name.endswith(("/", os.sep)) or (os.altsep is not None and name.endswith(os.altsep))


def check_folder(folder: PathLike, inputs: Inputs | None = None) -> Path:
    """`folder` for one output per item (created if missing), else `OutputRefused`.

    A folder that directly holds an input is refused whatever the names written there
    would be: what is written into it would be read as input by the next run, and one
    name shared with an input would replace it.
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
    return path


# -- batches ----------------------------------------------------------------------------------


class BatchWriter:
    """Files written one after another into one folder, as a batch.

    Each file is written whole to a temporary file and renamed over its name, so nothing
    half-written is ever seen. None replaces an input of the command (by identity) or a
    file written earlier in the same batch (two schools whose names fold to one on a
    case-insensitive disk): the later one gets a numbered name (`-2`, `-3`, ...). A file
    left by an earlier run is replaced, as re-running a batch should.

    Temporary files are flushed to disk in groups of `group` (by default 512 where the
    whole group is flushed at once, else 64) before they are renamed, so
    no replaced file is left empty by a crash. Where the system can flush a whole
    filesystem in one call (Linux's `syncfs`), a group costs one flush, not one `fsync`
    a file (each waits for a journal commit of its own: milliseconds a file), and each
    file is closed as soon as it is written, so a group holds no open files; elsewhere
    each file is flushed with `os.fsync`. `write` returns the name at once; the file
    appears at the next `flush` (call it when `due()`, and at the end). Leaving the `with`
    block by an exception removes what is pending.
    `write` raises, and `flush` returns, `OSError`s that name the target, never a
    temporary file; the caller reports them and goes on.
    """

    def __init__(self, folder: PathLike, inputs: Inputs | None = None, *, group: int | None = None):
        self.folder = Path(folder)
        self._inputs = inputs or Inputs()
        #: Whether a flush is one `sync_filesystem` (each file closed once written).
        self._at_once = can_sync_filesystem()
        if group is None:  # open files are held only where each is flushed on its own
            group = 512 if self._at_once else 64
        self._group = max(1, group)
        self._taken: set[str] = set()
        #: (open handle, or None once closed; temporary file; target) of each file waiting.
        self._pending: list[tuple[int | None, Path, Path]] = []
        #: Every file written so far, in order.
        self.written: list[Path] = []
        #: The target whose temporary file is being made, until it is noted in `_pending`.
        self._making: Path | None = None

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        if kind is not None:
            pending, self._pending = self._pending, []
            for handle, temporary, _ in pending:
                if handle is not None:
                    close_quietly(handle)
                discard(temporary)
            if self._making is not None:
                for temporary in temporaries_beside(self._making):
                    discard(temporary)

    def name(self, stem: str, extension: str) -> Path:
        """A free name for `stem` (any text: made safe) with `extension`, now taken."""
        suffix = safe_extension(extension)
        budget = NAME_MAX - len(suffix.encode("utf-8")) - 8  # room for `-NNNNNNN`
        base = safe_stem(stem, max_bytes=budget)
        number = 1
        while True:
            name = f"{base}{suffix}" if number == 1 else f"{base}-{number}{suffix}"
            path = self.folder / name
            if name_key(name) not in self._taken and self._inputs.named_by(path) is None:
                self._taken.add(name_key(name))
                return path
            number += 1

    def write(self, stem: str, extension: str, content: str | bytes) -> Path:
        """Write `content` under a free name for `stem` (see the class); `OSError` naming
        the target if it cannot be written."""
        target = self.name(stem, extension)
        data = content.encode("utf-8") if isinstance(content, str) else content
        # Pending from the moment it exists, so that an interrupt (Ctrl-C, `kill`) leaves it
        # to the `with` block to remove; one that comes as it is made leaves `_making`.
        self._making = target
        try:
            handle, temporary = temporary_beside(target)
        except OSError as error:
            raise about(error, target) from None
        self._pending.append((handle, temporary, target))
        self._making = None
        try:
            write_all(handle, data)
        except OSError as error:
            self._pending.pop()
            close_quietly(handle)
            discard(temporary)
            raise about(error, target, temporary) from None
        if self._at_once:  # flushed with the others by `sync_filesystem`
            self._pending[-1] = (None, temporary, target)
            os.close(handle)
        return target

    def due(self) -> bool:
        """Whether a group is complete and should be flushed."""
        return len(self._pending) >= self._group

    def flush(self) -> list[OSError]:
        """Flush what is pending to disk and rename each file over its name; the errors of
        those that could not be, each naming its target (its temporary file removed)."""
        pending = self._pending
        failed: list[OSError] = []
        if not pending:
            return failed
        # Kept pending until renamed, so that an interrupt while they are flushed leaves
        # them to the `with` block to remove (one already renamed is gone: nothing to do).
        if self._at_once:
            synced = self._synced_at_once(pending, failed)
        else:
            synced = synced_each(pending, failed)
            self._pending = [(None, temporary, target) for _, temporary, target in pending]
        for temporary, target in synced:
            try:
                replace_over(temporary, target)
                self.written.append(target)
            except OSError as error:
                discard(temporary)
                failed.append(about(error, target, temporary))
        self._pending = []
        if synced:
            sync_folder(self.folder)
        return failed

    def _synced_at_once(
        self, pending: list[tuple[int | None, Path, Path]], failed: list[OSError]
    ) -> list[tuple[Path, Path]]:
        """The (temporary, target) pairs of `pending`, flushed to disk in one call; if
        that fails, none is: each is removed and its error, naming its target, added to
        `failed` (nothing is known to be on disk, so nothing is renamed over a file)."""
        try:
            sync_filesystem(self.folder)
        except OSError as error:
            for _, temporary, target in pending:
                discard(temporary)
                failed.append(about(type(error)(error.errno, error.strerror), target))
            return []
        return [(temporary, target) for _, temporary, target in pending]
