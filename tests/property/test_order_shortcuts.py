"""What the shortcuts of `recommending` take on the caller's word, pinned: `order_keyed`
reads only the ids of `read` (the rest it is told are distinct), `order_parts` reads only
the ids outside the pooled part and the rules when their ids are known, and
`distinct_union` keeps its last answer. Told falsely (a known part repeating an id), the
repeat stays: the ids were not read."""

from __future__ import annotations

from selfreview_core import Recommendation
from selfreview_core.recommending import distinct_union, order_keyed, order_parts, with_sources


def rec(rec_id: str, source: str) -> Recommendation:
    made = Recommendation(id=rec_id, title=rec_id, action="Act.", targets=("x",))
    return with_sources(made, source, (source,))


def test_order_keyed_reads_only_the_ids_of_read() -> None:
    a, b = rec("same", "p1"), rec("same", "p2")
    assert len(order_keyed([a, b], [1, 2], read=[], known_ids=frozenset({"same"}))) == 2
    assert len(order_keyed([a, b], [1, 2])) == 1  # read: once, crediting both
    assert len(order_keyed([a, b], [1, 2], read=[b], known_ids=frozenset({"same"}))) == 1
    assert len(order_keyed([a, b], [1, 2], read=[a, b], known_ids=frozenset())) == 1


def test_order_parts_reads_all_but_the_pooled_part_and_known_rules() -> None:
    one, two = rec("s", "next-steps"), rec("s", "next-steps")
    pool = frozenset({"s"})
    # The pooled part told distinct: not read.
    assert len(order_parts([one, two], [1, 2], (0, 2, pool), [], [], frozenset())) == 2
    # Without a pool, every plugin's id is read.
    assert len(order_parts([one, two], [1, 2], (0, 0, None), [], [], frozenset())) == 1
    # Outside the pooled part, read: before it and after it.
    other = rec("s", "p")
    assert len(order_parts([other, one], [1, 2], (1, 2, pool), [], [], frozenset())) == 1
    assert len(order_parts([one, other], [1, 2], (0, 1, pool), [], [], frozenset())) == 1
    # Rules told distinct: not read; not told (None): read.
    r1, r2 = rec("r", "pack"), rec("r", "pack")
    assert len(order_parts([], [], (0, 0, None), [r1, r2], [1, 2], frozenset({"r"}))) == 2
    assert len(order_parts([], [], (0, 0, None), [r1, r2], [1, 2], None)) == 1
    found = order_parts([one], [1], (0, 1, pool), [r1, r2], [1, 2], None)
    assert [r.id for r in found] == ["s", "r"]  # the rules read: "r" once


def test_distinct_union_keeps_its_last_answer() -> None:
    first, second = frozenset({"a"}), frozenset({"b"})
    union = distinct_union(first, second)
    assert union == frozenset({"a", "b"})
    assert distinct_union(first, second) is union  # kept: not made again
    third = frozenset({"b"})  # equal to `second`, another object: made again
    assert distinct_union(first, third) == union
    assert distinct_union(first, third) is not union
    assert distinct_union(third, first) == union
    assert distinct_union(first, frozenset({"a"})) is None


def test_order_parts_takes_the_kept_union_only_for_the_very_pair_asked_last() -> None:
    """`order_parts` reads `distinct_union`'s last answer itself: for the pool and the
    rules' ids asked last (those very objects) it is taken again; for either another,
    worked out again: a step's id that is a rule's too is then read, and told once."""
    step, fired = rec("s", "next-steps"), rec("s", "pack")
    pool = frozenset({"s"})
    apart, shared = frozenset({"r"}), frozenset({"s"})
    for _ in range(2):  # the second time each pair's union is the one kept, or not
        assert len(order_parts([step], [1], (0, 1, pool), [], [], apart)) == 1
        assert distinct_union(pool, apart) == frozenset({"r", "s"})  # kept now
        [once] = order_parts([step], [1], (0, 1, pool), [fired], [2], shared)
        assert once.sources == ("next-steps", "pack")
        [once] = order_parts([step], [1], (0, 1, shared), [fired], [2], apart | shared)
        assert once.sources == ("next-steps", "pack")
        kept = distinct_union(pool, apart)
        assert order_parts([step], [1], (0, 1, pool), [], [], apart) == (step,)
        assert distinct_union(pool, apart) is kept  # taken again, not made again
