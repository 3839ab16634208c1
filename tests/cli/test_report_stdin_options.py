"""`report --history -` and `--voices -` read standard input, and `--cohort -` is refused
saying why (SPEC section 5: "A path of `-` reads standard input"). Before round 51 all three
said "File '-' does not exist." (exit 2), which is not what was wrong."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
OLD = ROOT / "examples" / "example-primary-2025.yaml"
NEW = ROOT / "examples" / "example-primary-2026.yaml"
PUPILS = ROOT / "examples" / "respondents" / "pupils.jsonl"


def run(*args: str | Path, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def test_history_reads_the_other_review_from_standard_input() -> None:
    from_file = run("report", NEW, "--history", OLD)
    piped = run("report", NEW, "--history", "-", input=OLD.read_text("utf-8"))
    assert from_file.exit_code == 0
    assert "Review by review" in from_file.stdout
    assert (piped.exit_code, piped.stdout) == (0, from_file.stdout)


def test_voices_reads_the_respondents_from_standard_input() -> None:
    from_file = run("report", NEW, "--voices", PUPILS, "--format", "json")
    piped = run("report", NEW, "--voices", "-", "--format", "json", input=PUPILS.read_text())
    assert from_file.exit_code == 0
    assert '"voices": {' in from_file.stdout
    assert (piped.exit_code, piped.stdout) == (0, from_file.stdout.replace(str(PUPILS), "<stdin>"))


def test_the_assessment_and_an_option_both_from_standard_input_is_a_usage_error() -> None:
    for option in ("--history", "--voices"):
        result = run("report", "-", option, "-", input=NEW.read_text("utf-8"))
        assert result.exit_code == 2, option
        assert result.stderr.splitlines()[-1].endswith(
            ": `-` (standard input) can be read only once: give it once"
        )
        assert result.stdout == ""


def test_a_cohort_from_standard_input_is_refused_saying_why() -> None:
    result = run("report", NEW, "--cohort", "-", input="")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--cohort': takes a cohort FILE (.parquet, from `selfreview "
        "collect`), not `-`: save it to a file"
    )
