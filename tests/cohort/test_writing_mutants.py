"""`cohort.writing`, what `benchmark`'s tests did not hold (round 42's sampled pass): the
JSON and CSV written school by school are exactly the whole cohort's, whatever the number of
pieces the CSV takes (a cohort of more than 1,000 schools is written in several); and (round
44) one school's JSON laid out and spelled as the whole cohort's, and what `school_entry` and
`school_scores` give an embedder for a school the cohort does not hold."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core import (
    Assessment,
    Framework,
    Judgement,
    School,
    load_assessment,
    load_framework,
)
from selfreview_core.cli import cli
from selfreview_core.cohort import writing
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.staged_lines import record
from selfreview_core.cohort.views import cohort_csv
from selfreview_core.errors import UnknownIdError
from selfreview_core.escaping import shown_json

from .test_views import cohort_of


@pytest.mark.parametrize("batch", [1, 2, 3, 1000])
def test_the_csv_in_pieces_is_the_whole_cohorts(
    small_framework: Framework, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    """Seven schools a piece of `batch` at a time: the header once, every row once."""
    cohort = cohort_of(small_framework, [0, 1, 2, 3, None, 2, 1])
    monkeypatch.setattr(writing, "_CSV_BATCH", batch)
    written = "".join(writing.csv_parts(cohort, cohort.schools))
    assert written == cohort_csv(cohort, list(cohort.schools))
    assert "".join(writing.csv_parts(cohort, [])) == cohort_csv(cohort, [])


@pytest.mark.parametrize("schools", [0, 1, 3])
def test_the_json_school_by_school_is_the_whole_cohorts(
    small_framework: Framework, schools: int
) -> None:
    cohort = cohort_of(small_framework, [2, 0, 3][:schools])
    written = "".join(writing.json_parts(cohort, iter(cohort.schools)))
    assert written == shown_json(cohort.model_dump_json(indent=2)) + "\n"


# -- round 44: what round 43's pass left -----------------------------------------------------


def _sql(work: Path, framework: Framework, reviews: list[Assessment]) -> SqlCohort:
    """The reviews staged and opened as `benchmark` opens a cohort (with scores in a
    framework with questions)."""
    path = work / "staged.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n, review in enumerate(reviews):
            out.write(f'{{"q":{n},{record(framework, review, "x", evidence=False)[1:]}\n')
    rows = staged_rows(str(path), scores=framework.has_questions)
    return SqlCohort(connect(str(work)), rows, framework)


def _school_block(text: str, school_id: str, indent: int) -> list[str]:
    """The lines inside the object of school `school_id` written at `indent` spaces, and
    its closing `}`, dedented (its opening line is `{` in a list, `"school": {` in an
    object)."""
    lines = text.splitlines()
    pad = " " * indent
    start = next(
        n
        for n, line in enumerate(lines)
        if line.rstrip().endswith("{") and f'"id": "{school_id}"' in lines[n + 2]
    )
    end = next(n for n in range(start + 1, len(lines)) if lines[n].rstrip(",") == pad + "}")
    return [line.removeprefix(pad) for line in lines[start + 1 : end + 1]]


def test_one_schools_json_is_laid_out_and_spelled_as_in_the_whole_cohorts(
    root: Path, tmp_path: Path
) -> None:
    """`benchmark --school ID --format json`: the school's object is the very text the
    cohort's JSON gives it, two spaces a level, its name as written (a Welsh `ŵ` is not
    `\\u0175`), and what a terminal would run still escaped."""
    cohort = tmp_path / "cohort"
    shutil.copytree(root / "examples" / "cohort", cohort)
    school = cohort / "primary-3-2025.yaml"
    text = school.read_text(encoding="utf-8")
    assert "name: Example Primary School 3" in text
    school.write_text(
        text.replace("name: Example Primary School 3", 'name: "Ysgol Gŵyr \\u202e 3"'),
        encoding="utf-8",
    )
    one = CliRunner().invoke(
        cli, ["benchmark", str(cohort), "--school", "900003", "--format", "json"]
    )
    assert one.exit_code == 0, one.output
    whole = CliRunner().invoke(cli, ["benchmark", str(cohort), "--format", "json"])
    assert whole.exit_code == 0, whole.output
    assert one.stdout.startswith('{\n  "school": {\n    "school": {\n      "id": "900003",')
    assert '"name": "Ysgol Gŵyr \\u202e 3"' in one.stdout  # shown, never the character itself
    assert "\u202e" not in one.stdout
    assert json.loads(one.stdout)["school"]["school"]["name"] == "Ysgol Gŵyr \u202e 3"
    # The school inside `school` (two spaces in) is the cohort's entry (four spaces in).
    assert _school_block(one.stdout, "900003", 2) == _school_block(whole.stdout, "900003", 4)


@pytest.mark.parametrize("framework_name", ["becta", "small_framework"])
def test_a_school_not_in_the_cohort_is_told_with_the_ids_it_may_mean_unless_anonymous(
    request: pytest.FixtureRequest, tmp_path: Path, framework_name: str
) -> None:
    """`school_entry` as an embedder calls it: by default the error suggests a school id
    like the one asked for; anonymous, it suggests none."""
    framework: Framework = request.getfixturevalue(framework_name)
    reviews = [
        Assessment(
            framework=framework.ref,
            school=School(id=f"school-{n}", name=f"School {n}"),
            assessed_on=dt.date(2025, 9, 1),
            judgements={s: Judgement(level=framework.scale.best) for s in framework.strand_ids},
        )
        for n in range(3)
    ]
    sql = _sql(tmp_path, framework, reviews)
    assert writing.school_entry(sql, "school-1").school.id == "school-1"
    with pytest.raises(UnknownIdError) as told:
        writing.school_entry(sql, "school-1x")
    assert "no school `school-1x` in the cohort" in str(told.value)
    assert told.value.hint is not None
    assert "school-1" in told.value.hint
    with pytest.raises(UnknownIdError) as anonymous:
        writing.school_entry(sql, "school-1x", anonymous=True)
    assert anonymous.value.hint is None
    with pytest.raises(UnknownIdError) as empty:  # `--school ''`: it said "no school ``"
        writing.school_entry(sql, "")
    assert str(empty.value) == "no school in the cohort has an empty id"


def test_the_scores_of_a_school_not_in_the_cohort_are_none(root: Path, tmp_path: Path) -> None:
    """`school_scores` in a framework with questions: the school's scores by id, and None
    (not an error) for a school the cohort does not hold."""
    framework = load_framework(root / "examples" / "questions" / "technology-standards.yaml")
    review = load_assessment(root / "examples" / "questions" / "example-setting.yaml", framework)
    sql = _sql(tmp_path, framework, [review])
    scores = writing.school_scores(sql, review.school.id)
    assert scores is not None
    assert set(scores) == set(sql.layout.ids)
    assert writing.school_scores(sql, "SET-999") is None
