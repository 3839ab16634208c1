"""Ids made only of what prints as nothing (round 70): a zero-width space, a byte order
mark, a Hangul filler, the Braille blank, a combining mark with nothing to mark. Before,
school, strand, aspect, element, framework, rule and action ids of them were valid, shown as
nothing (or as `\\u200b` where a name is escaped). Now each file kind refuses them where it
refuses an empty id, in the same words ("must not be empty"), at the id's line and column,
saying what the text holds; an id with something to see beside them is still an id."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli
from selfreview_core.model.base import unseen_only

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORK = ROOT / "frameworks" / "becta-srf.yaml"
REVIEW = ROOT / "examples" / "example-primary-2026.yaml"
RULES = ROOT / "plugins" / "becta-leadership" / "src" / "selfreview_becta_leadership"
PLAN = ROOT / "examples" / "plan" / "example-primary-plan.yaml"
GOVERNOR = ROOT / "examples" / "respondents" / "governor-1.yaml"
TEACHERS = ROOT / "examples" / "respondents" / "teachers.jsonl"
NOTHING = "the text `\\u200b` holds only characters that print as nothing"


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def test_what_an_id_may_not_be_made_of_alone() -> None:
    assert unseen_only("\u200b\ufeff\u3164\u115f\u2800\u200e")
    assert unseen_only("\u0301\u20dd")  # an acute and an enclosing circle on nothing
    assert not unseen_only("e\u0301")
    assert not unseen_only("1a1\u200b")


#: (file, what is replaced, its replacement, where the id starts in it, the path named,
#: what the hint says the text holds).
CASES = [
    (FRAMEWORK, "id: becta-srf\n", 'id: "\\ufeff"\n', 4, "id", "`\\ufeff`"),
    (FRAMEWORK, '  - id: "1"\n', '  - id: "\\u115f"\n', 8, "elements[0].id", "`\\u115f`"),
    (FRAMEWORK, "id: 1a\n", 'id: "\\u3164"\n', 4, "elements[0].aspects[0].id", "`\\u3164`"),
    (
        FRAMEWORK,
        "id: 1a1\n",
        'id: "\\u200b"\n',
        4,
        "elements[0].aspects[0].strands[0].id",
        "`\\u200b`",
    ),
    (REVIEW, 'id: "100000"', 'id: "\\u200b"', 4, "school.id", "`\\u200b`"),
    (
        RULES / "becta-leadership.yaml",
        "id: vision-include-ict",
        'id: "\\u2800"',
        4,
        "rules[0].id",
        "`\\u2800`",
    ),
    (
        PLAN,
        "- id: review-vision-include-ict",
        '- id: "\\u200b\\u2060"',
        6,
        "actions[0].id",
        "`\\u200b\\u2060`",
    ),
    (GOVERNOR, "{group: governors}", '{group: "\\ufe0f"}', 8, "respondent.group", "`\\ufe0f`"),
]


@pytest.mark.parametrize(("source", "old", "new", "start", "path", "held"), CASES)
def test_each_file_kind_refuses_an_id_of_nothing_to_see_at_its_place(
    tmp_path: Path, source: Path, old: str, new: str, start: int, path: str, held: str
) -> None:
    text = source.read_text(encoding="utf-8")
    at = text.index(old)
    bad = tmp_path / f"bad{source.suffix}"
    bad.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    good = tmp_path / f"good{source.suffix}"
    good.write_text(text, encoding="utf-8")
    line = text.count("\n", 0, at) + 1
    column = at - text.rfind("\n", 0, at) + start
    result = run("validate", str(bad), str(good))
    assert result.exit_code == 1
    error, ok = result.stdout.splitlines()
    assert error == (
        f"{bad}:{line}:{column}: error: {path}: must not be empty "
        f"(the text {held} holds only characters that print as nothing)"
    )
    assert ok.startswith(f"{good}: ok: ")  # the other file is checked as before
    assert result.stderr == "2 files checked: 1 valid, 1 invalid (1 error)\n"


def test_a_mark_on_nothing_is_named_by_its_code_point(tmp_path: Path) -> None:
    """A terminal draws a lone acute on the backtick before it: the hint names it."""
    text = REVIEW.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace('id: "100000"', 'id: "\\u0301\\u200b"'), encoding="utf-8")
    at = text.index('id: "100000"')
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at) + 4
    result = run("validate", str(bad))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{bad}:{line}:{column}: error: school.id: must not be empty (the text holds only "
        "marks on nothing, here U+0301, and characters that print as nothing)"
    ]


def test_a_json_lines_response_with_such_a_school_id_is_refused_and_the_rest_kept(
    tmp_path: Path,
) -> None:
    lines = TEACHERS.read_text(encoding="utf-8").splitlines()
    data = json.loads(lines[2])
    data["school"]["id"] = "\u3164"
    lines[2] = json.dumps(data)
    source = tmp_path / "answers.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    column = lines[2].index('"id": ') + len('"id": ') + 1
    result = run("voices", str(source), "--format", "json")
    assert result.exit_code == 1
    assert (
        f"{source}:3:{column}: error: school.id: must not be empty (the text `\\u3164` "
        "holds only characters that print as nothing)"
    ) in result.stderr.splitlines()


def test_an_id_with_something_to_see_beside_them_is_still_an_id(tmp_path: Path) -> None:
    text = REVIEW.read_text(encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(text.replace('id: "100000"', 'id: "100000\\u200b"'), encoding="utf-8")
    result = run("validate", str(good))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("school", ["\u200b", "\u0301"])
def test_assess_refuses_such_a_school_id_before_anything_is_asked(
    tmp_path: Path, school: str
) -> None:
    target = tmp_path / "mine.yaml"
    result = run("assess", "becta-srf", "-o", str(target), "--school-id", school)
    assert result.exit_code == 2
    assert "Error: Invalid value for --school-id: must not be empty (" in result.stderr
    assert "School name" not in result.output
    assert not target.exists()


@pytest.mark.parametrize(
    ("new", "held"),
    [('"\\u001c"', "`\\x1c`"), ('" \\u001f "', "` \\x1f `"), ('"1\\u001d2"', "`1\\x1d2`")],
)
def test_an_id_with_a_separator_python_takes_as_blank_is_no_id(
    tmp_path: Path, new: str, held: str
) -> None:
    """U+001C..U+001F are white space to Python's `isspace`, `strip` and `split` (so
    blank to `Text`), not to Unicode's White_Space, which an id's pattern took: until
    round 73 an id of U+001C alone was an id, shown as `\\x1c`. Refused as an id with a
    space is, at its place; the other file still read."""
    text = REVIEW.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace('id: "100000"', f"id: {new}"), encoding="utf-8")
    at = text.index('id: "100000"')
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at) + 4
    result = run("validate", str(bad), str(REVIEW))
    assert result.exit_code == 1
    error, ok = result.stdout.splitlines()
    assert error == (
        f"{bad}:{line}:{column}: error: school.id: the text {held} is not a valid id "
        "(ids have no spaces and no `@`)"
    )
    assert ok.startswith(f"{REVIEW}: ok: ")


#: A framework reference of each file kind that names one (the text replaced, its line).
REFERENCES = [(REVIEW, "framework: becta-srf@2010"), (PLAN, "framework: becta-srf@2010")]


@pytest.mark.parametrize(("source", "old"), REFERENCES)
@pytest.mark.parametrize(
    ("new", "said"),
    [
        (
            '"\\u200b"',
            "must not be empty (the text `\\u200b` holds only characters that print as nothing)",
        ),
        (
            '"\\u0301\\u2060"',
            "must not be empty (the text holds only marks on nothing, here "
            "U+0301, and characters that print as nothing)",
        ),
        (
            '"\\u001c"',
            "the text `\\x1c` is not a framework id (write `id` or `id@version`, with no spaces)",
        ),
        (
            '"becta-srf@\\u200b"',
            "the text `becta-srf@\\u200b` is not a framework id (write "
            "`id` or `id@version`, with no spaces)",
        ),
        (
            '"a b"',
            "the text `a b` is not a framework id (write `id` or `id@version`, with no spaces)",
        ),
    ],
)
def test_a_framework_reference_of_nothing_to_see_is_refused_once_where_it_is_read(
    tmp_path: Path, source: Path, old: str, new: str, said: str
) -> None:
    """Until round 73 `framework: "\\u200b"` passed its pattern and was looked up: "unknown
    framework `\\u200b`", and `a b` was said to be wrong twice (unknown, and no framework
    id). Now once, as the model reads it, at the reference's line and column."""
    text = source.read_text(encoding="utf-8")
    bad = tmp_path / f"bad{source.suffix}"
    bad.write_text(text.replace(old, f"framework: {new}"), encoding="utf-8")
    at = text.index(old)
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at) + 11
    result = run("validate", str(bad), str(source))
    assert result.exit_code == 1
    error, ok = result.stdout.splitlines()
    assert error == f"{bad}:{line}:{column}: error: framework: {said}"
    assert ok.startswith(f"{source}: ok: ")
    assert result.stderr == "2 files checked: 1 valid, 1 invalid (1 error)\n"


def test_a_json_lines_review_naming_a_framework_of_nothing_to_see_is_refused_at_its_place(
    tmp_path: Path,
) -> None:
    lines = TEACHERS.read_text(encoding="utf-8").splitlines()
    data = json.loads(lines[1])
    data["framework"] = "\u200b"
    lines[1] = json.dumps(data)
    source = tmp_path / "answers.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    column = lines[1].index('"framework": ') + len('"framework": ') + 1
    result = run("validate", str(source))
    assert result.exit_code == 1
    said = result.stdout.splitlines()
    assert said[1] == (
        f"{source}:2:{column}: error: framework: must not be empty (the text `\\u200b` holds "
        "only characters that print as nothing)"
    )
    assert [line.split(": ", 2)[1] for line in said] == ["ok", "error"] + ["ok"] * (len(lines) - 2)


MIGRATION = ROOT / "examples" / "migration" / "example-srf-1-to-2.yaml"


@pytest.mark.parametrize(
    ("new", "said"),
    [
        (
            '"\\u200b@1"',
            "`\\u200b@1` is not `id@version`: its id or its version holds only "
            "characters that print as nothing",
        ),
        (
            '"example-srf@\\u2060"',
            "`example-srf@\\u2060` is not `id@version`: its id or its "
            "version holds only characters that print as nothing",
        ),
        (
            '"\\u200b"',
            "`\\u200b` is not `id@version`: its id or its version holds only "
            "characters that print as nothing",
        ),
        ('"a\\u001c@1"', "`a\\x1c@1` is not `id@version` (no spaces, one `@`)"),
    ],
)
def test_a_migration_s_version_of_nothing_to_see_is_refused_once_where_it_is_read(
    tmp_path: Path, new: str, said: str
) -> None:
    """Until round 73 `from: "\\u200b@1"` was looked up, "unknown framework", and
    `a\\x1c@1` was said to be wrong twice; `\\u200b` was told to write `\\u200b@1`."""
    folder = MIGRATION.parent
    text = MIGRATION.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("from: example-srf@1", f"from: {new}"), encoding="utf-8")
    line = text[: text.index("from: example-srf@1")].count("\n") + 1
    versions = [str(folder / "example-srf-1.yaml"), str(folder / "example-srf-2.yaml")]
    result = run("validate", str(bad), str(MIGRATION), *versions)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{bad}:{line}:7: error: from: {said}"
    assert [line.split(": ", 2)[1] for line in result.stdout.splitlines()[1:]] == ["ok"] * 3
