"""What every command shares: the group's state (the engine, built once), the options
several commands take, how errors are shown; the checks of the files a command writes are
`_output_paths`'s, given from here.

One private module, importing nothing heavy (no pydantic, no engine), so that every command
module can use it without importing another's, and `selfreview --help` stays quick."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final, NoReturn, TypeVar

import click

from .._names import FILE_SUFFIXES, JSON_LINES
from ..errors import SelfReviewError, Skipped, UnknownFrameworkError
from ..escaping import shown, shown_name
from ._options import (
    DATE,
    add_disable_option,
    disable_option,
    disabled_in_environment,
    framework_files_option,
    migration_files_option,
    policy_option,
    previous_option,
    rule_files_option,
    table_or_json_option,
)
from ._output_paths import STDOUT, output_file, output_folder
from ._paths_given import NamedPath
from ._said import (
    dated_warnings,
    echo_problem,
    echo_warnings,
    error_line,
    tell_problems,
    warn_dated,
)
from ._terminal import (
    FormatChoice,
    HintedChoice,
    InputPath,
    dash_or,
    progress_counter,
    progress_steps,
)
from ._unnamed_inputs import engine_built, printed_onto_input

if TYPE_CHECKING:
    from ..config.settings import Config
    from ..engine import Engine
    from ..model.framework import Framework
    from ._folder_frameworks import FolderFrameworks, folder_frameworks, frameworks_named
    from ._plan_questions import PlanAsker

__all__ = [
    "DATE",
    "STDOUT",
    "FolderFrameworks",
    "FormatChoice",
    "HintedChoice",
    "InputPath",
    "PlanAsker",
    "State",
    "add_disable_option",
    "bad_parameter",
    "dash_or",
    "dated_warnings",
    "disable_option",
    "disabled_in_environment",
    "echo_problem",
    "echo_warnings",
    "end_without_teardown",
    "ends_without_teardown",
    "error_line",
    "fail",
    "files_named",
    "folder_frameworks",
    "framework_files_option",
    "frameworks_named",
    "migration_files_option",
    "no_file_named",
    "output_file",
    "output_folder",
    "policy_option",
    "previous_option",
    "printed_onto_input",
    "processes_option",
    "progress_counter",
    "progress_steps",
    "rule_files_option",
    "table_or_json_option",
    "tell_problems",
    "tell_skipped",
    "warn",
    "warn_dated",
]

F = TypeVar("F", bound=Callable[..., Any])

#: What two modules give the commands, imported when a command first asks for it (PEP 562):
#: `_plan_questions` only for `plan`, which prompts (every other command, `report` on a batch
#: above all, would pay at start-up for it, `session.view`, `textwrap` and `shutil`);
#: `_folder_frameworks` only for the commands that walk folders for frameworks (`validate`
#: would pay for its frozen dataclass, about 5 million instructions).
_LATER: Final = {
    "PlanAsker": "_plan_questions",
    "FolderFrameworks": "_folder_frameworks",
    "folder_frameworks": "_folder_frameworks",
    "frameworks_named": "_folder_frameworks",
}


def __getattr__(name: str) -> Any:
    if name in _LATER:
        from importlib import import_module

        return getattr(import_module(f".{_LATER[name]}", __package__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Set (`end_without_teardown`) by a command whose work is done and written.
_QUICK_END: list[bool] = []


def end_without_teardown() -> None:
    """Let the `selfreview` process end, once this command has returned, without tearing
    the interpreter down (`main`): exit functions run and standard streams are flushed,
    but the objects the batch left (caches of rendered reports, the engine's indexes) are
    not freed one by one, which the system does at once. After 5,000 reports that teardown
    took 50 to 60 ms of CPU, a tenth of a school's cost (docs/performance.md, round 27).
    Only for commands whose every output is complete and closed by then (`report`'s
    batch): never one that leaves a database to close (DuckDB checkpoints on close)."""
    _QUICK_END[:] = [True]


def ends_without_teardown() -> bool:
    """Whether the command run asked to end without teardown (`end_without_teardown`)."""
    return bool(_QUICK_END)


def processes_option(help: str) -> Callable[[F], F]:
    """`--jobs N` (SPEC section 5): the work in N processes, 0 for one per core; `help` says
    which work, and that the output is the same whatever N."""
    return click.option(
        "--jobs", type=click.IntRange(min=0), default=1, show_default=True, metavar="N", help=help
    )


def tell_skipped(skipped: Iterable[Skipped], anonymous: bool = False) -> None:
    """Each located diagnostic of the inputs `skipped`, one line each on standard error;
    where `anonymous`, none quoting what names a school (`unnamed_notes.values_unsaid`)."""
    if anonymous:
        from ..cohort.unnamed_notes import values_unsaid

        skipped = values_unsaid(skipped)
    for item in skipped:
        for diagnostic in item.diagnostics:
            click.echo(error_line(diagnostic), err=True)


def warn(text: str) -> None:
    """`warning: TEXT` on standard error, `text` escaped (a name in it may hold a control
    character) and on one line."""
    click.echo(f"{click.style('warning', fg='yellow')}: {shown(text, newline=False)}", err=True)


def fail(error: SelfReviewError) -> NoReturn:
    """Show every diagnostic of a library error and exit 1."""
    for diagnostic in error.diagnostics:
        click.echo(error_line(diagnostic), err=True)
    raise SystemExit(1)


def bad_parameter(error: SelfReviewError, param: str) -> click.BadParameter:
    """A library error about what an option or argument names, as a usage error (exit 2)."""
    hint = f" ({error.hint})" if error.hint else ""
    return click.BadParameter(shown_name(f"{error.first.message}{hint}"), param_hint=param)


class State:
    """Per-invocation state: the engine is built once, and only when a command needs it,
    without the plugins `SELFREVIEW_DISABLE` and every `--disable` name."""

    def __init__(self) -> None:
        self._engine: Engine | None = None
        self._shown = 0  # the engine's problems shown so far
        self._quiet = False
        self._disabled: list[str] = list(disabled_in_environment())
        #: The configuration file that applies (`config.read_config`), read by the group.
        self.config: Config | None = None

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
                # Frameworks, rule packs, migrations are collected later: shown at the end.
                context = click.get_current_context(silent=True)
                if context is not None:
                    context.call_on_close(self.show_problems)
            engine_built(self._engine)  # no output over a file its plugins give
        return self._engine

    def engine_factory(self, **options: Any) -> Callable[[], Engine]:
        """What builds the engine `engine(**options)` builds, again: each worker of
        `--jobs` builds its own (plugins are not shipped between processes)."""
        from functools import partial

        from ..engine import Engine

        disable = [*self._disabled, *options.pop("disable", ())]
        return partial(Engine, disable=disable, **options)

    def show_problems(self) -> None:
        """Show the engine's problems not shown yet (unless it was built `quiet`)."""
        if self._engine is not None and not self._quiet:
            for problem in self._engine.problems[self._shown :]:
                echo_problem(problem)
            self._shown = len(self._engine.problems)

    def framework(self, name: str, param: str = "FRAMEWORK") -> Framework:
        """A framework named by path or by id (or id@version); `-` reads standard input. A
        path to no file (nothing there, a link to nothing, a folder) is a usage error, as a
        file argument's is (SPEC section 5: exit 2); a device or pipe the loader refuses."""
        if name == STDOUT or os.path.lexists(name) or name.endswith(FILE_SUFFIXES):
            from ..loader import load_framework

            no_file_named(name, param)
            return load_framework(dash_or(name, param))
        try:
            return self.engine().framework(name)
        except UnknownFrameworkError as error:
            raise bad_parameter(error, param) from None


def no_file_named(name: str, param: str) -> None:
    """A usage error (exit 2) in click's words, as for every file argument, where `name`,
    given as a framework's file, is a folder or names nothing there (`-` aside): `show
    nothere.yaml`, and `migrate --to nothere.yaml`, which was told there was no framework
    of that name (round 82)."""
    if name != STDOUT and (os.path.isdir(name) or not os.path.exists(name)):
        try:
            NamedPath(exists=True, dir_okay=False).convert(name, None, None)
        except click.BadParameter as error:
            raise click.BadParameter(error.message, param_hint=param) from None


def files_named(paths: Sequence[str]) -> list[str]:
    """The YAML, JSON and JSON Lines files `paths` name (each directory walked once, as a
    batch walks it), each once; `BadParameter` for a directory with none."""
    from ..files.walk import expand_paths

    files: list[str] = []
    for path in paths:
        found = list(expand_paths([path], FILE_SUFFIXES + JSON_LINES))
        if not found and os.path.isdir(path):
            message = f"no YAML, JSON or JSON Lines files under {shown(path, newline=False)}"
            raise click.BadParameter(message, param_hint="PATHS")
        files.extend(found)
    return list(dict.fromkeys(files))
