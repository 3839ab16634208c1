"""What the mutation passes over `voices/groups.py` and `voices/draft.py` showed no test
pinned (docs/testing.md, "The project's own mutation pass"): each test names what a person
comparing the voices reads, asserted on what `voices` (or `combine`) gives or refuses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from selfreview_core import (
    Assessment,
    ComparisonError,
    Framework,
    School,
    load_assessment,
    load_framework,
)
from selfreview_core.voices.draft import combine
from selfreview_core.voices.groups import ResponseSource, voices
from voices.test_voices import SCHOOL, response

QUESTIONS = Path(__file__).resolve().parents[2] / "examples" / "questions"


@pytest.mark.parametrize(
    ("source", "file", "line"),
    [
        ("spring: teachers.yaml", "spring: teachers.yaml", None),
        ("2026", "2026", None),
        (ResponseSource("spring:2"), "spring:2", None),
        (ResponseSource("spring:2", 7), "spring:2", 7),
        (ResponseSource("teachers.jsonl", 3), "teachers.jsonl", 3),
    ],
    ids=["a colon and more", "digits only", "a file named spring:2", "its line 7", "a line"],
)
def test_a_refused_response_is_at_its_own_file_and_line(
    small_framework: Framework, source: str | ResponseSource, file: str, line: int | None
) -> None:
    """Only `file:line` of a JSON Lines file is split into a file and a line: a file whose
    name holds a colon followed by more than digits, or is digits only, is named as it is,
    with no line, when its response is refused. A source the command line read
    (`ResponseSource`, round 70's pass) says whether it is a line of a JSON Lines file, so
    that a file whose own name ends in `:` and digits is never taken for a line of another."""
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


@pytest.mark.parametrize("compare", [voices, combine])
def test_a_response_given_as_an_assessment_is_named_by_its_place_among_the_responses(
    small_framework: Framework, compare: Callable[[Framework, list[Assessment]], object]
) -> None:
    """Responses passed as assessments (not from files) are named "response N" in a
    refusal by `voices` and by `combine`, counting from 1 as the person who passed them
    counts."""
    other = School(id="S2", name="Other School")
    items = [
        response(small_framework, "teachers", {"A1.1": 1}),
        response(small_framework, "teachers", {"A1.1": 1}),
        response(small_framework, "teachers", {"A1.1": 1}, school=other),
    ]
    with pytest.raises(ComparisonError) as caught:
        compare(small_framework, items)
    assert [d.file for d in caught.value.diagnostics] == ["response 3"]


def test_a_single_respondent_names_the_school_and_shows_a_count_only(
    small_framework: Framework,
) -> None:
    """One response is enough to compare: the school it names is shown, and its one
    answer, a group under the minimum, only as a count."""
    shown = voices(small_framework, [response(small_framework, "pupils", {"A1.1": 3})])
    assert shown.school == SCHOOL
    assert shown.respondents == 1
    [group] = next(s for s in shown.strands if s.strand == "A1.1").groups
    assert (group.group, group.count, group.median, group.worst, group.best) == (
        "pupils",
        1,
        None,
        None,
        None,
    )


def test_in_a_framework_with_questions_a_group_shows_its_lower_middle_score() -> None:
    """Six staff, three scoring a strand 1.75 and three 0: the group shows the worse of the
    two middle scores (0, level 0), as it does for levels, beside the setting's own 1.75;
    strands where they agree show the score they share."""
    own = QUESTIONS / "example-setting.yaml"
    text = own.read_text(encoding="utf-8")
    framework = load_framework(QUESTIONS / "technology-standards.yaml")
    staff = text.replace("assessor: Business manager\n", "respondent: {group: staff}\n")
    low = staff.replace(
        'L-G-1-a: "yes", L-G-1-b: mostly, L-G-1-c: partly',
        'L-G-1-a: "no", L-G-1-b: "no", L-G-1-c: "no"',
    )
    responses = [
        (f"staff-{n}.yaml", load_assessment(f"staff-{n}.yaml", framework, text=body))
        for n, body in enumerate([staff, low] * 3)
    ]
    shown = voices(framework, responses, own=load_assessment(own, framework))
    rows = {
        s.strand: (s.school_score, [(g.count, g.median, g.score) for g in s.groups])
        for s in shown.strands
    }
    assert rows["L-G-1"] == (1.75, [(6, 0, 0.0)])
    assert rows["L-G-2"] == (1.25, [(6, 1, 1.25)])
    assert rows["C-N-2"] == (2.0, [(6, 2, 2.0)])  # a level given directly: its rank
