"""The cohort benchmarks of issue 17: `benchmark` over a million schools, `collect`'s speed.

    python -m bench.cohort                      # 1,000,000 schools; 20,000 reviews; ~2 min
    python -m bench.cohort --schools 100000 --reviews 4000   # smaller, quicker, noisier

Goals (docs/performance.md, "Cohorts on DuckDB"):

1. `selfreview benchmark COHORT.parquet` over a cohort of 1,000,000 schools: peak RSS at most
   400 MB, and at most 5 times the time of a plain DuckDB query computing the per-strand level
   counts of the same file. Both run as fresh processes (each pays its start-up), one after
   the other in this run, best of `--repeat`; peak RSS is the process's own (`wait4`), and
   so is the CPU time printed beside the wall time (user + system, all its threads): on a
   shared machine the wall time is partly waiting for a core, the CPU time is not.
2. `selfreview collect` from JSON Lines at least as fast (reviews per second) as
   `selfreview report` on the same file, and `--jobs 2` at least 1.6 times `--jobs 1` (on two
   free cores: a busy machine shows less).

The cohort file is made by DuckDB itself, as `collect` writes one (the columns of SPEC section
8), with levels that vary as real cohorts do: each school has a general standing and each
strand a spread around it, one review in ten leaves a strand out, one school in ten has an
older review too, and evidence is there two times in three. Hash functions of the row
numbers make it the same on every run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench import data  # noqa: E402
from selfreview_core import Engine  # noqa: E402

__all__ = ["Measured", "collect_speed", "generate", "generate_lines", "million", "run"]

#: Becta's twelve strands with their aspects (element 1), as the bundled framework has them.
STRANDS = (
    ("1a1", "1a"), ("1a2", "1a"), ("1b1", "1b"), ("1b2", "1b"), ("1b3", "1b"), ("1b4", "1b"),
    ("1b5", "1b"), ("1b6", "1b"), ("1c1", "1c"), ("1c2", "1c"), ("1c3", "1c"), ("1c4", "1c"),
)  # fmt: skip


def _rows_sql(schools: int) -> str:
    """The SQL both generators start from: `rows` (n, older, strand, aspect, pos, rank,
    has_evidence), each school's reviews (a tenth of them twice, a year apart) and the
    strands judged in them, levels varied as real cohorts vary them (the school's own
    standing, a strand's difference from it, a year's change)."""
    values = ", ".join(f"('{s}', '{a}', {i})" for i, (s, a) in enumerate(STRANDS))
    return f"""
              WITH schools AS (SELECT range AS n FROM range({schools})),
              reviews AS (
                SELECT n, 0 AS older FROM schools
                UNION ALL SELECT n, 1 FROM schools WHERE hash(n, 'older') % 10 = 0
              ),
              strands AS (SELECT * FROM (VALUES {values}) v(strand, aspect, pos)),
              rows AS (
                SELECT n, older, strand, aspect, pos,
                  least(4, greatest(0, (hash(n, 'standing') % 5)::INTEGER - older
                    + (hash(n, pos, older) % 3)::INTEGER - 1)) AS rank,
                  hash(n, pos, 'evidence') % 3 <> 0 AS has_evidence
                FROM reviews, strands
                WHERE hash(n, pos, older, 'skip') % 10 <> 0
              )"""


def generate(path: Path, schools: int) -> int:
    """Write a cohort file of `schools` schools to `path`; returns its rows."""
    con = duckdb.connect()
    try:
        con.execute(
            f"""
            COPY (
              {_rows_sql(schools)}
              SELECT lpad(n::VARCHAR, 7, '0') AS school_id,
                     'School ' || n AS school_name,
                     'Authority ' || (n % 150) AS authority,
                     'becta-srf' AS framework, '2010' AS version,
                     DATE '2025-09-01' + (hash(n) % 300)::INTEGER - 365 * older AS assessed_on,
                     NULL::VARCHAR AS respondent_group,
                     strand, aspect, '1' AS element,
                     (5 - rank)::INTEGER AS level, rank::INTEGER AS rank,
                     has_evidence
              FROM rows ORDER BY n, older DESC, pos
            ) TO '{path}' (FORMAT parquet, COMPRESSION zstd)
            """
        )
        found = con.execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchone()
    finally:
        con.close()
    return int(found[0]) if found else 0


def generate_lines(path: Path, schools: int) -> int:
    """Write `schools` schools' reviews to `path` as JSON Lines, a review a line, as
    `collect`, `support` and the dashboard read them: the levels, dates, names and reviews
    of `generate`'s cohort file, and an evidence text (about 80 characters) on the strands
    that file marks as having evidence. Returns the lines written."""
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute(
            f"""
            COPY (
              {_rows_sql(schools)},
              judged AS (
                SELECT n, older, string_agg(
                  '"' || strand || '": {{"level": ' || (5 - rank) || CASE WHEN has_evidence
                  THEN ', "evidence": "Minutes ' || (hash(n, pos, older) % 100000)
                    || ' of the governors'' review of strand ' || strand
                    || ', with the audit and the staff survey."' ELSE '' END || '}}',
                  ', ' ORDER BY pos) AS judgements
                FROM rows GROUP BY n, older
              )
              SELECT '{{"kind": "assessment", "framework": "becta-srf@2010", "school": '
                || '{{"id": "' || lpad(n::VARCHAR, 7, '0') || '", "name": "School ' || n
                || '", "authority": "Authority ' || (n % 150) || '"}}, "assessed_on": "'
                || (DATE '2025-09-01' + (hash(n) % 300)::INTEGER - 365 * older)
                || '", "judgements": {{' || judgements || '}}}}' AS line
              FROM judged ORDER BY n, older DESC
            ) TO '{path}' (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\t')
            """
        )
        found = con.execute(
            f"SELECT count(*) FROM read_csv('{path}', header = false, columns = "
            "{'line': 'VARCHAR'}, quote = '', escape = '', delim = '\t')"
        ).fetchone()
    finally:
        con.close()
    return int(found[0]) if found else 0


@dataclass(frozen=True, slots=True)
class Measured:
    seconds: float
    peak_mb: float
    #: CPU time (user + system) of the command and its threads: on a shared machine the
    #: wall time is partly waiting for a core, this is not.
    cpu: float = 0.0


#: Runs a command and prints its wall time, peak RSS (KB) and exit code. The measured
#: command is started from this small process, not from the benchmark's own: on Linux a
#: child's peak RSS starts from its parent's size at the fork, so a large parent would
#: inflate it.
_LAUNCH = (
    "import json, os, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "seconds = time.perf_counter() - start\n"
    "error = child.stderr.read().decode(errors='replace')[-500:]\n"
    "cpu = usage.ru_utime + usage.ru_stime\n"
    "print(json.dumps([seconds, usage.ru_maxrss, os.waitstatus_to_exitcode(status), error, cpu]))\n"
)


#: The environment of the measured commands. Start-up as an installed program has it: with
#: its modules' bytecode cached. An editable install has none until a first run writes it,
#: and PYTHONDONTWRITEBYTECODE (set in some sandboxes) would make every run of `benchmark`
#: compile our sources again (about 0.1 s), while DuckDB's were compiled when pip installed
#: it. The plain query runs in the same environment.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str]) -> Measured:
    """Run a command; its wall time and its own peak RSS."""
    found = subprocess.run(
        [sys.executable, "-c", _LAUNCH, *command],
        capture_output=True,
        text=True,
        check=True,
        env=_ENV,
    )
    seconds, peak_kb, code, error, cpu = json.loads(found.stdout)
    if code != 0:
        raise RuntimeError(f"{command[:4]} exited {code}: {error}")
    return Measured(seconds, peak_kb / 1024, cpu)


PLAIN = (
    'import duckdb, sys; duckdb.execute("SELECT strand, level, count(*) FROM read_parquet(?) '
    'GROUP BY ALL", [sys.argv[1]]).fetchall()'
)


def million(schools: int = 1_000_000, repeat: int = 3) -> dict[str, float]:
    """Goal 1: `benchmark` over a cohort file against a plain DuckDB query of it."""
    with tempfile.TemporaryDirectory(prefix="bench-cohort-") as folder:
        path = Path(folder) / "cohort.parquet"
        rows = generate(path, schools)
        ours = [sys.executable, "-m", "selfreview_core", "benchmark", str(path)]
        plain = [sys.executable, "-c", PLAIN, str(path)]
        run(ours)  # warm: bytecode, the page cache
        best_ours = best_plain = cpu_ours = cpu_plain = float("inf")
        peak = 0.0
        for _ in range(repeat):
            measured = run(ours)
            best_ours = min(best_ours, measured.seconds)
            cpu_ours = min(cpu_ours, measured.cpu)
            peak = max(peak, measured.peak_mb)
            floor = run(plain)
            best_plain = min(best_plain, floor.seconds)
            cpu_plain = min(cpu_plain, floor.cpu)
        return {
            "schools": schools,
            "rows": rows,
            "file_mb": path.stat().st_size / 2**20,
            "benchmark_s": best_ours,
            "plain_s": best_plain,
            "ratio": best_ours / best_plain,
            "benchmark_cpu_s": cpu_ours,
            "plain_cpu_s": cpu_plain,
            "cpu_ratio": cpu_ours / cpu_plain,
            "peak_mb": peak,
        }


def collect_speed(reviews: int = 20_000, repeat: int = 3) -> dict[str, float]:
    """Goal 2: reviews per second of `collect` (1 and 2 jobs) and of `report`, on one
    JSON Lines file."""
    framework = Engine(entry_points=False).framework("becta-srf")
    with tempfile.TemporaryDirectory(prefix="bench-collect-") as folder:
        lines = Path(folder) / "reviews.jsonl"
        with lines.open("w", encoding="utf-8") as out:
            for text in data.assessment_texts(framework, reviews):
                review = data.assessment_from_text(text)
                out.write(json.dumps(review.model_dump(mode="json", exclude_none=True)) + "\n")
        command = [sys.executable, "-m", "selfreview_core"]
        runs = {
            "report": [*command, "report", str(lines), "--format", "json", "-o", f"{folder}/r.jsonl"],  # noqa: E501
            "collect_1": [*command, "collect", str(lines), "-o", f"{folder}/c1.parquet"],
            "collect_2": [
                *command, "collect", str(lines), "-o", f"{folder}/c2.parquet", "--jobs", "2",
            ],
        }  # fmt: skip
        best = dict.fromkeys(runs, float("inf"))
        for _ in range(repeat):
            for name, argv in runs.items():
                best[name] = min(best[name], run(argv).seconds)
        speeds = {f"{name}_per_s": reviews / seconds for name, seconds in best.items()}
        return {
            "reviews": reviews,
            **speeds,
            "collect_over_report": speeds["collect_1_per_s"] / speeds["report_per_s"],
            "jobs_2_over_1": speeds["collect_2_per_s"] / speeds["collect_1_per_s"],
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=1_000_000)
    parser.add_argument("--reviews", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("million", "collect"))
    args = parser.parse_args()
    met = True
    if args.only in (None, "million"):
        found = million(args.schools, args.repeat)
        ok = found["peak_mb"] <= 400 and found["ratio"] <= 5
        met &= ok
        print(
            f"benchmark over {found['schools']:,} schools ({found['rows']:,} rows, "
            f"{found['file_mb']:.0f} MB): {found['benchmark_s']:.2f} s, "
            f"peak {found['peak_mb']:.0f} MB; plain DuckDB query {found['plain_s']:.2f} s; "
            f"ratio {found['ratio']:.1f}x "
            f"(goal <= 5x, <= 400 MB): {'MET' if ok else 'NOT MET'}; CPU "
            f"{found['benchmark_cpu_s']:.2f} s / {found['plain_cpu_s']:.2f} s = "
            f"{found['cpu_ratio']:.1f}x; load average {os.getloadavg()[0]:.1f}"
        )
    if args.only in (None, "collect"):
        found = collect_speed(args.reviews, args.repeat)
        ok = found["collect_over_report"] >= 1 and found["jobs_2_over_1"] >= 1.6
        met &= ok
        print(
            f"collect {found['collect_1_per_s']:,.0f} reviews/s (--jobs 2: "
            f"{found['collect_2_per_s']:,.0f}/s), report {found['report_per_s']:,.0f}/s over "
            f"{found['reviews']:,} reviews: collect/report {found['collect_over_report']:.2f}x "
            f"(goal >= 1), jobs 2/1 {found['jobs_2_over_1']:.2f}x (goal >= 1.6): "
            f"{'MET' if ok else 'NOT MET'}"
        )
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
