"""The radar chart (`exporters/radar.py`): what its first mutation pass (round 42) found no
test held, pinned by what a reader of the chart meets: a point on the ring of its level,
rings evenly spaced, numbered and drawn, labels on the side their axis points to."""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfreview_core.exporters.chart_parts import LINE_HEIGHT, Series
from selfreview_core.exporters.radar import radar_chart
from selfreview_core.exporters.text_measure import text_width
from selfreview_core.model.scale import Scale
from selfreview_core.testing import scales

SVG = "{http://www.w3.org/2000/svg}"
#: Coordinates are written to one decimal place.
NEAR = 0.15


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def number(element: ET.Element, name: str) -> float:
    return float(element.attrib[name])


def points(polygon: ET.Element) -> list[tuple[float, float]]:
    return [
        (float(a), float(b)) for a, b in (p.split(",") for p in polygon.attrib["points"].split())
    ]


def rings(root: ET.Element) -> list[ET.Element]:
    """The rings, from the inner (worst) out: the polygons drawn before anything else."""
    return [p for p in root if p.tag == f"{SVG}polygon" and p.get("fill") == "none"]


def spot(axis: int, count: int, distance: float) -> tuple[float, float]:
    """Where `distance` from the centre lies on axis `axis` of `count`: the first straight up,
    the others clockwise."""
    angle = -math.pi / 2 + 2 * math.pi * axis / count
    return distance * math.cos(angle), distance * math.sin(angle)


def near(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) <= NEAR and abs(a[1] - b[1]) <= NEAR


@st.composite
def charts(draw: st.DrawFn) -> tuple[Scale, int, list[int | None], list[float | None] | None]:
    """A scale either way round, 3 to 9 axes, a level (or a gap) on each, and sometimes a
    score on the rank axis for each level."""
    scale = draw(scales(labels=False))
    count = draw(st.integers(3, 9))
    values = draw(
        st.lists(st.sampled_from(scale.levels) | st.none(), min_size=count, max_size=count)
    )
    scores = None
    if draw(st.booleans()):
        scores = [
            None if v is None else scale.rank(v) + draw(st.sampled_from((0, 0.25, 0.5, 0.75)))
            for v in values
        ]
        scores = [None if s is None else min(s, scale.size - 1) for s in scores]
    return scale, count, values, scores


@settings(deadline=None)
@given(charts(), st.sampled_from((100.0, 130.0)))
def test_a_point_lies_on_the_ring_of_its_level_on_its_axis(
    chart: tuple[Scale, int, list[int | None], list[float | None] | None], radius: float
) -> None:
    """The chart does not lie: one ring a level, evenly spaced out to `radius`, the worst
    innermost (never the centre) and the best outermost, whichever way the scale runs; each
    point on the ring of its level (or at its score between rings), on its own axis; a
    spoke to the outer ring on every axis."""
    scale, count, values, scores = chart
    series = Series("s", tuple(values), scores=None if scores is None else tuple(scores))
    root = parse(
        radar_chart(scale, [f"axis {i}" for i in range(count)], [series], title="t", radius=radius)
    )
    drawn = rings(root)[: scale.size]
    for rank, ring in enumerate(drawn):
        distance = radius * (rank + 1) / scale.size
        corners = points(ring)
        assert len(corners) == count
        assert all(near(c, spot(i, count, distance)) for i, c in enumerate(corners))
        outer = rank == scale.size - 1
        assert (ring.get("stroke") == "#98a2ad") is outer
    spokes = [e for e in root if e.tag == f"{SVG}line" and e.get("x1") == "0"]
    assert len(spokes) == count
    for i, spoke in enumerate(spokes):
        assert near((number(spoke, "x2"), number(spoke, "y2")), spot(i, count, radius))
    [group] = [g for g in root.iter(f"{SVG}g") if g.get("class") == "series school"]
    marks = [(number(c, "cx"), number(c, "cy")) for c in group.iter(f"{SVG}circle")]
    expected = []
    for i, value in enumerate(values):
        if value is None:
            continue
        score = None if scores is None else scores[i]
        where: float = scale.rank(value) if score is None else score
        expected.append(spot(i, count, radius * (where + 1) / scale.size))
    assert len(marks) == len(expected)
    assert all(near(a, b) for a, b in zip(marks, expected, strict=True))
    polygons = list(group.iter(f"{SVG}polygon"))
    if None in values:
        assert polygons == []
        # a line from each point to the next, round to the first, where neither is a gap
        at = [None if v is None else expected.pop(0) for v in values]
        joined = [(a, b) for a, b in zip(at, [*at[1:], at[0]], strict=True) if a and b]
        lines = [
            ((number(ln, "x1"), number(ln, "y1")), (number(ln, "x2"), number(ln, "y2")))
            for ln in group.iter(f"{SVG}line")
        ]
        assert len(lines) == len(joined)
        for a, b in joined:  # either way round: a line has no direction
            assert any((near(a, c) and near(b, d)) or (near(a, d) and near(b, c)) for c, d in lines)
    else:
        [shape] = polygons
        assert all(near(a, b) for a, b in zip(points(shape), expected, strict=True))


def label_blocks(
    root: ET.Element, font_size: float = 12
) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) of each axis label, lines and all, from measured widths."""
    line_height = font_size * LINE_HEIGHT
    out = []
    for text in root:
        if text.get("class") != "axis-label":
            continue
        anchor = text.attrib["text-anchor"]
        lines = list(text.iter(f"{SVG}tspan"))
        width = max(text_width(t.text or "", font_size, bold=True) for t in lines)
        x = number(lines[0], "x")
        left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
        top = number(lines[0], "y") - 0.8 * line_height
        assert all(number(t, "x") == x for t in lines)
        ys = [number(t, "y") for t in lines]
        assert all(abs(b - a - line_height) <= NEAR for a, b in itertools.pairwise(ys))
        out.append((left, top, left + width, top + len(lines) * line_height))
    return out


@pytest.mark.parametrize("count", [3, 4, 5, 6, 7, 8, 12])
def test_each_axis_label_sits_outside_the_rings_where_its_axis_points(count: int) -> None:
    """A label's block (its lines, as wide as the widest) touches the point just beyond the
    outer ring where its axis points, and lies wholly outside the rings: left of a spoke
    pointing left, right of one pointing right, above one pointing up, below one down."""
    words = ["Short", "WWWWWWWWWW MMMMMMMMM WWWWWWWWW MMMMMMMM WWWWWWW", "Mid length"]
    axes = [words[i % 3] for i in range(count)]
    radius = 130
    root = parse(
        radar_chart(
            Scale(best=4, worst=0), axes, [Series("s", (2,) * count)], title="t", radius=radius
        )
    )
    blocks = label_blocks(root)
    assert len(blocks) == count
    box_left, box_top, box_width, box_height = map(float, root.attrib["viewBox"].split())
    for i, (left, top, right, bottom) in enumerate(blocks):
        x, y = spot(i, count, radius + 10)
        assert left - NEAR <= x <= right + NEAR
        assert top - NEAR <= y <= bottom + NEAR
        nearest = (min(max(0, left), right), min(max(0, top), bottom))
        assert math.hypot(*nearest) > radius
        assert box_left < left
        assert right < box_left + box_width
        assert box_top < top
        assert bottom < box_top + box_height
        cos, sin = x / (radius + 10), y / (radius + 10)
        if cos > 0.25:
            assert abs(left - x) <= NEAR
        elif cos < -0.25:
            assert abs(right - x) <= NEAR
        else:
            assert abs((left + right) / 2 - x) <= NEAR
        if sin < -0.25:
            assert abs(bottom - y) <= NEAR
        elif sin > 0.25:
            assert abs(top - y) <= NEAR
        else:
            assert abs((top + bottom) / 2 - y) <= NEAR


@pytest.mark.parametrize("size", [2, 3, 6, 7, 10, 12, 13, 20])
def test_the_rings_are_numbered_up_the_first_spoke_about_six_always_worst_and_best(
    size: int,
) -> None:
    """Each number just inside its ring where the first spoke crosses it, a size smaller
    than the labels; every k-th ring from the worst (k the fewest that makes six at most),
    and the best ring always, whichever way the scale runs."""
    for scale in (Scale(best=size - 1, worst=0), Scale(best=0, worst=size - 1)):
        radius = 130
        root = parse(
            radar_chart(
                scale, ["a", "b", "c"], [Series("s", (scale.best,) * 3)], title="t", radius=radius
            )
        )
        numbers = [t for t in root if t.get("class") == "ring-label"]
        stride = -(-size // 6)
        gap = radius / size  # between two rings
        ranks = [r for r in range(size) if r % stride == 0 and (size - 1 - r) * gap >= 15.3]
        ranks = [*ranks, size - 1] if size > 1 else ranks
        assert [int(t.text or "") for t in numbers] == [scale.from_rank(r) for r in ranks]
        assert len(numbers) <= 7
        ys = [number(t, "y") for t in numbers]
        assert all(a - b >= 10.2 * 1.5 for a, b in itertools.pairwise(ys)), ys  # none touch
        for rank, text in zip(ranks, numbers, strict=True):
            ring = radius * (rank + 1) / size
            assert number(text, "x") == 7
            assert abs(number(text, "y") - (-ring + 12 * 0.85 * 0.9)) <= NEAR
            assert text.get("style") == "font-size:10.2px"


@pytest.mark.parametrize("label_width", [80.0, 130.0])
def test_no_label_line_is_wider_than_label_width_in_the_bold_it_is_drawn_in(
    label_width: float,
) -> None:
    """The module's promise: a label is wrapped to lines no wider than `label_width`, as
    drawn (axis labels are bold), with as many words on a line as fit."""
    label = "iiii " * 40
    root = parse(
        radar_chart(
            Scale(best=3, worst=0),
            [label, "b", "c"],
            [Series("s", (1, 2, 3))],
            title="t",
            label_width=label_width,
        )
    )
    [first] = [t for t in root if t.get("class") == "axis-label"][:1]
    lines = [t.text or "" for t in first.iter(f"{SVG}tspan")]
    assert len(lines) == 4
    widths = [text_width(line, 12, bold=True) for line in lines]
    assert all(w <= label_width for w in widths)
    assert all(w + text_width(" iiii", 12, bold=True) > label_width for w in widths[:-1])
