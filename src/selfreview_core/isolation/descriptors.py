"""The program's standard descriptors, which plugin code may not leave pointing elsewhere.

Below `sys.stdout` and `sys.stderr` are descriptors 1 and 2, and below `sys.stdin`
descriptor 0, which a plugin can reach with `os.dup2` and `os.close` past every stand-in
the program gives it. One that put `os.devnull` over descriptor 1 (to quieten a library of
its own, at import or in a hook) had every report of `report --format json` go nowhere
while the command said "2 reports written" with status 0; over descriptor 2, every error
and warning was lost, the exit status the only word left. One that closed descriptor 1 had
the command fail (`standard output: Bad file descriptor`), every report lost.

So the program (`Standard.here`, from `process_state.keep`) holds a copy of each (a
duplicate, not inherited by the programs it starts), and its `os.dup2`, `os.close` and
`os.closerange` note when they reach one of them (`touched`). When plugin code has run,
each noted descriptor is compared with its copy (`os.fstat`: the same file, or not) and,
if it is another file or closed, the copy is put back over it, said once for each.

A descriptor closed by the file object a plugin opened on it (`os.fdopen(1, "w").close()`,
`open(1)`, `io.FileIO(1)`, each closing it as it is closed or freed) passes no noted call,
and had the command fail, `standard output: Bad file descriptor`, every report lost. So
when plugin code has run each kept descriptor is also asked whether it is inheritable
(`unnoted`): every standard descriptor of a program started is, and every descriptor
Python makes is not (PEP 446), so one closed, or another made in its place, answers no (or
fails) and is looked at as above. That costs about 800 instructions each time plugin code
has run (once a school in a JSON Lines batch, twice for a table: the exporter is a plugin),
where `os.fstat` of each would cost 16,000. Not seen: a change made below Python (a C
library's `dup2`).

It is one system call a descriptor (`fcntl(F_GETFD)`, 0.28 µs: four a school with `-o`,
about 1.1 µs), and no fewer tell the same (round 80). `poll` asks of them all at once
(0.5 µs) but sees only a closed one, not another made in its place; no Python-level state
changes as a file object, `posix.close` or C code closes one; and a look put off (until
the next write) let the program's own next `open` take the number, and could no longer
name the plugin whose call did it.

A file the program is writing (`_held.WRITING`: the temporary file of `-o FILE`) may be
neither closed nor replaced: `os.dup2` and `os.close` refuse it (`OSError`, a problem of the
plugin's call), `os.closerange` leaves it open; so are the program's own descriptors
(`_held.KEPT`: the copies kept here, its folder), whose loss left a descriptor that plugin
code changed with no way back. One closed through a file object (a stale number of the
plugin's closed twice) lost every report, "Bad file descriptor": it is held inheritable
with a copy (`_held.hold`), so the same check finds it, and opened again from its copy
(`_written_back`); another file in its place is the plugin's, left, and said.

Such a file object freed later, outside plugin code (left in a reference cycle, or tied
to a school the program lets go of), closed the descriptor while the program's own code
ran, after that check: the next write failed ("Bad file descriptor", every report lost).
So `_held.REPAIR` (`_repair`) lets a writer that finds its descriptor closed have it put
back before it writes (`_held.put_back` for standard output, `intact` once a flush for the
file of `-o`). Not from a callback of the collector's passes, as round 53 first did: a
signal's handler that ran inside it (Ctrl-C, `SIGTERM`) raised where the collector
swallows every exception, and the batch did not stop.

And `os.closerange` in plugin code reaching any open descriptor past the standard three
(`os.closerange(3, 4096)`, as a daemon's start does) is refused, none closed: it closed the
file a batch was read from, the folder and the copies kept here, and a `--jobs` pool's
pipes, and the command failed ("Bad file descriptor", every report lost) or waited for
ever. Which of them are the program's is not known (the reader's file is opened anew by
each reader), so all are refused.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable
from contextlib import suppress
from functools import wraps
from typing import Final

from .. import _held
from .._held import COPIES, KEPT, WRITING
from .._held import file_of as _identity
from .plugin_code import running_here

__all__ = ["Standard", "release"]

#: Each standard descriptor: what it is called, and what the command does with it.
_WHAT: Final = {
    0: ("standard input", "where the command reads `-`"),
    1: ("standard output", "where the command writes its reports"),
    2: ("standard error", "where the command tells its errors and warnings"),
}

#: The system's own functions, as they are before `Standard.note` makes them note.
_dup2 = os.dup2
_close = os.close
_closerange = os.closerange
_inheritable = os.get_inheritable


class Standard:
    """A copy of each standard descriptor open when the program started, with the file it
    was open on; and those that plugin code may have changed since they were last put back."""

    __slots__ = ("copies", "held", "touched")

    def __init__(self, copies: dict[int, tuple[int, tuple[int, int] | None]]) -> None:
        #: Descriptor -> (its copy, the file it is open on).
        self.copies = copies
        #: The descriptors a noted call reached since they were last put back.
        self.touched: set[int] = set()
        #: Whether a file the program is writing may have been closed (`unnoted`).
        self.held = False

    @classmethod
    def here(cls) -> Standard:
        """The standard descriptors open now, each copied (one closed now is not kept:
        the command tells what fails for want of it, as it would without plugins)."""
        copies = {}
        for descriptor in _WHAT:
            with suppress(OSError):
                copies[descriptor] = _held.kept(os.dup(descriptor)), _identity(descriptor)
        return cls(copies)

    def back(self) -> dict[str, str]:
        """Each touched descriptor that is now another file, or closed, put back as it was
        (standard error first: what follows is told there), then each file the program is
        writing that was closed (`_written_back`); what was done, for the warnings, by
        what it was done to ("descriptor 1", "writing 7")."""
        touched, self.touched = self.touched, set()
        told = {}
        for descriptor in sorted(touched, reverse=True):
            copy, identity = self.copies[descriptor]
            if _identity(descriptor) == identity:  # as it was; made inheritable, as it was
                with suppress(OSError):
                    os.set_inheritable(descriptor, True)
                continue
            if _identity(copy) != identity:
                continue  # the copy itself closed (by plugin code): no going back
            _dup2(copy, descriptor)
            name, why = _WHAT[descriptor]
            told[f"descriptor {descriptor}"] = (
                f"a plugin put another file over {name} (descriptor {descriptor}), or"
                f" closed it; put back, {why}"
            )
        if self.held:
            self.held = False
            told.update(_written_back())
        return told

    def unnoted(self) -> bool:
        """Whether a kept descriptor is closed, or not inheritable (another made in its
        place, or so made by plugin code): then each is looked at when put back (`back`)."""
        try:  # no loop of bytecode: run for every report
            if all(map(_inheritable, self.copies)) and (
                not WRITING or all(map(_inheritable, WRITING))
            ):
                return False
        except OSError:  # closed
            pass
        self.touched.update(self.copies)
        self.held = bool(WRITING)
        return True

    def note(
        self, changed: Callable[[str], None], tell: Callable[[str, str], None] | None = None
    ) -> None:
        """From now on `os.dup2`, `os.close` and `os.closerange` note a standard descriptor
        they reach, and call `changed` (which has the program look when plugin code has
        run); and, given `tell`, a kept descriptor found closed by a writer in the program's
        own code is put back (`_held.REPAIR`), `tell` saying what was done."""
        os.dup2 = _noting_dup2(self, changed)
        os.close = _noting_close(self, changed)
        os.closerange = _noting_closerange(self, changed)
        if tell is not None:
            _watched[:] = [(self, tell)]
            _held.REPAIR[:] = [_repair]

    def reached(self, descriptor: int, changed: Callable[[str], None]) -> None:
        """A noted call reached `descriptor`: if it is one kept, looked at later."""
        if descriptor in self.copies:
            self.touched.add(descriptor)
            changed(f"descriptor {descriptor}")


#: The standard descriptors a writer's repair looks at (`_repair`), and what says
#: what was put back: set by `Standard.note`.
_watched: list[tuple[Standard, Callable[[str, str], None]]] = []


def _repair() -> Iterable[str]:
    """Each kept descriptor closed, or another in its place, put back now (`Standard.back`),
    each said once; a file the program is writing, opened again if it is closed. What was
    done, by what it was done to."""
    if not _watched:  # the command's guards not taken (`release`, a library's caller)
        return ()
    standard, tell = _watched[0]
    if not standard.unnoted():
        return ()
    told = standard.back()
    for what, message in told.items():
        tell(what, message)
    return told


def _written_back() -> dict[str, str]:
    """Each file the program is writing (`_held.COPIES`) that is closed now opened again at
    its number from its copy; one that is another file now is left (the plugin's: it is
    refused when the file is to be renamed into place); what was done, for the warnings,
    by descriptor."""
    told = {}
    for descriptor, (copy, made, name) in list(COPIES.items()):
        now = _identity(descriptor)
        if now == made:  # as it was; made inheritable, as it was
            with suppress(OSError):
                os.set_inheritable(descriptor, True)
            continue
        if now is not None or _identity(copy) != made:  # refused when renamed
            gone = "another file took its place" if now is not None else "its copy too"
            told[f"writing {descriptor}"] = (
                f"a plugin closed the file the command is writing ({name}), and {gone};"
                " it will not be replaced"
            )
            continue
        _dup2(copy, descriptor)
        told[f"writing {descriptor}"] = (
            f"a plugin closed the file the command is writing ({name}); opened again, so"
            " that every report reaches it"
        )
    return told


def _refuse(descriptor: int, done: str) -> None:
    """`OSError` if `descriptor` is a file the program is writing (`_held.WRITING`), or
    one it keeps for itself (`_held.KEPT`)."""
    if descriptor in WRITING:
        raise OSError(
            errno.EBUSY, f"descriptor {descriptor} is a file the command is writing; not {done}"
        )
    if descriptor in KEPT:
        raise OSError(
            errno.EBUSY, f"descriptor {descriptor} is one the command keeps open; not {done}"
        )


def _noting_dup2(standard: Standard, changed: Callable[[str], None]) -> Callable[..., int]:
    """`os.dup2`, noting a standard descriptor it puts another file over, and refusing a
    file the program is writing."""

    @wraps(_dup2)
    def dup2(fd: int, fd2: int, inheritable: bool = True) -> int:
        _refuse(fd2, "replaced")
        made = _dup2(fd, fd2, inheritable)
        standard.reached(fd2, changed)
        return made

    return dup2


def _noting_close(standard: Standard, changed: Callable[[str], None]) -> Callable[..., None]:
    """`os.close`, noting a standard descriptor it closes, and refusing a file the program
    is writing."""

    @wraps(_close)
    def close(fd: int) -> None:
        _refuse(fd, "closed")
        _close(fd)
        standard.reached(fd, changed)

    return close


def _noting_closerange(standard: Standard, changed: Callable[[str], None]) -> Callable[..., None]:
    """`os.closerange`, noting the standard descriptors in its range, and leaving open the
    files the program is writing."""

    @wraps(_closerange)
    def closerange(fd_low: int, fd_high: int) -> None:
        if running_here():
            _refuse_open(fd_low, fd_high)
        low = fd_low
        for held in sorted(WRITING | KEPT):
            if fd_low <= held < fd_high:
                _closerange(low, held)
                low = held + 1
        _closerange(low, fd_high)
        for descriptor in range(max(fd_low, 0), min(fd_high, len(_WHAT))):
            standard.reached(descriptor, changed)

    return closerange


def _refuse_open(fd_low: int, fd_high: int) -> None:
    """`OSError` if a descriptor past the standard three from `fd_low` to below `fd_high`
    is open (`os.closerange` in plugin code): looked for only then."""
    low = max(fd_low, len(_WHAT))
    try:
        candidates: Iterable[int] = sorted(map(int, os.listdir("/dev/fd")))
    except (OSError, ValueError):  # no such listing: each asked
        candidates = range(low, min(fd_high, 1 << 16))
    if any(low <= fd < fd_high and _identity(fd) is not None for fd in candidates):
        raise OSError(  # which, and how many, differ with --jobs: not said
            errno.EBUSY,
            f"{_span(fd_low, fd_high)} reach a file the command has open; none closed (close"
            " your own one by one)",
        )


def _span(fd_low: int, fd_high: int) -> str:
    if fd_high - fd_low == 1:
        return f"descriptor {fd_low} would"
    return f"descriptors {fd_low} to {fd_high - 1} would"


def release() -> None:
    """Python's own `os.dup2`, `os.close` and `os.closerange` back (a forked process's),
    and the collector's passes no longer looked after."""
    os.dup2, os.close, os.closerange = _dup2, _close, _closerange
    _watched.clear()
    _held.REPAIR.clear()
