"""The group's commands: each imported from its module when it is run or its own `--help`
is asked for, and listed by `selfreview --help` from a table of their summaries, so that the
list imports no command (before round 69 it imported all sixteen, and with them pydantic
and the models: 0.16 s of CPU against 0.07 s for `--version`)."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterator, MutableMapping
from typing import Any, Final

import click

from ._common import add_disable_option
from ._paths_given import paths_named
from ._terminal import add_no_color_option, one_value_each

__all__ = [
    "COMMANDS",
    "CONFIG_REFUSED",
    "PLUGIN_COMMANDS",
    "SUMMARIES",
    "Commands",
    "configured_first",
    "listed",
]

#: Every command, and the module of this folder that defines it (a function of its name).
COMMANDS: Final = {
    "assess": "assess",
    "awards": "awards",
    "benchmark": "benchmark",
    "collect": "collect",
    "combine": "combine",
    "config": "config",
    "frameworks": "frameworks",
    "migrate": "migrate",
    "plan": "plan",
    "plugins": "plugins",
    "report": "report",
    "schema": "schema",
    "show": "show",
    "support": "support",
    "validate": "validate",
    "voices": "voices",
}
#: Every command that loads plugins: each takes `--disable NAME` (repeatable), merged with
#: `SELFREVIEW_DISABLE`; the names reach the engine through `State`, not the command's code.
PLUGIN_COMMANDS: Final = tuple(name for name in COMMANDS if name != "schema")

#: Each command's summary: the first paragraph of its docstring, its words joined by one
#: space, from which click makes the line `selfreview --help` lists (cut at the first
#: sentence's end, shortened to the terminal's width). tests/cli/test_commands.py keeps
#: each equal to its command's docstring, and the list equal to the one click makes from
#: the commands themselves.
SUMMARIES: Final = {
    "assess": "Self-review against FRAMEWORK strand by strand, saving every answer to "
    "OUTPUT at once.",
    "awards": "Check ASSESSMENT against each award its framework declares: met or not, "
    "and exactly what is missing (levels not yet reached, strands without evidence).",
    "benchmark": "Benchmark a cohort: schools at each level of every strand, quartiles, "
    "and each school's position; or, with --format html, the authority's dashboard.",
    "collect": "Collect assessments into one cohort file: a Parquet table with one row per "
    "judgement, for `benchmark`, `support`, `report --cohort`, DuckDB, Polars or Spark.",
    "combine": "Draft the school's review from its respondents: each strand at the median "
    "of their answers (between two, the worse), with evidence saying how many of each "
    "group answered and each shown group's median.",
    "config": "Show the settings that apply in this folder and where each comes from.",
    "frameworks": "List the frameworks available: bundled and from plugins.",
    "migrate": "Carry ASSESSMENT's judgements to another version of its framework, "
    "through migrations (`--migration` files, then the ones plugins provide; a chain if "
    "need be).",
    "plan": "Make an action plan from the recommendations of ASSESSMENT's report "
    "(-o PLAN), or show how one is going (--status PLAN).",
    "plugins": "List the plugins in use: name, version, the hooks each implements and "
    "where it came from; the rule packs they provide; and every problem found loading "
    "them (a plugin that fails to import, a misspelt hook, ...). The list is given in "
    "full either way; with --strict, problems also make the exit code 1, as they do for "
    "`report --strict`.",
    "report": "Profile each ASSESSMENT and recommend what to do next, with every plugin "
    "and rule pack.",
    "schema": "Print the JSON Schema of a file KIND, for editors and JSON Schema tools, or "
    "of `report --format json`'s output (KIND report).",
    "show": "Print FRAMEWORK (an id or a file), or one element, aspect or strand of it, "
    "with every level descriptor.",
    "support": "Where support is needed: per aspect and strand, the schools not yet at a "
    "level, and every recommendation the installed plugins and rule packs make for those "
    "schools, counted across them, most schools first.",
    "validate": "Check framework, assessment and rule files (YAML or JSON), every problem at once.",
    "voices": "Compare one school's respondents group by group: per strand, how many of "
    "each group answered, the median and the range of levels given, and the strands where "
    "two groups' medians are two or more levels apart.",
}


#: Set in the group's context's `meta` (shared with its command's): the configuration
#: file's refusal (`config.read_config`), told when the command runs.
CONFIG_REFUSED: Final = "selfreview.config_refused"


def configured_first(command: click.Command) -> None:
    """Make `command` stop at the configuration file's refusal (`CONFIG_REFUSED`) before it
    does anything, once its command line is read: its `--help`, printed while the line is
    read, is still given. Before round 70 the group stopped at a broken `selfreview.toml`
    before any command's `--help`, exit 1: a user asking how to run a command got no help.
    A program's group (`tools`, added with `cli.add_command`) has each of its commands so
    held as it is found (`_held_as_found`), and stops at none itself where one of them is
    to run: before round 72 `tools hello` ran despite a broken file (a group with no
    callback), or `tools hello --help` was refused (a group with one)."""
    if isinstance(command, click.Group):
        _held_as_found(command)
    callback = command.callback
    if callback is None or getattr(callback, "configured_first", False):
        return

    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context(silent=True)
        refused = None if ctx is None else ctx.meta.get(CONFIG_REFUSED)
        if isinstance(refused, Exception) and ctx is not None and not ctx.invoked_subcommand:
            raise refused  # a group's command to run stops there, once its line is read
        return callback(*args, **kwargs)

    run.configured_first = True  # type: ignore[attr-defined]
    command.callback = run


def _held_as_found(group: click.Group) -> None:
    """Make each command `group` finds by name (`get_command`, as click runs one) held as
    the group's own are: its paths named as ours (`paths_named`), stopped at the
    configuration file's refusal (`configured_first`), a group in it too."""
    get = group.get_command
    if getattr(get, "configured_first", False):
        return

    @functools.wraps(get)
    def found(ctx: click.Context, name: str) -> click.Command | None:
        command = get(ctx, name)
        if command is not None:
            paths_named(command)
            configured_first(command)
        return command

    found.configured_first = True  # type: ignore[attr-defined]
    group.get_command = found  # type: ignore[method-assign,assignment]


class Commands(MutableMapping[str, click.Command]):
    """The group's commands by name, each imported from its module on first use (click's
    `Group` reads its commands through this mapping: `get_command`, `list_commands`)."""

    def __init__(self, modules: dict[str, str]) -> None:
        self._modules = modules
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        command = self._loaded.get(name)
        if command is None:
            module = importlib.import_module(f".{self._modules[name]}", __package__)
            command = getattr(module, name)
            if name in PLUGIN_COMMANDS:
                add_disable_option(command)
            add_no_color_option(command)
            one_value_each(command)
            paths_named(command)  # click's words, the name as ours show it
            configured_first(command)
            self._loaded[name] = command
        return command

    def __setitem__(self, name: str, command: click.Command) -> None:
        """A command a program adds (`cli.add_command`), held to what the group's own are:
        its paths named as ours (`paths_named`: before round 71 click's U+FFFD for a byte
        that is not UTF-8), the configuration file's refusal before it runs."""
        paths_named(command)
        configured_first(command)
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self._modules.pop(name, None)
        self._loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self._modules, *self._loaded]))

    def __len__(self) -> int:
        return len({*self._modules, *self._loaded})

    def summarised(self, name: str) -> click.Command:
        """The command as `--help` lists it: itself if imported (or added by a program),
        else a stand-in with its summary; a command with none in the table, imported."""
        if name not in self._loaded and name in SUMMARIES:
            return click.Command(name, help=SUMMARIES[name])
        return self[name]


def listed(group: click.Group, ctx: click.Context) -> click.Group:
    """A group like `group` whose commands are as `--help` lists them (`summarised`), for
    click's own `format_commands` to list: the same lines, the same shortening."""
    commands = group.commands
    if not isinstance(commands, Commands):  # a program's own mapping: listed as it is
        return group
    return click.Group(
        group.name, {name: commands.summarised(name) for name in group.list_commands(ctx)}
    )
