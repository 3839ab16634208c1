"""The terminal report (`report --format table`, what `selfreview report` prints) as the
mutation pass over `exporters/table.py` (round 40) found no test holding it."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from program import selfreview_here
from selfreview_core import Engine, load_assessment
from selfreview_core.exporters.table import report_text
from selfreview_core.model.problem import Problem

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
AWARDS = EXAMPLES / "awards"
UNCHANGED = ROOT / "tests" / "data" / "unchanged"
NEW = EXAMPLES / "example-primary-2026.yaml"
PRIMARY = [NEW, "--previous", EXAMPLES / "example-primary-2025.yaml"]
REVIEW = AWARDS / "example-school.yaml"
SCHOOL = [REVIEW, "--framework", AWARDS / "illustrative-award-framework.yaml"]


def table(*args: object) -> str:
    """`selfreview report ARGS --format table` into a pipe (tables at 100 characters,
    headings and rows on one line), as a script reads it (in this process)."""
    env = {"COLUMNS": None, "LINES": None}
    done = selfreview_here(["report", *map(str, args), "--format", "table"], env=env)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode("utf-8")


def test_the_table_reports_of_the_examples_are_unchanged_byte_for_byte() -> None:
    """Who and when, the levels and how many strands are judged, the change since the
    previous review, the profile with the previous level and the change in the scale's
    words, the awards and what each misses, and each recommendation explained."""
    for name, args in {
        "example-primary-2026.table.txt": PRIMARY,
        "example-school-awards.table.txt": SCHOOL,
    }.items():
        assert table(*args) == (UNCHANGED / name).read_text(encoding="utf-8"), name


def test_a_strand_not_applicable_is_counted_apart_and_named_under_its_award(
    tmp_path: Path,
) -> None:
    data = yaml.safe_load(REVIEW.read_text(encoding="utf-8"))
    data["judgements"]["1b1"] = {"applicable": False, "evidence": "No pupils online yet."}
    review = tmp_path / "review.yaml"
    review.write_text(yaml.safe_dump(data), encoding="utf-8")
    lines = table(review, *SCHOOL[1:]).splitlines()
    assert lines[2] == (
        "Levels 3 (best) .. 0 (worst). 4 of 5 strands judged, 1 not applicable; "
        "overall level 2 Established (median)."
    )
    assert "  Not applicable: 1b1 is not applicable: No pupils online yet." in lines


def test_the_plugins_problems_end_the_report_one_escaped_line_each() -> None:
    engine = Engine(entry_points=False)
    report = engine.report(load_assessment(NEW, engine.framework_names()))
    problems = (
        Problem(source="plugin lea", message="said\nok: forged \x1b[2J"),
        Problem(source="plugin two", message="slow", severity="warning"),
    )
    text = report_text(report.model_copy(update={"problems": problems}), width=100)
    assert text.endswith(
        "\n\nProblems (2)\n"
        "  error: plugin lea: said\\nok: forged \\x1b[2J\n"
        "  warning: plugin two: slow\n"
    )
    assert "Problems" not in report_text(report, width=100)


def test_advice_two_rule_packs_give_credits_both(tmp_path: Path) -> None:
    packs: list[object] = []
    for name in ("pack-a", "pack-b"):
        rule = {"id": "same", "when": {"strand": "1a1", "below": 1}}
        rule["recommend"] = {"title": "Same advice", "action": "Do it"}
        pack = {"kind": "rules", "id": name, "framework": "becta-srf", "rules": [rule]}
        (tmp_path / f"{name}.json").write_text(json.dumps(pack), encoding="ascii")
        packs += ["--rules", tmp_path / f"{name}.json"]
    lines = table(NEW, *packs).splitlines()
    start = next(n for n, line in enumerate(lines) if "] Same advice (1a1)" in line)
    assert lines[start + 1 : start + 5] == [
        "   For: senior leadership",
        "   Do it",
        "   Why: 1a1 is not yet at level 1 (it is at 3)",
        "   From: pack-a, pack-b",
    ]
