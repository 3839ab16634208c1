"""Asking a strand's questions (`session/questions.py`): what round 42's mutation pass found
no test held, pinned as a setting answering at the terminal meets it."""

from __future__ import annotations

from pathlib import Path

from question_session import FRAMEWORK, assess
from selfreview_core import load_assessment, load_framework


def answers_of(out: Path) -> dict[str, str]:
    judgement = load_assessment(out, load_framework(FRAMEWORK)).judgements["L-G-1"]
    return dict(judgement.answers or {})


def test_the_last_choice_is_chosen_by_its_number(tmp_path: Path) -> None:
    out = tmp_path / "setting.yaml"
    result = assess(out, ["2", "4", "4", "", "q"])  # yes-no has two choices, extent four
    assert result.exit_code == 0, result.output
    assert "Please give a number" not in result.output
    assert answers_of(out) == {"L-G-1-a": "yes", "L-G-1-b": "fully", "L-G-1-c": "fully"}


def test_revisiting_a_strand_enter_keeps_each_answer_given(tmp_path: Path) -> None:
    out = tmp_path / "setting.yaml"
    assert assess(out, ["yes", "3", "2", "Named in the handbook", "q"]).exit_code == 0
    again = assess(out, ["", "", "", "", "q"], "--all")
    assert again.exit_code == 0, again.output
    assert again.output.count("Enter keeps it, s leaves it unanswered") == 3
    assert answers_of(out) == {"L-G-1-a": "yes", "L-G-1-b": "mostly", "L-G-1-c": "partly"}
