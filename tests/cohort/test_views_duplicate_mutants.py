"""`cohort/views.py`'s `duplicate_note`, round 55's pass: the warning `benchmark` and
`support` give for reviews of one school on one date, word for word, in the framework's
terms or, by default, of a school."""

from __future__ import annotations

import datetime as dt

import pytest

from selfreview_core.cohort.positions import Counted, Duplicate
from selfreview_core.cohort.views import duplicate_note
from selfreview_core.model.questions import Terms

DAY = dt.date(2025, 3, 1)


def _duplicate(counted: Counted, files: int) -> Duplicate:
    sources = tuple(f"{name}.yaml" for name in "abc"[:files])
    return Duplicate(
        school="s1", assessed_on=DAY, year=2025, reviews=files, sources=sources, counted=counted
    )


@pytest.mark.parametrize(
    ("counted", "files", "note"),
    [
        ("last", 2, "a.yaml and b.yaml; b.yaml (read last) counts; a.yaml is left out"),
        (
            "last",
            3,
            "a.yaml, b.yaml and c.yaml; c.yaml (read last) counts; a.yaml, b.yaml are left out",
        ),
        ("all", 2, "a.yaml and b.yaml; each counts as a review of its own (--all-reviews)"),
        ("none", 2, "a.yaml and b.yaml; none of them counts: a later review of the school does"),
    ],
)
def test_a_duplicate_is_told_by_file_and_which_of_them_count(
    counted: Counted, files: int, note: str
) -> None:
    said = duplicate_note(_duplicate(counted, files))
    assert said == f"school s1 has {files} reviews dated 2025-03-01: {note}"


def test_a_duplicate_is_told_in_the_framework_s_terms() -> None:
    """The subject the framework names (`terms`) in both places, not "school" (round 55:
    `(terms or Terms())` as `(terms and Terms())` survived, which said "school" for every
    framework and failed without terms)."""
    terms = Terms(subject="setting", subjects="settings")
    assert duplicate_note(_duplicate("none", 2), terms) == (
        "setting s1 has 2 reviews dated 2025-03-01: a.yaml and b.yaml; "
        "none of them counts: a later review of the setting does"
    )
