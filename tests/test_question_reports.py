"""What the commands make of a question-based framework today (SPEC 10, the core pass):
validate's summary, reports' levels from answers, JSON round trips, `--no-evidence` with a
strand not applicable, and level-only judgements dumped as before."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from selfreview_core import Engine, load_assessment, load_framework
from selfreview_core.cli import cli
from selfreview_core.model.assessment import Judgement
from selfreview_core.report import read_report
from test_scores import EXAMPLES

FRAMEWORK = str(EXAMPLES / "technology-standards.yaml")
SETTING = str(EXAMPLES / "example-setting.yaml")


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_validate_counts_strands_not_applicable_apart() -> None:
    out = run("validate", SETTING, "--framework", FRAMEWORK)
    assert "7 of 7 strands judged, 1 not applicable" in out


def test_csv_shows_the_levels_answers_lead_to() -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(
                run("report", SETTING, "--framework", FRAMEWORK, "--format", "csv").lstrip("\ufeff")
            )
        )
    )
    by_strand = {row["strand"]: row for row in rows if row.get("strand")}
    assert by_strand["L-G-1"]["level"] == "1"  # answers 1 + 0.5 + 0.25
    assert by_strand["S-F-1"]["level"] == "2"  # 1 + 1 + 0.5
    assert by_strand["C-N-3"]["level"] == ""  # not applicable: no level


def test_the_json_report_round_trips_with_answers_and_not_applicable() -> None:
    text = run("report", SETTING, "--framework", FRAMEWORK, "--format", "json")
    data = json.loads(text)
    judgements = data["assessment"]["judgements"]
    assert judgements["C-N-3"] == {
        "level": None,
        "applicable": False,
        "evidence": "The setting is a single building",
        "judged_on": None,
    }
    assert judgements["C-N-2"] == {"level": 2, "evidence": None, "judged_on": None}
    assert data["profile"]["scores"]["L-G-1"] == 1.75
    assert data["profile"]["not_applicable"] == ["C-N-3"]
    assert data["awards"][0]["not_applicable"][0]["id"] == "C-N-3"
    framework = load_framework(FRAMEWORK)
    report = read_report(text, lambda ref: framework)  # the JSON names its framework
    assert report.profile.score("L-G-1") == 1.75


def test_no_evidence_drops_the_reason_a_strand_does_not_apply_and_keeps_it_so() -> None:
    text = run("report", SETTING, "--framework", FRAMEWORK, "--format", "json", "--no-evidence")
    assert "single building" not in text
    assert "leadership handbook" not in text
    data = json.loads(text)
    assert data["assessment"]["judgements"]["C-N-3"]["applicable"] is False
    assert data["profile"]["not_applicable"] == ["C-N-3"]


def test_a_level_only_judgement_dumps_exactly_as_before() -> None:
    assert Judgement(level=3).model_dump() == {"level": 3, "evidence": None, "judged_on": None}
    answered = Judgement(answers={"q": "a"}).model_dump()
    assert answered == {"level": None, "answers": {"q": "a"}, "evidence": None, "judged_on": None}


def test_the_engine_reports_the_example_with_the_framework_policy() -> None:
    framework = load_framework(FRAMEWORK)
    assessment = load_assessment(SETTING, framework=framework)
    report = Engine(entry_points=False).report(assessment, framework=framework)
    assert report.profile.policy == "mean"
    assert report.profile.by_scores
    assert report.profile.overall == 1
    assert report.profile.score() == 1.75


def test_show_writes_the_framework_words_under_terms() -> None:
    data = json.loads(run("show", FRAMEWORK, "--format", "json"))
    assert data["terms"] == {
        "subject": "setting",
        "subjects": "settings",
        "review": "technology self-check",
    }
    assert data["policy"] == "mean"
    assert "declared_terms" not in data
    framework = load_framework(FRAMEWORK)
    assert type(framework).model_validate(framework.model_dump()) == framework


def test_table_and_markdown_show_the_score_with_the_level() -> None:
    table = run("report", SETTING, "--framework", FRAMEWORK)
    assert (
        "7 of 7 strands judged, 1 not applicable; overall 1.75 (level 1 Started) (mean)." in table
    )
    rows = {line.split()[0]: line for line in table.splitlines() if line[:2] in ("L-", "C-", "S-")}
    assert rows["L-G-1"].endswith("1.75 (level 1 Started)")
    assert rows["C-N-2"].endswith("2 (level 2 Established)")
    assert rows["C-N-3"].endswith("not applicable")
    markdown = run("report", SETTING, "--framework", FRAMEWORK, "--format", "markdown")
    assert "**Overall level:** 1\\.75 (level 1 Started) (mean)" in markdown
    assert "| C-N-3 | Cabling between buildings | not applicable |" in markdown
