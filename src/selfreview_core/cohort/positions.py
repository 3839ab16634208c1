"""A benchmarked cohort: how many schools stand at each level, and where each school stands.

Everything is on ranks (steps above the worst level), so nothing depends on which way the
scale runs: quartiles and medians by the nearest-rank rule, ties to the worse level, and
each school's percentile rank (see `benchmarking`, which makes a `Cohort`). A cohort is a
frozen model: JSON round-trips unchanged, and an anonymised one (`anonymity`) says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final, Literal, Self, TypeVar, cast

from pydantic import Field, model_validator

from .._frozen import FrozenDict
from .._names import Policy
from ..errors import UnknownIdError, quoted_key
from ..model.assessment import School
from ..model.base import Level, Model, did_you_mean
from ..model.scale import Scale

__all__ = [
    "OVERALL",
    "Cohort",
    "Distribution",
    "Duplicate",
    "Position",
    "SchoolPosition",
    "marked_ids",
    "no_school",
    "quantile",
    "score_percentiles",
]

OVERALL: Final = "overall"

Kind = Literal["strand", "aspect", "element", "overall"]


def no_school(school_id: str, *, anonymous: bool = False) -> str:
    """That no school of the cohort has the id `school_id` (`--school`), an empty one
    named so rather than as nothing in backticks; where the view is `anonymous`, not
    named: an id typed one key wrong is most of a real school's."""
    if not school_id:
        return "no school in the cohort has an empty id"
    if anonymous:
        return "no school with the id given in the cohort"
    return f"no school {quoted_key(school_id)} in the cohort"


class Distribution(Model):
    """How the cohort's schools spread over the levels of one strand, aspect or element."""

    id: str
    title: str
    kind: Kind
    counts: FrozenDict[Level, int | None] = Field(
        description="Schools at each level, best first; every level of the scale is present. "
        "None: suppressed (an anonymised cohort hides groups of fewer than `min_group` schools)."
    )
    judged: int | None = Field(ge=0, description="Schools with a level here (None: suppressed).")
    unjudged: int | None = Field(
        ge=0,
        description="Schools with no level here, not those that marked it not applicable "
        "(None: suppressed).",
    )
    not_applicable: int | None = Field(
        default=0,
        ge=0,
        description="Schools that marked the strand not applicable (for an aspect, element or "
        "overall: every strand under it); neither judged nor unjudged (None: suppressed).",
    )
    lower_quartile: int | None = Field(
        description="Worst level at which at least a quarter of the judged schools are at or "
        "below (nearest rank; ties to the worse level)."
    )
    median: int | None = Field(description="The middle level; a tie goes to the worse level.")
    upper_quartile: int | None = Field(
        description="Worst level at which at least three quarters of the judged schools are at "
        "or below."
    )
    suppressed: bool = Field(
        default=False,
        description="True when some figure here is None because it would describe fewer than "
        "the cohort's `min_group` schools (quartiles: when `judged` is suppressed).",
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
    has_evidence: bool | None = Field(
        default=None,
        description="Strands only: whether the school wrote evidence for its judgement (None "
        "when it did not judge the strand, and for aspects, elements and overall).",
    )
    evidence: str | None = Field(
        default=None,
        description="The evidence text, only in a cohort made with evidence "
        "(`Cohort.evidence`); otherwise always None.",
    )
    suppressed: bool = Field(
        default=False,
        description="True when the level, percentile or evidence flag is None because it "
        "would single out a group of fewer than the cohort's `min_group` schools.",
    )


def _year_of(data: Any) -> Any:
    """`year` follows from `assessed_on` in a cohort saved before it had one."""
    if isinstance(data, dict) and "year" not in data:
        when = data.get("assessed_on")
        if isinstance(when, dt.date):
            return {**data, "year": when.year}
        if isinstance(when, str) and when[:4].isascii() and when[:4].isdigit():
            return {**data, "year": int(when[:4])}
    return data


class SchoolPosition(Model):
    """One review of one school against the cohort."""

    school: School
    assessed_on: dt.date | None = Field(
        description="The review's date; None in an anonymised cohort, which gives `year` only."
    )
    year: int | None = Field(
        description="The review's year; None when suppressed (an anonymised cohort hides a "
        "year in which fewer than `min_group` of its schools were reviewed)."
    )
    strands: FrozenDict[str, Position]
    aspects: FrozenDict[str, Position]
    elements: FrozenDict[str, Position]
    overall: Position
    suppressed: bool = Field(
        default=False, description="True when `year` is None because it is suppressed."
    )
    not_applicable: tuple[str, ...] = Field(
        default=(),
        exclude_if=lambda ids: not ids,
        description="The strands the school marked not applicable, and the aspects and "
        "elements all of whose strands it did, in framework order (its position there has no "
        "level); `overall` too when every strand is. Left out of JSON when empty. In an "
        "anonymised cohort, only where the cohort shows who is not applicable.",
    )

    @model_validator(mode="before")
    @classmethod
    def _fill_year(cls, data: Any) -> Any:
        return _year_of(data)

    @model_validator(mode="after")
    def _check_year(self) -> Self:
        if self.assessed_on is not None and self.year != self.assessed_on.year:
            raise ValueError(f"year {self.year} but assessed on {self.assessed_on.isoformat()}")
        return self

    def get(self, node_id: str) -> Position:
        """The position for a strand, aspect or element id (`overall` for overall)."""
        return _find(node_id, (self.strands, self.aspects, self.elements), self.overall, None)

    def level(self, node_id: str) -> int | None:
        return self.get(node_id).level

    def percentile(self, node_id: str) -> float | None:
        return self.get(node_id).percentile


Counted = Literal["last", "all", "none"]


class Duplicate(Model):
    """Reviews of one school on one date: they cannot each be its latest, so they are
    reported, never silently dropped."""

    school: str = Field(description="The school's id (its label in an anonymised cohort).")
    assessed_on: dt.date | None = Field(description="Their date (None when anonymised).")
    year: int | None = Field(description="Their year (None when anonymised and suppressed).")
    reviews: int = Field(ge=2, description="How many reviews share the school and the date.")
    sources: tuple[str, ...] = Field(
        description="Where each came from, in the order read: a file, or `#N` for the N-th "
        "assessment given to `benchmark`; empty when anonymised."
    )
    counted: Counted = Field(
        description="`last`: the last one read counts, the others are left out (latest review "
        "of each school); `all`: each counts as a review of its own (every review counted); "
        "`none`: a later review of the school counts instead."
    )

    @classmethod
    def read(
        cls,
        school: str,
        day: dt.date,
        sources: Sequence[str],
        latest: dt.date | None,
        latest_only: bool,
    ) -> Duplicate:
        """The reviews read from `sources` of `school` on `day`, where the school's latest
        review is of `latest` (looked at only with `latest_only`: then the last one read
        counts if `day` is that, else none of them; otherwise each counts)."""
        counted: Counted = "all"
        if latest_only:
            counted = "last" if latest == day else "none"
        return cls(
            school=school,
            assessed_on=day,
            year=day.year,
            reviews=len(sources),
            sources=tuple(sources),
            counted=counted,
        )


class Cohort(Model):
    """Schools benchmarked against each other on one framework. JSON round-trips unchanged.

    `schools` is ordered by school id, then date of review (by label when anonymised).
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
        default=False,
        description="School names, ids and authorities dropped (schools labelled in a random "
        "order), dates coarsened to the year, groups under `min_group` suppressed.",
    )
    min_group: int | None = Field(
        default=None,
        ge=1,
        description="The fewest schools a figure may describe: in an anonymised cohort, and in "
        "the cohort's view in one school's report (`report --cohort`: figures that at most "
        "this many schools have a level at are withheld); None otherwise.",
    )
    evidence: bool = Field(
        default=False,
        description="Each strand position carries its evidence text; otherwise only "
        "`has_evidence`.",
    )
    size: int = Field(ge=0, description="Entries in the cohort (schools, or reviews).")
    strands: FrozenDict[str, Distribution]
    aspects: FrozenDict[str, Distribution]
    elements: FrozenDict[str, Distribution]
    overall: Distribution
    schools: tuple[SchoolPosition, ...]
    duplicates: tuple[Duplicate, ...] = Field(
        default=(),
        description="Every group of reviews of one school on one date, and which of them count.",
    )

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.size != len(self.schools):
            raise ValueError(f"size {self.size} but {len(self.schools)} schools")
        levels = set(self.scale.levels)
        for stats in self.distributions():
            if set(stats.counts) != levels:
                raise ValueError(f"{stats.id}: counts must cover the scale")
            if stats.suppressed and self.min_group is None:
                raise ValueError(
                    f"{stats.id}: a figure is suppressed only under a min_group (an anonymised "
                    "cohort, or the cohort's view in one school's report)"
                )
            shown = [c for c in stats.counts.values() if c is not None]
            parts = (stats.judged, stats.unjudged, stats.not_applicable)
            if None not in parts and sum(cast("tuple[int, ...]", parts)) != self.size:
                raise ValueError(
                    f"{stats.id}: judged + unjudged + not_applicable is not the cohort size"
                )
            judged = stats.judged
            if judged is not None and (
                sum(shown) > judged or (len(shown) == len(levels) and sum(shown) != judged)
            ):
                raise ValueError(f"{stats.id}: counts must add up to judged")
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
                f"{quoted_key(strand_id, 'an empty id')} is not a strand of {self.framework}",
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
                no_school(school_id),
                hint=did_you_mean(school_id, self.school_ids),
                code="unknown-school",
            )
        return found

    def position(self, school_id: str) -> SchoolPosition:
        """A school's latest review against the cohort; `UnknownIdError` with a hint if none."""
        return self.positions(school_id)[-1]


# -- building -----------------------------------------------------------------------------


def marked_ids(
    ids: Sequence[str], strands: int, groups: Sequence[tuple[int, ...]], na: list[int] | None
) -> tuple[str, ...]:
    """The ids an entry is not applicable at (`SchoolPosition.not_applicable`), from `na`,
    the indexes of its strands not applicable: those strands, and each aggregate all of
    whose strands are (`groups`: the strand indexes under each of `ids[strands:]`)."""
    if not na:
        return ()
    marked = set(na)
    aggregates = [strands + n for n, group in enumerate(groups) if marked.issuperset(group)]
    return tuple(ids[i] for i in sorted(marked) + aggregates)


def score_percentiles(counts: Mapping[float, int]) -> dict[float, float]:
    """Percentile rank per score (`counts`: schools at each score), as per level
    (`Position.percentile`) but by score, for a framework with questions:
    100 * (strictly lower + half the same) / judged."""
    n = sum(counts.values())
    out: dict[float, float] = {}
    below = 0
    for value in sorted(counts):
        out[value] = 100 * (2 * below + counts[value]) / (2 * n)
        below += counts[value]
    return out


def quantile(counts: Sequence[int], quarters: int) -> int | None:
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
        f"{quoted_key(node_id, 'an empty id')} is not an element, aspect or strand of "
        + (framework or "the cohort's framework"),
        hint=did_you_mean(node_id, [k for table in tables for k in table]),
        code="unknown-id",
    )
