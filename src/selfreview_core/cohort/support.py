"""Where an authority's support is needed: schools not yet at a level, and the advice for them.

SPEC section 8: "`support --reached LEVEL` lists, per strand and aspect, the schools not yet at
LEVEL (default: the lowest threshold the framework's awards name, else the middle of the
scale), and every recommendation the installed plugins and rule packs make for those
schools, with the number of schools each applies to: what to train, buy or visit."

- **The cohort** is each school's latest review (`sql`, on DuckDB).
- **Not yet at LEVEL** follows the scale's direction (a rank below LEVEL's rank), as the
  rule language's `below` does; an aspect's level is the school's own aggregate under the
  policy. A school that did not judge a strand is not counted as below it: it is in
  `judged`'s complement, and `judge_first` lists such strands.
- **The default level**: the lowest (worst) level any award's requirement names with
  `reached` (or with `below` under a `not`, the same test), since that is the first
  threshold a school works towards. A score threshold (`score_reached: X`, or `score_below`
  under a `not`; SPEC section 10, on the rank axis) names the level at rank ⌈X⌉, the worst
  at which every school passes it: `score_reached: 2` is level 3 on Becta's 5..1, and 1.5
  on a 0..3 scale is level 2 (a school at level 1 may score 1.2). A framework without
  awards uses the middle of its scale, the level at rank `size // 2` (3 on Becta's 5..1,
  2 on a 0..3 scale: for an even number of levels, the better of the two middle ones).
- **The advice**: every school below LEVEL on some strand or aspect is reported on
  (`Engine.report`: every installed plugin and rule pack, as `selfreview report` does), and
  each recommendation is counted across those schools, by id and title (a plugin may word
  one id for each school, as next steps name the level to reach): "12 schools: book the
  authority's ICT leadership course". Most schools first, then priority, then id.
  From a cohort file the review is rebuilt from its rows: levels as they were, evidence as
  it was when the file carries it, else (`has_evidence`) a note standing for it, so that a
  rule or plugin that asks whether there is evidence is answered as it would have been.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Final

from pydantic import Field

from .._names import PRIORITIES, Policy
from ..errors import cut
from ..model.assessment import Assessment, Judgement, School
from ..model.base import Model
from ..model.conditions import AllOf, Condition, NotOf, Test
from ..model.framework import Framework
from ..model.recommendation import Recommendation
from ..model.scale import Scale
from .lowered_memory import READING_MB, lowered_memory
from .positions import Kind
from .rebuilt_answers import MOST_SUMS, answers_for
from .sql import SqlCohort
from .sql_support import SupportEntries
from .support_ids import Found, FoundAdvice, FoundShortfall, Listed, Members, Places, copied

__all__ = [
    "EVIDENCE_NOT_KEPT",
    "Advice",
    "Listing",
    "Reported",
    "Shortfall",
    "SupportList",
    "default_level",
    "rebuilt_reviews",
    "support",
    "support_found",
    "support_list",
]

#: The evidence of a judgement rebuilt from a cohort file that says it had some, but not what.
EVIDENCE_NOT_KEPT: Final = "[evidence given; its text is not in the cohort file]"


class Shortfall(Model):
    """The schools not yet at the level on one strand or aspect."""

    kind: Kind
    id: str
    title: str
    judged: int = Field(ge=0, description="Schools with a level here.")
    schools: tuple[str, ...] = Field(description="Ids of the schools below the level, by id.")

    @property
    def count(self) -> int:
        return len(self.schools)


class Advice(Model):
    """One recommendation, and the schools it was made for."""

    id: str
    title: str
    action: str
    priority: str
    audience: str
    source: str
    targets: tuple[str, ...]
    schools: tuple[str, ...] = Field(description="Ids of the schools it was made for, by id.")

    @property
    def count(self) -> int:
        return len(self.schools)


class SupportList(Model):
    """The authority's view of need in one cohort."""

    framework: str
    policy: Policy
    reached: int = Field(description="The level asked for.")
    reached_from: str = Field(description="Why that level: given, an award's, or the middle.")
    size: int = Field(ge=0, description="Schools in the cohort (each with its latest review).")
    needing: int = Field(ge=0, description="Schools below the level on some strand or aspect.")
    shortfalls: tuple[Shortfall, ...]
    recommendations: tuple[Advice, ...]
    problems: tuple[str, ...] = Field(
        default=(),
        description="What went wrong in plugins while reporting, each once, and each strand "
        "whose answers could not be rebuilt, read at its levels alone.",
    )


def _score_level(scale: Scale, score: float) -> tuple[int, str] | None:
    """The level a score threshold asks for: the level at rank ⌈score⌉, the worst level at
    which every school passes it (a score runs from its level's rank to just below the
    next's), kept to the scale (0 or less: the worst; above the best rank, which no score
    reaches: the best); none for NaN, which no score reaches or falls below. With it, how
    the score became that level, for `default_level`'s why: "score 2.5 rounded up to level
    2" (round 50: a user saw only the award, and level 2 for a 1.5 looked wrong)."""
    if score != score:  # NaN; no float() of an int of 400 digits, which overflows
        return None
    top = scale.size - 1
    rank = 0 if score <= 0 else top if score > top else math.ceil(score)
    level = scale.from_rank(rank)
    shown = cut(str(score)) if type(score) is int else f"{score:g}"
    if score < 0 or score > top:
        end = "worst" if score < 0 else "best"
        how = f"score {shown}, beyond the {end} level, taken as level {level}"
    elif rank == score:
        how = f"score {shown} is level {level}"
    else:
        how = f"score {shown} rounded up to level {level}"
    return level, how


def _thresholds(
    condition: Condition, scale: Scale, negated: bool = False
) -> Iterator[tuple[int, str | None]]:
    """The levels a requirement asks to reach: its `reached` tests, and its `below` tests
    under a `not` (`not: {below: 3}` is `reached: 3`); under a second `not`, the other way
    round again (`negated`: under an odd number of them). `score_reached` (and `score_below`
    under a `not`) ask for the level its score lies in, rounded up (`_score_level`), and
    say how; a level asked for as such needs no word (None)."""
    if isinstance(condition, Test):
        name, value = condition.operator
        if name == ("below" if negated else "reached"):
            yield value, None
        elif name == ("score_below" if negated else "score_reached"):
            found = _score_level(scale, value)
            if found is not None:
                yield found
    elif isinstance(condition, NotOf):
        yield from _thresholds(condition.not_, scale, not negated)
    else:
        for child in condition.all if isinstance(condition, AllOf) else condition.any:
            yield from _thresholds(child, scale, negated)


def default_level(framework: Framework) -> tuple[int, str]:
    """The level `support` asks for by default, and why (see the module's notes)."""
    scale = framework.scale
    named = [
        (level, award.title, how)
        for award in framework.awards
        for level, how in _thresholds(award.require, scale)
    ]
    if named:
        level, title, how = min(named, key=lambda found: scale.rank(found[0]))
        said = title if how is None else f"{title}: {how}"
        return level, f"the lowest threshold of the framework's awards ({said})"
    return scale.from_rank(scale.size // 2), "the middle of the scale"


def rebuilt_reviews(
    cohort: SqlCohort | SupportEntries, below: int | None = None, given_up: set[str] | None = None
) -> Iterator[Assessment]:
    """The cohort's entries as assessments again (those below rank `below` on some strand or
    aspect, else every one), in cohort order, so that each school is reported on as
    `report` would (SPEC section 10): each judged strand's level, with answers that give its
    score (`rebuilt_answers.answers_for`) where it is not its rank, and its evidence (or
    `EVIDENCE_NOT_KEPT`); each strand not applicable as such, never as unjudged (a rule on
    `unjudged` would fire for it). Read from the entries in long form (`sql_support`): made
    here from a cohort, their tables are dropped once every review is rebuilt. The strands
    whose answers were given up (read at their levels alone) are added to `given_up`."""
    given_up = set() if given_up is None else given_up
    if isinstance(cohort, SupportEntries):
        yield from _rebuilt(cohort, below, given_up)
    else:
        entries = SupportEntries(cohort)
        yield from _rebuilt(entries, below, given_up)
        entries.drop()


def _rebuilt(
    entries: SupportEntries, below: int | None, given_up: set[str]
) -> Iterator[Assessment]:
    """`rebuilt_reviews` of `entries`: a judgement without its own text is made once and
    shared, as are its answers."""
    layout, framework = entries.cohort.layout, entries.cohort.framework
    scale, strands, evidence = framework.scale, layout.strands, entries.texts
    shared: dict[tuple[int, int, bool | None, int | None], Judgement] = {}
    answered: dict[tuple[int, int | None], dict[str, str] | None] = {}
    unknown = Judgement(applicable=False, evidence=EVIDENCE_NOT_KEPT)
    for school_id, name, authority, day, na, *judged in entries.reviews(below):
        made: dict[int, Judgement] = dict.fromkeys(na or (), unknown)
        for index, rank, flag, text, units in zip(
            *(column or () for column in judged), strict=True
        ):
            key = (index, rank, flag, units)
            found = None if evidence else shared.get(key)
            if found is None:
                given = text if evidence else (EVIDENCE_NOT_KEPT if flag else None)
                if (index, units) not in answered:
                    answered[index, units] = answers_for(
                        framework, strands[index], units, layout.denominator, given_up
                    )
                answers = answered[index, units]
                found = Judgement(level=scale.from_rank(rank), answers=answers, evidence=given)
                if not evidence:
                    shared[key] = found
            made[index] = found
        yield Assessment(
            framework=framework.ref,
            school=School(id=school_id, name=name, authority=authority),
            assessed_on=day,
            judgements={strands[index]: made[index] for index in sorted(made)},
        )


#: What a report contributes to the support list: the recommendations made for one school,
#: and the problems plugins had making them.
Reported = tuple[str, tuple[Recommendation, ...], tuple[str, ...]]


def support(
    cohort: SqlCohort,
    report: Callable[[Iterable[Assessment]], Iterable[Reported]],
    reached: int | None = None,
) -> SupportList:
    """The support list of `cohort` (see the module's notes). `report` turns assessments
    into (school id, recommendations, problems), in order (`Engine.report` for each, in
    worker processes or not). Its schools as tuples of ids: `support_found` keeps them
    as places, 4 bytes a school, for a cohort too large to hold them so."""
    return support_list(support_found(cohort, report, reached))


def _given_up(strand: str) -> str:
    """The problem of a strand whose answers were given up (`answers_for`): its schools'
    advice on its score may differ from `report`'s, which was not said before round 63."""
    return (
        f"strand {strand}: its answers add up in more than {MOST_SUMS:,} ways, too many to "
        "find those giving each school's score: its schools were reported on at their levels "
        "alone, so advice on its score may differ from `report`'s"
    )


#: A support list as either holds it: the library's, or the command's (`support_found`), its
#: schools as places. Each view is made from either (`support_views`).
Listing = SupportList | Found


def support_list(found: Listing, schools: bool = True) -> SupportList:
    """`found` as the library's list: its schools as tuples of ids, or (not `schools`) none,
    the outline `support_views.support_json` puts them into."""

    def ids(listed: Sequence[str]) -> tuple[str, ...]:
        return tuple(listed) if schools else ()

    return copied(
        SupportList,
        found,
        shortfalls=tuple(copied(Shortfall, s, schools=ids(s.schools)) for s in found.shortfalls),
        recommendations=tuple(
            copied(Advice, a, schools=ids(a.schools)) for a in found.recommendations
        ),
    )


def support_found(
    cohort: SqlCohort,
    report: Callable[[Iterable[Assessment]], Iterable[Reported]],
    reached: int | None = None,
) -> Found:
    """`support`'s list with each list of schools as their places in the cohort
    (`support_ids`): what `selfreview support` writes, within SPEC section 8's memory."""
    framework = cohort.framework
    scale = framework.scale
    why = "given"
    if reached is None:
        reached, why = default_level(framework)
    elif reached not in scale:
        raise ValueError(f"level {reached} is not on the scale {scale.describe()}")
    layout = cohort.layout
    rank = scale.rank(reached)
    # Each aspect, then its strands, in framework order.
    position = {
        (kind, node_id): i
        for i, (kind, node_id) in enumerate(zip(layout.kinds, layout.ids, strict=True))
    }
    indexes = []
    for aspect in framework.aspects:
        indexes.append(position["aspect", aspect.id])
        indexes += [position["strand", strand.id] for strand in aspect.strands]
    with lowered_memory(cohort.con):  # within SPEC section 8's memory
        entries = SupportEntries(cohort)
    # Made, the tables are read a few entries or an index at a time: within less, DuckDB
    # keeps less of them (`READING_MB`).
    with lowered_memory(cohort.con, READING_MB):
        ids = entries.ids()
        shortfalls = tuple(
            FoundShortfall(
                kind=layout.kinds[i],
                id=layout.ids[i],
                title=framework.get(layout.ids[i]).title,
                judged=judged,
                schools=Listed(ids, members),
            )
            for i, (judged, members) in zip(indexes, entries.below(rank, indexes), strict=True)
        )
        # The places of each recommendation's schools, by its id and title: each school once,
        # however many entries or recommendations of it (a dict of ids made counting one made
        # for every school quadratic with a list's `in`, and held 100 bytes a school).
        advice: dict[tuple[str, str], tuple[Recommendation, Members]] = {}
        problems: dict[str, None] = {}
        needing = 0
        at = Places(ids)
        given_up: set[str] = set()  # strands of too many sums of answers (`answers_for`)
        for school_id, recommendations, trouble in report(rebuilt_reviews(entries, rank, given_up)):
            needing += 1
            place = at.of(school_id)
            for rec in recommendations:
                found = advice.get((rec.id, rec.title))
                if found is None:
                    found = advice[rec.id, rec.title] = (rec, Members(len(ids)))
                found[1].add(place)
            problems.update(dict.fromkeys(trouble))
        problems.update(dict.fromkeys(map(_given_up, sorted(given_up))))
        size = entries.size
        # Done with: the tables dropped now, not left to the connection's close (a caller
        # holding the cohort). A list cut short leaves them there, as `long_year_counts` does.
        entries.drop()
    order = {p: i for i, p in enumerate(PRIORITIES)}
    counted = sorted(
        advice.values(),
        key=lambda pair: (-len(pair[1]), order.get(pair[0].priority, 9), pair[0].id),
    )
    return Found(
        framework=framework.ref,
        policy=cohort.policy,
        reached=reached,
        reached_from=why,
        size=size,
        needing=needing,
        shortfalls=shortfalls,
        recommendations=tuple(
            copied(FoundAdvice, rec, schools=Listed(ids, places)) for rec, places in counted
        ),
        problems=tuple(problems),
    )
