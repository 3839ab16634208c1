"""`escaping.shown_argument` on what round 70's mutation pass found no test holding: a lone
surrogate that is no byte of a file name (U+D800-U+DC7F, which `surrogateescape` cannot
write) is still written as the escapes of bytes, its UTF-8 (`_bytes`' second way), so the
word shown is safe and one word in a shell, not a crash of the command suggesting it."""

from __future__ import annotations

import shlex

import pytest

from selfreview_core.escaping import shown_argument


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
