"""`selfreview assess`: the self-review, driven by piped input as scripts and tests do."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import Framework, load_assessment, load_framework
from selfreview_core.cli import cli
from selfreview_core.session import Header, Session


def assess(*args: str, answers: list[str]) -> Result:
    text = "".join(f"{a}\n" for a in answers)
    return CliRunner().invoke(cli, ["assess", *args], input=text, catch_exceptions=False)


HEADER = ["--school-id", "100001", "--school-name", "Piped School", "--date", "2026-11-01"]


def test_a_full_run_judges_every_strand_and_writes_a_valid_file(
    tmp_path: Path, becta: Framework
) -> None:
    out = tmp_path / "review.yaml"
    answers = []
    for level in (3, 4, 4, 3, 5, 3, 4, 2, 3, 2, 3, 3):
        answers += [str(level), f"evidence for level {level}"]
    result = assess("becta-srf", "-o", str(out), *HEADER, answers=answers)
    assert result.exit_code == 0, result.output
    assert f"Saved {out}: 12 of 12 strands judged." in result.output
    review = load_assessment(out, becta)
    assert (review.school.id, review.school.name) == ("100001", "Piped School")
    assert review.assessed_on == dt.date(2026, 11, 1)
    assert review.level("1b1") == 4
    assert review.judgements["1b1"].evidence == "evidence for level 4"
    assert review.judgements["1b1"].judged_on == dt.date(2026, 11, 1)
    assert list(review.judgements) == list(becta.strand_ids)


def test_descriptors_are_shown_worst_first_with_the_strand_title(tmp_path: Path) -> None:
    result = assess("becta-srf", "-o", str(tmp_path / "r.yaml"), *HEADER, answers=["q"])
    text = result.output
    assert "Strand 1a1 (1 of 12): The vision" in text
    worst = text.index("  5 (worst)")
    best = text.index("  1 (best)")
    assert worst < text.index("The school's overall vision takes no account of ICT.") < best


def test_a_resumed_run_asks_only_what_is_not_yet_judged(tmp_path: Path, becta: Framework) -> None:
    out = tmp_path / "review.yaml"
    first = assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "", "", "3", "ok", "q"])
    assert first.exit_code == 0
    assert list(load_assessment(out, becta).judgements) == ["1a1", "1b1"]
    second = assess("becta-srf", "-o", str(out), answers=["2", "", "q"])
    assert "Continuing the review of Piped School (100001)" in second.output
    assert "Strand 1a2 (1 of 10)" in second.output, "1a1 and 1b1 are not asked again"
    review = load_assessment(out, becta)
    assert (review.level("1a1"), review.level("1a2"), review.level("1b1")) == (4, 2, 3)


def test_all_revisits_judged_strands_keeping_what_is_not_changed(
    tmp_path: Path, becta: Framework
) -> None:
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "first evidence", "q"])
    # At 1a1, Enter twice keeps the current level and evidence; then judge 1a2.
    result = assess("becta-srf", "-o", str(out), "--all", answers=["", "", "3", "new", "q"])
    assert "Strand 1a1 (1 of 12)" in result.output
    assert "Currently judged at level 4." in result.output
    review = load_assessment(out, becta)
    assert (review.level("1a1"), review.judgements["1a1"].evidence) == (4, "first evidence")
    assert (review.level("1a2"), review.judgements["1a2"].evidence) == (3, "new")


def test_enter_accepts_the_current_level_when_revisiting(tmp_path: Path, becta: Framework) -> None:
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "first evidence", "q"])
    session = Session(becta, out, ask=lambda prompt, default: default, say=lambda text: None)
    review = session.run(load_assessment(out, becta), revisit=True)
    assert review.level("1a1") == 4
    assert review.judgements["1a1"].evidence == "first evidence"


def test_a_bad_answer_is_asked_again(tmp_path: Path, becta: Framework) -> None:
    out = tmp_path / "review.yaml"
    result = assess("becta-srf", "-o", str(out), *HEADER, answers=["6", "three", "3", "", "q"])
    assert result.output.count("Please give a level from 1 (best) .. 5 (worst)") == 2
    assert load_assessment(out, becta).level("1a1") == 3


def test_an_aborted_run_keeps_every_answer_given(tmp_path: Path, becta: Framework) -> None:
    """Input ends (as with Ctrl-C or a lost terminal) after two strands and half a third."""
    out = tmp_path / "review.yaml"
    result = assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "a", "5", "b", "3"])
    assert result.exit_code == 1
    assert "Stopped. Your answers so far are in" in result.output
    review = load_assessment(out, becta)
    assert [(s, j.level, j.evidence) for s, j in review.judgements.items()] == [
        ("1a1", 4, "a"),
        ("1a2", 5, "b"),
        ("1b1", 3, None),
    ], "the level typed before the evidence prompt is kept"


def test_an_aborted_first_prompt_leaves_an_existing_file_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "", "q"])
    out.write_bytes(out.read_bytes() + b"# a note of my own\n")
    before = out.read_bytes()
    result = assess("becta-srf", "-o", str(out), answers=[])
    assert result.exit_code == 1
    assert out.read_bytes() == before


def test_an_aborted_header_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "review.yaml"
    result = assess("becta-srf", "-o", str(out), answers=["100001"])
    assert result.exit_code == 1
    assert "Stopped before anything was written." in result.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_the_header_is_asked_for_when_not_given(tmp_path: Path, becta: Framework) -> None:
    out = tmp_path / "review.yaml"
    answers = ["", "100002", "Asked School", "Example LEA", "Head", "q"]
    result = assess("becta-srf", "-o", str(out), answers=answers)
    assert "This is needed." in result.output
    review = load_assessment(out, becta)
    assert (review.school.id, review.school.name, review.school.authority, review.assessor) == (
        "100002",
        "Asked School",
        "Example LEA",
        "Head",
    )
    assert review.judgements == {}


def test_any_scale_direction(tmp_path: Path, small_framework: Framework) -> None:
    session_file = tmp_path / "small.yaml"
    answers = iter(["S1", "Small School", "", "", "3", "", "0", "", "q"])
    session = Session(
        small_framework, session_file, ask=lambda p, d: next(answers), say=lambda t: None
    )
    review = session.run(session.start(Header()))
    assert {s: j.level for s, j in review.judgements.items()} == {"A1.1": 3, "A1.2": 0}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (
            "kind: assessment\nframework: other\nschool: {id: '1', name: S}\n"
            "assessed_on: 2026-01-01\njudgements: {}\n",
            "assessment is of `other`",
        ),
        ("kind: assessment\nframework: becta-srf\n", "missing required key `school`"),
    ],
)
def test_an_existing_file_that_does_not_fit_is_an_error(
    tmp_path: Path, content: str, words: str
) -> None:
    out = tmp_path / "review.yaml"
    out.write_text(content)
    result = assess("becta-srf", "-o", str(out), answers=["3"])
    assert result.exit_code == 1
    assert words in result.output
    assert "Traceback" not in result.output
    assert out.read_text() == content


def test_strands_left_by_a_migration_show_why_and_offer_the_carried_evidence(
    tmp_path: Path,
) -> None:
    """After `selfreview migrate`, a split or merged strand is asked first with its note and
    carried evidence (Enter keeps it); once judged it is no longer awaiting review."""
    examples = Path(__file__).resolve().parents[1] / "examples" / "migration"
    version_2 = examples / "example-srf-2.yaml"
    migrated = tmp_path / "v2.yaml"
    result = CliRunner().invoke(
        cli,
        ["migrate", str(examples / "example-school-v1.yaml"), "--to", "example-srf@2",
         "--migration", str(examples / "example-srf-1-to-2.yaml"),
         "--framework", str(examples / "example-srf-1.yaml"), "--framework", str(version_2),
         "-o", str(migrated)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    # 1b1 (split): level 3, keep the carried evidence; 1b2: skip; then stop.
    result = assess(str(version_2), "-o", str(migrated), answers=["3", "", "", "q"])
    assert result.exit_code == 0, result.output
    assert "To judge afresh (split): `1b1` (level 2) of example-srf@1 was split" in result.output
    assert "Evidence carried over: Equipment list for the next two years" in result.output
    framework = load_framework(version_2)
    review = load_assessment(migrated, framework)
    assert review.level("1b1") == 3
    assert review.judgements["1b1"].evidence == (
        "Equipment list for the next two years; nothing yet on teaching."
    )
    assert review.review is not None
    assert "1b1" not in review.review
    assert set(review.awaiting_review) == {"1b2", "2a1"}
