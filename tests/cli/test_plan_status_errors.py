"""Every mistake a user can make in the plan `plan --status PLAN` reads, told in the
project's words at its line and column (SPEC section 6), exit 1, the plan as it was.

A misspelt status said pydantic's "Input should be 'planned', 'doing', 'done' or
'dropped'" where every other message of a document says what it expected in its own
words; it now says "expected `planned`, `doing`, `done` or `dropped`" (round 52). No
message of pydantic's ("Input should be", "Field required") reaches the user.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_PLAN = ROOT / "examples" / "plan" / "example-primary-plan.yaml"

#: (written, instead, "line:column: error: path: message"): the first match changed only.
MISTAKES = {
    "a status not in the list": (
        "status: done",
        "status: dnoe",
        "18:11: error: actions[0].status: the text `dnoe` is not allowed here: "
        "expected `planned`, `doing`, `done` or `dropped` (did you mean `done`?)",
    ),
    "a number as a status": (
        "status: done",
        "status: 5",
        "18:11: error: actions[0].status: the number 5 is not allowed here: "
        "expected `planned`, `doing`, `done` or `dropped`",
    ),
    "a due date that is no date": (
        "due: 2026-03-31",
        "due: soon",
        "17:8: error: actions[0].due: the text `soon` is not a valid date "
        "(write dates as YYYY-MM-DD)",
    ),
    "a day that does not exist": (
        "created_on: 2025-10-20",
        "created_on: 2025-13-40",
        "10:13: error: created_on: the text `2025-13-40` is not a valid date: month value is "
        "outside expected range of 1-12 (write dates as YYYY-MM-DD)",
    ),
    "targets not a list": (
        "targets: [1a2]",
        "targets: 1a2",
        "15:12: error: actions[0].targets: expected a list, got the text `1a2`",
    ),
    "an owner that is a list": (
        'owner: "Headteacher"',
        "owner: [a, b]",
        "16:10: error: actions[0].owner: expected text, got a list",
    ),
    "a baseline that is no level": (
        "baseline: {1a2: 5}",
        "baseline: {1a2: five}",
        "22:19: error: actions[0].baseline.1a2: expected a whole number, got the text `five`",
    ),
    "an unknown key": (
        'owner: "Headteacher"   # agreed at the SLT meeting, 3 November 2025',
        "colour: red",
        "16:3: error: actions[0].colour: unknown key `colour` (expected one of: `id`, "
        "`recommendation`, `title`, `targets`, `owner`, `due`, `status`, `notes`, "
        "`baseline`, `baseline_scores`)",
    ),
    "a missing key": (
        "- id: review-vision-include-ict",
        "- idx: review-vision-include-ict",
        "12:3: error: actions[0]: missing required key `id`",
    ),
    "actions not a list": (
        "actions:\n",
        "actions: 3\nformer_actions:\n",
        "11:10: error: actions: expected a list, got the number 3",
    ),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_each_mistake_in_a_status_file_is_told_in_our_words(tmp_path: Path, mistake: str) -> None:
    written, instead, expected = MISTAKES[mistake]
    text = EXAMPLE_PLAN.read_text(encoding="utf-8")
    assert written in text
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace(written, instead, 1), encoding="utf-8")
    before = plan.read_bytes()
    result = CliRunner().invoke(cli, ["plan", "--status", str(plan)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert f"{plan}:{expected}" in result.output.splitlines()
    for pydantics in ("Input should be", "Field required", "Traceback", "internal error"):
        assert pydantics not in result.output
    assert plan.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]
