"""A respondent given twice as a copy (SPEC section 9): `voices`, `combine` and `report
--voices` count each response they are given, so a copy (`cp`, a sync tool's `name (1)`,
a JSON Lines line pasted twice, a whole file given again under another name) counts twice,
and can lift a group to `--min-group`, where its levels are shown. The same file by any
spelling counts once (tests/voices/test_voices.py::test_a_response_named_twice_counts_once);
a copy is another file, and two respondents may answer alike, so it is said, not dropped.

Before round 57 a copy was counted in silence. Now one warning names each response that is
the same as an earlier one in every answer, evidence and date (five named, the rest
counted), after the responses are compared: never before a refusal.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
RESPONDENTS = ROOT / "examples" / "respondents"
OWN = ROOT / "examples" / "example-primary-2026.yaml"
GOVERNOR = RESPONDENTS / "governor-1.yaml"
TEACHERS = RESPONDENTS / "teachers.jsonl"
WARNING = "the same as an earlier one in every answer, evidence and date"
ADVICE = "each counts as a respondent, so leave out any that is a copy"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _warnings(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("warning:")]


def test_a_copied_file_is_warned_of_by_every_command(tmp_path: Path) -> None:
    copy = tmp_path / "governor-1 (1).yaml"
    shutil.copyfile(GOVERNOR, copy)
    expected = [f"warning: 1 response {WARNING}: {copy} as {GOVERNOR}; {ADVICE}"]
    voices = run("voices", GOVERNOR, copy, "--min-group", "1")
    assert voices.exit_code == 0
    assert "(governors 2)" in voices.stdout  # counted, as two respondents answering alike
    assert _warnings(voices) == expected
    draft = tmp_path / "draft.yaml"
    combine = run("combine", GOVERNOR, copy, "-o", draft, "--min-group", "1")
    assert combine.exit_code == 0
    assert _warnings(combine) == expected
    assert "from 2 responses" in combine.stderr
    report = run("report", OWN, "--voices", GOVERNOR, "--voices", copy, "--min-group", "1")
    assert report.exit_code == 0
    assert _warnings(report) == expected


def test_a_whole_json_lines_file_given_again_is_one_warning_naming_five(tmp_path: Path) -> None:
    copy = tmp_path / "teachers-again.jsonl"
    shutil.copyfile(TEACHERS, copy)
    result = run("voices", TEACHERS, copy)
    assert result.exit_code == 0
    lines = TEACHERS.read_text(encoding="utf-8").count("\n")
    assert lines == 7
    named = ", ".join(f"{copy}:{n} as {TEACHERS}:{n}" for n in range(1, 6))
    assert _warnings(result) == [f"warning: 7 responses {WARNING}: {named}, and 2 more; {ADVICE}"]


def test_a_line_pasted_twice_is_named_at_its_line(tmp_path: Path) -> None:
    first = TEACHERS.read_text(encoding="utf-8").splitlines()[0]
    pasted = tmp_path / "pasted.jsonl"
    pasted.write_text(f"{first}\n{first}\n", encoding="utf-8")
    result = run("voices", pasted, "--min-group", "1")
    assert result.exit_code == 0
    assert _warnings(result) == [
        f"warning: 1 response {WARNING}: {pasted}:2 as {pasted}:1; {ADVICE}"
    ]


def test_responses_that_differ_in_anything_are_not_warned_of(tmp_path: Path) -> None:
    text = GOVERNOR.read_text(encoding="utf-8")
    later = tmp_path / "later.yaml"
    later.write_text(text.replace("assessed_on: 2026-09-21", "assessed_on: 2026-09-22"))
    other = tmp_path / "other.yaml"
    other.write_text(text.replace("1a1: 3", "1a1: 4"))
    result = run("voices", GOVERNOR, later, other, RESPONDENTS / "governor-2.yaml")
    assert result.exit_code == 0
    assert _warnings(result) == []
    assert run("voices", RESPONDENTS).stderr == ""  # the examples: no copy among them


def test_a_refusal_comes_alone_without_the_warning(tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    shutil.copyfile(GOVERNOR, copy)
    other = tmp_path / "other-school.yaml"
    other.write_text(GOVERNOR.read_text(encoding="utf-8").replace('"100000"', '"100001"'))
    result = run("voices", GOVERNOR, copy, other)
    assert result.exit_code == 1
    assert _warnings(result) == []
    assert result.stdout == ""
    assert result.stderr.startswith(f"{other}:5:14: error: school.id:")
