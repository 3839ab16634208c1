"""A group named by a million characters, in the messages that name a group (round 69).

Any id may be a group (SPEC section 9), and each message naming one said it whole:
`combine`'s groups left out of the levels (1 MB on one line), the groups that look alike
(2 MB), `report --voices` given a respondent's file as the school's own review (1 MB). A
long name is now cut as a message cuts a long key or value (`errors.cut`: its first 37
characters and `...`), with its length, each message's place kept; the files and views
keep the whole name."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core import load_assessment
from selfreview_core.cli import cli
from selfreview_core.voices.groups import group_named

ROOT = Path(__file__).resolve().parents[2]
RESPONDENTS = ROOT / "examples" / "respondents"
TEACHERS = RESPONDENTS / "teachers.jsonl"
LONG = "g" * 1_000_000


def tag(group: str) -> str:
    """The tag a cut name ends with (round 72): six hex digits of its SHA-256."""
    return "#" + hashlib.sha256(group.encode("utf-8")).hexdigest()[:6]


SAID = f"{'g' * 37}... (1,000,000 characters, {tag(LONG)})"


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def answers(tmp_path: Path, *groups: str, strands: dict[str, int] | None = None) -> Path:
    """The example teachers' answers, the first len(groups) of them in `groups`, each of
    those on `strands` only if given."""
    lines = []
    for n, line in enumerate(TEACHERS.read_text(encoding="utf-8").splitlines()):
        data = json.loads(line)
        if n < len(groups):
            data["respondent"]["group"] = groups[n]
            if strands is not None:
                data["judgements"] = strands
        lines.append(json.dumps(data))
    path = tmp_path / "answers.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_long_group_is_cut_with_its_length_a_short_one_said_whole() -> None:
    assert group_named("teachers") == "teachers"
    assert group_named("g" * 40, quoted=True) == f"`{'g' * 40}`"
    assert group_named("g" * 41, quoted=True) == f"`{'g' * 37}...` (41 characters, #3f1c6d)"
    assert tag("g" * 41) == "#3f1c6d"
    unseen = "\u200b" * 41
    said = "\\u200b" * 37 + f"... (41 characters, {tag(unseen)})"
    assert group_named("\u200b" * 41) == said


def test_combine_names_a_long_group_left_out_cut_and_writes_it_whole(tmp_path: Path) -> None:
    source = answers(tmp_path, LONG, strands={"1a1": 3})
    target = tmp_path / "draft.yaml"
    result = run("combine", str(source), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert (
        "Left out of the levels where fewer than 5 of a group answered a strand (each "
        f"strand's evidence names them): {SAID} on every strand it answered (1).\n"
    ) in result.stderr
    assert len(result.stderr) < 1_000
    draft = load_assessment(target)
    assert LONG in (draft.judgements["1a1"].evidence or "")  # the file keeps the name
    assert len(draft.judgements) == 12


def test_groups_that_look_alike_are_named_cut(tmp_path: Path) -> None:
    source = answers(tmp_path, LONG, "G" + LONG[1:])
    result = run("voices", str(source), "--format", "json")
    assert result.exit_code == 0, result.output
    (warning,) = [line for line in result.stderr.splitlines() if "look alike" in line]
    assert warning == (
        f"warning: the groups `{'g' * 37}...` (1,000,000 characters, {tag(LONG)}), "
        f"`G{'g' * 36}...` (1,000,000 characters, {tag('G' + LONG[1:])}) look alike: each "
        "is compared as a group of its own; give one name to all of them if they are one group"
    )
    groups = {g["group"] for g in json.loads(result.stdout)["groups"]}
    assert {LONG, "G" + LONG[1:]} <= groups  # the view keeps both, whole


def test_a_response_as_the_own_review_names_its_long_group_cut_at_its_place(
    tmp_path: Path,
) -> None:
    own = yaml.safe_load((RESPONDENTS / "governor-1.yaml").read_text(encoding="utf-8"))
    own["respondent"]["group"] = LONG
    path = tmp_path / "own.yaml"
    path.write_text(yaml.safe_dump(own, width=10**9), encoding="utf-8")
    # `respondent:`'s value, the mapping on the line after it
    line = 1 + path.read_text().splitlines().index("respondent:") + 1
    result = run("report", str(path), "--voices", str(RESPONDENTS))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}:{line}:3: error: respondent: one respondent's answers (group {SAID}), not "
        "the school's own review: it cannot stand beside the groups as the school's "
        "judgement (give the school's own review, or this file among the responses)\n"
    )


def test_voices_table_names_a_long_group_cut_and_json_and_csv_keep_it_whole(
    tmp_path: Path,
) -> None:
    """Round 70: the table printed the name whole, in its column's heading, in the line
    above the table and in each reason a strand is worth discussing (about 3 MB)."""
    source = answers(tmp_path, *[LONG] * 5, strands={"1a1": 1})
    table = run("voices", str(source), "--min-group", "2")
    assert table.exit_code == 0, table.output
    assert len(table.stdout) < 5_000
    assert "g" * 38 not in table.stdout
    assert f"(teachers 2, {SAID} 5)" in table.stdout  # the line above the table
    assert f"teachers (median 3) and {SAID} (median 1) are 2" in table.stdout  # why 1a1
    assert table.stderr == ""
    made = run("voices", str(source), "--min-group", "2", "--format", "json")
    assert made.exit_code == 0, made.output
    assert LONG in {g["group"] for g in json.loads(made.stdout)["groups"]}
    rows = run("voices", str(source), "--min-group", "2", "--format", "csv")
    assert rows.exit_code == 0, rows.output
    assert rows.stdout.count(f",{LONG},") == 12  # one row a strand for the group


def test_voices_blocks_on_a_narrow_terminal_name_it_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfreview_core import text_tables

    monkeypatch.setattr(text_tables, "fitting_width", lambda: 60)
    source = answers(tmp_path, *[LONG] * 5, strands={"1a1": 1})
    table = run("voices", str(source), "--min-group", "2")
    assert table.exit_code == 0, table.output
    assert len(table.stdout) < 20_000
    assert "g" * 38 not in table.stdout
    assert SAID.split(" (")[0] in table.stdout


OWN = ROOT / "examples" / "example-primary-2025.yaml"  # the school the respondents answer of


def test_the_markdown_view_names_a_long_group_cut_as_the_table_does(tmp_path: Path) -> None:
    """Round 71: `report --voices --format markdown` wrote the name whole in the line above
    the table, its column's heading and the reason a strand is worth discussing, 3 MB. It is
    a document to read, as the table is: cut there with its length, as the table cuts it."""
    source = answers(tmp_path, *[LONG] * 5, strands={"1a1": 1})
    out = tmp_path / "report.md"
    result = run(
        "report", str(OWN), "--voices", str(source), "--format", "markdown", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {out} (markdown).\n"
    text = out.read_text(encoding="utf-8")
    assert len(text) < 40_000
    assert "g" * 38 not in text
    lines = text.splitlines()
    assert f"(teachers 2, {SAID} 5)." in lines[lines.index("## What the respondents said") + 2]
    assert f"| Strand | teachers | {SAID} | School |" in lines
    assert (
        "- **1a1 The vision**: the school's own judgement (4) is 2 or more levels from the "
        f"median of {SAID} 1"
    ) in lines
    assert "| 1a1 The vision ⚑ | n=2 | 1 \\[1\\] n=5 | 4 |" in lines  # the figures as before


@pytest.mark.parametrize("command", ["voices", "report"])
def test_the_html_view_names_a_long_group_cut_and_keeps_it_whole_once_in_a_title(
    tmp_path: Path, command: str
) -> None:
    """Round 71: the page (`voices --format html`, `report --voices`'s section) wrote the
    name whole some 30 times (the line above the chart, each reason, each mark's tip, the
    legends, the table's heading), 4 MB. It is named cut as the table names it; the page
    keeps the whole name once, as the `title` of its column's heading, where a reader can
    still hover to read it (two long names alike in their first 37 characters differ
    there), as JSON and CSV keep it."""
    source = answers(tmp_path, *[LONG] * 5, strands={"1a1": 1})
    out = tmp_path / "page.html"
    args = (
        ["voices", str(source), "--min-group", "2"]
        if command == "voices"
        else ["report", str(OWN), "--voices", str(source)]
    )
    result = run(*args, "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert len(page) < len(LONG) + 100_000
    assert len(re.findall("g{38,}", page)) == 1
    assert f'<th scope="col" class="num" title="{LONG}">{SAID}</th>' in page
    assert '<th scope="col" class="num">teachers</th>' in page  # a short name: no title
    assert f"(teachers 2, {SAID} 5)." in page  # the line above the charts
    assert f"<title>{SAID}: 1 [1] n=5</title>" in page  # the mark's tip
    assert f">{SAID}</text>" in page  # the chart's legend
    worth = page[page.index('<ul class="flagged">') :]
    reason = (
        f"teachers (median 3) and {SAID} (median 1) are 2 levels apart"
        if command == "voices"  # no own review: the school's judgement is not there
        else f"the school&#x27;s own judgement (4) is 2 or more levels from the median of {SAID} 1"
    )
    assert reason in worth[: worth.index("</ul>")]


def test_two_long_groups_alike_to_their_37th_character_and_length_are_told_apart(
    tmp_path: Path,
) -> None:
    """Round 72: cut, both read `ggg...` (61 characters) in the table's columns, Markdown's
    and the warning that they look alike. Each now ends with its own tag, the same in every
    view and message (here `combine`'s groups left out of the levels)."""
    first, second = "g" * 60 + "a", "g" * 60 + "b"
    ends = f"(61 characters, {tag(first)})", f"(61 characters, {tag(second)})"
    assert tag(first) != tag(second)
    said = [f"{'g' * 37}... {end}" for end in ends]
    source = answers(tmp_path, *[first] * 3, *[second] * 3, strands={"1a1": 1})
    table = run("voices", str(source), "--min-group", "2")
    assert table.exit_code == 0, table.output
    assert f"(teachers 1, {said[0]} 3, {said[1]} 3)" in table.stdout
    assert table.stderr == ""
    draft = run("combine", str(source), "-o", str(tmp_path / "draft.yaml"))
    assert draft.exit_code == 0, draft.output
    assert f"(12); {said[0]} on every strand it answered (1); {said[1]} on every" in draft.stderr
    out = tmp_path / "report.md"
    args = ("--voices", str(source), "--min-group", "2", "--format", "markdown", "-o", str(out))
    result = run("report", str(OWN), *args)
    assert result.exit_code == 0, result.output
    assert f"| Strand | teachers | {said[0]} | {said[1]} | School |" in out.read_text("utf-8")
    made = run("voices", str(source), "--min-group", "2", "--format", "json")
    assert {first, second} <= {g["group"] for g in json.loads(made.stdout)["groups"]}
