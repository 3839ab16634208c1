"""What the radar and the bar chart share: the series and how each kind is drawn, the area
drawn so far, markers, the legend and the `<svg>` element around the drawing.

Every piece of text is escaped (`html.escape` after `escaping.shown`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from ..escaping import shown_html as _e
from ..model.questions import score_text
from ..model.scale import Scale
from .text_measure import FONT_FAMILY, text_width, wrap_text

__all__ = [
    "LINE_HEIGHT",
    "MAX_LABEL_LINES",
    "STYLES",
    "Box",
    "Series",
    "SeriesKind",
    "SeriesStyle",
    "check_series",
    "describe",
    "draw_legend",
    "draw_marker",
    "level_words",
    "series_style",
    "svg",
    "svg_number",
]

SeriesKind = Literal["school", "previous", "cohort", "quartile", "threshold"]

#: Lines a label may take before it is cut.
MAX_LABEL_LINES: Final = 4
LINE_HEIGHT: Final = 1.25  # line height, in font sizes


@dataclass(frozen=True, slots=True)
class SeriesStyle:
    """How a kind of series is drawn: colour, line pattern (SVG dasharray), marker."""

    colour: str
    dash: str | None
    marker: Literal["circle", "square", "diamond", "open-diamond", "triangle"]
    fill: bool


STYLES: Final[dict[str, SeriesStyle]] = {
    "school": SeriesStyle("#1f5f8b", None, "circle", True),
    "previous": SeriesStyle("#5f6b76", "6 4", "square", False),
    "cohort": SeriesStyle("#b54708", "2 3", "diamond", False),
    # A cohort's quartiles: the median's colour, a sparser dot and the median's diamond open.
    "quartile": SeriesStyle("#b54708", "1 5", "open-diamond", False),
    "threshold": SeriesStyle("#7a3e9d", "9 3 2 3", "triangle", False),
}


@dataclass(frozen=True, slots=True)
class Series:
    """One line of the chart: a name for the legend and one level (or None) per axis.

    `scores`, when given (a framework with questions, SPEC section 10), are where each point
    is drawn: a score on the rank axis (0 at the worst level), so 1.75 sits three quarters
    of the way from the ring of rank 1 to the next; `values` stay the levels they lead to.
    """

    name: str
    values: Sequence[int | None]
    kind: SeriesKind = "school"
    scores: Sequence[float | None] | None = None

    def rank(self, scale: Scale, axis: int) -> float | None:
        """Where the point on an axis is drawn, on the rank axis; None for a gap."""
        value = self.values[axis]
        if value is None:
            return None
        if self.scores is not None and self.scores[axis] is not None:
            return self.scores[axis]
        return scale.rank(value)

    def said(self, axis: int) -> str:
        """The value on an axis in words: `3`, `1.75 (level 1)`, `none`."""
        value = self.values[axis]
        if value is None:
            return "none"
        score = None if self.scores is None else self.scores[axis]
        if score is None:
            return str(value)
        return f"{score_text(score)} (level {value})"


def svg_number(number: float) -> str:
    """A coordinate or size in SVG: one decimal place at most (`12`, `12.5`)."""
    return f"{number:.1f}".removesuffix(".0")


_f = svg_number  # short, for the many coordinates below


@dataclass
class Box:
    """The area drawn so far, grown by each thing placed."""

    left: float
    top: float
    right: float
    bottom: float

    def add(self, left: float, top: float, right: float, bottom: float) -> None:
        self.left, self.top = min(self.left, left), min(self.top, top)
        self.right, self.bottom = max(self.right, right), max(self.bottom, bottom)


def draw_marker(kind: str, x: float, y: float, colour: str, size: float = 4) -> str:
    if kind == "square":
        return (
            f'<rect x="{_f(x - size)}" y="{_f(y - size)}" width="{_f(2 * size)}" '
            f'height="{_f(2 * size)}" fill="{colour}"/>'
        )
    if kind in ("diamond", "open-diamond"):
        d = size * 1.35
        points = f"{_f(x)},{_f(y - d)} {_f(x + d)},{_f(y)} {_f(x)},{_f(y + d)} {_f(x - d)},{_f(y)}"
        if kind == "open-diamond":
            return (
                f'<polygon points="{points}" fill="#ffffff" stroke="{colour}" stroke-width="1.5"/>'
            )
        return f'<polygon points="{points}" fill="{colour}"/>'
    if kind == "triangle":
        d = size * 1.3
        points = f"{_f(x)},{_f(y - d)} {_f(x + d)},{_f(y + d * 0.8)} {_f(x - d)},{_f(y + d * 0.8)}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(size)}" fill="{colour}"/>'


def series_style(series: Series) -> SeriesStyle:
    return STYLES.get(series.kind, STYLES["school"])


def draw_legend(
    series: Sequence[Series], box: Box, font_size: float, note: str, gap: float = 14
) -> str:
    """Entries in rows under what is drawn, wrapped to its width, then `note` (which way the
    scale runs); grows `box`."""
    width = max(box.right - box.left, 200.0)
    sample = 26.0
    x, y = box.left, box.bottom + gap + font_size
    parts = []
    for item in series:
        style = series_style(item)
        label = wrap_text(item.name, width - sample - 8, font_size, max_lines=2)
        entry = sample + 6 + max(text_width(line, font_size) for line in label)
        if x > box.left and x + entry > box.left + width:
            x, y = box.left, y + font_size * LINE_HEIGHT * 1.4
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        middle = y - font_size * 0.35
        parts.append(
            f'<g class="legend-entry"><line x1="{_f(x)}" y1="{_f(middle)}" '
            f'x2="{_f(x + sample)}" y2="{_f(middle)}" stroke="{style.colour}" '
            f'stroke-width="2"{dash}/>'
            + draw_marker(style.marker, x + sample / 2, middle, style.colour)
            + "".join(
                f'<text x="{_f(x + sample + 6)}" y="{_f(y + i * font_size * LINE_HEIGHT)}">'
                f"{_e(line)}</text>"
                for i, line in enumerate(label)
            )
            + "</g>"
        )
        box.add(x, y - font_size, x + entry, y + (len(label) - 1) * font_size * LINE_HEIGHT + 4)
        x += entry + 16
    small = font_size * 0.9
    y = box.bottom + (gap if series else 0) + small
    for line in wrap_text(note, width, small):
        parts.append(
            f'<text x="{_f(box.left)}" y="{_f(y)}" class="note" style="font-size:{_f(small)}px">'
            f"{_e(line)}</text>"
        )
        box.add(box.left, y - small, box.left + text_width(line, small), y + 4)
        y += small * LINE_HEIGHT
    return "".join(parts)


def level_words(scale: Scale, level: int) -> str:
    """A level as a chart's note and description name it: `3`, or `3 Embedded` when the
    scale names it, so that a reader of a scale whose best is its lowest number (Becta's,
    5 to 1) or of named levels is told which ring or end is which in words."""
    label = scale.labels.get(level)
    return f"{level} {label}" if label else str(level)


def describe(scale: Scale, axes: Sequence[str], series: Sequence[Series]) -> str:
    rows = [
        f"{axis}: " + ", ".join(f"{s.name} {s.said(i)}" for s in series)
        for i, axis in enumerate(axes)
    ]
    worst, best = level_words(scale, scale.worst), level_words(scale, scale.best)
    return f"Levels from the worst ({worst}) to the best ({best}). " + "; ".join(rows)


def svg(box: Box, title: str, description: str, css_class: str, body: str, font: float) -> str:
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


def check_series(axes: Sequence[str], series: Sequence[Series], scale: Scale) -> None:
    for item in series:
        if len(item.values) != len(axes):
            raise ValueError(
                f"series {item.name!r} has {len(item.values)} values for {len(axes)} axes"
            )
        if item.scores is not None and len(item.scores) != len(axes):
            raise ValueError(
                f"series {item.name!r} has {len(item.scores)} scores for {len(axes)} axes"
            )
        outside = [v for v in item.values if v is not None and v not in scale]
        if outside:
            raise ValueError(f"series {item.name!r} has levels outside the scale: {outside}")
