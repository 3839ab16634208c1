"""The `selfreview` command: a group, and one small module per command over the library,
imported when the command is run or its `--help` is asked for (`_commands`; `selfreview
--help` lists them from their summaries): `selfreview validate` imports nothing of the
engine, pluggy or the cohorts; no command imports another. What every command shares (the
engine, built once; options; how errors are shown) is in `_common`; exit codes: `cli`."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any, Final, NoReturn

import click

from ..errors import SelfReviewError
from ..escaping import shown
from ..files.stdin import release_stdin
from ._commands import COMMANDS, CONFIG_REFUSED, PLUGIN_COMMANDS, Commands, listed
from ._common import (
    State,
    disabled_in_environment,
    ends_without_teardown,
    fail,
)
from ._dashes import dashes_hinted, remember_given
from ._debug import debugging, pin
from ._ending import cannot_write, end_now, others_running, too_late, watched_end
from ._ignored import tell_ignored
from ._signals import end_by_the_signal, interrupted, stop_as_ctrl_c
from ._streams import every_character_printable, feeds_itself, quiet_streams
from ._terminal import (
    NO_COLOR_OPTION,
    color_off,
    no_color_wanted,
)

__all__ = ["COMMANDS", "PLUGIN_COMMANDS", "PROGRAM", "State", "cli", "main"]

#: The program's name: in its usage lines, and the variable of click's shell completion
#: (`_SELFREVIEW_COMPLETE`, docs/command-line.md).
PROGRAM: Final = "selfreview"


class _Group(click.Group):
    """Turns library errors into clean exits, and anything unexpected into one line."""

    def invoke(self, ctx: click.Context) -> Any:
        from ..isolation.output import command_output

        try:
            with command_output():  # a plugin's own thread prints to standard error
                return self._guarded(ctx)
        finally:
            release_stdin()  # read for this command only

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        remember_given(ctx, args)  # for the hint of an option typed with an en dash
        try:  # `--help` and `--version` are printed here, before any command
            return super().parse_args(ctx, args)
        except BrokenPipeError:  # click's own `main` would exit 1
            _reader_gone()

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """`--help`'s list of commands, from their summaries (`_commands.listed`): listing
        them imports none."""
        click.Group.format_commands(listed(self, ctx), ctx, formatter)

    def _guarded(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as error:  # `-o` typed with an en dash: the hint
            gone = ctx.meta.get(CONFIG_REFUSED)
            if isinstance(gone, click.ClickException):  # no current folder (`_configured`)
                raise gone from None
            raise self._hinted(error, ctx) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            _reader_gone()
        except Exception as error:
            if interrupted():  # Ctrl-C, `kill`, seen through whatever wrapped it
                raise click.Abort() from None
            self._failed(error)

    def _hinted(self, error: click.UsageError, ctx: click.Context) -> click.UsageError:
        """`error` with its command's usage and the dash hint (`dashes_hinted`), else as
        click made it: the hint reads the line again with the commands' parsers, and a
        program's that fails there (round 73: a traceback) must not hide the error."""
        try:
            if error.ctx is None:  # click's "Option '-o' requires an argument."
                error.ctx = self._running(ctx)
            return dashes_hinted(error, ctx)
        except Exception:
            return error

    def _running(self, ctx: click.Context) -> click.Context | None:
        """A context of the command `ctx` runs, for a usage error of its line that click
        raised with none: its usage and options, as every other usage error has (before
        round 72 "Option '-o' requires an argument." came alone, with no hint). None for a
        program's group, whose command that raised it is not known here."""
        name = ctx.invoked_subcommand
        command = self.get_command(ctx, name) if name else None
        if command is None or isinstance(command, click.Group):
            return None
        return click.Context(command, parent=ctx, info_name=name)

    @staticmethod
    def _failed(error: Exception) -> NoReturn:
        """A library error as its message, a system error naming its file; anything else
        as one line saying it is a bug."""
        if isinstance(error, SelfReviewError):
            fail(error)
        if isinstance(error, OSError):
            where = f"{error.filename}: " if error.filename else ""
            message = shown(f"{where}{error.strerror or error}", newline=False)
            raise click.ClickException(message) from None
        if debugging():  # as set when the program started, whatever a plugin made of it
            raise error
        message = (
            shown(f"internal error: {type(error).__name__}: {error}", newline=False) + "\n"
            "This is a bug in selfreview or a plugin; set SELFREVIEW_DEBUG=1 to see where."
        )
        raise click.ClickException(message) from None


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`--version`: the installed distribution's, or `0+unknown` when the program runs from
    a source tree that is not installed (click's own option raised there)."""
    if not value or ctx.resilient_parsing:
        return
    from .._names import installed_version

    click.echo(f"selfreview, version {installed_version()}", color=ctx.color)
    ctx.exit()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version and exit.",
)
@click.option("--no-color", **NO_COLOR_OPTION)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Self-review frameworks for ICT in schools: validate, show, assess, report.

    Exits 0 on success, 1 on invalid input (with --strict, on problems too), 2 on a usage
    error. No command shows a traceback; SELFREVIEW_DEBUG=1 shows one for a bug report.
    """
    ctx.obj = State()
    if no_color_wanted():
        color_off(ctx)
    try:
        ctx.default_map = _configured(ctx.obj)
    except (SelfReviewError, click.ClickException) as error:  # when the command runs, or
        ctx.meta[CONFIG_REFUSED] = error  # at its usage error: not for its --help
    if (said := feeds_itself()) is not None:  # `1<>feed`: every command, before its line
        ctx.meta.setdefault(CONFIG_REFUSED, click.UsageError(said))


def _configured(state: State) -> dict[str, dict[str, Any]]:
    """Every command's defaults from the configuration file (`config.read_config`): the
    command line wins over them, as click's `default_map` does; `SELFREVIEW_DISABLE` wins
    over the file's `disable`. A bad file stops every command, located, when it runs
    (`_commands.configured_first`): a command's `--help` is still given, with the defaults
    it shows without a file (none of the file's settings shows its default there). A
    current folder removed stops it so too, and at its usage error (`_Group._guarded`): no
    path given can be found there, which is what "does not exist" would say; but its
    `--help` needs none (before round 71 `report --help` there said the folder was gone,
    exit 1)."""
    from ..config.settings import read_config

    try:
        state.config = read_config()
    except FileNotFoundError:  # no current folder to look for the file from
        where = os.environ.get("PWD", "")
        raise click.ClickException(
            shown(
                f"the current folder{f', {where},' if where else ''} no longer exists ",
                newline=False,
            )
            + "(deleted or moved): change to a folder that does, and run the command again"
        ) from None
    values = state.config.values
    defaults: dict[str, Any] = {
        param: values[key]
        for key, param in _PARAMETERS.items()
        if key in values and not (key == "disable" and disabled_in_environment())
    }
    return dict.fromkeys(COMMANDS, defaults) if defaults else {}


#: The configuration file's keys, and the parameter each sets in every command that has it.
_PARAMETERS: Final = {
    "framework": "framework_files",
    "rules": "rule_files",
    "migration": "migration_files",
    "disable": "disable",
    "policy": "policy",
}


cli.commands = Commands(dict(COMMANDS))


def _reader_gone() -> NoReturn:
    """The reader of our output went away (`selfreview report ... | head`): stop quietly,
    exit 0. Not an error of ours (`head` got what it asked for): no "Broken pipe", no
    traceback."""
    quiet_streams()
    raise click.exceptions.Exit(0)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point. Exit codes: 0 success (and when the reader of the
    output stops reading, as `head` does), 1 invalid input or problems, 2 usage error.

    As the `selfreview` program (`argv` None: the command line is the process's), a
    command that asked for it (`_common.end_without_teardown`: `report`'s batch) ends the
    process without tearing the interpreter down (`_ending.end_now`); one that leaves a
    plugin's thread running ends as usual, but not for ever (`_ending.watched_end`).
    Called with arguments (a program running commands in its own process), it always
    returns or raises, and leaves the program's streams and signal handlers as they are."""
    if argv is None:
        from ..isolation import exit_functions, process_state
        from ..isolation.output import (
            standard_error_never_fails,
            standard_output_to_this_thread,
        )

        pin()  # SELFREVIEW_DEBUG as it is now, before any plugin can change it
        standard_error_never_fails()  # telling a failure must not fail
        tell_ignored()  # a thread's error, or a `__del__`'s: a line, not a traceback
        process_state.keep()  # the folder, file mask, signals, hooks plugins may not keep
        exit_functions.guard()  # a plugin's exit function: no print on standard output
        every_character_printable()
        stop_as_ctrl_c()
        standard_output_to_this_thread()  # for good: a plugin's thread may print late
    try:
        try:
            cli.main(args=argv, prog_name=PROGRAM)
        finally:
            if sys.stdout is not None:  # flushed now, while a gone reader can be caught
                sys.stdout.flush()
    except BrokenPipeError:
        quiet_streams()
        sys.exit(0)
    except OSError as error:  # standard output failing outside a command: --help, the end
        if argv is not None:  # the program's own stream: the program's to tell
            raise
        cannot_write(error)
    except KeyboardInterrupt as late:  # between the command's end and its exit status
        if argv is not None:
            raise
        too_late(late)
    except SystemExit as done:
        if argv is None:
            end_by_the_signal()  # `kill` stopped the command as Ctrl-C does: it ends by it
            if others_running():  # a plugin's thread: Python waits, but not for ever
                watched_end(done.code)
            elif ends_without_teardown():
                end_now(done.code)
        raise
