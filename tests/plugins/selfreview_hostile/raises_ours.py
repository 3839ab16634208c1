"""A plugin whose recommendations come from a generator that, after a good one, raises
selfreview's own `Refused` (public in `selfreview_core.errors`) with a severity no problem
has, as a plugin copying the engine's checks might. Before round 50 recording it failed,
and `report` ended in "internal error: ValidationError"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from selfreview_core import hookimpl
from selfreview_core.errors import Refused

from . import kept

#: Not a severity a problem can have.
FATAL: Any = "fatal"


@hookimpl
def selfreview_recommend() -> Iterator[object]:
    yield kept("hostile-raises-ours")
    raise Refused("the licence has expired", FATAL)
