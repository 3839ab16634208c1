"""`plan -o` never writes a plan no command could read back (over the 10 MB a file may
hold): an owner of 11 MB pasted at `plan -i`'s question. Before round 68 the plan was
written, "Wrote PLAN" said, exit 0, and `plan --status PLAN` refused it for its size; an
existing plan refused the actions as "cannot add actions to this file without changing
its content", which was not why."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from selfreview_core import load_plan
from selfreview_core.cli import cli

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
