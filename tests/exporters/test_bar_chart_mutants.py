"""The bar chart's level numbers (`bar_chart`): as many as fit side by side, never one over
another, always the worst and the best, and inside the chart, on a scale of any size
running either way (a scale of many levels drew all its numbers over one another)."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest
from hypothesis import example, given, settings
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


def test_a_hundred_levels_are_numbered_every_few_columns_as_closely_as_they_fit() -> None:
    """Columns of 3 px, numbers of two figures with half a font size between them: every
    eighth level is numbered, and the best, but not the one that would crowd it."""
    numbers, _ = level_numbers(Scale(best=0, worst=99))
    assert [text for _, text in numbers] == [*(str(99 - r) for r in range(0, 89, 8)), "0"]


@pytest.mark.parametrize(
    "scale",
    [
        Scale(best=10**40, worst=10**40 - 1),
        Scale(best=-(10**40), worst=-(10**40) + 2),
        Scale(best=10**40, worst=10**40 + 99),
    ],
    ids=["two", "three", "a hundred"],
)
def test_level_numbers_of_forty_figures_are_apart_and_inside(scale: Scale) -> None:
    _check(scale)


LONG = "Leadership and management of the strategic use of technology in the whole school"


def _bounds(root: ET.Element) -> list[tuple[str, float, float, float, float]]:
    """(what, left, top, right, bottom) of every bar, marker, line and text drawn."""
    out = []
    for node in root.iter():
        tag, a = node.tag.removeprefix(SVG), node.attrib
        if tag == "rect":
            x, y = float(a["x"]), float(a["y"])
            out.append((tag, x, y, x + float(a["width"]), y + float(a["height"])))
        elif tag == "circle":
            x, y, r = float(a["cx"]), float(a["cy"]), float(a["r"])
            out.append((tag, x - r, y - r, x + r, y + r))
        elif tag == "line":
            ends = (float(a["x1"]), float(a["x2"])), (float(a["y1"]), float(a["y2"]))
            out.append((tag, min(ends[0]), min(ends[1]), max(ends[0]), max(ends[1])))
        elif tag == "polygon":
            pairs = [tuple(map(float, p.split(","))) for p in a["points"].split()]
            xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
            out.append((tag, min(xs), min(ys), max(xs), max(ys)))
    for text in root.iter(f"{SVG}text"):
        kind = text.attrib.get("class", "")
        if kind not in ("axis-label", "ring-label"):
            continue
        anchor = text.attrib.get("text-anchor", "start")
        for part in [text, *text.iter(f"{SVG}tspan")]:
            if "y" not in part.attrib or not part.text:
                continue
            width = text_width(part.text, 12, bold=kind == "axis-label")
            x, y = float(part.attrib.get("x", text.attrib.get("x", "0"))), float(part.attrib["y"])
            left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
            out.append((f"{kind} {part.text}", left, y - 9.6, left + width, y + 2.4))
    return out


@settings(max_examples=scaled(40), deadline=None)
@example(Scale(best=1, worst=5), [LONG, LONG], 1)
@example(Scale(best=0, worst=3), ["1a", "1b"], 3)
@example(Scale(best=0, worst=3), ["i" * 42], 2)  # 129 px, and 141 in bold
@given(
    scales(max_levels=12, labels=False),
    st.lists(
        st.sampled_from(["1a", "Vision", LONG, "W" * 30, "Wide " * 6]), min_size=1, max_size=2
    ),
    st.integers(1, 3),
)
def test_everything_is_drawn_inside_the_chart_and_no_label_runs_into_another(
    scale: Scale, axes: list[str], count: int
) -> None:
    """Every bar, marker and grid line, every level number and axis label (bold, as drawn)
    inside the viewBox; bars and labels below the numbers; each bar from the left edge to
    its level's grid line; no two bars or label lines over each other; and the chart
    described when no description is given."""
    series = [
        Series(f"s{n}", tuple(scale.levels[(n + i) % scale.size] for i in range(len(axes))))
        for n in range(count)
    ]
    svg = bar_chart(scale, axes, series, title="t")
    root = ET.fromstring(svg)
    left, top, width, height = (float(v) for v in root.attrib["viewBox"].split())
    drawn = _bounds(root)
    for what, x0, y0, x1, y1 in drawn:
        assert left <= x0, what
        assert x1 <= left + width, what
        assert top <= y0, what
        assert y1 <= top + height, what
    numbers = [d for d in drawn if d[0].startswith("ring-label")]
    below = max(d[4] for d in numbers)
    for what, _, y0, _, _ in drawn:
        if what.startswith("axis-label") or what == "rect":
            assert y0 >= below, what
    lines = sorted((d for d in drawn if d[0].startswith("axis-label")), key=lambda d: d[2])
    for above, beneath in itertools.pairwise(lines):
        assert above[4] <= beneath[2], (above[0], beneath[0])
    bars = [r for r in root.iter(f"{SVG}rect") if r.attrib.get("height") == "9"]
    assert len(bars) == len(axes) * count
    tops = sorted(float(r.attrib["y"]) for r in bars)
    for upper, lower in itertools.pairwise(tops):
        assert lower - upper >= 9 + 3  # a bar's height and a gap: none over another
    grid = [g for g in root.iter(f"{SVG}line") if g.attrib.get("stroke") == "#d5dbe1"]
    assert min(float(g.attrib["y1"]) for g in grid) <= tops[0]
    assert max(float(g.attrib["y2"]) for g in grid) >= tops[-1] + 9
    for group in root.iter(f"{SVG}g"):
        if "series" in group.attrib.get("class", ""):
            rect, circle = group.find(f"{SVG}rect"), group.find(f"{SVG}circle")
            assert rect is not None
            assert circle is not None  # the marker, centred on the bar's end
            assert float(circle.attrib["cy"]) == float(rect.attrib["y"]) + 4.5
            assert float(circle.attrib["cx"]) == float(rect.attrib["width"])
    columns = [float(g.attrib["x1"]) for g in grid]  # a grid line at each level
    for rect in bars:  # from the left edge to its level's column
        assert float(rect.attrib["x"]) == 0
        assert float(rect.attrib["width"]) > 0
        assert min(abs(float(rect.attrib["width"]) - x) for x in columns) < 0.01
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert (desc.text or "").startswith(f"Levels from the worst ({scale.worst})")


def test_the_bars_are_three_hundred_pixels_wide_beside_labels_of_a_hundred_and_thirty() -> None:
    """Four or five levels and short labels: the chart is the bars' 300 px, the labels'
    130 px and 8 px between them, and a margin of 6 px all round."""
    for scale in (Scale(best=1, worst=5), Scale(best=3, worst=0)):
        svg = bar_chart(scale, ["1a", "1b"], [Series("s", (scale.best, scale.worst))], title="t")
        left, _, width, _ = (float(v) for v in ET.fromstring(svg).attrib["viewBox"].split())
        assert (left, width) == (-144, 450)
