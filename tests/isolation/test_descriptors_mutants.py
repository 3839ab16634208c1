"""A plugin that closes a standard descriptor (`isolation.descriptors`), what
`test_descriptors.py` did not hold: while a batch is written to its file, that file, left
as it was, is not said to be closed and replaced (round 67's pass)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from isolation.test_descriptors import KEPT, WARNINGS, _changing
from isolation.test_exit_functions import _batch
from program import selfreview

if sys.platform == "win32":  # pragma: no cover - descriptors as POSIX has them
    pytest.skip("POSIX descriptors", allow_module_level=True)


@pytest.mark.parametrize("how", ["fdopen-output", "reopen-output"])
def test_the_file_being_written_is_not_said_replaced_when_standard_output_is_closed(
    how: str, root: Path, tmp_path: Path
) -> None:
    """Standard output closed through a file object (no `os.close` to note it) is found
    when the plugin's call ends, with every file the program is writing looked at too:
    `out.jsonl`, untouched, is said as nothing, never as "closed ... and another file took
    its place; it will not be replaced" beside its three reports written whole."""
    batch = _batch(root, tmp_path)
    args = ["report", batch.name, "--format", "json", "-o", "out.jsonl"]
    done = selfreview(args, cwd=tmp_path, env=_changing(tmp_path, how))
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().splitlines() == [WARNINGS[1], "3 reports written to out.jsonl"]
    assert done.stdout == b""
    lines = (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 3
    for line in lines:
        assert json.loads(line)["problems"] == []
        assert KEPT in line  # the plugin's recommendation: its hook ran to the end
