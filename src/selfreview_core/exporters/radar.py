"""A radar chart of levels, as inline SVG that measures its own labels.

Used by the governors' page (`exporters.summary`) for a school's aspects beside its previous
review, a cohort's median and an award's threshold, and by the authority's dashboard
(`cohort.dashboard_charts`) for one school against the cohort's median and quartiles. The
API is small and typed::

    from selfreview_core.exporters.radar import Series, radar_chart

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
  circles, dashed and squares, dotted and diamonds, sparse dots and open diamonds for a
  cohort's quartiles, dash-dot and triangles), and named in a legend; the chart's `<desc>`
  gives every value in words, for screen readers.
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
from collections.abc import Sequence

from ..escaping import shown_html as _e
from ..model.scale import Scale
from .bar_chart import bar_chart
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

__all__ = ["radar_chart"]


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
    check_series(axes, series, scale)
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
        return at(axis, scale.rank(level))

    def at(axis: int, rank: float) -> tuple[float, float]:
        r = radius * (rank + 1) / rings
        angle = -math.pi / 2 + 2 * math.pi * axis / count
        return r * math.cos(angle), r * math.sin(angle)

    box = Box(-radius, -radius, radius, radius)
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
    # Level numbers up the first spoke: at most about six, always the worst and the best,
    # and none so near the best's that the two touch (twelve levels: 10 and 11 would).
    stride = -(-rings // 6)
    small = font_size * 0.85
    best = rings - 1
    for rank in range(rings):
        crowded = (best - rank) * radius / rings < small * 1.5
        if rank not in (0, best) and (rank % stride or crowded):
            continue
        level = scale.from_rank(rank)
        _, y = point(0, level)
        parts.append(
            f'<text x="7" y="{_f(y + small * 0.9)}" class="ring-label" '
            f'style="font-size:{_f(small)}px">{_e(level)}</text>'
        )
    # Axis labels, measured and placed on the side their axis points to.
    line_height = font_size * LINE_HEIGHT
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
        ranks = [item.rank(scale, i) for i in range(count)]
        parts.append(
            _radar_series(item, [None if r is None else at(i, r) for i, r in enumerate(ranks)])
        )
    note = (
        f"Further out is better: the outer ring is the best level "
        f"({level_words(scale, scale.best)}), the inner ring the worst "
        f"({level_words(scale, scale.worst)})."
    )
    legend = draw_legend(series, box, font_size, note)
    body = "".join(parts) + legend
    return svg(box, title, description or describe(scale, axes, series), css_class, body, font_size)


def _radar_series(item: Series, points: list[tuple[float, float] | None]) -> str:
    style = series_style(item)
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
    out += [draw_marker(style.marker, p[0], p[1], style.colour) for p in points if p is not None]
    out.append("</g>")
    return "".join(out)
