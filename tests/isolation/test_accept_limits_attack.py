"""The plugin boundary's quick paths at their edges: an answer of exactly `MAX_ITEMS` and
one over, in every shape; ids of objects let go taken again by new ones while the tables
kept by identity turn over; text whose comparisons print; reports made in several threads
at once by plugins that change what they gave. Each report is the reference's
(`test_accept_attacks`: fresh copies a plain tuple gives, which no quick path takes)."""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interleaved import interleaved
from scaled import scaled
from selfreview_core import Engine, Recommendation, hookimpl
from selfreview_core import engine as engine_module
from selfreview_core.isolation import calls
from selfreview_core.isolation.calls import MAX_ITEMS
from test_engine import plugin_module

from .test_accept_attacks import (  # `advice_never_given_forgotten`: autouse, here too
    KIND,
    Loud,
    World,
    advice_never_given_forgotten,  # noqa: F401
    change,
    fresh,
    outcome,
    patched,
    school,
    shaped,
    tables_of,
)

#: `MAX_ITEMS` as the limit tests set it: answers around it stay small.
LIMIT = 4


def limited(limit: int) -> AbstractContextManager[None]:
    """`MAX_ITEMS` made `limit` where the engine and `PluginCall.collect` read it."""
    return patched({(engine_module, "MAX_ITEMS"): limit, (calls, "MAX_ITEMS"): limit})


def two(give: Any, reference: Any) -> tuple[Engine, Engine]:
    """An engine whose one plugin, `giver`, answers `give()`, and its reference, answering
    `reference()` (the built-in next steps left out: their answer is over the limit)."""
    return tuple(  # type: ignore[return-value]  # two
        Engine(
            entry_points=False,
            plugins=[plugin_module("giver", selfreview_recommend=answer)],
            disable=["next-steps"],
        )
        for answer in (give, reference)
    )


@settings(max_examples=scaled(40), deadline=None)
@given(
    size=st.integers(LIMIT - 1, LIMIT + 2),
    kind=KIND,
    same=st.booleans(),
)
def test_answers_around_max_items_are_what_the_full_checks_give(
    size: int, kind: str, same: bool
) -> None:
    """An answer of `MAX_ITEMS` items is taken whole, one over loses the rest with a
    problem, whatever its shape and whether it repeats one object or gives new ones."""
    framework, assessment = school()
    world = World()
    shared = world.pool[1]

    def items() -> list[object]:
        if same:
            return [shared] * size
        return [shared.with_reasons(("1a1",), f"reason {n}") for n in range(size)]

    attacked, reference = two(lambda: shaped(items(), kind), lambda: tuple(map(fresh, items())))
    with limited(LIMIT):
        for _ in range(2):  # the second time, what was accepted is known
            got = attacked.report(assessment, framework=framework)
            assert outcome(got) == outcome(reference.report(assessment, framework=framework))
            over = [p for p in got.problems if "more than" in p.message]
            assert len(over) == (size > LIMIT)


def test_an_answer_of_exactly_max_items_of_one_object_is_taken_whole() -> None:
    """At the real limit: every item accepted (one recommendation, crediting the plugin),
    no problem."""
    framework, assessment = school()
    shared = World().pool[0]
    engine = Engine(
        entry_points=False,
        plugins=[plugin_module("giver", selfreview_recommend=lambda: [shared] * MAX_ITEMS)],
    )
    report = engine.report(assessment, framework=framework)
    assert report.problems == ()
    [given] = [r for r in report.recommendations if r.id == shared.id]
    assert vars(given) == {**vars(shared), "source": "giver", "sources": ("giver",)}
    assert given is not shared


def test_ids_of_advice_let_go_never_find_another_objects_entry() -> None:
    """Every report gives new advice (its own rationale) and lets go of the last, while
    every table kept by identity holds two entries: the id of one let go is soon another's,
    and each report still holds exactly what its plugin gave it."""
    framework, assessment = school()
    world = World()
    number = [0]

    def give() -> list[Recommendation]:
        number[0] += 1
        n = number[0]
        made = [
            Recommendation.model_validate(
                {"id": f"new{n % 3}", "title": "t", "action": "a", "rationale": f"r{n}"}
            ),
            world.pool[n % 4].with_reasons(("1b2",), f"because {n}"),
        ]
        for _ in range(n % 5):  # churn: objects made and dropped
            Recommendation.model_validate({"id": "c", "title": "c", "action": "c"})
        return made

    engine = Engine(entry_points=False, plugins=[plugin_module("giver", selfreview_recommend=give)])
    with tables_of("small"):
        for n in range(1, 200):
            report = engine.report(assessment, framework=framework)
            mine = {r.id: r.rationale for r in report.recommendations if r.source == "giver"}
            assert mine[f"new{n % 3}"] == f"r{n}"
            assert mine[world.pool[n % 4].id] == f"because {n}"


def test_text_whose_comparisons_print_never_reaches_standard_output(
    capfd: pytest.CaptureFixture[str],
) -> None:
    """Advice accepted once, then given targets whose comparisons print: checked in full,
    inside the plugin's redirection."""
    framework, assessment = school()
    world = World()
    advice = world.pool[0]
    engine = Engine(
        entry_points=False,
        plugins=[plugin_module("giver", selfreview_recommend=lambda: [advice])],
    )
    engine.report(assessment, framework=framework)
    change(advice, "setattr", "targets", (Loud("1a1"),))
    capfd.readouterr()
    report = engine.report(assessment, framework=framework)
    assert capfd.readouterr().out == ""
    assert [r.targets for r in report.recommendations if r.source == "giver"] == [("1a1",)]


#: Per thread, its world and what its plugin does each time (the thread's number picks).
SCRIPTS: list[list[tuple[Any, ...]]] = [
    [
        ("advice", 0, ("1a1",), "why"),
        ("give", 1),
        ("again", 4),
        ("change", 4, "dict", ("rationale", "x")),
    ],
    [("give", 0), ("twice",), ("change", 0, "setattr", ("title", "\udc80")), ("restore", 0)],
    [
        ("reasons", 2, ("1c4", "1"), "é"),
        ("again", 5),
        ("change", 5, "new dict", ("targets", ("1b2",))),
    ],
    [("fresh", 1), ("give", 3), ("change", 1, "fields set", ("priority", "low")), ("churn",)],
]


class ByThread:
    """A plugin whose every thread plays a script of its own in a world of its own."""

    name = "threads"

    def __init__(self) -> None:
        self.local = threading.local()

    @hookimpl
    def selfreview_recommend(self) -> object:
        local = self.local
        return local.world.play([local.script[local.step % len(local.script)]])


def test_reports_made_in_several_threads_by_plugins_that_change_what_they_gave() -> None:
    """Four threads share one engine; each thread's plugin changes what it gave, report
    after report: each report is the reference's for that thread's script."""
    framework, assessment = school()
    plugin = ByThread()
    engine = Engine(entry_points=False, plugins=[plugin])
    got: dict[int, list[tuple[Any, ...]]] = {}
    failures: list[BaseException] = []

    def run(number: int) -> None:
        try:
            local = plugin.local
            local.world, local.script = World(), SCRIPTS[number]
            made = []
            for step in range(40):
                local.step = step
                made.append(outcome(engine.report(assessment, framework=framework)))
            got[number] = made
        except BaseException as error:  # reported by the main thread
            failures.append(error)

    interleaved(run, len(SCRIPTS))
    assert failures == []
    for number, made in got.items():
        assert made == played_alone(SCRIPTS[number], len(made))


def played_alone(script: list[tuple[Any, ...]], reports: int) -> list[tuple[Any, ...]]:
    """The outcome of each of `reports` reports whose plugin plays `script` in a world of
    its own, in one thread, giving fresh copies (the reference)."""
    framework, assessment = school()
    world, step = World(), [0]

    def reference() -> tuple[object, ...]:
        answer = world.play([script[step[0] % len(script)]])
        return tuple(map(fresh, answer))

    engine = Engine(
        entry_points=False,
        plugins=[plugin_module("threads", selfreview_recommend=reference)],
    )
    made = []
    for n in range(reports):
        step[0] = n
        made.append(outcome(engine.report(assessment, framework=framework)))
    return made
