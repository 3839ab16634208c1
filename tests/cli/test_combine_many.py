"""`combine` over many respondents' groups (SPEC section 9): what it says on standard error
names twelve groups, or strands, and counts the rest.

A survey tool's export that put each respondent's own id in `respondent.group` makes a
thousand groups of one: each is left out of the levels (fewer than `--min-group`), and
before round 57 `combine` named every one of them, with every strand left to judge, in one
line of 40 KB. Each strand's evidence in the draft names twelve groups left out, and counts
the rest and their answers (round 58: it named every one).
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from selfreview_core import load_assessment
from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
TEACHERS = ROOT / "examples" / "respondents" / "teachers.jsonl"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _responses(path: Path, groups: list[str]) -> Path:
    first = json.loads(TEACHERS.read_text(encoding="utf-8").splitlines()[0])
    lines = [json.dumps({**first, "respondent": {"group": group}}) for group in groups]
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def test_a_thousand_groups_of_one_are_named_twelve_and_counted(tmp_path: Path) -> None:
    groups = [f"r{n:04d}" for n in range(1000)]
    given = _responses(tmp_path / "export.jsonl", groups)
    draft = tmp_path / "draft.yaml"
    result = run("combine", given, "-o", draft)
    assert result.exit_code == 0
    left, judge = result.stderr.splitlines()[1:3]
    named = "; ".join(f"{g} on every strand it answered (12)" for g in groups[:12])
    assert left == (
        "Left out of the levels where fewer than 5 of a group answered a strand (each "
        f"strand's evidence names them): {named}; and 988 more groups."
    )
    assert judge == (
        "12 strands with no group of 5 or more answers, left for you to judge: 1a1, 1a2, "
        "1b1, 1b2, 1b3, 1b4, 1b5, 1b6, 1c1, 1c2, 1c3, 1c4."
    )
    assert load_assessment(draft).judgements == {}


def test_each_strands_evidence_names_twelve_groups_left_out_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    """Before round 58 it named every one: 500 groups of one made a draft of 54 KB."""
    groups = ["teachers"] * 5 + [f"r{n:04d}" for n in range(1000)]
    given = _responses(tmp_path / "export.jsonl", groups)
    draft = tmp_path / "draft.yaml"
    result = run("combine", given, "-o", draft)
    assert result.exit_code == 0
    (left,) = [line for line in result.stderr.splitlines() if line.startswith("Left out")]
    assert left.endswith("; and 988 more groups.")
    judgements = load_assessment(draft).judgements
    assert len(judgements) == 12
    named = ", ".join(f"r{n:04d} 1" for n in range(12))
    for judgement in judgements.values():
        assert judgement.evidence == (
            f"Draft from the responses: median {judgement.level} of 5 answers. teachers: 5 "
            f"answered, median {judgement.level}. Not counted (fewer than 5 answered, so no "
            f"level is shown): {named}, and 988 more groups (988 answers). Confirm or change "
            "the level, and write the evidence for it."
        )
    assert draft.stat().st_size < 8_000


def test_up_to_twelve_groups_left_out_are_named_in_the_evidence_with_no_count(
    tmp_path: Path,
) -> None:
    groups = ["teachers"] * 5 + [f"r{n:02d}" for n in range(12)]
    draft = tmp_path / "draft.yaml"
    assert run("combine", _responses(tmp_path / "export.jsonl", groups), "-o", draft).exit_code == 0
    evidence = load_assessment(draft).judgements["1a1"].evidence or ""
    named = ", ".join(f"r{n:02d} 1" for n in range(12))
    assert f"so no level is shown): {named}. Confirm" in evidence


def test_up_to_twelve_are_named_with_no_count(tmp_path: Path) -> None:
    groups = [f"r{n:02d}" for n in range(12)]
    result = run("combine", _responses(tmp_path / "export.jsonl", groups), "-o", "-")
    assert result.exit_code == 0
    left = result.stderr.splitlines()[1]
    assert left.endswith("r11 on every strand it answered (12).")
    assert "more groups" not in left


def test_voices_heading_names_twelve_groups_and_counts_the_rest(tmp_path: Path) -> None:
    """`voices` (its table) and `report --voices` (Markdown) say who answered in one
    heading: before round 59 it named all thousand groups of one in a line of 12 KB. JSON
    keeps every group."""
    groups = [f"r{n:04d}" for n in range(1000)]
    given = _responses(tmp_path / "export.jsonl", groups)
    before = given.read_bytes()
    named = ", ".join(f"{g} 1" for g in groups[:12])
    heading = (
        f"Example Primary School (100000): 1000 responses to becta-srf@2010 ({named}, and "
        "988 more groups). A group shows levels on a strand only where at least 5 of it "
        "answered; otherwise its count alone."
    )
    table = run("voices", given, "--format", "table")
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0] == heading
    own = ROOT / "examples" / "example-primary-2026.yaml"
    markdown = run("report", own, "--voices", given, "--format", "markdown")
    assert markdown.exit_code == 0, markdown.output
    assert heading in markdown.stdout.splitlines()
    data = json.loads(run("voices", given, "--format", "json").stdout)
    assert len(data["groups"]) == 1000
    assert given.read_bytes() == before
