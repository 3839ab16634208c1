"""Step 4 of `cohort.sql`: each entry's position, built one at a time from its row.

`SqlCohort.positions` streams them in cohort order (by school id, date, order read) for
JSON and CSV, or gives one school's, oldest first. Each row is `SqlCohort.each_entry`'s:
school id, name, authority, date, the rank of every id (`Layout.ids`), each strand's
evidence flag, with evidence its strands' indexes and texts, with scores each id's score,
and the strands not applicable. A position shared by many entries (the same id, rank,
flag and score, no text of its own) is made once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from ..model.assessment import School
from ..model.framework import Framework
from .positions import OVERALL, Kind, Position, SchoolPosition
from .rows import Layout
from .sql_counts import not_applicable_ids
from .sql_queries import Figures

__all__ = ["entry_positions"]


class SqlCohort(Protocol):
    """What the positions read of `sql.SqlCohort` (which imports this module)."""

    framework: Framework
    with_evidence: bool

    @property
    def layout(self) -> Layout: ...
    def figures(self) -> Figures: ...
    def each_entry(self, school_id: str | None, scores: bool, texts: bool) -> Iterator[Any]: ...


def entry_positions(cohort: SqlCohort, school_id: str | None = None) -> Iterator[SchoolPosition]:
    """Every entry's position in cohort order, or only `school_id`'s entries, oldest first:
    `SqlCohort.positions`."""
    layout, scale, figures = cohort.layout, cohort.framework.scale, cohort.figures()
    count, ids, kinds = len(layout.strands), len(layout.ids), layout.kinds
    by_score = figures.by_score
    shared: dict[tuple[int, int | None, bool | None, str | None, float | None], Position] = {}

    def position(
        idx: int, rank: int | None, flag: bool | None, text: str | None, value: float | None
    ) -> Position:
        key = (idx, rank, flag, text, value)
        found = shared.get(key)
        if found is None:
            if rank is None:
                found = Position(level=None, percentile=None)
            else:
                found = Position(
                    level=scale.from_rank(rank),
                    percentile=(
                        figures.percentiles[idx][rank]
                        if by_score is None or value is None
                        else by_score[idx][value]
                    ),
                    has_evidence=flag,
                    evidence=text,
                )
            if text is None:  # texts are many and seldom shared: keep them out
                shared[key] = found
        return found

    texts: list[str | None] = []
    for row in cohort.each_entry(school_id, by_score is not None, cohort.with_evidence):
        school_id_, name, authority, day = row[:4]
        ranks = row[4 : 4 + ids]
        flags = row[4 + ids : 4 + ids + count]
        end = 4 + ids + count
        if cohort.with_evidence:  # each strand's text, from its indexes and texts
            texts = [None] * count
            for i, text in zip(row[end] or (), row[end + 1] or (), strict=True):
                texts[i] = text
            end += 2
        values = row[end:-1] if by_score is not None else (None,) * ids
        places: dict[Kind, dict[str, Position]] = {k: {} for k in set(kinds)}
        for idx in range(ids):
            strand = idx < count
            places[kinds[idx]][layout.ids[idx]] = position(
                idx,
                ranks[idx],
                flags[idx] if strand and ranks[idx] is not None else None,
                texts[idx] if strand and texts else None,
                values[idx],
            )
        yield SchoolPosition(
            school=School(id=school_id_, name=name, authority=authority),
            assessed_on=day,
            year=day.year,
            strands=places["strand"],
            aspects=places["aspect"],
            elements=places["element"],
            overall=places["overall"][OVERALL],
            not_applicable=not_applicable_ids(layout, row[-1]),
        )
