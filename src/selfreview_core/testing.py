"""Hypothesis strategies and pytest fixtures for testing selfreview_core and its plugins.

Needs the `test` extra (`pip install selfreview-core[test]`). In a plugin's tests::

    # conftest.py
    pytest_plugins = ["selfreview_core.testing"]

    # test_my_plugin.py
    from hypothesis import given
    from selfreview_core import testing

    @given(testing.framework_and_assessment())
    def test_never_fails(pair):
        framework, assessment = pair
        ...

Generated frameworks vary in size, in id style and in the direction of their scale
(higher-is-better as often as lower-is-better), so a plugin that assumes Becta's 1..5
scale is caught.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any, Final

import pytest
from hypothesis import strategies as st

from .assessment import Assessment, Judgement, School
from .engine import Engine
from .framework import Aspect, Element, Framework, Strand
from .recommendation import PRIORITIES
from .rules import (
    OPERATORS,
    AllOf,
    AnyOf,
    Condition,
    NotOf,
    Rule,
    RuleAdvice,
    RulePack,
    Test,
)
from .scale import Scale

__all__ = [
    "TERMINAL_ATTACKS",
    "assessment",
    "assessment_pairs",
    "assessments",
    "becta",
    "conditions",
    "dates",
    "engine",
    "framework_and_assessment",
    "frameworks",
    "hostile_texts",
    "ids",
    "improve",
    "judgements",
    "mirror_assessment",
    "mirror_condition",
    "mirror_framework",
    "rule_packs",
    "scales",
    "schools",
    "small_framework",
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
    """Any non-blank text (titles, descriptors, evidence), Unicode included."""
    alphabet = st.characters(exclude_categories=["Cs"])
    return st.text(alphabet, min_size=1, max_size=max_size).filter(lambda s: bool(s.strip()))


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
    return st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))


@cache
def schools() -> st.SearchStrategy[School]:
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
        assessed_on=dates(),
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
    framework = draw(frameworks(**framework_options))
    return framework, draw(assessments(framework, complete=complete))


def conditions(framework: Framework, *, max_depth: int = 3) -> st.SearchStrategy[Condition]:
    """Rule conditions on `framework`'s ids and levels: every test, nested `all`/`any`/`not`."""
    scale = framework.scale
    levels = st.sampled_from(scale.levels)
    subjects = st.sampled_from([(framework.kind_of(node_id), node_id) for node_id in framework.ids])

    @st.composite
    def test(draw: st.DrawFn) -> Test:
        kind, node_id = draw(subjects)
        operator = draw(st.sampled_from(OPERATORS))
        value: Any
        if operator == "level":
            value = draw(st.lists(levels, min_size=1, max_size=3) | levels)
        elif operator in ("below", "reached"):
            value = draw(levels)
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

    return st.recursive(test(), combine, max_leaves=max_depth * 3)


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


# -- pytest fixtures -------------------------------------------------------------------------


def _small_framework() -> Framework:
    """Two elements on a 0 (worst) .. 3 (best) scale: the other direction from Becta's."""

    def strand(strand_id: str, title: str) -> Strand:
        return Strand(
            id=strand_id,
            title=title,
            levels={
                0: f"{title}: not started.",
                1: f"{title}: beginning.",
                2: f"{title}: established.",
                3: f"{title}: embedded.",
            },
        )

    return Framework(
        id="small",
        version="1",
        title="A small test framework",
        scale=Scale(best=3, worst=0, labels={0: "Not started", 3: "Embedded"}),
        elements=(
            Element(
                id="A",
                title="Leadership",
                aspects=(
                    Aspect(
                        id="A1",
                        title="Vision",
                        strands=(strand("A1.1", "Vision"), strand("A1.2", "Review")),
                    ),
                    Aspect(id="A2", title="Strategy", strands=(strand("A2.1", "Strategy"),)),
                ),
            ),
            Element(
                id="B",
                title="Learning",
                aspects=(Aspect(id="B1", title="Teaching", strands=(strand("B1.1", "Teaching"),)),),
            ),
        ),
    )


@pytest.fixture
def small_framework() -> Framework:
    """A four-strand framework whose best level is the highest number (3)."""
    return _small_framework()


@pytest.fixture
def becta() -> Framework:
    """The bundled Becta framework (best 1, worst 5)."""
    return Engine(entry_points=False).framework("becta-srf")


@pytest.fixture
def assessment(small_framework: Framework) -> Assessment:
    """A partial assessment of `small_framework`: three of its four strands judged."""
    return Assessment(
        framework=small_framework.ref,
        school=School(id="T1", name="Test School", authority="Test Authority"),
        assessed_on=dt.date(2026, 10, 1),
        judgements={
            "A1.1": Judgement(level=2, evidence="Vision shared with staff."),
            "A1.2": Judgement(level=0),
            "A2.1": Judgement(level=1),
        },
    )


@pytest.fixture
def engine() -> Engine:
    """A fresh engine with only the built-in plugins: no entry points from the environment."""
    return Engine(entry_points=False)


# -- helpers for properties ------------------------------------------------------------------


def mirror_framework(framework: Framework) -> Framework:
    """The same framework with its scale written the other way round.

    Best and worst swap (`Scale.mirrored`) and every strand's descriptors move with their
    level (`l` becomes `best + worst - l`), so the best level is still the best and each
    descriptor keeps its meaning. Mirroring twice gives back an equal framework.
    """
    scale = framework.scale

    def strand(old: Strand) -> Strand:
        levels = {scale.mirror_level(level): text for level, text in old.levels.items()}
        return Strand(id=old.id, title=old.title, levels=levels)

    elements = tuple(
        Element(
            id=element.id,
            title=element.title,
            aspects=tuple(
                Aspect(id=aspect.id, title=aspect.title, strands=tuple(map(strand, aspect.strands)))
                for aspect in element.aspects
            ),
        )
        for element in framework.elements
    )
    awards = tuple(
        award.model_copy(update={"require": mirror_condition(scale, award.require)})
        for award in framework.awards
    )
    data = framework.model_dump(exclude={"scale", "elements", "awards"})
    return Framework.model_validate(
        {**data, "scale": scale.mirrored(), "elements": elements, "awards": awards}
    )


def mirror_condition(scale: Scale, condition: Condition) -> Condition:
    """`condition` (on `scale`) rewritten for the mirrored scale: every level it names moves
    to `scale.mirror_level(level)`, so it holds for the mirrored school exactly when the
    original holds for the original school."""
    if isinstance(condition, Test):
        name, value = condition.operator
        if name == "level":
            levels = tuple(map(scale.mirror_level, condition.levels))
            return condition.model_copy(update={"level": levels})
        if name in ("below", "reached"):
            return condition.model_copy(update={name: scale.mirror_level(value)})
        return condition
    if isinstance(condition, AllOf):
        return AllOf(all=tuple(mirror_condition(scale, c) for c in condition.all))
    if isinstance(condition, AnyOf):
        return AnyOf(any=tuple(mirror_condition(scale, c) for c in condition.any))
    return NotOf.model_validate({"not": mirror_condition(scale, condition.not_)})


def mirror_assessment(framework: Framework, assessment: Assessment) -> Assessment:
    """`assessment` (of `framework`) rewritten for `mirror_framework(framework)`.

    Every judged level `l` becomes `framework.scale.mirror_level(l)`; evidence, dates and
    the school stay as they were.
    """
    scale = framework.scale
    judgements = {
        strand_id: judgement.model_copy(update={"level": scale.mirror_level(judgement.level)})
        for strand_id, judgement in assessment.judgements.items()
    }
    return assessment.model_copy(update={"judgements": judgements})


def improve(
    framework: Framework, assessment: Assessment, strand_id: str, steps: int = 1
) -> Assessment:
    """`assessment` with the judged strand `strand_id` moved `steps` levels towards the best.

    Raises `ValueError` if the strand is not judged or the move would leave the scale.
    """
    judgement = assessment.judgements.get(strand_id)
    if judgement is None:
        raise ValueError(f"strand {strand_id!r} is not judged")
    scale = framework.scale
    rank = scale.rank(judgement.level) + steps
    if not 0 <= rank < scale.size:
        raise ValueError(f"cannot move level {judgement.level} by {steps} on {scale.describe()}")
    judgements = dict(assessment.judgements)
    judgements[strand_id] = judgement.model_copy(update={"level": scale.from_rank(rank)})
    return assessment.model_copy(update={"judgements": judgements})


# -- action plans ----------------------------------------------------------------------------
# (Imported here rather than at the top: this section was added after the others.)

from .plan import STATUSES, Action, MadeFrom, Plan  # noqa: E402
from .recommendation import Recommendation  # noqa: E402

__all__ += ["plans", "recommendation_lists"]


@st.composite
def recommendation_lists(
    draw: st.DrawFn, /, framework: Framework, *, max_size: int = 8
) -> tuple[Recommendation, ...]:
    """Recommendations with unique ids, any priority, targeting any of `framework`'s ids:
    what a report may hold, for testing what is made from it."""
    node_ids = st.sampled_from(framework.ids)
    rec_ids = draw(st.lists(ids(), max_size=max_size, unique=True))
    return tuple(
        Recommendation(
            id=rec_id,
            title=draw(texts(30)),
            action=draw(texts()),
            targets=tuple(draw(st.lists(node_ids, max_size=3, unique=True))),
            priority=draw(st.sampled_from(PRIORITIES)),
        )
        for rec_id in rec_ids
    )


@st.composite
def plans(
    draw: st.DrawFn,
    /,
    framework: Framework,
    *,
    school: School | None = None,
    max_actions: int = 6,
) -> Plan:
    """Valid action plans for `framework`: any statuses, owners, due dates, notes and
    baselines (levels on its scale, for some of each action's targets)."""
    levels = st.sampled_from(framework.scale.levels)
    node_ids = st.sampled_from(framework.ids)
    actions = []
    for action_id in draw(st.lists(ids(), max_size=max_actions, unique=True)):
        targets = tuple(draw(st.lists(node_ids, max_size=3, unique=True)))
        baseline = None
        if draw(st.booleans()):
            baseline = {t: draw(levels) for t in targets if draw(st.booleans())}
        actions.append(
            Action(
                id=action_id,
                recommendation=draw(ids()),
                title=draw(texts(30)),
                targets=targets,
                owner=draw(st.none() | texts(20)),
                due=draw(st.none() | dates()),
                status=draw(st.sampled_from(STATUSES)),
                notes=draw(st.none() | texts()),
                baseline=baseline,
            )
        )
    return Plan(
        framework=draw(st.sampled_from((framework.id, framework.ref))),
        school=school if school is not None else draw(schools()),
        made_from=draw(st.none() | st.builds(MadeFrom, assessed_on=dates())),
        created_on=draw(dates()),
        actions=tuple(actions),
    )


# -- migrations ------------------------------------------------------------------------------
# (Imported here rather than at the top: this section was added after the others.)

from .migration import Migration  # noqa: E402

__all__ += ["inverse_migration", "migrations", "moved_version", "versions"]


@st.composite
def versions(
    draw: st.DrawFn, /, framework: Framework, *, same_scale: bool = True, **framework_options: Any
) -> Framework:
    """Another version of `framework`: the same id, another version, strands of any shape
    and ids, on the same scale (any scale with `same_scale=False`)."""
    scale = framework.scale if same_scale else None
    other = draw(frameworks(scale=scale, **framework_options))
    version = draw(ids().filter(lambda v: v != framework.version))
    return Framework.model_validate({**other.model_dump(), "id": framework.id, "version": version})


@st.composite
def migrations(
    draw: st.DrawFn, /, old: Framework, new: Framework, *, one_to_one: bool = False
) -> Migration:
    """Valid migrations from `old` to `new` (two different versions): each old strand maps
    to one new strand or is split over several, or is retired; merges happen wherever old
    strands share a new one. With `one_to_one`, a bijection (both need as many strands)."""
    old_ids, new_ids = old.strand_ids, new.strand_ids
    strands: dict[str, tuple[str, ...]] = {}
    retired: list[str] = []
    if one_to_one:
        if len(old_ids) != len(new_ids):
            raise ValueError("a one-to-one migration needs as many strands in each version")
        order = draw(st.permutations(new_ids))
        strands = {o: (n,) for o, n in zip(old_ids, order, strict=True)}
    else:
        ways = ("one", "one", "split", "retire") if len(new_ids) > 1 else ("one", "retire")
        unused = list(new_ids)
        for old_id in old_ids:
            way = draw(st.sampled_from(ways))
            if way == "retire":
                retired.append(old_id)
                continue
            size = 1 if way == "one" else draw(st.integers(2, min(3, len(new_ids))))
            # Mostly strands nothing maps to yet, so that one-to-one moves are common too.
            fresh = draw(st.sampled_from((True, True, True, False)))
            pool = unused if fresh and len(unused) >= size else new_ids
            chosen = st.lists(st.sampled_from(pool), min_size=size, max_size=size, unique=True)
            strands[old_id] = tuple(draw(chosen))
            unused = [n for n in unused if n not in strands[old_id]]
    return Migration.model_validate(
        {"from": old.ref, "to": new.ref, "strands": strands, "retired": retired}
    )


@st.composite
def moved_version(draw: st.DrawFn, /, framework: Framework) -> tuple[Framework, Migration]:
    """A new version of `framework` with the same elements, aspects, titles and descriptors
    but its strand ids shuffled (each strand moves to another's id), and the one-to-one
    migration onto it."""
    old_ids = framework.strand_ids
    shuffled = draw(st.permutations(old_ids))
    renamed = dict(zip(old_ids, shuffled, strict=True))
    data = framework.model_dump()
    for element in data["elements"]:
        for aspect in element["aspects"]:
            for strand in aspect["strands"]:
                strand["id"] = renamed[strand["id"]]
    version = draw(ids().filter(lambda v: v != framework.version))
    new = Framework.model_validate({**data, "version": version, "awards": ()})
    migration = Migration.model_validate({"from": framework.ref, "to": new.ref, "strands": renamed})
    return new, migration


def inverse_migration(migration: Migration) -> Migration:
    """The migration back, for one that maps each old strand to its own new strand and
    retires none (`ValueError` for any other)."""
    back: dict[str, str] = {}
    for old, news in migration.strands.items():
        if len(news) != 1 or news[0] in back or migration.retired:
            raise ValueError(f"{migration.describe()} is not one-to-one: it has no inverse")
        back[news[0]] = old
    return Migration.model_validate({"from": migration.to, "to": migration.from_, "strands": back})


# -- respondents -----------------------------------------------------------------------------
# (Imported here rather than at the top: this section was added after the others.)

from .assessment import RESPONDENT_GROUPS, Respondent  # noqa: E402

__all__ += ["groups", "mirror_responses", "response_sets", "responses"]


@cache
def groups() -> st.SearchStrategy[str]:
    """Respondent groups: the conventional ones (SPEC section 9) mostly, and any id."""
    return st.one_of(st.sampled_from(RESPONDENT_GROUPS), ids())


def responses(
    framework: Framework,
    *,
    school: School | None = None,
    group: str | None = None,
    complete: bool | None = None,
) -> st.SearchStrategy[Assessment]:
    """One respondent's answers to `framework`: an assessment with a `respondent`, and an
    assessor and evidence as a careless respondent might write them (outputs must show
    neither)."""
    return st.builds(
        Assessment,
        framework=st.sampled_from((framework.id, framework.ref)),
        school=st.just(school) if school is not None else schools(),
        respondent=st.builds(Respondent, group=st.just(group) if group else groups()),
        assessed_on=dates(),
        assessor=st.none() | texts(30),
        judgements=judgements(framework, complete=complete),
    )


@st.composite
def response_sets(
    draw: st.DrawFn,
    /,
    framework: Framework,
    *,
    school: School | None = None,
    max_groups: int = 4,
    max_group_size: int = 8,
) -> list[Assessment]:
    """The responses of one school to `framework`: up to `max_groups` groups of 1 to
    `max_group_size` respondents each (so both sides of a minimum group size are drawn),
    in any order."""
    school = school if school is not None else draw(schools())
    names = draw(st.lists(groups(), min_size=1, max_size=max_groups, unique=True))
    drawn: list[Assessment] = []
    for name in names:
        size = draw(st.integers(1, max_group_size))
        drawn += [draw(responses(framework, school=school, group=name)) for _ in range(size)]
    return draw(st.permutations(drawn))


def mirror_responses(framework: Framework, items: list[Assessment]) -> list[Assessment]:
    """Each response rewritten for `mirror_framework(framework)` (`mirror_assessment`)."""
    return [mirror_assessment(framework, item) for item in items]
