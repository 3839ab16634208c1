"""Levels as horizontal bars, a group per axis, from the worst level (left) to the best
(right): what `radar.radar_chart` draws under three axes, where a radar says nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..escaping import shown_html as _e
from ..model.scale import Scale
from .chart_parts import (
    LINE_HEIGHT,
    MAX_LABEL_LINES,
    Box,
    Series,
    check_series,
    describe,
    draw_legend,
    draw_marker,
    level_words,
    series_style,
    svg,
)
from .chart_parts import svg_number as _f
from .text_measure import text_width, wrap_text

__all__ = ["bar_chart"]


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
    check_series(axes, series, scale)
    line_height = font_size * LINE_HEIGHT
    bar, between = 9.0, 3.0
    # The level numbers over the columns must not run into each other: the widest with a
    # gap is the least room between two drawn, and the worst and the best are always drawn
    # (columns are widened for them, where a level's number is very long).
    room = max(text_width(str(level), font_size) for level in scale.levels) + font_size / 2
    column = max(width / scale.size, room / (scale.size - 1))
    stride = math.ceil(room / column)

    def end(level: int) -> float:
        return at(scale.rank(level))

    def at(rank: float) -> float:
        return (rank + 0.5) * column

    parts: list[str] = []
    y = font_size * 1.6  # room for the level numbers
    box = Box(-label_width - 8, 0, scale.size * column, y)
    best = scale.size - 1
    for rank in range(scale.size):
        if rank not in (0, best) and (rank % stride or best - rank < stride):
            continue
        level = scale.from_rank(rank)
        x, half = end(level), text_width(str(level), font_size) / 2
        box.add(x - half, 0, x + half, y)
        parts.append(
            f'<text x="{_f(x)}" y="{_f(font_size)}" text-anchor="middle" class="ring-label">'
            f"{_e(level)}</text>"
        )
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
            drawn = item.rank(scale, i)
            if value is None or drawn is None:
                continue
            style = series_style(item)
            dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
            bar_y = y + between + n * (bar + between)
            opacity = "0.85" if style.fill else "0.25"
            parts.append(
                f'<g class="series {_e(item.kind)}"><title>{_e(f"{item.name}: {item.said(i)}")}'
                f'</title><rect x="0" y="{_f(bar_y)}" width="{_f(at(drawn))}" height="{_f(bar)}" '
                f'fill="{style.colour}" fill-opacity="{opacity}" stroke="{style.colour}"{dash}/>'
                + draw_marker(style.marker, at(drawn), bar_y + bar / 2, style.colour)
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
        f"Longer is better: bars run from the worst level ({level_words(scale, scale.worst)}) "
        f"on the left to the best ({level_words(scale, scale.best)}) on the right."
    )
    legend = draw_legend(series, box, font_size, note)
    body = "".join(parts) + legend
    return svg(box, title, description or describe(scale, axes, series), css_class, body, font_size)
