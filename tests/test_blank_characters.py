"""Characters that print as a blank and are no format character (round 63): the Hangul
fillers U+115F, U+1160, U+3164, U+FFA0 (letters, Unicode's Default_Ignorable) and the
Braille pattern blank U+2800 (a symbol). An id or a name made of them showed as nothing, and
an id with one after it looked like the id without: only category Cf was escaped in a name
and dropped where ids are told alike. Now a name shows them escaped wherever it shows a
format character escaped, the ids they tell apart are told alike (in Python and in
DuckDB's SQL alike), and a CSV cell they hide a formula behind is neutralised; a CSV cell
keeps them raw (CSV is data)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core._lookalikes import DRAWN_AS, look_alike, looking_alike
from selfreview_core.cli import cli
from selfreview_core.cohort.look_alike_schools import SHAPE, look_alike_schools
from selfreview_core.escaping import (
    BLANKS,
    invisible_names,
    names_quoted,
    quotes_shown,
    shown,
    shown_html,
    shown_html_name,
    shown_name,
)
from selfreview_core.exporters.csv import csv_cell, neutralise

ROOT = Path(__file__).resolve().parents[1]
#: Each, with its escape as a name shows it.
ESCAPED = {
    "\u115f": "\\u115f",
    "\u1160": "\\u1160",
    "\u2800": "\\u2800",
    "\u3164": "\\u3164",
    "\uffa0": "\\uffa0",
}


def test_they_are_the_five_blanks_and_none_is_a_format_character() -> None:
    from selfreview_core import _lookalikes

    assert set(BLANKS) == set(ESCAPED)
    assert _lookalikes.BLANKS == BLANKS  # layer 0 holds its own copy
    assert {unicodedata.category(c) for c in BLANKS} == {"Lo", "So"}


@pytest.mark.parametrize(("blank", "escape"), ESCAPED.items())
def test_a_name_shows_each_escaped_and_text_keeps_it(blank: str, escape: str) -> None:
    assert shown_name(blank * 3) == escape * 3  # an id of nothing but blanks
    assert shown_name(f"1a1{blank}") == f"1a1{escape}"
    assert shown_html_name(f"<x{blank}>") == f"&lt;x{escape}&gt;"
    assert shown(f"a{blank}b") == f"a{blank}b"  # a title, evidence: as it is
    assert shown(f"a{blank}b", newline=False) == f"a{blank}b"
    assert shown_html(f"a{blank}b") == f"a{blank}b"
    assert invisible_names(("1a1", f"1a1{blank}")) == (f"1a1{blank}",)
    assert names_quoted(f"1a1 and 1a1{blank}", [f"1a1{blank}"]) == f"1a1 and 1a1{escape}"
    assert quotes_shown(f"strand `1a1{blank}` is {blank}") == f"strand `1a1{escape}` is {blank}"
    assert shown_name(shown_name(f"x{blank}")) == f"x{escape}"


@pytest.mark.parametrize("blank", ESCAPED)
def test_a_formula_behind_one_is_neutralised_and_the_cell_keeps_it(blank: str) -> None:
    assert neutralise(f"{blank}=HYPERLINK(1)") == f"'{blank}=HYPERLINK(1)"
    assert neutralise(f"{blank}{blank} +1") == f"'{blank}{blank} +1"
    assert neutralise(f"a{blank}=1") == f"a{blank}=1"
    assert csv_cell(f"x{blank}") == f"x{blank}"  # CSV is data: raw


@pytest.mark.parametrize("blank", ESCAPED)
def test_an_id_with_one_looks_like_the_id_without(blank: str) -> None:
    hint = look_alike(f"1a1{blank}", ["1a2", "1a1"])
    assert hint is not None
    assert hint.startswith("did you mean `1a1`? What was typed holds U+")
    assert looking_alike(["x", f"x{blank}", f"{blank}X", "y"]) == [["x", f"x{blank}", f"{blank}X"]]
    con = duckdb.connect()
    con.execute("CREATE TABLE cohort_reviews (school_id VARCHAR)")
    con.executemany("INSERT INTO cohort_reviews VALUES (?)", [["x"], [f"x{blank}"], ["y"]])
    assert look_alike_schools(con) == [["x", f"x{blank}"]]


#: Letters plain, accented (composed and not), drawn like Latin ones, in either case; format
#: characters and the blanks: each with no compatibility form but the blanks, whose
#: compatibility forms (U+3164, U+FFA0 are U+1160) are blank too.
_ALPHABET = "aAeE\u00e9\u00c9\u0301\u0430\u0410\u03bf\u200b\u2060\u00ad\ufeff" + "".join(ESCAPED)


def _skeleton_lowered(text: str) -> str:
    from selfreview_core._lookalikes import _skeleton

    return _skeleton(text).lower()


@given(st.lists(st.text(_ALPHABET, max_size=4), min_size=1, max_size=6))
def test_sql_draws_an_id_as_python_does(ids: list[str]) -> None:
    """`look_alike_schools`'s SQL (`SHAPE`) gives each id the shape `_lookalikes` gives it
    (lower case: the cohort's sets are told alike letter case aside)."""
    con = duckdb.connect()
    query = f"SELECT {SHAPE.replace('ID', 'i')} FROM (SELECT unnest(?::VARCHAR[]) AS i)"
    shapes = [shape for (shape,) in con.execute(query, [*DRAWN_AS, ids]).fetchall()]
    assert shapes == [_skeleton_lowered(i) for i in ids]


def test_benchmark_and_support_show_an_id_with_a_filler_and_say_it_looks_alike(
    tmp_path: Path,
) -> None:
    review = (ROOT / "examples" / "example-primary-2025.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "reviews"
    folder.mkdir()
    for n, school in enumerate(["100000", "100000\\u3164", "\\u3164\\u3164"]):
        text = review.replace('id: "100000"', f'id: "{school}"')
        (folder / f"school-{n}.yaml").write_text(text, encoding="utf-8")
    said = [
        "warning: the schools `100000`, `100000\\u3164` have ids that look alike "
        "(`100000\\u3164` holds U+3164): each counts as a school of its own, with reviews of "
        "its own; give them one id if they are one school"
    ]
    for command, form in (("benchmark", "html"), ("support", "table")):
        result = CliRunner().invoke(cli, [command, str(folder), "--format", form])
        assert result.exit_code == 0, result.output
        assert result.stderr.splitlines() == said
        assert "\u3164" not in result.stdout
        assert "\\u3164\\u3164" in result.stdout  # the school whose id is all fillers
