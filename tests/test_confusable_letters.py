"""Letters drawn like ASCII ones that round 63's table did not hold (round 64): small
capitals (U+A731 drawn as `s`, U+1D0F as `o`), Armenian seh (U+057D, a `u`), Cherokee small
du (U+ABAA, an `s`), a letter with a mark below (U+1E6D, a `t`), Cyrillic te. An id or a
plugin name holding one was not said to look like the one it imitates. Now the small
capitals are read by their names, a letter with marks as the letter without them, and the
hand table holds the Greek, Cyrillic, Armenian and Cherokee letters Unicode's
confusables.txt maps to ASCII ones: in Python and in DuckDB's SQL alike. Plugin names are
told alike by ASCII drawn alike too (`Iea-support`, `lea-supp0rt`); ids are not (`SCH0O1`
beside `SCHOO1` is two schools' ids as often as a slip)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from selfreview_core import Engine
from selfreview_core._lookalikes import (
    _as_ascii,
    _skeleton,
    drawn_as,
    look_alike,
    looking_alike,
    shape,
)
from selfreview_core.cli import cli
from selfreview_core.cohort.look_alike_schools import look_alike_schools
from selfreview_core.plugin_checks import look_alike_names
from shape_sql import sql_shapes
from test_plugin_checks import _Named

ROOT = Path(__file__).resolve().parents[1]

#: Each, with its code point and the ASCII letter it is drawn as.
LETTERS = {
    "\ua731": ("U+A731", "s"),  # LATIN LETTER SMALL CAPITAL S
    "\u1d0f": ("U+1D0F", "o"),  # LATIN LETTER SMALL CAPITAL O
    "\u057d": ("U+057D", "u"),  # ARMENIAN SMALL LETTER SEH
    "\uabaa": ("U+ABAA", "s"),  # CHEROKEE SMALL LETTER DU
    "\u1e6d": ("U+1E6D", "t"),  # LATIN SMALL LETTER T WITH DOT BELOW
    "\u0442": ("U+0442", "t"),  # CYRILLIC SMALL LETTER TE
    "\u13da": ("U+13DA", "S"),  # CHEROKEE LETTER DU
    "\u0585": ("U+0585", "o"),  # ARMENIAN SMALL LETTER OH
    "\u03b1": ("U+03B1", "a"),  # GREEK SMALL LETTER ALPHA
    "\u04bb": ("U+04BB", "h"),  # CYRILLIC SMALL LETTER SHHA
    "\u03f2": ("U+03F2", "c"),  # GREEK LUNATE SIGMA SYMBOL (a final sigma in NFKC: round 65)
}


@pytest.mark.parametrize(("letter", "drawn"), [(k, v[1]) for k, v in LETTERS.items()])
def test_each_is_drawn_as_its_ascii_letter(letter: str, drawn: str) -> None:
    assert _skeleton(f"x{letter}1") == f"x{drawn}1"


def test_every_letter_is_read_as_one_ascii_character_and_ascii_as_itself() -> None:
    table = _as_ascii()
    assert all(code > 127 for code in table)
    assert all(len(to) == 1 and to.isascii() for to in table.values())
    assert len(drawn_as()[0]) == len(drawn_as()[1]) == len(table)
    # Letters with marks, as the letters without them (SQL's `strip_accents`): Latin, a
    # Cyrillic yo (an ie, drawn as an e), a Greek alpha with tonos; short i, its Cyrillic i.
    assert _skeleton("\u00e9\u00c9\u1e6d\u0451\u03ac\u0439") == "eEtea\u0438"
    assert table[0x1D00] == "a"  # small capitals, by their names
    assert table[0xA7AE] == "I"
    assert _skeleton("q\u0323") == "q"  # a mark on a letter it composes with none
    assert _skeleton("\u0915\u093f") == "\u0915\u093f"  # a vowel sign: no accent (round 65)


@pytest.mark.parametrize("letter", LETTERS)
def test_an_id_with_one_looks_like_the_id_it_imitates(letter: str) -> None:
    code, drawn = LETTERS[letter]
    plain = f"1{drawn}1"
    hint = look_alike(f"1{letter}1", ["1b1", plain])
    assert hint is not None
    assert hint.startswith(f"did you mean `{plain}`? What was typed holds {code} ")
    assert looking_alike([plain, f"1{letter}1", "1x1"]) == [[plain, f"1{letter}1"]]
    con = duckdb.connect()
    con.execute("CREATE TABLE cohort_reviews (school_id VARCHAR)")
    con.executemany("INSERT INTO cohort_reviews VALUES (?)", [[plain], [f"1{letter}1"], ["y"]])
    assert look_alike_schools(con) == [sorted([plain, f"1{letter}1"])]


#: Letters plain and in capitals, with marks (composed and not), small capitals, Greek,
#: Cyrillic, Armenian and Cherokee ones drawn like them, and some drawn like none: none
#: with a compatibility form.
_ALPHABET = "stoSTO\u1e6d\u0323\u0301\u00e9\ua731\u1d0f\u057d\uabaa\u13da\u0442\u0439\u0585\u03b1"


def _sql(ids: list[str]) -> list[str]:
    """Each of `ids` as SQL draws it, row by row: an id is drawn alike whatever the others of
    its query. A query costs some 0.06 s of processor time (binding `SHAPE`, 60 kB of SQL)
    whatever its rows, so the tests check many ids a query."""
    return sql_shapes(ids)


def test_sql_draws_every_short_id_as_python_does() -> None:
    """Every id of four characters or fewer of the alphabet (137,561), in one query: each
    mark after each letter, composed or not, and the letters drawn alike side by side."""
    short = ["", *_ALPHABET]
    ids = sorted({a + b + c + d for a in short for b in short for c in short for d in short})
    assert len(ids) == 1 + 19 + 19**2 + 19**3 + 19**4
    drawn = _sql(ids)
    assert [i for i, d in zip(ids, drawn, strict=True) if d != shape(i)] == []


def test_ascii_ids_are_told_apart_by_case_alone() -> None:
    """Real ids hold `0` beside `O` and `1` beside `I` (`SCH0O1`): drawn alike is for
    plugin names."""
    assert looking_alike(["SCH0O1", "SCHOO1", "SCH001", "lea-support", "Iea-support"]) == []
    con = duckdb.connect()
    con.execute("CREATE TABLE cohort_reviews (school_id VARCHAR)")
    ids = [["SCH0O1"], ["SCHOO1"], ["SCHOOl"], ["URN 100001"], ["URN l00001"], ["modem"]]
    con.executemany("INSERT INTO cohort_reviews VALUES (?)", [*ids, ["modern"]])
    assert look_alike_schools(con) == []


ENDS = (
    ": the problems and advice of each would pass for the other's; rename or uninstall the "
    "one not meant (`--disable` takes each by its name)"
)


def test_plugin_names_drawn_alike_are_said() -> None:
    names = ["lea-support", "Iea-support", "lea-supp0rt", "lea-\ua731upport", "x"]
    assert look_alike_names([*names, "parental-engagement", "parental-engagernent"]) == [
        "the plugins `Iea-support`, `lea-supp0rt`, `lea-support` and `lea-\ua731upport` have "
        "names that look alike (`lea-\ua731upport` holds U+A731)" + ENDS,
        "the plugins `parental-engagement` and `parental-engagernent` have names that look "
        "alike (in letters drawn alike: I, l and 1; 0 and O; rn and m)" + ENDS,
    ]
    assert look_alike_names(["lea-1", "lea-l", "Next-Steps", "next-steps"]) == [
        "the plugins `lea-1` and `lea-l` have names that look alike (in letters drawn alike: "
        "I, l and 1; 0 and O; rn and m)" + ENDS,
        "the plugins `Next-Steps` and `next-steps` have names that look alike (in letter "
        "case)" + ENDS,
    ]
    assert look_alike_names(["lea-support", "parental-engagement", "next-steps"]) == []


@pytest.mark.parametrize("impostor", ["Iea-support", "lea-supp0rt", "lea-\u0455upp\u1d0frt"])
def test_the_engine_says_them_and_loads_both(impostor: str) -> None:
    engine = Engine(entry_points=False, plugins=[_Named("lea-support"), _Named(impostor)])
    said = [(p.source, p.severity) for p in engine.problems if "look alike" in p.message]
    assert said == [("engine", "warning")]
    assert f"`{impostor}`" in engine.problems[0].message
    assert [p.name for p in engine.plugins()][-2:] == ["lea-support", impostor]


@pytest.mark.parametrize("command", ["benchmark", "support"])
def test_a_cohort_says_which_school_ids_look_alike(tmp_path: Path, command: str) -> None:
    review = (ROOT / "examples" / "example-primary-2025.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "reviews"
    folder.mkdir()
    for n, school in enumerate(["sch-1", "\ua731ch-1", "SCH0O1", "SCHOO1", "\u1e6d-2", "t-2"]):
        text = review.replace('id: "100000"', f'id: "{school}"')
        (folder / f"school-{n}.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, [command, str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: the schools `{a}`, `{b}` have ids that look alike (`{b}` holds {code}): "
        "each counts as a school of its own, with reviews of its own; give them one id if "
        "they are one school"
        for a, b, code in (("sch-1", "\ua731ch-1", "U+A731"), ("t-2", "\u1e6d-2", "U+1E6D"))
    ]
