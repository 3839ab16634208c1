"""One review as a line of a cohort's staging file (`cohort/staged_lines.py`): what the
mutation pass found no test for.

A respondent's answers (SPEC section 9) are staged under their group: a cohort counts each
school's own review, never a respondent's, however late the answers are.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from selfreview_core import Framework, load_assessment
from selfreview_core.cli import cli
from selfreview_core.cohort.staged_lines import record, review_key

ROOT = Path(__file__).resolve().parents[2]
SCHOOL = ROOT / "examples" / "example-primary-2026.yaml"
GOVERNOR = ROOT / "examples" / "respondents" / "governor-1.yaml"


def test_a_respondents_answers_are_staged_under_their_group(becta: Framework) -> None:
    own = load_assessment(SCHOOL, {becta.ref: becta})
    answers = load_assessment(GOVERNOR, {becta.ref: becta})
    assert json.loads(record(becta, own, "own.yaml", evidence=False))["g"] is None
    assert json.loads(record(becta, answers, "gov.yaml", evidence=False))["g"] == "governors"
    same_day = answers.model_copy(update={"assessed_on": own.assessed_on})
    assert review_key(becta, same_day) != review_key(becta, own)


def test_a_cohort_counts_the_schools_own_review_not_a_later_respondents(
    tmp_path: Path,
) -> None:
    """A governor's answers dated after the school's review, all at the worst level, leave
    the school's position as its own review gives it, and are no duplicate of it."""
    later = GOVERNOR.read_text(encoding="utf-8").replace(
        "assessed_on: 2026-09-21", "assessed_on: 2026-12-01"
    )
    assert "2026-12-01" in later
    (tmp_path / "governor.yaml").write_text(later, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["benchmark", str(SCHOOL), str(tmp_path / "governor.yaml"), "--format", "json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    cohort = json.loads(result.stdout)
    assert (cohort["size"], cohort["duplicates"]) == (1, [])
    [school] = cohort["schools"]
    assert dt.date.fromisoformat(school["assessed_on"]) == dt.date(2026, 10, 5)
    assert school["strands"]["1a1"]["level"] == 3
