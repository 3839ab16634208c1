"""Inputs the command line does not name, kept from every output like those it names.

SPEC section 7: no output ever overwrites an input. A command checks its outputs before any
work (`_common.output_file`, `output_folder`), against the files its command line names.
Two more kinds of file are read by every run:

- the configuration file (`selfreview.toml`, or the `pyproject.toml` holding
  `[tool.selfreview]`), read by the group before the command: `report school.yaml
  --format json -o selfreview.toml` replaced it with a report; and every `pyproject.toml`
  the search read and passed by on its way (`-o pyproject.toml` replaced a project's
  file). A new file named `selfreview.toml` is refused too: the next command in its
  folder would read it as its configuration and fail;
- the files the plugins give (the bundled framework, a plugin's rule pack or migration,
  and their JSON twins), known only once the engine has collected them: `report
  school.yaml -o .../frameworks/becta-srf.yaml` replaced the bundled framework, and every
  later command failed for want of it.

So each output checked is checked against the configuration file at once, and noted; it
is checked again, against the plugins' files too, when the engine is built (`State.engine`,
before anything is written); one checked after that is checked against them at once. A
batch's folder and names (`outputs.BatchWriter`) see them through the same `Inputs`.
Standard output that is a file, where a command prints what it makes, is checked so too:
against the configuration before any work (`printed_onto_input`), against the plugins'
files when the engine is built, before the command prints (`validate`, which prints before
it needs one, holds its lines till then; a run that builds none reads no plugin's file).

Only a command that writes a file (standard output one included) pays for collecting the
rule packs and migrations it might not have needed. Nothing heavy is imported here:
`_common` imports it at start-up."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Final

import click

from ..errors import OutputRefused
from ..escaping import shown_name
from ..file_names import identity, standard_output_file

if TYPE_CHECKING:
    from ..engine import Engine
    from ..outputs.writing import Inputs

__all__ = ["engine_built", "note", "printed_onto_input", "refusal"]

#: Where a command's outputs are noted: the click context's `meta`, which its group and
#: the command share, so nothing outlives one run (a test's `CliRunner.invoke`).
_KEY: Final = "selfreview.outputs"
_CONFIGURATION: Final = "the configuration file"
#: A `pyproject.toml` the search reads and passes by (`config.passed_by`).
_PASSED_BY: Final = "a pyproject.toml the configuration is looked for in"


class _Output:
    """An output checked, as `_check` checks it again. (Plain classes, not dataclasses:
    every command imports this module, and making a dataclass costs a cold `validate` more
    than the rest of the module.)"""

    __slots__ = ("document", "folder", "inputs", "option", "path", "reread")

    def __init__(
        self, path: str, inputs: Inputs, option: str, folder: bool, document: bool, reread: bool
    ) -> None:
        self.path, self.inputs, self.option = path, inputs, option
        self.folder, self.document, self.reread = folder, document, reread


class _Noted:
    """A run's outputs so far, and its engine once built."""

    __slots__ = ("engine", "outputs", "printed")

    def __init__(self) -> None:
        self.outputs: list[_Output] = []
        self.engine: Engine | None = None
        #: Set where the command prints what it makes and its standard output is a file
        #: (`printed_onto_input`): whether its -o would take the output, for the refusal.
        self.printed: bool | None = None


def _noted() -> _Noted | None:
    context = click.get_current_context(silent=True)
    return None if context is None else context.meta.setdefault(_KEY, _Noted())


def _configuration(context: click.Context) -> list[tuple[str, str]]:
    """The configuration file the group read (`State.config`), if one applies, and every
    `pyproject.toml` the search read on its way and passed by (`config.passed_by`)."""
    from ..config.settings import passed_by

    config = getattr(context.find_root().obj, "config", None)
    path = getattr(config, "path", None)
    found = [] if path is None else [(_CONFIGURATION, os.fspath(path))]
    return found + [(_PASSED_BY, os.fspath(p)) for p in passed_by()]


def _named_as_configuration(output: _Output) -> None:
    """A usage error for a file named as the configuration (`selfreview.toml`, in any
    case, as a disk that folds case finds it): every command run in its folder would read
    it as its configuration, and fail on it. No command writes TOML."""
    from ..config.settings import CONFIG_FILE

    if output.folder or os.path.basename(output.path).casefold() != CONFIG_FILE:
        return
    refused = OutputRefused(
        f"`{output.path}` is the name of the configuration file, which every command run "
        "in its folder reads: an output there would be read as the configuration next "
        "time, so nothing was written",
        file=output.path,
        hint="choose another output file",
        code="output-is-input",
    )
    raise click.BadParameter(refusal(refused), param_hint=output.option)


def refusal(error: OutputRefused) -> str:
    """The refusal's message for a terminal: it quotes the path as given, whose control
    characters are shown escaped (SPEC section 7)."""
    return shown_name(f"{error.first.message}{f' ({error.hint})' if error.hint else ''}")


def printed_onto_input(inputs: Inputs, *, named_output: bool = True) -> None:
    """A usage error, before any work, if standard output (where the command prints what
    it makes) is a file the command reads: `report school.yaml >> school.yaml` wrote the
    report onto the end of the review (SPEC section 7). `-o /dev/stdout` was refused.
    `named_output`: the command has -o, to name in the hint. The configuration files read
    are among its inputs here as for -o (`_configuration`): before round 76 `report
    school.yaml >> selfreview.toml` wrote the report onto the end of the settings, exit 0,
    and every later command in the folder refused them as TOML. The plugins' files are
    among them once the engine is built (`engine_built`): a command that prints before it
    needs one (`validate`) holds its lines until then (`cli/validate.py`)."""
    given = inputs.standard_output()
    context = click.get_current_context(silent=True)
    if given is None and context is not None and standard_output_file() is not None:
        for what, path in _configuration(context):  # only for a file: a terminal costs none
            inputs.add(what, path, folders=False)
        given = inputs.standard_output()
        noted: _Noted = context.meta.setdefault(_KEY, _Noted())
        noted.printed = named_output  # and the plugins' files, when the engine is built
        if given is None and noted.engine is not None:
            given = _printed_onto(noted.engine.plugin_files())
    if given is not None:
        raise _printed_refusal(given, named_output=named_output)


def _printed_onto(files: list[tuple[str, str]]) -> tuple[str, str] | None:
    """(what, path) of the one of `files` that standard output is, if it is a file among
    them, else None."""
    found = standard_output_file()
    if found is not None:
        for what, path in files:
            if identity(path) == found:
                return what, path
    return None


def _printed_refusal(given: tuple[str, str], *, named_output: bool) -> click.UsageError:
    """The usage error of standard output that is `given` (option, input)."""
    option, original = given
    instead = ", or give -o one" if named_output else ""
    return click.UsageError(
        shown_name(
            f"standard output is {option} (`{original}`), which this command reads: "
            f"writing there would replace it, so nothing was written (send it to "
            f"another file{instead})"
        )
    )


def note(
    path: str,
    inputs: Inputs,
    option: str,
    *,
    folder: bool = False,
    document: bool = False,
    reread: bool = False,
) -> None:
    """Check an output that passed its checks against the configuration file, and note it:
    checked against the plugins' files at once if the engine is built already, else when
    it is (`engine_built`)."""
    context = click.get_current_context(silent=True)
    if context is None:
        return
    noted: _Noted = context.meta.setdefault(_KEY, _Noted())
    output = _Output(path, inputs, option, folder, document, reread)
    noted.outputs.append(output)
    files = _configuration(context)
    if noted.engine is not None:
        files += noted.engine.plugin_files()
    _check([output], files)
    _named_as_configuration(output)


def engine_built(engine: Engine) -> None:
    """Check every output noted so far against the files `engine`'s plugins give: a usage
    error naming the option, the output and the file, before anything is written. So too
    standard output, where the command prints what it makes into a file
    (`printed_onto_input`): `report school.yaml >> .../rules.yaml`, a plugin's rule pack,
    appended the report to it, exit 0 (before round 78), and every later run failed on
    the pack."""
    noted = _noted()
    if noted is None or noted.engine is not None:
        return
    noted.engine = engine
    if not noted.outputs and noted.printed is None:
        return
    files = engine.plugin_files()
    if noted.outputs:
        _check(noted.outputs, files)
    if noted.printed is not None and (given := _printed_onto(files)) is not None:
        raise _printed_refusal(given, named_output=noted.printed)


def _check(outputs: list[_Output], files: list[tuple[str, str]]) -> None:
    """Each of `outputs` checked again, with `files` (what, path) among its inputs."""
    if not files:
        return
    from ..outputs.writing import check_folder, check_target

    for output in outputs:
        for what, path in files:  # a report folder may hold the configuration files
            output.inputs.add(what, path, folders=what not in (_CONFIGURATION, _PASSED_BY))
        try:
            if output.folder:
                check_folder(output.path, output.inputs)
            else:
                check_target(
                    output.path, output.inputs, document=output.document, reread=output.reread
                )
        except OutputRefused as error:
            raise click.BadParameter(refusal(error), param_hint=output.option) from None
