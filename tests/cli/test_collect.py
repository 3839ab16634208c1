"""`selfreview collect`: assessments in, one Parquet table out, one row per judgement.

Issue 17: "Parquet round trip: what `collect` writes is read back by DuckDB with the
documented columns and types"; "bad inputs reported with file and line and skipped; nothing
half-written"; `--jobs N` gives the same output whatever N.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner, Result

from program import decoded, python, selfreview
from selfreview_core import load_assessment
from selfreview_core.cli import cli
from selfreview_core.cohort.parquet import (
    APPLICABLE_COLUMN,
    COLUMNS,
    EVIDENCE_COLUMN,
    SCORE_COLUMN,
)

BECTA_STRANDS = ["1a1", "1a2", "1b1", "1b2", "1b3", "1b4", "1b5", "1b6", "1c1", "1c2", "1c3", "1c4"]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def rows(path: Path, where: str = "") -> list[tuple[Any, ...]]:
    return duckdb.execute(f"SELECT * FROM read_parquet('{path}') {where}").fetchall()


def describe(path: Path) -> list[tuple[str, str]]:
    found = duckdb.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
    return [(str(name), str(kind)) for name, kind, *_ in found]


def test_the_file_has_the_documented_columns_and_types(cohort_dir: Path, tmp_path: Path) -> None:
    """SPEC section 8's columns, in order, with the types docs/authorities.md gives."""
    out = tmp_path / "cohort.parquet"
    result = run("collect", str(cohort_dir), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert describe(out) == [*COLUMNS, SCORE_COLUMN, APPLICABLE_COLUMN]
    assert "Collected 11 reviews (108 rows)" in result.stderr


def test_one_row_per_judgement_as_the_files_say(cohort_dir: Path, tmp_path: Path) -> None:
    """Every judgement of every review is one row, in input order (a review's rows in
    framework order), with its level, rank, aspect, element and evidence flag."""
    out = tmp_path / "cohort.parquet"
    assert run("collect", str(cohort_dir), "-o", str(out)).exit_code == 0
    expected = []
    for file in sorted(cohort_dir.glob("*.yaml")):
        review = load_assessment(file)
        for strand in BECTA_STRANDS:
            judgement = review.judgements.get(strand)
            if judgement is None:
                continue
            assert judgement.level is not None  # the examples judge by level
            rank = 5 - judgement.level  # Becta: 5 worst, 1 best
            flag = bool(judgement.evidence and judgement.evidence.strip())
            expected.append(
                (
                    review.school.id,
                    review.school.name,
                    review.school.authority,
                    "becta-srf",
                    "2010",
                    review.assessed_on,
                    None,
                    strand,
                    strand[:2],
                    "1",
                    judgement.level,
                    rank,
                    flag,
                    float(rank),  # score: a level's score is its rank
                    True,  # applicable
                )
            )
    assert rows(out) == expected


def test_evidence_text_only_when_asked_for(tmp_path: Path, root: Path) -> None:
    source = root / "examples" / "example-primary-2025.yaml"
    plain, full = tmp_path / "plain.parquet", tmp_path / "full.parquet"
    assert run("collect", str(source), "-o", str(plain)).exit_code == 0
    assert run("collect", str(source), "-o", str(full), "--with-evidence").exit_code == 0
    assert "evidence" not in dict(describe(plain))
    assert describe(full) == [*COLUMNS, SCORE_COLUMN, APPLICABLE_COLUMN, EVIDENCE_COLUMN]
    review = load_assessment(source)
    texts = dict(duckdb.execute(f"SELECT strand, evidence FROM '{full}'").fetchall())
    assert texts == {s: j.evidence for s, j in review.judgements.items()}
    flags = dict(duckdb.execute(f"SELECT strand, has_evidence FROM '{plain}'").fetchall())
    assert flags == {
        s: bool(j.evidence and j.evidence.strip()) for s, j in review.judgements.items()
    }


def _line(school: str, judgements: dict[str, Any], day: str = "2025-06-01") -> str:
    return json.dumps(
        {
            "kind": "assessment",
            "framework": "becta-srf",
            "school": {"id": school, "name": f"School {school}"},
            "assessed_on": day,
            "judgements": judgements,
        }
    )


def test_bad_inputs_are_reported_with_file_and_line_and_skipped(tmp_path: Path) -> None:
    """A broken line, a strand the framework lacks and an unreadable file are each named
    (file and line) on stderr; the good reviews are written; exit 1."""
    lines = tmp_path / "reviews.jsonl"
    lines.write_text(
        "\n".join(
            [
                _line("1", {"1a1": 3}),
                "{not json",
                _line("2", {"1z9": 3}),
                "",
                _line("3", {"1a1": 2, "1a2": 4}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: assessment\nschool: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out" / "cohort.parquet"
    out.parent.mkdir()
    result = run("collect", str(lines), str(broken), "-o", str(out))
    assert result.exit_code == 1
    assert f"{lines}:2:" in result.stderr
    assert f"{lines}:3:" in result.stderr
    assert "1z9" in result.stderr
    assert f"{broken}:" in result.stderr
    assert "3 of 5 inputs skipped" in result.stderr
    assert [r[0] for r in rows(out)] == ["1", "3", "3"]


def test_a_review_with_no_judgement_keeps_one_row_with_no_strand(tmp_path: Path) -> None:
    """The school took part: one row, its strand, level and rank null, so a benchmark of the
    file counts it (as not judged anywhere)."""
    lines = tmp_path / "reviews.jsonl"
    lines.write_text(_line("1", {}) + "\n" + _line("2", {"1a1": 3}) + "\n", encoding="utf-8")
    out = tmp_path / "cohort.parquet"
    assert run("collect", str(lines), "-o", str(out)).exit_code == 0
    empty = rows(out, "WHERE school_id = '1'")
    assert len(empty) == 1
    assert empty[0][7:] == (None,) * 8  # score and applicable too
    table = run("benchmark", str(out), "--format", "json")
    assert table.exit_code == 0, table.output
    cohort = json.loads(table.stdout)
    assert cohort["size"] == 2
    assert cohort["strands"]["1a1"]["unjudged"] == 1


def _many(copied: Path, tmp_path: Path) -> Path:
    """1,300 reviews as JSON Lines (several chunks for the workers), and a bad file beside
    the folder's reviews; the lines' path."""
    lines = tmp_path / "more.jsonl"
    lines.write_text(
        "".join(_line(str(n), {"1a1": 1 + n % 5, "1b2": 1 + n % 3}) + "\n" for n in range(1300)),
        encoding="utf-8",
    )
    (copied / "bad.yaml").write_text("kind: assessment\n", encoding="utf-8")
    return lines


def test_the_output_is_the_same_whatever_the_jobs(copied: Path, tmp_path: Path) -> None:
    lines = _many(copied, tmp_path)
    outputs = []
    for jobs in ("1", "2", "0"):
        out = tmp_path / f"jobs-{jobs}.parquet"
        result = run("collect", str(copied), str(lines), "-o", str(out), "--jobs", jobs)
        assert result.exit_code == 1  # the bad file
        outputs.append((rows(out), result.stderr.replace(str(out), "OUT")))
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(outputs[0][0]) == 108 + 2 * 1300


def test_forked_workers_write_what_one_process_writes(copied: Path, tmp_path: Path) -> None:
    """`selfreview collect --jobs 2` run as a command (one thread while it stages, so its
    workers are forked, not started afresh) writes the bytes `--jobs 1` writes, and says
    the same."""
    lines = _many(copied, tmp_path)
    found = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs-{jobs}.parquet"
        command = ["collect", str(copied), str(lines)]
        done = decoded(selfreview([*command, "-o", str(out), "--jobs", jobs]))
        assert done.returncode == 1, done.stderr  # the bad file, and nothing worse
        found.append((out.read_bytes(), done.stderr.replace(str(out), "OUT")))
    assert found[0] == found[1]
    assert "bad.yaml" in found[0][1]


def test_workers_are_forked_only_from_a_process_of_one_thread() -> None:
    """Forking a process that runs DuckDB's threads could leave a lock held in the child:
    workers are then started afresh."""
    code = (
        "from selfreview_core.cohort.staging import _threaded\n"
        "before = _threaded()\n"
        "import duckdb\n"
        "con = duckdb.connect()\n"
        "con.execute('SELECT sum(range) FROM range(1000000)').fetchall()\n"
        "print(before, _threaded())\n"
    )
    done = decoded(python(["-c", code]))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True"]


def test_two_reviews_of_one_school_on_one_date_keep_the_last_read(
    copied: Path, tmp_path: Path
) -> None:
    original = copied / "primary-3-2025.yaml"
    copy = copied / "zz-copy.yaml"
    copy.write_text(original.read_text(encoding="utf-8").replace("  1a1: 2\n", "  1a1: 4\n"))
    out = tmp_path / "cohort.parquet"
    result = run("collect", str(copied), "-o", str(out))
    assert result.exit_code == 1
    assert "school 900003 has 2 reviews dated 2025-06-18" in result.stderr
    assert f"{copy} (read last) is kept, {original} left out" in result.stderr
    kept = rows(out, "WHERE school_id = '900003' AND strand = '1a1'")
    assert [r[10] for r in kept] == [4]
    assert "Collected 11 reviews" in result.stderr


def test_never_over_an_input_and_nothing_written_on_refusal(
    cohort_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "one.yaml"
    shutil.copy(cohort_dir / "primary-3-2025.yaml", target)
    before = target.read_bytes()
    result = run("collect", str(target), "-o", str(target))
    assert result.exit_code == 2
    assert "which this command reads" in result.stderr
    assert target.read_bytes() == before
    missing = tmp_path / "no-such-folder" / "cohort.parquet"
    assert run("collect", str(target), "-o", str(missing)).exit_code == 2
    assert not missing.parent.exists()


def test_no_usable_assessment_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("kind: assessment\n", encoding="utf-8")
    out = tmp_path / "cohort.parquet"
    result = run("collect", str(tmp_path / "bad.yaml"), "-o", str(out))
    assert result.exit_code == 1
    assert "nothing was written" in result.stderr
    assert not out.exists()


def test_an_existing_file_is_replaced_whole(cohort_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "cohort.parquet"
    out.write_bytes(b"old")
    assert run("collect", str(cohort_dir), "-o", str(out)).exit_code == 0
    assert len(rows(out)) == 108
    assert [p.name for p in tmp_path.iterdir()] == ["cohort.parquet"]  # no temporary left


def test_standard_output(cohort_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["collect", str(cohort_dir), "-o", "-"])
    assert result.exit_code == 0
    out = tmp_path / "piped.parquet"
    out.write_bytes(result.stdout_bytes)
    assert len(rows(out)) == 108


def test_a_cohort_file_is_not_an_input(cohort_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "cohort.parquet"
    assert run("collect", str(cohort_dir), "-o", str(out)).exit_code == 0
    result = run("collect", str(out), "-o", str(tmp_path / "again.parquet"))
    assert result.exit_code == 2
    assert "is a cohort file already" in result.stderr


def test_reviews_of_several_frameworks_each_name_their_own(root: Path, tmp_path: Path) -> None:
    awards = root / "examples" / "awards"
    out = tmp_path / "cohort.parquet"
    result = run(
        "collect",
        str(awards / "example-school.yaml"),
        str(root / "examples" / "example-primary-2025.yaml"),
        "--framework",
        str(awards / "illustrative-award-framework.yaml"),
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    found = duckdb.execute(
        f"SELECT framework, version, min(rank), max(rank) FROM '{out}' GROUP BY ALL ORDER BY 1"
    ).fetchall()
    # example-awards runs 0 (worst) .. 3 (best): its rank is its level.
    assert found[0][:2] == ("becta-srf", "2010")
    assert found[1][:2] == ("example-awards", "1")
    same = duckdb.execute(
        f"SELECT count(*) FROM '{out}' WHERE framework = 'example-awards' AND level <> rank"
    )
    assert same.fetchall() == [(0,)]


def test_the_file_is_dated_as_a_date(cohort_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "cohort.parquet"
    assert run("collect", str(cohort_dir), "-o", str(out)).exit_code == 0
    days = {r[0] for r in duckdb.execute(f"SELECT DISTINCT assessed_on FROM '{out}'").fetchall()}
    assert dt.date(2025, 6, 18) in days


@pytest.mark.slow  # workers are started
def test_a_full_disk_while_workers_stage_is_an_error_and_writes_nothing(
    copied: Path, tmp_path: Path
) -> None:
    """A worker that cannot write its staged reviews (the disk full) stops `collect` with
    the system's reason and exit code 1: no traceback, and no cohort file, not even a part
    of one, where the output was to be; an earlier file there is kept as it was. Run in a
    process of its own: one thread, so its workers are forked and inherit the full disk."""
    lines = _many(copied, tmp_path)
    out = tmp_path / "cohort.parquet"
    out.write_bytes(b"last year's cohort")
    code = (
        "import errno, sys\n"
        "from selfreview_core.cohort import staging\n"
        "def full(path, parts):\n"
        "    raise OSError(errno.ENOSPC, 'No space left on device', path)\n"
        "staging.write_parts = full\n"
        "from selfreview_core.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    command = ["-c", code, "collect", str(lines), "-o", str(out), "--jobs", "2"]
    done = decoded(python(command))
    assert done.returncode == 1, done.stderr
    assert "No space left on device" in done.stderr
    assert "Traceback" not in done.stderr
    assert out.read_bytes() == b"last year's cohort"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort", "cohort.parquet", "more.jsonl"]


def test_a_cohort_file_under_another_name_is_written_with_a_warning(
    cohort_dir: Path, tmp_path: Path
) -> None:
    """The cohort commands know a cohort file by its name: written as `cohort.csv`, it would
    be read as an assessment by them (and as it is by DuckDB), so the user is told."""
    out = tmp_path / "cohort.csv"
    result = run("collect", str(cohort_dir), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"PAR1")
    assert len(rows(out)) == 108
    assert result.stderr.splitlines()[-1] == (
        "warning: benchmark, support and report --cohort know a cohort file by its name, "
        f"*.parquet: they would read {out} as an assessment (try {tmp_path / 'cohort.parquet'}; "
        "DuckDB, Polars and Spark read it as it is)"
    )
    misread = run("benchmark", str(out))
    assert misread.exit_code == 1
    assert (
        f"{out}:1:16: error: this is a binary file, not YAML or JSON text "
        "(a cohort file? Its name must end in .parquet)"
    ) in misread.stderr


@pytest.mark.parametrize("name", ["cohort.parquet", "COHORT.PARQUET", "-", "/dev/null"])
def test_no_warning_for_a_cohort_files_own_name_standard_output_or_a_device(
    name: str, cohort_dir: Path, tmp_path: Path
) -> None:
    output = name if name in ("-", "/dev/null") else str(tmp_path / name)
    result = run("collect", str(cohort_dir), "-o", output)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Collected 11 reviews (108 rows) into ")
    assert len(result.stderr.splitlines()) == 1
