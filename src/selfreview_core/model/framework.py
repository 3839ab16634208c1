"""Frameworks: elements -> aspects -> strands -> level descriptors, on one scale."""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Self

from pydantic import (
    AliasChoices,
    Field,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    StrictBool,
    StrictInt,
    ValidationInfo,
    model_serializer,
    model_validator,
)

from .._frozen import FrozenDict, freeze
from .._memo import ByIdentity
from .._names import Policy
from ..errors import UnknownIdError, quoted_key
from .base import SKIP_CHECKS, DerivedModel, Document, Id, Level, Model, Text, did_you_mean
from .conditions import Condition, condition_findings
from .findings import Finding, Path, duplicate_id_finding, framework_findings
from .questions import Answer, Question, Terms, answer_value, question_findings
from .scale import Scale

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["Aspect", "Award", "Element", "Framework", "Node", "Strand", "award_findings"]

#: Frameworks that passed `Framework._check`, while they live, each with its field values
#: as they were checked (`_checked_as`).
_CHECKED: ByIdentity[Framework, tuple[object, ...]] = ByIdentity()
#: Made without validation (its defaults are valid): `Terms()` would build its validator
#: at import, which a command that never validates `terms:` on their own does not need.
_DEFAULT_TERMS = Terms.trusted()


class Strand(Model):
    """The unit a school judges itself on: one descriptor per level of the scale."""

    KIND: ClassVar[str] = "strand"
    id: Id
    title: Text
    levels: FrozenDict[Level, Text]
    questions: tuple[Question, ...] | None = Field(
        default=None,
        description="One question per level above the worst, from the worst up: the strand "
        "is judged by answering them (its score is the sum of its answers' values).",
    )

    def descriptor(self, level: int) -> str:
        """What the framework says a school at `level` of this strand does (`KeyError` off
        the scale)."""
        return self.levels[level]

    def question(self, question_id: str) -> Question | None:
        """The strand's question with this id, or None."""
        return next((q for q in self.questions or () if q.id == question_id), None)


class Aspect(Model):
    KIND: ClassVar[str] = "aspect"
    id: Id
    title: Text
    strands: tuple[Strand, ...]


class Element(Model):
    KIND: ClassVar[str] = "element"
    id: Id
    title: Text
    aspects: tuple[Aspect, ...]


Node = Element | Aspect | Strand


class Award(Model):
    """A benchmark such as the ICT Mark: met when `require` holds for the school's levels
    and, with `evidence_required`, every strand the requirement names (or covers, for an
    aspect or element) has written evidence. `awards.awards` checks a review against it."""

    id: Id
    title: Text
    require: Condition = Field(
        description="A condition in the rule language, e.g. {all: [{aspect: 1a, reached: 3}]}."
    )
    evidence_required: StrictBool = Field(
        default=False, description="Every strand the requirement names needs written evidence."
    )
    description: str | None = None
    reference: str | None = Field(default=None, description="Where the award is defined.")


class Framework(DerivedModel, Document):
    """A self-review framework. Ids are unique across elements, aspects and strands."""

    KIND: ClassVar[str] = "framework"
    kind: Literal["framework"] = "framework"
    id: Id
    version: Id
    title: Text
    publisher: str | None = None
    year: StrictInt | None = None
    source: str | None = None
    licence: str | None = None
    notes: str | None = None
    scale: Scale
    elements: tuple[Element, ...]
    awards: tuple[Award, ...] = Field(
        default=(), description="Benchmarks a school can check itself against (optional)."
    )
    policy: Policy | None = Field(
        default=None,
        description="How strand scores combine into aspects, elements and overall unless a "
        "command or caller says otherwise (default: median).",
    )
    declared_terms: Terms | None = Field(
        default=None,
        validation_alias=AliasChoices("terms", "declared_terms"),
        serialization_alias="terms",
        description="The words reports use for who is reviewed and the review "
        "(default: school, schools, self-review).",
    )
    answer_sets: FrozenDict[Id, tuple[Answer, ...]] | None = Field(
        default=None, description="Named lists of answers the strands' questions are given."
    )

    _nodes: FrozenDict[str, Node] = PrivateAttr(default_factory=FrozenDict)
    _parents: FrozenDict[str, tuple[str, ...]] = PrivateAttr(default_factory=FrozenDict)
    _strands: tuple[Strand, ...] = PrivateAttr(default=())
    _strand_ids: tuple[str, ...] = PrivateAttr(default=())

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # `terms` is its name in files, with or without `by_alias`: the field is named
        # otherwise only so that `Framework.terms` can always give a `Terms`.
        data: dict[str, Any] = handler(self)
        if "declared_terms" in data:
            data["terms"] = data.pop("declared_terms")
        return data

    def _checked_as(self) -> tuple[object, ...]:
        """The field values themselves: the same objects (or equal ones) as when checked
        means the same framework. Held, not their `id()`s, which a new object could reuse."""
        return tuple(self.__dict__.values())

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> Self:
        # Pydantic runs this again whenever an instance is passed to a field (every
        # `Report` holds its framework), and the checks dump the whole framework: an
        # instance that passed them once is not checked again, unless a field was swapped
        # since (`object.__setattr__`: deep immutability stops every ordinary way).
        if self.is_checked():
            return self
        if not (info.context and info.context.get(SKIP_CHECKS)):
            dumped_all = self.model_dump(by_alias=True)
            findings = framework_findings(dumped_all) + question_findings(dumped_all)
            if not findings and self.awards:
                dumped = self.model_dump(mode="json", by_alias=True, exclude_none=True)
                findings = award_findings(self, dumped["awards"])
            if findings:
                raise ValueError("; ".join(f.describe() for f in findings))
            _CHECKED.set(self, self._checked_as())
        return self

    def is_checked(self) -> bool:
        """Whether this very framework passed validation, no field swapped since."""
        checked = _CHECKED.get(self)
        return checked is not None and checked == self._checked_as()

    def checked_as(self, checked: Framework) -> None:
        """Take a framework's check as this one's: `checked`, just validated, has fields
        equal to this one's (a framework unpickled in a worker is never validated)."""
        if checked.is_checked() and checked.__dict__ == self.__dict__:
            _CHECKED.set(self, self._checked_as())

    def model_post_init(self, context: Any, /) -> None:
        # Handed out by `find`, `get`, `parents`, `strands`: read-only like the fields.
        nodes: dict[str, Node] = {}
        parents: dict[str, tuple[str, ...]] = {}
        strands: list[Strand] = []
        try:
            self._tables(nodes, parents, strands)
        except (AttributeError, TypeError):  # `model_construct` without elements, or of dicts
            nodes.clear()  # an engine given it refuses it whole (`model.unvalidated.given`)
            parents.clear()
            strands.clear()
        self._init_private("_nodes", freeze(nodes))
        self._init_private("_parents", freeze(parents))
        self._init_private("_strands", tuple(strands))
        self._init_private("_strand_ids", tuple(s.id for s in strands))

    def _tables(
        self, nodes: dict[str, Node], parents: dict[str, tuple[str, ...]], strands: list[Strand]
    ) -> None:
        for element in self.elements:
            nodes.setdefault(element.id, element)
            parents.setdefault(element.id, ())
            for aspect in element.aspects:
                nodes.setdefault(aspect.id, aspect)
                parents.setdefault(aspect.id, (element.id,))
                for strand in aspect.strands:
                    nodes.setdefault(strand.id, strand)
                    parents.setdefault(strand.id, (aspect.id, element.id))
                    strands.append(strand)

    @property
    def terms(self) -> Terms:
        """The framework's words (`terms:`), or the defaults: school, schools, self-review."""
        return self.declared_terms or _DEFAULT_TERMS

    @property
    def has_questions(self) -> bool:
        """Whether any strand is judged by questions: then aggregate levels follow scores."""
        return any(s.questions for s in self._strand_tuple())

    def answer_set(self, name: str) -> tuple[Answer, ...]:
        """The answers of a named answer set (empty when there is none)."""
        sets = self.answer_sets
        return sets.get(name, ()) if sets is not None else ()

    def answers_score(self, strand: Strand, answers: Mapping[str, str]) -> Fraction:
        """The sum of the values of `answers` (question id -> answer id) to `strand`'s
        questions, exactly (`answer_value`): unanswered questions count nothing, and ids
        the strand or its answer sets lack are left to the checks (`assessment_checks`)."""
        total = Fraction(0)
        for question in strand.questions or ():
            given = answers.get(question.id)
            if given is None:
                continue
            for answer in self.answer_set(question.answers):
                if answer.id == given:
                    total += answer_value(answer.value)
                    break
        return total

    def level_at(self, score: Fraction | float) -> int:
        """The level at rank ⌊score⌋ (clamped to the scale): a score's level."""
        rank = min(max(math.floor(score), 0), self.scale.size - 1)
        return self.scale.from_rank(rank)

    @property
    def ref(self) -> str:
        """`id@version`, the name that tells versions apart."""
        return f"{self.id}@{self.version}"

    # Reading a private attribute (`self._nodes`) goes through pydantic's `__getattr__`,
    # over a microsecond each time; these are read on every check, score and report, so
    # they are taken straight from the dict pydantic keeps them in.
    def _node_map(self) -> FrozenDict[str, Node]:
        nodes: FrozenDict[str, Node] = self.__pydantic_private__["_nodes"]  # type: ignore[index]
        return nodes

    def _strand_tuple(self) -> tuple[Strand, ...]:
        strands: tuple[Strand, ...] = self.__pydantic_private__["_strands"]  # type: ignore[index]
        return strands

    @property
    def strands(self) -> tuple[Strand, ...]:
        """Every strand, in framework order."""
        return self._strand_tuple()

    @property
    def aspects(self) -> tuple[Aspect, ...]:
        """Every aspect, in framework order."""
        return tuple(a for e in self.elements for a in e.aspects)

    @property
    def strand_ids(self) -> tuple[str, ...]:
        """Every strand's id, in framework order (made once: plugins ask for every school)."""
        ids: tuple[str, ...] = self.__pydantic_private__["_strand_ids"]  # type: ignore[index]
        return ids

    @property
    def ids(self) -> tuple[str, ...]:
        """Every element, aspect and strand id, in framework order (parents first)."""
        return tuple(self._node_map())

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._node_map()

    def __iter__(self) -> Iterator[Strand]:  # type: ignore[override]  # iterate strands, not fields
        return iter(self._strand_tuple())

    def __len__(self) -> int:
        return len(self._strand_tuple())

    def find(self, node_id: str) -> Node | None:
        """The element, aspect or strand with this id, or None: `get` for an id that may
        not be there, without an error built for it."""
        return self._node_map().get(node_id)

    def get(self, node_id: str) -> Node:
        """The element, aspect or strand with this id; `UnknownIdError` with a hint if none."""
        try:
            return self._node_map()[node_id]
        except KeyError:
            raise UnknownIdError(
                f"{quoted_key(node_id, 'an empty id')} is not an element, aspect or strand "
                f"of {self.ref}",
                hint=did_you_mean(node_id, self._nodes),
                code="unknown-id",
            ) from None

    def _typed(self, node_id: str, kind: type[Node]) -> Any:
        node = self.get(node_id)
        if not isinstance(node, kind):
            raise UnknownIdError(
                f"`{node_id}` is {node.KIND} of {self.ref}, not {kind.KIND}", code="wrong-kind"
            )
        return node

    def element(self, node_id: str) -> Element:
        """The element with this id; `UnknownIdError` if none, or if the id is another kind's."""
        result: Element = self._typed(node_id, Element)
        return result

    def aspect(self, node_id: str) -> Aspect:
        """The aspect with this id; `UnknownIdError` if none, or if the id is another kind's."""
        result: Aspect = self._typed(node_id, Aspect)
        return result

    def strand(self, node_id: str) -> Strand:
        """The strand with this id; `UnknownIdError` if none, or if the id is another kind's."""
        result: Strand = self._typed(node_id, Strand)
        return result

    def kind_of(self, node_id: str) -> str:
        """The kind of node the id names (`"element"`, `"aspect"`, `"strand"`)."""
        return self.get(node_id).KIND

    def parents(self, node_id: str) -> tuple[str, ...]:
        """Ids above `node_id`, nearest first: a strand gives (aspect id, element id)."""
        self.get(node_id)
        return self._parents[node_id]

    def strands_under(self, node_id: str) -> tuple[Strand, ...]:
        """The strands an element, aspect or strand covers, in framework order."""
        node = self.get(node_id)
        if isinstance(node, Strand):
            return (node,)
        if isinstance(node, Aspect):
            return node.strands
        return tuple(s for a in node.aspects for s in a.strands)


# -- the awards' declarations, on the raw data (so every problem shows at once) ----------


def award_findings(framework: Framework | None, raw: Any) -> list[Finding]:
    """Duplicate award ids in a raw `awards` list and, given the framework, unknown or
    wrong-kind ids and levels outside the scale in their requirements."""
    if not isinstance(raw, list):
        return []
    findings: list[Finding] = []
    first_at: dict[str, Path] = {}
    for i, award in enumerate(raw):
        if not isinstance(award, Mapping):
            continue
        path: Path = ("awards", i)
        duplicate = duplicate_id_finding(path, award.get("id"), first_at, "award", "a framework")
        if duplicate is not None:
            findings.append(duplicate)
        if framework is not None:
            findings.extend(condition_findings(framework, award.get("require"), (*path, "require")))
    return findings


def checked_on_loading(framework: Framework) -> Framework:
    """`framework`, just validated with `SKIP_CHECKS` from data in which
    `checks.framework_file_findings` found nothing (a file's, by the loader; a twin's),
    noted as checked: those are `_check`'s own checks, run on the data so that each problem
    is located in the file. Unnoted, its first use (`Engine(frameworks=[...])`, an
    assessment loaded or checked against it: `unvalidated.given`) dumped it and validated it
    whole again, its checks with it, once a framework a process. Changed since
    (`object.__setattr__`), it is checked again, as any checked framework is (`is_checked`).
    Not a method: a caller's framework is noted only by passing validation."""
    _CHECKED.set(framework, framework._checked_as())
    return framework
