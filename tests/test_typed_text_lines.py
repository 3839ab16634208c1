"""Line and paragraph separators (U+2028, U+2029) and direction marks (U+200E, U+200F,
U+061C) in text a person types (round 70). An answer is typed on one line: a separator
(pasted from a word processor) is a line break to YAML 1.1, JavaScript, an editor and
Python's `splitlines`, so it is refused as a newline is, and asked for again. A direction
mark is kept (right-to-left text needs one around digits): the file holds it as typed,
JSON and CSV (data) raw, and every terminal view and message shows it escaped, never a
raw mark that turns the line around."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import load_assessment, load_framework
from selfreview_core.cli import cli
from selfreview_core.typed_text import text_problem

ROOT = Path(__file__).resolve().parents[1]
BECTA = load_framework(ROOT / "frameworks" / "becta-srf.yaml")
PLAN = ROOT / "examples" / "plan" / "example-primary-plan.yaml"
HEADER = ["--school-id", "100001", "--school-name", "Typed School", "--date", "2026-11-01"]


def run(*args: str, typed: str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=typed, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("char", ["\u2028", "\u2029"])
def test_a_separator_is_refused_as_a_line_break(char: str) -> None:
    assert text_problem(f"Deputy{char}head") == (
        f"line separators (here U+{ord(char):04X}) cannot be kept"
    )


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c"])
def test_a_direction_mark_is_kept(mark: str) -> None:
    assert text_problem(f"\u05d1\u05d9\u05ea {mark}12") is None


@pytest.mark.parametrize("option", ["--school-name", "--authority", "--assessor"])
def test_assess_refuses_a_separator_in_an_option_and_writes_nothing(
    tmp_path: Path, option: str
) -> None:
    out = tmp_path / "r.yaml"
    result = run("assess", "becta-srf", "-o", str(out), option, "a\u2028b")
    assert result.exit_code == 2
    assert (
        f"Error: Invalid value for {option}: line separators (here U+2028) cannot be kept\n"
        in result.stderr
    )
    assert "School id" not in result.output  # nothing asked
    assert list(tmp_path.iterdir()) == []


def test_evidence_typed_with_a_separator_is_asked_again_and_the_rest_kept(
    tmp_path: Path,
) -> None:
    out = tmp_path / "review.yaml"
    typed = ["4", "Agreed at SLT\u2029in March", "Agreed at SLT in March", "q"]
    result = run("assess", "becta-srf", "-o", str(out), *HEADER, typed="\n".join(typed) + "\n")
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())  # as the terminal's width wraps it
    assert "Line separators (here U+2029) cannot be kept; please type it again." in said
    judged = load_assessment(out, BECTA).judgements["1a1"]
    assert (judged.level, judged.evidence) == (4, "Agreed at SLT in March")
    assert "\u2029" not in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["review.yaml"]


def test_plan_refuses_an_owner_with_a_separator(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(PLAN.read_bytes())
    review = ROOT / "examples" / "example-primary-2025.yaml"
    result = run("plan", str(review), "-o", str(plan), "--owner", "ICT\u2028lead")
    assert result.exit_code == 2
    assert (
        "Error: Invalid value for --owner: line separators (here U+2028) cannot be kept\n"
        in result.stderr
    )
    assert plan.read_bytes() == PLAN.read_bytes()  # the plan it would add to: as it was


def test_a_mark_typed_is_kept_in_the_file_and_shown_escaped_in_every_view(
    tmp_path: Path,
) -> None:
    out = tmp_path / "review.yaml"
    name = "\u05d1\u05d9\u05ea \u05e1\u05e4\u05e8\u200f 12"  # a Hebrew name, then digits
    header = ["--school-id", "100001", "--school-name", name, "--date", "2026-11-01"]
    made = run("assess", "becta-srf", "-o", str(out), *header, typed="4\nfine\nq\n")
    assert made.exit_code == 0, made.output
    assert load_assessment(out, BECTA).school.name == name  # the file: as typed
    for form in ("table", "markdown", "html"):
        shown = run("report", str(out), "--format", form)
        assert shown.exit_code == 0, shown.output
        assert "\u200f" not in shown.stdout, form
        assert "\u05e1\u05e4\u05e8\\u200f 12" in shown.stdout, form
    data = run("report", str(out), "--format", "json")
    assert json.loads(data.stdout)["assessment"]["school"]["name"] == name
    rows = run("report", str(out), "--format", "csv")
    assert rows.exit_code == 0, rows.output
    assert "\\u200f" not in rows.stdout  # CSV is data: raw where it is written
