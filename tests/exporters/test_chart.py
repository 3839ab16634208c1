"""The profile chart measures its labels: long level names (up to about 65 characters) and
strand titles are shown whole, never clipped, and the chart grows to hold them; a longer
level name is cut at a word, and marked, so that it never runs into its neighbours'."""

from __future__ import annotations

import datetime as dt
import html
import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Engine
from selfreview_core.exporters.chart import LABEL_X, _label_width, profile_chart, text_width
from selfreview_core.loader import load_framework
from selfreview_core.model.assessment import Assessment, Judgement, School

LONG_LEVEL = "Embedded across the whole school community"
LONG_STRAND = "The use of ICT to support assessment recording and reporting to parents and carers"

FRAMEWORK = f"""
kind: framework
id: long-words
version: "1"
title: Long words
scale:
  best: 4
  worst: 1
  labels: {{1: Starting, 2: Developing, 3: Established, 4: "{LONG_LEVEL}"}}
elements:
  - id: "1"
    title: Leadership
    aspects:
      - id: 1a
        title: Vision
        strands:
          - id: 1a1
            title: "{LONG_STRAND}"
            levels: {{1: a, 2: b, 3: c, 4: d}}
          - id: 1a2
            title: Short
            levels: {{1: a, 2: b, 3: c, 4: d}}
"""


def _chart() -> str:
    framework = load_framework("long.yaml", text=FRAMEWORK)
    review = Assessment(
        framework=framework.ref,
        school=School(id="1", name="S"),
        assessed_on=dt.date(2026, 10, 1),
        judgements={"1a1": Judgement(level=4), "1a2": Judgement(level=1)},
    )
    engine = Engine(entry_points=False, disable=["next-steps"])
    return profile_chart(engine.report(review, framework=framework))


def test_a_long_strand_title_is_shown_whole_left_of_the_bars() -> None:
    svg = _chart()
    assert f"1a1 {LONG_STRAND}</text>" in svg
    bars = [float(x) for x in re.findall(r'<rect class="bar now" x="([\d.]+)"', svg)]
    assert bars
    assert min(bars) >= LABEL_X + text_width(f"1a1 {LONG_STRAND}")


def test_a_long_level_name_is_shown_whole_within_its_column() -> None:
    svg = _chart()
    assert "…" not in svg
    names = re.findall(r'class="tick-label"><title>(.*?)</title>(.*?)</text>', svg)
    shown = {title: "".join(re.findall(r">([^<]*)</tspan>", spans)) for title, spans in names}
    assert shown[LONG_LEVEL].replace(" ", "") == LONG_LEVEL.replace(" ", "")
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))  # type: ignore[union-attr]
    assert width > 720  # grown to hold what it shows
    assert width == float(re.search(r'width="([\d.]+)" height', svg).group(1))  # type: ignore[union-attr]


def test_text_width_grows_with_the_text_and_the_font() -> None:
    assert text_width("") == 0
    assert text_width("iii") < text_width("mmm")
    assert text_width("abc", 12) < text_width("abc", 14) < text_width("abc", 14, bold=True)


def test_one_measure_for_every_chart() -> None:
    """The profile chart measures its labels as the radar and the bar charts do, in the
    fonts it is drawn in: one estimate, not two that disagree."""
    from selfreview_core.exporters import chart, text_measure
    from selfreview_core.exporters.text_measure import FONT_FAMILY

    assert chart.text_width is text_measure.text_width  # the one radar.py uses
    assert text_width("W" * 20) > text_width("i" * 20)
    assert f"font-family:{FONT_FAMILY}" in _chart()


def _labelled_chart(labels: dict[int, str]) -> str:
    names = ", ".join(f'{level}: "{name}"' for level, name in labels.items())
    text = FRAMEWORK.replace(
        f'labels: {{1: Starting, 2: Developing, 3: Established, 4: "{LONG_LEVEL}"}}',
        f"labels: {{{names}}}",
    )
    framework = load_framework("labels.yaml", text=text)
    review = Assessment(
        framework=framework.ref,
        school=School(id="1", name="S"),
        assessed_on=dt.date(2026, 10, 1),
        judgements={"1a1": Judgement(level=4), "1a2": Judgement(level=3)},
    )
    engine = Engine(entry_points=False, disable=["next-steps"])
    return profile_chart(engine.report(review, framework=framework))


_WORDS = st.lists(st.text(string.ascii_letters, min_size=1, max_size=14), min_size=1, max_size=24)


@settings(max_examples=scaled(40), deadline=None)
@given(st.lists(_WORDS, min_size=4, max_size=4))
def test_level_names_never_run_into_their_neighbours(names: list[list[str]]) -> None:
    """Each level's name takes two lines at most, each no wider than its column (but for
    a single word, for which the column grows), so neighbours' names never overlap; what
    is shown is the name's first words, and a name cut short is marked. Before round 42 a
    long name's second line ran on under the next level's."""
    svg = _labelled_chart({n + 1: " ".join(words) for n, words in enumerate(names)})
    ticks = re.findall(r'<text x="([\d.]+)" y="\d+" class="tick-label">(.*?)</text>', svg)
    assert len(ticks) == 4
    xs = [float(x) for x, _ in ticks]
    column = xs[1] - xs[0]
    for (_, label), words in zip(ticks, names, strict=True):
        lines = [html.unescape(s) for s in re.findall(r"<tspan [^>]*>(.*?)</tspan>", label)]
        assert 1 <= len(lines) <= 2
        for line in lines:
            assert len(line.split()) == 1 or text_width(line, 10) <= column
        shown = " ".join(lines).split()
        if shown[-1] == "…":
            assert shown[:-1] == words[: len(shown) - 1]
            assert len(shown) - 1 < len(words)
        else:
            assert shown == words


def test_a_name_that_fits_two_even_lines_is_whole_and_a_longer_one_is_cut() -> None:
    """The column grows for a name of about 65 characters in two even lines; a longer one
    is cut on its second line, at a word, and its `<title>` keeps it whole."""
    fits = "Established across the school and reviewed by its leaders"
    too_long = "Embedded and extended well beyond the school into the wider community too"
    svg = _labelled_chart({1: "a", 2: "b", 3: fits, 4: too_long})
    labels = dict(re.findall(r'class="tick-label"><title>(.*?)</title>(.*?)</text>', svg))
    spans = {k: re.findall(r">([^<]*)</tspan>", v) for k, v in labels.items()}
    assert " ".join(spans[fits]) == fits
    assert len(spans[too_long]) == 2
    assert " ".join(spans[too_long]).endswith(" …")


def test_an_aspects_level_on_the_right_fits_inside_the_chart() -> None:
    """The aspect's level, on the right of its row, is bold like its title: measured as
    plain text it was wider than the room left for it, and its end was cut off by the
    chart's edge ("... each yea")."""
    name = "Established across the school and reviewed by its leaders each year"
    svg = _labelled_chart({1: "a", 2: "b", 3: name, 4: "d"})
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))  # type: ignore[union-attr]
    x, said = re.search(
        r'<text x="([\d.]+)" y="[\d.]+" class="aspect-level">(.*?)</text>', svg
    ).groups()  # type: ignore[union-attr]
    assert html.unescape(said) == f"aspect 3 {name}"
    assert float(x) + text_width(html.unescape(said), bold=True) <= width
    assert width == pytest.approx(
        float(x) + text_width(html.unescape(said), bold=True) + 8, abs=0.1
    )
    ticks = [float(t) for t in re.findall(r'<text x="([\d.]+)" y="\d+" class="tick-label">', svg)]
    assert float(x) == pytest.approx(ticks[-1] + (ticks[1] - ticks[0]) / 2 + 12, abs=0.1)


def test_a_levels_column_is_as_wide_as_its_longest_word_or_its_even_lines_and_a_margin() -> None:
    word = "Supercalifragilisticexpialidocious" * 2
    svg = _labelled_chart({1: "a", 2: "b", 3: word, 4: "d"})
    ticks = [float(t) for t in re.findall(r'<text x="([\d.]+)" y="\d+" class="tick-label">', svg)]
    assert ticks[1] - ticks[0] == pytest.approx(text_width(word, 10) + 8, abs=0.1)
    name = "Established across the school and reviewed by all"  # two even lines of 135px
    svg = _labelled_chart({1: "a", 2: "b", 3: name, 4: "d"})
    ticks = [float(t) for t in re.findall(r'<text x="([\d.]+)" y="\d+" class="tick-label">', svg)]
    assert ticks[1] - ticks[0] == pytest.approx(_label_width(name) + 8, abs=0.1)
