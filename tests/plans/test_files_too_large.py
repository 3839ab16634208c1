"""`plan -o` never writes a plan no command could read back (over the 10 MB a file may
hold): an owner of 11 MB pasted at `plan -i`'s question. Before round 68 the plan was
written, "Wrote PLAN" said, exit 0, and `plan --status PLAN` refused it for its size; an
existing plan refused the actions as "cannot add actions to this file without changing
its content", which was not why."""

from __future__ import annotations

import errno
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import load_plan
from selfreview_core.cli import cli
from selfreview_core.plans import files

ROOT = Path(__file__).resolve().parents[2]
REVIEW_2025 = ROOT / "examples" / "example-primary-2025.yaml"
OWNER = "o" * 11_000_000


def plan_i(output: Path) -> Result:
    """`plan -i`: the first recommendation accepted with `OWNER` as its owner, then `q`."""
    args = ["plan", str(REVIEW_2025), "-o", str(output), "-i"]
    answers = f"y\n{OWNER}\n\nq\n"
    return CliRunner().invoke(cli, args, input=answers, catch_exceptions=False)


def said_and_kept(result: Result, output: Path) -> Path:
    """The plan kept beside `output`, having checked what was said of it."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    [beside] = output.parent.glob(f"{output.name}.unsaved-*.yaml")
    said = result.stderr.splitlines()
    assert re.fullmatch(
        f"{re.escape(str(output))} could not be saved \\(the plan would be "
        "[0-9,]{10} bytes, over the 10,485,760 a file may hold, so no command could read it "
        f"back\\)\\. Your plan is in {re.escape(str(beside))}\\.",
        said[-2],
    ), said[-2]
    assert said[-1] == (
        f"Shorten the longest text (an owner, a note) in {beside}, put it in {output}, then "
        "run the command again."
    )
    assert "Wrote" not in result.output
    assert load_plan("kept.yaml", text=beside.read_text(encoding="utf-8").replace(OWNER, "o"))
    assert OWNER in beside.read_text(encoding="utf-8")  # the decision is not lost
    return beside


def test_a_new_plan_too_large_to_read_back_is_kept_beside_and_not_written(
    tmp_path: Path,
) -> None:
    output = tmp_path / "plan.yaml"
    beside = said_and_kept(plan_i(output), output)
    assert sorted(p.name for p in tmp_path.iterdir()) == [beside.name]


def test_actions_too_large_to_read_back_leave_the_plan_as_it_was(tmp_path: Path) -> None:
    output = tmp_path / "plan.yaml"
    shutil.copyfile(ROOT / "examples" / "plan" / "example-primary-plan.yaml", output)
    before = output.read_bytes()
    beside = said_and_kept(plan_i(output), output)
    assert output.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([beside.name, "plan.yaml"])


def _full(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system with no room for the copy beside PLAN."""

    def no_room(*args: object, **kwargs: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "write_new", no_room)


def test_a_plan_too_large_whose_copy_beside_fails_is_shown_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before round 69 the copy's `OSError` was said, exit 1, and every decision of `plan
    -i` was lost. Now the plan is on standard output, whole (the owner typed with it), as
    a plan made meanwhile by another program is when nothing can be written."""
    output = tmp_path / "plan.yaml"
    shutil.copyfile(ROOT / "examples" / "plan" / "example-primary-plan.yaml", output)
    before = output.read_bytes()
    _full(monkeypatch)
    result = plan_i(output)
    assert result.exit_code == 1, result.stderr[-2_000:]
    assert "Traceback" not in result.output
    said = result.stderr.splitlines()
    assert re.fullmatch(
        f"{re.escape(str(output))} could not be saved \\(the plan would be [0-9,]{{10}} "
        "bytes, over the 10,485,760 a file may hold, so no command could read it back\\), "
        "nor beside it \\(No space left on device\\)\\. Your plan is shown above\\.",
        said[-2],
    ), said[-2]
    assert said[-1] == (
        f"Shorten the longest text (an owner, a note) in the plan shown above, put it in "
        f"{output}, then run the command again."
    )
    # after the questions, the plan whole (the owner typed with it): the decision not lost
    text = result.stdout[result.stdout.index("# An action plan made by `selfreview plan`") :]
    assert OWNER in text
    shown = load_plan("shown.yaml", text=text.replace(OWNER, "o"))
    assert [a.owner for a in shown.actions][-1] == "o"
    assert len(shown.actions) == len(load_plan(output).actions) + 1
    assert output.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def test_a_plan_the_disk_has_no_room_for_is_kept_beside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any failure to write the plan keeps it beside PLAN, the decisions with it: before
    round 69 only one too large was kept, and a full disk's `OSError` lost them."""
    output = tmp_path / "plan.yaml"

    def no_room(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "write_plan", no_room)
    args = ["plan", str(REVIEW_2025), "-o", str(output), "-i"]
    result = CliRunner().invoke(cli, args, input="y\nMrs Head\n\nq\n", catch_exceptions=False)
    assert result.exit_code == 1, result.output
    [beside] = tmp_path.glob("plan.yaml.unsaved-*.yaml")
    assert result.stderr.splitlines()[-2:] == [
        f"{output} could not be saved (No space left on device). Your plan is in {beside}.",
        f"Put {beside} in {output} once it can be written, or give -o another file.",
    ]
    assert [a.owner for a in load_plan(beside).actions] == ["Mrs Head"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [beside.name]
