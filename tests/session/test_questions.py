"""`selfreview assess` on a framework with questions (SPEC section 10): each question asked
with its answer set, answered by number or id; "not applicable" offered, evidence required;
the file written holds the answers and judges the strand at the level they lead to."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from question_session import FRAMEWORK, HEADER, assess
from selfreview_core import Framework, load_assessment, load_framework, score
from selfreview_core.cli import cli


def framework() -> Framework:
    return load_framework(FRAMEWORK)


def test_questions_are_asked_with_their_answers_and_written(tmp_path: Path) -> None:
    out = tmp_path / "setting.yaml"
    # L-G-1: yes (by id), then "3" (mostly, 0.5) and "2" (partly, 0.25), then evidence; stop
    result = assess(out, ["yes", "3", "2", "Named in the handbook", "q"])
    assert "Question 1 of 3: Has a senior leader been named to answer for technology?" in (
        result.output
    )
    assert "1  No (0)" in result.output
    assert "4  Fully, and it is reviewed (1)" in result.output
    assert "n not applicable" in result.output
    review = load_assessment(out, framework())
    judgement = review.judgements["L-G-1"]
    assert dict(judgement.answers or {}) == {
        "L-G-1-a": "yes",
        "L-G-1-b": "mostly",
        "L-G-1-c": "partly",
    }
    assert judgement.level is None  # the level follows from the answers
    assert judgement.evidence == "Named in the handbook"
    profile = score(framework(), review)
    assert (profile.score("L-G-1"), profile.level("L-G-1")) == (1.75, 1)


def test_not_applicable_needs_evidence_and_is_written(tmp_path: Path) -> None:
    out = tmp_path / "setting.yaml"
    result = assess(out, ["n", "", "One building only", "q"])
    assert "Evidence is required for a strand that does not apply." in result.output
    judgement = load_assessment(out, framework()).judgements["L-G-1"]
    assert judgement.applicable is False
    assert judgement.evidence == "One building only"


def test_a_wrong_answer_is_asked_again_and_b_goes_back_a_question(tmp_path: Path) -> None:
    out = tmp_path / "setting.yaml"
    result = assess(out, ["7", "no", "b", "yes", "fully", "", "", "q"])
    assert "Please give a number from 1 to 2 or an answer's id." in result.output
    answers = load_assessment(out, framework()).judgements["L-G-1"].answers
    assert dict(answers or {}) == {"L-G-1-a": "yes", "L-G-1-b": "fully"}  # c unanswered


def test_a_strand_with_no_answer_is_skipped(tmp_path: Path) -> None:
    out = tmp_path / "setting.yaml"
    assess(out, ["", "", "", "q"])
    assert "L-G-1" not in load_assessment(out, framework()).judgements


def test_the_summary_counts_strands_not_applicable_apart(tmp_path: Path) -> None:
    out = tmp_path / "setting.yaml"
    answers = ["n", "Not here"] + ["1", "1", "1", ""] * 7  # "1": the first answer of any set
    result = assess(out, answers)
    assert result.exit_code == 0, result.output
    assert f"Saved {out}: 7 of 7 strands judged, 1 not applicable." in result.output


def test_a_level_framework_accepts_n_for_not_applicable(tmp_path: Path) -> None:
    out = tmp_path / "review.yaml"
    args = ["assess", "becta-srf", "-o", str(out), *HEADER]
    result = CliRunner().invoke(cli, args, input="n\nNo such thing here\nq\n")
    assert "n not applicable" not in result.output  # the Becta prompt is as it was
    review = load_assessment(out)
    assert review.judgements["1a1"].applicable is False


def test_digits_int_cannot_read_are_asked_again_and_arabic_indic_digits_choose(
    tmp_path: Path,
) -> None:
    """`²` is a digit to `str.isdigit` but not a number to `int()`: typed at an answer's
    prompt it ended the session in an internal error and lost the answers given. It is
    asked again now; `٢` (an Arabic-Indic 2, a decimal digit) chooses the second answer."""
    out = tmp_path / "setting.yaml"
    result = assess(out, ["²", "yes", "٢", "", "", "q"])
    assert result.exit_code == 0, result.output
    assert "Please give a number from 1 to 2 or an answer's id." in result.output
    answers = load_assessment(out, framework()).judgements["L-G-1"].answers
    assert dict(answers or {}) == {"L-G-1-a": "yes", "L-G-1-b": "partly"}


def test_a_level_typed_with_an_underscore_is_asked_again(tmp_path: Path) -> None:
    """`0_3` is 3 to `int` but no way to write a level: asked again (it was taken as 3).
    Decimal digits of any script are a level, as they are an answer's number."""
    out = tmp_path / "review.yaml"
    args = ["assess", "becta-srf", "-o", str(out), *HEADER]
    result = CliRunner().invoke(cli, args, input="0_3\n٣\n\ns\nq\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("Please give a level from 1 (best) .. 5 (worst)") == 1
    assert load_assessment(out).judgements["1a1"].level == 3


def test_the_evidence_of_why_a_strand_does_not_apply_is_asked_for_as_required(
    tmp_path: Path,
) -> None:
    """The prompt said "Evidence (optional; ...)" right after "evidence is required"."""
    out = tmp_path / "setting.yaml"
    result = assess(out, ["n", "", "One building only", "q"])
    assert result.output.count('Evidence (required; """ for several lines)') == 2
    assert "Evidence (optional" not in result.output
