"""Behaviours of `Engine` that a whole mutation pass (round 37) found no test pinned: one
engine making reports of several frameworks and policies in turn (it keeps what it worked
out for the last one), a rule on a change since the previous review, and `Engine.awards`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from selfreview_core import Assessment, Engine, Framework, Judgement, RulePack
from selfreview_core._names import Policy
from selfreview_core.errors import ComparisonError


def _pack(framework: Framework, pack_id: str, when: dict[str, Any]) -> RulePack:
    return RulePack.model_validate(
        {
            "id": pack_id,
            "framework": framework.id,
            "rules": [
                {"id": f"{pack_id}-r", "when": when, "recommend": {"title": "T", "action": "A"}}
            ],
        }
    )


def test_one_engine_gives_each_framework_and_policy_in_turn_what_a_fresh_engine_gives(
    root: Path, small_framework: Framework, becta: Framework, assessment: Assessment
) -> None:
    """The engine keeps the last framework's scorer and compiled rule packs: a report of
    another framework, or of another policy, must not be made with them."""
    packs = [
        _pack(small_framework, "small-pack", {"strand": "A1.1", "level": [2]}),
        _pack(becta, "becta-pack", {"strand": "1a1", "below": 1}),
    ]
    school = Engine(entry_points=False).load_assessment(root / "examples/example-primary-2026.yaml")
    turns: list[tuple[Assessment, Framework, Policy | None]] = [
        (assessment, small_framework, None),
        (school, becta, None),
        (school, becta, "weakest"),
        (school, becta, "mean"),
        (assessment, small_framework, "weakest"),
        (assessment, small_framework, None),
    ]
    shared = Engine(entry_points=False, frameworks=[small_framework], rule_packs=packs)
    for given, framework, policy in turns:
        fresh = Engine(entry_points=False, frameworks=[small_framework], rule_packs=packs)
        expected = fresh.report(given, framework=framework, policy=policy)
        report = shared.report(given, framework=framework, policy=policy)
        assert report.model_dump_json() == expected.model_dump_json()
        assert report.profile.policy == (policy or "median")
        assert any(r.source.endswith("-pack") for r in report.recommendations)
        # The framework the assessment names, looked up, is the same report.
        assert shared.report(given, policy=policy).model_dump_json() == expected.model_dump_json()


def test_a_rule_on_a_change_fires_only_with_the_previous_review(
    small_framework: Framework, assessment: Assessment
) -> None:
    pack = _pack(small_framework, "change-pack", {"strand": "A1.1", "improved": True})
    engine = Engine(entry_points=False, frameworks=[small_framework], rule_packs=[pack])
    earlier = assessment.model_copy(
        update={
            "assessed_on": dt.date(2025, 10, 1),
            "judgements": {**assessment.judgements, "A1.1": Judgement(level=1)},
        }
    )
    for _ in range(2):  # the second time with what the engine kept from the first
        alone = engine.report(assessment)
        assert "change-pack-r" not in [r.id for r in alone.recommendations]
        compared = engine.report(assessment, earlier)
        [fired] = [r for r in compared.recommendations if r.id == "change-pack-r"]
        assert fired.source == "change-pack"
        assert fired.rationale.startswith("A1.1 has improved since the previous review")


def test_awards_alone_are_the_reports_awards(root: Path) -> None:
    folder = root / "examples" / "awards"
    engine = Engine(entry_points=False, frameworks=[folder / "illustrative-award-framework.yaml"])
    school = engine.load_assessment(folder / "example-school.yaml")
    framework = engine.framework(school.framework)
    expected = engine.report(school).awards
    assert expected  # the framework has an award: there is something to compare
    assert engine.awards(school) == expected
    assert engine.awards(school, framework=framework) == expected
    assert engine.awards(school, policy="weakest") == engine.report(school, policy="weakest").awards


def test_each_framework_in_turn_gets_its_own_awards_in_a_report(
    root: Path, becta: Framework
) -> None:
    """The engine keeps whether the last framework declares awards: a report of another
    framework after it, with none or with some, gets that one's awards (none, or each of
    them checked), as a fresh engine's report does."""
    folder = root / "examples" / "awards"
    given = [folder / "illustrative-award-framework.yaml"]
    engine = Engine(entry_points=False, frameworks=given)
    school = engine.load_assessment(folder / "example-school.yaml")
    becta_school = engine.load_assessment(root / "examples/example-primary-2026.yaml")
    for assessment in (school, becta_school, school, school, becta_school, becta_school):
        expected = Engine(entry_points=False, frameworks=given).report(assessment).awards
        assert engine.report(assessment).awards == expected
        assert bool(expected) == (assessment is school)


def test_a_report_refuses_a_previous_review_of_another_school_unless_asked(
    small_framework: Framework, assessment: Assessment
) -> None:
    engine = Engine(entry_points=False, frameworks=[small_framework])
    other = assessment.model_copy(
        update={
            "school": assessment.school.model_copy(update={"id": "T2"}),
            "assessed_on": dt.date(2025, 10, 1),
        }
    )
    with pytest.raises(ComparisonError) as raised:
        engine.report(assessment, other)
    first = raised.value.first
    assert (first.code, first.path, first.hint) == (
        "different-schools",
        "school.id",
        "pass any_school=True to compare them anyway",
    )
    assert first.message.endswith("(T2 and T1)")
    compared = engine.report(assessment, other, any_school=True)
    assert compared.comparison is not None


def test_a_benchmark_keeps_evidence_text_only_when_asked(root: Path) -> None:
    """Evidence is a school's own words: a cohort shared with others leaves it out unless
    the caller asks for it."""
    engine = Engine(entry_points=False)
    cohort = root / "examples" / "cohort"
    plain = engine.benchmark([cohort]).cohort
    asked = engine.benchmark([cohort], with_evidence=True).cohort
    assert plain is not None
    assert asked is not None
    assert (plain.evidence, asked.evidence) == (False, True)
    assert plain.size == asked.size == 10


def test_a_school_with_a_strand_not_applicable_gets_the_rules_its_levels_fire(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Such a school is not scored in the one quick pass: its report is made the other way,
    rules included."""
    pack = _pack(small_framework, "level-pack", {"strand": "A1.1", "level": [2]})
    engine = Engine(entry_points=False, frameworks=[small_framework], rule_packs=[pack])
    school = assessment.model_copy(
        update={
            "judgements": {
                **assessment.judgements,
                "B1.1": Judgement(applicable=False, evidence="No such provision here."),
            }
        }
    )
    for _ in range(2):  # the second time with what the engine kept from the first
        report = engine.report(school)
        assert "B1.1" in report.profile.not_applicable
        [fired] = [r for r in report.recommendations if r.id == "level-pack-r"]
        assert fired.rationale == "A1.1 is at level 2"
