"""`cohort.inputs`, what `benchmark`'s and the SQL cohort's tests did not hold (round 42's
sampled pass): a cohort file with the columns but no row is refused, saying so; and (round
42's second wave, a bug) a school's review of one date split across two cohort files is
refused, not read as one review."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from selfreview_core import Framework
from selfreview_core.cli import cli
from selfreview_core.cohort.inputs import CohortWork, LeftOut

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("command", ["benchmark", "support"])
def test_a_cohort_file_with_no_row_is_refused_as_empty(tmp_path: Path, command: str) -> None:
    full = tmp_path / "cohort.parquet"
    made = CliRunner().invoke(cli, ["collect", str(ROOT / "examples" / "cohort"), "-o", str(full)])
    assert made.exit_code == 0, made.output
    empty = tmp_path / "empty.parquet"
    duckdb.execute(f"COPY (SELECT * FROM '{full}' WHERE false) TO '{empty}' (FORMAT parquet)")
    result = CliRunner().invoke(cli, [command, str(empty)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"{empty}: error: the cohort file holds no school's own review\n"


def test_assessments_none_of_them_usable_are_counted_as_files(tmp_path: Path) -> None:
    """Not as "cohort file(s)": those are the Parquet files `collect` writes."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: nothing\n", encoding="utf-8")
    framework = ROOT / "examples" / "awards" / "illustrative-award-framework.yaml"
    result = CliRunner().invoke(cli, ["benchmark", str(bad), "--framework", str(framework)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.endswith("\nno usable assessments in 1 file(s)\n")
    assert "unknown kind `nothing`" in result.stderr


def _collected(tmp_path: Path) -> Path:
    """The example cohort (Becta's) as `collect` writes it, without evidence text."""
    full = tmp_path / "cohort.parquet"
    made = CliRunner().invoke(cli, ["collect", str(ROOT / "examples" / "cohort"), "-o", str(full)])
    assert made.exit_code == 0, made.output
    return full


def test_a_cohort_file_opens_by_default_without_evidence_text(
    tmp_path: Path, becta: Framework
) -> None:
    """`CohortWork.parquet` for a library caller: by default no evidence text is asked
    (a file collected without it opens), and what it gives says it is of cohort files."""
    full = _collected(tmp_path)
    with CohortWork() as work:
        found = work.parquet([str(full)], {becta.ref: becta, becta.id: becta})
        assert found.parquet is True
        assert (found.read, found.framework, found.left_out) == (1, becta, [])
        assert found.sql.with_evidence is False
        assert found.sql.size == 10


def test_a_cohort_file_of_another_framework_than_the_one_given_is_refused(
    tmp_path: Path,
) -> None:
    """`--framework` naming a framework the file holds no review of: refused at the file,
    saying what it holds."""
    full = _collected(tmp_path)
    other = ROOT / "examples" / "awards" / "illustrative-award-framework.yaml"
    result = CliRunner().invoke(cli, ["benchmark", str(full), "--framework", str(other)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{full}: error: the cohort file holds no review of example-awards@1 "
        "(it holds becta-srf@2010)\n"
    )


def _split(tmp_path: Path, where: str) -> tuple[Path, Path, Path]:
    """The example cohort as one cohort file, and as two: the rows `where` selects in the
    first, the others in the second."""
    full = _collected(tmp_path)
    first, second = tmp_path / "first.parquet", tmp_path / "second.parquet"
    for target, rows in ((first, where), (second, f"NOT ({where})")):
        duckdb.execute(f"COPY (SELECT * FROM '{full}' WHERE {rows}) TO '{target}' (FORMAT parquet)")
    return full, first, second


@pytest.mark.parametrize("command", ["benchmark", "support"])
def test_a_schools_review_of_one_date_in_two_cohort_files_is_refused(
    tmp_path: Path, command: str
) -> None:
    """Each cohort file holds a school's review of a date once; one split across two files
    (its first strand in one, the others in the other) is refused, naming the school, the
    date and both files, rather than read as one review made of both (with exit 0)."""
    _, first, second = _split(
        tmp_path, "school_id = '900001' AND assessed_on = '2025-11-10' AND strand = '1a1'"
    )
    result = CliRunner().invoke(cli, [command, str(first), str(second)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{second}: error: a school's review of one date is in more than one cohort file: "
        f"school 900001 on 2025-11-10: {first} and {second} (collect the assessments into one "
        "cohort file; `selfreview collect` keeps the last of two reviews of one school on one "
        "date)\n"
    )


@pytest.mark.parametrize("options", [(), ("--all-reviews",), ("--format", "csv")])
def test_schools_in_two_cohort_files_are_the_cohort_of_both(
    tmp_path: Path, options: tuple[str, ...]
) -> None:
    """Cohort files holding different schools (or other dates of one school) benchmark as
    one file holding them all."""
    full, first, second = _split(tmp_path, "school_id < '900005' AND assessed_on > '2025-01-01'")
    whole = CliRunner().invoke(cli, ["benchmark", str(full), *options], catch_exceptions=False)
    found = CliRunner().invoke(
        cli, ["benchmark", str(first), str(second), *options], catch_exceptions=False
    )
    assert whole.exit_code == found.exit_code == 0, found.output
    assert found.stdout == whole.stdout


def test_a_cohort_file_of_an_older_version_is_of_that_version(tmp_path: Path) -> None:
    """Without a framework given, a cohort file holding only version 1 of a framework whose
    newest available version is 2 is a cohort of version 1 (the version it holds)."""
    from selfreview_core import load_framework

    migration = ROOT / "examples" / "migration"
    old, new = (load_framework(migration / f"example-srf-{n}.yaml") for n in (1, 2))
    full = tmp_path / "cohort.parquet"
    made = CliRunner().invoke(
        cli,
        [
            "collect",
            str(migration / "example-school-v1.yaml"),
            "--framework",
            str(migration / "example-srf-1.yaml"),
            "-o",
            str(full),
        ],
    )
    assert made.exit_code == 0, made.output
    names = {old.ref: old, new.ref: new, new.id: new}
    with CohortWork() as work:
        found = work.parquet([str(full)], names)
        assert found.framework == old
        assert found.sql.size == 1


def test_a_cohort_file_of_two_versions_is_of_the_newest_available(tmp_path: Path) -> None:
    """Without a framework given, a cohort file holding versions 1 and 2 of a framework
    (version 1's rows first) is a cohort of the newest available version, 2; version 1's
    rows are left out and counted, in a record that cannot be changed."""
    from selfreview_core import load_framework

    migration = ROOT / "examples" / "migration"
    old, new = (load_framework(migration / f"example-srf-{n}.yaml") for n in (1, 2))
    parts = []
    for n, school in ((1, "example-school-v1.yaml"), (2, "example-school-v2-2026.yaml")):
        part = tmp_path / f"v{n}.parquet"
        framework = str(migration / f"example-srf-{n}.yaml")
        args = ["collect", str(migration / school), "--framework", framework, "-o", str(part)]
        made = CliRunner().invoke(cli, args)
        assert made.exit_code == 0, made.output
        parts.append(part)
    both = tmp_path / "both.parquet"
    union = " UNION ALL ".join(f"SELECT * FROM '{part}'" for part in parts)
    duckdb.execute(f"COPY ({union}) TO '{both}' (FORMAT parquet)")
    # Fetched to the end: DuckDB 2 keeps a result read with `fetchone` open on the shared
    # default connection, and a later `duckdb.sql` in this process (docs/authorities.md's
    # example, run by tests/test_docs_authorities.py) is then refused.
    (rows_of_v1,) = duckdb.execute(f"SELECT count(*) FROM '{parts[0]}'").fetchall()
    names = {old.ref: old, new.ref: new, new.id: new}
    with CohortWork() as work:
        found = work.parquet([str(both)], names)
        assert found.framework == new
        assert found.sql.size == 1
        assert found.carried == 0
        assert found.left_out == [LeftOut(old.ref, rows_of_v1[0])]
        with pytest.raises(dataclasses.FrozenInstanceError):
            found.left_out[0].rows = 0  # type: ignore[misc]
