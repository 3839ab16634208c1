"""`lea-support`'s advice made quickly from what each rule reads: what `_rules` gives, faster.

With no previous review, each rule's advice depends only on the framework and a few of the
school's levels: which strands are weak and at what level (training needs), which are at
the best level (good practice), one or two named strands (the Becta rules). What does not
depend on the school is worked out once per framework (`_Plan`): each strand's phrase for
each weak level and for the best one, the fixed fields of each recommendation. A school
then costs a few lookups, and its own training needs, or good practice when no school
before had the same pattern, a sentence joined from those phrases and one validation.
Answers that recur are kept by pattern, so that a school like one before gets the very
same object (which the engine then takes again at the cost of a lookup): the Becta
rules' by the levels they read, good practice (only 2^12 patterns on Becta's framework)
in two generations of up to `MAX_KEPT` each: when the newer is full it becomes the older
and a new one starts, and an answer found in the older is carried into the newer. Not
training needs: their pattern (which strands are weak, and how) is new for nearly every
school, so each is made for its school from a template (`Recommendation.with_reasons`)
and goes with its report.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from operator import itemgetter
from typing import Any, Final

from selfreview_core import Framework, Profile, Recommendation

# Private to the core this plugin ships with (one repository, one version): the levels the
# scorer has just read, taken only for that very profile (an identity check), never a
# promise to other plugins, which read `profile.strands`; and what looks each strand's
# level up in a table of its own, written for the tables (`each_level`).
from selfreview_core.scoring.each_level import looked_up
from selfreview_core.scoring.plan import LAST_SCORED

from ._advice import GOOD_PRACTICE, TRAINING_NEEDS, fixed_fields, validated
from ._rules import (
    BECTA,
    BUDGET,
    EVALUATION,
    LEADERSHIP,
    STRATEGY,
    TRAINING_THRESHOLD,
    VISION,
    contingency_plan,
    monitoring,
    procurement,
    vision_ahead_of_strategy,
    weak_levels_of,
    weak_phrase,
)

#: Answers kept per generation of a table, and frameworks kept.
MAX_KEPT: Final = 4096
#: Patterns of weak levels a run of strands may have (`_Plan.chunks`): what bounds each
#: run's table of pieces of training needs' rationale. Small, so that the tables are
#: full after a few schools (runs of three strands on Becta's scale, four runs): fewer
#: runs of more patterns cost less a school once full, and more while they fill.
MAX_CHUNK: Final = 27
#: A run of strands' part of training needs (`_chunk`): how many of them are weak, their
#: phrases joined, their ids.
_Piece = tuple[int, str, tuple[str, ...]]
_PLAIN: Final = frozenset({int, type(None)})
#: The strands the Becta rules read, in the order `by_levels` unpacks them.
_NAMED: Final = (VISION, LEADERSHIP, STRATEGY, BUDGET, EVALUATION)
_Answer = tuple[Recommendation, ...]
_Rule = Callable[[Framework, Profile], list[Recommendation]]


class _Plan:
    """What the rules read of one framework, and the answers kept for it."""

    __slots__ = (
        "becta",
        "best",
        "best_at",
        "chunks",
        "coded",
        "codes",
        "framework",
        "ids",
        "judged_in",
        "kept",
        "levels_of",
        "made",
        "named",
        "named_at",
        "named_kept",
        "named_mask",
        "nones_at",
        "order",
        "practice",
        "practice_older",
        "serves",
        "training",
        "weak",
        "weak_bits",
        "width",
    )

    def __init__(self, framework: Framework) -> None:
        scale = framework.scale
        weak = weak_levels_of(scale.best, scale.worst)
        self.framework = framework
        self.ids = framework.strand_ids
        #: The same ids interned, as the one-pass scorer's tables hold them (code
        #: constants): a profile's strands in this order compare by identity, each.
        self.order = tuple(map(sys.intern, self.ids))
        self.becta = framework.id == BECTA
        #: Per strand, a code for each level it may hold (and None; any other is left to
        #: the rules): its bit among the weak (the strand's place) if the level is weak,
        #: its bit among those at the best level (one place further than every strand)
        #: if it is the best, its weak level's number (1 for the first of `weak`, 0 for
        #: none) in its field of `WIDTH` bits among the fields (`chunks`), and for None
        #: one in the count of strands not judged, above all the rest. A school's levels
        #: sum to one code that says all four.
        count = len(self.ids)
        width = len(weak).bit_length()
        self.best_at = count
        fields_at = 2 * count
        #: Where the Becta rules read a strand (`_NAMED`), if they read them all (else they
        #: are left to run in full), and the fields their answers are kept by (`named_key`).
        named = self._named(framework, fields_at + width * count, width)
        self.nones_at = fields_at + width * count + named[1]
        self.codes = tuple(
            {
                None: 1 << self.nones_at,
                **{
                    level: (level in weak) << place
                    | (level == scale.best) << (count + place)
                    | (weak.index(level) + 1 if level in weak else 0) << (fields_at + width * place)
                    for level in scale.levels
                },
            }
            for place in range(count)
        )
        for place, fields in named[0].items():  # the two strands the vision rule compares
            for level, field in fields.items():
                self.codes[place][level] |= field
        #: Each strand's code for its level, in order (`KeyError` for a level off the
        #: scale): each a lookup written out (`each_level`), not a call from `map`.
        self.coded = looked_up(self.codes)
        self.weak_bits = (1 << count) - 1
        #: Training needs' rationale and targets in pieces: the strands in runs of as many
        #: as make at most `MAX_CHUNK` patterns of weak levels, each run's pieces by its
        #: fields (`_chunk`): (where its fields start in a code, what masks them, the
        #: places it covers, its pieces by pattern, made the first time each is met). Few
        #: runs, each a lookup, where each strand's phrase was a step of its own.
        run = 1
        while run < count and (len(weak) + 1) ** (run + 1) <= MAX_CHUNK:
            run += 1
        self.chunks: tuple[tuple[int, int, range, dict[int, _Piece]], ...] = tuple(
            (
                fields_at + width * start,
                (1 << width * len(places)) - 1,
                places,
                {},
            )
            for start in range(0, count, run)
            for places in (range(start, min(start + run, count)),)
        )
        #: What takes a profile's levels of `ids`, in order, as a tuple (`KeyError` for a
        #: strand it lacks): one `itemgetter` for two or more, which gives a tuple only then.
        self.levels_of: Callable[[Mapping[str, int | None]], tuple[int | None, ...]] = (
            itemgetter(*self.ids)
            if len(self.ids) >= 2
            else lambda strands: tuple(map(strands.__getitem__, self.ids))
        )
        #: Per strand, its phrase in training needs' rationale for each weak level, by the
        #: level's number in its field (`codes`; 0: not weak, no phrase).
        self.weak = tuple(
            ("", *(f"{strand_id} at level {level}" for level in weak)) for strand_id in self.ids
        )
        self.width = width
        #: Per strand, its phrase in good practice's rationale at the best level.
        self.best = tuple(
            f"{strand_id} is at level {scale.best}, the best level" for strand_id in self.ids
        )
        #: Training needs' rationale between the count of strands judged and the phrases.
        self.judged_in = f" judged strands are in {weak_phrase(scale)} ("
        #: Training needs with no targets or rationale yet, validated: each school's is
        #: made from it (`Recommendation.with_reasons`), `made` of them since it was.
        self.training = validated(fixed_fields(TRAINING_NEEDS), (), "")
        self.made = 0
        #: Good practice's fixed fields (`fixed_fields`), each new answer validated with them.
        self.practice = fixed_fields(GOOD_PRACTICE)
        #: Good practice's answers by the strands at the best level (their bits, as in
        #: `codes`, shifted to the first place): the newer generation, and the older,
        #: consulted on a miss (`_practice`).
        self.kept: dict[int, _Answer] = {}
        self.practice_older: dict[int, _Answer] = {}
        #: The Becta rules' answers, each rule's by the levels it reads.
        self.named: tuple[dict[Any, _Answer], ...] = ({}, {}, {}, {})
        #: The four answers together, in that order, by what decides them (the fields of
        #: a school's code that `named_mask` keeps): one lookup a school. At most
        #: (weak levels + 1)^3 * (levels + 1)^2 of them (972 on Becta's scale of five);
        #: started again at `MAX_NAMED` on a longer scale.
        self.named_kept: dict[int, _Answer] = {}
        #: The advice is for schools: Becta's framework, or one whose subject is schools.
        self.serves = self.becta or framework.terms.subject == "school"

    def _named(
        self, framework: Framework, at: int, width: int
    ) -> tuple[dict[int, dict[int | None, int]], int]:
        """Sets `named_at` and `named_mask` (the fields of a school's code that decide the
        four Becta rules' answers: the weak levels' numbers of the strands three of them
        read, each a level alone, and for the vision and the strategy, which the fourth
        compares, a field each from bit `at` holding the level's place on the scale, 0 for
        None); gives those two fields' codes by place and level, and their width."""
        self.named_at: Callable[[tuple[int | None, ...]], tuple[int | None, ...]] | None = None
        self.named_mask = 0
        if not (self.becta and set(_NAMED) <= set(self.ids)):
            return {}, 0
        places = tuple(map(self.ids.index, _NAMED))
        self.named_at = itemgetter(*places)
        fields_at, field = 2 * len(self.ids), (1 << width) - 1
        for place in places[1], places[3], places[4]:  # leadership, budget, evaluation
            self.named_mask |= field << (fields_at + width * place)
        levels = framework.scale.levels
        size = (len(levels) + 1).bit_length()
        codes: dict[int, dict[int | None, int]] = {}
        for number, place in enumerate((places[0], places[2])):  # vision, strategy
            shift = at + size * number
            self.named_mask |= ((1 << size) - 1) << shift
            codes[place] = {None: 0, **{level: (i + 1) << shift for i, level in enumerate(levels)}}
        return codes, 2 * size


_PLANS: dict[int, _Plan] = {}


def _plan(framework: Framework) -> _Plan:
    plan = _PLANS.get(id(framework))
    if plan is None or plan.framework is not framework:
        if len(_PLANS) >= 64:
            _PLANS.clear()
        plan = _PLANS[id(framework)] = _Plan(framework)
    return plan


def by_levels(framework: Framework, profile: Profile) -> list[Recommendation] | None:
    """`selfreview_recommend`'s answer with no previous review, from the phrases and
    answers kept for the framework; None for a level off the scale or not an int (a
    profile built by hand: 5.0 or True would find what is kept for 5 or 1), which is left
    to the rules themselves. Asked for every school: written out in one function, each
    kept answer one lookup."""
    plan = _PLANS.get(id(framework))
    if plan is None or plan.framework is not framework:  # `_plan`'s check, written out
        plan = _plan(framework)
    if not plan.serves:
        return []  # written for schools: never advice on an organisation's teachers
    strands = profile.strands
    scored = LAST_SCORED[0]
    if scored[0] is strands and scored[1] is plan.ids:
        # The profile the one-pass scorer made last, of this framework's strands: their
        # levels as it read them, in order, each an `int` or None (checked there).
        levels = scored[2]
    else:
        if tuple(strands) == plan.order:  # the framework's order, as scoring makes a profile
            levels = tuple(strands.values())  # in one pass in C, not a subscript each
        else:
            try:
                levels = plan.levels_of(strands)
            except KeyError:  # a profile built by hand, without every strand
                levels = tuple(map(strands.get, plan.ids))
        if not _PLAIN.issuperset(map(type, levels)):
            return None
    try:
        code = sum(plan.coded(levels))
    except KeyError:  # a level off the scale
        return None
    found: list[Recommendation] = []
    # Training needs (`training_needs`' advice), from the number of strands judged and the
    # weak strands' phrases, run by run (`_Plan.chunks`): written out here, as it is made
    # for nearly every school.
    weak = (code & plan.weak_bits).bit_count()
    if weak >= TRAINING_THRESHOLD:
        listed: list[str] = []
        targets: tuple[str, ...] = ()
        for at, mask, places, pieces in plan.chunks:
            pattern = code >> at & mask
            piece = pieces.get(pattern)
            if piece is None:
                piece = _chunk(plan, places, pattern, pieces)
            if piece[0]:
                listed.append(piece[1])
                targets += piece[2]
        rationale = (
            f"{weak} of the {len(levels) - (code >> plan.nones_at)}{plan.judged_in}"
            f"{', '.join(listed)}{_TRAINING_END}"
        )
        plan.made += 1
        if plan.made >= MAX_KEPT:
            _renew(plan)
        found.append(plan.training.with_reasons(targets, rationale))
    # Good practice: by the strands at the best level.
    best = code >> plan.best_at & plan.weak_bits
    practice = plan.kept.get(best)
    if practice is None:
        practice = _practice(plan, best)
    found += practice
    if plan.becta:
        if plan.named_at is None:
            return None  # a framework called Becta's without the strands its rules read
        # Their four answers kept together by what decides them: the fields of the code
        # that say the levels they read (weak or not, for three of them; the vision's and
        # the strategy's, which the fourth compares).
        answer = plan.named_kept.get(code & plan.named_mask)
        if answer is None:
            answer = _all_named(plan, code & plan.named_mask, plan.named_at(levels), profile)
        found += answer
    return found


#: Answers of the four Becta rules together kept per framework before the table starts
#: again: more than Becta's scale of five levels (and None) can make, 3^3 * 6^2.
MAX_NAMED: Final = 8192


def _all_named(plan: _Plan, key: int, named: tuple[int | None, ...], profile: Profile) -> _Answer:
    """The four Becta rules' answers, in order, for a school whose levels of `_NAMED` are
    `named` (ints on the scale, or None), each rule's kept by the one or two it reads
    (`_named`), and kept together by `key`, what decides them all (`_Plan.named_mask`)."""
    vision, leadership, strategy, budget, evaluation = named
    answer: _Answer = ()
    for rule, read in enumerate((leadership, (vision, strategy), budget, evaluation)):
        one = plan.named[rule].get(read)
        answer += one if one is not None else _named(plan, rule, read, profile)
    if len(plan.named_kept) >= MAX_NAMED:
        plan.named_kept.clear()
    plan.named_kept[key] = answer
    return answer


#: The end of training needs' rationale (`by_levels`; `training_needs` words it too).
_TRAINING_END: Final = f"); this advice is given from {TRAINING_THRESHOLD} such strands"


def _chunk(plan: _Plan, places: range, pattern: int, pieces: dict[int, _Piece]) -> _Piece:
    """The part of training needs of the strands at `places`, whose weak levels' numbers
    (`_Plan.codes`) are the fields of `pattern`, the first place's the lowest: made once,
    and kept in `pieces` (at most `MAX_CHUNK` patterns can be met)."""
    width, field = plan.width, (1 << plan.width) - 1
    weak = [
        (place, number)
        for offset, place in enumerate(places)
        if (number := pattern >> width * offset & field)
    ]
    piece = pieces[pattern] = (
        len(weak),
        ", ".join(plan.weak[place][number] for place, number in weak),
        tuple(plan.ids[place] for place, _ in weak),
    )
    return piece


def _renew(plan: _Plan) -> None:
    """Training needs' template validated again, now and then (every `MAX_KEPT` pieces of
    advice made from it), in case other validations since pushed it out of what is
    remembered as validation built (advice made from it would then be validated whole)."""
    plan.training, plan.made = validated(fixed_fields(TRAINING_NEEDS), (), ""), 0


def _practice(plan: _Plan, best: int) -> _Answer:
    """`good_practice` with no previous review for a school whose strands at the best level
    are the bits of `best` (the first strand's the lowest), made (or found in the older
    generation) and kept."""
    answer = plan.practice_older.get(best)
    if answer is None:
        answer = _made_practice(plan, best)
    if len(plan.kept) >= MAX_KEPT:
        plan.practice_older, plan.kept = plan.kept, {}
    plan.kept[best] = answer
    return answer


def _made_practice(plan: _Plan, best: int) -> _Answer:
    places = [place for place in range(len(plan.ids)) if best >> place & 1]
    targets = tuple(plan.ids[place] for place in places)
    rationale = "; ".join(plan.best[place] for place in places)
    return (validated(plan.practice, targets, rationale),) if targets else ()


#: The Becta rules in the order of `_Plan.named`.
_NAMED_RULES: Final[tuple[_Rule, ...]] = (
    contingency_plan,
    vision_ahead_of_strategy,
    procurement,
    monitoring,
)


def _named(plan: _Plan, rule: int, key: object, profile: Profile) -> _Answer:
    """What the Becta rule `rule` (its place in `_NAMED_RULES`) gives for the one or two
    levels it reads (`key`: ints on the scale, or None, so that its table stays small),
    made the first time and kept."""
    answer = plan.named[rule][key] = tuple(_NAMED_RULES[rule](plan.framework, profile))
    return answer
