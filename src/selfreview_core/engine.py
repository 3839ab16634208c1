"""The `Engine`: one plugin manager of its own (no global state), the plugins on it, the
frameworks and rule packs they provide, and reports made with all of them."""

from __future__ import annotations

import os
import re
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib.metadata import entry_points
from types import ModuleType
from typing import Any, Literal, Protocol, TypeVar

import pluggy
from pydantic import ValidationError

from . import hookspecs
from ._base import Document, did_you_mean, split_ref
from .assessment import Assessment
from .award_check import awards
from .comparison import check_comparable, compare_profiles
from .errors import SelfReviewError, UnknownFrameworkError, UnknownIdError
from .exporters import Exporter
from .framework import Framework
from .hookspecs import PROJECT
from .loader import (
    check_assessment,
    check_rules,
    load_assessment,
    load_framework,
    load_migration,
    load_rules,
    resolve_framework,
)
from .migration import Migration, check_migration
from .migration_apply import ForReview, Migrated, migrate, to_version
from .migration_path import find_path
from .plugins import DEFAULT_PLUGINS
from .problem import Problem
from .recommendation import Recommendation, order_recommendations, with_sources
from .report import Report
from .rules import RulePack
from .ruleset import CompiledRules, Facts
from .scoring import Policy, score

__all__ = ["Engine", "FrameworkEntry", "MigrationEntry", "PluginInfo", "RulePackEntry"]

PathLike = str | os.PathLike[str]

Origin = Literal["built-in", "entry point", "registered"]


@dataclass(frozen=True, slots=True)
class PluginInfo:
    name: str
    version: str | None
    hooks: tuple[str, ...]
    origin: Origin


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
class _ExporterEntry:
    exporter: Exporter
    provider: str


class _Provided(Protocol):
    @property
    def provider(self) -> str: ...


_E = TypeVar("_E", bound=_Provided)


def _version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order: `2010` after `2008`, `1.10` after `1.9`."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[.\-_]", version))


class Engine:
    """Built-in plugins, plugins from the `selfreview` entry-point group, and any passed in.

    Each engine owns its `pluggy.PluginManager`: two engines in one process never see each
    other's plugins. Plugin failures are collected in `problems`, never raised.
    """

    def __init__(
        self,
        *,
        plugins: Iterable[object] = (),
        entry_points: bool = True,
        disable: Iterable[str] = (),
        frameworks: Iterable[PathLike | Framework] = (),
        rule_packs: Iterable[PathLike | RulePack] = (),
        migrations: Iterable[PathLike | Migration] = (),
    ) -> None:
        self.problems: list[Problem] = []
        # The caller's own frameworks come before any plugin's; a bad file raises.
        self._given_frameworks = [
            FrameworkEntry(f, "given")
            if isinstance(f, Framework)
            else FrameworkEntry(load_framework(f), "given", os.fspath(f))
            for f in frameworks
        ]
        self._pm = pluggy.PluginManager(PROJECT)
        self._pm.add_hookspecs(hookspecs)
        self._origins: dict[str, tuple[Origin, str | None]] = {}
        self._disabled = tuple(dict.fromkeys(disable))
        for name in self._disabled:
            self._pm.set_blocked(name)
        for name, module in DEFAULT_PLUGINS:
            self._register(module, name, "built-in", None)
        if entry_points:
            self._load_entry_points()
        for plugin in plugins:
            self._register(plugin, _plugin_name(plugin), "registered", None)
        known = {name for name, _ in DEFAULT_PLUGINS} | set(self._origins)
        for name in self._disabled:
            if name not in known and not self._known_entry_point(name):
                self._problem("engine", f"no plugin named `{name}` to disable", "warning")
        self._frameworks: dict[str, FrameworkEntry] | None = None
        self._packs: list[RulePackEntry] | None = None
        self._compiled: dict[str, CompiledRules] = {}
        self._exporters: dict[str, _ExporterEntry] | None = None
        # The caller's own packs are the caller's input: a bad one raises, here and now.
        self._given_packs = [self.rule_pack(p) for p in rule_packs]
        self._migrations: tuple[MigrationEntry, ...] | None = None
        self._given_migrations = [self.migration(m) for m in migrations]

    # -- plugins -------------------------------------------------------------------------

    def _problem(
        self, source: str, message: str, severity: Literal["error", "warning"] = "error"
    ) -> None:
        self.problems.append(Problem(source=source, message=message, severity=severity))

    def _register(self, plugin: object, name: str, origin: Origin, version: str | None) -> None:
        if self._pm.is_blocked(name):
            return
        if self._pm.has_plugin(name) or self._pm.is_registered(plugin):
            self._problem(name, "a plugin of this name is already registered; skipped", "warning")
            return
        try:
            self._pm.register(plugin, name=name)
        except Exception as error:
            self._problem(name, f"cannot be registered: {error}")
            return
        self._origins[name] = (origin, version)

    def _load_entry_points(self) -> None:
        # Not `PluginManager.load_setuptools_entrypoints`: it stops at the first plugin that
        # fails to import, and we must lose nobody else's work over one broken plugin.
        for entry in entry_points(group=PROJECT):
            if self._pm.is_blocked(entry.name) or self._pm.has_plugin(entry.name):
                continue
            try:
                plugin = entry.load()
            except Exception as error:
                self._problem(entry.name, f"failed to load from `{entry.value}`: {error!r}")
                continue
            version = entry.dist.version if entry.dist is not None else None
            self._register(plugin, entry.name, "entry point", version)

    @staticmethod
    def _known_entry_point(name: str) -> bool:
        return any(entry.name == name for entry in entry_points(group=PROJECT))

    @property
    def plugin_manager(self) -> pluggy.PluginManager:
        return self._pm

    @property
    def disabled(self) -> tuple[str, ...]:
        return self._disabled

    def plugins(self) -> list[PluginInfo]:
        """Registered plugins in registration order (built-ins first)."""
        result = []
        for name, (origin, version) in self._origins.items():
            plugin = self._pm.get_plugin(name)
            callers = self._pm.get_hookcallers(plugin) or []
            result.append(PluginInfo(name, version, tuple(sorted(c.name for c in callers)), origin))
        return result

    def call_each(self, hook: str, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """Call every implementation of `hook`, one at a time, in registration order.

        Yields (plugin name, result); an implementation that raises yields the exception
        instead, so the caller can credit results and report failures per plugin.
        """
        caller = getattr(self._pm.hook, hook)
        for impl in caller.get_hookimpls():
            arguments = {name: kwargs[name] for name in impl.argnames}
            try:
                yield impl.plugin_name, impl.function(**arguments)
            except Exception as error:
                yield impl.plugin_name, error

    def _provided(
        self, hook: str, accept: type | types.UnionType, expected: str
    ) -> Iterator[tuple[str, Any]]:
        """Each item the plugins give through `hook`, with the plugin's name. A plugin that
        raises, and an item that is not `accept` (`expected` says what is), are problems."""
        for plugin, result in self.call_each(hook):
            if isinstance(result, Exception):
                self._problem(plugin, f"{hook} raised {result!r}")
                continue
            for item in _items(result):
                if isinstance(item, accept):
                    yield plugin, item
                else:
                    self._problem(plugin, f"{hook} gave {type(item).__name__}, not {expected}")

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
                self._problem(
                    entry.provider,
                    f"{what} {name} is also provided by {first.provider}; using {first.provider}'s",
                    "warning",
                )
        return kept

    # -- frameworks ----------------------------------------------------------------------

    def _collect_frameworks(self) -> dict[str, FrameworkEntry]:
        given = {entry.framework.ref: entry for entry in self._given_frameworks}
        provided = self._provided(
            "selfreview_frameworks", Framework | str | os.PathLike, "a path or a Framework"
        )
        entries = (self._framework_entry(plugin, item) for plugin, item in provided)
        return self._first_wins(
            "framework",
            (entry for entry in entries if entry is not None),
            lambda entry: entry.framework.ref,
            given,
        )

    def _framework_entry(
        self, plugin: str, item: Framework | str | os.PathLike[str]
    ) -> FrameworkEntry | None:
        if isinstance(item, Framework):
            return FrameworkEntry(item, plugin)
        try:
            return FrameworkEntry(load_framework(item), plugin, os.fspath(item))
        except SelfReviewError as error:
            self._problem(plugin, f"framework file does not load:\n{error}")
            return None

    def frameworks(self) -> tuple[FrameworkEntry, ...]:
        """Every framework the plugins provide (loaded once, on first use)."""
        if self._frameworks is None:
            self._frameworks = self._collect_frameworks()
        return tuple(self._frameworks.values())

    def framework_names(self) -> dict[str, Framework]:
        """Frameworks by `id@version` and by `id` (the latest version)."""
        names: dict[str, Framework] = {}
        for entry in sorted(self.frameworks(), key=lambda e: _version_key(e.framework.version)):
            names[entry.framework.ref] = entry.framework
            names[entry.framework.id] = entry.framework
        for entry in self._given_frameworks:  # the caller's own win by id too
            names[entry.framework.id] = entry.framework
        return names

    def framework(self, name: str) -> Framework:
        """A framework by id (its latest version) or `id@version`."""
        names = self.framework_names()
        if name in names:
            return names[name]
        framework_id, version = split_ref(name)
        hint = did_you_mean(framework_id, {split_ref(n)[0] for n in names})
        if version and framework_id in names:
            versions = sorted(f.version for f in names.values() if f.id == framework_id)
            hint = f"available versions: {', '.join(dict.fromkeys(versions))}"
        raise UnknownFrameworkError(
            f"no framework `{name}` is available",
            hint=hint or "see `selfreview frameworks`",
            code="unknown-framework",
        )

    def _lookup(self, ref: str) -> Framework | None:
        return resolve_framework(self.framework_names(), ref)

    # -- rule packs ----------------------------------------------------------------------

    def rule_pack(self, pack: PathLike | RulePack) -> RulePackEntry:
        """A caller's rule pack, loaded and checked against its framework; raises
        `SelfReviewError` (located, for a file) when it does not fit."""
        if isinstance(pack, RulePack):
            framework = self._lookup(pack.framework)
            if framework is None:
                raise UnknownFrameworkError(
                    f"rule pack {pack.id} is for `{pack.framework}`, which is not available",
                    code="unknown-framework",
                )
            check_rules(framework, pack)
            return RulePackEntry(pack, "given")
        return RulePackEntry(load_rules(pack, self._lookup), "given", os.fspath(pack))

    def _collect_packs(self) -> list[RulePackEntry]:
        entries: list[RulePackEntry] = []
        for plugin, item in self._provided(
            "selfreview_rule_packs", RulePack | str | os.PathLike, "a path or a RulePack"
        ):
            try:
                entry = self.rule_pack(item)
            except SelfReviewError as error:
                self._problem(plugin, f"rule pack does not load:\n{error}")
                continue
            entries.append(RulePackEntry(entry.pack, plugin, entry.path))
        return entries

    def rule_packs(self) -> tuple[RulePackEntry, ...]:
        """Every rule pack: from plugins (loaded once, on first use), then the caller's.
        A pack id already taken is skipped with a warning."""
        if self._packs is None:
            entries = [*self._collect_packs(), *self._given_packs]
            kept = self._first_wins("rule pack", entries, lambda entry: entry.pack.id)
            self._packs = list(kept.values())
        return tuple(self._packs)

    def _rules_for(self, framework: Framework) -> CompiledRules:
        compiled = self._compiled.get(framework.ref)
        if compiled is None:
            compiled = CompiledRules(framework, (e.pack for e in self.rule_packs()))
            self._compiled[framework.ref] = compiled
        return compiled

    # -- migrations ----------------------------------------------------------------------

    def migration(self, migration: PathLike | Migration) -> MigrationEntry:
        """A caller's migration, checked against both of its versions (which must be
        available); raises `SelfReviewError` (located, for a file) when it does not fit."""
        if isinstance(migration, Migration):
            check_migration(migration, self._lookup)
            return MigrationEntry(migration, "given")
        loaded = load_migration(migration, self._lookup)
        return MigrationEntry(loaded, "given", os.fspath(migration))

    def migrations(self) -> tuple[MigrationEntry, ...]:
        """The caller's migrations, then the plugins' (loaded once, on first use). A second
        migration between the same two versions is skipped with a warning."""
        if self._migrations is None:
            entries = list(self._given_migrations)
            for plugin, item in self._provided(
                "selfreview_migrations", Migration | str | os.PathLike, "a path or a Migration"
            ):
                try:
                    entry = self.migration(item)
                except SelfReviewError as error:
                    self._problem(plugin, f"migration does not load:\n{error}")
                    continue
                entries.append(MigrationEntry(entry.migration, plugin, entry.path))
            kept = self._first_wins("a migration", entries, lambda entry: entry.migration.ref)
            self._migrations = tuple(kept.values())
        return self._migrations

    def migrate(self, assessment: Assessment, to: str) -> Migrated:
        """`assessment` carried to the version `to` (`id@version`, or an id for its latest)
        along the shortest chain of known migrations. Raises `NoMigrationPathError` when
        none leads there; an assessment already of that version comes back pinned to it."""
        source = self.framework(assessment.framework).ref
        target = self.framework(to).ref
        chain = find_path((e.migration for e in self.migrations()), source, target)
        if chain:
            return migrate(assessment, chain, frameworks=self.framework_names())
        same = assessment.model_copy(update={"framework": target})
        waiting = tuple(
            ForReview(strand, entry.reason, {}, target, entry)
            for strand, entry in same.awaiting_review.items()
        )
        return Migrated(same, source, target, (), tuple(same.judgements), waiting, ())

    def _as_version(self, assessment: Assessment, framework: Framework) -> Assessment:
        """`assessment` as of `framework`'s version: migrated there when it is of another
        version; as it is when it is of another framework (`check_assessment` says so)."""
        return to_version(
            assessment,
            framework,
            self._known_migrations(),  # collected only if a chain is looked for
            frameworks=lambda ref: self.framework_names().get(ref),
            resolve=self.framework,
        )

    def _known_migrations(self) -> Iterator[Migration]:
        yield from (entry.migration for entry in self.migrations())

    # -- reports -------------------------------------------------------------------------

    def report(
        self,
        assessment: Assessment,
        previous: Assessment | None = None,
        *,
        framework: Framework | None = None,
        policy: Policy = "median",
        any_school: bool = False,
    ) -> Report:
        """Profile, comparison with `previous`, and every plugin's and rule pack's
        recommendations, in order. A `previous` of another version of the framework is
        first migrated to this one (see `migrate`). Raises `SelfReviewError` when the
        assessments do not fit the framework, and `ComparisonError` for a `previous` newer
        than `assessment` or of another school (unless `any_school`); a failing plugin is a
        problem in the report, never an error."""
        if framework is None:
            framework = self.framework(assessment.framework)
        check_assessment(framework, assessment)
        profile = score(framework, assessment, policy)
        comparison = None
        if previous is not None:
            previous = self._as_version(previous, framework)
            check_assessment(framework, previous)
            check_comparable(framework, previous, assessment, any_school=any_school)
            before = score(framework, previous, policy)
            comparison = compare_profiles(framework, previous, assessment, before, profile)
        compiled = self._rules_for(framework)  # before copying problems: packs may add some
        problems = list(self.problems)
        found: list[Recommendation] = []
        for plugin, result in self.call_each(
            "selfreview_recommend",
            framework=framework,
            assessment=assessment,
            profile=profile,
            previous=previous,
        ):
            found.extend(_accepted(plugin, result, framework, problems))
        found.extend(compiled.recommendations(Facts(profile, comparison)))
        return Report(
            framework=framework,
            assessment=assessment,
            profile=profile,
            recommendations=order_recommendations(framework, found),
            previous=previous,
            comparison=comparison,
            awards=awards(framework, assessment, profile=profile),
            problems=tuple(problems),
        )

    def report_many(
        self,
        assessments: Iterable[Assessment | PathLike],
        *,
        framework: Framework | None = None,
        policy: Policy = "median",
        on_error: Callable[[str, SelfReviewError], None] | None = None,
    ) -> Iterator[Report]:
        """A report per assessment (objects or files), made one at a time as they are
        consumed, so memory does not grow with the input. A file or assessment that does not
        load or fit raises, unless `on_error(name, error)` is given: then it is skipped."""
        lookup: Framework | Callable[[str], Framework | None]
        lookup = framework if framework is not None else self._lookup
        for item in assessments:
            name = item.school.id if isinstance(item, Assessment) else os.fspath(item)
            try:
                assessment = item if isinstance(item, Assessment) else load_assessment(item, lookup)
                report = self.report(assessment, framework=framework, policy=policy)
            except SelfReviewError as error:
                if on_error is None:
                    raise
                on_error(name, error)
                continue
            yield report

    # -- exporters -----------------------------------------------------------------------

    def exporters(self) -> dict[str, Exporter]:
        """Every output format by name (collected once, on first use)."""
        if self._exporters is None:
            provided = self._provided("selfreview_exporters", Exporter, "Exporter")
            self._exporters = self._first_wins(
                "exporter",
                (_ExporterEntry(item, plugin) for plugin, item in provided),
                lambda entry: entry.exporter.name,
            )
        return {name: entry.exporter for name, entry in self._exporters.items()}

    def exporter(self, name: str) -> Exporter:
        exporters = self.exporters()
        if name not in exporters:
            raise UnknownIdError(
                f"no exporter `{name}`",
                hint=did_you_mean(name, exporters) or f"available: {', '.join(exporters)}",
                code="unknown-exporter",
            )
        return exporters[name]

    def export(self, report: Report, name: str) -> str | bytes:
        """The report in the format `name` (`json`, `table`, or any plugin's)."""
        exporter = self.exporter(name)
        plugin = self._exporters[name].provider if self._exporters else name
        try:
            output = exporter.render(report)
        except Exception as error:
            raise SelfReviewError(
                f"exporter {name} (from {plugin}) failed: {type(error).__name__}: {error}",
                code="export-failed",
            ) from error
        if not isinstance(output, str | bytes):
            raise SelfReviewError(
                f"exporter {name} (from {plugin}) returned {type(output).__name__}, "
                "not str or bytes",
                code="export-failed",
            )
        return output


def _accepted(
    plugin: str, result: object, framework: Framework, problems: list[Problem]
) -> list[Recommendation]:
    """A plugin's recommendations that are well formed, crediting it; problems for the rest."""

    def problem(message: str) -> None:
        problems.append(Problem(source=plugin, message=message))

    if isinstance(result, Exception):
        problem(f"selfreview_recommend raised {type(result).__name__}: {result}")
        return []
    if result is None:
        return []
    if isinstance(result, str | bytes | Mapping | Recommendation) or not isinstance(
        result, Iterable
    ):
        problem(f"selfreview_recommend returned {type(result).__name__}, not a list")
        return []
    accepted: list[Recommendation] = []
    iterator = iter(result)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            break
        except Exception as error:
            problem(f"selfreview_recommend raised {type(error).__name__}: {error}")
            break
        try:
            if isinstance(item, Mapping):
                item = Recommendation.model_validate(item)
        except ValidationError as error:
            detail = "; ".join(
                f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
            )
            problem(f"malformed recommendation: {detail}")
            continue
        if not isinstance(item, Recommendation):
            problem(f"gave {type(item).__name__}, not a Recommendation")
            continue
        unknown = [t for t in item.targets if t not in framework]
        if unknown:
            problem(
                f"recommendation {item.id} targets {', '.join(unknown)}, not in {framework.ref}"
            )
            continue
        accepted.append(with_sources(item, plugin, (plugin,)))
    return accepted


def _plugin_name(plugin: object) -> str:
    if isinstance(plugin, ModuleType):
        return plugin.__name__
    name = getattr(plugin, "name", None)
    return name if isinstance(name, str) else f"{type(plugin).__name__}-{id(plugin):x}"


def _items(result: object) -> Iterable[object]:
    if result is None:
        return ()
    if isinstance(result, str | os.PathLike | Document) or not isinstance(result, Iterable):
        return (result,)
    if isinstance(result, Mapping):
        return tuple(result.values())
    return result
