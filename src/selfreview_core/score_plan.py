"""What `scoring.score` reads of a framework, worked out once per framework (`plan_of`),
and the figures of aggregates kept by the ranks under them (`remember`): schools differ,
but an aspect of a few strands takes only so many combinations of levels, so its level,
progress and score are worked out once for each and looked up after."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final, NamedTuple

from ._memo import ByIdentity
from ._names import POLICIES
from .model.framework import Framework
from .model.scale import Scale

__all__ = ["Layout", "Plan", "plan_of", "remember"]

#: (element id, ((aspect id, its strand ids), ...)) in framework order: the shape `score`
#: walks, read from a framework's models once rather than for every school.
Layout = tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]


#: An aggregate's (level, progress, score), None each where nothing under it is judged.
_Figures = tuple[int | None, float | None, float | None]
#: Aggregates' figures per policy, by the ranks of the strands under them (None unjudged).
_Known = dict[tuple[int | None, ...], _Figures]
#: Figures kept per framework and policy before the table starts again.
_MAX_KNOWN: Final = 8192


class _ByLevel(dict[int | None, Any]):
    """A strand's rank, progress or score by its level (None for None), made once per
    scale; a level off the scale (a profile of an unchecked assessment) is worked out."""

    __slots__ = ("_make",)

    def __init__(self, scale: Scale, make: Callable[[int], Any]) -> None:
        super().__init__({level: make(level) for level in scale.levels})
        self[None] = None
        self._make = make

    def __missing__(self, level: int) -> Any:
        return self._make(level)


class Plan(NamedTuple):
    """What `score` reads of a framework, worked out once per framework."""

    #: Every strand id, in framework order.
    strand_ids: tuple[str, ...]
    #: (element id, ((aspect id, its strands' positions in `strand_ids`), ...), the
    #: positions of all the element's strands), in framework order.
    layout: tuple[tuple[str, tuple[tuple[str, tuple[int, ...]], ...], tuple[int, ...]], ...]
    #: The same with the strands' ids (`_layout`).
    by_id: Layout
    #: Whether any strand has questions (then levels follow scores).
    by_scores: bool
    #: A strand's rank, progress and score, by its level.
    ranks: _ByLevel
    progress: _ByLevel
    scores: _ByLevel
    #: Aggregates' figures already worked out, per policy (`remember`).
    aggregates: dict[str, _Known]


_PLANS: ByIdentity[Framework, Plan] = ByIdentity()


def plan_of(framework: Framework) -> Plan:
    found = _PLANS.get(framework)
    if found is None:
        ids = framework.strand_ids
        position = {strand_id: i for i, strand_id in enumerate(ids)}
        by_id = tuple(
            (e.id, tuple((a.id, tuple(s.id for s in a.strands)) for a in e.aspects))
            for e in framework.elements
        )
        layout = tuple(
            (
                element_id,
                tuple((a, tuple(position[s] for s in under)) for a, under in aspects),
                tuple(position[s] for _, under in aspects for s in under),
            )
            for element_id, aspects in by_id
        )
        scale = framework.scale
        span = scale.size - 1
        found = _PLANS.set(
            framework,
            Plan(
                ids,
                layout,
                by_id,
                framework.has_questions,
                _ByLevel(scale, scale.rank),
                _ByLevel(scale, lambda level: scale.rank(level) / span),
                _ByLevel(scale, lambda level: float(scale.rank(level))),
                {policy: {} for policy in POLICIES},
            ),
        )
    return found


def remember(
    known: _Known,
    ranks: tuple[int | None, ...],
    reduce: Callable[[Sequence[int]], int],
    mean: bool,
    worst: int,
    step: int,
    span: int,
) -> _Figures:
    """The figures of an aggregate over strands of these `ranks`, kept in `known`."""
    judged = [rank for rank in ranks if rank is not None]
    figures: _Figures = (None, None, None)
    if judged:
        reduced, total = reduce(judged), sum(judged)
        figures = (
            worst + reduced * step,
            total / (span * len(judged)),
            total / len(judged) if mean else float(reduced),
        )
    if len(known) >= _MAX_KNOWN:
        known.clear()
    known[ranks] = figures
    return figures
