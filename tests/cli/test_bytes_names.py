"""File names that are not UTF-8 (a Linux name is bytes; Python reads a byte that is not
UTF-8 as a lone surrogate): every command reads and writes such a file, and shows its name
escaped (`\\udcff`). Before round 44 writing any `-o` file so named, `plan` from a review
so named, and `collect`, `benchmark` and `support` over one, told "internal error:
UnicodeEncodeError"."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core.cli import cli
from selfreview_core.escaping import encodable
from selfreview_core.file_names import fit_bytes

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="a file name of any bytes: Linux filesystems"
)
ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "examples" / "example-primary-2025.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def named(tmp_path: Path) -> Path:
    """The example review under a name with the byte 0xff in it."""
    path = tmp_path / os.fsdecode(b"plain\xff.yaml")
    shutil.copyfile(REVIEW, path)
    return path


def test_a_report_is_written_to_such_a_name(named: Path, tmp_path: Path) -> None:
    out = tmp_path / os.fsdecode(b"out\xfe.json")
    result = run("report", str(named), "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_bytes())["assessment"]["school"]["id"] == "100000"
    assert result.stderr == f"Wrote {tmp_path}/out\\udcfe.json (json).\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_plan_made_from_such_a_file_names_it_escaped(named: Path, tmp_path: Path) -> None:
    plan = tmp_path / os.fsdecode(b"plan\xfd.yaml")
    result = run("plan", str(named), "-o", str(plan))
    assert result.exit_code == 0, result.output
    written = yaml.safe_load(plan.read_bytes())
    assert written["made_from"]["file"] == f"{tmp_path}/plain\\udcff.yaml"
    status = run("plan", "--status", str(plan))
    assert status.exit_code == 0, status.output


@pytest.mark.parametrize("command", ["collect", "benchmark", "support"])
def test_a_cohort_of_such_files_is_read_and_its_duplicates_named(
    named: Path, tmp_path: Path, command: str
) -> None:
    again = tmp_path / os.fsdecode(b"again\xfe.yaml")
    shutil.copyfile(named, again)
    tail = ["-o", str(tmp_path / "c.parquet")] if command == "collect" else []
    result = run(command, str(named), *tail)
    assert result.exit_code == 0, result.output
    twice = run(command, str(named), str(again), *tail)
    assert twice.exit_code == 1  # two reviews of one school on one date
    assert "internal error" not in twice.output
    assert "plain\\udcff.yaml" in twice.stderr
    assert "again\\udcfe.yaml" in twice.stderr


def test_a_name_is_cut_to_its_bytes_never_inside_a_character() -> None:
    name = os.fsdecode(b"ab\xffcd")
    assert fit_bytes(name, 3) == os.fsdecode(b"ab\xff")
    assert fit_bytes(name, 10) == name
    assert fit_bytes("€€", 4) == "€"  # 3 bytes each: the second is not cut in two
    assert fit_bytes("é" * 10, 5) == "éé"
    assert fit_bytes("abc", 0) == ""
    assert fit_bytes("é", 1) == ""  # its first byte alone is no character
    assert fit_bytes("aÀ", 2) == "a"  # À is C3 80: the cut is before the 0x80
    assert fit_bytes(os.fsdecode(b"a\xc0b"), 1) == "a"  # 0xC0 starts no continuation
    assert fit_bytes(os.fsdecode(b"\x80\x80\xc3\xa9"), 1) == ""  # never before the start


def test_a_name_written_into_a_document_is_text_utf8_can_hold() -> None:
    assert encodable("plain.yaml") == "plain.yaml"
    assert encodable("café.yaml") == "café.yaml"
    assert encodable(os.fsdecode(b"plain\xff.yaml")) == "plain\\udcff.yaml"


@pytest.mark.parametrize("command", ["validate", "report", "benchmark", "support"])
def test_json_output_over_such_names_is_utf8_and_names_them_exactly(
    named: Path, tmp_path: Path, command: str
) -> None:
    """`--format json` over a folder holding a review and a broken file, both named with a
    byte that is not UTF-8: the output is UTF-8 JSON (a name as the escape `\\udcff`, which
    reads back to the very name), the broken file is named escaped on standard error or in
    the JSON, and the good one is still reported."""
    broken = tmp_path / os.fsdecode(b"broken\xfe.yaml")
    broken.write_text("kind: [")
    result = CliRunner().invoke(
        cli, [command, str(tmp_path), "--format", "json"], catch_exceptions=False
    )
    assert result.exit_code == 1
    out = result.stdout_bytes.decode("utf-8")  # strictly: no raw surrogate written
    documents = [json.loads(line) for line in out.splitlines()] if command == "report" else []
    if command == "validate":
        files = json.loads(out)["files"]
        assert [f["file"] for f in files] == [str(broken), str(named)]  # lossless
        assert [f["valid"] for f in files] == [False, True]
        assert files[0]["errors"][0]["line"] == 1
        assert "\\udcfe" in out  # a JSON escape, never the raw character
    else:
        assert f"{tmp_path}/broken\\udcfe.yaml:1:8: error:" in result.stderr
        if command == "report":
            [document] = documents
            assert document["assessment"]["school"]["id"] == "100000"
        else:
            assert json.loads(out)["size"] == 1  # the good review, in the cohort
