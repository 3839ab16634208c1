"""The `selfreview` command group (`cli/__init__.py`): behaviour its other tests did not pin,
found by a sampled mutation pass over the module (round 44): which commands take
`--disable`, a program that runs commands in its own process keeping its own stream's
errors, a removed current folder named on one line, and `SELFREVIEW_DEBUG`."""

from __future__ import annotations

import errno
import io
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.test_config import in_removed_folder
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


def test_a_removed_current_folder_is_named_on_one_line(tmp_path: Path) -> None:
    """The folder's name (from `$PWD`) with a line break in it is shown escaped: the
    message stays one line."""
    done = in_removed_folder(tmp_path, "gone\nerror: forged", "validate", "x")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"Error: the current folder, {tmp_path}/gone\\nerror: forged, no longer exists "
        "(deleted or moved): change to a folder that does, and run the command again\n"
    )


def test_selfreview_debug_lets_an_unexpected_error_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without it, one line saying it is a bug; with `SELFREVIEW_DEBUG=1`, the error itself,
    for its traceback."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("selfreview_core.cli.frameworks.frameworks.callback", broken)
    quiet = CliRunner().invoke(cli, ["frameworks"])
    assert quiet.exit_code == 1
    assert "internal error: RuntimeError: boom" in quiet.stderr
    monkeypatch.setenv("SELFREVIEW_DEBUG", "1")
    told = CliRunner().invoke(cli, ["frameworks"])
    assert isinstance(told.exception, RuntimeError)


def test_the_version_is_told_only_when_asked_and_before_help() -> None:
    """`--version` (the group's own option since round 45, which says `0+unknown` from a
    tree that is not installed) behaves as click's did: a command run without it prints no
    version, `--version --help` answers the version (eager, in the order given) and
    `--help --version` the help, and shell completion (`resilient_parsing`) prints neither."""
    runner = CliRunner()
    plain = runner.invoke(cli, ["schema", "plan"], catch_exceptions=False)
    assert plain.exit_code == 0, plain.output
    assert "version" not in plain.stdout.splitlines()[0]
    first = runner.invoke(cli, ["--version", "--help"], catch_exceptions=False)
    assert (first.exit_code, first.stdout) == (0, f"selfreview, version {_installed()}\n")
    helped = runner.invoke(cli, ["--help", "--version"], catch_exceptions=False)
    assert helped.exit_code == 0
    assert helped.stdout.startswith("Usage: ")
    assert "--version   Show the version and exit." in helped.stdout
    with cli.make_context("selfreview", ["--version"], resilient_parsing=True) as context:
        assert context.info_name == "selfreview"  # not ended: nothing printed


def _installed() -> str:
    from importlib.metadata import version

    return version("selfreview-core")
