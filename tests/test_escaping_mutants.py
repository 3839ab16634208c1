"""`escaping` on what round 70's mutation pass found no test holding.

`shown_argument`: a lone surrogate that is no byte of a file name (U+D800-U+DC7F, which
`surrogateescape` cannot write) is still written as the escapes of bytes, its UTF-8
(`_bytes`' second way), so the word shown is safe and one word in a shell, not a crash of
the command suggesting it.

`noncharacter`: the ends of the range U+FDD0-U+FDEF, as the "did you mean" hint names a
character Unicode gives no name."""

from __future__ import annotations

import shlex

import pytest

from selfreview_core.escaping import noncharacter, shown_argument
from selfreview_core.model.base import did_you_mean


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("d\ud800.yaml", "$'d\\xed\\xa0\\x80.yaml'"),
        ("\udbff\udc7f", "$'\\xed\\xaf\\xbf\\xed\\xb1\\xbf'"),
        # Beside a byte of a name that is not UTF-8 (U+DCFF, the byte 0xFF itself).
        ("-a\udcff\ud800", "$'./-a\\xff\\xed\\xa0\\x80'"),
    ],
)
def test_a_lone_surrogate_no_name_holds_is_shown_as_its_utf8_bytes(text: str, word: str) -> None:
    shown = shown_argument(text)
    assert shown == word
    assert shown.isascii()
    assert shown.isprintable()
    assert len(shlex.split(shown)) == 1


@pytest.mark.parametrize(
    ("odd", "named"),
    [
        ("\ufdd0", "U+FDD0 (a noncharacter)"),
        ("\ufdef", "U+FDEF (a noncharacter)"),  # the last of the range
        ("\ufffe", "U+FFFE (a noncharacter)"),
        ("\U0001ffff", "U+1FFFF (a noncharacter)"),
        ("\U000effff", "U+EFFFF (a noncharacter)"),
    ],
)
def test_each_end_of_the_noncharacters_is_named_one(odd: str, named: str) -> None:
    assert noncharacter(odd)
    assert did_you_mean("1a1", [f"1a1{odd}"]) == (
        f"did you mean `1a1{odd}`? It holds {named}, shown escaped"
    )


def test_the_characters_beside_the_noncharacters_are_none() -> None:
    for char in ("\ufdcf", "\ufdf0", "\ufffd", "\U0001fffd", "\U00010000", "a"):
        assert not noncharacter(char), f"U+{ord(char):04X}"
