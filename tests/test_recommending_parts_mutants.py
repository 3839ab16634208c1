"""`recommending.order_parts` called for report after report: the union of the pooled ids and
the rule packs' kept from the last call is taken only for the same two sets. Found by round
74's mutation pass over `order_parts`, where the kept union's `last[0] is pool` as `is not`
survived: a report whose rule ids were the last one's object but whose plugins' pool was
another was checked against the last union, and an id given twice was not merged."""

from __future__ import annotations

from selfreview_core import Recommendation
from selfreview_core.recommending import order_parts


def _advice(rec_id: str, source: str) -> Recommendation:
    return Recommendation(id=rec_id, title="Do it", action="Act.", source=source, sources=(source,))


def test_an_id_of_this_reports_pool_given_again_is_merged_whatever_the_last_report_pooled() -> None:
    rule_ids: frozenset[str] = frozenset({"rule"})  # the same rule packs in both reports
    rules = [_advice("rule", "pack")]
    first = order_parts(
        [_advice("a", "steps")], [1], (0, 1, frozenset({"a"})), rules, [2], rule_ids
    )
    assert [rec.id for rec in first] == ["a", "rule"]
    pooled, again = _advice("b", "steps"), _advice("b", "other")
    second = order_parts([pooled, again], [1, 1], (0, 1, frozenset({"b"})), rules, [2], rule_ids)
    assert [(rec.id, rec.sources) for rec in second] == [
        ("b", ("steps", "other")),
        ("rule", ("pack",)),
    ]
