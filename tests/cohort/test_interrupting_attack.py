"""A wakeup descriptor set by someone else while a cohort's connection is open, and gone
before it closes (round 55's attack on `cohort/interrupting.py`).

Plugin code runs while `support` works in its folder, and a program may close the
descriptor it had set (an event loop closed). Before, closing the work folder then raised
`OSError: [Errno 9] Bad file descriptor` (putting back a descriptor no longer open): the
connection stayed open, DuckDB's spill folder was left, and the watching thread ran on,
its pipe no longer the process's wakeup descriptor, so no later connection was watched.
"""

from __future__ import annotations

import os
import signal
import threading

import pytest

from selfreview_core.cohort import interrupting
from selfreview_core.cohort.work import WorkFolder

from .test_interrupting import _as_before

__all__ = ["_as_before"]  # the autouse fixture: handlers, descriptor and thread checked


@pytest.mark.parametrize("blocking", [False, True])
@pytest.mark.parametrize("whose", ["set since", "the program's before"])
def test_a_wakeup_descriptor_gone_meanwhile_leaves_nothing_behind(
    whose: str, blocking: bool
) -> None:
    reused: list[int] = []
    if whose == "the program's before":
        read, write = os.pipe()
        os.set_blocking(write, False)
        signal.set_wakeup_fd(write)
    with WorkFolder() as work:
        con = work.connection()
        folder = work.folder
        if whose == "set since":  # a plugin's own, then closed
            read, write = os.pipe()
            os.set_blocking(write, False)
            signal.set_wakeup_fd(write)
        os.close(read)
        os.close(write)
        if blocking:
            taken = os.open(os.devnull, os.O_WRONLY)  # its number taken by a blocking file
            reused.append(os.dup2(taken, write))
            os.close(taken)
    try:
        assert not os.path.exists(folder)
        assert interrupting._watch is None
        assert [t for t in threading.enumerate() if t.name == "selfreview-interrupt"] == []
        with pytest.raises(Exception, match="closed"):
            con.execute("SELECT 1")
        assert signal.set_wakeup_fd(-1) in (-1, write)  # the one gone is not put back
        with WorkFolder() as again:  # the next connection is watched anew
            again.connection()
            assert interrupting._watch is not None
            assert signal.set_wakeup_fd(-1) == interrupting._watch.write
            signal.set_wakeup_fd(interrupting._watch.write)
    finally:
        for number in reused:
            os.close(number)
        signal.set_wakeup_fd(-1)
