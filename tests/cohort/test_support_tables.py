"""`support`'s own tables (`sql_support.SupportEntries`: `support_entries`,
`support_strands`, `support_aspects`) dropped as soon as the list is made (round 57).

Before, they stayed in the connection until it closed: a library caller holding one
`SqlCohort` and asking for its support list kept a row per judged strand of every entry
(made again, not piled up, at the next call). The year form's tables are dropped once
counted (round 56, tests/cohort/test_year_counts_once.py); the long form's (`long_*`) are
the cohort's own, read again by its figures."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from selfreview_core import Assessment, Recommendation
from selfreview_core.cohort import sql_queries
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.support import Reported, rebuilt_reviews, support

from .test_wide_dashboard import _staged
from .test_year_counts_once import _tables


def _report(rebuilt: Iterable[Assessment]) -> Iterator[Reported]:
    """Each rebuilt review's school, with a made-up recommendation naming its first strand."""
    for review in rebuilt:
        first = next(iter(review.judgements))
        made = Recommendation(id=f"r-{first}", title=f"Look at {first}", action="Do it.")
        yield review.school.id, (made,), ()


@pytest.mark.parametrize("wide", [False, True], ids=["narrow", "wide"])
def test_support_leaves_no_table_of_its_own_and_says_the_same_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wide: bool
) -> None:
    if wide:
        monkeypatch.setattr(sql_queries, "WIDE_IDS", 0)
    framework, _, staged = _staged(tmp_path, 4)
    before = staged.read_bytes()
    con = connect(tmp_path)
    try:
        made = SqlCohort(con, staged_rows(str(staged), scores=True), framework, "median")
        first = support(made, _report, 2)
        after_first = _tables(made, "support_")
        second = support(made, _report, 2)
        after_second = _tables(made, "support_")
        rebuilt = list(rebuilt_reviews(made, framework.scale.rank(2)))
        after_rebuilt = _tables(made, "support_")
    finally:
        con.close()
    assert (after_first, after_second, after_rebuilt) == ([], [], [])
    assert first == second
    assert first.size == 4
    assert first.needing == len(rebuilt) > 0
    listed = sorted(school for advice in first.recommendations for school in advice.schools)
    assert [r.school.id for r in rebuilt] == listed  # each rebuilt once, each advised once
    assert staged.read_bytes() == before
