"""Respondent groups that look alike, in many spellings (round 60).

The warning named every spelling of a set and every odd character of each: a survey
export's free-text group, typed by each respondent, made one line of hundreds of names.
Round 59 capped the school's names (`voices.notices.school_names`); the look-alike groups
now are too: five spellings named and the rest counted, five odd characters of each named
and the rest counted. Every group is still compared on its own (SPEC section 9)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
TEACHERS = ROOT / "examples" / "respondents" / "teachers.jsonl"
#: `teachers` with four Cyrillic letters and four invisible characters: eight odd ones.
ODD = "t\u0435\u0430\u0441h\u0435r\u0455\u200b\u200c\u200d\u2060"
SPELLINGS = [ODD, "Teachers", "TEACHERS", "tEachers", "teAchers", "teaChers", "teacherS"]


def test_many_spellings_are_named_five_and_counted(tmp_path: Path) -> None:
    lines = TEACHERS.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(SPELLINGS)
    folder = tmp_path / "responses"
    folder.mkdir()
    answers = []
    for line, name in zip(lines, SPELLINGS, strict=True):
        data = json.loads(line)
        data["respondent"]["group"] = name
        answers.append(json.dumps(data, ensure_ascii=False))
    (folder / "teachers.jsonl").write_text("\n".join(answers) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["voices", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    shown_odd = ODD[:-4] + "\\u200b\\u200c\\u200d\\u2060"  # escaped, as a name (round 65)
    warnings = [line for line in result.stderr.splitlines() if "look alike" in line]
    assert warnings == [
        f"warning: the groups `{shown_odd}`, `Teachers`, `TEACHERS`, `tEachers`, `teAchers`, "
        f"and 2 more groups look alike (`{shown_odd}` holds U+0435 U+0430 U+0441 U+0455 U+200B "
        "and 3 more): each is compared as a group of its own; give one name to all of them if "
        "they are one group"
    ]
    groups = json.loads(result.stdout)["groups"]
    assert set(SPELLINGS) <= {g["group"] if isinstance(g, dict) else g for g in groups}
