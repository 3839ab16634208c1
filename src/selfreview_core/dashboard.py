"""The authority's dashboard: one self-contained HTML page of a cohort (SPEC section 8).

`benchmark --format html` writes it. In order:

- **Levels per strand**: for each strand (then each aspect, and overall), a stacked bar of
  the schools at each level, from the worst level on the left to the best on the right, each
  part showing its count, with the median and quartiles beside it.
- **Schools by need**: a matrix of schools by aspects (and overall), each cell coloured by
  the school's level there and showing the level's number. Rows are sorted by need, most
  first: *need* is the number of aspects where the school is below the cohort's median for
  that aspect; between equal needs, the school with the lower mean rank over the aspects it
  judged (the one further from the best) comes first, then by id or label. A large cohort
  shows its `MATRIX_ROWS` neediest schools and says how many more there are.
- **Medians year by year**, when the reviews read span more than one year (whether the
  cohort counts each school's latest review or every one): the median level of each strand
  (and overall) among the schools reviewed that year (each school's latest review of the
  year), a table of levels coloured like the matrix.
- **One school** (`--school ID`): its level on each aspect and overall against the cohort's
  lower quartile, median and upper quartile, as a bar chart, with its percentile.

Colours run from the worst level (red) through amber to the best (blue), following the
scale's direction, never its numbers; every coloured cell or bar carries its number too, and
a legend names the levels in words, so nothing depends on telling colours apart.

Anonymised (`--anonymise`, SPEC section 7): schools appear only by their random labels, no
id, name or date is shown (years only), and every figure the anonymised cohort withholds
shows as `[c]`. In the trend, a year's count of schools under `min_group` is withheld, and a
year's median is shown only where every cell of that year's distribution (each level, and
not judged) is empty or holds `min_group` schools or more, so that it could not tell what a
withheld cell would hide.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from .cohort import Cohort, Distribution, SchoolPosition, quantile
from .cohort_views import WITHHELD
from .html_page import e, page

if TYPE_CHECKING:
    from .cohort_sql import SqlCohort
    from .scale import Scale

__all__ = ["MATRIX_ROWS", "dashboard", "level_colour", "need_order", "school_section"]

#: Schools the matrix shows at most (the neediest); the rest are counted.
MATRIX_ROWS: Final = 80
#: From the worst level to the best: red, amber, then blues (distinct for colour-blind
#: readers, and each with its number written on it).
_PALETTE: Final = ("#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#d1e5f0", "#92c5de", "#4393c3")
_WITHHELD_COLOUR: Final = "#c9ced4"


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


# -- the matrix ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    """One school in the matrix: its name as shown, and its level per column (None: not
    judged; `WITHHELD`: suppressed)."""

    name: str
    key: str
    levels: tuple[int | str | None, ...]


def need_order(
    rows: Iterable[Row], medians: Sequence[int | None], scale: Scale, limit: int
) -> tuple[list[Row], int]:
    """The `limit` neediest rows, most first (see the module's notes), and how many rows
    there were. `medians` are the cohort's, one per aspect column (None: unknown)."""

    def key(row: Row) -> tuple[int, float, str]:
        below = 0
        ranks = []
        for level, median in zip(row.levels, medians, strict=False):
            if not isinstance(level, int):
                continue
            ranks.append(scale.rank(level))
            if median is not None and scale.rank(level) < scale.rank(median):
                below += 1
        mean = sum(ranks) / len(ranks) if ranks else float(scale.size)
        return (-below, mean, row.key)

    count = 0

    def counted() -> Iterable[Row]:
        nonlocal count
        for row in rows:
            count += 1
            yield row

    chosen = heapq.nsmallest(limit, counted(), key=key)
    return chosen, count


def _cell(scale: Scale, level: int | str | None) -> str:
    if level is None:
        return '<td class="cell none" title="not judged">–</td>'
    if not isinstance(level, int):
        return (
            f'<td class="cell withheld" title="withheld" '
            f'style="background:{_WITHHELD_COLOUR}">{WITHHELD}</td>'
        )
    colour = level_colour(scale, level)
    return (
        f'<td class="cell" title="level {e(_level_name(scale, level))}" '
        f'style="background:{colour};color:{_ink(colour)}">{e(level)}</td>'
    )


def _matrix(cohort: Cohort, rows: list[Row], total: int, columns: list[str]) -> list[str]:
    scale = cohort.scale
    head = "".join(
        f'<th scope="col" class="num" title="{e(_title(cohort, c))}">{e(c)}</th>' for c in columns
    )
    out = [
        '<section id="matrix">',
        "<h2>Schools by need</h2>",
        '<p class="note">Each school\'s level on each aspect (its '
        f"{e(cohort.policy)} strand level) and overall. Most need first: the number of aspects "
        "where the school is below the cohort's median, then the lower mean level.</p>",
        '<table class="matrix"><thead><tr><th scope="col">School</th>'
        f'<th scope="col" class="num">Below median</th>{head}</tr></thead><tbody>',
    ]
    medians = [cohort.stats(c).median for c in columns[:-1]]
    for row in rows:
        below = sum(
            1
            for level, median in zip(row.levels, medians, strict=False)
            if isinstance(level, int)
            and median is not None
            and scale.rank(level) < scale.rank(median)
        )
        cells = "".join(_cell(scale, level) for level in row.levels)
        out.append(
            f'<tr><th scope="row">{e(row.name)}</th><td class="num need">{below}</td>{cells}</tr>'
        )
    out.append("</tbody></table>")
    if total > len(rows):
        out.append(
            f'<p class="note">The {len(rows)} schools most in need of {total}; every school is in '
            "the CSV (<code>--format csv</code>).</p>"
        )
    out.append("</section>")
    return out


def _title(cohort: Cohort, node_id: str) -> str:
    return cohort.stats(node_id).title


def _rows_from_sql(sql: SqlCohort, columns: list[str]) -> Iterable[Row]:
    """Every entry as a matrix row, straight from DuckDB: no position is built."""
    layout = sql.layout
    index = {(k, i): n for n, (k, i) in enumerate(zip(layout.kinds, layout.ids, strict=True))}
    wanted = [index["aspect", c] for c in columns[:-1]] + [len(layout.ids) - 1]
    scale = sql.framework.scale
    cursor = sql.entry_rows()
    while batch := cursor.fetchmany(2048):
        for row in batch:
            school_id, name, _, day = row[:4]
            ranks = row[4:]
            levels = tuple(None if ranks[i] is None else scale.from_rank(ranks[i]) for i in wanted)
            shown_name = f"{name} ({school_id})"
            if not sql.latest_only:
                shown_name += f", {day.isoformat()}"
            yield Row(shown_name, f"{school_id}\x00{day.isoformat()}", levels)


def _rows_from_cohort(cohort: Cohort, columns: list[str]) -> Iterable[Row]:
    """Every entry of an (anonymised) cohort as a matrix row, withheld levels marked."""
    for entry in cohort.schools:
        levels: list[int | str | None] = []
        for node_id in columns:
            place = entry.get(node_id)
            levels.append(WITHHELD if place.suppressed and place.level is None else place.level)
        name = entry.school.name
        if not cohort.latest_only:
            name += f", {WITHHELD if entry.year is None else entry.year}"
        yield Row(name, f"{int(entry.school.id.removeprefix('school-')):09d}", tuple(levels))


# -- distributions ------------------------------------------------------------------------

_BAR_LEFT: Final = 250
_BAR_WIDTH: Final = 520
_ROW: Final = 24


def _stacked(cohort: Cohort, stats: Distribution, y: int) -> str:
    """One stacked bar: the schools at each level, worst on the left; withheld counts as
    one grey part of the width they leave, marked `[c]`."""
    scale = cohort.scale
    total = cohort.size or 1
    x = float(_BAR_LEFT)
    name = "Overall" if stats.kind == "overall" else f"{stats.id} {stats.title}"
    parts = [
        f'<g class="dist"><title>{e(name)}</title>'
        f'<text x="0" y="{y + 15}">{e(_short(name, 38))}</text>'
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
            f"<title>level {e(_level_name(scale, level))}: {count} school"
            f"{'' if count == 1 else 's'}</title></rect>"
        )
        if width >= 16:
            parts.append(
                f'<text x="{x + width / 2:.1f}" y="{y + 16}" text-anchor="middle" '
                f'fill="{_ink(colour)}">{count}</text>'
            )
        x += width
    hidden = 0
    if any(c is None for c in stats.counts.values()):
        # With the judged count withheld, the not judged are too: all that is not shown.
        hidden = (cohort.size if stats.judged is None else stats.judged) - known
    if hidden:
        width = _BAR_WIDTH * hidden / total
        parts.append(
            f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="17" '
            f'fill="{_WITHHELD_COLOUR}"><title>withheld: fewer than {cohort.min_group} schools '
            "at some levels</title></rect>"
            f'<text x="{x + width / 2:.1f}" y="{y + 16}" text-anchor="middle">{WITHHELD}</text>'
        )
        x += width
    unjudged = stats.unjudged if stats.judged is not None or not hidden else None
    if unjudged:
        parts.append(
            f'<text x="{x + 4:.1f}" y="{y + 16}" class="muted">+{unjudged} not judged</text>'
        )
    median = _figure(stats, stats.median)
    quartiles = f"{_figure(stats, stats.lower_quartile)}–{_figure(stats, stats.upper_quartile)}"
    parts.append(
        f'<text x="{_BAR_LEFT + _BAR_WIDTH + 78}" y="{y + 15}">median {median}, '
        f"middle half {quartiles}</text></g>"
    )
    return "".join(parts)


def _figure(stats: Distribution, value: int | None) -> str:
    if value is None:
        return WITHHELD if stats.suppressed and stats.judged != 0 else "–"
    return str(value)


def _short(text: str, limit: int) -> str:
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
        f'style="background:{_WITHHELD_COLOUR}"></span>{WITHHELD} withheld</li></ul>'
    )


def _distributions(cohort: Cohort) -> list[str]:
    rows = [*cohort.strands.values(), *cohort.aspects.values(), cohort.overall]
    height = _ROW * len(rows) + 8
    bars = "".join(_stacked(cohort, stats, 4 + n * _ROW) for n, stats in enumerate(rows))
    width = _BAR_LEFT + _BAR_WIDTH + 330
    return [
        '<section id="distributions">',
        "<h2>Levels per strand</h2>",
        '<p class="note">Schools at each level, the worst level on the left and the best on '
        "the right, each part with its number of schools; then the median and the middle half "
        "(lower to upper quartile). Aspects and overall: each school's own aggregate.</p>",
        _legend(cohort.scale),
        f'<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="Schools at each level of '
        f'every strand">{bars}</svg></figure>',
        "</section>",
    ]


# -- trends -------------------------------------------------------------------------------


def _trend(sql: SqlCohort, cohort: Cohort) -> list[str]:
    """Medians per strand year by year (see the module's notes); nothing for one year."""
    by_year = sql.counts_by_year()
    if len(by_year) < 2:
        return []
    scale = cohort.scale
    layout = sql.layout
    minimum = cohort.min_group if cohort.anonymous else None
    years = sorted(by_year)
    head = "".join(f'<th scope="col" class="num">{year}</th>' for year in years)
    sizes = "".join(f'<td class="num">{_count(by_year[year][0], minimum)}</td>' for year in years)
    out = [
        '<section id="trend">',
        "<h2>Medians year by year</h2>",
        '<p class="note">The median level of each strand among the schools reviewed each year '
        "(each school's latest review of the year).</p>",
        f'<table class="trend"><thead><tr><th scope="col">Strand</th>{head}</tr></thead>'
        f'<tbody><tr><th scope="row">Schools reviewed</th>{sizes}</tr>',
    ]
    for index, node_id in enumerate(layout.ids):
        if layout.kinds[index] not in ("strand", "overall"):
            continue
        cells = []
        for year in years:
            schools, counts = by_year[year]
            ranks = counts[index]
            judged = sum(ranks)
            median = quantile(ranks, 2)
            if minimum is not None and not _all_shown(ranks, schools - judged, minimum):
                cells.append(
                    f'<td class="cell withheld" style="background:{_WITHHELD_COLOUR}">'
                    f"{WITHHELD}</td>"
                )
            else:
                cells.append(_cell(scale, None if median is None else scale.from_rank(median)))
        title = "Overall" if layout.kinds[index] == "overall" else _title(cohort, node_id)
        out.append(
            f'<tr><th scope="row">{e(node_id)} {e(_short(title, 40))}</th>{"".join(cells)}</tr>'
        )
    out += ["</tbody></table>", "</section>"]
    return out


def _all_shown(counts: Sequence[int], unjudged: int, minimum: int) -> bool:
    """Whether an anonymised cohort would show every cell of a year's distribution: then,
    and only then, its median is shown (it could not tell anything the cells do not)."""
    return sum(counts) >= minimum and all(n == 0 or n >= minimum for n in (*counts, unjudged))


def _count(value: int, minimum: int | None) -> str:
    return WITHHELD if minimum is not None and value < minimum else str(value)


# -- one school ---------------------------------------------------------------------------

_SCHOOL_LEFT: Final = 260
_SCHOOL_WIDTH: Final = 480


def school_section(cohort: Cohort, entry: SchoolPosition) -> list[str]:
    """One school's aspects and overall against the cohort's median and quartiles: a bar
    chart, with its level, the median and its percentile written beside each bar."""
    scale = cohort.scale
    column = _SCHOOL_WIDTH / scale.size

    def x(level: int) -> float:
        return _SCHOOL_LEFT + (scale.rank(level) + 0.5) * column

    ids = [*cohort.aspects, "overall"]
    rows = []
    for n, node_id in enumerate(ids):
        y = 30 + n * 30
        stats = cohort.stats(node_id)
        place = entry.get(node_id)
        title = _short(f"{node_id} {stats.title}" if node_id != "overall" else "Overall", 36)
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
        if place.level is not None:
            colour = level_colour(scale, place.level)
            parts.append(
                f'<rect x="{_SCHOOL_LEFT}" y="{y + 7}" width="{x(place.level) - _SCHOOL_LEFT:.1f}" '
                f'height="8" rx="2" fill="{colour}" stroke="#1d2329" stroke-width=".5">'
                f"<title>this school: level {place.level}</title></rect>"
            )
        level = WITHHELD if place.suppressed and place.level is None else (place.level or "–")
        percentile = "–" if place.percentile is None else f"{place.percentile:.0f}"
        if place.percentile is None and place.suppressed:
            percentile = WITHHELD
        parts.append(
            f'<text x="{_SCHOOL_LEFT + _SCHOOL_WIDTH + 12}" y="{y + 14}">level {e(level)}, '
            f"median {_figure(stats, stats.median)}, percentile {percentile}</text></g>"
        )
        rows.append("".join(parts))
    ticks = "".join(
        f'<text x="{x(level):.1f}" y="16" text-anchor="middle" font-weight="600">{level}</text>'
        for level in reversed(scale.levels)
    )
    height = 40 + 30 * len(ids)
    width = _SCHOOL_LEFT + _SCHOOL_WIDTH + 250
    school = entry.school
    named = school.name if cohort.anonymous else f"{school.name} ({school.id})"
    return [
        '<section id="school">',
        f"<h2>{e(named)} against the cohort</h2>",
        '<p class="note">Each bar reaches the school\'s level, the worst level on the left; '
        "the black mark is the cohort's median and the shaded band its middle half (lower to "
        "upper quartile).</p>",
        f'<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="The school against the '
        f'cohort, aspect by aspect">{ticks}{"".join(rows)}</svg></figure>',
        # RADAR: the radar chart of this school's aspects against the cohort's median and
        # quartiles (radar.py, being built for issue 17) goes here, beside the bar chart.
        "<!-- radar chart: radar.py goes here -->",
        "</section>",
    ]


# -- the page -----------------------------------------------------------------------------

_STYLE: Final = """
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;list-style:none;padding:0;margin:.4rem 0;
font-size:.85rem}
.swatch{display:inline-block;width:1.1em;height:1.1em;border-radius:2px;margin-right:.35em;
vertical-align:-.2em;border:1px solid #8a949e}
table.matrix td.cell,table.trend td.cell{text-align:center;font-weight:600;min-width:2.4em}
td.cell.none{color:var(--muted);font-weight:400}
td.need{font-weight:600}
svg .muted{fill:#5f6b76}
"""


def dashboard(
    sql: SqlCohort, cohort: Cohort, entry: SchoolPosition | None = None, *, anonymous: bool
) -> str:
    """The whole page of `cohort` (its figures, as `benchmark` shows them: anonymised or
    not), with `entry`'s view when a school is asked for. `sql` gives the matrix rows of a
    cohort that is not anonymised (an anonymised one has them all) and the trend."""
    scale = cohort.scale
    columns = [*cohort.aspects, "overall"]
    rows = _rows_from_cohort(cohort, columns) if anonymous else _rows_from_sql(sql, columns)
    medians = [cohort.stats(c).median for c in columns[:-1]]
    chosen, total = need_order(rows, medians, scale, MATRIX_ROWS)
    which = "each school's latest review" if cohort.latest_only else "every review counted"
    lead = (
        f"{cohort.size} {'schools' if cohort.latest_only else 'reviews'} ({which}), levels from "
        f"{scale.worst} (worst) to {scale.best} (best)."
    )
    if anonymous:
        lead += (
            f" Anonymised: schools labelled at random, years for dates; {WITHHELD} marks a "
            f"figure withheld because it would describe fewer than {cohort.min_group} schools."
        )
    body = [
        "<header>",
        '<p class="kicker">The authority\'s view</p>',
        f"<h1>Cohort of {cohort.size} on {e(cohort.framework)}</h1>",
        f'<p class="lead">{e(lead)}</p>',
        "</header>",
        "<main>",
        *_distributions(cohort),
        *(school_section(cohort, entry) if entry is not None else []),
        *_matrix(cohort, chosen, total, columns),
        *_trend(sql, cohort),
        "</main>",
        f"<footer>Made with selfreview-core from {e(cohort.framework)}.</footer>",
    ]
    return page(f"Cohort dashboard: {cohort.framework}", body, _STYLE)
