"""Benchmarking a cohort: how many schools stand at each level, and where each school stands.

Everything is computed on ranks (steps above the worst level), so nothing depends on which
way the scale runs. For every strand, aspect and element (and overall), over the schools
that have a level there (an aspect, element or overall level is the school's own aggregate
under the cohort's policy, as `score` gives it):

- **median**: the middle level; between two middle levels, the worse (as `score` does).
- **quartiles**, by the nearest-rank rule with the same tie rule: the *lower quartile* is the
  worst level at which at least a quarter of the judged schools stand at that level or
  worse; the *upper quartile* the same with three quarters, and the median with a half.
  With the schools' ranks sorted worst first, the q-quantile is the one at position
  `ceil(q * n)` (1-based); where the quantile falls between two schools, it is the worse.
  "Lower" always means towards the worst level, whichever way the scale runs.
- **percentile** of a school (its percentile rank, the mid-rank definition):
  `100 * (B + E / 2) / N`, where N schools have a level there, B of them a strictly worse
  level and E (the school itself included) the same level. Schools at the same level share
  a percentile, and a better level always has a higher one, so no school ranks above one
  at the best level. It lies strictly between 0 and 100 (at most `100 - 50 / N`): with
  every school at the best level, each is at 50. A school with no level there has none.

In a framework with questions (SPEC section 10), levels follow scores: each school's
aspect, element and overall level is the level at its own aggregate score (as `score`
gives them), and a school's **percentile** is taken by score, not by level: B schools with
a strictly lower score there, E (itself included) with the same score. Two schools at one
level stand apart by their scores; one at a higher score always has a higher percentile.
The median and quartile *levels* are the same taken either way (a score's level never falls
as the score rises), so they stay levels.

`benchmark` streams: it keeps a few bytes per school (its identity, the date of the review,
one rank per id, one evidence flag per strand, and where the review came from, to name
duplicates), never the assessments, so memory grows with the number of schools and not with
the size of their files. Evidence *text* is kept
only when asked for (`with_evidence`): a cohort says whether each judgement has evidence,
not what it says (SPEC section 7).

Nothing is dropped without a word: two or more reviews of one school on one date (a copy,
or a file saved twice) cannot each be "the latest", so every such group is listed in
`Cohort.duplicates`, with where each review came from and which of them count.

Anonymising (labels, years, small groups suppressed) is `anonymity.anonymise`; the models
of a cohort are in `positions`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Final, cast

from .._names import POLICIES, Policy
from ..model.assessment import Assessment, School
from ..model.assessment_checks import check_assessment
from ..model.framework import Framework
from ..model.unseen import says_something
from ..scoring.profiles import Profile, score
from .positions import (
    OVERALL,
    Cohort,
    Distribution,
    Duplicate,
    Kind,
    Position,
    SchoolPosition,
    quantile,
    score_percentiles,
)

__all__ = ["authority_of", "benchmark", "benchmark_sources", "has_evidence", "not_applicable_of"]

#: The rank byte of an id with no level (ranks are below `MAX_LEVELS`, 100).
_UNJUDGED: Final = 255
#: The rank byte of an id not applicable: a strand the school marked so, an aggregate all
#: of whose strands it did. It has no level either, but is not unjudged (SPEC section 10).
_NOT_APPLICABLE: Final = 254


@dataclass(slots=True)
class _Entry:
    """All a cohort keeps of one review: who, when, one rank byte per id, one evidence flag
    per strand (and the evidence text, only when asked for)."""

    school: School
    assessed_on: dt.date
    ranks: bytes
    evidence: bytes
    texts: tuple[str | None, ...] | None
    seen: int
    #: The score of every id, in the order of `ranks`: only in a framework with questions.
    scores: tuple[float | None, ...] | None = None


def has_evidence(text: str | None) -> bool:
    """Whether a judgement's evidence says anything (not only what prints as nothing: a
    zero-width space alone, since round 72): the rule awards use too."""
    return says_something(text)


def authority_of(school: School) -> str | None:
    """A school's authority as a cohort holds it: none where it says nothing (a zero-width
    space alone, blank), as every view of a review shows it (`says_something`). Since round
    75 a cohort's CSV, JSON and Parquet write such an authority as none (empty, null), so
    that a spreadsheet's or DuckDB's grouping by authority puts its schools with those of
    no authority, not in a group of their own that prints as nothing beside it."""
    return school.authority if says_something(school.authority) else None


def _percentiles(counts: Sequence[int]) -> list[float | None]:
    """Percentile rank per rank: 100 * (strictly worse + half the same) / judged."""
    n = sum(counts)
    out: list[float | None] = []
    below = 0
    for count in counts:
        out.append(100 * (2 * below + count) / (2 * n) if count else None)
        below += count
    return out


def not_applicable_of(profile: Profile) -> tuple[str, ...]:
    """The ids `profile` is not applicable at, as `SchoolPosition.not_applicable` lists
    them: `Profile.not_applicable`, then `overall` when every strand is there."""
    na = profile.not_applicable
    return (*na, OVERALL) if na and set(na).issuperset(profile.strands) else na


def _not_applicable(profile: Profile, ranks: bytes) -> bytes:
    """`ranks` with every id not applicable so marked: the strands, aspects and elements of
    `profile.not_applicable`, and overall when every strand is there."""
    na = set(profile.not_applicable)
    ids = chain(profile.strands, profile.aspects, profile.elements)
    marked = [*(node_id in na for node_id in ids), na.issuperset(profile.strands)]
    return bytes(_NOT_APPLICABLE if off else rank for rank, off in zip(ranks, marked, strict=True))


class _Accumulator:
    def __init__(
        self, framework: Framework, policy: Policy, latest_only: bool, with_evidence: bool
    ) -> None:
        if policy not in POLICIES:
            raise ValueError(f"unknown policy {policy!r}: choose one of {', '.join(POLICIES)}")
        self.framework = framework
        self.policy = policy
        self.latest_only = latest_only
        self.with_evidence = with_evidence
        self.kinds: dict[str, Kind] = dict.fromkeys(framework.strand_ids, "strand")
        self.kinds.update({a.id: "aspect" for a in framework.aspects})
        self.kinds.update({e.id: "element" for e in framework.elements})
        self.latest: dict[str, _Entry] = {}
        self.every: list[_Entry] = []
        self.seen = 0
        #: (school id, date) -> where its first review came from; more than one: `sources`.
        self.first: dict[tuple[str, dt.date], str] = {}
        self.sources: dict[tuple[str, dt.date], list[str]] = {}
        self._shared: dict[tuple[int, int, bool | None, str | None, float | None], Position] = {}
        self.by_scores = framework.has_questions

    def add(self, assessment: Assessment, origin: str) -> None:
        framework, scale = self.framework, self.framework.scale
        check_assessment(framework, assessment)
        profile = score(framework, assessment, self.policy)
        levels = chain(
            profile.strands.values(),
            profile.aspects.values(),
            profile.elements.values(),
            (profile.overall,),
        )
        ranks = bytes(_UNJUDGED if level is None else scale.rank(level) for level in levels)
        if profile.not_applicable:
            ranks = _not_applicable(profile, ranks)
        judgements = [assessment.judgements.get(s) for s in framework.strand_ids]
        flags = bytes(j is not None and has_evidence(j.evidence) for j in judgements)
        texts = None
        if self.with_evidence:
            texts = tuple(None if j is None else j.evidence for j in judgements)
        scores = None
        if self.by_scores:
            scores = (
                *(profile.scores.get(s) for s in profile.strands),
                *(profile.scores.get(a) for a in profile.aspects),
                *(profile.scores.get(e) for e in profile.elements),
                profile.overall_score,
            )
        school = assessment.school
        if school.authority is not None and authority_of(school) is None:
            school = school.model_copy(update={"authority": None})
        entry = _Entry(school, assessment.assessed_on, ranks, flags, texts, self.seen, scores)
        self.seen += 1
        self._note_date(entry, origin)
        if not self.latest_only:
            self.every.append(entry)
            return
        held = self.latest.get(entry.school.id)
        if held is None or entry.assessed_on >= held.assessed_on:
            self.latest[entry.school.id] = entry

    def _note_date(self, entry: _Entry, origin: str) -> None:
        """Remember where each (school, date) came from, keeping every source of one that
        is read twice or more."""
        key = (entry.school.id, entry.assessed_on)
        first = self.first.get(key)
        if first is None:
            self.first[key] = origin
        else:
            self.sources.setdefault(key, [first]).append(origin)

    def duplicates(self) -> tuple[Duplicate, ...]:
        """Every (school, date) read more than once, by school id then date."""
        found = []
        for (school_id, day), sources in sorted(self.sources.items()):
            held = self.latest.get(school_id)  # none unless `latest_only`
            latest = None if held is None else held.assessed_on
            found.append(Duplicate.read(school_id, day, sources, latest, self.latest_only))
        return tuple(found)

    def cohort(self) -> Cohort:
        framework, scale = self.framework, self.framework.scale
        entries = self.every if not self.latest_only else list(self.latest.values())
        entries.sort(key=lambda e: (e.school.id, e.assessed_on, e.seen))
        ids = [*self.kinds, OVERALL]

        def level(rank: int | None) -> int | None:
            return None if rank is None else scale.from_rank(rank)

        tables: list[dict[str, Distribution]] = [{}, {}, {}]
        which = {"strand": 0, "aspect": 1, "element": 2}
        percentiles: list[list[float | None]] = []
        by_score: list[dict[float, float]] = []
        overall: Distribution | None = None
        for index, node_id in enumerate(ids):
            counts = [0] * scale.size
            na = 0
            for entry in entries:
                rank = entry.ranks[index]
                if rank == _NOT_APPLICABLE:
                    na += 1
                elif rank != _UNJUDGED:
                    counts[rank] += 1
            percentiles.append(_percentiles(counts))
            if self.by_scores:
                scored = Counter(e.scores[index] for e in entries if e.scores is not None)
                scored.pop(None, None)
                by_score.append(score_percentiles(cast("Counter[float]", scored)))
            # The last id is overall, even should a strand be called `overall` too.
            kind: Kind = "overall" if index == len(ids) - 1 else self.kinds[node_id]
            stats = Distribution(
                id=node_id,
                title="Overall" if kind == "overall" else framework.get(node_id).title,
                kind=kind,
                counts={lv: counts[scale.rank(lv)] for lv in scale.levels},
                judged=sum(counts),
                unjudged=len(entries) - sum(counts) - na,
                not_applicable=na,
                lower_quartile=level(quantile(counts, 1)),
                median=level(quantile(counts, 2)),
                upper_quartile=level(quantile(counts, 3)),
            )
            if kind == "overall":
                overall = stats
            else:
                tables[which[kind]][node_id] = stats
        assert overall is not None
        schools = []
        for entry in entries:
            places: list[dict[str, Position]] = [{}, {}, {}]
            for index, node_id in enumerate(ids[:-1]):
                places[which[self.kinds[node_id]]][node_id] = self._position(
                    entry, index, percentiles, by_score
                )
            off: tuple[str, ...] = ()
            if _NOT_APPLICABLE in entry.ranks:
                off = tuple(
                    i for i, r in zip(ids, entry.ranks, strict=True) if r == _NOT_APPLICABLE
                )
            schools.append(
                SchoolPosition(
                    school=entry.school,
                    assessed_on=entry.assessed_on,
                    year=entry.assessed_on.year,
                    strands=places[0],
                    aspects=places[1],
                    elements=places[2],
                    overall=self._position(entry, len(ids) - 1, percentiles, by_score),
                    not_applicable=off,
                )
            )
        return Cohort(
            framework=framework.ref,
            policy=self.policy,
            scale=scale,
            latest_only=self.latest_only,
            evidence=self.with_evidence,
            size=len(entries),
            strands=tables[0],
            aspects=tables[1],
            elements=tables[2],
            overall=overall,
            schools=tuple(schools),
            duplicates=self.duplicates(),
        )

    def _position(
        self,
        entry: _Entry,
        index: int,
        percentiles: list[list[float | None]],
        by_score: list[dict[float, float]],
    ) -> Position:
        """The entry's position for the id at `index`. Positions are frozen, so schools in
        the same place share one object: fewer to build and to keep."""
        rank = entry.ranks[index]
        strand = index < len(entry.evidence)  # aspects, elements, overall: no evidence
        flag = bool(entry.evidence[index]) if strand and rank < _NOT_APPLICABLE else None
        text = entry.texts[index] if strand and entry.texts is not None else None
        value = entry.scores[index] if entry.scores is not None else None
        key = (index, rank, flag, text, value)
        found = self._shared.get(key)
        if found is None:
            if rank >= _NOT_APPLICABLE:
                found = Position(level=None, percentile=None)
            else:
                found = Position(
                    level=self.framework.scale.from_rank(rank),
                    percentile=(
                        percentiles[index][rank] if value is None else by_score[index][value]
                    ),
                    has_evidence=flag,
                    evidence=text,
                )
            self._shared[key] = found
        return found


def benchmark(
    framework: Framework,
    assessments: Iterable[Assessment],
    *,
    policy: Policy = "median",
    latest_only: bool = True,
    with_evidence: bool = False,
) -> Cohort:
    """Benchmark assessments of `framework` against each other.

    `assessments` may be any iterable, a generator included: each is reduced to a small
    summary as it arrives and then dropped. A school (by id) with several reviews counts
    with its latest (by `assessed_on`; on the same day, the one seen later, and the group is
    listed in `duplicates`) unless `latest_only` is False, when every review is an entry of
    its own. Each strand's position says whether the school wrote evidence; the text itself
    is kept only `with_evidence`. Raises `InvalidDocument` for an assessment of another
    framework or one that does not fit it.
    """
    numbered = ((f"#{n}", assessment) for n, assessment in enumerate(assessments, start=1))
    return benchmark_sources(
        framework, numbered, policy=policy, latest_only=latest_only, with_evidence=with_evidence
    )


def benchmark_sources(
    framework: Framework,
    assessments: Iterable[tuple[str, Assessment]],
    *,
    policy: Policy = "median",
    latest_only: bool = True,
    with_evidence: bool = False,
) -> Cohort:
    """`benchmark` of (source, assessment) pairs: the source (a file name) is what
    `Cohort.duplicates` names."""
    accumulator = _Accumulator(framework, policy, latest_only, with_evidence)
    for origin, assessment in assessments:
        accumulator.add(assessment, origin)
    return accumulator.cohort()
