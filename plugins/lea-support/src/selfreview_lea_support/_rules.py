"""`lea-support`'s rules, each the plain definition of when its advice applies and what it says.

Two are generic and work on any framework (the scale's direction is read from
`framework.scale`, never assumed): a training needs analysis when several strands are weak,
and sharing good practice from strands at the best level or improved since the previous
review. The others read strands of Becta's Self-review framework and apply only to it.
`_quick` makes the same advice faster for a school with no previous review; these are what
it must give, and what every case it does not take falls back to.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from selfreview_core import Assessment, Framework, Profile, Recommendation, Scale

from ._advice import (
    BECTA_SITE,
    BUILDING_THE_GRID,
    GOOD_PRACTICE,
    LEAS,
    TRAINING_NEEDS,
    advised,
    recommendation,
)

#: The framework whose strands the Becta-specific rules read.
BECTA: Final = "becta-srf"

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


def weak_levels(scale: Scale) -> tuple[int, ...]:
    """The weaker half of a scale, worst first, leaving out a middle level: 5 and 4 on
    Becta's 1 (best) .. 5 (worst); 0 alone on 0 .. 2; 0 and 1 on 0 .. 3 (best)."""
    return weak_levels_of(scale.best, scale.worst)


@lru_cache(maxsize=64)
def weak_levels_of(best: int, worst: int) -> tuple[int, ...]:
    # Asked for every strand of every report: worked out once for each scale.
    scale = Scale(best=best, worst=worst)
    return tuple(
        level for level in reversed(scale.levels) if 2 * scale.rank(level) < scale.size - 1
    )


def _is_weak(scale: Scale, level: int | None) -> bool:
    return level is not None and level in weak_levels_of(scale.best, scale.worst)


def weak_phrase(scale: Scale) -> str:
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


# -- generic rules: any framework ---------------------------------------------------------


def training_needs(framework: Framework, profile: Profile) -> list[Recommendation]:
    """Several weak strands: analyse the school's training needs from its self-review."""
    scale = framework.scale
    weak_set = weak_levels_of(scale.best, scale.worst)
    levels = profile.strands
    ids = framework.strand_ids
    found = list(map(levels.get, ids))
    weak = [pair for pair in zip(ids, found, strict=True) if pair[1] in weak_set]
    if len(weak) < TRAINING_THRESHOLD:
        return []
    judged = len(found) - found.count(None)
    listed = ", ".join(f"{strand_id} at level {level}" for strand_id, level in weak)
    return [
        advised(
            TRAINING_NEEDS,
            (strand_id for strand_id, _ in weak),
            f"{len(weak)} of the {judged} judged strands are in {weak_phrase(scale)} "
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
    return [advised(GOOD_PRACTICE, targets, "; ".join(facts) + since)]


# -- rules for Becta's Self-review framework -------------------------------------------------


def contingency_plan(framework: Framework, profile: Profile) -> list[Recommendation]:
    """Strategic leadership of ICT (1b1) weak: it rests on one or two people, or none."""
    level = profile.strands.get(LEADERSHIP)
    if not _is_weak(framework.scale, level):
        return []
    return [
        recommendation(
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
                f"{weak_phrase(framework.scale)}"
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
        recommendation(
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
        recommendation(
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
                f"{weak_phrase(framework.scale)}"
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
        recommendation(
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
                f"{weak_phrase(framework.scale)}"
            ),
        )
    ]
