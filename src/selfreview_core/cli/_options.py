"""The options several commands share, each defined once (`_common` hands them to the
commands, which import nothing else of this folder): `--policy`, `--framework FILE`,
`--migration FILE`, `--previous FILE`, `--rules FILE` and `--disable NAME`, and the type of
every date option (`DATE`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, Protocol, TypeVar, runtime_checkable

import click

from .._names import DISABLE_ENV, POLICIES
from ..escaping import shown
from ._terminal import FormatChoice, HintedChoice, InputPath

__all__ = [
    "DATE",
    "IsoDate",
    "add_disable_option",
    "disable_option",
    "disabled_in_environment",
    "framework_files_option",
    "migration_files_option",
    "policy_option",
    "previous_option",
    "rule_files_option",
]

F = TypeVar("F", bound=Callable[..., Any])

_FILE = InputPath(dir_okay=False)
_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class IsoDate(click.ParamType):  # type: ignore[type-arg]  # click 8.5 makes it generic
    """A date written YYYY-MM-DD, as the files hold dates, given as a `datetime.date`. A
    date of that form that no calendar has (`2025-02-30`) is told so: click's `DateTime`
    said it "does not match the format '%Y-%m-%d'", which it does."""

    name = "date"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dt.date):
            return value
        text = str(value)
        written = shown(text, newline=False)
        if not _ISO_DATE.fullmatch(text):
            self.fail(f"'{written}' is not a date: write it as YYYY-MM-DD", param, ctx)
        try:
            return dt.date.fromisoformat(text)
        except ValueError as error:  # a month past 12, a day past the month's last
            self.fail(f"'{written}' is not a date: {error}", param, ctx)


#: The type of every date option.
DATE: Final = IsoDate()


def policy_option(help: str, default: str | None = None) -> Callable[[F], F]:
    """`--policy`: how strand levels combine (`_names.POLICIES`); by default the framework's
    own `policy:` (median when it declares none), passed on as None."""
    return click.option(
        "--policy",
        type=HintedChoice(POLICIES),
        default=default,
        show_default="the framework's, else median" if default is None else True,
        help=help,
    )


def table_or_json_option(help: str) -> Callable[[F], F]:
    """`--format table|json` (default `table`), passed on as `output`: the choice of every
    command that prints one thing to read or to parse (`show`, `awards`, `validate`,
    `frameworks`, `plugins`, `config`); `help` says what the table is."""
    return click.option(
        "--format",
        "output",
        type=FormatChoice(["table", "json"]),
        default="table",
        show_default=True,
        help=help,
    )


def framework_files_option(
    help: str = "A framework file to use before the available ones (repeatable).",
) -> Callable[[F], F]:
    """`--framework FILE`, repeatable: frameworks used before the available ones; `-`
    reads standard input, as a file argument's `-` does (SPEC section 5), once."""
    return click.option(
        "--framework", "framework_files", multiple=True, type=InputPath(dir_okay=False), help=help
    )


def migration_files_option(
    help: str = "A migration file (kind: migration) to use before the available ones (repeatable).",
    file: InputPath = _FILE,
) -> Callable[[F], F]:
    """`--migration FILE`, repeatable: migrations used before the ones plugins provide."""
    return click.option("--migration", "migration_files", multiple=True, type=file, help=help)


def rule_files(file: InputPath = _FILE) -> Callable[[F], F]:
    """`--rules FILE`, repeatable: rule packs applied as well as the installed ones."""
    return click.option(
        "--rules",
        "rule_files",
        multiple=True,
        type=file,
        help="A rule pack file to apply as well (repeatable).",
    )


def previous_option(help: str) -> Callable[[F], F]:
    """`--previous FILE`: the school's earlier review."""
    return click.option("--previous", type=_FILE, help=help)


#: `--rules FILE` of the commands that read it once (`-`: standard input).
rule_files_option = rule_files()


def disabled_in_environment(environ: Mapping[str, str] = os.environ) -> tuple[str, ...]:
    """The plugin names in `SELFREVIEW_DISABLE` (comma separated; blanks ignored)."""
    names = (name.strip() for name in environ.get(DISABLE_ENV, "").split(","))
    return tuple(name for name in names if name)


@runtime_checkable
class DisablesPlugins(Protocol):
    """What the command group's state offers: names of plugins the engine must not load."""

    def disable_plugins(self, names: Iterable[str]) -> None: ...


def _remember(ctx: click.Context, _: click.Parameter, names: tuple[str, ...]) -> tuple[str, ...]:
    """Hand the names to the group's state as they are parsed, before the command runs, so
    that the engine it builds leaves them out whichever command asks for it."""
    state = ctx.find_object(DisablesPlugins)  # type: ignore[type-abstract]
    if state is not None:
        state.disable_plugins(names)
    return names


#: `--disable NAME`, defined once: what `disable_option` and `add_disable_option` give.
_DISABLE: Final[dict[str, Any]] = {
    "multiple": True,
    "metavar": "NAME",
    "help": f"A plugin not to use (repeatable; also ${DISABLE_ENV}=a,b).",
    "callback": _remember,
}

#: `--disable NAME`, repeatable, for a command that also takes the names itself (as `report`
#: and `plan` always have); they reach the engine through the group's state either way.
disable_option = click.option("--disable", **_DISABLE)


def add_disable_option(command: click.Command) -> click.Command:
    """Give `command` `--disable NAME` (unless it has it): the names reach the engine
    through the group's state, so the command's own code need not change."""
    if not any(param.name == "disable" for param in command.params):
        command.params.append(click.Option(["--disable"], expose_value=False, **_DISABLE))
    return command
