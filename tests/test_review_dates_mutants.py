"""What the warnings of a date after today (`review_dates.py`) do that their other tests did
not pin: found by the round-70 mutation pass over the module (`response_warning`, new in
round 69)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from selfreview_core import review_dates
from selfreview_core.review_dates import response_warning

TODAY = dt.date(2026, 10, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(review_dates, "today", lambda: TODAY)


@pytest.mark.parametrize("day", [TODAY, dt.date(2026, 9, 30), dt.date(1999, 1, 1)])
@pytest.mark.parametrize("line", [None, 3])
def test_a_response_dated_today_or_earlier_has_no_warning(
    tmp_path: Path, day: dt.date, line: int | None
) -> None:
    """None, as the docstring says, for an embedder who asks of every response, not only
    of those the commands found later than today: no error."""
    file = tmp_path / "teacher.yaml"
    file.write_text(f"assessed_on: {day.isoformat()}\n", encoding="utf-8")
    assert response_warning(str(file), day, line) is None


def test_a_response_dated_after_today_is_warned_of_at_its_date(tmp_path: Path) -> None:
    """The counterpart: the day after today is warned of, at `assessed_on`'s line and
    column, in the response's words and hint."""
    file = tmp_path / "teacher.yaml"
    file.write_text("kind: assessment\nassessed_on: 2026-10-02\n", encoding="utf-8")
    found = response_warning(str(file), dt.date(2026, 10, 2))
    assert found is not None
    assert (found.file, found.line, found.column, found.code) == (str(file), 2, 14, "future-date")
    assert found.message == "the response is dated 2026-10-02, after today (2026-10-01)"
    assert found.hint == review_dates.RESPONSE_HINT


@pytest.mark.parametrize(
    ("count", "said"), [(1, "1 review is"), (2, "2 reviews are"), (0, "0 reviews are")]
)
def test_a_count_of_all_the_reviews_after_today_agrees_with_its_number(
    count: int, said: str
) -> None:
    """`benchmark --anonymise` names no review, so it counts them all; the other cohort
    commands count those past the ten they name. One is one review either way: before
    round 70 the eleventh was "1 more reviews are"."""
    rest = (
        "dated after today, not named here: each counts as newer than every real review of "
        "its school (a typing slip? give the day the review was made)"
    )
    assert review_dates.unnamed_warning(count, "school", named=False) == f"{said} {rest}"
    more = said.replace(" review", " more review")
    assert review_dates.unnamed_warning(count, "school") == f"{more} {rest}"
