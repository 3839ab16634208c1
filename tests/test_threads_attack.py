"""One engine shared by several threads, as a web application embedding the library would
share it: every first-party plugin, hundreds of different schools, and every table the
speed work keeps (accepted advice, validated recommendations, plugins' kept answers, rule
units, shared profile tables, report lines' JSON) at three sizes, tiny ones filling and
starting again every few reports, while the threads take turns as often as the interpreter
lets them. Each school's report line must be exactly the line a fresh engine makes for it
in one thread, written the plain way (`report_json`), which keeps nothing between reports.

A table that holds an object's JSON or sort key by its `id` is only right while it also
holds that object (else a new object may take the id): two threads emptying and filling
such a table at once are where that could break, and what this test gives every chance.
"""

from __future__ import annotations

import datetime as dt
import random
import threading
from types import ModuleType

import pytest

from interleaved import interleaved
from selfreview_core import Assessment, Engine, Framework
from selfreview_core import report as report_module
from selfreview_core.escaping import shown_json
from selfreview_core.isolation import accepting
from selfreview_core.model import recommendation
from selfreview_core.report import report_json, report_line_bytes
from selfreview_core.rules import index as rule_index
from selfreview_core.rules import units as rule_units
from selfreview_core.scoring import plan as score_plan

lea_quick = pytest.importorskip("selfreview_lea_support._quick")

#: Schools in all, and threads sharing the engine.
SCHOOLS = 240
THREADS = 4
#: Sizes every kept table is cut to: tiny (each fills and starts again every few reports),
#: small, and as they are (None): an object's id is taken again by a new object soonest
#: when its table is not emptied before.
SIZES = (3, 64, None)

#: Text a report must carry through unchanged (written as it is, or escaped).
EVIDENCE = ("Minutes of June", "Évaluation des élèves", "tab\tand\u00a0space", "\x7f", None)


def tables() -> list[tuple[ModuleType, str]]:
    """Every bound on a table kept across reports, by the module that reads it."""
    return [
        (report_module, "_MAX_SEEN"),
        (report_module, "_MAX_LINES"),
        (accepting, "MAX_ACCEPTED"),
        (accepting, "MAX_FIXED"),
        (recommendation, "MAX_VALIDATED"),
        (rule_units, "MAX_KEPT"),
        (rule_index, "MAX_MADE"),
        (score_plan, "MAX_KEPT"),
        (lea_quick, "MAX_KEPT"),
        (lea_quick, "MAX_NAMED"),
    ]


@pytest.fixture(params=SIZES, ids=lambda size: f"tables-{size or 'as-they-are'}")
def table_size(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    for module, name in tables():
        assert isinstance(getattr(module, name), int), (module.__name__, name)
        if request.param is not None:
            monkeypatch.setattr(module, name, request.param)


def judgements(rng: random.Random, framework: Framework) -> dict[str, object]:
    """Levels varied strand by strand, about one strand in twelve unjudged."""
    found: dict[str, object] = {}
    for strand in framework.strand_ids:
        if rng.random() >= 0.08:
            level = rng.choice(framework.scale.levels)
            found[strand] = {"level": level, "evidence": rng.choice(EVIDENCE)}
    return found


def assessment(rng: random.Random, framework: Framework, number: int, on: dt.date) -> Assessment:
    return Assessment.model_validate(
        {
            "kind": "assessment",
            "framework": framework.ref,
            "school": {"id": f"S{number}", "name": f"School {number} \u00e9"},
            "assessed_on": on.isoformat(),
            "judgements": judgements(rng, framework),
        }
    )


def schools(framework: Framework, seed: int) -> list[tuple[Assessment, Assessment | None]]:
    """`SCHOOLS` assessments, a third of them with a previous review a year before."""
    rng = random.Random(seed)
    return [
        (
            assessment(rng, framework, number, dt.date(2025, 3, 1)),
            assessment(rng, framework, number, dt.date(2024, 3, 1)) if number % 3 == 0 else None,
        )
        for number in range(SCHOOLS)
    ]


def plain_lines(pairs: list[tuple[Assessment, Assessment | None]]) -> list[bytes]:
    """Each school's report line from a fresh engine in one thread, written the plain way
    (`report_json`, which keeps no table across reports), as `report_line_bytes` promises
    to write it."""
    engine = Engine()
    framework = engine.framework("becta-srf")
    return [
        shown_json(
            report_json(engine.report(now, before, framework=framework), indent=None)
        ).encode()
        for now, before in pairs
    ]


def lines(
    engine: Engine, framework: Framework, pairs: list[tuple[Assessment, Assessment | None]]
) -> list[bytes]:
    """Each school's report line from `engine`, in one thread, the quick way."""
    return [
        report_line_bytes(engine.report(now, before, framework=framework)) for now, before in pairs
    ]


@pytest.mark.usefixtures("table_size")
def test_one_engine_shared_by_threads_gives_each_school_its_own_report() -> None:
    shared = Engine()
    shared_framework = shared.framework("becta-srf")
    pairs = schools(shared_framework, seed=33)
    expected = plain_lines(pairs)
    got: dict[int, bytes] = {}
    failures: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def run(first: int) -> None:
        try:
            start.wait()
            for index in range(first, SCHOOLS, THREADS):
                now, before = pairs[index]
                report = shared.report(now, before, framework=shared_framework)
                got[index] = report_line_bytes(report)
        except BaseException as error:  # shown by the assertion below
            failures.append(error)

    interleaved(run, THREADS)
    assert failures == []
    assert shared.problems == []
    wrong = [index for index in range(SCHOOLS) if got.get(index) != expected[index]]
    assert wrong == []


@pytest.mark.usefixtures("table_size")
def test_one_thread_gives_each_school_its_own_report() -> None:
    """The same in one thread: the quick line of each school's report is its plain one,
    whatever the tables' sizes."""
    engine = Engine()
    framework = engine.framework("becta-srf")
    pairs = schools(framework, seed=34)
    assert lines(engine, framework, pairs) == plain_lines(pairs)
