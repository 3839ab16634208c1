"""A school's assessment: its judgement of each strand of one framework."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Final, Literal

from pydantic import BeforeValidator, Field, StrictInt

from .._frozen import FrozenDict, freeze
from .base import Document, FrameworkRef, Id, Model, NamesFramework, Text
from .review import Review

__all__ = ["RESPONDENT_GROUPS", "Assessment", "Judgement", "Respondent", "School"]

#: The groups SPEC section 9 names, in the order views show them; any other id is allowed.
RESPONDENT_GROUPS: Final = (
    "leaders",
    "teachers",
    "support-staff",
    "governors",
    "pupils",
    "parents",
)


class School(Model):
    id: Id
    name: Text
    authority: str | None = None


class Respondent(Model):
    """Who answered, as a group only: a response names no person, so that views of many
    responses (`voices`, `combine`) can keep each one's answers to itself."""

    group: Id = Field(
        description="The respondent's group: leaders, teachers, support-staff, governors, "
        "pupils, parents, or any other id."
    )


def _respondent_form(value: Any) -> Any:
    """`respondent: teachers` is refused with the form to write instead."""
    if isinstance(value, str):
        raise ValueError(f"expected `{{group: NAME}}`: write `respondent: {{group: {value}}}`")
    return value


class Judgement(Model):
    """The level a school gives itself on one strand, and why."""

    level: StrictInt
    evidence: str | None = None
    judged_on: dt.date | None = None


def _short_form(value: Any) -> Any:
    """`1a2: 4` in a file is short for `1a2: {level: 4}`."""
    if isinstance(value, int) and not isinstance(value, bool):
        return {"level": value}
    return value


JudgementField = Annotated[
    Judgement, BeforeValidator(_short_form, json_schema_input_type=StrictInt | Judgement)
]


class Assessment(NamesFramework, Document):
    """Judgements keyed by strand id. Partial assessments are normal."""

    KIND: ClassVar[str] = "assessment"
    kind: Literal["assessment"] = "assessment"
    framework: FrameworkRef
    school: School
    respondent: Annotated[Respondent | None, BeforeValidator(_respondent_form)] = Field(
        default=None,
        description="Set on one respondent's answers (`selfreview assess --group NAME`); a "
        "school's own review has none.",
    )
    assessed_on: dt.date
    assessor: str | None = None
    judgements: FrozenDict[str, JudgementField]
    review: FrozenDict[str, Review] | None = Field(
        default=None,
        description="Strands a migration could not judge (split, merged, or off the new "
        "scale): why, and what came across. Judge them; a judged strand is no longer listed.",
    )

    @property
    def awaiting_review(self) -> FrozenDict[str, Review]:
        """The `review` entries of strands not judged since the migration that made them."""
        return freeze({k: v for k, v in (self.review or {}).items() if k not in self.judgements})

    def level(self, strand_id: str) -> int | None:
        judgement = self.judgements.get(strand_id)
        return None if judgement is None else judgement.level
