"""The respondents' view (`voices.Voices`) in HTML: a chart per aspect, a table, the strands
worth discussing.

The chart of an aspect has a row per strand and, within it, a lane per group, so marks
never hide each other: in its lane a group's median is a mark and a thin line runs from
the worst to the best level it gave. Groups differ in colour (the Okabe and Ito palette, told
apart by most colour-blind readers) and in the shape of their mark, and each is named in
the legend; the school's own judgement, when given, is a dark bar across the strand's row.
The axis runs from the worst level (left) to the best (right), whichever way the scale's
numbers run. A group under the minimum has no mark: its lane is empty and the table gives
its count. Strand labels are measured and wrapped (`text_measure.wrap_text`), so none is clipped.

Used by `selfreview voices --format html` (a page of its own: `exporters.voices`) and by
`report --voices` in the HTML report. Every piece of text is escaped as `exporters.html` does.
A group is named cut as the terminal's table names it (`groups.group_named`), its whole name
kept once, in its column heading's `title` (round 71: a group of a million characters was
written whole some 30 times, a page of 4 MB).
"""

from __future__ import annotations

from typing import Final

from ..errors import cut
from ..escaping import shown_html as _e
from ..escaping import shown_html_name as _n
from ..escaping import shown_name
from ..model.framework import Aspect, Framework
from ..model.voices import DISAGREEMENT, Voices
from ..voices.groups import group_named
from ..voices.views import flag_text, group_cell, heading, key, school_cell
from .chart_parts import svg_number as _f
from .text_measure import FONT_FAMILY, text_width, wrap_text

__all__ = ["GROUP_COLOURS", "GROUP_MARKS", "voices_chart", "voices_section"]

#: Okabe and Ito's colour-blind-safe palette, without its yellow (too pale on white).
GROUP_COLOURS: Final = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000")
GROUP_MARKS: Final = ("circle", "square", "diamond", "triangle", "down", "plus")

_FONT: Final = 12.0
_LABEL_WIDTH: Final = 190.0
_PLOT: Final = 340.0
_LANE: Final = 10.0
_SCHOOL: Final = "#1d2329"


def _mark(shape: str, x: float, y: float, colour: str, size: float = 4.2) -> str:
    if shape == "square":
        side = size * 1.7
        return (
            f'<rect x="{_f(x - side / 2)}" y="{_f(y - side / 2)}" width="{_f(side)}" '
            f'height="{_f(side)}" fill="{colour}"/>'
        )
    if shape in ("diamond", "triangle", "down"):
        d = size * 1.3
        points = {
            "diamond": ((x, y - d), (x + d, y), (x, y + d), (x - d, y)),
            "triangle": ((x, y - d), (x + d, y + d * 0.8), (x - d, y + d * 0.8)),
            "down": ((x, y + d), (x + d, y - d * 0.8), (x - d, y - d * 0.8)),
        }[shape]
        joined = " ".join(f"{_f(px)},{_f(py)}" for px, py in points)
        return f'<polygon points="{joined}" fill="{colour}"/>'
    if shape == "plus":
        d = size * 1.2
        return (
            f'<path d="M{_f(x - d)} {_f(y)}H{_f(x + d)}M{_f(x)} {_f(y - d)}V{_f(y + d)}" '
            f'stroke="{colour}" stroke-width="2.6"/>'
        )
    return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(size)}" fill="{colour}"/>'


def _look(index: int) -> tuple[str, str]:
    """(colour, mark shape) of the group at `index` in `Voices.groups`."""
    return GROUP_COLOURS[index % len(GROUP_COLOURS)], GROUP_MARKS[index % len(GROUP_MARKS)]


def voices_chart(framework: Framework, voices: Voices, aspect: Aspect) -> str:
    """The `<svg>` of one aspect: a row per strand, a lane per group (see the module)."""
    scale = framework.scale
    column = _PLOT / scale.size
    line = _FONT * 1.25
    by_strand = {s.strand: s for s in voices.strands}
    # A lane for each group with a mark somewhere in the aspect, in group order.
    views = [by_strand[s.id] for s in aspect.strands if s.id in by_strand]
    marked = [
        i for i in range(len(voices.groups)) if any(v.groups[i].median is not None for v in views)
    ]
    lane_of = {group: lane for lane, group in enumerate(marked)}
    lanes = max(1, len(marked))

    def x(level: int) -> float:
        return (scale.rank(level) + 0.5) * column

    body: list[str] = []
    y = line * 1.6  # the level numbers above
    rows_top = y
    for strand in aspect.strands:
        view = by_strand.get(strand.id)
        if view is None:
            continue
        flag = " ⚑" if view.flagged else ""
        named = f"{shown_name(strand.id)} {strand.title}"
        label = wrap_text(f"{named}{flag}", _LABEL_WIDTH, _FONT, max_lines=4)
        height = max(len(label) * line, lanes * _LANE + 6)
        body.append(
            f'<rect x="{_f(-_LABEL_WIDTH - 8)}" y="{_f(y)}" width="{_f(_LABEL_WIDTH + 8 + _PLOT)}" '
            f'height="{_f(height)}" fill="{"#fff4e5" if view.flagged else "#f3f6f9"}"/>'
        )
        body.append(
            f'<text class="{"label flagged" if view.flagged else "label"}" text-anchor="end">'
            f"<title>{_e(named)}</title>"
            + "".join(
                f'<tspan x="-8" y="{_f(y + (n + 0.85) * line)}">{_e(text)}</tspan>'
                for n, text in enumerate(label)
            )
            + "</text>"
        )
        if view.school is not None:
            body.append(
                f'<rect class="school" x="{_f(x(view.school) - 2)}" y="{_f(y + 1)}" width="4" '
                f'height="{_f(height - 2)}" fill="{_SCHOOL}"><title>'
                f"{_e(f'the {framework.terms.subject}: {school_cell(view)}')}</title></rect>"
            )
        for index, group in enumerate(view.groups):
            if group.median is None or group.worst is None or group.best is None:
                continue
            colour, shape = _look(index)
            lane_y = y + 3 + (lane_of[index] + 0.5) * _LANE
            tip = f"{group_named(group.group)}: {group_cell(group)}"
            body.append(
                f'<g class="group"><title>{_e(tip)}</title>'
                f'<line x1="{_f(x(group.worst))}" y1="{_f(lane_y)}" x2="{_f(x(group.best))}" '
                f'y2="{_f(lane_y)}" stroke="{colour}" stroke-width="1.6"/>'
                + _mark(shape, x(group.median), lane_y, colour)
                + "</g>"
            )
        y += height + 4
    grid = []
    for rank in range(scale.size):
        level = scale.from_rank(rank)
        grid.append(
            f'<line x1="{_f(x(level))}" y1="{_f(rows_top - 2)}" x2="{_f(x(level))}" '
            f'y2="{_f(y)}" stroke="#d5dbe1"/>'
            f'<text x="{_f(x(level))}" y="{_f(line)}" text-anchor="middle" class="tick">'
            f"{_e(level)}</text>"
        )
    ends = (
        f'<text x="-8" y="{_f(line)}" text-anchor="end" class="note">worst ◂</text>'
        f'<text x="{_f(_PLOT + 4)}" y="{_f(line)}" class="note">▸ best</text>'
    )
    legend, bottom = _legend(voices, set(marked), y + 10, framework.terms.subject)
    left = -_LABEL_WIDTH - 14
    right = _PLOT + 6 + text_width("▸ best", _FONT)
    width = right - left
    description = (
        f"Aspect {shown_name(aspect.id)} {aspect.title}: each group's median and the worst and "
        f"best levels it gave, strand by strand, from the worst level ({scale.worst}) on the "
        f"left to the best ({scale.best}) on the right."
    )
    # Scoped: a `<style>` inside inline SVG applies to the whole page.
    style = (
        f"<style>.voices-chart text{{font-family:{FONT_FAMILY};font-size:{_f(_FONT)}px;"
        "fill:#1d2329}.voices-chart .tick{font-weight:600}.voices-chart .note{fill:#5f6b76}"
        ".voices-chart .flagged{font-weight:700}</style>"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_f(left)} 0 {_f(width)} '
        f'{_f(bottom + 6)}" width="{_f(width)}" height="{_f(bottom + 6)}" role="img" '
        f'class="chart voices-chart"><title>{_n(aspect.id)} {_e(aspect.title)}</title>'
        f"<desc>{_e(description)}</desc>{style}"
        + "".join(grid)
        + ends
        + "".join(body)
        + legend
        + "</svg>"
    )


def _legend(
    voices: Voices, marked: set[int], top: float, subject: str = "school"
) -> tuple[str, float]:
    """The groups' marks (a group with none in this chart says why), the school's bar and
    what a line means, in rows; and its bottom."""
    left, width = -_LABEL_WIDTH - 8, _LABEL_WIDTH + 8 + _PLOT
    entries: list[tuple[str, str]] = []
    for index, group in enumerate(voices.groups):
        colour, shape = _look(index)
        group_name = group_named(group.group)
        name = group_name if index in marked else f"{group_name} (too few answers to show)"
        entries.append((_mark(shape, 0, 0, colour), name))
    if voices.own_review:
        bar = f'<rect x="-2" y="-6" width="4" height="12" fill="{_SCHOOL}"/>'
        entries.append((bar, f"the {subject}'s own judgement"))
    entries.append(
        (
            '<line x1="-9" y1="0" x2="9" y2="0" stroke="#5f6b76" stroke-width="1.6"/>',
            "worst to best level a group gave",
        )
    )
    out = []
    x, y = left, top + _FONT
    for mark, name in entries:
        text = wrap_text(name, width - 24, _FONT, max_lines=1)[0]
        size = 20 + text_width(text, _FONT)
        if x > left and x + size > left + width:
            x, y = left, y + _FONT * 1.6
        out.append(
            f'<g transform="translate({_f(x + 8)} {_f(y - _FONT * 0.35)})">{mark}</g>'
            f'<text x="{_f(x + 20)}" y="{_f(y)}">{_e(text)}</text>'
        )
        x += size + 14
    return "".join(out), y + 4


def _whole(group: str) -> str:
    """The `title` attribute of a group's column heading where the heading names it cut
    (`group_named`): the whole name, once, for a reader to hover over. Two long names alike
    in their first 37 characters are told apart there."""
    return "" if cut(group) == group else f' title="{_n(group)}"'


def _table(framework: Framework, voices: Voices) -> list[str]:
    head = "".join(
        f'<th scope="col" class="num"{_whole(g.group)}>{group_named(g.group, name=_n)}</th>'
        for g in voices.groups
    )
    if voices.own_review:
        head += (
            f'<th scope="col" class="num">{_e(framework.terms.title(framework.terms.subject))}</th>'
        )
    out = [
        '<table class="voices">',
        f'<thead><tr><th scope="col">Strand</th>{head}</tr></thead><tbody>',
    ]
    for strand in voices.strands:
        node = framework.find(strand.strand)
        title = node.title if node is not None else ""
        # unstyled: flag, a character whose words are its title (and the list under the table)
        flag = ' <span class="flag" title="worth discussing">⚑</span>' if strand.flagged else ""
        cells = "".join(
            f'<td class="num">{_e(group_cell(view))}</td>'
            if view.median is not None
            else f'<td class="num none">{_e(group_cell(view))}</td>'
            for view in strand.groups
        )
        if voices.own_review:  # as the text views say it (`n/a`, a score), none a long dash
            school = school_cell(strand)
            cells += f'<td class="num">{_e("–" if school == "-" else school)}</td>'
        row_class = ' class="flagged"' if strand.flagged else ""
        out.append(
            f'<tr{row_class}><th scope="row">{_n(strand.strand)} {_e(title)}{flag}</th>{cells}</tr>'
        )
    out.append("</tbody></table>")
    return out


def voices_section(framework: Framework, voices: Voices, *, level: int = 2) -> list[str]:
    """`<section id="voices">`: who answered, the strands worth discussing, a chart per
    aspect and the table; headings start at `<h{level}>`."""
    h, sub = f"h{level}", f"h{level + 1}"
    out = [
        '<section id="voices">',
        f"<{h}>What the respondents said</{h}>",
        f"<p>{_e(heading(voices, group_named))}</p>",
    ]
    flagged = voices.flagged
    out.append(f"<{sub}>Worth discussing</{sub}>")
    if flagged:
        out.append('<ul class="flagged">')
        for strand in flagged:
            node = framework.find(strand.strand)
            title = node.title if node is not None else ""
            reasons = "; ".join(flag_text(framework, strand, group_named))
            out.append(f"<li><strong>{_n(strand.strand)} {_e(title)}</strong>: {_e(reasons)}.</li>")
        out.append("</ul>")
    else:
        out.append(
            f"<p>No strand where two groups' medians are {DISAGREEMENT} or more levels apart"
            + (
                f" or a group's is that far from the {_e(framework.terms.subject)}'s own judgement"
                if voices.own_review
                else ""
            )
            + ".</p>"
        )
    for element in framework.elements:
        for aspect in element.aspects:
            out += [
                f"<{sub}>{_n(aspect.id)} {_e(aspect.title)}</{sub}>",
                '<figure class="voices-aspect">',
                voices_chart(framework, voices, aspect),
                "<figcaption>Each group's median (the mark) and the worst to the best level it "
                "gave (the line); ⚑ worth discussing.</figcaption>",
                "</figure>",
            ]
    out.append(
        f'<p class="meta">{_e(key(framework).removesuffix("."))}; '
        f"a group with fewer than {voices.min_group} answers on a strand shows its count only."
        "</p>"
    )
    out += _table(framework, voices)
    out.append("</section>")
    return out
