"""Optional text made only of what prints as nothing (a zero-width space, a word joiner and a
mark on nothing) is shown as no text is, in every view: a report's table, Markdown, HTML
and summary, `show`'s framework, `plan --status`, `voices`' page.
Round 72 made such text empty where text is needed; where it is optional, the views tested
it for truth and printed `Example Primary School (100000), ` with the character raw after
the comma, or `by ` and a mark on nothing (round 73: `model.unseen.says_something`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "examples" / "example-primary-2026.yaml"
FRAMEWORK = ROOT / "frameworks" / "becta-srf.yaml"
PLAN = ROOT / "examples" / "plan" / "example-primary-plan.yaml"
TEACHERS = ROOT / "examples" / "respondents" / "teachers.jsonl"
NOTHING = '"\\u200b"'
MARKED = '"\\u2060\\u0301"'


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def _twins(tmp_path: Path, source: Path, lines: dict[str, str]) -> tuple[Path, Path]:
    """`source` with each line starting with a key of `lines` given that value (`seen`), and
    without those lines (`none`): a view of one is to be the view of the other."""
    text = source.read_text(encoding="utf-8").splitlines(keepends=True)
    seen, none = [], []
    for line in text:
        key = next((k for k in lines if line.startswith(k)), None)
        seen.append(line if key is None else f"{key}{lines[key]}\n")
        if key is None:
            none.append(line)
    assert len(none) == len(text) - len(lines)  # each line was found once
    paths = tmp_path / f"seen{source.suffix}", tmp_path / f"none{source.suffix}"
    for path, written in zip(paths, (seen, none), strict=True):
        path.write_text("".join(written), encoding="utf-8")
    return paths


@pytest.mark.parametrize("chosen", ["table", "markdown", "html", "summary"])
def test_a_report_shows_an_authority_and_assessor_of_nothing_to_see_as_none(
    tmp_path: Path, chosen: str
) -> None:
    seen, none = _twins(tmp_path, REVIEW, {"  authority: ": NOTHING, "assessor: ": MARKED})
    shown, expected = (
        run("report", str(seen), "--format", chosen),
        run("report", str(none), "--format", chosen),
    )
    assert shown.exit_code == expected.exit_code == 0, shown.output
    assert shown.stdout == expected.stdout
    assert "Example Primary School" in shown.stdout  # the rest is there
    assert "\u200b" not in shown.stdout
    assert "\u0301" not in shown.stdout


def test_a_framework_s_source_and_licence_of_nothing_to_see_are_not_shown(
    tmp_path: Path,
) -> None:
    data = yaml.safe_load(FRAMEWORK.read_text(encoding="utf-8"))
    seen, none = tmp_path / "seen.json", tmp_path / "none.json"
    changed = {"source": "\u200b", "licence": "\u2060\u0301", "publisher": "\u200b"}
    seen.write_text(json.dumps({**data, **changed}), encoding="utf-8")
    none.write_text(json.dumps({k: v for k, v in data.items() if k not in changed}))
    shown, expected = run("show", str(seen)), run("show", str(none))
    assert shown.exit_code == expected.exit_code == 0, shown.output
    assert shown.stdout == expected.stdout
    assert "Self-review framework" in shown.stdout
    # The publisher left as it was: the next-steps plugin names it in its references. One
    # file's name, which a report's warning of the framework given twice names.
    given = tmp_path / "given.json"
    publisher = {"publisher": data["publisher"]}
    for chosen in ("markdown", "html"):
        args = ("report", str(REVIEW), "--framework", str(given), "--format", chosen)
        given.write_text(json.dumps({**data, **changed, **publisher}), encoding="utf-8")
        shown = run(*args)
        given.write_text(json.dumps({**json.loads(none.read_text()), **publisher}))
        expected = run(*args)
        assert shown.exit_code == expected.exit_code == 0, shown.output
        assert shown.stdout == expected.stdout
        assert "\u200b" not in shown.stdout


def test_a_plan_s_owner_of_nothing_to_see_is_shown_as_no_owner(tmp_path: Path) -> None:
    text = PLAN.read_text(encoding="utf-8")
    seen = tmp_path / "seen.yaml"
    seen.write_text(text.replace('owner: "Headteacher"', f"owner: {NOTHING}"), encoding="utf-8")
    none = tmp_path / "none.yaml"
    none.write_text(text.replace('owner: "Headteacher"', "owner: null"), encoding="utf-8")
    shown, expected = run("plan", "--status", str(seen)), run("plan", "--status", str(none))
    assert shown.exit_code == expected.exit_code == 0, shown.output
    assert shown.stdout == expected.stdout
    assert "Example LEA adviser" in shown.stdout  # the other owner, as it was


def test_the_voices_page_leaves_such_an_authority_out(
    tmp_path: Path,
) -> None:
    lines = TEACHERS.read_text(encoding="utf-8").splitlines(keepends=True)
    seen, none = tmp_path / "seen.jsonl", tmp_path / "none.jsonl"
    seen.write_text(
        "".join(line.replace('"Example LEA"', NOTHING) for line in lines), encoding="utf-8"
    )
    none.write_text(
        "".join(line.replace(', "authority": "Example LEA"', "") for line in lines),
        encoding="utf-8",
    )
    shown = run("voices", str(seen), "--format", "html")
    expected = run("voices", str(none), "--format", "html")
    assert shown.exit_code == expected.exit_code == 0, shown.output
    assert shown.stdout == expected.stdout
    assert "\u200b" not in shown.stdout


_PACK = """\
kind: rules
id: pack
framework: becta-srf
title: A pack
{pack}rules:
  - id: first
    when: {{strand: 1a1, level: 3}}
    recommend:
      title: Share the vision
      action: Share it with governors.
      audience: governors
      priority: high
{rule}"""


@pytest.mark.parametrize("chosen", ["table", "markdown", "html"])
def test_a_recommendation_s_reference_of_nothing_to_see_is_not_shown(
    tmp_path: Path, chosen: str
) -> None:
    """A rule pack's `reference` (which its rules inherit) or a rule's own, made only of
    what prints as nothing, is no reference: until round 74 each view wrote `pack; ` and
    the character raw after the recommendation's source (the table's `From:`, Markdown's
    and HTML's `Source:`)."""
    seen, none = tmp_path / "seen.yaml", tmp_path / "none.yaml"
    own = tmp_path / "own.yaml"
    seen.write_text(_PACK.format(pack=f"reference: {NOTHING}\n", rule=""), encoding="utf-8")
    own.write_text(_PACK.format(pack="", rule=f"      reference: {MARKED}\n"), encoding="utf-8")
    none.write_text(_PACK.format(pack="", rule=""), encoding="utf-8")
    expected = run("report", str(REVIEW), "--rules", str(none), "--format", chosen)
    assert expected.exit_code == 0, expected.output
    assert "Share it with governors." in expected.stdout  # the rule gave its advice
    for rules in (seen, own):
        shown = run("report", str(REVIEW), "--rules", str(rules), "--format", chosen)
        assert shown.exit_code == 0, shown.output
        assert shown.stdout == expected.stdout
        assert "\u200b" not in shown.stdout
        assert "\u0301" not in shown.stdout
