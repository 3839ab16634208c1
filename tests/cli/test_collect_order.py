"""`selfreview collect`'s rows in input order, the same bytes every run and whatever the
jobs, also when reviews of one school on one date are left out.

Leaving reviews out is a join in DuckDB, which keeps no order: with two threads and a
staging file past DuckDB's 16 MB read buffer, the rows came out of input order, in another
order each run (round 64; round 63 saw two files of a million schools differ so). The
staging file is made that large here by long evidence (`--with-evidence`), not by many
schools, and DuckDB runs on four threads whatever the machine's cores."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli
from selfreview_core.cohort import rows

STRANDS = ("1a1", "1a2", "1b1", "1b2", "1b3", "1b4", "1b5", "1b6", "1c1", "1c2", "1c3", "1c4")
#: Schools, each reviewed once; every tenth is reviewed again later, on the same date.
SCHOOLS = 200
#: Characters of evidence a judgement: 200 schools' reviews then stage some 26 MB.
EVIDENCE = 10_000


def _review(school: int, level: int) -> str:
    judgements = {
        strand: {"level": level, "evidence": f"{strand} {'x' * EVIDENCE}"} for strand in STRANDS
    }
    return json.dumps(
        {
            "kind": "assessment",
            "framework": "becta-srf",
            "school": {"id": f"S{school:03}", "name": f"School {school}"},
            "assessed_on": "2025-06-01",
            "judgements": judgements,
        }
    )


@pytest.fixture
def on_four_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """DuckDB on four threads, as on a machine of four cores (its default is the cores)."""
    connect = rows.connect

    def four(work_dir: str | None = None) -> duckdb.DuckDBPyConnection:
        con = connect(work_dir)
        con.execute("SET threads = 4")
        return con

    monkeypatch.setattr(rows, "connect", four)


def _collect(*args: str) -> Result:
    return CliRunner().invoke(cli, ["collect", *args], catch_exceptions=False)


@pytest.mark.usefixtures("on_four_threads")
def test_rows_keep_input_order_and_bytes_when_duplicates_are_left_out(tmp_path: Path) -> None:
    """Three runs (`--jobs 1` twice, `--jobs 2`) of 200 schools and 20 of them reviewed
    again on the same date: each names the 20 and keeps the review read last (exit 1), the
    three files are byte for byte the same, and their rows are in input order, each
    review's strands in framework order. Before round 64 the order differed from run to
    run, and was not the input's."""
    again = range(0, SCHOOLS, 10)
    lines = [_review(n, 1) for n in range(SCHOOLS)] + [_review(n, 3) for n in again]
    source = tmp_path / "reviews.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    written = []
    for run, jobs in enumerate(("1", "1", "2")):
        out = tmp_path / f"run-{run}.parquet"
        result = _collect(str(source), "-o", str(out), "--with-evidence", "--jobs", jobs)
        assert result.exit_code == 1, result.output
        assert result.stderr.count("has 2 reviews dated 2025-06-01") == len(again)
        assert f"Collected {SCHOOLS} reviews ({SCHOOLS * len(STRANDS)} rows)" in result.stderr
        written.append(out.read_bytes())
    assert written[0] == written[1] == written[2]
    found = duckdb.execute(
        f"SELECT school_id, strand, level FROM read_parquet('{tmp_path / 'run-0.parquet'}')"
    ).fetchall()
    kept = [n for n in range(SCHOOLS) if n not in again] + list(again)
    assert found == [
        (f"S{n:03}", strand, 3 if n in again else 1) for n in kept for strand in STRANDS
    ]
