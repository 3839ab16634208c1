"""What the plugins of an engine provide: frameworks, rule packs, migrations and exporters.

Each collection is made once, on first use, under the engine's lock: the caller's own items
first where they win (frameworks and migrations), every plugin's credited to it, the first
of each name kept and every later one a warning from its provider. Whatever a plugin gives
is checked at the boundary (`isolation.results`) before it is kept. `Engine` is a
`Catalogue` that also makes reports with what it holds."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Literal, TypeVar

import pluggy

from ._names import FILE_SUFFIXES, listed
from .catalogue_entries import (
    does_not_load,
    exporter_entry,
    framework_entry,
    given_frameworks,
    model_or_path,
    path_given,
)
from .errors import SelfReviewError, UnknownFrameworkError, UnknownIdError, quoted_key
from .exporters.base import Exporter
from .files.stdin import is_stdin
from .framework_names import latest, names_of_frameworks, unknown_framework
from .isolation import results as plugin_results
from .isolation.calls import FAILED, PluginCall
from .loader import load_migration, resolve_framework
from .model.base import did_you_mean
from .model.checks import check_rules
from .model.framework import Framework
from .model.problem import Problem
from .model.rules import RulePack
from .model.unvalidated import given
from .plugins import PluginHost, PluginInfo
from .provided import (
    ENGINE,
    GIVEN,
    ExporterEntry,
    FrameworkEntry,
    MigrationEntry,
    Provided,
    RulePackEntry,
    told_twice,
)
from .rules.index import CompiledRules
from .rules.warned import file_warnings, given_warnings, pack_warnings
from .twins import rules_with_twin, twin_path

if TYPE_CHECKING:
    from .model.migration import Migration

__all__ = [
    "Catalogue",
    "FrameworkEntry",
    "MigrationEntry",
    "RulePackEntry",
    "framework_named",
    "given_frameworks",  # `catalogue_entries`', imported from here by the engine
]

PathLike = str | os.PathLike[str]


_E = TypeVar("_E", bound=Provided)
_T = TypeVar("_T")


class Catalogue:
    """The plugins on `host` and what they provide, with the caller's own frameworks, rule
    packs and migrations. Plugin failures go to `problems`, never raised; a bad item the
    caller gives raises."""

    def __init__(
        self,
        host: PluginHost,
        problems: list[Problem],
        frameworks: list[FrameworkEntry],
        *,
        rule_packs: Iterable[PathLike | RulePack] = (),
        migrations: Iterable[PathLike | Migration] = (),
    ) -> None:
        self.problems = problems
        self._host = host
        # Re-entrant: collecting rule packs looks frameworks up, which collects them.
        self._lock = threading.RLock()
        # The caller's own frameworks come before any plugin's.
        self._given_frameworks = frameworks
        self._frameworks: dict[str, FrameworkEntry] | None = None
        #: `framework_names`, made once the frameworks are collected (they never change).
        self._names: dict[str, Framework] | None = None
        self._packs: list[RulePackEntry] | None = None
        self._compiled: dict[str, CompiledRules] = {}
        self._exporters: dict[str, ExporterEntry] | None = None
        # The caller's own packs are the caller's input: a bad one raises, here and now.
        self._given_packs = [
            self.rule_pack(given(p, "rule pack")) if isinstance(p, RulePack) else self.rule_pack(p)
            for p in listed(rule_packs, "rule_packs")
        ]
        self._migrations: tuple[MigrationEntry, ...] | None = None
        self._given_migrations = [self.migration(m) for m in listed(migrations, "migrations")]

    # -- plugins -------------------------------------------------------------------------

    @property
    def plugin_manager(self) -> pluggy.PluginManager:
        return self._host.pm

    @property
    def disabled(self) -> tuple[str, ...]:
        return self._host.disabled

    def plugins(self) -> list[PluginInfo]:
        """Registered plugins in registration order (built-ins first), with the hooks each
        implements (a misspelt hook is not one: it is a problem)."""
        return self._host.info()

    def _provided(self, hook: str, convert: Callable[[PluginCall, object], _T]) -> Iterator[_T]:
        """Each item the plugins give through `hook`, as `convert` makes it (crediting the
        plugin). Whatever fails, in the plugin or in `convert`, is the plugin's problem."""
        for call, result in self._host.calls(hook, self.problems):
            found = call.run(plugin_results.items, result)
            if found is not FAILED:
                yield from call.collect(found, convert)

    def _first_wins(
        self,
        what: str,
        entries: Iterable[_E],
        key: Callable[[_E], str],
        kept: dict[str, _E] | None = None,
    ) -> dict[str, _E]:
        """`entries` (after any already `kept`) by `key`, the first of each kept; a warning
        for each later one, from its provider."""
        kept = {} if kept is None else kept
        for entry in entries:
            name = key(entry)
            first = kept.setdefault(name, entry)
            if first is not entry:
                source, message = told_twice(what, name, first, entry)
                self._problem(source, message, "warning")
        return kept

    def _problem(
        self, source: str, message: str, severity: Literal["error", "warning"] = "error"
    ) -> None:
        self.problems.append(Problem(source=source, message=message, severity=severity))

    # -- frameworks ----------------------------------------------------------------------

    def _collect_frameworks(self) -> dict[str, FrameworkEntry]:
        def ref(entry: FrameworkEntry) -> str:
            return entry.framework.ref

        given = self._first_wins("framework", self._given_frameworks, ref)  # the first, as all
        provided = self._provided("selfreview_frameworks", framework_entry)
        return self._first_wins("framework", provided, ref, given)

    def frameworks(self) -> tuple[FrameworkEntry, ...]:
        """Every framework the plugins provide (collected once, on first use)."""
        if self._frameworks is None:
            with self._lock:
                if self._frameworks is None:
                    self._frameworks = self._collect_frameworks()
        return tuple(self._frameworks.values())

    def framework_names(self) -> dict[str, Framework]:
        """Frameworks by `id@version` and by `id` (the latest, or the first given of the id, as
        SPEC section 5 looks an assessment's up): a dict of the caller's own."""
        return dict(self._framework_names())

    def _framework_names(self) -> dict[str, Framework]:
        """`framework_names`, made once (every report without a framework asks it)."""
        if self._names is None:
            self._names = names_of_frameworks(self.frameworks(), self._given_frameworks)
        return self._names

    def framework(self, name: str) -> Framework:
        """A framework by id (its latest version) or `id@version`."""
        if not isinstance(name, str):  # a framework itself: `'Framework' has no 'partition'`
            raise TypeError(f"`framework` takes an id or id@version, not {type(name).__name__}")
        names = self._framework_names()
        if name in names:
            return names[name]
        raise unknown_framework(name, names)

    def _lookup(self, ref: str) -> Framework | None:
        return resolve_framework(self._framework_names(), ref)

    # -- rule packs ----------------------------------------------------------------------

    def rule_pack(self, pack: PathLike | RulePack, source: str = ENGINE) -> RulePackEntry:
        """A caller's rule pack, loaded and checked against its framework; raises
        `SelfReviewError` (located, for a file) when it does not fit. What `validate` warns
        of (`{any: []}`, `below` the worst level) is a warning problem of `source`'s."""
        if isinstance(pack, RulePack):
            framework = self._lookup(pack.framework)
            if framework is None:
                raise UnknownFrameworkError(
                    f"rule pack {pack.id} is for `{pack.framework}`, which is not available",
                    code="unknown-framework",
                )
            check_rules(framework, pack)
            self._warned(source, pack)
            return RulePackEntry(pack, GIVEN)
        loaded, warnings = given_warnings(path_given(pack, "rule_packs", "RulePack"), self._lookup)
        for warning in warnings:  # what `validate` warns of: `{any: []}`, `below` the worst
            self._problem(ENGINE, warning, "warning")
        return RulePackEntry(loaded, GIVEN, os.fspath(pack))

    def _warned(self, source: str, pack: RulePack) -> None:
        for message in pack_warnings(self._lookup, pack):  # once, as the pack is loaded
            self._problem(source, message, "warning")

    def _plugin_pack(self, call: PluginCall, item: object) -> RulePackEntry:
        given = model_or_path(call, item, RulePack, "rule pack", "selfreview_rule_packs")
        try:
            if isinstance(given, RulePack):
                pack, path = self.rule_pack(given, call.plugin).pack, None
            else:  # a plugin's own file: read through its JSON twin (`twins`)
                pack, path = rules_with_twin(given, self._lookup), os.fspath(given)
                for message in file_warnings(self._lookup, pack, given):  # located, once
                    self._problem(call.plugin, message, "warning")
        except SelfReviewError as error:
            raise does_not_load("rule pack", error) from None
        return RulePackEntry(pack, call.plugin, path)

    def rule_packs(self) -> tuple[RulePackEntry, ...]:
        """Every rule pack: from plugins (loaded once, on first use), then the caller's.
        A pack id already taken is skipped with a warning."""
        if self._packs is None:
            with self._lock:
                if self._packs is None:
                    provided = self._provided("selfreview_rule_packs", self._plugin_pack)
                    entries = [*provided, *self._given_packs]
                    kept = self._first_wins("rule pack", entries, lambda entry: entry.pack.id)
                    self._packs = list(kept.values())
        return tuple(self._packs)

    def _rules_for(self, framework: Framework) -> CompiledRules:
        """The packs compiled for `framework`, by ref, for it or one equal (not one of its ref)."""
        compiled = self._compiled.get(framework.ref)
        if compiled is None or compiled.framework != framework:
            with self._lock:
                compiled = self._compiled.get(framework.ref)
                if compiled is None or compiled.framework != framework:
                    compiled = CompiledRules(framework, (e.pack for e in self.rule_packs()))
                    self._compiled[framework.ref] = compiled
        return compiled

    # -- migrations ----------------------------------------------------------------------

    def migration(self, migration: PathLike | Migration) -> MigrationEntry:
        """A caller's migration, checked against both of its versions (which must be
        available); raises `SelfReviewError` (located, for a file) when it does not fit."""
        # Imported on the first migration: a report of reviews of one version needs none.
        from .model.migration import Migration
        from .model.migration_checks import check_migration

        if isinstance(migration, Migration):
            migration = given(migration, "migration")
            check_migration(migration, self._lookup)
            return MigrationEntry(migration, GIVEN)
        loaded = load_migration(path_given(migration, "migrations", "Migration"), self._lookup)
        return MigrationEntry(loaded, GIVEN, os.fspath(migration))

    def _plugin_migration(self, call: PluginCall, item: object) -> MigrationEntry:
        from .model.migration import Migration  # as in `migration`

        given = model_or_path(call, item, Migration, "migration", "selfreview_migrations")
        try:
            entry = self.migration(given)
        except SelfReviewError as error:
            raise does_not_load("migration", error) from None
        return MigrationEntry(entry.migration, call.plugin, entry.path)

    def migrations(self) -> tuple[MigrationEntry, ...]:
        """The caller's migrations, then the plugins' (loaded once, on first use). A second
        migration between the same two versions is skipped with a warning."""
        if self._migrations is None:
            with self._lock:
                if self._migrations is None:
                    provided = self._provided("selfreview_migrations", self._plugin_migration)
                    entries = [*self._given_migrations, *provided]
                    kept = self._first_wins(
                        "a migration", entries, lambda entry: entry.migration.ref
                    )
                    self._migrations = tuple(kept.values())
        return self._migrations

    def _known_migrations(self) -> Iterator[Migration]:
        yield from (entry.migration for entry in self.migrations())

    def plugin_files(self) -> list[tuple[str, str]]:
        """(what, path) of each framework, rule pack and migration file the plugins give,
        and of each file's JSON twin (`twins`), and the plugins' Python files: files every
        run reads, which no output may replace (SPEC section 7). Collects all three now if
        they are not yet."""
        entries: list[tuple[str, Provided]] = [
            *(("framework", entry) for entry in self.frameworks()),
            *(("rule pack", entry) for entry in self.rule_packs()),
            *(("migration", entry) for entry in self.migrations()),
        ]
        files: list[tuple[str, str]] = []
        for what, entry in entries:
            if entry.provider != GIVEN and entry.path is not None:
                what = f"the {what} file of plugin {entry.provider}"
                files += [(what, entry.path), (what, os.fspath(twin_path(entry.path)))]
        return files + self._host.code_files()

    # -- exporters -----------------------------------------------------------------------

    def exporters(self) -> dict[str, Exporter]:
        """Every output format by name (collected once, on first use). A name already
        taken keeps its first exporter."""
        if self._exporters is None:
            with self._lock:
                if self._exporters is None:
                    self._exporters = self._first_wins(
                        "exporter",
                        self._provided("selfreview_exporters", exporter_entry),
                        lambda entry: entry.exporter.name,
                    )
        return {name: entry.exporter for name, entry in self._exporters.items()}

    def exporter(self, name: str) -> Exporter:
        exporters = self.exporters()
        if name not in exporters:
            raise UnknownIdError(
                f"no exporter {quoted_key(name)}" if name else "no exporter has an empty name",
                hint=did_you_mean(name, exporters) or f"choose from {', '.join(exporters)}",
                code="unknown-exporter",
            )
        return exporters[name]


def framework_named(catalogue: Catalogue, name: str) -> Framework:
    """The version a target (`migrate --to`) names: an id (its latest version, given or not),
    `id@version`, or the file of a framework given (`<stdin>` too, once claimed: `--to -`).
    `UnknownFrameworkError` (with a hint) if there is none."""
    if os.path.exists(name) or name.endswith(FILE_SUFFIXES) or is_stdin(name):
        path = os.fspath(name)
        for entry in catalogue.frameworks():
            if entry.provider == GIVEN and entry.path == path:
                return entry.framework
    versions = [e.framework for e in catalogue.frameworks() if e.framework.id == name]
    if versions:
        return latest(versions)
    return catalogue.framework(name)
