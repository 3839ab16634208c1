"""A report's recommendations in order (`recommending.order_keyed`): by sort key, ties in
arrival order, each id once as its first form crediting every source (SPEC section 4),
the same whether or not the caller says that parts of them have distinct ids (the rule
packs', next-steps': `read`, `known_ids`, `order_parts`: then only the other ids are read),
over frameworks of both scale directions.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Engine, Framework, Recommendation, RulePack
from selfreview_core._names import PRIORITIES
from selfreview_core.model.conditions import Test
from selfreview_core.model.rules import Rule, RuleAdvice
from selfreview_core.recommending import order_keyed, sort_key, with_sources
from selfreview_core.testing import frameworks, mirror_framework

pytestmark = pytest.mark.slow

#: Few ids, so that the plugins' part often repeats one, or names one of the rules'.
IDS = ("a", "b", "c", "d", "e", "f")


def definition(recs: list[Recommendation], keys: list[int]) -> tuple[Recommendation, ...]:
    """The order read plainly: stable by key, then each id once, its first form crediting
    every source of its forms in that order."""
    order = sorted(range(len(recs)), key=lambda i: keys[i])
    groups: dict[str, list[Recommendation]] = {}
    for i in order:
        groups.setdefault(recs[i].id, []).append(recs[i])
    found = []
    for group in groups.values():
        names: list[str] = []
        for rec in group:
            for name in rec.sources or (rec.source,):
                if name and name not in names:
                    names.append(name)
        found.append(group[0] if len(group) == 1 else with_sources(group[0], names[0], names))
    return tuple(found)


def drawn(draw: st.DrawFn, framework: Framework, rec_id: str, source: str) -> Recommendation:
    """A recommendation of `rec_id` crediting `source`, of drawn targets of `framework`
    and a drawn priority."""
    made = Recommendation(
        id=rec_id,
        title=f"Do {rec_id}",
        action="Act.",
        targets=tuple(draw(st.lists(st.sampled_from(framework.ids), max_size=2))),
        priority=draw(st.sampled_from(PRIORITIES)),
    )
    return with_sources(made, source, (source,))


@st.composite
def parts(draw: st.DrawFn, /, framework: Framework) -> dict[str, Any]:
    """A plugins' part (any ids, repeated or not, each crediting a plugin) and a rule
    packs' part (distinct ids, each one of the packs' `known_ids`), keyed as the engine
    keys them, or by small keys that tie often."""

    def rec(rec_id: str, source: str) -> Recommendation:
        return drawn(draw, framework, rec_id, source)

    known_ids = frozenset(draw(st.lists(st.sampled_from(IDS), unique=True)))
    plugins = [
        rec(draw(st.sampled_from(IDS)), draw(st.sampled_from(["p1", "p2"])))
        for _ in range(draw(st.integers(0, 8)))
    ]
    fired = draw(st.lists(st.sampled_from(sorted(known_ids)), unique=True)) if known_ids else []
    rules = [rec(rec_id, "pack") for rec_id in fired]
    recs = plugins + rules
    if draw(st.booleans()):
        keys = [sort_key(framework, r) for r in recs]
    else:
        keys = draw(st.lists(st.integers(0, 3), min_size=len(recs), max_size=len(recs)))
    return {"recs": recs, "keys": keys, "read": plugins, "known_ids": known_ids}


@settings(max_examples=scaled(200))
@given(st.data())
def test_order_is_the_definition_whether_or_not_the_rules_ids_are_known(
    data: st.DataObject,
) -> None:
    """Stable by key, ties in arrival order, each id once crediting all its sources; a
    caller's word that the rules' part has distinct known ids changes nothing."""
    framework = data.draw(frameworks(max_elements=2, max_aspects=2, max_strands=2))
    for each in (framework, mirror_framework(framework)):
        given = data.draw(parts(each))
        recs, keys = given["recs"], given["keys"]
        expected = definition(recs, keys)
        for found in (
            order_keyed(recs, keys),
            order_keyed(recs, keys, read=given["read"], known_ids=given["known_ids"]),
        ):
            assert found == expected
            assert [r.sources for r in found] == [r.sources for r in expected]
            # The forms given once are the objects given (no copy).
            once = [r for r in expected if r in recs]
            assert all(any(r is x for x in found) for r in once)


def test_a_plugin_giving_a_rules_id_is_credited_with_it() -> None:
    """The rules' ids known distinct do not hide a plugin's recommendation of the same id:
    one entry, crediting the plugin first (it came first), then the pack."""
    framework = Engine().framework("becta-srf")

    def rec(source: str, priority: str) -> Recommendation:
        made = Recommendation(id="r1", title="T", action="A.", targets=("1a1",), priority=priority)
        return with_sources(made, source, (source,))

    plugin, rule = rec("plugin", "low"), rec("pack", "high")
    recs = [plugin, rule]
    keys = [sort_key(framework, r) for r in recs]
    for found in (
        order_keyed(recs, keys, read=[plugin], known_ids=frozenset({"r1", "r2"})),
        order_keyed(recs, keys),
    ):
        [only] = found
        assert only.priority == "high"  # the first by key: the rule's
        assert only.sources == ("pack", "plugin")
    # Two of one id among the plugins' own, and none of the rules': still once.
    twice = [rec("p1", "low"), rec("p2", "low")]
    found = order_keyed(twice, [1, 1], read=twice, known_ids=frozenset({"x"}))
    assert [r.sources for r in found] == [("p1", "p2")]


def test_two_packs_with_a_rule_of_one_id_give_it_once_crediting_both(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Rule ids known distinct only when no two rules share one: two packs' rules of one
    id that both fire are one recommendation in the report, crediting both packs."""

    def pack(name: str, title: str) -> RulePack:
        rule = Rule(
            id="same",
            when=Test.model_validate({"strand": "A1.1", "reached": 0}),
            recommend=RuleAdvice(title=title, action="Act.", priority="high"),
        )
        return RulePack(id=name, framework=small_framework.ref, rules=(rule,))

    engine = Engine(
        entry_points=False,
        disable=["next-steps"],
        frameworks=[small_framework],
        rule_packs=[pack("first", "First"), pack("second", "Second")],
    )
    assert engine._rules_for(small_framework).distinct_ids is None
    [rec] = engine.report(assessment, framework=small_framework).recommendations
    assert (rec.id, rec.title, rec.sources) == ("same", "First", ("first", "second"))
    one = Engine(
        entry_points=False,
        disable=["next-steps"],
        frameworks=[small_framework],
        rule_packs=[pack("first", "First")],
    )
    assert one._rules_for(small_framework).distinct_ids == frozenset({"same"})
    [alone] = one.report(assessment, framework=small_framework).recommendations
    assert alone.sources == ("first",)
