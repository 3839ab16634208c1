"""Frameworks: elements -> aspects -> strands -> level descriptors, on one scale."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal, Self

from pydantic import PrivateAttr, StrictInt, ValidationInfo, model_validator

from ._base import Document, Id, Level, Model, Text, did_you_mean, split_ref
from .checks import framework_findings
from .errors import UnknownIdError
from .scale import Scale

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["Aspect", "Element", "Framework", "Node", "Strand", "split_ref"]

#: The loader runs the cross-field checks itself (to locate them); it sets this in the context.
SKIP_CHECKS = "selfreview_skip_checks"


class Strand(Model):
    """The unit a school judges itself on: one descriptor per level of the scale."""

    KIND: ClassVar[str] = "strand"
    id: Id
    title: Text
    levels: dict[Level, Text]

    def descriptor(self, level: int) -> str:
        return self.levels[level]


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


class Framework(Document):
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

    _nodes: dict[str, Node] = PrivateAttr(default_factory=dict)
    _parents: dict[str, tuple[str, ...]] = PrivateAttr(default_factory=dict)
    _strands: tuple[Strand, ...] = PrivateAttr(default=())

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> Self:
        if not (info.context and info.context.get(SKIP_CHECKS)):
            findings = framework_findings(self.model_dump())
            if findings:
                raise ValueError("; ".join(f.describe() for f in findings))
        return self

    def model_post_init(self, context: Any, /) -> None:
        strands: list[Strand] = []
        for element in self.elements:
            self._nodes.setdefault(element.id, element)
            self._parents.setdefault(element.id, ())
            for aspect in element.aspects:
                self._nodes.setdefault(aspect.id, aspect)
                self._parents.setdefault(aspect.id, (element.id,))
                for strand in aspect.strands:
                    self._nodes.setdefault(strand.id, strand)
                    self._parents.setdefault(strand.id, (aspect.id, element.id))
                    strands.append(strand)
        self._strands = tuple(strands)

    @property
    def ref(self) -> str:
        """`id@version`, the name that tells versions apart."""
        return f"{self.id}@{self.version}"

    @property
    def strands(self) -> tuple[Strand, ...]:
        """Every strand, in framework order."""
        return self._strands

    @property
    def aspects(self) -> tuple[Aspect, ...]:
        return tuple(a for e in self.elements for a in e.aspects)

    @property
    def strand_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self._strands)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every element, aspect and strand id, in framework order (parents first)."""
        return tuple(self._nodes)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def __iter__(self) -> Iterator[Strand]:  # type: ignore[override]  # iterate strands, not fields
        return iter(self._strands)

    def __len__(self) -> int:
        return len(self._strands)

    def find(self, node_id: str) -> Node | None:
        return self._nodes.get(node_id)

    def get(self, node_id: str) -> Node:
        """The element, aspect or strand with this id; `UnknownIdError` with a hint if none."""
        try:
            return self._nodes[node_id]
        except KeyError:
            raise UnknownIdError(
                f"`{node_id}` is not an element, aspect or strand of {self.ref}",
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
        result: Element = self._typed(node_id, Element)
        return result

    def aspect(self, node_id: str) -> Aspect:
        result: Aspect = self._typed(node_id, Aspect)
        return result

    def strand(self, node_id: str) -> Strand:
        result: Strand = self._typed(node_id, Strand)
        return result

    def kind_of(self, node_id: str) -> str:
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
