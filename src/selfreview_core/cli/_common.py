"""What every command shares: the group's state (the engine, built once), the options
several commands take, how errors are shown, and the checks of the files a command writes.

One private module, importing nothing heavy (no pydantic, no engine), so that every command
module can use it without importing another command's module, and `selfreview --help`
stays quick.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NoReturn, Protocol, TypeVar, runtime_checkable

import click

from .._names import DISABLE_ENV, FILE_SUFFIXES, POLICIES
from ..errors import Diagnostic, OutputRefused, SelfReviewError, UnknownFrameworkError
from ..escaping import shown
from ._terminal import FormatChoice, InputPath, progress

if TYPE_CHECKING:
    from ..engine import Engine
    from ..model.framework import Framework
    from ..model.problem import Problem
    from ..outputs import Inputs

__all__ = [
    "STDOUT",
    "FormatChoice",
    "InputPath",
    "State",
    "add_disable_option",
    "bad_parameter",
    "disable_option",
    "echo_problem",
    "error_line",
    "fail",
    "files_named",
    "framework_files_option",
    "migration_files_option",
    "output_file",
    "output_folder",
    "policy_option",
    "previous_option",
    "progress",
    "rule_files_option",
]

F = TypeVar("F", bound=Callable[..., Any])

#: `-o -` writes standard output (SPEC section 5).
STDOUT: Final = "-"

# -- errors, as one escaped line each ----------------------------------------------------


def error_line(diagnostic: Diagnostic) -> str:
    """One diagnostic on one line: the file's name and every word quoted from a file are
    shown escaped (`escaping.shown`), so neither can style, move or add a line."""
    where = ":".join(
        str(p) for p in (diagnostic.file, diagnostic.line, diagnostic.column) if p is not None
    )
    text = f"{diagnostic.path}: {diagnostic.message}" if diagnostic.path else diagnostic.message
    if diagnostic.hint:
        text = f"{text} ({diagnostic.hint})"
    where, text = shown(where, newline=False), shown(text, newline=False)
    label = click.style("error", fg="red", bold=True)
    return f"{click.style(where, bold=True)}: {label}: {text}" if where else f"{label}: {text}"


def echo_problem(problem: Problem) -> None:
    label = click.style(problem.severity, fg="red" if problem.severity == "error" else "yellow")
    text = shown(f"plugin {problem.source}: {problem.message}", newline=False)
    click.echo(f"{label}: {text}", err=True)


def fail(error: SelfReviewError) -> NoReturn:
    """Show every diagnostic of a library error and exit 1."""
    for diagnostic in error.diagnostics:
        click.echo(error_line(diagnostic), err=True)
    raise SystemExit(1)


def bad_parameter(error: SelfReviewError, param: str) -> click.BadParameter:
    """A library error about what an option or argument names, as a usage error (exit 2)."""
    hint = f" ({error.hint})" if error.hint else ""
    return click.BadParameter(
        shown(f"{error.first.message}{hint}", newline=False), param_hint=param
    )


# -- the group's state ------------------------------------------------------------------


class State:
    """Per-invocation state: the engine is built once, and only when a command needs it,
    without the plugins `SELFREVIEW_DISABLE` and every `--disable` name."""

    def __init__(self) -> None:
        self._engine: Engine | None = None
        self._shown = 0  # the engine's problems shown so far
        self._quiet = False
        self._disabled: list[str] = list(disabled_in_environment())

    def disable_plugins(self, names: Iterable[str]) -> None:
        """Leave these plugins out of the engine (`--disable`, given before it is built)."""
        self._disabled.extend(names)

    def engine(self, *, quiet: bool = False, **options: Any) -> Engine:
        """The engine, built on first use with `options` (see `Engine`). Its plugin problems
        are shown unless `quiet` (when the command reports them itself)."""
        if self._engine is None:
            from ..engine import Engine

            disable = [*self._disabled, *options.pop("disable", ())]
            self._engine = Engine(disable=disable, **options)
            self._quiet = quiet
            if not quiet:
                self.show_problems()
                # Frameworks, rule packs and migrations are collected on first use, after
                # this: what doing so finds is shown when the command ends.
                context = click.get_current_context(silent=True)
                if context is not None:
                    context.call_on_close(self.show_problems)
        return self._engine

    def show_problems(self) -> None:
        """Show the engine's problems not shown yet (unless it was built `quiet`)."""
        if self._engine is not None and not self._quiet:
            for problem in self._engine.problems[self._shown :]:
                echo_problem(problem)
            self._shown = len(self._engine.problems)

    def framework(self, name: str, param: str = "FRAMEWORK") -> Framework:
        """A framework named by path or by id (or id@version)."""
        if os.path.exists(name) or name.endswith(FILE_SUFFIXES):
            from ..loader import load_framework

            return load_framework(name)
        try:
            return self.engine().framework(name)
        except UnknownFrameworkError as error:
            raise bad_parameter(error, param) from None


def files_named(paths: Sequence[str]) -> list[str]:
    """The YAML and JSON files `paths` name (each directory walked once), each once;
    `BadParameter` for a directory with none."""
    from ..files.walk import expand_paths

    files: list[str] = []
    for path in paths:
        found = list(expand_paths([path]))
        if not found and os.path.isdir(path):
            message = f"no YAML or JSON files under {shown(path, newline=False)}"
            raise click.BadParameter(message, param_hint="PATHS")
        files.extend(found)
    return list(dict.fromkeys(files))


# -- the files a command writes: refused before any work (exit 2) ------------------------


def output_file(
    path: str | None,
    inputs: Inputs,
    option: str = "-o",
    *,
    document: bool = False,
    stdout: bool = True,
) -> str | None:
    """`path` if it can be written (None, or `-` for standard output where `stdout`
    allows it), else a usage error naming `option`. `document`: one document per file.
    A command that keeps its work in the file (`stdout=False`) reads it again, so a
    device or named pipe is refused too."""
    if path is None:
        return None
    if path == STDOUT:
        if stdout:
            return path
        raise click.BadParameter(
            "this command keeps its work in a file, not on standard output: give a file name",
            param_hint=option,
        )
    from ..outputs import check_target  # only a command that writes needs it

    try:
        check_target(path, inputs, document=document, reread=not stdout)
    except OutputRefused as error:
        raise click.BadParameter(_refusal(error), param_hint=option) from None
    return path


def output_folder(path: str, inputs: Inputs, option: str = "--output-dir") -> Path:
    """`path` as a folder for one file per item (created if missing), else a usage error
    naming `option`."""
    from ..outputs import check_folder

    try:
        return check_folder(path, inputs)
    except OutputRefused as error:
        raise click.BadParameter(_refusal(error), param_hint=option) from None


def _refusal(error: OutputRefused) -> str:
    return f"{error.first.message}{f' ({error.hint})' if error.hint else ''}"


# -- options several commands share, defined once ----------------------------------------

_FILE = click.Path(exists=True, dir_okay=False)


def policy_option(help: str) -> Callable[[F], F]:
    """`--policy`: how strand levels combine (`_names.POLICIES`)."""
    return click.option(
        "--policy", type=click.Choice(POLICIES), default="median", show_default=True, help=help
    )


def framework_files_option(
    help: str = "A framework file to use before the available ones (repeatable).",
) -> Callable[[F], F]:
    """`--framework FILE`, repeatable: frameworks used before the available ones."""
    return click.option("--framework", "framework_files", multiple=True, type=_FILE, help=help)


def migration_files_option(
    help: str = "A migration file (kind: migration) to use before the available ones (repeatable).",
) -> Callable[[F], F]:
    """`--migration FILE`, repeatable: migrations used before the ones plugins provide."""
    return click.option("--migration", "migration_files", multiple=True, type=_FILE, help=help)


def previous_option(help: str) -> Callable[[F], F]:
    """`--previous FILE`: the school's earlier review."""
    return click.option("--previous", type=_FILE, help=help)


#: `--rules FILE`, repeatable: rule packs applied as well as the installed ones.
rule_files_option = click.option(
    "--rules",
    "rule_files",
    multiple=True,
    type=_FILE,
    help="A rule pack file to apply as well (repeatable).",
)


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
