"""What round 69's pass over `recommending.py` showed no test held: one id given twice
by one source is credited to that source once (SPEC section 4: a recommendation credits
each plugin that gave it), not once a copy."""

from __future__ import annotations

from pathlib import Path

from selfreview_core import Engine, Recommendation, hookimpl, load_assessment
from selfreview_core.recommending import order_keyed


def _advice(priority: str) -> Recommendation:
    return Recommendation(
        id="dup", title="Do it", action="Act", rationale="Because", priority=priority
    )


class _Twice:
    """A plugin that gives one id twice, high then low."""

    @hookimpl
    def selfreview_recommend(self) -> list[Recommendation]:
        return [_advice("high"), _advice("low")]


def test_one_id_given_twice_by_one_plugin_is_credited_to_it_once(root: Path) -> None:
    engine = Engine(plugins=[_Twice()], entry_points=False)
    report = engine.report(load_assessment(root / "examples" / "example-primary-2026.yaml"))
    given = [rec for rec in report.recommendations if rec.id == "dup"]
    assert len(given) == 1
    (rec,) = given
    assert rec.priority == "high"  # the first form
    assert rec.sources == (rec.source,)
    assert rec.source.startswith("_Twice")
    assert report.problems == ()


def test_order_keyed_credits_each_source_once_and_every_source_of_each_form() -> None:
    first = _advice("high").model_copy(update={"source": "a", "sources": ("a",)})
    again = _advice("low").model_copy(update={"source": "a", "sources": ("a",)})
    other = _advice("low").model_copy(update={"source": "b", "sources": ("b", "a", "c")})
    (rec,) = order_keyed([first, again, other], [0, 1, 2])
    # every source each form credits, not only the one it names first
    assert (rec.priority, rec.source, rec.sources) == ("high", "a", ("a", "b", "c"))
