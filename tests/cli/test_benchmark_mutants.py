"""`selfreview benchmark`'s command line: what it refuses before reading, what it says when
nothing of a cohort could be used, and where it wrote (a mutation pass over
`cli/benchmark.py`, round 44)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from cli import test_support_mutants as support
from cli.test_support_mutants import COHORT, FRAMEWORK, OTHER_REVIEW, run

#: The example cohort collected once, as `support`'s tests have it (a fixture).
cohort_file = support.cohort_file


def test_a_cohort_file_and_assessments_together_are_a_usage_error(
    cohort_file: Path, tmp_path: Path
) -> None:
    """Not the cohort file's rows alone, the assessment given beside it left out in silence."""
    output = tmp_path / "out.txt"
    given = (str(cohort_file), str(COHORT / "primary-1-2025.yaml"))
    result = run("benchmark", *given, "-o", str(output))
    assert result.exit_code == 2
    assert (
        "Error: give cohort files (.parquet) or assessments, not both: collect the "
        "assessments into the cohort file first\n"
    ) in result.stderr
    assert result.stdout == ""
    assert not output.exists()


def test_no_usable_assessment_of_the_named_framework_is_said_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    """Every input refused (another framework than `--framework`'s): exit 1 with the count
    of files, no cohort of nobody, and no output file."""
    output = tmp_path / "out.txt"
    result = run("benchmark", str(OTHER_REVIEW), "--framework", str(FRAMEWORK), "-o", str(output))
    assert result.exit_code == 1
    assert result.stderr.endswith("\nno usable assessments in 1 file(s)\n")
    assert result.stdout == ""
    assert not output.exists()


def test_no_usable_document_of_a_json_lines_file_is_counted_in_documents(
    tmp_path: Path,
) -> None:
    """One JSON Lines file of three bad documents: "3 document(s)", as the note of what was
    skipped counts them; it said "3 file(s)" of the one file."""
    lines = tmp_path / "reviews.jsonl"
    lines.write_text('{"kind": "assessment"}\n' * 3, encoding="utf-8")
    result = run("benchmark", str(lines), "--framework", str(FRAMEWORK))
    assert result.exit_code == 1
    assert result.stderr.endswith("\nno usable assessments in 3 document(s)\n")
    assert result.stdout == ""


def test_a_cohort_file_gives_the_cohort_its_assessments_give(cohort_file: Path) -> None:
    read = run("benchmark", str(COHORT), "--format", "csv")
    collected = run("benchmark", str(cohort_file), "--format", "csv")
    assert (read.exit_code, collected.exit_code) == (0, 0)
    assert collected.stdout == read.stdout
    assert collected.stderr == ""


def test_to_with_a_cohort_file_is_a_usage_error(cohort_file: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.txt"
    result = run("benchmark", str(cohort_file), "--to", "becta-srf", "-o", str(output))
    assert result.exit_code == 2
    assert (
        "Error: --to carries assessments, not a cohort file's rows: benchmark the assessment "
        "files with --to, or collect them again\n"
    ) in result.stderr
    assert result.stdout == ""
    assert not output.exists()


def test_writing_to_a_file_says_where_and_in_which_format(
    cohort_file: Path, tmp_path: Path
) -> None:
    """`-o FILE` holds what standard output would, and stderr says where it went, on one
    line; `-o -` is standard output, and nothing is said of it."""
    shown = run("benchmark", str(cohort_file), "--format", "csv")
    assert shown.exit_code == 0
    output = tmp_path / "a\nb.csv"
    written = run("benchmark", str(cohort_file), "--format", "csv", "-o", str(output))
    assert written.exit_code == 0
    assert written.stdout == ""
    assert written.stderr == f"Wrote {tmp_path}/a\\nb.csv (csv).\n"
    assert output.read_bytes() == shown.stdout_bytes
    dash = run("benchmark", str(cohort_file), "--format", "csv", "-o", "-")
    assert (dash.exit_code, dash.stdout, dash.stderr) == (0, shown.stdout, "")


def test_the_help_gives_the_default_of_each_choice() -> None:
    result = run("benchmark", "--help")
    assert result.exit_code == 0
    words = " ".join(result.stdout.split())
    for default in ("[default: no-evidence]", "[default: latest]"):
        assert default in words
    assert "(default: from -o's extension, else table)." in words


def test_rows_of_another_framework_are_counted_left_out_on_one_line_and_exit_1(
    cohort_file: Path, tmp_path: Path
) -> None:
    """A cohort is of one framework version: another's rows are named, with their count, on
    one line of stderr (a framework id from a cohort file's rows is not checked as a
    framework file's is: its newline is shown escaped); the cohort is still given, of the
    cohort's own schools, and the exit code is 1."""
    other = tmp_path / "other.parquet"
    with duckdb.connect() as con:
        con.execute(
            "COPY (SELECT * REPLACE ('other' || chr(10) || 'id' AS framework) "
            f"FROM read_parquet('{cohort_file}')) TO '{other}' (FORMAT parquet)"
        )
    alone = run("benchmark", str(cohort_file), "--format", "csv")
    result = run("benchmark", str(cohort_file), str(other), "--format", "csv")
    assert result.exit_code == 1
    assert result.stderr == (
        "warning: 108 row(s) of other\\nid@2010 left out: a cohort is of one framework "
        "version (becta-srf@2010); benchmark them on their own\n"
    )
    assert result.stdout == alone.stdout
