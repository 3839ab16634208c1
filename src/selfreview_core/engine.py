"""The `Engine`: one plugin manager of its own (no global state), the plugins on it, the
frameworks, rule packs, migrations and exporters they provide (`Catalogue`), and reports,
awards, migrations and exports made with all of them."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, Final

from ._memo import ByIdentity
from ._names import PROJECT, Policy, listed
from .award_check import Awards, awards
from .catalogue import Catalogue, given_frameworks
from .comparison import check_comparable, compare_profiles
from .engine_inputs import benchmark_paths, reports_of
from .entry_points import installed
from .errors import SelfReviewError
from .exporters.base import Exporter
from .facts import Facts
from .isolation import accepting
from .isolation import results as plugin_results
from .isolation.calls import FAILED, MAX_ITEMS, PluginCall
from .isolation.interrupts import the_users
from .isolation.output import plugin_output_entered, plugin_output_left
from .loader import load_assessment
from .model.assessment import Assessment, check_built
from .model.assessment_checks import check_assessment
from .model.base import new_object, set_dict, set_extra, set_fields_set, set_private
from .model.framework import Framework
from .model.problem import Problem
from .model.recommendation import Recommendation
from .model.rules import RulePack
from .model.unvalidated import given
from .plugins import DEFAULT_PLUGINS, PluginHost, known_of
from .recommending import Pooled, order_parts, sort_key, with_sources
from .report import Report
from .review_dates import future_problems
from .rules.index import CompiledRules
from .scoring.profiles import Profile, fit_scorer_of, not_sure, score

if TYPE_CHECKING:
    from .cohort.files import FilesBenchmark
    from .migrations.versions import Migrated, Migration

__all__ = ["Engine"]

PathLike = str | os.PathLike[str]
#: The arguments of `selfreview_recommend`, in the order `Engine._recommenders` numbers them.
_RECOMMEND_ARGS: tuple[str, ...] = ("framework", "assessment", "profile", "previous")
#: (plugin, function, where its arguments are in `_RECOMMEND_ARGS`, trusted, `known_of`).
_Recommender = tuple[str, Callable[..., object], tuple[int, ...], bool, accepting.Known | None]
#: What `Engine._recommenders` gives: those serving a framework, what was accepted for it.
_Plan = tuple[tuple[_Recommender, ...], accepting.Tables]

#: `Engine._last`: (framework, policy, fitted scorer, compiled rule packs, whether the
#: framework declares awards).
_Scorer = Callable[[Assessment], Profile | None]
_Last = tuple[Framework | None, Policy | None, _Scorer, CompiledRules | None, bool]

#: The fields `Engine.report` gives a report, in the model's order: its fields set (as
#: `Report.trusted_maker` of them sets it; the rest, `voices`, its default, None).
_REPORT_GIVEN: Final = frozenset(Report.model_fields) - {"voices"}


def _entry_points() -> Iterable[EntryPoint]:
    """The installed plugins' entry points (looked up here, so tests can replace them)."""
    return installed(PROJECT, entry_points)  # one scan: pydantic's plugins found in it too


class Engine(Catalogue):
    """Built-in plugins, plugins from the `selfreview` entry-point group, and any passed in.

    Each engine owns its `pluggy.PluginManager`: two engines in one process never see each
    other's plugins. Plugin failures are collected in `problems`, never raised: every call
    into a plugin goes through `isolation.calls.PluginCall`, and every object a plugin gives
    is checked at the boundary (`isolation.results`).

    Safe to share between threads: what plugins provide (frameworks, rule packs,
    migrations, exporters) is collected once, on first use, under a lock, so threads using
    a new engine at the same moment neither collect twice nor record a problem twice; the
    collections never change afterwards, and each report keeps its own problems. The
    models are immutable, so reports made in different threads share nothing that can
    change. Plugins are called from whichever thread makes the report, so a plugin that
    keeps state of its own must guard it."""

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
        # The caller's own frameworks are loaded first: a bad file raises before any plugin
        # is imported.
        given = given_frameworks(frameworks)
        problems: list[Problem] = []
        host = PluginHost(problems, disable)
        for name, module in DEFAULT_PLUGINS:
            host.register(module, name, "built-in")
        if entry_points:
            host.load_entry_points(_entry_points)
        for plugin in listed(plugins, "plugins"):
            host.register(plugin, None, "registered")
        host.warn_look_alike()
        host.warn_unknown_disabled()
        #: Per framework: its recommenders (`_recommenders`), of what list; and the last's,
        #: of which generation of the plugins.
        self._plans: ByIdentity[Framework, tuple[object, _Plan]] = ByIdentity()
        self._plan: tuple[Framework | None, int, tuple[object, _Plan]]
        self._plan = (None, -1, (None, ((), [])))
        #: The framework and policy of the last report, what scores a school of them in one
        #: pass (`scoring.fit_scorer_of`) and their rule packs compiled (`_rules_for`): one
        #: identity check for the many reports of one framework in a row. Holds that
        #: framework (one, at most); replaced whole.
        self._last: _Last = (None, None, not_sure, None, False)
        super().__init__(host, problems, given, rule_packs=rule_packs, migrations=migrations)

    def migrate(self, assessment: Assessment, to: str) -> Migrated:
        """`assessment` carried to the version `to` (`id@version`, or an id for its latest)
        along the shortest chain of known migrations. Raises `NoMigrationPathError` when
        none leads there; an assessment already of that version comes back pinned to it."""
        from . import migrating  # only when asked: a report of one version never needs it

        return migrating.migrate(self, assessment, to)

    # -- reports -------------------------------------------------------------------------

    def report(
        self,
        assessment: Assessment,
        previous: Assessment | None = None,
        *,
        framework: Framework | None = None,
        policy: Policy | None = None,
        any_school: bool = False,
    ) -> Report:
        """Profile, comparison with `previous`, and every plugin's and rule pack's
        recommendations, in order. A `previous` of another version of the framework is
        first migrated to this one (see `migrate`). Raises `SelfReviewError` when the
        assessments do not fit the framework, and `ComparisonError` for a `previous` newer
        than `assessment` or of another school (unless `any_school`); a failing plugin is a
        problem in the report, never an error."""
        check_built(assessment)
        framework = framework if framework is not None else self.framework(assessment.framework)
        last = self._last
        if last[0] is not framework or last[1] != policy:
            last = (
                framework,
                policy,
                fit_scorer_of(framework, policy),
                None,
                bool(framework.awards),
            )
            self._last = last
        scorer, compiled = last[2], last[3]
        # The fit checked and the school scored in one pass over its judgements (the rule
        # packs then read its tables as they are); when that is not sure, the check, then
        # scoring.
        fitted = scorer(assessment)
        if fitted is None:
            framework, profile = self._scored(assessment, framework, policy)
        else:
            profile = fitted
        comparison = None
        if previous is not None:
            from . import migrating  # only with a previous review: most reports have none

            previous = migrating.as_version(self, previous, framework)
            check_assessment(framework, previous)
            check_comparable(framework, previous, assessment, any_school=any_school)
            before = score(framework, previous, policy)
            comparison = compare_profiles(framework, previous, assessment, before, profile)
        if compiled is None:  # before copying problems: packs may add some
            compiled = self._rules_for(framework)
            last = (*last[:3], compiled, last[4])
            self._last = last
        problems = self.problems
        if problems:  # a copy of this engine's, made while no other thread adds one
            with self._lock:
                problems = list(problems)
        else:
            problems = []  # most engines have none: no lock to take
        found, keys, pooled = self._recommendations(
            framework, problems, assessment, profile, previous
        )
        if fitted is None or comparison is not None:
            from_rules, rule_keys = compiled.made_keyed(Facts(profile, comparison))
        else:
            from_rules, rule_keys = compiled.made_keyed_fitted(fitted)
        # A review dated after today (a slip for last year's) counts as newer than every
        # real one: a warning, after the plugins' problems (`review_dates`).
        problems += future_problems(
            assessment.assessed_on, None if previous is None else previous.assessed_on
        )
        # Every part is made above by our own code or accepted at the boundary
        # (`isolation.results`): the report is not validated again, but built as
        # `Report.trusted_maker` of its given fields builds it (`base.built`, written out:
        # two frames fewer a school).
        report = new_object(Report)
        set_dict(
            report,
            {
                "framework": framework,
                "assessment": assessment,
                "profile": profile,
                "recommendations": order_parts(
                    found, keys, pooled, from_rules, rule_keys, compiled.distinct_ids
                ),
                "previous": previous,
                "comparison": comparison,
                "awards": awards(framework, assessment, profile=profile) if last[4] else (),
                "problems": tuple(problems),
                "voices": None,
            },
        )
        set_fields_set(report, set(_REPORT_GIVEN))
        set_extra(report, None)
        set_private(report, None)
        return report

    def awards(
        self,
        assessment: Assessment,
        *,
        framework: Framework | None = None,
        policy: Policy | None = None,
    ) -> Awards:
        """Each award of the assessment's framework: met or not, and what is missing. What
        `report` gives as `Report.awards`, without the recommendations (no plugin is
        called), with the report's warning of a review dated after today (`problems`).
        Raises `SelfReviewError` when the assessment does not fit the framework."""
        framework, profile = self._scored(assessment, framework, policy)
        made = awards(framework, assessment, profile=profile)
        return Awards(made, future_problems(assessment.assessed_on))

    def _scored(
        self, assessment: Assessment, framework: Framework | None, policy: Policy | None
    ) -> tuple[Framework, Profile]:
        """The assessment's framework (`framework`, else the one it names), once the
        assessment is checked against it, and the assessment scored."""
        check_built(assessment)
        framework = framework if framework is not None else self.framework(assessment.framework)
        check_assessment(framework, assessment)
        return framework, score(framework, assessment, policy)

    def _recommendations(
        self,
        framework: Framework,
        problems: list[Problem],
        assessment: Assessment,
        profile: Profile,
        previous: Assessment | None,
    ) -> tuple[list[Recommendation], list[int], Pooled]:
        """Every plugin's well-formed recommendations, credited to it, with their sort keys
        and where they are known to be of distinct ids (`Known.keyed`); a problem in
        `problems` for the rest (`PluginCall.run_inside`'s guard, written out)."""
        found: list[Recommendation] = []
        keys: list[int] = []
        pooled: Pooled = (0, 0, None)
        received = (framework, assessment, profile, previous)  # what each hook may take
        generation = self._host.pm.generation  # read first: a change meanwhile is seen next
        last = self._plan  # the last report's framework and plugins: no call
        if last[0] is framework and last[1] == generation:
            recommenders, kept = last[2][1]
        else:
            recommenders, kept = self._recommenders(framework, generation)
        failure = "selfreview_recommend raised {}"
        thread = plugin_output_entered()  # one redirection around them all, not one each
        try:
            for name, function, at, trusted, known in recommenders:
                try:  # by position, not `function(*args)`: a call less for two or three
                    if len(at) == 3:
                        result = function(received[at[0]], received[at[1]], received[at[2]])
                    elif len(at) == 2:
                        result = function(received[at[0]], received[at[1]])
                    else:
                        result = function(*[received[i] for i in at])
                    if type(result) is list and len(result) <= MAX_ITEMS:
                        # A built-in's answer of its own objects accepted before: taken whole.
                        known_keys = None if known is None else known.keyed(result)
                        if known_keys is not None:
                            if known_keys[1] is not None and pooled[2] is None:
                                pooled = (len(found), len(found) + len(result), known_keys[1])
                            found += result
                            keys += known_keys[0]
                            continue
                        made, made_keys = accepting.accepted(  # its `PluginCall` made if needed
                            (name, failure, problems, trusted), result, framework, kept, known
                        )
                        found += made
                        keys += made_keys
                        continue
                except BaseException as error:  # SPEC 4: all but a user's Ctrl-C is a problem
                    if isinstance(error, KeyboardInterrupt) and the_users():
                        raise
                    PluginCall(name, failure, problems, trusted=trusted).failed(error)
                    continue
                call = PluginCall(name, failure, problems, trusted=trusted)
                items = call.run(plugin_results.recommendation_items, result)
                if items is FAILED:
                    continue
                sources = (call.plugin,)
                for rec in call.collect(items, plugin_results.recommendation, framework):
                    rec = with_sources(rec, call.plugin, sources)
                    found.append(rec)
                    keys.append(sort_key(framework, rec))
        finally:
            plugin_output_left(None, None, None, thread)  # a plain call: cheaper than `with`
        return found, keys, pooled

    def _recommenders(self, framework: Framework, generation: int) -> _Plan:
        """The implementations of `selfreview_recommend` serving `framework` (each with what
        takes its arguments) and `accepting.tables(framework)`, once per framework; kept as
        the last framework's with the plugins' `generation`, which spares the call."""
        implementations = self._host.implementations("selfreview_recommend")
        known = self._plans.get(framework)
        if known is None or known[0] is not implementations:
            serves = self._host.serves
            plan = tuple(
                (
                    name,
                    function,
                    tuple(map(_RECOMMEND_ARGS.index, argnames)),
                    trusted,
                    known_of(function, trusted),
                )
                for name, function, argnames, trusted in implementations
                if serves(name, framework)  # else written for other frameworks
            )
            known = (implementations, (plan, accepting.tables(framework)))
            self._plans.set(framework, known)
        self._plan = (framework, generation, known)
        return known[1]

    def report_many(
        self,
        assessments: Iterable[Assessment | PathLike],
        *,
        framework: Framework | None = None,
        policy: Policy | None = None,
        on_error: Callable[[str, SelfReviewError], None] | None = None,
    ) -> Iterator[Report]:
        """A report per assessment (objects, files, directories of them, or JSON Lines
        files of one assessment a line, as `selfreview report` reads them), made one at a
        time as they are consumed, so memory does not grow with the input; a framework file
        in a directory is a framework given (`engine_inputs`). A file, line or assessment
        that does not load or fit raises, unless `on_error(name, error)` is given: then it
        is skipped."""
        return reports_of(self, self.report, self._lookup, assessments, framework, policy, on_error)

    def load_assessment(self, path: PathLike, *, text: str | bytes | None = None) -> Assessment:
        """An assessment file, checked against the engine's frameworks: a strand its
        framework does not have, or a level off its scale, is an error (the module function
        `load_assessment(path)`, given no frameworks, cannot check either)."""
        return load_assessment(path, self._lookup, text=text)

    def benchmark(
        self,
        paths: Iterable[PathLike],
        *,
        policy: Policy = "median",
        latest_only: bool = True,
        with_evidence: bool = False,
    ) -> FilesBenchmark:
        """`cohort.benchmark_files` with the engine's frameworks: the cohort of the
        assessment files under `paths` (files or directories, a framework file in one used
        as `selfreview benchmark` uses it: `engine_inputs`), the files skipped and why."""
        options = {"latest_only": latest_only, "with_evidence": with_evidence}
        return benchmark_paths(self, paths, policy=policy, **options)

    def export(self, report: Report, name: str) -> str | bytes:
        """The report in the format `name` (`json`, `table`, or any plugin's). Raises
        `SelfReviewError` naming the exporter and its plugin if `render` fails (however)
        or returns anything but bytes or text that UTF-8 can encode."""
        exporter = self.exporter(name)
        assert self._exporters is not None  # collected by `exporter`
        entry = self._exporters[name]
        problems: list[Problem] = []
        call = PluginCall(entry.provider, "failed: {}", problems, trusted=entry.trusted)
        output = call.run(_render, exporter, report)
        if output is FAILED:
            # A report built without validation (`model_copy(update=...)`) is refused at its
            # field, not told as the exporter's failure: checked only now, at no cost before.
            given(report, "report")
            raise SelfReviewError(
                f"exporter {name} (from {call.plugin}) {problems[0].message}",
                code="export-failed",
            )
        return output


def _render(exporter: Exporter, report: Report) -> str | bytes:
    return plugin_results.rendered(exporter.render(report))
