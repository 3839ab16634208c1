"""Typed models, a plugin-based rules engine and a CLI for ICT self-review frameworks.

The contract: every public name, each with the module that defines it, in one table
(`_PUBLIC`). `__all__` is derived from it, names are imported from it on first use, and
the type checkers' imports below list the same names (tests/test_public_api.py checks that
the three agree, and that SPEC.md section 6's names are among them). A module is imported
on first use of one of its names, not with the package: `selfreview validate` starts
without the engine, pluggy or the cohort code (see docs/performance.md).
"""

from __future__ import annotations

#: Not `typing`'s: the `selfreview` program imports this package before it can take Ctrl-C
#: (`_launch`), and `typing` took 7 ms of that (20 on a busy machine), in which a Ctrl-C was
#: Python's traceback. Type checkers read the name as `typing.TYPE_CHECKING`.
TYPE_CHECKING = False

if TYPE_CHECKING:
    import typing

    from ._names import (
        AUDIENCES as AUDIENCES,
        POLICIES as POLICIES,
        PRIORITIES as PRIORITIES,
        Policy as Policy,
        Priority as Priority,
    )
    from .outputs.atomic import write_atomic as write_atomic
    from .award_check import (
        AwardResult as AwardResult,
        NotApplicable as NotApplicable,
        Shortfall as Shortfall,
        awards as awards,
    )
    from .cohort.anonymity import Anonymised as Anonymised, anonymise as anonymise
    from .cohort.benchmarking import benchmark as benchmark
    from .cohort.files import benchmark_files as benchmark_files
    from .cohort.positions import (
        Cohort as Cohort,
        Distribution as Distribution,
        Duplicate as Duplicate,
        Position as Position,
        SchoolPosition as SchoolPosition,
    )
    from .comparison import Change as Change, Comparison as Comparison, compare as compare
    from .dump import dump_json as dump_json, dump_yaml as dump_yaml
    from .engine import Engine as Engine
    from .errors import (
        ComparisonError as ComparisonError,
        Diagnostic as Diagnostic,
        InvalidDocument as InvalidDocument,
        MigrationError as MigrationError,
        NoMigrationPathError as NoMigrationPathError,
        SelfReviewError as SelfReviewError,
        UnknownFrameworkError as UnknownFrameworkError,
        UnknownIdError as UnknownIdError,
    )
    from .exporters.base import Exporter as Exporter
    from .hookspecs import hookimpl as hookimpl, hookspec as hookspec
    from .loader import (
        load as load,
        load_assessment as load_assessment,
        load_framework as load_framework,
        load_migration as load_migration,
        load_plan as load_plan,
        load_rules as load_rules,
    )
    from .migrations.apply import (
        Dropped as Dropped,
        ForReview as ForReview,
        Migrated as Migrated,
        migrate as migrate,
    )
    from .migrations.composition import compose as compose
    from .migrations.path import find_path as find_path
    from .model.assessment import Assessment as Assessment, Judgement as Judgement, School as School
    from .model.assessment_checks import check_assessment as check_assessment
    from .model.checks import check_plan as check_plan, check_rules as check_rules
    from .model.framework import (
        Aspect as Aspect,
        Award as Award,
        Element as Element,
        Framework as Framework,
        Strand as Strand,
    )
    from .model.migration import Migration as Migration
    from .model.plan import Action as Action, Plan as Plan
    from .model.problem import Problem as Problem
    from .model.questions import Answer as Answer, Question as Question, Terms as Terms
    from .model.recommendation import Recommendation as Recommendation
    from .model.review import Review as Review
    from .model.rules import Rule as Rule, RuleAdvice as RuleAdvice, RulePack as RulePack
    from .model.scale import Scale as Scale
    from .plans.building import add_to_plan as add_to_plan, plan_from_report as plan_from_report
    from .plans.progress import PlanStatus as PlanStatus, plan_status as plan_status
    from .plugins import PluginInfo as PluginInfo
    from .provided import (
        FrameworkEntry as FrameworkEntry,
        MigrationEntry as MigrationEntry,
        RulePackEntry as RulePackEntry,
    )
    from .report import Report as Report
    from .scoring.profiles import (
        Profile as Profile,
        aggregate as aggregate,
        aggregate_score as aggregate_score,
        score as score,
    )

    __version__: str

#: Every public name and the module (under this package) that defines it.
_PUBLIC: typing.Final[dict[str, str]] = {
    "AUDIENCES": "_names",
    "Action": "model.plan",
    "Answer": "model.questions",
    "Anonymised": "cohort.anonymity",
    "Aspect": "model.framework",
    "Assessment": "model.assessment",
    "Award": "model.framework",
    "AwardResult": "award_check",
    "Change": "comparison",
    "Cohort": "cohort.positions",
    "Comparison": "comparison",
    "ComparisonError": "errors",
    "Diagnostic": "errors",
    "Distribution": "cohort.positions",
    "Dropped": "migrations.apply",
    "Duplicate": "cohort.positions",
    "Element": "model.framework",
    "Engine": "engine",
    "Exporter": "exporters.base",
    "ForReview": "migrations.apply",
    "Framework": "model.framework",
    "FrameworkEntry": "provided",
    "InvalidDocument": "errors",
    "Judgement": "model.assessment",
    "Migrated": "migrations.apply",
    "Migration": "model.migration",
    "MigrationEntry": "provided",
    "MigrationError": "errors",
    "NoMigrationPathError": "errors",
    "NotApplicable": "award_check",
    "POLICIES": "_names",
    "PRIORITIES": "_names",
    "Plan": "model.plan",
    "PlanStatus": "plans.progress",
    "PluginInfo": "plugins",
    "Policy": "_names",
    "Position": "cohort.positions",
    "Priority": "_names",
    "Problem": "model.problem",
    "Profile": "scoring.profiles",
    "Question": "model.questions",
    "Recommendation": "model.recommendation",
    "Report": "report",
    "Review": "model.review",
    "Rule": "model.rules",
    "RuleAdvice": "model.rules",
    "RulePack": "model.rules",
    "RulePackEntry": "provided",
    "Scale": "model.scale",
    "School": "model.assessment",
    "SchoolPosition": "cohort.positions",
    "SelfReviewError": "errors",
    "Shortfall": "award_check",
    "Strand": "model.framework",
    "Terms": "model.questions",
    "UnknownFrameworkError": "errors",
    "UnknownIdError": "errors",
    "add_to_plan": "plans.building",
    "aggregate": "scoring.profiles",
    "aggregate_score": "scoring.profiles",
    "anonymise": "cohort.anonymity",
    "awards": "award_check",
    "benchmark": "cohort.benchmarking",
    "benchmark_files": "cohort.files",
    "check_assessment": "model.assessment_checks",
    "check_plan": "model.checks",
    "check_rules": "model.checks",
    "compare": "comparison",
    "compose": "migrations.composition",
    "dump_json": "dump",
    "dump_yaml": "dump",
    "find_path": "migrations.path",
    "hookimpl": "hookspecs",
    "hookspec": "hookspecs",
    "load": "loader",
    "load_assessment": "loader",
    "load_framework": "loader",
    "load_migration": "loader",
    "load_plan": "loader",
    "load_rules": "loader",
    "migrate": "migrations.apply",
    "plan_from_report": "plans.building",
    "plan_status": "plans.progress",
    "score": "scoring.profiles",
    "write_atomic": "outputs.atomic",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> typing.Any:
    """A public name, imported from its module on first use; `__version__`, read from the
    installed distribution on first use (`0+unknown` if it is not installed)."""
    from importlib import import_module

    if name == "__version__":
        from ._names import installed_version

        value: typing.Any = installed_version()
    elif name in _PUBLIC:
        value = getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
    elif any(module.split(".")[0] == name for module in _PUBLIC.values()):
        return import_module(f".{name}", __name__)  # a module, as attribute
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later lookups find it without calling this again
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, "__version__"})
