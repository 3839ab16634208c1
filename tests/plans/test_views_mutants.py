"""How a plan is going (`plans/views.py`, `selfreview plan --status`): what its first
mutation pass (round 42) found no test held, pinned by what a school reads at a meeting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "examples" / "plan" / "example-primary-plan.yaml"
REVIEW = ROOT / "examples" / "example-primary-2026.yaml"


def status(plan: Path, *more: str) -> Result:
    args = ["plan", "--status", str(plan), "--as-of", "2026-11-23", *more]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def rows(output: str) -> dict[str, str]:
    """The first line of each action's row, by the start of its id."""
    return {line.split()[0]: line for line in output.splitlines() if line[:1].isalpha()}


def edited(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    text = PLAN.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_each_action_shows_its_owner_or_a_dash(tmp_path: Path) -> None:
    plan = edited(tmp_path, ("  owner: 'Example LEA adviser'\n", ""))
    shown = rows(status(plan).output)
    assert shown["review-vision-include-ict"].split()[-3:] == ["Headteacher", "2026-03-31", "done"]
    assert shown["lea-contingency-plan"].split()[-3:] == ["-", "-", "dropped"]
    assert "Example LEA adviser" not in status(plan).output


def test_a_target_the_later_review_leaves_unjudged_shows_a_dash_not_none(tmp_path: Path) -> None:
    text = REVIEW.read_text(encoding="utf-8")
    start = text.index("  1a2:\n")
    review = tmp_path / "later.yaml"
    review.write_text(text[:start] + text[text.index("  1b1:\n") :], encoding="utf-8")
    out = status(PLAN, "--review", str(review)).output
    assert "1a2: 5 → - not" in rows(out)["review-vision-include-ict"]
    assert "None" not in out


def test_text_from_the_plan_stays_on_its_line(tmp_path: Path) -> None:
    """A school name, title or owner holding a newline, a tab or an escape sequence is
    shown escaped: a row never gains a line it did not have, nothing reaches the terminal."""
    plan = edited(
        tmp_path,
        ("name: Example Primary School", 'name: "Example\\nforged: heading"'),
        (
            "title: Bring ICT into the vision, then plan how to review its place there",
            'title: "Bring\\n\\x1b[2J\\tICT into the vision"',
        ),
        ('owner: "Headteacher"', 'owner: "Head\\nforged owner"'),
    )
    for more in ((), ("--review", str(REVIEW))):
        out = status(plan, *more).output
        assert "\x1b" not in out
        assert "\t" not in out
        assert not any(line.startswith("forged") for line in out.splitlines())
        assert "Example\\nforged: heading (100000): action plan" in out
        assert "Head\\nforged" in out.replace("\n", "")
        assert "\\x1b[2J\\tICT" in out.replace("\n", "").replace(" ", "")


@pytest.mark.parametrize(("review", "width"), [(False, 64), (True, 80)])
def test_the_table_fits_the_terminal_wrapping_titles_owners_and_then_ids(
    review: bool, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Titles, owners, dates and targets wrap to fit the terminal, and ids too when that is
    not enough; into a pipe nothing is wrapped."""
    monkeypatch.setenv("COLUMNS", str(width))
    more = ("--review", str(REVIEW)) if review else ()
    out = status(PLAN, *more).output
    assert max(len(line) for line in out.splitlines()) <= width
    assert "review-vision-include-ict" not in out
    assert "Bring ICT into the vision, then plan" not in out
    monkeypatch.delenv("COLUMNS")
    out = status(PLAN, *more).output
    assert "review-vision-include-ict" in out
    assert "Bring ICT into the vision, then plan how to review its place there" in out


def test_a_score_is_shown_to_three_places_with_its_level() -> None:
    """A score of answers worth thirds (an answer set of one's own) is `0.333 (level 0)`,
    as every other view writes a score."""
    from plans.test_plan_scores import FRAMEWORK, later, planned
    from selfreview_core.plans.progress import plan_status
    from selfreview_core.plans.views import status_text

    review = later({"L-G-1-a": "no"})
    status = plan_status(planned(), FRAMEWORK, review, today=dt.date(2027, 11, 2))
    action = status.actions[0]
    third = action.targets[0].model_copy(update={"now": 0, "now_score": 1 / 3})
    status = status.model_copy(
        update={"actions": (action.model_copy(update={"targets": (third,)}),)}
    )
    assert "L-G-1: 1.75 (level 1) → 0.333 (level 0)" in " ".join(status_text(status).split())


def test_ids_show_their_invisible_characters(tmp_path: Path) -> None:
    """The school's, the framework's and each action's id are names
    (`escaping.shown_name`): an action `a` and one `a` with a zero-width space after it
    read alike before round 46. A title keeps its joiner."""
    plan = edited(
        tmp_path,
        ("id: review-vision-include-ict", "id: review-vision-include-ict\u200b"),
        ("{id: '100000'", "{id: '100000\u200b'"),
        ("title: Bring ICT", "title: Bring\u200d ICT"),
    )
    out = status(plan).output
    assert out.startswith("Example Primary School (100000\\u200b): action plan for becta-srf@2010")
    assert "review-vision-include-ict\\u200b" in rows(out)
    assert "Bring\u200d ICT" in out
    assert "\u200b" not in out


def test_a_targets_strand_and_the_framework_show_their_invisible_characters() -> None:
    from plans.test_plan_scores import FRAMEWORK, later, planned
    from selfreview_core.plans.progress import plan_status
    from selfreview_core.plans.views import status_text

    status = plan_status(planned(), FRAMEWORK, later({"L-G-1-a": "no"}))
    action = status.actions[0]
    target = action.targets[0].model_copy(update={"id": "L-G-1\u200b"})
    status = status.model_copy(
        update={
            "framework": "q\u200b@1",
            "actions": (action.model_copy(update={"targets": (target,)}),),
        }
    )
    text = " ".join(status_text(status).split())
    assert f"action plan for q\\u200b@1, against the review of {status.review_on}" in text
    assert "L-G-1\\u200b: 1.75 (level 1) →" in text
    assert "\u200b" not in text
