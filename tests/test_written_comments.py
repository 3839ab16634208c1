"""What a command writes into a file of its own as a comment holds each comment to one line,
and no control character raw in the values: a line break in a file name or in a
framework's words (`terms:`) started a key of its own, and the file written ("Wrote ...",
exit 0) was refused when read back. Before round 44: the plan's first comment (the review's
file name), `combine`'s draft (the framework's `subject`) and `assess`'s file (its `review`);
and a plan's values (an owner holding U+202E) were written raw in YAML and JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[1]
REVIEW = ROOT / "examples" / "example-primary-2025.yaml"
MIGRATION = ROOT / "examples" / "migration"


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def worded(tmp_path: Path) -> Path:
    """A framework whose words for who is reviewed and the review hold line breaks."""
    text = (MIGRATION / "example-srf-1.yaml").read_text(encoding="utf-8")
    terms = 'terms: {subject: "setting\\nkind: x", subjects: settings, review: "check\\nkind: y"}\n'
    framework = tmp_path / "worded.yaml"
    framework.write_text(text.replace("kind: framework\n", f"kind: framework\n{terms}", 1), "utf-8")
    return framework


def test_a_plan_made_from_a_file_whose_name_breaks_a_line_reads_back(tmp_path: Path) -> None:
    review = tmp_path / "review\nowner: x.yaml"
    shutil.copyfile(REVIEW, review)
    plan = tmp_path / "plan.yaml"
    assert run("plan", str(review), "-o", str(plan)).exit_code == 0
    first = plan.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# An action plan made by `selfreview plan` from ")
    assert "review\\nowner: x.yaml on " in first
    status = run("plan", "--status", str(plan))
    assert status.exit_code == 0, status.output
    assert run("validate", str(plan)).exit_code == 0


@pytest.mark.parametrize("name", ["plan.yaml", "plan.json"])
def test_a_plans_values_are_written_with_no_control_character_raw(
    tmp_path: Path, name: str
) -> None:
    plan = tmp_path / name
    owner = "Mme Adélaïde \u200fevil"  # a right-to-left mark: a control `--owner` keeps
    assert run("plan", str(REVIEW), "-o", str(plan), "--owner", owner).exit_code == 0
    text = plan.read_text(encoding="utf-8")
    assert "\u200f" not in text
    assert "\\u200f" in text
    data = json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
    assert data["actions"][0]["owner"] == owner  # the very same text, read back
    assert "Mme Adélaïde " in text  # the printable text as written, not escaped
    if name.endswith(".json"):  # text as written, indented two spaces
        assert text.startswith('{\n  "kind": "plan",')


def test_a_draft_in_a_frameworks_words_with_a_line_break_reads_back(
    worded: Path, tmp_path: Path
) -> None:
    response = tmp_path / "response.yaml"
    text = (MIGRATION / "example-school-v1.yaml").read_text(encoding="utf-8")
    response.write_text(
        text.replace("kind: assessment\n", "kind: assessment\nrespondent: {group: teachers}\n"),
        encoding="utf-8",
    )
    draft = tmp_path / "draft.yaml"
    args = ["combine", str(response), "--framework", str(worded), "--min-group", "1"]
    assert run(*args, "-o", str(draft)).exit_code == 0
    first = draft.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# A draft of the setting\\nkind: x's review from 1 response")
    checked = run("validate", "--framework", str(worded), str(draft))
    assert checked.exit_code == 0, checked.output


def test_an_assessment_in_a_frameworks_words_with_a_line_break_reads_back(
    worded: Path, tmp_path: Path
) -> None:
    out = tmp_path / "review.yaml"
    args = ["assess", str(worded), "-o", str(out), "--school-id", "X1", "--school-name", "X"]
    done = run(*args, "--date", "2026-01-01", input="3\n\nq\n")
    assert done.exit_code == 0, done.output
    first = out.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# A check\\nkind: y written by `selfreview assess`; run it again to continue."
    checked = run("validate", "--framework", str(worded), str(out))
    assert checked.exit_code == 0, checked.output


def test_actions_added_to_a_plan_are_written_with_no_control_character_raw(
    tmp_path: Path,
) -> None:
    """`plan -i` adding to a plan edits the school's file (comments kept); the
    rewrite once wrote a new action's U+202E raw in its double quotes."""
    from selfreview_core.model.plan import Action
    from selfreview_core.plans.yaml_edit import append_actions

    plan = tmp_path / "plan.yaml"
    assert run("plan", str(REVIEW), "-o", str(plan)).exit_code == 0
    text = plan.read_text(encoding="utf-8") + "# the school's own comment: café\n"
    added = Action(
        id="new-one", recommendation="new-one", title="Read \u202e this", owner="O\u202eX"
    )
    out = append_actions(text, [added], file=str(plan))
    assert "\u202e" not in out
    assert "# the school's own comment: café\n" in out  # the school's text as it was
    assert yaml.safe_load(out)["actions"][-1]["owner"] == "O\u202eX"
