"""Respondents' answers dated after today (round 69): `voices`, `combine` and `report
--voices` read them without a word, where `assess --date`, `combine --date` and `validate`
warn of such a date. Now each such response is warned of at its `assessed_on` (a JSON Lines
file's line and column), the first `review_dates.NAMED` named and the rest counted; the
view or the draft is made as before (dates count for nothing in either), exit 0."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import load_assessment, review_dates
from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
RESPONDENTS = ROOT / "examples" / "respondents"
TODAY = dt.date(2026, 10, 1)
SAID = (
    "warning: assessed_on: the response is dated {}, after today (2026-10-01) (a typing "
    "slip? give the day the answers were given)"
)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(review_dates, "today", lambda: TODAY)


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def dated(tmp_path: Path) -> tuple[Path, Path, int]:
    """The teachers' answers, the third dated 2099-01-01, and a governor's dated
    2027-03-04; and the column of the third line's date."""
    lines = (RESPONDENTS / "teachers.jsonl").read_text(encoding="utf-8").splitlines()
    data = json.loads(lines[2])
    data["assessed_on"] = "2099-01-01"
    lines[2] = json.dumps(data)
    teachers = tmp_path / "teachers.jsonl"
    teachers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = (RESPONDENTS / "governor-1.yaml").read_text(encoding="utf-8")
    (line,) = [n for n, t in enumerate(text.splitlines(), 1) if t.startswith("assessed_on:")]
    governor = tmp_path / "governor.yaml"
    governor.write_text(
        text.replace(text.splitlines()[line - 1], "assessed_on: 2027-03-04"), encoding="utf-8"
    )
    return teachers, governor, lines[2].index('"2099-01-01"') + 1


def test_combine_warns_of_each_at_its_date_and_writes_the_draft(tmp_path: Path) -> None:
    teachers, governor, column = dated(tmp_path)
    target = tmp_path / "draft.yaml"
    pupils = str(RESPONDENTS / "pupils.jsonl")
    result = run("combine", str(teachers), str(governor), pupils, "-o", str(target))
    assert result.exit_code == 0, result.output
    line = governor.read_text(encoding="utf-8").splitlines().index("assessed_on: 2027-03-04")
    warnings = [s for s in result.stderr.splitlines() if "warning" in s]
    assert warnings == [
        f"{teachers}:3:{column}: " + SAID.format("2099-01-01"),
        f"{governor}:{line + 1}:14: " + SAID.format("2027-03-04"),
    ]
    assert "Wrote" in result.stderr
    assert len(load_assessment(target).judgements) == 12


def test_voices_warns_and_shows_the_view(tmp_path: Path) -> None:
    teachers, _, column = dated(tmp_path)
    result = run("voices", str(teachers), "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"{teachers}:3:{column}: " + SAID.format("2099-01-01") + "\n"
    assert json.loads(result.stdout)["respondents"] == 7


def test_a_response_dated_today_is_not_warned_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    teachers, governor, _ = dated(tmp_path)
    monkeypatch.setattr(review_dates, "today", lambda: dt.date(2099, 1, 1))
    result = run("voices", str(teachers), str(governor), "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_many_are_named_ten_and_counted(tmp_path: Path) -> None:
    line = (RESPONDENTS / "teachers.jsonl").read_text(encoding="utf-8").splitlines()[0]
    data = json.loads(line)
    rows = []
    for n in range(25):
        data["judgements"]["1a1"] = 1 + n % 5  # no two alike: copies are warned of too
        data["assessed_on"] = f"2099-01-{1 + n:02}"
        rows.append(json.dumps(data))
    many = tmp_path / "many.jsonl"
    many.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run("voices", str(many), "--format", "json")
    assert result.exit_code == 0, result.output
    warnings = result.stderr.splitlines()
    assert len(warnings) == review_dates.NAMED + 1
    column = rows[0].index('"2099-01-01"') + 1
    assert warnings[0] == f"{many}:1:{column}: " + SAID.format("2099-01-01")
    assert warnings[9].startswith(f"{many}:10:{column}: ")
    assert warnings[-1] == (
        "warning: 15 more responses are dated after today, not named here (a typing slip? "
        "give the day the answers were given)"
    )
    assert json.loads(result.stdout)["respondents"] == 25


def test_combine_refusing_its_output_warns_of_nothing(tmp_path: Path) -> None:
    """The warnings are of the draft written: before round 69 combine said copies and a
    school's two names (and now the dates) before refusing to replace a file holding work,
    so the one line that mattered came last."""
    teachers, governor, _ = dated(tmp_path)
    target = tmp_path / "confirmed.yaml"
    target.write_text("kind: assessment\n", encoding="utf-8")
    result = run("combine", str(teachers), str(teachers), str(governor), "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{target}: error: the file exists and is not a draft")
    assert len(result.stderr.splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "kind: assessment\n"
    written = run("combine", str(teachers), str(governor), "-o", str(tmp_path / "d.yaml"))
    assert written.exit_code == 0, written.output
    assert written.stderr.splitlines()[0].startswith(f"{teachers}:3:")  # warned when written
