"""`selfreview validate` on JSON Lines files: each line a document, read as `selfreview
report` reads them (`json_lines.read_lines`), each problem at its file and line."""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core.batch.reports import AssessmentStream
from selfreview_core.cli import cli
from selfreview_core.errors import InvalidDocument
from selfreview_core.files import json_lines
from selfreview_core.files.limits import Limits
from selfreview_core.loader import load_framework
from selfreview_core.model.assessment import Assessment
from selfreview_core.validation import files as validation
from selfreview_core.validation.files import check_files, validate_files

GOOD = Path(__file__).resolve().parents[1] / "data" / "good"


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
    """An empty batch: a warning, as `report` writes its 0 reports with exit 0 (an error
    before round 49); with --strict, an error."""
    file = write(tmp_path / "none.jsonl", "", "   ", "\t\x0b\x0c \r")  # every ASCII space
    result = run(file)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{file}:1:1: warning: no documents: the JSON Lines file is empty\n"
        "1 file checked: 1 valid, 0 invalid (1 warning)\n"
    )
    strict = run(file, "--strict")
    assert strict.exit_code == 1
    assert strict.stdout == f"{file}:1:1: error: no documents: the JSON Lines file is empty\n"


def test_a_line_of_a_byte_order_mark_alone_is_blank(tmp_path: Path) -> None:
    """A file saved "UTF-8 with BOM" with an empty first line: the mark is all that line
    holds, and its reader drops it. Before, that line was "the file is empty", a document
    refused (exit 1 from `validate` and from `report`, a review "skipped")."""
    path = tmp_path / "schools.jsonl"
    mark, document = b"\xef\xbb\xbf\n", line().encode("utf-8") + b"\n"
    path.write_bytes(mark + framework_line().encode("utf-8") + b"\n" + mark + document)
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f'{path}:2: ok: framework tiny@1 "Tiny framework": 1 element, 1 aspect, 2 strands, '
        "levels 3 (best) .. 0 (worst)",
        f"{path}:4: ok: assessment of tiny@1 for Tiny School (T-001) on 2026-09-30: "
        "2 of 2 strands judged",
        "2 documents checked: 2 valid, 0 invalid",
    ]
    alone = tmp_path / "none.jsonl"
    alone.write_bytes(b"\xef\xbb\xbf\r\n")  # nothing but the mark: no document at all
    result = run(str(alone))
    assert result.exit_code == 0, result.output
    assert f"{alone}:1:1: warning: no documents: the JSON Lines file is empty\n" in result.stdout


def test_a_file_that_cannot_be_read_is_one_problem(tmp_path: Path) -> None:
    [result] = validate_files([tmp_path / "missing.jsonl"])
    [diagnostic] = result.diagnostics
    assert (result.line, diagnostic.code) == (None, "unreadable")
    assert diagnostic.message.startswith("cannot read")


def test_a_last_line_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    """No newline at the end of the file: the line is the limit's length, not over it."""
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a": 12}\n{"b": 2}')
    assert list(json_lines.read_lines(str(path), limit=8)) == [(1, None), (2, b'{"b": 2}')]


def test_a_line_of_exactly_the_limit_is_read_wherever_it_is(tmp_path: Path) -> None:
    """Its end (`\\n` or `\\r\\n`) is not counted, and the line is given to its reader
    without it: the reader counts every byte it is given, and refused a line of exactly
    the limit followed by a newline ("the file is N + 1 bytes"), where the same last line
    of the file was read. One byte more is over, wherever the line is."""
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a": 12}\n{"a": 1}\r\n{}\n{"a": 123}\n{"a": 12}\r\r\n{"b": 22}')
    assert list(json_lines.read_lines(str(path), limit=9)) == [
        (1, b'{"a": 12}'),
        (2, b'{"a": 1}'),
        (3, b"{}\n"),  # within the limit with its end: given as it is
        (4, None),
        (5, None),  # a carriage return before the end is the line's own
        (6, b'{"b": 22}'),
    ]


def test_lines_are_read_as_report_reads_them(tmp_path: Path) -> None:
    """Blank lines are skipped but counted; a long line is never held whole."""
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a": 1}\n\n  \n' + b"z" * 50 + b"\n" + b'{"b": 2}')
    assert list(json_lines.read_lines(str(path), limit=20)) == [
        (1, b'{"a": 1}\n'),
        (4, None),
        (5, b'{"b": 2}'),
    ]


# -- streaming: one line at a time, each result shown as it is known (issue 13) -------------


def many(path: Path, count: int) -> str:
    """A JSON Lines file: the tiny framework, then `count` assessments (of schools
    `STREAM-1` ...)."""
    schools = [{"id": f"STREAM-{n}", "name": "Streamed"} for n in range(1, count + 1)]
    return write(path, framework_line(), *[line(school=school) for school in schools])


def live_streamed() -> int:
    """How many assessments read from `many` are alive (whatever other tests left)."""
    gc.collect()
    return sum(
        type(o) is Assessment and o.school.id.startswith("STREAM-") for o in gc.get_objects()
    )


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """Every line number `validate` reads, in order, among what it prints
    (`("read", n)` and `("echo", text)`)."""
    events: list[tuple[str, object]] = []
    real = json_lines.read_lines

    def recorded(file: str, limit: int | None = None) -> Iterator[tuple[int, bytes | None]]:
        for number, text in real(file, limit):
            events.append(("read", number))
            yield number, text

    real_echo = click.echo

    def echo(message: object = None, *args: Any, **kwargs: Any) -> None:
        events.append(("echo", str(message)))
        real_echo(message, *args, **kwargs)

    monkeypatch.setattr(validation, "read_lines", recorded)
    monkeypatch.setattr(click, "echo", echo)
    return events


def test_validate_shows_each_line_before_reading_the_next(
    tmp_path: Path, reads: list[tuple[str, object]]
) -> None:
    """`validate big.jsonl` prints as it goes: line 1's result is out before line 2 is
    read, and so on; the summary comes last."""
    file = many(tmp_path / "schools.jsonl", 3)
    result = run(file)
    assert result.exit_code == 0, result.output
    shown = [(kind, click.unstyle(str(x)).split(": ok")[0]) for kind, x in reads]
    assert shown == [
        ("read", "1"),
        ("echo", f"{file}:1"),
        ("read", "2"),
        ("echo", f"{file}:2"),
        ("read", "3"),
        ("echo", f"{file}:3"),
        ("read", "4"),
        ("echo", f"{file}:4"),
        ("echo", "4 documents checked: 4 valid, 0 invalid"),
    ]


@pytest.mark.usefixtures("frozen_heap")
@pytest.mark.parametrize("output", ["text", "json"])
def test_validate_holds_no_earlier_document_while_reading_a_line(
    output: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory does not grow with the number of lines: while the last line is read, no
    assessment from an earlier line is alive (JSON output keeps each line's small result,
    never its document)."""
    file = many(tmp_path / "schools.jsonl", 40)
    alive: list[int] = []
    real = json_lines.read_lines

    def watched(name: str, limit: int | None = None) -> Iterator[tuple[int, bytes | None]]:
        for number, text in real(name, limit):
            if number > 30:
                alive.append(live_streamed())
            yield number, text

    monkeypatch.setattr(validation, "read_lines", watched)
    result = run("--format", output, file)
    assert result.exit_code == 0, result.output
    assert len(alive) == 11
    assert max(alive) <= 1  # at most the one just checked, on its way out
    if output == "json":
        assert len(json.loads(result.stdout)["files"]) == 41


def test_check_files_reads_a_line_only_when_its_result_is_asked_for(tmp_path: Path) -> None:
    file = many(tmp_path / "schools.jsonl", 2)
    seen: list[int] = []
    real = json_lines.read_lines

    def counted(name: str, limit: int | None = None) -> Iterator[tuple[int, bytes | None]]:
        for number, text in real(name, limit):
            seen.append(number)
            yield number, text

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validation, "read_lines", counted)
        results = check_files([file])
        assert seen == []
        first = next(results)
        assert (first.line, first.kind, seen) == (1, "framework", [1])
        second = next(results)
        assert (second.line, second.ok, seen) == (2, True, [1, 2])


def test_a_framework_on_a_line_serves_the_lines_and_files_after_it(tmp_path: Path) -> None:
    """Read in one pass, a line can only use a framework given before it (or in a YAML or
    JSON file, all of which are read first)."""
    early = write(tmp_path / "early.jsonl", line())
    frameworks = write(tmp_path / "frameworks.jsonl", framework_line())
    late = write(tmp_path / "late.jsonl", line())
    results = validate_files([early, frameworks, late])
    assert [(r.file, r.ok) for r in results] == [(early, False), (frameworks, True), (late, True)]
    assert results[0].diagnostics[0].code == "unknown-framework"
    assert validate_files([early, GOOD / "tiny-framework.yaml"])[0].ok


def test_a_line_of_a_broken_framework_is_named_by_the_lines_after_it(tmp_path: Path) -> None:
    broken = json.loads(framework_line())
    del broken["elements"]
    file = write(tmp_path / "schools.jsonl", json.dumps(broken), line())
    first, second = validate_files([file])
    assert not first.ok
    [diagnostic] = second.diagnostics
    assert diagnostic.code == "framework-invalid"
    assert (diagnostic.line, diagnostic.message) == (
        2,
        f"framework `tiny@1` cannot be used: {file}:1 has errors",
    )


def test_a_file_that_fails_half_way_keeps_the_lines_read_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = many(tmp_path / "schools.jsonl", 2)
    real = json_lines.read_lines

    def failing(name: str, limit: int | None = None) -> Iterator[tuple[int, bytes | None]]:
        for number, text in real(name, limit):
            if number == 2:
                raise InvalidDocument("cannot read: Input/output error", file=name)
            yield number, text

    monkeypatch.setattr(validation, "read_lines", failing)
    result = run(file)
    assert result.exit_code == 1
    assert f"{file}:1: ok" in result.stdout
    assert f"{file}: error: cannot read: Input/output error" in result.output
    assert "2 documents checked: 1 valid, 1 invalid (1 error)" in result.stderr


def test_report_goes_on_past_a_json_lines_file_it_cannot_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`selfreview report` reads through `batch.AssessmentStream`: the refused file is
    skipped with its reason, counted as one read, and the files after it are reported."""
    locked = write(tmp_path / "locked.jsonl", line())
    good = write(tmp_path / "good.jsonl", framework_line(), line())
    real = os.open

    def deny(path: Any, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    tiny = load_framework(GOOD / "tiny-framework.yaml")
    stream = AssessmentStream([locked, good], {"tiny": tiny, "tiny@1": tiny})
    assessments = list(stream)
    assert [a.school.id for a in assessments] == ["T-001"]
    [skipped, not_an_assessment] = stream.skipped
    assert skipped.file == locked
    assert [d.message for d in skipped.diagnostics] == ["cannot read: Permission denied"]
    assert not_an_assessment.file == f"{good}:1"  # the framework line
    assert stream.read == 3


@pytest.mark.parametrize(
    ("text", "nothing"),
    [
        (b"", True),
        (b"\n", True),
        (b" \t\n\r\n  ", True),
        (b"{}", False),
        (b"\n\n{}\n", False),
        (b"x", False),  # not JSON: a document all the same, refused in its place
    ],
)
def test_holds_no_document_reads_to_the_first_line_that_is_not_blank(
    tmp_path: Path, text: bytes, nothing: bool
) -> None:
    file = tmp_path / "batch.jsonl"
    file.write_bytes(text)
    assert json_lines.holds_no_document(str(file)) is nothing


def test_a_file_that_cannot_be_read_or_a_long_line_is_not_said_to_hold_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch says what is wrong with them, in their place: not that they are empty."""
    assert json_lines.holds_no_document(str(tmp_path)) is False  # a folder
    assert json_lines.holds_no_document(str(tmp_path / "missing.jsonl")) is False
    long = tmp_path / "long.jsonl"
    long.write_bytes(b" " * 64 + b"{}\n")
    monkeypatch.setattr(json_lines, "DEFAULT_LIMITS", Limits(max_bytes=8))
    assert json_lines.holds_no_document(str(long)) is False


def test_no_documents_is_located_at_the_first_line() -> None:
    said = json_lines.no_documents("a.jsonl")
    assert (said.file, said.line, said.column, said.code) == ("a.jsonl", 1, 1, "empty")
    assert said.message == "no documents: the JSON Lines file is empty"
