"""A cohort past DuckDB's memory limit (`cohort.rows.MEMORY_LIMIT`) is told in one line of
our words, exit 1, never as an internal error (round 52: a framework of a thousand
question-scored strands told `internal error: OutOfMemoryException`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.cohort import rows

ROOT = Path(__file__).resolve().parents[2]


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
    assert lines == [
        "error: the cohort's counting ran out of memory: DuckDB reached its limit of 1KB"
        " (try fewer schools at a time)"
    ], result.stderr
    assert not out.exists()
    assert {p.name: p.read_bytes() for p in source.iterdir()} == before
