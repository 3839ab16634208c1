"""The checks of the files and folders a command writes: `-o FILE` and `--output-dir DIR`,
each refused as a usage error (exit 2) naming its option when it cannot be written, or
would replace an input, or is a terminal for bytes. Given to the commands by `_common`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

import click

from ..errors import OutputRefused
from ._terminal import writes_to_terminal
from ._unnamed_inputs import note, printed_onto_input, refusal

if TYPE_CHECKING:
    from ..outputs.writing import Inputs

__all__ = ["STDOUT", "output_file", "output_folder"]

#: `-o -` writes standard output (SPEC section 5).
STDOUT: Final = "-"


def output_file(
    path: str | None,
    inputs: Inputs,
    option: str = "-o",
    *,
    document: bool = False,
    stdout: bool = True,
    binary: str | None = None,
    resaved: bool = False,
) -> None:
    """A usage error naming `option` unless `path` can be written (None, or `-` for
    standard output where `stdout` allows it). `document`: one document per file. A
    command that keeps its work in the file (`stdout=False`) reads it again, so a device
    or named pipe is refused too. `binary` names what a command writes in bytes rather
    than text (`"a cohort file (Parquet)"`): it is refused on a terminal, where its bytes
    would reach the screen raw (`_terminal.writes_to_terminal`). `resaved`: saved again and
    again, read back before each save (`assess`'s file: `check_target`)."""
    if path == "":  # `-o ""`, or `-o "$UNSET"`: the system would take it for this folder
        raise click.BadParameter("an empty name: give a file name", param_hint=option)
    if path is not None and binary is not None and writes_to_terminal(path):
        raise click.BadParameter(
            f"{binary} is binary, not for a terminal: give a file name, or redirect "
            "standard output to one",
            param_hint=option,
        )
    if path is None or (path == STDOUT and stdout):  # standard output: never onto an input
        printed_onto_input(inputs)
        return
    if path == STDOUT:
        raise click.BadParameter(
            "this command keeps its work in a file, not on standard output: give a file name",
            param_hint=option,
        )
    from ..outputs.writing import check_target  # only a command that writes needs it

    try:
        check_target(path, inputs, document=document, reread=not stdout, resaved=resaved)
    except OutputRefused as error:  # a name too long for the system too (`unusable`)
        raise click.BadParameter(refusal(error), param_hint=option) from None
    note(path, inputs, option, document=document, reread=not stdout)  # and the plugins' files


def output_folder(path: str, inputs: Inputs, *, read_back: bool = False) -> Path:
    """`path` as a folder for one file per item (created if missing; `read_back`: of files
    the command reads, `check_folder`), else a usage error naming --output-dir. `-` is refused:
    it is standard output everywhere else, which is no folder (a folder named `-` is `./-`)."""
    if not path:  # `--output-dir ""`: the system would take it for this folder
        raise click.BadParameter("an empty name: give a folder name", param_hint="--output-dir")
    if path == STDOUT:
        raise click.BadParameter(
            "`-` is standard output, not a folder: -o - writes the reports there (a folder "
            "named - is ./-)",
            param_hint="--output-dir",
        )
    from ..outputs.writing import check_folder

    try:
        folder = check_folder(path, inputs, read_back=read_back)
    except OutputRefused as error:  # a name too long for the system too (`unusable`)
        raise click.BadParameter(refusal(error), param_hint="--output-dir") from None
    note(path, inputs, "--output-dir", folder=True)  # and the plugins' files
    return folder
