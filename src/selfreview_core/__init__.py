"""Typed models, a plugin-based rules engine and a CLI for ICT self-review frameworks."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .assessment import Assessment, Judgement, School
    from .award_check import Award, AwardResult, Shortfall, awards
    from .cohort import Cohort, Distribution, Duplicate, Position, SchoolPosition, benchmark
    from .cohort_anonymise import Anonymised, anonymise
    from .cohort_files import benchmark_files
    from .comparison import Change, Comparison, compare
    from .dump import dump_json, dump_yaml, write_atomic
    from .engine import Engine, FrameworkEntry, MigrationEntry, PluginInfo, RulePackEntry
    from .errors import (
        ComparisonError,
        Diagnostic,
        InvalidDocument,
        SelfReviewError,
        UnknownFrameworkError,
        UnknownIdError,
    )
    from .exporters import Exporter
    from .framework import Aspect, Element, Framework, Strand
    from .hookspecs import hookimpl, hookspec
    from .loader import (
        check_assessment,
        check_rules,
        load,
        load_assessment,
        load_framework,
        load_migration,
        load_plan,
        load_rules,
    )
    from .migration import Migration, MigrationError, NoMigrationPathError, compose
    from .migration_apply import Dropped, ForReview, Migrated, migrate
    from .migration_path import find_path
    from .migration_review import Review
    from .plan import Action, Plan, add_to_plan, check_plan, plan_from_report
    from .plan_progress import PlanStatus, plan_status
    from .problem import Problem
    from .recommendation import AUDIENCES, PRIORITIES, Priority, Recommendation
    from .report import Report
    from .rules import Rule, RuleAdvice, RulePack
    from .scale import Scale
    from .scoring import POLICIES, Policy, Profile, aggregate, score

#: Where each other public name is defined. The modules are imported on first use of one
#: of their names, not with the package: `selfreview validate` starts without the engine,
#: pluggy or the cohort code (see docs/performance.md).
_LAZY: dict[str, str] = {
    "Award": "framework",
    "AwardResult": "award_check",
    "Shortfall": "award_check",
    "awards": "award_check",
    "Change": "comparison",
    "Comparison": "comparison",
    "compare": "comparison",
    "Assessment": "assessment",
    "Judgement": "assessment",
    "School": "assessment",
    "Cohort": "cohort",
    "Distribution": "cohort",
    "Duplicate": "cohort",
    "Position": "cohort",
    "SchoolPosition": "cohort",
    "benchmark": "cohort",
    "Anonymised": "cohort_anonymise",
    "anonymise": "cohort_anonymise",
    "benchmark_files": "cohort_files",
    "dump_json": "dump",
    "dump_yaml": "dump",
    "write_atomic": "dump",
    "Engine": "engine",
    "FrameworkEntry": "engine",
    "MigrationEntry": "engine",
    "PluginInfo": "engine",
    "RulePackEntry": "engine",
    "ComparisonError": "errors",
    "Diagnostic": "errors",
    "InvalidDocument": "errors",
    "SelfReviewError": "errors",
    "UnknownFrameworkError": "errors",
    "UnknownIdError": "errors",
    "Exporter": "exporters",
    "Aspect": "framework",
    "Element": "framework",
    "Framework": "framework",
    "Strand": "framework",
    "hookimpl": "hookspecs",
    "hookspec": "hookspecs",
    "check_assessment": "loader",
    "check_rules": "loader",
    "load": "loader",
    "load_assessment": "loader",
    "load_framework": "loader",
    "load_migration": "loader",
    "load_plan": "loader",
    "load_rules": "loader",
    "Migration": "migration",
    "MigrationError": "migration",
    "NoMigrationPathError": "migration",
    "compose": "migration",
    "Dropped": "migration_apply",
    "ForReview": "migration_apply",
    "Migrated": "migration_apply",
    "migrate": "migration_apply",
    "find_path": "migration_path",
    "Review": "migration_review",
    "Action": "plan",
    "Plan": "plan",
    "add_to_plan": "plan",
    "check_plan": "plan",
    "plan_from_report": "plan",
    "PlanStatus": "plan_progress",
    "plan_status": "plan_progress",
    "Problem": "problem",
    "AUDIENCES": "recommendation",
    "PRIORITIES": "recommendation",
    "Priority": "recommendation",
    "Recommendation": "recommendation",
    "Report": "report",
    "Rule": "rules",
    "RuleAdvice": "rules",
    "RulePack": "rules",
    "Scale": "scale",
    "POLICIES": "scoring",
    "Policy": "scoring",
    "Profile": "scoring",
    "aggregate": "scoring",
    "score": "scoring",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        if name in _LAZY.values():  # a module the package used to import with itself
            return importlib.import_module(f".{name}", __name__)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups find it without calling this again
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "AUDIENCES",
    "POLICIES",
    "PRIORITIES",
    "Action",
    "Anonymised",
    "Aspect",
    "Assessment",
    "Award",
    "AwardResult",
    "Change",
    "Cohort",
    "Comparison",
    "ComparisonError",
    "Diagnostic",
    "Distribution",
    "Dropped",
    "Duplicate",
    "Element",
    "Engine",
    "Exporter",
    "ForReview",
    "Framework",
    "FrameworkEntry",
    "InvalidDocument",
    "Judgement",
    "Migrated",
    "Migration",
    "MigrationEntry",
    "MigrationError",
    "NoMigrationPathError",
    "Plan",
    "PlanStatus",
    "PluginInfo",
    "Policy",
    "Position",
    "Priority",
    "Problem",
    "Profile",
    "Recommendation",
    "Report",
    "Review",
    "Rule",
    "RuleAdvice",
    "RulePack",
    "RulePackEntry",
    "Scale",
    "School",
    "SchoolPosition",
    "SelfReviewError",
    "Shortfall",
    "Strand",
    "UnknownFrameworkError",
    "UnknownIdError",
    "add_to_plan",
    "aggregate",
    "anonymise",
    "awards",
    "benchmark",
    "benchmark_files",
    "check_assessment",
    "check_plan",
    "check_rules",
    "compare",
    "compose",
    "dump_json",
    "dump_yaml",
    "find_path",
    "hookimpl",
    "hookspec",
    "load",
    "load_assessment",
    "load_framework",
    "load_migration",
    "load_plan",
    "load_rules",
    "migrate",
    "plan_from_report",
    "plan_status",
    "score",
    "write_atomic",
]
