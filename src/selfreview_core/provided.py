"""What an engine's catalogue holds: each framework, rule pack, migration and exporter with
who provided it (a plugin's name, or `given` for the caller's own) and the file it came
from; and how a second item of a name already taken is told. The catalogue keeps the
first; the words say whose was kept, and name the caller's files, so that a user who gave
the same migration twice (`--migration a.yaml --migration b.yaml`) is told which files,
not "plugin given: ... given twice by this plugin"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Protocol

from .escaping import shown
from .exporters.base import Exporter
from .model.framework import Framework
from .model.rules import RulePack

if TYPE_CHECKING:
    from .model.migration import Migration

__all__ = [
    "ENGINE",
    "GIVEN",
    "ExporterEntry",
    "FrameworkEntry",
    "MigrationEntry",
    "Provided",
    "RulePackEntry",
    "told_twice",
]

#: The provider of the caller's own items (`Engine(frameworks=..., rules=..., migrations=...)`,
#: the command line's `--framework`, `--rules`, `--migration`).
GIVEN: Final = "given"
#: The source of a problem that is the engine's own, not a plugin's (told without `plugin`).
ENGINE: Final = "engine"


@dataclass(frozen=True, slots=True)
class FrameworkEntry:
    """A framework, the plugin that provides it and the file it came from (if any)."""

    framework: Framework
    provider: str
    path: str | None = None


@dataclass(frozen=True, slots=True)
class RulePackEntry:
    """A rule pack and where it came from: a plugin's name, or `given` for the caller's."""

    pack: RulePack
    provider: str
    path: str | None = None


@dataclass(frozen=True, slots=True)
class MigrationEntry:
    """A migration and where it came from: a plugin's name, or `given` for the caller's."""

    migration: Migration
    provider: str
    path: str | None = None


@dataclass(frozen=True, slots=True)
class ExporterEntry:
    """An exporter, the plugin that provides it, and whether that plugin was trusted (a
    built-in) when it gave it: what `Engine.export` renders with, whatever is registered
    under the name since."""

    exporter: Exporter
    provider: str
    path: str | None = None
    trusted: bool = False


class Provided(Protocol):
    @property
    def provider(self) -> str: ...

    @property
    def path(self) -> str | None: ...


def _whose(entry: Provided) -> str:
    if entry.provider != GIVEN:
        return f"plugin {entry.provider}"
    return f"the file {shown(entry.path, newline=False)}" if entry.path else "the caller"


def _which(first: str | None, later: str | None) -> str:
    """Which of two items of one provider is kept: both files named (the one used first),
    one if only one came from a file; each shown on the message's one line (`shown`)."""
    one, other = (shown(p, newline=False) if p else None for p in (first, later))
    if one and other:
        return (
            f", in {one}; using it once"
            if first == later
            else f", in {one} and {other}; using {one}"
        )
    if one:
        return f"; using the one in {one}"
    return f"; using the first, not the one in {other}" if other else "; using the first"


def told_twice(what: str, name: str, first: Provided, later: Provided) -> tuple[str, str]:
    """The source and message of the warning for `later`, an item of `name` that `first`
    took already and which is kept: the later's provider is told, the engine for the
    caller's own (a user's file is not a plugin), naming the files of both (so a plugin's
    folder that gives one framework in two files says which file won)."""
    source = ENGINE if later.provider == GIVEN else later.provider
    if first.provider != later.provider:  # between plugins, as plugin authors know it
        kept = first.provider if GIVEN not in (first.provider, later.provider) else _whose(first)
        where = (
            f" in {shown(later.path, newline=False)}"
            if later.provider == GIVEN and later.path
            else ""
        )
        return source, f"{what} {name}{where} is also provided by {kept}; using {kept}'s"
    by = "" if later.provider == GIVEN else " by this plugin"
    return source, f"{what} {name} is given twice{by}{_which(first.path, later.path)}"
