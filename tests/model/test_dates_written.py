"""A date in a file is written YYYY-MM-DD (SPEC section 3's examples; YAML reads it as a
date, JSON gives the text). Pydantic alone also takes a number, or text of digits, as
seconds since 1970: before round 51 `assessed_on: 0` was a review of 1 January 1970,
`assessed_on: "1735689600"` one of 1 January 2025, and `assessed_on: 20261001`, a date
written without its hyphens, was refused because "it has a time of day"."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from program import selfreview_here
from selfreview_core import Assessment, InvalidDocument, load
from selfreview_core.errors import Diagnostic
from selfreview_core.model.plan import Plan

_REVIEW = """\
kind: assessment
framework: becta-srf
school: {{id: S-1, name: X}}
assessed_on: {on}
judgements:
  1a1: {{level: 3, judged_on: {judged}}}
"""

_PLAN = """\
kind: plan
framework: becta-srf
school: {{id: S-1, name: X}}
made_from: {{assessed_on: {made}}}
created_on: {created}
actions:
  - {{id: act, recommendation: act, title: Do it, status: planned, due: {due}}}
"""

_HINT = "write dates as YYYY-MM-DD"


def _problems(text: str, name: str = "doc.yaml") -> list[Diagnostic]:
    with pytest.raises(InvalidDocument) as raised:
        load(name, text=text)
    return list(raised.value.diagnostics)


def _review(on: str = "2026-10-01", judged: str = "2026-09-01") -> str:
    return _REVIEW.format(on=on, judged=judged)


def _plan(**dates: str) -> str:
    given = {"made": "2026-10-01", "created": "2026-10-02", "due": "2027-01-31", **dates}
    return _PLAN.format(**given)


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("0", "the number 0"),
        ("86400", "the number 86400"),
        ("1735689600", "the number 1735689600"),
        ("20261001", "the number 20261001"),
        ("1.5", "the number 1.5"),
        ("0x10", "the number 0x10"),
        ("'0'", "the text `0`"),
        ("'1735689600'", "the text `1735689600`"),
        ('"20261001"', "the text `20261001`"),
        ("'1.7e9'", "the text `1.7e9`"),
        ("true", "`true`"),
    ],
)
def test_a_number_or_digits_is_no_date(written: str, said: str) -> None:
    (problem,) = _problems(_review(on=written))
    assert problem.message == f"{said} is not a valid date"
    assert problem.hint == _HINT
    assert problem.code == "date"
    assert (problem.line, problem.column, problem.path) == (4, 14, "assessed_on")


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (_review(judged="0"), "judgements.1a1.judged_on"),
        (_plan(made="0"), "made_from.assessed_on"),
        (_plan(created="0"), "created_on"),
        (_plan(due="0"), "actions[0].due"),
    ],
)
def test_every_date_of_every_kind_refuses_a_number(text: str, path: str) -> None:
    (problem,) = _problems(text)
    assert problem.message == "the number 0 is not a valid date"
    at = text.index(": 0") + 2  # the only date written so
    place = (text[:at].count("\n") + 1, at - text.rfind("\n", 0, at))
    assert (problem.line, problem.column, problem.path) == (*place, path)


def test_json_gives_dates_as_text_and_refuses_a_number_in_its_place() -> None:
    data: dict[str, object] = {
        "kind": "assessment",
        "framework": "becta-srf",
        "school": {"id": "S-1", "name": "X"},
        "assessed_on": "2026-10-01",
        "judgements": {"1a1": {"level": 3, "judged_on": "2026-09-01"}},
    }
    read = load("r.json", text=json.dumps(data))
    assert isinstance(read, Assessment)
    assert read.assessed_on == dt.date(2026, 10, 1)
    assert read.judgements["1a1"].judged_on == dt.date(2026, 9, 1)
    data["assessed_on"] = 1735689600
    (problem,) = _problems(json.dumps(data), "r.json")
    assert (problem.message, problem.path) == (
        "the number 1735689600 is not a valid date",
        "assessed_on",
    )


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("2026-02-30", "day value is outside expected range"),
        ("2026-09-30T10:00:00", "it has a time of day"),
    ],
)
def test_a_date_written_with_hyphens_keeps_its_reason(written: str, reason: str) -> None:
    (problem,) = _problems(_review(on=f"'{written}'"))
    assert problem.message == f"the text `{written}` is not a valid date: {reason}"


def test_dates_as_written_are_read() -> None:
    plan = load("p.yaml", text=_plan())
    assert isinstance(plan, Plan)
    assert plan.made_from is not None
    assert (plan.made_from.assessed_on, plan.created_on, plan.actions[0].due) == (
        dt.date(2026, 10, 1),
        dt.date(2026, 10, 2),
        dt.date(2027, 1, 31),
    )
    quoted = load("r.yaml", text=_review(on="'2026-10-01'"))
    assert isinstance(quoted, Assessment)
    assert quoted.assessed_on == dt.date(2026, 10, 1)


def test_a_library_user_may_still_give_a_date() -> None:
    """Python code gives `datetime.date` objects; only numbers and digits are refused."""
    review = Assessment(
        framework="becta-srf",
        school={"id": "S-1", "name": "X"},
        assessed_on=dt.date(2026, 10, 1),
        judgements={"1a1": 3},
    )
    assert review.assessed_on == dt.date(2026, 10, 1)


def test_report_refuses_a_review_dated_by_a_number_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(_review(on="0"), encoding="utf-8")
    result = selfreview_here(["report", "r.yaml", "-o", "out.html"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.decode() + result.stderr.decode() == (
        f"r.yaml:4:14: error: assessed_on: the number 0 is not a valid date ({_HINT})\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.yaml"]
