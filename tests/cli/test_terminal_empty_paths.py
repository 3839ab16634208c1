"""Every path a command takes, given as an empty name (`""`, `"$UNSET"`), is a usage error
(exit 2) that says so: "an empty name: give a file name". Before round 47 a path to read
was click's "File '' does not exist." (or "Path ''"), quoting nothing, where an output
name (`-o ""`) already said "an empty name".

The commands and their path parameters are found from the command group itself, so a
command or option added later is checked too, and a parameter that stops being a path
to read or write fails the count."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

GOOD = Path(__file__).resolve().parent.parent / "data" / "good"
ASSESSMENT = str(GOOD / "tiny-assessment.yaml")
FRAMEWORK = str(GOOD / "tiny-framework.yaml")
#: What a required parameter that is not a path is given (the framework of `assess`,
#: `migrate --to`): enough for the command to reach its output's name.
_OTHER_VALUES = {"framework": FRAMEWORK, "target": "tiny@2"}


def _path_params() -> list[tuple[str, str]]:
    """(command, parameter) for every parameter of every command that names a path."""
    return [
        (name, param.name or "")
        for name, command in sorted(cli.commands.items())
        for param in command.params
        if isinstance(param.type, click.Path)
    ]


PATHS = _path_params()


def _args(command_name: str, empty: str) -> list[str]:
    """A command line of `command_name` giving its parameter `empty` an empty name, and
    every other required parameter and every argument a value that exists."""
    command = cli.commands[command_name]
    args = [command_name]
    for param in command.params:
        if param.name == empty:
            value = ""
        elif not param.required and not isinstance(param, click.Argument):
            continue
        elif isinstance(param.type, click.Path):
            value = ASSESSMENT
        else:
            value = _OTHER_VALUES[param.name or ""]
        if isinstance(param, click.Option):
            args.append(param.opts[0])
        args.append(value)
    options = {p.name for p in command.params if isinstance(p, click.Option)}
    if "framework_files" in options and empty != "framework_files":
        args += ["--framework", FRAMEWORK]
    return args


def _param(command: click.Command, name: str) -> click.Parameter:
    return next(p for p in command.params if p.name == name)


def test_every_path_parameter_is_found() -> None:
    """Fails when a path parameter is added or removed: look at its empty name, then
    change the count."""
    assert len(PATHS) == 42, PATHS


@pytest.mark.parametrize(("command", "param"), PATHS)
def test_an_empty_path_is_a_usage_error_saying_so(
    command: str, param: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = _args(command, param)
    result = CliRunner().invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), args
    assert result.exit_code == 2, (args, result.output)
    path = _param(cli.commands[command], param)
    expected = (
        "a folder name"
        if isinstance(path.type, click.Path) and not path.type.file_okay
        else "a file or folder name"
        if isinstance(path.type, click.Path) and path.type.exists and path.type.dir_okay
        else "a file name"
    )
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("Error: Invalid value for "), (args, result.output)
    assert last.endswith(f": an empty name: give {expected}"), (args, result.output)
    assert "does not exist" not in result.output
    assert list(tmp_path.iterdir()) == []  # nothing written, not even in this folder
