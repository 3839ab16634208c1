"""A respondent's group that prints as nothing (round 69): a zero-width space, a byte
order mark, a Hangul filler. Before, it was a valid id: `voices` showed a column headed by
nothing and `combine` wrote evidence naming an invisible group. Now it is refused where an
empty group is, in the same words ("must not be empty"), at its line and column, with what
it holds; a group with a letter beside such a character is still a group (shown escaped)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli
from selfreview_core.model.assessment import unseen_only

ROOT = Path(__file__).resolve().parents[2]
TEACHERS = ROOT / "examples" / "respondents" / "teachers.jsonl"
GOVERNOR = ROOT / "examples" / "respondents" / "governor-1.yaml"


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def answers(tmp_path: Path, group: str) -> Path:
    """The example teachers' answers (seven), the second in `group`."""
    lines = TEACHERS.read_text(encoding="utf-8").splitlines()
    data = json.loads(lines[1])
    data["respondent"]["group"] = group
    lines[1] = json.dumps(data)
    path = tmp_path / "answers.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_what_prints_as_nothing() -> None:
    assert unseen_only("\u200b")
    assert unseen_only("\ufeff\u2060\u3164\u200e \u00ad")
    assert not unseen_only("a\u200b")
    assert not unseen_only("teachers")


@pytest.mark.parametrize(
    ("group", "said"),
    [("\u200b", "\\u200b"), ("\ufeff\u2060\u3164", "\\ufeff\\u2060\\u3164")],
)
def test_combine_refuses_an_invisible_group_at_its_place(
    tmp_path: Path, group: str, said: str
) -> None:
    source = answers(tmp_path, group)
    line = source.read_text(encoding="utf-8").splitlines()[1]
    column = line.index('"group"') + len('"group": ') + 1
    target = tmp_path / "draft.yaml"
    target.write_text("", encoding="utf-8")  # an empty -o: combine may replace it
    result = run("combine", str(source), "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{source}:2:{column}: error: respondent.group: must not be empty (the text "
        f"`{said}` holds only characters that print as nothing)\n"
        "the responses were refused (errors above); nothing was written\n"
    )
    assert target.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.jsonl", "draft.yaml"]


def test_voices_and_validate_refuse_it_and_an_empty_group_alike(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    empty = run("voices", str(answers(tmp_path / "empty", "")))
    invisible = run("voices", str(answers(tmp_path, "\u200b")))
    assert empty.exit_code == invisible.exit_code == 1
    assert empty.stdout == invisible.stdout == ""
    assert ": error: respondent.group: must not be empty\n" in empty.stderr
    assert ": error: respondent.group: must not be empty (the text `\\u200b`" in invisible.stderr
    governor = tmp_path / "governor.yaml"
    text = GOVERNOR.read_text(encoding="utf-8")
    assert "\nrespondent: {group: governors}\n" in text
    governor.write_text(text.replace("{group: governors}", '{group: "\\u200b"}'), "utf-8")
    line = text.splitlines().index("respondent: {group: governors}") + 1
    checked = run("validate", str(governor))
    assert checked.exit_code == 1
    assert f"{governor}:{line}:21: error: respondent.group: must not be empty (" in checked.output


def test_a_letter_beside_an_invisible_character_is_still_a_group(tmp_path: Path) -> None:
    result = run("voices", str(answers(tmp_path, "a\u200b")), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "a\u200b" in {g["group"] for g in json.loads(result.stdout)["groups"]}


def test_assess_group_refuses_it_before_anything_is_asked(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    result = run("assess", "becta-srf", "-o", str(target), "--group", "\u200b")
    assert result.exit_code == 2
    assert (
        "Error: Invalid value for --group: must not be empty (`\\u200b` holds only "
        "characters that print as nothing)\n"
    ) in result.stderr
    assert "School id" not in result.output
    assert not target.exists()
