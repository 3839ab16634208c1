"""A UTF-16 file saved without a byte order mark is told what it most likely is: "this looks
like UTF-16 text without a byte order mark (save it as UTF-8)", at line 1, column 1 of its
file (a JSON Lines file's: of each line), in every command that reads YAML, JSON or JSON
Lines, where before round 81 it was "this is a binary file" at its first NUL. The one place
is `files.source`'s decoding; a file that is binary stays so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core import Assessment, Framework
from selfreview_core.cli import cli
from selfreview_core.dump import dump_document
from selfreview_core.errors import InvalidDocument
from selfreview_core.files.source import parse_text
from selfreview_core.files.utf16_guess import unmarked_utf16
from selfreview_core.testing.strategies import framework_and_assessment

ROOT = Path(__file__).resolve().parents[2]
SCHOOL = ROOT / "examples" / "example-primary-2026.yaml"
RESPONSE = ROOT / "examples" / "respondents" / "governor-1.yaml"
SAID = "this looks like UTF-16 text without a byte order mark (save it as UTF-8)"


def _refusal(raw: bytes, name: str) -> tuple[str, str | None, str, int | None, int | None]:
    with pytest.raises(InvalidDocument) as raised:
        parse_text(raw, name)
    [problem] = raised.value.diagnostics
    return problem.message, problem.hint, problem.code, problem.line, problem.column


@given(
    pair=framework_and_assessment(),
    suffix=st.sampled_from([".yaml", ".json", ".jsonl"]),
    order=st.sampled_from(["utf-16-le", "utf-16-be"]),
)
def test_a_document_saved_as_utf16_without_a_mark_is_told_so_at_its_start(
    pair: tuple[Framework, Assessment], suffix: str, order: str
) -> None:
    """Over generated frameworks and assessments of either scale direction (any titles,
    any script), in either byte order: the framework and the assessment are each refused
    as UTF-16, at 1:1, never as binary."""
    for document in pair:
        name = f"given{suffix}"
        text = dump_document(document, name.replace(".jsonl", ".json"))
        if suffix == ".jsonl":
            text = json.dumps(json.loads(text)) + "\n"
        said = _refusal(text.encode(order), name)
        assert said == (SAID.split(" (")[0], "save it as UTF-8", "encoding", 1, 1)


@pytest.mark.parametrize(
    ("raw", "place"),
    [
        (b"kind: assess\x00ment\n", (1, 13)),  # one NUL in UTF-8 text
        (b"PAR1\x15\x04\x00\x00\x15\x04", (1, 7)),  # a cohort file: its magic number first
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00", (1, 8)),
        (bytes(range(256)) * 2, (1, 1)),  # NUL at both parities
        (b"\x00\x00\x00\x00", (1, 1)),
    ],
)
def test_a_file_that_is_binary_is_still_told_it_is(raw: bytes, place: tuple[int, int]) -> None:
    message, _, code, line, column = _refusal(raw, "given.yaml")
    assert (message, code, (line, column)) == (
        "this is a binary file, not YAML or JSON text",
        "binary",
        place,
    )


def _utf16(source: Path, target: Path, order: str = "utf-16-le") -> Path:
    target.write_bytes(source.read_text(encoding="utf-8").encode(order))
    return target


@pytest.mark.parametrize(
    ("command", "extra", "output"),
    [
        ("validate", [], None),
        ("report", [], "report.html"),
        ("awards", [], None),
        ("plan", [], "plan.yaml"),
        ("migrate", ["--to", "becta-srf@2010"], "moved.yaml"),
        ("collect", [], "cohort.parquet"),
        ("benchmark", [], None),
        ("support", [], None),
        ("voices", [], None),
        ("combine", [], "draft.yaml"),
    ],
)
def test_every_command_that_reads_one_tells_it_alike(
    tmp_path: Path, command: str, extra: list[str], output: str | None
) -> None:
    """Each command names the file at 1:1 with the same words, exits 1 and writes nothing;
    `validate` lists it among the files it checked."""
    source = RESPONSE if command in ("voices", "combine") else SCHOOL
    given = _utf16(source, tmp_path / "school.yaml", "utf-16-be")
    args = [command, str(given), *extra]
    if output is not None:
        args += ["-o", str(tmp_path / output)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1
    said = result.stderr if command != "validate" else result.stdout
    assert f"{given}:1:1: error: {SAID}\n" in said
    assert said.count("error:") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["school.yaml"]


def test_a_json_lines_file_in_utf16_is_told_so_at_each_line(tmp_path: Path) -> None:
    """Read a line at a time, a UTF-16 JSON Lines file's lines each begin at 1 (the NUL after
    a line end starts the next), and its last is the lone NUL after the last line end: each
    is told alike, at its line; the school given beside it is reported."""
    lines = tmp_path / "schools.jsonl"
    school = json.dumps(parse_text(SCHOOL.read_bytes(), str(SCHOOL)).data, default=str)
    lines.write_bytes((school + "\n").encode("utf-16-le") * 2)
    shutil.copy(SCHOOL, tmp_path / "other.yaml")
    out = tmp_path / "out"
    args = ["report", str(lines), str(tmp_path / "other.yaml"), "--output-dir", str(out)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr == (
        "".join(f"{lines}:{n}:1: error: {SAID}\n" for n in (1, 2, 3))
        + f"1 report written in {out}; 3 assessments skipped (errors above)\n"
    )
    assert len(list(out.iterdir())) == 1


@pytest.mark.parametrize(
    ("text", "order", "utf16"),
    [
        ("aaaa\u4e01\u4e01\u4e01\u4e01", "utf-16-be", True),  # half the characters ASCII
        ("aaa\u4e01\u4e01\u4e01\u4e01\u4e01", "utf-16-be", False),  # fewer than half
        ("a" * 15 + "\u0100", "utf-16-be", True),  # one in 16 with a NUL low byte
        ("a" * 14 + "\u0100\u0100", "utf-16-be", False),  # two in 16
        ("ab", "utf-16-be", True),  # two characters are enough
        ("a", "utf-16-be", False),  # one is not
        ("ab", "utf-16-le", True),  # a last odd byte (a NUL here) is not counted
    ],
)
def test_the_guess_s_bounds(text: str, order: str, utf16: bool) -> None:
    """Where the guess turns: half the characters' bytes NUL at one parity, at most one in
    16 at the other, at least two characters."""
    raw = text.encode(order) + (b"\x00" if text == "ab" and order == "utf-16-le" else b"")
    assert unmarked_utf16(raw) is utf16


def test_a_first_character_without_a_nul_is_no_utf16() -> None:
    """Two bytes first with no NUL (a magic number: Parquet's `PAR1`, or any two) and UTF-16
    after them: binary, as a cohort file renamed is told."""
    utf16 = "kind: assessment\n".encode("utf-16-be")
    assert unmarked_utf16(b"\x01\x01" + utf16) is False
    assert unmarked_utf16(b"\x01\x00" + utf16) is True
    message, hint, code, line, column = _refusal(
        b"PAR1" + "kind: x\n".encode("utf-16-le"), "c.yaml"
    )
    assert (message, hint, code, line, column) == (
        "this is a binary file, not YAML or JSON text",
        "a cohort file? Its name must end in .parquet",
        "binary",
        1,
        6,
    )
