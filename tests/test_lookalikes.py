"""Ids that look right and are not get a hint naming the id meant and what is odd in the
one typed (`selfreview_core._lookalikes`, through `did_you_mean`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core._lookalikes import folded, look_alike, looking_alike
from selfreview_core.cli import cli
from selfreview_core.model.base import did_you_mean

STRANDS = ["1a1", "1a2", "1b1", "1c1", "1c2"]
CYRILLIC_A = "\u0430"
ZERO_WIDTH_SPACE = "\u200b"


def test_a_cyrillic_letter_is_the_latin_one_meant_not_the_nearest_by_spelling() -> None:
    """difflib alone suggests `1c1` for 1-Cyrillic-a-1: one letter away, as `1a1` is."""
    assert did_you_mean(f"1{CYRILLIC_A}1", STRANDS) == (
        "did you mean `1a1`? What was typed holds U+0430 CYRILLIC SMALL LETTER A"
    )


def test_an_invisible_character_is_named() -> None:
    assert did_you_mean(f"1a1{ZERO_WIDTH_SPACE}", STRANDS) == (
        "did you mean `1a1`? What was typed holds U+200B ZERO WIDTH SPACE"
    )


def test_a_word_processors_hyphen_and_several_odd_characters_are_each_named_once() -> None:
    typed = f"becta\u2011srf\u2011{CYRILLIC_A}{CYRILLIC_A}"
    assert did_you_mean(typed, ["becta-srf-aa", "becta-srf"]) == (
        "did you mean `becta-srf-aa`? What was typed holds U+2011 NON-BREAKING HYPHEN, "
        "U+0430 CYRILLIC SMALL LETTER A"
    )


def test_full_width_digits_read_as_digits() -> None:
    assert did_you_mean("\uff11a\uff11", STRANDS) == (
        "did you mean `1a1`? What was typed holds U+FF11 FULLWIDTH DIGIT ONE"
    )


def test_only_what_the_candidate_does_not_hold_is_named() -> None:
    assert did_you_mean(f"caf\u00e9{ZERO_WIDTH_SPACE}", ["caf\u00e9"]) == (
        "did you mean `caf\u00e9`? What was typed holds U+200B ZERO WIDTH SPACE"
    )
    # An accent typed as a letter and a combining mark, where the id has one character.
    assert did_you_mean("cafe\u0301", ["caf\u00e9"]) == (
        "did you mean `caf\u00e9`? What was typed holds U+0301 COMBINING ACUTE ACCENT"
    )
    # The id itself holds the odd hyphen; what was typed holds nothing the id lacks.
    assert did_you_mean("caf\u00e9-x", ["caf\u00e9\u2010x"]) == "did you mean `caf\u00e9\u2010x`?"


def test_what_looks_like_nothing_falls_back_to_spelling() -> None:
    assert did_you_mean(f"1d{CYRILLIC_A}", STRANDS) is None
    assert did_you_mean("1b9", STRANDS) == "did you mean `1b1`?"


@given(
    strand=st.sampled_from(STRANDS),
    position=st.integers(min_value=0, max_value=3),
    odd=st.sampled_from([ZERO_WIDTH_SPACE, "\u200c", "\u2060", "\ufeff"]),
)
def test_any_invisible_character_anywhere_finds_the_id_meant(
    strand: str, position: int, odd: str
) -> None:
    typed = strand[:position] + odd + strand[position:]
    hint = did_you_mean(typed, STRANDS)
    assert hint is not None
    assert hint.startswith(f"did you mean `{strand}`? What was typed holds U+{ord(odd):04X} ")


@pytest.mark.parametrize(
    ("typed", "named"),
    [("1" + CYRILLIC_A + "1", "U+0430 CYRILLIC SMALL LETTER A"), ("1a1\u200b", "U+200B")],
)
def test_validate_tells_which_strand_was_meant_and_why_it_is_not_it(
    typed: str, named: str, tmp_path: Path, root: Path
) -> None:
    text = (root / "examples" / "example-primary-2025.yaml").read_text(encoding="utf-8")
    assert "\n  1a1:" in text
    path = tmp_path / "review.yaml"
    path.write_text(text.replace("\n  1a1:", f'\n  "{typed}":', 1), encoding="utf-8")
    line = text[: text.index("\n  1a1:")].count("\n") + 2
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    shown = " ".join(result.output.split())
    assert f"{path}:{line}:3: error: judgements[" in shown  # the key, where it is written
    assert (
        f"is not a strand of becta-srf@2010 (did you mean `1a1`? What was typed holds {named}"
    ) in shown


def test_words_that_look_alike_are_gathered_in_the_order_first_given() -> None:
    typed = ["teachers", "pupils", "Teachers", f"t{CYRILLIC_A}chers", "teachers", "PUPILS"]
    assert looking_alike(typed) == [["teachers", "Teachers"], ["pupils", "PUPILS"]]
    assert looking_alike([f"{CYRILLIC_A}b", "ab", f"ab{ZERO_WIDTH_SPACE}", "abc"]) == [
        [f"{CYRILLIC_A}b", "ab", f"ab{ZERO_WIDTH_SPACE}"]
    ]


def _alike(one: str, other: str) -> bool:
    """Two words that look the same, letter case aside, by `look_alike` (which compares
    their skeletons, letter case kept)."""
    one, other = folded(one), folded(other)
    return one == other or look_alike(one, [other]) is not None


@given(st.lists(st.text(alphabet="abAB\u0430\u200b-\u2011", max_size=3), max_size=8))
def test_the_sets_are_exactly_the_words_that_look_alike(words: list[str]) -> None:
    found = looking_alike(words)
    listed = [w for same in found for w in same]
    assert len(listed) == len(set(listed))  # each word in one set, once
    distinct = list(dict.fromkeys(words))
    for same in found:
        assert len(same) > 1
        assert same == [w for w in distinct if w in same]  # in the order first given
        assert all(_alike(same[0], w) for w in same[1:])
    for word in distinct:
        partners = [w for w in distinct if w != word and _alike(word, w)]
        assert (word in listed) == bool(partners)


#: Coptic dialect-P ni: confusables.txt (UTS #39) maps the capital to `-`, not the small.
COPTIC_NI, COPTIC_SMALL_NI = "\u2cba", "\u2cbb"


def test_coptic_dialect_p_ni_looks_like_a_hyphen_as_the_capital_alone() -> None:
    """Round 68's pass: the small letter read as `-` where letter case is aside (the
    cohort's ids, the names of plugins) and as itself where it is not ("did you mean"),
    having taken its capital's reading. Unicode's confusables map the capital alone: the
    small letter is itself everywhere, the capital a hyphen in either case, and the
    cohort's SQL reads both as Python does."""
    import duckdb

    from selfreview_core.cohort.look_alike_schools import look_alike_schools

    ids = [f"SCH{COPTIC_SMALL_NI}1", "SCH-1", f"sch{COPTIC_NI}1", f"sch{COPTIC_SMALL_NI}1"]
    assert looking_alike(ids) == [[ids[0], ids[3]], ["SCH-1", f"sch{COPTIC_NI}1"]]
    con = duckdb.connect()
    con.execute("CREATE TABLE cohort_reviews (school_id VARCHAR)")
    con.executemany("INSERT INTO cohort_reviews VALUES (?)", [[i] for i in ids])
    assert look_alike_schools(con) == sorted(sorted(same) for same in looking_alike(ids))
    typed = f"lea{COPTIC_SMALL_NI}support"
    assert looking_alike([typed, "lea-support"], ascii_alike=True) == []
    assert look_alike(typed, ["lea-support"], ascii_alike=True) is None
    assert did_you_mean(f"1a{COPTIC_SMALL_NI}1", ["1a-1"]) == "did you mean `1a-1`?"
