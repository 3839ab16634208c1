"""The conventions of the command line that every command follows, as click, pip and the
tools people already use do: colour, progress, standard input, format names, options given
once.

- Colour: none when `NO_COLOR` is set (to anything but an empty string; no-color.org) or
  `--no-color` is given (before or after the command's name), nor when the output is not
  a terminal (click's own rule).
- Progress: bars and their labels only when standard error is a terminal; a CI log or a
  file gets the result and the errors, not "Reporting" lines.
- `-` as a file argument reads standard input, once, named `<stdin>` in every message
  (`files.stdin`, `_paths_given`); `-o -` writes standard output (`_common.output_file`).
- A file name in a message shown as every message shows one (`_paths_given.NamedPath`).
- One name for the human-readable output: `--format table` for every command (`text`, the
  name some commands used, still works: a hidden alias, so that scripts do not break).
- An option that takes one value, given twice with different values, is a usage error
  naming them: click would silently keep the last (`-o a.json -o b.json` meant both).
- Binary output (a cohort's Parquet) is never written to a terminal, as `gzip` refuses to:
  its bytes would carry the schools' names and evidence raw, control characters and all,
  where every text a command prints shows them escaped (SPEC section 7).
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Final

import click

from .._names import PROGRESS_FILES
from ..escaping import shown
from ._paths_given import READ_ONCE, InputPath, claim_dash, dash_or

__all__ = [
    "FORMAT_ALIASES",
    "READ_ONCE",
    "VIEW_FORMATS",
    "FormatChoice",
    "HintedChoice",
    "InputPath",
    "add_no_color_option",
    "claim_dash",
    "color_off",
    "dash_or",
    "format_from_output",
    "no_color_wanted",
    "one_value_each",
    "progress_counter",
    "progress_steps",
    "stderr_is_terminal",
    "warn_format_unlike_name",
    "writes_to_terminal",
]


#: The environment variable of no-color.org: set and not empty, no colour.
NO_COLOR_ENV: Final = "NO_COLOR"
#: Other names of a format, accepted and not shown: `text` is what `table` was called.
FORMAT_ALIASES: Final = {"text": "table"}
#: The formats an output file's extension names (any case) when no --format is given.
FORMATS_BY_SUFFIX: Final = {
    ".txt": "table",
    ".json": "json",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
}
#: The formats of `benchmark`, `support` and `voices`.
VIEW_FORMATS: Final = ("table", "json", "csv", "html")


def format_from_output(given: str | None, output: str | None) -> str:
    """The format `--format` gave, else the one `-o`'s extension names (`FORMATS_BY_SUFFIX`),
    else with no file (or `-o -`) the table. Any other name is a usage error naming its
    extension, as `report` says (`exporters.choosing.cannot_tell`): a table in
    `cohort.yaml` or `out.jsn` would break the first program to read it, and `-o out.txt2`
    more likely mistypes a format than asks for a table. `--format` wins over the name, and
    where the name's extension names another format, a warning says so (`.txt` excepted:
    it holds any text)."""
    suffix = os.path.splitext(output or "")[1].lower()
    if given is not None:
        named = FORMATS_BY_SUFFIX.get(suffix) if output not in (None, "-") else None
        if named not in (None, "table", FORMAT_ALIASES.get(given, given)):  # .txt: any text
            warn_format_unlike_name(given, output or "", str(named))
        return given
    if output is None or output == "-":
        return "table"
    if suffix in FORMATS_BY_SUFFIX:
        return FORMATS_BY_SUFFIX[suffix]
    from ..exporters.choosing import cannot_tell  # only on the way to the error

    raise click.BadParameter(
        shown(cannot_tell(output, VIEW_FORMATS), newline=False), param_hint="-o"
    )


def warn_format_unlike_name(given: str, output: str, named: str) -> None:
    """Warn that `output`'s extension names the format `named`, where `--format given`
    writes another into it (`--format` wins, as docs/command-line.md says): before round 81
    `report --format json -o r.html` wrote JSON into `r.html` with no word of it, and the
    browser that opened it showed text."""
    from ..escaping import shown_name

    suffix = os.path.splitext(os.path.basename(output))[1]
    click.echo(
        f"{click.style('warning', fg='yellow')}: "
        + shown_name(
            f"-o {output}: its `{suffix}` names the {named} format, but --format {given} wins: "
            f"{given} is written"
        ),
        err=True,
    )


def no_color_wanted(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether `NO_COLOR` asks for no colour (set, and not empty)."""
    return bool(environ.get(NO_COLOR_ENV, ""))


def color_off(ctx: click.Context) -> None:
    """No colour in anything this context (and the commands under it) writes."""
    ctx.color = False


def _no_color(ctx: click.Context, _: click.Parameter, value: bool) -> bool:
    if value:
        color_off(ctx)
    return value


#: `--no-color`, for the group and every command.
NO_COLOR_OPTION: Final[dict[str, Any]] = {
    "is_flag": True,
    "expose_value": False,
    "is_eager": True,
    "callback": _no_color,
    "help": f"No colour in the output (also ${NO_COLOR_ENV}=1).",
}


def add_no_color_option(command: click.Command) -> click.Command:
    """Give `command` `--no-color` (unless it has it)."""
    if not any(param.name == "no_color" for param in command.params):
        command.params.append(click.Option(["--no-color"], **NO_COLOR_OPTION))
    return command


def stderr_is_terminal() -> bool:
    """Whether standard error is a terminal someone watches (tests replace it)."""
    stream = sys.stderr
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):  # closed, or not a real stream
        return False


def writes_to_terminal(path: str) -> bool:
    """Whether writing `path` (`-`: standard output) puts bytes on a terminal: standard
    output that is one, or a file name that is a terminal's device (`/dev/tty`,
    `/dev/stdout` on a terminal). `/dev/null` and every other file are not."""
    if path == "-":
        try:
            return sys.stdout is not None and sys.stdout.isatty()
        except (AttributeError, ValueError):  # closed, or not a real stream
            return False
    try:
        if not stat.S_ISCHR(os.stat(path).st_mode):
            return False
        # Opened to ask, never written: O_NOCTTY, so that asking cannot make it this
        # process's controlling terminal; O_NONBLOCK, so that no device can make it wait.
        handle = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        return os.isatty(handle)
    finally:
        os.close(handle)


def _nothing() -> Iterator[None]:
    """An iterator with no length (`operator.length_hint` cannot tell it), unlike `iter(())`."""
    yield from ()


@contextmanager
def progress_steps(label: str) -> Iterator[Callable[[int], None] | None]:
    """What advances a progress bar labelled `label` on standard error by a number of
    steps, the total not known beforehand (a batch's reports: a JSON Lines file's lines
    are counted as they are read); None when standard error is not a terminal."""
    if not stderr_is_terminal():
        yield None
        return
    # Nothing of known length to iterate: click then shows the count, with no bar to fill.
    with click.progressbar(_nothing(), label=label, file=sys.stderr, show_pos=True) as bar:
        yield bar.update


@contextmanager
def progress_counter(length: int, label: str) -> Iterator[Callable[[int], None] | None]:
    """What advances a progress bar of `length` steps labelled `label` on standard error,
    for work that reports as it goes (`bar.update`); None when standard error is not a
    terminal, or the work is too short to need one (`PROGRESS_FILES`)."""
    if length <= PROGRESS_FILES or not stderr_is_terminal():
        yield None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield bar.update


class HintedChoice(click.Choice):  # type: ignore[type-arg]  # click's Choice is generic on 8.2+
    """A choice whose refusal, in click's own words, ends with the choice meant, as a
    file's misspelt key is told: `schema frameworks` (round 81) and `--format jsn` (round
    82) were told only the list. Only on the way to the error: a choice given right costs
    nothing more."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as error:
            hint = self.meant(str(value))
            if hint is None:
                raise
            message = f"{error.message.removesuffix('.')} ({hint})"
            raise click.BadParameter(message, ctx, param) from None

    def meant(self, given: str) -> str | None:
        """The hint for `given`, which is none of the choices: the closest, if any is."""
        from ..model.base import did_you_mean

        return did_you_mean(given, [str(choice) for choice in self.choices])


class FormatChoice(HintedChoice):
    """A `--format` choice that also takes the hidden aliases of its names
    (`FORMAT_ALIASES`): `--format text` is `--format table`. A name it has not is told the
    one meant, as `report --format htlm` is (`exporters.choosing.format_meant`)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and FORMAT_ALIASES.get(value) in self.choices:
            value = FORMAT_ALIASES[value]
        return super().convert(value, param, ctx)

    def meant(self, given: str) -> str | None:
        from ..exporters.choosing import format_meant

        return format_meant(given, map(str, self.choices))  # it offers the aliases too


def _takes_one_value(param: click.Parameter) -> bool:
    return (
        isinstance(param, click.Option)
        and not param.multiple
        and not param.is_flag
        and not param.count
        and param.nargs == 1
    )


class _OneValue(click.Option):
    """An option that takes one value, which click's parser collects as it collects a
    repeatable option's (every value, in order) so that one given twice is seen: with
    "store", click keeps the last in silence. Different values are a usage error naming
    them all, before any parameter after it is converted and before the command runs; the
    same value again is that value (a shell alias and the line typed after it agree)."""

    def add_to_parser(self, parser: Any, ctx: click.Context) -> None:
        parser.add_option(obj=self, opts=self.opts, dest=self.name, action="append", nargs=1)

    def handle_parse_result(
        self, ctx: click.Context, opts: Mapping[str, Any], args: list[str]
    ) -> tuple[Any, list[str]]:
        given = opts.get(self.name or "")
        if isinstance(given, list):
            values = list(dict.fromkeys(given))
            if len(values) > 1:
                name = max(self.opts, key=len)
                each = [f"`{shown(str(value), newline=False)}`" for value in values]
                said = f"{', '.join(each[:-1])} and {each[-1]}"
                raise click.UsageError(
                    f"{name} given more than once, as {said}: it takes one value (give it once)",
                    ctx=ctx,
                )
            opts = {**opts, self.name or "": values[0]}
        return super().handle_parse_result(ctx, opts, args)


def one_value_each(command: click.Command) -> None:
    """Make each option of `command` that takes one value refuse two different ones
    (`_OneValue`); repeatable options (`--rules FILE`) and flags are left as they are."""
    for param in command.params:
        if _takes_one_value(param) and type(param) is click.Option:
            param.__class__ = _OneValue
