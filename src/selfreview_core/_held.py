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
"""

from __future__ import annotations

import os
from contextlib import suppress

__all__ = ["COPIES", "KEPT", "WRITING", "file_of", "hold", "let_go"]

#: Each added when its file is made, and removed before the program closes it.
WRITING: set[int] = set()
#: Each of `WRITING`: a copy of it, the file it is open on, and the name the user gave.
COPIES: dict[int, tuple[int, tuple[int, int] | None, str]] = {}
#: Descriptors the program keeps open for itself, which no one else may close.
KEPT: set[int] = set()

#: The system's own function, as it is before `isolation.descriptors` makes it refuse.
_close = os.close


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
    copy = os.dup(descriptor)
    os.set_inheritable(descriptor, True)
    WRITING.add(descriptor)
    KEPT.add(copy)
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
