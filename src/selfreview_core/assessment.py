"""A school's assessment: its judgement of each strand of one framework."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, StrictInt

from ._base import Document, FrameworkRef, Id, Model, Text, split_ref

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


class Assessment(Document):
    """Judgements keyed by strand id. Partial assessments are normal."""

    KIND: ClassVar[str] = "assessment"
    kind: Literal["assessment"] = "assessment"
    framework: FrameworkRef
    school: School
    assessed_on: dt.date
    assessor: str | None = None
    judgements: dict[str, JudgementField]

    @property
    def framework_id(self) -> str:
        return split_ref(self.framework)[0]

    @property
    def framework_version(self) -> str | None:
        return split_ref(self.framework)[1]

    def level(self, strand_id: str) -> int | None:
        judgement = self.judgements.get(strand_id)
        return None if judgement is None else judgement.level
