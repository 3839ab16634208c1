"""Behaviours of `_names` that a mutation pass (round 44) found no test pinned: the number
of files above which `report` and `benchmark` show a progress bar is the one the manual
gives (the tests of the bar itself count from the constant, so that a changed constant
with unchanged docs went unnoticed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from selfreview_core._names import PROGRESS_FILES

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize("page", ["command-line.md", "reports.md", "benchmarking.md"])
def test_the_progress_bar_shows_above_the_number_of_files_the_manual_gives(page: str) -> None:
    text = " ".join((DOCS / page).read_text(encoding="utf-8").split())
    said = {int(n) for n in re.findall(r"(?i)above (\d+) files", text)}
    assert said == {PROGRESS_FILES}
