"""`report --cohort COHORT` and `report --history PATH...`: a report with the cohort's view
and the school's reviews over the years.

Issue 17: "`report --cohort COHORT`: a school's report shows where it stands in the cohort
(percentile per aspect, the cohort median on the chart)"; "`report --history PATH...` shows
each aspect's level review by review, as a line chart in HTML".
"""

from __future__ import annotations

import functools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Framework, benchmark, load_assessment
from selfreview_core.cli import cli
from selfreview_core.cohort.history import HistoryError, history, history_chart
from selfreview_core.cohort.interrupting import unwatch
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.staged_lines import record
from selfreview_core.cohort.standing import (
    CohortMismatchError,
    standing,
    withheld_note,
    withhold,
)
from selfreview_core.model.questions import Terms
from selfreview_core.scoring.profiles import score
from selfreview_core.testing import (
    answered_assessments,
    assessments,
    frameworks,
    question_frameworks,
)

ROOT = Path(__file__).resolve().parents[2]
REVIEW_2026 = ROOT / "examples" / "example-primary-2026.yaml"
REVIEW_2025 = ROOT / "examples" / "example-primary-2025.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def cohort_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cohort") / "cohort.parquet"
    assert run("collect", str(ROOT / "examples" / "cohort"), "-o", str(out)).exit_code == 0
    return out


@functools.cache
def _database() -> duckdb.DuckDBPyConnection:
    """One DuckDB as `connect` sets it up (limits, threads, no progress bar), unwatched so
    that no signal handler outlives the test. A connection costs some 20 to 35 ms of
    processor time, a cursor of it 0.3: each cohort is on a cursor, a connection of its
    own to the one database, with its own temporary tables, closed by the test."""
    database = connect()
    unwatch(database)
    return database


def _sql(work: Path, framework: Framework, reviews: list[Assessment]) -> SqlCohort:
    path = work / "staged.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n, review in enumerate(reviews):
            out.write(f'{{"q":{n},{record(framework, review, "x", evidence=False)[1:]}\n')
    rows = staged_rows(str(path), scores=framework.has_questions)
    return SqlCohort(_database().cursor(), rows, framework)


@settings(max_examples=scaled(25))
@given(
    frameworks(max_elements=2, max_aspects=2, max_strands=2).flatmap(
        lambda f: st.tuples(st.just(f), st.lists(assessments(f), max_size=5), assessments(f))
    )
)
def test_a_review_outside_the_cohort_stands_where_it_would_if_added(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[Framework, list[Assessment], Assessment]
) -> None:
    """Its percentile everywhere is the one `benchmark` would give it among the cohort's
    schools and itself; its levels are its own."""
    framework, drawn, newcomer = case
    reviews = [
        r.model_copy(update={"school": r.school.model_copy(update={"id": f"s{i}"})})
        for i, r in enumerate(drawn)
    ]
    newcomer = newcomer.model_copy(
        update={"school": newcomer.school.model_copy(update={"id": "new"})}
    )
    sql = _sql(tmp_path_factory.mktemp("standing"), framework, reviews)
    try:
        _, entry = standing(sql, newcomer)
    finally:
        sql.con.close()
    expected = benchmark(framework, [*reviews, newcomer]).position("new")
    for node_id in (*framework.strand_ids, *(a.id for a in framework.aspects), "overall"):
        assert entry.level(node_id) == expected.level(node_id)
        assert entry.percentile(node_id) == pytest.approx(expected.percentile(node_id))


@settings(max_examples=scaled(25))
@given(
    question_frameworks(max_elements=2, max_aspects=2, max_strands=2).flatmap(
        lambda f: st.tuples(
            st.just(f), st.lists(answered_assessments(f), max_size=5), answered_assessments(f)
        )
    )
)
def test_a_review_outside_a_question_cohort_stands_where_its_scores_put_it(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[Framework, list[Assessment], Assessment]
) -> None:
    """In a framework with questions, likewise, percentiles by score (SPEC section 10)."""
    test_a_review_outside_the_cohort_stands_where_it_would_if_added.hypothesis.inner_test(  # type: ignore[attr-defined]
        tmp_path_factory, case
    )


@settings(max_examples=scaled(25))
@given(
    frameworks(max_elements=2, max_aspects=2, max_strands=2).flatmap(
        lambda f: st.tuples(
            st.just(f),
            st.lists(assessments(f), max_size=8),
            assessments(f),
            st.booleans(),
            st.integers(1, 6),
        )
    )
)
def test_no_figure_shown_against_a_cohort_rests_on_fewer_than_min_group_other_schools(
    tmp_path_factory: pytest.TempPathFactory,
    case: tuple[Framework, list[Assessment], Assessment, bool, int],
) -> None:
    """Every cohort figure shown (counts, quartiles, median, the school's percentile) has
    more than `min_group` schools with a level there, so at least `min_group` besides any
    one of them (the school's own earlier review counts as one); every other figure is as
    `standing` gives it, and the withheld ones are those named, with their counts."""
    framework, drawn, review, held, min_group = case
    reviews = [
        r.model_copy(update={"school": r.school.model_copy(update={"id": f"s{i}"})})
        for i, r in enumerate(drawn)
    ]
    own = "s0" if held and reviews else "new"
    review = review.model_copy(update={"school": review.school.model_copy(update={"id": own})})
    sql = _sql(tmp_path_factory.mktemp("withheld"), framework, reviews)
    try:
        cohort, entry = standing(sql, review)
        counted = sql.judging()
    finally:
        sql.con.close()
    cut, place, withheld = withhold(cohort, entry, counted, min_group)
    judging = {stats.id: 0 for stats in cohort.distributions()}
    for other in reviews:
        profile = score(framework, other, "median")
        for stats in cohort.distributions():
            level = profile.overall if stats.kind == "overall" else profile.level(stats.id)
            judging[stats.id] += level is not None
    assert withheld == {k: n for k, n in judging.items() if n <= min_group}
    for stats in cut.distributions():
        before, own_place = cohort.stats(stats.id), place.get(stats.id)
        assert own_place.level == entry.get(stats.id).level  # its own level always shown
        if judging[stats.id] > min_group:
            assert stats == before
            assert own_place == entry.get(stats.id)
            continue
        figures = (stats.lower_quartile, stats.median, stats.upper_quartile)
        assert set(figures) | set(stats.counts.values()) == {None}
        assert own_place.percentile is None
        # marked withheld where it had a percentile; a strand it did not judge is as it was
        assert own_place.suppressed is (entry.get(stats.id).percentile is not None)
        assert stats.suppressed
    assert cut.min_group == min_group
    if withheld:
        note = withheld_note(withheld, min_group)
        assert all(f" {node_id}" in note for node_id in withheld)
        assert note.endswith(
            f"at least {min_group + 1} schools have a level, so that {min_group} or more stand "
            "behind it besides any one of them, and it is withheld alike in every school's "
            "report: with fewer, it would tell where they stand (--min-group)."
        )
    else:
        assert withheld_note(withheld, min_group) == ""


@settings(max_examples=scaled(20))
@given(
    frameworks(max_elements=2, max_aspects=2, max_strands=3).flatmap(
        lambda f: st.tuples(
            st.just(f), st.lists(assessments(f), min_size=1, max_size=8), st.integers(1, 6)
        )
    )
)
def test_no_difference_between_two_schools_views_tells_a_school_s_level(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[Framework, list[Assessment], int]
) -> None:
    """The differencing attack, over generated cohorts: each school's view of the cohort
    (its own review's, and a review that merely carries its id, and a newcomer's) shows the
    same figures and withholds the same ones, so no difference between two views says
    anything; and every figure shown has more than `min_group` schools behind it, so at
    least `min_group` besides whichever school reads it."""
    framework, drawn, min_group = case
    reviews = [
        r.model_copy(update={"school": r.school.model_copy(update={"id": f"s{i}"})})
        for i, r in enumerate(drawn)
    ]
    newcomer = reviews[-1].model_copy(
        update={"school": reviews[-1].school.model_copy(update={"id": "new"})}
    )
    sql = _sql(tmp_path_factory.mktemp("differencing"), framework, reviews)
    try:
        counted = sql.judging()
        views = [
            withhold(*standing(sql, viewer), counted, min_group)[0].distributions()
            for viewer in (*reviews, newcomer)
        ]
    finally:
        sql.con.close()
    first, *rest = (list(view) for view in views)
    assert all(view == first for view in rest)
    for stats in first:
        if not stats.suppressed:
            assert (stats.judged or 0) > min_group


def test_the_note_groups_the_ids_by_how_many_schools_judge_them() -> None:
    note = withheld_note(
        {"1a1": 3, "1a2": 0, "1b": 3, "2a1": 1}, 5, Terms(subject="college", subjects="colleges")
    )
    assert note == (
        "The cohort has 3 colleges judging each of 1a1, 1b: fewer than 6, so their figures "
        "are not shown. The cohort has 1 college judging 2a1: fewer than 6, so its figures are "
        "not shown. The cohort has no colleges judging 1a2: fewer than 6, so its figures are "
        "not shown. A cohort figure (median, quartiles, counts, and this college's percentile) "
        "is shown only where at least 6 colleges have a level, so that 5 or more stand behind "
        "it besides any one of them, and it is withheld alike in every college's report: with "
        "fewer, it would tell where they stand (--min-group)."
    )


def test_the_note_is_empty_with_nothing_withheld_and_keeps_words_of_several_parts() -> None:
    assert withheld_note({}, 5) == ""
    terms = Terms(subject="early years setting", subjects="early years settings")
    assert withheld_note({"1a1": 2}, 5, terms).startswith(
        "The cohort has 2 early years settings judging 1a1: fewer than 6,"
    )


def test_a_review_in_the_cohort_stands_where_the_cohort_puts_it(cohort_file: Path) -> None:
    result = run(
        "report",
        str(ROOT / "examples" / "cohort" / "primary-3-2025.yaml"),
        "--cohort",
        str(cohort_file),
    )
    assert result.exit_code == 0, result.output
    school = run("benchmark", str(cohort_file), "--school", "900003").stdout
    assert result.stdout.endswith(school)
    assert "\nIn the cohort\n" in result.stdout


def test_the_html_report_shows_the_cohort_median_and_percentiles(
    cohort_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    result = run("report", str(REVIEW_2026), "--cohort", str(cohort_file), "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    section = page[page.index('<section id="cohort">') : page.index('<section id="strands">')]
    assert "against the cohort" in section
    assert "cohort median" in section
    assert re.search(r"level 4, median 3, percentile \d+", section)
    assert '<figure class="school-radar">' in section  # the dashboard's radar, too


def test_the_json_report_gains_a_cohort_key(cohort_file: Path) -> None:
    result = run("report", str(REVIEW_2026), "--cohort", str(cohort_file), "--format", "json")
    data = json.loads(result.stdout)
    assert data["cohort"]["cohort"]["size"] == 10
    assert set(data["cohort"]["school"]["aspects"]) == {"1a", "1b", "1c"}
    assert data["profile"]["overall"] == 3  # the report itself is as it was


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "markdown"), "adds to the table, html, json, summary formats, not markdown"),
        (("--format", "csv"), "Invalid value for --cohort: adds to the table, html, json, summary"),
        (("--history", str(REVIEW_2025), "--format", "json"), "adds to the table and html"),
        (
            ("--history", str(REVIEW_2025), "--format", "summary"),
            "Invalid value for --history: adds to the table and html formats, not summary",
        ),
    ],
)
def test_formats_that_cannot_show_it_are_refused(
    cohort_file: Path, args: tuple[str, ...], message: str
) -> None:
    result = run("report", str(REVIEW_2026), "--cohort", str(cohort_file), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_one_assessment_only_and_a_cohort_file_only(cohort_file: Path) -> None:
    batch = run("report", str(REVIEW_2026), str(REVIEW_2025), "--cohort", str(cohort_file))
    assert batch.exit_code == 2
    assert "needs a single ASSESSMENT file" in batch.stderr
    not_parquet = run("report", str(REVIEW_2026), "--cohort", str(REVIEW_2025))
    assert not_parquet.exit_code == 2
    assert "give a cohort file" in not_parquet.stderr


@pytest.mark.parametrize("output", ["table", "summary"])
def test_a_cohort_of_another_framework_is_refused(tmp_path: Path, output: str) -> None:
    """Located in the cohort file, exit 1, and nothing written: the governors' page as the
    report."""
    awards = ROOT / "examples" / "awards"
    out = tmp_path / "other.parquet"
    framework_file = str(awards / "illustrative-award-framework.yaml")
    made = run(
        "collect", str(awards / "example-school.yaml"), "--framework", framework_file,
        "-o", str(out),
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    target = tmp_path / ("page.txt" if output == "table" else "page.html")  # as it is named
    result = run(
        "report", str(REVIEW_2026), "--cohort", str(out), "--format", output, "-o", str(target)
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"{out}: error: the cohort file holds no review of becta-srf@2010 (it holds "
        "example-awards@1)\n"
    )
    assert not target.exists()
    assert not list(tmp_path.glob("page*"))  # no temporary file left either


def test_standing_refuses_a_review_of_another_framework(becta: Framework, tmp_path: Path) -> None:
    sql = _sql(tmp_path, becta, [load_assessment(REVIEW_2025)])
    other = load_assessment(ROOT / "examples" / "awards" / "example-school.yaml")
    try:
        with pytest.raises(CohortMismatchError, match="the cohort is of becta-srf@2010"):
            standing(sql, other)
    finally:
        sql.con.close()


def test_history_is_each_aspect_review_by_review(becta: Framework) -> None:
    old, new = load_assessment(REVIEW_2025), load_assessment(REVIEW_2026)
    found = history(becta, [new, old])
    assert found.dates == (old.assessed_on, new.assessed_on)
    assert found.levels["1a"] == (5, 4)
    assert found.levels["overall"] == (4, 3)
    chart = history_chart(found)
    assert chart.count("<polyline") == 4  # 1a, 1b, 1c, overall
    assert chart.count("<circle") == 8
    assert "1a ICT and the school vision, 2025-10-06: level 5" in chart


def test_history_is_of_one_school(becta: Framework) -> None:
    other = load_assessment(ROOT / "examples" / "cohort" / "primary-3-2025.yaml")
    with pytest.raises(HistoryError, match="more than one school: 100000 and 900003"):
        history(becta, [load_assessment(REVIEW_2025), other])


def test_report_history_as_a_table_and_a_line_chart(tmp_path: Path) -> None:
    table = run("report", str(REVIEW_2026), "--history", str(REVIEW_2025))
    assert table.exit_code == 0, table.output
    assert "Review by review" in table.stdout
    assert re.search(r"1a\s+ICT and the school vision\s+5\s+4", table.stdout)
    out = tmp_path / "report.html"
    assert (
        run("report", str(REVIEW_2026), "--history", str(REVIEW_2025), "-o", str(out)).exit_code
        == 0
    )
    page = out.read_text(encoding="utf-8")
    assert '<section id="history">' in page
    assert "<polyline" in page
    mixed = run(
        "report", str(REVIEW_2026), "--history",
        str(ROOT / "examples" / "cohort" / "primary-3-2025.yaml"),
    )  # fmt: skip
    assert mixed.exit_code == 1
    other = ROOT / "examples" / "cohort" / "primary-3-2025.yaml"
    assert mixed.stderr == (  # the --history file it stops at is named (round 43)
        f"{other}: error: the reviews are of more than one school: 100000 and 900003 "
        "(a history is one school's reviews)\n"
    )


# -- the governors' page with the cohort's median (SPEC section 9) ---------------------------

SVG = "{http://www.w3.org/2000/svg}"


def _summary(*args: str) -> str:
    result = run("report", str(REVIEW_2026), "--format", "summary", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_summary_draws_the_cohort_median_on_its_chart_and_in_its_table(
    becta: Framework, cohort_file: Path
) -> None:
    """SPEC section 9: "a chart of the aspects with the previous review (and the cohort
    median with `--cohort`)". The medians are the cohort's (as `benchmark` defines them over
    the reviews the cohort file was collected from), a mark on each aspect, and in words."""
    page = _summary("--cohort", str(cohort_file))
    reviews = [load_assessment(f) for f in sorted((ROOT / "examples" / "cohort").glob("*.yaml"))]
    medians = {a: s.median for a, s in benchmark(becta, reviews).aspects.items()}
    assert set(medians) == {"1a", "1b", "1c"}
    assert None not in medians.values()
    chart = page[page.index('<section id="chart">') : page.index('<section id="actions">')]
    root = ET.fromstring(chart[chart.index("<svg") : chart.index("</svg>") + 6])
    [group] = [g for g in root.iter(f"{SVG}g") if g.get("class") == "series cohort"]
    assert group.findtext(f"{SVG}title") == "Cohort median"
    diamonds = [
        p for p in group if p.tag == f"{SVG}polygon" and len(p.get("points", "").split()) == 4
    ]
    assert len(diamonds) == len(medians)  # one mark per aspect
    desc = root.findtext(f"{SVG}desc") or ""
    for aspect in becta.aspects:
        assert f"{aspect.id} {aspect.title}: " in desc
        assert re.search(rf"{aspect.id} [^;]*Cohort median {medians[aspect.id]}(;|$)", desc)
    legend = [
        "".join(g.itertext()) for g in root.iter(f"{SVG}g") if g.get("class") == "legend-entry"
    ]
    assert "Cohort median" in legend
    table = page[page.index('<section id="aspects">') : page.index('<section id="chart">')]
    assert '<th scope="col">Cohort median</th>' in table
    rows = re.findall(r"<tr><th scope=\"row\">(\w+) .*?</tr>", table)
    assert rows == ["1a", "1b", "1c"]
    cells = re.findall(r"<td>(\d+|–)</td></tr>", table)
    assert cells == [str(medians[a]) for a in ("1a", "1b", "1c")]


def test_the_summary_without_a_cohort_is_as_it_was(cohort_file: Path) -> None:
    """No cohort: the built-in exporter's page, untouched; with one, the same page but for
    the cohort's column and line."""
    from selfreview_core import Engine
    from selfreview_core.evidence import without_evidence

    plain = _summary()
    assert "Cohort median" not in plain
    assert 'class="series cohort"' not in plain
    engine = Engine()
    made = without_evidence(engine.report(load_assessment(REVIEW_2026)))
    assert plain == engine.export(made, "summary")
    with_cohort = _summary("--cohort", str(cohort_file))
    assert with_cohort != plain
    strip = re.compile(
        r"<td>\d</td>(?=</tr>)|<th scope=\"col\">Cohort median</th>|Cohort median[^;<]*"
    )
    assert strip.sub("", with_cohort).count("<section") == plain.count("<section")
    assert (
        with_cohort.split('<section id="actions">')[1] == plain.split('<section id="actions">')[1]
    )
