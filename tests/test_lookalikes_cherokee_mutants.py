"""Each Cherokee capital that Unicode's confusables.txt maps to an ASCII letter
(`_lookalikes._CHEROKEE`, round 67): a mutation pass (round 71) found a test of the first
alone. An id typed with any of them (`sch-` U+13A0 `1`, CHEROKEE LETTER A, drawn as a `D`)
looks like the id typed in ASCII (`sch-D1`), to `validate`'s hint and to a cohort's SQL
alike, and the hint names the Cherokee letter."""

from __future__ import annotations

import unicodedata

import duckdb
import pytest

from selfreview_core._lookalikes import look_alike, shape
from selfreview_core.cohort.look_alike_schools import SHAPE

#: Each Cherokee capital, and the ASCII letter confusables.txt draws it as.
DRAWN = {
    "\u13a0": "D",  # CHEROKEE LETTER A
    "\u13a1": "R",  # CHEROKEE LETTER E
    "\u13a2": "T",  # CHEROKEE LETTER I
    "\u13a5": "i",  # CHEROKEE LETTER V
    "\u13a9": "Y",  # CHEROKEE LETTER GI
    "\u13aa": "A",  # CHEROKEE LETTER GO
    "\u13ab": "J",  # CHEROKEE LETTER GU
    "\u13ac": "E",  # CHEROKEE LETTER GV
    "\u13b3": "W",  # CHEROKEE LETTER LA
    "\u13b7": "M",  # CHEROKEE LETTER LU
    "\u13bb": "H",  # CHEROKEE LETTER MI
    "\u13bd": "Y",  # CHEROKEE LETTER MU
    "\u13c0": "G",  # CHEROKEE LETTER NAH
    "\u13c2": "h",  # CHEROKEE LETTER NI
    "\u13c3": "Z",  # CHEROKEE LETTER NO
    "\u13cf": "b",  # CHEROKEE LETTER SI
    "\u13d2": "R",  # CHEROKEE LETTER SV
    "\u13d4": "W",  # CHEROKEE LETTER TA
    "\u13d5": "S",  # CHEROKEE LETTER DE
    "\u13d9": "V",  # CHEROKEE LETTER DO
    "\u13da": "S",  # CHEROKEE LETTER DU
    "\u13de": "L",  # CHEROKEE LETTER TLE
    "\u13df": "C",  # CHEROKEE LETTER TLI
    "\u13e2": "P",  # CHEROKEE LETTER TLV
    "\u13e6": "K",  # CHEROKEE LETTER TSO
    "\u13e7": "d",  # CHEROKEE LETTER TSU
    "\u13f3": "G",  # CHEROKEE LETTER YU
    "\u13f4": "B",  # CHEROKEE LETTER YV
}


@pytest.mark.parametrize(("letter", "ascii"), DRAWN.items(), ids=list(DRAWN.values()))
def test_an_id_with_a_cherokee_capital_looks_like_the_ascii_id(letter: str, ascii: str) -> None:
    name = unicodedata.name(letter)
    assert look_alike(f"sch-{letter}1", [f"sch-{ascii}1", "sch-x1"]) == (
        f"did you mean `sch-{ascii}1`? What was typed holds U+{ord(letter):04X} {name}"
    )


def test_the_cohorts_sql_reads_each_as_its_ascii_letter() -> None:
    query = f"SELECT {SHAPE.replace('ID', 'i')} FROM (SELECT unnest(?::VARCHAR[]) AS i)"
    ids = [f"sch-{letter}1" for letter in DRAWN]
    drawn = [d for (d,) in duckdb.connect().execute(query, [ids]).fetchall()]
    assert drawn == [shape(f"sch-{ascii}1") for ascii in DRAWN.values()]
