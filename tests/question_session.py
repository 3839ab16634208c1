"""`selfreview assess` on the bundled question framework, answered from piped text.

Shared by the tests of the question session (its prompts, its screens and their mutants), so
that the command line they drive is written once."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[1]
FRAMEWORK = str(ROOT / "examples" / "questions" / "technology-standards.yaml")
HEADER = ["--school-id", "S-1", "--school-name", "Piped Setting", "--date", "2026-11-01"]


def assess(out: Path, answers: list[str], *more: str) -> Result:
    """Run `assess` writing `out`, one answer a line, with `more` options after the header."""
    text = "".join(f"{a}\n" for a in answers)
    args = ["assess", FRAMEWORK, "-o", str(out), *HEADER, *more]
    return CliRunner().invoke(cli, args, input=text, catch_exceptions=False)
