"""Options several commands share, defined once so that their names, types and wording
agree. A module of its own, importing nothing heavy, so every command module can use it
without importing another command's module."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

__all__ = [
    "POLICY_NAMES",
    "disable_option",
    "framework_files_option",
    "migration_files_option",
    "policy_option",
    "previous_option",
    "rule_files_option",
]

F = TypeVar("F", bound=Callable[..., Any])

#: The aggregation policies (kept in step with `scoring.POLICIES` by a test).
POLICY_NAMES = ("median", "mean", "weakest")

_FILE = click.Path(exists=True, dir_okay=False)


def policy_option(help: str) -> Callable[[F], F]:
    """`--policy`: how strand levels combine (see `scoring.POLICIES`)."""
    return click.option(
        "--policy", type=click.Choice(POLICY_NAMES), default="median", show_default=True, help=help
    )


def framework_files_option(
    help: str = "A framework file to use before the available ones (repeatable).",
) -> Callable[[F], F]:
    """`--framework FILE`, repeatable: frameworks used before the available ones."""
    return click.option("--framework", "framework_files", multiple=True, type=_FILE, help=help)


def migration_files_option(
    help: str = "A migration file (kind: migration) to use before the available ones (repeatable).",
) -> Callable[[F], F]:
    """`--migration FILE`, repeatable: migrations used before the ones plugins provide."""
    return click.option("--migration", "migration_files", multiple=True, type=_FILE, help=help)


def previous_option(help: str) -> Callable[[F], F]:
    """`--previous FILE`: the school's earlier review."""
    return click.option("--previous", type=_FILE, help=help)


#: `--rules FILE`, repeatable: rule packs applied as well as the installed ones.
rule_files_option = click.option(
    "--rules",
    "rule_files",
    multiple=True,
    type=_FILE,
    help="A rule pack file to apply as well (repeatable).",
)

#: `--disable NAME`, repeatable: plugins not to use.
disable_option = click.option(
    "--disable", multiple=True, metavar="NAME", help="A plugin not to use (repeatable)."
)
