"""School ids in a compatibility form (round 65): `SCH001` typed on a keyboard set to
full width, a mathematical bold letter pasted from a web page, a circled digit. The "did
you mean" of an unknown id read them as `SCH001` (Python's NFKC), but the cohort's SQL
composed its ids alone (DuckDB has `nfc_normalize`, no NFKC), so `benchmark`, `support`
and `collect` did not say the full-width one looks like `SCH001`. Now SQL reads each
character in its compatibility form (`_lookalikes.compatible`), as Python does; a form of
two characters or more (a ligature, `⑩`, `㎏`) too since round 66, where Python's and SQL's
warnings had disagreed."""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core._lookalikes import _COMPATIBLE_IN, compatible, shape
from selfreview_core.cohort.look_alike_schools import SHAPE, look_alike_schools
from test_letter_case_shapes import look_alike_said

ROOT = Path(__file__).resolve().parent.parent
REVIEW = (ROOT / "examples" / "example-primary-2025.yaml").read_text(encoding="utf-8")
FULL_WIDTH = "\uff33\uff23\uff28\uff10\uff10\uff11"  # SCH001, full width
BOLD = "\U0001d412\U0001d402\U0001d407\U0001d7ce\U0001d7ce\U0001d7cf"  # SCH001, bold


@functools.cache
def _shaping() -> duckdb.DuckDBPyConnection:
    """One connection for every id drawn: `_sql` only reads through it (no table is made)."""
    return duckdb.connect()


def _sql(ids: list[str]) -> list[str]:
    """Each of `ids` as SQL draws it: row by row, so an id is drawn alike whatever the
    others of its query. A query costs some 0.06 s of processor time (binding `SHAPE`, 60 kB
    of SQL), whatever its rows: the tests check many ids a query."""
    query = f"SELECT {SHAPE.replace('ID', 'i')} FROM (SELECT unnest(?::VARCHAR[]) AS i)"
    return [drawn for (drawn,) in _shaping().execute(query, [ids]).fetchall()]


#: The characters whose canonical decomposition holds one with a compatibility form, from
#: Unicode's data: the Greek spacing accents (U+0385 is U+00A8 and an acute; U+00A8 is a
#: space and a diaeresis), upsilon with hook's accented forms, a long s with a dot, the en
#: and em quads (U+2002, U+2003: spaces). 16 in Unicode 15.
_THROUGH_CANONICAL = [
    chr(code)
    for code in range(0x110000)
    if not 0xD800 <= code < 0xE000
    and (written := unicodedata.decomposition(chr(code)))
    and not written.startswith("<")
    and any(
        unicodedata.decomposition(c).startswith("<")
        for c in unicodedata.normalize("NFD", chr(code))
    )
]


def test_every_character_with_a_compatibility_form_is_where_it_is_looked_for() -> None:
    found = {
        chr(code)
        for code in range(0x110000)
        if not 0xD800 <= code < 0xE000 and unicodedata.decomposition(chr(code)).startswith("<")
    } | set(_THROUGH_CANONICAL)
    assert all(any(low <= ord(c) <= high for low, high in _COMPATIBLE_IN) for c in found)
    forms = compatible()
    assert len(forms) > 3700
    assert sum(len(form) > 1 for form in forms.values()) > 1100
    assert list(forms) == sorted(forms)  # SQL finds a character's table by its range
    assert all(unicodedata.normalize("NFKD", c) == f for c, f in forms.items())
    assert "\u03f2" not in forms  # a lunate sigma: drawn as the `c` it is, not a final sigma


#: Full-width letters and digits, mathematical ones, a circled digit, superscripts and a
#: modifier letter, their ASCII letters, a letter with an accent, a Greek letter drawn
#: like a Latin one, a lunate sigma; forms of two characters or more (a ligature, a circled
#: ten, a kilogram sign, a Roman twelve, a half, a diaeresis alone: a space and a mark) and
#: the letters they are drawn with.
_ALPHABET = "SCHsch01\uff33\uff53\uff10\uff11\U0001d412\U0001d41c\U0001d7ce\u2460\u00b2\u1d43"
_ALPHABET += "\u00e9\u0391\u03f2\u03f9\uff21\uff41"
_ALPHABET += "\ufb01\u2469\u338f\u216b\u00bd\u00a8fikgXI2\u2044 e"


def test_sql_draws_every_short_id_as_python_does() -> None:
    """Every id of three characters or fewer of the alphabet (64,000), in one query: each
    form of two characters beside each letter and mark, whichever comes first."""
    short = ["", *_ALPHABET]
    ids = sorted({a + b + c for a in short for b in short for c in short})
    assert len(ids) == 1 + 40 + 40**2 + 40**3
    drawn = _sql(ids)
    assert [i for i, d in zip(ids, drawn, strict=True) if d != shape(i)] == []


@settings(max_examples=scaled(25))
@given(st.lists(st.text(_ALPHABET, max_size=5), min_size=7, max_size=28))
def test_sql_draws_an_id_as_python_does(ids: list[str]) -> None:
    """Ids up to five characters long, drawn: some 350 a run (14 a query on average), as
    many as 100 queries of one to six drew before (SQL draws each id of a query alone)."""
    assert _sql(ids) == [shape(i) for i in ids]


def test_every_compatibility_form_is_read_alike() -> None:
    ids = [f"x{c}1" for c in compatible()]
    assert _sql(ids) == [shape(i) for i in ids]


def test_a_compatibility_form_within_a_canonical_one_is_read_alike() -> None:
    """Before round 67 SQL read none of the 16 as Python's NFKC does (`x\u03d31` was drawn
    `x\u03d21` by SQL, `xy1` by Python): the cohort said ids alike that `did you mean`
    did not, and the other way round."""
    assert len(_THROUGH_CANONICAL) == 16
    ids = [f"x{c}1" for c in _THROUGH_CANONICAL]
    assert _sql(ids) == [shape(i) for i in ids]
    con = duckdb.connect()
    con.execute("CREATE TABLE cohort_reviews (school_id VARCHAR)")
    con.executemany("INSERT INTO cohort_reviews VALUES (?)", [["SCH\u1e9b1"], ["SCHs1"]])
    assert look_alike_schools(con) == [["SCHs1", "SCH\u1e9b1"]]


def test_the_cohort_finds_them() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE cohort_reviews (school_id VARCHAR)")
    ids = [FULL_WIDTH, "SCH001", BOLD, "sch002", "\u24622", "\u00b3"]
    con.executemany("INSERT INTO cohort_reviews VALUES (?)", [[i] for i in ids])
    assert look_alike_schools(con) == [["SCH001", FULL_WIDTH, BOLD]]


def test_the_cohort_finds_forms_of_two_characters_or_more() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE cohort_reviews (school_id VARCHAR)")
    ids = ["\ufb01le", "file", "SCH\u2469", "SCH10", "\u216b", "XII", "\u33cf", "1\u2044"]
    con.executemany("INSERT INTO cohort_reviews VALUES (?)", [[i] for i in ids])
    assert look_alike_schools(con) == [
        ["SCH10", "SCH\u2469"],
        ["XII", "\u216b"],
        ["file", "\ufb01le"],
    ]


@pytest.mark.parametrize("command", ["support", "benchmark", "collect"])
def test_each_cohort_command_says_them(tmp_path: Path, command: str) -> None:
    said = look_alike_said(tmp_path, command, [FULL_WIDTH, "SCH001", "100000"])
    assert said == [
        f"warning: the schools `SCH001`, `{FULL_WIDTH}` have ids that look alike "
        f"(`{FULL_WIDTH}` holds U+FF33 U+FF23 U+FF28 U+FF10 U+FF11): each counts as a school "
        "of its own, with reviews of its own; give them one id if they are one school"
    ]


@pytest.mark.parametrize("command", ["support", "benchmark", "collect"])
def test_each_cohort_command_says_a_form_of_two_characters(tmp_path: Path, command: str) -> None:
    said = look_alike_said(tmp_path, command, ["SCH\u2469", "SCH10", "100000"])
    assert said == [
        "warning: the schools `SCH10`, `SCH\u2469` have ids that look alike "
        "(`SCH\u2469` holds U+2469): each counts as a school of its own, with reviews of its "
        "own; give them one id if they are one school"
    ]
