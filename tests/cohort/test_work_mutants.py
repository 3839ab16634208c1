"""A cohort command's private work (`cohort/work.py`): what the mutation pass found no test
for. Leaving the `with` block closes the DuckDB connection and removes the folder, whether
or not a connection was ever opened."""

from __future__ import annotations

import os

import duckdb
import pytest

from selfreview_core.cohort.work import WorkFolder


def test_leaving_the_work_closes_its_connection_and_removes_its_folder() -> None:
    with WorkFolder() as work:
        con = work.connection()
        assert work.connection() is con  # opened once
        assert con.execute("SELECT 1").fetchone() == (1,)
        folder = work.folder
        assert os.path.isdir(folder)
    assert work.con is None
    with pytest.raises(duckdb.ConnectionException, match="Connection already closed"):
        con.execute("SELECT 1")
    assert not os.path.exists(folder)


def test_a_work_folder_never_connected_is_removed_on_leaving() -> None:
    """A command that found nothing to read leaves without opening DuckDB: its folder goes
    all the same, and nothing is left to close."""
    with WorkFolder() as work:
        folder = work.folder
        assert work.path("staged.jsonl") == os.path.join(folder, "staged.jsonl")
    assert work.con is None
    assert not os.path.exists(folder)
