"""`cohort/history.py`: what the mutation pass of round 42 (second wave) found no test holding.

A school's reviews over the years, on a scale rising from 0 to 3 or falling from 3 to 0:
each review's own levels in date order, none dropped in silence, drawn with the best level
at the top whichever way the numbers run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from program import selfreview
from selfreview_core import Scale
from selfreview_core.cohort.history import HistoryError, history

from .test_dashboard_mutants import SCALES, _framework, _review

#: The tiny framework (best 3, worst 0), one aspect `E1` of two strands.
TINY = Path(__file__).resolve().parents[1] / "data" / "good" / "tiny-framework.yaml"


def _write(path: Path, day: str, first: int, second: int, school: str = "T-001") -> Path:
    path.write_text(
        f"kind: assessment\nframework: tiny@1\nschool: {{id: {school}, name: Tiny}}\n"
        f"assessed_on: {day}\njudgements: {{E1.1: {first}, E1.2: {second}}}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("scale", SCALES, ids=["rising", "falling"])
def test_two_different_reviews_of_one_date_are_refused_not_one_dropped(scale: Scale) -> None:
    """Neither is dropped in silence (the later used to replace the earlier, so that the
    report's own review lost its column to another review of its date)."""
    framework = _framework(scale, aspects=2)
    day = dt.date(2026, 9, 30)
    own, other = _review(framework, "a", [0, 1], day), _review(framework, "a", [3, 3], day)
    for reviews in ([own, other], [other, own]):
        with pytest.raises(HistoryError) as caught:
            history(framework, reviews)
        assert str(caught.value) == (
            "school a has two different reviews dated 2026-09-30 "
            "(a history holds one review a date: leave one of them out)"
        )
        assert caught.value.first.code == "same-date"


@pytest.mark.parametrize("scale", SCALES, ids=["rising", "falling"])
def test_a_review_given_twice_is_one_review(scale: Scale) -> None:
    framework = _framework(scale, aspects=2)
    older = _review(framework, "a", [2, None], dt.date(2024, 1, 5))
    own = _review(framework, "a", [0, 1], dt.date(2026, 9, 30))
    again = _review(framework, "a", [0, 1], dt.date(2026, 9, 30))
    found = history(framework, [own, older, again])
    assert found.dates == (older.assessed_on, own.assessed_on)
    worst = scale.worst
    assert found.levels["a0"] == (scale.from_rank(2), worst)
    assert found.levels["a1"] == (None, scale.from_rank(1))


def test_report_refuses_a_history_review_of_the_report_s_own_date(tmp_path: Path) -> None:
    """`report A --history B`, B another review of A's date: refused (exit 1), naming the
    school and the date, and nothing written; it used to show B's levels in A's column,
    under a report of A's."""
    own = _write(tmp_path / "own.yaml", "2026-09-30", 2, 0)
    other = _write(tmp_path / "other.yaml", "2026-09-30", 3, 3)
    out = tmp_path / "report.html"
    done = selfreview(
        ["report", str(own), "--framework", str(TINY), "--history", str(other), "-o", str(out)]
    )
    assert done.returncode == 1
    assert done.stderr.decode() == (
        "error: school T-001 has two different reviews dated 2026-09-30 "
        "(a history holds one review a date: leave one of them out)\n"
    )
    assert done.stdout == b""
    assert not out.exists()
    again = selfreview(["report", str(own), "--framework", str(TINY), "--history", str(own)])
    assert again.returncode == 0, again.stderr
    assert again.stdout.decode().endswith(
        "aspect    title            2026-09-30\n"
        "--------  ---------------  ------------\n"
        "E1        The only aspect  0\n"
        "overall   Overall          0\n\n"
        "Levels from 0 (worst) to 3 (best); - means not judged.\n"
    )
