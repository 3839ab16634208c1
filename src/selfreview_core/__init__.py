"""Typed models, a plugin-based rules engine and a CLI for ICT self-review frameworks."""

from .assessment import Assessment, Judgement, School
from .cohort import Cohort, Distribution, Position, SchoolPosition, benchmark
from .cohort_files import benchmark_files
from .compare import Change, Comparison, compare
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

__all__ = [
    "AUDIENCES",
    "POLICIES",
    "PRIORITIES",
    "Aspect",
    "Assessment",
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
    "Strand",
    "UnknownFrameworkError",
    "UnknownIdError",
    "aggregate",
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
