"""The `selfreview` command group (`cli/__init__.py`): behaviour its other tests did not pin,
found by a sampled mutation pass over the module (round 44): which commands take
`--disable`, and a program that runs commands in its own process keeping its own stream's
errors."""

from __future__ import annotations

import errno
import io
import sys

import pytest
from click.testing import CliRunner

from selfreview_core.cli import COMMANDS, cli, main


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_that_loads_plugins_takes_disable(name: str) -> None:
    """`--disable NAME` for every command but `schema`, which loads no plugin."""
    shown = CliRunner().invoke(cli, [name, "--help"], catch_exceptions=False)
    assert shown.exit_code == 0, shown.output
    assert ("--disable NAME" in shown.stdout) == (name != "schema")


def test_schema_refuses_disable_as_an_unknown_option() -> None:
    result = CliRunner().invoke(cli, ["schema", "--disable", "x", "plan"])
    assert result.exit_code == 2
    assert "No such option '--disable'" in result.stderr


class _Full(io.StringIO):
    """A standard output with no room left: every write fails."""

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_program_running_a_command_is_given_its_own_streams_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`main(args)` in another program: its standard output failing (here while `--help`
    is written, outside any command) is the program's to tell, raised as it is, not turned
    into an exit."""
    monkeypatch.setattr(sys, "stdout", _Full())
    with pytest.raises(OSError, match="No space left on device"):
        main(["--help"])
