"""Engine.report: plugins and rule packs together, in order, with failures isolated."""

from __future__ import annotations

import datetime as dt
import json
import types
from pathlib import Path
from typing import Any

import pytest

from selfreview_core import (
    Assessment,
    Engine,
    Exporter,
    Framework,
    InvalidDocument,
    Judgement,
    Recommendation,
    Report,
    RulePack,
    School,
    SelfReviewError,
    UnknownIdError,
    hookimpl,
)
from selfreview_core.report import read_report
from selfreview_core.testing import mirror_assessment, mirror_framework
from test_engine import _EntryPoint, plugin_module


def judged(framework: Framework, levels: dict[str, int], school: str = "T1") -> Assessment:
    return Assessment(
        framework=framework.ref,
        school=School(id=school, name=f"School {school}"),
        assessed_on=dt.date(2026, 10, 1),
        judgements={k: Judgement(level=v) for k, v in levels.items()},
    )


def advice(rec_id: str, priority: str = "medium", *targets: str) -> Recommendation:
    return Recommendation(
        id=rec_id, title=f"Do {rec_id}", action="Act.", targets=targets, priority=priority
    )


def recommender(name: str, *recommendations: Any) -> types.ModuleType:
    return plugin_module(name, selfreview_recommend=lambda: list(recommendations))


def engine_with(*plugins: object, **options: Any) -> Engine:
    return Engine(plugins=plugins, entry_points=False, **options)


# -- next steps ---------------------------------------------------------------------------


@pytest.mark.parametrize("mirrored", [False, True], ids=["best-3", "best-0"])
def test_next_steps_target_the_next_level_up_in_the_scales_direction(
    small_framework: Framework, mirrored: bool
) -> None:
    framework = small_framework
    assessment = judged(framework, {"A1.1": 1, "A1.2": 3, "A2.1": 0})
    if mirrored:
        assessment = mirror_assessment(framework, assessment)
        framework = mirror_framework(framework)
    scale = framework.scale
    report = engine_with().report(assessment, framework=framework)
    steps = {r.targets[0]: r for r in report.recommendations if r.source == "next-steps"}
    assert set(steps) == {"A1.1", "A2.1"}  # A1.2 is at the best level; B1.1 is not judged
    for strand_id, rec in steps.items():
        level = assessment.judgements[strand_id].level
        assert level is not None
        target = scale.next_level(level)
        assert target is not None
        assert scale.is_better(target, level)
        assert rec.action == framework.strand(strand_id).levels[target]
        assert rec.rationale.startswith(f"{strand_id} is at level {level}")


def test_next_steps_of_a_profile_built_by_hand_state_its_levels_as_given(
    small_framework: Framework,
) -> None:
    """Steps are made once per framework for each level of its scale; a level the scale
    lacks, or one that is not an int (3.0, True: equal to a level, not of its type), is
    made for the profile that holds it, as ever, so its rationale states what was given."""
    from selfreview_core import score
    from selfreview_core.default_plugins import next_steps

    profile = score(small_framework, judged(small_framework, {"A1.1": 2, "A1.2": 1}))
    [a11, a12] = next_steps.selfreview_recommend(small_framework, profile)  # made once
    assert a11.rationale.startswith("A1.1 is at level 2;")
    assert next_steps.selfreview_recommend(small_framework, profile) == [a11, a12]
    assert next_steps.selfreview_recommend(small_framework, profile)[0] is a11  # shared
    for odd, says in ((2.0, "level 2.0;"), (1.0, "level 1.0;")):
        strands = {**profile.strands, "A1.1": odd}
        by_hand = profile.model_copy(update={"strands": strands})
        [step, _] = next_steps.selfreview_recommend(small_framework, by_hand)
        assert step.targets == ("A1.1",)
        assert says in step.rationale
    at_best = profile.model_copy(update={"strands": {**profile.strands, "A1.1": 3.0}})
    assert next_steps.selfreview_recommend(small_framework, at_best) == [a12]
    off_scale = profile.model_copy(update={"strands": {**profile.strands, "A1.1": 9}})
    with pytest.raises(KeyError):  # no descriptor for the level after 9: as ever
        next_steps.selfreview_recommend(small_framework, off_scale)


# -- plugins: credited, disabled, isolated ----------------------------------------------------


def test_a_registered_plugins_recommendations_appear_credited_to_it(
    small_framework: Framework, assessment: Assessment
) -> None:
    plugin = recommender("my_advice", advice("hello", "high", "A1"))
    report = engine_with(plugin).report(assessment, framework=small_framework)
    [rec] = [r for r in report.recommendations if r.id == "hello"]
    assert (rec.source, rec.sources) == ("my_advice", ("my_advice",))
    assert report.problems == ()


def test_a_disabled_plugin_gives_nothing(
    small_framework: Framework, assessment: Assessment
) -> None:
    plugin = recommender("my_advice", advice("hello"))
    report = engine_with(plugin, disable=["my_advice", "next-steps"]).report(
        assessment, framework=small_framework
    )
    assert report.recommendations == ()


def _boom() -> list[Recommendation]:
    raise RuntimeError("boom")


def _generator() -> Any:
    yield advice("before-the-crash")
    raise ValueError("half way")


@pytest.mark.parametrize(
    ("plugin", "message", "kept"),
    [
        (plugin_module("bad", selfreview_recommend=_boom), "raised RuntimeError: boom", []),
        (plugin_module("bad", selfreview_recommend=lambda: 42), "returned int, not a list", []),
        (
            plugin_module("bad", selfreview_recommend=lambda: advice("single")),
            "returned Recommendation, not a list",
            [],
        ),
        (
            plugin_module("bad", selfreview_recommend=lambda: ["text", advice("fine")]),
            "gave str, not a Recommendation",
            ["fine"],
        ),
        (
            plugin_module(
                "bad",
                selfreview_recommend=lambda: [
                    {"id": "x", "title": "T"},
                    {"id": "ok", "title": "T", "action": "A"},
                ],
            ),
            "malformed recommendation: action: Field required",
            ["ok"],
        ),
        (
            plugin_module(
                "bad",
                selfreview_recommend=lambda: [
                    {"id": "x", "title": "T", "action": "A", "links": ["javascript:x"]}
                ],
            ),
            "links must start with http",
            [],
        ),
        (
            plugin_module("bad", selfreview_recommend=lambda: [advice("lost", "low", "Z9")]),
            "recommendation lost targets Z9, not in small@1",
            [],
        ),
        (
            plugin_module("bad", selfreview_recommend=_generator),
            "raised ValueError: half way",
            ["before-the-crash"],
        ),
    ],
)
def test_a_failing_plugin_loses_nobody_elses_work(
    small_framework: Framework,
    assessment: Assessment,
    plugin: types.ModuleType,
    message: str,
    kept: list[str],
) -> None:
    good = recommender("good", advice("from-good"))
    report = engine_with(plugin, good).report(assessment, framework=small_framework)
    ids = [r.id for r in report.recommendations]
    assert "from-good" in ids
    assert any(r.source == "next-steps" for r in report.recommendations)
    assert [i for i in ids if i not in ("from-good",) and not i.startswith("next-step")] == kept
    [problem] = report.problems
    assert problem.source == "bad"
    assert message in problem.message


def test_a_plugin_that_fails_to_import_is_a_problem_in_the_report(
    monkeypatch: pytest.MonkeyPatch, small_framework: Framework, assessment: Assessment
) -> None:
    good = recommender("good_plugin", advice("from-good"))
    points = [
        _EntryPoint("broken", "broken_plugin", error=ImportError("No module named 'x'")),
        _EntryPoint("good", "good_plugin", target=good),
    ]
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: points)
    report = Engine().report(assessment, framework=small_framework)
    assert "from-good" in [r.id for r in report.recommendations]
    assert [p.source for p in report.problems] == ["broken"]


def test_two_engines_keep_their_recommenders_apart(
    small_framework: Framework, assessment: Assessment
) -> None:
    first = engine_with(recommender("mine", advice("only-mine")))
    second = engine_with()
    assert "only-mine" in [
        r.id for r in first.report(assessment, framework=small_framework).recommendations
    ]
    assert "only-mine" not in [
        r.id for r in second.report(assessment, framework=small_framework).recommendations
    ]


# -- order and duplicates -----------------------------------------------------------------


def test_recommendations_are_ordered_by_priority_then_framework_order(
    small_framework: Framework, assessment: Assessment
) -> None:
    plugin = recommender(
        "p",
        advice("low-a", "low", "A1.1"),
        advice("medium-b", "medium", "B1.1"),
        advice("medium-a2", "medium", "A2"),
        advice("high-none", "high"),
        advice("high-b", "high", "B"),
        advice("medium-a", "medium", "A1.2", "A"),
    )
    report = engine_with(plugin, disable=["next-steps"]).report(
        assessment, framework=small_framework
    )
    assert [r.id for r in report.recommendations] == [
        "high-b",
        "high-none",
        "medium-a",
        "medium-a2",
        "medium-b",
        "low-a",
    ]


def test_the_same_id_from_two_sources_appears_once_crediting_both(
    small_framework: Framework, assessment: Assessment
) -> None:
    pack = RulePack.model_validate(
        {
            "id": "pack",
            "framework": "small",
            "rules": [
                {
                    "id": "shared",
                    "when": {"strand": "A1.1", "reached": 0},
                    "recommend": {"title": "From the pack", "action": "A", "priority": "high"},
                }
            ],
        }
    )
    plugin = recommender("plugin", advice("shared", "low", "A1.1"))
    report = engine_with(
        plugin, disable=["next-steps"], frameworks=[small_framework], rule_packs=[pack]
    ).report(assessment)
    [rec] = report.recommendations
    assert rec.title == "From the pack"  # the higher-priority form
    assert (rec.source, rec.sources) == ("pack", ("pack", "plugin"))


# -- rule packs: from plugins, from the caller --------------------------------------------


def test_rule_packs_come_from_plugins_and_from_the_caller(
    tmp_path: Path, small_framework: Framework, assessment: Assessment
) -> None:
    def pack_file(name: str, rule_id: str) -> Path:
        path = tmp_path / f"{name}.yaml"
        path.write_text(
            f"kind: rules\nid: {name}\nframework: small\nrules:\n"
            f"  - id: {rule_id}\n    when: {{strand: A1.2, level: 0}}\n"
            f"    recommend: {{title: T, action: A}}\n"
        )
        return path

    provider = plugin_module(
        "provider", selfreview_rule_packs=lambda: [pack_file("from-plugin", "a")]
    )
    engine = engine_with(
        provider, frameworks=[small_framework], rule_packs=[pack_file("given", "b")]
    )
    assert [(e.pack.id, e.provider) for e in engine.rule_packs()] == [
        ("from-plugin", "provider"),
        ("given", "given"),
    ]
    report = engine.report(assessment)
    assert {r.id: r.source for r in report.recommendations if not r.id.startswith("next")} == {
        "a": "from-plugin",
        "b": "given",
    }


def test_a_bad_pack_from_a_plugin_is_a_problem_but_a_bad_pack_given_raises(
    tmp_path: Path, small_framework: Framework, assessment: Assessment
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "kind: rules\nid: bad\nframework: small\nrules:\n"
        "  - id: r\n    when: {strand: A9, level: 0}\n    recommend: {title: T, action: A}\n"
    )
    provider = plugin_module("provider", selfreview_rule_packs=lambda: [bad, 42])
    engine = engine_with(provider, frameworks=[small_framework])
    report = engine.report(assessment)
    messages = [p.message for p in report.problems]
    assert len(messages) == 2
    assert "rule pack does not load" in messages[0]
    assert f"{bad}:6:20" in messages[0]
    assert "gave int, not a path or a RulePack" in messages[1]
    with pytest.raises(InvalidDocument) as raised:
        engine_with(frameworks=[small_framework], rule_packs=[bad])
    assert raised.value.first.line == 6


def test_a_report_refuses_an_assessment_that_does_not_fit(small_framework: Framework) -> None:
    wrong = judged(small_framework, {"A1.1": 9})
    with pytest.raises(InvalidDocument, match="level 9 is outside the scale"):
        engine_with().report(wrong, framework=small_framework)


# -- the report as data, and report_many ------------------------------------------------------


def test_a_report_with_a_previous_review_round_trips_through_json(
    small_framework: Framework,
) -> None:
    old = judged(small_framework, {"A1.1": 0, "A1.2": 1})
    new = judged(small_framework, {"A1.1": 2, "A1.2": 1, "B1.1": 3})
    engine = engine_with(frameworks=[small_framework])
    report = engine.report(new, old)
    assert report.comparison is not None
    assert report.comparison.improved == ("A1.1",)
    text = engine.export(report, "json")
    assert isinstance(text, str)
    data = json.loads(text)
    assert {
        "framework",
        "assessment",
        "profile",
        "recommendations",
        "problems",
        "comparison",
    } <= set(data)
    assert set(data["recommendations"][0]) >= {
        "id",
        "title",
        "action",
        "targets",
        "priority",
        "audience",
        "links",
        "source",
        "rationale",
    }
    assert data["framework"] == {"id": "small", "version": "1", "title": "A small test framework"}
    assert read_report(text, engine.framework_names().get) == report


def test_report_many_is_lazy_and_can_skip_bad_files(
    tmp_path: Path, small_framework: Framework
) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(
        "kind: assessment\nframework: small\nschool: {id: S1, name: One}\n"
        "assessed_on: 2026-01-01\njudgements: {A1.1: 2}\n"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text().replace("A1.1: 2", "A1.1: 7"))
    engine = engine_with(frameworks=[small_framework])
    consumed: list[object] = []

    def source() -> Any:
        for item in (good, bad, judged(small_framework, {"B1.1": 1}, school="S3")):
            consumed.append(item)
            yield item

    errors: list[tuple[str, SelfReviewError]] = []
    reports = engine.report_many(source(), on_error=lambda name, e: errors.append((name, e)))
    assert consumed == []  # nothing is read until a report is asked for
    first = next(reports)
    assert (first.assessment.school.id, len(consumed)) == ("S1", 1)
    assert [r.assessment.school.id for r in reports] == ["S3"]
    [(name, error)] = errors
    assert name == str(bad)
    assert error.first.line == 5
    with pytest.raises(InvalidDocument):
        list(engine.report_many([bad]))


# -- exporters ----------------------------------------------------------------------------


def test_export_by_name_and_the_failures_of_exporters(
    small_framework: Framework, assessment: Assessment
) -> None:
    def broken(report: Report) -> str:
        raise KeyError("nope")

    plugin = plugin_module(
        "exports",
        selfreview_exporters=lambda: [
            Exporter("broken", ".x", "text/plain", broken),
            Exporter("number", ".n", "text/plain", lambda r: 42),  # type: ignore[arg-type, return-value]
            Exporter("json", ".json", "text/plain", lambda r: "mine"),
            "not an exporter",
        ],
    )
    engine = engine_with(plugin)
    report = engine.report(assessment, framework=small_framework)
    assert str(engine.export(report, "table")).startswith("Test School (T1)")
    assert engine.export(report, "json") != "mine"  # the built-in came first
    with pytest.raises(
        SelfReviewError, match="exporter broken \\(from exports\\) failed: KeyError"
    ):
        engine.export(report, "broken")
    with pytest.raises(SelfReviewError, match="returned int, not str or bytes"):
        engine.export(report, "number")
    with pytest.raises(UnknownIdError) as raised:
        engine.export(report, "jsn")
    assert raised.value.hint == "did you mean `json`?"
    sources = sorted(p.message for p in engine.problems)
    assert any("exporter json is also provided by standard-exporters" in m for m in sources)
    assert any("gave str, not Exporter" in m for m in sources)


def test_hookimpls_may_take_any_subset_of_the_arguments(
    small_framework: Framework, assessment: Assessment
) -> None:
    seen: dict[str, Any] = {}

    class Plugin:
        name = "subset"

        @hookimpl
        def selfreview_recommend(self, previous: Any, profile: Any) -> list[Recommendation]:
            seen.update(previous=previous, coverage=profile.coverage)
            return []

    engine_with(Plugin()).report(assessment, framework=small_framework)
    assert seen == {"previous": None, "coverage": 0.75}


def test_hookimpls_of_two_three_and_four_arguments_get_each_one_they_name(
    small_framework: Framework, assessment: Assessment
) -> None:
    """The engine passes two or three arguments by position (round 75), others as a list:
    each implementation gets the very objects it names, in its own order."""
    seen: dict[str, tuple[Any, ...]] = {}

    class Two:
        name = "two"

        @hookimpl
        def selfreview_recommend(self, assessment: Any, framework: Any) -> list[Recommendation]:
            seen["two"] = (assessment, framework)
            return []

    class Three:
        name = "three"

        @hookimpl
        def selfreview_recommend(
            self, profile: Any, previous: Any, framework: Any
        ) -> list[Recommendation]:
            seen["three"] = (profile, previous, framework)
            return []

    class Four:
        name = "four"

        @hookimpl
        def selfreview_recommend(
            self, previous: Any, profile: Any, assessment: Any, framework: Any
        ) -> list[Recommendation]:
            seen["four"] = (previous, profile, assessment, framework)
            return []

    engine = engine_with(Two(), Three(), Four())
    report = engine.report(assessment, framework=small_framework)
    assert not report.problems
    profile = report.profile
    assert {name: tuple(map(id, given)) for name, given in seen.items()} == {
        "two": (id(assessment), id(small_framework)),
        "three": (id(profile), id(None), id(small_framework)),
        "four": (id(None), id(profile), id(assessment), id(small_framework)),
    }
