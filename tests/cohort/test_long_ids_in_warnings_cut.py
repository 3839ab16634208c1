"""A cohort's warnings name a school id cut as its refusals do (`errors.cut`: 37 characters
and `...`), and escaped (round 81).

Round 80 cut the ids the refusals name (tests/cohort/test_long_ids_cut.py); the warnings
still said them whole: a school with two reviews on one date (`collect`, `benchmark`,
`support`), a review dated after today (`benchmark`, `support`), and ids that look alike
(each id twice). A JSON Lines file holding an id of 100,000 characters gave 100 KB of
standard error for each, and the look-alike pair half a megabyte.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from selfreview_core.review_dates import today

from .test_standing import ROOT, run

#: An id a file may hold: a terminal's colour, then 100,000 letters.
LONG = "x\x1b[31m" + "y" * 100_000
#: `LONG` as a warning shows it: cut, then escaped.
SHOWN = "x\\x1b[31m" + "y" * 31 + "..."


def _cohort(tmp_path: Path, *reviews: tuple[str, str]) -> Path:
    """A JSON Lines file of the example review, once for each (school id, date)."""
    review = yaml.safe_load((ROOT / "examples" / "example-primary-2025.yaml").read_text())
    lines = []
    for school, day in reviews:
        review["school"]["id"], review["assessed_on"] = school, day
        lines.append(json.dumps(review, default=str))
    file = tmp_path / "cohort.jsonl"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return file


def _warned(command: list[str], file: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The command's standard error, by line: exit 1 (two reviews on one date), something
    written, no traceback, the cohort file kept."""
    given = file.read_bytes()
    monkeypatch.chdir(file.parent)
    result = run(*command, file.name)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert file.read_bytes() == given
    return result.stderr.splitlines()


def test_collect_names_a_school_of_two_reviews_on_one_date_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = _cohort(tmp_path, ("1", "2025-10-06"), (LONG, "2025-10-06"), (LONG, "2025-10-06"))
    said = _warned(["collect", "-o", "out.parquet"], file, monkeypatch)
    assert said == [
        f"warning: school {SHOWN} has 2 reviews dated 2025-10-06: cohort.jsonl:2 and "
        "cohort.jsonl:3; cohort.jsonl:3 (read last) is kept, cohort.jsonl:2 left out",
        "Collected 2 reviews (22 rows) into out.parquet.",
    ]
    assert (tmp_path / "out.parquet").stat().st_size > 0


def test_benchmark_names_two_reviews_on_one_date_and_one_after_today_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = _cohort(
        tmp_path,
        ("1", "2025-10-06"),
        (LONG, "2025-10-06"),
        (LONG, "2025-10-06"),
        (LONG, "2099-01-01"),
    )
    said = _warned(["benchmark", "-o", "out.txt"], file, monkeypatch)
    line = file.read_text(encoding="utf-8").splitlines()[3]
    column = line.index('"assessed_on"') + 16  # the date, after the school's id on its line
    assert said == [
        f"warning: school {SHOWN} has 2 reviews dated 2025-10-06: cohort.jsonl:2 and "
        "cohort.jsonl:3; none of them counts: a later review of the school does",
        f"cohort.jsonl:4:{column}: warning: assessed_on: the review of school {SHOWN} is "
        f"dated 2099-01-01, after today ({today().isoformat()}): it counts as newer than "
        "every real review (a typing slip? give the day the review was made)",
        "Wrote out.txt (table).",
    ]
    assert (tmp_path / "out.txt").stat().st_size > 0


def test_ids_that_look_alike_are_named_cut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    composed, decomposed = "caf\u00e9" + "y" * 100_000, "cafe\u0301" + "y" * 100_000
    file = _cohort(
        tmp_path, ("1", "2025-10-06"), (composed, "2025-10-06"), (decomposed, "2025-10-06")
    )
    monkeypatch.chdir(tmp_path)
    result = run("benchmark", file.name, "-o", "out.txt")
    assert result.exit_code == 0, result.output
    first, second = "`caf\u00e9" + "y" * 33 + "...`", "`cafe\u0301" + "y" * 32 + "...`"
    assert result.stderr.splitlines() == [
        f"warning: the schools {second}, {first} have ids that look alike ({second} holds "
        f"U+0301; {first} holds U+00E9): each counts as a school of its own, with reviews "
        "of its own; give them one id if they are one school",
        "Wrote out.txt (table).",
    ]
    assert (tmp_path / "out.txt").stat().st_size > 0
