"""The profile as an inline SVG bar chart, for the HTML report.

A bar per strand, grouped under its element and aspect headings. The axis runs from the
worst level on the left to the best on the right, whichever way the scale's numbers run,
with one column per level labelled with the level's number (and name, if the scale gives
one); a bar reaches the middle of its level's column, so even the worst level shows. With a
previous review, a thinner, lighter bar under each strand's bar shows where it was, and an
arrow at the right says how many steps it moved. Each award the framework declares marks
its threshold with a dashed line across the bar of every strand its requirement names (for
an aspect or element, every strand under it), titled with the award and the level needed.
Every piece of text is escaped; the SVG makes no external reference. Labels are measured
as the other charts' are (`text_measure.text_width`, re-exported here), so the chart grows
to hold them rather than clipping them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..escaping import shown_html as _e
from ..escaping import shown_name
from ..facts import subject_name
from ..model.conditions import AllOf, AnyOf, Test
from ..model.framework import Framework
from ..report import Report
from .common import StrandRow, change_mark, level_name, standing, strand_rows
from .text_measure import FONT_FAMILY, text_width

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from ..model.conditions import Condition
    from ..scoring.profiles import Profile

__all__ = ["profile_chart", "text_width"]

#: The narrowest chart; it grows to fit its labels (the page scales it to its width).
WIDTH: Final = 720
PLOT_LEFT: Final = 270
PLOT_RIGHT: Final = 640
#: The narrowest the plot itself may be, and the room right of it (change marks, aspect levels).
PLOT_WIDTH: Final = PLOT_RIGHT - PLOT_LEFT
LABEL_X: Final = 14
LEGEND_HEIGHT: Final = 26
AXIS_HEIGHT: Final = 44
ELEMENT_HEIGHT: Final = 28
ASPECT_HEIGHT: Final = 22
STRAND_HEIGHT: Final = 22
BOTTOM_AXIS: Final = 26

CURRENT: Final = "#1f5f8b"
PREVIOUS: Final = "#a9c4db"
BETTER: Final = "#1a7f37"
WORSE: Final = "#b42318"
MUTED: Final = "#5f6b76"
GRID: Final = "#d5dbe1"
AWARD: Final = "#7a3e9d"


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


def _fmt(number: float) -> str:
    return f"{number:.1f}".removesuffix(".0")


#: The widest a level's name makes its column grow, in pixels of two even lines: a name
#: of about 65 characters is shown whole; a longer one is cut on its second line.
_LABEL_COLUMN: Final = 170


def _two_lines(words: list[str]) -> tuple[str, str]:
    """`words` in two lines as even as can be: the split whose wider line is narrowest."""
    splits = [(" ".join(words[:n]), " ".join(words[n:])) for n in range(1, len(words))]
    return min(splits, key=lambda pair: max(text_width(pair[0], 10), text_width(pair[1], 10)))


def _label_width(label: str) -> float:
    """The width a level's name needs in its column: on one line, or two even lines."""
    words = label.split()
    if len(words) < 2:
        return text_width(label, 10)
    return max(text_width(line, 10) for line in _two_lines(words))


def _label_lines(label: str, room: float) -> list[str]:
    """A level's name in at most two lines of `room` pixels (10px text), split at a space
    where the lines are most even; a single word longer than that is kept whole (the column
    grows for it). The column grows for any name up to about 300 pixels (`_Axis`); a longer
    one is cut at a word, and marked, on its second line (its `<title>` has it whole).
    Before round 42 that line ran on under its neighbours' names."""
    words = label.split()
    if len(words) < 2 or text_width(label, 10) <= room:
        return [" ".join(words)] if words else []
    first, second = _two_lines(words)
    if max(text_width(first, 10), text_width(second, 10)) <= room:
        return [first, second]
    kept = [words[0]]
    for word in words[1:]:
        if text_width(f"{' '.join(kept)} {word}", 10) > room:
            break
        kept.append(word)
    rest = words[len(kept) :]
    while len(rest) > 1 and text_width(" ".join(rest), 10) > room:
        rest = [*rest[:-2], "…"] if rest[-1] == "…" else [*rest[:-1], "…"]
    return [" ".join(kept), " ".join(rest)]


class _Axis:
    """Where each level sits: rank 0 (the worst) in the left column, the best in the right;
    and the chart's width, measured from its labels: the strand labels decide where the
    plot begins, the levels' names how wide its columns are."""

    def __init__(self, framework: Framework, rows: Sequence[StrandRow] = ()) -> None:
        self.scale = framework.scale
        labels = [text_width(_short(f"{r.strand.id} {r.strand.title}", 90)) for r in rows]
        self.left = max(PLOT_LEFT, LABEL_X + max(labels, default=0) + 12)
        names = [framework.scale.labels.get(level, "") for level in self.scale.levels]
        widest = max(
            (max(text_width(w, 10) for w in n.split()) for n in names if n.split()), default=0
        )
        half = max((_label_width(n) for n in names if n), default=0)
        column = max(PLOT_WIDTH / self.scale.size, widest + 8, min(half, _LABEL_COLUMN) + 8)
        self.column = column
        self.right = self.left + column * self.scale.size
        said = [level_name(framework, level) for level in self.scale.levels]
        if framework.has_questions:  # `aspect 1.75 (level 1 Started)`
            said = [f"0.00 (level {name})" for name in said]
        right = [f"aspect {name}" for name in said]
        # Bold: the `aspect` group's weight reaches its level's text too.
        margin = max(80.0, 12 + max(text_width(text, bold=True) for text in right) + 8)
        self.width = max(float(WIDTH), self.right + margin)

    def x(self, level: int) -> float:
        return self.left + (self.scale.rank(level) + 0.5) * self.column

    def at(self, score: float) -> float:
        """Where a score (rank axis) ends: a whole score where its level does, 1.75 three
        quarters of the way from level 1's mark to level 2's."""
        return self.left + (score + 0.5) * self.column

    def worst_first(self) -> tuple[int, ...]:
        return tuple(reversed(self.scale.levels))


def _thresholds(condition: Condition) -> Iterator[Test]:
    """The `reached` tests of a requirement, outside any `not`."""
    if isinstance(condition, Test):
        if condition.operator[0] == "reached":
            yield condition
    elif isinstance(condition, AllOf | AnyOf):
        for child in condition.all if isinstance(condition, AllOf) else condition.any:
            yield from _thresholds(child)


def award_marks(framework: Framework) -> dict[str, dict[int, list[str]]]:
    """strand id -> level -> what each award's threshold there is, for the chart."""
    marks: dict[str, dict[int, list[str]]] = {}
    for award in framework.awards:
        for test in _thresholds(award.require):
            kind, node_id = test.subject
            needed = test.operator[1]
            note = f"{award.title}: {subject_name(kind, shown_name(node_id))} needs level {needed}"
            for strand in framework.strands_under(node_id):
                notes = marks.setdefault(strand.id, {}).setdefault(needed, [])
                if note not in notes:
                    notes.append(note)
    return marks


def _marks(axis: _Axis, marks: dict[int, list[str]], y: float) -> list[str]:
    return [
        # unstyled: award-mark, drawn by its line's own stroke
        f'<g class="award-mark"><title>{_e("; ".join(notes))}</title>'
        f'<line x1="{_fmt(axis.x(level))}" y1="{_fmt(y + 1)}" x2="{_fmt(axis.x(level))}" '
        f'y2="{_fmt(y + 21)}" stroke="{AWARD}" stroke-width="2" stroke-dasharray="3 2"/></g>'
        for level, notes in marks.items()
    ]


def _strand(
    axis: _Axis,
    framework: Framework,
    row: StrandRow,
    y: float,
    dated: bool,
    marks: dict[int, list[str]] | None = None,
    profile: Profile | None = None,
) -> str:
    strand = row.strand
    label = f"{shown_name(strand.id)} {strand.title}"  # the id shown as a name
    if profile is not None and profile.by_scores:
        tip = f"{label}: {standing(framework, profile, strand.id)}"
    else:
        tip = f"{label}: level {level_name(framework, row.level)}"
    if dated:
        before = "not judged" if row.previous_applicable else "not applicable"
        tip += f"; previously {level_name(framework, row.previous, unjudged=before)}"
    # unstyled: label, bar and now, drawn by their own attributes (the chart's <style> sets
    # the font of every text)
    parts = [
        f'<g class="strand"><title>{_e(tip)}</title>',
        f'<text x="{LABEL_X}" y="{_fmt(y + 14)}" class="label">{_e(_short(label, 90))}</text>',
    ]
    value = None if profile is None or not profile.by_scores else profile.score(strand.id)
    if row.level is None:
        missing = (
            "not applicable"
            if profile is not None and strand.id in profile.not_applicable
            else "not judged"
        )
        parts.append(
            f'<text x="{_fmt(axis.left + 4)}" y="{_fmt(y + 14)}" class="none">{missing}</text>'
        )
    else:
        end = axis.x(row.level) if value is None else axis.at(value)
        parts.append(
            f'<rect class="bar now" x="{_fmt(axis.left)}" y="{_fmt(y + 3)}" '
            f'width="{_fmt(end - axis.left)}" height="11" rx="2" fill="{CURRENT}"/>'
        )
    if row.previous is not None:
        end = axis.x(row.previous)
        parts.append(
            f'<rect class="bar before" x="{_fmt(axis.left)}" y="{_fmt(y + 15)}" '
            f'width="{_fmt(end - axis.left)}" height="5" rx="1" fill="{PREVIOUS}"/>'
        )
    change = change_mark(row) if dated else None
    if change is not None:
        mark, tone = change
        parts.append(
            f'<text x="{_fmt(axis.right + 12)}" y="{_fmt(y + 14)}" class="change {tone}">'
            f"{_e(mark)}</text>"
        )
    if marks:
        parts += _marks(axis, marks, y)
    parts.append("</g>")
    return "".join(parts)


#: The chart's own style sheet: the same for every chart (the fonts `text_width` measures).
_STYLE: Final = (
    "<style>"
    f"text{{font-family:{FONT_FAMILY};"
    "font-size:12px;fill:#1d2329}"
    ".element{font-size:14px;font-weight:700}"
    ".aspect{font-weight:600}"
    f".aspect-level,.none,.end,.legend{{fill:{MUTED}}}"
    ".none{font-style:italic;font-size:11px}"
    ".tick{text-anchor:middle;font-weight:600}"
    f".tick-label{{text-anchor:middle;font-size:10px;fill:{MUTED}}}"
    ".change{font-weight:600}"
    f".change.better{{fill:{BETTER}}}.change.worse{{fill:{WORSE}}}.change.same{{fill:{MUTED}}}"
    "</style>"
)


def profile_chart(report: Report, rows: Sequence[StrandRow] | None = None) -> str:
    """The whole `<svg>` element; `rows` are the report's `strand_rows`, if already made."""
    framework = report.framework
    if rows is None:
        rows = strand_rows(report)
    axis = _Axis(framework, rows)
    thresholds = award_marks(framework)
    body, plot_bottom = _bars(report, rows, axis, thresholds)
    height = plot_bottom + BOTTOM_AXIS
    key = ""
    if thresholds:
        key = (
            f'<line x1="3" y1="{_fmt(height + 2)}" x2="3" y2="{_fmt(height + 14)}" '
            f'stroke="{AWARD}" stroke-width="2" stroke-dasharray="3 2"/>'
            f'<text x="11" y="{_fmt(height + 12)}" class="legend">'
            "an award's threshold (hover for which)</text>"
        )
        height += 20
    grid, ticks = _columns(axis, framework, plot_bottom)
    ends = (
        f'<text x="{_fmt(axis.left)}" y="{LEGEND_HEIGHT + 16}" class="end" text-anchor="end">'
        "worst ◂ </text>"
        f'<text x="{_fmt(axis.right)}" y="{LEGEND_HEIGHT + 16}" class="end" text-anchor="start">'
        " ▸ best</text>"
    )
    description = (
        f"Level of each of the {len(rows)} strands of {framework.title}, from the worst level "
        f"({framework.scale.worst}) on the left to the best ({framework.scale.best}) on the "
        "right"
        + ("; the thinner bars show the previous review." if report.previous is not None else ".")
    )
    if thresholds:
        description += " Dashed marks show the level each award needs."
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_fmt(axis.width)} {_fmt(height)}" '
        f'width="{_fmt(axis.width)}" height="{_fmt(height)}" role="img" '
        f'aria-labelledby="chart-title chart-desc" class="chart">'
        f'<title id="chart-title">{_e(f"Profile of {report.assessment.school.name}")}</title>'
        f'<desc id="chart-desc">{_e(description)}</desc>'
        + _STYLE
        + _legend(report)
        + "".join(grid)
        + "".join(ticks)
        + ends
        + "".join(body)
        + key
        + "</svg>"
    )


def _bars(
    report: Report,
    rows: Sequence[StrandRow],
    axis: _Axis,
    thresholds: dict[str, dict[int, list[str]]],
) -> tuple[list[str], float]:
    """A bar a strand under its element's and aspect's headings (an aspect's level beside
    its heading), and where the plot ends below them."""
    framework, profile = report.framework, report.profile
    dated = report.previous is not None
    body: list[str] = []
    y: float = LEGEND_HEIGHT + AXIS_HEIGHT
    element_id = aspect_id = None
    for row in rows:
        if row.element.id != element_id:
            element_id, aspect_id = row.element.id, None
            title = _short(f"{shown_name(row.element.id)} {row.element.title}", 90)
            body.append(f'<text x="0" y="{_fmt(y + 19)}" class="element">{_e(title)}</text>')
            y += ELEMENT_HEIGHT
        if row.aspect.id != aspect_id:
            aspect_id = row.aspect.id
            named = f"{shown_name(row.aspect.id)} {row.aspect.title}"
            title = _short(named, 90)
            level = profile.aspects.get(aspect_id)
            said = standing(framework, profile, aspect_id)
            body.append(
                f'<g class="aspect"><title>{_e(named)}</title>'
                f'<text x="4" y="{_fmt(y + 15)}" class="aspect">{_e(title)}</text>'
                + (
                    f'<text x="{_fmt(axis.right + 12)}" y="{_fmt(y + 15)}" class="aspect-level">'
                    f"{_e(f'aspect {said}')}</text>"
                    if level is not None
                    else ""
                )
                + "</g>"
            )
            y += ASPECT_HEIGHT
        body.append(_strand(axis, framework, row, y, dated, thresholds.get(row.strand.id), profile))
        y += STRAND_HEIGHT
    return body, y + 4


def _columns(axis: _Axis, framework: Framework, plot_bottom: float) -> tuple[list[str], list[str]]:
    """The grid line and the numbers (and names) above and below the plot of each level
    numbered: at most about a dozen, however long the scale, always the worst and best."""
    top = LEGEND_HEIGHT + AXIS_HEIGHT - 4
    grid = []
    ticks = []
    stride = -(-framework.scale.size // 12)
    for rank, level in enumerate(axis.worst_first()):
        x = _fmt(axis.x(level))
        if rank % stride and rank != framework.scale.size - 1:
            continue
        grid.append(
            f'<line x1="{x}" y1="{top}" x2="{x}" y2="{_fmt(plot_bottom)}" stroke="{GRID}"/>'
        )
        label = framework.scale.labels.get(level)
        # The level's name in full, on two lines if need be: the column is as wide as its
        # longest word (`_Axis`), so nothing is cut off.
        lines = _label_lines(label, axis.column - 6) if label else []
        name = "".join(
            f'<tspan x="{x}" dy="{0 if n == 0 else 11}">{_e(line)}</tspan>'
            for n, line in enumerate(lines)
        )
        ticks.append(
            f'<text x="{x}" y="{LEGEND_HEIGHT + 16}" class="tick">{_e(level)}</text>'
            + (
                f'<text x="{x}" y="{LEGEND_HEIGHT + 29}" class="tick-label">'
                f"<title>{_e(label)}</title>{name}</text>"
                if label
                else ""
            )
            + f'<text x="{x}" y="{_fmt(plot_bottom + 16)}" class="tick">{_e(level)}</text>'
        )
    return grid, ticks


def _legend(report: Report) -> str:
    """This review's bar and date; with a previous review, its bar, its date and the arrows."""
    legend = (
        f'<rect x="0" y="6" width="14" height="10" rx="2" fill="{CURRENT}"/>'
        f'<text x="20" y="15" class="legend">This review '
        f"({_e(report.assessment.assessed_on.isoformat())})</text>"
    )
    if report.previous is not None:
        legend += (
            f'<rect x="230" y="9" width="14" height="5" rx="1" fill="{PREVIOUS}"/>'
            f'<text x="250" y="15" class="legend">Previous review '
            f"({_e(report.previous.assessed_on.isoformat())})</text>"
            f'<text x="470" y="15" class="legend">▲ ▼ steps towards or away from the best</text>'
        )
    return legend
