"""The options of the cohort commands: `--jobs` (`benchmark`, `collect`, `support`),
`--framework`, `--to`, `--migration` and `-o` (`benchmark`, `support`) and `--rules`
(`support`), each defined once. Their worker processes read the files of `--migration` and `--rules`
again, so `-` (standard input, read once) is refused there, saying why.

Handed to the commands by `_cohort`, as `_common` hands them `_options`: a command module
imports, of this folder, only the shared modules `tests/test_structure.py` names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ._common import processes_option
from ._options import migration_files_option, rule_files
from ._terminal import InputPath

__all__ = ["framework_options", "jobs_option", "output_option", "rules_option"]

_F = TypeVar("_F", bound=Callable[..., Any])

#: A file the workers read again: not `-` (as the cohort's `--framework -`, `_cohort_paths`).
_READ_AGAIN = InputPath(
    dir_okay=False,
    no_dash="takes a FILE, not `-`: the cohort's worker processes read it again, and standard "
    "input can be read only once (save it to a file)",
)

#: `-o FILE` of `benchmark` and `support`: their output, instead of standard output.
output_option = click.option(
    "-o",
    "--output",
    "output_path",
    type=click.Path(dir_okay=False),
    help="Write to this file (atomically, never over an input) instead of standard output.",
)

#: `--rules FILE` of `support`, whose workers build their engines again.
rules_option = rule_files(_READ_AGAIN)


def framework_options(function: _F) -> _F:
    """`--framework`, `--to` and `--migration` for the cohort commands that read assessments
    (`benchmark`, `support`): the cohort's framework, and every assessment carried to one
    framework version first."""
    function = migration_files_option(
        "A migration file (kind: migration) between framework versions (repeatable).",
        _READ_AGAIN,
    )(function)
    function = click.option(
        "--to",
        metavar="FRAMEWORK",
        help="Carry every assessment to this version first (id@version, id or file), through "
        "migrations. Default, when any migration is known: the newest version present.",
    )(function)
    return click.option(
        "--framework",
        "framework_name",
        metavar="FILE",
        help="The cohort's framework file (or give it among PATHS). Default: the framework the "
        "first readable assessment names (for a cohort file, the first one it holds). An id "
        "here is deprecated: use --to ID.",
    )(function)


#: `--jobs N` of the cohort commands.
jobs_option = processes_option(
    "Read and check the inputs in N processes (0: one per core); the output is the same whatever N."
)
