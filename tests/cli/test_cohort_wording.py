"""`benchmark` and `support` word the same states the same way, in the same order (round 59).

Before round 59 `support` said "not both" where `benchmark` said "not both: collect the
assessments into the cohort file first", "no usable assessments in 1 input(s)" where
`benchmark` counted files or documents, and told the inputs it skipped after its plugins'
problems, where `benchmark` told them before the reviews given twice. One function now says
each (`cli._cohort_paths.MIXED`, `CohortInput.empty_note`, `cli._cohort.told_cohort`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import review_dates
from selfreview_core.cli import cli

DATA = Path(__file__).resolve().parents[1] / "data" / "good"
FRAMEWORK = DATA / "tiny-framework.yaml"
REVIEW = DATA / "tiny-assessment.yaml"
COMMANDS = ("benchmark", "support")
REVIEW_DAY = dt.date(2026, 10, 1)  # "today", for the review dated after it


def _run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _both(*args: object) -> tuple[Result, Result]:
    benchmark, support = (_run(command, *args) for command in COMMANDS)
    return benchmark, support


def test_cohort_files_and_assessments_together_are_refused_in_the_same_words(
    tmp_path: Path,
) -> None:
    cohort = tmp_path / "cohort.parquet"
    assert _run("collect", REVIEW, "--framework", FRAMEWORK, "-o", cohort).exit_code == 0
    before = cohort.read_bytes()
    output = tmp_path / "out.txt"
    for result in _both(cohort, REVIEW, "--framework", FRAMEWORK, "-o", output):
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1] == (
            "Error: give cohort files (.parquet) or assessments, not both: collect the "
            "assessments into the cohort file first"
        )
        assert result.stdout == ""
    assert not output.exists()
    assert cohort.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "text", "counted"),
    [
        ("bad.yaml", "kind: assessment\n", "1 file(s)"),
        ("bad.jsonl", '{"kind": "assessment"}\n' * 3, "3 document(s)"),
    ],
)
def test_nothing_usable_is_said_in_the_same_words(
    tmp_path: Path, name: str, text: str, counted: str
) -> None:
    bad = tmp_path / name
    bad.write_text(text, encoding="utf-8")
    benchmark, support = _both(bad, "--framework", FRAMEWORK)
    assert benchmark.exit_code == support.exit_code == 1
    assert benchmark.stderr.splitlines()[-1] == f"no usable assessments in {counted}"
    assert support.stderr == benchmark.stderr
    assert support.stdout == benchmark.stdout == ""


def test_skipped_inputs_reviews_given_twice_and_dates_after_today_come_in_one_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(review_dates, "today", lambda: REVIEW_DAY)
    text = REVIEW.read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("kind: assessment\n", encoding="utf-8")
    later = text.replace("T-001", "T-002").replace("2026-09-30", "2026-10-02")
    (tmp_path / "c.yaml").write_text(later, encoding="utf-8")
    names = [tmp_path / n for n in ("a.yaml", "b.yaml", "bad.yaml", "c.yaml")]
    benchmark, support = _both(*names, "--framework", FRAMEWORK)
    assert benchmark.exit_code == support.exit_code == 1
    a, b, bad, c = names
    assert benchmark.stderr.splitlines()[-3:] == [
        "1 of 4 files skipped; the cohort is the other 3.",
        f"warning: school T-001 has 2 reviews dated 2026-09-30: {a} and {b}; {b} (read last) "
        f"counts; {a} is left out",
        f"{c}:4:14: warning: assessed_on: the review of school T-002 is dated 2026-10-02, after "
        "today (2026-10-01): it counts as newer than every real review (a typing slip? give "
        "the day the review was made)",
    ]
    assert benchmark.stderr.startswith(f"{bad}:1:1: error: missing required key `framework`\n")
    assert support.stderr == benchmark.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml", "bad.yaml", "c.yaml"]
