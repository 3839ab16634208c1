"""A cohort past DuckDB's memory limit (`cohort.rows.MEMORY_LIMIT`, or `support`'s lower
one) is told in one line of our words naming the limit reached, exit 1, never as an internal
error (round 52: a framework of a thousand question-scored strands told `internal error:
OutOfMemoryException`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli
from selfreview_core.cohort import lowered_memory, rows

ROOT = Path(__file__).resolve().parents[2]


def _told_out_of_1kb_alone(result: Result, doing: str = "the cohort's counting") -> None:
    """Exit 1, and on stderr only that the lowered limit, made 1KB, was reached, in what
    the command was `doing` (`collect`: writing the cohort file)."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines() == [
        f"error: {doing} ran out of memory: DuckDB reached its limit of 1KB"
        " (try fewer schools at a time)"
    ], result.stderr


@pytest.mark.parametrize("command", ["benchmark", "collect"])
def test_out_of_memory_is_one_line_exit_1(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rows, "MEMORY_LIMIT", "1KB")
    source = tmp_path / "cohort"
    source.mkdir()
    for path in sorted((ROOT / "examples" / "cohort").iterdir()):
        (source / path.name).write_bytes(path.read_bytes())
    before = {p.name: p.read_bytes() for p in source.iterdir()}
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli, [command, str(source), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.stderr.splitlines() if "out of memory" in line]
    doing = "writing the cohort file" if command == "collect" else "the cohort's counting"
    assert lines == [
        f"error: {doing} ran out of memory: DuckDB reached its limit of 1KB"
        " (try fewer schools at a time)"
    ], result.stderr
    assert not out.exists()
    assert {p.name: p.read_bytes() for p in source.iterdir()} == before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_supports_out_of_memory_names_the_limit_it_read_under(
    jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`support` reads its cohort within a lower limit than the connection's
    (`cohort.lowered_memory`); running out of it named the connection's 256MB (round 61)."""
    monkeypatch.setattr(lowered_memory, "LOWERED_MEMORY_LIMIT", "1KB")
    folders: list[str] = []  # the work folders DuckDB spilled into
    connect = rows.connect

    def recorded(work_dir: str | None = None) -> duckdb.DuckDBPyConnection:
        folders.append(str(work_dir))
        return connect(work_dir)

    monkeypatch.setattr(rows, "connect", recorded)
    source = ROOT / "examples" / "cohort"
    before = {p.name: p.read_bytes() for p in source.iterdir()}
    out = tmp_path / "support.json"
    out.write_text("the list before\n")
    result = CliRunner().invoke(cli, ["support", str(source), "-o", str(out), "--jobs", jobs])
    _told_out_of_1kb_alone(result)
    assert result.stdout == ""
    assert out.read_text() == "the list before\n"
    assert len(folders) == 1
    assert not Path(folders[0]).exists()  # the work folder and its spill removed
    assert {p.name: p.read_bytes() for p in source.iterdir()} == before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_collect_writes_its_cohort_file_within_the_lowered_limit(
    jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`collect`'s copy of the staged reviews into Parquet runs within the lower limit
    (`cohort.lowered_memory`: 335 MB at 100,000 schools at the connection's 256MB, 245 MB
    within 160MB, round 62): lowered to 1KB here, it runs out of it and names it, the
    cohort file given to `-o` as it was, the inputs untouched. It says it was writing the
    cohort file: it said "the cohort's counting", which `collect` does none of (round 63)."""
    monkeypatch.setattr(lowered_memory, "LOWERED_MEMORY_LIMIT", "1KB")
    source = ROOT / "examples" / "cohort"
    before = {p.name: p.read_bytes() for p in source.iterdir()}
    out = tmp_path / "cohort.parquet"
    out.write_bytes(b"the cohort before")
    result = CliRunner().invoke(cli, ["collect", str(source), "-o", str(out), "--jobs", jobs])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines()[-1:] == [
        "error: writing the cohort file ran out of memory: DuckDB reached its limit of 1KB"
        " (try fewer schools at a time)"
    ], result.stderr
    assert out.read_bytes() == b"the cohort before"
    assert {p.name: p.read_bytes() for p in source.iterdir()} == before
    assert not list(tmp_path.glob(".collect-*"))


@pytest.mark.parametrize("command", ["collect", "benchmark", "support"])
def test_duplicates_are_looked_for_within_the_lowered_limit(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search for two reviews of one school on one date (`collect`'s over its staged
    reviews, `staged_duplicates`; the others' over the cohort's, `SqlCohort.duplicates`)
    runs within the lower limit: a million schools, a tenth of them twice, peaked at 349 MB
    and 465 MB at the connection's 256MB (round 63). Lowered to 1KB here, the search runs
    out of it first, before any duplicate is told, and names the limit; `-o` and the
    inputs as they were."""
    monkeypatch.setattr(lowered_memory, "LOWERED_MEMORY_LIMIT", "1KB")
    source = tmp_path / "cohort"
    shutil.copytree(ROOT / "examples" / "cohort", source)
    shutil.copy(source / "primary-2-2025.yaml", source / "primary-2-2025-again.yaml")
    before = {p.name: p.read_bytes() for p in source.iterdir()}
    out = tmp_path / ("cohort.parquet" if command == "collect" else "out.json")
    out.write_bytes(b"the cohort before")
    result = CliRunner().invoke(cli, [command, str(source), "-o", str(out)])
    doing = "writing the cohort file" if command == "collect" else "the cohort's counting"
    _told_out_of_1kb_alone(result, doing)
    assert out.read_bytes() == b"the cohort before"
    assert {p.name: p.read_bytes() for p in source.iterdir()} == before
    assert not list(tmp_path.glob(".collect-*"))
