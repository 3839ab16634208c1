"""A cohort file's school ids and names are judged by the loader's tables of marks, on every
code point (round 80).

The cohort's SQL named marks with DuckDB's RE2 `\\p{Mn}\\p{Me}`, of another Unicode version
than pydantic-core's Rust tables, which every file's ids and titles ask (round 79,
`model.unseen`). On 37 code points the two differed: an id of U+0897 alone (a mark since
Unicode 16), or of U+1E5EE, U+16120 ..., refused by every file ("must not be empty"), was
read from a Parquet file written by another tool as a school's id; an id of U+1171E alone
(Mn in RE2's tables, Mc in the newer ones), taken by every file, was refused. Now a value with
no printable ASCII character is asked of the loader's own test (`identities.unseen_values`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from scaled import scaled
from selfreview_core.cohort.identities import not_an_id, not_text, unseen_values
from selfreview_core.model.base import Id, Text
from selfreview_core.model.unseen import unseen_only

from . import test_standing
from .test_identities import HINT, ID_OR_DATE, rewritten
from .test_standing import run

cohort_file = test_standing.cohort_file

_ID: TypeAdapter[str] = TypeAdapter(Id)
_TEXT: TypeAdapter[str] = TypeAdapter(Text)
_IDS: TypeAdapter[list[str]] = TypeAdapter(list[Id])


@cache
def every() -> list[str]:
    """Every code point a UTF-8 file (Parquet, JSON Lines) can hold: made when a test first
    asks, not as every worker collects the module (round 82)."""
    return [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]


#: Where the tables of DuckDB 1.1 to 2.0 and pydantic-core 2.27 to 2.50 differ.
DIFFERING = "\u0897\U0001e5ee\U00016120\U0001171e"


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """One connection for the module's every ask: a connection costs DuckDB some 20 ms of
    processor time, the ask of a few values 4 (the property below draws 100 examples).
    Each ask replaces the tables of the one before."""
    with duckdb.connect() as connection:
        yield connection


def _refused(
    con: duckdb.DuckDBPyConnection, values: list[str], check: Callable[[str, str], str]
) -> list[bool]:
    """Whether the cohort's SQL refuses each value by `check`, in order."""
    table = _refusing(con, values)
    return [r[0] for r in con.execute(f"SELECT {check('v', table)} FROM t ORDER BY i").fetchall()]


def _refusing(con: duckdb.DuckDBPyConnection, values: list[str]) -> str:
    """`values` as table `t` (`v`, `i` from 1), and the `unseen_values` table of it."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE t AS "
        "SELECT * FROM unnest(?::VARCHAR[]) WITH ORDINALITY t(v, i)",
        [values],
    )
    return unseen_values(con, "t", "v")


def _refused_at(con: duckdb.DuckDBPyConnection, values: list[str]) -> tuple[set[int], set[int]]:
    """Where (0-based) the cohort's SQL refuses `values` as ids, and as names: one table and
    one `unseen_values` for both checks (each a second and a half of processor time on
    every code point)."""
    unseen = _refusing(con, values)

    def where(check: Callable[[str, str], str]) -> set[int]:
        query = f"SELECT i - 1 FROM t WHERE {check('v', unseen)}"
        return {i for (i,) in con.execute(query).fetchall()}

    return where(not_an_id), where(not_text)


def _loader_refused_at(values: list[str]) -> set[int]:
    """Where (0-based) `model.base.Id` refuses `values`: one validation of the list, each
    item by `Id` itself (a third of a second where a million calls took more)."""
    try:
        _IDS.validate_python(values)
    except ValidationError as error:
        said = error.errors(include_url=False, include_context=False, include_input=False)
        return {int(e["loc"][0]) for e in said}
    return set()


def _loader_refuses(adapter: TypeAdapter[str], value: str) -> bool:
    try:
        adapter.validate_python(value)
    except ValidationError:
        return True
    return False


@pytest.mark.slow
@pytest.mark.parametrize("form", ["{}", "{}{}", "\u200b{}", "{}\u0301"])
def test_every_code_point_is_one_verdict_as_a_cohort_s_id_and_a_file_s(
    con: duckdb.DuckDBPyConnection, form: str
) -> None:
    """Alone, twice, after a zero-width space, before a mark (between letters the two
    tables never differed, and each form costs half a minute of the suite): the SQL
    refuses exactly the ids `model.base.Id` refuses, and the names `Text` refuses (asked
    by `unseen_only` where the model's pattern is the same test, for speed)."""
    values = [form.format(c, c) for c in every()]
    ids, names = _refused_at(con, values)
    assert [values[i] for i in sorted(ids ^ _loader_refused_at(values))] == []
    unseen = {i for i, value in enumerate(values) if unseen_only(value)}
    assert [values[i] for i in sorted(names ^ unseen)] == []


def test_the_code_points_the_tables_differ_on_are_judged_by_the_loader(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """U+0897 alone refused as an id and a name, U+1171E taken as both, as every file."""
    values = [*DIFFERING, "\u200b\U0001171e", "\U0001171e\u0897", " \u0897"]
    loader = [_loader_refuses(_ID, v) for v in values]
    assert loader == [True, True, True, False, False, False, True]
    assert _refused(con, values, not_an_id) == loader
    assert _refused(con, values, not_text) == [_loader_refuses(_TEXT, v) for v in values]


@pytest.mark.parametrize(
    ("value", "said"),
    [("chr(2199)", f"school {chr(2199)!r}"), ("chr(124398)", f"school {chr(124398)!r}")],
)
def test_a_parquet_school_id_of_a_new_mark_alone_is_refused_as_every_file_refuses_it(
    cohort_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, said: str
) -> None:
    """Written by another tool: refused by name, exit 1, nothing written, the file as it was
    (before round 80, benchmarked with exit 0, a school of that id listed)."""
    file = rewritten(cohort_file, tmp_path / "cohort.parquet", "school_id", value)
    given_bytes = file.read_bytes()
    monkeypatch.chdir(tmp_path)
    for command in (
        ["benchmark", "cohort.parquet", "--format", "json"],
        ["support", "cohort.parquet"],
    ):
        result = run(*command, "-o", "out.txt")
        assert result.exit_code == 1, result.output
        assert result.stderr == ID_OR_DATE + said + " on 2025-03-04" + HINT
        assert result.stdout == ""
        assert not (tmp_path / "out.txt").exists()
    assert file.read_bytes() == given_bytes


def test_a_parquet_school_id_a_file_takes_is_read_as_the_same_id(
    cohort_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """U+1171E alone, an id to every file, is a school of a cohort too (refused before)."""
    rewritten(cohort_file, tmp_path / "cohort.parquet", "school_id", "chr(71454)")
    monkeypatch.chdir(tmp_path)
    result = run("benchmark", "cohort.parquet", "--school", "\U0001171e", "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"id": "\\ud805\\udf1e"' in result.stdout or '"id": "\U0001171e"' in result.stdout


@settings(max_examples=scaled(200), deadline=None)
@given(st.text(st.sampled_from([*DIFFERING, "\u0301", "\u200b", " ", "\u3164", "é", "x", "@"])))
def test_a_cohort_refuses_an_id_or_a_name_exactly_when_the_loader_does(
    con: duckdb.DuckDBPyConnection, text: str
) -> None:
    """Of the characters the tables differ on, marks, what prints as nothing, white space,
    letters and `@`: one verdict."""
    assert _refused(con, [text], not_an_id) == [_loader_refuses(_ID, text)]
    assert _refused(con, [text], not_text) == [_loader_refuses(_TEXT, text)]


@pytest.mark.parametrize(
    ("value", "kept"),
    [("chr(2199)", None), ("chr(71454)", "\U0001171e"), ("chr(8203) || chr(769)", None)],
)
def test_a_parquet_authority_says_nothing_exactly_where_a_file_s_would(
    cohort_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, kept: str | None
) -> None:
    """An authority of U+0897 alone is none, as every view of an assessment holds it
    (`says_something`); one of U+1171E is kept (RE2 read both the other way)."""
    rewritten(cohort_file, tmp_path / "cohort.parquet", "authority", value, school="%")
    monkeypatch.chdir(tmp_path)
    result = run("benchmark", "cohort.parquet", "--format", "json")
    assert result.exit_code == 0, result.output
    schools = json.loads(result.stdout)["schools"]
    assert len(schools) == 10
    assert {school["school"]["authority"] for school in schools} == {kept}
