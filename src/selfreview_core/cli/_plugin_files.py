"""The files the plugins give, kept from every output like the files a command line names.

SPEC section 7: no output ever overwrites an input. A command checks its outputs before any
work (`_common.output_file`, `output_folder`), against the files its command line names.
The files its plugins give (the bundled framework, a plugin's rule pack or migration, and
their JSON twins) are read by every run too, but are known only once the engine has
collected them: `report school.yaml -o .../frameworks/becta-srf.yaml` replaced the bundled
framework, and every later command failed for want of it. So each output checked is
noted here, and checked again, against those files too, when the engine is built
(`State.engine`, before anything is written); one checked after that is checked at once.
A batch's folder and names (`outputs.BatchWriter`) see them through the same `Inputs`.

Only a command that writes a file pays for collecting the rule packs and migrations it
might not have needed. Nothing heavy is imported here: `_common` imports it at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

import click

from ..errors import OutputRefused
from ..escaping import shown_name

if TYPE_CHECKING:
    from ..engine import Engine
    from ..outputs import Inputs

__all__ = ["engine_built", "note", "refusal"]

#: Where a command's outputs are noted: the click context's `meta`, which its group and
#: the command share, so nothing outlives one run (a test's `CliRunner.invoke`).
_KEY: Final = "selfreview.outputs"


@dataclass(frozen=True, slots=True)
class _Output:
    path: str
    inputs: Inputs
    option: str
    folder: bool
    document: bool
    reread: bool


@dataclass(slots=True)
class _Noted:
    outputs: list[_Output] = field(default_factory=list)
    engine: Engine | None = None


def _noted() -> _Noted | None:
    context = click.get_current_context(silent=True)
    return None if context is None else context.meta.setdefault(_KEY, _Noted())


def refusal(error: OutputRefused) -> str:
    """The refusal's message for a terminal: it quotes the path as given, whose control
    characters are shown escaped (SPEC section 7)."""
    return shown_name(f"{error.first.message}{f' ({error.hint})' if error.hint else ''}")


def note(
    path: str,
    inputs: Inputs,
    option: str,
    *,
    folder: bool = False,
    document: bool = False,
    reread: bool = False,
) -> None:
    """Note an output that passed its checks; checked against the plugins' files at once
    if the engine is built already, else when it is (`engine_built`)."""
    noted = _noted()
    if noted is None:
        return
    output = _Output(path, inputs, option, folder, document, reread)
    noted.outputs.append(output)
    if noted.engine is not None:
        _check([output], noted.engine)


def engine_built(engine: Engine) -> None:
    """Check every output noted so far against the files `engine`'s plugins give: a usage
    error naming the option, the output and the file, before anything is written."""
    noted = _noted()
    if noted is None or noted.engine is not None:
        return
    noted.engine = engine
    _check(noted.outputs, engine)


def _check(outputs: list[_Output], engine: Engine) -> None:
    if not outputs:
        return
    from ..outputs import check_folder, check_target

    files = engine.plugin_files()
    for output in outputs:
        for what, path in files:
            output.inputs.add(what, path)
        try:
            if output.folder:
                check_folder(output.path, output.inputs)
            else:
                check_target(
                    output.path, output.inputs, document=output.document, reread=output.reread
                )
        except OutputRefused as error:
            raise click.BadParameter(refusal(error), param_hint=output.option) from None
