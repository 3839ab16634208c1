"""Past `staging.MAX_KEYS` reviews, `stage` stops keeping their keys (round 71's packed
keys): a mutation pass (round 72) found that staging could go on filling them again, chunk
after chunk, once it had given up, unseen by any test. For a cohort of millions that is up
to 32 MB of keys filled again and, at the end, a set of up to four million of them built
to look for a repeat that is already taken as possible."""

from __future__ import annotations

import json
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from selfreview_core import Engine
from selfreview_core.cohort import staging
from selfreview_core.cohort.staging import Reader, stage
from selfreview_core.jobs.parallel import ordered_pairs

COHORT = Path("examples/cohort")
SCHOOLS = 400


def _schools(tmp_path: Path, root: Path) -> Path:
    """`SCHOOLS` reviews as JSON Lines, each of a school of its own (the first example's,
    renamed): read in several chunks."""
    [first, *_] = sorted((root / COHORT).glob("*.yaml"))
    data = yaml.safe_load(first.read_text(encoding="utf-8"))
    data["assessed_on"] = data["assessed_on"].isoformat()
    lines = []
    for n in range(SCHOOLS):
        data["school"]["id"] = f"S{n}"
        lines.append(json.dumps(data) + "\n")
    target = tmp_path / "schools.jsonl"
    target.write_text("".join(lines), encoding="utf-8")
    return target


def test_past_the_keys_kept_no_more_are_kept(
    tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the keys kept pass `MAX_KEYS`, duplicates are taken as possible and the chunks
    after it add no key: the last count of keys kept is the one past `MAX_KEYS`, and
    chunks came after it."""
    kept: list[int] = []  # how many keys are kept after each chunk adds its own

    class Keys(array):  # type: ignore[type-arg]
        def extend(self, keys: Iterable[int]) -> None:
            super().extend(keys)
            kept.append(len(self))

    taken: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for pair in ordered_pairs(*args, **kwargs):
            taken.append(pair[1].reviews)
            yield pair

    limit = SCHOOLS // 4
    monkeypatch.setattr(staging, "MAX_KEYS", limit)
    monkeypatch.setattr(staging, "array", Keys)
    monkeypatch.setattr(staging, "ordered_pairs", counted)
    path = _schools(tmp_path, root)
    reader = Reader(Engine(entry_points=False).framework_names())
    with tempfile.TemporaryDirectory() as folder, (Path(folder) / "s.jsonl").open("wb") as out:
        found = stage([str(path)], reader, out)
    assert (found.reviews, found.duplicates_possible) == (SCHOOLS, True)
    assert kept[-1] > limit
    assert all(count <= limit for count in kept[:-1])
    assert len([n for n in taken if n]) > len(kept)  # chunks of reviews came after it
