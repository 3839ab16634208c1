"""A report's recommendations ordered from their parts (`recommending.order_parts`): the
plugins' (one run of them, next-steps' answer, known to be of distinct ids of a pool), then
the rule packs' (of distinct ids, or not known to be): the order is the plain definition's
whatever the caller says is known, over frameworks of both scale directions, and whether
or not the pool shares ids with the rules or the other plugins."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Framework, Recommendation
from selfreview_core.recommending import distinct_union, order_parts, sort_key, with_sources
from selfreview_core.testing import frameworks, mirror_framework

from .test_order_keyed import definition, drawn

#: Few ids, so that the parts often share one.
IDS = ("a", "b", "c", "d", "e", "f", "g")


@st.composite
def parts(draw: st.DrawFn, /, framework: Framework) -> dict[str, Any]:
    """Plugins' recommendations before and after a pooled run of distinct ids (each one of
    the pool), and rules' of distinct ids (each one of `rule_ids`) or of any ids (then
    `rule_ids` is None), keyed as the engine keys them or by small keys that tie often."""

    def rec(rec_id: str, source: str) -> Recommendation:
        return drawn(draw, framework, rec_id, source)

    def some(source: str) -> list[Recommendation]:
        return [rec(i, source) for i in draw(st.lists(st.sampled_from(IDS), max_size=4))]

    pool = frozenset(draw(st.lists(st.sampled_from(IDS), unique=True)))
    steps = draw(st.lists(st.sampled_from(sorted(pool)), unique=True)) if pool else []
    run = [rec(i, "next-steps") for i in steps]
    before, after = some("p1"), some("p2")
    plugins = before + run + after
    pooled = (len(before), len(before) + len(run), pool) if draw(st.booleans()) else (0, 0, None)
    if draw(st.booleans()):
        rule_ids: frozenset[str] | None = frozenset(
            draw(st.lists(st.sampled_from(IDS), unique=True))
        )
        fired = draw(st.lists(st.sampled_from(sorted(rule_ids)), unique=True)) if rule_ids else []
        rules = [rec(i, "pack") for i in fired]
    else:
        rule_ids, rules = None, some("pack")

    def keyed(recs: list[Recommendation]) -> list[int]:
        if draw(st.booleans()):
            return [sort_key(framework, r) for r in recs]
        return draw(st.lists(st.integers(0, 3), min_size=len(recs), max_size=len(recs)))

    return {
        "plugins": plugins,
        "plugin_keys": keyed(plugins),
        "pooled": pooled,
        "rules": rules,
        "rule_keys": keyed(rules),
        "rule_ids": rule_ids,
    }


@settings(max_examples=scaled(150))
@given(st.data())
def test_order_from_parts_is_the_definition(data: st.DataObject) -> None:
    framework = data.draw(frameworks(max_elements=2, max_aspects=2, max_strands=2))
    for each in (framework, mirror_framework(framework)):
        given = data.draw(parts(each))
        recs = given["plugins"] + given["rules"]
        expected = definition(recs, given["plugin_keys"] + given["rule_keys"])
        found = order_parts(**given)
        assert found == expected
        assert [r.sources for r in found] == [r.sources for r in expected]
        once = [r for r in expected if r in recs]
        assert all(any(r is x for x in found) for r in once)  # no copy of one given once


@settings(max_examples=scaled(100))
@given(
    st.lists(st.tuples(st.frozensets(st.sampled_from(IDS)), st.frozensets(st.sampled_from(IDS))))
)
def test_distinct_union_is_the_union_when_disjoint_whatever_was_asked_before(
    pairs: list[tuple[frozenset[str], frozenset[str]]],
) -> None:
    """Kept by identity: asked for pairs in any order, again and again, it gives each
    pair's own answer."""
    for first, second in [*pairs, *pairs, *reversed(pairs)]:
        expected = first | second if not first & second else None
        assert distinct_union(first, second) == expected


def test_a_step_of_a_rules_id_is_credited_once_with_both() -> None:
    """The pool and the rules known distinct each, but sharing an id: one entry of it,
    crediting both (the pool's ids are then read)."""

    def rec(source: str) -> Recommendation:
        made = Recommendation(id="x", title="T", action="A.", targets=("S",), priority="low")
        return with_sources(made, source, (source,))

    step, rule = rec("next-steps"), rec("pack")
    found = order_parts([step], [1], (0, 1, frozenset({"x"})), [rule], [1], frozenset({"x"}))
    assert [r.sources for r in found] == [("next-steps", "pack")]
