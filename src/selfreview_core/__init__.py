"""Typed models, a plugin-based rules engine and a CLI for ICT self-review frameworks."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# `awards` and `compare` are both a module and a function of that name here: imported
# now, so that the function is what the package holds once the module has loaded.
from .awards import Award, AwardResult, Shortfall, awards
from .compare import Change, Comparison, compare

if TYPE_CHECKING:
    from .assessment import Assessment, Judgement, School
    from .cohort import Cohort, Distribution, Position, SchoolPosition, benchmark
    from .cohort_files import benchmark_files
    from .dump import dump_json, dump_yaml, write_atomic
    from .engine import Engine, FrameworkEntry, PluginInfo, RulePackEntry
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
        load_rules,
    )
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
    "Assessment": "assessment",
    "Judgement": "assessment",
    "School": "assessment",
    "Cohort": "cohort",
    "Distribution": "cohort",
    "Position": "cohort",
    "SchoolPosition": "cohort",
    "benchmark": "cohort",
    "benchmark_files": "cohort_files",
    "dump_json": "dump",
    "dump_yaml": "dump",
    "write_atomic": "dump",
    "Engine": "engine",
    "FrameworkEntry": "engine",
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
    "load_rules": "loader",
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
    "Element",
    "Engine",
    "Exporter",
    "Framework",
    "FrameworkEntry",
    "InvalidDocument",
    "Judgement",
    "PluginInfo",
    "Policy",
    "Position",
    "Priority",
    "Problem",
    "Profile",
    "Recommendation",
    "Report",
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
    "aggregate",
    "awards",
    "benchmark",
    "benchmark_files",
    "check_assessment",
    "check_rules",
    "compare",
    "dump_json",
    "dump_yaml",
    "hookimpl",
    "hookspec",
    "load",
    "load_assessment",
    "load_framework",
    "load_rules",
    "score",
    "write_atomic",
]
