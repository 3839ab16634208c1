"""A named pipe given as an output (`-o feed`, made with `mkfifo`): opened to write when the
output is checked, before any work, without waiting for a reader (`O_NONBLOCK`), and kept
open until the command writes there (`atomic`), which takes it (`opened`).

SPEC section 7 refuses special files "without blocking". Before round 72 `-o feed` with
nothing reading it passed every check, the command did all its work, then waited for a
reader for ever (Ctrl-C: "Aborted!"). Opened and closed again at the check, a reader there
(`cat feed`) would see the pipe's end at once and go, and the writing wait for ever again:
so the descriptor is kept, held as the program's own (`_held.kept`: plugin code may not
close it), and a reader waiting sees the report when it comes, then the end.

Standard output is left to the group (`cli`): a pipe whose reader went away there ends the
command quietly, exit 0, whatever name reaches it (`-o /dev/stdout | true`). A pipe named
by `-o` whose reader went away before all was written is said (`reader_gone`): before round
73 the command ended as quietly, exit 0, and said neither "Wrote" nor why, the output lost.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys

from ._held import KEPT, file_of, kept
from .file_names import identity

__all__ = ["no_reader", "opened", "reader_gone"]

#: Each named pipe checked as an output (device, inode), and the descriptor kept on it.
_OPENED: dict[tuple[int, int], int] = {}


def no_reader(name: str) -> str | None:
    """Why `name`, a named pipe that nothing reads, has no one to write to, or None: a pipe
    with a reader (its descriptor kept for `opened`), or anything else. What cannot be
    opened for another reason is told by the writing, as before."""
    try:
        found = os.stat(name)
    except (OSError, ValueError):
        return None
    key = (found.st_dev, found.st_ino)
    if not stat.S_ISFIFO(found.st_mode) or key in _OPENED or key == _standard_output():
        return None
    try:
        handle = os.open(name, os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if error.errno != errno.ENXIO:  # ENXIO: no process has the pipe open to read
            return None
        return (
            f"`{name}` is a named pipe that nothing reads: what is written there would wait "
            "for a reader for ever, so nothing was done"
        )
    os.set_blocking(handle, True)  # written as any pipe is: waiting while it is full
    _OPENED[key] = kept(handle)
    return None


def _standard_output() -> tuple[int, int] | None:
    try:
        found = os.fstat(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def opened(path: str | os.PathLike[str]) -> int | None:
    """The descriptor `no_reader` kept open on the named pipe `path`, taken: the caller
    writes there and closes it. None if there is none, or it is no longer open on that
    pipe (closed, another file at its number: left as it is). For standard output's own
    named pipe (`-o /dev/stdout`), a copy of its descriptor (`_standard_copy`)."""
    key = identity(path)
    handle = None if key is None else _OPENED.pop(key, None)
    if handle is None:
        return _standard_copy(key)
    KEPT.discard(handle)
    return handle if file_of(handle) == key else None


def _standard_copy(key: tuple[int, int] | None) -> int | None:
    """A copy of standard output's descriptor when `key` is its named pipe, else None.

    Opened again by its name, such a pipe whose reader went away waited for a new reader for
    ever (round 73's sweep: `-o /dev/stdout > feed`, `feed`'s reader gone); written through
    the descriptor the program has, the write meets the broken pipe at once and the command
    ends quietly, as it does without `-o`."""
    if key is None or key != _standard_output():
        return None
    try:
        if not stat.S_ISFIFO(os.fstat(sys.stdout.fileno()).st_mode):
            return None  # a terminal or a device: opened by its name, as ever
        handle = os.dup(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        return None
    with contextlib.suppress(AttributeError, OSError, ValueError):  # a broken pipe: met below
        sys.stdout.flush()  # what was printed before comes first
    return handle


def reader_gone(error: BrokenPipeError, handle: int) -> OSError:
    """What a write to `handle` that met a pipe with no reader (`error`) tells: `error`
    itself on standard output's pipe (the group ends quietly, exit 0, as `| head` asks),
    else that the output named was not written whole."""
    if file_of(handle) == _standard_output():
        return error
    return OSError(
        "its reader went away before all was written there (a broken pipe): the rest of "
        "the output was lost"
    )
