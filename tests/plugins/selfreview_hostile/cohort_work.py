"""A plugin that closes the DuckDB connection of the cohort command it runs in (`support`),
found among the objects Python tracks (`gc`: the command's work folder holds it), in its
hook, the first time it finds it. Before round 51, once the schools below the level passed
the 512 read at a time, `support` ended in "internal error: InvalidInputException: ... No
open result set ... This is a bug". Its recommendation is good. Not among the package's
`ENTRY_POINTS`: `tests/isolation/test_cohort_work.py` installs it alone."""

from __future__ import annotations

import gc

from selfreview_core import hookimpl

from . import kept

#: Whether a connection was closed: then no more walks. A walk of every object Python
#: tracks for each of 600 schools took 97% of the command's time (30 of 31 s, round 62),
#: and under a load of 11 on two cores passed the test's 60 s (`program.WAIT`).
_closed: list[bool] = []


def _close_connections() -> None:
    if _closed:
        return
    for found in gc.get_objects():
        con = getattr(found, "con", None) if type(found).__name__ == "CohortWork" else None
        if con is not None:
            con.close()
            _closed.append(True)


@hookimpl
def selfreview_recommend() -> list[object]:
    _close_connections()
    return [kept("hostile-cohort-work")]
