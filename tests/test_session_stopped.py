"""`assess` stopped inside several lines of evidence (Ctrl-C, or the end of the input:
Ctrl-D, a script's last line) keeps the lines typed (SPEC section 7: `assess` never loses
an answer already given).

Before round 57 a level's evidence typed between two `\"\"\"` lines was lost whole when the
session stopped before the closing line: the level was saved, the lines were not, and the
message said "Your answers so far are in FILE". A strand not applicable, whose reason is
required, lost its answer too, reason and all.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from selfreview_core import Framework, load_assessment
from selfreview_core.cli import cli
from selfreview_core.session import Header, Session

ROOT = Path(__file__).resolve().parents[1]
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
    assessment = session.start(Header("100001", "Piped School"))
    with pytest.raises(stop):
        session.run(assessment)
    judgement = load_assessment(out, becta).judgements["1a1"]
    assert (judgement.level, judgement.evidence) == (4, "first\n\nsecond")
    assert session.saved
