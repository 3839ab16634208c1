"""A cohort's refusals name a school id and a strand a file holds cut as every message cuts
a value (`errors.cut`: 37 characters and `...`), and escaped (round 80).

A Parquet file written by another tool may hold a school id or a strand of a million
characters; each refusal that names it (not an id, rows that do not fit the framework, a
strand judged twice, one review in two files, `report --history`'s two schools) printed it
whole, three times: 3 MB of standard error for one bad row, where every file's error cuts
what it quotes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from selfreview_core import Assessment, Judgement, School
from selfreview_core.cohort.history import HistoryError, history
from selfreview_core.testing.fixtures import _small_framework

from . import test_standing
from .test_identities import HINT
from .test_standing import run

cohort_file = test_standing.cohort_file

LONG = "y" * 1_000_000
#: `LONG` after a terminal's colour and a right-to-left override, as a message shows it.
SHOWN = "x\\x1b[31m\\u202e" + "y" * 30 + "..."


def _written(source: Path, target: Path, select: str, **values: str) -> Path:
    """`source`'s rows through `select` (SQL over `r`), as another tool would write them."""
    duckdb.connect().execute(
        f"COPY (WITH r AS (SELECT * FROM read_parquet('{source}')) {select}) "
        f"TO '{target}' (FORMAT parquet)",
        values,
    )
    return target


def _refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *files: Path) -> str:
    """`benchmark`'s standard error for `files`: exit 1, nothing written, each file kept."""
    given = [file.read_bytes() for file in files]
    monkeypatch.chdir(tmp_path)
    result = run("benchmark", *(file.name for file in files), "-o", "out.txt")
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.txt").exists()
    assert [file.read_bytes() for file in files] == given
    return result.stderr


def test_a_school_id_that_is_no_id_is_named_cut(
    cohort_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = _written(
        cohort_file,
        tmp_path / "cohort.parquet",
        "SELECT * REPLACE (CASE WHEN school_id = '900004' THEN $v ELSE school_id END "
        "AS school_id) FROM r",
        v="a b" + LONG,
    )
    said = _refused(tmp_path, monkeypatch, file)
    assert said == (
        "cohort.parquet: error: reviews with no school id (or not an id) or date: school "
        "'a b" + "y" * 34 + "...' on 2025-03-04" + HINT
    )


def test_rows_that_do_not_fit_name_their_school_and_strand_cut_and_escaped(
    cohort_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = _written(
        cohort_file,
        tmp_path / "cohort.parquet",
        "SELECT * REPLACE (CASE WHEN school_id = '900004' THEN $v ELSE school_id END "
        "AS school_id, CASE WHEN school_id = '900004' AND strand = '1a1' THEN $s "
        "ELSE strand END AS strand) FROM r",
        v="x\x1b[31m\u202e" + LONG,
        s="zz\u2066\x07" + LONG,
    )
    said = _refused(tmp_path, monkeypatch, file)
    assert said.startswith("cohort.parquet: error: judgement rows do not fit becta-srf@2010")
    assert f"school {SHOWN} on 2025-03-04: strand zz\\u2066\\x07{'y' * 33}... with level " in said
    assert len(said) < 1000


def test_a_strand_judged_twice_is_named_cut(
    cohort_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = _written(
        cohort_file,
        tmp_path / "cohort.parquet",
        "SELECT * REPLACE (CASE WHEN school_id = '900004' THEN $v ELSE school_id END "
        "AS school_id) FROM (SELECT * FROM r UNION ALL (SELECT * FROM r "
        "WHERE school_id = '900004' AND strand = '1a1'))",
        v="x\x1b[31m\u202e" + LONG,
    )
    said = _refused(tmp_path, monkeypatch, file)
    assert said.startswith(
        "cohort.parquet: error: a school's review of one date judges a strand more than "
        f"once: school {SHOWN} on 2025-03-04: strand 1a1 2 times ("
    )
    assert len(said) < 1000


def test_one_review_in_two_files_is_named_cut(
    cohort_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    select = "SELECT * REPLACE ($v AS school_id) FROM r WHERE school_id = '900004'"
    first = _written(cohort_file, tmp_path / "a.parquet", select, v="x\x1b[31m\u202e" + LONG)
    second = _written(cohort_file, tmp_path / "b.parquet", select, v="x\x1b[31m\u202e" + LONG)
    said = _refused(tmp_path, monkeypatch, first, second)
    assert f"school {SHOWN} on 2025-03-04: " in said
    assert len(said) < 1000


def test_a_history_of_two_schools_names_them_cut() -> None:
    framework = _small_framework()
    level = framework.scale.from_rank(1)
    reviews = [
        Assessment(
            framework=framework.ref,
            school=School(id=f"{n}{LONG}", name="A school"),
            assessed_on=dt.date(2025, 6, n),
            judgements={s: Judgement(level=level) for s in framework.strand_ids},
        )
        for n in (1, 2)
    ]
    with pytest.raises(HistoryError) as refused:
        history(framework, reviews)
    assert str(refused.value) == (
        f"the reviews are of more than one school: 1{'y' * 36}... and 2{'y' * 36}... "
        "(a history is one school's reviews)"
    )
    with pytest.raises(HistoryError) as refused:
        history(framework, [reviews[0], reviews[0].model_copy(update={"assessor": "B"})])
    assert str(refused.value) == (
        f"school 1{'y' * 36}... has two different reviews dated 2025-06-01 "
        "(a history holds one review a date: leave one of them out)"
    )
