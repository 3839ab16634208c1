"""The HTML report's profile chart (`exporters/chart.py`): what its mutation pass (round 41)
found no test held, pinned by what a reader of the chart meets."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

from selfreview_core import Engine, load_assessment
from selfreview_core.exporters.chart import profile_chart, text_width
from selfreview_core.loader import load_framework
from selfreview_core.model.assessment import Assessment, Judgement, School

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "examples" / "questions"


def chart(
    best: int,
    worst: int,
    labels: dict[int, str] | None = None,
    level: int = 0,
    title: str = "S",
    headings: tuple[str, str] = ("E", "A"),
) -> str:
    """The chart of one strand judged at `level`, on the scale from `worst` to `best`."""
    levels = ", ".join(f"{lv}: d" for lv in range(min(best, worst), max(best, worst) + 1))
    names = ", ".join(f'{lv}: "{name}"' for lv, name in (labels or {}).items())
    framework = load_framework(
        "c.yaml",
        text=f"""
kind: framework
id: c
version: "1"
title: C
scale: {{best: {best}, worst: {worst}, labels: {{{names}}}}}
elements:
  - id: "1"
    title: {headings[0]}
    aspects:
      - id: 1a
        title: {headings[1]}
        strands:
          - {{id: 1a1, title: {title}, levels: {{{levels}}}}}
""",
    )
    review = Assessment(
        framework=framework.ref,
        school=School(id="1", name="S"),
        assessed_on=dt.date(2026, 10, 1),
        judgements={"1a1": Judgement(level=level)},
    )
    engine = Engine(entry_points=False, disable=["next-steps"])
    return profile_chart(engine.report(review, framework=framework))


def test_a_level_name_of_many_words_takes_two_lines_at_most_and_is_whole() -> None:
    name = "one two three four five six seven eight nine ten eleven twelve"
    for best, worst in ((4, 0), (0, 4)):
        svg = chart(best, worst, {2: name}, level=best)
        [label] = re.findall(r'<text [^>]*class="tick-label">(.*?)</text>', svg)
        lines = re.findall(r"<tspan [^>]*>(.*?)</tspan>", label)
        assert 1 < len(lines) <= 2
        assert " ".join(lines) == name
        assert f"<title>{name}</title>" in label


def test_a_long_scale_numbers_about_a_dozen_ticks_always_the_worst_and_the_best() -> None:
    """26 levels: every third from the worst, and the best (rank 25, not a third's), each
    with its grid line; on a scale running either way."""
    for best, worst in ((25, 0), (0, 25)):
        svg = chart(best, worst, level=best)
        top = [
            int(t) for t in re.findall(r'<text x="[\d.]+" y="42" class="tick">(\d+)</text>', svg)
        ]
        step = 1 if best > worst else -1
        worst_first = list(range(worst, best + step, step))
        assert top == [*worst_first[0:25:3], best]
        assert svg.count('stroke="#d5dbe1"/>') == len(top)


def _columns(svg: str) -> float:
    """The width of a level's column: the distance between two neighbouring ticks."""
    xs = sorted({float(x) for x in re.findall(r'<text x="([\d.]+)" y="42" class="tick">', svg)})
    return xs[1] - xs[0]


def test_a_columns_width_holds_its_longest_word_and_half_its_name() -> None:
    """On a scale of ten levels (narrow columns), a level named by one long word widens
    every column to hold it; a name of many short words, to hold half of it, so that two
    lines hold the name, each clear of the next column."""
    word = "Extraordinarily"
    svg = chart(9, 0, {4: word}, level=9)
    assert _columns(svg) >= text_width(word, 10) + 6
    name = "a b c d e f g h i j k l m n o p q r s t u v w x y z"
    svg = chart(9, 0, {4: name}, level=9)
    [label] = re.findall(r'<text [^>]*class="tick-label">(.*?)</text>', svg)
    lines = re.findall(r"<tspan [^>]*>(.*?)</tspan>", label)
    assert " ".join(lines) == name
    assert len(lines) == 2
    assert all(text_width(line, 10) <= _columns(svg) - 6 for line in lines)  # 3px each side


def test_a_label_of_90_characters_is_whole_and_of_91_cut_with_a_mark() -> None:
    """The strand's label, the element's heading and the aspect's (`1a1 title`)."""
    for title, shown in (("t" * 86, "1a1 " + "t" * 86), ("t" * 87, "1a1 " + "t" * 85 + "…")):
        assert f'class="label">{shown}</text>' in chart(3, 0, level=2, title=title)
    for title, shown in (("t" * 88, "1 " + "t" * 88), ("t" * 89, "1 " + "t" * 87 + "…")):
        assert f'class="element">{shown}</text>' in chart(3, 0, level=2, headings=(title, "A"))
    for title, shown in (("t" * 87, "1a " + "t" * 87), ("t" * 88, "1a " + "t" * 86 + "…")):
        assert f'class="aspect">{shown}</text>' in chart(3, 0, level=2, headings=("E", title))


def test_the_aspects_score_beside_a_question_chart_fits_inside_it() -> None:
    """In a framework with questions the aspect's standing (`aspect 1.75 (level 1 Started)`)
    is written right of the plot: the chart is wide enough for it, even when long strand
    titles push the plot to the right."""
    text = (QUESTIONS / "technology-standards.yaml").read_text(encoding="utf-8")
    long = "Someone answers for technology, in writing, at every level of the setting and beyond"
    framework = load_framework("t.yaml", text=text.replace("Someone answers for technology", long))
    review = load_assessment(QUESTIONS / "example-setting.yaml", framework=framework)
    svg = profile_chart(Engine(entry_points=False).report(review, framework=framework))
    width = float(re.search(r'<svg [^>]*width="([\d.]+)"', svg)[1])  # type: ignore[index]
    said = re.findall(r'<text x="([\d.]+)" y="[\d.]+" class="aspect-level">(.*?)</text>', svg)
    assert said
    assert any("(level" in text for _, text in said)
    for x, text in said:
        assert float(x) + text_width(unescape(text)) <= width, (text, width)
