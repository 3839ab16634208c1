"""`SupportEntries.entry_rows` a few entries a query, round 56's sweep of round 55's code: the
dashboard of a wide cohort read in chunks of two entries (`REVIEW_ROWS` made small) is the
page counted a column an id, byte for byte (round 55's surviving mutants: a chunk's last
bound `start + step - 1` as `start + step + 1`, which read the entries on a chunk's edge
twice, and as `start + step - 2`, which left each chunk's last entry out; every test read
the few entries of a small cohort in one chunk)."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfreview_core.cohort import sql_support

from .test_wide_dashboard import _pages


@pytest.mark.parametrize("latest_only", [True, False])
def test_the_wide_dashboard_read_two_entries_a_query_is_the_page_counted_a_column_an_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, latest_only: bool
) -> None:
    monkeypatch.setattr(sql_support, "REVIEW_ROWS", 20)  # 10 strands: two entries a query
    plain, wide = _pages(tmp_path, monkeypatch, False, latest_only)
    assert wide == plain
    # a matrix row an entry: two chunks of two, or two and a last of one
    assert plain[None].count('<td class="num need">') == (4 if latest_only else 5)
