"""Behaviours of `isolation.output` that a mutation pass (round 33) found no test pinned:
while a plugin runs, `sys.stdout` answers as the stream its writes go to (standard error)
would, so that a plugin that asks it what it is (its encoding, descriptor, buffer) or counts
what it wrote is not misled; with no standard error, writes are counted and dropped."""

from __future__ import annotations

import sys
from pathlib import Path

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
