"""A file is read from the system 64 KB at a time (`source.open_regular`), not the file
system's block (4 KB): a JSON Lines file of 20,000 schools was 6,100 reads, one every
three schools, each a system call that instruction counts do not see (round 80)."""

from __future__ import annotations

import io
from pathlib import Path

from selfreview_core.files import source


def test_one_read_of_the_system_brings_64_kb_and_the_lines_come_whole(tmp_path: Path) -> None:
    line = b'{"kind": "assessment", "evidence": "' + b"x" * 1000 + b'"}\n'
    path = tmp_path / "cohort.jsonl"
    path.write_bytes(line * 200)  # 200 KB: lines across each 64 KB boundary
    with source.open_regular(str(path)) as stream:
        assert isinstance(stream, io.BufferedReader)
        assert len(stream.peek(1)) == 1 << 16  # one read of the system, buffered
        assert stream.readlines() == [line] * 200
