"""The ends of `_lookalikes.LATIN_LIKE`'s blocks, where a mark on a letter is an accent a
reader may not see: a mutation pass (round 71) found no test of any block's first or last
letter, nor of the letter just past a block. Ids that differ only in an accent on a letter at a
block's first or last code point look alike, to `validate` (Python's `shape`) and to a cohort's
SQL (`look_alike_schools.SHAPE`) alike; an accent on the letter just past a block's end
makes a letter of its own (a Georgian, Coptic, Bamum, Syloti Nagri or Meetei Mayek letter
is no Latin one), and is kept by both."""

from __future__ import annotations

import duckdb
import pytest

from selfreview_core._lookalikes import shape
from selfreview_core.cohort.look_alike_schools import SHAPE

ACUTE = "\u0301"
#: The first letter of a block (each is its block's first code point), then the last.
FIRSTS = [
    "\u0370",  # GREEK CAPITAL LETTER HETA
    "\u13a0",  # CHEROKEE LETTER A
    "\u1c80",  # CYRILLIC SMALL LETTER ROUNDED VE
    "\u1d00",  # LATIN LETTER SMALL CAPITAL A
    "\u1e00",  # LATIN CAPITAL LETTER A WITH RING BELOW
    "\u2c60",  # LATIN CAPITAL LETTER L WITH DOUBLE BAR
    "\ua640",  # CYRILLIC CAPITAL LETTER ZEMLYA
    "\uab30",  # LATIN SMALL LETTER BARRED ALPHA
    "\U00010780",  # MODIFIER LETTER SMALL CAPITAL AA
    "\U0001df00",  # LATIN SMALL LETTER FENG DIGRAPH WITH TRILL
    # And the last letter of a block (each is its block's last code point).
    "\u02af",  # LATIN SMALL LETTER TURNED H WITH FISHHOOK AND TAIL
    "\u2c7f",  # LATIN CAPITAL LETTER Z WITH SWASH TAIL
    "\ua7ff",  # LATIN EPIGRAPHIC LETTER ARCHAIC M
    "\uabbf",  # CHEROKEE SMALL LETTER YA
]
#: The letter just past a block's last code point.
PAST = [
    "\u1c90",  # GEORGIAN MTAVRULI CAPITAL LETTER AN, past Cyrillic Extended-C
    "\u2c80",  # COPTIC CAPITAL LETTER ALFA, past Latin Extended-C
    "\ua6a0",  # BAMUM LETTER A, past Cyrillic Extended-B
    "\ua800",  # SYLOTI NAGRI LETTER A, past Latin Extended-D
    "\uabc0",  # MEETEI MAYEK LETTER KOK, past Cherokee Supplement
]


def sql_shapes(ids: list[str]) -> list[str]:
    query = f"SELECT {SHAPE.replace('ID', 'i')} FROM (SELECT unnest(?::VARCHAR[]) AS i)"
    return [drawn for (drawn,) in duckdb.connect().execute(query, [ids]).fetchall()]


@pytest.mark.parametrize("letter", FIRSTS, ids=[f"U+{ord(c):04X}" for c in FIRSTS])
def test_an_accent_on_a_blocks_first_letter_is_unseen(letter: str) -> None:
    ids = [f"s{letter}{ACUTE}1", f"s{letter}1"]
    assert shape(ids[0]) == shape(ids[1])
    assert sql_shapes(ids) == [shape(ids[1])] * 2


@pytest.mark.parametrize("letter", PAST, ids=[f"U+{ord(c):04X}" for c in PAST])
def test_an_accent_on_the_letter_past_a_block_is_kept(letter: str) -> None:
    ids = [f"s{letter}{ACUTE}1", f"s{letter}1"]
    assert shape(ids[0]) != shape(ids[1])
    assert ACUTE in shape(ids[0])
    assert sql_shapes(ids) == [shape(i) for i in ids]
