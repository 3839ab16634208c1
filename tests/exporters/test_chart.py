"""The profile chart measures its labels: long level names and strand titles are shown
whole, never clipped or cut short, and the chart grows to hold them."""

from __future__ import annotations

import datetime as dt
import re

from selfreview_core import Engine
from selfreview_core.exporters.chart import LABEL_X, profile_chart, text_width
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
