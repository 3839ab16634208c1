"""`benchmark --anonymise` refuses a cohort file whose rows cannot be used without naming a
school (round 64). The refusals name the first few reviews by school id and date, which the
one who made the file needs, and which `--anonymise` was asked to keep out of everything it
prints (SPEC section 7: standard error goes into logs and pasted messages with the output):
rows that do not fit the framework, a strand judged twice in one review, a review with no
school id or date or name, a review in two cohort files. Under `--anonymise` each is said
counted, with what is wrong and that the same command without it names them; the file (the
error's place), the hint, the exit code and the output not written are as they were."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from selfreview_core.escaping import shown_name

from . import test_standing
from .test_standing import run

cohort_file = test_standing.cohort_file  # the example cohort, collected as test_standing.py does

NAMES_THEM = "; the same command without --anonymise names them"
UNFIT = (
    "judgement rows do not fit becta-srf@2010 (strands of another framework, or a level and "
    "rank off its scale 1 (best) .. 5 (worst), or no has_evidence, or a level for a strand "
    "marked not applicable): "
)
TWICE = "a school's review of one date judges a strand more than once: "
ONE_REVIEW = (
    " (a cohort file holds one review per school and date; `selfreview collect` keeps the "
    "last of two reviews of one school on one date)"
)
NAMES = (
    " (a cohort file names the school (its id and name) and the date of every review, as "
    "`selfreview collect` writes them)"
)
NAMELESS = "no school name"
#: Each file written wrong, as SQL over the rows `collect` writes (`FROM src`), the id it
#: names, and the line said without and with `--anonymise`.
CASES = {
    "rows that do not fit": (
        "SELECT * REPLACE (CASE WHEN school_id = '900004' THEN 'zz9' ELSE strand END AS strand) "
        "FROM src",
        "900004",
        "school 900004 on 2025-03-04: strand zz9 with level 3, rank 2; ",
        UNFIT + "12 rows" + NAMES_THEM,
    ),
    "a strand judged twice": (
        "FROM src UNION ALL (FROM src WHERE school_id = '900004' AND strand = '1a1')",
        "900004",
        TWICE + "school 900004 on 2025-03-04: strand 1a1 2 times" + ONE_REVIEW,
        TWICE + "1 strand judged twice or more" + NAMES_THEM + ONE_REVIEW,
    ),
    "two strands judged twice": (
        "FROM src UNION ALL (FROM src WHERE school_id IN ('900004', '900005') AND strand = '1a1')",
        "900005",
        TWICE + "school 900004 on 2025-03-04: strand 1a1 2 times; school 900005",
        TWICE + "2 strands judged twice or more" + NAMES_THEM + ONE_REVIEW,
    ),
    "an id that is none": (
        "SELECT * REPLACE (CASE WHEN school_id = '900004' THEN 'a' || chr(9) || 'b' ELSE "
        "school_id END AS school_id) FROM src",
        "a\tb",
        "reviews with no school id (or not an id) or date: school 'a\\tb' on 2025-03-04",
        "reviews with no school id (or not an id) or date: 1 review" + NAMES_THEM + NAMES,
    ),
    NAMELESS: (
        "SELECT * REPLACE (CASE WHEN school_id = '900004' THEN NULL ELSE school_name END "
        "AS school_name) FROM src",
        "900004",
        "reviews with no school name: school '900004' on 2025-03-04" + NAMES,
        "reviews with no school name: 1 review" + NAMES_THEM + NAMES,
    ),
}


def written(cohort_file: Path, target: Path, sql: str) -> Path:
    duckdb.sql(
        f"COPY (WITH src AS (FROM read_parquet('{cohort_file}')) {sql}) TO '{target}' "
        "(FORMAT parquet)"
    )
    return target


def assert_unnamed(school: str, *places: str) -> None:
    for place in places:
        assert school not in place
        assert shown_name(school) not in place
        assert repr(school) not in place


#: Each case in each format; the table of figures reads no school's name (nor refuses one).
EACH = [(c, f) for c in CASES for f in ("table", "json", "html") if (c, f) != (NAMELESS, "table")]


@pytest.mark.parametrize(("case", "form"), EACH)
def test_a_refused_file_is_said_without_a_school_id(
    cohort_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, form: str
) -> None:
    sql, school, named, unnamed = CASES[case]
    file = written(cohort_file, tmp_path / "cohort.parquet", sql)
    given = file.read_bytes()
    monkeypatch.chdir(tmp_path)
    told = run("benchmark", "cohort.parquet", "--format", form, "-o", f"out.{form}")
    assert told.exit_code == 1
    assert named in told.stderr  # without --anonymise: by id, as before
    anonymised = ("--anonymise", "--min-group", "1")
    result = run("benchmark", "cohort.parquet", *anonymised, "--format", form, "-o", f"out.{form}")
    assert result.exit_code == 1
    assert result.stderr == f"cohort.parquet: error: {unnamed}\n"
    assert result.stdout == ""
    assert not list(tmp_path.glob("out.*"))
    assert file.read_bytes() == given
    assert_unnamed(school, result.stdout, result.stderr)
    to_stdout = run("benchmark", "cohort.parquet", *anonymised, "--format", form)
    assert (to_stdout.exit_code, to_stdout.stdout, to_stdout.stderr) == (1, "", result.stderr)


def test_a_review_in_two_files_is_said_without_a_school_id(
    cohort_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("a.parquet", "b.parquet"):
        (tmp_path / name).write_bytes(cohort_file.read_bytes())
    told = run("benchmark", "a.parquet", "b.parquet")
    assert told.exit_code == 1
    assert "school 900001 on 2024-11-12: a.parquet and b.parquet" in told.stderr
    result = run("benchmark", "a.parquet", "b.parquet", "--anonymise", "-o", "out.json")
    assert result.exit_code == 1
    assert result.stderr == (
        "b.parquet: error: a school's review of one date is in more than one cohort file: "
        f"11 reviews{NAMES_THEM} (collect the assessments into one cohort file; `selfreview "
        "collect` keeps the last of two reviews of one school on one date)\n"
    )
    assert not list(tmp_path.glob("out.*"))
    for school in ("900001", "900002", "900004"):
        assert_unnamed(school, result.stdout, result.stderr)
