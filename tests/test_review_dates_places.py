"""A review dated after today is warned of at its `assessed_on`'s line and column wherever
it was read (round 78): a JSON Lines line's warning from `report`, `plan`, `awards`,
`benchmark` and `support` had its line and no column (`a.jsonl:2: warning:`, where
`validate` and `collect` said `a.jsonl:2:160:`), and standard input's (`report -`) no line
at all. Each such file is read once more, for all its lines named; standard input's bytes
are kept from the first reading."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core.cli import cli
from test_review_dates import FRAMEWORK, MESSAGE, REVIEW, _dated, _today

__all__ = ["_today"]  # "today" is 2026-10-01 in every test here

SAID = f"warning: assessed_on: the review {MESSAGE}"


def _run(*args: object, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=stdin, catch_exceptions=False)


def _lines(tmp_path: Path) -> tuple[Path, str, int]:
    """A JSON Lines file of two reviews, the second dated after today: it, its text, and
    the column of the second's date."""
    review = json.loads(json.dumps(yaml.safe_load(REVIEW.read_text(encoding="utf-8")), default=str))
    text = json.dumps(review) + "\n" + json.dumps({**review, "assessed_on": "2026-10-02"}) + "\n"
    lines = tmp_path / "reviews.jsonl"
    lines.write_text(text, encoding="utf-8")
    return lines, text, text.splitlines()[1].index('"2026-10-02"') + 1


def test_report_of_standard_input_says_it_at_its_date(tmp_path: Path) -> None:
    text = _dated(tmp_path, "2026-10-02").read_text(encoding="utf-8")
    result = _run("report", "-", "--framework", FRAMEWORK, "--format", "json", stdin=text)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"<stdin>:4:14: {SAID}"]  # as `validate -` says it
    assert json.loads(result.stdout)["assessment"]["assessed_on"] == "2026-10-02"
    strict = _run("report", "-", "--framework", FRAMEWORK, "--strict", stdin=text)
    assert strict.exit_code == 1
    assert strict.stderr.splitlines() == [f"<stdin>:4:14: {SAID}", "--strict: 1 problem(s)"]


def test_report_of_json_lines_on_standard_input_says_it_at_the_lines_date(
    tmp_path: Path,
) -> None:
    _, text, column = _lines(tmp_path)
    result = _run("report", "-", "--framework", FRAMEWORK, "--format", "json", stdin=text)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"<stdin>:2:{column}: {SAID}", "2 reports written"]
    assert len(result.stdout.splitlines()) == 2  # both reports


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_json_lines_batch_says_it_at_the_lines_date(tmp_path: Path, jobs: str) -> None:
    lines, _, column = _lines(tmp_path)
    out = tmp_path / "out"
    result = _run("report", lines, "--framework", FRAMEWORK, "--output-dir", out, "--jobs", jobs)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{lines}:2:{column}: {SAID}",
        f"2 reports written in {out}",
    ]
    assert len(list(out.iterdir())) == 2
    validated = _run("validate", FRAMEWORK, lines)  # the place `validate` gives
    assert f"{lines}:2:{column}: {SAID}" in validated.output


def test_a_line_changed_since_is_named_by_its_line_as_before(tmp_path: Path) -> None:
    """The file is read again for the place: a line no longer JSON keeps the warning at its
    line, unplaced, and nothing else is lost."""
    from selfreview_core.cli._said import dated_warnings
    from selfreview_core.review_dates import future_warning

    lines, text, column = _lines(tmp_path)
    day = dt.date(2026, 10, 2)
    [warning] = dated_warnings([((str(lines), 2), day, "the review")])
    assert (warning.line, warning.column, warning.path) == (2, column, "assessed_on")
    lines.write_text(text.splitlines()[0] + "\n{]\n", encoding="utf-8")
    [warning] = dated_warnings([((str(lines), 2), day, "the review")])
    assert warning == future_warning(str(lines), day, "the review", 2)
    assert (warning.line, warning.column) == (2, None)


def test_warnings_placed_already_are_given_as_they_are(tmp_path: Path) -> None:
    """A file's warning is placed as it is made: no file is read again for it."""
    from selfreview_core.cli._said import dated_warnings

    later = _dated(tmp_path, "2026-10-02")
    day = dt.date(2026, 10, 2)
    [warning] = dated_warnings([((str(later), None), day, "the review")])
    assert (warning.file, warning.line, warning.column) == (str(later), 4, 14)
    assert dated_warnings([((str(later), None), dt.date(2026, 9, 30), "the review")]) == []
