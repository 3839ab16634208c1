"""Comments put back by their entries into a YAML text written afresh (`put_back`): each
place a comment is kept in, and each it has no sure place in (left out, for the caller's
`lost_comments` to find)."""

from __future__ import annotations

import pytest

from selfreview_core.files import yaml_places
from selfreview_core.files.yaml_comments import comment_spans, lost_comments
from selfreview_core.files.yaml_places import put_back

BEFORE = """\
# written by a program
# on its own lines
# before a key
a: 1  # after a scalar
b:  # after a key
  # before a nested key
  c: x
  d: |  # after a block scalar's indicator
    # not a comment: text
  e:
  - 1  # after an item
  # before an item
  - k: v  # by the key in an item
# at the end
"""

# The same document written afresh: other values, a new key, other quoting and layout.
AFTER = """\
# written by a program
a: 2
b:
  c: 'y'
  d: "text\\n"
  e:
    - 1
    - k: w
  f: new
"""

KEPT = """\
# written by a program
# on its own lines
# before a key
a: 2  # after a scalar
b:  # after a key
  # before a nested key
  c: 'y'
  d: "text\\n"  # after a block scalar's indicator
  e:
    - 1  # after an item
    # before an item
    - k: w  # by the key in an item
  f: new
# at the end
"""


def test_each_comment_is_put_back_by_its_entry() -> None:
    assert put_back(BEFORE, AFTER) == KEPT
    assert lost_comments(BEFORE, KEPT) == []


def test_a_comment_the_new_text_has_is_not_put_back_twice() -> None:
    assert put_back("# ours\na: 1\n", "# ours\na: 2\n") == "# ours\na: 2\n"
    assert put_back("# x\n# x\na: 1\n", "# x\na: 2\n") == "# x\n# x\na: 2\n"  # one of two


@pytest.mark.parametrize(
    ("before", "after", "lost"),
    [
        ("a: {b: 1,  # in a flow mapping\n  c: 2}\n", "a: {b: 1, c: 2}\n", "# in a flow mapping"),
        ("a: [1,  # in a flow list\n  2]\n", "a:\n- 1\n- 2\n", "# in a flow list"),
        ("a:\n  # between a key and its value\n  1\n", "a: 1\n", "# between a key and its value"),
        ("a: 1\nb: 2  # by a key that is gone\n", "a: 1\n", "# by a key that is gone"),
        ("a: 1\n# before a key that is gone\nb: 2\n", "a: 1\n", "# before a key that is gone"),
        ("a: 1  # one\n", "a: 1  # two\n", "# one"),  # the line's end has one already
        ("a:\n- 1  # after an item\n", "a:\n- k: 1\n", "# after an item"),  # now a mapping
        ("--- # after the marker\na: 1\n", "a: 1\n", "# after the marker"),
    ],
)
def test_a_comment_without_a_sure_place_is_left_out(before: str, after: str, lost: str) -> None:
    kept = put_back(before, after)
    assert lost_comments(before, kept) == [lost]
    assert kept == after


def test_a_second_comment_for_one_lines_end_is_left_out() -> None:
    before = "a:  # by the key\n  1  # by the value\n"
    assert put_back(before, "a: 1\n") == "a: 1  # by the key\n"


def test_a_byte_order_mark_does_not_move_the_comments() -> None:
    assert put_back("\ufeffa: 1  # c\nb: 2\n", "a: 3\nb: 4\n") == "a: 3  # c\nb: 4\n"


def test_line_ends_other_than_newline() -> None:
    before = "a: 1  # c\r\n# d\r\nb: 2\r\n"
    assert put_back(before, "a: 1\r\nb: 3\r\n") == "a: 1  # c\r\n# d\r\nb: 3\r\n"
    assert put_back("a: 1\rb: 2  # c\r", "a: 1\rb: 3") == "a: 1\rb: 3  # c"


def test_a_comment_at_the_end_of_a_text_without_a_final_line_break() -> None:
    assert put_back("a: 1\n# end\n", "a: 2") == "a: 2\n# end\n"


@pytest.mark.parametrize(
    "after",
    [
        "a: |\n  x\nb: 1\n",  # the comment would be a line of the block scalar's text
        "a: x\n  x\nb: 1\n",  # it would end a plain scalar, and its next line be refused
    ],
)
def test_text_that_does_not_read_back_as_the_new_text_is_not_used(
    after: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last check: were a place wrong (here: the line of a scalar's text), the new text
    is used as it is and every comment is left out, never a changed value."""
    real = yaml_places._entries

    def wrong(text: str) -> yaml_places._Entries:
        entries = real(text)
        if text == after:
            entries.before[("b",)] = text.rindex("x")
        return entries

    monkeypatch.setattr(yaml_places, "_entries", wrong)
    assert put_back("a: |\n  y\n# c\nb: 2\n", after) == after


def test_a_comment_after_a_block_scalars_indicator_stays_there() -> None:
    after = "a: |\n  y\nb: 2\n"
    assert put_back("a: |  # c\n  x\nb: 1\n", after) == "a: |  # c\n  y\nb: 2\n"


def test_a_comment_before_the_first_line_goes_before_it() -> None:
    assert put_back("# c\na: 1\n", "a: 2\n") == "# c\na: 2\n"
    assert put_back("\n# c\na: 1\n", "\na: 2\n") == "\n# c\na: 2\n"  # after a blank line


def test_each_comment_the_new_text_has_is_counted_once() -> None:
    after = "# x\n# x\na: 2\n"
    assert put_back("# x\n# x\n# x\na: 1\n", after) == "# x\n# x\n# x\na: 2\n"


def test_a_comment_at_a_last_lines_end_comes_before_those_after_the_last_line() -> None:
    assert put_back("a: 1  # c\n# end\n", "a: 2") == "a: 2  # c\n# end\n"


def test_text_that_is_not_yaml_gets_nothing_back() -> None:
    assert put_back("a: [\n# c\n", "a: 1\n") == "a: 1\n"
    assert put_back("# only a comment\n", "") == "# only a comment\n"


def test_comment_spans_are_where_each_comment_starts() -> None:
    text = "# a\nb: '# no'  # c\n"
    assert comment_spans(text) == [(0, "# a"), (text.index("# c"), "# c")]
    assert comment_spans("\ufeffa: 1  # c\n") == [(7, "# c")]  # the mark counted


def test_a_comment_first_in_a_file_with_a_byte_order_mark_is_one() -> None:
    """libyaml's indexes do not count the mark: before round 48 the text searched for a
    comment began one character early, at the mark, and the `#` after it was not seen."""
    assert comment_spans("\ufeff# c\na: 1\n") == [(1, "# c")]
    assert lost_comments("\ufeff# c\na: 1\n", "a: 2\n") == ["# c"]


def test_a_comment_after_a_block_scalars_indicator_is_one() -> None:
    """The scanner's token of a block scalar starts at its `|`: before round 48 the comment
    after it on its line was not seen, and `assess` dropped it without a word."""
    text = "a: |2-  # c\n   # text\nb: >\n  x\n"
    assert comment_spans(text) == [(text.index("# c"), "# c")]
    assert lost_comments(text, "a: '# text'\n") == ["# c"]


@pytest.mark.parametrize("after", ["a: [b,\n]", "a: [b,\n ]", "a: b"])
def test_a_text_without_a_final_line_end_gets_one_before_the_comments_put_back(
    after: str,
) -> None:
    """A comment at the document's end goes on a line of its own after the new text, even
    when the new text's last line is one character long and has no line end of its own:
    written straight after it (`]# end`), it would not be a comment, and would be lost."""
    assert put_back("a: [b]\n# end\n", after) == after + "\n# end\n"
