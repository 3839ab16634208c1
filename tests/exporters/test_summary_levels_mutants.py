"""Levels as the governors' page shows them (`exporters/summary_levels.py`): what its
mutation pass (round 41) found no test held. A change is marked in the scale's direction
on scales of either direction; a level not judged, before or now, is said so; only an
award's own `reached` tests on aspects are drawn as thresholds; a text is cut at a word
only when it is over its limit."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import (
    Aspect,
    Assessment,
    Element,
    Engine,
    Framework,
    Judgement,
    School,
    Strand,
)
from selfreview_core.exporters.summary import render
from selfreview_core.exporters.summary_levels import (
    aspect_thresholds,
    change_mark,
    cut_text,
    level_chip,
)
from selfreview_core.model.conditions import AllOf, AnyOf, NotOf, Test
from selfreview_core.model.framework import Award
from selfreview_core.model.scale import Scale
from selfreview_core.testing import scales


@settings(max_examples=scaled(60))
@given(scales(), st.data())
def test_a_change_is_marked_better_or_worse_in_the_scales_direction(
    scale: Scale, data: st.DataObject
) -> None:
    old = data.draw(st.sampled_from(scale.levels))
    new = data.draw(st.sampled_from(scale.levels))
    steps = scale.rank(new) - scale.rank(old)
    mark = change_mark(scale, old, new)
    if steps > 0:
        assert mark == f'<span class="better">▲ {steps} better</span>'
    elif steps < 0:
        assert mark == f'<span class="worse">▼ {-steps} worse</span>'
    else:
        assert mark == '<span class="same">= the same</span>'
    # The mirrored scale, with the mirrored levels, marks the same change.
    mirrored = scale.mirrored()
    assert change_mark(mirrored, scale.mirror_level(old), scale.mirror_level(new)) == mark
    # A level missing on either side is no change at all.
    for pair in ((None, new), (old, None), (None, None)):
        assert change_mark(scale, *pair) == '<span class="same">–</span>'


def _framework(scale: Scale) -> Framework:
    aspects = tuple(
        Aspect(
            id=f"A{n}",
            title=f"Aspect {n}",
            strands=(Strand(id=f"S{n}", title=f"S{n}", levels=dict.fromkeys(scale.levels, "d")),),
        )
        for n in range(3)
    )
    return Framework(
        id="fw",
        version="1",
        title="FW",
        scale=scale,
        elements=(Element(id="E", title="E", aspects=aspects),),
    )


def _review(day: int, levels: dict[str, int]) -> Assessment:
    return Assessment(
        framework="fw@1",
        school=School(id="S", name="S"),
        assessed_on=dt.date(2026, 1, day),
        judgements={k: Judgement(level=v) for k, v in levels.items()},
    )


def test_the_table_marks_worse_better_and_not_judged_on_either_scale() -> None:
    """An aspect one step worse, one judged only now, and one not judged now, on a scale
    running up and on its mirror: the page's table says each in words."""
    for scale, worst, next_worst in (
        (Scale(best=3, worst=0), 0, 1),
        (Scale(best=0, worst=3), 3, 2),
    ):
        framework = _framework(scale)
        before = _review(1, {"S0": next_worst, "S2": worst})
        now = _review(2, {"S0": worst, "S1": next_worst})
        report = Engine(entry_points=False, frameworks=[framework]).report(now, before)
        rows = {
            line.removeprefix('<tr><th scope="row">').split(" ")[0]: line
            for line in render(report).splitlines()
            if line.startswith('<tr><th scope="row">A')
        }
        assert '<td class="change"><span class="worse">▼ 1 worse</span></td>' in rows["A0"]
        assert f"<td>{next_worst}</td>" in rows["A0"]
        assert '<td>–</td><td class="change"><span class="same">–</span></td>' in rows["A1"]
        assert '<td><span class="same">not judged</span></td>' in rows["A2"]
        assert "None" not in "".join(rows.values())


def test_a_level_not_judged_is_a_chip_saying_so() -> None:
    framework = _framework(Scale(best=3, worst=0))
    assert level_chip(framework, None) == '<span class="same">not judged</span>'
    assert level_chip(framework, None, 1.5) == '<span class="same">not judged</span>'


def test_thresholds_come_only_from_reached_tests_on_aspects_an_award_needs() -> None:
    """`any` and `not` set no single threshold, at the top of a requirement or inside an
    `all`; a strand's test is not an aspect's; an award without one draws none."""
    framework = _framework(Scale(best=3, worst=0))

    def test(subject: str, node: str, operator: str, level: int) -> Test:
        return Test.model_validate({subject: node, operator: level})

    awards = (
        Award(id="any", title="Any", require=AnyOf(any=(test("aspect", "A0", "reached", 2),))),
        Award(
            id="not",
            title="Not",
            require=NotOf.model_validate({"not": test("aspect", "A0", "below", 2)}),
        ),
        Award(
            id="all",
            title="All",
            require=AllOf(
                all=(
                    test("aspect", "A1", "reached", 2),
                    AnyOf(any=(test("aspect", "A2", "reached", 3),)),
                    test("strand", "S0", "reached", 3),
                    test("aspect", "A0", "below", 1),
                )
            ),
        ),
    )
    framework = framework.model_copy(update={"awards": awards})
    assert aspect_thresholds(framework) == [("All", {"A1": 2})]


def test_a_text_is_cut_only_past_its_limit_and_then_at_a_word() -> None:
    assert cut_text("one two  three", 13) == "one two three"  # white space made single
    assert cut_text("one two three", 12) == "one two …"
    assert cut_text("one, two three", 7) == "one …"  # no comma left before the mark


def test_a_chip_with_a_score_gives_three_places_at_most_then_the_level_and_its_name() -> None:
    framework = _framework(Scale(best=3, worst=0, labels={1: "Started"}))
    chip = level_chip(framework, 1, 5 / 3)
    assert ">1.667 (level 1 Started)<small>2nd lowest of 4 levels</small>" in chip
    assert ">1.5 (level 2)<small>" in level_chip(framework, 2, 1.5)


def test_a_word_ending_exactly_at_the_limit_is_kept() -> None:
    """The cut falls just after a whole word: that word fits and stays (it was dropped)."""
    assert cut_text("one two three", 7) == "one two …"
    assert cut_text("one two three", 6) == "one …"
    assert cut_text("onetwothree four", 5) == "onetw …"  # one word longer than the limit
