"""One school's id under two names (SPEC section 9 compares responses by the school's id):
a school renamed between two rounds of answers, a typo in one file. `voices`, `combine` and
`report --voices` compare them as one school's, and show one name: the school's own
review's, else the one most responses give. Before round 58 the other name was dropped in
silence. Now one warning names each name and the files that give it (escaped; five names,
and five files a name, named and the rest counted: round 59), says which is shown, and the
exit status stands.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
RESPONDENTS = ROOT / "examples" / "respondents"
OWN = ROOT / "examples" / "example-primary-2026.yaml"
GOVERNORS = [RESPONDENTS / "governor-1.yaml", RESPONDENTS / "governor-2.yaml"]
NAME = "Example Primary School"
ADVICE = "give every file one name if they are one school"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _warnings(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("warning:")]


def _renamed(source: Path, target: Path, name: str) -> Path:
    document = yaml.safe_load(source.read_text(encoding="utf-8"))
    document["school"]["name"] = name
    target.write_text(json.dumps(document, default=str), encoding="utf-8")
    return target


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_every_command_warns_of_the_name_it_leaves_and_keeps_its_exit_status(
    tmp_path: Path,
) -> None:
    renamed = _renamed(GOVERNORS[0], tmp_path / "renamed.json", "Example Primary Academy")
    before = _bytes(tmp_path)
    most = (
        f"warning: school 100000 is named 2 ways: `{NAME}` in {GOVERNORS[0]}, {GOVERNORS[1]}; "
        f"`Example Primary Academy` in {renamed}; `{NAME}` is shown (most responses give "
        f"it): {ADVICE}"
    )
    voices = run("voices", *GOVERNORS, renamed, "--min-group", "1", "--format", "json")
    assert voices.exit_code == 0, voices.output
    assert _warnings(voices) == [most]
    assert json.loads(voices.stdout)["school"]["name"] == NAME
    draft = tmp_path / "draft.yaml"
    combine = run("combine", *GOVERNORS, renamed, "-o", draft, "--min-group", "1")
    assert combine.exit_code == 0, combine.output
    assert _warnings(combine) == [most]
    assert yaml.safe_load(draft.read_text(encoding="utf-8"))["school"]["name"] == NAME
    draft.unlink()
    report = run("report", OWN, "--voices", renamed, "--voices", GOVERNORS[1], "--format", "json")
    assert report.exit_code == 0, report.output
    assert _warnings(report) == [
        f"warning: school 100000 is named 2 ways: `{NAME}` in {OWN}, {GOVERNORS[1]}; "
        f"`Example Primary Academy` in {renamed}; `{NAME}` is shown (the school's own "
        f"review gives it): {ADVICE}"
    ]
    assert _bytes(tmp_path) == before  # inputs as they were, nothing else written


def test_the_name_most_responses_give_is_shown_and_named_first(tmp_path: Path) -> None:
    renamed = [
        _renamed(source, tmp_path / f"{n}.json", "Example Primary Academy")
        for n, source in enumerate(GOVERNORS)
    ]
    result = run("voices", RESPONDENTS / "teachers.jsonl", *renamed, "--format", "json")
    assert result.exit_code == 0, result.output
    teachers = ", ".join(f"{RESPONDENTS / 'teachers.jsonl'}:{n}" for n in range(1, 6))
    assert _warnings(result) == [
        f"warning: school 100000 is named 2 ways: `{NAME}` in {teachers}, and 2 more; "
        f"`Example Primary Academy` in {renamed[0]}, {renamed[1]}; `{NAME}` is shown (most "
        f"responses give it): {ADVICE}"
    ]


def test_names_and_files_are_shown_escaped_and_a_tie_shows_the_first(tmp_path: Path) -> None:
    """A zero-width space is the typo no one sees: shown, as a name's control characters.
    Given as often, the first name in order is shown, whatever the order of the files."""
    renamed = _renamed(GOVERNORS[0], tmp_path / "a\x1b[2Jb.json", "Example\u200b Primary School")
    result = run("voices", GOVERNORS[1], renamed, "--min-group", "1")
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [
        f"warning: school 100000 is named 2 ways: `{NAME}` in {GOVERNORS[1]}; "
        f"`Example\\u200b Primary School` in {tmp_path}/a\\x1b[2Jb.json; `{NAME}` is shown "
        f"(the first, given as often): {ADVICE}"
    ]
    backwards = run("voices", renamed, GOVERNORS[1], "--min-group", "1")
    assert _warnings(backwards) == _warnings(result)


def test_one_name_everywhere_is_not_warned_of() -> None:
    result = run("voices", *GOVERNORS, "--min-group", "1")
    assert result.exit_code == 0
    assert _warnings(result) == []


def test_a_survey_where_each_respondent_typed_the_name_names_five_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    """A survey export whose every respondent typed the school's name gives as many names
    as respondents: the warning names five (the one shown first, with its files) and
    counts the rest, where before round 59 it named all 2,000 in a line of 80 kB."""
    answer = yaml.safe_load(GOVERNORS[0].read_text(encoding="utf-8"))
    lines = []
    for n in range(40):
        answer["school"]["name"] = NAME if n < 3 else f"{NAME} (typed by respondent {n})"
        answer["assessed_on"] = f"2026-09-{n % 28 + 1:02d}"
        lines.append(json.dumps(answer, default=str) + "\n")
    survey = tmp_path / "survey.jsonl"
    survey.write_text("".join(lines), encoding="utf-8")
    before = _bytes(tmp_path)
    voices = run("voices", survey, "--format", "json")
    assert voices.exit_code == 0, voices.output
    (warning,) = _warnings(voices)
    typed = [f"`{NAME} (typed by respondent {n})` in {survey}:{n + 1}" for n in (10, 11, 12, 13)]
    assert warning == (
        f"warning: school 100000 is named 38 ways: `{NAME}` in {survey}:1, {survey}:2, "
        f"{survey}:3; {'; '.join(typed)}; and 33 more names; `{NAME}` is shown (most "
        f"responses give it): {ADVICE}"
    )
    assert json.loads(voices.stdout)["school"]["name"] == NAME
    assert _bytes(tmp_path) == before
    draft = tmp_path / "draft.yaml"
    combine = run("combine", survey, "-o", draft)
    assert combine.exit_code == 0, combine.output
    assert _warnings(combine) == [warning]
    assert yaml.safe_load(draft.read_text(encoding="utf-8"))["school"]["name"] == NAME
