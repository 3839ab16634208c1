"""Scores (SPEC 10): a strand's score from its answers, aggregates' scores under each policy,
levels from scores in a framework with questions, not applicable, the framework's policy."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from statistics import mean
from typing import Any

import pytest
from click.testing import CliRunner

from selfreview_core import Assessment, Engine, Framework, load_assessment, load_framework, score
from selfreview_core.cli import cli
from selfreview_core.scoring.profiles import Profile, aggregate_score

EXAMPLES = Path(__file__).parent.parent / "examples" / "questions"
VALUES = {"no": 0, "some": 0.25, "half": 0.5, "most": 1}


def samm_framework(practices: int = 2, policy: str = "mean") -> Framework:
    """A SAMM-shaped model: one business function; practices of two streams each; three
    graded questions per stream (levels 1..3 of an ascending 0..3 scale)."""
    levels = {0: "none", 1: "initial", 2: "managed", 3: "optimised"}
    aspects = []
    for p in range(practices):
        strands = []
        for stream in "AB":
            sid = f"P{p}-{stream}"
            strands.append(
                {
                    "id": sid,
                    "title": f"Stream {sid}",
                    "levels": levels,
                    "questions": [
                        {"id": f"{sid}-{n}", "level": n, "text": f"Q{n}?", "answers": "graded"}
                        for n in (1, 2, 3)
                    ],
                }
            )
        aspects.append({"id": f"P{p}", "title": f"Practice {p}", "strands": strands})
    return Framework.model_validate(
        {
            "id": "samm-like",
            "version": "2",
            "title": "SAMM-shaped",
            "policy": policy,
            "scale": {"best": 3, "worst": 0},
            "answer_sets": {
                "graded": [{"id": k, "text": k, "value": v} for k, v in VALUES.items()]
            },
            "elements": [{"id": "F", "title": "Function", "aspects": aspects}],
        }
    )


def answered(framework: Framework, answers: dict[str, list[str]], **extra: Any) -> Assessment:
    judgements: dict[str, Any] = {
        sid: {"answers": {f"{sid}-{n}": a for n, a in enumerate(given, 1)}}
        for sid, given in answers.items()
    }
    judgements.update(extra)
    return Assessment.model_validate(
        {
            "framework": framework.id,
            "school": {"id": "o", "name": "Org"},
            "assessed_on": "2026-01-01",
            "judgements": judgements,
        }
    )


def test_samm_arithmetic_is_reproduced_exactly() -> None:
    """SAMM: stream = sum of its answers' values; practice = mean of its streams; function =
    mean of its practices. 0.75 and 2.25 give a practice of 1.5, level 1."""
    framework = samm_framework(practices=2)
    given = {
        "P0-A": ["half", "some", "no"],  # 0.75
        "P0-B": ["most", "most", "some"],  # 2.25
        "P1-A": ["most", "half", "half"],  # 2.0
        "P1-B": ["some", "no", "no"],  # 0.25
    }
    profile = score(framework, answered(framework, given))
    # SAMM's own arithmetic, independently:
    streams = {sid: sum(VALUES[a] for a in answers) for sid, answers in given.items()}
    practices = {p: mean([streams[f"{p}-A"], streams[f"{p}-B"]]) for p in ("P0", "P1")}
    function = mean(practices.values())
    for sid, value in streams.items():
        assert profile.score(sid) == value
        assert profile.level(sid) == int(value)
    assert profile.score("P0") == practices["P0"] == 1.5
    assert profile.level("P0") == 1
    assert profile.score("P1") == practices["P1"] == 1.125
    assert profile.score("F") == function
    assert profile.score() == function
    assert profile.level("F") == profile.overall == int(function)
    assert profile.policy == "mean"  # the framework's own


def test_median_would_have_floored_the_samm_practice() -> None:
    """The issue's finding: the median of 0.75 and 2.25 is 0.75 (the lower middle)."""
    framework = samm_framework(practices=1)
    assessment = answered(
        framework, {"P0-A": ["half", "some", "no"], "P0-B": ["most", "most", "some"]}
    )
    profile = score(framework, assessment, "median")
    assert profile.score("P0") == 0.75
    assert profile.level("P0") == 0
    assert score(framework, assessment, "weakest").score("P0") == 0.75
    assert score(framework, assessment).score("P0") == 1.5  # the framework's policy: mean


def test_floor_is_exact_for_decimal_values() -> None:
    """0.2 + 0.7 + 0.1 is 1, not 0.9999999999999999: the level is 1."""
    framework = Framework.model_validate(
        {
            **samm_framework(1).model_dump(by_alias=True, exclude_none=True),
            "answer_sets": {
                "odd": [
                    {"id": "a", "text": "a", "value": 0.1},
                    {"id": "b", "text": "b", "value": 0.2},
                    {"id": "c", "text": "c", "value": 0.7},
                ]
            },
            "elements": [
                {
                    "id": "F",
                    "title": "F",
                    "aspects": [
                        {
                            "id": "P",
                            "title": "P",
                            "strands": [
                                {
                                    "id": "S",
                                    "title": "S",
                                    "levels": {0: "a", 1: "b", 2: "c", 3: "d"},
                                    "questions": [
                                        {"id": f"S-{n}", "level": n, "text": "?", "answers": "odd"}
                                        for n in (1, 2, 3)
                                    ],
                                }
                            ],
                        }
                    ],
                }
            ],
        }
    )
    assert 0.2 + 0.7 + 0.1 < 1  # what float arithmetic would have given
    assessment = answered(framework, {"S": ["b", "c", "a"]})
    profile = score(framework, assessment)
    assert profile.score("S") == 1.0
    assert profile.level("S") == 1


def test_a_partly_answered_strand_scores_the_answers_given() -> None:
    framework = samm_framework(1)
    assessment = answered(framework, {"P0-A": ["most", "half"]})
    assert score(framework, assessment).score("P0-A") == 1.5


def test_a_level_alone_scores_its_rank_in_a_question_framework() -> None:
    framework = samm_framework(1)
    assessment = answered(framework, {"P0-A": ["most", "half", "no"]}, **{"P0-B": {"level": 3}})
    profile = score(framework, assessment)
    assert profile.score("P0-B") == 3
    assert profile.score("P0") == 2.25
    assert profile.level("P0") == 2


def test_not_applicable_leaves_coverage_and_every_aggregate() -> None:
    framework = samm_framework(2)
    na = {"applicable": False, "evidence": "Nothing is built in house"}
    assessment = answered(
        framework,
        {"P0-A": ["most", "most", "no"], "P1-A": ["most", "no", "no"]},
        **{"P0-B": na, "P1-B": na},
    )
    profile = score(framework, assessment)
    assert profile.level("P0-B") is None
    assert profile.score("P0-B") is None
    assert profile.not_applicable == ("P0-B", "P1-B")
    assert not profile.applicable("P0-B")
    assert profile.applicable("P0")
    assert profile.score("P0") == 2  # P0-A alone
    assert profile.score("F") == 1.5
    assert profile.coverage == 1.0
    assert profile.complete
    assert profile.unjudged == ()
    without = answered(framework, {"P0-A": ["most", "most", "no"], "P1-A": ["most", "no", "no"]})
    unjudged = score(framework, without)
    assert unjudged.coverage == 0.5
    assert unjudged.unjudged == ("P0-B", "P1-B")
    assert unjudged.scores == profile.scores  # not applicable counts as nothing, like unjudged


def test_all_not_applicable_lists_the_aspect_too() -> None:
    framework = samm_framework(2)
    na = {"applicable": False, "evidence": "None here"}
    assessment = answered(framework, {"P1-A": ["most", "no", "no"]}, **{"P0-A": na, "P0-B": na})
    profile = score(framework, assessment)
    assert profile.not_applicable == ("P0", "P0-A", "P0-B")
    assert profile.level("P0") is None
    assert profile.score("P0") is None
    assert profile.coverage == 0.5


def test_level_only_frameworks_score_ranks_and_keep_their_levels(becta: Framework) -> None:
    strands = becta.strand_ids[:4]
    assessment = Assessment.model_validate(
        {
            "framework": becta.id,
            "school": {"id": "s", "name": "S"},
            "assessed_on": "2026-01-01",
            "judgements": dict(zip(strands, (5, 4, 4, 1), strict=True)),
        }
    )
    profile = score(becta, assessment, "mean")
    ranks = [becta.scale.rank(level) for level in (5, 4, 4, 1)]
    assert [profile.score(s) for s in strands] == ranks
    assert profile.score() == mean(ranks) == 1.5
    assert profile.overall == becta.scale.from_rank(1)  # rounded half down, as before
    assert profile.policy == "median" or score(becta, assessment).policy == "median"
    assert score(becta, assessment).policy == "median"


def test_profile_with_scores_round_trips_through_json() -> None:
    framework = samm_framework(2)
    na = {"applicable": False, "evidence": "no"}
    assessment = answered(framework, {"P0-A": ["most", "some", "no"]}, **{"P1-B": na})
    profile = score(framework, assessment)
    assert Profile.model_validate_json(profile.model_dump_json()) == profile


def test_aggregate_score_is_exact_and_unrounded() -> None:
    assert aggregate_score([Fraction(1, 3), 1, 2], "mean") == Fraction(10, 9)
    assert aggregate_score([0, 1, 2, 3], "median") == 1
    assert aggregate_score([3, 1], "weakest") == 1
    assert aggregate_score([], "mean") is None
    with pytest.raises(ValueError, match="unknown policy"):
        aggregate_score([1], "mode")  # type: ignore[arg-type]


def test_report_uses_the_framework_policy_and_policy_wins() -> None:
    """`report` takes the framework's `policy:` by default; `--policy` still wins."""
    paths = [
        str(EXAMPLES / "example-setting.yaml"),
        "--framework",
        str(EXAMPLES / "technology-standards.yaml"),
    ]
    runner = CliRunner()
    default = runner.invoke(cli, ["report", *paths, "--format", "json"])
    assert default.exit_code == 0, default.output
    assert '"policy": "mean"' in default.output
    median = runner.invoke(cli, ["report", *paths, "--format", "json", "--policy", "median"])
    assert median.exit_code == 0, median.output
    assert '"policy": "median"' in median.output


def test_the_example_gives_what_its_answers_say() -> None:
    framework = load_framework(EXAMPLES / "technology-standards.yaml")
    assessment = load_assessment(EXAMPLES / "example-setting.yaml", framework=framework)
    report = Engine(entry_points=False).report(assessment, framework=framework)
    profile = report.profile
    assert profile.policy == "mean"
    assert profile.score("L-G-1") == 1 + 0.5 + 0.25
    assert profile.level("L-G-1") == 1
    assert profile.not_applicable == ("C-N-3",)
    assert profile.score("C-N") == mean([1.0, 2.0])
    assert profile.level("C-N") == 1


def test_progress_in_a_question_framework_is_the_mean_score_over_the_span() -> None:
    framework = samm_framework(1)
    assessment = answered(
        framework, {"P0-A": ["most", "half", "no"], "P0-B": ["most", "most", "most"]}
    )
    profile = score(framework, assessment)
    assert profile.progress("P0-A") == 0.5  # 1.5 of 3
    assert profile.progress("P0-B") == 1.0
    assert profile.progress("P0") == 0.75
    assert profile.progress() == 0.75
    nothing = score(framework, answered(framework, {"P0-A": ["no"]}))
    assert nothing.progress() == 0.0
    assert nothing.progress("P0-B") is None


def test_not_applicable_in_a_framework_without_questions(becta: Framework) -> None:
    first, second, *_ = becta.strand_ids
    assessment = Assessment.model_validate(
        {
            "framework": becta.id,
            "school": {"id": "s", "name": "S"},
            "assessed_on": "2026-01-01",
            "judgements": {
                first: 3,
                second: {"applicable": False, "evidence": "Not a school with a vision"},
            },
        }
    )
    profile = score(becta, assessment)
    assert profile.not_applicable == (second,)
    assert profile.level(second) is None
    assert profile.score(second) is None
    assert profile.coverage == 1 / (len(becta.strand_ids) - 1)
    assert second not in profile.unjudged
    assert profile.level("1a") == 3
    assert not profile.by_scores
