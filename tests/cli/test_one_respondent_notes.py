"""`report` and `awards` of one respondent's answers (`respondent:`, as `assess --group`
writes them) say so, once, on standard error: before round 57 they read the file as the
school's own review without a word, as `plan` did (its note: tests/cli/test_plan_misfit.py).
What they print or write is unchanged, the exit code too; the school's own review gets no
note; a file name is shown escaped, as every name on a terminal is."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
GOVERNOR = EXAMPLES / "respondents" / "governor-1.yaml"
SCHOOL = EXAMPLES / "example-primary-2026.yaml"
TAIL = "alone (`selfreview combine` drafts the review from all the respondents' answers)"


def note(file: str | Path, what: str) -> str:
    return (
        f"{file}: note: one respondent's answers (group governors), not the school's own "
        f"review: {what} {TAIL}"
    )


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _notes(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": note: " in line]


@pytest.mark.parametrize("form", ["text", "json"])
def test_a_report_of_one_respondents_answers_says_so_once(form: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{form}"
    result = run("report", GOVERNOR, "--format", form, "-o", out)
    assert result.exit_code == 0
    assert _notes(result) == [note(GOVERNOR, "the report is theirs")]
    assert "Traceback" not in result.output
    if form == "json":  # the report itself is what it was: the respondent's review in it
        made = json.loads(out.read_text(encoding="utf-8"))
        assert made["assessment"]["respondent"]["group"] == "governors"


def test_the_note_goes_to_standard_error_so_standard_output_stays_the_report() -> None:
    result = run("report", GOVERNOR, "--format", "json")
    assert result.exit_code == 0
    json.loads(result.stdout)  # the report alone
    assert note(GOVERNOR, "the report is theirs") in result.stderr


def test_awards_of_one_respondents_answers_says_so_once() -> None:
    result = run("awards", GOVERNOR)
    assert result.exit_code == 0
    assert _notes(result) == [note(GOVERNOR, "the awards are judged on them")]
    assert result.stdout == run("awards", GOVERNOR, "--format", "table").stdout


@pytest.mark.parametrize("command", [("report",), ("awards",)])
def test_the_schools_own_review_gets_no_note(command: tuple[str, ...]) -> None:
    result = run(*command, SCHOOL)
    assert result.exit_code == 0
    assert _notes(result) == []
    assert "respondent" not in result.stderr


def test_a_respondents_file_named_with_a_control_character_is_shown_escaped(
    tmp_path: Path,
) -> None:
    odd = tmp_path / "gov\x1b[2Jernor.yaml"
    shutil.copyfile(GOVERNOR, odd)
    result = run("report", odd, "--format", "json")
    assert result.exit_code == 0
    assert "\x1b" not in result.stderr
    [line] = _notes(result)
    assert line.startswith(f"{tmp_path}/gov\\x1b[2Jernor.yaml: note: one respondent's answers")
    assert GOVERNOR.read_bytes() == odd.read_bytes()  # the input untouched
