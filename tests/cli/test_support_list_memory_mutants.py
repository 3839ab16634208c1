"""`support`'s list running out of memory once the cohort is counted: told as running out of
memory, naming the limit and what ran out (the list, not the counting, since round 73),
not as the cohort's database closed by a plugin. `cli/support.py`
says a failure while the reports are made is the database closed only when it is
(`CohortWork.closed`); round 71's mutation pass left that check untested (its mutant 22:
any failure there said "the cohort's database was closed ... (by a plugin?)")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from selfreview_core import cohort_engine
from selfreview_core.cli import cli
from selfreview_core.cohort import lowered_memory

ROOT = Path(__file__).resolve().parents[2]


def test_the_list_out_of_memory_names_the_limit_not_a_closed_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cohort is read and counted within the usual limits; the list's tables
    (`SupportEntries`, made within the lowered limit) are then made within 1KB, as a
    cohort too large for 160MB would be: one line saying so, exit 1, `-o` as it was."""
    made = cohort_engine.reporter

    def lowered_then_made(*args: Any, **kwargs: Any) -> Any:
        """The reports' maker, called once the cohort is counted, just before the list."""
        monkeypatch.setattr(lowered_memory, "LOWERED_MEMORY_LIMIT", "1KB")
        return made(*args, **kwargs)

    monkeypatch.setattr(cohort_engine, "reporter", lowered_then_made)
    source = ROOT / "examples" / "cohort"
    before = {p.name: p.read_bytes() for p in source.iterdir()}
    out = tmp_path / "support.json"
    out.write_text("the list before\n")
    result = CliRunner().invoke(cli, ["support", str(source), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines() == [
        "error: making the list of schools below the level ran out of memory: DuckDB reached"
        " its limit of 1KB"
        " (try fewer schools at a time)"
    ], result.stderr
    assert result.stdout == ""
    assert out.read_text() == "the list before\n"
    assert {p.name: p.read_bytes() for p in source.iterdir()} == before
