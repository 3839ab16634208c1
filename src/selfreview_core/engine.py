"""The `Engine`: one plugin manager of its own (no global state), the plugins on it, the
frameworks and rule packs they provide, and reports made with all of them."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from typing import Literal, Protocol, TypeVar

import pluggy

from . import plugin_results
from ._names import Policy
from .award_check import awards
from .comparison import check_comparable, compare_profiles
from .errors import SelfReviewError, UnknownFrameworkError, UnknownIdError
from .exporters import Exporter
from .hookspecs import PROJECT
from .loader import load_assessment, load_framework, load_migration, load_rules, resolve_framework
from .migration_apply import ForReview, Migrated, migrate, to_version
from .migration_path import find_path
from .model.assessment import Assessment
from .model.assessment_checks import check_assessment
from .model.base import did_you_mean, split_ref
from .model.checks import check_rules
from .model.framework import Framework
from .model.migration import Migration
from .model.migration_checks import check_migration
from .model.problem import Problem
from .model.recommendation import Recommendation
from .model.rules import RulePack
from .plugin_output import plugin_output
from .plugins import (
    DEFAULT_PLUGINS,
    FAILED,
    PluginCall,
    PluginHost,
    PluginInfo,
    Refused,
)
from .recommending import order_recommendations, with_sources
from .report import Report
from .ruleset import CompiledRules, Facts
from .scoring import Profile, score

__all__ = ["Engine", "FrameworkEntry", "MigrationEntry", "PluginInfo", "RulePackEntry"]

PathLike = str | os.PathLike[str]


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
_T = TypeVar("_T")


def _entry_points() -> Iterable[EntryPoint]:
    """The installed plugins' entry points (looked up here, so tests can replace them)."""
    return entry_points(group=PROJECT)


def _version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order: `2010` after `2008`, `1.10` after `1.9`."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[.\-_]", version))


class Engine:
    """Built-in plugins, plugins from the `selfreview` entry-point group, and any passed in.

    Each engine owns its `pluggy.PluginManager`: two engines in one process never see each
    other's plugins. Plugin failures are collected in `problems`, never raised: every call
    into a plugin goes through `plugins.PluginCall`, and every object a plugin gives is
    checked at the boundary (`plugin_results`).

    Safe to share between threads: what plugins provide (frameworks, rule packs,
    migrations, exporters) is collected once, on first use, under a lock, so threads using
    a new engine at the same moment neither collect twice nor record a problem twice; the
    collections never change afterwards, and each report keeps its own problems. The
    models are immutable, so reports made in different threads share nothing that can
    change. Plugins are called from whichever thread makes the report, so a plugin that
    keeps state of its own must guard it.
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
        # Re-entrant: collecting rule packs looks frameworks up, which collects them.
        self._lock = threading.RLock()
        # The caller's own frameworks come before any plugin's; a bad file raises.
        self._given_frameworks = [
            FrameworkEntry(f, "given")
            if isinstance(f, Framework)
            else FrameworkEntry(load_framework(f), "given", os.fspath(f))
            for f in frameworks
        ]
        self._host = PluginHost(self.problems, disable)
        for name, module in DEFAULT_PLUGINS:
            self._host.register(module, name, "built-in")
        if entry_points:
            self._host.load_entry_points(_entry_points)
        for plugin in plugins:
            self._host.register(plugin, None, "registered")
        self._host.warn_unknown_disabled()
        self._frameworks: dict[str, FrameworkEntry] | None = None
        self._packs: list[RulePackEntry] | None = None
        self._compiled: dict[str, CompiledRules] = {}
        self._exporters: dict[str, _ExporterEntry] | None = None
        # The caller's own packs are the caller's input: a bad one raises, here and now.
        self._given_packs = [self.rule_pack(p) for p in rule_packs]
        self._migrations: tuple[MigrationEntry, ...] | None = None
        self._given_migrations = [self.migration(m) for m in migrations]

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
                self._problem(
                    entry.provider,
                    f"{what} {name} is also provided by {first.provider}; using {first.provider}'s",
                    "warning",
                )
        return kept

    def _problem(
        self, source: str, message: str, severity: Literal["error", "warning"] = "error"
    ) -> None:
        self.problems.append(Problem(source=source, message=message, severity=severity))

    # -- frameworks ----------------------------------------------------------------------

    def _collect_frameworks(self) -> dict[str, FrameworkEntry]:
        given = {entry.framework.ref: entry for entry in self._given_frameworks}
        return self._first_wins(
            "framework",
            self._provided("selfreview_frameworks", _framework_entry),
            lambda entry: entry.framework.ref,
            given,
        )

    def frameworks(self) -> tuple[FrameworkEntry, ...]:
        """Every framework the plugins provide (collected once, on first use)."""
        if self._frameworks is None:
            with self._lock:
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

    def _plugin_pack(self, call: PluginCall, item: object) -> RulePackEntry:
        if isinstance(item, RulePack):
            given: PathLike | RulePack = (
                item if call.trusted else plugin_results.model(RulePack, item, "rule pack")
            )
        else:
            given = plugin_results.path(item, "selfreview_rule_packs", "a path or a RulePack")
        try:
            entry = self.rule_pack(given)
        except SelfReviewError as error:
            raise Refused(f"rule pack does not load:\n{error}") from None
        return RulePackEntry(entry.pack, call.plugin, entry.path)

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
        compiled = self._compiled.get(framework.ref)
        if compiled is None:
            with self._lock:
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

    def _plugin_migration(self, call: PluginCall, item: object) -> MigrationEntry:
        if isinstance(item, Migration):
            given: PathLike | Migration = (
                item if call.trusted else plugin_results.model(Migration, item, "migration")
            )
        else:
            given = plugin_results.path(item, "selfreview_migrations", "a path or a Migration")
        try:
            entry = self.migration(given)
        except SelfReviewError as error:
            raise Refused(f"migration does not load:\n{error}") from None
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
        with self._lock:
            problems = list(self.problems)
        found = self._recommendations(framework, problems, assessment, profile, previous)
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

    def _recommendations(
        self,
        framework: Framework,
        problems: list[Problem],
        assessment: Assessment,
        profile: Profile,
        previous: Assessment | None,
    ) -> list[Recommendation]:
        """Every plugin's recommendations that are well formed, each credited to its plugin;
        a problem in `problems` for the rest."""
        found: list[Recommendation] = []
        with plugin_output():  # one redirection around them all: cheaper than one each
            for call, result in self._host.calls(
                "selfreview_recommend",
                problems,
                framework=framework,
                assessment=assessment,
                profile=profile,
                previous=previous,
            ):
                items = call.run(plugin_results.recommendation_items, result)
                if items is FAILED:
                    continue
                made = call.collect(items, plugin_results.recommendation, framework)
                sources = (call.plugin,)
                found.extend(with_sources(rec, call.plugin, sources) for rec in made)
        return found

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
        """Every output format by name (collected once, on first use). A name already
        taken keeps its first exporter."""
        if self._exporters is None:
            with self._lock:
                if self._exporters is None:
                    self._exporters = self._first_wins(
                        "exporter",
                        self._provided("selfreview_exporters", _exporter_entry),
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
        """The report in the format `name` (`json`, `table`, or any plugin's). Raises
        `SelfReviewError` naming the exporter and its plugin if `render` fails (however)
        or returns anything but bytes or text that UTF-8 can encode."""
        exporter = self.exporter(name)
        assert self._exporters is not None  # collected by `exporter`
        entry = self._exporters[name]
        problems: list[Problem] = []
        call = PluginCall(
            entry.provider,
            "failed: {}",
            problems,
            trusted=self._host.trust(entry.provider),
        )
        output = call.run(_render, exporter, report)
        if output is FAILED:
            raise SelfReviewError(
                f"exporter {name} (from {call.plugin}) {problems[0].message}",
                code="export-failed",
            )
        return output


def _render(exporter: Exporter, report: Report) -> str | bytes:
    return plugin_results.rendered(exporter.render(report))


def _framework_entry(call: PluginCall, item: object) -> FrameworkEntry:
    if isinstance(item, Framework):
        if not call.trusted:
            item = plugin_results.model(Framework, item, "framework")
        return FrameworkEntry(item, call.plugin)
    path = plugin_results.path(item, "selfreview_frameworks", "a path or a Framework")
    try:
        return FrameworkEntry(load_framework(path), call.plugin, path)
    except SelfReviewError as error:
        raise Refused(f"framework file does not load:\n{error}") from None


def _exporter_entry(call: PluginCall, item: object) -> _ExporterEntry:
    return _ExporterEntry(plugin_results.exporter(call, item), call.plugin)
