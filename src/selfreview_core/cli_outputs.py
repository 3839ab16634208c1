"""How commands check the files they will write: `-o` and `--output-dir` as usage errors.

Every command that writes calls these before any work, with the files it reads
(`outputs.Inputs`), so that an output that would replace an input, or that cannot be
written at all (a missing folder, a directory, a read-only file), is refused with exit 2,
naming the option and the file, and nothing is written. A module of its own, importing
nothing heavy, so every command module can use it.
"""

from __future__ import annotations

from pathlib import Path

import click

from .errors import OutputRefused
from .outputs import Inputs, check_folder, check_target

__all__ = ["STDOUT", "output_file", "output_folder"]

#: `-o -` writes standard output (SPEC section 5).
STDOUT = "-"


def _usage_error(error: OutputRefused, option: str) -> click.BadParameter:
    hint = f" ({error.hint})" if error.hint else ""
    return click.BadParameter(f"{error.first.message}{hint}", param_hint=option)


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
    try:
        check_target(path, inputs, document=document, reread=not stdout)
    except OutputRefused as error:
        raise _usage_error(error, option) from None
    return path


def output_folder(path: str, inputs: Inputs, option: str = "--output-dir") -> Path:
    """`path` as a folder for one file per item (created if missing), else a usage error
    naming `option`."""
    try:
        return check_folder(path, inputs)
    except OutputRefused as error:
        raise _usage_error(error, option) from None
