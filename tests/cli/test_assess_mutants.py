"""`selfreview assess`'s command line: where it says the answers are, on stopping and on
saving (a mutation pass over `cli/assess.py`, round 44, and trying it by hand)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli
from selfreview_core.errors import SessionNotSaved

HEADER = ["--school-id", "100001", "--school-name", "Piped School", "--date", "2026-11-01"]


def assess(*args: str, answers: list[str]) -> Result:
    text = "".join(f"{a}\n" for a in answers)
    return CliRunner().invoke(cli, ["assess", *args], input=text, catch_exceptions=False)


def test_the_file_the_answers_are_in_is_named_escaped_on_one_line_when_stopped(
    tmp_path: Path,
) -> None:
    """A name with an escape sequence and a newline: click drops the sequence where stderr
    is not a terminal (the user was told of a file `ab.yaml` there is not) and a terminal
    would obey it; the newline split the message."""
    out = tmp_path / "a\x1b[31m\nb.yaml"
    result = assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "a"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"\nStopped. Your answers so far are in {tmp_path}/a\\x1b[31m\\nb.yaml; run the same "
        "command to go on.\n"
    )
    assert out.exists()


def test_the_file_saved_is_named_escaped_on_one_line(tmp_path: Path) -> None:
    out = tmp_path / "a\x1b[31m\nb.yaml"
    answers = []
    for level in (3, 4, 4, 3, 5, 3, 4, 2, 3, 2, 3, 3):
        answers += [str(level), ""]
    result = assess("becta-srf", "-o", str(out), *HEADER, answers=answers)
    assert result.exit_code == 0, result.output
    said = f"\nSaved {tmp_path}/a\\x1b[31m\\nb.yaml: 12 of 12 strands judged.\n"
    assert result.stdout.endswith(said)
    assert out.exists()


def test_the_output_file_is_required(tmp_path: Path) -> None:
    result = assess("becta-srf", *HEADER, answers=["4", "a"])
    assert result.exit_code == 2
    assert "Error: Missing option '-o' / '--output'." in result.stderr
    assert result.stdout == ""


def test_stopping_at_once_on_a_file_begun_before_says_the_answers_are_in_it(
    tmp_path: Path,
) -> None:
    """Nothing saved this time, but the file holds the answers of the run before: they are
    there, not "Stopped before anything was written"."""
    out = tmp_path / "review.yaml"
    assert assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "", "q"]).exit_code == 0
    result = assess("becta-srf", "-o", str(out), answers=[])
    assert result.exit_code == 1
    assert result.stderr == (
        f"\nStopped. Your answers so far are in {out}; run the same command to go on.\n"
    )


def test_a_session_that_could_not_save_says_so_and_where_on_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def changed(*args: object, **kwargs: object) -> None:
        raise SessionNotSaved(
            "review.yaml was changed by another program",
            file="review.yaml",
            hint="Your answers are in beside.yaml",
            saved_as=None,
        )

    monkeypatch.setattr("selfreview_core.session.review.Session.run", changed)
    result = assess("becta-srf", "-o", str(tmp_path / "review.yaml"), *HEADER, answers=[])
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "\nreview.yaml was changed by another program\nYour answers are in beside.yaml\n"
    )
    assert "changed" not in result.stdout


def _evidence_prompt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: int, evidence: list[str]
) -> str:
    """The evidence prompt of strand 1a1 at a terminal `columns` wide, revisiting a file
    whose evidence there is `evidence` (lines, as typed)."""
    out = tmp_path / "review.yaml"
    out.unlink(missing_ok=True)
    first = assess("becta-srf", "-o", str(out), *HEADER, answers=["4", *evidence, "q"])
    assert first.exit_code == 0, first.output
    monkeypatch.setenv("COLUMNS", str(columns))
    again = assess("becta-srf", "-o", str(out), "--all", answers=["", "", "q"])
    [line] = [ln for ln in again.stdout.splitlines() if ln.startswith("Evidence (")]
    return line


PROMPT = 'Evidence (optional; """ for several lines)'


def test_evidence_carried_over_is_cut_to_fit_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = 80 - len(PROMPT) - 6
    line = _evidence_prompt(tmp_path, monkeypatch, 80, ["x" * 200])
    assert line == f"{PROMPT} [{'x' * (room - 1)}…]: "
    assert len(line) == 79
    whole = _evidence_prompt(tmp_path, monkeypatch, 80, ["y" * room])
    assert whole == f"{PROMPT} [{'y' * room}]: "


def test_evidence_carried_over_keeps_twelve_characters_on_a_narrow_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = _evidence_prompt(tmp_path, monkeypatch, 40, ["x" * 50])
    assert line == f"{PROMPT} [{'x' * 11}…]: "


def test_evidence_of_several_lines_is_shown_on_the_prompt_s_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = _evidence_prompt(tmp_path, monkeypatch, 80, ['"""', "a", "b", '"""'])
    assert line == f"{PROMPT} [a\\nb]: "
