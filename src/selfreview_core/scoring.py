"""Scoring: a school's judgements become levels per strand, aspect, element and overall.

An aggregate (aspect, element, overall) is the policy applied to the judged strands under
it, each strand counting once. Every policy works on ranks (steps above the worst level), so
none depends on which way the scale runs:

- `median` (default): the middle level; between two middle levels, the worse.
- `mean`: the mean rank rounded to the nearest level; exactly half-way, the worse.
- `weakest`: the worst level.

Each is bounded by its inputs, unanimous, symmetric and monotone (a better judgement never
makes an aggregate worse). The mode is not offered: it is not monotone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from pydantic import Field

from ._frozen import FrozenDict, freeze
from ._memo import ByIdentity
from ._names import POLICIES, Policy
from .errors import UnknownIdError
from .model.assessment import Assessment
from .model.base import Model, did_you_mean
from .model.framework import Framework
from .model.scale import Scale

__all__ = ["Profile", "aggregate", "score"]


def _median(ranks: Sequence[int]) -> int:
    ordered = sorted(ranks)
    return ordered[(len(ordered) - 1) // 2]  # the lower middle: ties go to the worse


def _mean(ranks: Sequence[int]) -> int:
    # Integer arithmetic: round half down, i.e. a tie goes to the worse level.
    quotient, remainder = divmod(sum(ranks), len(ranks))
    return quotient + 1 if 2 * remainder > len(ranks) else quotient


_RANK_POLICIES: Final[dict[str, Callable[[Sequence[int]], int]]] = {
    "median": _median,
    "mean": _mean,
    "weakest": min,
}


def aggregate(scale: Scale, levels: Sequence[int], policy: Policy = "median") -> int | None:
    """One level standing for several, under `policy`; None for no levels."""
    if not levels:
        return None
    try:
        reduce = _RANK_POLICIES[policy]
    except KeyError:
        raise ValueError(
            f"unknown policy {policy!r}: choose one of {', '.join(POLICIES)}"
        ) from None
    return scale.from_rank(reduce([scale.rank(level) for level in levels]))


class Profile(Model):
    """Where a school stands: a level for every strand, aspect and element, and overall.

    Levels are None where nothing under the id is judged. JSON round-trips unchanged.
    """

    framework: str = Field(description="The framework's `id@version`.")
    policy: Policy
    scale: Scale
    strands: FrozenDict[str, int | None]
    aspects: FrozenDict[str, int | None]
    elements: FrozenDict[str, int | None]
    overall: int | None
    coverage: float = Field(ge=0, le=1, description="Judged strands / all strands.")
    #: Mean progress (0 at the worst level, 1 at the best) of the judged strands under each id.
    progress_by_id: FrozenDict[str, float | None]
    overall_progress: float | None

    def _table(self, node_id: str) -> FrozenDict[str, int | None]:
        for table in (self.strands, self.aspects, self.elements):
            if node_id in table:
                return table
        known = [*self.elements, *self.aspects, *self.strands]
        raise UnknownIdError(
            f"`{node_id}` is not an element, aspect or strand of {self.framework}",
            hint=did_you_mean(node_id, known),
            code="unknown-id",
        )

    def level(self, node_id: str) -> int | None:
        """The level of any strand, aspect or element; None where nothing under it is judged."""
        return self._table(node_id)[node_id]

    def progress(self, node_id: str | None = None) -> float | None:
        """0.0 when every judged strand under `node_id` (or overall) is at the worst level,
        1.0 exactly when all are at the best; None when none is judged."""
        if node_id is None:
            return self.overall_progress
        self._table(node_id)
        return self.progress_by_id[node_id]

    @property
    def judged(self) -> tuple[str, ...]:
        return tuple(s for s, level in self.strands.items() if level is not None)

    @property
    def unjudged(self) -> tuple[str, ...]:
        """Strands without a judgement, in framework order."""
        return tuple(s for s, level in self.strands.items() if level is None)

    @property
    def complete(self) -> bool:
        return not self.unjudged


#: (element id, ((aspect id, its strand ids), ...)) in framework order: the shape `score`
#: walks, read from a framework's models once rather than for every school.
_Layout = tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]
_LAYOUTS: ByIdentity[Framework, _Layout] = ByIdentity()


def _layout(framework: Framework) -> _Layout:
    layout = _LAYOUTS.get(framework)
    if layout is None:
        layout = _LAYOUTS.set(
            framework,
            tuple(
                (e.id, tuple((a.id, tuple(s.id for s in a.strands)) for a in e.aspects))
                for e in framework.elements
            ),
        )
    return layout


def score(framework: Framework, assessment: Assessment, policy: Policy = "median") -> Profile:
    """Profile an assessment. Judgements of strands the framework lacks are ignored here;
    `check_assessment` (or loading with the framework) refuses them first."""
    if policy not in _RANK_POLICIES:
        raise ValueError(f"unknown policy {policy!r}: choose one of {', '.join(POLICIES)}")
    reduce = _RANK_POLICIES[policy]
    scale = framework.scale
    worst, step, span = scale.worst, scale.step, scale.size - 1
    # Everything below works on ranks (`scale.rank`), as `aggregate` does, each worked out
    # once per judged strand. Progress is the mean rank over the span, exact at both ends
    # (1.0 only when every level is the best).
    judgements = assessment.judgements
    strands: dict[str, int | None] = {}
    progress: dict[str, float | None] = {}
    ranks: dict[str, int] = {}  # of the judged strands, in framework order
    for strand in framework.strands:
        judgement = judgements.get(strand.id)
        if judgement is None:
            strands[strand.id] = progress[strand.id] = None
        else:
            level = strands[strand.id] = judgement.level
            rank = ranks[strand.id] = (level - worst) * step
            progress[strand.id] = rank / span

    aspects: dict[str, int | None] = {}
    elements: dict[str, int | None] = {}
    for element_id, element_aspects in _layout(framework):
        element_ranks: list[int] = []
        for aspect_id, strand_ids in element_aspects:
            found = [ranks[s] for s in strand_ids if s in ranks]
            aspects[aspect_id] = worst + reduce(found) * step if found else None
            progress[aspect_id] = sum(found) / (span * len(found)) if found else None
            element_ranks += found
        elements[element_id] = worst + reduce(element_ranks) * step if element_ranks else None
        progress[element_id] = (
            sum(element_ranks) / (span * len(element_ranks)) if element_ranks else None
        )
    judged = list(ranks.values())
    # Built from values made here and of the right types, so not validated again (a third
    # of scoring's cost): what validation would give, field for field.
    return Profile.trusted(
        framework=framework.ref,
        policy=policy,
        scale=scale,
        strands=freeze(strands),
        aspects=freeze(aspects),
        elements=freeze(elements),
        overall=worst + reduce(judged) * step if judged else None,
        coverage=len(judged) / len(strands) if strands else 0.0,
        progress_by_id=freeze(progress),
        overall_progress=sum(judged) / (span * len(judged)) if judged else None,
    )
