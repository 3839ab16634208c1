"""`support`'s advice for a framework with questions (SPEC sections 8 and 10): the
recommendations counted are those `report` makes for each school. Before round 51 `support`
rebuilt each review from the cohort's rows with levels alone, so a strand judged by its
answers (score 1.75, level 1) was read at score 1: a rule on `score_below: 1.5` fired for it,
from the assessment files as from the cohort file, where `report` on the same review does
not; and one on `score_reached: 1.75` did not fire where `report` fires it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "examples" / "questions"
FRAMEWORK = str(QUESTIONS / "technology-standards.yaml")
SETTING = str(QUESTIONS / "example-setting.yaml")
RULES = """\
kind: rules
id: probe
framework: example-tech-standards
rules:
  - id: below-one-and-a-half
    when: {strand: L-G-1, score_below: 1.5}
    recommend: {title: Below 1.5, action: Act., audience: governors, priority: high}
  - id: reached-one-and-three-quarters
    when: {strand: L-G-1, score_reached: 1.75}
    recommend: {title: At 1.75, action: Act., audience: governors, priority: high}
  - id: aspect-below-one-and-a-half
    when: {aspect: L-G, score_below: 1.5}
    recommend: {title: Aspect below 1.5, action: Act., audience: governors, priority: high}
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _ids(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output
    return sorted(r["id"] for r in json.loads(result.stdout)["recommendations"])


@pytest.mark.parametrize("source", ["files", "parquet"])
def test_support_reads_each_strand_at_its_score_as_report_does(tmp_path: Path, source: str) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES)
    given = SETTING
    if source == "parquet":
        given = str(tmp_path / "cohort.parquet")
        collected = run("collect", SETTING, "--framework", FRAMEWORK, "-o", given)
        assert collected.exit_code == 0, collected.output
    common = ["--framework", FRAMEWORK, "--rules", str(rules), "--format", "json"]
    reported = _ids(run("report", SETTING, *common))
    assert "reached-one-and-three-quarters" in reported  # L-G-1 scores 1.75 (level 1)
    assert "below-one-and-a-half" not in reported
    assert _ids(run("support", given, *common)) == reported
