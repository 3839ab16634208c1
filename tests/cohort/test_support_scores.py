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


def recommended_ids(result: Result) -> list[str]:
    """The ids of the recommendations in a command's JSON output, sorted (exit 0)."""
    assert result.exit_code == 0, result.output
    return sorted(r["id"] for r in json.loads(result.stdout)["recommendations"])


def collected(tmp_path: Path, *inputs: str) -> Path:
    """`collect` of `inputs` into `tmp_path/cohort.parquet` (exit 0)."""
    out = tmp_path / "cohort.parquet"
    result = run("collect", *inputs, "--framework", FRAMEWORK, "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("source", ["files", "parquet"])
def test_support_reads_each_strand_at_its_score_as_report_does(tmp_path: Path, source: str) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES)
    given = SETTING if source == "files" else str(collected(tmp_path, SETTING))
    common = ["--framework", FRAMEWORK, "--rules", str(rules), "--format", "json"]
    reported = recommended_ids(run("report", SETTING, *common))
    assert "reached-one-and-three-quarters" in reported  # L-G-1 scores 1.75 (level 1)
    assert "below-one-and-a-half" not in reported
    assert recommended_ids(run("support", given, *common)) == reported
