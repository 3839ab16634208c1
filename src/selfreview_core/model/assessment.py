"""A school's assessment: its judgement of each strand of one framework."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field, StrictInt

from .._frozen import FrozenDict, freeze
from .base import Document, FrameworkRef, Id, Model, NamesFramework, Text
from .review import Review

__all__ = ["Assessment", "Judgement", "School"]


class School(Model):
    id: Id
    name: Text
    authority: str | None = None


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
