"""The report: everything known about one review, as exporters receive it."""

from __future__ import annotations

from pydantic import Field

from .award_check import AwardResult
from .comparison import Comparison
from .model.assessment import Assessment
from .model.base import Model
from .model.framework import Framework
from .model.problem import Problem
from .model.recommendation import Recommendation
from .model.voices import Voices
from .scoring import Profile

__all__ = ["Report"]


class Report(Model):
    """A framework, a school's assessment of it, where that puts the school, and what to do.

    Self-contained (the framework travels with it, descriptors and all), so an exporter
    needs nothing else; JSON round-trips to an equal report.
    """

    framework: Framework
    assessment: Assessment
    profile: Profile
    recommendations: tuple[Recommendation, ...] = ()
    previous: Assessment | None = Field(
        default=None, description="The earlier review compared with, if any."
    )
    comparison: Comparison | None = None
    awards: tuple[AwardResult, ...] = Field(
        default=(), description="Each of the framework's awards: met or not, what is missing."
    )
    problems: tuple[Problem, ...] = Field(
        default=(), description="Plugin errors and warnings; the rest of the report stands."
    )
    voices: Voices | None = Field(
        default=None,
        description="The respondents' view beside the school's own judgement (`report "
        "--voices`): counts, and medians and ranges of groups large enough to show.",
    )
