"""`selfreview support`'s command line: what it asks for and shows in its help, what it
refuses before reading, what it says when nothing or only part of a cohort could be used,
and where it wrote (a mutation pass over `cli/support.py`, round 44)."""

from __future__ import annotations

import json
import types
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from selfreview_core import Assessment, Recommendation
from selfreview_core.cli import cli
from test_engine import _EntryPoint, plugin_module

ROOT = Path(__file__).resolve().parents[2]
COHORT = ROOT / "examples" / "cohort"
FRAMEWORK = ROOT / "frameworks" / "becta-srf.yaml"
OTHER_REVIEW = ROOT / "examples" / "migration" / "example-school-v1.yaml"
OTHER_FRAMEWORK = ROOT / "examples" / "migration" / "example-srf-1.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def cohort_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    file = tmp_path_factory.mktemp("cohort") / "cohort.parquet"
    assert run("collect", str(COHORT), "-o", str(file)).exit_code == 0
    return file


def test_paths_are_required() -> None:
    result = run("support")
    assert result.exit_code == 2
    assert "Error: Missing argument 'PATHS...'." in result.stderr
    assert result.stdout == ""


def test_the_help_gives_the_default_format() -> None:
    result = run("support", "--help")
    assert result.exit_code == 0
    words = " ".join(result.stdout.split())
    assert "Output format (default: from -o's extension, else table). " in words


def test_a_cohort_file_and_assessments_together_are_a_usage_error(
    cohort_file: Path, tmp_path: Path
) -> None:
    """Not the cohort file's rows alone, the assessment given beside it left out in silence."""
    output = tmp_path / "out.txt"
    given = (str(cohort_file), str(COHORT / "primary-1-2025.yaml"))
    result = run("support", *given, "-o", str(output))
    assert result.exit_code == 2
    assert (
        "Error: give cohort files (.parquet) or assessments, not both: collect the assessments "
        "into the cohort file first\n"
    ) in result.stderr
    assert result.stdout == ""
    assert not output.exists()


def test_writing_to_a_file_says_where_and_in_which_format(
    cohort_file: Path, tmp_path: Path
) -> None:
    """`-o FILE` holds what standard output would, and stderr says where it went; `-o -` is
    standard output, and nothing is said of it."""
    shown = run("support", str(cohort_file), "--format", "csv")
    assert shown.exit_code == 0
    output = tmp_path / "support.csv"
    written = run("support", str(cohort_file), "--format", "csv", "-o", str(output))
    assert written.exit_code == 0
    assert written.stdout == ""
    assert written.stderr == f"Wrote {output} (csv).\n"
    assert output.read_bytes() == shown.stdout_bytes
    dash = run("support", str(cohort_file), "--format", "csv", "-o", "-")
    assert (dash.exit_code, dash.stdout, dash.stderr) == (0, shown.stdout, "")


def test_no_usable_assessment_of_the_named_framework_is_said_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    """Every input refused (another framework than `--framework`'s): exit 1 with the count,
    no list of nobody, and no output file."""
    output = tmp_path / "out.txt"
    result = run("support", str(OTHER_REVIEW), "--framework", str(FRAMEWORK), "-o", str(output))
    assert result.exit_code == 1
    assert result.stderr.endswith("\nno usable assessments in 1 file(s)\n")
    assert result.stdout == ""
    assert not output.exists()


def test_rows_of_another_framework_in_cohort_files_are_counted_left_out_and_exit_1(
    cohort_file: Path, tmp_path: Path
) -> None:
    """A cohort is of one framework version: the other version's rows are named on one line
    with their count, the list is still given, of the cohort's own schools, and the exit
    code is 1."""
    other = tmp_path / "other.parquet"
    made = run("collect", str(OTHER_REVIEW), "--framework", str(OTHER_FRAMEWORK), "-o", str(other))
    assert made.exit_code == 0, made.output
    alone = run("support", str(cohort_file), "--format", "json")
    result = run("support", str(cohort_file), str(other), "--format", "json")
    assert result.exit_code == 1
    assert result.stderr == (
        "warning: 7 row(s) of example-srf@1 left out: a cohort is of one framework version "
        "(becta-srf@2010); list their support on their own\n"
    )
    assert result.stdout == alone.stdout


def test_json_is_indented_two_spaces_a_level(cohort_file: Path) -> None:
    result = run("support", str(cohort_file), "--format", "json")
    assert result.exit_code == 0
    assert result.stdout.startswith('{\n  "framework": "becta-srf@2010",\n')
    assert result.stdout.endswith("\n}\n")


def test_a_framework_a_cohort_file_names_is_shown_on_one_line_when_left_out(
    cohort_file: Path, tmp_path: Path
) -> None:
    """The rows of a cohort file are not checked as a framework file is: a framework id
    holding a newline is named escaped, on the warning's one line."""
    evil = tmp_path / "evil.parquet"
    with duckdb.connect() as con:
        con.execute(
            "COPY (SELECT * REPLACE ('evil' || chr(10) || 'id' AS framework) "
            f"FROM read_parquet('{cohort_file}')) TO '{evil}' (FORMAT parquet)"
        )
    result = run("support", str(cohort_file), str(evil), "--format", "json")
    assert result.exit_code == 1
    assert result.stderr == (
        "warning: 108 row(s) of evil\\nid@2010 left out: a cohort is of one framework "
        "version (becta-srf@2010); list their support on their own\n"
    )


def test_the_file_written_to_is_named_on_one_line(cohort_file: Path, tmp_path: Path) -> None:
    output = tmp_path / "a\nb.txt"
    result = run("support", str(cohort_file), "-o", str(output))
    assert result.exit_code == 0
    assert result.stderr == f"Wrote {tmp_path}/a\\nb.txt (table).\n"
    assert output.read_text(encoding="utf-8").startswith("Support needed: 10 schools")


def _evidence_reader() -> types.ModuleType:
    """A plugin that repeats each school's evidence for strand 1a1 as advice, and fails for
    one school with a message of two lines."""

    def recommend(assessment: Assessment) -> list[Recommendation]:
        if assessment.school.id == "900004":
            raise RuntimeError("no advice\nfor 900004")
        judgement = assessment.judgements.get("1a1")
        said = judgement.evidence if judgement is not None else None
        return [
            Recommendation(id="said", title="Said", action=f"evidence: {said}", targets=("1a1",))
        ]

    return plugin_module("evidence_reader", selfreview_recommend=recommend)


@pytest.fixture
def evidence_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    point = _EntryPoint("evidence-reader", "evidence_reader", target=_evidence_reader())
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [point])


@pytest.mark.usefixtures("evidence_reader")
def test_a_plugin_is_given_the_evidence_text_of_each_assessment(tmp_path: Path) -> None:
    """Read from assessments, each school's review reaches the plugins with its evidence as
    written (from a cohort file, only whether there was any: its text is not kept there)."""
    text = (COHORT / "primary-1-2025.yaml").read_text(encoding="utf-8")
    review = tmp_path / "review.yaml"
    review.write_text(text.replace("1a1: 2", "1a1: {level: 5, evidence: Shared at INSET}"))
    given = (str(review), "--framework", str(FRAMEWORK), "--disable", "next-steps")
    result = run("support", *given, "--format", "json")
    assert result.exit_code == 0, result.output
    actions = {r["action"] for r in json.loads(result.stdout)["recommendations"]}
    assert actions == {"evidence: Shared at INSET"}


@pytest.mark.usefixtures("evidence_reader")
def test_a_plugin_failing_for_a_school_is_warned_of_on_one_line_of_stderr(
    cohort_file: Path,
) -> None:
    result = run("support", str(cohort_file), "--framework", str(FRAMEWORK), "--format", "json")
    assert result.exit_code == 0, result.output
    [warning] = [line for line in result.stderr.splitlines() if "RuntimeError" in line]
    assert warning.startswith("warning: ")
    assert warning.endswith("no advice\\nfor 900004")
    assert json.loads(result.stdout)["recommendations"]
