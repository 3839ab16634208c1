"""Atomic writes: a file is replaced whole or not at all, and errors name the file.

A temporary file is written beside the target (the same filesystem, so renaming it over the
target is atomic), flushed to disk, and renamed over the target at the end; on any error it
is removed and the target is as it was. Errors name the target the caller gave, not the
temporary file. `outputs` (which commands use) checks targets against the inputs.

A file `open_atomic` writes (`-o FILE`) stays open while plugin code runs: a plugin's
`os.dup2` over it had every report written elsewhere, and the empty file renamed into place.
So it is held (`_held.hold`): the program's `os.dup2` and `os.close` refuse it
(`isolation.descriptors`), which opens it again if plugin code closed it otherwise; and
it is renamed only if still open on the file made. Closed outside plugin code (a plugin's
file object on it freed later), it was found only at the next plugin call, every write
meanwhile failing or going elsewhere: each megabyte written first asks (`_held.Written`).
"""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO, Final, cast

from .._held import REPLACED, Written, file_of, hold, intact, let_go
from ..file_names import NAME_MAX, fit_bytes
from .pipes import reader_gone, standard_files, writing
from .saving_turns import turn_in
from .targets import followed, real_target, taken

__all__ = [
    "about",
    "can_sync_filesystem",
    "close_quietly",
    "discard",
    "folder_of",
    "is_read_only",
    "is_special",
    "open_atomic",
    "real_target",
    "replace_over",
    "sync_filesystem",
    "sync_folder",
    "temporary_beside",
    "write_all",
    "write_atomic",
    "write_new",
]

PathLike = str | os.PathLike[str]
_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


def folder_of(target: Path) -> Path:
    """The folder a file is in (`.` for a bare name)."""
    return target.parent if str(target.parent) else Path(".")


def is_read_only(path: PathLike, dir_fd: int | None = None) -> bool:
    """True for a file nobody may write: the mode, not `os.access`, which says yes to root
    (`dir_fd`: `path` is a name in that folder, held open, as each below)."""
    try:
        mode = os.stat(path, dir_fd=dir_fd).st_mode
    except OSError:
        return False
    return not mode & _WRITE_BITS or not os.access(path, os.W_OK, dir_fd=dir_fd)


def about(error: OSError, target: PathLike, *written: Path | None) -> OSError:
    """`error` about `target` when the system named no file, or one `written` for it (the
    temporary file, the file a link led to)."""
    named = error.filename
    if named is None or any(p is not None and named in (os.fspath(p), p) for p in written):
        if error.strerror is None:  # raised with a message only: keep it as the reason
            error.strerror = str(error)
        error.filename = os.fspath(target)
        error.filename2 = None
    return error


#: Random bytes in a temporary file's name (48 bits: a name already taken is retried), in hex
#: as `secrets.token_hex` writes `os.urandom`'s: `secrets` (hmac, hashlib) cost 10 M at start.
_TOKEN: Final = 6


def _temporary_name(target: Path, token: str) -> str:
    """A temporary file's name for `target`: hidden, within `NAME_MAX`, `token` its random part."""
    stem = fit_bytes(target.name, NAME_MAX - 24)
    return f".{stem}.{token}.tmp"


def temporary_beside(
    target: Path, noted: Callable[[Path], None] | None = None, held: int | None = None
) -> tuple[int, Path]:
    """A new, empty temporary file beside `target` (same filesystem, so renaming it over
    the target is atomic), open for writing; hidden, and named within `NAME_MAX`.

    Created with mode 0o666 so the umask applies as to any new file (no umask juggling,
    which is not thread-safe). `noted` is told each name before the file is made, so that
    a caller stopped (Ctrl-C, `kill`) as it is made can remove that one file, never another
    program's beside the same target (round 59: a batch's stop removed every one). `held`:
    the target's folder held open, in which it is made whatever its name leads to now."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        name = _temporary_name(target, os.urandom(_TOKEN).hex())
        temporary = folder_of(target) / name
        if noted is not None:
            noted(temporary)
        try:
            if held is None:
                return os.open(temporary, flags, 0o666), temporary
            return os.open(name, flags, 0o666, dir_fd=held), temporary
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
        except OSError as error:  # about the target, whatever name was tried
            raise about(error, target, temporary, Path(name)) from None


def write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]


def _refuse_read_only(target: Path, dir_fd: int | None = None) -> None:
    if is_read_only(target if dir_fd is None else target.name, dir_fd):
        why = "the file is read-only; it was not replaced"
        raise PermissionError(errno.EACCES, why, os.fspath(target))


def _keep_mode(temporary: Path, target: Path, dir_fd: int | None = None) -> None:
    """A replaced file keeps its permissions."""
    names = (temporary, target) if dir_fd is None else (temporary.name, target.name)
    try:
        mode = os.stat(names[1], dir_fd=dir_fd).st_mode
    except FileNotFoundError:
        return
    os.chmod(names[0], stat.S_IMODE(mode), dir_fd=dir_fd)


def is_special(path: PathLike, dir_fd: int | None = None) -> bool:
    """Whether `path` names something other than a regular file or a folder (a device,
    `/dev/null`, a named pipe, a socket, `/dev/stdout` on a pipe), or standard output's or
    error's file (`-o /dev/stdout >> log`): written through its descriptor, where the shell
    put it (before round 75 renamed over: `log`'s lines before lost, the shell's after)."""
    try:
        found = os.stat(path, dir_fd=dir_fd)
    except (OSError, ValueError):
        return False
    if stat.S_ISREG(found.st_mode):
        return (found.st_dev, found.st_ino) in standard_files()
    return not stat.S_ISDIR(found.st_mode)


def replace_over(temporary: Path, target: Path, held: int | None = None) -> None:
    """Rename `temporary` over `target`, unless `target` is read-only or not a regular file
    (renaming over `/dev/null` as root would replace the device). `held`: their folder held
    open, each looked up in it, never where its name leads now (`outputs.BatchWriter`)."""
    _keep_mode(temporary, target, held)
    _refuse_read_only(target, held)
    if is_special(target if held is None else target.name, held):
        why = "not a regular file (a device, a pipe or a socket); not replaced"
        raise PermissionError(errno.EPERM, why, os.fspath(target))
    if held is None:
        os.replace(temporary, target)
    else:
        os.replace(temporary.name, target.name, src_dir_fd=held, dst_dir_fd=held)


@contextmanager
def _streaming(path: PathLike) -> Iterator[int]:
    """`path`, a device or a named pipe, opened to write as checked (`outputs.pipes`)."""
    try:
        handle = writing(path)
    except OSError as error:
        raise about(error, path) from None
    try:
        yield handle
    except BrokenPipeError as error:  # standard output's, else said naming `path`
        raise about(reader_gone(error, handle), path) from None
    except OSError as error:
        raise about(error, path) from None
    finally:
        close_quietly(handle)


@contextmanager
def _replacing(path: PathLike, unchanged: Callable[[], None] | None = None) -> Iterator[int]:
    """An open temporary file beside the file `path` names, renamed over it (once flushed to
    disk, and `unchanged` has not raised) when the block ends without error, removed
    otherwise; `OSError`s name `path`. A device or a named pipe is written to instead,
    unless the name was checked as a file (`taken`: refused, `replace_over`) or `unchanged`
    raises first (a session's file made a device: before round 75 its save went there).
    Every rename takes its turn in the folder (`saving_turns`), so none lands between a
    session's last check and its rename: before round 78 `report -o review.yaml` there
    said "Wrote" and was replaced by the session's save at once."""
    fixed = taken(path)
    if fixed is None and is_special(path):
        if unchanged is not None:
            unchanged()
        with _streaming(path) as stream:
            yield stream
        return
    target = fixed or followed(path)
    named: list[Path] = []  # named before it is made: removed if a Ctrl-C comes as it is
    try:
        handle, temporary = temporary_beside(target, named.append)
        try:
            made = hold(handle, os.fspath(path))
            try:
                yield handle
            except OSError as error:  # closed outside plugin code: said as at the end
                if error.errno == errno.EBADF and file_of(handle) != made:
                    raise OSError(errno.EBADF, REPLACED) from None
                raise
            if not intact(handle, made):
                raise OSError(errno.EBADF, REPLACED)
            os.fsync(handle)
        finally:
            let_go(handle)
            close_quietly(handle)
        with turn_in(folder_of(target)):  # another save into the folder waits
            if unchanged is not None:  # the last moment: a file another program wrote is kept
                unchanged()
            replace_over(temporary, target)
    except BrokenPipeError:  # about standard output, not this file
        raise
    except OSError as error:
        raise about(error, path, named[-1] if named else None, target) from None
    finally:
        if named:
            discard(named[-1])


@contextmanager
def open_atomic(path: PathLike) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces `path` only when the block ends without error:
    readers see the old file or the whole new one, never a torn mix.

    The temporary file sits beside the target and is flushed to disk before it replaces
    the target, which keeps its permissions (a symbolic link is followed). A read-only
    target is not replaced; a device or a named pipe is written to, never replaced. An
    `OSError` of writing names `path`, never the temporary file; on any error the temporary
    file is removed and the target is as it was.
    """
    # A regular file is written a megabyte at a time: a JSON Lines batch writes 20 kB a
    # report, which would otherwise be one system call each, at twice the kernel's time.
    # A device or a pipe keeps the usual buffer, so that what follows it sees each part soon.
    if is_special(path):
        with _replacing(path) as handle, os.fdopen(handle, "wb", closefd=False) as stream:
            yield stream
        return
    with _replacing(path) as handle, io.BufferedWriter(Written(handle), _FILE_BUFFER) as stream:
        yield stream


_FILE_BUFFER: Final = 1 << 20


def discard(temporary: Path) -> None:
    with suppress(OSError):  # renamed over the target already, or never made
        os.unlink(temporary)


def write_atomic(
    path: PathLike, content: str | bytes, unchanged: Callable[[], None] | None = None
) -> None:
    """Write a file atomically (`open_atomic`); `unchanged` raises to keep it (`combine`)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with _replacing(path, unchanged) as handle:
        write_all(handle, data)


def write_new(candidates: Iterable[PathLike], content: str | bytes) -> Path:
    """Write `content` to the first of `candidates` that does not exist, and return it.

    Never replaces anything, even a file created a moment ago by another program: the
    complete temporary file is hard-linked to its name, which fails if the name is taken
    (where links are not supported, the name is created exclusively instead).
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    last: Path | None = None
    for candidate in candidates:
        last = Path(candidate)
        try:
            _link_new(last, data)
        except FileExistsError:
            continue
        except OSError as error:
            raise about(error, last) from None
        return last
    raise FileExistsError(errno.EEXIST, "every name tried is taken", os.fspath(last or ""))


def _link_new(target: Path, data: bytes) -> None:
    named: list[Path] = []  # as in `_replacing`
    try:
        handle, temporary = temporary_beside(target, named.append)
        try:
            write_all(handle, data)
            os.fsync(handle)
        finally:
            close_quietly(handle)
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (FAT, some network shares)
            _create_new(target, data)
    finally:
        if named:
            discard(named[-1])


def _create_new(target: Path, data: bytes) -> None:
    """Create `target` (never an existing file) holding `data`; removed if that fails."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    handle = os.open(target, flags, 0o666)
    try:
        write_all(handle, data)
        os.fsync(handle)
    except BaseException:
        close_quietly(handle)
        discard(target)
        raise
    os.close(handle)


def close_quietly(handle: int) -> None:
    with suppress(OSError):
        os.close(handle)


def sync_folder(folder: Path) -> None:
    """Make renames in `folder` durable; where a folder cannot be opened (Windows), there
    is nothing to do."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(handle)
    finally:
        os.close(handle)


def _load_syncfs() -> Callable[[int], int] | None:
    """Linux's `syncfs(2)` from the C library, or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):  # pragma: no cover - a C library without syncfs
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int
    return cast("Callable[[int], int]", function)


#: `syncfs(2)` (or None where there is none), loaded on first use; empty until then.
_SYNCFS: list[Callable[[int], int] | None] = []


def can_sync_filesystem() -> bool:
    """Whether `sync_filesystem` is available here (Linux): else files are flushed one by
    one (`os.fsync`)."""
    if not _SYNCFS:
        _SYNCFS.append(_load_syncfs())
    return _SYNCFS[0] is not None


def sync_filesystem(folder: Path | int) -> None:
    """Flush every file written on the filesystem holding `folder` to disk, in one call
    (`syncfs(2)`; `folder` by name or held open): what a batch writes is made durable at
    once rather than file by file, each `fsync` of which waits for a journal commit of its
    own. Raises `OSError` (`can_sync_filesystem` must be true)."""
    if not can_sync_filesystem():
        raise OSError(errno.ENOSYS, "syncfs is not available here")
    syncfs = _SYNCFS[0]
    assert syncfs is not None
    handle = folder if isinstance(folder, int) else os.open(folder, os.O_RDONLY)
    try:
        if syncfs(handle) != 0:
            import ctypes

            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code))
    finally:
        if not isinstance(folder, int):
            os.close(handle)
