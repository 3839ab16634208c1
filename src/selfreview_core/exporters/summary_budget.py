"""How much of two A4 pages the governors' page (`summary`) takes, estimated from its HTML.

SPEC section 9 promises at most two A4 pages whatever a framework, a review or a plugin
says. Every text is cut (`summary_levels.cut_text`) and every list is capped, but caps that
hold for texts at their longest would cut ordinary reviews short; so the page is measured
as it is made, and the lists that can give way (the evidence, the strands worth
discussing, the aspects' rows, the actions, the awards, the aspects that moved) are
shortened until it fits, each counted ("and N more"; `summary.render`).

The estimate follows the print style sheet (`summary.STYLE`, `@media print`): A4 less its
margins is 184 by 272 mm, body text is 8.6 pt on lines of 1.35, the table 8 pt; a part
inside a `.grid` is half as wide. Text is wrapped by `text_measure.wrap_text`, which
measures Arial's widths with a margin for wider fonts, so the estimate errs long. It was
held against Chromium's print of the worst cases (tests/exporters/test_summary_budget.py).
"""

from __future__ import annotations

import html
import re
from typing import Final

from .text_measure import wrap_text

__all__ = ["BUDGET", "Heights", "chart_height", "page_height", "part_height", "row_height"]

_MM: Final = 96 / 25.4  # CSS pixels in a millimetre
_PT: Final = 96 / 72
#: The width of the printed page's text and of one column of a `.grid`, in CSS pixels.
FULL: Final = 184 * _MM
HALF: Final = (FULL - 0.8 * 8.6 * _PT) / 2
_BODY: Final = 8.6 * _PT  # body text, in px
_LINE: Final = _BODY * 1.35
#: The height the page may take, as `page_height` estimates it: two A4 pages of 272 mm of
#: text, less what the breaks lose (an action is never split, a heading never ends a page),
#: over a twentieth more, by which the estimate of a table beside the chart fell short.
BUDGET: Final = (2 * 272 * _MM - 4 * _LINE) / 1.05
#: The chart's drawing, as the print style sheet caps its height (`svg.radar{max-height}`),
#: below the table and beside it; its heading (10.5 pt on a line of 1.35, margins of .7 and
#: .25 em, a padding of .15 em and a rule of 2 px) and its caption's lines (.8 of the body
#: text) are added. Three body lines for both fell short of Chromium's print by 0.6 mm with
#: a caption of one line, and by 4 mm with one of two (a chart of more than 30 aspects).
CHART_STACKED: Final = 72 * _MM
CHART_BESIDE: Final = 82 * _MM
_CHART_HEADING: Final = (0.7 + 1.35 + 0.15 + 0.25) * 10.5 * _PT + 2
_CAPTION: Final = 0.8 * _BODY
#: A row's height with a level's chip on one line and on two (measured in Chromium's print),
#: and what a row adds to its title's lines.
_CHIP: Final = 22.0
_LONG_CHIP: Final = 50.0
_ROW_PADDING: Final = 8.0
#: The header's fixed parts (its kicker and the figures' boxes) and the footer.
_FIXED: Final = 8 * _LINE

#: A block of text (a heading, a paragraph, an item, a row, an award's title), up to the
#: next block's start or end.
_BLOCK = re.compile(
    r"<(h1\b|h2\b|p\b|li\b|tr\b|div class=\"award\")[^>]*>"
    r"(.*?)(?=<(?:/?(?:h1|h2|p|li|tr|ul|ol|div|section)\b))",
    re.S,
)
_TAG = re.compile(r"<[^>]+>")
_SVG = re.compile(r"<svg.*?</svg>", re.S)
_PARTS = re.compile(r'(<div class="(?:grid|stack)">.*?</section>\n</div>)', re.S)
_SECTION = re.compile(r"<section.*?</section>", re.S)

#: Each block's height as `part_height` found it, by its tag, its HTML and its width: the
#: page is measured again for each list that gives way (`summary.render`), and all but that
#: list are the same blocks as before; wrapping their text is most of a measure's time.
Heights = dict[tuple[str, str, float], float]


def _text(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup.replace("<br>", "\n")))


def _lines(text: str, width: float, size: float = _BODY) -> int:
    return sum(len(wrap_text(part, width, size)) for part in text.split("\n") if part.strip())


def row_height(row: str, width: float) -> float:
    """One row of the aspects' table: its title beside a level's chip (two lines when it is
    `long`), in 8 pt. The title has about half of a table as wide as the page, and a fifth
    of one beside the chart (the chip and the figures keep their width)."""
    size = 8 * _PT
    title = re.search(r'<th scope="row">(.*?)</th>', row, re.S)
    share = 0.5 if width >= FULL else 0.2
    lines = _lines(_text(title.group(1)), width * share, size) if title else 1
    chip = _LONG_CHIP if 'class="level long"' in row else _CHIP
    return max(lines * size * 1.35 + _ROW_PADDING, chip)


def _block_height(tag: str, body: str, width: float) -> float:
    if tag == "tr":
        return row_height(body, width) if '<th scope="row">' in body else 2 * _LINE
    if tag == "h1":
        return _lines(_text(body), width, 15 * _PT) * 15 * _PT * 1.2
    if tag == "h2":
        return (_lines(_text(body), width, 10.5 * _PT) + 1) * _LINE
    indent = 20 if tag == "li" else 0
    return (_lines(_text(body), width - indent) + 0.4) * _LINE


def chart_height(part: str, drawing: float, width: float) -> float:
    """The chart's section (its HTML, without the drawing), `width` wide: the `drawing` at
    its printed height, its heading and its caption as it wraps."""
    caption = re.search(r"<figcaption>(.*?)</figcaption>", part, re.S)
    lines = _lines(_text(caption.group(1)), width, _CAPTION) if caption else 0
    return drawing + _CHART_HEADING + lines * _CAPTION * 1.35


def part_height(part: str, width: float, known: Heights | None = None) -> float:
    """The height of a part of the page (its HTML), `width` wide: each heading, paragraph,
    item, award and row as its text wraps, with its margins. A block already in `known`
    is not measured again; one measured is added to it."""
    known = {} if known is None else known
    height = 0.0
    for tag, body in _BLOCK.findall(part):
        key = (tag, body, width)
        if (block := known.get(key)) is None:
            block = known[key] = _block_height(tag, body, width)
        height += block
    return height


def page_height(page: str, known: Heights | None = None) -> float:
    """The height of the whole page, as `part_height` estimates each part: the parts in a
    `.grid` side by side (the taller counts), the chart at its print size. `known` keeps
    the blocks' heights for the next measure of a page that differs in one list."""
    known = {} if known is None else known
    body = _SVG.sub("", page[page.index("<body") :])
    height = _FIXED
    for chunk in _PARTS.split(body):
        if chunk.startswith('<div class="grid">'):
            parts = _SECTION.findall(chunk)
            heights = [
                chart_height(p, CHART_BESIDE, HALF)
                if 'id="chart"' in p
                else part_height(p, HALF, known)
                for p in parts
            ]
            height += max(heights, default=0)
        elif chunk.startswith('<div class="stack">'):
            parts = _SECTION.findall(chunk)
            height += sum(
                chart_height(p, CHART_STACKED, FULL)
                if 'id="chart"' in p
                else part_height(p, FULL, known)
                for p in parts
            )
        else:
            height += part_height(chunk, FULL, known)
    return height
