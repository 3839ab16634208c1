"""What the radar and the bar chart share (`exporters/chart_parts.py`): what its mutation
pass (round 41, a draw of `--sample 70 --seed 41`) found no test held."""

from __future__ import annotations

import dataclasses
import re
from html import unescape

import pytest

from selfreview_core.exporters.chart_parts import (
    STYLES,
    Box,
    Series,
    SeriesKind,
    draw_legend,
    draw_marker,
)
from selfreview_core.exporters.radar import radar_chart
from selfreview_core.exporters.text_measure import text_width
from selfreview_core.model.scale import Scale

KINDS: tuple[SeriesKind, ...] = ("school", "previous", "cohort", "quartile", "threshold")


def test_only_the_schools_series_is_shaded_on_the_radar_the_others_are_outlines() -> None:
    """A threshold or a cohort's quartile shaded like the school's own area would read as
    a level reached; on a scale running either way."""
    for scale in (Scale(best=3, worst=0), Scale(best=0, worst=3)):
        levels = scale.levels
        series = [Series(kind, (levels[0], levels[1], levels[2]), kind) for kind in KINDS]
        svg = radar_chart(scale, ["a", "b", "c"], series, title="t")
        for kind in KINDS:
            [group] = re.findall(rf'<g class="series {kind}">(.*?)</g>', svg)
            [polygon] = re.findall(r"<polygon [^>]*/>", group)[:1]
            if kind == "school":
                assert 'fill-opacity="0.14"' in polygon
            else:
                assert 'fill="none"' in polygon, kind


def test_a_cohorts_median_is_a_filled_diamond_and_its_quartile_an_open_one() -> None:
    filled = draw_marker("diamond", 10, 10, "#b54708")
    hollow = draw_marker("open-diamond", 10, 10, "#b54708")
    assert filled.startswith("<polygon ")
    assert 'fill="#b54708"' in filled
    assert "stroke" not in filled
    assert 'fill="#ffffff" stroke="#b54708"' in hollow
    # Both the same diamond, only the fill differs.
    points = re.compile(r'points="([^"]+)"')
    assert points.search(filled)[1] == points.search(hollow)[1]  # type: ignore[index]
    assert STYLES["cohort"].marker == "diamond"
    assert STYLES["quartile"].marker == "open-diamond"


@pytest.mark.parametrize("kind", KINDS)
def test_a_series_style_cannot_be_changed_by_whoever_draws_with_it(kind: SeriesKind) -> None:
    """`STYLES` is shared by every chart of the process: a style changed by one (a plugin's
    exporter) would change every chart after it."""
    with pytest.raises(dataclasses.FrozenInstanceError):
        STYLES[kind].colour = "#000000"  # type: ignore[misc]


def _texts(drawn: str) -> list[tuple[float, float, float, str]]:
    """(x, y, font size, text) of each `<text>`: the legend's at 12px, the note's smaller."""
    found = re.findall(r'<text x="([-\d.]+)" y="([-\d.]+)"([^>]*)>(.*?)</text>', drawn)
    return [
        (float(x), float(y), 10.8 if 'class="note"' in rest else 12.0, unescape(text))
        for x, y, rest, text in found
    ]


NOTE = "Further out is better: the outer ring is the best level (1), the inner ring the worst (5)."


def _held(box: Box, texts: list[tuple[float, float, float, str]]) -> None:
    for x, y, size, text in texts:
        assert box.left <= x
        assert x + text_width(text, size) <= box.right, text
        assert box.top <= y - size
        assert y + size * 0.25 <= box.bottom, text  # room for descenders


def test_the_legend_wraps_each_name_in_two_lines_and_grows_the_drawing_to_hold_it() -> None:
    """A long name takes two lines at most (cut with a mark), one line-height apart, each
    within the legend's width less its sample; the note comes below the last line; and the
    area drawn grows to hold every entry and the whole note, so the `<svg>` around it clips
    none."""
    box = Box(0, 0, 50, 50)  # narrower than a legend: the legend is 200 wide
    name = "A series with a name long enough to need three lines or more in any legend at all"
    drawn = draw_legend([Series("Short", (1,), "previous"), Series(name, (1,))], box, 12, NOTE)
    texts = _texts(drawn)
    legend = [t for t in texts if t[2] == 12.0]
    notes = [t for t in texts if t[2] != 12.0]
    lines = [t for t in legend if t[3] != "Short"]
    assert len(lines) == 2
    assert lines[1][1] - lines[0][1] == 12 * 1.25
    assert lines[1][0] == lines[0][0]
    assert lines[-1][3].endswith("…")
    assert all(text_width(text, 12) <= 200 - 26 - 8 for _, _, _, text in lines)
    assert " ".join(t[3] for t in notes) == NOTE
    assert min(y for _, y, _, _ in notes) - 10.8 > max(y for _, y, _, _ in legend)
    _held(box, texts)


def test_a_note_alone_grows_the_drawing_to_hold_it() -> None:
    box = Box(0, 0, 50, 50)
    texts = _texts(draw_legend([], box, 12, NOTE))
    assert " ".join(t[3] for t in texts) == NOTE
    _held(box, texts)


def test_a_diamond_marker_stands_on_its_point_centred_where_it_is_drawn() -> None:
    # size 4: the diamond reaches 5.4 from its centre, up, right, down and left.
    for kind in ("diamond", "open-diamond"):
        assert 'points="10,4.6 15.4,10 10,15.4 4.6,10"' in draw_marker(kind, 10, 10, "#000")


def test_a_radar_axis_label_takes_four_lines_at_most_then_is_cut_with_a_mark() -> None:
    scale = Scale(best=3, worst=0)
    long = " ".join(["word"] * 80)
    svg = radar_chart(scale, [long, "b", "c"], [Series("s", (1, 2, 3))], title="t")
    [first] = re.findall(r'<text [^>]*class="axis-label"[^>]*>(.*?)</text>', svg)[:1]
    lines = re.findall(r"<tspan [^>]*>(.*?)</tspan>", first)
    assert len(lines) == 4
    assert lines[-1].endswith("…")


def test_a_series_cannot_be_changed_once_made_and_says_a_score_to_three_places() -> None:
    series = Series("s", (1, None), scores=(5 / 3, None))
    with pytest.raises(dataclasses.FrozenInstanceError):
        series.name = "t"  # type: ignore[misc]
    assert series.said(0) == "1.667 (level 1)"
    assert series.said(1) == "none"


def test_the_note_is_a_full_gap_below_a_two_line_legend_entry() -> None:
    box = Box(0, 0, 50, 50)
    name = "A series with a name long enough to need three lines or more in any legend at all"
    texts = _texts(draw_legend([Series(name, (1,))], box, 12, NOTE, gap=14))
    last = max(y for _, y, size, _ in texts if size == 12.0)
    first_note = min(y for _, y, size, _ in texts if size != 12.0)
    assert first_note - 10.8 >= last + 14
