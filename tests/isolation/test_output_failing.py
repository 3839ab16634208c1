"""The streams' stand-ins when a stream cannot be written (a full disk): standard output's
failure names it, whichever way it was written, and the program's standard error drops
what it cannot write. The command line's side of it is `tests/cli/test_full_streams.py`;
these hold each way of writing, in the process."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, cast

import pytest

from selfreview_core.isolation.output import command_output, standard_error_never_fails

pytestmark = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")

FULL_DISK = 28  # ENOSPC


@contextmanager
def standard_output_on_a_full_disk() -> Iterator[None]:
    """Standard output on a full disk, in the thread that runs the command (set inside the
    test: pytest sets `sys.stdout` again between a fixture and its test)."""
    saved = sys.stdout
    with open("/dev/full", "w", encoding="utf-8") as full:
        sys.stdout = full
        try:
            with command_output():
                yield
        finally:
            sys.stdout = saved
            with suppress(OSError):  # what is left in its buffer fails again: dropped
                full.close()


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _writelines(text: str) -> None:
    sys.stdout.writelines([text, text])
    sys.stdout.flush()


def _buffer(text: str) -> None:
    sys.stdout.buffer.write(text.encode())
    sys.stdout.buffer.flush()


@pytest.mark.parametrize("write", [_write, _writelines, _buffer], ids=lambda f: f.__name__)
@pytest.mark.parametrize("size", [10, 100_000], ids=["buffered", "larger than a buffer"])
def test_a_failed_write_to_standard_output_names_it(
    write: Callable[[str], None], size: int
) -> None:
    """Text or bytes, failing as written or when flushed: "standard output", as a file's
    error names the file."""
    with pytest.raises(OSError, match="No space") as failed, standard_output_on_a_full_disk():
        write("x" * size)
    assert failed.value.errno == FULL_DISK
    assert failed.value.filename == "standard output"


class _Failing:
    """A stream every write and flush of which fails, as a full disk's does."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def _fail(self, name: str, *args: Any) -> Any:
        self.calls.append(name)
        raise OSError(FULL_DISK, "No space left on device")

    def write(self, text: str) -> int:
        return int(self._fail("write", text))

    def writelines(self, lines: list[str]) -> None:
        self._fail("writelines", lines)

    def flush(self) -> None:
        self._fail("flush")


def test_standard_error_drops_what_it_cannot_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every way of writing is tried on the real stream, and none fails the caller."""
    failing = _Failing()
    monkeypatch.setattr(sys, "stderr", failing)
    standard_error_never_fails()
    assert sys.stderr.write("told") == 4
    sys.stderr.writelines(["a", "b"])
    sys.stderr.flush()
    print("and printed", file=sys.stderr)
    assert failing.calls == ["write", "writelines", "flush", "write", "write"]


def test_standard_error_is_stood_in_for_once(monkeypatch: pytest.MonkeyPatch) -> None:
    failing = _Failing()
    monkeypatch.setattr(sys, "stderr", failing)
    standard_error_never_fails()
    once = sys.stderr
    standard_error_never_fails()
    assert sys.stderr is once
    assert cast(Any, once).real is failing
