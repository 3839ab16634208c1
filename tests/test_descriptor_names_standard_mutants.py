"""A standard stream closed as the command started (`descriptor_names.closed_standard`), what
`tests/cli/test_closed_streams.py` did not hold: `-o` naming a file that is there already
is that file, replaced, not the closed stream (round 67's pass)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from program import selfreview

pytestmark = pytest.mark.skipif(os.name != "posix", reason="a closed descriptor, as `<&-`")


@pytest.mark.parametrize("closed", [0, 1], ids=["<&-", ">&-"])
def test_a_file_there_already_is_replaced_with_a_standard_stream_closed(
    closed: int, root: Path, tmp_path: Path
) -> None:
    """Only a name of the closed stream (`/dev/stdin`, `/proc/self/fd/1`) is refused:
    `report.json`, an earlier run's, was said to be "standard input, which was closed when
    the command started" if it was not the same file as the (closed) stream."""
    target = tmp_path / "report.json"
    target.write_text("an earlier run's\n", encoding="utf-8")
    command = ["report", "examples/example-primary-2026.yaml", "-o", str(target)]
    done = selfreview(command, cwd=root, preexec_fn=lambda: os.close(closed))
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode() == f"Wrote {target} (json).\n"
    assert json.loads(target.read_text(encoding="utf-8"))["assessment"]["school"]["id"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.json"]
