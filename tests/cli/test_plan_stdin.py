"""`plan --status -` and `--review -` read standard input (SPEC section 5: "A path of `-`
reads standard input"). Before round 51 both said "File '-' does not exist." (exit 2),
though `--status` only reads its plan: nothing is written there."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "examples" / "plan" / "example-primary-plan.yaml"
REVIEW = ROOT / "examples" / "example-primary-2026.yaml"
AS_OF = ("--as-of", "2026-11-23")


def run(*args: str | Path, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def test_status_reads_the_plan_from_standard_input() -> None:
    from_file = run("plan", "--status", PLAN, "--review", REVIEW, *AS_OF)
    piped = run("plan", "--status", "-", "--review", REVIEW, *AS_OF, input=PLAN.read_text("utf-8"))
    assert (piped.exit_code, piped.stdout) == (0, from_file.stdout)
    assert from_file.exit_code == 0
    assert "action plan for becta-srf@2010" in piped.stdout


def test_review_reads_the_later_review_from_standard_input() -> None:
    from_file = run("plan", "--status", PLAN, "--review", REVIEW, *AS_OF, "--format", "json")
    piped = run(
        "plan",
        *("--status", PLAN, "--review", "-", *AS_OF, "--format", "json"),
        input=REVIEW.read_text("utf-8"),
    )
    assert (piped.exit_code, piped.stdout) == (0, from_file.stdout)


def test_a_broken_plan_on_standard_input_is_named_stdin_at_its_line() -> None:
    result = run("plan", "--status", "-", input="kind: plan\nframework: [\n")
    assert result.exit_code == 1
    assert result.stderr.startswith("<stdin>:")
    assert result.stdout == ""


def test_status_and_review_both_from_standard_input_is_a_usage_error() -> None:
    result = run("plan", "--status", "-", "--review", "-", input="kind: plan\n")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--review': `-` (standard input) can be read only once: "
        "give it once"
    )
