"""`output_targets`' bound, as documented (docs/robustness.md: "holds at most `MAX_FIXED`
(1,024) names checked and never written"): found by round 74's mutation pass over round 73's
lines, where `MAX_FIXED = 1025` survived (the other test of the bound sets it to 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfreview_core.outputs import targets as output_targets


def test_1024_names_checked_and_never_written_are_all_held_and_the_next_lets_the_first_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A library caller checking names it never writes: the first 1,024 are all kept (each
    written later goes where it led when checked); the 1,025th lets go the oldest only."""
    monkeypatch.setattr(output_targets, "_FIXED", {})
    names = [tmp_path / f"out{n}.json" for n in range(1025)]
    for name in names[:1024]:
        output_targets.fix(name)
    assert list(output_targets._FIXED) == [str(name) for name in names[:1024]]
    output_targets.fix(names[1024])
    assert list(output_targets._FIXED) == [str(name) for name in names[1:]]
    assert output_targets.taken(names[0]) is None  # resolved when written, as never checked
    assert output_targets.taken(names[1]) == names[1]
