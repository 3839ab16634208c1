"""`selfreview collect`'s command line: what it asks for, what its summary says of one
review and one row and of where it wrote, and every name it prints on one line (a mutation
pass over `cli/collect.py`, round 44)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from selfreview_core.cli import cli

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"
ONE = COHORT / "primary-3-2025.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_paths_and_the_output_are_both_required(tmp_path: Path) -> None:
    no_paths = run("collect", "-o", str(tmp_path / "c.parquet"))
    assert no_paths.exit_code == 2
    assert "Missing argument 'PATHS...'" in no_paths.stderr
    no_output = run("collect", str(ONE))
    assert no_output.exit_code == 2
    assert "Missing option '-o' / '--output'" in no_output.stderr
    assert list(tmp_path.iterdir()) == []


def test_help_says_evidence_is_left_out_by_default() -> None:
    result = run("collect", "--help")
    assert "[default: no-evidence]" in " ".join(result.stdout.split())


def test_one_review_of_one_judgement_is_said_in_the_singular(tmp_path: Path) -> None:
    text = ONE.read_text(encoding="utf-8")
    head, _, _ = text.partition("judgements:\n")
    one = tmp_path / "one.yaml"
    one.write_text(head + "judgements:\n  1a1: 2\n", encoding="utf-8")
    out = tmp_path / "c.parquet"
    result = run("collect", str(one), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Collected 1 review (1 row) into {out}.\n"
    several = run("collect", str(COHORT), "-o", str(out))
    assert several.stderr == f"Collected 11 reviews (108 rows) into {out}.\n"


def test_every_name_collect_prints_is_on_one_line(tmp_path: Path) -> None:
    """A cohort file given as input, the output named in the summary and in the warning of
    a name that is no `.parquet`, and the files of a duplicate review: each `\\n` shown."""
    given = tmp_path / "a\nb.parquet"
    given.write_bytes(b"")
    refused = run("collect", str(given), "-o", str(tmp_path / "c.parquet"))
    assert refused.exit_code == 2
    assert "a\\nb.parquet is a cohort file already: collect reads assessments" in refused.stderr

    folder = tmp_path / "cohort"
    shutil.copytree(COHORT, folder)
    copy = folder / "zz\ncopy.yaml"
    copy.write_text(ONE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out\nx.data"
    result = run("collect", str(folder), "-o", str(out))
    assert result.exit_code == 1  # the duplicate
    assert out.is_file()
    assert "\nx" not in result.stderr
    assert "zz\ncopy" not in result.stderr
    shown_out = str(out).replace("\n", "\\n")
    assert "zz\\ncopy.yaml (read last) is kept" in result.stderr
    assert f"Collected 11 reviews (108 rows) into {shown_out}.\n" in result.stderr
    assert f"they would read {shown_out} as an assessment" in result.stderr


def test_standard_output_is_named_so() -> None:
    result = run("collect", str(ONE), "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Collected 1 review (6 rows) into standard output.\n"
    assert result.stdout_bytes.startswith(b"PAR1")
