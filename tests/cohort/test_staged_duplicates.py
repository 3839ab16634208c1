"""`collect`'s two reviews of one school on one date (`parquet.staged_duplicates`): found
among the staged reviews by their key (school, date, framework version, respondent group,
none being one), a review of several lines counted once, in the order read. Since round 63
the keys that repeat are found first and only their reviews listed (listing every key's
reviews took a million schools past 160 MB), and that holds it to the same answer."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core.cohort import lowered_memory
from selfreview_core.cohort.parquet import staged_duplicates
from selfreview_core.cohort.rows import connect
from selfreview_core.errors import CohortMemoryError

#: A review's key: school, date, framework version, respondent group (None: the school's own).
Key = tuple[str, str, str, str | None]

_KEYS = st.tuples(
    st.sampled_from(["a", "b", "A"]),
    st.sampled_from(["2025-01-01", "2025-01-02"]),
    st.sampled_from(["1", "2"]),
    st.sampled_from([None, "staff", "pupils"]),
)


def _write(path: Path, reviews: list[tuple[Key, int]]) -> None:
    """Each review at its place, in as many lines as given (`staged_lines.staged_text`)."""
    with path.open("w", encoding="utf-8") as out:
        for q, ((school, day, version, group), lines) in enumerate(reviews):
            for _ in range(lines):
                line = {"q": q, "o": f"#{q}", "i": school, "f": "srf", "v": version}
                out.write(json.dumps({**line, "d": day, "g": group}) + "\n")


@settings(max_examples=scaled(40))  # each example reads its staged file in DuckDB
@given(st.lists(st.tuples(_KEYS, st.integers(1, 2)), max_size=12))
def test_the_duplicates_are_each_repeated_keys_reviews_in_the_order_read(
    tmp_path_factory: pytest.TempPathFactory, reviews: list[tuple[Key, int]]
) -> None:
    staged = tmp_path_factory.mktemp("staged") / "staged.jsonl"
    _write(staged, reviews)
    places: dict[Key, list[int]] = {}
    for q, (key, _) in enumerate(reviews):
        places.setdefault(key, []).append(q)
    expected = sorted(
        (key[0], dt.date.fromisoformat(key[1]), tuple(f"#{q}" for q in qs), tuple(qs))
        for key, qs in places.items()
        if len(qs) > 1
    )
    expected.sort(key=lambda d: (d[0], d[1], d[3][0]))
    found = staged_duplicates(str(staged))
    assert [(d.school, d.assessed_on, d.sources, d.places) for d in found] == expected
    assert all(d.framework in ("srf@1", "srf@2") for d in found)


def test_the_search_runs_within_the_lowered_limit_and_puts_the_connections_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staged = tmp_path / "staged.jsonl"
    _write(staged, [(("a", "2025-01-01", "1", None), 1)] * 2)
    con = connect(str(tmp_path))
    try:
        assert [d.places for d in staged_duplicates(str(staged), str(tmp_path), con)] == [(0, 1)]
        after = con.execute("SELECT current_setting('memory_limit')").fetchone()
        monkeypatch.setattr(lowered_memory, "LOWERED_MEMORY_LIMIT", "1KB")
        with pytest.raises(CohortMemoryError, match="limit of 1KB"):
            staged_duplicates(str(staged), str(tmp_path), con)
    finally:
        con.close()
    assert after is not None
    assert str(after[0]).startswith("244.")  # the connection's 256 MB
