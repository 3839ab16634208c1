"""The dashboard's colours and charts (`cohort.dashboard` lays out the page): the colour of
each level, a cell of the matrix, the stacked bars of levels per strand, and one school
against the cohort (a bar chart, and a radar chart drawn by `exporters.radar`).

Colours run from the worst level (red) through amber to the best (blue), following the
scale's direction, never its numbers; every coloured cell or bar carries its number too, and
a legend names the levels in words. Every text goes through `exporters.page.e`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from ..escaping import shown_name
from ..exporters.chart_parts import Series
from ..exporters.page import e
from ..exporters.radar import radar_chart
from ..model.questions import Terms
from .positions import Cohort, Distribution, SchoolPosition
from .views import WITHHELD, score_beside, scored_level

if TYPE_CHECKING:
    from ..model.scale import Scale

__all__ = [
    "WITHHELD_COLOUR",
    "cell",
    "distributions",
    "figure",
    "level_colour",
    "school_section",
    "short",
]

#: From the worst level to the best: red, amber, then blues (distinct for colour-blind
#: readers, and each with its number written on it).
_PALETTE: Final = ("#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#d1e5f0", "#92c5de", "#4393c3")
WITHHELD_COLOUR: Final = "#c9ced4"


def level_colour(scale: Scale, level: int) -> str:
    """The colour of a level: by its rank, from red (worst) to blue (best)."""
    rank = scale.rank(level)
    top = scale.size - 1
    index = round(rank * (len(_PALETTE) - 1) / top) if top else 0
    return _PALETTE[index]


def _ink(background: str) -> str:
    """Dark text on light colours, white on dark ones."""
    red, green, blue = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    return "#1d2329" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "#ffffff"


def _level_name(scale: Scale, level: int) -> str:
    words = scale.labels.get(level)
    end = " (best)" if level == scale.best else " (worst)" if level == scale.worst else ""
    return f"{level}{end}" + (f" {words}" if words else "")


#: A matrix cell of a school that marked every strand under it not applicable.
NOT_APPLICABLE: Final = "n/a"


def cell(scale: Scale, level: int | str | None) -> str:
    if level is None:
        return '<td class="cell none" title="not judged">–</td>'
    if level == NOT_APPLICABLE:
        return '<td class="cell none" title="not applicable">n/a</td>'
    if not isinstance(level, int):
        return (
            f'<td class="cell withheld" title="withheld" '
            f'style="background:{WITHHELD_COLOUR}">{WITHHELD}</td>'
        )
    colour = level_colour(scale, level)
    return (
        f'<td class="cell" title="level {e(_level_name(scale, level))}" '
        f'style="background:{colour};color:{_ink(colour)}">{e(level)}</td>'
    )


# -- distributions ------------------------------------------------------------------------

_BAR_LEFT: Final = 250
_BAR_WIDTH: Final = 520
_ROW: Final = 24


def _stacked(cohort: Cohort, stats: Distribution, y: int, terms: Terms) -> str:
    """One stacked bar: the schools at each level, worst on the left; withheld counts as
    one grey part of the width they leave, marked `[c]`."""
    scale = cohort.scale
    total = cohort.size or 1
    x = float(_BAR_LEFT)
    name = "Overall" if stats.kind == "overall" else f"{shown_name(stats.id)} {stats.title}"
    parts = [
        f'<g class="dist"><title>{e(name)}</title>'
        f'<text x="0" y="{y + 15}">{e(short(name, 38))}</text>'
    ]
    known = 0
    for level in reversed(scale.levels):
        count = stats.counts[level]
        if not count:
            continue
        known += count
        width = _BAR_WIDTH * count / total
        colour = level_colour(scale, level)
        parts.append(
            f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="17" fill="{colour}">'
            f"<title>level {e(_level_name(scale, level))}: {e(terms.count(count))}</title></rect>"
        )
        if width >= 16:
            parts.append(
                f'<text x="{x + width / 2:.1f}" y="{y + 16}" text-anchor="middle" '
                f'fill="{_ink(colour)}">{count}</text>'
            )
        x += width
    # The not judged and not applicable shown are said beside the bar; all else withheld.
    others = ((stats.unjudged, "not judged"), (stats.not_applicable, "not applicable"))
    hidden = cohort.size - known - sum(n or 0 for n, _ in others)
    if hidden:
        width = _BAR_WIDTH * hidden / total
        parts.append(
            f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="17" '
            f'fill="{WITHHELD_COLOUR}"><title>withheld: fewer than {cohort.min_group} '
            f"{e(terms.subjects)} in some groups</title></rect>"
            f'<text x="{x + width / 2:.1f}" y="{y + 16}" text-anchor="middle">{WITHHELD}</text>'
        )
        x += width
    beside = [f"+{n} {what}" for n, what in others if n]
    if beside:
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 16}" class="muted">{", ".join(beside)}</text>')
    median = figure(stats, stats.median)
    quartiles = f"{figure(stats, stats.lower_quartile)}–{figure(stats, stats.upper_quartile)}"
    parts.append(
        f'<text x="{_BAR_LEFT + _BAR_WIDTH + 78}" y="{y + 15}">median {median}, '
        f"middle half {quartiles}</text></g>"
    )
    return "".join(parts)


def figure(stats: Distribution, value: int | None) -> str:
    if value is None:
        return WITHHELD if stats.suppressed and stats.judged != 0 else "–"
    return str(value)


def short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _legend(scale: Scale) -> str:
    items = "".join(
        f'<li><span class="swatch" style="background:{level_colour(scale, level)}"></span>'
        f"{e(_level_name(scale, level))}</li>"
        for level in reversed(scale.levels)
    )
    return (
        f'<ul class="legend" aria-label="Levels, worst first">{items}<li><span class="swatch" '
        f'style="background:{WITHHELD_COLOUR}"></span>{WITHHELD} withheld</li></ul>'
    )


def distributions(cohort: Cohort, terms: Terms | None = None) -> list[str]:
    """Levels per strand, aspect and overall, in the framework's `terms` (default: schools)."""
    terms = terms or Terms()
    rows = [*cohort.strands.values(), *cohort.aspects.values(), cohort.overall]
    height = _ROW * len(rows) + 8
    bars = "".join(_stacked(cohort, stats, 4 + n * _ROW, terms) for n, stats in enumerate(rows))
    subject, subjects = e(terms.subject), e(terms.subjects)
    width = _BAR_LEFT + _BAR_WIDTH + 330
    return [
        '<section id="distributions">',
        "<h2>Levels per strand</h2>",
        f'<p class="note">{e(terms.title(terms.subjects))} at each level, the worst level on the '
        f"left and the best on the right, each part with its number of {subjects}; then the "
        "median and the middle half (lower to upper quartile). Aspects and overall: each "
        f"{subject}'s own aggregate.</p>",
        _legend(cohort.scale),
        f'<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="'
        f'{e(terms.title(terms.subjects))} at each level of every strand">{bars}</svg></figure>',
        "</section>",
    ]


# -- one school ---------------------------------------------------------------------------

_SCHOOL_LEFT: Final = 260
_SCHOOL_WIDTH: Final = 480


def school_section(
    cohort: Cohort,
    entry: SchoolPosition,
    terms: Terms | None = None,
    scores: Mapping[str, float | None] | None = None,
) -> list[str]:
    """One school's aspects and overall against the cohort's median and quartiles: a bar
    chart, with its level, the median and its percentile written beside each bar, then the
    aspects as a radar chart (`_school_radar`); in the framework's `terms` (default: school).

    `scores` (by aspect id and `overall`, in a framework with questions: SPEC section 10)
    are what the school's bars reach and what is written beside them, `1.75 (level 1)`:
    the level alone would hide three quarters of a level. Without them, levels as before."""
    terms = terms or Terms()
    scores = scores or {}
    scale = cohort.scale
    column = _SCHOOL_WIDTH / scale.size
    subject = e(terms.subject)

    def x(level: int) -> float:
        return _SCHOOL_LEFT + (scale.rank(level) + 0.5) * column

    ids = [*cohort.aspects, "overall"]
    rows = []
    for n, node_id in enumerate(ids):
        y = 30 + n * 30
        stats = cohort.stats(node_id)
        place = entry.get(node_id)
        named = f"{shown_name(node_id)} {stats.title}"
        title = short(named if node_id != "overall" else "Overall", 36)
        parts = [f'<g class="aspect"><text x="0" y="{y + 14}">{e(title)}</text>']
        low, high = stats.lower_quartile, stats.upper_quartile
        if low is not None and high is not None:
            parts.append(
                f'<rect x="{x(low) - 6:.1f}" y="{y + 2}" width="{x(high) - x(low) + 12:.1f}" '
                f'height="18" fill="#e4e9ee"><title>middle half of the cohort: {low} to {high}'
                "</title></rect>"
            )
        if stats.median is not None:
            parts.append(
                f'<line x1="{x(stats.median):.1f}" y1="{y}" x2="{x(stats.median):.1f}" '
                f'y2="{y + 22}" stroke="#1d2329" stroke-width="3"><title>cohort median '
                f"{stats.median}</title></line>"
            )
        score = score_beside(place.level, scores.get(node_id), scale)
        if place.level is not None:
            colour = level_colour(scale, place.level)
            reach = x(place.level) if score is None else _SCHOOL_LEFT + (score + 0.5) * column
            parts.append(
                f'<rect x="{_SCHOOL_LEFT}" y="{y + 7}" width="{reach - _SCHOOL_LEFT:.1f}" '
                f'height="8" rx="2" fill="{colour}" stroke="#1d2329" stroke-width=".5">'
                f"<title>this {subject}: {scored_level(place.level, score)}</title></rect>"
            )
        level = place.level if place.level is not None else WITHHELD if place.suppressed else "–"
        said = f"level {e(level)}" if score is None else e(scored_level(place.level, score))
        percentile = "–" if place.percentile is None else f"{place.percentile:.0f}"
        if place.percentile is None and place.suppressed:
            percentile = WITHHELD
        parts.append(
            f'<text x="{_SCHOOL_LEFT + _SCHOOL_WIDTH + 12}" y="{y + 14}">{said}, '
            f"median {figure(stats, stats.median)}, percentile {percentile}</text></g>"
        )
        rows.append("".join(parts))
    ticks = "".join(
        f'<text x="{x(level):.1f}" y="16" text-anchor="middle" font-weight="600">{level}</text>'
        for level in reversed(scale.levels)
    )
    height = 40 + 30 * len(ids)
    width = _SCHOOL_LEFT + _SCHOOL_WIDTH + 250
    school = entry.school
    named = school.name if cohort.anonymous else f"{school.name} ({shown_name(school.id)})"
    return [
        '<section id="school">',
        f"<h2>{e(named)} against the cohort</h2>",
        f'<p class="note">Each bar reaches the {subject}\'s {"score" if scores else "level"}, '
        "the worst level on the left; the black mark is the cohort's median and the shaded "
        "band its middle half (lower to upper quartile).</p>",
        f'<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="The {subject} against the '
        f'cohort, aspect by aspect">{ticks}{"".join(rows)}</svg></figure>',
        *_school_radar(cohort, entry, named, terms, scores),
        "</section>",
    ]


#: Aspects beyond which the radar's axes are named by id only (the bar chart has the titles).
_MANY_ASPECTS: Final = 8


def _school_radar(
    cohort: Cohort,
    entry: SchoolPosition,
    named: str,
    terms: Terms,
    scores: Mapping[str, float | None],
) -> list[str]:
    """The school's aspects against the cohort's median and quartiles, as a radar chart
    (`exporters.radar`; a bar chart under three aspects): four series, each named in the
    legend and told apart by line and marker as well as by colour. A level not judged or
    withheld is a gap in its line, never a guess."""
    aspects = list(cohort.aspects.values())
    if not aspects:
        return []
    many = len(aspects) > _MANY_ASPECTS
    labels = [shown_name(a.id) if many else f"{shown_name(a.id)} {a.title}" for a in aspects]
    series = [
        Series(
            f"This {terms.subject}",
            tuple(entry.get(a.id).level for a in aspects),
            scores=tuple(scores.get(a.id) for a in aspects) if scores else None,
        ),
        Series("Cohort median", tuple(a.median for a in aspects), "cohort"),
        Series("Cohort lower quartile", tuple(a.lower_quartile for a in aspects), "quartile"),
        Series("Cohort upper quartile", tuple(a.upper_quartile for a in aspects), "quartile"),
    ]
    chart = radar_chart(cohort.scale, labels, series, title=f"Aspects of {named}")
    return [
        '<figure class="school-radar">',
        chart,
        '<figcaption class="note">The same aspects as a radar: further from the centre is '
        f"better; the {e(terms.subject)}'s line against the cohort's median and, either side of "
        "it, its "
        "lower and upper quartiles (the middle half of the cohort)."
        + (" Axes are named by aspect id (see the bars)." if many else "")
        + "</figcaption>",
        "</figure>",
    ]
