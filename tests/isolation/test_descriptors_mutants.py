"""A plugin that closes a standard descriptor or the file being written
(`isolation.descriptors`), what `test_descriptors.py` did not hold: while a batch is
written to its file, that file, left as it was, is not said to be closed and replaced; and
a plugin's own file opened at the written file's number is left to it, even with the
program's copy still open (round 67's pass)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from isolation.test_descriptors import KEPT, WARNINGS, _changing, _reaching
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


#: What the command says when a plugin's own file took the place of `out.jsonl`.
_REFUSED = [
    "warning: a plugin closed the file the command is writing (out.jsonl), and another"
    " file took its place; it will not be replaced",
    "Error: out.jsonl: closed, or another file put in its place; not replaced",
]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="open descriptors as Linux lists")
def test_another_file_at_the_number_being_written_is_left_with_the_copy_still_open(
    root: Path, tmp_path: Path
) -> None:
    """A plugin closing the file being written through a file object and opening its own
    at that number, the program's copy left open: the plugin's file is left as it is, not
    the program's put over it (the plugin's `plugin.log` then named the command's file),
    and the command fails naming `out.jsonl`, left as it was, as when the copy is closed
    too (`test_descriptors.py`)."""
    (tmp_path / "out.jsonl").write_bytes(b"the old reports\n")
    batch = _batch(root, tmp_path)
    args = ["report", batch.name, "--format", "json", "-o", "out.jsonl"]
    done = selfreview(args, cwd=tmp_path, env=_reaching(tmp_path, "reopen-first"))
    assert (done.returncode, done.stderr.decode().splitlines()) == (1, _REFUSED)
    assert (tmp_path / "out.jsonl").read_bytes() == b"the old reports\n"
    left = {"out.jsonl", "plugin.log", "schools.jsonl", "site"}  # no temporary file
    assert {path.name for path in tmp_path.iterdir()} == left
