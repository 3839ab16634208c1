"""What composing two migrations (migrations/composition.py) promises that round 42's
mutation pass over it found no test pinning: a strand retired on the way is retired in the
composition, a middle strand the second migration does not account for is refused with a
`MigrationError` (not a `KeyError`), and a strand split and then half retired is never
composed into a one-to-one mapping, which would carry a level the two steps never give."""

from __future__ import annotations

from typing import Any

import pytest

from selfreview_core import Migration, MigrationError, compose


def _migration(source: str, target: str, strands: dict[str, Any], retired: Any = ()) -> Migration:
    return Migration.model_validate(
        {"from": source, "to": target, "strands": strands, "retired": list(retired)}
    )


def test_a_strand_retired_on_the_way_is_retired_in_the_composition() -> None:
    first = _migration("t@1", "t@2", {"a": "a", "b": "b"}, retired=["r"])
    second = _migration("t@2", "t@3", {"a": "a"}, retired=["b"])
    composed = compose(first, second)
    assert composed.strands == {"a": ("a",)}
    assert composed.retired == ("r", "b")


def test_a_strand_split_and_then_partly_retired_is_not_composed_as_one_to_one() -> None:
    """Applied one after the other, `x` is left for review (it came of a split); composed
    as `a: x`, it would carry `a`'s level."""
    first = _migration("t@1", "t@2", {"a": ["x", "y"], "b": "b"})
    second = _migration("t@2", "t@3", {"x": "x", "b": "b"}, retired=["y"])
    with pytest.raises(MigrationError, match="`a` -> `x` would read as one-to-one") as raised:
        compose(first, second)
    assert raised.value.diagnostics[0].code == "migration-chain"
    # Both halves kept: still a split, composed as one.
    composed = compose(first, _migration("t@2", "t@3", {"x": "x", "y": "y", "b": "b"}))
    assert composed.strands == {"a": ("x", "y"), "b": ("b",)}


def test_a_middle_strand_the_second_migration_leaves_out_is_refused_by_name() -> None:
    first = _migration("t@1", "t@2", {"a": "a", "b": "b"})
    second = _migration("t@2", "t@3", {"a": "a"})
    with pytest.raises(MigrationError, match="does not say where `b` goes") as raised:
        compose(first, second)
    assert raised.value.diagnostics[0].code == "unmapped-strand"
