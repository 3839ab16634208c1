"""What the program's standard streams (`cli/_streams.py`) do that their other tests did not
pin: found by the round-42 mutation pass over the module."""

from __future__ import annotations

import io
import sys

import pytest

from selfreview_core.cli._streams import every_character_printable, flushed


class _Own(io.StringIO):
    """A host's own standard output (an IDE's, a notebook's): text, but no `reconfigure`."""

    def isatty(self) -> bool:
        return False


def test_a_standard_output_that_cannot_be_reconfigured_is_left_as_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    own = _Own()
    monkeypatch.setattr(sys, "stdout", own)
    every_character_printable()
    assert sys.stdout is own
    print("Ŵ →", file=sys.stdout)
    assert own.getvalue() == "Ŵ →\n"


class _Stream:
    def __init__(self, fails: bool = False) -> None:
        self.flushes, self._fails = 0, fails

    def flush(self) -> None:
        if self._fails:
            raise OSError(32, "Broken pipe")
        self.flushes += 1


def test_flushed_flushes_both_streams_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the program's quick end (`_ending.end_now`) and its end by a signal rely on:
    both streams flushed, True; one that cannot be (its reader gone), False, the other
    still flushed; a stream that is not there, passed by."""
    out, err = _Stream(), _Stream()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    assert flushed() is True
    assert (out.flushes, err.flushes) == (1, 1)
    monkeypatch.setattr(sys, "stdout", _Stream(fails=True))
    assert flushed() is False
    assert err.flushes == 2
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert flushed() is True
