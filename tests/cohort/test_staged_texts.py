"""A staged cohort's evidence texts in long form (`SqlCohort.texts`, `sql_queries.texts_sql`).

Before round 66 they were grouped by review and strand, each group's text `any_value`:
`support` of 100,000 schools from JSON Lines with evidence ran out of its 160 MB there
("the cohort's counting ran out of memory"), 2 runs of 2. A staging file holds each strand
of a review once (a review's mapping of judgements, split over lines of `LINE_JUDGEMENTS`
strands at most), so its rows are taken as they are; a cohort file, which may hold a strand
twice, is still grouped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Framework, Judgement, School
from selfreview_core.cohort import staged_lines
from selfreview_core.cohort.rows import Rows, connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.sql_queries import texts_sql
from selfreview_core.cohort.staged_lines import staged_text

_TEXTS = st.one_of(
    st.none(), st.sampled_from(["Minutes.", "A policy, reviewed.", "Café plan \u2014 2025"])
)


def _texts(framework: Framework, rows: Rows) -> list[tuple[object, ...]]:
    con = connect(None)
    try:
        con.execute(texts_sql(rows), [list(framework.strand_ids), *rows.params])
        return sorted(con.execute("SELECT * FROM cohort_texts").fetchall())
    finally:
        con.close()


@settings(  # becta is read only; each example writes a folder of its own
    max_examples=scaled(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_staged_cohorts_texts_are_each_judged_strands_text_once(
    data: st.DataObject, becta: Framework, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Over reviews of every length, staged over lines of 1 to 13 strands, with
    and without evidence and not applicable strands: the texts taken as they are, without
    grouping, are every judged strand's text once, at its place, as grouping gave them."""
    path = tmp_path_factory.mktemp("staged") / "staged.jsonl"
    reviews = data.draw(st.integers(1, 4))
    expected = []
    with path.open("w", encoding="utf-8") as out:
        for q in range(reviews):
            chosen = data.draw(st.lists(st.sampled_from(becta.strand_ids), unique=True))
            judgements = {}
            for strand in chosen:
                text, applicable = data.draw(_TEXTS), data.draw(st.booleans())
                judgements[strand] = (
                    Judgement(level=3, evidence=text)
                    if applicable or text is None
                    else Judgement(applicable=False, evidence=text)
                )
                if applicable and text is not None:
                    expected.append((q, becta.strand_ids.index(strand), text))
            review = Assessment(
                framework=becta.ref,
                school=School(id=f"s{q}", name="S"),
                assessed_on=dt.date(2025, 9, 1),
                judgements=judgements,
            )
            with pytest.MonkeyPatch.context() as patch:  # Becta's 12 strands over lines
                patch.setattr(staged_lines, "LINE_JUDGEMENTS", data.draw(st.integers(1, 13)))
                out.write(staged_text(becta, review, f"#{q}", q, evidence=True))
    rows = staged_rows(str(path), evidence=True)
    assert rows.strands_once
    assert "GROUP BY" not in texts_sql(rows)
    assert _texts(becta, rows) == sorted(expected)
    grouped = Rows(rows.sql, rows.params, rows.key, evidence=True, unique_reviews=False)
    assert "GROUP BY" in texts_sql(grouped)
    assert _texts(becta, grouped) == sorted(expected)


def test_support_of_a_staged_cohort_reads_its_texts_ungrouped(
    tmp_path: Path, becta: Framework
) -> None:
    """The table `support` joins its texts from, as `SqlCohort.texts` makes it."""
    path = tmp_path / "staged.jsonl"
    strand = becta.strand_ids[0]
    review = Assessment(
        framework=becta.ref,
        school=School(id="s0", name="S"),
        assessed_on=dt.date(2025, 9, 1),
        judgements={strand: Judgement(level=3, evidence="Minutes.")},
    )
    path.write_text(staged_text(becta, review, "#0", 0, evidence=True), encoding="utf-8")
    con = connect(str(tmp_path))
    try:
        cohort = SqlCohort(con, staged_rows(str(path), evidence=True), becta)
        table = cohort.texts
        assert con.execute(f"SELECT * FROM {table}").fetchall() == [(0, 0, "Minutes.")]
    finally:
        con.close()
