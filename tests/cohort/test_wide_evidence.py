"""`benchmark --with-evidence` of a framework of many strands: the texts in long form.

Round 55: step 1 of `cohort.sql` took each strand's evidence text as a filtered aggregate
of its own, a column a strand: over the 1,000 strands of `bench.wide` that ran DuckDB out of
memory (2.3 GB). Step 1 now packs no text; the texts are a table of a row per strand
(`sql_queries.texts_sql`), read only where the positions show them. These tests hold the
cohort so made to the plain definition (`benchmarking.benchmark`), on reviews staged as
several lines each, with texts, strands not applicable and not judged, either scale
direction, with and without questions, latest or every review.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Cohort, Framework, Judgement, Policy
from selfreview_core.cli import cli
from selfreview_core.cohort import sql, sql_queries
from selfreview_core.cohort.benchmarking import benchmark
from selfreview_core.cohort.rows import Layout, connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.sql_long import long_figures
from selfreview_core.cohort.sql_queries import Figures, is_wide, reviews_sql
from selfreview_core.cohort.sql_support import SupportEntries
from selfreview_core.cohort.staged_lines import staged_text

ROOT = Path(__file__).resolve().parents[2]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench.wide import wide_framework, wide_school  # noqa: E402


def _levels_only(document: dict[str, Any], reversed_scale: bool) -> dict[str, Any]:
    """`document` without questions (each strand judged by level), its scale 3..0 or 0..3."""
    plain: dict[str, Any] = json.loads(json.dumps(document))
    plain.pop("answer_sets")
    plain["scale"] = {"best": 0, "worst": 3} if reversed_scale else {"best": 3, "worst": 0}
    for element in plain["elements"]:
        for aspect in element["aspects"]:
            for strand in aspect["strands"]:
                strand.pop("questions")
    return plain


def _reviews(document: dict[str, Any], schools: int, questions: bool) -> list[Assessment]:
    """`schools` reviews (one school in three with an older one too): a strand in seven given
    evidence, one in thirteen not applicable, one in eleven not judged."""
    out = []
    strands = [s["id"] for e in document["elements"] for a in e["aspects"] for s in a["strands"]]
    for n in range(schools):
        made = (
            wide_school(document, n)
            if questions
            else wide_school({"elements": [], "id": "wide", "version": "1"}, n)
        )
        judged: dict[str, Any] = {}
        for k, strand in enumerate(strands):
            if (k + n) % 11 == 0:
                continue
            if (k + n) % 13 == 0:
                judged[strand] = Judgement(applicable=False, evidence=f"Not here {k}")
                continue
            given = made["judgements"][strand] if questions else (k + 2 * n) % 4
            judgement = Judgement(level=given) if isinstance(given, int) else Judgement(**given)
            if (k + n) % 7 == 0:
                judgement = judgement.model_copy(update={"evidence": f'Seen {n}.{k} <"x">'})
            judged[strand] = judgement
        review = Assessment.model_validate({**made, "judgements": {}})
        review = review.model_copy(update={"judgements": judged})
        if n % 3 == 1:
            older = review.model_copy(update={"assessed_on": review.assessed_on.replace(year=2025)})
            out.append(older)
        out.append(review)
    return out


@settings(max_examples=scaled(10), deadline=None)
@given(
    shape=st.tuples(st.integers(1, 2), st.integers(1, 3), st.integers(1, 45)),
    schools=st.integers(1, 4),
    policy=st.sampled_from(["mean", "median", "weakest"]),
    kind=st.sampled_from(["questions", "levels", "reversed"]),
    latest_only=st.booleans(),
    with_evidence=st.booleans(),
    wide=st.booleans(),
)
def test_the_cohort_with_its_texts_is_the_defined_cohort(
    tmp_path_factory: pytest.TempPathFactory,
    shape: tuple[int, int, int],
    schools: int,
    policy: Policy,
    kind: str,
    latest_only: bool,
    with_evidence: bool,
    wide: bool,
) -> None:
    """Up to 270 strands (a review staged as several lines), texts read in long form; `wide`:
    every framework with questions counted from the long form (`is_wide`), as one of 1,111
    ids is, figures, positions and the schools judging each id (`report --cohort`)."""
    document = wide_framework(*shape)
    if kind != "questions":
        document = _levels_only(document, reversed_scale=kind == "reversed")
    framework = Framework.model_validate(document)
    reviews = _reviews(document, schools, kind == "questions")
    folder = tmp_path_factory.mktemp("staged")
    staged = folder / "staged.jsonl"
    with staged.open("w", encoding="utf-8") as out:
        for n, review in enumerate(reviews):
            out.write(staged_text(framework, review, f"#{n + 1}", n, evidence=with_evidence))
    rows = staged_rows(str(staged), evidence=with_evidence, scores=framework.has_questions)
    con = connect(folder)
    try:
        with patch.object(sql_queries, "WIDE_IDS", 0 if wide else sql_queries.WIDE_IDS):
            made = SqlCohort(con, rows, framework, policy, latest_only, with_evidence)
            assert is_wide(made.layout) == (wide and kind == "questions")
            found, judging = made.cohort(), made.judging()
    finally:
        con.close()
    expected = benchmark(
        framework, reviews, policy=policy, latest_only=latest_only, with_evidence=with_evidence
    )
    assert found == expected
    ids = [d.id for d in expected.distributions()]
    assert judging == [
        len({e.school.id for e in expected.schools if e.get(i).level is not None}) for i in ids
    ]


def test_step_one_packs_no_text_and_the_texts_are_a_row_a_strand(tmp_path: Path) -> None:
    """No filtered aggregate a strand in step 1; the texts table is made only when a
    position shows them, a row per strand with a text (none for one not applicable)."""
    document = wide_framework(1, 2, 5)
    framework = Framework.model_validate(document)
    reviews = _reviews(document, 2, questions=True)
    staged = tmp_path / "staged.jsonl"
    with staged.open("w", encoding="utf-8") as out:
        for n, review in enumerate(reviews):
            out.write(staged_text(framework, review, f"#{n}", n, evidence=True))
    con = connect(tmp_path)
    try:
        rows = staged_rows(str(staged), evidence=True, scores=True)
        made = SqlCohort(con, rows, framework, "mean", with_evidence=True)
        assert "r.evidence" not in reviews_sql(made.layout, rows)
        made.figures()
        tables = {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert "cohort_texts" not in tables  # the figures need no text
        cohort = made.cohort()
        texts = con.execute("SELECT seq, i, text FROM cohort_texts ORDER BY ALL").fetchall()
    finally:
        con.close()
    expected = sorted(
        (n, framework.strand_ids.index(strand), judgement.evidence)
        for n, review in enumerate(reviews)
        for strand, judgement in review.judgements.items()
        if judgement.is_applicable and judgement.evidence is not None
    )
    assert texts == expected
    assert texts
    assert cohort == benchmark(framework, reviews, policy="mean", with_evidence=True)


def _wide_inputs(
    tmp_path: Path, schools: int, shape: tuple[int, int, int] = (10, 10, 10)
) -> tuple[dict[str, Any], Path, list[Assessment], Path]:
    """`bench.wide`'s framework (with questions) of `shape` (elements, aspects, strands;
    by default 1,000 strands) in `tmp_path/wide.yaml`, and `schools` reviews of it
    (`_reviews`) in `tmp_path/schools.jsonl`, a line each: (the framework's document, its
    file, the reviews, their file)."""
    document = wide_framework(*shape)
    framework_path = tmp_path / "wide.yaml"
    framework_path.write_text(json.dumps(document), encoding="utf-8")
    reviews = _reviews(document, schools, questions=True)
    lines = tmp_path / "schools.jsonl"
    lines.write_text(
        "".join(r.model_dump_json(exclude_none=True) + "\n" for r in reviews), encoding="utf-8"
    )
    return document, framework_path, reviews, lines


@pytest.mark.slow
def test_benchmark_with_evidence_of_a_thousand_strands_gives_the_defined_cohort(
    tmp_path: Path,
) -> None:
    """The whole command over 1,000 strands, which ran out of DuckDB's memory before round
    55: exit 0, the defined cohort with its texts, JSON and CSV; the inputs unchanged."""
    document, framework_path, reviews, schools = _wide_inputs(tmp_path, 6)
    before = schools.read_bytes()
    out = tmp_path / "cohort.json"
    common = ["benchmark", str(schools), "--framework", str(framework_path), "--with-evidence"]
    result = CliRunner().invoke(cli, [*common, "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    found = Cohort.model_validate_json(out.read_text(encoding="utf-8"))
    framework = Framework.model_validate(document)
    assert found == benchmark(framework, reviews, policy="mean", with_evidence=True)
    assert found.size == 6
    result = CliRunner().invoke(cli, [*common, "--format", "csv"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert 'Seen 0.7 <""x"">' in result.stdout
    assert schools.read_bytes() == before


@pytest.mark.slow
def test_report_against_a_wide_cohort_is_as_before_from_the_long_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`report --cohort` of a wide framework (round 55: 20 s of CPU and 387 MB for a cohort
    of fifty over 1,000 strands, step 3's 70 batches and 1,111 aggregates of
    `schools_judging`): from the long form, the same bytes as counted a column an id; the
    inputs unchanged.

    Every format is run on the long form; the column path in JSON alone (round 56: 12
    runs of 1,000 strands were 8; round 73: 6, the table and the page each of one review),
    which holds all the table and the page are drawn from
    (`cohort.standing.with_standing`: the school's position, the cohort's figures, the
    notes; the rest is the report's own), so the same JSON is the same bytes in each.
    Round 74: 500 strands (556 ids), not 1,000 (1,111): still wide (`is_wide`: past
    `WIDE_IDS`, 512), checked below, and the column path's runs took 4 s each, not 21."""
    document, framework_path, reviews, schools = _wide_inputs(tmp_path, 8, (5, 10, 10))
    layout = Layout(Framework.model_validate(document), "mean")
    assert len(layout.ids) == 556  # past `WIDE_IDS` (512): wide, as 1,000 strands are
    assert is_wide(layout)
    counted: list[int] = []  # the long form's figures, counted (`sql.long_figures`)

    def long_counted(entries: SupportEntries) -> Figures:
        counted.append(len(counted))
        return long_figures(entries)

    monkeypatch.setattr(sql, "long_figures", long_counted)
    cohort = tmp_path / "cohort.parquet"
    made = CliRunner().invoke(
        cli, ["collect", "--framework", str(framework_path), str(schools), "-o", str(cohort)]
    )
    assert made.exit_code == 0, made.output
    one = tmp_path / "one.json"
    one.write_text(reviews[-1].model_dump_json(exclude_none=True), encoding="utf-8")
    other = tmp_path / "other.json"  # a review the cohort does not hold
    other.write_text(
        reviews[-1]
        .model_copy(update={"assessed_on": date(2027, 1, 1)})
        .model_dump_json(exclude_none=True),
        encoding="utf-8",
    )
    before = {p: p.read_bytes() for p in (cohort, one, other)}
    found: dict[tuple[str, str, int], str] = {}
    long = sql_queries.WIDE_IDS  # the long form from this many ids on: every id, here
    runs = (  # the long form, each review in JSON and in one page of its own; a column an id
        (long, one, ("json", "table")),
        (long, other, ("json", "html")),
        (10**6, one, ("json",)),
        (10**6, other, ("json",)),
    )
    for wide, review, forms in runs:
        monkeypatch.setattr(sql_queries, "WIDE_IDS", wide)
        for form in forms:
            before_run = len(counted)
            result = CliRunner().invoke(
                cli,
                [
                    *("report", "--framework", str(framework_path), "--cohort", str(cohort)),
                    *(str(review), "--format", form),
                ],
                catch_exceptions=False,
            )
            assert result.exit_code == 0, result.output
            assert (len(counted) > before_run) == (wide == long), (wide, form)  # its path
            found[review.name, form, wide] = result.stdout
    for name in (one.name, other.name):
        assert found[name, "json", long] == found[name, "json", 10**6], name
        assert set(json.loads(found[name, "json", 10**6])["cohort"]) == {
            "school",
            "cohort",
            "notes",
        }
    assert "\nIn the cohort\n" in found[one.name, "table", long]
    assert '<section id="cohort">' in found[other.name, "html", long]
    assert {p: p.read_bytes() for p in before} == before
