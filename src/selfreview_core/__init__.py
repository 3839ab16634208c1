"""Typed models, a plugin-based rules engine and a CLI for ICT self-review frameworks."""

from .assessment import Assessment, Judgement, School
from .compare import Change, Comparison, compare
from .dump import dump_json, dump_yaml, write_atomic
from .engine import Engine, FrameworkEntry, PluginInfo
from .errors import (
    ComparisonError,
    Diagnostic,
    InvalidDocument,
    SelfReviewError,
    UnknownFrameworkError,
    UnknownIdError,
)
from .framework import Aspect, Element, Framework, Strand
from .hookspecs import hookimpl, hookspec
from .loader import check_assessment, load, load_assessment, load_framework
from .problem import Problem
from .scale import Scale
from .scoring import POLICIES, Policy, Profile, aggregate, score

__all__ = [
    "POLICIES",
    "Aspect",
    "Assessment",
    "Change",
    "Comparison",
    "ComparisonError",
    "Diagnostic",
    "Element",
    "Engine",
    "Framework",
    "FrameworkEntry",
    "InvalidDocument",
    "Judgement",
    "PluginInfo",
    "Policy",
    "Problem",
    "Profile",
    "Scale",
    "School",
    "SelfReviewError",
    "Strand",
    "UnknownFrameworkError",
    "UnknownIdError",
    "aggregate",
    "check_assessment",
    "compare",
    "dump_json",
    "dump_yaml",
    "hookimpl",
    "hookspec",
    "load",
    "load_assessment",
    "load_framework",
    "score",
    "write_atomic",
]
