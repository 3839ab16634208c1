"""`report --history`'s review-by-review table isolates a right-to-left aspect title
(U+2068 ... U+2069), as every other table does (round 76): a title in Hebrew, first strong
letter of its row's line after the id, turned the row right to left in a terminal that
orders text by the bidirectional algorithm, its levels drawn on the other side."""

from __future__ import annotations

import datetime as dt

from selfreview_core import Scale
from selfreview_core.cohort.history import history, history_table

from .test_dashboard_mutants import _framework, _review

HEBREW = "הערכה ותכנון"


def test_a_right_to_left_title_is_isolated_and_the_rest_is_as_it_was() -> None:
    framework = _framework(Scale(best=3, worst=0), aspects=2, aspect_title=HEBREW + " {n}")
    reviews = [
        _review(framework, "a", [3, 1], dt.date(2025, 6, 1)),
        _review(framework, "a", [0, 2], dt.date(2024, 6, 1)),
    ]
    lines = history_table(history(framework, reviews)).split("\n")
    assert lines[2].startswith(f"a0        \u2068{HEBREW} 0\u2069  0")
    assert lines[2].split()[-2:] == ["0", "3"]
    assert lines[3].startswith(f"a1        \u2068{HEBREW} 1\u2069  2")
    assert lines[4].startswith("overall   Overall")
    assert "\u2068" not in lines[4]
