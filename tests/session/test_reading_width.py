"""The width a session's lines are fitted to (`session.view.reading_width`), the same for
`assess`'s strands and `plan --interactive`'s questions (one function since round 74,
where each command had its own copy)."""

from __future__ import annotations

import os

import pytest

from selfreview_core.session.view import reading_width


@pytest.mark.parametrize(
    ("columns", "width"),
    [("20", 40), ("39", 40), ("40", 40), ("41", 41), ("99", 99), ("100", 100), ("101", 100)],
)
def test_the_questions_are_fitted_to_the_terminal_between_40_and_100_columns(
    monkeypatch: pytest.MonkeyPatch, columns: str, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    assert reading_width() == width


def test_a_terminal_whose_size_cannot_be_told_is_taken_as_80_columns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pipe, or no terminal at all, and no `COLUMNS`: 80 columns."""
    monkeypatch.delenv("COLUMNS", raising=False)

    def no_terminal(*args: object) -> os.terminal_size:
        raise OSError("not a terminal")

    monkeypatch.setattr(os, "get_terminal_size", no_terminal)
    assert reading_width() == 80
