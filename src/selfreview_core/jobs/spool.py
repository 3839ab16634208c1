"""What lets `--jobs` workers read their own input and write their own output, so that only
small work orders and small results cross the pipes between processes.

Sending each JSON Lines line to a worker, and each ~20 kB report back, cost the command's
own process a quarter of its time (pickling, the pipe, unpickling, writing), and that
process is what the workers wait on. Instead:

- The command's process finds where the lines of a JSON Lines file fall (`line_spans`: one
  pass over the bytes, counting newlines) and hands a worker a `Span`: the file, a byte range
  of whole lines, and the number of its first. The worker reads those lines itself
  (`files.line_reading.span_lines`, above this layer: reading a line is the files' concern,
  and `validate` then imports nothing of this module), with the limits and the line
  numbers one reader would give.
- A worker writes what it makes to a file of its own in a private folder (`directory`,
  `write_parts`) and sends back where each piece lies; the command's process copies those
  ranges into the output in input order (`Output`): in the kernel where it can
  (`os.copy_file_range`), else read and written (standard output, a pipe). Into a regular
  file, forked workers write straight into the output instead (`placing`): no second copy.
- One process writing one regular file hands it a megabyte at a time, uncopied (`Gathered`).

Nothing of the package is imported here (layer 0): the caller reads files its own way and
names their errors.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import BinaryIO, Final

__all__ = [
    "Gathered",
    "Output",
    "Span",
    "directory",
    "line_spans",
    "newlines",
    "span_size",
    "write_all",
    "write_parts",
]

#: Bytes read at a time while looking for line boundaries.
_BLOCK: Final = 1 << 20
#: Buffers per `os.writev` (the system's IOV_MAX is at least 1024 on Linux).
_VECTOR: Final = 512
#: Bytes per `os.writev` at most (unless one buffer is larger). On this project's machine
#: (Linux 6.18, ext4), 414 MB in calls of 3.5 MB cost 0.5 to 1.2 s of system time, of 80 to
#: 160 kB 0.11 to 0.2 s, climbing again from 320 kB (docs/performance.md, round 27).
_CALL: Final = 128 << 10
#: Bytes a JSON Lines batch holds for its output file before one call (`Gathered`). Not
#: `_CALL`: for 5,000 reports (100 MB), calls of 128 kB cost 0.14 to 0.20 s of system time
#: against 0.10 to 0.16 s for 1 MB, as its buffered stream wrote (performance.md, round 32).
_GATHER: Final = 1 << 20
#: Bytes of a JSON Lines file per span given to a worker, at most and at least: the most
#: keeps a worker busy long enough that sending it costs little; spans shrink towards the
#: least as the file runs out, so that the workers finish together.
_LARGEST: Final = 256 << 10
_LEAST: Final = 16 << 10
#: Bytes copied at a time where the kernel cannot copy (to standard output, say).
_COPY: Final = 1 << 20
#: Bytes of an output file after which the system is asked to start writing them to disk.
_BEHIND: Final = 8 << 20


@dataclass(frozen=True, slots=True)
class Span:
    """Whole lines of a file: `length` bytes from `offset`, the first of them line
    `first` (counted from 1, blank lines included)."""

    file: str
    offset: int
    length: int
    first: int


def line_spans(stream: BinaryIO, file: str, size: Callable[[int], int]) -> Iterator[Span]:
    """The lines of `stream` (the file `file`, read from its start) in spans, each of at
    least `size(bytes left)` bytes unless the file ends first (one line at least), and
    ending at the end of a line. Read a block at a time, so a huge line is never held whole."""
    start = position = lines = 0
    first = 1
    size_left = _sized(size, stream)
    end = size_left(0)
    while block := stream.read(_BLOCK):
        index = 0
        while (cut := block.find(b"\n", max(end - 1 - position, index))) >= 0:
            lines += newlines(block, index, cut + 1)
            stop = position + cut + 1
            yield Span(file, start, stop - start, first)
            first, lines, start, index = first + lines, 0, stop, cut + 1
            end = start + size_left(start)
        lines += newlines(block, index, len(block))
        position += len(block)
    if position > start:
        yield Span(file, start, position - start, first)


def newlines(block: bytes, start: int, stop: int) -> int:
    """The newlines in `block[start:stop]`, found one at a time (`bytes.find` skips to each,
    where `bytes.count` reads every byte: cutting 25 MB into spans took 10 ms, not 14, round
    76), or once 32 lines average under 256 bytes by `bytes.count`, cheaper for those."""
    count, at, find = 0, start, block.find
    while (at := find(b"\n", at, stop) + 1) > 0:
        count += 1
        if count % 32 == 0 and at - start < count * 256:
            return count + block.count(b"\n", at, stop)
    return count


def span_size(left: int, workers: int) -> int:
    """The bytes of a file's next span for `workers` processes, with `left` bytes of it
    left: a quarter of each worker's share, within bounds."""
    return max(_LEAST, min(_LARGEST, left // (4 * max(1, workers))))


def _sized(size: Callable[[int], int], stream: BinaryIO) -> Callable[[int], int]:
    """`size` of the bytes left after an offset (from the file's size now)."""
    try:
        total = os.fstat(stream.fileno()).st_size
    except (OSError, ValueError, AttributeError):  # not a file with a size: one size
        total = 0
    return lambda offset: size(max(0, total - offset))


@contextmanager
def directory(beside: str | None = None) -> Iterator[str]:
    """A private folder for workers' output, removed with all it holds when the block ends,
    however it ends: in the folder of the file `beside` where one can be made there (the
    same filesystem, so the kernel can copy from it), else in the system's temporary one."""
    import shutil  # here: `tempfile` and `shutil` cost every JSON Lines reader's start-up
    import tempfile

    where = None
    if beside is not None:
        where = os.path.dirname(os.path.abspath(beside))
    try:
        folder = tempfile.mkdtemp(prefix=".selfreview-jobs-", dir=where)
    except OSError:
        if where is None:
            raise
        folder = tempfile.mkdtemp(prefix="selfreview-jobs-")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write_parts(path: str, parts: Sequence[bytes]) -> None:
    """A new file `path` holding `parts` one after the other, written without joining them."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        write_all(handle, parts)
    finally:
        os.close(handle)


class Gathered:
    """Bytes for the file open as `handle`, held until a system call's worth (`_GATHER`)
    and then written together (`write_all`), without joining or copying them. Through a
    buffered stream instead, each 20 kB report of a JSON Lines batch was copied into the
    stream's buffer first: about half the instructions of the batch's own work around a
    report (docs/performance.md, round 32). `flush` writes what is held, after `ask` (if
    given), which raises if the file is no longer the one open as `handle`."""

    def __init__(self, handle: int, ask: Callable[[], None] | None = None) -> None:
        self._handle = handle
        self._ask = ask
        self._parts: list[bytes] = []
        self._size = 0

    def write(self, data: bytes) -> None:
        if self._size + len(data) > _GATHER:
            self.flush()
        self._parts.append(data)
        self._size += len(data)

    def flush(self) -> None:
        parts = self._parts
        if parts:
            self._parts, self._size = [], 0
            if self._ask is not None:
                self._ask()
            write_all(self._handle, parts, most=_GATHER)


def write_all(
    handle: int, parts: Sequence[bytes], at: int | None = None, most: int | None = None
) -> None:
    """`parts` written one after the other into the file open as `handle`, without joining
    them (a few buffers to a system call, up to `most` bytes, by default `_CALL`: larger
    calls cost the kernel more, see `_CALL`): where it stands, or from offset `at`
    (`os.pwritev`, which leaves its position alone). A short write goes on with the rest."""
    largest = _CALL if most is None else most
    start = 0
    while start < len(parts):
        stop, total = start + 1, len(parts[start])
        while stop < len(parts) and stop - start < _VECTOR:
            size = len(parts[stop])
            if total + size > largest:
                break
            stop, total = stop + 1, total + size
        group = parts[start:stop]
        start = stop
        if at is None:
            done = os.writev(handle, group) if hasattr(os, "writev") else 0
        else:
            done = os.pwritev(handle, group, at) if hasattr(os, "pwritev") else 0
        rest = memoryview(b"".join(group))[done:] if done < total else b""
        while rest:
            if at is None:
                rest = rest[os.write(handle, rest) :]
            else:
                rest = rest[os.pwrite(handle, rest, at + total - len(rest)) :]
        if at is not None:
            at += total


class Output:
    """One output that bytes and ranges of files are written to, in the order given.

    `write` writes bytes (a file's buffered stream or `Gathered`, or standard output);
    with `fileno` (the file's descriptor) and `flush` (its stream's, called before the
    kernel writes to the descriptor), ranges are copied by the kernel where it can.
    Ranges that follow each other in one file are copied as one, when something else is
    written or on `flush`; a file's ranges must all be given before the next file's. A
    file is opened when its first range comes and removed once the next file's does (it
    is used up): `close` closes the last.

    Into a file (`fileno`), the system is asked to start writing what was written to disk
    every few megabytes (`posix_fadvise(DONTNEED)` starts writing dirty pages back), so
    that the one `fsync` at the end waits for the last few only: 60 ms for 100 MB on this
    project's machine without it, 10 ms with it (docs/performance.md, round 23).
    """

    def __init__(
        self,
        write: Callable[[bytes], object],
        *,
        fileno: int | None = None,
        flush: Callable[[], object] | None = None,
    ) -> None:
        self._write, self._fileno, self._flush = write, fileno, flush
        self._path: str | None = None
        self._handle = -1
        self._start = self._end = 0
        self._behind = fileno if hasattr(os, "posix_fadvise") else None
        self._written = self._advised = 0

    def write(self, data: bytes) -> None:
        # A report a call in a batch: `flush` and `_wrote` called only when they have
        # something to do (no range held back, no advice due: each call is ~500 instructions).
        if self._end:
            self.flush()
        self._write(data)
        self._written += len(data)
        if self._written - self._advised >= _BEHIND:
            self._wrote(0)

    def add(self, path: str, offset: int, length: int) -> None:
        """The `length` bytes at `offset` of the file `path`, after what came before."""
        if path != self._path:
            self.flush()
            self._open(path)
        elif offset == self._end:
            self._end += length
            return
        else:
            self.flush()
        self._start, self._end = offset, offset + length

    def flush(self) -> None:
        """Copy the range held back, if any."""
        start, end = self._start, self._end
        self._start = self._end = 0
        if end > start:
            self._copy(start, end - start)
            self._wrote(end - start)

    def close(self) -> None:
        self._open(None)

    def _open(self, path: str | None) -> None:
        if self._handle >= 0:
            os.close(self._handle)
            self._handle = -1
        if self._path is not None:
            with suppress(FileNotFoundError):  # its folder gone already (an early end)
                os.unlink(self._path)
        self._path = path
        if path is not None:
            self._handle = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))

    def _wrote(self, count: int) -> None:
        """Count what was written; start writing it to disk every few megabytes."""
        self._written += count
        if self._behind is None or self._written - self._advised < _BEHIND:
            return
        if self._flush is not None:
            self._flush()
        try:
            advice = os.POSIX_FADV_DONTNEED
            os.posix_fadvise(self._behind, self._advised, self._written - self._advised, advice)
        except OSError:  # not a file (a device): no advice
            self._behind = None
        self._advised = self._written

    def _copy(self, offset: int, length: int) -> None:
        if self._fileno is not None and hasattr(os, "copy_file_range"):
            if self._flush is not None:
                self._flush()
            try:
                while length > 0:
                    done = os.copy_file_range(self._handle, self._fileno, length, offset)
                    if done == 0:
                        raise OSError("copy_file_range copied nothing")
                    offset, length = offset + done, length - done
                return
            except OSError:  # not between these files (a device, another filesystem)
                self._fileno = None
        while length > 0:
            data = os.pread(self._handle, min(length, _COPY), offset)
            if not data:
                raise OSError(f"{self._path} ended early")
            self._write(data)
            offset, length = offset + len(data), length - len(data)
