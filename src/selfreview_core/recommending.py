"""The order a reader sees recommendations in, and the credit each one gives.

Recommendations come from every plugin and rule pack; a report lists them by priority, then
in framework order of what they target, each id once, crediting every source that gave it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from ._frozen import FrozenDict, freeze
from ._memo import ByIdentity
from ._names import PRIORITIES
from .model.framework import Framework
from .model.recommendation import Recommendation

__all__ = ["order_recommendations", "with_sources"]

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
