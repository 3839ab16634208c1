"""What `selfreview assess` shows of a strand (`session_view.py`), pinned where round 42
found it wrong or unheld."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[1]
FRAMEWORK = str(ROOT / "examples" / "questions" / "technology-standards.yaml")
HEADER = ["--school-id", "S-1", "--school-name", "Piped Setting", "--date", "2026-11-01"]


def assess(out: Path, answers: list[str], *more: str) -> Result:
    text = "".join(f"{a}\n" for a in answers)
    args = ["assess", FRAMEWORK, "-o", str(out), *HEADER, *more]
    return CliRunner().invoke(cli, args, input=text, catch_exceptions=False)


def test_revisiting_says_a_strand_is_not_applicable_or_judged_by_its_answers_never_none(
    tmp_path: Path,
) -> None:
    """`assess --all` showed "Currently judged at level None." above a strand judged by its
    answers or not applicable (round 42's bug): it says which, and the level answers lead
    to."""
    out = tmp_path / "setting.yaml"
    assert assess(out, ["yes", "3", "2", "", "q"]).exit_code == 0  # L-G-1: 1.75, level 1
    again = assess(out, ["q"], "--all")
    assert again.exit_code == 0, again.output
    assert "  Currently judged by its answers, at level 1.\n" in again.output
    assert "None" not in again.output
    out = tmp_path / "not-applicable.yaml"
    assert assess(out, ["n", "One building only", "q"]).exit_code == 0
    again = assess(out, ["q"], "--all")
    assert "  Currently not applicable.\n" in again.output
    assert "None" not in again.output
