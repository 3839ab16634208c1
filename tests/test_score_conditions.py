"""Conditions on scores, not applicable in conditions and awards, score changes in
comparisons, and the checks for conditions that can never hold or always hold (SPEC 10)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from selfreview_core import Assessment, Framework, RulePack, compare, score
from selfreview_core.award_check import awards
from selfreview_core.cli import cli
from selfreview_core.facts import Facts, describe, holds, level_fact
from selfreview_core.model.conditions import Test, condition_warnings
from selfreview_core.rules.index import CompiledRules, fires_naively
from test_scores import EXAMPLES, answered, samm_framework

NA = {"applicable": False, "evidence": "Nothing is built in house"}


def condition(data: dict[str, Any]) -> Test:
    return Test.model_validate(data)


def test_score_below_and_score_reached_read_the_score_on_the_rank_axis() -> None:
    framework = samm_framework(1)
    assessment = answered(framework, {"P0-A": ["most", "half", "some"]})  # 1.75
    facts = Facts(score(framework, assessment))
    scale = framework.scale
    assert holds(condition({"strand": "P0-A", "score_below": 2}), scale, facts)
    assert not holds(condition({"strand": "P0-A", "score_below": 1.75}), scale, facts)
    assert holds(condition({"strand": "P0-A", "score_reached": 1.75}), scale, facts)
    assert not holds(condition({"strand": "P0-A", "score_reached": 1.8}), scale, facts)
    # nothing judged: no score test holds
    assert not holds(condition({"strand": "P0-B", "score_below": 3}), scale, facts)
    assert not holds(condition({"strand": "P0-B", "score_reached": 0}), scale, facts)
    assert holds(condition({"aspect": "P0", "score_below": 1.76}), scale, facts)


def test_scores_on_a_becta_scale_count_from_the_worst_level(becta: Framework) -> None:
    """Becta's scale runs 5 (worst) .. 1 (best): level 3 is rank 2, so `score_reached: 2`
    holds at level 3 and better, whichever way the scale runs."""
    strand = becta.strand_ids[0]
    for level, expected in ((5, False), (4, False), (3, True), (1, True)):
        assessment = Assessment.model_validate(
            {
                "framework": becta.id,
                "school": {"id": "s", "name": "S"},
                "assessed_on": "2026-01-01",
                "judgements": {strand: level},
            }
        )
        facts = Facts(score(becta, assessment))
        test = condition({"strand": strand, "score_reached": 2})
        assert holds(test, becta.scale, facts) is expected, level


def test_conditions_on_scores_in_words() -> None:
    assert describe(condition({"strand": "a", "score_below": 1.5})) == "a scores below 1.5"
    assert describe(condition({"aspect": "b", "score_reached": 2})) == "aspect b scores 2 or more"


def test_unjudged_does_not_hold_for_a_strand_not_applicable() -> None:
    framework = samm_framework(1)
    assessment = answered(framework, {"P0-A": ["most"]}, **{"P0-B": NA})
    facts = Facts(score(framework, assessment))
    scale = framework.scale
    assert not holds(condition({"strand": "P0-B", "unjudged": True}), scale, facts)
    assert not holds(condition({"strand": "P0-B", "unjudged": False}), scale, facts)
    assert not holds(condition({"strand": "P0-B", "below": 3}), scale, facts)
    unjudged = Facts(score(framework, answered(framework, {"P0-A": ["most"]})))
    assert holds(condition({"strand": "P0-B", "unjudged": True}), scale, unjudged)


def _pack(framework: Framework, rules: list[tuple[str, dict[str, Any]]]) -> RulePack:
    return RulePack.model_validate(
        {
            "id": "pack",
            "framework": framework.id,
            "rules": [
                {"id": rid, "when": when, "recommend": {"title": rid, "action": "Do it."}}
                for rid, when in rules
            ],
        }
    )


def test_the_rule_index_fires_score_rules_and_not_applicable_as_defined() -> None:
    framework = samm_framework(2)
    pack = _pack(
        framework,
        [
            ("low", {"strand": "P0-A", "score_below": 1}),
            (
                "some",
                {"all": [{"aspect": "P0", "score_reached": 0.5}, {"strand": "P1-A", "level": 0}]},
            ),
            ("unjudged", {"strand": "P0-B", "unjudged": True}),
            ("level", {"strand": "P1-A", "below": 1}),
            ("none", {"not": {"strand": "P1-B", "score_reached": 0}}),
        ],
    )
    index = CompiledRules(framework, [pack])
    cases = [
        answered(framework, {"P0-A": ["half", "some"], "P1-A": ["some"]}, **{"P0-B": NA}),
        answered(framework, {"P0-A": ["most", "most"], "P1-A": ["no"]}),
        answered(framework, {"P0-A": ["some"]}, **{"P1-B": NA}),
    ]
    fired_ids = []
    for assessment in cases:
        facts = Facts(score(framework, assessment))
        fired = [rule.id for _, rule in index.fired(facts)]
        assert fired == [rule.id for rule in fires_naively(pack, framework.scale, facts)]
        fired_ids.append(fired)
    assert fired_ids[0] == ["low", "some", "level", "none"]  # P0-B not applicable: not unjudged
    assert fired_ids[1] == ["some", "unjudged", "level", "none"]
    assert fired_ids[2] == ["low", "unjudged", "none"]


def test_rationale_of_a_score_rule_states_the_score() -> None:
    framework = samm_framework(1)
    pack = _pack(framework, [("low", {"strand": "P0-A", "score_below": 2})])
    assessment = answered(framework, {"P0-A": ["most", "half", "some"]})
    facts = Facts(score(framework, assessment))
    [advice] = CompiledRules(framework, [pack]).recommendations(facts)
    assert advice.rationale == "P0-A scores below 2 (it is at 1.75, level 1)"


def test_an_award_lists_a_strand_not_applicable_instead_of_missing() -> None:
    framework = Framework.model_validate(
        {
            **samm_framework(1).model_dump(by_alias=True, exclude_none=True),
            "awards": [
                {
                    "id": "mark",
                    "title": "Mark",
                    "require": {
                        "all": [
                            {"strand": "P0-A", "score_reached": 1.5},
                            {"strand": "P0-B", "reached": 2},
                        ]
                    },
                    "evidence_required": True,
                }
            ],
        }
    )
    base = answered(framework, {"P0-A": ["most", "half"]}, **{"P0-B": NA})
    judgements = dict(base.judgements)
    judgements["P0-A"] = judgements["P0-A"].model_copy(update={"evidence": "Seen"})
    assessment = base.model_copy(update={"judgements": judgements})
    [result] = awards(framework, assessment)
    assert result.met
    assert result.missing == ()
    [excused] = result.not_applicable
    assert excused.id == "P0-B"
    assert excused.evidence == "Nothing is built in house"
    assert excused.text == "P0-B is not applicable: Nothing is built in house"
    assert result.model_dump()["not_applicable"][0]["id"] == "P0-B"
    # unjudged rather than not applicable: missing, as before
    unjudged = answered(framework, {"P0-A": ["most", "some"]})
    [short] = awards(framework, unjudged)
    assert not short.met
    texts = [s.text for s in short.missing]
    assert "P0-A is at 1.25 (level 1); needs: P0-A scores 1.5 or more" in texts
    assert any("P0-B is not judged" in t for t in texts)
    assert "not_applicable" not in short.model_dump()  # dumps as before when none


def test_a_change_of_score_within_a_level_is_an_improvement() -> None:
    """The issue: an organisation going from 0 to 0.75 showed as unchanged."""
    framework = samm_framework(1)
    old = answered(framework, {"P0-A": ["no"], "P0-B": ["most", "most"]})
    new = answered(framework, {"P0-A": ["half", "some"], "P0-B": ["most", "half"]})
    new = new.model_copy(update={"assessed_on": new.assessed_on.replace(year=2027)})
    comparison = compare(framework, old, new)
    assert comparison.improved == ("P0-A",)
    assert comparison.regressed == ("P0-B",)
    assert comparison.strands["P0-A"].change == 0  # the level did not move
    assert comparison.score_change("P0-A") == 0.75
    assert comparison.score_change("P0-B") == -0.5
    assert comparison.score_change("P0") == 0.125  # mean 1.0 -> 1.125
    assert comparison.score_change() == 0.125
    assert comparison.direction("P0") == 1
    data = json.loads(comparison.model_dump_json())
    assert data["score_changes"]["P0-A"] == 0.75


def test_comparisons_without_questions_dump_as_before(becta: Framework) -> None:
    strand = becta.strand_ids[0]

    def review(level: int, year: int) -> Assessment:
        return Assessment.model_validate(
            {
                "framework": becta.id,
                "school": {"id": "s", "name": "S"},
                "assessed_on": f"{year}-01-01",
                "judgements": {strand: level},
            }
        )

    comparison = compare(becta, review(4, 2025), review(3, 2026))
    assert comparison.score_changes is None
    assert "score_changes" not in comparison.model_dump()
    assert "overall_score_change" not in comparison.model_dump()
    assert comparison.score_change(strand) == 1
    assert comparison.improved == (strand,)


# -- warnings: conditions that can never hold or always hold --------------------------------

RULES = """\
kind: rules
id: odd
framework: example-tech-standards
rules:
  - id: never
    when: {strand: L-G-1, below: 0}
    recommend: {title: Never, action: Never.}
  - id: always
    when: {all: [{strand: L-G-2, reached: 0}, {strand: L-G-2, score_reached: 3}]}
    recommend: {title: Always, action: Always.}
  - id: beyond
    when: {any: [{strand: L-G-2, score_reached: 3.5}, {strand: L-G-2, score_below: 4}]}
    recommend: {title: Beyond, action: Beyond.}
  - id: zero
    when: {not: {strand: L-G-2, score_below: 0}}
    recommend: {title: Zero, action: Zero.}
"""


def _validate(tmp_path: Path, *options: str) -> Any:
    rules = tmp_path / "odd.yaml"
    rules.write_text(RULES, encoding="utf-8")
    framework = str(EXAMPLES / "technology-standards.yaml")
    return CliRunner().invoke(
        cli, ["validate", str(rules), "--framework", framework, *options], catch_exceptions=False
    )


def test_validate_warns_of_conditions_that_never_or_always_hold(tmp_path: Path) -> None:
    result = _validate(tmp_path)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if ": warning: " in line]
    where = str(tmp_path / "odd.yaml")
    assert lines == [
        f"{where}:6:34: warning: rules[0].when.below: this test can never hold: nothing is "
        "below the worst level, 0",
        f"{where}:9:43: warning: rules[1].when.all[0].reached: this test holds for every "
        "judged subject: every level has reached the worst level, 0",
        f"{where}:12:49: warning: rules[2].when.any[0].score_reached: this test can never "
        "hold: scores run from 0 to 3 on this scale",
        f"{where}:12:84: warning: rules[2].when.any[1].score_below: this test holds for every "
        "judged subject: no score is above 3 on this scale",
        f"{where}:15:46: warning: rules[3].when.not.score_below: this test can never hold: "
        "no score is below 0",
    ]
    assert "1 file checked: 1 valid, 0 invalid (5 warnings)" in result.output
    assert "ok" in result.output


def test_validate_json_lists_warnings_and_strict_makes_them_errors(tmp_path: Path) -> None:
    data = json.loads(_validate(tmp_path, "--format", "json").output)
    [file] = data["files"]
    assert data["valid"] is True
    assert file["errors"] == []
    assert [w["code"] for w in file["warnings"]] == [
        "never-holds",
        "always-holds",
        "never-holds",
        "always-holds",
        "never-holds",
    ]
    assert file["warnings"][0]["line"] == 6
    strict = _validate(tmp_path, "--strict")
    assert strict.exit_code == 1
    assert "error: rules[0].when.below: this test can never hold" in strict.output
    assert "1 file checked: 0 valid, 1 invalid (5 errors)" in strict.output
    strict_json = json.loads(_validate(tmp_path, "--strict", "--format", "json").output)
    assert strict_json["valid"] is False
    assert len(strict_json["files"][0]["errors"]) == 5


def test_award_requirements_are_checked_for_warnings_too(tmp_path: Path) -> None:
    text = (EXAMPLES / "technology-standards.yaml").read_text(encoding="utf-8")
    text = text.replace("{aspect: C-N, score_reached: 1.5}", "{aspect: C-N, score_reached: 0}")
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path), "--strict"])
    assert result.exit_code == 1
    assert (
        "awards[0].require.all[0].score_reached: this test holds for every judged" in result.output
    )


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_the_question_examples_validate_strictly(path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "--strict", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    assert f"{path}: ok" in result.output


def test_directions_and_score_changes_without_questions(becta: Framework) -> None:
    a, b, c, *_ = becta.strand_ids

    def review(levels: dict[str, int], year: int) -> Assessment:
        return Assessment.model_validate(
            {
                "framework": becta.id,
                "school": {"id": "s", "name": "S"},
                "assessed_on": f"{year}-01-01",
                "judgements": levels,
            }
        )

    comparison = compare(becta, review({a: 4, b: 2, c: 3}, 2025), review({a: 3, b: 3, c: 3}, 2026))
    assert (comparison.direction(a), comparison.direction(b), comparison.direction(c)) == (1, -1, 0)
    assert comparison.direction("1c1") is None  # judged in neither
    assert comparison.score_change(b) == -1.0
    assert comparison.score_change("1c1") is None
    assert comparison.overall is not None
    assert comparison.score_change() == float(comparison.overall.change)
    empty = compare(becta, review({a: 4}, 2025), review({b: 3}, 2026))
    assert empty.overall is not None  # each has an overall level
    nothing = compare(becta, review({}, 2025), review({b: 3}, 2026))
    assert nothing.score_change() is None


def test_a_strand_not_applicable_is_said_so_in_words() -> None:
    framework = samm_framework(1)
    facts = Facts(score(framework, answered(framework, {"P0-A": ["most"]}, **{"P0-B": NA})))
    assert level_fact("strand", "P0-B", facts) == "P0-B is not applicable"
    assert level_fact("strand", "P0-A", facts) == "P0-A is at 1 (level 1)"
    unjudged = Facts(score(framework, answered(framework, {"P0-A": ["most"]})))
    assert level_fact("strand", "P0-B", unjudged) == "P0-B is not judged"


@pytest.mark.parametrize(
    ("raw", "codes"),
    [
        ({"strand": "P0-A", "below": 1}, []),
        ({"strand": "P0-A", "below": 0}, ["never-holds"]),
        ({"strand": "P0-A", "below": False}, []),  # not a level: field validation says so
        ({"strand": "P0-A", "reached": 3}, []),
        ({"strand": "P0-A", "reached": 0}, ["always-holds"]),
        ({"strand": "P0-A", "score_reached": 3}, []),
        ({"strand": "P0-A", "score_reached": 3.01}, ["never-holds"]),
        ({"strand": "P0-A", "score_reached": 0.01}, []),
        ({"strand": "P0-A", "score_reached": True}, []),
        ({"strand": "P0-A", "score_below": 3}, []),
        ({"strand": "P0-A", "score_below": 3.5}, ["always-holds"]),
        ({"strand": "P0-A", "score_below": 0.01}, []),
        ({"strand": "P0-A", "score_below": -1}, ["never-holds"]),
        (
            {
                "any": [
                    {"strand": "P0-A", "below": 0},
                    "junk",
                    {"not": {"strand": "P0-A", "reached": 0}},
                ]
            },
            ["never-holds", "always-holds"],
        ),
        ("not a condition", []),
    ],
)
def test_condition_warnings_on_raw_conditions(raw: Any, codes: list[str]) -> None:
    framework = samm_framework(1)  # 0 (worst) .. 3 (best)
    found = list(condition_warnings(framework, raw, ("when",)))
    assert [f.code for f in found] == codes
