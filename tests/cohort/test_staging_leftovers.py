"""What `staging.stage` leaves in Python's memory once a cohort is staged: DuckDB's work on
the cohort comes next, and whatever staging still holds then is added to its peak. A
million schools' `support` held some 20 MB of the reviews' keys' memory and the garbage of
reading them as it built its reviews (round 71); here, at a few hundred reviews, neither
is left."""

from __future__ import annotations

import gc
import json
import tempfile
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from selfreview_core import Engine, _collector
from selfreview_core.cohort import staged_lines, staging
from selfreview_core.cohort.staging import Reader, Staged, stage
from selfreview_core.jobs.parallel import ordered_pairs

COHORT = Path("examples/cohort")
SCHOOLS = 400


def _schools(tmp_path: Path, root: Path, repeat: int | None = None) -> Path:
    """`SCHOOLS` reviews as JSON Lines, each of a school of its own (the first example's,
    renamed), and the `repeat`-th again at the end."""
    [first, *_] = sorted((root / COHORT).glob("*.yaml"))
    data = yaml.safe_load(first.read_text(encoding="utf-8"))
    data["assessed_on"] = data["assessed_on"].isoformat()
    lines = []
    for n in [*range(SCHOOLS), *([] if repeat is None else [repeat])]:
        data["school"]["id"] = f"S{n}"
        lines.append(json.dumps(data) + "\n")
    target = tmp_path / "schools.jsonl"
    target.write_text("".join(lines), encoding="utf-8")
    return target


def _stage(path: Path) -> Staged:
    reader = Reader(Engine(entry_points=False).framework_names())
    with tempfile.TemporaryDirectory() as folder, (Path(folder) / "s.jsonl").open("wb") as out:
        return stage([str(path)], reader, out)


def _keys_alive(snapshot: tracemalloc.Snapshot) -> int:
    """Blocks `review_key` made (its digests, as ints) still alive in `snapshot`."""
    where = staged_lines.review_key.__code__
    return sum(
        stat.count
        for stat in snapshot.statistics("lineno")
        if stat.traceback[0].filename == where.co_filename
        and where.co_firstlineno <= stat.traceback[0].lineno <= where.co_firstlineno + 20
    )


@pytest.mark.parametrize("repeat", [None, 7])
def test_staging_holds_no_key_of_each_review_as_it_goes(
    tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch, repeat: int | None
) -> None:
    """As the last chunk is taken, the keys `stage` keeps to tell a repeated review are
    packed, not a Python int a review: a set of them, kept while other objects came and
    went, left its memory in pieces once freed. It still tells a repeat (the 8th school
    again, chunks later) from none."""
    path = _schools(tmp_path, root, repeat)
    seen: list[tracemalloc.Snapshot] = []

    def watched(*args: Any, **kwargs: Any) -> Iterator[Any]:
        count = 0
        for pair in ordered_pairs(*args, **kwargs):
            count += 1
            yield pair
        assert count > 3  # several chunks, so the last one's keys are not all of them
        seen.append(tracemalloc.take_snapshot())

    monkeypatch.setattr(staging, "ordered_pairs", watched)
    tracemalloc.start()
    try:
        found = _stage(path)
    finally:
        tracemalloc.stop()
    assert found.reviews == SCHOOLS + (repeat is not None)
    assert found.duplicates_possible is (repeat is not None)
    assert _keys_alive(seen[0]) < SCHOOLS // 4


def test_staging_leaves_no_garbage_of_the_reviews_read(tmp_path: Path, root: Path) -> None:
    """The command runs the collector rarely (`_collector.rarely`), and DuckDB's work after
    staging makes no Python garbage to set it off: what reading the reviews left in cycles
    is freed as staging ends, so nothing is left for a collection after it."""
    path = _schools(tmp_path, root)
    gc.collect()
    gc.disable()
    _collector.rarely()
    try:
        found = _stage(path)
        left = gc.collect()
    finally:
        _collector.as_usual()
        gc.enable()
    assert found.reviews == SCHOOLS
    assert left == 0


def test_staging_outside_the_program_leaves_the_collector_to_its_caller(
    tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A library's caller (or the test suite) runs the collector as it set it: staging makes
    no full pass over its heap (about 0.3 s a cohort command in the suite's process, where
    round 71's first version made one every time)."""
    path = _schools(tmp_path, root)
    passes: list[int] = []

    def counted(generation: int = 2) -> int:
        passes.append(generation)
        return 0

    monkeypatch.setattr(gc, "collect", counted)
    assert _stage(path).reviews == SCHOOLS
    assert passes == []
