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

A name checked as a device or a named pipe (`_CHECKED`) that is a named pipe nothing reads
at the write (another program's, made there meanwhile) is refused there (`writing`), not
waited for: before round 74 the command did all its work and then waited for ever. A name
never checked (a library caller's `write_atomic(fifo)`) is opened as ever, waiting for its
reader.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from typing import TextIO

from .._held import KEPT, file_of, kept
from ..file_names import identity
from .targets import noted

__all__ = [
    "no_reader",
    "opened",
    "reader_gone",
    "standard_files",
    "standard_stream_of",
    "writing",
]

#: Each named pipe checked as an output (device, inode), and the descriptor kept on it.
_OPENED: dict[tuple[int, int], int] = {}
#: Each name checked as a device or a named pipe (absolute) and not written since, the
#: oldest first, with the pipe whose descriptor its check kept (None: none); no more than
#: `MAX_FIXED`, as `outputs.targets` keeps (`noted`).
_CHECKED: dict[str, tuple[int, int] | None] = {}


def no_reader(name: str) -> str | None:
    """Why `name`, a named pipe that nothing reads, has no one to write to, or None: a pipe
    with a reader (its descriptor kept for `opened`), or anything else. What cannot be
    opened for another reason is told by the writing, as before. The name is noted as
    checked (`writing`), unless refused."""
    try:
        found = os.stat(name)
    except (OSError, ValueError):
        return None
    noted(_CHECKED, os.path.abspath(name), None)
    if _OPENED:
        _let_go_unnoted()
    key = (found.st_dev, found.st_ino)
    if not stat.S_ISFIFO(found.st_mode) or key in _OPENED or key == _standard_output():
        return None
    try:
        handle = os.open(name, os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if error.errno != errno.ENXIO:  # ENXIO: no process has the pipe open to read
            return None
        del _CHECKED[os.path.abspath(name)]  # refused: not checked for a write
        return (
            f"`{name}` is a named pipe that nothing reads: what is written there would wait "
            "for a reader for ever, so nothing was done"
        )
    os.set_blocking(handle, True)  # written as any pipe is: waiting while it is full
    _OPENED[key] = kept(handle)
    _CHECKED[os.path.abspath(name)] = key
    return None


def _let_go_unnoted() -> None:
    """Close each descriptor kept on a pipe whose name is no longer noted (`noted` lets the
    oldest go past `MAX_FIXED`, a long-lived library caller's): before round 75 it stayed
    open for the process's life, where nothing could find it, its reader never at the end."""
    still = set(_CHECKED.values())
    for key in [key for key in _OPENED if key not in still]:
        handle = _OPENED.pop(key)
        KEPT.discard(handle)
        with contextlib.suppress(OSError):
            os.close(handle)


def writing(path: str | os.PathLike[str]) -> int:
    """A descriptor open to write the device or named pipe `path`: the one kept at its
    check (`opened`); else, for a name checked (`no_reader`), opened without waiting for a
    reader, and `OSError` if it is a named pipe that nothing reads (one made there since,
    or a link to one: before round 74 the command waited for ever); else, a name never
    checked, opened as `open` does, a named pipe waiting for its reader."""
    waiting = os.path.abspath(path) not in _CHECKED or not hasattr(os, "O_NONBLOCK")
    handle = opened(path)  # and the name let go
    if handle is not None:
        return handle
    flags = os.O_WRONLY | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags if waiting else flags | os.O_NONBLOCK)
    except OSError as error:
        if waiting or error.errno != errno.ENXIO:  # ENXIO: a named pipe nothing reads
            raise
        raise OSError(errno.ENXIO, _made_since(path)) from None
    if not waiting:
        os.set_blocking(handle, True)  # written as any pipe or device is
    return handle


def _made_since(path: str | os.PathLike[str]) -> str:
    """What a checked name that cannot be opened without waiting (ENXIO) has become: a
    named pipe nothing reads, or a socket (which no one can open)."""
    try:
        socket = stat.S_ISSOCK(os.stat(path).st_mode)
    except (OSError, ValueError):
        socket = False
    if socket:
        return (
            "a socket, made there since it was checked: nothing can open it to write, so "
            "nothing was written"
        )
    return (
        "a named pipe that nothing reads, made there since it was checked: what is written "
        "there would wait for a reader for ever, so nothing was written"
    )


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
    named pipe (`-o /dev/stdout`), a copy of its descriptor (`_standard_copy`). The name is
    no longer noted as checked (`_CHECKED`); a descriptor its check kept on another pipe
    (one put in its place since) is closed, so that pipe's reader sees its end now."""
    checked = _CHECKED.pop(os.path.abspath(path), None)
    key = identity(path)
    if checked is not None and checked != key and (old := _OPENED.pop(checked, None)):
        KEPT.discard(old)
        with contextlib.suppress(OSError):
            os.close(old)
    handle = None if key is None else _OPENED.pop(key, None)
    if handle is None:
        return _standard_copy(key)
    KEPT.discard(handle)
    return handle if file_of(handle) == key else None


def _standard_copy(key: tuple[int, int] | None) -> int | None:
    """A copy of standard output's descriptor when `key` is its named pipe or its file,
    else None.

    Opened again by its name, such a pipe whose reader went away waited for a new reader for
    ever (round 73's sweep: `-o /dev/stdout > feed`, `feed`'s reader gone); written through
    the descriptor the program has, the write meets the broken pipe at once and the command
    ends quietly, as it does without `-o`. Its file (`-o /dev/stdout >> log`, `atomic.
    is_special`) is written where the shell put it: opened by its name, at its start, the
    lines before were written over (round 75)."""
    if key is None:
        return None
    if key != _standard_output():  # standard error's file (`-o /dev/stderr 2>> log`) too
        return _copy(sys.stderr) if key in standard_files() else None
    try:
        mode = os.fstat(sys.stdout.fileno()).st_mode
        if not (stat.S_ISFIFO(mode) or stat.S_ISREG(mode)):
            return None  # a terminal or a device: opened by its name, as ever
    except (AttributeError, OSError, ValueError):
        return None
    return _copy(sys.stdout)


def _copy(stream: TextIO) -> int | None:
    """A copy of `stream`'s descriptor, what was printed there before flushed first."""
    try:
        handle = os.dup(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return None
    with contextlib.suppress(AttributeError, OSError, ValueError):  # a broken pipe: met below
        stream.flush()
    return handle


def standard_files() -> set[tuple[int, int]]:
    """(device, inode) of standard output and error where each is a regular file (`>>
    log`): written through their descriptors, never replaced (`atomic.is_special`)."""
    found: set[tuple[int, int]] = set()
    for stream in (sys.stdout, sys.stderr):
        try:
            status = os.fstat(stream.fileno())
        except (AttributeError, OSError, ValueError):
            continue
        if stat.S_ISREG(status.st_mode):
            found.add((status.st_dev, status.st_ino))
    return found


def standard_stream_of(path: str | os.PathLike[str]) -> str | None:
    """Which stream is sent to the regular file `path` names (`>> log`, `2>> log`):
    "standard output" (first, where both are) or "standard error", else None. For the
    refusal of a file a command reads again (`outputs.checks`), which named it a device
    before round 76."""
    key = identity(path)
    if key is None:
        return None
    for stream, name in ((sys.stdout, "standard output"), (sys.stderr, "standard error")):
        try:
            status = os.fstat(stream.fileno())
        except (AttributeError, OSError, ValueError):
            continue
        if stat.S_ISREG(status.st_mode) and (status.st_dev, status.st_ino) == key:
            return name
    return None


def reader_gone(error: BrokenPipeError, handle: int) -> OSError:
    """What a write to `handle` that met a pipe with no reader (`error`) tells: `error`
    itself on standard output's pipe (the group ends quietly, exit 0, as `| head` asks),
    else that the output named was not written whole."""
    if file_of(handle) == _standard_output():
        return error
    return OSError(
        "its reader went away before all was written there (a broken pipe): the rest of "
        "the output was lost (a reader that stops early, as `head` does, ends the command "
        "quietly only on standard output: leave out -o and pipe it, `| head`)"
    )
