"""The respondents' view as text (`voices.views`): what a narrow terminal's blocks look like
between strands."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
RESPONDENTS = str(ROOT / "examples" / "respondents")
OWN = str(ROOT / "examples" / "example-primary-2026.yaml")


def test_a_narrow_terminal_parts_each_strands_block_from_the_next_by_one_blank_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    result = CliRunner().invoke(cli, ["voices", RESPONDENTS, OWN], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    first = lines.index("1a1  The vision")
    assert lines[first - 1] == ""  # the key above, then a blank line, then the blocks
    assert lines[first + 1].startswith("  teachers ")
    second = lines.index("1a2  Reviewing the vision")
    assert lines[first + 1 : second - 1] == [
        "  teachers      3 [4..2] n=7   support-staff 3 [4..3] n=5",
        "  governors     n=2            pupils        3 [4..2] n=6",
        "  parents       n=3            school        3",
    ]
    assert lines[second - 1] == ""
    headings = [i for i, line in enumerate(lines) if line[:3] in {"1a1", "1a2", "1b1", "1c4"}]
    assert all(lines[i - 1] == "" and lines[i - 2] != "" for i in headings[1:])


def test_one_response_is_counted_in_the_singular() -> None:
    governor = str(ROOT / "examples" / "respondents" / "governor-1.yaml")
    result = CliRunner().invoke(cli, ["voices", governor], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert ": 1 response to becta-srf@2010 (governors 1). " in result.stdout
    both = CliRunner().invoke(cli, ["voices", governor, governor.replace("-1", "-2")])
    assert ": 2 responses to becta-srf@2010 (governors 2). " in both.stdout
