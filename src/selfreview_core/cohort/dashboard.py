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
the schools with no level there) is empty or holds `min_group` schools or more, so that it
could not tell what a withheld cell would hide. Not judged and not applicable are one cell
here: the median is decided by the levels alone, and the trend shows no figure of either.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from ..escaping import shown_name
from ..exporters.page import e, n, page
from .dashboard_charts import (
    NOT_APPLICABLE,
    WITHHELD_COLOUR,
    cell,
    distributions,
    level_colour,
    school_section,
    short,
)
from .positions import Cohort, SchoolPosition, marked_ids, quantile
from .sql_support import review_years
from .views import WITHHELD

if TYPE_CHECKING:
    from ..model.questions import Terms
    from ..model.scale import Scale
    from .sql import SqlCohort

__all__ = ["MATRIX_ROWS", "dashboard", "level_colour", "need_order", "school_section"]

#: Schools the matrix shows at most (the neediest); the rest are counted.
MATRIX_ROWS: Final = 80


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


def _matrix(
    cohort: Cohort, rows: list[Row], total: int, columns: list[str], terms: Terms
) -> list[str]:
    scale = cohort.scale
    subject, subjects = e(terms.subject), e(terms.subjects)
    head = "".join(
        f'<th scope="col" class="num" title="{e(_title(cohort, c))}">{n(c)}</th>' for c in columns
    )
    out = [
        '<section id="matrix">',
        f"<h2>{e(terms.title(terms.subjects))} by need</h2>",
        f'<p class="note">Each {subject}\'s level on each aspect (its '
        f"{e(cohort.policy)} strand level) and overall. Most need first: the number of aspects "
        f"where the {subject} is below the cohort's median, then the lower mean level.</p>",
        f'<table class="matrix"><thead><tr><th scope="col">{e(terms.title(terms.subject))}</th>'
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
        cells = "".join(cell(scale, level) for level in row.levels)
        out.append(
            f'<tr><th scope="row">{e(row.name)}</th><td class="num need">{below}</td>{cells}</tr>'
        )
    out.append("</tbody></table>")
    if total > len(rows):
        out.append(
            f'<p class="note">The {len(rows)} {subjects} most in need of {total}; every '
            f"{subject} is in the CSV (<code>--format csv</code>).</p>"
        )
    out.append("</section>")
    return out


def _title(cohort: Cohort, node_id: str) -> str:
    return cohort.stats(node_id).title


def _rows_from_sql(sql: SqlCohort, columns: list[str]) -> Iterable[Row]:
    """Every entry as a matrix row, straight from DuckDB (in a wide framework from the long
    form: `SqlCohort.each_entry`): no position is built."""
    layout = sql.layout
    index = {(k, i): n for n, (k, i) in enumerate(zip(layout.kinds, layout.ids, strict=True))}
    wanted = [index["aspect", c] for c in columns[:-1]] + [len(layout.ids) - 1]
    scale, count = sql.framework.scale, len(layout.strands)
    for row in sql.each_entry(None, scores=False, texts=False):
        school_id, name, _, day = row[:4]
        ranks, na = row[4:], set(marked_ids(layout.ids, count, layout.groups, row[-1]))
        levels = tuple(
            (NOT_APPLICABLE if layout.ids[i] in na else None)
            if ranks[i] is None
            else scale.from_rank(ranks[i])
            for i in wanted
        )
        label = f"{name} ({shown_name(school_id)})"
        if not sql.latest_only:
            label += f", {day.isoformat()}"
        yield Row(label, f"{school_id}\x00{day.isoformat()}", levels)


def _rows_from_cohort(cohort: Cohort, columns: list[str]) -> Iterable[Row]:
    """Every entry of an (anonymised) cohort as a matrix row, withheld levels marked."""
    for entry in cohort.schools:
        levels: list[int | str | None] = []
        for node_id in columns:
            place = entry.get(node_id)
            off = node_id in entry.not_applicable and place.level is None
            levels.append(
                WITHHELD
                if place.suppressed and place.level is None
                else NOT_APPLICABLE
                if off
                else place.level
            )
        name = entry.school.name
        if not cohort.latest_only:
            name += f", {WITHHELD if entry.year is None else entry.year}"
        yield Row(name, f"{int(entry.school.id.removeprefix('school-')):09d}", tuple(levels))


# -- trends -------------------------------------------------------------------------------


def _trend(sql: SqlCohort, cohort: Cohort, terms: Terms) -> list[str]:
    """Medians per strand year by year (see the module's notes); nothing for one year (then
    nothing is counted: a wide framework's counts by year take 1,111 columns)."""
    if review_years(sql) < 2:
        return []
    by_year = sql.counts_by_year()
    scale = cohort.scale
    layout = sql.layout
    minimum = cohort.min_group if cohort.anonymous else None
    years = sorted(by_year)
    head = "".join(f'<th scope="col" class="num">{year}</th>' for year in years)
    sizes = "".join(f'<td class="num">{_count(by_year[year][0], minimum)}</td>' for year in years)
    out = [
        '<section id="trend">',
        "<h2>Medians year by year</h2>",
        f'<p class="note">The median level of each strand among the {e(terms.subjects)} '
        f"reviewed each year (each {e(terms.subject)}'s latest review of the year).</p>",
        f'<table class="trend"><thead><tr><th scope="col">Strand</th>{head}</tr></thead>'
        f'<tbody><tr><th scope="row">{e(terms.title(terms.subjects))} reviewed</th>{sizes}</tr>',
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
                    f'<td class="cell withheld" style="background:{WITHHELD_COLOUR}">'
                    f"{WITHHELD}</td>"
                )
            else:
                cells.append(cell(scale, None if median is None else scale.from_rank(median)))
        title = "Overall" if layout.kinds[index] == "overall" else _title(cohort, node_id)
        out.append(
            f'<tr><th scope="row">{n(node_id)} {e(short(title, 40))}</th>{"".join(cells)}</tr>'
        )
    out += ["</tbody></table>", "</section>"]
    return out


def _all_shown(counts: Sequence[int], unjudged: int, minimum: int) -> bool:
    """Whether an anonymised cohort would show every cell of a year's distribution: then,
    and only then, its median is shown (it could not tell anything the cells do not)."""
    return sum(counts) >= minimum and all(n == 0 or n >= minimum for n in (*counts, unjudged))


def _count(value: int, minimum: int | None) -> str:
    return WITHHELD if minimum is not None and value < minimum else str(value)


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
    sql: SqlCohort,
    cohort: Cohort,
    entry: SchoolPosition | None = None,
    *,
    anonymous: bool,
    scores: Mapping[str, float | None] | None = None,
) -> str:
    """The whole page of `cohort` (its figures, as `benchmark` shows them: anonymised or
    not), with `entry`'s view when a school is asked for (with its `scores` by aspect id,
    in a framework with questions: `dashboard_charts.school_section`). `sql` gives the
    matrix rows of a cohort that is not anonymised (an anonymised one has them all) and the
    trend. Every word for who is reviewed is the framework's (`terms:`)."""
    scale = cohort.scale
    columns = [*cohort.aspects, "overall"]
    rows = _rows_from_cohort(cohort, columns) if anonymous else _rows_from_sql(sql, columns)
    medians = [cohort.stats(c).median for c in columns[:-1]]
    chosen, total = need_order(rows, medians, scale, MATRIX_ROWS)
    terms = sql.framework.terms
    which = (
        f"each {terms.subject}'s latest review" if cohort.latest_only else "every review counted"
    )
    lead = (
        f"{cohort.size} {terms.subjects if cohort.latest_only else 'reviews'} ({which}), levels "
        f"from {scale.worst} (worst) to {scale.best} (best)."
    )
    if anonymous:
        lead += (
            f" Anonymised: {terms.subjects} labelled at random, years for dates; {WITHHELD} marks "
            f"a figure withheld because it would describe fewer than {cohort.min_group} "
            f"{terms.subjects}."
        )
    body = [
        "<header>",
        '<p class="kicker">The authority\'s view</p>',
        f"<h1>Cohort of {cohort.size} on {n(cohort.framework)}</h1>",
        f'<p class="lead">{e(lead)}</p>',
        "</header>",
        "<main>",
        *distributions(cohort, terms),
        *(school_section(cohort, entry, terms, scores) if entry is not None else []),
        *_matrix(cohort, chosen, total, columns, terms),
        *_trend(sql, cohort, terms),
        "</main>",
        f"<footer>Made with selfreview-core from {n(cohort.framework)}.</footer>",
    ]
    return page(f"Cohort dashboard: {shown_name(cohort.framework)}", body, _STYLE)
