"""A radar chart of levels, as inline SVG that measures its own labels.

Used by the governors' page (`export_summary`) for a school's aspects beside its previous
review, a cohort's median and an award's threshold, and meant for the authority's
dashboard too. The API is small and typed::

    from selfreview_core.radar import Series, radar_chart

    svg = radar_chart(
        framework.scale,
        ["1a ICT and the school vision", "1b ...", "1c ..."],
        [Series("This review", (3, 4, 2)), Series("Previous review", (4, 4, None), "previous")],
        title="Aspects of Example Primary School",
    )

- One axis per label, the first pointing up, the others clockwise. On each axis the worst
  level sits on the innermost ring and the best on the outermost, whichever way the scale's
  numbers run (`Scale.rank`), so "further out" always means "better". Rings are numbered
  with their levels.
- A series gives one level per axis; None is a gap: no point there, and the line is broken
  either side of it. A series of kind `school` is filled when it has no gap.
- Series are told apart by line pattern and marker shape as well as by colour (solid and
  circles, dashed and squares, dotted and diamonds, dash-dot and triangles), and named in a
  legend; the chart's `<desc>` gives every value in words, for screen readers.
- Labels are measured, not guessed: `text_width` estimates the width of text in Arial or
  Helvetica (their metrics are the same; Liberation Sans matches them on Linux) from a
  per-character table, with a margin for wider fallback fonts. A label is wrapped to lines
  no wider than `label_width` (a word too long for a line is broken), at most
  `MAX_LABEL_LINES` lines (then cut with "…", the whole label in a tooltip), and placed
  outside the outer ring on the side its axis points to. The viewBox is then grown to hold
  every label and the legend, so nothing is clipped, however long the labels.
- Under three axes a radar says nothing: `radar_chart` draws the same series as a bar
  chart instead (`bar_chart`), one group of bars per axis, on the same worst-to-best axis.

Every piece of text is escaped (`html.escape` after `escaping.shown`); the SVG references
nothing outside itself.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Final, Literal

from .escaping import shown
from .scale import Scale

__all__ = [
    "FONT_FAMILY",
    "MAX_LABEL_LINES",
    "STYLES",
    "Series",
    "SeriesKind",
    "SeriesStyle",
    "bar_chart",
    "radar_chart",
    "text_width",
    "wrap_text",
]

SeriesKind = Literal["school", "previous", "cohort", "threshold"]

#: The fonts the widths are measured for, first; any sans-serif after them.
FONT_FAMILY: Final = "Arial,'Liberation Sans',Helvetica,sans-serif"
#: Lines a label may take before it is cut.
MAX_LABEL_LINES: Final = 4
#: Wider fallback fonts still fit: DejaVu Sans, the usual one on Linux, runs up to 15% wider.
_MARGIN: Final = 1.15
_LINE: Final = 1.25  # line height, in font sizes

# Advance widths of Helvetica (= Arial) in thousandths of an em, for ASCII 32..126.
_ASCII: Final = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
_OTHER: Final = {
    "–": 556, "—": 1000, "…": 1000, "‘": 222, "’": 222, "“": 333, "”": 333, "•": 350,
    "·": 278, "▲": 1000, "▼": 1000, "◂": 1000, "▸": 1000, "×": 584, "°": 400, "€": 556,
    "£": 556,
}  # fmt: skip
_BOLD: Final = 1.1  # Helvetica Bold runs about 10% wider


@dataclass(frozen=True, slots=True)
class SeriesStyle:
    """How a kind of series is drawn: colour, line pattern (SVG dasharray), marker."""

    colour: str
    dash: str | None
    marker: Literal["circle", "square", "diamond", "triangle"]
    fill: bool


STYLES: Final[dict[str, SeriesStyle]] = {
    "school": SeriesStyle("#1f5f8b", None, "circle", True),
    "previous": SeriesStyle("#5f6b76", "6 4", "square", False),
    "cohort": SeriesStyle("#b54708", "2 3", "diamond", False),
    "threshold": SeriesStyle("#7a3e9d", "9 3 2 3", "triangle", False),
}


@dataclass(frozen=True, slots=True)
class Series:
    """One line of the chart: a name for the legend and one level (or None) per axis."""

    name: str
    values: Sequence[int | None]
    kind: SeriesKind = "school"


def _char_width(char: str) -> float:
    code = ord(char)
    if 32 <= code <= 126:
        return _ASCII[code - 32]
    if char in _OTHER:
        return _OTHER[char]
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1000
    base = unicodedata.normalize("NFD", char)[0]  # é is as wide as e
    if base != char and 32 <= ord(base) <= 126:
        return _ASCII[ord(base) - 32]
    return 667  # a wide Latin letter: better too wide than clipped


def text_width(text: str, font_size: float = 12, *, bold: bool = False) -> float:
    """The width of `text` set in `font_size` px (of Arial or Helvetica, with a margin for
    wider fonts), as `shown` prints it."""
    units = sum(_char_width(c) for c in shown(text, newline=False))
    return units / 1000 * font_size * _MARGIN * (_BOLD if bold else 1)


def _break_word(word: str, max_width: float, font_size: float, bold: bool) -> list[str]:
    """A word too wide for a line, in pieces that fit (at least one character each)."""
    pieces, piece = [], ""
    for char in word:
        if piece and text_width(piece + char, font_size, bold=bold) > max_width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece] if piece else pieces


def wrap_text(
    text: str,
    max_width: float,
    font_size: float = 12,
    *,
    bold: bool = False,
    max_lines: int | None = None,
) -> list[str]:
    """`text` (as `shown` prints it) in lines no wider than `max_width`; with `max_lines`,
    the last line kept ends in "…" when the text goes on."""
    words = [
        w
        for word in shown(text, newline=False).split()
        for w in _break_word(word, max_width, font_size, bold)
    ]
    lines: list[str] = []
    for word in words:
        if lines and text_width(f"{lines[-1]} {word}", font_size, bold=bold) <= max_width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_width(last + "…", font_size, bold=bold) > max_width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines or [""]


def _e(text: object) -> str:
    return escape(shown(text), quote=True)


def _f(number: float) -> str:
    return f"{number:.1f}".removesuffix(".0")


@dataclass
class _Box:
    """The area drawn so far, grown by each thing placed."""

    left: float
    top: float
    right: float
    bottom: float

    def add(self, left: float, top: float, right: float, bottom: float) -> None:
        self.left, self.top = min(self.left, left), min(self.top, top)
        self.right, self.bottom = max(self.right, right), max(self.bottom, bottom)


def _marker(kind: str, x: float, y: float, colour: str, size: float = 4) -> str:
    if kind == "square":
        return (
            f'<rect x="{_f(x - size)}" y="{_f(y - size)}" width="{_f(2 * size)}" '
            f'height="{_f(2 * size)}" fill="{colour}"/>'
        )
    if kind == "diamond":
        d = size * 1.35
        points = f"{_f(x)},{_f(y - d)} {_f(x + d)},{_f(y)} {_f(x)},{_f(y + d)} {_f(x - d)},{_f(y)}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if kind == "triangle":
        d = size * 1.3
        points = f"{_f(x)},{_f(y - d)} {_f(x + d)},{_f(y + d * 0.8)} {_f(x - d)},{_f(y + d * 0.8)}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(size)}" fill="{colour}"/>'


def _style(series: Series) -> SeriesStyle:
    return STYLES.get(series.kind, STYLES["school"])


def _legend(
    series: Sequence[Series], box: _Box, font_size: float, note: str, gap: float = 14
) -> str:
    """Entries in rows under what is drawn, wrapped to its width, then `note` (which way the
    scale runs); grows `box`."""
    width = max(box.right - box.left, 200.0)
    sample = 26.0
    x, y = box.left, box.bottom + gap + font_size
    parts = []
    for item in series:
        style = _style(item)
        label = wrap_text(item.name, width - sample - 8, font_size, max_lines=2)
        entry = sample + 6 + max(text_width(line, font_size) for line in label)
        if x > box.left and x + entry > box.left + width:
            x, y = box.left, y + font_size * _LINE * 1.4
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        middle = y - font_size * 0.35
        parts.append(
            f'<g class="legend-entry"><line x1="{_f(x)}" y1="{_f(middle)}" '
            f'x2="{_f(x + sample)}" y2="{_f(middle)}" stroke="{style.colour}" '
            f'stroke-width="2"{dash}/>'
            + _marker(style.marker, x + sample / 2, middle, style.colour)
            + "".join(
                f'<text x="{_f(x + sample + 6)}" y="{_f(y + i * font_size * _LINE)}">'
                f"{_e(line)}</text>"
                for i, line in enumerate(label)
            )
            + "</g>"
        )
        box.add(x, y - font_size, x + entry, y + (len(label) - 1) * font_size * _LINE + 4)
        x += entry + 16
    small = font_size * 0.9
    y = box.bottom + (gap if series else 0) + small
    for line in wrap_text(note, width, small):
        parts.append(
            f'<text x="{_f(box.left)}" y="{_f(y)}" class="note" style="font-size:{_f(small)}px">'
            f"{_e(line)}</text>"
        )
        box.add(box.left, y - small, box.left + text_width(line, small), y + 4)
        y += small * _LINE
    return "".join(parts)


def _describe(scale: Scale, axes: Sequence[str], series: Sequence[Series]) -> str:
    def level(value: int | None) -> str:
        return "none" if value is None else str(value)

    rows = [
        f"{axis}: " + ", ".join(f"{s.name} {level(s.values[i])}" for s in series)
        for i, axis in enumerate(axes)
    ]
    return f"Levels from the worst ({scale.worst}) to the best ({scale.best}). " + "; ".join(rows)


def _svg(box: _Box, title: str, description: str, css_class: str, body: str, font: float) -> str:
    pad = 6
    left, top = box.left - pad, box.top - pad
    width, height = box.right - box.left + 2 * pad, box.bottom - box.top + 2 * pad
    # Scoped to the chart: a `<style>` inside inline SVG applies to the whole page.
    style = (
        f"<style>.radar-chart text{{font-family:{FONT_FAMILY};font-size:{_f(font)}px;"
        "fill:#1d2329}.radar-chart .ring-label,.radar-chart .note{fill:#5f6b76}"
        ".radar-chart .axis-label{font-weight:600}"
        ".radar-chart .ring-label{stroke:#fff;stroke-width:3px;paint-order:stroke}</style>"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_f(left)} {_f(top)} {_f(width)} '
        f'{_f(height)}" width="{_f(width)}" height="{_f(height)}" role="img" '
        f'class="radar-chart {_e(css_class)}"><title>{_e(title)}</title>'
        f"<desc>{_e(description)}</desc>{style}{body}</svg>"
    )


def _check(axes: Sequence[str], series: Sequence[Series], scale: Scale) -> None:
    for item in series:
        if len(item.values) != len(axes):
            raise ValueError(
                f"series {item.name!r} has {len(item.values)} values for {len(axes)} axes"
            )
        outside = [v for v in item.values if v is not None and v not in scale]
        if outside:
            raise ValueError(f"series {item.name!r} has levels outside the scale: {outside}")


def radar_chart(
    scale: Scale,
    axes: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str | None = None,
    radius: float = 130,
    label_width: float = 130,
    font_size: float = 12,
    css_class: str = "radar",
) -> str:
    """The whole `<svg>` element (see the module); a bar chart under three axes.

    `axes` are the labels, in order; each series has one level (or None) per axis, on
    `scale`. Raises `ValueError` for a series of the wrong length or a level off the scale.
    """
    _check(axes, series, scale)
    if len(axes) < 3:
        return bar_chart(
            scale,
            axes,
            series,
            title=title,
            description=description,
            font_size=font_size,
            label_width=label_width,
            css_class=css_class,
        )
    rings = scale.size
    count = len(axes)

    def point(axis: int, level: int) -> tuple[float, float]:
        r = radius * (scale.rank(level) + 1) / rings
        angle = -math.pi / 2 + 2 * math.pi * axis / count
        return r * math.cos(angle), r * math.sin(angle)

    box = _Box(-radius, -radius, radius, radius)
    parts: list[str] = []
    # Rings, one per level (polygons, as the series are), and the spokes.
    for rank in range(rings):
        level = scale.from_rank(rank)
        ring = " ".join(f"{_f(x)},{_f(y)}" for x, y in (point(i, level) for i in range(count)))
        outer = rank == rings - 1
        parts.append(
            f'<polygon points="{ring}" fill="none" stroke="{"#98a2ad" if outer else "#d5dbe1"}"'
            f' stroke-width="1"/>'
        )
    for i in range(count):
        x, y = point(i, scale.best)
        parts.append(f'<line x1="0" y1="0" x2="{_f(x)}" y2="{_f(y)}" stroke="#d5dbe1"/>')
    # Level numbers up the first spoke: at most about six, always the worst and the best.
    stride = -(-rings // 6)
    small = font_size * 0.85
    for rank in range(rings):
        if rank % stride and rank != rings - 1:
            continue
        level = scale.from_rank(rank)
        _, y = point(0, level)
        parts.append(
            f'<text x="7" y="{_f(y + small * 0.9)}" class="ring-label" '
            f'style="font-size:{_f(small)}px">{_e(level)}</text>'
        )
    # Axis labels, measured and placed on the side their axis points to.
    line_height = font_size * _LINE
    for i, label in enumerate(axes):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        cos, sin = math.cos(angle), math.sin(angle)
        gap = 10
        x, y = (radius + gap) * cos, (radius + gap) * sin
        lines = wrap_text(label, label_width, font_size, bold=True, max_lines=MAX_LABEL_LINES)
        width = max(text_width(line, font_size, bold=True) for line in lines)
        height = len(lines) * line_height
        if cos > 0.25:
            anchor, left = "start", x
        elif cos < -0.25:
            anchor, left = "end", x - width
        else:
            anchor, left = "middle", x - width / 2
        if sin < -0.25:  # above the chart: the block ends at the label point
            top = y - height
        elif sin > 0.25:  # below: it starts there
            top = y
        else:
            top = y - height / 2
        box.add(left, top, left + width, top + height)
        text_x = {"start": left, "end": left + width, "middle": left + width / 2}[anchor]
        tspans = "".join(
            f'<tspan x="{_f(text_x)}" y="{_f(top + (n + 0.8) * line_height)}">{_e(line)}</tspan>'
            for n, line in enumerate(lines)
        )
        parts.append(
            f'<text class="axis-label" text-anchor="{anchor}"><title>{_e(label)}</title>'
            f"{tspans}</text>"
        )
    # The series, in the order given (the school's last would hide the others: drawn first).
    for item in series:
        parts.append(
            _radar_series(
                item, [None if v is None else point(i, v) for i, v in enumerate(item.values)]
            )
        )
    note = (
        f"Further out is better: the outer ring is the best level ({scale.best}), the inner "
        f"ring the worst ({scale.worst})."
    )
    legend = _legend(series, box, font_size, note)
    body = "".join(parts) + legend
    return _svg(
        box, title, description or _describe(scale, axes, series), css_class, body, font_size
    )


def _radar_series(item: Series, points: list[tuple[float, float] | None]) -> str:
    style = _style(item)
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    out = [f'<g class="series {_e(item.kind)}"><title>{_e(item.name)}</title>']
    if all(p is not None for p in points):
        joined = " ".join(f"{_f(p[0])},{_f(p[1])}" for p in points if p is not None)
        fill = f'fill="{style.colour}" fill-opacity="0.14"' if style.fill else 'fill="none"'
        out.append(
            f'<polygon points="{joined}" {fill} stroke="{style.colour}" stroke-width="2"{dash}/>'
        )
    else:  # a gap breaks the line either side of it
        for i, here in enumerate(points):
            after = points[(i + 1) % len(points)]
            if here is not None and after is not None:
                out.append(
                    f'<line x1="{_f(here[0])}" y1="{_f(here[1])}" x2="{_f(after[0])}" '
                    f'y2="{_f(after[1])}" stroke="{style.colour}" stroke-width="2"{dash}/>'
                )
    out += [_marker(style.marker, p[0], p[1], style.colour) for p in points if p is not None]
    out.append("</g>")
    return "".join(out)


def bar_chart(
    scale: Scale,
    axes: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str | None = None,
    width: float = 300,
    label_width: float = 130,
    font_size: float = 12,
    css_class: str = "radar",
) -> str:
    """The series as horizontal bars, a group per axis, from the worst level (left) to the
    best (right): what `radar_chart` draws under three axes."""
    _check(axes, series, scale)
    line_height = font_size * _LINE
    bar, between = 9.0, 3.0
    column = width / scale.size

    def end(level: int) -> float:
        return (scale.rank(level) + 0.5) * column

    parts: list[str] = []
    y = font_size * 1.6  # room for the level numbers
    for rank in range(scale.size):
        level = scale.from_rank(rank)
        x = end(level)
        parts.append(
            f'<text x="{_f(x)}" y="{_f(font_size)}" text-anchor="middle" class="ring-label">'
            f"{_e(level)}</text>"
        )
    box = _Box(-label_width - 8, 0, width, y)
    top = y
    for i, label in enumerate(axes):
        lines = wrap_text(label, label_width, font_size, bold=True, max_lines=MAX_LABEL_LINES)
        block = max(len(lines) * line_height, len(series) * (bar + between) + between)
        parts.append(
            '<text class="axis-label" text-anchor="end">'
            f"<title>{_e(label)}</title>"
            + "".join(
                f'<tspan x="-8" y="{_f(y + (n + 0.8) * line_height)}">{_e(line)}</tspan>'
                for n, line in enumerate(lines)
            )
            + "</text>"
        )
        for n, item in enumerate(series):
            value = item.values[i]
            if value is None:
                continue
            style = _style(item)
            dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
            bar_y = y + between + n * (bar + between)
            opacity = "0.85" if style.fill else "0.25"
            parts.append(
                f'<g class="series {_e(item.kind)}"><title>{_e(f"{item.name}: {value}")}</title>'
                f'<rect x="0" y="{_f(bar_y)}" width="{_f(end(value))}" height="{_f(bar)}" '
                f'fill="{style.colour}" fill-opacity="{opacity}" stroke="{style.colour}"{dash}/>'
                + _marker(style.marker, end(value), bar_y + bar / 2, style.colour)
                + "</g>"
            )
        y += block + 6
    parts.insert(
        0,
        "".join(
            f'<line x1="{_f(end(scale.from_rank(r)))}" y1="{_f(top - 2)}" '
            f'x2="{_f(end(scale.from_rank(r)))}" y2="{_f(y)}" stroke="#d5dbe1"/>'
            for r in range(scale.size)
        ),
    )
    box.add(box.left, box.top, box.right, y)
    note = (
        f"Longer is better: bars run from the worst level ({scale.worst}) on the left to the "
        f"best ({scale.best}) on the right."
    )
    legend = _legend(series, box, font_size, note)
    body = "".join(parts) + legend
    return _svg(
        box, title, description or _describe(scale, axes, series), css_class, body, font_size
    )
