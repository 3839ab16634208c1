"""The plugin boundary's quick paths attacked: whatever two plugins do, school after school,
with what they gave before (change it behind its frozen fields, give it again, give one
object twice, give each other's, give advice made by `with_reasons` and change it, give
subclasses, mappings, constructed models, odd text and tuples), each report is what the
full checks give, and no report made earlier changes.

The reference is an engine whose plugins give, each time, fresh copies of what the
attacked engine's plugins give (`Recommendation.model_construct`, which validation never
built, in a tuple, which takes `PluginCall.collect`): no quick path can apply there, so
each of its reports is what `results.recommendation` makes of the values as they stand.
Both engines' plugins play the same script, each in a world of its own.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selfreview_becta_leadership import PACK

from scaled import scaled
from selfreview_core import Assessment, Engine, Framework, Recommendation, hookimpl, load_assessment
from selfreview_core.isolation import accepting
from selfreview_core.model import recommendation
from selfreview_core.model.recommendation import REASONED
from selfreview_core.report import Report, report_json

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def advice_never_given_forgotten() -> Iterator[None]:
    """The reference's plugins give copies: the advice they made stays in `REASONED` (as
    advice a plugin made and never gave does) until it is full. Emptied afterwards, as
    other tests expect to find it after their own reports."""
    yield
    REASONED.clear()


@cache
def school() -> tuple[Framework, Assessment]:
    engine = Engine(entry_points=False)
    path = ROOT / "examples" / "example-primary-2026.yaml"
    return engine.framework("becta-srf"), load_assessment(path, engine.framework_names())


class Raising(str):
    """Text whose comparisons raise."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("compared")

    def __hash__(self) -> int:
        raise RuntimeError("hashed")


class Exiting(str):
    """Text whose hash calls `sys.exit`."""

    def __eq__(self, other: object) -> bool:
        return str.__eq__(self, other)

    def __hash__(self) -> int:
        sys.exit("hashed")


class Loud(str):
    """Text whose comparisons print (to standard output, which a plugin must not reach)."""

    def __eq__(self, other: object) -> bool:
        print("compared")
        return str.__eq__(self, other)

    def __hash__(self) -> int:
        print("hashed")
        return str.__hash__(self)


class Ids(tuple[str, ...]):
    """A tuple of another class."""


class Answer(list[object]):
    """A list of another class."""


class Sub(Recommendation):
    """A recommendation of another class."""


#: Ids another source gives too: a built-in's and a rule pack's (`order_keyed` credits
#: every source of an id once; it tells a rule pack's ids apart without reading them).
TAKEN = ("next-step-1a1", "involve-slt", "review-vision-systems", "t1")
#: Ids in the framework, ids not in it, ids that are not ids or cannot be written.
TARGET = st.sampled_from(["1a1", "1b2", "1c4", "1", "3", "nowhere", "has space", "1a1\udc80"])
#: Mostly what advice for a school targets: ids of the framework, exactly text in a tuple.
KNOWN = st.lists(st.sampled_from(["1a1", "1b2", "1c4", "1", "1c"]), max_size=3).map(tuple)
TARGETS = st.one_of(
    KNOWN,
    KNOWN,
    st.lists(TARGET, max_size=3).map(tuple),
    st.lists(TARGET, max_size=2).map(Ids),
    st.lists(TARGET, max_size=2),
    st.lists(TARGET, min_size=1, max_size=2).map(lambda ts: tuple(map(Loud, ts))),
)
TEXT = st.sampled_from(["why", "why", "because", "é", "a\udc80b", " ", ""]) | st.builds(
    lambda cls, text: cls(text), st.sampled_from([Raising, Exiting, Loud]), st.just("odd")
)
#: Values put in a field behind its back (any field with any of these).
VALUES = {
    "id": st.sampled_from(["other", "has space", "x@y", *TAKEN]) | TEXT,
    "title": TEXT | st.sampled_from([5, None]),
    "targets": TARGETS | st.sampled_from([None, ("1a1", 3)]),
    "priority": st.sampled_from(["high", "low", "medium", "urgent"]) | TEXT,
    "links": st.sampled_from([("https://example.org",), ("javascript:x",), (), "https://x.y"]),
    "source": st.sampled_from(["alpha", "beta", "someone"]) | TEXT,
    "sources": st.sampled_from([("alpha",), ("beta",), ("alpha", "beta"), ()]),
    "rationale": TEXT,
    "reference": st.sampled_from([None, "Ofsted 2009", "\udc80"]),
}
HOW = st.sampled_from(["setattr", "dict", "new dict", "fields set"])
#: What one plugin does in one report: gives things, changes things, or both.
OP = st.one_of(
    st.tuples(st.just("give"), st.integers(0, 50)),
    st.tuples(st.just("reasons"), st.integers(0, 50), TARGETS, TEXT),
    st.tuples(
        st.just("advice"),
        st.integers(0, 3),
        KNOWN | st.lists(TARGET, max_size=2).map(tuple),
        st.sampled_from(["why", "é"]),
    ),
    st.tuples(st.just("again"), st.integers(0, 50)),
    st.tuples(st.just("twice")),
    st.tuples(
        st.just("change"),
        st.integers(0, 50),
        HOW,
        st.sampled_from(sorted(VALUES)).flatmap(lambda f: st.tuples(st.just(f), VALUES[f])),
    ),
    st.tuples(st.just("restore"), st.integers(0, 50)),
    st.tuples(st.just("sub"), st.integers(0, 50)),
    st.tuples(st.just("mapping"), st.integers(0, 50)),
    st.tuples(st.just("constructed"), st.integers(0, 50)),
    st.tuples(st.just("fresh"), st.integers(0, 3)),
    st.tuples(st.just("churn")),
)
KIND = st.sampled_from(["list", "list", "list", "tuple", "generator", "list subclass"])
#: Per report: each plugin's kind of answer and what it does.
STEP = st.tuples(KIND, st.lists(OP, max_size=6), KIND, st.lists(OP, max_size=6))


class World:
    """What the plugins of one engine hold: templates made once, and everything given or
    made so far (with what each held when made, for `restore`)."""

    def __init__(self) -> None:
        shapes: list[tuple[tuple[str, ...], dict[str, Any]]] = [
            (("1a1",), {}),
            (("2a1", "1b2"), {"priority": "high", "links": ("https://example.org",)}),
            ((), {"reference": "Becta 2010", "rationale": "always"}),
            (("1",), {"priority": "low", "source": "alpha", "sources": ("alpha",)}),
        ]
        self.pool = [
            Recommendation.model_validate(
                {"id": f"t{n}", "title": "Do", "action": "it", "targets": targets, **extra}
            )
            for n, (targets, extra) in enumerate(shapes)
        ]
        self.made: list[tuple[object, dict[str, Any]]] = [(r, dict(vars(r))) for r in self.pool]

    def target(self, n: int) -> tuple[object, dict[str, Any]]:
        return self.made[n % len(self.made)]

    def play(self, ops: list[tuple[Any, ...]]) -> list[object]:
        answer: list[object] = []
        for op in ops:
            verb, *args = op
            if verb == "give":
                answer.append(self.pool[args[0] % len(self.pool)])
            elif verb == "reasons":
                template = self.target(args[0])[0]
                if isinstance(template, Recommendation):
                    self.keep(template.with_reasons(args[1], args[2]), answer)
            elif verb == "advice":  # a template's advice for this school
                template = self.pool[args[0] % len(self.pool)]
                self.keep(template.with_reasons(args[1], args[2]), answer)
            elif verb == "again":
                answer.append(self.target(args[0])[0])
            elif verb == "twice" and answer:
                answer.append(answer[-1])
            elif verb == "change":
                change(self.target(args[0])[0], args[1], *args[2])
            elif verb == "restore":
                item, held = self.target(args[0])
                if isinstance(item, Recommendation):
                    object.__setattr__(item, "__dict__", dict(held))
            elif verb in ("sub", "mapping", "constructed"):
                values = dict(vars(self.pool[args[0] % len(self.pool)]))
                made: object = (
                    Sub.model_validate(values)
                    if verb == "sub"
                    else values
                    if verb == "mapping"
                    else Recommendation.model_construct(**values)
                )
                self.keep(made, answer)
            elif verb == "fresh":
                self.keep(
                    Recommendation.model_validate(
                        {"id": TAKEN[args[0]], "title": "New", "action": "x", "targets": ("1a1",)}
                    ),
                    answer,
                )
            elif verb == "churn":  # ids of objects made and dropped are taken again
                for n in range(300):
                    Recommendation.model_validate({"id": f"c{n}", "title": "c", "action": "c"})
        return answer

    def keep(self, made: object, answer: list[object]) -> None:
        self.made.append((made, dict(vars(made)) if isinstance(made, Recommendation) else {}))
        answer.append(made)


def change(item: object, how: str, name: str, value: object) -> None:
    """`item`'s field `name` made `value` behind its frozen fields, in one of the ways Python
    allows (or its fields set changed)."""
    if not isinstance(item, Recommendation):
        return
    if how == "setattr":
        object.__setattr__(item, name, value)
    elif how == "dict":
        item.__dict__[name] = value
    elif how == "new dict":
        object.__setattr__(item, "__dict__", {**vars(item), name: value})
    else:
        object.__setattr__(item, "__pydantic_fields_set__", {name})


def shaped(answer: list[object], kind: str) -> object:
    if kind == "tuple":
        return tuple(answer)
    if kind == "generator":
        return (item for item in answer)
    if kind == "list subclass":
        return Answer(answer)
    return answer


def fresh(item: object) -> object:
    """A copy validation never built of a plain recommendation; anything else as it is."""
    if type(item) is Recommendation:
        return Recommendation.model_construct(**vars(item))
    return item


class Player:
    """A plugin playing its part of the script, step by step, in `world`."""

    def __init__(self, name: str, world: World, script: list[Any], reference: bool) -> None:
        self.name, self.world, self.script, self.reference = name, world, script, reference
        self.step = 0

    @hookimpl
    def selfreview_recommend(self) -> object:
        kind, ops = self.script[self.step]
        answer = self.world.play(ops)
        if self.reference:
            return tuple(map(fresh, answer))
        return shaped(answer, kind)


def engines(script: list[tuple[Any, ...]]) -> tuple[tuple[Engine, World], ...]:
    """The attacked engine and the reference, each with its world and two players."""
    made = []
    for reference in (False, True):
        world = World()
        players = [
            Player(name, world, [step[at : at + 2] for step in script], reference)
            for name, at in (("alpha", 0), ("beta", 2))
        ]
        made.append((Engine(entry_points=False, plugins=players, rule_packs=[PACK]), world))
    return tuple(made)


def outcome(report: Report) -> tuple[Any, ...]:
    """Every value of every recommendation (by type, values and fields set, in order),
    every problem, and the report as JSON."""
    return (
        [(type(r), dict(vars(r)), r.model_fields_set) for r in report.recommendations],
        [(p.source, p.message, p.severity) for p in report.problems],
        report_json(report),
    )


def reports(engine: Engine, steps: int) -> Iterator[Report]:
    framework, assessment = school()
    players = [p for p in engine._host.pm.get_plugins() if isinstance(p, Player)]
    for step in range(steps):
        for player in players:
            player.step = step
        yield engine.report(assessment, framework=framework)


def held_by(world: World) -> set[int]:
    """The ids of every object the plugins of `world` hold, and of their dicts."""
    return {id(item) for item, _ in world.made} | {
        id(vars(item)) for item, _ in world.made if isinstance(item, Recommendation)
    }


#: Every table kept by identity made to hold two entries: generations turn, tables empty
#: and ids of objects let go are taken again within a few items.
SMALL: dict[tuple[ModuleType, str], object] = {
    (accepting, "MAX_ACCEPTED"): 2,
    (accepting, "MAX_FIXED"): 2,
    (recommendation, "MAX_VALIDATED"): 2,
}


@contextmanager
def patched(values: dict[tuple[ModuleType, str], object]) -> Iterator[None]:
    """Each module's name given its value (a limit), and back as it was afterwards."""
    before = {key: getattr(*key) for key in values}
    try:
        for (module, name), value in values.items():
            setattr(module, name, value)
        yield
    finally:
        for (module, name), value in before.items():
            setattr(module, name, value)


@contextmanager
def tables_of(size: str) -> Iterator[None]:
    with patched(SMALL if size == "small" else {}):
        yield


@settings(max_examples=scaled(100), deadline=None)
@given(
    script=st.lists(STEP, min_size=1, max_size=5),
    size=st.sampled_from(["as they are", "small"]),
)
def test_whatever_plugins_do_with_what_they_gave_each_report_is_what_the_full_checks_give(
    script: list[tuple[Any, ...]], size: str
) -> None:
    with tables_of(size):
        attack(script)


def attack(script: list[tuple[Any, ...]]) -> None:
    """Each report of the attacked engine is the reference's; none changes afterwards."""
    (attacked, world), (reference, _) = engines(script)
    made: list[tuple[Report, str]] = []
    for report, expected in zip(
        reports(attacked, len(script)), reports(reference, len(script)), strict=True
    ):
        assert outcome(report) == outcome(expected)
        made.append((report, report_json(report)))
        held = held_by(world)
        for rec in report.recommendations:
            assert id(rec) not in held
            assert id(vars(rec)) not in held
    # The plugins changed what they gave after each report: no report changed with it.
    for report, text in made:
        assert report_json(report) == text
