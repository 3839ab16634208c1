"""The bar chart's level numbers (`bar_chart`): as many as fit side by side, never one over
another, always the worst and the best, and inside the chart, on a scale of any size
running either way (a scale of many levels drew all its numbers over one another)."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core.exporters.bar_chart import bar_chart
from selfreview_core.exporters.chart_parts import Series
from selfreview_core.exporters.text_measure import text_width
from selfreview_core.model.scale import MAX_LEVELS, Scale
from selfreview_core.testing import scales

SVG = "{http://www.w3.org/2000/svg}"


def level_numbers(scale: Scale, axes: int = 1) -> tuple[list[tuple[float, str]], list[float]]:
    """The level numbers drawn, (x, text) left to right, and the viewBox's left and right."""
    series = [Series("This review", tuple(scale.worst for _ in range(axes)))]
    root = ET.fromstring(bar_chart(scale, ["Aspect"] * axes, series, title="t"))
    numbers = sorted(
        (float(t.attrib["x"]), t.text or "")
        for t in root.iter(f"{SVG}text")
        if t.attrib.get("class") == "ring-label"
    )
    left, _, width, _ = (float(v) for v in root.attrib["viewBox"].split())
    return numbers, [left, left + width]


def _check(scale: Scale) -> None:
    numbers, (left, right) = level_numbers(scale)
    assert numbers[0][1] == str(scale.worst)
    assert numbers[-1][1] == str(scale.best)
    assert [int(text) for _, text in numbers] == sorted(
        (int(text) for _, text in numbers), key=scale.rank
    )
    for (x, text), (next_x, next_text) in itertools.pairwise(numbers):
        assert next_x - x >= (text_width(text) + text_width(next_text)) / 2  # apart
    for x, text in numbers:
        assert left <= x - text_width(text) / 2
        assert x + text_width(text) / 2 <= right


@settings(max_examples=scaled(60), deadline=None)
@given(scales(max_levels=MAX_LEVELS, labels=False))
def test_the_level_numbers_never_run_into_each_other_on_any_scale(scale: Scale) -> None:
    _check(scale)


@given(st.integers(-(10**18), 10**18), st.integers(2, 8), st.sampled_from((1, -1)))
@settings(max_examples=scaled(30), deadline=None)
def test_long_level_numbers_are_drawn_apart_and_inside(best: int, size: int, step: int) -> None:
    _check(Scale(best=best, worst=best - step * (size - 1)))


def test_a_scale_of_a_hundred_levels_numbers_a_few_columns_and_the_usual_one_every_level() -> None:
    numbers, _ = level_numbers(Scale(best=0, worst=99))
    assert 3 <= len(numbers) <= 25
    assert [text for _, text in level_numbers(Scale(best=1, worst=5))[0]] == list("54321")
    assert [text for _, text in level_numbers(Scale(best=3, worst=0), 2)[0]] == list("0123")
