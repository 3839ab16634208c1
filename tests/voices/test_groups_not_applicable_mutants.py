"""A strand not applicable, written with an empty `answers: {}` beside `applicable: false`
(which a judgement may hold: it names no answer), in a framework with questions: it gives
no score, to the school's own review or to a group. Round 72's mutation pass over
`voices/groups.py` (`judged_score`'s first test taken out) showed no test pinned it: the
empty answers then summed to a score of 0 shown beside the groups."""

from __future__ import annotations

from pathlib import Path

from selfreview_core import load_assessment, load_framework
from selfreview_core.voices.groups import voices

QUESTIONS = Path(__file__).resolve().parents[2] / "examples" / "questions"


def test_a_strand_not_applicable_with_empty_answers_has_no_score() -> None:
    """The setting's own review and five staff say C-N-3 does not apply, with `answers: {}`:
    the setting's column says not applicable and gives no score; the staff's group counts
    no answer and shows no score; the strands answered keep theirs."""
    framework = load_framework(QUESTIONS / "technology-standards.yaml")
    text = (QUESTIONS / "example-setting.yaml").read_text(encoding="utf-8")
    own_text = text.replace(
        "C-N-3: {applicable: false, evidence:", "C-N-3: {applicable: false, answers: {}, evidence:"
    )
    assert own_text != text
    own = load_assessment("setting.yaml", framework, text=own_text)
    staff = own_text.replace("assessor: Business manager\n", "respondent: {group: staff}\n")
    responses = [
        (f"staff-{n}.yaml", load_assessment(f"staff-{n}.yaml", framework, text=staff))
        for n in range(5)
    ]
    shown = voices(framework, responses, own=own)
    rows = {
        s.strand: (s.school, s.school_score, s.school_not_applicable, s.groups)
        for s in shown.strands
    }
    school, score, not_applicable, [group] = rows["C-N-3"]
    assert (school, score, not_applicable) == (None, None, True)
    assert (group.count, group.median, group.score) == (0, None, None)
    school, score, not_applicable, [group] = rows["C-N-2"]  # a level given directly
    assert (school, score, not_applicable) == (2, 2.0, False)
    assert (group.count, group.median, group.score) == (5, 2, 2.0)
