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

`benchmark` streams: it keeps a few bytes per school (its identity, the date of the review
and one rank per id), never the assessments, so memory grows with the number of schools and
not with the size of their files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Final, Literal, Self, TypeVar

from pydantic import Field, model_validator

from ._base import Level, Model, did_you_mean
from ._frozen import FrozenDict
from .assessment import Assessment, School
from .errors import UnknownIdError
from .framework import Framework
from .loader import check_assessment
from .scale import Scale
from .scoring import POLICIES, Policy, score

__all__ = ["Cohort", "Distribution", "Position", "SchoolPosition", "benchmark"]

#: The rank byte of an id with no level (ranks are below `MAX_LEVELS`, 100).
_UNJUDGED: Final = 255
OVERALL: Final = "overall"

Kind = Literal["strand", "aspect", "element", "overall"]


class Distribution(Model):
    """How the cohort's schools spread over the levels of one strand, aspect or element."""

    id: str
    title: str
    kind: Kind
    counts: FrozenDict[Level, int] = Field(
        description="Schools at each level, best first; every level of the scale is present."
    )
    judged: int = Field(ge=0, description="Schools with a level here.")
    unjudged: int = Field(ge=0, description="Schools with no level here.")
    lower_quartile: int | None = Field(
        description="Worst level at which at least a quarter of the judged schools are at or "
        "below (nearest rank; ties to the worse level)."
    )
    median: int | None = Field(description="The middle level; a tie goes to the worse level.")
    upper_quartile: int | None = Field(
        description="Worst level at which at least three quarters of the judged schools are at "
        "or below."
    )


class Position(Model):
    """One school's level for one id, and its percentile rank in the cohort there."""

    level: int | None
    percentile: float | None = Field(
        ge=0,
        le=100,
        description="100 * (schools strictly worse + half the schools at the same level) / "
        "judged schools; None when the school has no level here.",
    )


class SchoolPosition(Model):
    """One review of one school against the cohort."""

    school: School
    assessed_on: dt.date
    strands: FrozenDict[str, Position]
    aspects: FrozenDict[str, Position]
    elements: FrozenDict[str, Position]
    overall: Position

    def get(self, node_id: str) -> Position:
        """The position for a strand, aspect or element id (`overall` for overall)."""
        return _find(node_id, (self.strands, self.aspects, self.elements), self.overall, None)

    def level(self, node_id: str) -> int | None:
        return self.get(node_id).level

    def percentile(self, node_id: str) -> float | None:
        return self.get(node_id).percentile


class Cohort(Model):
    """Schools benchmarked against each other on one framework. JSON round-trips unchanged.

    `schools` is ordered by school id, then date of review.
    """

    framework: str = Field(description="The framework's `id@version`.")
    policy: Policy = Field(
        description="How each school's aspect, element and overall levels "
        "are aggregated from its strands."
    )
    scale: Scale
    latest_only: bool = Field(
        description="True: each school counts once, with its latest review; False: each review "
        "counts as its own entry."
    )
    anonymous: bool = Field(
        default=False, description="School names, ids and authorities replaced by labels."
    )
    size: int = Field(ge=0, description="Entries in the cohort (schools, or reviews).")
    strands: FrozenDict[str, Distribution]
    aspects: FrozenDict[str, Distribution]
    elements: FrozenDict[str, Distribution]
    overall: Distribution
    schools: tuple[SchoolPosition, ...]

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.size != len(self.schools):
            raise ValueError(f"size {self.size} but {len(self.schools)} schools")
        levels = set(self.scale.levels)
        for stats in self.distributions():
            if stats.judged + stats.unjudged != self.size:
                raise ValueError(f"{stats.id}: judged + unjudged is not the cohort size")
            if set(stats.counts) != levels or sum(stats.counts.values()) != stats.judged:
                raise ValueError(f"{stats.id}: counts must cover the scale and add up to judged")
        return self

    def distributions(self) -> Iterator[Distribution]:
        """Every strand, aspect and element, then overall."""
        yield from self.strands.values()
        yield from self.aspects.values()
        yield from self.elements.values()
        yield self.overall

    def stats(self, node_id: str) -> Distribution:
        """The distribution for a strand, aspect or element id (`overall` for overall)."""
        return _find(
            node_id, (self.strands, self.aspects, self.elements), self.overall, self.framework
        )

    def strand(self, strand_id: str) -> Distribution:
        if strand_id not in self.strands:
            raise UnknownIdError(
                f"`{strand_id}` is not a strand of {self.framework}",
                hint=did_you_mean(strand_id, self.strands),
                code="unknown-id",
            )
        return self.strands[strand_id]

    @property
    def school_ids(self) -> tuple[str, ...]:
        """Each school's id once, in cohort order."""
        return tuple(dict.fromkeys(entry.school.id for entry in self.schools))

    def positions(self, school_id: str) -> tuple[SchoolPosition, ...]:
        """Every entry of a school, oldest review first (one unless `latest_only` is False)."""
        found = tuple(entry for entry in self.schools if entry.school.id == school_id)
        if not found:
            raise UnknownIdError(
                f"no school `{school_id}` in the cohort",
                hint=did_you_mean(school_id, self.school_ids),
                code="unknown-school",
            )
        return found

    def position(self, school_id: str) -> SchoolPosition:
        """A school's latest review against the cohort; `UnknownIdError` with a hint if none."""
        return self.positions(school_id)[-1]

    def _labels(self) -> dict[str, int]:
        """School id -> label number. The order depends only on what the anonymised output
        shows (levels and dates, strongest overall first), never on names or ids, so the
        labels give nothing away that the output does not."""

        def content(entry: SchoolPosition) -> tuple[object, ...]:
            ranks = [
                -1 if p.level is None else self.scale.rank(p.level)
                for p in (
                    entry.overall,
                    *entry.strands.values(),
                    *entry.aspects.values(),
                    *entry.elements.values(),
                )
            ]
            return (*(-r for r in ranks), entry.assessed_on.toordinal())

        groups: dict[str, list[SchoolPosition]] = {}
        for entry in self.schools:
            groups.setdefault(entry.school.id, []).append(entry)
        order = sorted(groups, key=lambda s: tuple(content(e) for e in reversed(groups[s])))
        return {school_id: number for number, school_id in enumerate(order, start=1)}

    def anonymous_school(self, school_id: str) -> School:
        """The label `anonymised()` gives a school."""
        entry = self.position(school_id)
        labels = self._labels()
        number = labels[school_id]
        authority = self._authorities(labels).get(entry.school.authority)
        return School(id=f"school-{number}", name=f"School {number}", authority=authority)

    def _authorities(self, labels: dict[str, int]) -> dict[str | None, str]:
        """Authority -> label, numbered in the order of each authority's first school label."""
        firsts = sorted(
            (labels[e.school.id], e.school.authority)
            for e in self.schools
            if e.school.authority is not None
        )
        names: dict[str | None, str] = {}
        for _, authority in firsts:
            names.setdefault(authority, f"Authority {len(names) + 1}")
        return names

    def anonymised(self) -> Cohort:
        """A copy with each school's id, name and authority replaced by stable labels
        (`school-1` / "School 1", "Authority 1"), ordered by label; levels, percentiles and
        dates are kept."""
        if self.anonymous:
            return self
        labels = self._labels()
        authorities = self._authorities(labels)
        numbered = []
        for entry in self.schools:
            number = labels[entry.school.id]
            school = School(
                id=f"school-{number}",
                name=f"School {number}",
                authority=authorities.get(entry.school.authority),
            )
            numbered.append((number, entry.model_copy(update={"school": school})))
        numbered.sort(key=lambda pair: pair[0])  # stable: each school's reviews stay in order
        entries = tuple(entry for _, entry in numbered)
        return self.model_copy(update={"anonymous": True, "schools": entries})


# -- building -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Entry:
    """All a cohort keeps of one review: who, when, and one rank byte per id."""

    school: School
    assessed_on: dt.date
    ranks: bytes
    seen: int


def _quantile(counts: Sequence[int], quarters: int) -> int | None:
    """The rank at 1-based position ceil(quarters/4 * n) of the ranks sorted worst first."""
    n = sum(counts)
    if n == 0:
        return None
    position = (quarters * n + 3) // 4
    running = 0
    for rank, count in enumerate(counts):
        running += count
        if running >= position:
            return rank
    raise AssertionError("unreachable: position <= n")  # pragma: no cover


def _percentiles(counts: Sequence[int]) -> list[float | None]:
    """Percentile rank per rank: 100 * (strictly worse + half the same) / judged."""
    n = sum(counts)
    out: list[float | None] = []
    below = 0
    for count in counts:
        out.append(100 * (2 * below + count) / (2 * n) if count else None)
        below += count
    return out


class _Accumulator:
    def __init__(self, framework: Framework, policy: Policy, latest_only: bool) -> None:
        if policy not in POLICIES:
            raise ValueError(f"unknown policy {policy!r}: choose one of {', '.join(POLICIES)}")
        self.framework = framework
        self.policy = policy
        self.latest_only = latest_only
        self.kinds: dict[str, Kind] = dict.fromkeys(framework.strand_ids, "strand")
        self.kinds.update({a.id: "aspect" for a in framework.aspects})
        self.kinds.update({e.id: "element" for e in framework.elements})
        self.latest: dict[str, _Entry] = {}
        self.every: list[_Entry] = []
        self.seen = 0

    def add(self, assessment: Assessment) -> None:
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
        entry = _Entry(assessment.school, assessment.assessed_on, ranks, self.seen)
        self.seen += 1
        if not self.latest_only:
            self.every.append(entry)
            return
        held = self.latest.get(entry.school.id)
        if held is None or entry.assessed_on >= held.assessed_on:
            self.latest[entry.school.id] = entry

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
        overall: Distribution | None = None
        for index, node_id in enumerate(ids):
            counts = [0] * scale.size
            for entry in entries:
                rank = entry.ranks[index]
                if rank != _UNJUDGED:
                    counts[rank] += 1
            percentiles.append(_percentiles(counts))
            # The last id is overall, even should a strand be called `overall` too.
            kind: Kind = "overall" if index == len(ids) - 1 else self.kinds[node_id]
            stats = Distribution(
                id=node_id,
                title="Overall" if kind == "overall" else framework.get(node_id).title,
                kind=kind,
                counts={lv: counts[scale.rank(lv)] for lv in scale.levels},
                judged=sum(counts),
                unjudged=len(entries) - sum(counts),
                lower_quartile=level(_quantile(counts, 1)),
                median=level(_quantile(counts, 2)),
                upper_quartile=level(_quantile(counts, 3)),
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
                    entry, index, percentiles
                )
            schools.append(
                SchoolPosition(
                    school=entry.school,
                    assessed_on=entry.assessed_on,
                    strands=places[0],
                    aspects=places[1],
                    elements=places[2],
                    overall=self._position(entry, len(ids) - 1, percentiles),
                )
            )
        return Cohort(
            framework=framework.ref,
            policy=self.policy,
            scale=scale,
            latest_only=self.latest_only,
            size=len(entries),
            strands=tables[0],
            aspects=tables[1],
            elements=tables[2],
            overall=overall,
            schools=tuple(schools),
        )

    def _position(
        self, entry: _Entry, index: int, percentiles: list[list[float | None]]
    ) -> Position:
        rank = entry.ranks[index]
        if rank == _UNJUDGED:
            return Position(level=None, percentile=None)
        return Position(
            level=self.framework.scale.from_rank(rank), percentile=percentiles[index][rank]
        )


def benchmark(
    framework: Framework,
    assessments: Iterable[Assessment],
    *,
    policy: Policy = "median",
    latest_only: bool = True,
) -> Cohort:
    """Benchmark assessments of `framework` against each other.

    `assessments` may be any iterable, a generator included: each is reduced to a small
    summary as it arrives and then dropped. A school (by id) with several reviews counts
    with its latest (by `assessed_on`; on the same day, the one seen later) unless
    `latest_only` is False, when every review is an entry of its own. Raises
    `InvalidDocument` for an assessment of another framework or one that does not fit it.
    """
    accumulator = _Accumulator(framework, policy, latest_only)
    for assessment in assessments:
        accumulator.add(assessment)
    return accumulator.cohort()


_T = TypeVar("_T")


def _find(
    node_id: str, tables: tuple[Mapping[str, _T], ...], overall: _T, framework: str | None
) -> _T:
    """The entry for a strand, aspect or element id in one of `tables`, or `overall`."""
    for table in tables:
        if node_id in table:
            return table[node_id]
    if node_id == OVERALL:
        return overall
    raise UnknownIdError(
        f"`{node_id}` is not an element, aspect or strand of "
        + (framework or "the cohort's framework"),
        hint=did_you_mean(node_id, [k for table in tables for k in table]),
        code="unknown-id",
    )
