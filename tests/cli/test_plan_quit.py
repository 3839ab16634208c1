"""`plan -i`'s way out other than Ctrl-C (round 60).

"Add it to the plan?" took yes or no only: a user with 32 recommendations and no wish to
read them all had Ctrl-C (exit 1, as for an interruption). Now `q` or `quit` there stops
the questions as Ctrl-C does, keeping every action accepted and writing them, and the
command ends with 0: the user chose it. `--help` says so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import load_plan
from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "examples" / "example-primary-2025.yaml"
FIRST = "y\nMrs Head\n2026-03-31\n"


def _run(output: Path, answers: str) -> Result:
    args = ["plan", str(REVIEW), "-o", str(output), "--priority", "high", "-i"]
    return CliRunner().invoke(cli, args, input=answers, catch_exceptions=False)


@pytest.mark.parametrize("typed", ["q", "quit", " Q "])
def test_q_keeps_what_was_accepted_writes_it_and_exits_0(tmp_path: Path, typed: str) -> None:
    output = tmp_path / "plan.yaml"
    result = _run(output, f"{FIRST}{typed}\ny\n")
    assert result.exit_code == 0, result.output
    [action] = load_plan(output).actions
    assert (action.owner, action.due) == ("Mrs Head", dt.date(2026, 3, 31))
    assert result.stdout.count("Add it to the plan? [Y/n/q]") == 2  # not asked again
    assert result.stdout.endswith(
        f"Wrote {output}: 1 action(s) from 32 recommendation(s), high priority.\n"
    )
    note = " ".join(result.stderr.split())
    assert note == (
        "Stopped at 2 of 5: the 1 action(s) accepted are kept; run the same command again to "
        "be asked about the rest."
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def test_q_at_the_first_question_writes_nothing_and_exits_0(tmp_path: Path) -> None:
    output = tmp_path / "plan.yaml"
    result = _run(output, "q\n")
    assert result.exit_code == 0, result.output
    assert result.stderr == "Stopped before anything was written.\n"
    assert list(tmp_path.iterdir()) == []


def test_another_answer_is_asked_again_saying_what_is_taken(tmp_path: Path) -> None:
    output = tmp_path / "plan.yaml"
    result = _run(output, "maybe\n" + "n\n" * 5)
    assert result.exit_code == 0, result.output
    assert result.stderr == "  answer y, n, or q to stop (keeping the actions accepted)\n"
    assert result.stdout.count("Add it to the plan? [Y/n/q]") == 6
    assert load_plan(output).actions == ()


def test_help_says_q_stops() -> None:
    result = CliRunner().invoke(cli, ["plan", "--help"], terminal_width=200)
    assert result.exit_code == 0
    words = " ".join(result.output.split())
    assert (
        "q (or quit) at 'Add it to the plan?', or at an owner or due date, stops, keeping the "
        "actions accepted" in words
    )


@pytest.mark.parametrize("typed", ["q", "quit", " Quit "])
@pytest.mark.parametrize("at", ["owner", "due date"])
def test_q_at_an_owner_or_due_date_keeps_the_action_with_the_defaults_and_exits_0(
    tmp_path: Path, typed: str, at: str
) -> None:
    """Round 61: `q` at "Owner" was taken as the owner's name (the plan written with
    `owner: q`, and the next recommendation asked), and at "Due date" as "not a date",
    asked again. It now stops there as Ctrl-C does: the action accepted is kept, with
    what was typed before it and the default answers (`--owner`, `--due`) for the rest,
    the note saying what was not asked, exit 0."""
    output = tmp_path / "plan.yaml"
    args = ["plan", str(REVIEW), "-o", str(output), "--priority", "high", "-i"]
    args += ["--owner", "ICT lead", "--due", "2026-06-30"]
    answers = f"{FIRST}y\n{typed}\n" if at == "owner" else f"{FIRST}y\nMrs Head\n{typed}\n"
    result = CliRunner().invoke(cli, args, input=answers + "y\n" * 5, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert [(a.owner, a.due) for a in load_plan(output).actions] == [
        ("Mrs Head", dt.date(2026, 3, 31)),
        ("ICT lead" if at == "owner" else "Mrs Head", dt.date(2026, 6, 30)),
    ]
    assert result.stdout.count("Add it to the plan? [Y/n/q]") == 2  # not asked again
    assert result.stdout.endswith(
        f"Wrote {output}: 2 action(s) from 32 recommendation(s), high priority.\n"
    )
    unasked = (
        "owner and due date: edit the plan to give them"
        if at == "owner"
        else ("due date: edit the plan to give it")
    )
    assert " ".join(result.stderr.split()) == (
        f"Stopped at 2 of 5: the 2 action(s) accepted are kept (the last stopped at its "
        f"{unasked}); run the same command again to be asked about the rest."
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def test_q_at_the_first_owner_keeps_that_action_and_exits_0(tmp_path: Path) -> None:
    """Nothing accepted before it: the action being asked about is kept all the same, as
    Ctrl-C there keeps it (only `q` at "Add it to the plan?" of the first writes nothing)."""
    output = tmp_path / "plan.yaml"
    result = _run(output, "y\nq\n" + "y\n" * 5)
    assert result.exit_code == 0, result.output
    [action] = load_plan(output).actions
    assert (action.owner, action.due) == (None, None)
    assert "Stopped at 1 of 5: the 1 action(s) accepted are kept" in " ".join(result.stderr.split())


@pytest.mark.parametrize(
    ("answers", "code", "asked"),
    [
        (f"{FIRST}q\n", 0, "Add it to the plan? [Y/n/q]: q\n"),  # the typed q ends its line
        (FIRST, 1, "Add it to the plan? [Y/n/q]: \n"),  # Ctrl-C, or the input's end: ended
    ],
    ids=["q", "end of input"],
)
def test_the_question_stopped_at_ends_its_line_once(
    tmp_path: Path, answers: str, code: int, asked: str
) -> None:
    """Stopped at a question, its line is ended once before what follows: by the `q`
    typed (no blank line after it), or, where nothing ended it (Ctrl-C, the input's end),
    by the command (round-65 pass)."""
    output = tmp_path / "plan.yaml"
    result = _run(output, answers)
    assert result.exit_code == code, result.output
    assert result.stdout.endswith(
        f"{asked}Wrote {output}: 1 action(s) from 32 recommendation(s), high priority.\n"
    )


@pytest.mark.parametrize("typed", ["\u200b", " \ufeff\u2060 ", "\u0301"])
def test_an_owner_typed_of_what_prints_as_nothing_is_no_owner(tmp_path: Path, typed: str) -> None:
    """As a blank one is, and as `assess` reads its optional text (round 72): it was
    written as the owner, a name no one sees."""
    output = tmp_path / "plan.yaml"
    result = _run(output, f"y\n{typed}\n2026-03-31\nq\n")
    assert result.exit_code == 0, result.output
    [action] = load_plan(output).actions
    assert (action.owner, action.due) == (None, dt.date(2026, 3, 31))
    assert "owner" not in output.read_text("utf-8").split("actions:")[1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]
