"""What a mutation pass over `exporters/common.py` found untested (round 35), pinned by what
a user sees: `report --previous`'s output."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "examples" / "questions"


def test_a_strand_judged_by_answers_both_times_shows_its_previous_level_and_change(
    tmp_path: Path,
) -> None:
    """A review judged by answers has no level of its own to compare with: the previous level
    is the one its answers led to (the comparison's), as the scores are, so the CSV shows it
    and the change, not blanks."""
    setting = (QUESTIONS / "example-setting.yaml").read_text(encoding="utf-8")
    earlier = setting.replace("assessed_on: 2026-11-01", "assessed_on: 2025-11-01").replace(
        'L-G-2: {answers: {L-G-2-a: fully, L-G-2-b: partly, L-G-2-c: "no"}}',
        'L-G-2: {answers: {L-G-2-a: "no", L-G-2-b: "no", L-G-2-c: "no"}}',
    )
    assert "2025-11-01" in earlier
    assert 'L-G-2-a: "no"' in earlier
    previous = tmp_path / "earlier.yaml"
    previous.write_text(earlier, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "report", str(QUESTIONS / "example-setting.yaml"),
            "--framework", str(QUESTIONS / "technology-standards.yaml"),
            "--previous", str(previous), "--format", "csv",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    strands = result.stdout.lstrip("\ufeff").split("\n\n")[0]
    rows = {row["strand"]: row for row in csv.DictReader(io.StringIO(strands))}
    by_answers = {k: (r["previous_level"], r["change"]) for k, r in rows.items()}
    assert by_answers["L-G-1"] == ("1", "0")  # the same answers: level 1 both times
    assert by_answers["L-G-2"] == ("0", "1")  # every answer "no" before: one step better
    assert by_answers["C-N-2"] == ("2", "0")  # a level given directly
    assert by_answers["C-N-3"] == ("", "")  # not applicable
