"""What plugin code prints to standard error goes out a whole line at a time
(`isolation.whole_lines`), and nothing of it is lost."""

from __future__ import annotations

import io
import sys
import threading
from pathlib import Path

import pytest

from isolation.test_exit_functions import _batch
from program import selfreview, with_plugin
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


#: Enough schools that `--jobs 2` workers make most of them (as `test_in_workers`).
SCHOOLS = 150


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
    assert err.writes == ["progress\n"]
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
    assert err.writes == ["a b\n", "to stdout then stderr\n", "no end\n"]
    assert whole_lines.partial == {}
    print("the", "program", file=sys.stderr)
    assert err.writes[3:] == ["the", " ", "program", "\n"]


def test_what_is_held_at_a_calls_end_is_written_ending_its_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Text a plugin printed without a line break, when its call ends, is written as a line
    of its own: written as it was, the next line (the program's error naming that plugin,
    another call's, another worker's) ran on from it, "HOSTILE PARTb.jsonl:1: error: ..."
    (round 63)."""
    err = _kept(monkeypatch)
    with plugin_output():
        print("a part", end="")
    print("error: the program's own line", file=sys.stderr)
    assert err.getvalue() == "a part\nerror: the program's own line\n"
    assert whole_lines.partial == {}


def _installed_alone(site: Path) -> dict[str, str]:
    """The environment of a program with `hostile-partial` installed, alone."""
    return with_plugin(site, "hostile-partial", "selfreview_hostile.partial")


def test_a_plugins_parts_of_lines_are_lines_of_their_own_whatever_the_jobs(
    root: Path, tmp_path: Path
) -> None:
    """A plugin printing part of a line to standard error, then raising, in every school's
    hook: `report --jobs 2` ran two workers' parts into one another and into the errors
    naming them ("HOSTILE PARTHOSTILE PARTb.jsonl:2: error: ..."), where `--jobs 1` gave
    other lines (SPEC section 5). Now each part is a line, and the lines are the same
    (round 63); every report is written, and each school's error said at its line."""
    batch = _batch(root, tmp_path, SCHOOLS)
    env = _installed_alone(tmp_path / "site")
    lines = {}
    for jobs in ("1", "2"):
        args = ["report", batch.name, "--format", "json", "--jobs", jobs, "-o", "out.jsonl"]
        run = selfreview(args, cwd=tmp_path, env=env)
        assert run.returncode == 0, run.stderr
        assert len((tmp_path / "out.jsonl").read_text("utf-8").splitlines()) == SCHOOLS
        lines[jobs] = sorted(run.stderr.decode().splitlines())
    assert lines["2"] == lines["1"]
    failed = "error: plugin hostile-partial: selfreview_recommend raised RuntimeError: a part"
    told = [f"schools.jsonl:{n}: {failed} of a line printed" for n in range(1, SCHOOLS + 1)]
    assert lines["1"] == sorted(
        [
            *told,
            *["HOSTILE PART"] * SCHOOLS,
            f"{SCHOOLS} reports written to out.jsonl",
            "HOSTILE LATE",
        ]
    )


def test_what_a_plugins_thread_prints_after_the_last_call_is_not_lost(
    root: Path, tmp_path: Path
) -> None:
    """A plugin's own thread printing part of a line once the command has returned (after
    the last plugin call, whose end writes what is held): before round 63 it was held
    for good and lost, where without the hold it reached standard error. Now it is written
    as the program ends, a line of its own, after the command's last line."""
    batch = _batch(root, tmp_path, 1)
    args = ["report", batch.name, "--format", "json", "-o", "out.json"]
    run = selfreview(args, cwd=tmp_path, env=_installed_alone(tmp_path / "site"))
    assert run.returncode == 0, run.stderr
    assert run.stdout == b""
    assert run.stderr.decode().splitlines()[-2:] == ["1 report written to out.json", "HOSTILE LATE"]


def test_a_line_held_past_its_most_is_written_a_line_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A progress bar redrawn with `\\r` for a whole call is not held without end: past
    `HELD_MOST` characters what is held is written, ending its line, every character of
    it in order; what follows is held afresh (round 63)."""
    err = _kept(monkeypatch)
    monkeypatch.setattr(whole_lines, "HELD_MOST", 10)
    with plugin_output():
        for piece in ("\r1/4", "\r2/4", "\r3/4"):
            print(piece, end="")
        assert err.writes == ["\r1/4\r2/4\r3/4\n"]
        print("\r4/4", end="")
        assert err.writes == ["\r1/4\r2/4\r3/4\n"]
        sys.stdout.write("x" * 11)  # past the most at once: written with what was held
        assert err.writes[1:] == ["\r4/4" + "x" * 11 + "\n"]
        sys.stdout.write("y" * 11)  # nothing held before it, and still too much
        print(" done")
    assert err.writes[2:] == ["y" * 11 + "\n", " done\n"]
    assert whole_lines.partial == {}


def test_many_pieces_of_one_line_are_written_as_one_line_in_their_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ten thousand writes of a line, then its end: one write of them all, in order."""
    err = _kept(monkeypatch)
    with plugin_output():
        for n in range(10_000):
            sys.stdout.write(f"{n},")
        sys.stdout.write("end\nnext")
    assert err.writes == ["".join(f"{n}," for n in range(10_000)) + "end\n", "next\n"]
    assert whole_lines.partial == {}


def test_a_megabyte_is_held_and_a_character_more_is_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`HELD_MOST` is a megabyte, counted exactly: a megabyte written at once, or in pieces,
    is still held; one character more and it is all written, ending its line."""
    err = _kept(monkeypatch)
    most = 1 << 20
    with plugin_output():
        sys.stdout.write("w" * most)
        assert err.writes == []
        sys.stdout.write("v")
        assert err.writes == ["w" * most + "v\n"]
        sys.stdout.write("x" * (most - 1))
        sys.stdout.write("y")
        assert err.writes[1:] == []
        sys.stdout.write("z")
        assert err.writes[1:] == ["x" * (most - 1) + "yz\n"]
    assert whole_lines.partial == {}
