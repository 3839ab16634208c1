"""`selfreview assess` given text that prints as nothing (a zero-width space, a word joiner, a
mark on nothing: `model.unseen`, round 72). Before, `--school-name $'\\u200b'` (or typed at
its prompt) started a review of a school named by nothing to see, and a blank
`--school-name "  "` was an internal error; optional text of them (the authority, the
assessor, evidence) was written, and evidence of them was taken as why a strand does not
apply. A name of them is refused as an empty one is; optional text of them is none, as
blank typed text is."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import Framework, load_assessment
from selfreview_core.cli import cli


def assess(*args: str, answers: list[str]) -> Result:
    text = "".join(f"{a}\n" for a in answers)
    result = CliRunner().invoke(cli, ["assess", *args], input=text, catch_exceptions=False)
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    return result


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("", "must not be empty"),
        ("  ", "must not be empty"),  # an internal error before round 72
        (
            "\u200b",
            "must not be empty (`\\u200b` holds only characters that print as nothing)",
        ),
        ("\u0301", "must not be empty (the text holds only marks on nothing, here U+0301)"),
    ],
)
def test_a_school_name_that_says_nothing_is_refused_before_anything_is_asked(
    tmp_path: Path, name: str, said: str
) -> None:
    target = tmp_path / "mine.yaml"
    result = assess(
        "becta-srf", "-o", str(target), "--school-id", "1", "--school-name", name, answers=["4"]
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for --school-name: {said}"
    assert "Strand 1a1" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_name_typed_of_nothing_to_see_is_asked_for_again_saying_why(
    tmp_path: Path, becta: Framework
) -> None:
    """And optional text typed of them is none, as blank text typed is: not written."""
    out = tmp_path / "review.yaml"
    answers = ["100002", "\u200b\u2060", "Asked School", "\ufeff", "\u00ad", "4", "\u200b", "q"]
    result = assess("becta-srf", "-o", str(out), answers=answers)
    assert result.exit_code == 0, result.output  # stopped (q) at the second strand
    assert (
        "School name: \u200b\u2060\n  This is needed (`\\u200b\\u2060` holds only characters "
        "that print as nothing).\nSchool name: Asked School\n"
    ) in result.output
    review = load_assessment(out, becta)
    assert (review.school.id, review.school.name) == ("100002", "Asked School")
    assert (review.school.authority, review.assessor) == (None, None)
    assert review.level("1a1") == 4
    assert review.judgements["1a1"].evidence is None
    assert list(review.judgements) == ["1a1"]
    assert "\u200b" not in out.read_text("utf-8")


def test_evidence_of_nothing_to_see_is_not_why_a_strand_does_not_apply(
    tmp_path: Path, becta: Framework
) -> None:
    """Asked again, as for no evidence, until something is said."""
    out = tmp_path / "review.yaml"
    header = ["--school-id", "1", "--school-name", "S", "--date", "2026-11-01"]
    answers = ["n", "\u200b", "\u0301 ", "Not taught here", "q"]
    result = assess("becta-srf", "-o", str(out), *header, answers=answers)
    assert result.exit_code == 0, result.output
    assert result.output.count("Evidence is required for a strand that does not apply.") == 2
    review = load_assessment(out, becta)
    judgement = review.judgements["1a1"]
    assert (judgement.applicable, judgement.evidence) == (False, "Not taught here")
    assert list(review.judgements) == ["1a1"]
