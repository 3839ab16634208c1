"""A cohort as text: the per-strand table a local authority reads, and CSV for spreadsheets.

CSV cells holding text from files (names, ids, authorities, titles) that a spreadsheet would
run as a formula (starting, after any spaces or line breaks, with `=`, `+`, `-`, `@`, a tab, a
carriage return or the full-width forms of the four) get a leading `'`, so they show as
text; the rule is the `csv` report exporter's. Cells holding numbers the library computed (levels,
percentiles, counts) are written as plain numbers and never prefixed: a level of `-1` on a
scale running below zero is a number, not a formula, and must stay one to sort and sum.

Text from files (ids, titles, school names) is shown escaped in the tables and the CSV
(`escaping.shown`): a control character in a school's name never reaches the terminal.

The tables fit the terminal's width (80 columns in a pipe or a file, where nobody's terminal
is known): titles are shown whole, wrapped on lines of their own within their column, and
the headings are short (`Q1`, `Q3`), with a note under the table saying what each means, so
nothing is cut to fit.

In an anonymised cohort every suppressed figure (a count, level, quartile, percentile or
year) shows as `[c]`, the symbol official statistics use for a value withheld to protect
confidentiality. Not `<5`: a count hidden so that another cannot be worked out from the
total may itself be 5 or more, and marking it differently would say which one is small.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Final

from tabulate import SEPARATING_LINE, tabulate

from ..display import fitting_width
from ..escaping import shown, shown_name
from ..exporters.csv import csv_cell, csv_text
from ..model.questions import Terms, score_text
from ..model.unseen import says_something
from ..text_tables import display_width, isolated

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from ..model.scale import Scale
    from .positions import Cohort, Distribution, Position, SchoolPosition

__all__ = [
    "APPLICABLE_COLUMN",
    "CSV_COLUMNS",
    "EVIDENCE_COLUMN",
    "WITHHELD",
    "cohort_csv",
    "cohort_table",
    "csv_cell",
    "school_table",
]

#: The width of a table written to a pipe or a file (no terminal to fit).
PIPE_WIDTH: Final = 80
#: The narrowest the title column is made, however narrow the terminal.
TITLE_LEAST: Final = 12
CSV_COLUMNS: Final = (
    "school_id",
    "school_name",
    "authority",
    "assessed_on",
    "kind",
    "id",
    "title",
    "level",
    "percentile",
    "cohort_judged",
    "cohort_lower_quartile",
    "cohort_median",
    "cohort_upper_quartile",
    "has_evidence",
)
#: The column added when some school marked an id not applicable: `no` there, `yes` where
#: it applies (judged or not), as the report's CSV says it (`exporters.csv`).
APPLICABLE_COLUMN: Final = "applicable"
#: The column added when the cohort carries evidence text (`--with-evidence`): the last.
EVIDENCE_COLUMN: Final = "evidence"
#: A suppressed figure other than a count (official statistics' "confidential").
WITHHELD: Final = "[c]"


def _title(title: str) -> str:
    return shown(title, newline=False)


def _width(width: int | None) -> int:
    """The width to fit: `width`, else the terminal's, else `PIPE_WIDTH`."""
    return width or fitting_width() or PIPE_WIDTH


def _id(stats_id: str, kind: str) -> str:
    return shown_name(stats_id) if kind != "overall" else "overall"


def _level(value: int | None) -> str:
    return "-" if value is None else str(value)


def _count(value: int | None) -> str:
    """A number of schools; `[c]` when suppressed (counts are None only then)."""
    return WITHHELD if value is None else str(value)


def _quartile(stats: Distribution, value: int | None) -> str:
    """A quartile or median: `-` when no school has a level, `[c]` when suppressed."""
    if value is None and stats.suppressed and stats.judged != 0:
        return WITHHELD
    return _level(value)


def _own_level(position: Position) -> str:
    return WITHHELD if position.suppressed and position.level is None else _level(position.level)


def scored_level(level: int | None, score: float | None) -> str:
    """`level 2`, or with its score `1.75 (level 1)` (SPEC section 10)."""
    return f"level {level}" if score is None else f"{score_text(score)} (level {level})"


def score_beside(level: int | None, score: float | None, scale: Scale) -> float | None:
    """`score` where it is shown beside `level`: only where it leads to that level (SPEC
    section 10: the level at ⌊score⌋), never beside a missing or withheld one."""
    if level is None or score is None or scale.from_rank(int(score)) != level:
        return None
    return score


def _own(position: Position, score: float | None, scale: Scale) -> str:
    """The school's own figure: its level, or `1.75 (level 1)` where it has a score that
    leads to that level (a withheld or missing level keeps its mark)."""
    shown_score = score_beside(position.level, score, scale)
    if shown_score is None:
        return _own_level(position)
    return scored_level(position.level, shown_score)


def _not_applicable_here(entry: SchoolPosition) -> set[tuple[str, str]]:
    """The (kind, id) of each strand `entry` marked not applicable, and overall when all."""
    na = {("strand", s) for s in entry.not_applicable if s in entry.strands}
    if na and len(na) == len(entry.strands):
        na.add(("overall", "overall"))
    return na


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def _applicable(marked: bool, position: Position) -> str:
    """`no` for an id the school marked not applicable, `yes` for one it did not; withheld
    where the anonymised cohort hides the cell (which of the two it is, too)."""
    if marked:
        return "no"
    return WITHHELD if position.suppressed and position.level is None else "yes"


def _reviewed(entry: SchoolPosition) -> str:
    if entry.assessed_on is not None:
        return entry.assessed_on.isoformat()
    return WITHHELD if entry.year is None else str(entry.year)


def _describe(cohort: Cohort, width: int, terms: Terms) -> str:
    subject, subjects = (shown(word, newline=False) for word in (terms.subject, terms.subjects))
    if cohort.latest_only:
        entries = subject if cohort.size == 1 else subjects
    else:
        entries = "review" if cohort.size == 1 else "reviews"
    which = f"latest review of each {subject}" if cohort.latest_only else "every review counted"
    text = f"Cohort of {cohort.size} {entries} ({which}) on {shown_name(cohort.framework)}."
    lines = [
        _notes(text, width),
        _notes(f"Overall: each {subject}'s {cohort.policy} strand level.", width),
    ]
    if cohort.anonymous:
        lines.append(
            _notes(
                f"Anonymised: {subjects} labelled at random, dates given as years; {WITHHELD} "
                f"marks a figure withheld because it would describe fewer than "
                f"{cohort.min_group} {subjects} or let such a figure be worked out.",
                width,
            )
        )
    return "\n".join(lines)


def _notes(text: str, width: int) -> str:
    return textwrap.fill(text, width, break_on_hyphens=False)


def _cell_width(cells: Iterable[str]) -> int:
    return max((display_width(line) for cell in cells for line in cell.split("\n")), default=0)


def _render(headers: list[str], rows: list[list[str]], numeric_from: int, width: int) -> str:
    """The table within `width`: the title (column 1) takes the room the others leave,
    wrapped at spaces. The headings are a row of their own (tabulate would pad each by two),
    under and above a rule; the overall row sits under a rule of its own: it sums up the
    strands above it."""
    align = ["left"] * numeric_from + ["right"] * (len(headers) - numeric_from)
    columns = list(zip(headers, *rows, strict=True))
    others = sum(_cell_width(c) for i, c in enumerate(columns) if i != 1)
    room = width - others - 2 * (len(headers) - 1)
    title = max(TITLE_LEAST, min(room, _cell_width(columns[1])))
    limits: list[int | None] = [None] * len(headers)
    limits[1] = title
    # a right-to-left title isolated line by line, so its row reads left to right (`isolated`)
    rows = [[row[0], isolated(row[1], title), *row[2:]] for row in rows]
    body: list[list[str] | str] = [headers, SEPARATING_LINE, *rows[:-1], SEPARATING_LINE, rows[-1]]
    table = tabulate(
        body, tablefmt="simple", disable_numparse=True, colalign=align, maxcolwidths=limits
    )
    return "\n".join(table.splitlines()[1:-1])  # no rule above the headings, nor at the end


def cohort_table(cohort: Cohort, width: int | None = None, terms: Terms | None = None) -> str:
    """Per strand (and overall): schools at each level from worst to best, as `selfreview
    show` lists levels, then the quartiles and median of the schools with a level there;
    within `width` (by default the terminal's, or `PIPE_WIDTH`), in the framework's `terms`
    (by default: schools)."""
    width = _width(width)
    terms = terms or Terms()
    subjects = shown(terms.subjects, newline=False)
    scale = cohort.scale
    worst_first = tuple(reversed(scale.levels))
    listed = (*cohort.strands.values(), cohort.overall)
    # A column of schools not applicable only where some school marked a strand so.
    na = any(stats.not_applicable != 0 for stats in listed)
    headers = [
        "strand",
        "title",
        *(str(level) for level in worst_first),
        "not\njudged",
        *(["not\napplicable"] if na else []),
        "Q1",
        "median",
        "Q3",
    ]
    rows = [
        [
            _id(stats.id, stats.kind),
            _title(stats.title),
            *(_count(stats.counts[level]) for level in worst_first),
            _count(stats.unjudged),
            *([_count(stats.not_applicable)] if na else []),
            _quartile(stats, stats.lower_quartile),
            _quartile(stats, stats.median),
            _quartile(stats, stats.upper_quartile),
        ]
        for stats in listed
    ]
    notes = _notes(
        f"{terms.title(subjects)} at each level, from {scale.worst} (worst) to {scale.best} "
        f"(best). Q1 is the lower quartile, Q3 the upper. Quartiles and median count only the "
        f"{subjects} with a level: a quarter of them are at Q1 or worse, half at the median or "
        "worse, three quarters at Q3 or worse.",
        width,
    )
    table = _render(headers, rows, 2, width)
    return f"{_describe(cohort, width, terms)}\n\n{table}\n\n{notes}\n"


def _percent(position: Position) -> str:
    if position.percentile is None:
        return WITHHELD if position.suppressed else "-"
    return f"{position.percentile:.0f}"


def school_table(
    cohort: Cohort,
    entry: SchoolPosition,
    width: int | None = None,
    terms: Terms | None = None,
    scores: Mapping[str, float | None] | None = None,
    note: str = "",
) -> str:
    """One school's level per strand next to the cohort's quartiles, and its percentile;
    within `width` (by default the terminal's, or `PIPE_WIDTH`), in the framework's `terms`
    (by default: school). With its `scores` (by id, `overall` too: a framework with
    questions), its own column says `1.75 (level 1)` and percentiles are said to be by
    score, as they are then taken. `note` (which figures are withheld) ends the notes."""
    width = _width(width)
    terms = terms or Terms()
    subject, subjects = (shown(word, newline=False) for word in (terms.subject, terms.subjects))
    school = entry.school
    who = ", ".join(p for p in (shown_name(school.id), school.authority) if says_something(p))
    when = _reviewed(entry) if entry.assessed_on is not None else f"in {_reviewed(entry)}"
    name = isolated(shown(school.name, newline=False))  # first on its line: isolated if RTL
    heading = _notes(f"{name}{shown(f' ({who}), reviewed {when}', newline=False)}", width)
    headers = ["strand", "title", subject, "Q1", "median", "Q3", "percentile"]
    pairs = [(cohort.strands[s], p) for s, p in entry.strands.items()]
    pairs.append((cohort.overall, entry.overall))
    na = _not_applicable_here(entry)
    rows = [
        [
            _id(stats.id, stats.kind),
            _title(stats.title),
            "n/a"
            if (stats.kind, stats.id) in na
            else _own(position, (scores or {}).get(stats.id), cohort.scale),
            _quartile(stats, stats.lower_quartile),
            _quartile(stats, stats.median),
            _quartile(stats, stats.upper_quartile),
            _percent(position),
        ]
        for stats, position in pairs
    ]
    scale = cohort.scale
    by = "score" if scores else "level"
    worse = "a lower score" if scores else "a worse level"
    notes = _notes(
        f"Levels from {scale.worst} (worst) to {scale.best} (best); - means not judged"
        + ("; n/a: not applicable. " if na else ". ")
        + "Q1 is the cohort's lower quartile, Q3 its upper. "
        f"Percentile: the share of the {subjects} with a {by} there that are at {worse}, "
        f"counting those at the same {by} as half; {subjects} at the same {by} share it."
        + (f" {WITHHELD}: withheld. {shown(note, newline=False)}" if note else ""),
        width,
    )
    table = _render(headers, rows, 2, width)
    return f"{heading}\n{_describe(cohort, width, terms)}\n\n{table}\n\n{notes}\n"


def cohort_csv(cohort: Cohort, entries: Iterable[SchoolPosition] | None = None) -> str:
    """One row per school (or review) and strand, aspect, element or overall, with the
    cohort's figures for that id: a tidy table for pivot tables and filters.

    `has_evidence` is `yes` or `no` for a judged strand (empty elsewhere); `applicable`,
    only where some school marked an id not applicable, tells its empty level from one not
    judged; the evidence text itself is a last column only in a cohort made with evidence."""
    listed = (*cohort.strands.values(), *cohort.aspects.values(), *cohort.elements.values())
    na = any(stats.not_applicable != 0 for stats in (*listed, cohort.overall))
    rows: list[Sequence[object] | None] = [
        (
            *CSV_COLUMNS,
            *((APPLICABLE_COLUMN,) if na else ()),
            *((EVIDENCE_COLUMN,) if cohort.evidence else ()),
        )
    ]
    # An id's cells are the same for every school: made once (20,000 schools, a million).
    fixed: dict[int, tuple[tuple[object, ...], tuple[object, ...]]] = {}
    parts_of = (cohort.strands, cohort.aspects, cohort.elements)
    for entry in cohort.schools if entries is None else entries:
        school = entry.school
        head = (school.id, school.name, school.authority, _reviewed(entry))
        marked = set(entry.not_applicable) if na else set()  # read only with the column
        tables = zip(parts_of, (entry.strands, entry.aspects, entry.elements), strict=True)
        pairs = [(stats[i], pos) for stats, positions in tables for i, pos in positions.items()]
        pairs.append((cohort.overall, entry.overall))
        for stats, position in pairs:
            parts = fixed.get(id(stats))
            if parts is None:
                parts = fixed[id(stats)] = _row_figures(stats)
            named, figures = parts
            percentile: object = None
            if position.percentile is not None:
                percentile = round(position.percentile, 1)
            elif position.suppressed:
                percentile = WITHHELD
            row: list[object] = [
                *head,
                *named,
                WITHHELD if position.suppressed and position.level is None else position.level,
                percentile,
                *figures,
                _yes_no(position.has_evidence),
            ]
            if na:
                row.append(_applicable(stats.id in marked, position))
            if cohort.evidence:
                row.append(position.evidence)
            rows.append(row)
    return csv_text(rows)  # the convention of every CSV (`exporters.csv`)


def _row_figures(stats: Distribution) -> tuple[tuple[object, ...], tuple[object, ...]]:
    """`cohort_csv`'s cells of an id: its kind, id, title; its count and quartiles."""
    quartiles = (stats.lower_quartile, stats.median, stats.upper_quartile)
    shown = (WITHHELD if _quartile(stats, q) == WITHHELD else q for q in quartiles)
    return (stats.kind, stats.id, stats.title), (_count(stats.judged), *shown)
