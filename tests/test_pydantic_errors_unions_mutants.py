"""A value every member of a union refuses is told once even when it is text over two
lines (`pydantic_errors._EXPECTED` matches across a line break): pinned by round 76's
sweep over round 75's lines, which made the pattern compiled on first use. Without its
`re.DOTALL`, `level: "5\\n6"` in a rule's condition was told twice, once a member of the
union, where a text on one line is told once."""

from __future__ import annotations

import pytest

from test_pydantic_errors_unions import _problems


@pytest.mark.parametrize(
    ("test", "path", "column", "said"),
    [
        (
            'level: "5\\n6"',
            "rules[0].when.level",
            32,
            "a whole number or a list, got the text `5\n6`",
        ),
        ('score_below: "x\\ny"', "rules[0].when.score_below", 38, "a number, got the text `x\ny`"),
    ],
    ids=["level", "score"],
)
def test_text_over_two_lines_refused_by_every_member_is_one_error(
    test: str, path: str, column: int, said: str
) -> None:
    [found] = _problems(test)
    assert (found.line, found.column, found.path) == (6, column, path)
    assert found.message == f"expected {said}"
