"""Hypothesis strategies for frameworks of any size, id style and scale direction, and for
what is made of them: assessments (and pairs of reviews), conditions and rule packs
(recommendations and action plans: `plan_strategies`). Each draws valid documents only: a
plugin's test that fails on one has found a bug in the plugin."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any, Final

from hypothesis import strategies as st

from .._names import PRIORITIES
from ..model.assessment import Assessment, Judgement, School
from ..model.conditions import OPERATORS, SCORE_OPERATORS, AllOf, AnyOf, Condition, NotOf, Test
from ..model.framework import Aspect, Element, Framework, Strand
from ..model.rules import Rule, RuleAdvice, RulePack
from ..model.scale import Scale
from ..model.unseen import unseen_only
from .condition_strategies import wide_conditions

__all__ = [
    "TERMINAL_ATTACKS",
    "assessment_pairs",
    "assessments",
    "conditions",
    "dates",
    "framework_and_assessment",
    "frameworks",
    "hostile_texts",
    "ids",
    "judgements",
    "review_days",
    "rule_packs",
    "scales",
    "schools",
    "texts",
]


ID_STYLES = ("numbered", "dotted", "words", "random")


# Strategies are cached: building one per draw makes hypothesis validate it every time.
@cache
def ids() -> st.SearchStrategy[str]:
    """Identifiers as files may write them: no whitespace and no `@`."""
    return st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,11}", fullmatch=True)


@cache
def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Any text that says something (titles, descriptors, evidence), Unicode included: not
    blank, nor only what prints as nothing (`Text` refuses it since round 72)."""
    alphabet = st.characters(exclude_categories=["Cs"])
    return st.text(alphabet, min_size=1, max_size=max_size).filter(lambda s: not unseen_only(s))


#: Text that tries to take over the terminal it is printed to (SPEC section 7): OSC 52 sets
#: the clipboard, OSC 8 plants a link, CSI 2J clears the screen, the 8-bit CSI and OSC (C1)
#: do the same on terminals that honour them, BEL rings, a right-to-left override reverses
#: what follows, a carriage return overwrites the line and a newline forges one.
TERMINAL_ATTACKS: Final = (
    "\x1b]52;c;aGFja2Vk\x07",
    "\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\",
    "\x1b[2J\x1b[H",
    "\x9b2J",
    "\x9d52;c;aGFja2Vk\x9c",
    "\x07",
    "\u202egnp.exe",
    "\u2066isolated\u2069",
    "\rok: forged",
    "\nok: forged line",
    "\x00\x08\x7f",
)


@cache
def hostile_texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-blank text with terminal control sequences in it (`TERMINAL_ATTACKS`, and any
    control or bidirectional character), for testing that what a plugin prints or exports
    shows them escaped."""
    controls = st.characters(categories=["Cc", "Cf", "Zl", "Zp"])
    alphabet = st.one_of(st.characters(exclude_categories=["Cs"]), controls)
    return st.tuples(
        st.text(alphabet, max_size=max_size // 2),
        st.sampled_from(TERMINAL_ATTACKS),
        st.text(alphabet, max_size=max_size // 2),
    ).map(lambda parts: f"x{''.join(parts)}")


def scales(*, max_levels: int = 6, labels: bool = True) -> st.SearchStrategy[Scale]:
    """Scales of 2..max_levels levels, running either way, anywhere on the number line."""

    @st.composite
    def build(draw: st.DrawFn) -> Scale:
        size = draw(st.integers(2, max_levels))
        best = draw(st.integers(-10, 10))
        step = draw(st.sampled_from((1, -1)))  # +1: higher numbers are better
        scale = Scale(best=best, worst=best - step * (size - 1))
        if labels and draw(st.booleans()):
            names = draw(st.dictionaries(st.sampled_from(scale.levels), texts(20), max_size=size))
            scale = Scale(best=scale.best, worst=scale.worst, labels=names)
        return scale

    return build()


def _styled_ids(style: str, shape: list[list[int]]) -> list[str]:
    """Element, aspect and strand ids in one house style, parents first."""
    out: list[str] = []
    for e, aspects in enumerate(shape, start=1):
        element = {"numbered": f"{e}", "dotted": f"E{e}", "words": f"element-{e}"}[style]
        out.append(element)
        for a, strand_count in enumerate(aspects):
            aspect = {
                "numbered": f"{e}{chr(97 + a)}",
                "dotted": f"E{e}.A{a + 1}",
                "words": f"element-{e}-aspect-{a + 1}",
            }[style]
            out.append(aspect)
            out.extend(
                {
                    "numbered": f"{aspect}{s}",
                    "dotted": f"{aspect}.S{s}",
                    "words": f"{aspect}-strand-{s}",
                }[style]
                for s in range(1, strand_count + 1)
            )
    return out


@st.composite
def frameworks(
    draw: st.DrawFn,
    /,
    *,
    scale: Scale | None = None,
    max_elements: int = 2,
    max_aspects: int = 3,
    max_strands: int = 3,
) -> Framework:
    """Valid frameworks of any shape, id style and scale direction."""
    the_scale = scale if scale is not None else draw(scales())
    shape = draw(
        st.lists(
            st.lists(st.integers(1, max_strands), min_size=1, max_size=max_aspects),
            min_size=1,
            max_size=max_elements,
        )
    )
    total = len(shape) + sum(len(a) for a in shape) + sum(sum(a) for a in shape)
    style = draw(st.sampled_from(ID_STYLES))
    if style == "random":
        names = draw(st.lists(ids(), min_size=total, max_size=total, unique=True))
    else:
        names = _styled_ids(style, shape)
    names.reverse()

    def strand() -> Strand:
        levels = {level: draw(texts()) for level in the_scale.levels}
        return Strand(id=names.pop(), title=draw(texts(30)), levels=levels)

    elements = []
    for aspects in shape:
        element_id = names.pop()
        built = []
        for strand_count in aspects:
            aspect_id = names.pop()
            built.append(
                Aspect(
                    id=aspect_id,
                    title=draw(texts(30)),
                    strands=tuple(strand() for _ in range(strand_count)),
                )
            )
        elements.append(Element(id=element_id, title=draw(texts(30)), aspects=tuple(built)))
    return Framework(
        id=draw(ids()),
        version=draw(ids()),
        title=draw(texts(30)),
        publisher=draw(st.none() | texts(20)),
        scale=the_scale,
        elements=tuple(elements),
    )


@cache
def dates() -> st.SearchStrategy[dt.date]:
    """Any day from 2000 to 2100, for what is dated but is not a review's own day: when a
    strand was judged, an action is due, a plan was made (`review_days` for the review's)."""
    return st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))


@cache
def review_days() -> st.SearchStrategy[dt.date]:
    """The day of a review: never after today (a review dated after today is a warning
    problem of every report, `review_dates`: no plugin's test should meet it unasked)."""
    return st.dates(dt.date(2000, 1, 1), dt.date(2025, 12, 31))


@cache
def schools() -> st.SearchStrategy[School]:
    """A school: any id, a name, and its local authority or none."""
    return st.builds(School, id=ids(), name=texts(30), authority=st.none() | texts(20))


def judgements(
    framework: Framework, *, complete: bool | None = None
) -> st.SearchStrategy[dict[str, Judgement]]:
    """Judgements of some strands (all of them with `complete=True`, not all with False)."""
    levels = st.sampled_from(framework.scale.levels)
    judgement = st.builds(
        Judgement, level=levels, evidence=st.none() | texts(), judged_on=st.none() | dates()
    )
    strand_ids = framework.strand_ids

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Judgement]:
        if complete:
            chosen: list[str] = list(strand_ids)
        else:
            flags = draw(
                st.lists(st.booleans(), min_size=len(strand_ids), max_size=len(strand_ids))
            )
            chosen = [s for s, keep in zip(strand_ids, flags, strict=True) if keep]
            if complete is False and len(chosen) == len(strand_ids):
                chosen = chosen[1:]
        return {s: draw(judgement) for s in chosen}

    return build()


def assessments(
    framework: Framework,
    *,
    complete: bool | None = None,
    school: School | None = None,
) -> st.SearchStrategy[Assessment]:
    """Valid assessments of `framework`: complete, partial (`complete=False`) or either."""
    return st.builds(
        Assessment,
        framework=st.sampled_from((framework.id, framework.ref)),
        school=st.just(school) if school is not None else schools(),
        assessed_on=review_days(),
        assessor=st.none() | texts(30),
        judgements=judgements(framework, complete=complete),
    )


@st.composite
def assessment_pairs(
    draw: st.DrawFn, /, framework: Framework, *, complete: bool | None = None
) -> tuple[Assessment, Assessment]:
    """Two reviews of the same school, the second on the same day or later."""
    school = draw(schools())
    first = draw(assessments(framework, complete=complete, school=school))
    second = draw(assessments(framework, complete=complete, school=school))
    if second.assessed_on < first.assessed_on:
        first, second = second, first
    return first, second


@st.composite
def framework_and_assessment(
    draw: st.DrawFn, /, *, complete: bool | None = None, **framework_options: Any
) -> tuple[Framework, Assessment]:
    """A framework (`frameworks`, given `framework_options`) and an assessment of it:
    complete, partial (`complete=False`) or either."""
    framework = draw(frameworks(**framework_options))
    return framework, draw(assessments(framework, complete=complete))


def conditions(
    framework: Framework, *, max_depth: int = 3, scores: bool = True
) -> st.SearchStrategy[Condition]:
    """Rule conditions on `framework`'s ids and levels: every test, nested `all`/`any`/`not`.

    With `scores` (the default), tests of scores too (`score_below`, `score_reached`), with
    thresholds on the rank axis and just past its ends, whole numbers and the halves, thirds
    and quarters that averages of answers and of strands reach, so that a threshold a score
    meets exactly is drawn. `scores=False` leaves them out, for what only levels decide."""
    scale = framework.scale
    levels = st.sampled_from(scale.levels)
    subjects = st.sampled_from([(framework.kind_of(node_id), node_id) for node_id in framework.ids])
    operators = st.sampled_from(OPERATORS + SCORE_OPERATORS if scores else OPERATORS)
    top = scale.size - 1
    thresholds = st.integers(-1, top + 1) | st.integers(2, 4).flatmap(
        lambda parts: st.integers(-parts, (top + 1) * parts).map(lambda n: n / parts)
    )

    @st.composite
    def test(draw: st.DrawFn) -> Test:
        kind, node_id = draw(subjects)
        operator = draw(operators)
        value: Any
        if operator == "level":
            value = draw(st.lists(levels, min_size=1, max_size=3) | levels)
        elif operator in ("below", "reached"):
            value = draw(levels)
        elif operator in SCORE_OPERATORS:
            value = draw(thresholds)
        else:
            value = draw(st.booleans())
        return Test.model_validate({kind: node_id, operator: value})

    def combine(children: st.SearchStrategy[Condition]) -> st.SearchStrategy[Condition]:
        many = st.lists(children, max_size=3).map(tuple)
        return st.one_of(
            many.map(lambda c: AllOf(all=c)),
            many.map(lambda c: AnyOf(any=c)),
            children.map(lambda c: NotOf.model_validate({"not": c})),
        )

    nested = st.recursive(test(), combine, max_leaves=max_depth * 3)
    if max_depth < 2:
        return nested
    wide = wide_conditions(test(), max_depth)  # which `nested` draws rarely
    # drawn a third of the time: `one_of(nested, wide)` drew them nine times in ten
    return st.integers(0, 2).flatmap(lambda k: (nested, wide)[k // 2])


@st.composite
def rule_packs(draw: st.DrawFn, /, framework: Framework, *, max_rules: int = 8) -> RulePack:
    """Valid rule packs for `framework`, with any mix of conditions and priorities."""
    count = draw(st.integers(0, max_rules))
    rules = [
        Rule(
            id=f"rule-{i}",
            when=draw(conditions(framework)),
            recommend=RuleAdvice(
                title=draw(texts(30)),
                action=draw(texts()),
                priority=draw(st.sampled_from(PRIORITIES)),
            ),
        )
        for i in range(count)
    ]
    return RulePack(id=draw(ids()), framework=framework.ref, rules=tuple(rules))
