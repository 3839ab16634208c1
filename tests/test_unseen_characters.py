"""Characters that print as nothing and are no format character (round 64): the variation
selectors (U+FE00-FE0F, U+E0100-E01EF), the Mongolian free variation selectors, the
combining grapheme joiner U+034F, the Khmer inherent vowels, and the rest of Unicode's
Default_Ignorable_Code_Point that is not Cf (round 63 took the Hangul fillers and the
Braille blank: `test_blank_characters.py`). An id made of them showed as nothing, and an id
with one after it as the id without; neither was said to look like the other. Now one table
(`escaping.UNSEEN`) is escaped in a name, dropped where ids are told alike (in Python and in
DuckDB's SQL alike), and skipped before a formula in a CSV cell; a CSV cell keeps them raw
(CSV is data), and JSON keeps every id as it is."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core import _lookalikes, escaping
from selfreview_core._lookalikes import look_alike, looking_alike, shape
from selfreview_core.cli import cli
from selfreview_core.cohort.look_alike_schools import look_alike_schools
from selfreview_core.exporters.csv import csv_cell, neutralise
from shape_sql import sql_shapes
from unseen_characters import SOME
from unseen_characters import UNSEEN as WRITTEN_OUT

ROOT = Path(__file__).resolve().parents[1]


def escape(char: str) -> str:
    """How a name shows `char`: Python's escape, eight digits beyond the first plane."""
    code = ord(char)
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def test_the_table_is_the_property_but_its_format_characters_and_the_braille_blank() -> None:
    assert {
        chr(c) for first, last in escaping.UNSEEN for c in range(first, last + 1)
    } == WRITTEN_OUT
    assert _lookalikes.UNSEEN == escaping.UNSEEN  # layer 0 holds its own copy
    assert all(unicodedata.category(c) != "Cf" for c in WRITTEN_OUT)


@pytest.mark.parametrize("char", SOME)
def test_a_name_shows_each_escaped_and_text_keeps_it(char: str) -> None:
    shown_as = escape(char)
    assert escaping.shown_name(char * 3) == shown_as * 3  # an id of nothing but them
    assert escaping.shown_name(f"1a1{char}") == f"1a1{shown_as}"
    assert escaping.shown_html_name(f"<x{char}>") == f"&lt;x{shown_as}&gt;"
    assert escaping.shown(f"a{char}b") == f"a{char}b"  # a title, evidence: as it is
    assert escaping.shown(f"a{char}b", newline=False) == f"a{char}b"
    assert escaping.shown_html(f"a{char}b") == f"a{char}b"
    assert escaping.invisible_names(("1a1", f"1a1{char}")) == (f"1a1{char}",)
    assert (
        escaping.quotes_shown(f"strand `1a1{char}` is {char}")
        == f"strand `1a1{shown_as}` is {char}"
    )
    assert escaping.shown_name(escaping.shown_name(f"x{char}")) == f"x{shown_as}"


def test_an_emoji_in_a_title_keeps_its_variation_selector() -> None:
    title = "\u2764\ufe0f ICT"  # a red heart, drawn as an emoji by U+FE0F
    assert escaping.shown(title) is title
    assert escaping.shown_name(title) == "\u2764\\ufe0f ICT"


@pytest.mark.parametrize("char", SOME)
def test_a_formula_behind_one_is_neutralised_and_the_cell_keeps_it(char: str) -> None:
    assert neutralise(f"{char}=HYPERLINK(1)") == f"'{char}=HYPERLINK(1)"
    assert neutralise(f"{char} {char}+1") == f"'{char} {char}+1"
    assert neutralise(f"a{char}=1") == f"a{char}=1"
    assert csv_cell(f"x{char}") == f"x{char}"  # CSV is data: raw


@pytest.mark.parametrize("char", SOME)
def test_an_id_with_one_looks_like_the_id_without(char: str) -> None:
    hint = look_alike(f"1a1{char}", ["1a2", "1a1"])
    assert hint is not None
    assert hint.startswith(f"did you mean `1a1`? What was typed holds U+{ord(char):04X} ")
    assert looking_alike(["x", f"x{char}", f"{char}X", "y"]) == [["x", f"x{char}", f"{char}X"]]
    con = duckdb.connect()
    con.execute("CREATE TABLE cohort_reviews (school_id VARCHAR)")
    con.executemany("INSERT INTO cohort_reviews VALUES (?)", [["x"], [f"x{char}"], ["y"]])
    assert look_alike_schools(con) == [["x", f"x{char}"]]


def test_one_between_a_letter_and_its_accent_keeps_nothing_apart() -> None:
    """`e`, U+034F, a combining acute: composed, the joiner blocked the accent from the
    letter, and the id drew apart from `é` until the joiner went first."""
    assert looking_alike(["caf\u00e9", "cafe\u034f\u0301"]) == [["caf\u00e9", "cafe\u034f\u0301"]]


#: Letters plain, accented (composed and not), drawn like Latin ones, in either case; format
#: characters, and some of the unseen: none with a compatibility form but the Hangul fillers,
#: whose compatibility forms (U+3164, U+FFA0 are U+1160) are unseen too.
_ALPHABET = "aAeE\u00e9\u00c9\u0301\u0430\u0410\u03bf\u200b\u2060\u00ad\ufeff" + SOME


@given(st.lists(st.text(_ALPHABET, max_size=4), min_size=1, max_size=6))
def test_sql_draws_an_id_as_python_does(ids: list[str]) -> None:
    """`look_alike_schools`'s SQL (`SHAPE`) gives each id the shape `_lookalikes` gives it
    (lower case: the cohort's sets are told alike letter case aside)."""
    assert sql_shapes(ids) == [shape(i) for i in ids]


#: The schools: one id plain, one with a variation selector after it, one of a letter between
#: two variation selectors (as a YAML file writes them). An id of nothing but them is no id
#: since round 70 (`model.base.unseen_only`: `tests/model/test_unseen_ids.py`).
SCHOOLS = ("100000", "100000\\ufe0f", "\\ufe00q\\U000e0100")
VS, AROUND = "100000\ufe0f", "\ufe00q\U000e0100"
UNSEEN_AROUND = set(AROUND) - {"q"}
SUPPORT = [("support", "table"), ("support", "html")]
SAID = [
    "warning: the schools `100000`, `100000\\ufe0f` have ids that look alike "
    "(`100000\\ufe0f` holds U+FE0F): each counts as a school of its own, with reviews of "
    "its own; give them one id if they are one school"
]


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    review = (ROOT / "examples" / "example-primary-2025.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "reviews"
    folder.mkdir()
    for n, school in enumerate(SCHOOLS):
        text = review.replace('id: "100000"', f'id: "{school}"')
        (folder / f"school-{n}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("command", "form"), [("benchmark", "html"), *SUPPORT])
def test_a_cohort_shows_each_id_escaped_and_says_which_look_alike(
    cohort: Path, command: str, form: str
) -> None:
    result = CliRunner().invoke(cli, [command, str(cohort), "--format", form])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == SAID
    assert not {*UNSEEN_AROUND, VS[-1]} & set(result.stdout)
    assert "100000\\ufe0f" in result.stdout
    assert "\\ufe00q\\U000e0100" in result.stdout  # the school whose id has them around q


def test_benchmark_s_table_names_the_school_shown_escaped(cohort: Path) -> None:
    """The table names no school but the one `--school` shows."""
    result = CliRunner().invoke(cli, ["benchmark", str(cohort), "--school", AROUND])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == SAID
    assert not UNSEEN_AROUND & set(result.stdout)
    assert result.stdout.startswith("Example Primary School (\\ufe00q\\U000e0100, Example LEA)")


@pytest.mark.parametrize("command", ["benchmark", "support"])
def test_csv_keeps_the_ids_raw_and_json_as_they_are(cohort: Path, command: str) -> None:
    made = CliRunner().invoke(cli, [command, str(cohort), "--format", "csv"])
    assert made.exit_code == 0, made.output
    assert made.stderr.splitlines() == SAID
    assert {VS, AROUND} <= set(made.stdout.replace("\n", ",").replace(" ", ",").split(","))
    assert "\\" not in made.stdout  # CSV is data: raw
    result = CliRunner().invoke(cli, [command, str(cohort), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == SAID
    assert {VS, AROUND} <= set(re.findall(r'"([^"]*)"', result.stdout))
    assert "\\u" not in result.stdout


@pytest.mark.parametrize("form", ["table", "markdown"])  # its page names no id
def test_a_report_names_the_school_escaped(cohort: Path, form: str) -> None:
    result = CliRunner().invoke(cli, ["report", str(cohort / "school-2.yaml"), "--format", form])
    assert result.exit_code == 0, result.output
    assert "Example Primary School (\\ufe00q\\U000e0100)" in result.stdout
    assert not UNSEEN_AROUND & set(result.stdout)
    made = CliRunner().invoke(cli, ["report", str(cohort / "school-2.yaml"), "--format", "json"])
    assert json.loads(made.stdout)["assessment"]["school"]["id"] == AROUND
