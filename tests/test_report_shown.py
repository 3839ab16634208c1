"""`report._shown`, the check a line's non-ASCII piece gets before it is written, against
its definition: `shown_json(data.decode("utf-8")).encode("utf-8")` (SPEC section 5: a
report's JSON holds no control character raw), over text of every kind of character."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core.escaping import shown_json
from selfreview_core.report import _shown
from selfreview_core.testing import hostile_texts


def _plain(data: bytes) -> bytes:
    return shown_json(data.decode("utf-8")).encode("utf-8")


#: Every character `shown_json` escapes, from each range's ends, and neighbours it does not.
_EDGES = [
    *"\x00\x08\x0b\x1f\x7f\x80\x85\x9f\xa0\xad\u061b\u061c\u061d\u200d\u200e\u200f",
    *"\u2010\u2027\u2028\u2029\u202a\u202e\u202f\u2065\u2066\u2069\u206a\u2019\u2014",
    *"\u2026\ufeff\U0001f600\u00e9\t\n",
]


@pytest.mark.parametrize("char", _EDGES)
def test_a_character_among_plain_text_is_escaped_exactly_when_shown_json_escapes_it(
    char: str,
) -> None:
    data = f'{{"a":"it\u2019s {char} here"}}'.encode("utf-8", "surrogatepass")
    assert _shown(data) == _plain(data)


def test_text_needing_no_escape_is_returned_as_the_same_object() -> None:
    data = '{"a":"it\u2019s \u2014 fine\u2026"}'.encode()
    assert _shown(data) is data


def test_a_bidirectional_override_after_a_quote_is_escaped() -> None:
    assert _shown('"\u2019\u202e"'.encode()) == b'"\xe2\x80\x99\\u202e"'


@settings(max_examples=scaled(300))
@given(st.lists(st.one_of(hostile_texts(), st.text(), st.sampled_from(_EDGES))))
def test_the_quick_check_equals_its_definition(pieces: list[str]) -> None:
    data = "".join(pieces).encode("utf-8", "surrogatepass")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:  # a lone surrogate: never in pydantic's JSON
        return
    assert _shown(data) == _plain(data)
