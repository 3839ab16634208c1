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
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

__all__ = ["turn_in"]


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
        with suppress(OSError):  # a filesystem without locks: unlocked, as before
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # the lock let go with it
