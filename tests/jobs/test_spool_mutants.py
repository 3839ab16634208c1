"""Behaviours of `spool` that a mutation pass (round 33) found no test pinned: how big a
worker's span is, what `line_spans` asks at the end of a file, that workers' files are
private, and that bytes come out whole where the kernel copies a range in pieces, where a
range is one byte, where a system has no vectored write, and where no stream is flushed; and
(round 38's whole pass) that a range past the end of its file fails instead of hanging; and
(round 40, the rest of round 38's sample) lines at and around the limit, a last line with no
end, a spool file opened as descriptor 0, and that a span cannot be changed."""

from __future__ import annotations

import dataclasses
import io
import os
import stat
import tempfile
from pathlib import Path

import pytest

from jobs.test_spool import _spooled
from selfreview_core.files.json_lines import read_lines
from selfreview_core.files.line_reading import holds_document, span_lines
from selfreview_core.jobs import spool
from selfreview_core.jobs.spool import (
    Output,
    directory,
    line_spans,
    span_size,
    write_all,
    write_parts,
)


@pytest.mark.parametrize("workers", [1, 2, 3, 8, 64])
def test_a_span_is_a_quarter_of_each_workers_share_within_bounds(workers: int) -> None:
    """Between the bounds, a span is a quarter of what is left over the workers, for any
    number of workers (none counts as one)."""
    share = 4 * workers * (spool._LEAST + 1000)
    assert span_size(share, workers) == spool._LEAST + 1000
    assert span_size(0, workers) == spool._LEAST
    assert span_size(1 << 40, workers) == spool._LARGEST
    assert span_size(4 * (spool._LEAST + 8), 0) == spool._LEAST + 8


def test_line_spans_asks_the_size_of_what_is_left_down_to_nothing(tmp_path: Path) -> None:
    """`size` is asked of the bytes left after each span, the last time of none at all."""
    path = tmp_path / "lines.jsonl"
    path.write_bytes(b"a" * 9 + b"\n" + b"b" * 9 + b"\n")
    asked: list[int] = []

    def size(left: int) -> int:
        asked.append(left)
        return 1

    with path.open("rb") as stream:
        spans = list(line_spans(stream, str(path), size))
    assert [(s.offset, s.length, s.first) for s in spans] == [(0, 10, 1), (10, 10, 2)]
    assert asked == [20, 10, 0]


def test_the_private_folder_may_be_gone_before_the_block_ends(tmp_path: Path) -> None:
    """A folder already removed (or emptied) when its block ends is no error."""
    with directory(str(tmp_path / "out")) as folder:
        _spooled(folder, "0", b"x")
        os.remove(os.path.join(folder, "0"))
        os.rmdir(folder)
    assert list(tmp_path.iterdir()) == []


def test_a_workers_file_is_readable_and_writable_by_its_owner_alone(tmp_path: Path) -> None:
    path = _spooled(str(tmp_path), "0", b"report")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert Path(path).read_bytes() == b"report"


@pytest.mark.parametrize("at", [None, 3])
def test_parts_are_written_whole_without_vectored_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at: int | None
) -> None:
    """On a system with no `writev` or `pwritev`, every byte is written all the same, one
    write at a time, where the file stands or from `at`."""
    monkeypatch.delattr(os, "writev", raising=False)
    monkeypatch.delattr(os, "pwritev", raising=False)
    parts = [b"ab", b"c", b"", b"defg"] * 3
    target = tmp_path / "out"
    target.write_bytes(b"___")
    handle = os.open(target, os.O_WRONLY)
    try:
        if at is None:
            os.lseek(handle, 3, os.SEEK_SET)
        write_all(handle, parts, at=at)
    finally:
        os.close(handle)
    assert target.read_bytes() == b"___" + b"".join(parts)


#: What `_copy_out` spools by default: one file holding the alphabet.
ALPHABET = (b"abcdefghijklmnopqrstuvwxyz",)


def _copy_out(
    tmp_path: Path,
    ranges: list[tuple[int, int]],
    kernel: bool,
    files: tuple[bytes, ...] = ALPHABET,
    mark: bytes = b"|",
) -> bytes:
    """The bytes `Output` gives for `ranges` of the spool files holding `files` (a range:
    `(its file's number * 1000 + offset, length)`), each range followed by `mark`."""
    with directory(str(tmp_path / "out")) as folder:
        paths = [_spooled(folder, str(n), data) for n, data in enumerate(files)]
        target = tmp_path / "out"
        written: list[bytes] = []  # where the kernel does not copy: `write` alone
        with target.open("wb") as sink:
            output = Output(written.append)
            if kernel:
                output = Output(sink.write, fileno=sink.fileno(), flush=sink.flush)
            for where, length in ranges:
                output.add(paths[where // 1000], where % 1000, length)
                if mark:
                    output.write(mark)
            output.flush()
            output.close()
        return target.read_bytes() if kernel else b"".join(written)


@pytest.fixture
def advised(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Each offset and length the system is advised of (`posix_fadvise`), still advised."""
    calls: list[tuple[int, int]] = []
    real = os.posix_fadvise

    def advise(*call: int) -> None:
        real(*call)
        calls.append((call[1], call[2]))

    monkeypatch.setattr(os, "posix_fadvise", advise)
    return calls


@pytest.mark.parametrize("kernel", [True, False])
def test_ranges_of_one_byte_come_out(tmp_path: Path, kernel: bool) -> None:
    assert _copy_out(tmp_path, [(0, 1), (25, 1), (3, 2)], kernel) == b"a|z|de|"


def test_a_range_the_kernel_copies_in_pieces_comes_out_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`copy_file_range` may copy less than asked: the rest is copied from where it
    stopped, until the range is whole."""
    real = os.copy_file_range

    def piecemeal(source: int, target: int, count: int, offset: int | None = None) -> int:
        return real(source, target, min(count, 3), offset)

    monkeypatch.setattr(os, "copy_file_range", piecemeal)
    assert _copy_out(tmp_path, [(2, 10), (20, 6)], True) == b"cdefghijkl|uvwxyz|"


def test_an_output_file_with_no_stream_to_flush_is_advised_all_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, advised: list[tuple[int, int]]
) -> None:
    """Into a file given by its descriptor alone (no `flush`), the system is still asked
    to write what was written behind, and every byte is there; with a `flush`, it is called
    before each advice."""
    monkeypatch.setattr(spool, "_BEHIND", 100)
    target = tmp_path / "out"
    handle = os.open(target, os.O_WRONLY | os.O_CREAT)
    try:
        output = Output(lambda data: os.write(handle, data), fileno=handle)
        for n in range(25):
            output.write(bytes([65 + n]) * 10)
        output.close()
    finally:
        os.close(handle)
    assert advised == [(0, 100), (100, 100)]
    assert target.read_bytes() == b"".join(bytes([65 + n]) * 10 for n in range(25))
    flushed: list[int] = []
    with target.open("wb") as sink:
        output = Output(sink.write, fileno=sink.fileno(), flush=lambda: flushed.append(1))
        for _ in range(25):
            output.write(b"x" * 10)
        sink.flush()
    assert len(flushed) == 2


@pytest.mark.parametrize("block", [1, 2, 3, 7, 64])
def test_lines_across_the_blocks_read_are_cut_as_one_block_would_cut_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    """A file read a few bytes at a time (lines and spans across the blocks) is cut into
    the very spans it is cut into when read at once."""
    path = tmp_path / "lines.jsonl"
    path.write_bytes(b"a\n\nbbbbbbbbbb\nc\r\n" * 3 + b"dd\n\n\neeeeeeee")

    def cut() -> list[tuple[int, int, int]]:
        with path.open("rb") as stream:
            spans = line_spans(stream, str(path), lambda left: 5)
            return [(s.offset, s.length, s.first) for s in spans]

    whole = cut()
    monkeypatch.setattr(spool, "_BLOCK", block)
    assert cut() == whole
    assert whole[0] == (0, 14, 1)


def test_a_stream_without_a_size_is_asked_for_spans_of_nothing_left() -> None:
    """Its size unknown, what is left is taken as nothing: every span the least."""
    asked: list[int] = []

    def size(left: int) -> int:
        asked.append(left)
        return 3

    list(line_spans(io.BytesIO(b"a\nbb\nccc\n"), "-", size))
    assert asked
    assert set(asked) == {0}


def test_the_private_folder_is_made_in_the_systems_when_it_cannot_be_beside(
    tmp_path: Path,
) -> None:
    with directory(str(tmp_path / "missing" / "out")) as folder:
        assert os.path.dirname(folder) == tempfile.gettempdir()
        assert os.path.isdir(folder)
    assert not os.path.exists(folder)


@pytest.mark.parametrize("kernel", [True, False])
def test_ranges_of_many_files_leave_no_file_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kernel: bool
) -> None:
    """Each spool file is closed once used up (and the last on `close`): an output of
    many workers' files holds no descriptor afterwards; copied a few bytes at a time
    where the kernel does not copy, with write-behind due after every few, the bytes are
    whole."""
    monkeypatch.setattr(spool, "_COPY", 2)
    monkeypatch.setattr(spool, "_BEHIND", 3)
    before = len(os.listdir("/proc/self/fd"))
    files = [bytes([65 + n]) * 5 for n in range(10)]
    ranges = [(n * 1000, 5) for n in range(10)]
    assert _copy_out(tmp_path, ranges, kernel, tuple(files), mark=b"") == b"".join(files)
    assert len(os.listdir("/proc/self/fd")) == before


def test_write_behind_of_copied_ranges_asks_only_every_few_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, advised: list[tuple[int, int]]
) -> None:
    monkeypatch.setattr(spool, "_BEHIND", 10)
    assert _copy_out(tmp_path, [(0, 4), (10, 4), (20, 4), (5, 4)], True) == (
        b"abcd|klmn|uvwx|fghi|"
    )
    assert advised == [(0, 10), (10, 10)]


def test_lines_after_a_long_line_in_the_same_span_are_read(tmp_path: Path) -> None:
    """A line over the limit in the middle of a span is skipped to its end only: the lines
    after it in the span are read, numbered as one reader of the whole file numbers them."""
    path = tmp_path / "lines.jsonl"
    path.write_bytes(b"{}\n" + b"z" * 50 + b"\n[1]\n\n" + b"y" * 30 + b"\n{}\n")
    with path.open("rb") as stream:
        [span] = list(line_spans(stream, str(path), lambda left: 1000))
    with path.open("rb") as stream:
        found = list(span_lines(stream, span, 12))
    assert found == [(1, b"{}\n"), (2, None), (3, b"[1]\n"), (5, None), (6, b"{}\n")]
    assert found == list(read_lines(str(path), 12))


def test_a_call_holds_at_most_vector_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = os.writev

    def counted(handle: int, data: list[bytes]) -> int:
        calls.append(len(data))
        return real(handle, data)

    monkeypatch.setattr(spool, "_VECTOR", 3)
    monkeypatch.setattr(os, "writev", counted)
    parts = [bytes([65 + n]) for n in range(8)]
    write_parts(str(tmp_path / "p"), parts)
    assert (tmp_path / "p").read_bytes() == b"ABCDEFGH"
    assert calls == [3, 3, 2]


@pytest.mark.parametrize("kernel", [True, False])
def test_a_range_past_the_end_of_its_file_is_an_error_not_a_hang(
    tmp_path: Path, kernel: bool
) -> None:
    """A worker's file shorter than the range it was said to hold (cut short, or another
    process's doing) fails the copy, naming the file, where the kernel copies and where the
    bytes are read and written; it never waits for bytes that will not come."""
    path = _spooled(str(tmp_path), "0", b"12345")
    with (tmp_path / "out").open("wb") as sink:
        if kernel:
            output = Output(sink.write, fileno=sink.fileno(), flush=sink.flush)
        else:
            output = Output(sink.write)
        output.add(path, 0, 9)
        with pytest.raises(OSError, match="ended early"):
            output.flush()
        output.close()


@pytest.mark.parametrize("end", [b"\n", b"\r\n"])
def test_a_line_of_exactly_the_limit_is_read_without_its_end(tmp_path: Path, end: bytes) -> None:
    """A line whose text is exactly `limit` bytes is read, given without its end (its reader
    counts every byte it is given), in a span and by one reader of the whole file alike; a
    byte more and it is over the limit."""
    path = tmp_path / "lines.jsonl"
    path.write_bytes(b"1" * 12 + end + b"2" * 13 + end + b"{}" + end)
    with path.open("rb") as stream:
        [span] = list(line_spans(stream, str(path), lambda left: 1000))
    with path.open("rb") as stream:
        found = list(span_lines(stream, span, 12))
    assert found == [(1, b"1" * 12), (2, None), (3, b"{}" + end)]
    assert list(read_lines(str(path), 12)) == found


@pytest.mark.parametrize(
    ("last", "read"), [(b"7", b"7"), (b"3" * 12, b"3" * 12), (b"3" * 13, None), (b"3" * 15, None)]
)
def test_a_last_line_without_an_end_is_read_or_over_the_limit_by_its_own_size(
    tmp_path: Path, last: bytes, read: bytes | None
) -> None:
    """The file's last line, with no end: a single byte is read (not lost as the span's
    last byte); of exactly `limit` bytes it is read; a byte more and it is over the limit
    (never cut to the limit), skipped to its very last byte (never a line of its own)."""
    path = tmp_path / "lines.jsonl"
    path.write_bytes(b"{}\n" + last)
    with path.open("rb") as stream:
        spans = list(line_spans(stream, str(path), lambda left: 1))
    found: list[tuple[int, bytes | None]] = []
    for span in spans:
        with path.open("rb") as stream:
            found += list(span_lines(stream, span, 12))
    assert found == [(1, b"{}\n"), (2, read)]
    assert list(read_lines(str(path), 12)) == found


def test_a_span_is_a_value_that_cannot_be_changed() -> None:
    """A worker's span, once cut, stays as cut: changing it is an error, and equal spans are
    one key (a work order can be kept in a set or a dict)."""
    span = spool.Span("lines.jsonl", 10, 20, 3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.offset = 0  # type: ignore[misc]
    assert span == spool.Span("lines.jsonl", 10, 20, 3)
    assert {span: 1}[spool.Span("lines.jsonl", 10, 20, 3)] == 1


def test_a_workers_file_opened_as_descriptor_0_is_closed_all_the_same(tmp_path: Path) -> None:
    """Started with standard input closed, the first spool file opened is descriptor 0: it
    is closed once used up like any other, and its bytes come out."""
    path = _spooled(str(tmp_path), "0", b"report")
    written: list[bytes] = []
    saved = os.dup(0)
    try:
        os.close(0)
        output = Output(written.append)
        output.add(path, 0, 6)
        output.flush()
        assert os.path.samestat(os.fstat(0), os.stat(path))
        output.close()
        with pytest.raises(OSError, match="Bad file descriptor"):
            os.fstat(0)
    finally:
        os.dup2(saved, 0)
        os.close(saved)
    assert written == [b"report"]
    assert not os.path.exists(path)


@pytest.mark.parametrize(
    ("line", "holds"),
    [
        (b"\xef\xbb\xbf", False),
        (b"\xef\xbb\xbf\n", False),
        (b"\xef\xbb\xbf \t\r\n", False),
        (b" \n", False),
        (b"", False),
        (b"\xef\xbb\xbf{}\n", True),
        (b"\xef\xbb\xbf\xef\xbb\xbf\n", True),  # a second mark is text: its reader says so
        (b"{}", True),
        (b"\xef\xbb{}\n", True),  # part of a mark is no mark
    ],
)
def test_a_line_of_a_byte_order_mark_alone_holds_no_document(line: bytes, holds: bool) -> None:
    assert holds_document(line) is holds


def test_a_line_of_a_byte_order_mark_alone_is_blank_in_a_span_as_in_the_file(
    tmp_path: Path,
) -> None:
    """Its reader drops the mark: nothing is left to read, at the file's top (an editor's
    "UTF-8 with BOM" before an empty first line) or after it (files joined by `cat`)."""
    path = tmp_path / "lines.jsonl"
    path.write_bytes(b"\xef\xbb\xbf\r\n{}\n\xef\xbb\xbf\n\xef\xbb\xbf{}")
    with path.open("rb") as stream:
        [span] = list(line_spans(stream, str(path), lambda left: 1000))
    with path.open("rb") as stream:
        found = list(span_lines(stream, span, 12))
    assert found == [(2, b"{}\n"), (4, b"\xef\xbb\xbf{}")]
    assert list(read_lines(str(path), 12)) == found
