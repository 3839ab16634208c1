"""Letter case outside ASCII where ids are told alike (round 65). Python's `lower` writes
`ΛΟΓΟΣ` as `λογος` (a final sigma) and DuckDB's as `λογοσ`, so the cohort's SQL and
`_lookalikes` drew two shapes of one id; and the letters drawn like Latin ones were read as
those before the id was put in lower case, so `ΑΒΓ` (drawn `ABΓ`) and `αβγ` (drawn `aβy`),
which differ in letter case alone, were not said to look alike where `AB12` and `ab12` are.
Now one lower case (`folded`: a final sigma as a sigma, `İ` as `i`) is taken by `closest`,
`looking_alike` and SQL alike, and a letter's lower case reads as its capital does."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core._lookalikes import _as_ascii, folded, looking_alike, shape
from selfreview_core.cli import cli
from selfreview_core.cohort.look_alike_schools import SHAPE, look_alike_schools
from selfreview_core.model.base import did_you_mean
from shape_sql import rows

ROOT = Path(__file__).resolve().parent.parent
REVIEW = (ROOT / "examples" / "example-primary-2025.yaml").read_text(encoding="utf-8")

#: Greek sigma (capital, small, final), Greek letters drawn like Latin ones in one case or
#: both, Turkish dotted and dotless i, German sharp s in both cases, a combining dot above,
#: Latin letters in both cases.
_ALPHABET = "\u03a3\u03c3\u03c2\u039b\u03bb\u039f\u03bf\u0393\u03b3\u0391\u03b1\u0392\u03b2"
_ALPHABET += "\u0130\u0131Ii\u1e9e\u00dfsSoO\u0307"
#: The letters whose small letter and capital are drawn like two Latin letters (Greek nu
#: and upsilon, Cyrillic palochka): each read as drawn.
_TWO_WAYS = "\u039d\u03bd\u03a5\u03c5\u04c0\u04cf"


def _sql(ids: list[str]) -> list[tuple[str, str]]:
    """Each id's shape by `SHAPE`, and its lower case by DuckDB's `lower`, a final sigma
    as a sigma (as `SHAPE` writes it)."""
    return rows(f"{SHAPE.replace('ID', 'i')}, replace(lower(i), '\u03c2', '\u03c3')", ids)


@given(st.lists(st.text(_ALPHABET + _TWO_WAYS, max_size=5), min_size=1, max_size=6))
def test_sql_draws_and_lowers_an_id_as_python_does(ids: list[str]) -> None:
    assert _sql(ids) == [(shape(i), folded(i)) for i in ids]


def test_every_letter_drawn_like_a_latin_one_is_read_alike_in_either_case() -> None:
    """Each letter of the table, its capital and its small letter, alone and in an id: SQL
    reads only the capitals whose small letter reads otherwise before its lower case
    (`drawn_apart`), Python the whole table: the same shapes."""
    letters = [chr(code) for code in _as_ascii()]
    ids = [f"x{c}{c.upper()}{c.lower()}1" for c in letters] + letters
    assert _sql(ids) == [(shape(i), folded(i)) for i in ids]


def test_a_final_sigma_is_a_sigma_in_python_and_in_sql() -> None:
    ids = ["\u039b\u039f\u0393\u039f\u03a3", "\u03bb\u03bf\u03b3\u03bf\u03c2"]  # ΛΟΓΟΣ, λογος
    assert [folded(i) for i in ids] == ["\u03bb\u03bf\u03b3\u03bf\u03c3"] * 2
    assert _sql(ids)[0] == _sql(ids)[1] == (shape(ids[0]), folded(ids[0]))
    assert folded("\u0130D") == "id"  # Turkish dotted capital I, as DuckDB lowers it
    assert folded("\u1e9e") == folded("\u00df") == "\u00df" != folded("SS")


@given(st.text(_ALPHABET, max_size=6), st.sampled_from(["upper", "lower", "swapcase"]))
def test_ids_differing_in_letter_case_alone_are_one_shape(text: str, change: str) -> None:
    other = getattr(text, change)()
    if folded(other) == folded(text):  # `ß` in capitals is `SS`; a dotless i's is `I`
        assert shape(other) == shape(text)


def test_a_letter_drawn_two_ways_reads_as_drawn() -> None:
    """A pin: Greek capital nu is drawn as an `N`, its small letter as a `v`; an id with
    either still looks like the Latin one it is drawn as."""
    assert [shape(c) for c in _TWO_WAYS] == ["n", "v", "y", "u", "i", "l"]
    assert looking_alike(["\u039dA", "NA", "\u03bda", "va"]) == [
        ["\u039dA", "NA"],
        ["\u03bda", "va"],
    ]


GREEK = ["\u0391\u0392\u0393", "\u03b1\u03b2\u03b3"]  # ΑΒΓ, αβγ
SIGMA = ["\u039b\u039f\u0393\u039f\u03a3", "\u03bb\u03bf\u03b3\u03bf\u03c2"]


def test_python_says_them_as_ascii_ids_in_letter_case_alone() -> None:
    assert looking_alike([*GREEK, "ab", "AB", *SIGMA]) == [GREEK, ["ab", "AB"], SIGMA]
    assert did_you_mean(GREEK[0], [GREEK[1], "abc"]) == f"did you mean `{GREEK[1]}`?"
    assert did_you_mean(SIGMA[1], ["x", SIGMA[0]]) == f"did you mean `{SIGMA[0]}`?"


def test_sql_says_them_as_ascii_ids_in_letter_case_alone() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE cohort_reviews (school_id VARCHAR)")
    ids = [*GREEK, *SIGMA, "\u03bb\u03bf\u03b3\u03bf\u03c3", "AB", "ab"]
    con.executemany("INSERT INTO cohort_reviews VALUES (?)", [[i] for i in ids])
    assert look_alike_schools(con) == [
        ["AB", "ab"],
        GREEK,
        [SIGMA[0], SIGMA[1], "\u03bb\u03bf\u03b3\u03bf\u03c3"],
    ]


def _said(ids: list[str]) -> str:
    codes = {i: " ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(i)) for i in ids}
    held = "; ".join(f"`{i}` holds {codes[i]}" for i in ids)
    return (
        f"warning: the schools {', '.join(f'`{i}`' for i in ids)} have ids that look alike "
        f"({held}): each counts as a school of its own, with reviews of its own; give them "
        "one id if they are one school"
    )


def look_alike_said(tmp_path: Path, command: str, ids: list[str]) -> list[str]:
    """What `command` (`support`, `benchmark` or `collect`) says of the example's review
    made the review of each of `ids`, of ids that look alike; every id in its output."""
    folder = tmp_path / "reviews"
    folder.mkdir()
    for n, school in enumerate(ids):
        text = REVIEW.replace('id: "100000"', f"id: {json.dumps(school)}")
        (folder / f"school-{n}.yaml").write_text(text, encoding="utf-8")
    out = ("-o", tmp_path / "c.parquet") if command == "collect" else ("--format", "json")
    result = CliRunner().invoke(cli, [command, str(folder), *map(str, out)])
    assert result.exit_code == 0, result.stderr
    if command != "collect":
        assert all(f'"{school}"' in result.stdout for school in ids)
    return [line for line in result.stderr.splitlines() if "look alike" in line]


@pytest.mark.parametrize("command", ["support", "benchmark", "collect"])
def test_each_cohort_command_says_them(tmp_path: Path, command: str) -> None:
    said = look_alike_said(tmp_path, command, [*GREEK, *SIGMA, "100000"])
    assert said == [_said(GREEK), _said(SIGMA)]
