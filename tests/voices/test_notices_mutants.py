"""What the warnings of the respondents' files (`voices/notices.py`) say that their other tests
did not pin: found by the round-70 mutation pass over the module. Of responses dated after
today, the first `review_dates.NAMED` are named and only the rest counted: none counted where
there are no more, one counted as one, and a response dated today is none of them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core import review_dates
from selfreview_core.cli import cli

RESPONDENTS = Path(__file__).resolve().parents[2] / "examples" / "respondents"
TODAY = dt.date(2026, 10, 1)
HINT = "(a typing slip? give the day the answers were given)"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(review_dates, "today", lambda: TODAY)


def _responses(tmp_path: Path, dates: list[str]) -> Path:
    """A JSON Lines file of one teacher's answers per date, no two alike (copies are warned
    of too)."""
    line = (RESPONDENTS / "teachers.jsonl").read_text(encoding="utf-8").splitlines()[0]
    data = json.loads(line)
    rows = []
    for n, day in enumerate(dates):
        data["judgements"]["1a1"] = 1 + n % 5
        data["judgements"]["1a2"] = 1 + n // 5 % 5
        data["assessed_on"] = day
        rows.append(json.dumps(data))
    made = tmp_path / "many.jsonl"
    made.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return made


def _voices(file: Path) -> tuple[int, list[str], int]:
    result = CliRunner().invoke(cli, ["voices", str(file), "--format", "json"])
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr.splitlines(), json.loads(result.stdout)["respondents"]


def test_exactly_as_many_as_are_named_are_all_named_and_none_counted(tmp_path: Path) -> None:
    many = _responses(tmp_path, [f"2099-01-{1 + n:02}" for n in range(review_dates.NAMED)])
    code, warnings, respondents = _voices(many)
    assert (code, respondents) == (0, review_dates.NAMED)
    assert len(warnings) == review_dates.NAMED
    assert all(w.startswith(f"{many}:{n}:") for n, w in enumerate(warnings, 1))
    assert not any("more response" in w for w in warnings)


def test_one_more_than_are_named_is_counted_as_one(tmp_path: Path) -> None:
    dates = [f"2099-01-{1 + n:02}" for n in range(review_dates.NAMED + 1)]
    code, warnings, respondents = _voices(_responses(tmp_path, dates))
    assert (code, respondents) == (0, review_dates.NAMED + 1)
    assert len(warnings) == review_dates.NAMED + 1
    assert warnings[-1] == (f"warning: 1 more response is dated after today, not named here {HINT}")


def test_responses_dated_today_are_neither_named_nor_counted(tmp_path: Path) -> None:
    """More responses dated today than are named, and one after today: the one is named,
    and no count says that the ones of today are dated after it."""
    dates = [TODAY.isoformat()] * (review_dates.NAMED + 2) + ["2099-01-01"]
    many = _responses(tmp_path, dates)
    code, warnings, respondents = _voices(many)
    assert (code, respondents) == (0, review_dates.NAMED + 3)
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{many}:{review_dates.NAMED + 3}:")
    assert warnings[0].endswith(
        f"the response is dated 2099-01-01, after today ({TODAY.isoformat()}) {HINT}"
    )
