"""A school's review skipped from a JSON Lines batch names the school as well as its line
(round 81): `report` over a file of 2,000 lines said `schools.jsonl:1412:230: error: ...`,
and an officer counted lines to find whose review it was. The id is cut as every id in a
message is, escaped where printed; a line with no usable id (broken JSON, an id that is no
text, another encoding) is told as before."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.files.source import parse_text

SCHOOL = Path(__file__).resolve().parents[2] / "examples" / "example-primary-2026.yaml"


def _line(school_id: object, **changes: object) -> str:
    data = parse_text(SCHOOL.read_bytes(), str(SCHOOL)).data
    data = {**data, "school": {**data["school"], "id": school_id}, **changes}
    return json.dumps(data, default=str)


def test_each_line_skipped_names_its_school_after_its_hint(tmp_path: Path) -> None:
    long = "9" * 45 + "\x1b[2J"
    lines = [
        _line("100000"),
        _line("200001", assessed_on="2026-02-30"),
        '{"kind": "assessment", broken',
        _line(long, framework="nope"),
        _line(300003, assessed_on="2026-02-30"),
    ]
    given = tmp_path / "schools.jsonl"
    given.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        cli, ["report", str(given), "--format", "json", "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    date = lines[1].index('"2026-02-30"') + 1
    framework = lines[3].index('"nope"') + 1
    said = result.stderr.splitlines()
    assert said[0].startswith(f"{given}:2:{date}: error: assessed_on: ")
    assert said[0].endswith(" (write dates as YYYY-MM-DD; school 200001)")
    assert said[1] == (
        f"{given}:3:24: error: invalid JSON: Expecting property name enclosed in double quotes"
    )
    assert said[2] == (
        f"{given}:4:{framework}: error: framework: unknown framework `nope` (name its file on "
        f"the command line or with --framework; school {'9' * 37}...)"
    )
    number = lines[4].index("300003") + 1  # an id that is no text: no school named
    assert said[3] == (
        f"{given}:5:{number}: error: school.id: expected text, got the number 300003 (write it "
        'in quotes: "300003")'
    )
    assert said[4].endswith("(write dates as YYYY-MM-DD)")  # each of its diagnostics so
    assert said[5:] == [
        "1 report written to " + str(out) + "; 4 assessments skipped (errors above)"
    ]
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
