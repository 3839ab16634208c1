"""`cohort.rows`: behaviours a mutation pass (round 38) found no test pinning."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfreview_core.cohort.rows import connect, quoted


def test_duckdb_spills_to_the_work_directory_it_is_given(tmp_path: Path) -> None:
    """`benchmark` and `collect` give DuckDB their own temporary directory to spill to,
    never its default (`.tmp` under the directory the user runs the command in)."""
    work = tmp_path / "it's work"  # a quote, which the SET statement must escape
    work.mkdir()
    con = connect(work)
    try:
        found = con.execute("SELECT current_setting('temp_directory')").fetchone()
    finally:
        con.close()
    assert found == (str(work),)


def test_a_nul_character_never_enters_a_sql_literal() -> None:
    """The literals name files (COPY's target, the spill directory), and no file name holds
    a NUL: text with one is refused before it reaches DuckDB, not quoted into a statement."""
    assert quoted("it's") == "'it''s'"
    with pytest.raises(ValueError, match="NUL"):
        quoted("a\x00b")
