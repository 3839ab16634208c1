"""Placing behaviours the round-37 mutation pass over `placing.py` found unpinned: a
`Placement` serves "this process and the workers forked from it", each process holding its
own orders made before their turn (its own queue and thread, started on first use in that
process), whatever the process it was forked from held."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from program import Forked, joined, waited
from selfreview_core.jobs.placing import Placement

forked = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="forked workers only"
)
#: A worker a failed test left waiting is killed, not waited for at the run's end.
pytestmark = pytest.mark.usefixtures("workers_killed")


def _places_then_says(placement: Placement, index: int, held: object) -> None:
    placement.place(index, [str(index).encode()], 1)
    held.set()  # type: ignore[attr-defined]


def _holds_then_forks(placement: Placement, held: object) -> None:
    """Order 1 made before its turn (held by this process's thread), then a worker forked
    from this process makes order 2, also before its turn, and says so. Ending places
    order 1 once its turn comes, and waits for the worker (whose end places order 2)."""
    placement.place(1, [b"1"], 1)
    context = multiprocessing.get_context("fork")
    context.Process(target=_places_then_says, args=(placement, 2, held)).start()


@forked
def test_a_worker_forked_from_a_process_holding_orders_places_its_own(tmp_path: Path) -> None:
    """The worker inherits a queue that its parent's thread serves, not one of its own:
    it must start its own thread, or its order is never placed (and the batch fails)."""
    target = tmp_path / "out"
    handle = os.open(target, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        placement = Placement(handle)
        context = multiprocessing.get_context("fork")
        held = context.Event()
        holder = context.Process(target=_holds_then_forks, args=(placement, held))
        holder.start()
        assert waited(Forked(holder), held.is_set)  # orders 1 and 2 held, waiting for 0
        placement.place(0, [b"0"], 1)  # in turn here: this process starts no thread
        assert joined(holder) == 0  # its worker's order placed: both ended
        placement.check(3)
    finally:
        os.close(handle)
    assert target.read_bytes() == b"012"
