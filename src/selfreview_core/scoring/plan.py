"""Scoring by a plan made once per framework and policy: the hot path of `scoring.score`.

`score` runs for every school of a cohort, and nearly every school's pattern of levels is
new; but what decides each aggregate (aspect, element, overall) is not. Every policy is
symmetric, so an aggregate depends only on how many of its strands are at each level: a
handful of patterns, each worked out the first time it is seen and kept (up to `MAX_KEPT`
per aggregate and policy). What is left per school is reading the levels, looking each up
(its progress, score, and its share of the pattern) and making the profile's tables.

That is done by a function written for the framework's layout and compiled once (as
`dataclasses` does for `__init__`; `scoring.source`): each strand's level read into a
local, each table a dict display with the ids as constants. Interpreted over the layout
instead (`map` over the ids, `zip` into dicts) it cost twice as much: each `map` and `zip`
is a call, an iterator and a tuple, where a display is one instruction.

A pattern is an int: each strand adds `base ** i` for the i-th value of the scale's levels
and None (unjudged), `base` being one more than the number of strands, so no count carries
into the next and equal ints are equal counts; an element's pattern is the sum of its
aspects', and overall's the sum of the elements'.

The plan gives up (None) whenever it is not sure the values are exactly what the
strand-by-strand definition (`by_ranks`) gives: a strand judged not
applicable, a level off the scale or not an `int` (an assessment scored without its check),
anything not a judgement. Frameworks with questions are scored by their answers, elsewhere.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any, Final

from .._frozen import FrozenDict, freeze
from .._memo import ByIdentity
from ..model.assessment import Judgement
from ..model.base import new_object, set_dict, set_extra, set_fields_set, set_private
from ..model.framework import Framework
from ..model.scale import Scale
from .source import FIELDS, Layout, source

__all__ = [
    "LAST_SCORED",
    "MAX_KEPT",
    "MAX_STRANDS",
    "Fields",
    "FitScorer",
    "Make",
    "Reduce",
    "ScorePlan",
    "Scored",
    "by_ranks",
    "coverage",
    "median_rank",
    "not_applicable_ids",
    "plan_of",
]

#: Patterns kept per aggregate and policy; past this the rest are worked out each time.
MAX_KEPT: Final = 4096
#: Frameworks with more strands are scored strand by strand (no function of that size).
MAX_STRANDS: Final = 1000

#: Reduces the ranks of judged strands to one rank (`scoring._RANK_POLICIES`).
Reduce = Callable[[Sequence[int]], int]
#: An aggregate's level, progress and score (None, None, None when nothing is judged).
_Result = tuple[int | None, float | None, float | None]
#: What `LAST_SCORED` holds.
Scored = tuple[
    object, tuple[str, ...], tuple[int | None, ...], Mapping[str, Any], Mapping[str, Any], str
]
#: A `Profile`'s fields by name, each of the type validation gives (`Model.trusted`).
Fields = dict[str, Any]
_Scorer = Callable[[Mapping[str, Any]], Fields | None]
#: Makes the profile of its fields (`Profile.trusted_maker`); or the profile's class,
#: then built by the scorer itself as `base.built` builds it (a `Model` without private
#: attributes, whose fields are exactly `scoring.source.FIELDS`).
Make = Callable[[Fields], Any] | type
#: An assessment's profile (what `Make` makes), or None when not sure.
FitScorer = Callable[[Any], Any]

_NOTHING: Final[_Result] = (None, None, None)


def median_rank(ranks: Sequence[int]) -> int:
    """The median policy's rank of some ranks (`scoring._RANK_POLICIES`): the lower middle,
    so that ties go to the worse."""
    ordered = sorted(ranks)
    return ordered[(len(ordered) - 1) // 2]


class _Unjudged:
    """What the plan reads for a strand without a judgement: no level (and no answers)."""

    __slots__ = ()
    level: None = None
    answers: None = None


_UNJUDGED: Final = _Unjudged()

#: The profile this process's plans scored last: its strands' table, the framework's
#: strand ids (`Framework.strand_ids`, that very tuple), their levels in that order (each
#: an `int` or None: checked so), its aspects' and elements' tables and its policy. For
#: what reads that profile (next-steps, rule packs) to take its levels as the plan read
#: them, not from its tables again, when its strands' table is this one (`is`). Replaced
#: whole; holds one profile's tables, at most.
LAST_SCORED: list[Scored] = [(None, (), (), {}, {}, "")]


class ScorePlan:
    """What scoring reads of one framework, made once: its layout, each level's rank,
    progress, score and share of a pattern, and a compiled scorer per policy."""

    def __init__(self, framework: Framework) -> None:
        scale = framework.scale
        self.ref, self.id = framework.ref, framework.id
        self.by_scores = framework.has_questions
        self.worst, self.step, self.span = scale.worst, scale.step, scale.size - 1
        self.strand_ids = framework.strand_ids
        position = {strand_id: i for i, strand_id in enumerate(self.strand_ids)}
        #: (element id, ((aspect id, its strands' positions), ...)) in framework order.
        self.layout: Layout = tuple(
            (e.id, tuple((a.id, tuple(position[s.id] for s in a.strands)) for a in e.aspects))
            for e in framework.elements
        )
        #: The same with strand ids for positions (`by_ranks`, and scoring by answers).
        self.id_layout = tuple(
            (e, tuple((a, tuple(self.strand_ids[i] for i in p)) for a, p in aspects))
            for e, aspects in self.layout
        )
        self.scale = scale
        self.rank_of = {level: (level - self.worst) * self.step for level in scale.levels}
        base = len(self.strand_ids) + 1
        #: Per level (and None): its progress, its score, its share of a pattern.
        self.per_level: dict[int | None, tuple[float | None, float | None, int]] = {
            level: (rank / self.span, float(rank), base**i)
            for i, (level, rank) in enumerate(self.rank_of.items())
        }
        self.per_level[None] = (None, None, base ** len(self.rank_of))
        self.compiled = len(self.strand_ids) <= MAX_STRANDS
        self._scorers: dict[str, _Scorer] = {}
        self._fitted: dict[str, FitScorer] = {}
        #: Per policy and scorer, the aspects' and the elements' tables by their levels.
        self._shared: dict[tuple[str, bool], list[dict[Any, Any]]] = {}
        #: Per policy, each aggregate's results by pattern (overall last).
        self._kept: dict[str, list[dict[int, _Result]]] = {}

    def fields(self, judgements: Mapping[str, Any], reduce: Reduce, policy: str) -> Fields | None:
        """The profile's fields for these judgements, or None when the plan is not sure
        they are what the strand-by-strand definition (`by_ranks`) gives."""
        scorer = self._scorers.get(policy)
        if scorer is None:
            if not self.compiled:
                return None
            scorer = self._scorers[policy] = self._compile(reduce, policy)
        try:
            return scorer(judgements)
        except (AttributeError, KeyError, TypeError):
            return None  # not judgements, or a level off the scale

    def fitted(self, policy: str) -> FitScorer | None:
        """The one-pass scorer of `policy` compiled so far (`fit_scorer`), if any."""
        return self._fitted.get(policy)

    def fit_scorer(self, reduce: Reduce, policy: str, make: Make) -> FitScorer | None:
        """The profile (`make` of its `fields`) of an assessment that surely fits the framework
        (what `assessment_checks.surely_fits` tells, told in the same pass over its
        judgements that scores them: each level read once), compiled once per policy
        (`fitted` then has it). The scorer gives None
        when not sure (the full check and `fields` then decide): judged by levels alone,
        every judgement a `Judgement` of one of the strands, with a level on the scale and
        no answers; nothing awaiting review; the framework named by its id or
        `id@version`. None for a framework this plan does not compile (questions, size)."""
        scorer = self._fitted.get(policy)
        if scorer is None:
            if not self.compiled or self.by_scores:
                return None
            scorer = self._fitted[policy] = self._compile(reduce, policy, fit=True, make=make)
        return scorer

    def reducer(
        self, reduce: Reduce, policy: str
    ) -> Callable[[dict[int, _Result], int, tuple[Any, ...]], _Result]:
        """What works out an aggregate of strands at `levels`, not seen in its `pattern`
        before, as `_reduced` does, and keeps it in `kept` (up to `MAX_KEPT`). It reads the
        pattern, not the levels: each digit is how many of the strands are at one level
        (`per_level`'s shares, None's the highest), so the levels' ranks are walked once in
        order, each with its count, where a list of every strand's rank was made and sorted
        (round 74: about a third of the instructions). The median and the weakest are read
        at their place; another `reduce` (the mean's) is given the ranks, sorted. `levels`
        are the aggregate's strands' (at most the framework's: no digit carries)."""
        mean = policy == "mean"
        median, weakest = reduce is median_rank, reduce is min
        worst, step, span = self.worst, self.step, self.span
        base, none_share = len(self.strand_ids) + 1, self.per_level[None][2]
        #: Each level's rank and share of a pattern, the lowest rank first.
        by_rank = sorted((rank, self.per_level[level][2]) for level, rank in self.rank_of.items())

        def reduced(kept: dict[int, _Result], pattern: int, levels: tuple[Any, ...]) -> _Result:
            count = len(levels) - pattern // none_share  # the strands judged
            found: _Result = _NOTHING
            if count:
                if median or weakest:
                    place = (count - 1) // 2 if median else 0  # the rank read, in order
                    total = seen = rank = 0  # `rank`: some rank holds the strand at `place`
                    for each, share in by_rank:
                        many = pattern // share % base
                        if many:
                            total += each * many
                            if seen <= place < seen + many:
                                rank = each
                            seen += many
                else:
                    ranks = [
                        each for each, share in by_rank for _ in range(pattern // share % base)
                    ]
                    rank, total = reduce(ranks), sum(ranks)
                found = (
                    worst + rank * step,
                    total / (span * count),
                    total / count if mean else float(rank),
                )
            if len(kept) < MAX_KEPT:
                kept[pattern] = found
            return found

        return reduced

    def _compile(
        self, reduce: Reduce, policy: str, *, fit: bool = False, make: Make | None = None
    ) -> Any:
        reduced = self.reducer(reduce, policy)
        namespace: dict[str, Any] = {}
        # Our own source: ids only as repr().
        inline = fit and isinstance(make, type)
        exec(source(self.strand_ids, self.layout, fit=fit, inline=inline), namespace)
        return namespace["make"](
            REF=self.ref,
            ID=self.id,
            POLICY=policy,
            SCALE=self.scale,
            PER_LEVEL=self.per_level,
            NONE_SHARE=self.per_level[None][2],
            UNJUDGED=_UNJUDGED,
            JUDGEMENT=Judgement,
            IDS=self.strand_ids,
            KEPT=self._kept.setdefault(policy, [{} for _ in range(_aggregates(self) + 1)]),
            EVERY=itemgetter(*map(sys.intern, self.strand_ids)) if self.strand_ids else None,
            reduced=reduced,
            NEW=dict.__new__,
            FROZEN=FrozenDict,
            FILL=dict.update,
            MAX_SHARED=MAX_KEPT,
            SHARED=self._shared.setdefault((policy, fit), [{}, {}]),
            MAKE=make,
            OBJECT_NEW=new_object,
            SET_DICT=set_dict,
            SET_FIELDS_SET=set_fields_set,
            SET_EXTRA=set_extra,
            SET_PRIVATE=set_private,
            NAMES=frozenset(FIELDS),
            SCORED=LAST_SCORED,
        )


def _reduced(ranks: Sequence[int], reduce: Reduce, mean: bool, scale: Scale) -> _Result:
    """An aggregate of judged strands' ranks: its level (the reduced rank's), its progress
    (the mean rank over the span) and its score (the reduced rank; for the mean, the mean
    rank unrounded)."""
    if not ranks:
        return _NOTHING
    reduced, total = reduce(ranks), sum(ranks)
    return (
        scale.worst + reduced * scale.step,
        total / ((scale.size - 1) * len(ranks)),
        total / len(ranks) if mean else float(reduced),
    )


def _aggregates(plan: ScorePlan) -> int:
    return sum(len(aspects) + 1 for _, aspects in plan.layout)


def by_ranks(
    framework: Framework, judgements: Mapping[str, Any], reduce: Reduce, policy: str
) -> Fields:
    """A profile's fields strand by strand, for a framework without questions: the
    definition the plan must match, and what scores what the plan is not sure of (a strand
    not applicable, a level off the scale)."""
    mean = policy == "mean"
    layout = plan_of(framework).id_layout
    scale = framework.scale
    worst, step, span = scale.worst, scale.step, scale.size - 1
    # Everything below works on ranks (`scale.rank`), as `aggregate` does, each worked out
    # once per judged strand. Progress is the mean rank over the span, exact at both ends
    # (1.0 only when every level is the best). Scores are ranks, and aggregate scores the
    # policy over them unrounded (the mean alone can fall between levels).
    strands: dict[str, int | None] = {}
    progress: dict[str, float | None] = {}
    scores: dict[str, float | None] = {}
    ranks: dict[str, int] = {}  # of the judged strands, in framework order
    not_applicable: set[str] = set()
    for strand in framework.strands:
        judgement = judgements.get(strand.id)
        level = None if judgement is None else judgement.level
        if level is None:
            strands[strand.id] = progress[strand.id] = scores[strand.id] = None
            if judgement is not None and not judgement.is_applicable:
                not_applicable.add(strand.id)
        else:
            strands[strand.id] = level
            rank = ranks[strand.id] = (level - worst) * step
            progress[strand.id] = rank / span
            scores[strand.id] = float(rank)

    # One reduction per aggregate gives its level and its score: the score is the reduced
    # rank itself, but for the mean, unrounded (an int over an int divides exactly rounded).
    aspects: dict[str, int | None] = {}
    elements: dict[str, int | None] = {}
    for element_id, element_aspects in layout:
        element_ranks: list[int] = []
        for aspect_id, strand_ids in element_aspects:
            found = [ranks[s] for s in strand_ids if s in ranks]
            aspects[aspect_id], progress[aspect_id], scores[aspect_id] = _reduced(
                found, reduce, mean, scale
            )
            element_ranks += found
        elements[element_id], progress[element_id], scores[element_id] = _reduced(
            element_ranks, reduce, mean, scale
        )
    judged = list(ranks.values())
    overall, overall_progress, overall_score = _reduced(judged, reduce, mean, scale)
    return {
        "framework": framework.ref,
        "policy": policy,
        "scale": scale,
        "strands": freeze(strands),
        "aspects": freeze(aspects),
        "elements": freeze(elements),
        "overall": overall,
        "coverage": coverage(len(judged), len(strands), len(not_applicable)),
        "progress_by_id": freeze(progress),
        "overall_progress": overall_progress,
        "scores": freeze(scores),  # floats already: no table built again
        "overall_score": overall_score,
        "by_scores": False,
        "not_applicable": not_applicable_ids(framework, not_applicable),
    }


def coverage(judged: int, strands: int, not_applicable: int) -> float:
    """Judged strands over the strands that apply; 1.0 when none applies (nothing is left
    to judge), 0.0 for a framework without strands."""
    applicable = strands - not_applicable
    if applicable:
        return judged / applicable
    return 1.0 if strands else 0.0


def not_applicable_ids(framework: Framework, strands: set[str]) -> tuple[str, ...]:
    """The strands not applicable, and the aspects and elements all of whose strands are."""
    if not strands:
        return ()
    found = [
        node_id
        for node_id in framework.ids
        if all(s.id in strands for s in framework.strands_under(node_id))
    ]
    return tuple(found)


_PLANS: ByIdentity[Framework, ScorePlan] = ByIdentity()


def plan_of(framework: Framework) -> ScorePlan:
    """The framework's plan, made the first time it is asked for."""
    found = _PLANS.get(framework)
    if found is None:
        found = _PLANS.set(framework, ScorePlan(framework))
    return found
