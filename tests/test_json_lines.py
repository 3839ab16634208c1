"""`selfreview validate` on JSON Lines files: each line a document, read as `selfreview
report` reads them (`json_lines.read_lines`), each problem at its file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core import json_lines
from selfreview_core.cli import cli
from selfreview_core.source import Limits
from selfreview_core.validation import validate_files

GOOD = Path(__file__).resolve().parent / "data" / "good"


@pytest.fixture(autouse=True)
def _no_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [])


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, ["validate", *args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def line(**changes: object) -> str:
    """The tiny assessment as one JSON line, with `changes` made to it."""
    data = yaml.safe_load((GOOD / "tiny-assessment.yaml").read_text(encoding="utf-8"))
    data["assessed_on"] = data["assessed_on"].isoformat()
    return json.dumps({**data, **changes})


def framework_line() -> str:
    """The tiny framework (`tiny@1`) as one JSON line."""
    return json.dumps(yaml.safe_load((GOOD / "tiny-framework.yaml").read_text(encoding="utf-8")))


def write(path: Path, *lines: str) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_each_line_of_a_good_file_is_a_valid_document(tmp_path: Path) -> None:
    file = write(tmp_path / "schools.jsonl", framework_line(), line(), "", line())
    result = run(file)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f'{file}:1: ok: framework tiny@1 "Tiny framework": 1 element, 1 aspect, 2 strands, '
        "levels 3 (best) .. 0 (worst)",
        f"{file}:2: ok: assessment of tiny@1 for Tiny School (T-001) on 2026-09-30: "
        "2 of 2 strands judged",
        f"{file}:4: ok: assessment of tiny@1 for Tiny School (T-001) on 2026-09-30: "
        "2 of 2 strands judged",
        "3 documents checked: 3 valid, 0 invalid",
    ]


def test_each_problem_is_at_its_file_line_and_column(tmp_path: Path) -> None:
    bad_level = line(judgements={"E1.1": 7})
    file = write(
        tmp_path / "schools.jsonl", framework_line(), bad_level, line(), "{not json", "[1, 2]"
    )
    result = run(file)
    assert result.exit_code == 1
    column = bad_level.index('"E1.1": 7') + len('"E1.1": ') + 1
    assert f'{file}:2:{column}: error: judgements["E1.1"]: level 7 is outside the scale' in (
        result.output
    )
    assert f"{file}:3: ok: assessment of tiny@1" in result.stdout
    assert f"{file}:4:2: error: invalid JSON" in result.output
    assert f"{file}:5:1: error: expected a mapping with a `kind` key, found a list" in (
        result.output
    )
    assert "5 documents checked: 2 valid, 3 invalid (3 errors)" in result.stderr


def test_the_json_report_names_each_documents_line(tmp_path: Path) -> None:
    file = write(tmp_path / "schools.jsonl", framework_line(), line(school="not a mapping"))
    result = run("--format", "json", file)
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert [(f["file"], f["line"], f["valid"]) for f in payload["files"]] == [
        (file, 1, True),
        (file, 2, False),
    ]
    [error] = payload["files"][1]["errors"]
    assert (error["file"], error["line"], error["path"]) == (file, 2, "school")


def test_a_line_over_the_size_cap_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_lines, "DEFAULT_LIMITS", Limits(max_bytes=5000))
    file = write(tmp_path / "schools.jsonl", framework_line(), '{"x": "' + "y" * 20000 + '"}')
    result = run(file)
    assert result.exit_code == 1
    assert f"{file}:2:1: error: the line is over 5,000 bytes" in result.output
    assert f"{file}:1: ok" in result.stdout


def test_a_file_of_blank_lines_is_empty(tmp_path: Path) -> None:
    file = write(tmp_path / "none.jsonl", "", "   ")
    result = run(file)
    assert result.exit_code == 1
    assert f"{file}:1:1: error: the file is empty" in result.output


def test_a_file_that_cannot_be_read_is_one_problem(tmp_path: Path) -> None:
    [result] = validate_files([tmp_path / "missing.jsonl"])
    [diagnostic] = result.diagnostics
    assert (result.line, diagnostic.code) == (None, "unreadable")
    assert diagnostic.message.startswith("cannot read")


def test_lines_are_read_as_report_reads_them(tmp_path: Path) -> None:
    """Blank lines are skipped but counted; a long line is never held whole."""
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a": 1}\n\n  \n' + b"z" * 50 + b"\n" + b'{"b": 2}')
    assert list(json_lines.read_lines(str(path), limit=20)) == [
        (1, b'{"a": 1}\n'),
        (4, None),
        (5, b'{"b": 2}'),
    ]
