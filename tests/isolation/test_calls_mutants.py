"""Behaviours of `isolation.calls` that a whole mutation pass (round 37) found no test pinned,
each fed to a plugin through `Engine` and checked in the report: the problem's message and
its plugin, and that every other plugin's work stands."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest

from selfreview_core import Assessment, Engine, Framework, Recommendation
from selfreview_core.isolation import calls
from selfreview_core.isolation.calls import MAX_MESSAGE
from test_engine import plugin_module


def advice(rec_id: str) -> Recommendation:
    return Recommendation(id=rec_id, title="T", action="A", targets=("A1",))


def _raising(message: str) -> Callable[[], list[Recommendation]]:
    def recommend() -> list[Recommendation]:
        raise ValueError(message)

    return recommend


@pytest.mark.parametrize(
    ("length", "shown"),
    [(500, "x" * 500), (501, f"{'x' * 500}… (501 characters)")],
)
def test_an_exception_message_is_kept_whole_up_to_the_limit_and_clipped_past_it(
    small_framework: Framework, assessment: Assessment, length: int, shown: str
) -> None:
    """500 characters, written out: the limit is part of every report's output."""
    assert MAX_MESSAGE == 500
    bad = plugin_module("bad", selfreview_recommend=_raising("x" * length))
    good = plugin_module("good", selfreview_recommend=lambda: [advice("from-good")])
    report = Engine(entry_points=False, plugins=[bad, good]).report(
        assessment, framework=small_framework
    )
    assert [(p.source, p.message, p.severity) for p in report.problems] == [
        ("bad", f"selfreview_recommend raised ValueError: {shown}", "error")
    ]
    assert "from-good" in [r.id for r in report.recommendations]


class _Stumbling:
    """An iterator (not a generator) that raises once, then would go on giving items."""

    def __init__(self) -> None:
        self._given = iter([advice("before"), None, advice("after")])

    def __iter__(self) -> _Stumbling:
        return self

    def __next__(self) -> Recommendation:
        item = next(self._given)
        if item is None:
            raise RuntimeError("stumbled")
        return item


def test_taking_a_plugins_items_stops_at_the_first_that_raises(
    small_framework: Framework, assessment: Assessment
) -> None:
    """What comes after a failure is not taken, even from an iterator that could go on."""
    bad = plugin_module("bad", selfreview_recommend=lambda: _Stumbling())
    good = plugin_module("good", selfreview_recommend=lambda: [advice("from-good")])
    report = Engine(entry_points=False, plugins=[bad, good]).report(
        assessment, framework=small_framework
    )
    assert [(p.source, p.message) for p in report.problems] == [
        ("bad", "selfreview_recommend raised RuntimeError: stumbled")
    ]
    mine = [r.id for r in report.recommendations if r.source == "bad"]
    assert mine == ["before"]
    assert "from-good" in [r.id for r in report.recommendations]


@pytest.mark.parametrize("shape", [tuple, iter], ids=["tuple", "iterator"])
def test_items_past_the_limit_are_never_taken_from_any_iterable(
    monkeypatch: pytest.MonkeyPatch,
    small_framework: Framework,
    assessment: Assessment,
    shape: Callable[[list[Recommendation]], Iterable[Recommendation]],
) -> None:
    """A tuple and a plain iterator cannot be closed as a generator is: the loop itself stops."""
    monkeypatch.setattr(calls, "MAX_ITEMS", 3)
    many = [advice(f"r{i}") for i in range(10)]
    bad = plugin_module("many", selfreview_recommend=lambda: shape(many))
    report = Engine(entry_points=False, plugins=[bad]).report(assessment, framework=small_framework)
    assert [r.id for r in report.recommendations if r.source == "many"] == ["r0", "r1", "r2"]
    assert [(p.source, p.message) for p in report.problems] == [
        ("many", "gave more than 3 items; the rest are ignored")
    ]
