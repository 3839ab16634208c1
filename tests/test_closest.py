""" "Did you mean" made from candidates in batches (`model.closest`): a cohort of a million
schools hands its ids to the hint as DuckDB reads them, and the hint must be the one the
whole list gave (round 62's `did_you_mean`, kept here as the oracle), whatever the batches."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core import _hints as hints
from selfreview_core._lookalikes import folded, look_alike
from selfreview_core.model.base import did_you_mean
from selfreview_core.model.closest import _meant, closest

CYRILLIC_A = "\u0430"
ZERO_WIDTH_SPACE = "\u200b"


def _round_62(word: str, choices: list[str]) -> str | None:
    """`did_you_mean` as round 62 wrote it, the whole list held (budget aside; its
    wording of the hint, `_meant`, is unchanged), letter case as DuckDB's SQL takes it
    (`folded`, round 65: `casefold` took `ß` for `ss`)."""
    same_but_case = [c for c in choices if folded(c) == folded(word)]
    if same_but_case:
        return _meant(same_but_case[0], word)
    if not word.isascii() and (looks := look_alike(word, choices)) is not None:
        return looks
    matches = difflib.get_close_matches(word, choices, n=5, cutoff=0.6)
    if not matches:
        return None
    same_length = [m for m in matches if len(m) == len(word)]
    return _meant((same_length or matches)[0], word)


def _batches(choices: list[str], cuts: Sequence[int]) -> list[list[str]]:
    """`choices` cut at `cuts` (positions, taken modulo one past its length)."""
    at = sorted({0, len(choices), *(cut % (len(choices) + 1) for cut in cuts)})
    return [choices[start:end] for start, end in pairwise(at)]


#: Few letters, so that ids collide in case, in look and in score: `a` and `A`, a Cyrillic
#: a, `ß` (whose casefold is `ss`, its lower case itself), a sigma, final and capital, a
#: dash and its look-alike (`_typed` adds zero-width spaces).
_LETTERS = st.sampled_from(
    ["a", "A", "b", "s", "S", "ß", "1", "-", "\u2011", CYRILLIC_A, "\u03c3", "\u03c2", "\u03a3"]
)
_IDS = st.lists(st.text(_LETTERS, min_size=1, max_size=5), max_size=30)


@st.composite
def _typed(draw: st.DrawFn, choices: list[str]) -> str:
    """An id as a user might type one of `choices`: as it is, its case changed, a letter
    swapped for a look-alike, a zero-width space put in, a letter added; or any text."""
    if not choices or draw(st.booleans()):
        return draw(st.text(_LETTERS, min_size=1, max_size=6))
    meant = draw(st.sampled_from(choices))
    change = draw(st.sampled_from(["upper", "swap", "lookalike", "invisible", "added"]))
    if change == "upper":
        return meant.upper()
    if change == "swap":
        return meant.swapcase()
    if change == "lookalike":
        return meant.replace("a", CYRILLIC_A, 1).replace("-", "\u2011", 1)
    at = draw(st.integers(0, len(meant)))
    added = ZERO_WIDTH_SPACE if change == "invisible" else draw(_LETTERS)
    return meant[:at] + added + meant[at:]


@given(st.data(), _IDS, st.lists(st.integers(0, 40), max_size=6))
def test_the_hint_from_batches_is_the_hint_from_the_whole_list(
    data: st.DataObject, choices: list[str], cuts: list[int]
) -> None:
    word = data.draw(_typed(choices))
    expected = _round_62(word, choices)
    assert closest(word, _batches(choices, cuts), len(choices)) == expected
    assert did_you_mean(word, iter(choices)) == expected


@pytest.mark.parametrize(
    ("word", "batches", "hint"),
    [
        # the case-only match wins though a look-alike and closer spellings come first (a
        # final sigma's capital: `ß`'s, `SS`, is no longer one, as to DuckDB's `lower`)
        (
            f"\u03c2{CYRILLIC_A}",
            [["\u03c2a"], ["\u03c2b", f"\u03a3{CYRILLIC_A}"]],
            f"did you mean `\u03a3{CYRILLIC_A}`?",
        ),
        # the look-alike wins though difflib's best came in an earlier batch
        (
            f"1{CYRILLIC_A}1",
            [["1b1", "1a2"], ["1a1"]],
            "did you mean `1a1`? What was typed holds U+0430 CYRILLIC SMALL LETTER A",
        ),
        # equal scores across batches: difflib's order (the greater id first)
        ("abc", [["abd", "abe"], ["abx"], ["abf"]], "did you mean `abx`?"),
        # of difflib's five, the first as long as what was typed, from any batch
        ("abc", [["abcd", "abcde"], ["abd"]], "did you mean `abd`?"),
        ("xyz", [["abc"], [], ["def"]], None),
    ],
)
def test_what_a_later_batch_holds_can_win(
    word: str, batches: list[list[str]], hint: str | None
) -> None:
    assert closest(word, batches, sum(map(len, batches))) == hint
    assert _round_62(word, [c for batch in batches for c in batch]) == hint


def test_the_budget_is_charged_the_count_given_before_a_batch_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A cohort's ids are counted in SQL: a budget short of the count makes no hint, and
    no id is read; within it, the count is what it pays, however many it is handed."""
    read: list[int] = []

    def batches() -> Iterator[list[str]]:
        read.append(1)
        yield ["1a1"]

    monkeypatch.setattr(hints, "HINT_WORK", 10)

    @hints.hint_budget
    def run() -> list[str | None]:
        return [closest("1a2", batches(), 6), closest("1a2", batches(), 4), closest("1a2", [], 1)]

    assert run() == ["did you mean `1a1`?", "did you mean `1a1`?", None]
    assert len(read) == 2

    @hints.hint_budget
    def short() -> str | None:
        return closest("1a2", batches(), 11)

    assert short() is None
    assert len(read) == 2


def test_a_candidate_exactly_at_the_cutoff_is_suggested() -> None:
    """`abc` for `abcdefg` is as close as difflib's cutoff of 0.6 in each of its three
    measures (2 x 3 / 10), and `get_close_matches` takes it: so does the streamed hint, in
    any batch (round 63's pass)."""
    assert difflib.SequenceMatcher(None, "abc", "abcdefg").ratio() == 0.6
    assert did_you_mean("abcdefg", ["xyz", "abc"]) == "did you mean `abc`?"
    assert closest("abcdefg", iter([["xyz"], ["abc"]]), 2) == "did you mean `abc`?"


@pytest.mark.parametrize(
    ("odd", "named"),
    [
        ("\ufdd0", "U+FDD0 (a noncharacter)"),
        ("\U0010ffff", "U+10FFFF (a noncharacter)"),
        ("\u2065", "U+2065 (unassigned)"),
        ("\x1b", "U+001B (a control character)"),
    ],
)
def test_a_character_shown_escaped_without_a_name_is_called_what_it_is(
    odd: str, named: str
) -> None:
    """Before round 67 a noncharacter (escaped since then) was "a control character"."""
    assert did_you_mean("1a1", [f"1a1{odd}"]) == (
        f"did you mean `1a1{odd}`? It holds {named}, shown escaped"
    )
