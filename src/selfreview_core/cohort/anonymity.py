"""Anonymising a cohort for sharing: no names, ids or exact dates, and no small groups.

SPEC section 7: "`--anonymise` drops school ids and names, labels schools in an order
unrelated to their results, coarsens dates to the year, and suppresses any group of fewer
than 5 schools (`--min-group N`)". How each part is done, and why:

- **Labels.** Each school becomes "School k" (id `school-k`), k from a random permutation
  drawn for each run from the operating system's generator (`random.SystemRandom`). A label
  says nothing about the school's results, id, name, date or place in the input, and two
  runs label one cohort differently, so two shared outputs cannot be linked by label
  either. Rows are listed by label, so their order is random too. (Labels that followed
  results made "School 1" the strongest school; labels that followed ids let anyone with
  the list of URNs put names back.)
- **Dropped.** Names, ids and authorities; evidence text (it can name the school) and,
  in the rows of other schools, whether there is any (one more attribute to tell schools
  apart by).
- **Dates.** Every date becomes its year: `assessed_on` is None and `year` holds it.
- **Suppression.** A cell of a distribution (the schools at one level of a strand, aspect,
  element or overall, those that did not judge it, or those that marked it not applicable)
  of 1 to `min_group - 1` distinct schools is hidden. Because the cells add up to the
  cohort's size, one hidden cell could be worked out from the others, so more are hidden
  (the smallest shown ones first) until the hidden cells are at least two, hold at least
  `min_group` schools together and more schools than cells (else each would be known to
  hold one); failing that, every cell is hidden. The judged count is hidden with the
  not-judged or the not-applicable cell (the three add up to the size). A quartile, median
  or percentile is shown only when the shown cells decide it, whatever the hidden ones
  hold, so it tells nothing the table does not. A school's level is hidden where its cell
  is (its not being judged or not applicable likewise), with its evidence flag; and its
  year where fewer than `min_group` schools were reviewed that year. Every hidden figure is
  None with `suppressed: true`; what is shown describes at least `min_group` schools.
- **Refusal.** A cohort of fewer than `min_group` schools cannot be shared anonymously at
  all: `SelfReviewError` (code `cohort-too-small`).

What this controls is every figure on its own. Rows are still one per school, so a school
whose combination of shown levels is unusual can still be recognised by someone who knows
it; the size of the cohort is shown too.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Final

from .._frozen import freeze
from .._names import DEFAULT_MIN_GROUP
from ..errors import SelfReviewError
from ..model.assessment import School
from ..model.questions import Terms
from .positions import Cohort, Distribution, Duplicate, Position, SchoolPosition, quantile

__all__ = ["Anonymised", "anonymise"]


#: A school's places and the cohort's distributions, by table (overall: one, keyed "").
_Places = dict[str, Mapping[str, Position]]
#: The cell of a distribution's schools not applicable there (the others: a level, or None).
_NA: Final = "n/a"
_Cell = int | str | None


def _places(entry: SchoolPosition) -> _Places:
    return {
        "strands": entry.strands,
        "aspects": entry.aspects,
        "elements": entry.elements,
        "overall": {"": entry.overall},
    }


def _not_applicable(entry: SchoolPosition) -> tuple[tuple[str, str], ...]:
    """The (table, id) places of `entry` not applicable, in framework order (overall: when
    every strand is)."""
    na = set(entry.not_applicable)
    every = bool(na) and na.issuperset(entry.strands)
    places = ((t, k) for t, found in _places(entry).items() for k in found)
    return tuple((t, k) for t, k in places if (every if t == "overall" else k in na))


def _distributions(cohort: Cohort) -> dict[str, Mapping[str, Distribution]]:
    return {
        "strands": cohort.strands,
        "aspects": cohort.aspects,
        "elements": cohort.elements,
        "overall": {"": cohort.overall},
    }


@dataclass(frozen=True, slots=True)
class Anonymised:
    """An anonymised cohort, and what only the person who made it may see: which label each
    school got (to show one school against the cohort under its label).

    Its maps are read-only and pickle (a `MappingProxyType` did not: neither `pickle` nor
    `copy.deepcopy` took one); equal and hashed by what it shows and was made from, not by
    `_plans`, which is worked out from those and caches the positions it has given."""

    cohort: Cohort
    labels: Mapping[str, str] = field(repr=False)
    source: Cohort = field(repr=False)
    _plans: Mapping[tuple[str, str], _Plan] = field(repr=False, compare=False)
    #: The framework's word for who is reviewed (`terms:`), which the labels' names take.
    subject: str = "school"

    def school(self, school_id: str) -> SchoolPosition:
        """A school's latest review under its label, for that school's own view: its own
        levels and year are shown; its percentiles only where the anonymised cohort's shown
        figures decide them. `UnknownIdError` for a school not in the cohort (its hint
        names other schools' ids: do not show it to anyone else)."""
        entry = self.source.position(school_id)
        places = {
            table: {k: self._plans[table, k].own(p) for k, p in found.items()}
            for table, found in _places(entry).items()
        }
        return SchoolPosition(
            school=_labelled(self.labels[school_id], self.subject),
            assessed_on=None,
            year=entry.year,
            strands=places["strands"],
            aspects=places["aspects"],
            elements=places["elements"],
            overall=places["overall"][""],
            not_applicable=entry.not_applicable,
        )


def anonymise(
    cohort: Cohort,
    *,
    min_group: int = DEFAULT_MIN_GROUP,
    rng: random.Random | None = None,
    terms: Terms | None = None,
) -> Anonymised:
    """`cohort` with schools labelled at random, dates coarsened to the year and every group
    of fewer than `min_group` schools suppressed (see the module's notes). The labels are
    named in the framework's `terms` for who is reviewed ("Setting 3"); their ids stay
    `school-3`, as the names of fields do.

    `rng` is for tests; by default each call draws a fresh permutation from the operating
    system. Raises `SelfReviewError` for a cohort of fewer than `min_group` schools, and
    `ValueError` for a `min_group` below 1 or a cohort anonymised already.
    """
    if min_group < 1:
        raise ValueError(f"min_group must be at least 1, not {min_group}")
    if cohort.anonymous:
        raise ValueError("the cohort is anonymised already")
    terms = terms or Terms()
    subject = terms.subject
    schools = cohort.school_ids
    if len(schools) < min_group:
        raise SelfReviewError(
            f"the cohort has {terms.count(len(schools))}, fewer "
            f"than the {min_group} an anonymised cohort needs: each would stand out",
            code="cohort-too-small",
        )
    numbers = list(range(1, len(schools) + 1))
    (rng or random.SystemRandom()).shuffle(numbers)
    labels = {school: f"school-{number}" for school, number in zip(schools, numbers, strict=True)}

    sizes = _group_sizes(cohort)
    plans = {
        (table, node_id): _Plan.make(cohort, stats, sizes[table, node_id], min_group)
        for table, found in _distributions(cohort).items()
        for node_id, stats in found.items()
    }
    years = Counter(year for _, year in {(e.school.id, e.year) for e in cohort.schools})

    def row(entry: SchoolPosition) -> SchoolPosition:
        year = entry.year
        if year is not None and 0 < years[year] < min_group:
            year = None
        na = _not_applicable(entry)
        places = {
            table: {k: plans[table, k].position(p, (table, k) in na) for k, p in found.items()}
            for table, found in _places(entry).items()
        }
        return SchoolPosition(
            school=_labelled(labels[entry.school.id], subject),
            assessed_on=None,
            year=year,
            strands=places["strands"],
            aspects=places["aspects"],
            elements=places["elements"],
            overall=places["overall"][""],
            suppressed=year is None,
            not_applicable=tuple(k or "overall" for t, k in na if _NA not in plans[t, k].hidden),
        )

    def number(school_id: str) -> int:
        return int(labels[school_id].removeprefix("school-"))

    def duplicate(found: Duplicate) -> Duplicate:
        # Unlike a row's, a duplicate's year may have no row at all (a later review of the
        # school counts instead): a year no other school shares, hidden like any other.
        year = found.year
        if year is not None and years[year] < min_group:
            year = None
        return Duplicate(
            school=labels[found.school],
            assessed_on=None,
            year=year,
            reviews=found.reviews,
            sources=(),
            counted=found.counted,
        )

    tables = {
        table: {k: plans[table, k].distribution for k in found}
        for table, found in _distributions(cohort).items()
    }
    order = sorted(range(cohort.size), key=lambda i: (number(cohort.schools[i].school.id), i))
    anonymous = Cohort(
        framework=cohort.framework,
        policy=cohort.policy,
        scale=cohort.scale,
        latest_only=cohort.latest_only,
        anonymous=True,
        min_group=min_group,
        evidence=False,
        size=cohort.size,
        strands=tables["strands"],
        aspects=tables["aspects"],
        elements=tables["elements"],
        overall=tables["overall"][""],
        schools=tuple(row(cohort.schools[i]) for i in order),
        duplicates=tuple(
            duplicate(d) for d in sorted(cohort.duplicates, key=lambda d: number(d.school))
        ),
    )
    return Anonymised(anonymous, freeze(labels), cohort, freeze(plans), subject)


def _labelled(label: str, subject: str = "school") -> School:
    name = f"{subject[:1].upper()}{subject[1:]} {label.removeprefix('school-')}"
    return School(id=label, name=name, authority=None)


def _group_sizes(cohort: Cohort) -> dict[tuple[str, str], Counter[_Cell]]:
    """Distinct schools per (table, id) at each level, not judged (None) and not applicable
    (`_NA`): with every review counted, one school may be several entries of one group."""
    keys = [
        (table, node_id) for table, found in _distributions(cohort).items() for node_id in found
    ]
    if cohort.latest_only:  # one entry per school: its entries are its schools
        sizes: dict[tuple[str, str], Counter[_Cell]] = {key: Counter() for key in keys}
        for key, cell, _ in _cells(cohort):
            sizes[key][cell] += 1
        return sizes
    groups: dict[tuple[str, str], defaultdict[_Cell, set[str]]] = {
        key: defaultdict(set) for key in keys
    }
    for key, cell, school in _cells(cohort):
        groups[key][cell].add(school)
    return {
        key: Counter({group: len(members) for group, members in cells.items()})
        for key, cells in groups.items()
    }


def _cells(cohort: Cohort) -> Iterator[tuple[tuple[str, str], _Cell, str]]:
    """Each entry's place in each group, (table, id): its level, None (not judged) or not
    applicable (`_NA`); with its school's id."""
    for entry in cohort.schools:
        na = _not_applicable(entry)
        for table, found in _places(entry).items():
            for node_id, place in found.items():
                key = (table, node_id)
                yield key, _NA if key in na else place.level, entry.school.id


@dataclass(frozen=True, slots=True)
class _Plan:
    """What one distribution of an anonymised cohort shows: its figures, and for which
    levels a school's percentile is decided by them."""

    distribution: Distribution
    hidden: frozenset[_Cell]
    percentiles: frozenset[int]
    #: The positions made so far, by cell: every school in one cell shows alike.
    shared: dict[_Cell, Position] = field(default_factory=dict)

    @classmethod
    def make(
        cls, cohort: Cohort, stats: Distribution, sizes: Counter[_Cell], min_group: int
    ) -> _Plan:
        worst_first = tuple(reversed(cohort.scale.levels))
        cells: tuple[_Cell, ...] = (*worst_first, None, _NA)
        hidden = _hidden(cells, sizes, min_group)
        counts = {lv: None if lv in hidden else n for lv, n in stats.counts.items()}
        judged = None if None in hidden or _NA in hidden else stats.judged
        shown_counts = [counts[lv] for lv in worst_first]  # by rank, worst first
        gaps = [rank for rank, n in enumerate(shown_counts) if n is None]
        # With every level shown, the judged are their sum, hidden or not.
        known = stats.judged if judged is not None or not gaps else None

        def quartile(value: int | None, quarters: int) -> int | None:
            if known is None:
                return None
            low, high = _quantile_range(shown_counts, known, quarters)
            return value if low == high else None

        quartiles = (
            quartile(stats.lower_quartile, 1),
            quartile(stats.median, 2),
            quartile(stats.upper_quartile, 3),
        )
        withheld = any(
            shown is None and given is not None
            for shown, given in zip(
                quartiles, (stats.lower_quartile, stats.median, stats.upper_quartile), strict=True
            )
        )

        percentiles = frozenset(
            lv
            for rank, lv in enumerate(worst_first)
            if known is not None
            and lv not in hidden
            and (all(g < rank for g in gaps) or all(g > rank for g in gaps))
        )
        shown = Distribution(
            id=stats.id,
            title=stats.title,
            kind=stats.kind,
            counts=counts,
            judged=judged,
            unjudged=None if None in hidden else stats.unjudged,
            not_applicable=None if _NA in hidden else stats.not_applicable,
            lower_quartile=quartiles[0],
            median=quartiles[1],
            upper_quartile=quartiles[2],
            suppressed=bool(hidden) or withheld,
        )
        return cls(shown, frozenset(hidden), percentiles)

    def position(self, place: Position, not_applicable: bool) -> Position:
        """A school's position as the anonymised cohort shows it to anyone: no evidence
        flag (one more attribute to tell schools apart by), no level in a hidden cell.
        Schools in one place share one (frozen) object."""
        cell = _NA if not_applicable else place.level
        found = self.shared.get(cell)
        if found is None:
            if cell in self.hidden:
                found = Position(level=None, percentile=None, suppressed=True)
            else:
                found = self._shown(place, None)
            self.shared[cell] = found
        return found

    def own(self, place: Position) -> Position:
        """A school's own level and evidence flag, with its percentile only where the
        shown cells decide it."""
        return self._shown(place, place.has_evidence)

    def _shown(self, place: Position, has_evidence: bool | None) -> Position:
        percentile = place.percentile if place.level in self.percentiles else None
        return Position(
            level=place.level,
            percentile=percentile,
            has_evidence=has_evidence,
            suppressed=percentile is None and place.percentile is not None,
        )


def _hidden(cells: tuple[_Cell, ...], sizes: Counter[_Cell], min_group: int) -> set[_Cell]:
    """The cells to hide: those of 1..min_group-1 schools, then the smallest shown ones
    until the hidden cells cannot be worked out from the size and the shown cells."""
    hidden = {cell for cell in cells if 0 < sizes[cell] < min_group}

    def exposed() -> bool:
        held = sum(sizes[cell] for cell in hidden)
        return bool(hidden) and (len(hidden) < 2 or held < min_group or held <= len(hidden))

    while exposed():
        shown = [cell for cell in cells if cell not in hidden and sizes[cell] > 0]
        if not shown:
            return set(cells)
        hidden.add(min(shown, key=lambda cell: sizes[cell]))
    return hidden


def _quantile_range(
    counts: list[int | None], judged: int, quarters: int
) -> tuple[int | None, int | None]:
    """The best and worst rank the quantile can have whatever the hidden counts (None) hold:
    each at least 1, together the judged schools the shown counts leave. Every cumulative
    count is highest with the hidden schools piled into the first hidden cell and lowest
    with them in the last, and the quantile moves with them, so those two decide it."""
    gaps = [rank for rank, n in enumerate(counts) if n is None]
    if not gaps:
        known = [n or 0 for n in counts]
        return quantile(known, quarters), quantile(known, quarters)
    spare = judged - sum(n for n in counts if n is not None) - len(gaps)
    front = [1 if n is None else n for n in counts]
    back = list(front)
    front[gaps[0]] += spare
    back[gaps[-1]] += spare
    return quantile(front, quarters), quantile(back, quarters)
