"""The descriptors of the files the program is writing now (`atomic.open_atomic`: the
temporary file of `-o FILE`), which plugin code may neither close nor put another file
over: the program's `os.dup2`, `os.close` and `os.closerange` refuse to
(`isolation.descriptors`); and what tells whether a descriptor is still open on the
file it was (`file_of`), which both ask. Here, below both, so that neither imports the
other, and nothing heavy: the command line imports it at its start.

A file object a plugin opens on such a descriptor closes it as it is closed or freed
(`os.fdopen(fd).close()`: a stale number of its own closed twice), past any refusal:
every report was lost, "out.json: Bad file descriptor". So each is held with a copy
(`COPIES`, not inherited by programs started), from which `isolation.descriptors` opens
it again at its number when plugin code has run; and it is made inheritable meanwhile,
as no descriptor Python makes is (PEP 446), so that the one check it makes of the
standard descriptors after every plugin call (`os.get_inheritable`) finds it closed, or
another made in its place, at the cost of one system call.

The program's own descriptors (`KEPT`: those copies, the copies of the standard
descriptors, the folder it started in) may not be closed or replaced either: closed,
the file they keep could not be opened again.

Closed outside plugin code (a file object of a plugin's freed by the collector, or by
the program letting go of what it was tied to, or closed by a plugin's thread), one was
found only after the next plugin call, and the program's writes meanwhile failed ("Bad
file descriptor", every report lost) or went to whatever file its next `open()` made at
that number. So a writer asks, before each write to the system (a megabyte at a time),
whether its descriptor is still the file made (`intact`), which `REPAIR` (the command's)
opens again first if it was closed; and a write to standard output that fails so is
made again once `REPAIR` has put it back (`put_back`).
"""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Callable, Iterable
from contextlib import suppress
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

__all__ = [
    "COPIES",
    "KEPT",
    "REPAIR",
    "REPLACED",
    "WRITING",
    "Written",
    "above_standard",
    "file_of",
    "hold",
    "intact",
    "kept",
    "let_go",
    "put_back",
]

#: Each added when its file is made, and removed before the program closes it.
WRITING: set[int] = set()
#: Each of `WRITING`: a copy of it, the file it is open on, and the name the user gave.
COPIES: dict[int, tuple[int, tuple[int, int] | None, str]] = {}
#: Descriptors the program keeps open for itself, which no one else may close.
KEPT: set[int] = set()
#: What puts back at once each kept descriptor closed, said, and returns what it did, by
#: what it was done to ("descriptor 1", "writing 7"): `isolation.descriptors`, in the
#: command's process; empty in a program embedding the engine.
REPAIR: list[Callable[[], Iterable[str]]] = []

#: The system's own function, as it is before `isolation.descriptors` makes it refuse.
_close = os.close


def kept(descriptor: int) -> int:
    """`descriptor`, a copy or a folder the program keeps open, moved above the standard
    numbers (`above_standard`) and noted in `KEPT`: what it now is."""
    moved = above_standard(descriptor)
    KEPT.add(moved)
    return moved


def above_standard(descriptor: int) -> int:
    """`descriptor`, if it is 0, 1 or 2, moved to the lowest free number above them (not
    inherited): a command started with standard input or output closed (`<&-`, `>&-`)
    has those numbers free, and a descriptor the program kept there passed for the
    standard one ("File '/dev/stdin' is a directory": the folder it started in; `-`
    read from a copy of standard output)."""
    if descriptor > 2:
        return descriptor
    try:
        import fcntl  # POSIX alone, where a closed standard descriptor's number is reused
    except ImportError:  # pragma: no cover - Windows
        return descriptor
    moved = fcntl.fcntl(descriptor, fcntl.F_DUPFD_CLOEXEC, 3)
    _close(descriptor)
    return moved


def file_of(descriptor: int) -> tuple[int, int] | None:
    """The file `descriptor` is open on (device, inode); None if it is closed."""
    try:
        found = os.fstat(descriptor)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def hold(descriptor: int, name: str) -> tuple[int, int] | None:
    """`descriptor`, open on the file `name` the program is writing, held (see the
    module); the file it is open on."""
    made = file_of(descriptor)
    copy = kept(os.dup(descriptor))
    os.set_inheritable(descriptor, True)
    WRITING.add(descriptor)
    COPIES[descriptor] = (copy, made, name)
    return made


def let_go(descriptor: int) -> None:
    """`descriptor` no longer held, its copy closed: the program closes it next."""
    WRITING.discard(descriptor)
    held = COPIES.pop(descriptor, None)
    if held is not None:
        KEPT.discard(held[0])
        with suppress(OSError):
            _close(held[0])


def intact(descriptor: int, made: tuple[int, int] | None) -> bool:
    """Whether `descriptor` is open on the file `made` still: if it is not, after `REPAIR`
    (which opens it again from its copy if it was closed; another file in its place is
    left, and False)."""
    if file_of(descriptor) == made:
        return True
    for repair in REPAIR:
        repair()
    return file_of(descriptor) == made


def put_back(error: OSError, descriptor: int) -> bool:
    """Whether `error`, a write's to standard `descriptor`, is its being closed (outside
    plugin code: within, it is put back when the call ends), and `REPAIR` has now put it
    back: then the write is made again."""
    done = [what for repair in REPAIR for what in repair()] if error.errno == errno.EBADF else []
    return f"descriptor {descriptor}" in done


#: Why a file closed, or another put in its place, is neither written nor renamed.
REPLACED: Final = "closed, or another file put in its place; not replaced"


def asker(descriptor: int) -> Callable[[], None]:
    """A check to make before each write to the held file `descriptor` is open on now:
    closed since (outside plugin code), it is opened again by `REPAIR`; another file in its
    place is refused, `EBADF`, never written into. One `fstat` a call (`spool.Gathered`
    asks once a flush, about a megabyte)."""
    made = file_of(descriptor)

    def ask() -> None:
        if not intact(descriptor, made):
            raise OSError(errno.EBADF, REPLACED)

    return ask


class Written(io.FileIO):
    """A held file the program writes (`atomic.open_atomic`), left open: each write to the
    system first asks whether its descriptor is still the file made (`intact`), and
    refuses another file in its place, into which it would have written."""

    def __init__(self, descriptor: int) -> None:
        super().__init__(descriptor, "wb", closefd=False)
        self._ask = asker(descriptor)

    def write(self, data: ReadableBuffer, /) -> int:
        self._ask()
        return super().write(data)
