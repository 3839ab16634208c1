"""Standard output's binary stream (`sys.stdout.buffer`, what a cohort's Parquet is written
to and flushed through) when descriptor 1 was closed OUTSIDE plugin code between a write
and its flush: a write small enough to wait in the buffer fails only at the flush. Round
69's pass over `isolation/output.py` (mutants 84, 108, 117) found no test of the flush's
put-back: the write's was pinned (round 53), the flush's could raise, or stop after putting
the descriptor back with the bytes unwritten, and no test said."""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterable

import pytest

from selfreview_core import _held
from selfreview_core.isolation.output import command_output


class _Raw:
    """A buffered binary stream whose first flush fails as a closed descriptor does."""

    def __init__(self) -> None:
        self.waiting = b""
        self.flushed: list[bytes] = []
        self.failures = 1

    def write(self, data: bytes) -> int:
        self.waiting += data
        return len(data)

    def flush(self) -> None:
        if self.failures:
            self.failures -= 1
            raise OSError(errno.EBADF, "Bad file descriptor")
        self.flushed.append(self.waiting)
        self.waiting = b""


class _Text:
    """The text stream standard output is, over `_Raw`."""

    def __init__(self, raw: _Raw) -> None:
        self.buffer = raw
        self.closed = False

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def _repairing(put_back: list[str], asked: list[int]) -> list[object]:
    def repair() -> Iterable[str]:
        asked.append(1)
        return put_back

    return [repair]


def test_a_flush_failing_on_a_descriptor_closed_outside_plugin_code_is_made_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raw, asked = _Raw(), list[int]()
    monkeypatch.setattr(_held, "REPAIR", _repairing(["descriptor 1"], asked))
    monkeypatch.setattr(sys, "stdout", _Text(raw))
    with command_output():
        assert sys.stdout.buffer.write(b"PAR1 the whole file PAR1") == 24
        sys.stdout.buffer.flush()
    assert asked == [1]  # put back once
    assert raw.flushed == [b"PAR1 the whole file PAR1"]  # and then written, whole
    assert raw.waiting == b""


def test_a_flush_failing_on_another_descriptor_is_an_error_naming_standard_output(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What `REPAIR` put back was not standard output's descriptor: nothing to make again,
    and the error names the stream, as a file's names the file."""
    raw, asked = _Raw(), list[int]()
    monkeypatch.setattr(_held, "REPAIR", _repairing(["descriptor 2"], asked))
    monkeypatch.setattr(sys, "stdout", _Text(raw))
    with command_output():
        sys.stdout.buffer.write(b"PAR1")
        with pytest.raises(OSError, match="Bad file descriptor") as raised:
            sys.stdout.buffer.flush()
    assert (raised.value.errno, raised.value.filename) == (errno.EBADF, "standard output")
    assert asked == [1]
    assert raw.flushed == []
