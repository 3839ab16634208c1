"""Each lone surrogate in text given as `str` is told at its line and column (round 77):
before, only the first was, and text mended there failed again at the next. At most
`MOST_SURROGATES` one by one, then how many more, at the first not shown. Files are bytes,
where a surrogate is no UTF-8 (`test_source`): only a program's `str` holds one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core.errors import InvalidDocument
from selfreview_core.files.json_problems import MOST_SURROGATES
from selfreview_core.files.source import parse_text
from selfreview_core.loader import load

SAID = "not valid Unicode text (a lone surrogate, U+{:04X})"


def _problems(text: str, file: str) -> list[tuple[object, ...]]:
    with pytest.raises(InvalidDocument) as raised:
        parse_text(text, file)
    return [(d.file, d.line, d.column, d.path, d.code, d.message) for d in raised.value.diagnostics]


@pytest.mark.parametrize("file", ["school.yaml", "school.json", "school"])
def test_each_lone_surrogate_is_told_at_its_line_and_column(file: str) -> None:
    text = '{"kind": "x",\n "a": "\ud800", "b": "x\udfffy\ud83d",\r\n "c": "\x85\udc00"}'
    assert _problems(text, file) == [
        (file, 2, 8, "", "encoding", SAID.format(0xD800)),
        (file, 2, 19, "", "encoding", SAID.format(0xDFFF)),
        (file, 2, 21, "", "encoding", SAID.format(0xD83D)),
        (file, 3, 9, "", "encoding", SAID.format(0xDC00)),  # a NEL is within its line
    ]


def test_the_first_ones_are_told_then_how_many_more_from_where() -> None:
    assert MOST_SURROGATES == 20
    exactly = "kind: x\nl:\n" + "- \udc80\n" * MOST_SURROGATES
    assert len(_problems(exactly, "a.yaml")) == MOST_SURROGATES  # no "0 more"
    text = "kind: x\nl:\n" + "- \udc80\n" * (MOST_SURROGATES + 3)
    problems = _problems(text, "a.yaml")
    assert [p[1:3] for p in problems[:-1]] == [(3 + n, 3) for n in range(MOST_SURROGATES)]
    assert problems[-1] == (
        "a.yaml",
        3 + MOST_SURROGATES,
        3,
        "",
        "encoding",
        "3 more lone surrogates from here, not shown",
    )
    one_more = "kind: x\nl:\n" + "- \udc80\n" * (MOST_SURROGATES + 1)
    said = _problems(one_more, "a.yaml")[-1][-1]
    assert said == "1 more lone surrogate from here, not shown"


def test_the_loaders_tell_each_too() -> None:
    with pytest.raises(InvalidDocument) as raised:
        load("a.yaml", text="kind: framework\nid: \ud800\ntitle: \udbff\n")
    assert [(d.line, d.column) for d in raised.value.diagnostics] == [(2, 5), (3, 8)]


@given(
    st.lists(
        st.one_of(
            st.characters(codec="utf-8", exclude_characters="\r\n"),
            st.sampled_from("\r\n\x85\u2028"),
            st.characters(categories=["Cs"]),
        ),
        max_size=60,
    )
)
def test_every_surrogate_is_told_in_order_at_its_place(chars: list[str]) -> None:
    """Whatever surrounds them: as many problems as surrogates (up to the limit), each at
    the line and column of one, in the order of the text."""
    text = "kind: x\n" + "".join(chars)
    at = [i for i, c in enumerate(text) if "\ud800" <= c <= "\udfff"]
    if not at:
        return
    problems = _problems(text, "a.yaml")
    assert len(problems) == min(len(at), MOST_SURROGATES + 1)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for (_, line, column, *_), index in zip(problems, at, strict=False):
        assert isinstance(line, int)
        assert isinstance(column, int)
        assert lines[line - 1][column - 1] == text[index]
