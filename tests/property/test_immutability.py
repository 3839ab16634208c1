"""A plugin cannot change what it is given (SPEC section 4: every model a plugin receives is
immutable all the way down).

A real plugin, registered on an `Engine`, is handed the framework, assessment, profile and
previous review, and tries a generated sequence of changes on anything reachable from them:
fields, properties, private attributes, the items of every mapping and tuple. Each attempt
must raise, inside the plugin (the engine records the plugin's failure as a problem); every
model dumps as it did; the other plugins see the models unchanged; and the next school's
report is the report an engine without the hostile plugin makes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from scaled import scaled
from selfreview_core import (
    Assessment,
    Engine,
    Framework,
    Judgement,
    Profile,
    Recommendation,
    Report,
    hookimpl,
    score,
)
from selfreview_core.testing import assessment_pairs, assessments, frameworks

#: Each test draws many generated frameworks or files: seconds, not milliseconds.
pytestmark = pytest.mark.slow

#: A step from an object to one inside it: an attribute by name, or an item by key or index.
Step = tuple[str, Any]
#: Where the plugin finds a target: one of its arguments, then the steps from it.
Path = tuple[str, tuple[Step, ...]]
ROOTS = ("framework", "assessment", "profile", "previous")
OPERATIONS = (
    "setattr",
    "delattr",
    "__setitem__",
    "__delitem__",
    "update",
    "pop",
    "clear",
    "append",
    "setdefault",
)


def _attribute_names(value: object) -> list[str]:
    """Every attribute of a model a plugin can read: fields, properties (cached ones too)
    and private attributes."""
    if not isinstance(value, BaseModel):
        return []
    names = list(type(value).model_fields)
    for cls in type(value).__mro__:
        if cls.__module__.startswith("selfreview_core"):
            names += [
                name
                for name, attribute in vars(cls).items()
                if isinstance(attribute, property | cached_property)
            ]
    names += list(value.__private_attributes__)
    return list(dict.fromkeys(names))


def _children(value: object) -> Iterator[tuple[Step, object]]:
    for name in _attribute_names(value):
        try:
            yield ("attr", name), getattr(value, name)
        except Exception:  # a property that does not apply to this instance
            continue
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield ("item", key), item
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield ("item", index), item


#: Values with nothing inside to change (trying is pointless: they have no attributes to set).
LEAVES = (str, int, float, dt.date, type(None), frozenset)


def reachable(roots: Mapping[str, object]) -> list[tuple[Path, object]]:
    """Every object reachable from the plugin's arguments (each once), with its path;
    leaves (text, numbers, dates) left out."""
    seen: set[int] = set()
    found: list[tuple[Path, object]] = []
    stack: list[tuple[Path, object]] = [((name, ()), root) for name, root in roots.items()]
    while stack:
        path, value = stack.pop()
        if id(value) in seen or isinstance(value, LEAVES):
            continue
        seen.add(id(value))
        found.append((path, value))
        stack.extend(((path[0], (*path[1], step)), child) for step, child in _children(value))
    return found


def resolve(arguments: Mapping[str, object], path: Path) -> object:
    value = arguments[path[0]]
    for kind, key in path[1]:
        value = getattr(value, key) if kind == "attr" else value[key]  # type: ignore[index]
    return value


@dataclass(frozen=True)
class Attempt:
    """One change to try: `operation` on the object at `path`, with `name` (an attribute
    name or a key) and `value`."""

    path: Path
    operation: str
    name: Any
    value: Any

    def run(self, arguments: Mapping[str, object]) -> None:
        target: Any = resolve(arguments, self.path)
        if self.operation in ("setattr", "delattr"):
            name = str(self.name)
            setattr(target, name, self.value) if self.operation == "setattr" else delattr(
                target, name
            )
        elif self.operation in ("__setitem__", "setdefault"):
            getattr(target, self.operation)(self.name, self.value)
        elif self.operation in ("__delitem__", "pop"):
            getattr(target, self.operation)(self.name)
        elif self.operation == "update":
            target.update({self.name: self.value})
        elif self.operation == "append":
            target.append(self.value)
        else:
            getattr(target, self.operation)()


@st.composite
def attempts(
    draw: st.DrawFn, /, framework: Framework, roots: Mapping[str, object]
) -> list[Attempt]:
    """Changes a plugin might try on anything reachable from `roots`, with values both
    absurd and plausible (a judgement on the scale, a level, an empty mapping)."""
    targets = reachable(roots)
    # Chosen uniformly (hypothesis's own choices lean to the first items, and the first of
    # hundreds of targets would then be tried far more than the rest), yet reproducibly.
    chance = draw(st.randoms(use_true_random=False))
    plan = []
    for _ in range(draw(st.integers(1, 40))):
        path, target = chance.choice(targets)
        operation = chance.choice(OPERATIONS)
        value = chance.choice(_values(framework))
        plan.append(Attempt(path, operation, chance.choice(_names(target)), value))
    return plan


def _values(framework: Framework) -> list[Any]:
    """Values to put in: absurd ones, and plausible ones a careless plugin might write."""
    worst = framework.scale.worst
    return ["changed", 999, None, (), {}, worst, Judgement(level=worst)]


def _names(target: object) -> list[Any]:
    """Names and keys worth trying on `target`: its attributes, keys or indexes, and new ones."""
    names: list[Any] = [*_attribute_names(target), "_private", "new_attribute"]
    if isinstance(target, Mapping):
        names += list(target)
    elif isinstance(target, tuple):
        names += list(range(len(target)))
    return names


@dataclass
class Hostile:
    """A plugin that tries `plan` on its first call, recording what each attempt raised."""

    plan: list[Attempt]
    name: str = "hostile"
    raised: list[BaseException | None] = field(default_factory=list)
    calls: int = 0

    @hookimpl
    def selfreview_recommend(
        self,
        framework: Framework,
        assessment: Assessment,
        profile: Profile,
        previous: Assessment | None,
    ) -> list[Recommendation]:
        self.calls += 1
        if self.calls > 1:
            return []
        arguments = {
            "framework": framework,
            "assessment": assessment,
            "profile": profile,
            "previous": previous,
        }
        for attempt in self.plan:
            try:
                attempt.run(arguments)
            except Exception as error:
                self.raised.append(error)
            else:
                self.raised.append(None)
        raise RuntimeError("tried to change what it was given")


@dataclass
class Witness:
    """A plugin called after the hostile one: what it is given, as dumps."""

    name: str = "witness"
    seen: list[dict[str, Any]] = field(default_factory=list)

    @hookimpl
    def selfreview_recommend(
        self,
        framework: Framework,
        assessment: Assessment,
        profile: Profile,
        previous: Assessment | None,
    ) -> list[Recommendation]:
        self.seen.append(_dumps(framework, assessment, profile, previous))
        return []


def _dumps(
    framework: Framework, assessment: Assessment, profile: Profile, previous: Assessment | None
) -> dict[str, Any]:
    """Every model's dump, and what the framework and scale work out from their fields."""
    return {
        "framework": framework.model_dump(),
        "lookups": (
            framework.ids,
            framework.strand_ids,
            [framework.parents(i) for i in framework.ids],
            [framework.get(i) for i in framework.ids],
            framework.scale.levels,
            framework.scale.step,
        ),
        "assessment": assessment.model_dump(),
        "profile": profile.model_dump(),
        "previous": None if previous is None else previous.model_dump(),
    }


def _report_without_problems(report: Report) -> dict[str, Any]:
    return report.model_dump(exclude={"problems"})


@st.composite
def cases(draw: st.DrawFn) -> tuple[Framework, Assessment, Assessment, Assessment, list[Attempt]]:
    """A framework (either scale direction), a school's review and its previous one, the
    next school's review, and the changes the hostile plugin will try."""
    framework = draw(frameworks())
    previous, current = draw(assessment_pairs(framework))
    following = draw(assessments(framework))
    roots = {
        "framework": framework,
        "assessment": current,
        "profile": score(framework, current),  # the engine's has the same shape
        "previous": previous,
    }
    return framework, current, previous, following, draw(attempts(framework, roots))


@settings(max_examples=scaled(30))
@given(cases())
def test_a_plugin_cannot_change_what_it_is_given(
    case: tuple[Framework, Assessment, Assessment, Assessment, list[Attempt]],
) -> None:
    framework, current, previous, following, plan = case
    before = _dumps(framework, current, score(framework, current), previous)
    following_before = following.model_dump()
    clean = Engine(entry_points=False, frameworks=[framework])
    expected = clean.report(current, previous, framework=framework)
    expected_next = clean.report(following, framework=framework)

    hostile, witness = Hostile(plan), Witness()
    engine = Engine(plugins=[hostile, witness], entry_points=False, frameworks=[framework])
    report = engine.report(current, previous, framework=framework)

    # Every attempt raised, inside the plugin; the engine recorded the plugin's failure.
    assert len(hostile.raised) == len(plan)
    unraised = [attempt for attempt, error in zip(plan, hostile.raised, strict=True) if not error]
    assert unraised == []
    assert [p.source for p in report.problems] == ["hostile"]
    assert "tried to change what it was given" in report.problems[0].message
    # Nothing changed: the models, what the next plugin saw, and the report.
    assert _dumps(framework, current, report.profile, previous) == before
    assert witness.seen == [before]
    assert _report_without_problems(report) == _report_without_problems(expected)
    # The next school's report is the one made without the hostile plugin.
    following_report = engine.report(following, framework=framework)
    assert following.model_dump() == following_before
    assert following_report == expected_next
    assert engine.report(current, previous, framework=framework) == expected


def test_every_change_to_anything_a_plugin_is_given_raises(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Not a sample: every operation, with every name and key, on every object reachable
    from the plugin's arguments (a framework on a 0 (worst) .. 3 (best) scale, with labels,
    a review and its previous one)."""
    previous = assessment.model_copy(update={"assessed_on": dt.date(2025, 10, 1)})
    roots = {
        "framework": small_framework,
        "assessment": assessment,
        "profile": score(small_framework, assessment),
        "previous": previous,
    }
    plan = [
        Attempt(path, operation, name, value)
        for path, target in reachable(roots)
        for operation in OPERATIONS
        for name in _names(target)
        for value in ([0] if operation in ("__delitem__", "pop", "clear", "delattr") else [0, {}])
    ]
    before = _dumps(small_framework, assessment, score(small_framework, assessment), previous)
    hostile = Hostile(plan)
    engine = Engine(plugins=[hostile], entry_points=False, frameworks=[small_framework])
    report = engine.report(assessment, previous, framework=small_framework)
    assert len(plan) > 2000
    assert [a for a, error in zip(plan, hostile.raised, strict=True) if error is None] == []
    assert _dumps(small_framework, assessment, report.profile, previous) == before
    assert [p.source for p in report.problems] == ["hostile"]


def test_the_walk_reaches_every_kind_of_thing_a_plugin_is_given(
    small_framework: Framework, assessment: Assessment
) -> None:
    """The property above is only as strong as `reachable`: it must reach mappings inside
    models, models inside mappings, tuples, cached properties and private attributes."""
    previous = assessment.model_copy(update={"assessed_on": dt.date(2025, 10, 1)})
    roots = {
        "framework": small_framework,
        "assessment": assessment,
        "profile": score(small_framework, assessment),
        "previous": previous,
    }
    reached = {id(value) for _, value in reachable(roots)}
    framework: Any = small_framework
    expected = {
        "a scale's labels": small_framework.scale.labels,
        "a cached property": small_framework.scale.levels,
        "a model in a tuple in a model": small_framework.elements[0].aspects[0],
        "a strand's descriptors": small_framework.strands[0].levels,
        "a private attribute": framework._nodes,
        "a tuple in a private mapping": framework._parents["A1.1"],
        "a model in a mapping": assessment.judgements["A1.1"],
        "a profile's mapping": roots["profile"].progress_by_id,  # type: ignore[attr-defined]
        "the previous review's judgements": previous.judgements,
    }
    missing = [what for what, value in expected.items() if id(value) not in reached]
    assert missing == []
