"""A `--jobs` worker reads its span's lines as one reader of the whole file would, down to
how each is to be placed: a line that holds a CR alone is given as a `OneLine` (placed
counting only LF as a line's end), one without as it is. Pinned by round 78's sweep over
round 77's lines (`line_reading.span_lines`, moved from `spool`): asked the other way
round, a worker gave such a line as plain bytes, its problems placed a line too low, and
the whole-file reading's equal bytes did not show it."""

from __future__ import annotations

import io
from pathlib import Path

from selfreview_core.files.json_lines import read_lines
from selfreview_core.files.line_reading import OneLine, span_lines
from selfreview_core.jobs.spool import Span

#: Lines with a CR alone (first, inside, before the CRLF) and without.
TEXT = b'{"a": 1}\n\r{"b": }\n{"c":\r2}\r\n{"d": 4}\r\n{"e":\r\r\n'


def test_a_span_gives_each_line_as_the_whole_file_s_reading_does() -> None:
    found = list(span_lines(io.BytesIO(TEXT), Span("f.jsonl", 0, len(TEXT), 1), 100))
    assert [(number, type(text)) for number, text in found] == [
        (1, bytes),
        (2, OneLine),
        (3, OneLine),
        (4, bytes),
        (5, OneLine),
    ]
    assert b"".join(text or b"" for _, text in found) == TEXT


def test_the_whole_file_s_reading_agrees(tmp_path: Path) -> None:
    file = tmp_path / "f.jsonl"
    file.write_bytes(TEXT)
    whole = list(read_lines(str(file), 100))
    spans = list(span_lines(io.BytesIO(TEXT), Span("f.jsonl", 0, len(TEXT), 1), 100))
    assert [(n, type(t)) for n, t in whole] == [(n, type(t)) for n, t in spans]
