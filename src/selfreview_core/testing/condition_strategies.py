"""Wide rule conditions, for `strategies.conditions`: groups of groups of tests, any of them
maybe under `not`.

`conditions` draws most of its conditions from `st.recursive`, which drew wide ones rarely:
of 2,000 draws at `max_depth=3`, 87 held six tests or more and 10 nine; most were one test
or two under `not`s, so a property over conditions seldom met an `any` of `all`s of
several tests each (round 64)."""

from __future__ import annotations

from hypothesis import strategies as st

from ..model.conditions import AllOf, AnyOf, Condition, NotOf, Test

__all__ = ["wide_conditions"]


def wide_conditions(tests: st.SearchStrategy[Test], max_depth: int) -> st.SearchStrategy[Condition]:
    """Two levels of `all`/`any` over `tests`, any group and test maybe under `not`: two to
    `max_depth` groups of two or three tests each, so 4 to `max_depth * 3` tests, within the
    three tests a level of depth that `conditions` promises (`max_depth` of 2 at least)."""
    return _grouped(_grouped(_negated(tests), 3), max_depth)


def _grouped(children: st.SearchStrategy[Condition], most: int) -> st.SearchStrategy[Condition]:
    """An `all` or an `any` of two to `most` of `children`, maybe under `not`."""
    some = st.lists(children, min_size=2, max_size=most).map(tuple)
    return _negated(some.map(lambda c: AllOf(all=c)) | some.map(lambda c: AnyOf(any=c)))


def _negated(conditions: st.SearchStrategy[Condition]) -> st.SearchStrategy[Condition]:
    """`conditions`, or one of them under `not`."""
    return conditions | conditions.map(lambda c: NotOf.model_validate({"not": c}))
