"""A budget for "did you mean" hints, so that a document full of mistakes stays quick.

Each hint compares the mistaken word with every candidate (`difflib`, a few microseconds
each), so a document with 100,000 unknown ids took seconds, and against a framework of
100,000 strands would take hours. Checks that run per document (`hint_budget`) let hints
compare at most `HINT_WORK` candidates in all: the first mistakes get their hints, and the
rest are reported without one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextvars import ContextVar
from typing import Final, ParamSpec, TypeVar

__all__ = ["HINT_WORK", "hint_budget", "spend"]

P = ParamSpec("P")
R = TypeVar("R")

#: Candidates compared per document, for all of its hints together (about 0.1-0.3 s).
HINT_WORK: Final = 100_000

#: What is left of the current document's budget; None outside any (no limit).
_LEFT: ContextVar[list[int] | None] = ContextVar("selfreview_hint_work", default=None)


def hint_budget(function: Callable[P, R]) -> Callable[P, R]:
    """`function` with a budget of its own for the hints it makes (`HINT_WORK`)."""

    @functools.wraps(function)
    def budgeted(*args: P.args, **kwargs: P.kwargs) -> R:
        token = _LEFT.set([HINT_WORK])
        try:
            return function(*args, **kwargs)
        finally:
            _LEFT.reset(token)

    return budgeted


def spend(candidates: int) -> bool:
    """Take `candidates` from the current budget: False (and nothing left) if it is short."""
    left = _LEFT.get()
    if left is None:
        return True
    if left[0] < candidates:
        left[0] = 0  # past the budget no hint is made, however few its candidates
        return False
    left[0] -= candidates
    return True
