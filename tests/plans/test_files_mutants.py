"""`plans.files`: behaviour the project's mutation pass (round 34) found no test pinning down.

What `selfreview plan` says it wrote names the recommendations the plan was made from, and
the priority chosen, as the user asked for it. What `update_plan_file` returns cannot be
changed after the fact (round 47's pass found that unpinned).
"""

from __future__ import annotations

import dataclasses
import errno
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from selfreview_core import Engine, load_assessment, load_plan
from selfreview_core.cli import cli
from selfreview_core.plans.files import update_plan_file

ROOT = Path(__file__).resolve().parents[2]
REVIEW_2025 = ROOT / "examples" / "example-primary-2025.yaml"


@pytest.mark.parametrize(
    ("option", "said"),
    [
        (["--priority", "high"], "5 action(s) from 32 recommendation(s), high priority."),
        (
            ["--priority", "medium"],
            "20 action(s) from 32 recommendation(s), medium priority and above.",
        ),
        (["--priority", "low"], "32 action(s) from 32 recommendation(s)."),
        ([], "32 action(s) from 32 recommendation(s)."),
    ],
)
def test_a_new_plan_says_what_it_was_made_from_and_the_priority_chosen(
    tmp_path: Path, option: list[str], said: str
) -> None:
    """Every recommendation of the report is counted; `low` (everything) names no priority."""
    output = tmp_path / "plan.yaml"
    args = ["plan", str(REVIEW_2025), "-o", str(output), *option]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {output}: {said}\n"


def test_a_plan_file_name_with_a_newline_stays_on_the_line_that_names_it(
    tmp_path: Path,
) -> None:
    """Written, added to, or left as it is: each message names the file on one line, its
    newline shown escaped, so the lines after it are what `plan` says and nothing else."""
    output = tmp_path / "plan\nfor governors.yaml"
    shown_name = str(output).replace("\n", "\\n")

    def plan(priority: str) -> list[str]:
        args = ["plan", str(REVIEW_2025), "-o", str(output), "--priority", priority]
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output.splitlines()

    assert plan("high") == [
        f"Wrote {shown_name}: 5 action(s) from 32 recommendation(s), high priority."
    ]
    added = plan("medium")
    assert added[0] == f"Added 15 action(s) to {shown_name}:"
    assert len(added) == 16
    assert plan("medium") == [
        f"Nothing to add to {shown_name}: it has an action for each chosen recommendation."
    ]


def test_a_plan_that_can_be_saved_neither_over_nor_beside_another_says_why_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program makes PLAN while the plan is made, and the disk is full: the other
    file stays as it is, nothing is left beside it, the plan is shown (the decisions of
    `plan -i` are not lost), and the message gives the system's reason in words (not an
    error's code and file), then what to do; exit 1."""
    from selfreview_core.plans import building, files

    output = tmp_path / "plan.yaml"
    made_by = building.plan_from_report

    def and_meanwhile(*args: Any, **kwargs: Any) -> Any:
        plan = made_by(*args, **kwargs)
        output.write_text("# another program's plan\n", encoding="utf-8")
        return plan

    def disk_full(candidates: Any, content: Any) -> Path:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "x"))

    monkeypatch.setattr(files, "plan_from_report", and_meanwhile)
    monkeypatch.setattr(files, "write_new", disk_full)
    args = ["plan", str(REVIEW_2025), "-o", str(output)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1
    shown_plan, said = result.stdout, result.stderr
    assert said.splitlines() == [
        f"{output} was made by another program while this plan was being made (another "
        "`selfreview plan`, an editor), so this plan was not saved over it, and it could "
        f"not be saved beside it either ({os.strerror(errno.ENOSPC)}). Your plan is shown "
        "above.",
        f"Keep it in a file of your own and compare it with {output}, or run the command "
        "again with -o another file.",
    ]
    kept = load_plan("shown.yaml", text=shown_plan)
    assert kept.actions
    assert kept.made_from is not None
    assert output.read_text(encoding="utf-8") == "# another program's plan\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_an_added_actions_title_with_a_newline_stays_on_its_line(tmp_path: Path) -> None:
    """A rule pack's recommendation title may hold a newline: listed under `Added`, the
    action keeps to its one line, the newline shown escaped."""
    from selfreview_core import load_plan
    from selfreview_core.model.plan import Action
    from selfreview_core.plans.files import PlanWritten, written_lines

    output = tmp_path / "plan.yaml"
    args = ["plan", str(REVIEW_2025), "-o", str(output), "--priority", "high"]
    assert CliRunner().invoke(cli, args, catch_exceptions=False).exit_code == 0
    action = Action(id="train-staff", recommendation="train-staff", title="Train staff\nthen all")
    written = PlanWritten(load_plan(output), (action,), new=False)
    assert written_lines(written, "plan.yaml", "1 recommendation(s)") == [
        "Added 1 action(s) to plan.yaml:",
        "  train-staff: Train staff\\nthen all",
    ]


def test_the_file_and_an_added_actions_id_show_their_invisible_characters(
    tmp_path: Path,
) -> None:
    """The plan file and each action's id are names (`escaping.shown_name`): `plan.yaml`
    and `plan.yaml` with a zero-width space in it read alike before round 46, in each of
    the three things `plan` may say. A title keeps its joiner."""
    from selfreview_core.model.plan import Action
    from selfreview_core.plans.files import PlanWritten, written_lines

    z = "\u200b"
    output = tmp_path / "plan.yaml"
    args = ["plan", str(REVIEW_2025), "-o", str(output), "--priority", "high"]
    assert CliRunner().invoke(cli, args, catch_exceptions=False).exit_code == 0
    plan = load_plan(output)
    action = Action(id=f"train{z}", recommendation="train", title=f"Train{z} staff")
    name, shown = f"plan{z}.yaml", "plan\\u200b.yaml"
    assert written_lines(PlanWritten(plan, (action,), new=False), name, "1") == [
        f"Added 1 action(s) to {shown}:",
        f"  train\\u200b: Train{z} staff",
    ]
    assert written_lines(PlanWritten(plan, (), new=False), name, "1") == [
        f"Nothing to add to {shown}: it has an action for each chosen recommendation."
    ]
    [wrote] = written_lines(PlanWritten(plan, (), new=True), name, "1 recommendation(s)")
    assert wrote == f"Wrote {shown}: 5 action(s) from 1 recommendation(s)."


def test_what_update_plan_file_returns_cannot_be_changed(tmp_path: Path) -> None:
    """The plan written, the actions added and whether the file is new are what the file
    holds: frozen, and slotted as the models are (no dictionary to set anything else in)."""
    report = Engine().report(load_assessment(REVIEW_2025))
    written: Any = update_plan_file(tmp_path / "plan.yaml", report, None)
    assert (len(written.added), written.new) == (32, True)
    assert written.plan == load_plan(tmp_path / "plan.yaml")
    with pytest.raises(dataclasses.FrozenInstanceError):
        written.new = False
    assert not hasattr(written, "__dict__")
    assert written.new is True
