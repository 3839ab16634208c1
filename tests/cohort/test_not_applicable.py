"""A strand not applicable in a cohort (SPEC sections 8 and 10; the product's open question
36). "Not applicable is not unjudged", and a cohort file has "one row per judgement": before
round 51 `collect` wrote no row for a strand a school marked not applicable, so the file
could not tell it from one left unjudged, and `support` rebuilt the review with the strand
unjudged: a rule on `unjudged: true` fired for it (from the assessment files themselves too),
where `report` on the same review does not.

Now such a strand has its row, `level`, `rank` and `score` null, `has_evidence` true (its
evidence is required), and the column `applicable` (after `score`) says false; a judged
strand's row says true, and the row of a review that judges nothing says null. A file
written before it has no `applicable` column and is read as before."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from cohort.test_support_scores import FRAMEWORK, SETTING, collected, recommended_ids, run

RULES = """\
kind: rules
id: probe
framework: example-tech-standards
rules:
  - id: judge-the-cabling
    when: {strand: C-N-3, unjudged: true}
    recommend: {title: Judge the cabling, action: Judge it., audience: governors,
                priority: high}
"""


def test_collect_writes_a_row_for_a_strand_not_applicable(tmp_path: Path) -> None:
    out = collected(tmp_path, SETTING)
    con = duckdb.connect()
    try:
        columns = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{out}')").fetchall()
        rows = con.execute(
            "SELECT strand, level, rank, score, has_evidence, applicable "
            f"FROM read_parquet('{out}')"
        ).fetchall()
    finally:
        con.close()
    assert [(c[0], c[1]) for c in columns][-2:] == [("score", "DOUBLE"), ("applicable", "BOOLEAN")]
    assert [r[0] for r in rows] == [
        "L-G-1", "L-G-2", "C-N-1", "C-N-2", "C-N-3", "S-C-1", "S-C-2", "S-F-1",
    ]  # fmt: skip
    assert rows[4] == ("C-N-3", None, None, None, True, False)
    assert all(r[5] is True and r[1] is not None for r in rows[:4] + rows[5:])


def test_a_review_that_judges_nothing_keeps_its_row_with_applicable_null(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text(
        "kind: assessment\nframework: example-tech-standards@1\n"
        "school: {id: E-1, name: Empty}\nassessed_on: 2026-01-01\njudgements: {}\n"
    )
    out = collected(tmp_path, str(empty))
    found = duckdb.execute(f"SELECT strand, applicable FROM read_parquet('{out}')").fetchall()
    assert found == [(None, None)]


def _advice(tmp_path: Path, command: str, source: str) -> list[str]:
    """The ids of what `command` (report or support) recommends for `source` with RULES."""
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES)
    args = ["--framework", FRAMEWORK, "--rules", str(rules), "--format", "json"]
    return recommended_ids(run(command, source, *args))


@pytest.mark.parametrize("source", ["files", "parquet"])
def test_support_does_not_take_a_strand_not_applicable_for_unjudged(
    tmp_path: Path, source: str
) -> None:
    """SPEC section 8: support counts "every recommendation the installed plugins and rule
    packs make for those schools" - what `report` makes for each."""
    given = SETTING if source == "files" else str(collected(tmp_path, SETTING))
    advice = _advice(tmp_path, "support", given)
    assert "judge-the-cabling" not in advice
    assert advice == _advice(tmp_path, "report", SETTING)


def test_benchmark_of_the_file_is_that_of_the_reviews(tmp_path: Path) -> None:
    out = collected(tmp_path, SETTING)
    for form in ("text", "json"):
        args = ["--framework", FRAMEWORK, "--format", form]
        from_file = run("benchmark", str(out), *args)
        assert from_file.exit_code == 0, from_file.output
        assert from_file.stdout == run("benchmark", SETTING, *args).stdout


def _copied(query: str, to: Path) -> Path:
    """What `query` selects, written to the Parquet file `to`."""
    con = duckdb.connect()
    try:
        con.execute(f"COPY ({query}) TO '{to}' (FORMAT parquet)")
    finally:
        con.close()
    return to


def _rewritten(tmp_path: Path, change: str) -> Path:
    out = collected(tmp_path, SETTING)
    query = f"SELECT * REPLACE ({change}) FROM read_parquet('{out}')"
    return _copied(query, tmp_path / "changed.parquet")


def test_a_row_not_applicable_with_a_level_is_refused(tmp_path: Path) -> None:
    """A file from another tool that marks a strand not applicable and gives it a level:
    which is meant cannot be told."""
    changed = _rewritten(
        tmp_path,
        "CASE WHEN strand = 'L-G-2' THEN false ELSE applicable END AS applicable",
    )
    result = run("benchmark", str(changed), "--framework", FRAMEWORK)
    assert result.exit_code == 1
    assert "judgement rows do not fit example-tech-standards@1" in result.stderr
    assert "or a level for a strand marked not applicable): " in result.stderr
    assert "strand L-G-2 not applicable with level 1, rank 1, score 1.25" in result.stderr
    assert result.stdout == ""


def test_a_file_without_the_column_is_read_as_before(tmp_path: Path) -> None:
    """A file written before round 51 (or by another tool with the columns of SPEC 8)."""
    out = collected(tmp_path, SETTING)
    older = _copied(
        f"SELECT * EXCLUDE (applicable) FROM read_parquet('{out}') WHERE applicable IS NOT false",
        tmp_path / "older.parquet",
    )
    args = ["--framework", FRAMEWORK, "--format", "json"]
    result = run("benchmark", str(older), *args)
    assert result.exit_code == 0, result.output
    # Without the column a strand not applicable cannot be told from one left unjudged.
    older_cohort, cohort = (
        json.loads(result.stdout),
        json.loads(run("benchmark", str(out), *args).stdout),
    )
    moved = 0
    for table in ("strands", "aspects", "elements"):
        for stats in cohort[table].values():
            moved += stats["not_applicable"]
            stats["unjudged"] += stats["not_applicable"]
            stats["not_applicable"] = 0
    assert moved == 1  # C-N-3 (its aspect has other strands)
    assert [s.pop("not_applicable") for s in cohort["schools"] if "not_applicable" in s] == [
        ["C-N-3"]
    ]
    assert older_cohort == cohort
    mixed = run("benchmark", str(older), str(out), *args, "--all-reviews")
    assert mixed.exit_code == 1  # the same review twice, told as such: the files were read
    assert "is in more than one cohort file" in mixed.stderr
