"""The radar chart (`radar`): axes, rings in the scale's direction, gaps, the bar chart under
three axes, escaping, and labels that are measured so none is clipped."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chromium import dump_dom, needs_chromium
from scaled import scaled
from selfreview_core.exporters.bar_chart import bar_chart
from selfreview_core.exporters.chart_parts import MAX_LABEL_LINES, Series
from selfreview_core.exporters.radar import radar_chart
from selfreview_core.exporters.text_measure import _units, text_width, wrap_text
from selfreview_core.model.scale import Scale
from selfreview_core.testing import hostile_texts, scales, texts

SVG = "{http://www.w3.org/2000/svg}"
BECTA = Scale(best=1, worst=5)
UP = Scale(best=3, worst=0)
ASPECTS = [
    "1a ICT and the school vision",
    "1b A strategy to achieve the vision",
    "1c Managing information",
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def view_box(root: ET.Element) -> tuple[float, float, float, float]:
    x, y, w, h = (float(v) for v in root.attrib["viewBox"].split())
    return x, y, w, h


def label_boxes(root: ET.Element, font_size: float = 12) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) of every axis label line, from its measured width."""
    boxes = []
    for text in root.iter(f"{SVG}text"):
        if "axis-label" not in text.attrib.get("class", ""):
            continue
        anchor = text.attrib["text-anchor"]
        for tspan in text.iter(f"{SVG}tspan"):
            width = text_width(tspan.text or "", font_size, bold=True)
            x, y = float(tspan.attrib["x"]), float(tspan.attrib["y"])
            left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
            boxes.append((left, y - font_size, left + width, y + font_size * 0.3))
    return boxes


def points(polygon: ET.Element) -> list[tuple[float, float]]:
    pairs = polygon.attrib["points"].split()
    return [(float(a), float(b)) for a, b in (p.split(",") for p in pairs)]


def series_group(root: ET.Element, kind: str) -> ET.Element:
    [group] = [g for g in root.iter(f"{SVG}g") if g.attrib.get("class") == f"series {kind}"]
    return group


# -- measuring text ------------------------------------------------------------------------------


def test_text_width_follows_the_letters() -> None:
    assert text_width("") == 0
    assert text_width("W") > text_width("i")
    assert text_width("abc", 24) == pytest.approx(2 * text_width("abc", 12))
    assert text_width("abc", bold=True) > text_width("abc")
    assert text_width("é") == text_width("e")  # an accent takes no room of its own
    assert text_width("e\u0301") == text_width("e")
    assert text_width("学") > text_width("W") * 0.9  # a wide character is a whole em
    assert text_width("\x1b") == text_width("\\x1b")  # measured as it is shown


@settings(max_examples=scaled(60))
@given(texts(120), st.floats(20, 300), st.booleans())
def test_wrapped_lines_fit_and_keep_every_word(text: str, width: float, bold: bool) -> None:
    lines = wrap_text(text, width, 12, bold=bold)
    for line in lines:
        # Wider only when it is one character as drawn (a letter and its marks, a flag, the
        # escape of a control character), which is never broken.
        assert text_width(line, 12, bold=bold) <= width or line in _units(text)
    assert "".join("".join(lines).split()) == "".join(wrap_text(text, 10_000, 12)[0].split())


def test_a_label_too_long_is_cut_and_kept_whole_in_its_tooltip() -> None:
    label = "An aspect title that goes on " * 10
    lines = wrap_text(label, 100, 12, max_lines=MAX_LABEL_LINES)
    assert len(lines) == MAX_LABEL_LINES
    assert lines[-1].endswith("…")
    root = parse(radar_chart(UP, [label, "b", "c"], [Series("s", (1, 2, 3))], title="t"))
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert " ".join(label.split()) in [" ".join((t or "").split()) for t in titles]


# -- the chart -----------------------------------------------------------------------------------


def test_one_ring_per_level_one_spoke_and_label_per_axis() -> None:
    root = parse(radar_chart(BECTA, ASPECTS, [Series("This review", (3, 4, 2))], title="t"))
    polygons = list(root.iter(f"{SVG}polygon"))
    rings = [p for p in polygons if p.attrib.get("fill") == "none" and "stroke-width" in p.attrib]
    assert len(rings) >= BECTA.size
    labels = [t for t in root.iter(f"{SVG}text") if t.attrib.get("class") == "axis-label"]
    assert len(labels) == 3
    ring_numbers = [
        t.text for t in root.iter(f"{SVG}text") if t.attrib.get("class") == "ring-label"
    ]
    assert ring_numbers == ["5", "4", "3", "2", "1"]  # from the inner (worst) ring out
    assert root.attrib["role"] == "img"
    [desc] = root.iter(f"{SVG}desc")
    assert "1a ICT and the school vision: This review 3" in (desc.text or "")


def test_better_is_further_out_whichever_way_the_scale_runs() -> None:
    def radius(scale: Scale, level: int) -> float:
        root = parse(radar_chart(scale, ASPECTS, [Series("s", (level,) * 3)], title="t"))
        [polygon] = series_group(root, "school").iter(f"{SVG}polygon")
        x, y = points(polygon)[0]
        return math.hypot(x, y)

    assert radius(BECTA, 1) > radius(BECTA, 3) > radius(BECTA, 5) > 0
    assert radius(UP, 3) > radius(UP, 0) > 0
    mirrored = BECTA.mirrored()
    for level in BECTA.levels:
        assert radius(BECTA, level) == pytest.approx(radius(mirrored, BECTA.mirror_level(level)))


NAMED = Scale(best=3, worst=0, labels={0: "Not started", 3: "Embedded"})


@pytest.mark.parametrize(
    ("scale", "best", "worst"),
    [
        (BECTA, "1", "5"),  # the best is the lowest number
        (UP, "3", "0"),
        (NAMED, "3 Embedded", "0 Not started"),
        (Scale(best=1, worst=2), "1", "2"),  # two levels
        (Scale(best=10, worst=1), "10", "1"),  # ten
    ],
)
def test_each_ring_is_numbered_with_its_level_and_the_words_say_which_end_is_best(
    scale: Scale, best: str, worst: str
) -> None:
    """Each number sits on the ring of the level it names (the series drawn at that level
    crosses the first spoke there), the outermost is the best, and the note under the chart
    and its description say which ring is the best and the worst, with the scale's own
    name for the level when it has one (not in colour or by position alone, SPEC 9)."""
    root = parse(radar_chart(scale, ASPECTS, [Series("s", (scale.best,) * 3)], title="t"))
    numbers = [t for t in root.iter(f"{SVG}text") if t.attrib.get("class") == "ring-label"]
    assert numbers[0].text == str(scale.worst)
    assert numbers[-1].text == str(scale.best)
    for text in numbers:
        level = int(text.text or "")
        drawn = parse(radar_chart(scale, ASPECTS, [Series("s", (level,) * 3)], title="t"))
        [polygon] = series_group(drawn, "school").iter(f"{SVG}polygon")
        _, y = points(polygon)[0]  # where the level's series crosses the first spoke
        assert float(text.attrib["y"]) == pytest.approx(y + 12 * 0.85 * 0.9, abs=0.1)
    note = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert f"the outer ring is the best level ({best}), the inner ring the worst ({worst})" in note
    [desc] = root.iter(f"{SVG}desc")
    assert (desc.text or "").startswith(f"Levels from the worst ({worst}) to the best ({best}).")
    bars = parse(radar_chart(scale, ASPECTS[:2], [Series("s", (scale.best,) * 2)], title="t"))
    note = " ".join("".join(t.itertext()) for t in bars.iter(f"{SVG}text"))
    assert f"from the worst level ({worst}) on the left to the best ({best}) on the right" in note


def test_a_gap_breaks_the_line_and_leaves_no_mark() -> None:
    values = (3, None, 2, 4, 1)
    axes = [f"axis {i}" for i in range(5)]
    root = parse(radar_chart(BECTA, axes, [Series("Previous", values, "previous")], title="t"))
    group = series_group(root, "previous")
    assert list(group.iter(f"{SVG}polygon")) == []  # no closed shape, and square marks
    lines = list(group.iter(f"{SVG}line"))
    assert len(lines) == 3  # 2-3, 3-4, 4-0: the two either side of the gap are missing
    marks = [e for e in group if e.tag in (f"{SVG}rect", f"{SVG}circle", f"{SVG}polygon")]
    assert len(marks) == 4
    assert all(line.attrib.get("stroke-dasharray") for line in lines)  # the previous review's


def test_each_kind_has_its_own_pattern_and_marker_and_a_legend_entry() -> None:
    series = [
        Series("This review", (3, 4, 2)),
        Series("Previous review", (4, 4, 3), "previous"),
        Series("Cohort median", (3, 3, 3), "cohort"),
        Series("Cohort upper quartile", (2, 3, 2), "quartile"),
        Series("Mark: threshold", (2, None, 2), "threshold"),
    ]
    svg = radar_chart(BECTA, ASPECTS, series, title="t")
    root = parse(svg)
    legend = [g for g in root.iter(f"{SVG}g") if g.attrib.get("class") == "legend-entry"]
    assert len(legend) == 5
    texts_ = ["".join(g.itertext()) for g in legend]
    assert texts_ == [s.name for s in series]
    shapes = [
        sorted({e.tag for e in g if e.tag != f"{SVG}line" and e.tag != f"{SVG}text"})
        for g in legend
    ]
    dashes = [
        [e.attrib.get("stroke-dasharray") for e in g if e.tag == f"{SVG}line"] for g in legend
    ]
    fills = [[e.attrib.get("fill") for e in g if e.tag == f"{SVG}polygon"] for g in legend]
    assert len({f"{s}{d}{f}" for s, d, f in zip(shapes, dashes, fills, strict=True)}) == 5
    assert fills[2] != fills[3]  # the quartile's diamond is open, the median's filled
    assert "Further out is better" in "".join(root.itertext())


@pytest.mark.parametrize("count", [3, 4, 7, 12, 30])
def test_every_label_lies_inside_the_view_box(count: int) -> None:
    long = "A long aspect title, of the kind frameworks have, that needs several lines"
    axes = [f"{i} {long if i % 2 else 'Short'}" for i in range(count)]
    root = parse(radar_chart(UP, axes, [Series("s", (2,) * count)], title="t"))
    x, y, w, h = view_box(root)
    for left, top, right, bottom in label_boxes(root):
        assert x <= left
        assert right <= x + w
        assert y <= top
        assert bottom <= y + h


def test_the_view_box_grows_for_longer_labels() -> None:
    short = parse(radar_chart(UP, ["a", "b", "c", "d"], [Series("s", (1, 1, 1, 1))], title="t"))
    wide = parse(
        radar_chart(
            UP, ["a" * 60, "b" * 60, "c" * 60, "d" * 60], [Series("s", (1, 1, 1, 1))], title="t"
        )
    )
    assert view_box(wide)[2] > view_box(short)[2]
    assert view_box(wide)[3] > view_box(short)[3]


@pytest.mark.parametrize("count", [1, 2])
def test_under_three_axes_it_is_a_bar_chart(count: int) -> None:
    axes = ASPECTS[:count]
    series = [
        Series("This review", (3, 2)[:count]),
        Series("Before", (None, 4)[:count], "previous"),
    ]
    svg = radar_chart(BECTA, axes, series, title="t")
    assert svg == bar_chart(BECTA, axes, series, title="t")
    root = parse(svg)
    bars = [r for r in root.iter(f"{SVG}rect") if r.attrib.get("height") == "9"]
    assert len(bars) == sum(v is not None for s in series for v in s.values)
    assert "Longer is better" in "".join(root.itertext())
    # The best level is the right-most column, whichever way the scale runs.
    ticks = [t for t in root.iter(f"{SVG}text") if t.attrib.get("class") == "ring-label"]
    assert [t.text for t in sorted(ticks, key=lambda t: float(t.attrib["x"]))] == [
        "5",
        "4",
        "3",
        "2",
        "1",
    ]


def test_bad_series_are_refused() -> None:
    with pytest.raises(ValueError, match="has 2 values for 3 axes"):
        radar_chart(BECTA, ASPECTS, [Series("s", (1, 2))], title="t")
    with pytest.raises(ValueError, match="outside the scale"):
        radar_chart(BECTA, ASPECTS, [Series("s", (1, 2, 9))], title="t")


@settings(max_examples=scaled(40))
@given(st.lists(hostile_texts(), min_size=3, max_size=6), hostile_texts(), scales())
def test_any_text_is_escaped_and_the_svg_well_formed(
    labels: list[str], name: str, scale: Scale
) -> None:
    values = tuple(scale.levels[i % scale.size] for i in range(len(labels)))
    svg = radar_chart(scale, labels, [Series(name, values)], title=name, description=name)
    parse(svg)  # well-formed XML: nothing broke out of its element
    assert "<script" not in svg
    assert re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", svg) is None


def test_markup_in_labels_is_text() -> None:
    svg = radar_chart(BECTA, ["<script>alert(1)</script>", '"><g onload=x>', "&"], [], title="<b>")
    root = parse(svg)
    assert "<script>alert(1)</script>" in "".join(root.itertext())
    assert not [e for e in root.iter() if e.tag.endswith("script") or "onload" in e.attrib]


@needs_chromium
@pytest.mark.chromium
@pytest.mark.parametrize("font", ["Arial", "DejaVu Sans"])
def test_chromium_draws_every_label_inside_the_chart(tmp_path: Path, font: str) -> None:
    """The browser's own measure of every text: none reaches outside the viewBox, in the
    font the widths are for and in the widest common fallback."""
    axes = [
        "W" * 40,
        "mmmm " * 9,
        "Short",
        "ÉÉÉÉÉ ÅÅÅÅ ÑÑÑÑ 学校学校学校学校 long label",
        "1b Some ordinary aspect title that is fairly long",
        "x",
    ]
    series = [
        Series(
            "A school with a very long name indeed, for the legend to wrap", (1, 2, 3, 0, None, 2)
        ),
        Series("Previous", (0, 1, 2, 3, 2, 1), "previous"),
    ]
    svg = radar_chart(UP, axes, series, title="t").replace(
        "font-family:Arial,", f"font-family:'{font}',"
    )
    script = (
        "const svg=document.querySelector('svg');const vb=svg.viewBox.baseVal;const out=[];"
        "for(const t of svg.querySelectorAll('text')){const b=t.getBBox();"
        "if(b.x<vb.x-0.5||b.y<vb.y-0.5||b.x+b.width>vb.x+vb.width+0.5||"
        "b.y+b.height>vb.y+vb.height+0.5)out.push(t.textContent)}"
        "document.getElementById('out').textContent=out.length?'CLIPPED:'+out.join('|'):'OK';"
    )
    page = tmp_path / "radar.html"
    page.write_text(
        f'<!DOCTYPE html><html><body style="margin:0">{svg}<pre id="out">not run</pre>'
        f"<script>{script}</script></body></html>",
        encoding="utf-8",
    )
    dom = dump_dom(page, tmp_path)
    assert '<pre id="out">OK</pre>' in dom, dom[dom.find('<pre id="out">') :][:400]
