"""Saves of one file taking turns: the check that a file is as a session last saw it and
the rename over it, made while no other save into its folder is between the two.

A session (`session.saving`) and `combine` compare the file on disk with what they last read
just before they rename their new version over it (`atomic.write_atomic`'s `unchanged`). Two
of them on one file, each past its check, each renamed: the first save was replaced by the
second, without a word, both commands saying "Saved" (round 77, two `assess` sessions, one
descheduled for a moment between the two steps on a loaded machine). So the two steps are
made holding a lock on the file's folder (`flock(2)`, released when the descriptor closes,
by the system if the process dies: nothing is left behind to clear); the other save waits
for its turn, then finds the file changed and keeps its answers beside it. Every other
replacing write (`report -o`, `plan -o`, `migrate -o`) takes its turn too, with no check of
its own: before round 78 `report -o review.yaml` renamed between a session's check and its
rename, said "Wrote", and was replaced by the session's save at once; now it lands before
the check (the session keeps its answers beside it) or after the rename (the report is
there, and the session's next save finds it). Where there is no `flock` (Windows), or the
folder cannot be opened or locked (some network filesystems), the save goes on as before,
unlocked: a lock that cannot be had never stops a save.

A lock held is waited for a bounded time (`WAIT`), not for ever: a process stopped between
its check and its rename (Ctrl-Z, `kill -STOP`) blocked every other save into that folder
until round 82, `assess` at its next answer with no word said. Past the bound the save
stops with `TurnNotHad`, naming the process that holds the lock where the system says
(Linux's `/proc/locks`): a session keeps its answers beside the file, `report -o` writes
nothing. A holder that has ended holds nothing: the system lets its lock go with it.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from ..errors import TurnNotHad, cut
from ..escaping import shown

__all__ = ["WAIT", "holder", "turn_in"]

#: Seconds a save waits for another's turn in its folder: a turn lasts a read of the file,
#: a digest and a rename (milliseconds; a second on a loaded machine), so a turn held this
#: long is held by a process that is not running.
WAIT: Final = 10.0
#: The pauses between tries while the lock is held: short at first (most turns are short).
_PAUSES: Final = (0.001, 0.005, 0.02, 0.05, 0.1)


@contextmanager
def turn_in(folder: Path) -> Iterator[None]:
    """The block run while this process holds `folder`'s lock (waiting for it)."""
    try:
        import fcntl  # POSIX only
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield
        return
    try:
        _wait_for(handle, fcntl.flock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
    finally:
        os.close(handle)  # the lock let go with it


def _wait_for(handle: int, flock: Callable[[int, int], None], how: int) -> None:
    """Take `handle`'s lock, trying again while another holds it, until `WAIT` seconds
    have passed: then `TurnNotHad`. A filesystem without locks (another `OSError`): the
    save goes on unlocked, as before."""
    deadline = time.monotonic() + WAIT
    tries = 0
    while True:
        try:
            flock(handle, how)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise _not_had(handle) from None
        except OSError:
            return
        time.sleep(_PAUSES[min(tries, len(_PAUSES) - 1)])
        tries += 1


def _not_had(handle: int) -> TurnNotHad:
    who = holder(handle)
    named = "another process" if who is None else f"process {who}"
    return TurnNotHad(
        errno.EWOULDBLOCK,
        f"{named} has held its folder's turn to save for {WAIT:g} seconds, between its "
        "check and its rename, and has not let go: it is stopped (Ctrl-Z, `kill -STOP`) "
        "or stuck; resume or end it",
    )


def holder(handle: int) -> str | None:
    """The process holding a `flock` on the file open at `handle`, as `PID (COMMAND)`
    (the command cut and escaped), where the system lists locks (`/proc/locks`); else
    None. A process in another PID namespace may be listed under another number."""
    try:
        status = os.fstat(handle)
        with open("/proc/locks", encoding="ascii", errors="replace") as listing:
            lines = listing.read().splitlines()
    except OSError:
        return None
    place = f"{os.major(status.st_dev):02x}:{os.minor(status.st_dev):02x}:{status.st_ino}"
    for line in lines:
        fields = line.split()
        if "FLOCK" in fields[1:2] and len(fields) > 5 and fields[5] == place:
            return _named(fields[4])
    return None


def _named(pid: str) -> str:
    """`pid` with the command it runs, if it can be read."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as command:
            words = command.read().rstrip(b"\0").split(b"\0")
    except OSError:
        return pid
    line = " ".join(word.decode("utf-8", "surrogateescape") for word in words)
    return f"{pid} ({shown(cut(line), newline=False)})" if line else pid
