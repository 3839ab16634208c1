"""A cohort's staging that fails as a chunk is taken stops its workers before their folder
is removed (round 77). DuckDB's connection is opened as the first chunk is taken
(`started`), and failed there under a low limit of open files; a signal's
`KeyboardInterrupt` can land there too. The workers were left running, writing their files
into a folder being removed (round 76's odd run: a work folder left behind, and a
worker's "No such file or directory" for its own file), until the collector closed the
pool, if ever."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
from pathlib import Path
from typing import Any

import pytest
import yaml

from selfreview_core import Engine
from selfreview_core.cohort import staging
from selfreview_core.cohort.staging import Reader, stage

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"


def _lines(count: int) -> bytes:
    review = yaml.safe_load((COHORT / "primary-1-2025.yaml").read_text(encoding="utf-8"))
    review["assessed_on"] = dt.date.isoformat(review["assessed_on"])
    out = []
    for n in range(count):
        review["school"] = {**review["school"], "id": str(1_000_000 + n)}
        out.append(json.dumps(review).encode() + b"\n")
    return b"".join(out)


@pytest.mark.parametrize("error", [RuntimeError("as DuckDB connected"), KeyboardInterrupt()])
def test_an_error_as_a_chunk_is_taken_stops_the_workers_first(
    tmp_path: Path, error: BaseException
) -> None:
    file = tmp_path / "cohort.jsonl"
    file.write_bytes(_lines(2_000))  # many spans: the workers have more to do

    def started() -> None:
        raise error

    target = tmp_path / "work" / "staged.jsonl"
    target.parent.mkdir()
    with target.open("wb") as out, pytest.raises(type(error)) as raised:
        stage([str(file)], Reader(Engine().framework_names()), out, jobs=2, started=started)
    assert raised.value is error  # the error itself, not one the workers made after
    assert multiprocessing.active_children() == []  # stopped, while the error is still held
    assert [p.name for p in target.parent.iterdir()] == ["staged.jsonl"]  # their folder gone


@pytest.mark.parametrize(("jobs", "fresh"), [(1, False), (2, True)])
def test_workers_are_started_afresh_only_where_there_are_workers_and_threads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int, fresh: bool
) -> None:
    """In a process holding threads, workers are not forked (`staging._threaded`), and
    their socket's folder is seen to first (`worker_sockets`)."""
    asked: list[object] = []
    monkeypatch.setattr(staging, "_threaded", lambda: True)
    monkeypatch.setattr(staging, "short_socket_folder", lambda: asked.append("socket"))
    pairs = staging.ordered_pairs  # type: ignore[attr-defined]

    def ordered_pairs(*args: Any, **kwargs: Any) -> Any:
        asked.append(kwargs["fresh"])
        return pairs(*args, **{**kwargs, "fresh": False})  # forked all the same, here

    monkeypatch.setattr(staging, "ordered_pairs", ordered_pairs)
    with (tmp_path / "staged.jsonl").open("wb") as out:
        stage(
            [str(COHORT / "primary-1-2025.yaml")],
            Reader(Engine().framework_names()),
            out,
            jobs=jobs,
        )
    assert asked == (["socket", True] if fresh else [False])
