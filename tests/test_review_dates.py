"""A review dated after today (round 59).

`assessed_on: 9999-12-31` (a slip for 2025) is legal, and "newer" than every real review:
`report --previous` refused the real later ones ("swap them", which is wrong advice), and a
cohort took it as the school's latest, and nothing said why. Now `validate`, `report`,
`--previous`, `compare` and the cohort commands (`benchmark`, `support`) warn of it at its
`assessed_on` (file, line, column). A warning: exit 0, unless `--strict` (validate, report).
"Today" comes from `review_dates.today` alone; these tests set it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core import ComparisonError, compare, load_assessment, load_framework, review_dates
from selfreview_core.cli import cli
from selfreview_core.cohort import chunks

DATA = Path(__file__).resolve().parent / "data" / "good"
FRAMEWORK = DATA / "tiny-framework.yaml"
REVIEW = DATA / "tiny-assessment.yaml"  # assessed_on: 2026-09-30, at line 4, column 14
TODAY = dt.date(2026, 10, 1)
MESSAGE = (
    "is dated 2026-10-02, after today (2026-10-01): it counts as newer than every real review "
    "(a typing slip? give the day the review was made)"
)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(review_dates, "today", lambda: TODAY)


def _dated(tmp_path: Path, day: str, name: str = "dated.yaml") -> Path:
    text = REVIEW.read_text(encoding="utf-8").replace("2026-09-30", day)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _unchanged(tmp_path: Path, *names: str) -> None:
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)


def test_validate_warns_of_a_review_dated_after_today_at_its_date(tmp_path: Path) -> None:
    later = _dated(tmp_path, "2026-10-02")
    before = later.read_bytes()
    result = _run("validate", FRAMEWORK, later)
    assert result.exit_code == 0, result.output
    assert f"{later}:4:14: warning: assessed_on: the review {MESSAGE}" in result.stdout
    assert result.stdout.splitlines()[-1].endswith("2 valid, 0 invalid (1 warning)")
    strict = _run("validate", "--strict", FRAMEWORK, later)
    assert strict.exit_code == 1
    assert f"{later}:4:14: error: assessed_on: the review {MESSAGE}" in strict.stdout
    listed = json.loads(_run("validate", "--format", "json", FRAMEWORK, later).stdout)
    assert [w["code"] for f in listed["files"] for w in f["warnings"]] == ["future-date"]
    assert later.read_bytes() == before
    _unchanged(tmp_path, "dated.yaml")


def test_today_itself_and_earlier_are_not_warned_of(tmp_path: Path) -> None:
    for day in ("2026-10-01", "2026-09-30"):
        result = _run("validate", FRAMEWORK, _dated(tmp_path, day))
        assert result.exit_code == 0
        assert "warning" not in result.stdout


def test_validate_locates_it_on_its_json_lines_line(tmp_path: Path) -> None:
    lines = tmp_path / "reviews.jsonl"
    review = json.loads(json.dumps(_load(REVIEW), default=str))
    lines.write_text(
        json.dumps(review) + "\n" + json.dumps({**review, "assessed_on": "2026-10-02"}) + "\n",
        encoding="utf-8",
    )
    result = _run("validate", FRAMEWORK, lines)
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stdout.splitlines() if "warning:" in line]
    assert len(warned) == 1
    assert warned[0].startswith(f"{lines}:2:")
    assert warned[0].endswith(MESSAGE)


def _load(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_report_warns_of_it_after_the_report_and_strict_makes_it_exit_1(tmp_path: Path) -> None:
    later = _dated(tmp_path, "2026-10-02")
    result = _run("report", later, "--previous", REVIEW, "--framework", FRAMEWORK)
    assert result.exit_code == 0, result.output
    assert f"{later}:4:14: warning: assessed_on: the review {MESSAGE}" in result.stderr
    plain = _run("report", REVIEW, "--framework", FRAMEWORK)
    assert plain.stderr == ""
    strict = _run("report", later, "--framework", FRAMEWORK, "--strict")
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[-1] == "--strict: 1 problem(s)"
    _unchanged(tmp_path, "dated.yaml")


def test_a_previous_review_dated_after_today_is_refused_with_the_right_advice(
    tmp_path: Path,
) -> None:
    """Not "swap them": the real review is the later one; the date is the slip."""
    later = _dated(tmp_path, "9999-12-31")
    out = tmp_path / "report.txt"
    result = _run("report", REVIEW, "--previous", later, "--framework", FRAMEWORK, "-o", out)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{later}:4:14: error: assessed_on: --previous is newer than ASSESSMENT: {later} is of "
        f"9999-12-31, {REVIEW} of 2026-09-30 ({later} is dated 9999-12-31, after today "
        "(2026-10-01): a typing slip? give the day the review was made)"
    ]
    assert "swap them" not in result.stderr
    _unchanged(tmp_path, "dated.yaml")
    # A previous review that is only later than ASSESSMENT, not than today: swap them.
    earlier = _dated(tmp_path, "2026-10-01", "b.yaml")
    swapped = _run("report", REVIEW, "--previous", earlier, "--framework", FRAMEWORK)
    assert swapped.exit_code == 1
    assert f"(swap them: {REVIEW} as --previous, {earlier} as ASSESSMENT)" in swapped.stderr


def test_compare_says_so_too() -> None:
    framework = load_framework(FRAMEWORK)
    real = load_assessment(REVIEW, framework)
    slip = real.model_copy(update={"assessed_on": dt.date(9999, 12, 31)})
    with pytest.raises(ComparisonError) as raised:
        compare(framework, slip, real)
    assert raised.value.first.hint == (
        "the old review is dated 9999-12-31, after today (2026-10-01): a typing slip? give the "
        "day the review was made"
    )
    assert raised.value.first.code == "previous-newer"


@pytest.mark.parametrize("command", ["benchmark", "support"])
def test_the_cohort_commands_warn_of_it_at_its_date(tmp_path: Path, command: str) -> None:
    later = _dated(tmp_path, "2026-10-02")
    result = _run(command, REVIEW, later, "--framework", FRAMEWORK)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{later}:4:14: warning: assessed_on: the review of school T-001 {MESSAGE}"
    ]
    plain = _run(command, REVIEW, "--framework", FRAMEWORK)
    assert plain.exit_code == 0
    assert plain.stderr == ""
    _unchanged(tmp_path, "dated.yaml")


def test_a_cohort_file_names_the_school_where_it_has_no_file(tmp_path: Path) -> None:
    later = _dated(tmp_path, "2026-10-02")
    cohort = tmp_path / "cohort.parquet"
    assert _run("collect", REVIEW, later, "--framework", FRAMEWORK, "-o", cohort).exit_code == 0
    result = _run("benchmark", cohort, "--framework", FRAMEWORK)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: assessed_on: the review of school T-001 {MESSAGE}"
    ]


def test_today_is_the_systems_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset by a test, "today" is the date the system gives (every other test here sets it)."""
    monkeypatch.undo()
    assert review_dates.today() == dt.date.today()


def _of_settings(tmp_path: Path) -> Path:
    """The tiny framework with `terms` that call the reviewed a setting."""
    framework = tmp_path / "framework.yaml"
    framework.write_text(
        FRAMEWORK.read_text(encoding="utf-8").replace(
            "title: Tiny framework\n",
            "title: Tiny framework\nterms: {subject: setting, subjects: settings, review: check}\n",
        ),
        encoding="utf-8",
    )
    return framework


@pytest.mark.parametrize("command", ["benchmark", "support"])
def test_the_cohort_commands_name_the_subject_in_the_frameworks_words(
    tmp_path: Path, command: str
) -> None:
    """A framework whose `terms` call the reviewed a setting: the warning says "the review of
    setting T-001", as every other line of the command does (SPEC section 10)."""
    framework = _of_settings(tmp_path)
    later = _dated(tmp_path, "2026-10-02")
    result = _run(command, REVIEW, later, "--framework", framework)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{later}:4:14: warning: assessed_on: the review of setting T-001 {MESSAGE}"
    ]
    _unchanged(tmp_path, "dated.yaml", "framework.yaml")


@pytest.mark.parametrize("command", ["benchmark", "support"])
def test_a_cohort_dated_after_today_throughout_names_the_first_ten_and_counts_the_rest(
    tmp_path: Path, command: str
) -> None:
    """Round 61: a year's cohort typed a year ahead has every review dated after today. Each
    was named on a line of its own, every row held in memory to do it: 200,000 schools of
    `bench/cohort.py` so took 5.8 s, not 1.1, and 45 MB more, and printed 220,171 lines. The
    first ten are named, by school id, and the rest counted on one line."""
    review = json.loads(json.dumps(_load(REVIEW), default=str))
    lines = tmp_path / "reviews.jsonl"
    schools = [f"T-{n:03}" for n in range(25)]
    text = "".join(
        json.dumps({**review, "school": {"id": s, "name": s}, "assessed_on": "2026-10-02"}) + "\n"
        for s in reversed(schools)
    )
    lines.write_text(text, encoding="utf-8")
    result = _run(command, lines, "--framework", FRAMEWORK)
    assert result.exit_code == 0, result.output
    column = text.splitlines()[0].index('"2026-10-02"') + 1  # each line's (round 78)
    assert result.stderr.splitlines() == [
        *(
            f"{lines}:{25 - n}:{column}: warning: assessed_on: the review of school {s} {MESSAGE}"
            for n, s in enumerate(schools[:10])
        ),
        "warning: 15 more reviews are dated after today, not named here: each counts as newer "
        "than every real review of its school (a typing slip? give the day the review was made)",
    ]
    lines.write_text(text.replace("2026-10-02", "2026-09-30"), encoding="utf-8")
    plain = _run(command, lines, "--framework", FRAMEWORK)
    assert plain.stderr == ""
    assert result.stdout == plain.stdout.replace("2026-09-30", "2026-10-02")
    _unchanged(tmp_path, "reviews.jsonl")


COLLECTED = "Collected {} reviews ({} rows) into {}."


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_collect_warns_of_it_where_it_reads_it(tmp_path: Path, jobs: str) -> None:
    """Round 61 (an attacker's pass found it): `collect`, which makes the cohort file the
    other cohort commands read, said nothing of a review dated after today, though it
    holds each review's file and place as it reads it; `benchmark` of the file it made
    can name only the school. Warned at `assessed_on`, in a file or a JSON Lines line
    alike, by the worker that read it (nothing is read twice); exit 0, the file made."""
    later = _dated(tmp_path, "2026-10-02")
    review = json.loads(json.dumps(_load(REVIEW), default=str))
    lines = tmp_path / "more.jsonl"
    lines.write_text(
        json.dumps({**review, "school": {"id": "T-002", "name": "T"}})
        + "\n"
        + json.dumps(
            {**review, "school": {"id": "T-003", "name": "T"}, "assessed_on": "2026-10-02"}
        )
        + "\n",
        encoding="utf-8",
    )
    cohort = tmp_path / "cohort.parquet"
    result = _run(
        "collect", REVIEW, later, lines, "--framework", FRAMEWORK, "-o", cohort, "--jobs", jobs
    )
    assert result.exit_code == 0, result.output
    column = lines.read_text(encoding="utf-8").splitlines()[1].index('"2026-10-02"') + 1
    assert result.stderr.splitlines() == [
        f"{later}:4:14: warning: assessed_on: the review {MESSAGE}",
        f"{lines}:2:{column}: warning: assessed_on: the review {MESSAGE}",
        COLLECTED.format(4, 8, cohort),
    ]
    today = _dated(tmp_path, TODAY.isoformat(), "today.yaml")  # today is not after today
    plain = _run("collect", REVIEW, today, "--framework", FRAMEWORK, "-o", cohort, "--jobs", jobs)
    assert plain.exit_code == 0
    assert plain.stderr.splitlines() == [f"Collected 2 reviews (4 rows) into {cohort}."]
    _unchanged(tmp_path, "dated.yaml", "today.yaml", "more.jsonl", "cohort.parquet")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_collect_names_the_first_ten_in_input_order_and_counts_the_rest(
    tmp_path: Path, jobs: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twenty-five files dated after today, staged in seven chunks of four, by two workers
    or one: the first ten as the input lists them (not as the workers finish), then one
    line for the other fifteen, in the framework's word for who is reviewed (SPEC section
    10)."""
    monkeypatch.setattr(chunks, "FILES_PER_CHUNK", 4)
    framework = _of_settings(tmp_path)
    folder = tmp_path / "reviews"
    folder.mkdir()
    text = REVIEW.read_text(encoding="utf-8").replace("2026-09-30", "2026-10-02")
    names = [f"r{n:02}.yaml" for n in range(25)]
    for n, name in enumerate(names):
        (folder / name).write_text(text.replace("T-001", f"T-{n:03}"), encoding="utf-8")
    cohort = tmp_path / "cohort.parquet"
    result = _run("collect", folder, "--framework", framework, "-o", cohort, "--jobs", jobs)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        *(
            f"{folder / name}:4:14: warning: assessed_on: the review {MESSAGE}"
            for name in names[:10]
        ),
        "warning: 15 more reviews are dated after today, not named here: each counts as newer "
        "than every real review of its setting (a typing slip? give the day the review was made)",
        COLLECTED.format(25, 50, cohort),
    ]
