"""A cohort computed on DuckDB written out: a table, JSON, CSV or the authority's dashboard.

A cohort of a million schools is never held as Python objects: the table needs only the
distributions, one school's view only that school's positions, and JSON and CSV are written
school by school as DuckDB hands them over (`json_parts`, `csv_parts`: the same text as
`Cohort.model_dump_json(indent=2)` and `views.cohort_csv` give for the whole cohort). Only
an anonymised cohort, whose schools are labelled at random and whose small groups are
withheld, is built whole in memory: deciding what to withhold needs every school.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import closing
from itertools import islice
from typing import IO

from .._names import DEFAULT_MIN_GROUP
from ..errors import UnknownIdError
from ..escaping import shown_json
from ..model.closest import closest
from .positions import Cohort, SchoolPosition, no_school
from .sql import SqlCohort
from .views import cohort_csv, cohort_table, school_table

__all__ = ["csv_parts", "json_parts", "school_entry", "school_scores", "write_cohort"]

#: Schools per piece of CSV, at most.
_CSV_BATCH = 1000
#: Rows (a school's ids, each a row) per piece of CSV, at most: a piece's rows are held as
#: lists until its text is made, a few hundred bytes each. A thousand schools of a
#: 1,000-strand framework were 1.1 million rows, and 1.4 GB (round 69); Becta's 1,000
#: schools are about 20,000 rows.
_CSV_ROWS = 32_768


def school_entry(sql: SqlCohort, school_id: str, *, anonymous: bool = False) -> SchoolPosition:
    """A school's latest entry; `UnknownIdError` if none, with a hint of other schools' ids
    unless the view is `anonymous` (it must not suggest them, nor name the id given)."""
    from ..typed_text import utf8_problem

    # An id typed as bytes that are not UTF-8 holds a lone surrogate (`x\udcffy`): DuckDB
    # cannot take it as a parameter, and no cohort holds it, as every reader refuses one.
    entries = [] if utf8_problem(school_id) else list(sql.positions(school_id))
    if entries:
        return entries[-1]
    hint = None if anonymous else _hint(sql, school_id)
    raise UnknownIdError(no_school(school_id, anonymous=anonymous), hint=hint)


def _hint(sql: SqlCohort, school_id: str) -> str | None:
    """`did_you_mean` of the cohort's school ids, a batch at a time as DuckDB reads them."""
    count, batches = sql.school_ids()
    with closing(batches):  # a case-only match ends the search: DuckDB's limit put back
        return closest(school_id, batches, count)


def school_scores(sql: SqlCohort, school_id: str) -> dict[str, float | None] | None:
    """The scores of a school's latest entry by id (strands, aspects, elements, `overall`)
    in a framework with questions, worked out in SQL as its levels are; None in a framework
    without questions (its levels say it all) or for a school not in the cohort. What the
    dashboard's view of one school draws: "1.75 (level 1)", not the level alone."""
    if not sql.framework.has_questions:
        return None
    rows = list(sql.each_entry(school_id, scores=True, texts=False))
    if not rows:
        return None
    ids = sql.layout.ids
    return dict(zip(ids, rows[-1][-len(ids) - 1 : -1], strict=True))


def write_cohort(
    sql: SqlCohort,
    stream: IO[str],
    form: str,
    school_id: str | None = None,
    *,
    anonymous: bool = False,
    min_group: int | None = None,
) -> None:
    """`selfreview benchmark` in `form` (`table`, `json`, `csv` or `html`): the cohort, or
    with `school_id` one school against it; anonymised (SPEC section 7) when `anonymous`."""
    entry = None if school_id is None else school_entry(sql, school_id, anonymous=anonymous)
    visible: Cohort
    schools: Iterable[SchoolPosition] | None = None
    if anonymous:
        from .anonymity import anonymise

        made = anonymise(
            sql.cohort(),
            min_group=min_group or DEFAULT_MIN_GROUP,
            terms=sql.framework.terms,
        )
        visible = made.cohort
        schools = visible.schools
        if school_id is not None:
            entry = made.school(school_id)
    else:
        visible = sql.summary()
    terms = sql.framework.terms
    # What the views of one school draw beside its levels (JSON and CSV carry positions).
    scores = None
    if school_id is not None and form in ("html", "table"):
        scores = school_scores(sql, school_id)
    if form == "html":
        from .dashboard import dashboard

        stream.write(dashboard(sql, visible, entry, anonymous=anonymous, scores=scores))
    elif form == "json" and entry is not None:
        payload = {
            "school": entry.model_dump(mode="json"),
            "cohort": visible.model_dump(mode="json", exclude={"schools"}),
        }
        stream.write(shown_json(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n")
    elif form in ("json", "csv"):
        entries = (
            [entry]
            if entry is not None
            else (sql.positions() if schools is None else iter(schools))
        )
        parts = (
            json_parts(visible, iter(entries)) if form == "json" else csv_parts(visible, entries)
        )
        for part in parts:
            stream.write(part)
    elif entry is None:
        stream.write(cohort_table(visible, terms=terms))
    else:
        stream.write(school_table(visible, entry, terms=terms, scores=scores))


def json_parts(cohort: Cohort, schools: Iterator[SchoolPosition]) -> Iterator[str]:
    """The cohort's JSON as `Cohort.model_dump_json(indent=2)` writes it, with the schools
    written one at a time."""
    head = shown_json(cohort.model_copy(update={"schools": ()}).model_dump_json(indent=2))
    before, marker, after = head.partition('\n  "schools": [],\n')
    if not marker:  # pragma: no cover - the field is always there
        raise AssertionError("no schools field in the cohort's JSON")
    yield before + '\n  "schools": ['
    first = True
    for entry in schools:
        text = shown_json(entry.model_dump_json(indent=2)).replace("\n", "\n    ")
        yield ("\n    " if first else ",\n    ") + text
        first = False
    yield ("]" if first else "\n  ]") + ",\n" + after + "\n"


def csv_parts(cohort: Cohort, schools: Iterable[SchoolPosition]) -> Iterator[str]:
    """`views.cohort_csv`, a piece at a time (a thousand schools, fewer in a wide framework:
    `_CSV_ROWS`): the header once. The pieces join to the same text as one call's."""
    entries = iter(schools)
    ids = len(cohort.strands) + len(cohort.aspects) + len(cohort.elements) + 1
    size = max(1, min(_CSV_BATCH, _CSV_ROWS // ids))
    first = True
    while batch := list(islice(entries, size)):
        text = cohort_csv(cohort, batch)
        yield text if first else text.split("\n", 1)[1]
        first = False
    if first:
        yield cohort_csv(cohort, [])
