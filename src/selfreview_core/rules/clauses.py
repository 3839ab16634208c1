"""Rule conditions in the forms the rule index works with (`rules.index`): the (id,
dimension, value) keys where a test holds, a condition's anchor (keys one of which is
present whenever it holds), and a condition as an `any` of `all`s of tests and negated tests
(clauses). Pure functions of a condition and the scale, worked out once per rule pack.
"""

from __future__ import annotations

from typing import Final

from ..facts import test_holds
from ..model.conditions import AllOf, AnyOf, Condition, NotOf, Test
from ..model.scale import Scale

__all__ = [
    *("CHANGE_VALUES", "MAX_CLAUSES", "Key", "anchor", "clauses", "exact", "keys_where"),
    "uses_change",
]

#: (id, dimension, value): dimension "level" (value a level or None when unjudged) or
#: "change" (value -1, 0, 1, or None when not judged in both reviews or no previous review).
Key = tuple[str, str, int | None]
CHANGE_VALUES: Final[tuple[int | None, ...]] = (-1, 0, 1, None)


def keys_where(test: Test, scale: Scale, negate: bool = False) -> list[Key]:
    node_id = test.subject[1]
    if test.operator[0] in ("improved", "regressed"):
        return [
            (node_id, "change", c)
            for c in CHANGE_VALUES
            if test_holds(test, scale, None, c) != negate
        ]
    values: tuple[int | None, ...] = (*scale.levels, None)
    return [(node_id, "level", v) for v in values if test_holds(test, scale, v, None) != negate]


def anchor(condition: Condition, scale: Scale) -> list[Key] | None:
    """Keys at least one of which is present whenever `condition` holds; None if unknown."""
    if isinstance(condition, Test):
        return keys_where(condition, scale)
    if isinstance(condition, NotOf):
        inner = condition.not_
        return keys_where(inner, scale, negate=True) if isinstance(inner, Test) else None
    if isinstance(condition, AllOf):
        anchors = [a for c in condition.all if (a := anchor(c, scale)) is not None]
        return min(anchors, key=len) if anchors else None
    keys: list[Key] = []
    for child in condition.any:
        found = anchor(child, scale)
        if found is None:
            return None
        keys.extend(found)
    return keys


def exact(condition: Condition) -> bool:
    """True when the anchor is exactly where the condition holds (no check needed)."""
    return isinstance(condition, Test) or (
        isinstance(condition, NotOf) and isinstance(condition.not_, Test)
    )


#: Above this many clauses (`all` of `any`s multiplies them) a rule is checked instead.
MAX_CLAUSES: Final = 16


def clauses(condition: Condition) -> list[list[Condition]] | None:
    """The condition as an `any` of `all`s of tests and negated tests (each clause a list
    of them), or None when it has no such form of at most `MAX_CLAUSES` clauses (a `not`
    of a compound). An empty clause always holds; no clause at all never does."""
    if exact(condition):
        return [[condition]]
    if isinstance(condition, AnyOf):
        found: list[list[Condition]] = []
        for child in condition.any:
            parts = clauses(child)
            if parts is None:
                return None
            found.extend(parts)
            if len(found) > MAX_CLAUSES:
                return None
        return found
    if isinstance(condition, AllOf):
        product: list[list[Condition]] = [[]]
        for child in condition.all:
            parts = clauses(child)
            if parts is None:
                return None
            product = [[*left, *right] for left in product for right in parts]
            if len(product) > MAX_CLAUSES:
                return None
        return product
    return None


_CHANGE_TESTS: Final = ("improved", "regressed")


def uses_change(condition: Condition, node_id: str) -> bool:
    """Whether `condition` tests the change of `node_id` (`improved`, `regressed`)."""
    if isinstance(condition, Test):
        return condition.subject[1] == node_id and condition.operator[0] in _CHANGE_TESTS
    if isinstance(condition, AllOf | AnyOf):
        children = condition.all if isinstance(condition, AllOf) else condition.any
        return any(uses_change(c, node_id) for c in children)
    return uses_change(condition.not_, node_id)
