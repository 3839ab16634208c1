"""The `lea-support` plugin: what a local authority can do for a school, given its self-review.

The advice is drawn from Becta's 2003 report on ICT practice in local education authorities
(LEAs), which sets out "highlights of current practice" in LEAs that "had a successful Ofsted
inspection": vision and planning; support, training, infrastructure and resources; and
monitoring and evaluation. Every recommendation is addressed to the local authority, quotes
the report and names the sections it comes from.

Two rules are generic and work on any framework (the scale's direction is read from
`framework.scale`, never assumed): a training needs analysis when several strands are weak,
and sharing good practice from strands at the best level or improved since the previous
review. The others read strands of Becta's Self-review framework and apply only to it
(`becta-srf`). One of them, a vision judged two or more levels ahead of the strategy,
compares two strands with each other, which a declarative rule pack cannot express.

Its advice is for schools: it declares that it serves `becta-srf` and frameworks about
schools (`SELFREVIEW_SERVES`), so the engine does not call it for a framework whose `terms`
speak of anything else, and it checks the framework itself too.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from typing import Any, Final, NamedTuple

from selfreview_core import Assessment, Framework, Profile, Recommendation, Scale, hookimpl

__all__ = [
    "AHEAD_BY",
    "AUDIENCE",
    "BECTA",
    "NAME",
    "REFERENCE",
    "SELFREVIEW_SERVES",
    "TRAINING_THRESHOLD",
    "contingency_plan",
    "good_practice",
    "monitoring",
    "procurement",
    "selfreview_recommend",
    "training_needs",
    "vision_ahead_of_strategy",
    "weak_levels",
]

#: The name the plugin is registered under (its entry point).
NAME: Final = "lea-support"
#: The framework whose strands the Becta-specific rules read.
BECTA: Final = "becta-srf"
#: The frameworks this plugin was written for: its advice is a local authority's to its
#: schools, from a report on schools' ICT, so it serves Becta's framework and frameworks
#: about schools (`terms.subject` is "school", the default), never, say, a software
#: organisation's security review.
SELFREVIEW_SERVES: Final = (BECTA, "subject:school")
AUDIENCE: Final = "local authority"
#: The source document. The copy the advice was taken from carries no title, so it is
#: described by its own words and its copyright line ("© Copyright Becta 2003").
REFERENCE: Final = (
    "Becta (2003), report for LEA leadership teams on ICT in schools: highlights of current "
    "practice in LEAs that had a successful Ofsted inspection (untitled in the copy used)"
)
#: "Becta provides a range of products and services to support LEAs and Support Providers.
#: This information can be accessed from:" (the report's "Further information"). Becta's
#: sites are no longer online: they are named in each recommendation's reference as
#: archived sources, never given as links a reader would follow to nothing.
LEAS: Final = "www.becta.org.uk/leas"
#: "Additional information for LEAs and support providers can be found at:" these two.
BECTA_SITE: Final = "www.becta.org.uk"
BUILDING_THE_GRID: Final = "buildingthegrid.becta.org.uk"
#: How an address that no longer answers is named.
ARCHIVED: Final = "archived source, no longer online"

#: A training needs analysis is suggested when at least this many strands are weak.
TRAINING_THRESHOLD: Final = 3
#: The vision is "ahead of the strategy" when it is at least this many levels better.
AHEAD_BY: Final = 2

# Becta strand ids the specific rules read.
VISION: Final = "1a1"
LEADERSHIP: Final = "1b1"
STRATEGY: Final = "1b2"
BUDGET: Final = "1b3"
EVALUATION: Final = "1b6"


def _reference(sections: Sequence[str], sites: Sequence[str] = (LEAS,)) -> str:
    named = " and ".join(f'"{section}"' for section in sections)
    where = f"{REFERENCE}, {'section' if len(sections) == 1 else 'sections'} {named}"
    return f"{where}; further information at {', '.join(sites)} ({ARCHIVED})"


def weak_levels(scale: Scale) -> tuple[int, ...]:
    """The weaker half of a scale, worst first, leaving out a middle level: 5 and 4 on
    Becta's 1 (best) .. 5 (worst); 0 alone on 0 .. 2; 0 and 1 on 0 .. 3 (best)."""
    return _weak_levels(scale.best, scale.worst)


@lru_cache(maxsize=64)
def _weak_levels(best: int, worst: int) -> tuple[int, ...]:
    # Asked for every strand of every report: worked out once for each scale.
    scale = Scale(best=best, worst=worst)
    return tuple(
        level for level in reversed(scale.levels) if 2 * scale.rank(level) < scale.size - 1
    )


def _is_weak(scale: Scale, level: int | None) -> bool:
    return level is not None and level in _weak_levels(scale.best, scale.worst)


def _weak_phrase(scale: Scale) -> str:
    return _weak_words(scale.best, scale.worst)


@lru_cache(maxsize=64)
def _weak_words(best: int, worst: int) -> str:
    scale = Scale(best=best, worst=worst)
    words = [str(level) for level in weak_levels(scale)]
    levels = (
        f"level {words[0]}"
        if len(words) == 1
        else f"levels {', '.join(words[:-1])} and {words[-1]}"
    )
    return f"the weaker half of the scale {scale.describe()}, {levels}"


def _title(framework: Framework, strand_id: str) -> str:
    node = framework.find(strand_id)
    return f"{strand_id} ({node.title})" if node is not None else strand_id


def _recommendation(
    *,
    id: str,
    title: str,
    action: str,
    targets: Iterable[str],
    priority: str,
    sections: Sequence[str],
    rationale: str,
    sites: Sequence[str] = (LEAS,),
) -> Recommendation:
    # Schools alike in what a recommendation says share one (frozen) object, made and
    # validated once; the engine then accepts it again at the cost of a lookup.
    return _made(
        id, title, action, tuple(targets), priority, tuple(sections), rationale, tuple(sites)
    )


@lru_cache(maxsize=4096)
def _made(
    id: str,
    title: str,
    action: str,
    targets: tuple[str, ...],
    priority: str,
    sections: tuple[str, ...],
    rationale: str,
    sites: tuple[str, ...],
) -> Recommendation:
    return _validated(_fields(id, title, action, priority, sections, sites), targets, rationale)


@lru_cache(maxsize=64)
def _fields(
    id: str,
    title: str,
    action: str,
    priority: str,
    sections: tuple[str, ...],
    sites: tuple[str, ...],
) -> dict[str, object]:
    """A recommendation's fields as validation is given them, but for its targets and
    rationale (what a school's own advice adds): the same for every school. Shared: never
    changed."""
    return {
        "id": id,
        "title": title,
        "action": action,
        "priority": priority,
        "audience": AUDIENCE,
        "reference": _reference(sections, sites),
        # Credited as the engine credits this plugin, so that it need not copy each one.
        "source": NAME,
        "sources": (NAME,),
    }


class _Advice(NamedTuple):
    """What a generic rule's advice says to every school: all but its targets and rationale."""

    id: str
    title: str
    action: str
    priority: str
    sections: tuple[str, ...]


_TRAINING_NEEDS: Final = _Advice(
    id="lea-training-needs-analysis",
    title="Analyse the school's ICT training needs from its self-review",
    action=(
        "Becta's report on LEA practice found that \"The greatest inhibitor to the "
        "successful use of ICT in schools is the confidence and competence of their "
        "staff. The facilitation of training (CPD) for teachers and support staff is a "
        "critical role for the LEA. This responsibility includes an analysis of the "
        'needs of schools, using, where appropriate, self-assessment tools." Use this '
        "self-review as such a tool: analyse with the school the training needs behind "
        "its weakest strands and plan CPD for teachers and support staff, provided "
        '"either in-house or through a range of external resources". The report asks '
        '"Are there self-assessment tools to enable schools to generate their ICT '
        'development and their training plans?"'
    ),
    priority="medium",
    sections=("Implementation: Training",),
)
_GOOD_PRACTICE: Final = _Advice(
    id="lea-share-good-practice",
    title="Identify, celebrate and share this school's good practice",
    action=(
        "Becta's report asks \"How does the LEA know where there is good practice in ICT "
        'in their schools, and how is this celebrated?" In successful LEAs "Good '
        "practice is identified, celebrated and disseminated through a variety of means "
        '– publications, regular meetings, newsletters and conferences." Invite this '
        "school to share its practice in these strands with other schools."
    ),
    priority="low",
    sections=("Monitoring and evaluation of impact",),
)


def _advised(advice: _Advice, targets: Iterable[str], rationale: str) -> Recommendation:
    """`advice` for these targets and rationale, as `_recommendation` makes it."""
    id, title, action, priority, sections = advice
    return _made(id, title, action, tuple(targets), priority, sections, rationale, (LEAS,))


def _fixed(advice: _Advice) -> dict[str, object]:
    """`advice`'s fields as `_made` gives them to validation, but for targets and rationale."""
    return _fields(
        advice.id, advice.title, advice.action, advice.priority, advice.sections, (LEAS,)
    )


# -- generic rules: any framework ---------------------------------------------------------


def training_needs(framework: Framework, profile: Profile) -> list[Recommendation]:
    """Several weak strands: analyse the school's training needs from its self-review."""
    scale = framework.scale
    weak_set = _weak_levels(scale.best, scale.worst)
    levels = profile.strands
    ids = framework.strand_ids
    found = list(map(levels.get, ids))
    weak = [pair for pair in zip(ids, found, strict=True) if pair[1] in weak_set]
    if len(weak) < TRAINING_THRESHOLD:
        return []
    judged = len(found) - found.count(None)
    listed = ", ".join(f"{strand_id} at level {level}" for strand_id, level in weak)
    return [
        _advised(
            _TRAINING_NEEDS,
            (strand_id for strand_id, _ in weak),
            f"{len(weak)} of the {judged} judged strands are in {_weak_phrase(scale)} "
            f"({listed}); this advice is given from {TRAINING_THRESHOLD} such strands",
        )
    ]


def good_practice(
    framework: Framework, profile: Profile, previous: Assessment | None
) -> list[Recommendation]:
    """Strands at the best level, or better than at the previous review and out of the
    weaker half of the scale: practice to share."""
    scale = framework.scale
    best, levels = scale.best, profile.strands
    facts: list[str] = []
    targets: list[str] = []
    if previous is None:  # the common case, quick: only strands at the best level count
        for strand_id in framework.strand_ids:
            if levels.get(strand_id) == best:
                facts.append(f"{strand_id} is at level {best}, the best level")
                targets.append(strand_id)
    for strand_id in framework.strand_ids if previous is not None else ():
        level = levels.get(strand_id)
        if level is None:
            continue
        before = previous.judgements.get(strand_id) if previous is not None else None
        if level == best:
            facts.append(f"{strand_id} is at level {level}, the best level")
        elif (
            before is not None
            and before.level is not None
            and scale.is_better(level, before.level)
            and not _is_weak(scale, level)
        ):
            facts.append(f"{strand_id} has improved from level {before.level} to {level}")
        else:
            continue
        targets.append(strand_id)
    if not targets:
        return []
    since = f" (previous review {previous.assessed_on.isoformat()})" if previous is not None else ""
    return [_advised(_GOOD_PRACTICE, targets, "; ".join(facts) + since)]


# -- rules for Becta's Self-review framework -------------------------------------------------


def contingency_plan(framework: Framework, profile: Profile) -> list[Recommendation]:
    """Strategic leadership of ICT (1b1) weak: it rests on one or two people, or none."""
    level = profile.strands.get(LEADERSHIP)
    if not _is_weak(framework.scale, level):
        return []
    return [
        _recommendation(
            id="lea-contingency-plan",
            title="Help the school plan for ICT leadership that rests on one or two people",
            action=(
                "Becta's report found, of LEAs themselves: \"Concern was expressed in some LEAs "
                "that too much rests on a few individuals (in some cases one), to take forward "
                "their ICT strategy. These LEAs need a contingency plan in case the individuals "
                "are unavailable.\" This school's self-review shows the same risk in its own "
                "ICT leadership. Help it draw up a contingency plan in case those individuals "
                'are unavailable, and keep the "Strong, direct links and structured '
                'communication between the LEA, headteachers and ICT co-ordinators" the report '
                "calls necessary."
            ),
            targets=(LEADERSHIP,),
            priority="high",
            sections=("Vision and Strategic Planning", "Implementation: Support and guidance"),
            rationale=(
                f"{_title(framework, LEADERSHIP)} is at level {level}, in "
                f"{_weak_phrase(framework.scale)}"
            ),
        )
    ]


def vision_ahead_of_strategy(framework: Framework, profile: Profile) -> list[Recommendation]:
    """The vision (1a1) two or more levels better than the strategy (1b2): a comparison of
    two strands, which a rule pack's conditions cannot make."""
    scale = framework.scale
    vision = profile.strands.get(VISION)
    strategy = profile.strands.get(STRATEGY)
    if vision is None or strategy is None:
        return []
    ahead = scale.rank(vision) - scale.rank(strategy)
    if ahead < AHEAD_BY:
        return []
    return [
        _recommendation(
            id="lea-vision-ahead-of-strategy",
            title="Support the school in planning how to realise its vision",
            action=(
                "The school's vision is well ahead of its strategy. Becta's report says of LEAs "
                'that they "need a vision – and a strategy that will realise their vision", and '
                "that the LEA's strategy \"should provide a framework for schools' own ICT "
                'development plans, outlining the support which is available". It found that '
                '"The provision of support backed by training for the development of school ICT '
                "plans was seen as important. This included the provision of annual workshops "
                'and the sharing of good plans and practice." Offer this school that support, '
                "so that its ICT plan catches up with its vision."
            ),
            targets=(VISION, STRATEGY),
            priority="medium",
            sections=("Vision and Strategic Planning", "Implementation"),
            rationale=(
                f"{_title(framework, VISION)} is at level {vision} and "
                f"{_title(framework, STRATEGY)} at level {strategy}: the vision is {ahead} "
                f"levels ahead of the strategy; this advice is given from {AHEAD_BY} levels"
            ),
        )
    ]


def procurement(framework: Framework, profile: Profile) -> list[Recommendation]:
    """Budgetary effectiveness (1b3) weak: procurement advice and the total cost of ownership."""
    level = profile.strands.get(BUDGET)
    if not _is_weak(framework.scale, level):
        return []
    return [
        _recommendation(
            id="lea-procurement-tco",
            title="Advise the school on procurement and the total cost of ownership",
            action=(
                "Becta's report says \"schools need funding and guidance in procurement so they "
                "obtain best value – and LEAs can help through support and contracts. LEAs need "
                "to advise schools on cost-effective and low-risk purchasing and provide "
                "guidance on sustainability so that schools are fully aware and supported in "
                'planning to meet the Total Cost of Ownership." It asks: "Is the LEA working '
                "with schools to identify cost-effective service providers to help schools get "
                "the most out of their ICT investment and reduce the technical demand on "
                'teachers?"'
            ),
            targets=(BUDGET,),
            priority="medium",
            sections=("Implementation: Infrastructure and resources",),
            rationale=(
                f"{_title(framework, BUDGET)} is at level {level}, in "
                f"{_weak_phrase(framework.scale)}"
            ),
            sites=(LEAS, BECTA_SITE, BUILDING_THE_GRID),
        )
    ]


def monitoring(framework: Framework, profile: Profile) -> list[Recommendation]:
    """Evaluating the effectiveness of the strategy (1b6) weak: monitor and evaluate with it."""
    level = profile.strands.get(EVALUATION)
    if not _is_weak(framework.scale, level):
        return []
    return [
        _recommendation(
            id="lea-monitoring-evaluation",
            title="Monitor and evaluate the impact of ICT jointly with the school",
            action=(
                "Becta's report says \"Schools need to be aware of and participate in, the "
                'monitoring of the strategy" and asks "Does the LEA monitor the implementation '
                'of the strategy through a joint process with schools?" "The most successful '
                "LEAs use any means of evaluation that are available, such as schools' Ofsted "
                "reports, school achievement reviews, course evaluations, direct observation and "
                'attainment in schools", and "The sharing of comparative information was seen '
                'to be of positive assistance to schools." Keep the focus on learning: "Is the '
                "way in which the ICT is used a more important factor in the evaluation than the "
                'ratio of computers to pupils?"'
            ),
            targets=(EVALUATION,),
            priority="medium",
            sections=("Monitoring and evaluation of impact",),
            rationale=(
                f"{_title(framework, EVALUATION)} is at level {level}, in "
                f"{_weak_phrase(framework.scale)}"
            ),
        )
    ]


@hookimpl
def selfreview_recommend(
    framework: Framework, profile: Profile, previous: Assessment | None
) -> list[Recommendation]:
    if framework.id != BECTA and framework.terms.subject != "school":
        return []  # written for schools: never advice on an organisation's teachers
    if previous is None:
        quick = _by_levels(framework, profile)
        if quick is not None:
            return quick
    found = [*training_needs(framework, profile), *good_practice(framework, profile, previous)]
    if framework.id == BECTA:
        found += [
            *contingency_plan(framework, profile),
            *vision_ahead_of_strategy(framework, profile),
            *procurement(framework, profile),
            *monitoring(framework, profile),
        ]
    return found


# -- the same advice, made quickly from what each rule reads --------------------------------
#
# With no previous review, each rule's advice depends only on the framework and a few of the
# school's levels: which strands are weak and at what level (training needs), which are at
# the best level (good practice), one or two named strands (the Becta rules). What does not
# depend on the school is worked out once per framework (`_Plan`): each strand's phrase for
# each weak level and for the best one, the fixed fields of each recommendation. A school
# then costs a few lookups, and its own training needs, or good practice when no school
# before had the same pattern, a sentence joined from those phrases and one validation.
# Answers that recur are kept by pattern, so that a school like one before gets the very
# same object (which the engine then takes again at the cost of a lookup): the Becta
# rules' by the levels they read, good practice (only 2^12 patterns on Becta's framework)
# in two generations of up to `MAX_KEPT` each: when the newer is full it becomes the older
# and a new one starts, and an answer found in the older is carried into the newer. Not
# training needs: their pattern (which strands are weak, and how) is new for nearly every
# school, so each is made for its school from a template (`Recommendation.with_reasons`)
# and goes with its report.

#: Answers kept per generation of a table, and frameworks kept.
MAX_KEPT: Final = 4096
_PLAIN: Final = frozenset({int, type(None)})
#: The strands the Becta rules read, in the order `_by_levels` unpacks them.
_NAMED: Final = (VISION, LEADERSHIP, STRATEGY, BUDGET, EVALUATION)
_Answer = tuple[Recommendation, ...]
_Rule = Callable[[Framework, Profile], list[Recommendation]]
#: A strand's phrase for its level, if it has one (`_Plan.weak`, `_Plan.best`): `dict.get`,
#: whose overloads mypy cannot match to this one use.
_phrase: Final[Callable[[dict[int, str], int | None], str | None]] = dict.get  # type: ignore[assignment]
#: A strand's code for its level (`_Plan.codes`); `KeyError` for a level off the scale.
_code: Final[Callable[[dict[int | None, int], int | None], int]] = dict.__getitem__


class _Plan:
    """What the rules read of one framework, and the answers kept for it."""

    __slots__ = (
        "becta",
        "best",
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
        "order",
        "practice",
        "practice_older",
        "training",
        "weak",
        "weak_bits",
    )

    def __init__(self, framework: Framework) -> None:
        scale = framework.scale
        weak = _weak_levels(scale.best, scale.worst)
        self.framework = framework
        self.ids = framework.strand_ids
        #: The same ids interned, as the one-pass scorer's tables hold them (code
        #: constants): a profile's strands in this order compare by identity, each.
        self.order = tuple(map(sys.intern, self.ids))
        self.becta = framework.id == BECTA
        #: Per strand, a code for each level it may hold (and None; any other is left to
        #: the rules): its bit among the weak (the strand's place) if the level is weak,
        #: its bit among those at the best level (one place further than every strand)
        #: if it is the best. A school's levels sum to one code that says both.
        count = len(self.ids)
        self.codes = tuple(
            {
                None: 0,
                **{
                    level: (level in weak) << place | (level == scale.best) << (count + place)
                    for level in scale.levels
                },
            }
            for place in range(count)
        )
        self.weak_bits = (1 << count) - 1
        #: What takes a profile's levels of `ids`, in order, as a tuple (`KeyError` for a
        #: strand it lacks): one `itemgetter` for two or more, which gives a tuple only then.
        self.levels_of: Callable[[Mapping[str, int | None]], tuple[int | None, ...]] = (
            itemgetter(*self.ids)
            if len(self.ids) >= 2
            else lambda strands: tuple(map(strands.__getitem__, self.ids))
        )
        #: Per strand, its phrase in training needs' rationale for each weak level.
        self.weak = tuple(
            {level: f"{strand_id} at level {level}" for level in weak} for strand_id in self.ids
        )
        #: Per strand, its phrase in good practice's rationale at the best level.
        self.best = tuple(
            f"{strand_id} is at level {scale.best}, the best level" for strand_id in self.ids
        )
        #: Training needs' rationale between the count of strands judged and the phrases.
        self.judged_in = f" judged strands are in {_weak_phrase(scale)} ("
        #: Training needs with no targets or rationale yet, validated: each school's is
        #: made from it (`Recommendation.with_reasons`), `made` of them since it was.
        self.training = _validated(_fixed(_TRAINING_NEEDS), (), "")
        self.made = 0
        #: Good practice's fixed fields (`_fixed`), each new answer validated with them.
        self.practice = _fixed(_GOOD_PRACTICE)
        #: Good practice's answers by the strands at the best level (their bits, as in
        #: `codes`, shifted to the first place): the newer generation, and the older,
        #: consulted on a miss (`_practice`).
        self.kept: dict[int, _Answer] = {}
        self.practice_older: dict[int, _Answer] = {}
        #: The Becta rules' answers, each rule's by the levels it reads.
        self.named: tuple[dict[Any, _Answer], ...] = ({}, {}, {}, {})
        #: The four answers together, in that order, by the five levels they read
        #: (`_NAMED`): one lookup a school. At most (levels + 1)^5 of them (7,776 on
        #: Becta's scale of five); started again at `MAX_NAMED` on a longer scale.
        self.named_kept: dict[tuple[int | None, ...], _Answer] = {}
        #: Where in a school's levels those the Becta rules read are (`_NAMED`), if they
        #: are all strands of the framework (else the Becta rules are left to run in full).
        self.named_at: Callable[[tuple[int | None, ...]], tuple[int | None, ...]] | None = None
        if self.becta and set(_NAMED) <= set(self.ids):
            self.named_at = itemgetter(*map(self.ids.index, _NAMED))


_PLANS: dict[int, _Plan] = {}


def _plan(framework: Framework) -> _Plan:
    plan = _PLANS.get(id(framework))
    if plan is None or plan.framework is not framework:
        if len(_PLANS) >= 64:
            _PLANS.clear()
        plan = _PLANS[id(framework)] = _Plan(framework)
    return plan


def _by_levels(framework: Framework, profile: Profile) -> list[Recommendation] | None:
    """`selfreview_recommend`'s answer with no previous review, from the phrases and
    answers kept for the framework; None for a level off the scale or not an int (a
    profile built by hand: 5.0 or True would find what is kept for 5 or 1), which is left
    to the rules themselves. Asked for every school: written out in one function, each
    kept answer one lookup."""
    plan = _plan(framework)
    strands = profile.strands
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
        code = sum(map(_code, plan.codes, levels))
    except KeyError:  # a level off the scale
        return None
    found: list[Recommendation] = []
    # Training needs (`training_needs`' advice), from the number of strands judged and the
    # weak strands' phrases: written out here, as it is made for nearly every school.
    if (code & plan.weak_bits).bit_count() >= TRAINING_THRESHOLD:
        phrases = tuple(map(_phrase, plan.weak, levels))
        listed = [*filter(None, phrases)]  # the weak strands' phrases (text, never empty)
        rationale = (
            f"{len(listed)} of the {len(levels) - levels.count(None)}{plan.judged_in}"
            f"{', '.join(listed)}{_TRAINING_END}"
        )
        plan.made += 1
        if plan.made >= MAX_KEPT:
            _renew(plan)
        found.append(plan.training.with_reasons(tuple(compress(plan.ids, phrases)), rationale))
    # Good practice: by the strands at the best level.
    best = code >> len(levels)
    practice = plan.kept.get(best)
    if practice is None:
        practice = _practice(plan, best)
    found += practice
    if plan.becta:
        if plan.named_at is None:
            return None  # a framework called Becta's without the strands its rules read
        # The levels the Becta rules read, taken from `levels` (checked above): their
        # four answers kept together by those five levels.
        named = plan.named_at(levels)
        answer = plan.named_kept.get(named)
        found += answer if answer is not None else _all_named(plan, named, profile)
    return found


#: Answers of the four Becta rules together kept per framework before the table starts
#: again: more than Becta's scale of five levels (and None) can make, 6^5.
MAX_NAMED: Final = 8192


def _all_named(plan: _Plan, named: tuple[int | None, ...], profile: Profile) -> _Answer:
    """The four Becta rules' answers, in order, for a school whose levels of `_NAMED` are
    `named` (ints on the scale, or None), each rule's kept by the one or two it reads
    (`_named`), and kept together by all five (`_Plan.named_kept`)."""
    vision, leadership, strategy, budget, evaluation = named
    answer: _Answer = ()
    for rule, key in enumerate((leadership, (vision, strategy), budget, evaluation)):
        one = plan.named[rule].get(key)
        answer += one if one is not None else _named(plan, rule, key, profile)
    if len(plan.named_kept) >= MAX_NAMED:
        plan.named_kept.clear()
    plan.named_kept[named] = answer
    return answer


#: The end of training needs' rationale (`_by_levels`; `training_needs` words it too).
_TRAINING_END: Final = f"); this advice is given from {TRAINING_THRESHOLD} such strands"


def _renew(plan: _Plan) -> None:
    """Training needs' template validated again, now and then (every `MAX_KEPT` pieces of
    advice made from it), in case other validations since pushed it out of what is
    remembered as validation built (advice made from it would then be validated whole)."""
    plan.training, plan.made = _validated(_fixed(_TRAINING_NEEDS), (), ""), 0


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
    return (_validated(plan.practice, targets, rationale),) if targets else ()


def _validated(
    fixed: dict[str, object], targets: tuple[str, ...], rationale: str
) -> Recommendation:
    """A recommendation of `fixed` fields for these targets and rationale, validated: what
    `_made` gives for the same (its reference and credit included).

    Validated by the model's own validator, as `model_validate` does, without the layer of
    Python around it (a quarter of the cost); strictly, since every value is already of its
    field's exact type (text, tuples of text), so that nothing is tried in vain."""
    made: Recommendation = Recommendation.__pydantic_validator__.validate_python(
        {**fixed, "targets": targets, "rationale": rationale}, strict=True
    )
    return made


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
