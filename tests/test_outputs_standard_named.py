"""A batch report named as the file standard output or error is sent to (`report schools
--output-dir out >> out/100000-2026-10-05.json`, or `2>>`). That file is written through
its descriptor, never replaced (`atomic.is_special`, round 75), so the report could not go
there; before round 78 it was not written at all, exit 1, said as "not a regular file (a
device, a pipe or a socket); not replaced", of a regular file. It is written beside it now
(`-2`), as a report named as an input is, and the stream's file keeps what was sent to it."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from program import selfreview

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FIRST = "100000-2025-10-06.json"  # example-primary-2025's report
NAMED = "100000-2026-10-05.json"  # example-primary-2026's report: the stream's file
REVIEWS = ["example-primary-2025.yaml", "example-primary-2026.yaml"]


@pytest.mark.parametrize("stream", ["stdout", "stderr"])
def test_a_report_named_as_a_standard_stream_s_file_is_written_beside_it(
    stream: str, tmp_path: Path
) -> None:
    """Exit 0, both reports written (the one named as the stream's file as `-2`), the
    stream's file as it was with what the command sent to it after, nothing else made."""
    for name in REVIEWS:
        shutil.copy(EXAMPLES / name, tmp_path / name)
    out = tmp_path / "out"
    out.mkdir()
    (out / NAMED).write_bytes(b"kept\n")
    args = ["report", *REVIEWS, "--format", "json", "--output-dir", "out"]
    with (out / NAMED).open("ab") as log:
        if stream == "stdout":
            done = selfreview(args, cwd=tmp_path, stdout=log)
        else:
            done = selfreview(args, cwd=tmp_path, stderr=log)
    said = done.stderr if stream == "stdout" else (out / NAMED).read_bytes()[5:]
    assert done.returncode == 0, said
    assert said == b"2 reports written in out\n"
    assert (out / NAMED).read_bytes().startswith(b"kept\n")
    if stream == "stdout":
        assert (out / NAMED).read_bytes() == b"kept\n"  # a batch prints nothing there
    assert sorted(os.listdir(out)) == sorted([FIRST, NAMED, NAMED.replace(".json", "-2.json")])
    beside = json.loads((out / NAMED.replace(".json", "-2.json")).read_bytes())
    assert beside["assessment"]["assessed_on"] == "2026-10-05"
    assert json.loads((out / FIRST).read_bytes())["assessment"]["assessed_on"] == "2025-10-06"
