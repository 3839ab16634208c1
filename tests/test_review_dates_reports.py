"""A review dated after today, where round 59 left it unsaid (round 60).

`validate`, `report` of one file and the cohort commands warned of it; a batch of reports
(files, `--output-dir`, JSON Lines), `awards`, `plan` and a library user's `Engine.report`
did not. Now the report carries it as a warning problem (SPEC section 4: `--strict` makes it
fatal), and each command says it once, at the review's `assessed_on` where it has a file.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest
import yaml

from selfreview_core import Engine, load_assessment, review_dates
from selfreview_core.model.problem import Problem
from test_review_dates import FRAMEWORK, REVIEW, TODAY, _dated, _run, _today
from test_review_dates import MESSAGE as SLIP

__all__ = ["_today"]  # round 59's fixture: "today" is 2026-10-01 in every test here


def _located(path: Path) -> str:
    return f"{path}:4:14: warning: assessed_on: the review {SLIP}"


def test_the_library_users_report_carries_it_as_a_warning() -> None:
    engine = Engine(entry_points=False, frameworks=[FRAMEWORK])
    real = load_assessment(REVIEW)
    slip = real.model_copy(update={"assessed_on": dt.date(2026, 10, 2)})
    made = engine.report(slip)
    assert made.problems == (
        Problem(source="engine", message=f"the review {SLIP}", severity="warning"),
    )
    assert made.recommendations == engine.report(real).recommendations  # nothing else lost
    assert engine.report(real).problems == ()
    assert engine.report(real.model_copy(update={"assessed_on": TODAY})).problems == ()
    both = engine.report(slip.model_copy(update={"assessed_on": dt.date(2026, 10, 3)}), slip)
    assert [p.message for p in both.problems] == [
        f"the review {SLIP.replace('2026-10-02', '2026-10-03')}",
        f"the previous review {SLIP}",
    ]
    assert engine.problems == []  # the engine's own are untouched: the report's alone


def test_report_of_one_file_says_it_once_located_and_json_carries_it(tmp_path: Path) -> None:
    later = _dated(tmp_path, "2026-10-02")
    result = _run("report", later, "--framework", FRAMEWORK, "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [_located(later)]
    problems = json.loads(result.stdout)["problems"]
    assert problems == [
        {"source": "engine", "message": f"the review {SLIP}", "severity": "warning"}
    ]
    strict = _run("report", later, "--framework", FRAMEWORK, "--strict")
    assert strict.exit_code == 1
    assert strict.stderr.splitlines() == [_located(later), "--strict: 1 problem(s)"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_of_files_says_it_at_the_files_date_and_writes_every_report(
    tmp_path: Path, jobs: str
) -> None:
    later = _dated(tmp_path, "2026-10-02")
    out = tmp_path / "out"
    result = _run(
        "report", REVIEW, later, "--framework", FRAMEWORK, "--output-dir", out, "--jobs", jobs
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [_located(later), f"2 reports written in {out}"]
    assert sorted(p.name for p in out.iterdir()) == [
        "T-001-2026-09-30.json",
        "T-001-2026-10-02.json",
    ]
    strict = _run("report", REVIEW, later, "--framework", FRAMEWORK, "--strict")
    assert strict.exit_code == 1
    assert _located(later) in strict.stderr.splitlines()


def test_a_json_lines_batch_names_the_line(tmp_path: Path) -> None:
    review = json.loads(json.dumps(yaml.safe_load(REVIEW.read_text(encoding="utf-8")), default=str))
    lines = tmp_path / "reviews.jsonl"
    lines.write_text(
        json.dumps(review) + "\n" + json.dumps({**review, "assessed_on": "2026-10-02"}) + "\n",
        encoding="utf-8",
    )
    result = _run("report", lines, "--framework", FRAMEWORK, "--format", "json")
    assert result.exit_code == 0, result.output
    column = lines.read_text(encoding="utf-8").splitlines()[1].index('"2026-10-02"') + 1
    assert result.stderr.splitlines() == [  # at the date's column since round 78
        f"{lines}:2:{column}: warning: assessed_on: the review {SLIP}",
        "2 reports written",
    ]
    assert len(result.stdout.splitlines()) == 2


def test_awards_says_it_at_its_date(tmp_path: Path) -> None:
    later = _dated(tmp_path, "2026-10-02")
    result = _run("awards", later, "--framework", FRAMEWORK)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [_located(later)]
    plain = _run("awards", REVIEW, "--framework", FRAMEWORK)
    assert plain.stderr == ""
    assert result.stdout == plain.stdout.replace("2026-09-30", "2026-10-02")


def test_plan_says_it_once_at_its_date_and_writes_the_plan(tmp_path: Path) -> None:
    later = _dated(tmp_path, "2026-10-02")
    plan = tmp_path / "plan.yaml"
    result = _run("plan", later, "--framework", FRAMEWORK, "-o", plan)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == _located(later)
    assert result.stderr.count("after today") == 1
    assert plan.exists()


def test_support_keeps_it_out_of_the_plugins_problems(tmp_path: Path) -> None:
    """The cohort commands say it at the file; the support list's "problems while reporting"
    are the plugins', and a date is none of theirs."""
    later = _dated(tmp_path, "2026-10-02")
    result = _run("support", REVIEW, later, "--framework", FRAMEWORK)
    assert result.exit_code == 0, result.output
    assert "after today" not in result.stdout
    assert result.stderr.count("after today") == 1


def test_a_plugins_problem_in_the_same_words_is_not_taken_for_it() -> None:
    """Only the engine's own warning is the date's: a plugin's words are said as its own."""
    words = f"the review {SLIP}"
    assert review_dates.dated_problem(Problem(source="engine", message=words, severity="warning"))
    for other in (
        Problem(source="evil", message=words, severity="warning"),
        Problem(source="engine", message=words, severity="error"),
        Problem(source="engine", message="plugin x failed", severity="warning"),
    ):
        assert review_dates.dated_problem(other) is None


def test_a_day_seen_is_not_taken_for_another_todays(monkeypatch: pytest.MonkeyPatch) -> None:
    """`future_problems` keeps the last day seen, so that a report need not ask the clock:
    a `today` set since (a test's, or another day's) is asked again, never the old day's."""
    assert review_dates.future_problems(TODAY) == []  # today itself: seen, not warned of
    monkeypatch.setattr(review_dates, "today", lambda: dt.date(2026, 9, 1))
    [problem] = review_dates.future_problems(dt.date(2026, 9, 30))
    assert problem.message.startswith("the review is dated 2026-09-30, after today (2026-09-01)")
    monkeypatch.setattr(review_dates, "today", lambda: dt.date(2026, 9, 30))
    assert review_dates.future_problems(dt.date(2026, 9, 30)) == []


def test_a_clock_set_back_is_asked_again_within_a_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that runs for days (a library user's service) whose system date is set
    back, a wrong date corrected: the day seen before is trusted for `SEEN_FOR` seconds
    only, then a review dated after the new today is warned of (round 62; before, never
    until the clock passed the old day again)."""
    days = [dt.date(2026, 12, 31)]
    seconds = [1000.0]
    monkeypatch.setattr(review_dates, "today", lambda: days[0])
    monkeypatch.setattr(time, "monotonic", lambda: seconds[0])
    review = dt.date(2026, 12, 20)
    assert review_dates.future_problems(review) == []  # the wrong clock: not after "today"
    days[0] = dt.date(2026, 12, 5)  # corrected
    assert review_dates.future_problems(review) == []  # the day seen is still trusted
    seconds[0] += review_dates.SEEN_FOR - 0.5
    assert review_dates.future_problems(review) == []
    seconds[0] += 0.5
    [problem] = review_dates.future_problems(review)
    assert problem.message.startswith("the review is dated 2026-12-20, after today (2026-12-05)")
    seconds[0] += 1
    assert len(review_dates.future_problems(review)) == 1  # and from then on
    assert review_dates.future_problems(dt.date(2026, 12, 5)) == []  # today itself is not


def test_of_two_reviews_only_the_one_after_today_is_warned_of() -> None:
    """A review dated after today compared with one of today itself: the warning names the
    later review alone; today is not after today (a mutation pass, round 61)."""
    later = dt.date(2026, 10, 2)
    [problem] = review_dates.future_problems(later, TODAY)
    assert problem.message.startswith("the review is dated 2026-10-02, after today")
    [problem] = review_dates.future_problems(TODAY, later)
    assert problem.message.startswith("the previous review is dated 2026-10-02, after today")
    assert len(review_dates.future_problems(later, later)) == 2


#: A rule pack for the tiny framework with one rule that can never hold: `report --rules`
#: warns of it as the engine's own problem, its message opening with the pack's file name.
_EMPTY_ANY = (
    "kind: rules\nid: never\nframework: tiny@1\nrules:\n"
    "  - {id: b, when: {any: []}, recommend: {title: B, action: B}}\n"
)


@pytest.mark.parametrize("day", ["2026-13-45", "2026-10-02", "2020-01-01", "٢٠٢٦-١٠-٠٢"])
def test_an_engine_warning_opening_with_the_words_is_not_taken_for_it(day: str) -> None:
    """Round 61: only the engine's whole sentence is the date's warning. A rule pack's
    warning opens with its file's name, and a file named `the review is dated 2026-13-45,
    after today` (or a plugin named `engine` saying so) ended `report` in "internal error:
    ValueError: month must be in 1..12"; a real date's warning was dropped unsaid."""
    words = f"the review is dated {day}, after today"
    for message in (
        f"{words}:5:25: rules[0].when.any: an empty `any` can never hold",
        words,
        f"the review {SLIP}".replace("2026-10-02", day, 1),  # the whole sentence: a bad date
    ):
        problem = Problem(source="engine", message=message, severity="warning")
        if message.endswith(")") and day.startswith("20") and day != "2026-13-45":
            assert review_dates.dated_problem(problem) == dt.date.fromisoformat(day)
        else:
            assert review_dates.dated_problem(problem) is None


@pytest.mark.parametrize("day", ["2026-13-45", "2020-01-01"])
def test_a_rule_pack_named_like_the_warning_is_warned_of_as_a_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, day: str
) -> None:
    monkeypatch.chdir(tmp_path)
    name = f"the review is dated {day}, after today"
    Path(name).write_text(_EMPTY_ANY, encoding="utf-8")
    warned = f"warning: {name}:5:25: rules[0].when.any: an empty `any` can never hold"
    plain = _run("report", REVIEW, "--framework", FRAMEWORK, "--format", "json")
    for args in ([REVIEW], [REVIEW, _dated(tmp_path, "2026-09-29")]):
        result = _run("report", *args, "--framework", FRAMEWORK, "--rules", name)
        assert result.exit_code == 0, result.output
        assert [line for line in result.stderr.splitlines() if "warning" in line] == [
            line for line in result.stderr.splitlines() if line.startswith(warned)
        ]
        assert result.stderr.count(warned) == 1
    result = _run("report", REVIEW, "--framework", FRAMEWORK, "--rules", name, "--format", "json")
    assert json.loads(result.stdout)["profile"] == json.loads(plain.stdout)["profile"]
    strict = _run("report", REVIEW, "--framework", FRAMEWORK, "--rules", name, "--strict")
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[-1] == "--strict: 1 problem(s)"
    support = _run("support", REVIEW, "--framework", FRAMEWORK, "--rules", name)
    assert support.exit_code == 0, support.output
    assert support.stderr.count(warned) == 1
    assert Path(name).read_text(encoding="utf-8") == _EMPTY_ANY


#: Another review dated after today, its date at line 9, column 14.
_DECOY = "# not rv.jsonl's line\n" * 5 + REVIEW.read_text(encoding="utf-8").replace(
    "2026-09-30", "2026-10-02"
)


def _decoyed(tmp_path: Path) -> tuple[Path, list[str]]:
    """`rv.jsonl` of four reviews, lines 2 and 4 dated after today, and beside it files
    named `rv.jsonl:2` and `rv.jsonl:4` holding another review dated so, its date at line
    9: what each line's date warning is to say after `rv.jsonl`, in order."""
    review = json.loads(json.dumps(yaml.safe_load(REVIEW.read_text(encoding="utf-8")), default=str))
    lines = tmp_path / "rv.jsonl"
    texts = [
        json.dumps(
            {**review, "school": {"id": f"T-00{n}", "name": "T"}}
            | ({"assessed_on": "2026-10-02"} if n % 2 == 0 else {})
        )
        for n in range(1, 5)
    ]
    lines.write_text("".join(f"{text}\n" for text in texts), encoding="utf-8")
    for n in (2, 4):
        (tmp_path / f"rv.jsonl:{n}").write_text(_DECOY, encoding="utf-8")
    column = texts[1].index('"2026-10-02"') + 1
    assert texts[3].index('"2026-10-02"') + 1 == column
    return lines, [f"{lines}:{n}" for n in (2, 4)]


def _decoys_unchanged(tmp_path: Path, *made: str) -> None:
    for n in (2, 4):
        assert (tmp_path / f"rv.jsonl:{n}").read_text(encoding="utf-8") == _DECOY
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["rv.jsonl", "rv.jsonl:2", "rv.jsonl:4", *made]
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_json_lines_line_is_never_named_by_a_file_called_file_line(
    tmp_path: Path, jobs: str
) -> None:
    """Round 61 left it: a batch's warning of line 2 of `rv.jsonl` read the file named
    `rv.jsonl:2` for its place, and said `rv.jsonl:2:9:14`, that file's. The line number
    is carried apart now (through the workers too), and no file is opened by a name made
    of the two: each line is named by its file and line."""
    lines, named = _decoyed(tmp_path)
    result = _run("report", lines, "--framework", FRAMEWORK, "--format", "json", "--jobs", jobs)
    assert result.exit_code == 0, result.output
    column = lines.read_text(encoding="utf-8").splitlines()[1].index('"2026-10-02"') + 1
    assert result.stderr.splitlines() == [  # at the date's column since round 78, as collect
        *(f"{where}:{column}: warning: assessed_on: the review {SLIP}" for where in named),
        "4 reports written",
    ]
    assert [
        json.loads(line)["assessment"]["school"]["id"] for line in result.stdout.splitlines()
    ] == [
        "T-001",
        "T-002",
        "T-003",
        "T-004",
    ]
    _decoys_unchanged(tmp_path)


@pytest.mark.parametrize("command", ["benchmark", "support"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_cohorts_json_lines_line_is_never_named_by_a_file_called_file_line(
    tmp_path: Path, command: str, jobs: str
) -> None:
    """The cohort commands name a review dated after today by where the cohort read it:
    a JSON Lines line by its file and line, not by a file named `rv.jsonl:2`."""
    lines, named = _decoyed(tmp_path)
    result = _run(command, lines, "--framework", FRAMEWORK, "--jobs", jobs)
    assert result.exit_code == 0, result.output
    column = lines.read_text(encoding="utf-8").splitlines()[1].index('"2026-10-02"') + 1
    assert result.stderr.splitlines() == [  # at the date's column since round 78
        f"{where}:{column}: warning: assessed_on: the review of school T-00{n} {SLIP}"
        for where, n in zip(named, (2, 4), strict=True)
    ]
    _decoys_unchanged(tmp_path)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_collect_locates_a_json_lines_date_in_its_line_not_in_a_file_called_file_line(
    tmp_path: Path, jobs: str
) -> None:
    """`collect` warns where its workers read each line: at the date's column in the line
    (round 61), never in a file named `rv.jsonl:2`."""
    lines, named = _decoyed(tmp_path)
    column = lines.read_text(encoding="utf-8").splitlines()[1].index('"2026-10-02"') + 1
    cohort = tmp_path / "cohort.parquet"
    result = _run("collect", lines, "--framework", FRAMEWORK, "-o", cohort, "--jobs", jobs)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        *(f"{where}:{column}: warning: assessed_on: the review {SLIP}" for where in named),
        f"Collected 4 reviews (8 rows) into {cohort}.",
    ]
    _decoys_unchanged(tmp_path, "cohort.parquet")
