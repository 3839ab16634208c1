"""`spool`: what `--jobs` workers read and write themselves. A JSON Lines file cut into
spans and read span by span gives exactly the lines, numbers and over-limit markers that
reading it whole a line at a time gives; the ranges workers wrote come out whole, in
order, and their files are gone afterwards."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core.files.json_lines import read_lines
from selfreview_core.files.line_reading import span_lines
from selfreview_core.jobs import spool
from selfreview_core.jobs.spool import (
    Gathered,
    Output,
    Span,
    directory,
    line_spans,
    newlines,
    write_parts,
)

#: Lines as a JSON Lines file may hold them: text, blank or white lines, carriage returns,
#: and lines around the limit of the tests below (12 bytes).
_LINE = st.one_of(
    st.binary(max_size=20).map(lambda b: b.replace(b"\n", b"x")),
    st.sampled_from([b"", b" ", b"\t \r", b"\r", b"x" * 12, b"x" * 13, b"y" * 11 + b"\r"]),
)
_LIMIT = 12


def _file(tmp_path: Path, lines: list[bytes], end: bytes) -> Path:
    target = tmp_path / "lines.jsonl"
    target.write_bytes(b"\n".join(lines) + end)
    return target


def _by_spans(
    path: Path, size: int, limit: int
) -> tuple[list[Span], list[tuple[int, bytes | None]]]:
    with path.open("rb") as stream:
        spans = list(line_spans(stream, str(path), lambda left: size))
    with path.open("rb") as stream:
        found = [line for span in spans for line in span_lines(stream, span, limit)]
    return spans, found


@settings(max_examples=scaled(150), deadline=None)
@given(
    lines=st.lists(_LINE, max_size=40),
    end=st.sampled_from([b"", b"\n", b"\n\n"]),
    size=st.integers(1, 80),
)
def test_spans_read_one_by_one_give_the_lines_of_the_whole_file(
    tmp_path_factory: pytest.TempPathFactory, lines: list[bytes], end: bytes, size: int
) -> None:
    path = _file(tmp_path_factory.mktemp("spans"), lines, end)
    data = path.read_bytes()
    spans, found = _by_spans(path, size, _LIMIT)
    assert found == list(read_lines(str(path), _LIMIT))
    # The spans cover the file, one after another, each ending at the end of a line, each
    # at least `size` bytes long but the last, with the number of its first line.
    assert [s.offset for s in spans] == [
        sum(s.length for s in spans[:n]) for n in range(len(spans))
    ]
    assert sum(s.length for s in spans) == len(data)
    for span in spans:
        piece = data[span.offset : span.offset + span.length]
        assert span.first == data[: span.offset].count(b"\n") + 1
        assert piece.endswith(b"\n") or span.offset + span.length == len(data)
        assert b"\n" not in piece[size - 1 : -1]  # it ends at the first line end it can
    assert all(s.length >= size for s in spans[:-1])


#: Lines short and long around `newlines`' threshold (256 bytes on average),
#: so that a block holds runs of either and a count may change its way part-way.
_MIXED = st.one_of(
    st.binary(max_size=20),
    st.integers(200, 700).map(lambda n: b"x" * n),
).map(lambda b: b.replace(b"\n", b"x"))


@settings(max_examples=scaled(150), deadline=None)
@given(lines=st.lists(_MIXED, max_size=120), data=st.data())
def test_newlines_are_counted_as_bytes_count_counts_them(
    lines: list[bytes], data: st.DataObject
) -> None:
    """Found one at a time among long lines, counted byte by byte among short ones: the
    same number whatever the lines and wherever the range starts and stops."""
    block = b"\n".join(lines) + b"\n"
    start = data.draw(st.integers(0, len(block)), label="start")
    stop = data.draw(st.integers(start, len(block)), label="stop")
    assert newlines(block, start, stop) == block.count(b"\n", start, stop)


@settings(max_examples=scaled(60), deadline=None)
@given(lines=st.lists(_MIXED, min_size=1, max_size=200), size=st.integers(1, 20_000))
def test_spans_of_long_lines_are_numbered_as_one_reader_numbers_them(
    tmp_path_factory: pytest.TempPathFactory, lines: list[bytes], size: int
) -> None:
    """Each span's first line is the file's line one reader would count, with lines long
    and short and more of them to a span than `newlines` finds before it looks at their
    length: a wrong count is a wrong line in every message after it."""
    path = tmp_path_factory.mktemp("long") / "lines.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    data = path.read_bytes()
    with path.open("rb") as stream:
        spans = list(line_spans(stream, str(path), lambda left: size))
    assert [s.first for s in spans] == [data[: s.offset].count(b"\n") + 1 for s in spans]


@pytest.mark.parametrize(
    ("block", "start", "count"),
    [
        (b"ab\n" * 40, 0, 40),  # short lines: counted byte by byte after the first 32
        (b"ab\n" * 40, 30, 30),  # from within the block
        (b"y" * 299 + b"\n", 0, 1),
        (b"y" * 299 + b"\n" * 40, 0, 40),  # a long line, then short ones
        ((b"y" * 299 + b"\n") * 40, 0, 40),  # long lines: found one by one throughout
        ((b"y" * 299 + b"\n") * 40 + b"ab\n" * 40, 0, 80),
        (b"ab\n" * 40 + (b"y" * 299 + b"\n") * 40, 3, 79),
        (b"no end", 0, 0),
    ],
)
def test_newlines_counts_runs_of_short_and_long_lines(block: bytes, start: int, count: int) -> None:
    """More lines of a kind than `newlines` finds before it looks at their length, and
    whichever way it counts the rest, each newline once."""
    assert newlines(block, start, len(block)) == count


def test_spans_after_many_short_lines_start_at_their_lines(tmp_path: Path) -> None:
    """100 lines of 3 bytes, then 100 of 300, in spans of 10,000 bytes: the first span's
    short lines are counted byte by byte once 32 are found, and the next spans start at the
    lines one reader would count."""
    path = tmp_path / "lines.jsonl"
    path.write_bytes(b"".join([b"zz\n"] * 100 + [b"y" * 299 + b"\n"] * 100))
    with path.open("rb") as stream:
        spans = list(line_spans(stream, str(path), lambda left: 10_000))
    assert [s.first for s in spans] == [1, 134, 168]
    assert [s.length for s in spans] == [10_200, 10_200, 9_900]


def test_a_line_over_the_limit_is_marked_and_never_held_whole(tmp_path: Path) -> None:
    """A line longer than a block (read a megabyte at a time) within a span, and one at a
    span's end: each is one line, None, and the numbers after it stay right."""
    huge = b"z" * ((1 << 20) + 5)
    path = _file(tmp_path, [b"{}", huge, b"", b"[1]", huge], b"\n{}\n")
    spans, found = _by_spans(path, 4, 1000)
    assert found == [(1, b"{}\n"), (2, None), (4, b"[1]\n"), (5, None), (6, b"{}\n")]
    assert found == list(read_lines(str(path), 1000))
    assert [s.first for s in spans] == [1, 3, 5, 6]  # 3 bytes + the huge line, ...


def test_the_size_asked_for_follows_what_is_left_of_the_file(tmp_path: Path) -> None:
    path = _file(tmp_path, [b"a" * 9] * 10, b"\n")  # 100 bytes, ten lines
    asked: list[int] = []

    def size(left: int) -> int:
        asked.append(left)
        return left // 2

    with path.open("rb") as stream:
        spans = list(line_spans(stream, str(path), size))
    assert asked[:3] == [100, 50, 20]
    assert [s.length for s in spans] == [50, 30, 10, 10]
    with path.open("rb") as stream:  # nothing left: still one line a span, never empty
        assert [s.length for s in line_spans(stream, str(path), lambda left: 0)] == [10] * 10


def test_an_empty_file_has_no_span(tmp_path: Path) -> None:
    path = _file(tmp_path, [], b"")
    with path.open("rb") as stream:
        assert list(line_spans(stream, str(path), lambda left: 10)) == []


def test_a_stream_without_a_size_is_cut_all_the_same() -> None:
    stream = io.BytesIO(b"a\nbb\nccc\n")
    spans = list(line_spans(stream, "-", lambda left: 3))
    assert [(s.offset, s.length, s.first) for s in spans] == [(0, 5, 1), (5, 4, 3)]


def test_parts_are_written_one_after_the_other_however_many(tmp_path: Path) -> None:
    parts = [f"{n},".encode() for n in range(1500)]  # more than one `writev`
    write_parts(str(tmp_path / "p"), parts)
    assert (tmp_path / "p").read_bytes() == b"".join(parts)
    with pytest.raises(FileExistsError):  # never over a file there
        write_parts(str(tmp_path / "p"), [b"x"])


@settings(max_examples=scaled(150), deadline=None)
@given(
    sizes=st.lists(st.integers(0, 40), max_size=40),
    call=st.integers(1, 64),
    short=st.integers(1, 9),
    at=st.one_of(st.none(), st.integers(0, 5)),
)
def test_parts_are_written_in_bounded_calls_whatever_the_kernel_takes(
    tmp_path_factory: pytest.TempPathFactory,
    sizes: list[int],
    call: int,
    short: int,
    at: int | None,
) -> None:
    """`write_all` gives no call more than `_CALL` bytes unless one part alone is larger
    (large calls cost the kernel several times more, round 27), and whatever each call
    writes (a short write: at most `short` bytes here), the file holds the parts one
    after the other, from `at` (a positional write) or where it stood."""
    parts = [bytes([65 + n % 26]) * size for n, size in enumerate(sizes)]
    calls: list[int] = []

    def cut(write: Any) -> Any:
        def written(handle: int, data: Any, *where: int) -> int:
            calls.append(sum(map(len, data)))
            taken = b"".join(data)[:short]
            return int(write(handle, [taken], *where)) if taken else 0

        return written

    path = tmp_path_factory.mktemp("w") / "out"
    path.write_bytes(b"." * 3)
    handle = os.open(path, os.O_RDWR)
    try:
        os.lseek(handle, 3, os.SEEK_SET)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(spool, "_CALL", call)
            patch.setattr(os, "writev", cut(os.writev))
            patch.setattr(os, "pwritev", cut(os.pwritev))
            spool.write_all(handle, parts, at)
    finally:
        os.close(handle)
    data = b"".join(parts)
    start = 3 if at is None else at
    assert path.read_bytes()[start : start + len(data)] == data
    assert len(path.read_bytes()) == max(3, start + len(data) if data else 0)
    assert all(size <= call or size in set(map(len, parts)) for size in calls)
    assert len(calls) <= len(parts)


def test_calls_hold_as_many_parts_as_fit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts are grouped up to `_CALL` bytes a call (not one call a part), a part larger
    than that alone, and nothing is lost between the groups."""
    calls: list[list[int]] = []
    real = os.writev

    def counted(handle: int, data: Any) -> int:
        calls.append([len(b) for b in data])
        return real(handle, data)

    monkeypatch.setattr(spool, "_CALL", 10)
    monkeypatch.setattr(os, "writev", counted)
    parts = [b"aaaa", b"bbbb", b"cc", b"d" * 11, b"ee", b"", b"ffff", b"ggggggg"]
    write_parts(str(tmp_path / "p"), parts)
    assert (tmp_path / "p").read_bytes() == b"".join(parts)
    assert calls == [[4, 4, 2], [11], [2, 0, 4], [7]]


@settings(max_examples=scaled(150), deadline=None)
@given(
    writes=st.lists(st.one_of(st.none(), st.binary(max_size=30)), max_size=40),
    call=st.integers(1, 64),
)
def test_gathered_writes_go_out_whole_in_order_a_calls_worth_at_a_time(
    tmp_path_factory: pytest.TempPathFactory, writes: list[bytes | None], call: int
) -> None:
    """`Gathered` (None here: a `flush`): what is written is held until the next write
    would take it over `_GATHER` bytes, then handed to the kernel in one call (one write
    larger than that alone); `flush` hands over what is held. The file holds every byte
    once, in order; no more than a call's worth is ever held back, none once flushed."""
    calls: list[list[int]] = []
    real = os.writev

    def counted(handle: int, data: Any) -> int:
        calls.append([len(b) for b in data])
        return real(handle, data)

    expected: list[list[int]] = []
    held: list[int] = []
    for data in [*writes, None]:
        if data is None or (held and sum(held) + len(data) > call):
            expected += [held] if held else []
            held = []
        if data is not None:
            held.append(len(data))
    path = tmp_path_factory.mktemp("g") / "out"
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(spool, "_GATHER", call)
            patch.setattr(os, "writev", counted)
            gathered = Gathered(handle)
            given = 0
            for data in writes:
                if data is None:
                    gathered.flush()
                    assert os.fstat(handle).st_size == given
                    continue
                gathered.write(data)
                given += len(data)
                waiting = given - os.fstat(handle).st_size  # a call's worth at most
                assert waiting <= call or waiting == len(data)
            gathered.flush()
    finally:
        os.close(handle)
    assert path.read_bytes() == b"".join(data for data in writes if data is not None)
    assert calls == expected


def test_gathered_hands_over_its_whole_worth_in_one_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `Gathered` holds (up to `_GATHER` bytes) goes to the kernel in one call, even
    where that is more than `write_all`'s own `_CALL`: calls of 128 kB cost a batch's
    output file more system time than calls of 1 MB (round 32)."""
    calls: list[list[int]] = []
    real = os.writev

    def counted(handle: int, data: Any) -> int:
        calls.append([len(b) for b in data])
        return real(handle, data)

    monkeypatch.setattr(os, "writev", counted)
    monkeypatch.setattr(spool, "_CALL", 10)
    monkeypatch.setattr(spool, "_GATHER", 100)
    path = tmp_path / "out"
    handle = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:
        gathered = Gathered(handle)
        for n in range(6):
            gathered.write(bytes([65 + n]) * 20)
        gathered.flush()
    finally:
        os.close(handle)
    assert calls == [[20] * 5, [20]]
    assert path.read_bytes() == b"".join(bytes([65 + n]) * 20 for n in range(6))


def _spooled(folder: str, name: str, *parts: bytes) -> str:
    path = os.path.join(folder, name)
    write_parts(path, list(parts))
    return path


@pytest.mark.parametrize("kernel", [True, False])
def test_ranges_come_out_in_order_and_their_files_go(
    tmp_path: Path, kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Into a file (copied by the kernel) or through `write` only (standard output): the
    same bytes; ranges that follow on are copied as one; each spool file is removed once
    the next one's ranges come."""
    copies: list[tuple[int, int]] = []
    real = os.copy_file_range

    def copy(source: int, target: int, count: int, offset: int | None = None) -> int:
        copies.append((offset or 0, count))
        return real(source, target, count, offset)

    monkeypatch.setattr(os, "copy_file_range", copy)
    with directory(str(tmp_path / "out")) as folder:
        first = _spooled(folder, "0", b"aa", b"bbb", b"cccc")
        second = _spooled(folder, "1", b"dd", b"e")
        target = tmp_path / "out"
        with target.open("wb") as sink:
            written: list[bytes] = []
            output = (
                Output(sink.write, fileno=sink.fileno(), flush=sink.flush)
                if kernel
                else Output(written.append)
            )
            output.write(b"<")
            output.add(first, 0, 2)
            output.add(first, 2, 3)  # follows on: one copy
            output.add(first, 6, 3)  # skips a byte
            output.write(b"|")
            output.add(second, 0, 3)
            assert not os.path.exists(first)
            output.flush()
            output.close()
            assert not os.path.exists(second)
        assert os.listdir(folder) == []
        result = target.read_bytes() if kernel else b"".join(written)
    assert result == b"<aabbbccc|dde"
    assert copies == ([(0, 5), (6, 3), (0, 3)] if kernel else [])
    assert not any(p.name.startswith(".selfreview-jobs-") for p in tmp_path.iterdir())


def test_a_device_is_written_to_without_the_kernel_copy(tmp_path: Path) -> None:
    with directory() as folder:
        path = _spooled(folder, "0", b"x" * 100)
        with open(os.devnull, "wb") as sink:
            output = Output(sink.write, fileno=sink.fileno(), flush=sink.flush)
            output.add(path, 0, 100)
            output.flush()
            output.close()


def test_write_behind_asks_every_few_megabytes_and_keeps_the_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    advised: list[tuple[int, int]] = []
    real = os.posix_fadvise

    def advise(fd: int, offset: int, length: int, advice: int) -> None:
        advised.append((offset, length))
        real(fd, offset, length, advice)

    monkeypatch.setattr(os, "posix_fadvise", advise)
    monkeypatch.setattr(spool, "_BEHIND", 100)
    target = tmp_path / "out"
    with target.open("wb") as sink:
        output = Output(sink.write, fileno=sink.fileno(), flush=sink.flush)
        for n in range(30):
            output.write(bytes([65 + n % 26]) * 10)
        output.close()
    assert advised == [(0, 100), (100, 100), (200, 100)]
    assert target.read_bytes() == b"".join(bytes([65 + n % 26]) * 10 for n in range(30))


def test_the_private_folder_goes_however_the_block_ends(tmp_path: Path) -> None:
    made: list[str] = []

    def interrupted() -> None:
        with directory(str(tmp_path / "out")) as folder:
            made.append(folder)
            _spooled(folder, "0", b"x")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert list(tmp_path.iterdir()) == []
    assert os.path.dirname(made[0]) == str(tmp_path)  # beside the output: one filesystem
