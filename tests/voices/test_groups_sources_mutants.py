"""Where a refused response is said to be (`voices/groups.py`'s `response_diagnostic`), which
its other tests did not pin: found by the round-70 mutation pass over the module. A source
the command line read (`ResponseSource`) says whether it is a line of a JSON Lines file, so
that a file whose own name ends in `:` and digits is never taken for a line of another."""

from __future__ import annotations

import pytest

from selfreview_core import ComparisonError, Framework, School
from selfreview_core.voices.groups import ResponseSource, voices
from voices.test_voices import response


@pytest.mark.parametrize(
    ("source", "file", "line"),
    [
        (ResponseSource("spring:2"), "spring:2", None),
        (ResponseSource("spring:2", 7), "spring:2", 7),
        (ResponseSource("teachers.jsonl", 3), "teachers.jsonl", 3),
    ],
    ids=["a file named spring:2", "its line 7", "a line of a JSON Lines file"],
)
def test_a_refused_response_is_at_its_own_file_and_line(
    small_framework: Framework, source: ResponseSource, file: str, line: int | None
) -> None:
    other = School(id="S2", name="Other School")
    items = [
        ("a.yaml", response(small_framework, "teachers", {"A1.1": 1})),
        ("b.yaml", response(small_framework, "teachers", {"A1.1": 1})),
        (source, response(small_framework, "teachers", {"A1.1": 1}, school=other)),
    ]
    with pytest.raises(ComparisonError) as caught:
        voices(small_framework, items)
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.file, diagnostic.line, diagnostic.code) == (file, line, "different-schools")
