"""The boundary of `sql_reviews`' packing from lines, pinned where a mutation pass (round 73)
found it untested: a framework of exactly `staged_lines.LINE_JUDGEMENTS` strands is staged
a line a review, so its reviews are packed from the lines' lists, not grouped (the grouping's
hash table was `support`'s peak at a million schools, round 71). That the two ways pack the
same reviews is tests/cohort/test_staged_reviews_ungrouped.py's."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfreview_core.cohort import staged_lines
from selfreview_core.cohort.rows import staged_rows

from .test_staged_reviews_ungrouped import GROUPING, _operators, _scored


def test_a_framework_of_exactly_a_lines_strands_is_packed_without_grouping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    framework, staged = _scored(tmp_path, 1)
    monkeypatch.setattr(staged_lines, "LINE_JUDGEMENTS", len(framework.strand_ids))  # 12
    operators = _operators(framework, staged_rows(str(staged), scores=True))
    assert not operators & GROUPING, operators
    assert "READ_JSON" in operators
