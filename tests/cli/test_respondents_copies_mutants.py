"""The warning of copies (`voices/notices.copies`, swept as `cli/_respondents.warn_copies`)
and `_words.some`: a warning that names five responses and counts the rest counts one left
over too (SPEC section 9: a copy is said, not dropped).

Round 58's mutation pass found the copies tested with one, or seven (five named, `and 2
more`), never six: a count that began at two more would have named five of six copies and
left the sixth out of the line without a word.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
TEACHERS = ROOT / "examples" / "respondents" / "teachers.jsonl"
WARNING = "the same as an earlier one in every answer, evidence and date"
ADVICE = "each counts as a respondent, so leave out any that is a copy"


@pytest.mark.parametrize(("copies", "counted"), [(6, ", and 1 more"), (5, "")])
def test_five_copies_are_named_and_the_rest_counted(
    tmp_path: Path, copies: int, counted: str
) -> None:
    copy = tmp_path / "copies.jsonl"
    lines = TEACHERS.read_text(encoding="utf-8").splitlines(keepends=True)
    copy.write_text("".join(lines[:copies]), encoding="utf-8")
    before = copy.read_bytes(), TEACHERS.read_bytes()
    result = CliRunner().invoke(cli, ["voices", str(TEACHERS), str(copy)])
    assert result.exit_code == 0, result.output
    named = ", ".join(f"{copy}:{n} as {TEACHERS}:{n}" for n in range(1, 6))
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [f"warning: {copies} responses {WARNING}: {named}{counted}; {ADVICE}"]
    assert (copy.read_bytes(), TEACHERS.read_bytes()) == before
