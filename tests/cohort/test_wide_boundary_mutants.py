"""`sql_queries.is_wide`, round 56's sweep of round 55's code: a framework with questions is
wide (one thread, the long form, no common-subexpression optimizer) only with more than
`WIDE_IDS` ids, as its docstring and docs/performance.md say; at exactly 512 it is counted
as before (round 55's surviving mutant: `>` as `>=`, no test had 512 ids)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from selfreview_core import Framework
from selfreview_core.cohort.rows import Layout, connect
from selfreview_core.cohort.sql_queries import WIDE_IDS, is_wide, settle_if_wide

ROOT = Path(__file__).resolve().parents[2]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench.wide import wide_framework  # noqa: E402


@pytest.mark.parametrize(("strands", "wide"), [((1, 10, 50), False), ((1, 1, 510), True)])
def test_a_framework_is_wide_only_past_wide_ids(
    tmp_path: Path, strands: tuple[int, int, int], wide: bool
) -> None:
    layout = Layout(Framework.model_validate(wide_framework(*strands)), "mean")
    assert len(layout.ids) == WIDE_IDS + (1 if wide else 0)
    assert is_wide(layout) == wide
    con = connect(tmp_path)
    try:
        threads = con.execute("SELECT current_setting('threads')").fetchall()[0][0]
        settle_if_wide(con, layout)
        found = con.execute(
            "SELECT current_setting('threads'), current_setting('disabled_optimizers')"
        ).fetchall()[0]
    finally:
        con.close()
    assert found == ((1, "common_subexpressions") if wide else (threads, ""))
