"""`cohort.unchanged_files`: a review rewritten in place at its size just after the write
before it, within one tick of the file clock, is seen where the filesystem stamps such a
write finely (round 77's rule, round 78's measure; docs/robustness.md states the limit).

`test_unchanged_files.py`'s tests see their rewrites on any kernel, for their files' times
are long past (a copy keeps its source's, or one is set to 0). Here the file is written
just before it is read, so the rewrite falls within the tick of the write before it: only
a file clock that stamps a write made after the file's time was looked at by the fine clock
(Linux 6.13 and later's multigrain timestamps, on ext4, XFS, Btrfs and tmpfs) tells the two
writes apart. Where the clock is coarser, measured here at run time, the test is skipped,
saying why, rather than passing or failing by the luck of a tick."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cohort.test_unchanged_files import COHORT, _half_written
from selfreview_core.cohort import unchanged_files
from selfreview_core.errors import InvalidDocument

#: Tries of the measure: on a coarse clock (4 ms ticks, a rewrite some microseconds after
#: the write before it) nearly every one is unseen, so twenty all seen by chance is not.
TRIES = 20


def _rewrites_seen(folder: Path) -> bool:
    """Whether this folder's filesystem stamps a same-size rewrite made just after a write
    and a look at the file's time with a time other than that write's, in every one of
    `TRIES` tries: what `unchanged_files.stamp` needs to see such a rewrite."""
    file = folder / "clock"
    for _ in range(TRIES):
        file.write_bytes(b"before")
        looked = os.stat(file).st_mtime_ns
        with open(file, "r+b") as out:
            out.write(b"after!")
        if os.stat(file).st_mtime_ns == looked:
            return False
    return True


def test_a_same_size_rewrite_within_one_tick_of_the_write_before_is_not_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not _rewrites_seen(tmp_path):
        pytest.skip(
            "this filesystem's clock does not tell a rewrite from the write just before it "
            "(no multigrain timestamps): the limit docs/robustness.md states"
        )
    victim = tmp_path / "primary-2-2025.yaml"
    whole = (COHORT / victim.name).read_bytes()
    victim.write_bytes(whole)  # written now: the rewrite falls within this write's tick
    monkeypatch.setattr(unchanged_files, "read_source", _half_written(str(victim)))
    with pytest.raises(InvalidDocument) as raised:
        unchanged_files.read_unchanged(str(victim))
    [said] = raised.value.diagnostics
    assert (said.file, said.line, said.column, said.code) == (str(victim), 1, 1, "file-changed")
    assert victim.read_bytes() == whole  # rewritten at its size: only the clock tells
