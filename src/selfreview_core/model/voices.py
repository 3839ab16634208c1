"""What `selfreview voices` shows of one school's respondents, as data: per strand and
group, how many answered, and (for a group large enough to show) the median and the range.

Plain documents with no I/O and no scoring, so that a `Report` can carry them (`report
--voices`) and every exporter can show them; they are worked out in `voices.groups`.
Holding no respondent's answer, only counts and the figures of groups with at least
`min_group` answers, they can be shown and written as they are (SPEC section 9).
"""

from __future__ import annotations

from typing import Any, Final

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer

from .._names import DEFAULT_MIN_GROUP
from .assessment import Assessment, School
from .base import Id, Model

__all__ = [
    "DEFAULT_MIN_GROUP",
    "DISAGREEMENT",
    "GroupTotal",
    "GroupView",
    "Response",
    "StrandView",
    "Voices",
]

#: Steps between two medians that make a disagreement worth discussing.
DISAGREEMENT: Final = 2

#: (where it came from, the response): a file name, or `file:line` in a JSON Lines file.
Response = tuple[str, Assessment]


def _no_score(data: dict[str, Any], key: str) -> dict[str, Any]:
    """`data` without `key` when it holds no score: the views of frameworks without
    questions dump as they always have."""
    if data.get(key) is None:
        data.pop(key, None)
    return data


class GroupView(Model):
    """One group's answers on one strand: how many, and (when enough answered) the median
    and the range. `median`, `worst` and `best` are None for a group under the minimum."""

    group: Id
    count: int = Field(ge=0, description="Respondents of the group who judged the strand.")
    median: int | None = Field(
        default=None, description="The middle answer (between two, the worse); None if hidden."
    )
    worst: int | None = Field(default=None, description="The worst level given; None if hidden.")
    best: int | None = Field(default=None, description="The best level given; None if hidden.")
    spread: int | None = Field(
        default=None, description="Steps from `worst` to `best` (0: all agree); None if hidden."
    )
    score: float | None = Field(
        default=None,
        description="In a framework with questions: the middle of the group's scores (between "
        "two, the worse), whose level is `median`; None if hidden, and in other frameworks.",
    )

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return _no_score(handler(self), "score")

    @property
    def shown(self) -> bool:
        """Whether the group's levels are shown (enough of it answered)."""
        return self.median is not None


class StrandView(Model):
    """Every group's view of one strand, and where they (or the school) differ."""

    strand: Id
    groups: tuple[GroupView, ...] = Field(description="Every group, in `Voices.groups` order.")
    school: int | None = Field(
        default=None, description="The school's own judgement, when its review was given."
    )
    school_score: float | None = Field(
        default=None,
        description="In a framework with questions: the score of the school's own judgement.",
    )
    school_not_applicable: bool = Field(
        default=False,
        description="The school's own review marks the strand not applicable (`applicable: "
        "false`): it has no judgement there, and not for want of one.",
    )
    gap: int | None = Field(
        default=None,
        description="Steps between the worst and the best median of the shown groups; None "
        "under two shown groups.",
    )
    disagreement: bool = Field(
        default=False, description=f"Two shown groups' medians are {DISAGREEMENT}+ levels apart."
    )
    apart: tuple[Id, Id] | None = Field(
        default=None,
        description="When they disagree: the group with the worst median and the one with the "
        "best (the first in group order where several share one).",
    )
    school_apart: tuple[Id, ...] = Field(
        default=(),
        description=f"Shown groups whose median is {DISAGREEMENT}+ levels from the school's own "
        "judgement.",
    )

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data = _no_score(handler(self), "school_score")
        if not data.get("school_not_applicable"):  # dumped only where it says something
            data.pop("school_not_applicable", None)
        return data

    def group(self, name: str) -> GroupView | None:
        return next((g for g in self.groups if g.group == name), None)

    @property
    def flagged(self) -> bool:
        """Worth discussing: groups disagree, or a group differs from the school."""
        return self.disagreement or bool(self.school_apart)


class GroupTotal(Model):
    """A group and how many of its respondents answered at all."""

    group: Id
    respondents: int = Field(ge=1)


class Voices(Model):
    """One school's respondents compared, strand by strand, in framework order.

    Holds no respondent's answer: only counts, and medians and ranges of groups with at
    least `min_group` answers. JSON round-trips unchanged.
    """

    framework: str = Field(description="The framework's `id@version`.")
    school: School
    min_group: int = Field(ge=1, description="The fewest answers a shown level stands for.")
    respondents: int = Field(ge=0, description="Responses compared, in every group.")
    groups: tuple[GroupTotal, ...] = Field(
        description="Conventional groups first (leaders, teachers, support-staff, governors, "
        "pupils, parents), then the others by name."
    )
    own_review: bool = Field(
        default=False, description="Whether the school's own judgement stands beside them."
    )
    strands: tuple[StrandView, ...]

    def strand(self, strand_id: str) -> StrandView | None:
        return next((s for s in self.strands if s.strand == strand_id), None)

    @property
    def disagreements(self) -> tuple[StrandView, ...]:
        """Strands where two shown groups' medians are two or more levels apart."""
        return tuple(s for s in self.strands if s.disagreement)

    @property
    def flagged(self) -> tuple[StrandView, ...]:
        """Strands worth discussing: groups disagree, or one differs from the school."""
        return tuple(s for s in self.strands if s.flagged)
