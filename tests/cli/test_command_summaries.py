"""`selfreview --help` lists the commands from their summaries (`cli._commands.SUMMARIES`),
importing none of them: each summary is its command's own, and the list is byte for byte
the one click makes from the commands themselves, whatever the terminal's width. Asked in a
process of its own, `--help`, `selfreview` alone and each command's `--help` import no
pydantic, no model and no command but the one asked about."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest

from program import python
from selfreview_core.cli import COMMANDS, cli
from selfreview_core.cli._commands import SUMMARIES, Commands, listed

#: Widths from narrower than a command's name to wider than any line.
WIDTHS = (1, 10, 20, 40, 60, 79, 80, 100, 120, 250)


def _docstring_summary(command: click.Command) -> str:
    assert command.help is not None
    return " ".join(command.help.partition("\n\n")[0].split())


@pytest.mark.parametrize("name", COMMANDS)
def test_each_summary_is_the_first_paragraph_of_its_commands_docstring(name: str) -> None:
    command = cli.commands[name]
    assert SUMMARIES[name] == _docstring_summary(command)
    # Nothing else of the command changes its line: it is made from the help alone.
    assert (command.short_help, command.hidden, command.deprecated) == (None, False, False)
    stand_in = Commands({name: name}).summarised(name)
    assert stand_in is not command
    for limit in range(200):
        assert stand_in.get_short_help_str(limit) == command.get_short_help_str(limit)


def test_every_command_has_a_summary_and_no_summary_lacks_a_command() -> None:
    assert list(SUMMARIES) == list(COMMANDS)


def _commands_listed(group: click.Group, width: int) -> str:
    ctx = click.Context(cli, info_name="selfreview")
    formatter = click.HelpFormatter(width=width)
    click.Group.format_commands(group, ctx, formatter)
    return formatter.getvalue()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_list_is_the_one_click_makes_from_the_commands(width: int) -> None:
    fresh = click.Group("selfreview", Commands(dict(COMMANDS)))  # nothing imported yet
    summarised = listed(fresh, click.Context(fresh))
    assert all(type(c) is click.Command for c in summarised.commands.values())  # stand-ins
    whole = click.Group("selfreview", {name: cli.commands[name] for name in COMMANDS})
    shown = _commands_listed(summarised, width)
    assert shown == _commands_listed(whole, width)
    assert shown.count("\n") >= len(COMMANDS) + 1  # a heading, and a line (or more) each


def test_a_command_already_imported_is_listed_as_itself() -> None:
    commands = Commands(dict(COMMANDS))
    validate = commands["validate"]
    assert commands.summarised("validate") is validate
    assert type(commands.summarised("report")) is click.Command
    added = click.Command("extra", help="A program's own command.")
    commands["extra"] = added  # a program that adds a command to the group
    assert commands.summarised("extra") is added


#: Run as `python -c`: the group's `--help`, `selfreview` alone, then each command's
#: `--help` in turn, printing (as JSON) what each said, its exit code and the modules it
#: imported that were not imported before.
_RUN = """
import json, sys
from selfreview_core.cli import COMMANDS, main
asked = [["--help"], [], *([name, "--help"] for name in COMMANDS)]
done = []
for args in asked:
    before = set(sys.modules)
    try:
        main(args)
    except SystemExit as end:
        code = end.code
    else:
        code = 0
    done.append([args, code, sorted(set(sys.modules) - before)])
print(json.dumps(done))
"""

#: Imported by no `--help`: pydantic, the models, the engine, the plugins.
HELP_NEVER = (
    *("pydantic", "pydantic_core", "pluggy", "yaml", "selfreview_core.model"),
    *("selfreview_core.engine", "selfreview_core.session", "selfreview_core.cli._plan_questions"),
)


_COMMAND_MODULES = frozenset(f"selfreview_core.cli.{name}" for name in COMMANDS)


def _under(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == n or m.startswith(f"{n}.") for n in names)]


def test_help_imports_only_what_it_prints(tmp_path: Path) -> None:
    done = python(["-c", _RUN], cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    runs = json.loads(done.stdout.decode().splitlines()[-1])
    assert len(runs) == len(COMMANDS) + 2
    for args, code, modules in runs:
        assert code == (2 if args == [] else 0), args  # alone: click's usage error
        assert _under(modules, HELP_NEVER) == [], args
        asked = [f"selfreview_core.cli.{args[0]}"] if args and args[0] in COMMANDS else []
        assert [m for m in modules if m in _COMMAND_MODULES] == asked
    assert "Commands:\n  assess " in done.stdout.decode()
