"""`assess` stopped inside several lines of evidence, or among a strand's questions (`q`,
Ctrl-C, or the end of the input: Ctrl-D, a script's last line), keeps what was typed (SPEC
section 7: `assess` never loses an answer already given).

Before round 57 a level's evidence typed between two `\"\"\"` lines was lost whole when the
session stopped before the closing line: the level was saved, the lines were not, and the
message said "Your answers so far are in FILE". A strand not applicable, whose reason is
required, lost its answer too, reason and all; and the answers given to a strand's first
questions were lost when the session stopped at a later one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from selfreview_core import Framework, load_assessment
from selfreview_core.cli import cli
from selfreview_core.session.review import Header, Session
from started import started

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "examples" / "questions" / "technology-standards.yaml"
HEADER = ["--school-id", "100001", "--school-name", "Piped School", "--date", "2026-11-01"]
STOPPED = "Stopped. Your answers so far are in "


def assess(*args: str, answers: list[str]) -> Result:
    text = "".join(f"{a}\n" for a in answers)
    return CliRunner().invoke(cli, ["assess", *args], input=text, catch_exceptions=False)


def test_the_input_ending_inside_several_lines_keeps_them_with_the_level(
    tmp_path: Path, becta: Framework
) -> None:
    out = tmp_path / "review.yaml"
    result = assess(
        "becta-srf", "-o", str(out), *HEADER, answers=["3", '"""', "line one", "  line two"]
    )
    assert result.exit_code == 1
    assert f"{STOPPED}{out}; run the same command to go on." in result.stderr
    judgement = load_assessment(out, becta).judgements["1a1"]
    assert (judgement.level, judgement.evidence) == (3, "line one\n  line two")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.yaml"]


def test_stopping_at_the_first_line_of_the_block_keeps_the_evidence_before(
    tmp_path: Path, becta: Framework
) -> None:
    """No line typed: nothing to keep, and evidence given earlier stays as it was."""
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["3", "kept", "q"])
    before = out.read_bytes()
    result = assess("becta-srf", "-o", str(out), "--all", *HEADER[4:], answers=["", '"""'])
    assert result.exit_code == 1
    assert out.read_bytes() == before
    assert load_assessment(out, becta).judgements["1a1"].evidence == "kept"


def test_lines_typed_over_earlier_evidence_replace_it(tmp_path: Path, becta: Framework) -> None:
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["3", "old", "q"])
    result = assess("becta-srf", "-o", str(out), "--all", answers=["2", '"""', "new"])
    assert result.exit_code == 1
    judgement = load_assessment(out, becta).judgements["1a1"]
    assert (judgement.level, judgement.evidence) == (2, "new")


def test_a_strand_not_applicable_keeps_the_reason_typed_before_the_input_ended(
    tmp_path: Path,
) -> None:
    out = tmp_path / "setting.yaml"
    result = assess(str(QUESTIONS), "-o", str(out), *HEADER, answers=["n", '"""', "no ICT here"])
    assert result.exit_code == 1
    assert f"{STOPPED}{out}" in result.stderr
    framework = load_assessment(out)
    judgement = framework.judgements["L-G-1"]
    assert (judgement.applicable, judgement.evidence) == (False, "no ICT here")


@pytest.mark.parametrize("stop", [click.Abort, KeyboardInterrupt, EOFError])
def test_any_stop_inside_the_lines_keeps_them(
    tmp_path: Path, becta: Framework, stop: type[BaseException]
) -> None:
    """The library's session, asked by a program whose `ask` stops it however it does."""
    typed = iter(["4", '"""', "first", "", "second"])

    def ask(prompt: str, default: str) -> str:
        for answer in typed:
            return answer
        raise stop()

    out = tmp_path / "review.yaml"
    session = Session(becta, out, ask=ask, say=lambda text: None, today=dt.date(2026, 11, 1))
    assessment = started(session, Header("100001", "Piped School"))
    with pytest.raises(stop):
        session.run(assessment)
    judgement = load_assessment(out, becta).judgements["1a1"]
    assert (judgement.level, judgement.evidence) == (4, "first\n\nsecond")
    assert session.saved


# -- a strand's questions: the answers given before the stop --------------------------------


def _answers(path: Path, strand: str) -> dict[str, str]:
    return dict(load_assessment(path).judgements[strand].answers or {})


@pytest.mark.parametrize("stop", [["q"], []], ids=["q", "the input's end"])
def test_answers_given_to_a_strands_first_questions_are_kept_when_stopped(
    tmp_path: Path, stop: list[str]
) -> None:
    out = tmp_path / "setting.yaml"
    result = assess(str(QUESTIONS), "-o", str(out), *HEADER, answers=["2", *stop])
    assert result.exit_code == (0 if stop else 1)
    assert "The answers given to L-G-1 are kept; `--all` asks the rest." in result.output
    assert _answers(out, "L-G-1") == {"L-G-1-a": "yes"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["setting.yaml"]


def test_stopped_on_a_revisit_the_answers_not_reached_stay_as_they_were(tmp_path: Path) -> None:
    out = tmp_path / "setting.yaml"
    assess(str(QUESTIONS), "-o", str(out), *HEADER, answers=["2", "3", "", "", "q"])
    assert _answers(out, "L-G-1") == {"L-G-1-a": "yes", "L-G-1-b": "mostly"}
    # The first answer changed, then stopped at the second: the second is as it was.
    assess(str(QUESTIONS), "-o", str(out), "--all", *HEADER[4:], answers=["1", "q"])
    assert _answers(out, "L-G-1") == {"L-G-1-a": "no", "L-G-1-b": "mostly"}
    # Gone back to the first after answering the second anew: both kept as given.
    assess(str(QUESTIONS), "-o", str(out), "--all", *HEADER[4:], answers=["2", "4", "b", "q"])
    assert _answers(out, "L-G-1") == {"L-G-1-a": "yes", "L-G-1-b": "fully"}


def test_stopped_with_nothing_changed_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "setting.yaml"
    assess(str(QUESTIONS), "-o", str(out), *HEADER, answers=["2", "3", "", "", "q"])
    before = out.read_bytes()
    result = assess(str(QUESTIONS), "-o", str(out), "--all", *HEADER[4:], answers=["", "q"])
    assert "are kept" not in result.output
    assert out.read_bytes() == before
    result = assess(str(QUESTIONS), "-o", str(out), *HEADER[4:], answers=["q"])
    assert out.read_bytes() == before


def test_the_count_said_on_q_counts_the_strand_whose_answers_were_kept(tmp_path: Path) -> None:
    out = tmp_path / "setting.yaml"
    result = assess(str(QUESTIONS), "-o", str(out), *HEADER, answers=["2", "q"])
    assert result.exit_code == 0
    assert f"Saved {out}: 1 of 8 strands judged." in result.stdout


# q at the evidence prompt (round 72): it stopped nothing, and was saved as the evidence
# "q", the session going on to the next strand. It stops there, as at every other prompt of
# a strand, keeping the level given; inside several lines it is a line like any other.


@pytest.mark.parametrize("word", ["q", "Q", " quit "])
def test_q_at_the_evidence_prompt_stops_keeping_the_level_given(
    tmp_path: Path, becta: Framework, word: str
) -> None:
    out = tmp_path / "review.yaml"
    result = assess("becta-srf", "-o", str(out), *HEADER, answers=["3", word, "4", "more"])
    assert result.exit_code == 0, result.output
    assert f"Saved {out}: 1 of 12 strands judged." in result.stdout
    assert "(2 of 12)" not in result.output  # the next strand is not asked
    review = load_assessment(out, becta)
    assert list(review.judgements) == ["1a1"]
    assert (review.level("1a1"), review.judgements["1a1"].evidence) == (3, None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.yaml"]


def test_q_at_the_evidence_prompt_of_a_revisit_keeps_the_evidence_there(
    tmp_path: Path, becta: Framework
) -> None:
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["3", "seen in lessons", "4", "q"])
    result = assess("becta-srf", "-o", str(out), "--all", *HEADER[4:], answers=["2", "q"])
    assert result.exit_code == 0, result.output
    review = load_assessment(out, becta)
    assert (review.level("1a1"), review.judgements["1a1"].evidence) == (2, "seen in lessons")
    assert review.level("1a2") == 4  # not reached: as it was


def test_q_at_the_evidence_a_strand_not_applicable_needs_leaves_the_strand_as_it_was(
    tmp_path: Path, becta: Framework
) -> None:
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["3", "", "q"])
    before = out.read_bytes()
    result = assess("becta-srf", "-o", str(out), "--all", *HEADER[4:], answers=["n", "q"])
    assert result.exit_code == 0, result.output
    assert "Evidence is required" not in result.output
    assert out.read_bytes() == before  # still level 3, not "not applicable" with no reason


def test_q_among_several_lines_of_evidence_is_a_line_of_it(
    tmp_path: Path, becta: Framework
) -> None:
    out = tmp_path / "review.yaml"
    answers = ["3", '"""', "q", '"""', "q"]
    result = assess("becta-srf", "-o", str(out), *HEADER, answers=answers)
    assert result.exit_code == 0, result.output
    review = load_assessment(out, becta)
    assert review.judgements["1a1"].evidence == "q"
    assert list(review.judgements) == ["1a1"]  # the second q, at the level, stopped


@pytest.mark.parametrize(
    ("answers", "last"),
    [
        (["q"], "School id (e.g. its URN): q"),
        (["100001", "Q"], "School name: Q"),
        (["100001", "A School", "quit"], "Local authority (optional): quit"),
        (["100001", "A School", "", " q "], "Your name or role (optional):  q "),
    ],
)
def test_q_at_a_prompt_of_the_header_stops_before_anything_is_written(
    tmp_path: Path, answers: list[str], last: str
) -> None:
    """As `plan -i`'s q at its first question: exit 0, nothing written. Until round 73 it
    was the school's id, name, authority or assessor "q", saved with the file."""
    out = tmp_path / "review.yaml"
    result = assess("becta-srf", "-o", str(out), answers=answers)
    assert result.exit_code == 0, result.output
    assert result.stderr == "Stopped before anything was written.\n"
    assert result.stdout.splitlines()[-1] == last
    assert list(tmp_path.iterdir()) == []


def test_a_header_given_on_the_command_line_may_say_q(tmp_path: Path, becta: Framework) -> None:
    """Only q typed at a prompt stops: a school named "q" by an option is that school."""
    out = tmp_path / "review.yaml"
    result = assess(
        "becta-srf",
        "-o",
        str(out),
        "--school-id",
        "q",
        "--school-name",
        "q",
        answers=["3", "", "q"],
    )
    assert result.exit_code == 0, result.output
    school = load_assessment(out, becta).school
    assert (school.id, school.name) == ("q", "q")
