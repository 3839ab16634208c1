"""The file and folder names a command is given, as click's `Path` takes them, but named
in its messages as every message of ours names a file (`escaping.shown_name`, SPEC section
7), and `-` as standard input (`InputPath`).

Click writes a name in its own messages ("Path '...' does not exist.") through
`click.format_filename`, which replaces each byte that is not UTF-8 with U+FFFD: two files
`\xff.yaml` and `\xfe.yaml` both read `'\ufffd.yaml'`, drawn as the same box, where our
messages say `\udcff.yaml`. `NamedPath` says click's words with the name as we show it.
"""

from __future__ import annotations

import os
from typing import Any, Final, NoReturn

import click

from ..escaping import shown_name
from ..files.stdin import claim_stdin, stdin_unreadable

__all__ = [
    "READ_ONCE",
    "InputPath",
    "NamedFile",
    "NamedPath",
    "claim_dash",
    "dash_or",
    "paths_named",
]


def named_as_shown(message: str, value: Any) -> str:
    """`message`, one of click's about the path `value`, naming it as `shown_name` does:
    click quotes `format_filename(value)` as Python's `repr` does."""
    name = os.fsdecode(value)
    return message.replace(repr(click.format_filename(name)), f"'{shown_name(name)}'")


class NamedPath(click.Path):
    """Click's `Path`, its messages naming the path as ours do (`named_as_shown`)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except ValueError:  # click's `os.stat` of a NUL, given by a program (`main([...])`)
            _no_name(self, value, param, ctx)
        except click.BadParameter as error:
            message = named_as_shown(error.message, value)
            if not self.exists and (why := _no_file_of_yours(value, self.file_okay)) is not None:
                message, hint = why, _hint(param) or error.param_hint
                raise click.BadParameter(message, error.ctx, param_hint=hint) from None
            raise click.BadParameter(message, error.ctx, error.param, error.param_hint) from None


class NamedFile(click.File):
    """Click's `File` (a program's command's, `cli.add_command`), its messages naming the
    file as ours do, and a name holding a NUL a usage error: before round 72 "internal
    error: ValueError: embedded null byte", and `x\\ufffd` for `x\\udcff`."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from ..file_names import held_by_no_name

        if isinstance(value, str | bytes) and held_by_no_name(os.fsdecode(value)):
            _no_name(self, value, param, ctx)  # before a file to write is opened, later
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as error:
            message = named_as_shown(error.message, value)
            raise click.BadParameter(message, error.ctx, error.param, error.param_hint) from None


def _no_name(
    kind: click.Path | click.File,
    value: Any,
    param: click.Parameter | None,
    ctx: click.Context | None,
) -> NoReturn:
    """Fail as `kind` does for `value`, a name no file can have (`held_by_no_name`)."""
    from ..file_names import held_by_no_name

    holds = held_by_no_name(os.fsdecode(value)) or "a character no file name can hold"
    name = shown_name(os.fsdecode(value))
    kind.fail(f"'{name}' is not a possible file name: it holds {holds}", param, ctx)


def _no_file_of_yours(value: Any, file: bool) -> str | None:
    """Why an output named `value` (a `file`, or a folder) has no file of the user's, as
    `outputs.checks` says it (`descriptor_names.no_file_at`), escaped, or None. Click checks the
    name first: `-o /proc/self/fd/3`, the program's own descriptor of the folder it
    started in, was "File '/proc/self/fd/3' is a directory." before round 70, where
    descriptor 4, its copy of standard input, was told the program's own."""
    from .._held import KEPT
    from ..outputs.descriptor_names import no_file_at

    why = no_file_at(os.fsdecode(value), KEPT)
    wanted = "a file name" if file else "a folder name"  # `--output-dir`'s
    return None if why is None else shown_name(f"{why} (give {wanted})")


def _hint(param: click.Parameter | None) -> str | None:
    """The option as `outputs.checks`' refusals name it: its first spelling (`-o`)."""
    return param.opts[0] if isinstance(param, click.Option) else None


def paths_named(command: click.Command) -> None:
    """Make each of `command`'s parameters that is click's own `Path` (an output file,
    `-o`) a `NamedPath`, as `InputPath` is; click's `File` (a program's), a `NamedFile`."""
    for param in command.params:
        if type(param.type) is click.Path:
            param.type.__class__ = NamedPath
        elif type(param.type) is click.File:
            param.type.__class__ = NamedFile


class InputPath(NamedPath):
    """A file (or, `dir_okay`, a folder) to read, which must exist, or where `dash` allows
    `-`: standard input, claimed for the readers and named `<stdin>`; given twice, a usage
    error (it can be read only once). An empty name (`""`, `"$UNSET"`) is a usage error
    saying so, as an empty output name is (`-o ""`): click said "File '' does not exist."."""

    def __init__(
        self, *, dir_okay: bool = True, dash: bool = True, no_dash: str = "", folder: str = ""
    ) -> None:
        super().__init__(exists=True, dir_okay=dir_okay, allow_dash=dash)
        #: Why `-` is refused here, where it is (`dash=False` without it: click's own words).
        self.no_dash = no_dash
        #: Where `dir_okay=False`, what to do with a folder given, after click's "is a
        #: directory": `{}` is the folder as a command line writes it (`shown_argument`).
        self.folder = folder

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value:
            name = "a file or folder name" if self.dir_okay else "a file name"
            self.fail(f"an empty name: give {name}", param, ctx)
        if value == "-" and self.no_dash:
            self.fail(self.no_dash, param, ctx)
        if value != "-" or not self.allow_dash:
            try:
                return super().convert(value, param, ctx)
            except click.BadParameter as error:
                if not self.folder or not os.path.isdir(value):
                    raise
                hint = self.folder.format(_argument(value))
                message = f"{error.message.removesuffix('.')} ({hint})"
                raise click.BadParameter(message, ctx, param) from None
        return claim_dash(ctx, param)


def _argument(value: Any) -> str:
    """`value`, a path click was given, as one word of a command to run."""
    from ..escaping import shown_argument

    return shown_argument(os.fsdecode(value))


#: Set in the context's `meta` (shared by the group and its command) once `-` is claimed.
_STDIN_KEY: Final = "selfreview.stdin"
READ_ONCE: Final = "`-` (standard input) can be read only once: give it once"


def claim_dash(ctx: click.Context | None, param: click.Parameter | str | None = None) -> str:
    """`<stdin>`, standard input claimed for the readers, for a `-` given as a file
    (`InputPath`) or where a framework's id or file goes (`dash_or`); a usage error naming
    `param` (the parameter, or its name) if standard input cannot be read (closed, or
    open only to write) or `-` was given before. The one check of both: before round 71
    `InputPath` made its own first, and this one's were never reached from it."""
    why = stdin_unreadable()
    if why is None and ctx is not None and ctx.meta.get(_STDIN_KEY):
        why = READ_ONCE
    if why is not None:
        if isinstance(param, click.Parameter):
            raise click.BadParameter(why, ctx, param)
        raise click.BadParameter(why, ctx, param_hint=param)
    if ctx is not None:
        ctx.meta[_STDIN_KEY] = True
    return claim_stdin()


def dash_or(name: str, param: str) -> str:
    """`name`, or for `-` standard input (`claim_dash`): `show -`, `--framework -` (SPEC
    section 5: "A path of `-` reads standard input"). Before round 49 a framework's `-` was
    looked for among the frameworks' ids, and not found."""
    return claim_dash(click.get_current_context(silent=True), param) if name == "-" else name
