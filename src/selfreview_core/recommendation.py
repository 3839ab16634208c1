"""Recommendations: the actions that move a school forward, and the order a reader sees them in."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Final, Literal, get_args

from pydantic import AfterValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from ._base import Id, Model, Text
from ._frozen import FrozenDict, freeze
from ._memo import ByIdentity

if TYPE_CHECKING:  # framework.py imports rules.py, which imports this module
    from .framework import Framework

__all__ = [
    "AUDIENCES",
    "PRIORITIES",
    "Link",
    "Priority",
    "Recommendation",
    "order_recommendations",
    "safe_link",
    "with_sources",
]

Priority = Literal["high", "medium", "low"]
PRIORITIES: Final[tuple[str, ...]] = get_args(Priority)
#: The audiences reports group recommendations by; any other text is allowed too.
AUDIENCES: Final = ("senior leadership", "governors", "parents", "local authority")

_SCHEMES = ("http://", "https://", "mailto:")


def safe_link(url: str) -> bool:
    """Only web and mail links: a `javascript:` or `data:` link never reaches a report."""
    return url.strip() == url and url.lower().startswith(_SCHEMES) and len(url) > 7


def _link(url: str) -> str:
    if not safe_link(url):
        raise PydanticCustomError(
            "unsafe_link", "links must start with http://, https:// or mailto:"
        )
    return url


#: A URL a report may show as a link.
Link = Annotated[
    str,
    AfterValidator(_link),
    WithJsonSchema({"type": "string", "pattern": "^(https?://|mailto:)\\S+$"}),
]


class Recommendation(Model):
    """One action for one audience, with why it was given and where the advice comes from.

    `source` names the plugin or rule pack that gave it (set by the engine); `sources`
    credits every one that gave the same id.
    """

    id: Id
    title: Text
    action: Text
    targets: tuple[Id, ...] = Field(
        default=(), description="The strand, aspect and element ids it is about."
    )
    priority: Priority = "medium"
    audience: Text = "senior leadership"
    links: tuple[Link, ...] = ()
    reference: str | None = Field(
        default=None, description="The document the advice is drawn from, with its date."
    )
    source: str = Field(default="", description="The plugin or rule pack that gave it.")
    sources: tuple[str, ...] = Field(
        default=(), description="Every plugin or rule pack that gave this id."
    )
    rationale: str = Field(default="", description="Why it was given for this school.")


_SOURCE_FIELDS: Final = frozenset({"source", "sources"})
_RANK: Final = {p: i for i, p in enumerate(PRIORITIES)}
#: Each framework's ids by their position in it (framework order), worked out once.
_POSITIONS: ByIdentity[Framework, FrozenDict[str, int]] = ByIdentity()


def with_sources(rec: Recommendation, source: str, sources: Iterable[str]) -> Recommendation:
    """`rec` crediting `source` and `sources`: a copy, or `rec` itself where it already
    does (copies are most of the cost of ordering a report's recommendations)."""
    sources = tuple(sources)
    given = rec.__pydantic_fields_set__  # not `model_fields_set`: that makes a frozen copy
    if rec.source == source and rec.sources == sources and given >= _SOURCE_FIELDS:
        return rec
    return rec.model_copy(update={"source": source, "sources": sources})


def order_recommendations(
    framework: Framework, recommendations: Iterable[Recommendation]
) -> tuple[Recommendation, ...]:
    """By priority, then by the framework order of the first target; the same id from
    several sources once, as its first (highest-priority) form, crediting them all."""
    position = _POSITIONS.get(framework)
    if position is None:
        position = _POSITIONS.set(
            framework, freeze({node_id: i for i, node_id in enumerate(framework.ids)})
        )
    last = len(position)
    # (priority, first target's position, arrival): arrival is unique, so the sort never
    # compares two recommendations.
    arrived = []
    for index, rec in enumerate(recommendations):
        targets = rec.targets
        if len(targets) == 1:
            first = position.get(targets[0], last)
        else:
            first = min([position.get(t, last) for t in targets]) if targets else last
        arrived.append((_RANK[rec.priority], first, index, rec))
    arrived.sort()
    merged: dict[str, Recommendation] = {}
    credits: dict[str, list[str]] = {}
    for _, _, _, rec in arrived:
        names = credits.get(rec.id)
        if names is None:
            names = credits[rec.id] = []
            merged[rec.id] = rec
        for name in rec.sources or (rec.source,):
            if name and name not in names:
                names.append(name)
    return tuple(
        with_sources(rec, names[0] if (names := credits[rec_id]) else rec.source, names)
        for rec_id, rec in merged.items()
    )
