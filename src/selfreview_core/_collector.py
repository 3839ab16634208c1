"""The cyclic garbage collector while the `selfreview` program starts: asked to run rarely
by the program (`_launch`) before click, pydantic and the command's modules are imported,
and as usual again once the command's work begins. Importing a module of ours never
changes it: only the program that is the command does.

Start-up makes long-lived objects (modules, classes, functions, the models' validators) and
almost no garbage: 91 passes of the collector (84 of the youngest generation, 7 of the
next) over some 35,000 objects it tracks freed 342, and cost about 30 million instructions
of the 984 million that `selfreview report EMPTY.jsonl --format json -o OUT` took (round
56; with the threshold raised, 14 and 1 passes). With the
youngest generation's threshold raised, a pass still comes every `START_UP` new objects, so
that a long command that never puts it back (`validate` of many files) still has its cycles
collected, only in bigger batches.

Put back (`as_usual`) before a batch's first report (`cli._report_batch.many`) and when the
command ends (`_launch.main`); only if it is still ours: a program that set its own
thresholds meanwhile keeps them. Plain Python: nothing of ours is imported here."""

from __future__ import annotations

import gc

TYPE_CHECKING = False  # not `typing`'s: imported before the program takes Ctrl-C (`_launch`)
if TYPE_CHECKING:
    from typing import Final

__all__ = ["START_UP", "as_usual", "collect", "rarely"]

#: The youngest generation's threshold while the command starts (Python's default: 700).
START_UP: Final = 100_000

#: The thresholds as they were before `rarely` raised them (empty once put back).
_BEFORE: list[tuple[int, int, int]] = []


def rarely() -> None:
    """Raise the youngest generation's threshold to `START_UP` (once; the older ones kept)."""
    if not _BEFORE:
        before = gc.get_threshold()
        _BEFORE.append(before)
        gc.set_threshold(START_UP, *before[1:])


def as_usual() -> None:
    """Put the thresholds `rarely` found back, unless they were changed since by another."""
    if _BEFORE:
        before = _BEFORE.pop()
        if gc.get_threshold()[0] == START_UP:
            gc.set_threshold(*before)


def collect() -> None:
    """A full pass now, while the program has the collector run rarely (`rarely`, not yet
    put back): what a long step left in cycles (staging a cohort's reviews, round 71) is
    freed before the next step's memory is counted. Anywhere else (a library's caller, the
    test suite) the collector runs as that program set it, and a full pass over a large
    heap (about 0.3 s a cohort command in the test suite's process, round 71) is not ours
    to make."""
    if _BEFORE:
        gc.collect()
