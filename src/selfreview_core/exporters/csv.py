"""The `csv` exporter: a report as one spreadsheet-friendly CSV file.

Layout (RFC 4180: comma-separated, cells quoted where needed, CRLF line ends):

1. A heading row, then **one row per strand of the framework, in framework order, judged
   or not** (an unjudged strand has empty level cells):

   ``school_id, assessed_on, element, aspect, strand, strand_title, level, level_label,
   descriptor, evidence, next_level, next_level_descriptor``

   and, when the report compares with a previous review, two more columns:
   ``previous_level, change``. `level_label` is the scale's name for the level (empty when
   the scale names none); `next_level` is the next level towards the best, whichever way the
   scale runs (empty at the best level); `change` counts steps towards the best level since
   the previous review (positive is better; empty unless both reviews judged the strand).
   Last, only when the previous review judged a strand not applicable:
   ``previous_applicable`` (`yes` or `no`), so an empty `previous_level` tells a strand that
   did not apply then from one left unjudged.
2. One empty row.
3. A heading row, then one row per recommendation, in the report's order:

   ``recommendation, priority, audience, title, action, targets, rationale, source,
   sources, reference, links``

   `targets` and `links` are separated by spaces, `sources` by "; ".
4. Only when the framework declares awards: one empty row, a heading row, then one row per
   award and one more per thing missing from it (the award's row has an empty `missing`):

   ``award, title, met, requirement, missing, subject, id, level, needed``

   `met` is `yes` or `no`; `level` and `needed` are plain integers (empty when not judged).

The convention of every CSV selfreview writes (`csv_text`; the benchmark's too), chosen to
open cleanly in Excel and LibreOffice alike: a UTF-8 byte order mark first, without which
Excel reads UTF-8 as the legacy code page and garbles accented letters and typographic
quotes (LibreOffice, pandas and Python's ``utf-8-sig`` codec skip it); CRLF line ends, as
RFC 4180 says (both read either); snake_case headings (`school_id`), which a pivot table,
pandas or SQL take as names without quoting.

Levels, `next_level`, `previous_level` and `change` are plain integers (a change
is written `-1`, `0`, `1`), so they sort and sum as numbers: the exporter writes them
itself from integers, and a bare integer is never a formula. Every *text* cell that a
spreadsheet would run as a formula — one starting with a tab or a carriage return, or with
`=`, `+`, `-`, `@` or their full-width (U+FF1D, U+FF0B, U+FF0D, U+FF20) or small forms,
after any whitespace (spaces, line breaks, vertical tabs, form feeds, no-break spaces) or
invisible characters — gets a leading single quote (`'=HYPERLINK(...)`), so it shows as
text and never runs.

Terminals: the CSV may be printed (`report --format csv` without `-o`), so text cells have
their control characters shown escaped (`escaping.shown`; tab and newline are kept).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Final, cast

from ..escaping import BIDI_CONTROLS, FORMAT_CLASS, UNSEEN_CLASS, shown
from ..report import Report
from ..voices.views import VOICES_COLUMNS, voices_csv_rows
from .common import strand_rows

__all__ = [
    "AWARD_COLUMNS",
    "BOM",
    "PREVIOUS_APPLICABLE_COLUMN",
    "RECOMMENDATION_COLUMNS",
    "STRAND_COLUMNS",
    "csv_cell",
    "csv_lines",
    "csv_text",
    "neutralise",
    "render",
]

BOM: Final = "\ufeff"

STRAND_COLUMNS: Final = (
    "school_id",
    "assessed_on",
    "element",
    "aspect",
    "strand",
    "strand_title",
    "level",
    "level_label",
    "descriptor",
    "evidence",
    "next_level",
    "next_level_descriptor",
)
COMPARISON_COLUMNS: Final = ("previous_level", "change")
#: Last on each strand's row, only for a framework with questions or a strand not applicable.
SCORE_COLUMNS: Final = ("score", "applicable")
#: After those, only when the previous review judged a strand not applicable.
PREVIOUS_APPLICABLE_COLUMN: Final = "previous_applicable"
AWARD_COLUMNS: Final = (
    "award",
    "title",
    "met",
    "requirement",
    "missing",
    "subject",
    "id",
    "level",
    "needed",
)
RECOMMENDATION_COLUMNS: Final = (
    "recommendation",
    "priority",
    "audience",
    "title",
    "action",
    "targets",
    "rationale",
    "source",
    "sources",
    "reference",
    "links",
)

#: First characters that make a spreadsheet treat a cell as a formula (or a DDE call): the
#: four signs, their full-width (U+FF1D, U+FF0B, U+FF0D, U+FF20) and small (U+FE66, U+FE62,
#: U+FE63, U+FE6B) forms, which some spreadsheets read as the signs, and a tab or carriage
#: return, which can hide what follows.
_TRIGGERS: Final = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b")
#: What may stand before a formula and be skipped by a spreadsheet or unseen by its reader:
#: whitespace of every kind (`\s` includes vertical tab, form feed and no-break space),
#: control characters, every format character (zero-width, bidirectional, BOM, the tags
#: and the interlinear annotation characters: `escaping.FORMAT_CLASS`, round 64; before it
#: a hand list missed 140 of Unicode's 163) and the characters that print as a blank or as
#: nothing (`escaping.UNSEEN`: Hangul fillers, Braille blank, variation selectors, the
#: combining grapheme joiner).
_INVISIBLE: Final = re.compile(
    r"^[\s\x00-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + FORMAT_CLASS + UNSEEN_CLASS + "]+"
)

Cell = str | int | None


def neutralise(text: str) -> str:
    """`text` made safe to open in a spreadsheet: a leading `'` when it could run as a formula."""
    stripped = _INVISIBLE.sub("", text, count=1)
    if text[:1] in _TRIGGERS or stripped[:1] in _TRIGGERS:
        return "'" + text
    return text


def csv_cell(value: object) -> str | int | float:
    """A value as a CSV cell: numbers as they are (written by us, never a formula), text
    neutralised against formulas and with its control characters shown escaped, None as an
    empty cell."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return shown(neutralise(str(value)))


class _Cells(dict[object, str]):
    """Each cell of one CSV file as the file shows it (`csv_cell`, then as `csv.writer`
    writes the value: `None` empty, anything but text by `str`), by its value: a file repeats
    most of its text (a cohort's ids, titles, dates and `yes` on every school's twenty
    rows), so each text is neutralised and escaped once, and a cell already met costs one
    lookup in C (`map(cells.__getitem__, row)`), not a call of `csv_cell`: a fifth of
    `benchmark --format csv`'s time at 20,000 schools went there (round 60).

    Only text (`str` itself) is kept: `1`, `1.0` and `True` are equal keys of a dict, and
    each is written as itself (`1`, `1.0`, `True`), so numbers are converted each time,
    never kept. `None`, an empty cell, is there from the start."""

    def __init__(self) -> None:
        super().__init__({None: ""})

    def __missing__(self, value: object) -> str:
        kind = type(value)
        if kind is str:
            cell = cast("str", csv_cell(value))
            if len(cell) <= _KEPT:
                self[value] = cell
            return cell
        # As `csv.writer` writes a value that is not text: `str` (`None` is kept above).
        return str(value) if kind is int or kind is float else str(csv_cell(value))


#: The longest cell `_Cells` keeps: one longer (`support`'s ids of every school a row, 8 MB
#: at a million) is rarely met again, and kept it would hold the whole of a file written a
#: line at a time (`csv_lines`).
_KEPT: Final = 1_000


class _Line:
    """Where `csv.writer` writes a row it quotes: the one line, held (it writes each row
    with one call)."""

    __slots__ = ("text",)

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text = text


def csv_text(rows: Iterable[Sequence[object] | None]) -> str:
    """Rows as a CSV file in the one convention of every CSV selfreview writes (see the
    module: a UTF-8 byte order mark, CRLF line ends, snake_case headings, each cell through
    `csv_cell`, each text once: `_Cells`); None is an empty row, between sections. Every
    command that writes CSV calls this, or `csv_lines`."""
    return "".join(csv_lines(rows))


def csv_lines(rows: Iterable[Sequence[object] | None]) -> Iterator[str]:
    """`csv_text` a line at a time (the byte order mark first), each made as it is asked
    for: a file too large to hold as one string (`support`'s at a million schools) is
    written as it is made.

    A row none of whose cells `csv.writer` would quote (no comma, quote or line end in
    any: the joined line has one comma fewer than the cells and none of the rest) is its
    cells joined by commas, which is what `csv.writer` writes for it; any other row,
    and a row of one empty cell (written `""`), `csv.writer` writes. Its own check of each
    character was most of the rest of the time of a cohort's CSV."""
    cell = _Cells().__getitem__
    held = _Line()
    writer = csv.writer(held, lineterminator="\r\n")
    yield BOM
    for row in rows:
        if row is None:
            yield "\r\n"
            continue
        try:
            line = ",".join(map(cell, row))
        except TypeError:  # a cell that cannot be a dict's key (a list): written below
            line = ""
        # What makes `csv.writer` quote a cell: the delimiter (counted: it also stands
        # between the cells), a quote, or a character of the line end, each looked for
        # in C by `in` (`memchr`: a fourth of the cost of one regular expression). A
        # carriage return is never there: `csv_cell` shows it escaped, `\r`.
        if line and line.count(",") == len(row) - 1 and '"' not in line and "\n" not in line:
            yield line + "\r\n"
        else:
            writer.writerow([csv_cell(value) for value in row])
            yield held.text


def render(report: Report) -> str:
    """The whole CSV file, byte order mark first."""
    framework = report.framework
    scale = framework.scale
    assessment = report.assessment
    compared = report.previous is not None
    rows: list[Sequence[object] | None] = []
    write = rows.append

    profile = report.profile
    scored = framework.has_questions or bool(profile.not_applicable)
    strands = strand_rows(report)
    absent_before = not all(row.previous_applicable for row in strands)
    write(
        [
            *STRAND_COLUMNS,
            *(COMPARISON_COLUMNS if compared else ()),
            *(SCORE_COLUMNS if scored else ()),
            *((PREVIOUS_APPLICABLE_COLUMN,) if absent_before else ()),
        ]
    )
    for row in strands:
        judgement = row.judgement
        cells: list[Cell | float] = [
            assessment.school.id,
            assessment.assessed_on.isoformat(),
            row.element.id,
            row.aspect.id,
            row.strand.id,
            row.strand.title,
            row.level,
            None if row.level is None else scale.labels.get(row.level),
            row.descriptor,
            None if judgement is None else judgement.evidence,
            row.next_level,
            row.next_descriptor,
        ]
        if compared:
            cells += [row.previous, row.change]
        if scored:
            applicable = row.strand.id not in profile.not_applicable
            cells += [profile.score(row.strand.id), "yes" if applicable else "no"]
        if absent_before:
            cells.append("yes" if row.previous_applicable else "no")
        write(cells)
    write(None)
    write(RECOMMENDATION_COLUMNS)
    for rec in report.recommendations:
        write(
            [
                rec.id,
                rec.priority,
                rec.audience,
                rec.title,
                rec.action,
                " ".join(rec.targets),
                rec.rationale,
                rec.source,
                "; ".join(rec.sources),
                rec.reference,
                " ".join(str(link) for link in rec.links),
            ]
        )
    if report.awards:
        write(None)
        write(AWARD_COLUMNS)
        for award in report.awards:
            write([award.id, award.title, "yes" if award.met else "no", award.requirement])
            for s in award.missing:
                write([award.id, None, None, None, s.text, s.subject, s.id, s.level, s.needed])
    if report.voices is not None:
        write(None)
        write(VOICES_COLUMNS)
        for voice in voices_csv_rows(framework, report.voices):
            write(voice)
    return csv_text(rows)
