"""The options of the cohort commands: `--jobs` (`benchmark`, `collect`, `support`), and
`--framework`, `--to` and `--migration` (`benchmark`, `support`), each defined once.

Handed to the commands by `_cohort`, as `_common` hands them `_options`: a command module
imports, of this folder, only the shared modules `tests/test_structure.py` names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ._options import migration_files_option

__all__ = ["framework_options", "jobs_option"]

_F = TypeVar("_F", bound=Callable[..., Any])


def framework_options(function: _F) -> _F:
    """`--framework`, `--to` and `--migration` for the cohort commands that read assessments
    (`benchmark`, `support`): the cohort's framework, and every assessment carried to one
    framework version first."""
    function = migration_files_option(
        "A migration file (kind: migration) between framework versions (repeatable)."
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


def jobs_option(function: _F) -> _F:
    """`--jobs N` for the batch commands (SPEC section 5)."""
    return click.option(
        "--jobs",
        type=click.IntRange(min=0),
        default=1,
        show_default=True,
        metavar="N",
        help="Read and check the inputs in N processes (0: one per core); the output is the "
        "same whatever N.",
    )(function)
