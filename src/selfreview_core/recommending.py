"""The order a reader sees recommendations in, and the credit each one gives.

Recommendations come from every plugin and rule pack; a report lists them by priority, then
in framework order of what they target, each id once, crediting every source that gave it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from operator import attrgetter
from typing import Final

from ._frozen import FrozenDict, freeze
from ._memo import ByIdentity
from ._names import PRIORITIES
from .model.framework import Framework
from .model.recommendation import Recommendation

__all__ = ["PRIORITY_KEYS", "distinct_union", "order_keyed", "positions", "sort_key"]
__all__ += ["Pooled", "order_parts", "with_sources"]

_SOURCE_FIELDS: Final = frozenset({"source", "sources"})
_ID: Final = attrgetter("id")
#: Each priority's part of a sort key (`sort_key`): high first.
PRIORITY_KEYS: Final = {p: i << 24 for i, p in enumerate(PRIORITIES)}
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


def order_keyed(
    recs: Sequence[Recommendation],
    keys: Sequence[int],
    *,
    read: Sequence[Recommendation] | None = None,
    known_ids: frozenset[str] = frozenset(),
) -> tuple[Recommendation, ...]:
    """By priority, then by the framework order of the first target (`keys[i]`, the
    `sort_key` of `recs[i]`, known from where each came: accepted from a plugin, or made by
    a rule pack), ties in arrival order; the same id from several sources once, as its
    first (highest-priority) form, crediting them all. Each of `recs` credits its one
    source already, so ordering them costs the sort alone.

    With `read`, a part of `recs`: every one of `recs` but those of `read` is known to have
    an id no other of them has, one of `known_ids` (a rule pack's rules, each firing once at
    most, `CompiledRules.distinct_ids`; next-steps' steps, one a strand, `next_steps.Keyed`;
    together only when they share no id, `distinct_union`): only the ids of `read` are read
    to tell that every id is there once (they are distinct, and none is one of
    `known_ids`)."""
    # Each key is asked for in turn, as `list.sort` computes them (first to last, once
    # each): a call less per item than `sorted(range(n), key=keys.__getitem__)` and a
    # `map` back to the items. Stable: ties keep arrival.
    if not recs:
        return ()
    ordered = sorted(recs, key=partial(next, iter(keys)))
    if read is not None:
        ids = set(map(_ID, read))
        once = len(ids) == len(read) and ids.isdisjoint(known_ids)
    else:
        once = False
    if once or len(set(map(_ID, ordered))) == len(ordered):
        return tuple(ordered)  # the common case: each id once, crediting its source already
    return _grouped(ordered)


def _grouped(ordered: list[Recommendation]) -> tuple[Recommendation, ...]:
    """Recommendations in order, each id once: its first form, crediting every source."""
    groups: dict[str, list[Recommendation]] = {}
    for rec in ordered:
        groups.setdefault(rec.id, []).append(rec)
    return tuple(_credited(group) for group in groups.values())


#: The last union `distinct_union` made, with what of: one identity check a report.
_UNION: list[tuple[object, object, frozenset[str] | None]] = [(None, None, None)]


def distinct_union(first: frozenset[str], second: frozenset[str]) -> frozenset[str] | None:
    """The ids of `first` and of `second` together when they share none, else None: the
    `known_ids` of two parts of a report (`order_keyed`), each of distinct ids of its own.
    Made again only when either is another object than the last time."""
    last = _UNION[0]
    if last[0] is first and last[1] is second:
        return last[2]
    union = first | second if first.isdisjoint(second) else None
    _UNION[0] = (first, second, union)
    return union


#: Where a plugins' part of a report's recommendations is known to be of distinct ids:
#: (start, end, ids) of `plugins[start:end]`, each one of `ids` (`Known.keyed`); no ids:
#: none known.
Pooled = tuple[int, int, frozenset[str] | None]
_NONE: Final[frozenset[str]] = frozenset()


def order_parts(
    plugins: list[Recommendation],
    plugin_keys: list[int],
    pooled: Pooled,
    rules: list[Recommendation],
    rule_keys: list[int],
    rule_ids: frozenset[str] | None,
) -> tuple[Recommendation, ...]:
    """`order_keyed` of the plugins' recommendations, then the rule packs', with their
    keys: the part of `plugins` that `pooled` names is of distinct ids, each one of its
    ids, and `rules` are of distinct ids, each one of `rule_ids` (None: not known, as when
    two rules share an id); the ids of the rest are read."""
    start, end, pool = pooled
    if pool is None:
        start = end = 0
        pool = _NONE
    if rule_ids is None:
        read = [*plugins[:start], *plugins[end:], *rules]
        known = pool
    else:
        read = plugins[:start] + plugins[end:]
        last = _UNION[0]  # `distinct_union`'s last answer, its check written out
        union: frozenset[str] | None
        if pool is _NONE:
            union = rule_ids
        elif last[0] is pool and last[1] is rule_ids:
            union = last[2]
        else:
            union = distinct_union(pool, rule_ids)
        if union is None:  # a step's id is a rule's too: the plugins' ids are read
            read, union = plugins, rule_ids
        known = union
    # `order_keyed(plugins + rules, plugin_keys + rule_keys, read=read, known_ids=known)`,
    # written out (a call with keywords less, and the list sorted in place: it is ours).
    ordered = plugins + rules
    ordered.sort(key=partial(next, iter(plugin_keys + rule_keys)))
    ids = set(map(_ID, read))
    if len(ids) == len(read) and ids.isdisjoint(known):
        return tuple(ordered)
    if len(set(map(_ID, ordered))) == len(ordered):
        return tuple(ordered)
    return _grouped(ordered)


def _credited(group: list[Recommendation]) -> Recommendation:
    """The first of recommendations of one id, crediting every source of them all."""
    rec = group[0]
    names: list[str] = []
    for each in group:
        for name in each.sources or (each.source,):
            if name and name not in names:
                names.append(name)
    return with_sources(rec, names[0] if names else rec.source, names)


def positions(framework: Framework) -> FrozenDict[str, int]:
    """Each of `framework`'s ids (every element, aspect and strand) by its position in
    framework order: worked out once per framework. An id is in the framework exactly when
    it is a key here."""
    position = _POSITIONS.get(framework)
    if position is None:
        position = _POSITIONS.set(
            framework, freeze({node_id: i for i, node_id in enumerate(framework.ids)})
        )
    return position


def sort_key(framework: Framework, rec: Recommendation) -> int:
    """Where `rec` goes among a report's recommendations, as one integer: its priority,
    then the framework position of its first target (an unknown or no target last)."""
    position = positions(framework)
    last = len(position)
    targets = rec.targets
    first = min([position.get(t, last) for t in targets]) if targets else last
    return PRIORITY_KEYS[rec.priority] | first
