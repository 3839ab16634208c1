"""Behaviours of `isolation.output` that a mutation pass (round 33) found no test pinned:
while a plugin runs, `sys.stdout` answers as the stream its writes go to (standard error)
would, so that a plugin that asks it what it is (its encoding, descriptor, buffer) or counts
what it wrote is not misled; with no standard error, writes are counted and dropped."""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType

import pytest

from selfreview_core.isolation.output import command_output, plugin_output


def test_inside_a_plugin_call_stdout_answers_as_standard_error_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with (tmp_path / "err").open("w", encoding="latin-1", errors="replace") as err:
        monkeypatch.setattr(sys, "stderr", err)
        with plugin_output():
            assert sys.stdout.write("abc") == 3
            assert sys.stdout.writable() is True
            assert sys.stdout.isatty() is False
            assert sys.stdout.fileno() == err.fileno()
            assert sys.stdout.encoding == "latin-1"
            assert sys.stdout.errors == "replace"
            assert sys.stdout.buffer is err.buffer
            assert sys.stdout.name == err.name  # anything else: the stream's own
    assert (tmp_path / "err").read_text(encoding="latin-1") == "abc"


def test_without_standard_error_a_plugins_writes_are_counted_and_dropped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stderr", None)
    with plugin_output():
        assert sys.stdout.write("dropped") == 7
        print("dropped too")
    print("ours")
    assert capsys.readouterr().out == "ours\n"


def test_while_a_command_runs_its_binary_standard_output_answers_as_the_real_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`sys.stdout.buffer` is a stand-in that names standard output when a write fails; a
    program that asks it what it is (a terminal? which descriptor?) before writing bytes
    is answered by the real stream's buffer."""
    with (tmp_path / "out").open("w", encoding="utf-8") as out:
        monkeypatch.setattr(sys, "stdout", out)
        with command_output():
            binary = sys.stdout.buffer
            assert binary is not out.buffer  # the stand-in
            assert binary.fileno() == out.fileno()
            assert binary.isatty() is False
            assert binary.name == out.name
            assert binary.mode == "wb"
            assert binary.write(b"report") == 6
            binary.flush()
    assert (tmp_path / "out").read_bytes() == b"report"


class _Kept:
    """A stand-in for `process_state.Kept`: what the end of a plugin call asks of it, and
    what it put back, with what standard error held by then."""

    def __init__(self, changed: bool, stderr: object) -> None:
        self.changed = changed
        self.stderr = stderr
        self.unseen = False
        self.put: list[str] = []
        self.frames: list[str] = []

    def unnoted(self) -> bool:
        return self.unseen

    def put_back(self, frame: FrameType | None) -> None:
        self.put.append(sys.stderr.getvalue())  # type: ignore[union-attr]
        self.frames.append(frame.f_code.co_name if frame is not None else "")


@pytest.mark.parametrize(
    ("changed", "replaced", "unseen", "put"),
    [
        (False, False, False, 0),
        (True, False, False, 1),
        (False, True, False, 1),
        (False, False, True, 1),
    ],
)
def test_a_plugin_call_that_changed_the_process_has_it_put_back_as_it_ends(
    changed: bool, replaced: bool, unseen: bool, put: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Round 53's mutation pass (`output.py`, `if kept is not None and (...)` made never
    to hold): when the outermost `plugin_output` block ends, what plugin code changed (a
    noted change, standard error replaced, a descriptor closed unnoted) is put back, once;
    nothing changed, nothing is done."""
    import io

    from selfreview_core.isolation import process_state

    stderr = io.StringIO()
    kept = _Kept(changed, stderr)
    kept.unseen = unseen
    monkeypatch.setattr(process_state, "kept", kept)
    monkeypatch.setattr(sys, "stderr", io.StringIO() if replaced else stderr)
    with plugin_output(), plugin_output():
        pass  # the inner block's end puts back nothing: the call goes on
    assert len(kept.put) == put


def test_a_line_a_plugin_left_unended_is_written_before_what_was_changed_is_put_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Round 53's mutation pass (`if partial:` made never to hold): what plugin code
    printed to standard error without ending its line is written when its call ends,
    before any warning of what it changed, not held for the next line of another call."""
    import io

    from selfreview_core.isolation import process_state, whole_lines

    stderr = io.StringIO()
    kept = _Kept(False, stderr)
    monkeypatch.setattr(process_state, "kept", kept)
    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setattr(whole_lines, "partial", {})
    monkeypatch.setattr("selfreview_core.isolation.output.partial", whole_lines.partial)
    with plugin_output():
        print("held", end="", file=whole_lines.standard_error())
        assert stderr.getvalue() == ""  # held: no line ended
    assert kept.put == ["held\n"]  # written, ending its line, then put back
    # The frame whose block ended (its plugin named in the warning), not its caller's.
    assert kept.frames == [sys._getframe().f_code.co_name]
    assert whole_lines.partial == {}
