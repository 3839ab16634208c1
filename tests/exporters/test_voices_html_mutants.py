"""The respondents' chart and table in HTML (`exporters/voices_html.py`): what its first
mutation pass (round 42) found no test held, pinned by what a reader of the page meets.
The example page is held byte for byte (`tests/exporters/test_shell.py`); these hold the
chart on any scale, either way round, with any groups."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from selfreview_core import Assessment, Framework, School
from selfreview_core.cli import cli
from selfreview_core.exporters.text_measure import text_width
from selfreview_core.exporters.voices_html import (
    GROUP_COLOURS,
    GROUP_MARKS,
    voices_chart,
    voices_section,
)
from selfreview_core.model.assessment import Judgement, Respondent
from selfreview_core.model.framework import Aspect
from selfreview_core.model.voices import Voices
from selfreview_core.testing import frameworks, mirror_framework, scales
from selfreview_core.testing.fixtures import _small_framework
from selfreview_core.voices.groups import group_named, voices

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "examples" / "questions"
SVG = "{http://www.w3.org/2000/svg}"
SCHOOL = School(id="S1", name="Test School")
#: Coordinates are written to one decimal place.
NEAR = 0.11


def response(framework: Framework, group: str, levels: dict[str, int]) -> Assessment:
    return Assessment(
        framework=framework.ref,
        school=SCHOOL,
        respondent=Respondent(group=group),
        assessed_on=dt.date(2026, 9, 1),
        judgements={s: Judgement(level=v) for s, v in levels.items()},
    )


def own_review(framework: Framework, levels: dict[str, int]) -> Assessment:
    return Assessment(
        framework=framework.ref,
        school=SCHOOL,
        assessed_on=dt.date(2026, 9, 1),
        judgements={s: Judgement(level=v) for s, v in levels.items()},
    )


def first_aspect(framework: Framework) -> Aspect:
    return framework.elements[0].aspects[0]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def number(element: ET.Element, name: str) -> float:
    return float(element.attrib[name])


def ticks(svg: ET.Element) -> dict[int, float]:
    """The level numbers above the chart: level -> x."""
    return {
        int(t.text or ""): number(t, "x")
        for t in svg.iter(f"{SVG}text")
        if t.get("class") == "tick"
    }


def box(mark: ET.Element) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a group's mark, whatever its shape."""
    tag = mark.tag.removeprefix(SVG)
    if tag == "circle":
        cx, cy, r = number(mark, "cx"), number(mark, "cy"), number(mark, "r")
        return cx - r, cy - r, cx + r, cy + r
    if tag == "rect":
        x, y = number(mark, "x"), number(mark, "y")
        return x, y, x + number(mark, "width"), y + number(mark, "height")
    if tag == "polygon":
        points = [tuple(map(float, p.split(","))) for p in mark.attrib["points"].split()]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return min(xs), min(ys), max(xs), max(ys)
    assert tag == "path", tag
    numbers = [float(n) for n in re.findall(r"-?[\d.]+", mark.attrib["d"])]
    # M x0 y H x1 M x y0 V y1: a plus
    xs, ys = [numbers[0], numbers[2], numbers[3]], [numbers[1], numbers[4], numbers[5]]
    return min(xs), min(ys), max(xs), max(ys)


def shape(mark: ET.Element) -> str:
    """The name `GROUP_MARKS` gives a drawn mark."""
    tag = mark.tag.removeprefix(SVG)
    if tag == "circle":
        return "circle"
    if tag == "rect":
        return "square"
    if tag == "path":
        return "plus"
    points = [tuple(map(float, p.split(","))) for p in mark.attrib["points"].split()]
    if len(points) == 4:
        return "diamond"
    assert len(points) == 3
    apex = points[0][1]
    return "triangle" if apex < min(p[1] for p in points[1:]) else "down"


def colour(mark: ET.Element) -> str:
    return mark.get("fill") if mark.tag != f"{SVG}path" else mark.get("stroke")  # type: ignore[return-value]


@dataclass(frozen=True)
class Row:
    """A strand's row of the chart: its band, its label lines and its groups."""

    strand: str
    top: float
    bottom: float
    right: float
    fill: str
    label: ET.Element
    groups: list[ET.Element]
    school: ET.Element | None


def rows(svg: ET.Element) -> list[Row]:
    """The rows in the order drawn: a band, the strand's label, its school bar, its groups."""
    out: list[Row] = []
    children = list(svg)
    for n, child in enumerate(children):
        if child.tag == f"{SVG}rect" and child.get("class") is None and n + 1 < len(children):
            label = children[n + 1]
            if label.tag != f"{SVG}text" or "label" not in (label.get("class") or ""):
                continue
            title = label.find(f"{SVG}title")
            assert title is not None
            groups: list[ET.Element] = []
            school = None
            for later in children[n + 2 :]:
                if later.tag == f"{SVG}g" and later.get("class") == "group":
                    groups.append(later)
                elif later.tag == f"{SVG}rect" and later.get("class") == "school":
                    school = later
                else:
                    break
            top = number(child, "y")
            out.append(
                Row(
                    strand=(title.text or "").split(" ")[0],
                    top=top,
                    bottom=top + number(child, "height"),
                    right=number(child, "x") + number(child, "width"),
                    fill=child.attrib["fill"],
                    label=label,
                    groups=groups,
                    school=school,
                )
            )
    return out


def parts(group: ET.Element) -> tuple[str, ET.Element, ET.Element]:
    """(the group's name, its line, its mark)."""
    title, line, mark = list(group)
    return (title.text or "").split(":")[0], line, mark


@st.composite
def scenes(draw: st.DrawFn) -> tuple[Framework, Voices]:
    """A framework on any scale, either way round, and its respondents: up to seven groups,
    each of the minimum or fewer, with the school's own review or none."""
    framework = draw(frameworks(scale=draw(scales(labels=False)), max_elements=1, max_aspects=1))
    strands = [s.id for s in first_aspect(framework).strands]
    levels = st.sampled_from(framework.scale.levels)
    names = draw(st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=7, unique=True))
    items = []
    for name in names:
        for _ in range(draw(st.integers(1, 5))):
            items.append(response(framework, name, {s: draw(levels) for s in strands}))
    own = None
    if draw(st.booleans()):
        own = own_review(framework, {s: draw(levels) for s in strands})
    return framework, voices(framework, items, own=own, min_group=draw(st.integers(1, 3)))


@settings(deadline=None)
@given(scenes())
def test_the_levels_run_worst_to_best_left_to_right_evenly_across_the_plot(
    scene: tuple[Framework, Voices],
) -> None:
    framework, view = scene
    svg = parse(voices_chart(framework, view, first_aspect(framework)))
    at = ticks(svg)
    scale = framework.scale
    worst_first = [scale.from_rank(r) for r in range(scale.size)]
    assert sorted(at, key=at.__getitem__) == worst_first
    xs = [at[level] for level in worst_first]
    step = xs[1] - xs[0]
    assert all(abs(b - a - step) <= NEAR for a, b in itertools.pairwise(xs))
    [plot_right] = {row.right for row in rows(svg)}
    # half a column either side: the plot runs from 0 to where the rows end
    assert abs(xs[0] - step / 2) <= NEAR
    assert abs(plot_right - xs[-1] - step / 2) <= NEAR


@settings(deadline=None)
@given(scenes())
def test_each_group_is_drawn_at_its_median_from_its_worst_to_its_best_level(
    scene: tuple[Framework, Voices],
) -> None:
    """The chart does not lie: a group's mark sits over the tick of its median, its line
    runs from the tick of the worst level it gave to that of the best, in its own lane of
    its strand's row; the school's bar sits over the tick of its own level."""
    framework, view = scene
    svg = parse(voices_chart(framework, view, first_aspect(framework)))
    at = ticks(svg)
    drawn = rows(svg)
    assert [row.strand for row in drawn] == [s.strand for s in view.strands]
    lanes: dict[str, set[float]] = {}
    for row, strand in zip(drawn, view.strands, strict=True):
        shown = [g for g in strand.groups if g.median is not None]
        assert [parts(g)[0] for g in row.groups] == [g.group for g in shown]
        for element, group in zip(row.groups, shown, strict=True):
            _, line, mark = parts(element)
            assert group.worst is not None
            assert group.best is not None
            assert group.median is not None
            assert abs(number(line, "x1") - at[group.worst]) <= NEAR
            assert abs(number(line, "x2") - at[group.best]) <= NEAR
            left, top, right, bottom = box(mark)
            assert abs((left + right) / 2 - at[group.median]) <= NEAR
            y = number(line, "y1")
            assert number(line, "y2") == y
            assert top < y < bottom
            assert row.top < top
            assert bottom < row.bottom
            lanes.setdefault(group.group, set()).add(round(y - row.top, 1))
        if strand.school is None:
            assert row.school is None
        else:
            assert row.school is not None
            middle = number(row.school, "x") + number(row.school, "width") / 2
            assert abs(middle - at[strand.school]) <= NEAR
            assert number(row.school, "y") > row.top
            assert number(row.school, "y") + number(row.school, "height") < row.bottom
    for above, below in itertools.pairwise(drawn):
        assert above.bottom < below.top
    # each group keeps one lane in every row, in the order of the groups, apart by more
    # than a mark
    assert all(len(offsets) == 1 for offsets in lanes.values())
    order = [g.group for g in view.groups if g.group in lanes]
    offsets = [lanes[name].pop() for name in order]
    assert all(b - a >= 8 for a, b in itertools.pairwise(offsets))


def seven_items(framework: Framework) -> list[Assessment]:
    """Seven groups, each of five, on every strand of `framework`: the worst level from one,
    the best from the other four."""
    scale = framework.scale
    strands = [s.id for s in framework.strands]
    items = []
    for name in "abcdefg":
        items.append(response(framework, name, dict.fromkeys(strands, scale.worst)))
        items += [response(framework, name, dict.fromkeys(strands, scale.best))] * 4
    return items


def test_each_group_has_its_own_mark_and_colour_of_about_the_same_size() -> None:
    """Six shapes and seven colours, in the order of the groups, then round again; every
    mark spans 7 to 12 units both ways, so none reads as more or less than another."""
    framework = _small_framework()
    view = voices(framework, seven_items(framework))
    svg = parse(voices_chart(framework, view, first_aspect(framework)))
    [row, *_] = rows(svg)
    marks = [parts(g)[2] for g in row.groups]
    assert [shape(m) for m in marks] == [*GROUP_MARKS, GROUP_MARKS[0]]
    assert [colour(m) for m in marks] == list(GROUP_COLOURS)
    assert len(set(GROUP_MARKS)) == 6
    assert len(set(GROUP_COLOURS)) == 7
    for mark in marks:
        left, top, right, bottom = box(mark)
        assert 7 <= right - left <= 12, ET.tostring(mark)
        assert 7 <= bottom - top <= 12, ET.tostring(mark)


def legend(svg: ET.Element) -> list[tuple[ET.Element, ET.Element, float, float]]:
    """The legend's entries: (its mark, its text, the mark's x, y)."""
    children = list(svg)
    out = []
    for n, child in enumerate(children):
        if child.tag == f"{SVG}g" and child.get("transform"):
            found = re.fullmatch(r"translate\((\S+) (\S+)\)", child.attrib["transform"])
            assert found is not None
            [mark] = list(child)
            out.append((mark, children[n + 1], float(found[1]), float(found[2])))
    return out


def view_box(svg: ET.Element) -> tuple[float, float, float, float]:
    left, top, width, height = map(float, svg.attrib["viewBox"].split())
    assert [svg.get("width"), svg.get("height")] == svg.attrib["viewBox"].split()[2:4]
    return left, top, left + width, top + height


def test_the_legend_shows_each_groups_mark_the_schools_bar_and_the_line_in_rows() -> None:
    """Every group in the legend with the mark it has in the chart (a group with no mark
    says why, each mark centred beside its name and the size it is in the chart), then the
    school's own judgement and what a line means; entries run left to right and wrap to rows
    below the chart, every one inside the picture."""
    framework = mirror_framework(_small_framework())
    own = own_review(framework, dict.fromkeys([s.id for s in framework.strands], 1))
    scale = framework.scale
    few = [response(framework, "h-few", {"A1.1": scale.worst})]
    view = voices(framework, [*seven_items(framework), *few], own=own)
    svg = parse(voices_chart(framework, view, first_aspect(framework)))
    entries = legend(svg)
    names = [text.text for _, text, _, _ in entries]
    groups = [g.group for g in view.groups]
    assert names == [
        *groups[:-1],
        "h-few (too few answers to show)",
        "the school's own judgement",
        "worst to best level a group gave",
    ]
    [row, *_] = drawn = rows(svg)
    for (mark, _, _, _), group in zip(entries, row.groups, strict=False):
        assert ET.tostring(mark) != b""
        _, line, chart_mark = parts(group)
        assert (shape(mark), colour(mark)) == (shape(chart_mark), colour(chart_mark))
        # drawn about its entry's place (beside its name) as about its lane in the chart, the
        # same size (to the tenth of a unit a coordinate is written with)
        left_, top_, right_, bottom_ = box(mark)
        c_left, c_top, c_right, c_bottom = box(chart_mark)
        lane = number(line, "y1")
        assert (left_ + right_, top_ + bottom_) == pytest.approx(
            (0, c_top + c_bottom - 2 * lane), abs=0.2
        )
        assert (right_ - left_, bottom_ - top_) == pytest.approx(
            (c_right - c_left, c_bottom - c_top), abs=0.2
        )
    assert entries[-2][0].get("fill") == row.school.get("fill")  # type: ignore[union-attr]
    left, _top, right, bottom = view_box(svg)
    ys = [y for _, _, _, y in entries]
    assert min(ys) > drawn[-1].bottom
    assert len(set(ys)) > 1
    assert ys == sorted(ys)
    # rows a line of text apart at least (12 units: the legend's font), never overprinted
    assert all(b - a >= 12 for a, b in itertools.pairwise(sorted(set(ys))))
    band_right = row.right
    for (_, text, x, y), (_, after, x_after, y_after) in itertools.pairwise(entries):
        assert number(text, "x") > x
        end = number(text, "x") + text_width(text.text or "", 12)
        if y_after == y:
            assert x_after > end
        else:  # a new row only for an entry that would not have fitted on this one
            assert x_after == entries[0][2]
            assert end + 14 + 20 + text_width(after.text or "", 12) > band_right
    for _, text, x, y in entries:
        assert left <= x - 10
        assert number(text, "x") + text_width(text.text or "", 12) <= right
        assert y + 12 <= bottom


def test_the_table_and_the_bar_give_the_settings_own_judgement_as_the_terminal_does(
    tmp_path: Path,
) -> None:
    """In a framework with questions the own review's score with its level (`1.75 (level
    1)`), and `n/a` where it marks a strand not applicable, as `voices` prints them; the page
    showed `1`, and a long dash as if the setting had not judged the strand (round 42's
    bug). The key under the chart says what a group's cell holds there."""
    own = QUESTIONS / "example-setting.yaml"
    text = own.read_text(encoding="utf-8").replace(
        "assessor: Business manager\n", "respondent: {group: staff}\n"
    )
    for n in range(5):
        (tmp_path / f"staff-{n}.yaml").write_text(text, encoding="utf-8")
    framework = str(QUESTIONS / "technology-standards.yaml")
    args = ["voices", str(tmp_path), str(own), "--framework", framework]
    result = CliRunner().invoke(cli, [*args, "--format", "html"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = result.stdout
    cells = dict(
        re.findall(r'<th scope="row">(\S+) [^<]*</th>.*?<td class="num">([^<]*)</td></tr>', page)
    )
    assert cells["L-G-1"] == "1.75 (level 1)"
    assert cells["C-N-2"] == "2 (level 2)"
    assert cells["C-N-3"] == "n/a"
    assert "<title>the setting: 1.75 (level 1)</title>" in page
    assert "Each group: median score (level) [worst..best level given] n=how many answered; " in (
        page
    )
    terminal = CliRunner().invoke(cli, args, catch_exceptions=False).stdout
    assert re.search(r"C-N-3 .* n/a\n", terminal)
    assert re.search(r"L-G-1 .* 1\.75 \(level 1\)\n", terminal)


def test_a_long_strand_title_wraps_in_its_row_and_everything_is_inside_the_picture() -> None:
    """A label of many words takes up to four lines, right-aligned before the plot, its row
    as tall as its lines (the whole title in a tooltip, `⚑` after it when flagged, the row
    shaded and bold); the level numbers sit above the rows, the grid runs down them, and
    the picture holds every label, mark and legend entry."""
    long_title = "A title of many words " * 12
    base = _small_framework()
    data = base.model_dump()
    data["elements"][0]["aspects"][0]["strands"][0]["title"] = long_title.strip()
    framework = Framework.model_validate(data)
    scale = framework.scale
    items = [response(framework, "pupils", {"A1.1": scale.best, "A1.2": scale.best})] * 5
    items += [response(framework, "staff", {"A1.1": scale.worst, "A1.2": scale.best})] * 5
    view = voices(framework, items)
    assert view.strands[0].flagged
    assert not view.strands[1].flagged
    svg = parse(voices_chart(framework, view, first_aspect(framework)))
    left, top, right, bottom = view_box(svg)
    flagged, calm = rows(svg)[:2]
    lines = [t.text or "" for t in flagged.label.iter(f"{SVG}tspan")]
    assert len(lines) == 4
    assert lines[-1].endswith("…")
    title = flagged.label.find(f"{SVG}title")
    assert title is not None
    assert title.text == f"A1.1 {long_title.strip()}"
    assert [t.text for t in calm.label.iter(f"{SVG}tspan")] == ["A1.2 Review"]
    assert flagged.label.get("class") == "label flagged"
    assert calm.label.get("class") == "label"
    assert flagged.fill != calm.fill
    assert flagged.bottom - flagged.top >= 4 * 15 > calm.bottom - calm.top
    for row in (flagged, calm):
        for tspan in row.label.iter(f"{SVG}tspan"):
            y = number(tspan, "y")
            assert row.top < y - 12
            assert y < row.bottom
            x = number(tspan, "x")
            assert x < 0
            assert left <= x - text_width(tspan.text or "", 12)
    ticks_y = {number(t, "y") for t in svg.iter(f"{SVG}text") if t.get("class") == "tick"}
    assert len(ticks_y) == 1
    assert top < ticks_y.pop() < flagged.top
    grid = [ln for ln in svg if ln.tag == f"{SVG}line"]
    assert len(grid) == scale.size
    for ln in grid:
        assert number(ln, "y1") < flagged.top
        assert number(ln, "y2") >= calm.bottom
        assert number(ln, "x1") == number(ln, "x2")
    for note in (t for t in svg if t.get("class") == "note"):
        x = number(note, "x")
        if note.get("text-anchor") == "end":
            assert left <= x - text_width(note.text or "", 12)
            assert x <= 0
        else:
            assert x >= flagged.right
            assert x + text_width(note.text or "", 12) <= right
    for _, _text, _, y in legend(svg):
        assert y < bottom


def test_the_section_starts_its_headings_at_the_level_asked_and_says_when_nothing_differs() -> None:
    """`voices_section(level=N)`: `<hN>` for the section, `<hN+1>` for its parts; with no
    strand worth discussing it says so, naming the own judgement only when there is one
    (in the framework's word for who is reviewed)."""
    framework = _small_framework()
    strands = [s.id for s in framework.strands]
    items = [response(framework, "pupils", dict.fromkeys(strands, 2))] * 5
    calm = "No strand where two groups' medians are 2 or more levels apart"
    for level in (2, 3):
        page = "\n".join(voices_section(framework, voices(framework, items), level=level))
        assert page.count(f"<h{level}>") == 1
        aspects = [a for e in framework.elements for a in e.aspects]
        headings = re.findall(rf"<h{level + 1}>(.*?)</h{level + 1}>", page)
        assert headings == ["Worth discussing", *(f"{a.id} {a.title}" for a in aspects)]
        assert page.count('class="chart voices-chart"') == len(aspects)
        assert f"<p>{calm}.</p>" in page
        assert '<ul class="flagged">' not in page
    own = own_review(framework, dict.fromkeys(strands, 2))
    page = "\n".join(voices_section(framework, voices(framework, items, own=own)))
    assert (f"<p>{calm} or a group's is that far from the school's own judgement.</p>") in page
    items += [response(framework, "staff", dict.fromkeys(strands, 0))] * 5
    page = "\n".join(voices_section(framework, voices(framework, items, own=own)))
    assert calm not in page
    assert page.count("<li><strong>") == len(strands)
    assert (
        "<li><strong>A1.1 Vision</strong>: staff (median 0) and pupils (median 2) are 2 levels "
        "apart; the school&#x27;s own judgement (2) is 2 or more levels from the median of "
        "staff 0.</li>"
    ) in page


def test_a_row_has_a_lane_for_each_group_with_a_mark_and_no_empty_one() -> None:
    """Rows of a one-line label grow by a lane a group with a mark in the chart: a group
    alone gets a row no taller than its one lane needs, a group under the minimum none."""
    framework = _small_framework()

    def heights(groups: int, few: bool = False) -> set[float]:
        items = [
            response(framework, name, {"A1.1": 1, "A1.2": 2})
            for name in "abc"[:groups]
            for _ in range(5)
        ]
        if few:
            items.append(response(framework, "z-few", {"A1.1": 1}))
        svg = parse(voices_chart(framework, voices(framework, items), first_aspect(framework)))
        return {round(row.bottom - row.top, 1) for row in rows(svg)}

    one, two, three = heights(1), heights(2), heights(3)
    assert len(one) == len(two) == len(three) == 1
    [h1], [h2], [h3] = one, two, three
    assert h2 - h1 == h3 - h2 > 8
    assert h1 <= 16 + NEAR
    assert heights(1, few=True) == one


def test_a_legend_entry_that_ends_just_inside_the_right_edge_stays_on_its_row() -> None:
    """The legend wraps at the chart's own width (the strands' rows), not before: two
    groups whose entries end within a few units of the right edge share a row."""
    framework = _small_framework()
    n = next(n for n in range(10, 200) if 2 * text_width("a" * n, 12) + 2 * 20 + 14 > 538 - 10)
    names = ["a" * n, "b" * n]
    items = [response(framework, name, {"A1.1": 1}) for name in names for _ in range(5)]
    svg = parse(voices_chart(framework, voices(framework, items), first_aspect(framework)))
    first, second, *_ = legend(svg)
    [row, *_] = rows(svg)
    end = number(second[1], "x") + text_width(second[1].text or "", 12)
    assert row.right - 16 < end <= row.right
    assert first[3] == second[3]


def test_a_group_name_longer_than_the_chart_is_cut_in_the_legend_and_stays_inside() -> None:
    """Named as the table names it (`group_named`, since round 71: the first 37 characters,
    its invisible ones escaped, and its length), then cut again to the legend's width."""
    framework = _small_framework()
    name = "x\u200b" * 150
    named = group_named(name)
    assert named.startswith("x\\u200b" * 18 + "x...")
    assert re.fullmatch(r".*\.\.\. \(300 characters, #[0-9a-f]{6}\)", named)
    items = [response(framework, name, {"A1.1": 1})] * 5
    svg = parse(voices_chart(framework, voices(framework, items), first_aspect(framework)))
    [row, *_] = rows(svg)
    first, *_ = legend(svg)
    text = first[1].text or ""
    assert text.endswith("…")
    assert named.startswith(text.removesuffix("…"))
    assert number(first[1], "x") + text_width(text, 12) <= row.right
    assert parts(row.groups[0])[0] == named  # the chart's tooltip names it as the table does
