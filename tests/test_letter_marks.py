"""Marks that make a letter of their own (round 65). Every mark was dropped where ids are
told alike, as DuckDB's `strip_accents` drops them: a Devanagari vowel sign too, so `कि`
(ki), `कु` (ku) and `क` (ka) were said to look alike, as were the kana `が` (ga) and `か`
(ka), and a digit with an accent and the digit. A mark is now dropped only on a letter of
a script with letters drawn like Latin ones (Latin, Greek, Cyrillic, Armenian, Cherokee:
`_lookalikes.LATIN_LIKE`), where it is an accent a reader may miss; in Python and in the
cohort's SQL alike."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core._lookalikes import _skeleton, look_alike, looking_alike, shape
from selfreview_core.cohort.look_alike_schools import look_alike_schools
from shape_sql import sql_shapes
from test_letter_case_shapes import look_alike_said

ROOT = Path(__file__).resolve().parent.parent
REVIEW = (ROOT / "examples" / "example-primary-2025.yaml").read_text(encoding="utf-8")
KA, KI, KU = "\u0915", "\u0915\u093f", "\u0915\u0941"  # Devanagari ka, ki, ku
KANA_KA, KANA_GA = "\u304b", "\u304c"  # hiragana ka, ga (ka with the voicing mark)


def _sql(ids: list[str]) -> list[str]:
    return sql_shapes(ids)


def test_a_mark_on_a_letter_drawn_like_a_latin_one_is_dropped_and_no_other() -> None:
    latin_like = {
        "caf\u00e9": "cafe",  # Latin, composed
        "cafe\u0301": "cafe",  # and not
        "\u03ac": "a",  # Greek alpha with tonos
        "\u0439": "\u0438",  # Cyrillic short i: an i
        "\u0585\u0301": "o",  # Armenian oh with an acute
        "\u13a0\u0301": "D",  # Cherokee a with an acute
    }
    for text, drawn in latin_like.items():
        assert _skeleton(text) == drawn
    # each with its mark, and the character it sits on (Thai ko kai with sara i, Arabic
    # alef with fatha, a mark before any letter)
    kept = {KI: KA, KU: KA, KANA_GA: KANA_KA, "\u0958": KA, "1\u0301": "1", "\u0301a": "a"}
    kept |= {"\u0e01\u0e34": "\u0e01", "\u0627\u064e": "\u0627"}
    for text, bare in kept.items():
        assert _skeleton(text) != _skeleton(bare)
    assert _sql([*latin_like, *kept]) == [shape(t) for t in [*latin_like, *kept]]


def test_ids_differing_in_a_vowel_sign_do_not_look_alike() -> None:
    assert looking_alike([KA, KI, KU, KANA_KA, KANA_GA, "1", "1\u0301"]) == []
    assert look_alike(KI, [KA, KU]) is None
    assert looking_alike([KI, f"{KI}\u200b"]) == [[KI, f"{KI}\u200b"]]  # still: unseen
    con = duckdb.connect()
    con.execute("CREATE TABLE cohort_reviews (school_id VARCHAR)")
    ids = [KA, KI, KU, KANA_KA, KANA_GA, "caf\u00e9", "cafe\u0301", "1", "1\u0301"]
    con.executemany("INSERT INTO cohort_reviews VALUES (?)", [[i] for i in ids])
    assert look_alike_schools(con) == [["cafe\u0301", "caf\u00e9"]]


#: Devanagari letters, vowel signs, a virama and a nukta; kana and their voicing marks,
#: composed and not; Latin, Greek, Cyrillic letters with marks composed and not; digits
#: with marks; Cyrillic titlo, a mark of Cyrillic's block on a digit or a letter.
_ALPHABET = "\u0915\u0916\u093f\u0941\u094d\u093c\u304b\u304c\u3099\u309aae\u00e9\u0301"
_ALPHABET += "\u0323\u03b1\u03ac\u0438\u0439\u0306\u13a01\u0483"


@given(st.lists(st.text(_ALPHABET, max_size=5), min_size=1, max_size=6))
def test_sql_draws_an_id_as_python_does(ids: list[str]) -> None:
    assert _sql(ids) == [shape(i) for i in ids]


@pytest.mark.parametrize("command", ["support", "benchmark", "collect"])
def test_each_cohort_command_says_nothing_of_them(tmp_path: Path, command: str) -> None:
    said = look_alike_said(tmp_path, command, [KA, KI, KU, "caf\u00e9", "cafe\u0301"])
    assert len(said) == 1
    assert said[0].startswith("warning: the schools `cafe\u0301`, `caf\u00e9` have ids")
