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

import contextlib
import datetime as dt
import os
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

from .._names import JSON_SUFFIX
from ..file_names import NAME_MAX, fit_bytes, identity, name_key, safe_extension, safe_stem
from .atomic import (
    about,
    can_sync_filesystem,
    close_quietly,
    discard,
    open_atomic,
    replace_over,
    sync_filesystem,
    sync_folder,
    temporary_beside,
    write_all,
    write_atomic,
    write_new,
)
from .checks import Inputs, PathLike, check_folder, check_target
from .pipes import opened, standard_files
from .targets import taken

__all__ = [
    "NAME_MAX",
    "BatchWriter",
    "Inputs",
    "check_folder",
    "check_target",
    "identity",
    "let_go",
    "names_beside",
    "open_atomic",
    "safe_stem",
    "write_atomic",
    "write_new",
]


def let_go(target: PathLike) -> None:
    """What `check_target` kept for `target`, let go, for a library caller that checked an
    output and will not write it: the descriptor kept open on a named pipe is closed, so
    its reader sees the end now rather than when the process ends (before round 73 it was
    kept for the process's life), and the file the name led to is forgotten."""
    handle = opened(target)
    if handle is not None:
        close_quietly(handle)
    taken(target)


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
    temporary file; the caller reports them and goes on. So does every file once the
    folder's name leads elsewhere than the folder it named at the start (swapped for a
    link into an input's folder): nothing is written where the user did not ask, and
    what was pending is removed from the folder held open (`_moved`). Every file is made,
    renamed and removed by its name in the folder held (where a folder opens: not
    Windows), never by a path through the folder's name: a swap between that check and a
    rename cannot send a report elsewhere (before round 77 it could, for that group).
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
        #: The temporary file being made (named before it is made), until it is noted in
        #: `_pending`.
        self._making: Path | None = None
        #: The folder checked, held open (where a folder opens: not Windows), and its
        #: identity: the name swapped meanwhile for a link elsewhere is found (`_moved`).
        self._name = os.fspath(self.folder)  # looked at before each write: a `str` once
        self._held = _hold(self.folder)
        self._key = _key_of(self._held, self.folder)
        held = self._held
        self._let_go = None if held is None else weakref.finalize(self, close_quietly, held)
        #: Why nothing more is written, once the folder's name leads elsewhere.
        self._gone: str | None = None
        #: Standard output's and error's files, where each is one (`>> log`).
        self._standard = standard_files()

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        if kind is not None:
            pending, self._pending = self._pending, []
            for handle, temporary, _ in pending:
                if handle is not None:
                    close_quietly(handle)
                self._discard(temporary)
            if self._making is not None:  # named, perhaps made: only this one
                self._discard(self._making)
        if self._let_go is not None:  # the folder held, closed
            self._let_go()
        self._held = None

    def _discard(self, temporary: Path) -> None:
        """`temporary` removed from the folder held, where it was made (its name may lead
        elsewhere by now), else by its name."""
        if self._held is None:
            discard(temporary)
            return
        with contextlib.suppress(OSError):
            os.unlink(temporary.name, dir_fd=self._held)

    def _named(self, *paths: Path) -> tuple[Path, ...]:
        """`paths` as an error of a call in the folder held names them (by name alone), for
        `about` to name the target instead."""
        return () if self._held is None else tuple(Path(p.name) for p in paths)

    def _moved(self) -> str | None:
        """Why nothing more is written, if the folder's name no longer leads to the folder
        checked at the start (swapped for a link into an input's folder, renamed, removed):
        before round 76 the reports went wherever it led now, where the user did not ask."""
        if self._gone is None and self._key is not None and identity(self._name) != self._key:
            self._gone = (
                f"its folder `{self.folder}` was replaced or moved while the batch ran (the "
                "name leads elsewhere now), so nothing more is written there"
            )
        return self._gone

    def _note_making(self, temporary: Path) -> None:
        self._making = temporary

    def name(self, stem: str, extension: str) -> Path:
        """A free name for `stem` (any text: made safe) with `extension`, now taken. Whether
        it names an input is asked of the folder held, where the file will be renamed, not
        through the folder's name: before round 78 a name swapped for another folder just
        then (and back before `_moved` looks) was checked there, and the report replaced a
        hard link to an input in the folder held."""
        suffix = safe_extension(extension)
        budget = NAME_MAX - len(suffix.encode("utf-8")) - 8  # room for `-NNNNNNN`
        base = safe_stem(stem, max_bytes=budget)
        held = self._held
        number = 1
        while True:
            name = f"{base}{suffix}" if number == 1 else f"{base}-{number}{suffix}"
            path = self.folder / name
            key = identity(path if held is None else name, dir_fd=held)
            if name_key(name) not in self._taken and not self._kept(key):
                self._taken.add(name_key(name))
                return path
            number += 1

    def _kept(self, key: tuple[int, int] | None) -> bool:
        """Whether the file of `key` may not be replaced: an input, or standard output's or
        error's file (`>> out/s0.json`), which is written through its descriptor and never
        replaced (`atomic.is_special`): before round 78 that report was not written, "not a
        regular file (a device, a pipe or a socket)"; it is written beside it now (`-2`)."""
        return key is not None and (
            key in self._standard or self._inputs.identified(key) is not None
        )

    def write(self, stem: str, extension: str, content: str | bytes) -> Path:
        """Write `content` under a free name for `stem` (see the class); `OSError` naming
        the target if it cannot be written."""
        target = self.name(stem, extension)
        if (gone := self._moved()) is not None:
            raise about(OSError(gone), target)
        data = content.encode("utf-8") if isinstance(content, str) else content
        # Pending from the moment it exists, so that an interrupt (Ctrl-C, `kill`) leaves it
        # to the `with` block to remove; one that comes as it is made leaves `_making`, its
        # name, told before it is made.
        try:
            handle, temporary = temporary_beside(target, self._note_making, self._held)
        except OSError as error:
            self._making = None
            raise about(error, target) from None
        self._pending.append((handle, temporary, target))
        self._making = None
        try:
            write_all(handle, data)
        except OSError as error:
            self._pending.pop()
            close_quietly(handle)
            self._discard(temporary)
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
        if (gone := self._moved()) is not None:  # none renamed into where it leads now
            for handle, temporary, target in pending:
                if handle is not None:
                    close_quietly(handle)
                self._discard(temporary)
                failed.append(about(OSError(gone), target))
            self._pending = []
            return failed
        # Kept pending until renamed, so that an interrupt while they are flushed leaves
        # them to the `with` block to remove (one already renamed is gone: nothing to do).
        if self._at_once:
            synced = self._synced_at_once(pending, failed)
        else:
            synced = synced_each(pending, failed, self._discard)
            self._pending = [(None, temporary, target) for _, temporary, target in pending]
        for temporary, target in synced:
            try:
                replace_over(temporary, target, self._held)
                self.written.append(target)
            except OSError as error:
                self._discard(temporary)
                failed.append(about(error, target, temporary, *self._named(temporary, target)))
        self._pending = []
        if synced:
            self._sync_folder()
        return failed

    def _sync_folder(self) -> None:
        """The renames made durable: in the folder held (`sync_folder` by name elsewhere)."""
        if self._held is None:
            sync_folder(self.folder)
            return
        with contextlib.suppress(OSError):
            os.fsync(self._held)

    def _synced_at_once(
        self, pending: list[tuple[int | None, Path, Path]], failed: list[OSError]
    ) -> list[tuple[Path, Path]]:
        """The (temporary, target) pairs of `pending`, flushed to disk in one call; if
        that fails, none is: each is removed and its error, naming its target, added to
        `failed` (nothing is known to be on disk, so nothing is renamed over a file)."""
        try:
            sync_filesystem(self.folder if self._held is None else self._held)
        except OSError as error:
            for _, temporary, target in pending:
                self._discard(temporary)
                failed.append(about(type(error)(error.errno, error.strerror), target))
            return []
        return [(temporary, target) for _, temporary, target in pending]


def _hold(folder: Path) -> int | None:
    """`folder` opened, or None where a folder cannot be opened (Windows) or it is not
    there (a library caller's folder not made yet: nothing is compared)."""
    try:
        return os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None


def _key_of(held: int | None, folder: Path) -> tuple[int, int] | None:
    """(device, inode) of the folder held, else of what `folder` names now."""
    if held is None:
        return identity(folder)
    found = os.fstat(held)
    return found.st_dev, found.st_ino


def synced_each(
    pending: list[tuple[int | None, Path, Path]],
    failed: list[OSError],
    removed: Callable[[Path], None] = discard,
) -> list[tuple[Path, Path]]:
    """The (temporary, target) pairs of `pending` each flushed to disk (`os.fsync`);
    one that cannot be is `removed` and its error, naming its target, added to
    `failed`."""
    synced: list[tuple[Path, Path]] = []
    for handle, temporary, target in pending:
        assert handle is not None  # kept open to be flushed here
        try:
            os.fsync(handle)
            synced.append((temporary, target))
        except OSError as error:
            removed(temporary)
            failed.append(about(error, target, temporary))
        finally:
            close_quietly(handle)
    return synced
