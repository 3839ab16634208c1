"""`plan -i`'s questions (`cli/_plan_questions.py`), what its own tests did not hold (round 44's
pass): the width the questions are fitted to, every one-line piece of text kept on its line,
the due date's default said and kept (and how to give none), and a link in an action kept
whole so that it can be copied."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core import Engine, load_assessment
from selfreview_core.cli import cli
from selfreview_core.cli._plan_questions import PlanAsker

ROOT = Path(__file__).resolve().parents[2]
REVIEW_2025 = ROOT / "examples" / "example-primary-2025.yaml"
LINK = "https://www.example.org/guidance/ict-leadership/self-review/vision-and-strategy.html"
#: A rule pack of one recommendation, for 1a1 (judged at 4 in REVIEW_2025): its title on two
#: lines with a tab, its action holding a link longer than any width and hyphenated words.
RULES = f"""\
kind: rules
id: odd-text
framework: becta-srf
rules:
  - id: odd-text
    when: {{strand: 1a1, below: 1}}
    recommend:
      title: "First line\\nsecond\\tline"
      action: "Read {LINK} and follow its co-ordinator-led steps, one by one, as it says."
      priority: high
"""


def plan_i(tmp_path: Path, answers: str, *args: str, columns: int | None = None) -> Result:
    """`plan REVIEW_2025 -o plan.yaml -i --rules odd-text.yaml` with the plugins' advice
    left out: the one recommendation of `RULES` is asked about."""
    rules = tmp_path / "odd-text.yaml"
    rules.write_text(RULES, encoding="utf-8")
    env = {"COLUMNS": str(columns)} if columns else {}
    plugins = ("becta-leadership", "lea-support", "parental-engagement", "next-steps")
    disable = [part for name in plugins for part in ("--disable", name)]
    plan = ["plan", str(REVIEW_2025), "-o", str(tmp_path / "plan.yaml"), "-i"]
    result = CliRunner(env=env).invoke(
        cli,
        [*plan, "--rules", str(rules), *disable, *args],
        input=answers,
        catch_exceptions=False,
    )
    assert "Traceback" not in result.output
    assert "(1 of 1) " in result.stdout, result.output
    return result


def planned(tmp_path: Path) -> list[dict[str, object]]:
    actions: list[dict[str, object]] = yaml.safe_load(
        (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    )["actions"]
    return actions


@pytest.mark.parametrize("columns", [20, 40, 41, 60])
def test_a_recommendation_is_shown_within_the_width_a_link_whole_on_its_own_line(
    tmp_path: Path, columns: int
) -> None:
    """The action is filled to the width, but a link longer than the width is neither cut
    nor split at its hyphens: it stands whole on a line of its own, to be copied; a
    hyphenated word is not split either."""
    result = plan_i(tmp_path, "n\n", columns=columns)
    width = max(columns, 40)
    question = result.stdout.split("(1 of 1) ", 1)[1].split("Add it to the plan?", 1)[0]
    lines = question.splitlines()
    assert f"  {LINK}" in lines
    assert all(len(line) <= width for line in lines if LINK not in line), question
    assert "co-ordinator-led" in question
    assert result.exit_code == 0


# -- one-line text ------------------------------------------------------------------------------


def test_a_title_of_several_lines_is_asked_about_on_one(tmp_path: Path) -> None:
    result = plan_i(tmp_path, "n\n")
    assert "(1 of 1) First line\\nsecond\\tline\n" in result.stdout
    assert "\t" not in result.stdout


def test_the_line_about_a_recommendation_stays_one_line_whatever_its_source_is_called(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The priority, targets and source: a source named with a tab or a line break (an
    embedder's plugin, an entry point's name) is shown escaped on the one line."""
    engine = Engine()
    report = engine.report(load_assessment(REVIEW_2025, engine.framework_names()))
    rec = report.recommendations[0].model_copy(update={"source": "my\tplugin\nx"})
    monkeypatch.setattr(click, "prompt", lambda *args, **kwargs: "n")  # declined
    assert PlanAsker(None, None, report, None, None)(rec) is None
    shown = capsys.readouterr().out
    assert f"  {rec.priority} priority; {', '.join(rec.targets)}; from my\\tplugin\\nx\n" in shown


def test_the_owner_given_on_the_command_line_is_offered_on_one_line(tmp_path: Path) -> None:
    result = plan_i(tmp_path, "y\n\n\n", "--owner", "Head\tteacher")
    assert "  Owner [Head\\tteacher]: " in result.stdout
    assert planned(tmp_path)[0]["owner"] == "Head\tteacher"  # Enter keeps it, as given


def test_a_date_not_understood_is_shown_as_typed_on_one_line(tmp_path: Path) -> None:
    result = plan_i(tmp_path, "y\n\n2026\t01-01\n2026-01-31\n")
    assert "  `2026\\t01-01` is not a date: write it as YYYY-MM-DD\n" in result.stderr
    assert str(planned(tmp_path)[0]["due"]) == "2026-01-31"


# -- the due date's default -----------------------------------------------------------------


def test_the_due_date_given_is_offered_and_kept_by_enter(tmp_path: Path) -> None:
    result = plan_i(tmp_path, "y\n\n\n", "--due", "2027-03-31")
    assert "  Due date (YYYY-MM-DD, - for none) [2027-03-31]: " in result.stdout
    assert str(planned(tmp_path)[0]["due"]) == "2027-03-31"


def test_a_dash_gives_an_action_no_due_date_even_when_one_is_given(tmp_path: Path) -> None:
    """Enter keeps `--due`'s date, so the prompt says how to give none: `-` (it used to say
    "empty for none", and Enter gave the date)."""
    result = plan_i(tmp_path, "y\n\n-\n", "--due", "2027-03-31")
    assert result.exit_code == 0
    assert "due" not in planned(tmp_path)[0]


def test_without_a_due_date_given_enter_gives_none_and_no_default_is_shown(
    tmp_path: Path,
) -> None:
    result = plan_i(tmp_path, "y\n\n\n")
    assert "  Due date (YYYY-MM-DD, empty for none): " in result.stdout
    assert "[" not in result.stdout.split("Due date", 1)[1]
    assert "due" not in planned(tmp_path)[0]
