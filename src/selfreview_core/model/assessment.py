"""A school's assessment: its judgement of each strand of one framework."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Final, Literal, Self

from pydantic import (
    BeforeValidator,
    Field,
    SerializerFunctionWrapHandler,
    StrictBool,
    StrictInt,
    ValidationInfo,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .._frozen import FrozenDict, freeze
from .._names import RESPONDENT_GROUPS
from ..errors import Diagnostic, InvalidDocument
from .base import (
    EVIDENCE_WITHHELD,
    Date,
    Document,
    FrameworkRef,
    Id,
    Model,
    NamesFramework,
    Text,
    unseen_only,
)
from .review import Review
from .unseen import says_something

__all__ = [
    "RESPONDENT_GROUPS",
    "Assessment",
    "Judgement",
    "Respondent",
    "School",
    "check_built",
    "school_named",
    "unseen_only",
]


class School(Model):
    id: Id
    name: Text
    authority: str | None = None


class Respondent(Model):
    """Who answered, as a group only: a response names no person, so that views of many
    responses (`voices`, `combine`) can keep each one's answers to itself."""

    # An `Id`: a group that prints as nothing (a zero-width space, a byte order mark) is
    # refused as an empty one is, at its place (`base.unseen_only`); before round 69 `voices`
    # showed a column headed by nothing, `combine` evidence naming no one.
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
    """The level a school gives itself on one strand, and why: a level, answers to the
    strand's questions (the level then follows from them), both (they must agree), or
    `applicable: false` with the evidence of why the strand does not apply."""

    level: StrictInt | None = Field(
        default=None, description="Required unless `answers` are given or not applicable."
    )
    answers: FrozenDict[Id, Id] | None = Field(
        default=None, description="The answer id given to each of the strand's questions."
    )
    applicable: StrictBool | None = Field(
        default=None,
        description="`false`: the strand does not apply here (evidence says why); it is "
        "left out of coverage and of every aggregate.",
    )
    evidence: str | None = None
    judged_on: Date | None = None

    @model_validator(mode="after")
    def _says_something(self, info: ValidationInfo) -> Self:
        if self.applicable is False:
            if self.level is not None or self.answers:
                raise PydanticCustomError(
                    "not_applicable_judged",
                    "a strand that is not applicable has no `level` or `answers`",
                )
            withheld = bool(info.context and info.context.get(EVIDENCE_WITHHELD))
            if not withheld and not says_something(self.evidence):
                raise PydanticCustomError(
                    "not_applicable_evidence",
                    "`applicable: false` needs `evidence` saying why the strand does not apply",
                )
        elif self.level is None and not self.answers:
            raise PydanticCustomError(
                "judgement_empty",
                "a judgement needs a `level`, `answers`, or `applicable: false` with evidence",
            )
        return self

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # A judgement by level dumps as it always has: `answers` and `applicable` only
        # when given.
        data: dict[str, Any] = handler(self)
        if self.answers is None:
            data.pop("answers", None)
        if self.applicable is None:
            data.pop("applicable", None)
        return data

    @property
    def is_applicable(self) -> bool:
        """False exactly for `applicable: false`."""
        return self.applicable is not False


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
    assessed_on: Date
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
        """The level written in the judgement (None for one given by answers alone or not
        applicable: the profile has the level answers lead to)."""
        judgement = self.judgements.get(strand_id)
        return None if judgement is None else judgement.level


#: The fields besides the judgements (`assessment_checks` looks at those) that every use of
#: an assessment reads: each one's type once validated, and what a message calls it.
_BUILT: Final = (
    ("framework", str, "a framework id"),
    ("school", School, "a school"),
    ("assessed_on", dt.date, "a date"),
)
_MISSING: Final = object()


def check_built(assessment: Assessment) -> None:
    """Refuse (`InvalidDocument`, at the field's path) an assessment built without
    validation (`model_construct`) that lacks a required field or holds one of the wrong
    type: a report, a comparison or an award reads them all, and would stop with Python's
    `AttributeError`. Three lookups: it runs for every report. Not a model at all (a
    file's name where `Engine.report` takes the loaded review): `TypeError`, saying so."""
    try:
        fields = assessment.__dict__
    except AttributeError:  # `str`, `None`, a number: nothing a report can read
        raise TypeError(
            f"expected an Assessment (`load_assessment` reads one from a file), not "
            f"{type(assessment).__name__}"
        ) from None
    for name, kind, what in _BUILT:
        value = fields.get(name, _MISSING)
        if not isinstance(value, kind):
            said = f"missing required key `{name}`" if value is _MISSING else f"not {what}"
            raise InvalidDocument([Diagnostic(f"{said} (built without validation?)", path=name)])


def school_named(assessment: Assessment) -> str:
    """The school's id, which names the assessment in a batch's error; `<assessment>` for
    one built without a school (`check_built` then says so)."""
    school = assessment.__dict__.get("school")
    return school.id if isinstance(school, School) else "<assessment>"
