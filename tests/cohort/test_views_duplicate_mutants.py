"""`cohort/views.py`, round 55's pass: `duplicate_note` (`cohort/duplicate_notes.py` since
round 74), the warning `benchmark` and `support` give for reviews of one school on one
date, word for word, in the framework's terms or, by default, of a school; and the table's
notes, wrapped at spaces only."""

from __future__ import annotations

import datetime as dt

import pytest

from selfreview_core.cohort.duplicate_notes import duplicate_note
from selfreview_core.cohort.positions import Counted, Duplicate
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


def test_a_note_never_breaks_an_id_at_its_hyphen() -> None:
    """The table's notes wrap at spaces only: at every width from 40 to 120 the framework's
    id `becta-srf@2010` stays whole on its line (round 55: breaking on hyphens survived,
    which put `becta-` at the end of a line and `srf@2010.` on the next at 61 to 69)."""
    from pathlib import Path

    from selfreview_core import benchmark, load_assessment, load_framework
    from selfreview_core.cohort.views import cohort_table

    root = Path(__file__).resolve().parents[2]
    framework = load_framework(root / "frameworks" / "becta-srf.yaml")
    reviews = [load_assessment(p) for p in sorted((root / "examples" / "cohort").glob("*.yaml"))]
    cohort = benchmark(framework, reviews)
    for width in range(40, 121):
        assert "becta-srf@2010" in cohort_table(cohort, width=width), width


@pytest.mark.parametrize(
    ("counted", "reviews", "year", "note"),
    [
        ("last", 2, 2025, "dated 2025: the one read last counts; the other is left out"),
        ("last", 3, None, "on one date: the one read last counts; the others are left out"),
        ("all", 2, 2025, "dated 2025: each counts as a review of its own (--all-reviews)"),
        ("none", 3, None, "on one date: none of them counts: a later review of the school does"),
    ],
)
def test_an_anonymised_duplicate_is_told_without_files_or_a_withheld_year(
    counted: Counted, reviews: int, year: int | None, note: str
) -> None:
    """An anonymised cohort's duplicate names no file and, when its year is withheld, no
    date (round 55: `duplicate_note` raised IndexError on its empty `sources`, and would
    have said "dated None"); the library's `anonymise` gives such duplicates."""
    duplicate = Duplicate(
        school="S01", assessed_on=None, year=year, reviews=reviews, sources=(), counted=counted
    )
    assert duplicate_note(duplicate) == f"school S01 has {reviews} reviews {note}"


def test_the_library_s_anonymised_duplicates_are_told() -> None:
    """End to end: two reviews of one school on one date in a cohort, anonymised, told."""
    from pathlib import Path

    from selfreview_core import benchmark, load_assessment, load_framework
    from selfreview_core.cohort.anonymity import anonymise

    root = Path(__file__).resolve().parents[2]
    framework = load_framework(root / "frameworks" / "becta-srf.yaml")
    reviews = [load_assessment(p) for p in sorted((root / "examples" / "cohort").glob("*.yaml"))]
    cohort = benchmark(framework, [*reviews, reviews[0]])
    hidden = anonymise(cohort, min_group=1).cohort
    (duplicate,) = hidden.duplicates
    assert duplicate_note(duplicate) == (
        f"school {duplicate.school} has 2 reviews dated 2025: "
        "the one read last counts; the other is left out"
    )
