"""`refuse_misfit` (plans/files.py): a plan that names its framework without a version is
still for that framework alone (SPEC section 6: a plan is for one framework and one school).

Round 58's mutation pass found every misfit test giving a plan of `becta-srf@2010`, so the
framework's id and its version both differed from the review's; a plan naming `becta-srf`
with no version, given with a review of another framework, was never tried, and a check
that wanted both to differ was taken for the right one. With it, such a review was refused
as of "another school" instead.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SETTING = EXAMPLES / "questions" / "example-setting.yaml"
STANDARDS = EXAMPLES / "questions" / "technology-standards.yaml"


def _unversioned_plan(tmp_path: Path) -> Path:
    text = (EXAMPLES / "plan" / "example-primary-plan.yaml").read_text(encoding="utf-8")
    assert "framework: becta-srf@2010\n" in text
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace("framework: becta-srf@2010\n", "framework: becta-srf\n"))
    return plan


def _refused(plan: Path, *args: str | Path) -> list[str]:
    """The lines of a refusal: exit 1, nothing on standard output, the plan as it was."""
    before = plan.read_bytes()
    result: Result = CliRunner().invoke(cli, ["plan", *map(str, args)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert plan.read_bytes() == before
    return [line for line in result.stderr.splitlines() if line]


def test_status_of_an_unversioned_plan_with_a_review_of_another_framework_says_so(
    tmp_path: Path,
) -> None:
    plan = _unversioned_plan(tmp_path)
    args = ("--status", plan, "--review", SETTING, "--framework", STANDARDS)
    assert _refused(plan, *args) == [
        f"{SETTING}:3:12: error: framework: --review is of framework example-tech-standards@1; "
        f"the plan {plan} is for framework becta-srf (give --review a later review against "
        "becta-srf)"
    ]


def test_a_review_of_another_framework_onto_an_unversioned_plan_is_said_at_its_framework(
    tmp_path: Path,
) -> None:
    plan = _unversioned_plan(tmp_path)
    assert _refused(plan, SETTING, "--framework", STANDARDS, "-o", plan) == [
        f"{plan}:7:12: error: framework: the plan is for framework becta-srf; the review "
        f"{SETTING} is of framework example-tech-standards@1 (give -o a plan for "
        "example-tech-standards@1, or a new file to make one)"
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def test_an_unversioned_plan_takes_a_review_of_its_framework(tmp_path: Path) -> None:
    plan = _unversioned_plan(tmp_path)
    before = plan.read_bytes()
    review = EXAMPLES / "example-primary-2026.yaml"
    result = CliRunner().invoke(cli, ["plan", "--status", str(plan), "--review", str(review)])
    assert result.exit_code == 0, result.output
    assert "action plan for becta-srf, against the review of 2026-10-05" in result.stdout
    assert plan.read_bytes() == before
