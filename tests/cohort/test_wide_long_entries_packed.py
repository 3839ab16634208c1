"""A wide framework's long form reads its entries packed (round 73).

`SupportEntries` (`sql_support`) made a wide framework's `long_entries` from the view that
unpacks each of its 1,000 scores a column (`cohort_scored`), put them in a list a school
and numbered the entries in one window over those lists: 1,000 expressions, each with
vectors of its own, and a sort of 8 KB a school. Making it was 10,000 schools'
`benchmark --with-evidence` peak: 379 MB, near SPEC section 8's 400. The entries now keep
the packed score words (`v`, a few dozen), and each strand's score is unpacked from its
word on its own row of `long_strands`: the same scores, the same figures."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from cohort.test_wide_reviews_packed import _cohort
from selfreview_core.cohort.sql_queries import entry_reviews_sql
from selfreview_core.cohort.sql_reviews import score_fields, score_words


def test_a_wide_cohorts_long_entries_keep_the_score_words_not_a_score_a_strand(
    tmp_path: Path,
) -> None:
    made, expected = _cohort(tmp_path, (8, 8, 8))  # 512 strands, 585 ids: wide
    try:
        strands = len(made.layout.strands)
        words = ", ".join(f"v{w}" for w in range(score_words(made.layout)))
        assert made.long_form.size == 3
        described = made.con.execute("SELECT * FROM long_entries LIMIT 0").description
        assert [column[0] for column in described] == [
            *("e", "school_id", "assessed_on", "seq", "na", "k", "v")
        ]  # no list of a score a strand (`s`)
        widths = made.con.execute("SELECT DISTINCT len(v) FROM long_entries").fetchall()
        assert widths == [(score_words(made.layout),)]
        assert score_words(made.layout) < 200 < strands
        # Each judged strand's score on its row is the one its word holds (`s{i}`, as the
        # view unpacks it: the field's value + 1, 0 for none):
        bits, per_word = score_fields(made.layout)
        unpacked = {
            (row[0], i): field - 1
            for row in made.con.execute(f"SELECT school_id, {words} FROM cohort_packed").fetchall()
            for i in range(strands)
            if (field := (row[1 + i // per_word] >> (bits * (i % per_word))) & ((1 << bits) - 1))
        }
        stored = made.con.execute(
            "SELECT x.school_id, s.i, s.score FROM long_strands s JOIN long_entries x USING (e)"
        ).fetchall()
        assert len(stored) == len(unpacked) > 2 * strands  # every judged strand of each
        assert {(school, i): score for school, i, score in stored} == unpacked
        assert made.cohort() == expected  # the figures and positions: the defined ones
        # Each school's latest review taken in one grouping (reviews unique a school and
        # date, as a Parquet cohort's are) keeps the score words too, each the review's:
        layout, rows = made.layout, replace(made.rows, unique_reviews=True)
        packed = entry_reviews_sql(layout, rows, latest_only=True, packed=True)
        assert "cohort_scored" not in packed
        assert "cohort_scored" in entry_reviews_sql(layout, rows, latest_only=True)
        taken = made.con.execute(f"SELECT school_id, {words} FROM ({packed}) ORDER BY 1")
        taken_words = taken.fetchall()
        assert len(taken_words) == 3
        assert (
            taken_words
            == made.con.execute(
                f"SELECT school_id, {words} FROM cohort_packed ORDER BY 1"
            ).fetchall()
        )
    finally:
        made.con.close()
