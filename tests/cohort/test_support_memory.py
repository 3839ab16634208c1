"""`selfreview support`'s memory grows by a few bytes a school, whatever the format (SPEC
section 8: "A cohort of 1,000,000 schools runs in well under 400 MB").

Round 60 measured about 1.7 kB a school in a table and 2.2 kB in JSON, about 2 GB at a
million: every school id of every shortfall and recommendation was held as a Python string
(some 60 to 100 bytes each), then the whole output as one string. Since round 61 each id is
held once, each list as places (4 bytes a school), and JSON and CSV are written a part at a
time (`cohort.support_ids`, `cohort.support_views`). The growth is measured by Python's
own count of what it holds (`tracemalloc`), not by time: the peak over a cohort of 4N
schools less that over N, per school added, with every batch (DuckDB's rows, ids written
at a time) made small so that none of them grows with the cohort here.

`tracemalloc` counts what every thread of the process allocates while it runs, and what
the collector has not freed yet: in the full parallel suite one large cohort's peak came
out 3.9 MB high once (2,183 bytes a school) and never in a rerun (round 66). So garbage is
collected before each count, and a count over the bound is taken again (`MEASURES` at
most), each cohort's least peak kept: a one-off rise is in one count, a school's bytes
held are in every one."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
import tracemalloc
from pathlib import Path
from typing import Final

import pytest
from click.testing import CliRunner

from selfreview_core import Assessment, Framework, Judgement, School
from selfreview_core.cli import cli
from selfreview_core.cohort import lowered_memory, sql_support, support_views
from selfreview_core.cohort.interrupting import threads_of
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.sql_support import has_entries
from selfreview_core.cohort.staged_lines import staged_text

ROOT = Path(__file__).resolve().parents[2]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench.cohort import generate  # noqa: E402

#: The smaller cohort; the larger has four times as many schools. 300, not 600 (round 82):
#: the growth is counted over the 900 schools between them, and it came out 144 bytes a
#: school here (115 at 600: what does not grow is spread thinner), and 540 with each list's
#: places held as Python ints (514 at 600), so either size tells the two apart.
SCHOOLS: Final = 300
#: Bytes a school may add to the peak: its id once (some 15 bytes), its places in the lists
#: of about six shortfalls and seventeen recommendations (4 bytes each) and room to spare.
#: Round 60's list added about 1,000 bytes a school in a table and 2,600 in JSON.
PER_SCHOOL: Final = 400
#: The most counts of each cohort's peak (`_growth`): the least of them is what is held.
MEASURES: Final = 3
#: A long school id's characters, and four times as many (`support`'s page).
LONG_ID: Final = 50_000


@pytest.fixture(scope="module")
def cohorts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("cohorts")
    small, large = folder / "small.parquet", folder / "large.parquet"
    generate(small, SCHOOLS)
    generate(large, 4 * SCHOOLS)
    return small, large


def _peak(cohort: Path, output: Path) -> int:
    """The most Python held while `support` listed `cohort` into `output`, what earlier
    tests left to the collector freed first."""
    gc.collect()
    tracemalloc.start()
    try:
        result = CliRunner().invoke(cli, ["support", str(cohort), "-o", str(output)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.exit_code == 0, result.output
    return peak


@pytest.mark.parametrize("suffix", ["json", "csv", "txt"])
def test_each_school_adds_a_few_bytes_to_what_support_holds(
    cohorts: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    monkeypatch.setattr(sql_support, "REVIEW_ROWS", 240)  # 20 schools' strands a query
    monkeypatch.setattr(sql_support, "PLACES_READ", 100, raising=False)
    monkeypatch.setattr(support_views, "IDS_AT_ONCE", 100, raising=False)
    small, large = cohorts
    assert _growth(small, large, tmp_path / f"support.{suffix}") < PER_SCHOOL


def _growth(small: Path, large: Path, output: Path) -> float:
    """The bytes a school adds to `support`'s peak: the least peak of `large` less the least
    of `small`, per school more, counted again (up to `MEASURES` times each) while it is over
    `PER_SCHOOL`: a rise of another thread's or of the collector's in one count is not a
    school's (a school's bytes are in every count)."""
    # Every module imported, every cache filled, before the counting; not traced, which
    # doubled its time (round 74): what it leaves is counted by no count after it either.
    warmed = CliRunner().invoke(cli, ["support", str(small), "-o", str(output)])
    assert warmed.exit_code == 0, warmed.output
    larger: list[int] = []
    smaller: list[int] = []
    for _ in range(MEASURES):
        larger.append(_peak(large, output))
        smaller.append(_peak(small, output))
        grown = (min(larger) - min(smaller)) / (3 * SCHOOLS)
        if grown < PER_SCHOOL:
            break
    return grown


def _long_id_reviews(path: Path, framework: Framework, length: int) -> None:
    """Two schools below every level, the first with an id of `length` characters (`x`):
    listed on every row of the page."""
    long_id = "x" * length
    with path.open("w", encoding="utf-8") as out:
        for school in (long_id, "s1"):
            review = Assessment(
                framework=framework.ref,
                school=School(id=school, name="A school"),
                assessed_on=dt.date(2025, 9, 1),
                judgements={
                    s: Judgement(level=framework.scale.from_rank(0)) for s in framework.strand_ids
                },
            )
            out.write(review.model_dump_json(exclude_none=True) + "\n")


def test_a_long_school_id_adds_to_the_page_only_what_the_page_holds_of_it(
    tmp_path: Path, becta: Framework
) -> None:
    """A school id of any length is taken (SPEC has no limit), and the page lists it on
    each row: the page is written a line at a time, so what `support` holds grows by about
    the page's own copies of the id. Joined whole, then copied again for its last newline,
    it held three more (a page of 78 MB peaked at 488 MB for an id of 2,000,000 characters,
    184 MB written a line at a time, round 63)."""
    peaks, pages = [], []
    for length in (LONG_ID, 4 * LONG_ID):
        reviews, output = tmp_path / f"long{length}.jsonl", tmp_path / "support.html"
        _long_id_reviews(reviews, becta, length)
        tracemalloc.start()
        try:
            result = CliRunner().invoke(cli, ["support", str(reviews), "-o", str(output)])
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
        assert result.exit_code == 0, result.output
        pages.append(output.read_text(encoding="utf-8"))
    copies = pages[1].count(4 * LONG_ID * "x")
    assert copies == pages[0].count(LONG_ID * "x") > 10  # on every row
    grown = (peaks[1] - peaks[0]) / (3 * LONG_ID)  # bytes held per character added
    assert grown < 1.5 * copies


#: Reviews staged with their texts, and the limit their names are read within: round 66's
#: names of them (every judgement's row read, on two threads) ran out under 100 MB.
STAGED: Final = 20_000
NAMES_LIMIT: Final = 64


def test_a_staged_cohort_s_names_are_read_within_a_lowered_limit_on_one_thread(
    tmp_path: Path, becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`support` of a million schools from JSON Lines with evidence ran out of its 160 MB
    (round 66) making their names: every judgement's row of the staging file, its texts
    too, read on two threads (DuckDB's JSON reader holds buffers of 32 MiB a thread) and
    grouped by review. Read from the lines' heads alone on one thread (`Rows.names`),
    20,000 schools' fit under 64 MB, with each school's name and authority, and the
    connection's threads are put back after."""
    path = tmp_path / "staged.jsonl"
    text = "Termly leader safeguarding licence observation review budget software filtering."
    with path.open("w", encoding="utf-8") as out:
        for n in range(STAGED):
            review = Assessment(
                framework=becta.ref,
                school=School(id=f"s{n:05d}", name=f"School {n}", authority=f"LEA {n % 150}"),
                assessed_on=dt.date(2025, 9, 1),
                judgements={
                    s: Judgement(level=becta.scale.from_rank(n % 4), evidence=f"{text} {n}")
                    for s in becta.strand_ids
                },
            )
            out.write(staged_text(becta, review, f"#{n + 1}", n, evidence=True))
    monkeypatch.setattr(lowered_memory, "LOWERED_MEMORY_LIMIT", f"{NAMES_LIMIT}MB")
    monkeypatch.setattr(lowered_memory, "_LOWERED_BYTES", NAMES_LIMIT * 1000**2)
    con = connect(tmp_path)
    con.execute("SET threads = 2")  # as on two cores or more, whatever this machine's
    rows = staged_rows(os.fspath(path), evidence=True, scores=becta.has_questions)
    cohort = SqlCohort(con, rows, becta, with_evidence=True)
    assert has_entries(cohort)  # its reviews made, as `support` makes them, past the limit
    seen = [entry[:3] for entry in cohort.each_entry(None, scores=False, texts=False)]
    assert threads_of(con) == 2
    assert len(seen) == STAGED
    assert seen[7] == ("s00007", "School 7", "LEA 7")
    assert seen[-1] == (f"s{STAGED - 1:05d}", f"School {STAGED - 1}", f"LEA {(STAGED - 1) % 150}")
