"""`selfreview validate` printing into a file holds its lines until an engine is built, and
no more than a mebibyte of them (`HELD_AT_MOST`): a long run lets them go by building the
engine there, not at its end. The round 81 sweep over round 80's changed lines found the
bound itself pinned by no test (the test beside it sets a bound of its own): held twice
as long, nothing failed."""

from __future__ import annotations

import click
import pytest

from selfreview_core.cli import validate as validating

MEBIBYTE = 1 << 20


class _State:
    """A stand-in for the command's `State`: counts the engines built."""

    def __init__(self) -> None:
        self.built = 0

    def engine(self) -> str:
        self.built += 1
        return "engine"


def test_a_mebibyte_is_held_and_one_character_more_lets_it_go(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A mebibyte of lines held, nothing printed and no engine built; the next character
    builds the engine and everything goes, in order."""
    state = _State()
    held = validating._Held(state, holding=True)  # type: ignore[arg-type]
    half = "a" * (MEBIBYTE // 2)
    held.echo(half)
    held.echo(half, err=True)
    assert (state.built, capsys.readouterr()) == (0, ("", ""))
    held.echo("b")
    assert state.built == 1
    printed = capsys.readouterr()
    assert (printed.out, printed.err) == (f"{half}\nb\n", f"{half}\n")
    held.echo("c")  # let go: printed at once, no engine built again
    assert (state.built, capsys.readouterr().out) == (1, "c\n")


def test_a_refused_engine_lets_nothing_held_go(capsys: pytest.CaptureFixture[str]) -> None:
    """Past the bound, an engine refused (standard output is a plugin's file): the refusal
    goes up, and nothing held is written, then or at the end."""

    class Refusing(_State):
        def engine(self) -> str:
            raise click.UsageError("standard output is a plugin's file")

    held = validating._Held(Refusing(), holding=True)  # type: ignore[arg-type]
    with pytest.raises(click.UsageError):
        held.echo("a" * (MEBIBYTE + 1))
    held.let_go()
    assert capsys.readouterr() == ("", "")
