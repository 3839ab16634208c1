"""`benchmark` on DuckDB: the same output from assessments, JSON Lines or a cohort file.

Issue 17: "`benchmark` recomputed on DuckDB (embedded, in-process, no server), reading
assessment files, directories, JSON Lines or cohort Parquet, with today's outputs (table,
JSON, CSV) unchanged"; and SPEC section 1: DuckDB is "imported only by the cohort commands,
so cold start is untouched".
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from program import decoded, python
from selfreview_core import Assessment, Framework, Judgement, School
from selfreview_core.cli import cli
from selfreview_core.cohort.sql import benchmark_sql

FORMATS = ("table", "json", "csv")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def cohort_file(cohort_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cohort") / "cohort.parquet"
    result = run("collect", str(cohort_dir), "-o", str(out), "--with-evidence")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def cohort_lines(cohort_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example cohort as JSON Lines, one review per line, in the files' order."""
    from selfreview_core import load_assessment

    out = tmp_path_factory.mktemp("lines") / "cohort.jsonl"
    with out.open("w", encoding="utf-8") as stream:
        for file in sorted(cohort_dir.glob("*.yaml")):
            stream.write(load_assessment(file).model_dump_json(exclude_none=True) + "\n")
    return out


@pytest.mark.parametrize("output", FORMATS)
@pytest.mark.parametrize(
    "options",
    [(), ("--all-reviews",), ("--policy", "weakest"), ("--school", "900001")],
    ids=["latest", "all-reviews", "weakest", "school"],
)
def test_a_cohort_file_gives_what_its_assessments_give(
    cohort_dir: Path, cohort_file: Path, output: str, options: tuple[str, ...]
) -> None:
    from_files = run("benchmark", str(cohort_dir), "--format", output, *options)
    from_parquet = run("benchmark", str(cohort_file), "--format", output, *options)
    assert from_files.exit_code == from_parquet.exit_code == 0
    assert from_parquet.stdout == from_files.stdout


@pytest.mark.parametrize("output", ["json", "csv"])
def test_evidence_comes_from_a_cohort_file_written_with_it(
    cohort_dir: Path, cohort_file: Path, output: str
) -> None:
    options = ("--format", output, "--with-evidence", "--all-reviews")
    from_files = run("benchmark", str(cohort_dir), *options)
    assert run("benchmark", str(cohort_file), *options).stdout == from_files.stdout


def test_json_lines_give_what_the_files_give(cohort_dir: Path, cohort_lines: Path) -> None:
    for output in FORMATS:
        from_files = run("benchmark", str(cohort_dir), "--format", output)
        from_lines = run("benchmark", str(cohort_lines), "--format", output)
        assert from_lines.exit_code == 0, from_lines.output
        assert from_lines.stdout == from_files.stdout


def test_the_output_is_the_same_whatever_the_jobs(cohort_dir: Path, cohort_lines: Path) -> None:
    one = run("benchmark", str(cohort_dir), str(cohort_lines), "--all-reviews", "--format", "json")
    two = run(
        "benchmark", str(cohort_dir), str(cohort_lines), "--all-reviews", "--format", "json",
        "--jobs", "2",
    )  # fmt: skip
    assert one.exit_code == two.exit_code == 1  # every review is there twice: duplicates
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    assert json.loads(two.stdout)["size"] == 22


def test_output_to_a_file_never_over_an_input(cohort_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "cohort.csv"
    result = run("benchmark", str(cohort_dir), "--format", "csv", "-o", str(out))
    assert result.exit_code == 0
    assert out.read_bytes() == run("benchmark", str(cohort_dir), "--format", "csv").stdout_bytes
    target = cohort_dir / "primary-3-2025.yaml"
    before = target.read_bytes()
    refused = run("benchmark", str(cohort_dir), "-o", str(target))
    assert refused.exit_code == 2
    assert target.read_bytes() == before


def _parquet(path: Path, select: str) -> Path:
    duckdb.execute(f"COPY ({select}) TO '{path}' (FORMAT parquet)")
    return path


def test_a_file_that_is_not_parquet_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "cohort.parquet"
    fake.write_text("school_id,level\n1,3\n", encoding="utf-8")
    result = run("benchmark", str(fake))
    assert result.exit_code == 1
    assert f"{fake}: error: not a Parquet file" in result.stderr
    assert "Traceback" not in result.output


def test_a_parquet_file_without_the_columns_is_refused(tmp_path: Path) -> None:
    other = _parquet(tmp_path / "other.parquet", "SELECT 1 AS school_id, 3 AS level")
    result = run("benchmark", str(other))
    assert result.exit_code == 1
    assert "not a cohort file: missing or of another type: school_id (VARCHAR)" in result.stderr


def test_rows_of_another_version_are_left_out_and_counted(
    cohort_file: Path, tmp_path: Path, cohort_dir: Path
) -> None:
    mixed = _parquet(
        tmp_path / "mixed.parquet",
        f"SELECT * EXCLUDE (evidence) FROM '{cohort_file}' UNION ALL "
        f"SELECT * EXCLUDE (evidence) REPLACE ('2008' AS version) FROM '{cohort_file}' "
        "WHERE school_id = '900003'",
    )
    result = run("benchmark", str(mixed))
    assert result.exit_code == 1
    assert "6 row(s) of becta-srf@2008 left out" in result.stderr
    assert result.stdout == run("benchmark", str(cohort_dir)).stdout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("UNION ALL SELECT * FROM base WHERE school_id = '900003' AND strand = '1a1'",
         "school 900003 on 2025-06-18: strand 1a1 2 times"),
        ("UNION ALL SELECT * REPLACE ('9z9' AS strand) FROM base WHERE school_id = '900003' "
         "AND strand = '1a1'", "strand 9z9 with level 2, rank 3"),
        ("UNION ALL SELECT * REPLACE (5 AS rank, 0 AS level) FROM base WHERE school_id = '900003' "
         "AND strand = '1a2'", "strand 1a2 with level 0, rank 5"),
    ],
    ids=["strand-twice", "unknown-strand", "rank-off-the-scale"],
)  # fmt: skip
def test_rows_that_do_not_fit_are_refused(
    cohort_file: Path, tmp_path: Path, change: str, message: str
) -> None:
    base = f"SELECT * EXCLUDE (evidence) FROM '{cohort_file}'"
    if "strand 1a2" in message:  # the changed row replaces the original
        base += " WHERE NOT (school_id = '900003' AND strand = '1a2')"
        change = change.replace("FROM base", f"FROM '{cohort_file}'").replace(
            "SELECT *", "SELECT * EXCLUDE (evidence)"
        )
    bad = _parquet(tmp_path / "bad.parquet", f"WITH base AS ({base}) SELECT * FROM base {change}")
    result = run("benchmark", str(bad))
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert result.stdout == ""


def test_the_worked_example_of_the_docs(becta: Framework) -> None:
    """docs/benchmarking.md: four schools judge a strand at 4, 3, 3 and 1 (Becta's scale):
    lower quartile 4, median 3, upper quartile 3; percentiles 12.5, 50, 50 and 87.5."""
    reviews = [
        Assessment(
            framework=becta.ref,
            school=School(id=f"s{n}", name=f"School {n}"),
            assessed_on=dt.date(2025, 6, 1),
            judgements={"1a1": Judgement(level=level)},
        )
        for n, level in enumerate((4, 3, 3, 1))
    ]
    cohort = benchmark_sql(becta, reviews)
    stats = cohort.stats("1a1")
    assert (stats.lower_quartile, stats.median, stats.upper_quartile) == (4, 3, 3)
    assert [cohort.position(f"s{n}").percentile("1a1") for n in range(4)] == [12.5, 50, 50, 87.5]


def test_a_cohort_file_of_an_unknown_framework(cohort_file: Path, tmp_path: Path) -> None:
    other = _parquet(
        tmp_path / "other.parquet",
        f"SELECT * REPLACE ('nowhere' AS framework) FROM '{cohort_file}'",
    )
    result = run("benchmark", str(other))
    assert result.exit_code == 1
    assert "`nowhere@2010`, which is not available" in result.stderr


def test_cohort_files_and_assessments_do_not_mix(cohort_file: Path, cohort_dir: Path) -> None:
    result = run("benchmark", str(cohort_file), str(cohort_dir))
    assert result.exit_code == 2
    assert "give cohort files (.parquet) or assessments, not both" in result.stderr
    carried = run("benchmark", str(cohort_file), "--to", "becta-srf@2010")
    assert carried.exit_code == 2
    assert "--to carries assessments" in carried.stderr


def test_evidence_asked_of_a_file_without_it(tmp_path: Path, cohort_dir: Path) -> None:
    plain = tmp_path / "plain.parquet"
    assert run("collect", str(cohort_dir), "-o", str(plain)).exit_code == 0
    result = run("benchmark", str(plain), "--format", "json", "--with-evidence")
    assert result.exit_code == 1
    assert "holds no evidence text" in result.stderr


def test_the_schools_of_a_large_cohort_stream_in_order(tmp_path: Path) -> None:
    """Two thousand schools (more than one batch of positions) come out by id, each once."""
    lines = tmp_path / "many.jsonl"
    with lines.open("w", encoding="utf-8") as stream:
        for n in range(2000, 0, -1):
            review = {
                "kind": "assessment",
                "framework": "becta-srf",
                "school": {"id": f"{n:05d}", "name": f"School {n}"},
                "assessed_on": "2025-06-01",
                "judgements": {"1a1": 1 + n % 5, "1c4": 1 + n % 4},
            }
            stream.write(json.dumps(review) + "\n")
    result = run("benchmark", str(lines), "--format", "json")
    assert result.exit_code == 0, result.output
    cohort = json.loads(result.stdout)
    assert [s["school"]["id"] for s in cohort["schools"]] == [f"{n:05d}" for n in range(1, 2001)]
    assert cohort["strands"]["1a1"]["counts"] == {"1": 400, "2": 400, "3": 400, "4": 400, "5": 400}


@pytest.mark.parametrize(
    "code",
    [
        "import selfreview_core",
        "import selfreview_core.cli",
        "from selfreview_core.cli import main\n"
        "try:\n    main(['validate', 'frameworks/becta-srf.yaml'])\nexcept SystemExit:\n    pass",
        "from selfreview_core.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass",
    ],
    ids=["package", "cli", "validate", "help"],
)
def test_duckdb_is_not_imported_at_start_up(code: str, root: Path) -> None:
    check = f"{code}\nimport sys\nprint('duckdb' in sys.modules)"
    result = decoded(python(["-c", check], cwd=root))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_a_cohort_file_is_benchmarked_without_the_assessment_readers(
    cohort_file: Path, root: Path
) -> None:
    """Start-up of `benchmark COHORT.parquet`: staging (and the worker processes it starts),
    which only assessments need, is not imported; the output is the table all the same."""
    check = (
        "import sys\nfrom selfreview_core.cli import main\n"
        f"try:\n    main(['benchmark', {str(cohort_file)!r}])\nexcept SystemExit:\n    pass\n"
        "names = ('selfreview_core.cohort.staging', 'selfreview_core.cohort.files', "
        "'multiprocessing')\n"
        "print([name for name in names if name in sys.modules])"
    )
    result = decoded(python(["-c", check], cwd=root))
    assert result.returncode == 0, result.stderr
    assert "schools" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_no_progress_bar_can_reach_the_output(root: Path) -> None:
    """DuckDB draws a progress bar on standard output (even a file or a pipe) for a query
    of more than two seconds: a large cohort on a busy machine would break the JSON or CSV
    written there. Every cohort connection has it off (asked in a fresh process, whose
    standard output is a pipe, as a user's `> cohort.json` would be a file)."""
    check = (
        "import duckdb\nfrom selfreview_core.cohort.rows import connect\n"
        "query = \"SELECT current_setting('enable_progress_bar')\"\n"
        "print(duckdb.connect().execute(query).fetchone(), connect().execute(query).fetchone())"
    )
    result = decoded(python(["-c", check], cwd=root))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["(True,)", "(False,)"]  # DuckDB's default, and ours
