"""`cohort.inputs`, what `benchmark`'s and the SQL cohort's tests did not hold (round 42's
sampled pass): a cohort file with the columns but no row is refused, saying so."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("command", ["benchmark", "support"])
def test_a_cohort_file_with_no_row_is_refused_as_empty(tmp_path: Path, command: str) -> None:
    full = tmp_path / "cohort.parquet"
    made = CliRunner().invoke(cli, ["collect", str(ROOT / "examples" / "cohort"), "-o", str(full)])
    assert made.exit_code == 0, made.output
    empty = tmp_path / "empty.parquet"
    duckdb.execute(f"COPY (SELECT * FROM '{full}' WHERE false) TO '{empty}' (FORMAT parquet)")
    result = CliRunner().invoke(cli, [command, str(empty)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"{empty}: error: the cohort file holds no school's own review\n"


def test_assessments_none_of_them_usable_are_counted_as_files(tmp_path: Path) -> None:
    """Not as "cohort file(s)": those are the Parquet files `collect` writes."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: nothing\n", encoding="utf-8")
    framework = ROOT / "examples" / "awards" / "illustrative-award-framework.yaml"
    result = CliRunner().invoke(cli, ["benchmark", str(bad), "--framework", str(framework)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.endswith("\nno usable assessments in 1 file(s)\n")
    assert "unknown kind `nothing`" in result.stderr
