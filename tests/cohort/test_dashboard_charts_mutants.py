"""`cohort/dashboard_charts.py`: what the mutation pass of round 42 found no test holding.

The dashboard's charts say what the cohort's figures say, in either scale direction: every
number written beside a bar is the figure it stands for, and every bar is as long as its
count (or level) makes it.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from itertools import pairwise

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Framework, Scale, School, benchmark, testing
from selfreview_core.cohort.anonymity import anonymise
from selfreview_core.cohort.dashboard_charts import (
    _BAR_LEFT,
    _BAR_WIDTH,
    WITHHELD_COLOUR,
    cell,
    distributions,
    level_colour,
    school_section,
    short,
)
from selfreview_core.cohort.positions import Cohort, Distribution, SchoolPosition
from selfreview_core.cohort.views import WITHHELD
from selfreview_core.escaping import shown

from .test_dashboard_mutants import _framework, _review

#: What is written beside each of the school's bars: `level 2, median 3, percentile 75`.
SAID = re.compile(r'<text x="\d+" y="\d+">level ([^,<]+), median ([^,<]+), percentile ([^<]+)<')

#: The scales whose worst or best level is 0.
ZERO_ENDED = (Scale(best=3, worst=0), Scale(best=0, worst=3))


@st.composite
def cohorts(draw: st.DrawFn, reviews: int = 6) -> Cohort:
    """A cohort of 1 .. `reviews` schools (each reviewed once) of a framework drawn on a
    scale of either direction: 0 .. 3, 3 .. 0, or any from -10 to 10."""
    scale = draw(st.sampled_from(ZERO_ENDED) | testing.scales())
    framework: Framework = draw(
        testing.frameworks(scale=scale, max_elements=2, max_aspects=2, max_strands=2)
    )
    count = draw(st.integers(1, reviews))
    assessments: list[Assessment] = [
        draw(testing.assessments(framework, school=School(id=f"s{n}", name=f"School {n}")))
        for n in range(count)
    ]
    return benchmark(framework, assessments)


def _figure(value: int | None) -> str:
    return "–" if value is None else str(value)


@settings(max_examples=scaled(40))
@given(cohorts(reviews=6), st.data())
def test_the_school_s_chart_says_its_figures_names_each_row_and_keeps_inside_its_picture(
    cohort: Cohort, data: st.DataObject
) -> None:
    """The five checks of a school's view, each on every cohort drawn (of 1 to 6 schools,
    which holds the 1 to 3 and 1 to 4 some were drawn from): drawing and benchmarking a
    cohort is most of their time, and each had drawn its own (160 cohorts in all, 40 now)."""
    entry = data.draw(st.sampled_from(cohort.schools))
    section = school_section(cohort, entry)
    _beside_each_bar_the_school_s_own_level_the_median_and_its_percentile(cohort, entry, section)
    _every_bar_and_word_of_both_charts_is_inside_its_picture(cohort, section)
    svg = ET.fromstring(section[3][section[3].index("<svg") : section[3].index("</svg>") + 6])
    _the_school_chart_names_each_row_by_its_aspect_or_overall(cohort, svg)
    _each_row_of_the_school_chart_is_on_one_line(svg)
    _the_shaded_band_spans_the_quartiles_and_the_mark_is_the_median(cohort, svg)


def _beside_each_bar_the_school_s_own_level_the_median_and_its_percentile(
    cohort: Cohort, entry: SchoolPosition, section: list[str]
) -> None:
    """A level of 0 is a level: it is written `level 0`, never as a dash (a school at
    level 0, the worst of a 0 .. 3 scale or the best of a 3 .. 0 one, read as not judged)."""
    html = "\n".join(section)
    ids = [*cohort.aspects, "overall"]
    said = SAID.findall(html)
    assert len(said) == len(ids)
    for node_id, (level, median, percentile) in zip(ids, said, strict=True):
        place = entry.get(node_id)
        assert level == _figure(place.level)
        assert median == _figure(cohort.stats(node_id).median)
        assert percentile == ("–" if place.percentile is None else f"{place.percentile:.0f}")


@settings(max_examples=scaled(40))
@given(cohorts(reviews=10), st.integers(1, 4), st.data())
def test_anonymised_beside_each_bar_what_is_withheld_is_marked(
    cohort: Cohort, min_group: int, data: st.DataObject
) -> None:
    """A school's own view of an anonymised cohort: its level, and each percentile or median
    the shown cells do not decide written `[c]`; a figure of no school `-`."""
    assume(cohort.size >= min_group)
    anonymised = anonymise(cohort, min_group=min_group, rng=random.Random(0))
    visible = anonymised.cohort
    entry = anonymised.school(data.draw(st.sampled_from(cohort.school_ids)))
    html = "\n".join(school_section(visible, entry))
    assert f"<h2>{entry.school.name} against the cohort</h2>" in html
    ids = [*visible.aspects, "overall"]
    said = SAID.findall(html)
    assert len(said) == len(ids)
    for node_id, (level, median, percentile) in zip(ids, said, strict=True):
        place = entry.get(node_id)
        assert level == (
            WITHHELD if place.level is None and place.suppressed else _figure(place.level)
        )
        assert median == _shown(visible.stats(node_id), visible.stats(node_id).median)
        if place.percentile is not None:
            assert percentile == f"{place.percentile:.0f}"
        else:
            assert percentile == (WITHHELD if place.suppressed else "–")


# -- levels per strand --------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


@st.composite
def shown_cohorts(draw: st.DrawFn) -> Cohort:
    """A cohort of up to 12 schools as `benchmark` shows it: whole, or anonymised with a
    minimum group of 1 to 4 (when it has that many schools)."""
    cohort = draw(cohorts(reviews=12))
    min_group = draw(st.integers(1, 4))
    if not draw(st.booleans()) or cohort.size < min_group:
        return cohort
    return anonymise(cohort, min_group=min_group, rng=random.Random(0)).cohort


def _shown(stats: Distribution, value: int | None) -> str:
    """A median or quartile as the page shows it: withheld, or none where no school has a
    level (`-`, withheld or not: nothing is hidden)."""
    if value is not None:
        return str(value)
    return WITHHELD if stats.suppressed and stats.judged != 0 else "–"


def _bars(cohort: Cohort) -> list[ET.Element]:
    html = "".join(distributions(cohort))
    svg = ET.fromstring(html[html.index("<svg") : html.index("</svg>") + 6])
    return [g for g in svg.iter(f"{SVG}g") if g.get("class") == "dist"]


@settings(max_examples=scaled(40))
@given(shown_cohorts())
def test_each_bar_is_its_counts_named_and_its_median_written_beyond_it(cohort: Cohort) -> None:
    """The three checks of the bars, each on every cohort drawn: drawing and benchmarking a
    cohort is most of their time, and each had drawn its own (40, 40 and 20 of them)."""
    bars = _bars(cohort)
    _each_bar_is_its_counts_worst_first_then_what_is_withheld(cohort, bars)
    _each_bar_is_named_by_its_id_and_title_or_overall(cohort, bars)
    _the_median_and_middle_half_are_written_beyond_the_bar(bars)


def _each_bar_is_its_counts_worst_first_then_what_is_withheld(
    cohort: Cohort, bars: list[ET.Element]
) -> None:
    """A bar per strand, aspect and overall, from the left edge: a part per level with
    schools, worst first, as wide as its count of the cohort; then one grey `[c]` part for
    all that is withheld; then the not judged and not applicable shown, said in words; then
    the median and quartiles as `figure` writes them."""
    scale = cohort.scale
    rows = [*cohort.strands.values(), *cohort.aspects.values(), cohort.overall]
    assert len(bars) == len(rows)
    for bar, stats in zip(bars, rows, strict=True):
        parts = [(r, r.findtext(f"{SVG}title") or "") for r in bar.findall(f"{SVG}rect")]
        known = {level: n for level, n in stats.counts.items() if n}
        others = ((stats.unjudged, "not judged"), (stats.not_applicable, "not applicable"))
        hidden = cohort.size - sum(known.values()) - sum(n or 0 for n, _ in others)
        expected: list[tuple[str, int, int | None]] = [
            (f"level {level}", n, level)
            for level in reversed(scale.levels)
            if (n := known.get(level))
        ]
        if hidden:
            expected.append(("withheld", hidden, None))
        assert len(parts) == len(expected)
        start = 0
        centres: list[float] = []
        for (rect, title), (said, count, level) in zip(parts, expected, strict=True):
            assert title.startswith(said)
            if level is not None:
                assert title.endswith(f": {count} school" + ("s" if count != 1 else ""))
                assert rect.get("fill") == level_colour(scale, level)
            else:
                assert rect.get("fill") == WITHHELD_COLOUR
            x = _BAR_LEFT + _BAR_WIDTH * start / cohort.size
            assert abs(float(rect.get("x", "")) - x) <= 0.051
            width = _BAR_WIDTH * count / cohort.size
            assert abs(float(rect.get("width", "")) - width) <= 0.051
            if level is None or width >= 16:  # its number (or `[c]`) in the middle of it
                centres.append(x + width / 2)
            start += count
        texts = [t.text or "" for t in bar.findall(f"{SVG}text")]
        written = [t for t in texts[1:-1] if not t.startswith("+")]
        at = [float(t.get("x", "")) for t in bar.findall(f"{SVG}text")[1 : len(centres) + 1]]
        assert all(abs(a - c) <= 0.051 for a, c in zip(at, centres, strict=True))
        assert written == [
            str(count) if level is not None else WITHHELD
            for _, count, level in expected
            if level is None or _BAR_WIDTH * count / cohort.size >= 16
        ]
        beside = ", ".join(f"+{n} {what}" for n, what in others if n)
        assert [t for t in texts if t.startswith("+")] == ([beside] if beside else [])
        quartiles = f"{_shown(stats, stats.lower_quartile)}–{_shown(stats, stats.upper_quartile)}"
        assert texts[-1] == f"median {_shown(stats, stats.median)}, middle half {quartiles}"


def _each_bar_is_named_by_its_id_and_title_or_overall(
    cohort: Cohort, bars: list[ET.Element]
) -> None:
    """Each bar's label (cut to 38 characters) and its tooltip (whole)."""
    rows = [*cohort.strands.values(), *cohort.aspects.values(), cohort.overall]
    for bar, stats in zip(bars, rows, strict=True):
        name = "Overall" if stats.kind == "overall" else f"{stats.id} {stats.title}"
        assert bar.findtext(f"{SVG}title") == shown(name)
        assert bar.findtext(f"{SVG}text") == shown(short(name, 38))


def _every_bar_and_word_of_both_charts_is_inside_its_picture(
    cohort: Cohort, section: list[str]
) -> None:
    """Nothing is drawn outside a chart's box (where a browser would cut it off): every
    bar ends within its width and height, and every word starts within them."""
    page = "".join(distributions(cohort)) + "".join(section[:4])
    pictures = re.findall(r"<svg .*?</svg>", page, re.S)
    assert len(pictures) == 2
    for picture in pictures:
        svg = ET.fromstring(picture)
        _, _, width, height = (float(n) for n in svg.get("viewBox", "").split())
        assert (float(svg.get("width", "")), float(svg.get("height", ""))) == (width, height)
        for rect in svg.iter(f"{SVG}rect"):
            x, y = float(rect.get("x", "")), float(rect.get("y", ""))
            assert x >= 0
            assert x + float(rect.get("width", "")) <= width
            assert y >= 0
            assert y + float(rect.get("height", "")) <= height
        for text in svg.iter(f"{SVG}text"):
            assert 0 <= float(text.get("x", "")) < width
            assert 0 < float(text.get("y", "")) <= height
        rows = [g for g in svg.iter(f"{SVG}g") if g.get("class") in ("dist", "aspect")]
        tops = [float(g.findall(f"{SVG}text")[0].get("y", "")) for g in rows]
        assert all(b - a >= 20 for a, b in pairwise(tops))  # apart, in order


def _the_school_chart_names_each_row_by_its_aspect_or_overall(
    cohort: Cohort, svg: ET.Element
) -> None:
    """Each of the school's bars, by aspect then overall, is labelled by its id and title
    cut to 36 characters."""
    labels = [g.findtext(f"{SVG}text") for g in svg.iter(f"{SVG}g") if g.get("class") == "aspect"]
    assert labels == [shown(short(f"{a.id} {a.title}", 36)) for a in cohort.aspects.values()] + [
        "Overall"
    ]


def _relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    light, dark = sorted((_relative_luminance(one), _relative_luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scale", [Scale(best=best, worst=0) for best in range(1, 7)])
def test_the_number_on_each_coloured_cell_can_be_read(scale: Scale) -> None:
    """Dark ink on the light colours and white on the dark ones: every level's number stands
    out from its colour at 3:1 or more (WCAG's contrast for large or bold text; the cells'
    numbers are bold), and the light colours take the dark ink."""
    for level in scale.levels:
        found = re.search(r'style="background:(#\w{6});color:(#\w{6})"', cell(scale, level))
        assert found
        background, ink = found.groups()
        assert background == level_colour(scale, level)
        assert _contrast(background, ink) >= 3
        assert (ink == "#ffffff") is (_relative_luminance(background) < 0.3)


def test_a_long_aspect_title_is_cut_to_36_characters_beside_the_school_s_bar() -> None:
    framework = _framework(Scale(best=0, worst=3), aspects=1, aspect_title="A title " * 8)
    cohort = benchmark(framework, [_review(framework, "a", [2])])
    html = school_section(cohort, cohort.schools[0])[3]
    assert '<text x="0" y="44">a0 A title A title A title A title…</text>' in html


@pytest.mark.parametrize("scale", [Scale(best=3, worst=0), Scale(best=0, worst=3)])
def test_with_a_score_the_school_s_bar_reaches_the_score_not_its_level(scale: Scale) -> None:
    """A score of 1.75 (level at rank 1) reaches three quarters of the way from its level's
    mark to the next: columns of 480 / 4 = 120, each mark in the middle of its column."""
    framework = _framework(scale, aspects=1)
    cohort = benchmark(framework, [_review(framework, "a", [1])])
    bars = "".join(school_section(cohort, cohort.schools[0], scores={"a0": 1.75}))
    level = scale.from_rank(1)
    reach = re.findall(
        r'<rect x="260" y="\d+" width="([\d.]+)" height="8"[^>]*><title>([^<]*)', bars
    )
    assert reach == [
        ("270.0", f"this school: 1.75 (level {level})"),
        ("180.0", f"this school: level {level}"),
    ]


# -- round 42, second wave: the other 81 mutants ------------------------------------------

#: The palette, worst to best, as the module's notes name it: red, amber, then blues.
PALETTE = ("#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#d1e5f0", "#92c5de", "#4393c3")


@pytest.mark.parametrize("size", range(2, 11))
def test_the_worst_level_is_red_the_best_blue_and_the_rest_in_order_between(size: int) -> None:
    """By rank, never by number: the worst level takes the palette's red and the best its
    darkest blue, in either direction; each level between takes a colour further along
    (and, up to seven levels, a colour of its own)."""
    for scale in (Scale(best=size - 1, worst=0), Scale(best=0, worst=size - 1)):
        colours = [level_colour(scale, scale.from_rank(rank)) for rank in range(size)]
        assert (colours[0], colours[-1]) == (PALETTE[0], PALETTE[-1])
        places = [PALETTE.index(colour) for colour in colours]
        assert places == sorted(places)
        if size <= len(PALETTE):
            assert len(set(colours)) == size


@pytest.mark.parametrize(("aspects", "titled"), [(8, True), (9, False)])
def test_the_radar_names_its_axes_by_id_and_title_up_to_eight_aspects(
    aspects: int, titled: bool
) -> None:
    """Up to eight aspects, each axis is named by the aspect's id and title; beyond, by its
    id alone, and the caption says so."""
    framework = _framework(Scale(best=0, worst=3), aspects=aspects)
    cohort = benchmark(framework, [_review(framework, "a", [1] * aspects)])
    radar = "".join(school_section(cohort, cohort.schools[0])[4:])
    assert ("Axes are named by aspect id (see the bars)." in radar) is not titled
    for n in range(aspects):
        assert (f">a{n} Aspect {n}<" in radar) is titled
        assert (f">a{n}<" in radar) is not titled


@pytest.mark.parametrize("scale", ZERO_ENDED, ids=["rising", "falling"])
def test_anonymised_the_withheld_part_is_all_the_shown_parts_leave(scale: Scale) -> None:
    """Nine schools, every one judged, a level or more withheld: the grey part starts where
    the shown parts end and ends at the bar's end, as wide as the schools not shown."""
    framework = _framework(scale, aspects=1)
    ranks = [0, 0, 0, 0, 1, 2, 3, 3, 3]
    cohort = benchmark(framework, [_review(framework, f"s{n}", [r]) for n, r in enumerate(ranks)])
    visible = anonymise(cohort, min_group=2, rng=random.Random(0)).cohort
    stats = visible.strands["s0"]
    shown_count = sum(n for n in stats.counts.values() if n)
    assert None in stats.counts.values()
    assert (stats.judged, shown_count) == (9, 4)
    *parts, grey = _bars(visible)[0].findall(f"{SVG}rect")
    assert grey.get("fill") == WITHHELD_COLOUR
    ends = [float(r.get("x", "")) + float(r.get("width", "")) for r in parts]
    assert float(grey.get("x", "")) == pytest.approx(ends[-1], abs=0.1)
    assert float(grey.get("width", "")) == pytest.approx(_BAR_WIDTH * 5 / 9, abs=0.051)
    assert ends[-1] + float(grey.get("width", "")) == pytest.approx(_BAR_LEFT + _BAR_WIDTH, abs=0.1)
    assert {(r.get("y"), r.get("height")) for r in [*parts, grey]} == {("7", "17")}  # one row
    mark = _bars(visible)[0].findall(f"{SVG}text")[-2]
    assert (mark.text, mark.get("y")) == (WITHHELD, "20")
    centre = float(grey.get("x", "")) + float(grey.get("width", "")) / 2
    assert float(mark.get("x", "")) == pytest.approx(centre, abs=0.051)


@pytest.mark.parametrize("scale", ZERO_ENDED, ids=["rising", "falling"])
def test_anonymised_a_bar_of_every_level_withheld_is_all_grey(scale: Scale) -> None:
    """Five schools, two at one level and one at each other, in groups of at least three:
    every level is withheld, and the whole bar is one grey `[c]` part; a strand no school
    judged has no part at all, and its five not judged are said."""
    framework = _framework(scale, aspects=2)
    ranks = [0, 1, 2, 3, 0]
    reviews = [_review(framework, f"s{n}", [r, None]) for n, r in enumerate(ranks)]
    visible = anonymise(benchmark(framework, reviews), min_group=3, rng=random.Random(0)).cohort
    assert set(visible.strands["s0"].counts.values()) == {None}
    withheld, unjudged, *_ = _bars(visible)
    (grey,) = withheld.findall(f"{SVG}rect")
    assert (grey.get("x"), grey.get("width"), grey.get("fill")) == (
        "250.0",
        "520.0",
        WITHHELD_COLOUR,
    )
    assert [t.text for t in withheld.findall(f"{SVG}text")][1:] == [
        WITHHELD,
        f"median {WITHHELD}, middle half {WITHHELD}–{WITHHELD}",
    ]
    assert unjudged.findall(f"{SVG}rect") == []
    assert [t.text for t in unjudged.findall(f"{SVG}text")][1:] == [
        "+5 not judged",
        "median –, middle half –––",
    ]


def _the_median_and_middle_half_are_written_beyond_the_bar(bars: list[ET.Element]) -> None:
    """After the bar's end and what follows it (`+N not judged`), never over the bar."""
    for bar in bars:
        *_, said = bar.findall(f"{SVG}text")
        assert (said.text or "").startswith("median ")
        assert float(said.get("x", "")) > _BAR_LEFT + _BAR_WIDTH + 60


def test_a_label_of_exactly_its_limit_is_shown_whole() -> None:
    """A bar's label (38 characters) and a school's (36): a name that fits exactly is
    whole; one character more is cut to the limit, its last an ellipsis."""
    framework = _framework(Scale(best=3, worst=0), aspects=1, aspect_title="T" * 33)
    cohort = benchmark(framework, [_review(framework, "a", [2])])
    html = school_section(cohort, cohort.schools[0])[3]
    assert f'<text x="0" y="44">a0 {"T" * 33}</text>' in html  # 36 characters
    assert short("x" * 38, 38) == "x" * 38
    assert short("x" * 39, 38) == "x" * 37 + "…"
    assert short(" a \n b\t", 3) == "a b"


def _each_row_of_the_school_chart_is_on_one_line(svg: ET.Element) -> None:
    """An aspect's name and what is written beside its bar share a line, and its bar, band
    and median mark lie within its row, below the level numbers at the top."""
    rows = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "aspect"]
    for n, row in enumerate(rows):
        top = 30 + 30 * n
        assert {t.get("y") for t in row.findall(f"{SVG}text")} == {str(top + 14)}
        for rect in row.findall(f"{SVG}rect"):
            y = float(rect.get("y", ""))
            assert top <= y <= y + float(rect.get("height", "")) <= top + 22
        for line in row.findall(f"{SVG}line"):
            assert (float(line.get("y1", "")), float(line.get("y2", ""))) == (top, top + 22)


def _the_shaded_band_spans_the_quartiles_and_the_mark_is_the_median(
    cohort: Cohort, svg: ET.Element
) -> None:
    """Each level has a column of 480 / size, its mark in the middle (from x 260, worst on
    the left); the shaded band reaches a little beyond the lower and the upper quartile's
    marks, as much on either side, and the black mark stands at the median's."""
    scale = cohort.scale
    rows = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "aspect"]

    def x(level: int) -> float:
        return 260 + (scale.rank(level) + 0.5) * 480 / scale.size

    for row, node_id in zip(rows, [*cohort.aspects, "overall"], strict=True):
        stats = cohort.stats(node_id)
        bands = [r for r in row.findall(f"{SVG}rect") if r.get("fill") == "#e4e9ee"]
        low, high = stats.lower_quartile, stats.upper_quartile
        if low is None or high is None:
            assert bands == []
        else:
            (band,) = bands
            left = float(band.get("x", ""))
            right = left + float(band.get("width", ""))
            assert left < x(low) <= x(high) < right
            assert abs((x(low) - left) - (right - x(high))) <= 0.1
        marks = row.findall(f"{SVG}line")
        if stats.median is None:
            assert marks == []
        else:
            (mark,) = marks
            assert abs(float(mark.get("x1", "")) - x(stats.median)) <= 0.051
            assert mark.get("x1") == mark.get("x2")


@pytest.mark.parametrize("title", ["\ufffe", "A \uffff title", "<\ufffe&>"])
def test_a_title_holding_a_noncharacter_xml_forbids_leaves_the_charts_well_formed(
    title: str,
) -> None:
    """U+FFFE and U+FFFF are not characters XML allows: a title holding one, written as it
    is, made the page's SVG not well-formed (found by CI's draw of round 53, a strand titled
    `\\ufffe`). They are shown escaped, as `shown` writes what it escapes."""
    framework = _framework(Scale(best=3, worst=0), aspects=1, aspect_title=title)
    cohort = benchmark(framework, [_review(framework, "a", [2])])
    bars = _bars(cohort)  # parses the SVG: refused before
    texts = " ".join(t.text or "" for bar in bars for t in bar.iter(f"{SVG}text"))
    assert "\ufffe" not in texts
    assert "\uffff" not in texts
    assert ("\\ufffe" in texts) or ("\\uffff" in texts)
    school = school_section(cohort, cohort.schools[0])[3]
    assert "\ufffe" not in school
    assert "\uffff" not in school
