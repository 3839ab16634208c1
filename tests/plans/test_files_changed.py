"""`selfreview plan` adding to a plan that changed while its actions were being chosen (the
questions of `plan -i` take minutes; two sessions on one plan). Before round 42 the second
session to finish was refused ("the plan already has an action ...; nothing was written")
and every owner and date it had been given was lost; so was a session whose plan could not
be added to as it was laid out. Now the plan this session made is saved beside the file,
never over it, as `assess` does with a review changed meanwhile (SPEC section 7)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from selfreview_core import load_plan
from selfreview_core.cli import cli
from selfreview_core.outputs import atomic
from selfreview_core.plans import building, files

ROOT = Path(__file__).resolve().parents[2]
REVIEW_2025 = ROOT / "examples" / "example-primary-2025.yaml"


def plan(output: Path, *more: str) -> Result:
    args = ["plan", str(REVIEW_2025), "-o", str(output), *more]
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def meanwhile(monkeypatch: pytest.MonkeyPatch, output: Path, text: str) -> None:
    """Another program writes `text` to `output` while this session chooses its actions."""
    made_by = building.add_to_plan

    def and_meanwhile(*args: Any, **kwargs: Any) -> Any:
        made = made_by(*args, **kwargs)
        output.write_text(text, encoding="utf-8")
        return made

    monkeypatch.setattr(files, "add_to_plan", and_meanwhile)


def test_two_sessions_adding_the_same_actions_keep_the_seconds_beside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "plan.yaml"
    assert plan(output, "--priority", "high").exit_code == 0
    other = tmp_path / "other" / "plan.yaml"
    other.parent.mkdir()
    shutil.copy(output, other)
    assert plan(other, "--priority", "medium", "--owner", "Ms Other").exit_code == 0
    theirs = other.read_text(encoding="utf-8")
    meanwhile(monkeypatch, output, theirs)

    result = plan(output, "--priority", "medium", "--owner", "Mr Mine", "--due", "2027-03-31")

    assert result.exit_code == 1
    assert output.read_text(encoding="utf-8") == theirs  # the other session's, untouched
    [beside] = [p for p in tmp_path.iterdir() if p.name.startswith("plan.yaml.conflict-")]
    message, hint = result.stderr.splitlines()
    assert message.startswith(
        f"{output} was changed by another program while this plan was being made (another "
        "`selfreview plan`, an editor: the plan already has an action `"
    )
    assert message.endswith(
        f"`), so the actions chosen were not added to it. Your plan is in {beside}."
    )
    assert hint == (
        f"Compare the two files, keep what you want in {output}; `selfreview plan` adds to "
        "a plan that is there."
    )
    kept = load_plan(beside)
    assert len(kept.actions) == 20
    added = kept.actions[5:]
    assert {(a.owner, str(a.due)) for a in added} == {("Mr Mine", "2027-03-31")}
    assert result.stdout == ""


def test_a_comment_added_meanwhile_is_kept_and_the_actions_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the plan says is unchanged: the session's actions fit it, and are added after
    the other program's edit, which stays."""
    output = tmp_path / "plan.yaml"
    assert plan(output, "--priority", "high").exit_code == 0
    edited = output.read_text(encoding="utf-8") + "# checked by the head, 3 March\n"
    meanwhile(monkeypatch, output, edited)

    result = plan(output, "--priority", "medium")

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Added 15 action(s) to {output}:")
    text = output.read_text(encoding="utf-8")
    assert "# checked by the head, 3 March\n" in text
    assert len(load_plan(output).actions) == 20
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_a_plan_made_invalid_meanwhile_keeps_the_sessions_plan_beside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "plan.yaml"
    assert plan(output, "--priority", "high").exit_code == 0
    broken = output.read_text(encoding="utf-8").replace("status: planned", "status: half", 1)
    meanwhile(monkeypatch, output, broken)

    result = plan(output, "--priority", "medium")

    assert result.exit_code == 1
    assert output.read_text(encoding="utf-8") == broken
    assert f"{output} was changed by another program while this plan was being made" in (
        result.stderr
    )
    [beside] = [p for p in tmp_path.iterdir() if p.name.startswith("plan.yaml.conflict-")]
    assert len(load_plan(beside).actions) == 20


def test_a_plan_laid_out_so_that_actions_cannot_be_added_keeps_them_beside(
    tmp_path: Path,
) -> None:
    """A comment inside an empty flow list of actions would be lost when the list is written
    out in block style: the file is left as the school wrote it, and the actions chosen are
    saved beside it, to copy in by hand."""
    output = tmp_path / "plan.yaml"
    assert plan(output, "--priority", "high").exit_code == 0
    written = output.read_text(encoding="utf-8")
    text = written[: written.index("actions:")] + "actions: [   # the vision\n  ]\n"
    output.write_text(text, encoding="utf-8")

    result = plan(output, "--priority", "medium", "--owner", "Mr Mine")

    assert result.exit_code == 1
    assert output.read_text(encoding="utf-8") == text
    [beside] = [p for p in tmp_path.iterdir() if p.name.startswith("plan.yaml.conflict-")]
    assert result.stderr.splitlines() == [
        f"{output}:{written[: written.index('actions:')].count(chr(10)) + 1}:1: "
        "cannot add actions to this file without changing comment "
        f"'# the vision', so the actions chosen were not added to it. Your plan is in {beside}.",
        f"Compare the two files, copy the actions you want from it into {output} by hand.",
    ]
    assert {a.owner for a in load_plan(beside).actions} == {"Mr Mine"}


def test_a_plan_saved_as_the_actions_are_written_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Round 71: the plan was read again to add the actions, then written over, with no
    look between; another program's save in between (a second `plan`, an editor) was
    replaced. It is looked at again once the new file is on disk, just before the rename
    (`atomic.write_atomic`'s `unchanged`, as `assess` and `combine` do): the other save is
    kept, this session's plan saved beside it, exit 1."""
    output = tmp_path / "plan.yaml"
    assert plan(output, "--priority", "high").exit_code == 0
    theirs = output.read_text(encoding="utf-8") + "# checked by the head, 3 March\n"
    made = atomic.temporary_beside
    pending = [True]

    def temporary_beside(target: Path, noted: object = None) -> tuple[int, Path]:
        if pending and target == output.resolve():
            pending.pop()
            output.write_text(theirs, encoding="utf-8")
        return made(target, noted)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic, "temporary_beside", temporary_beside)
    result = plan(output, "--priority", "medium", "--owner", "Mr Mine")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert output.read_text(encoding="utf-8") == theirs  # the other program's, untouched
    [beside] = [p for p in tmp_path.iterdir() if p.name.startswith("plan.yaml.conflict-")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml", beside.name]
    assert result.stderr.splitlines() == [
        f"{output} was changed by another program while this plan was being made (another "
        "`selfreview plan`, an editor: it was saved again as the actions were written), so "
        f"the actions chosen were not added to it. Your plan is in {beside}.",
        f"Compare the two files, keep what you want in {output}; `selfreview plan` adds to "
        "a plan that is there.",
    ]
    kept = load_plan(beside)
    assert len(kept.actions) == 20
    assert {a.owner for a in kept.actions[5:]} == {"Mr Mine"}
