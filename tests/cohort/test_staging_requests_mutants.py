"""Staging that starts its workers afresh (this process already runs threads: DuckDB's, a
library caller's) makes each request to the fork server whole first, as the cohort
engine's reporting does (round 78, `worker_sockets.whole_requests`); without it, under a
`ulimit -n` with room to connect but not for the pipes, the fork server read an empty
request and printed CPython's `EOFError` traceback. Round 79's sweep: only `support`'s
reporting was tested, and staging's own call could go unseen."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from program import python

if sys.platform != "linux":
    pytest.skip("a fork server", allow_module_level=True)

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"

_STAGE = """
import json, os, sys, threading, time
from multiprocessing import forkserver
from selfreview_core import Engine
from selfreview_core.cohort.staging import Reader, stage
threading.Thread(target=time.sleep, args=(30,), daemon=True).start()  # as DuckDB's
before = hasattr(forkserver.connect_to_new_process, "__wrapped__")
with open(os.path.join(sys.argv[1], "staged.jsonl"), "wb") as out:
    staged = stage(sys.argv[2:], Reader(Engine().framework_names()), out, jobs=2)
whole = hasattr(forkserver.connect_to_new_process, "__wrapped__")
print(json.dumps([before, whole, staged.reviews, len(staged.skipped)]))
"""


def test_staging_in_a_threaded_process_makes_its_workers_requests_whole(tmp_path: Path) -> None:
    files = sorted(str(p) for p in COHORT.iterdir() if p.suffix == ".yaml")
    done = python(
        ["-c", _STAGE, str(tmp_path), *files], env={**os.environ, "TMPDIR": str(tmp_path)}
    )
    assert (done.returncode, done.stderr) == (0, b""), done
    before, whole, reviews, skipped = json.loads(done.stdout)
    assert (before, whole) == (False, True)
    assert (reviews, skipped) == (len(files), 0)
    staged = (tmp_path / "staged.jsonl").read_bytes().splitlines()
    assert len(staged) == len(files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["staged.jsonl"]  # nothing left
