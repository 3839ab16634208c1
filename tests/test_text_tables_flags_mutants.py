"""A run of flags keeps two cells a letter at both ends of the alphabet of regional
indicators (U+1F1E6 A to U+1F1FF Z, `text_tables._flag`): pinned by round 77's sweep over
round 76's lines. Each indicator is a wide character a line may break after; one left out
of the range was weighed with its neighbour as one run, four cells: the least width a table
keeps its column (`test_text_tables_hostile.py` pins the middle of the alphabet)."""

from __future__ import annotations

from selfreview_core.text_tables import _unbreakable


def test_flags_with_the_first_regional_letter_keep_two_cells() -> None:
    assert _unbreakable("🇿🇦🇦🇺") == 2  # South Africa, Australia: A beside A


def test_flags_with_the_last_regional_letter_keep_two_cells() -> None:
    assert _unbreakable("🇳🇿🇿🇦") == 2  # New Zealand, South Africa: Z beside Z
