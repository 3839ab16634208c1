"""A review skipped from a folder (`report FOLDER`) or from `collect` (a folder's file, or
a JSON Lines line) names its school after its hint, as `report`'s JSON Lines lines have
since round 81 (round 82): an officer with a folder of 300 files opened them to find whose
review was skipped. One way for each path (`model.refused_school`): the id cut as every id
in a message is and escaped where printed; a review with no usable id (not YAML, an id
that is no text) is told as before."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from selfreview_core.cli import cli

SCHOOL = Path(__file__).resolve().parents[2] / "examples" / "example-primary-2026.yaml"
TEXT = SCHOOL.read_text(encoding="utf-8")
LONG = "9" * 45 + "\x1b[2J"


def _school(school_id: str, **lines: str) -> str:
    """The example's text, its school's id and the given top-level lines changed."""
    text = TEXT.replace('  id: "100000"', f"  id: {school_id}", 1)
    assert text != TEXT
    for key, value in lines.items():
        start = text.index(f"\n{key}: ") + 1
        text = text[:start] + f"{key}: {value}" + text[text.index("\n", start) :]
    return text


def _folder(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    folder = tmp_path / "schools"
    folder.mkdir()
    shutil.copy(SCHOOL, folder / "a-good.yaml")
    files = {
        "b-date.yaml": _school('"2000\\x1b01"', assessed_on="2026-02-30"),
        "c-long.yaml": _school(json.dumps(LONG), framework="nope"),
        "d-number.yaml": _school("300003", assessed_on="2026-02-30"),
        "e-broken.yaml": "kind: assessment\nschool: [\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder, {p.name: p.read_bytes() for p in folder.iterdir()}


def _expected(folder: Path) -> list[str]:
    """The four skipped files' lines, in the folder's order: a school named after the
    hint where the review had a text id (cut, escaped); none for a number, nor for a file
    that is not YAML."""
    dates = "is not a valid date: day value is outside expected range (write dates as YYYY-MM-DD"
    return [
        f"{folder / 'b-date.yaml'}:10:14: error: assessed_on: the text `2026-02-30` {dates}; "
        "school 2000\\x1b01)",
        f"{folder / 'c-long.yaml'}:5:12: error: framework: unknown framework `nope` (name its "
        f"file on the command line or with --framework; school {'9' * 37}...)",
        f"{folder / 'd-number.yaml'}:7:7: error: school.id: expected text, got the number "
        '300003 (write it in quotes: "300003")',
        f"{folder / 'd-number.yaml'}:10:14: error: assessed_on: the text `2026-02-30` {dates})",
        f"{folder / 'e-broken.yaml'}:2:10: error: invalid YAML: did not find expected node "
        "content (while parsing a flow node started at line 2, column 10)",
    ]


def test_a_folders_skipped_files_name_their_schools(tmp_path: Path) -> None:
    folder, before = _folder(tmp_path)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        cli, ["report", str(folder), "--format", "json", "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    said = result.stderr.splitlines()
    assert said[:-1] == _expected(folder)
    assert said[-1] == f"1 report written to {out}; 4 assessments skipped (errors above)"
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_collects_skipped_files_and_lines_name_their_schools(tmp_path: Path) -> None:
    folder, before = _folder(tmp_path)
    good = json.dumps({**json.loads(_as_json(TEXT)), "school": {"id": "400004", "name": "G"}})
    bad = json.dumps({**json.loads(good), "school": {"id": "500005", "name": "B"}})
    bad = bad.replace('"assessed_on": "2026', '"assessed_on": "2026-13', 1)
    lines = tmp_path / "more.jsonl"
    lines.write_text(f"{good}\n{bad}\n", encoding="utf-8")
    out = tmp_path / "cohort.parquet"
    result = CliRunner().invoke(
        cli, ["collect", str(folder), str(lines), "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    said = result.stderr.splitlines()
    assert said[:-2] == _expected(folder)
    column = bad.index('"2026-13') + 1
    assert said[-2].startswith(f"{lines}:2:{column}: error: assessed_on: ")
    assert said[-2].endswith("(write dates as YYYY-MM-DD; school 500005)")
    assert said[-1] == (
        f"Collected 2 reviews (24 rows) into {out}; 5 of 7 inputs skipped (errors above)."
    )
    assert out.is_file()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def _as_json(text: str) -> str:
    from selfreview_core.files.source import parse_text

    return json.dumps(parse_text(text, "x.yaml").data, default=str)
