"""`main`'s last flush of standard output (`cli/__init__.py`), for output a command wrote
without flushing it (`sys.stdout.write`, `print`: `click.echo` flushes its own): the text
is on the stream when `main` ends, a reader gone by then is a quiet exit 0, and Ctrl-C
then reaches a program that called `main(args)` as Ctrl-C. Round 71's mutation pass left
these untested (its mutants 18, 25, 33 and 20), as no command of ours writes so; each test
is a program's own command, added to the group, that does."""

from __future__ import annotations

import io
import sys

import click
import pytest

from selfreview_core.cli import cli, main

pytestmark = pytest.mark.usefixtures("commands_added_taken_off")


class _Failing(io.RawIOBase):
    """A pipe whose first write fails with `error` (its reader gone, or Ctrl-C as it is
    written); later writes are taken, so that nothing fails again when the test ends."""

    def __init__(self, error: BaseException) -> None:
        self.error: BaseException | None = error

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        error, self.error = self.error, None
        if error is not None:
            raise error
        return len(memoryview(data))  # type: ignore[arg-type]


def _writing(text: str, stdout: io.TextIOWrapper, monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """A command that writes `text` as `print` would, to `stdout`, leaving it in the
    stream's buffer; what is written to standard error."""
    monkeypatch.setattr(sys, "stdout", stdout)
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)

    def write() -> None:
        sys.stdout.write(text)

    cli.add_command(click.Command("write", callback=write))
    return stderr


def test_what_a_command_left_in_the_buffer_is_on_the_stream_when_main_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A program that runs a command and reads what it wrote finds all of it there, exit
    status 0, nothing on standard error."""
    written = io.BytesIO()
    stdout = io.TextIOWrapper(written, encoding="utf-8")
    stderr = _writing("one line\nand a last one, not ended", stdout, monkeypatch)
    with pytest.raises(SystemExit) as ended:
        main(["write"])
    assert ended.value.code == 0
    assert written.getvalue() == b"one line\nand a last one, not ended"
    assert stderr.getvalue() == ""


def test_a_reader_gone_by_the_last_flush_is_a_quiet_exit_0(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`selfreview ... | head`, the reader gone before the command's output was flushed:
    exit 0, as when it goes while the command writes, and no "Broken pipe"."""
    pipe = io.BufferedWriter(_Failing(BrokenPipeError(32, "Broken pipe")))
    stderr = _writing("a report\n", io.TextIOWrapper(pipe, encoding="utf-8"), monkeypatch)
    with pytest.raises(SystemExit) as ended:
        main(["write"])
    assert ended.value.code == 0
    assert stderr.getvalue() == ""


def test_ctrl_c_at_the_last_flush_reaches_the_program_that_called_main(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Called with arguments, `main` returns or raises and leaves ending to the program: a
    Ctrl-C as the output is flushed is the program's `KeyboardInterrupt`, not an exit
    status made of it with a line saying it came too late (which `selfreview` itself says)."""
    pipe = io.BufferedWriter(_Failing(KeyboardInterrupt()))
    stderr = _writing("a report\n", io.TextIOWrapper(pipe, encoding="utf-8"), monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        main(["write"])
    assert stderr.getvalue() == ""
