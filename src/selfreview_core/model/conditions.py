"""Conditions on a school's levels: what rules fire on and awards require.

`{strand|aspect|element: ID, level|below|reached|unjudged|improved|regressed: ...}`, and
`all`, `any` and `not` of them. Conditions follow the scale's direction: `below: 3` means
"not yet at level 3" whether the scale's best is 1 or 3. Aspect and element conditions read
the profile's aggregated levels; `improved`/`regressed` need a previous review and never
hold without one. `score_below: X` / `score_reached: X` read scores, on the rank axis (0 at
the worst level, whichever way the scale runs): on Becta's 5..1 scale, `score_reached: 2`
means "at level 3 or better, or answers worth as much". Whether a condition holds for a
school is `facts.holds`; `condition_warnings` finds tests that can never or always hold.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Annotated, Any, ClassVar, Final, Self, Union

from pydantic import (
    Discriminator,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..errors import quoted_key
from .base import Id, Model, did_you_mean
from .findings import Finding, FrameworkOutline, Path, a_or_an, scale_finding

__all__ = [
    "ALL_OPERATORS",
    "OPERATORS",
    "SCORE_OPERATORS",
    "SUBJECTS",
    "TAGS",
    "TAG_MODELS",
    "AllOf",
    "AnyOf",
    "Condition",
    "NotOf",
    "Test",
    "condition_findings",
    "condition_warnings",
    "subjects_of",
    "uses_scores",
]

SUBJECTS: Final = ("strand", "aspect", "element")
OPERATORS: Final = ("level", "below", "reached", "unjudged", "improved", "regressed")
#: The tests of scores (SPEC 10), on the rank axis: 0 at the worst level.
SCORE_OPERATORS: Final = ("score_below", "score_reached")
ALL_OPERATORS: Final = (*OPERATORS, *SCORE_OPERATORS)
#: Tags of the condition union; never keys in a file (the loader drops them from paths).
TAGS: Final = frozenset({"<all>", "<any>", "<not>", "<test>"})


class Test(Model):
    """One test of one strand, aspect or element: `{strand: 1b1, below: 3}`."""

    __test__: ClassVar[bool] = False  # not a pytest test class, whatever its name
    #: The hint for a key a test does not have (`at_least: 3`) and that is close to none of
    #: its eleven: what a test is made of, as `_one_subject_one_operator` words it.
    UNKNOWN_KEY_HINT: ClassVar[str] = (
        "a test names one of `strand`, `aspect` or `element`, and has one of `level`, "
        "`below`, `reached`, `unjudged`, `improved`, `regressed`, `score_below` or "
        "`score_reached`"
    )

    strand: Id | None = None
    aspect: Id | None = None
    element: Id | None = None
    level: StrictInt | tuple[StrictInt, ...] | None = Field(
        default=None, description="At this level, or at any of these levels."
    )
    below: StrictInt | None = Field(default=None, description="Not yet at this level.")
    reached: StrictInt | None = Field(default=None, description="At this level or better.")
    unjudged: StrictBool | None = Field(default=None, description="Nothing under it judged.")
    improved: StrictBool | None = Field(default=None, description="Better than last review.")
    regressed: StrictBool | None = Field(default=None, description="Worse than last review.")
    score_below: StrictInt | StrictFloat | None = Field(
        default=None,
        description="The score (0 at the worst level, scale size - 1 at the best) is below this.",
    )
    score_reached: StrictInt | StrictFloat | None = Field(
        default=None,
        description="The score (0 at the worst level, scale size - 1 at the best) is at "
        "least this.",
    )

    @model_validator(mode="after")
    def _one_subject_one_operator(self) -> Self:
        subjects = [s for s in SUBJECTS if getattr(self, s) is not None]
        if len(subjects) != 1:
            raise PydanticCustomError(
                "condition_subject",
                "a condition names exactly one of `strand`, `aspect` or `element`",
            )
        operators = [o for o in ALL_OPERATORS if getattr(self, o) is not None]
        if len(operators) != 1:
            raise PydanticCustomError(
                "condition_operator",
                "a condition has exactly one test: `level`, `below`, `reached`, `unjudged`, "
                "`improved`, `regressed`, `score_below` or `score_reached`",
            )
        if self.level == ():
            raise PydanticCustomError("condition_operator", "`level` needs at least one level")
        return self

    @property
    def subject(self) -> tuple[str, str]:
        """(kind, id) of what the test is about."""
        for kind in SUBJECTS:
            value = getattr(self, kind)
            if value is not None:
                return kind, value
        raise AssertionError("validated: exactly one subject")  # pragma: no cover

    @property
    def operator(self) -> tuple[str, Any]:
        for name in ALL_OPERATORS:
            value = getattr(self, name)
            if value is not None:
                return name, value
        raise AssertionError("validated: exactly one operator")  # pragma: no cover

    @property
    def levels(self) -> tuple[int, ...]:
        """Every level the test names (for checking them against the scale)."""
        name, value = self.operator
        if name == "level":
            return value if isinstance(value, tuple) else (value,)
        return (value,) if name in ("below", "reached") else ()


class AllOf(Model):
    all: tuple[Condition, ...] = Field(description="Every condition holds (true when empty).")


class AnyOf(Model):
    any: tuple[Condition, ...] = Field(description="At least one holds (false when empty).")


class NotOf(Model):
    model_config = Model.model_config | {"populate_by_name": False}
    not_: Condition = Field(alias="not", description="The condition does not hold.")


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, Mapping):
        for key in ("all", "any", "not"):
            if key in value:
                return f"<{key}>"
        return "<test>"
    return {model: tag for tag, model in TAG_MODELS.items()}.get(type(value))


Condition = Annotated[
    Union[  # noqa: UP007 - the tagged union needs the explicit form
        Annotated[AllOf, Tag("<all>")],
        Annotated[AnyOf, Tag("<any>")],
        Annotated[NotOf, Tag("<not>")],
        Annotated[Test, Tag("<test>")],
    ],
    Discriminator(
        _condition_tag,
        custom_error_type="condition_type",
        custom_error_message="expected a condition, a mapping such as {strand: 1b1, below: 3}",
    ),
]


#: The model each tag of the condition union stands for.
TAG_MODELS: Final[dict[str, type[Model]]] = {
    "<all>": AllOf,
    "<any>": AnyOf,
    "<not>": NotOf,
    "<test>": Test,
}


def uses_scores(condition: Condition) -> bool:
    """Whether any test of the condition reads scores (`score_below`, `score_reached`)."""
    if isinstance(condition, Test):
        return condition.operator[0] in SCORE_OPERATORS
    if isinstance(condition, AllOf | AnyOf):
        children = condition.all if isinstance(condition, AllOf) else condition.any
        return any(uses_scores(c) for c in children)
    return uses_scores(condition.not_)


def subjects_of(condition: Condition) -> Iterator[tuple[str, str]]:
    """(kind, id) of every strand, aspect and element a condition names, in order."""
    if isinstance(condition, Test):
        yield condition.subject
    elif isinstance(condition, AllOf):
        for child in condition.all:
            yield from subjects_of(child)
    elif isinstance(condition, AnyOf):
        for child in condition.any:
            yield from subjects_of(child)
    else:
        yield from subjects_of(condition.not_)


# -- checks against the framework, on the raw data (so every problem shows at once) -------


def condition_findings(framework: FrameworkOutline, raw: Any, path: Path) -> Iterator[Finding]:
    """Unknown or wrong-kind ids and levels outside the scale in a raw condition at `path`
    (rule conditions, award requirements)."""
    if not isinstance(raw, Mapping):
        return
    for key in ("all", "any"):
        children = raw.get(key)
        if isinstance(children, list):
            for i, child in enumerate(children):
                yield from condition_findings(framework, child, (*path, key, i))
    if "not" in raw:
        yield from condition_findings(framework, raw["not"], (*path, "not"))
    for kind in SUBJECTS:
        node_id = raw.get(kind)
        if not isinstance(node_id, str):
            continue
        if node_id not in framework:
            candidates = [n for n in framework.ids if framework.kind_of(n) == kind]
            yield Finding(
                (*path, kind),
                f"{quoted_key(node_id, 'an empty id')} is not {a_or_an(kind)} of {framework.ref}",
                f"unknown-{kind}",
                hint=did_you_mean(node_id, candidates),
            )
        elif kind != (found := framework.kind_of(node_id)):
            yield Finding(
                (*path, kind),
                f"`{node_id}` is {a_or_an(found)} of {framework.ref}, not {a_or_an(kind)}",
                "wrong-kind",
                hint=f"write `{found}: {node_id}`",
                at_key=True,
            )
    scale = framework.scale
    for name in ("level", "below", "reached"):
        value = raw.get(name)
        values = value if isinstance(value, list) else [value]
        for i, item in enumerate(values):
            where = (*path, name, i) if isinstance(value, list) else (*path, name)
            outside = scale_finding(scale, where, item)
            if outside is not None:
                yield outside


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def _empty(path: Path, key: str) -> Finding:
    """An empty `all` holds for every school and an empty `any` for none: SPEC 3's grammar
    allows both, so a warning, but neither is likely to be what the author meant."""
    if key == "all":
        return Finding(
            path,
            "an empty `all` holds for every school: it has no condition that could fail",
            "always-holds",
            hint="list the conditions that must all hold, or remove the rule",
        )
    return Finding(
        path,
        "an empty `any` can never hold: it has no condition that could hold",
        "never-holds",
        hint="list the conditions one of which must hold, or remove the rule",
    )


def condition_warnings(framework: FrameworkOutline, raw: Any, path: Path) -> Iterator[Finding]:
    """Tests in a raw condition that can never hold, or hold for every judged subject,
    whatever the school: `below` the worst level, `reached` the worst level, `score_reached`
    above the best rank or at 0 or less, `score_below` 0 or less or above the best rank, a
    score threshold of NaN (no score is below it or reaches it), an empty `all` (holds
    for every school) and an empty `any` (never holds).
    Warnings, not errors: such a rule is legal, but almost certainly not what its author
    meant (`selfreview validate --strict` refuses them)."""
    if not isinstance(raw, Mapping):
        return
    for key in ("all", "any"):
        children = raw.get(key)
        if isinstance(children, list | tuple) and not children:
            yield _empty((*path, key), key)
        if isinstance(children, list):
            for i, child in enumerate(children):
                yield from condition_warnings(framework, child, (*path, key, i))
    if "not" in raw:
        yield from condition_warnings(framework, raw["not"], (*path, "not"))
    scale = framework.scale
    top = scale.size - 1
    worst = scale.worst

    def never(name: str, why: str) -> Finding:
        return Finding((*path, name), f"this test can never hold: {why}", "never-holds")

    def always(name: str, why: str) -> Finding:
        return Finding(
            (*path, name), f"this test holds for every judged subject: {why}", "always-holds"
        )

    if raw.get("below") == worst and _number(raw.get("below")) is not None:
        yield never("below", f"nothing is below the worst level, {worst}")
    if raw.get("reached") == worst and _number(raw.get("reached")) is not None:
        yield always("reached", f"every level has reached the worst level, {worst}")
    reached = _number(raw.get("score_reached"))
    if reached is not None:
        if reached != reached:  # NaN; no float() of an int of 400 digits, which overflows
            yield never("score_reached", "NaN is not a number, so no score reaches it")
        elif reached > top:
            yield never("score_reached", f"scores run from 0 to {top} on this scale")
        elif reached <= 0:
            yield always("score_reached", "every score is 0 or more")
    below = _number(raw.get("score_below"))
    if below is not None:
        if below != below:  # NaN; no float() of an int of 400 digits, which overflows
            yield never("score_below", "NaN is not a number, so no score is below it")
        elif below <= 0:
            yield never("score_below", "no score is below 0")
        elif below > top:
            yield always("score_below", f"no score is above {top} on this scale")
