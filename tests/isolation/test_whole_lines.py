"""What plugin code prints to standard error goes out a whole line at a time
(`isolation.whole_lines`), and nothing of it is lost."""

from __future__ import annotations

import io
import sys
import threading

import pytest

from selfreview_core.isolation import process_state, whole_lines
from selfreview_core.isolation.output import plugin_output, standard_error_never_fails


class _Writes(io.StringIO):
    """A stream that records each write it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[str] = []

    def write(self, text: str) -> int:
        if text:
            self.writes.append(text)
        return super().write(text)


def _kept(monkeypatch: pytest.MonkeyPatch) -> _Writes:
    """Standard error recording its writes, kept as the program keeps it (`keep`, but
    nothing else of it): what is printed is held a line at a time only there."""
    err = _Writes()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(process_state, "kept", process_state.Kept(None, err))
    return err


def test_a_line_printed_in_parts_is_written_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    err = _kept(monkeypatch)
    with plugin_output():
        print("one", "two")  # four writes: "one", " ", "two", "\n"
        sys.stdout.write("three\nfour")
        assert err.writes == ["one two\n", "three\n"]
        sys.stdout.write(" five\n")
    assert err.writes == ["one two\n", "three\n", "four five\n"]
    assert whole_lines.partial == {}


def test_what_is_left_without_a_line_break_is_written_when_the_call_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    err = _kept(monkeypatch)
    with plugin_output():
        with plugin_output():  # an inner call: the outer goes on
            print("progress", end="")
        assert err.writes == []
    assert err.writes == ["progress"]
    assert whole_lines.partial == {}


def test_each_threads_line_is_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    err = _kept(monkeypatch)
    started, printed = threading.Event(), threading.Event()

    def other() -> None:
        with plugin_output():
            print("theirs", end="")
            started.set()
            printed.wait()
            print()

    thread = threading.Thread(target=other)
    with plugin_output():
        thread.start()
        started.wait()
        print("ours")
        printed.set()
        thread.join()
    assert err.writes == ["ours\n", "theirs\n"]


def test_without_standard_error_what_is_printed_is_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _kept(monkeypatch)
    monkeypatch.setattr(sys, "stderr", None)
    with plugin_output():
        print("dropped", end="")
    assert whole_lines.partial == {}


def test_a_program_embedding_the_engine_gets_each_write_as_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    err = _Writes()
    monkeypatch.setattr(sys, "stderr", err)
    with plugin_output():
        print("theirs", end="")
        assert err.writes == ["theirs"]
    assert whole_lines.partial == {}


def test_what_plugin_code_prints_to_is_told_what_a_stream_tells(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Plugin code that writes to its standard output itself (sent to standard error a
    whole line at a time) gets what a text stream gives: the number of characters written,
    whether or not its line was held, and the stream's own attributes (a mutation pass,
    round 62)."""
    err = _kept(monkeypatch)
    lines = whole_lines.standard_error()
    assert lines is not err  # held a line at a time
    assert lines.write("held") == 4
    assert lines.write(" then ended\n") == 12
    assert lines.getvalue() == "held then ended\n"  # the stream's own
    assert lines.closed is False
    assert err.writes == ["held then ended\n"]


def test_a_whole_line_leaves_nothing_held_and_the_process_unmarked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A line written whole holds nothing back and marks nothing for the end of the call:
    the check of a changed process is paid only when something was held (round 62)."""
    _kept(monkeypatch)
    kept = process_state.kept
    assert kept is not None
    whole_lines.standard_error().write("a whole line\n")
    assert whole_lines.partial == {}
    assert kept.changed is False
    whole_lines.standard_error().write("a part")
    assert kept.changed is True
    whole_lines.flush_partial()


def test_what_was_held_is_dropped_when_standard_error_has_gone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Text held from a line not ended, when standard error is gone by the call's end
    (`pythonw`, or a plugin that set it to None): dropped, not an `AttributeError` that
    would end the run (a mutation pass, round 62)."""
    _kept(monkeypatch)
    whole_lines.standard_error().write("a part")
    monkeypatch.setattr(sys, "stderr", None)
    whole_lines.flush_partial()
    assert whole_lines.partial == {}


def test_plugin_codes_own_prints_to_standard_error_are_written_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`print("a", "b", file=sys.stderr)` in plugin code, through the program's standard
    error (`standard_error_never_fails`): one write of the whole line, as its prints to
    standard output are, so that two `--jobs` workers' lines never run into one another;
    what ends no line is written when the call ends, and the program's own writes outside
    plugin code go as they are (round 62; before, four writes: "a", " ", "b", "\\n")."""
    err = _Writes()
    monkeypatch.setattr(sys, "stderr", err)
    standard_error_never_fails()  # as the program does, then keeps its streams
    monkeypatch.setattr(process_state, "kept", process_state.Kept(None, sys.stderr))
    with plugin_output():
        print("a", "b", file=sys.stderr)
        sys.stdout.write("to stdout ")
        print("then", "stderr", file=sys.stderr)
        print("no end", end="", file=sys.stderr)
        assert err.writes == ["a b\n", "to stdout then stderr\n"]
    assert err.writes == ["a b\n", "to stdout then stderr\n", "no end"]
    assert whole_lines.partial == {}
    print("the", "program", file=sys.stderr)
    assert err.writes[3:] == ["the", " ", "program", "\n"]
