"""`selfreview plan`: making a plan, adding to an edited one, asking interactively, the
status view, and every usage error and bad file with its exit code."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core import PRIORITIES, load_plan
from selfreview_core._names import PRIORITIES as PRIORITY_NAMES
from selfreview_core.cli import cli
from selfreview_core.cli import plan as cli_plan_module
from test_outputs import snapshot

ROOT = Path(__file__).resolve().parents[2]
REVIEW_2025 = ROOT / "examples" / "example-primary-2025.yaml"
REVIEW_2026 = ROOT / "examples" / "example-primary-2026.yaml"
EXAMPLE_PLAN = ROOT / "examples" / "plan" / "example-primary-plan.yaml"
TODAY = dt.date(2026, 11, 23)


def run(*args: str | Path, input: str | None = None) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_plan_module, "_today", lambda: TODAY)


def recommendations(*args: str | Path) -> list[dict[str, object]]:
    """The report's recommendations, as `selfreview report --format json` gives them."""
    found: list[dict[str, object]] = json.loads(run("report", *args, "--format", "json").stdout)[
        "recommendations"
    ]
    return found


def test_priority_names_are_the_recommendation_priorities() -> None:
    assert PRIORITY_NAMES == PRIORITIES


# -- making a plan --------------------------------------------------------------------------


def test_a_plan_of_the_high_priority_recommendations(tmp_path: Path) -> None:
    output = tmp_path / "plan.yaml"
    result = run("plan", REVIEW_2025, "-o", output, "--priority", "high")
    assert result.exit_code == 0, result.output
    high = [r for r in recommendations(REVIEW_2025) if r["priority"] == "high"]
    assert high, "the installed plugins give high-priority recommendations"
    assert f"Wrote {output}: {len(high)} action(s)" in result.output
    plan = load_plan(output)
    assert [a.recommendation for a in plan.actions] == [r["id"] for r in high]
    assert all(a.status == "planned" and a.owner is None for a in plan.actions)
    assert plan.made_from is not None
    assert plan.made_from.assessed_on == dt.date(2025, 10, 6)
    assert plan.created_on == TODAY
    assert run("validate", output).exit_code == 0


def test_priority_medium_means_high_and_medium_and_the_default_is_all(tmp_path: Path) -> None:
    recs = recommendations(REVIEW_2025)
    for option, wanted in ((["--priority", "medium"], ("high", "medium")), ([], PRIORITIES)):
        output = tmp_path / f"plan-{len(option)}.yaml"
        assert run("plan", REVIEW_2025, "-o", output, *option).exit_code == 0
        assert [a.recommendation for a in load_plan(output).actions] == [
            r["id"] for r in recs if r["priority"] in wanted
        ]


def test_owner_and_due_go_to_every_new_action(tmp_path: Path) -> None:
    output = tmp_path / "plan.json"
    result = run(
        "plan", REVIEW_2025, "-o", output, "--priority", "high",
        "--owner", "ICT lead", "--due", "2026-07-17",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    plan = load_plan(output)
    assert {(a.owner, a.due) for a in plan.actions} == {("ICT lead", dt.date(2026, 7, 17))}
    assert json.loads(output.read_text())["kind"] == "plan"  # -o's extension says JSON


def test_the_example_plan_is_what_plan_makes_from_the_example_review(tmp_path: Path) -> None:
    """examples/plan/ was made with `--priority high` and then edited by hand; what the
    command makes is still what the example starts from."""
    output = tmp_path / "plan.yaml"
    assert run("plan", REVIEW_2025, "-o", output, "--priority", "high").exit_code == 0
    made, example = load_plan(output), load_plan(EXAMPLE_PLAN)

    def generated(plan: object) -> list[tuple[object, ...]]:
        return [
            (a.id, a.recommendation, a.title, a.targets, a.baseline)
            for a in plan.actions  # type: ignore[attr-defined]
        ]

    assert generated(made) == generated(example)
    assert (made.framework, made.school) == (example.framework, example.school)
    assert "made-up" in EXAMPLE_PLAN.read_text().split("kind:")[0]


def test_running_again_adds_only_new_recommendations_and_keeps_the_edits(
    tmp_path: Path,
) -> None:
    output = tmp_path / "plan.yaml"
    output.write_text(EXAMPLE_PLAN.read_text())
    before = output.read_text()
    result = run("plan", REVIEW_2025, "-o", output, "--priority", "medium")
    assert result.exit_code == 0, result.output
    medium = [r["id"] for r in recommendations(REVIEW_2025) if r["priority"] == "medium"]
    assert f"Added {len(medium)} action(s) to {output}:" in result.output
    assert all(f"  {rec_id}: " in result.output for rec_id in medium)
    after = output.read_text()
    assert after.startswith(before)  # every edit and comment of the school's, byte for byte
    assert [a.recommendation for a in load_plan(output).actions][5:] == medium

    again = run("plan", REVIEW_2025, "-o", output, "--priority", "medium")
    assert again.exit_code == 0
    assert "Nothing to add" in again.output
    assert output.read_text() == after


def test_a_later_review_adds_actions_with_their_own_baseline(tmp_path: Path) -> None:
    output = tmp_path / "plan.yaml"
    output.write_text(EXAMPLE_PLAN.read_text())
    result = run("plan", REVIEW_2026, "-o", output, "--previous", REVIEW_2025)
    assert result.exit_code == 0, result.output
    plan = load_plan(output)
    by_id = {a.id: a for a in plan.actions}
    assert by_id["next-step-1a2"].baseline == {"1a2": 4}  # 2026's level, not 2025's
    assert by_id["review-vision-include-ict"].baseline == {"1a2": 5}  # untouched


# -- interactive ----------------------------------------------------------------------------


def test_interactive_asks_for_each_recommendation(tmp_path: Path) -> None:
    output = tmp_path / "plan.yaml"
    answers = [
        "y", "Mrs Head", "2026-03-31",  # first: yes, with owner and date
        "n",  # second: no
        "", "", "not-a-date", "2026-13-01", "",  # third: yes by default; bad dates asked again
        "y", "", "2026-07-17",
        "n",
    ]  # fmt: skip
    result = run(
        "plan", REVIEW_2025, "-o", output, "--priority", "high", "-i",
        input="\n".join(answers) + "\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.count("Add it to the plan?") == 5
    assert "`not-a-date` is not a date: write it as YYYY-MM-DD" in result.output
    high = [r["id"] for r in recommendations(REVIEW_2025) if r["priority"] == "high"]
    plan = load_plan(output)
    assert [(a.recommendation, a.owner, a.due) for a in plan.actions] == [
        (high[0], "Mrs Head", dt.date(2026, 3, 31)),
        (high[2], None, None),
        (high[3], None, dt.date(2026, 7, 17)),
    ]


def test_owner_and_due_are_the_default_answers(tmp_path: Path) -> None:
    output = tmp_path / "plan.yaml"
    result = run(
        "plan", REVIEW_2025, "-o", output, "--priority", "high", "--interactive",
        "--owner", "ICT lead", "--due", "2026-06-30", input="\n" * 15,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert {(a.owner, a.due) for a in load_plan(output).actions} == {
        ("ICT lead", dt.date(2026, 6, 30))
    }


def test_stopping_at_the_first_question_writes_nothing(tmp_path: Path) -> None:
    output = tmp_path / "plan.yaml"
    result = run("plan", REVIEW_2025, "-o", output, "--priority", "high", "-i", input="")
    assert result.exit_code == 1
    assert "Stopped before anything was written." in result.output
    assert not output.exists()


FIRST = "y\nMrs Head\n2026-03-31\n"


@pytest.mark.parametrize(
    ("answers", "second", "unasked"),
    [
        ("", None, ""),  # at "Add it to the plan?": not accepted
        ("y\n", (None, None), "owner and due date"),
        ("y\nMr Deputy\n", ("Mr Deputy", None), "due date"),
        ("y\nMr Deputy\nnot-a-date\n", ("Mr Deputy", None), "due date"),  # asked again
    ],
    ids=["add-it", "owner", "due-date", "due-date-again"],
)
def test_the_input_ending_at_any_question_keeps_every_answer_given(
    answers: str, second: tuple[str | None, None] | None, unasked: str, tmp_path: Path
) -> None:
    """As `assess` keeps a level whose evidence is never typed: a recommendation accepted
    is kept when the input ends (or Ctrl-C comes) at its owner or due date, with what was
    typed. Before round 46 it was dropped, and when it was the first accepted nothing at
    all was written ("Stopped before anything was written")."""
    output = tmp_path / "plan.yaml"
    args = ("plan", REVIEW_2025, "-o", output, "--priority", "high", "-i")
    result = run(*args, input=FIRST + answers)
    assert result.exit_code == 1
    high = [r["id"] for r in recommendations(REVIEW_2025) if r["priority"] == "high"]
    kept: list[tuple[object, str | None, dt.date | None]] = [
        (high[0], "Mrs Head", dt.date(2026, 3, 31))
    ]
    if second is not None:
        kept.append((high[1], *second))
    plan = load_plan(output)
    assert [(a.recommendation, a.owner, a.due) for a in plan.actions] == kept
    assert result.stdout.endswith(
        f"Wrote {output}: {len(kept)} action(s) from 32 recommendation(s), high priority.\n"
    )
    note = " ".join(result.stderr.split())
    last = f" (the last stopped at its {unasked}: edit the plan to give " if unasked else ""
    assert f"Stopped at 2 of 5: the {len(kept)} action(s) accepted are kept{last}" in note
    assert ("give them)" in note, "give it)" in note) == (" and " in unasked, unasked == "due date")
    assert note.endswith("run the same command again to be asked about the rest.")
    again = run(*args, input="n\n" * 5)
    assert again.exit_code == 0, again.output
    assert again.stdout.count("Add it to the plan?") == 5 - len(kept)


@pytest.mark.parametrize("at", ["  Owner [ICT lead]", "  Due date (YYYY-MM-DD, - for none)"])
def test_ctrl_c_at_the_first_owner_or_due_date_keeps_the_action_with_the_defaults(
    at: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C at the owner (or due date) of the first recommendation accepted: before round
    46 nothing was written; now that action is, with `--owner` and `--due` for what was not
    asked, and the plan says so, exit 1."""
    import click

    asked = click.prompt

    def prompt(text: str, *args: Any, **kwargs: Any) -> Any:
        if text == at:
            raise KeyboardInterrupt
        return asked(text, *args, **kwargs)

    monkeypatch.setattr(click, "prompt", prompt)
    output = tmp_path / "plan.yaml"
    result = run(
        "plan", REVIEW_2025, "-o", output, "--priority", "high", "-i",
        "--owner", "ICT lead", "--due", "2026-06-30", input="y\nMrs Head\n",
    )  # fmt: skip
    assert result.exit_code == 1
    owner = "Mrs Head" if "Due" in at else "ICT lead"
    high = [r["id"] for r in recommendations(REVIEW_2025) if r["priority"] == "high"]
    plan = load_plan(output)
    assert [(a.recommendation, a.owner, a.due) for a in plan.actions] == [
        (high[0], owner, dt.date(2026, 6, 30))
    ]
    assert "Stopped at 1 of 5: the 1 action(s) accepted are kept" in " ".join(result.stderr.split())
    assert "Stopped before anything was written" not in result.stderr


# -- status ---------------------------------------------------------------------------------


def test_status_of_the_example_against_the_later_review() -> None:
    result = run("plan", "--status", EXAMPLE_PLAN, "--review", REVIEW_2026)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Example Primary School (100000): action plan for becta-srf@2010, against the " in out
    rows = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert "done" in rows["review-vision-include-ict"]
    assert "1a2: 5 → 4 improved" in rows["review-vision-include-ict"]
    assert "1b2: 4 → 3 improved" in rows["define-ict-strategy"]
    assert "2026-09-01 (overdue)" in rows["involve-slt"]
    assert "1b1: 4 → 4 unchanged" in rows["involve-slt"]
    assert "5 action(s): 1 planned, 1 doing, 2 done, 1 dropped; 1 overdue as of 2026-11-23." in out
    assert (
        "done actions, planned → 2026-10-05: 2 improved, 0 unchanged, 0 regressed, 0 not judged."
        in out
    )


def test_status_without_a_review_has_no_targets_column() -> None:
    result = run("plan", "--status", EXAMPLE_PLAN)
    assert result.exit_code == 0, result.output
    assert "targets" not in result.output
    assert "Targets of done actions" not in result.output
    assert "1 overdue as of 2026-11-23" in result.output


def test_as_of_sets_the_day_overdue_is_counted_from() -> None:
    result = run("plan", "--status", EXAMPLE_PLAN, "--as-of", "2027-08-01")
    assert result.exit_code == 0, result.output
    assert "2 overdue as of 2027-08-01" in result.output  # evaluate-ict-strategy is late too
    result = run("plan", "--status", EXAMPLE_PLAN, "--as-of", "2026-01-01")
    assert "0 overdue as of 2026-01-01" in result.output


def test_status_as_json() -> None:
    result = run("plan", "--status", EXAMPLE_PLAN, "--review", REVIEW_2026, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["overdue"] == ["involve-slt"]
    assert data["counts"] == {"planned": 1, "doing": 1, "done": 2, "dropped": 1}
    assert data["done_targets"] == {
        "improved": 2, "unchanged": 0, "regressed": 0, "not judged": 0
    }  # fmt: skip
    first = data["actions"][0]
    assert first["targets"] == [{"id": "1a2", "baseline": 5, "now": 4, "verdict": "improved"}]


def test_status_refuses_a_review_of_another_school(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(REVIEW_2026.read_text().replace('id: "100000"', 'id: "100001"'))
    result = run("plan", "--status", EXAMPLE_PLAN, "--review", other)
    assert result.exit_code == 1
    assert f"{other}:7:7: error: school.id: --review is of school 100001" in result.output


def test_status_refuses_a_review_older_than_the_plan(tmp_path: Path) -> None:
    result = run("plan", "--status", EXAMPLE_PLAN, "--review", REVIEW_2025)
    assert result.exit_code == 0  # the review the plan was made from: nothing has moved
    assert "0 improved, 2 unchanged" in result.output
    older = tmp_path / "older.yaml"
    older.write_text(
        REVIEW_2025.read_text().replace("assessed_on: 2025-10-06", "assessed_on: 2025-09-01")
    )
    result = run("plan", "--status", EXAMPLE_PLAN, "--review", older)
    assert result.exit_code == 1
    assert (
        f"{older}:10:14: error: assessed_on: --review is of 2025-09-01; the plan {EXAMPLE_PLAN} "
        "was made from a review of 2025-10-06"
    ) in result.output


# -- usage errors and bad files -------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ((REVIEW_2025,), "-o PLAN is required"),
        ((REVIEW_2025, "--status", EXAMPLE_PLAN), "not both"),
        ((), "give ASSESSMENT to make a plan (with -o PLAN), or --status PLAN"),
        ((REVIEW_2025, "-o", "x.yaml", "--review", REVIEW_2026), "--review: only with --status"),
        ((REVIEW_2025, "-o", "x.yaml", "--format", "json"), "--format: only with --status"),
        ((REVIEW_2025, "-o", "x.yaml", "--as-of", "2027-01-01"), "--as-of: only with --status"),
        (("--status", EXAMPLE_PLAN, "--priority", "high"), "--priority: only for making a plan"),
        (("--status", EXAMPLE_PLAN, "-o", "x.yaml", "-i"), "-o, --interactive: only for making"),
        ((REVIEW_2025, "-o", "x.yaml", "--priority", "urgent"), "'urgent' is not one of"),
        ((REVIEW_2025, "-o", "x.yaml", "--due", "31/01/2027"), "'31/01/2027' is not a date: write"),
    ],
    ids=[
        "no-output", "both", "neither", "review-when-making", "format-when-making", "as-of",
        "priority-with-status", "output-with-status", "bad-priority", "bad-due",
    ],
)  # fmt: skip
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str | Path, ...], words: str) -> None:
    result = CliRunner().invoke(cli, ["plan", *map(str, args)], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert not Path("x.yaml").exists()


BAD_PLANS = [
    ("status: doing", "status: doign", "actions[2].status: the text `doign` is not allowed",
     "(did you mean `doing`?)"),
    ("targets: [1b2]", "targets: [1b9]",
     "actions[3].targets[0]: `1b9` is not an element, aspect or strand of becta-srf@2010",
     "(did you mean `1b"),
    ("- id: define-ict-strategy", "- id: involve-slt",
     "actions[3].id: duplicate action id `involve-slt`: already used at actions[2], line",
     "(action ids must be unique in a plan)"),
    ("baseline: {1b6: 5}", "baseline: {1b6: 6}",
     "actions[4].baseline.1b6: level 6 is outside the scale 1 (best) .. 5 (worst)", ""),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "words", "hint"), BAD_PLANS, ids=lambda v: str(v)[:12])
def test_a_bad_plan_is_refused_with_file_line_and_message(
    tmp_path: Path, old: str, new: str, words: str, hint: str
) -> None:
    text = EXAMPLE_PLAN.read_text()
    assert old in text
    bad = tmp_path / "plan.yaml"
    bad.write_text(text.replace(old, new, 1))
    line = text[: text.index(old)].count("\n") + 1
    for args in (("plan", "--status", bad), ("validate", bad), ("plan", REVIEW_2025, "-o", bad)):
        result = run(*args)
        assert result.exit_code == 1, result.output
        located = f"{bad}:{line}:"
        error = next(ln for ln in result.output.splitlines() if ln.startswith(located))
        assert f"error: {words}" in error
        assert hint in error
    assert bad.read_text() == text.replace(old, new, 1)  # nothing written


def test_o_naming_a_file_that_is_not_a_plan_is_refused(tmp_path: Path) -> None:
    output = tmp_path / "review.yaml"
    output.write_text(REVIEW_2026.read_text())
    result = run("plan", REVIEW_2025, "-o", output)
    assert result.exit_code == 1
    assert "kind: expected a plan file, not an assessment" in result.output
    assert output.read_text() == REVIEW_2026.read_text()


def test_adding_a_review_of_another_school_is_refused(tmp_path: Path) -> None:
    output = tmp_path / "plan.yaml"
    output.write_text(EXAMPLE_PLAN.read_text())
    other = ROOT / "examples" / "cohort" / "primary-1-2025.yaml"
    result = run("plan", other, "-o", output)
    assert result.exit_code == 1
    assert (
        f"{output}:8:14: error: school.id: the plan is for school 100000 (Example Primary School)"
    ) in result.output
    assert output.read_text() == EXAMPLE_PLAN.read_text()


# -- files and start-up ---------------------------------------------------------------------


def test_the_plan_schema_accepts_the_example() -> None:
    schema = json.loads(run("schema", "plan").output)
    jsonschema.Draft202012Validator.check_schema(schema)
    document = json.loads(json.dumps(yaml.safe_load(EXAMPLE_PLAN.read_text()), default=str))
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    document["actions"][0]["status"] = "finished"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)


def test_validate_summarises_a_plan() -> None:
    result = run("validate", EXAMPLE_PLAN)
    assert result.exit_code == 0
    assert (
        "ok: plan for Example Primary School (100000) of becta-srf@2010: 5 actions "
        "(1 planned, 1 doing, 2 done, 1 dropped)" in result.output
    )


# -- outputs: never over an input -----------------------------------------------------------


@pytest.mark.parametrize("option", ["ASSESSMENT", "--previous", "--rules", "--framework"])
def test_o_naming_any_input_is_refused_before_anything_is_written(
    tmp_path: Path, option: str
) -> None:
    copies = {
        "ASSESSMENT": tmp_path / "review.yaml",
        "--previous": tmp_path / "previous.yaml",
        "--rules": tmp_path / "rules.yaml",
        "--framework": tmp_path / "framework.yaml",
    }
    copies["ASSESSMENT"].write_bytes(REVIEW_2026.read_bytes())
    copies["--previous"].write_bytes(REVIEW_2025.read_bytes())
    copies["--rules"].write_text(
        "kind: rules\nid: p\nframework: becta-srf\nrules:\n"
        "  - id: r\n    when: {strand: 1a1, below: 1}\n    recommend: {title: T, action: A}\n"
    )
    copies["--framework"].write_bytes((ROOT / "frameworks" / "becta-srf.yaml").read_bytes())
    before = snapshot(tmp_path)
    result = run(
        "plan", copies["ASSESSMENT"], "--previous", copies["--previous"],
        "--rules", copies["--rules"], "--framework", copies["--framework"],
        "-o", copies[option],
    )  # fmt: skip
    assert result.exit_code == 2
    assert f"Invalid value for -o: `{copies[option]}` is {option}" in result.output
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("output", "words"),
    [
        ("missing/plan.yaml", "does not exist"),
        ("plan.jsonl", "is a JSON Lines name"),
        ("-", "not on standard output"),
    ],
)
def test_a_plan_that_cannot_be_written_is_refused_before_any_question(
    tmp_path: Path, output: str, words: str
) -> None:
    target = output if output == "-" else tmp_path / output
    result = run("plan", REVIEW_2025, "-o", target, "-i", input="y\n" * 20)
    assert result.exit_code == 2
    assert words in result.output
    assert "Add it to the plan?" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_json_plan_is_written_as_json_and_added_to(tmp_path: Path) -> None:
    output = tmp_path / "plan.json"
    assert run("plan", REVIEW_2025, "-o", output, "--priority", "high").exit_code == 0
    first = json.loads(output.read_text(encoding="utf-8"))
    assert first["kind"] == "plan"
    assert run("plan", REVIEW_2025, "-o", output).exit_code == 0
    assert len(json.loads(output.read_text(encoding="utf-8"))["actions"]) > len(first["actions"])
