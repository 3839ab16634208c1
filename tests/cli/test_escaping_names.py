"""Every command, in each of its text formats, shows a name's invisible characters escaped.

A name (an id of a framework, strand, school, action, award, rule pack or migration, a
plugin's name, a respondent group, a file name) is there to tell one thing from another:
`1a1` and `1a1` with a zero-width space after it must never print alike
(`escaping.shown_name`). Here every name holds a zero-width space and no other text holds any
invisible character, so any such character on either stream is a name printed as text: a
call site that forgot. JSON keeps every name as it is (lossless, `shown_json`).
"""

from __future__ import annotations

import json
import types
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from cli.test_escaping import _EntryPoint, install, run, write
from selfreview_core import Framework, Recommendation, RulePack, hookimpl
from test_escaping import assert_terminal_safe

#: The invisible character every name holds, and how a name shows it.
Z, Z_SHOWN = "\u200b", "\\u200b"
#: The zero-width space as the escapes of its UTF-8 bytes, as a command to paste shows it.
Z_BYTES = "\\xe2\\x80\\x8b"


def framework(version: str = "1") -> dict[str, Any]:
    """Strands `1a1Z` and `1a2Z`, and `1a3` (plain: the award's requirement, text the
    engine writes, names it)."""
    levels = {str(n): f"level {n}" for n in range(4)}
    strands = [
        {"id": s, "title": f"Strand {s[:3]}", "levels": levels}
        for s in (f"1a1{Z}", f"1a2{Z}", "1a3")
    ]
    aspect = {"id": f"1a{Z}", "title": "Aspect", "strands": strands}
    return {
        "kind": "framework",
        "id": f"fw{Z}",
        "version": version,
        "title": "The framework",
        "scale": {"best": 3, "worst": 0},
        "elements": [{"id": f"1{Z}", "title": "Element", "aspects": [aspect]}],
        "awards": [
            {
                "id": f"mark{Z}",
                "title": "Mark",
                "require": {"all": [{"strand": "1a3", "reached": 3}]},
            }
        ],
    }


def review(school: str, day: str = "2026-10-01", *, level: int = 1, group: str = "") -> Any:
    data = {
        "kind": "assessment",
        "framework": f"fw{Z}@1",
        "school": {"id": school, "name": "School"},
        "assessed_on": day,
        "judgements": {f"1a1{Z}": {"level": level, "evidence": "seen"}, f"1a2{Z}": 2, "1a3": 1},
    }
    if group:
        data["respondent"] = {"group": group}
    return data


def rule_pack(framework: str) -> dict[str, Any]:
    """A rule pack for `framework`, of one rule (on the plain strand: a rule's reason names
    it, in words)."""
    return {
        "kind": "rules",
        "id": f"pack{Z}",
        "framework": framework,
        "rules": [
            {
                "id": f"rule{Z}",
                "when": {"strand": "1a3", "below": 3},
                "recommend": {"title": "Try", "action": "Act", "priority": "high"},
            }
        ],
    }


def advice() -> types.ModuleType:
    """A plugin (named with the character) giving a framework, a rule pack for it, and
    advice for every framework."""
    module = types.ModuleType("advice")
    plugged = framework()
    plugged["id"] = f"plugged{Z}"

    def recommend() -> list[Recommendation]:
        return [
            Recommendation(id=i, title="Do it", action="Act", targets=(f"1a1{Z}",))
            for i in ("rec", f"rec{Z}")
        ]

    module.selfreview_recommend = hookimpl(recommend)  # type: ignore[attr-defined]
    module.selfreview_frameworks = hookimpl(  # type: ignore[attr-defined]
        lambda: [Framework.model_validate(plugged)]
    )
    module.selfreview_rule_packs = hookimpl(  # type: ignore[attr-defined]
        lambda: [RulePack.model_validate(rule_pack(f"plugged{Z}"))]
    )
    return module


@pytest.fixture
def scene(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """The files, each named with the character, and the plugin installed; the built-in
    next steps left out (their titles, text, name the strands)."""
    monkeypatch.setenv("SELFREVIEW_DISABLE", "next-steps")
    install(monkeypatch, _EntryPoint(f"advice{Z}", advice()))
    schools, responses, out = (tmp_path / f"{n}{Z}" for n in ("schools", "responses", "out"))
    for folder in (schools, responses, out):
        folder.mkdir()
    for n, school in enumerate(("100", "200")):
        write(schools / f"{school}{Z}.json", review(f"{school}{Z}", level=n))
    for group, level in (("teachers", 0), ("governors", 3)):  # 1a1Z: worth discussing
        for n in range(3):
            data = review(f"100{Z}", level=level, group=f"{group}{Z}")
            write(responses / f"{group}{n}{Z}.json", data)
    v2 = framework("2")
    del v2["elements"][0]["aspects"][0]["strands"][1]
    move = {
        "kind": "migration",
        "id": f"move{Z}",
        "title": "Move",
        "from": f"fw{Z}@1",
        "to": f"fw{Z}@2",
        "strands": {f"1a1{Z}": f"1a1{Z}", "1a3": "1a3"},
        "retired": [f"1a2{Z}"],  # a split's note, text stored in the file, names strands
    }
    return {
        "fw": write(tmp_path / f"fw{Z}.json", framework()),
        "v2": write(tmp_path / f"v2{Z}.json", v2),
        "migration": write(tmp_path / f"move{Z}.json", move),
        "pack": write(tmp_path / f"pack{Z}.json", rule_pack(f"fw{Z}")),
        "school": schools / f"100{Z}.json",
        "schools": schools,
        "old": write(tmp_path / f"old{Z}.json", review(f"100{Z}", "2025-10-01", level=0)),
        "responses": responses,
        "out": out,
    }


FW = ("--framework", "{fw}")
VOICES = ("--min-group", "1")
#: Each command that prints names, in each text format (and each `Wrote NAME` line).
COMMANDS: dict[str, tuple[str, ...]] = {
    "validate": ("validate", "{fw}", "{v2}", "{migration}", "{pack}", "{schools}", "{responses}"),
    "show": ("show", "{fw}"),
    "show-strand": ("show", "{fw}", f"1a1{Z}"),
    "frameworks": ("frameworks",),
    "plugins": ("plugins",),
    "report": ("report", "{school}", *FW, "--previous", "{old}"),
    "report-markdown": ("report", "{school}", *FW, "--format", "markdown"),
    "report-batch": ("report", "{schools}", *FW),
    "report-wrote": ("report", "{school}", *FW, "-o", f"{{out}}/r{Z}.md"),
    "report-history": ("report", "{school}", *FW, "--history", "{old}"),
    "report-voices": ("report", "{school}", *FW, "--voices", "{responses}", *VOICES),
    "report-voices-markdown": (
        *("report", "{school}", *FW, "--voices", "{responses}", *VOICES),
        *("--format", "markdown"),
    ),
    "report-html": ("report", "{school}", *FW, "--previous", "{old}", "--format", "html"),
    "report-summary": ("report", "{school}", *FW, "--previous", "{old}", "--format", "summary"),
    "report-history-html": ("report", "{school}", *FW, "--history", "{old}", "--format", "html"),
    "report-voices-html": (
        *("report", "{school}", *FW, "--voices", "{responses}", *VOICES),
        *("--format", "html"),
    ),
    "report-voices-summary": (
        *("report", "{school}", *FW, "--voices", "{responses}", *VOICES),
        *("--format", "summary"),
    ),
    "awards": ("awards", "{school}", *FW),
    "benchmark": ("benchmark", "{schools}", *FW),
    "benchmark-school": ("benchmark", "{schools}", *FW, "--school", f"100{Z}"),
    "benchmark-school-html": (
        *("benchmark", "{schools}", *FW, "--school", f"100{Z}", "--format", "html"),
    ),
    "benchmark-wrote": ("benchmark", "{schools}", *FW, "-o", f"{{out}}/b{Z}.csv"),
    "benchmark-html": ("benchmark", "{schools}", *FW, "--format", "html"),
    "support": ("support", "{schools}", *FW),
    "support-html": ("support", "{schools}", *FW, "--format", "html"),
    "support-wrote": ("support", "{schools}", *FW, "-o", f"{{out}}/s{Z}.csv"),
    "plan": ("plan", "{school}", *FW, "-o", f"{{out}}/plan{Z}.yaml"),
    "voices": ("voices", "{responses}", *FW, *VOICES),
    "voices-html": ("voices", "{responses}", *FW, *VOICES, "--format", "html"),
    "voices-wrote": ("voices", "{responses}", *FW, *VOICES, "-o", f"{{out}}/v{Z}.csv"),
    "migrate": (
        *("migrate", "{school}", "--to", f"fw{Z}@2", *FW, "--framework", "{v2}"),
        *("--migration", "{migration}", "-o", f"{{out}}/m{Z}.yaml"),
    ),
    "combine": ("combine", "{responses}", *FW, "-o", f"{{out}}/draft{Z}.yaml"),
    "collect": ("collect", "{schools}", *FW, "-o", f"{{out}}/c{Z}.parquet"),
}


#: `report --cohort` in each format it adds to, the cohort's figures shown (`--min-group 1`)
#: or withheld, a note naming every id (`--min-group 2`: two schools are too few).
COHORT: dict[str, tuple[str, ...]] = {
    f"{output}-{least}": ("--format", output, "--min-group", least)
    for output in ("table", "html", "summary")
    for least in ("1", "2")
}


def invisible(result: Result) -> list[str]:
    """The lines of either stream holding an invisible format character (category Cf)."""
    return [
        line
        for stream in (result.stdout, result.stderr)
        for line in stream.splitlines()
        if any(unicodedata.category(c) == "Cf" for c in line)
    ]


def assert_names_shown(result: Result) -> None:
    assert "Traceback" not in result.output
    assert result.exit_code == 0, result.output
    for stream in (result.stdout, result.stderr):
        assert_terminal_safe(stream.replace("\f", ""))  # a batch's reports: a page each
    assert invisible(result) == []  # every name escaped: nothing else holds one
    assert Z_SHOWN in result.output  # and names were printed


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_shows_names_differing_by_an_invisible_character_apart(
    scene: dict[str, Path], command: str
) -> None:
    """Before round 46 each of these printed some name with its zero-width space raw:
    `frameworks`' and `plugins`' ids and names, `plan --status`'s actions, `voices`'
    strands and groups, `awards`' ids, the headings naming a school or a framework, the
    Markdown report's ids, and every `Wrote NAME`."""
    args = [arg.format(**{k: str(v) for k, v in scene.items()}) for arg in COMMANDS[command]]
    assert_names_shown(run(*args))


def test_plan_status_shows_action_ids_apart_and_json_keeps_them(scene: dict[str, Path]) -> None:
    """Two actions `rec` and `rec` with a zero-width space: `plan --status` showed both
    as `rec` before round 46."""
    plan = scene["out"] / f"plan{Z}.yaml"
    made = run("plan", scene["school"], "--framework", scene["fw"], "-o", plan)
    assert_names_shown(made)
    assert made.stdout == (
        f"Wrote {scene['out'].parent}/out{Z_SHOWN}/plan{Z_SHOWN}.yaml: "
        "2 action(s) from 2 recommendation(s).\n"
    )
    status = ("plan", "--status", plan, "--framework", scene["fw"])
    result = run(*status)
    assert_names_shown(result)
    rows = [line.split()[0] for line in result.stdout.splitlines() if line.startswith("rec")]
    assert rows == ["rec", f"rec{Z_SHOWN}"]
    assert result.stdout.startswith(f"School (100{Z_SHOWN}): action plan for fw{Z_SHOWN}@1")
    data = json.loads(run(*status, "--format", "json").stdout)
    assert [a["id"] for a in data["actions"]] == ["rec", f"rec{Z}"]  # JSON: as written


def test_markdown_writes_each_name_as_its_terminal_table_shows_it(scene: dict[str, Path]) -> None:
    """The Markdown report writes each name as its terminal table shows it, `1a1\\u200b`:
    in the profile, the school's line, the respondents' heading and what is worth
    discussing (never with its backslash doubled, as one in text is); before round 46 the
    zero-width space was written raw."""
    args = ("report", scene["school"], *("--framework", scene["fw"]))
    result = run(*args, "--voices", scene["responses"], *VOICES, "--format", "markdown")
    assert_names_shown(result)
    text = result.stdout
    assert "\\\\" not in text
    assert f"| 1a1{Z_SHOWN} | Strand 1a1 | 0 |" in text
    assert f"**School:** School (100{Z_SHOWN})" in text
    assert "## What the respondents said" in text.splitlines()
    assert "| Strand | governors\\u200b | teachers\\u200b | School |" in text
    assert f"| 1a1{Z_SHOWN} Strand 1a1 ⚑ | 3 \\[3\\] n=3 | 0 \\[0\\] n=3 | 0 |" in text
    assert f"School (100{Z_SHOWN}): 6 responses to fw{Z_SHOWN}@1 (governors{Z_SHOWN} 3" in text
    assert f"- **1a1{Z_SHOWN} Strand 1a1**: teachers{Z_SHOWN} (median 0) and governors" in text
    assert f"own judgement (0) is 2 or more levels from the median of governors{Z_SHOWN} 3" in text


def test_combine_names_the_draft_the_strands_left_and_the_framework(
    scene: dict[str, Path],
) -> None:
    draft = scene["out"] / f"draft{Z}.yaml"
    result = run("combine", scene["responses"], "--framework", scene["fw"], "-o", draft)
    assert_names_shown(result)
    shown = f"{scene['out'].parent}/out{Z_SHOWN}/draft{Z_SHOWN}.yaml"
    copies, *said = result.stderr.splitlines()  # the scene's responses answer alike
    assert copies.startswith("warning: 4 responses the same as an earlier one in every answer")
    assert f"/responses{Z_SHOWN}/governors1{Z_SHOWN}.json as " in copies
    assert said == [
        f"Wrote {shown}: 0 of 3 strands drafted from 6 responses.",
        "Left out of the levels where fewer than 5 of a group answered a strand (each "
        f"strand's evidence names them): governors{Z_SHOWN} on every strand it answered (3); "
        f"teachers{Z_SHOWN} on every strand it answered (3).",
        "3 strands with no group of 5 or more answers, left for you to judge: "
        f"1a1{Z_SHOWN}, 1a2{Z_SHOWN}, 1a3.",
        # The framework by its file, which `assess` finds (its id it would not: round 59),
        # each name's zero-width space as its bytes in `$'...'`: pasted, the same file
        # (round 69; `'fw\u200b.json'` named another).
        f"Confirm it: selfreview assess $'{scene['out'].parent}/fw{Z_BYTES}.json' -o "
        f"$'{scene['out'].parent}/out{Z_BYTES}/draft{Z_BYTES}.yaml' --all",
    ]


def test_assess_and_a_plan_made_question_by_question_show_names_apart(
    scene: dict[str, Path],
) -> None:
    """`assess`'s headings (strand, element, aspect), the school and file it continues and
    saves, and `plan -i`'s questions (the strands and plugin of each recommendation)."""
    out = scene["out"] / f"review{Z}.yaml"
    start = ("assess", scene["fw"], "-o", out, "--date", "2026-10-01")
    result = run(*start, "--school-id", f"100{Z}", "--school-name", "S", input="1\n\n" * 3)
    assert_names_shown(result)
    assert f"Strand 1a1{Z_SHOWN} (1 of 3): Strand 1a1" in result.stdout
    assert f"Element 1{Z_SHOWN} Element / aspect 1a{Z_SHOWN} Aspect" in result.stdout
    shown = f"{scene['out'].parent}/out{Z_SHOWN}/review{Z_SHOWN}.yaml"
    said = " ".join(result.stdout.split())
    assert said.endswith(f"Saved {shown}: 3 of 3 strands judged.")
    assert f"against The framework (fw{Z_SHOWN}@1)." in said
    result = run(*start, "--all", input="\n" * 6)
    assert_names_shown(result)
    assert f"Continuing the review of S (100{Z_SHOWN}) in {shown}: " in (
        " ".join(result.stdout.split())
    )
    plan = scene["out"] / f"plan{Z}.yaml"
    result = run(
        "plan", scene["school"], *FW[:1], scene["fw"], "-o", plan, "-i", input="y\n\n\n" * 2
    )
    assert_names_shown(result)
    assert f"medium priority; 1a1{Z_SHOWN}; from advice{Z_SHOWN}" in result.stdout


def test_validate_names_each_id_in_its_ok_lines_and_json_keeps_them(
    scene: dict[str, Path],
) -> None:
    """Each ok line names its file, framework, school, group, pack and migration as names;
    before round 46 only the file was. The JSON summary is the same words, ids as written."""
    plan = scene["out"] / f"plan{Z}.yaml"
    assert run("plan", scene["school"], "--framework", scene["fw"], "-o", plan).exit_code == 0
    files = [scene[k] for k in ("fw", "v2", "migration", "pack", "school")]
    result = run("validate", *files, scene["responses"] / f"teachers0{Z}.json", plan)
    assert_names_shown(result)
    said = [line.split(": ok: ", 1)[1] for line in result.stdout.splitlines()[:-1]]
    assert said == [
        f'framework fw{Z_SHOWN}@1 "The framework": 1 element, 1 aspect, 3 strands, levels 3 '
        "(best) .. 0 (worst)",
        f'framework fw{Z_SHOWN}@2 "The framework": 1 element, 1 aspect, 2 strands, levels 3 '
        "(best) .. 0 (worst)",
        f"migration fw{Z_SHOWN}@1 -> fw{Z_SHOWN}@2: 2 strands mapped, 1 retired",
        f"rule pack pack{Z_SHOWN} for fw{Z_SHOWN}: 1 rule",
        f"assessment of fw{Z_SHOWN}@1 for School (100{Z_SHOWN}) on 2026-10-01: 3 of 3 strands "
        "judged",
        f"assessment of fw{Z_SHOWN}@1 for School (100{Z_SHOWN}) on 2026-10-01: a response of "
        f"teachers{Z_SHOWN}, 3 of 3 strands judged",
        f"plan for School (100{Z_SHOWN}) of fw{Z_SHOWN}@1: 2 actions (2 planned)",
    ]
    bad = scene["out"] / f"bad{Z}.yaml"
    bad.write_text("kind: [")
    data = json.loads(run("validate", *files, bad, "--format", "json").stdout)
    summaries = [f["summary"] for f in data["files"]]
    assert summaries[3:] == [f"rule pack pack{Z} for fw{Z}: 1 rule", summaries[4], None]


@pytest.mark.parametrize("case", COHORT)
def test_a_report_against_a_cohort_shows_names_apart(scene: dict[str, Path], case: str) -> None:
    """The school's standing in its cohort (chart, table, the governors' page) and the note
    saying which figures are withheld name strands, aspects, the school and the framework."""
    cohort = scene["out"] / f"c{Z}.parquet"
    assert run("collect", scene["schools"], "--framework", scene["fw"], "-o", cohort).exit_code == 0
    result = run(
        "report", scene["school"], "--framework", scene["fw"], "--cohort", cohort, *COHORT[case]
    )
    assert_names_shown(result)
    if case.endswith("-2"):  # every figure withheld: the note names each id
        ids = f"1a1{Z_SHOWN}, 1a2{Z_SHOWN}, 1a3, 1a{Z_SHOWN}, 1{Z_SHOWN}, overall"
        assert f"The cohort has 2 schools judging each of {ids}: fewer than 3" in (
            " ".join(result.stdout.split())
        )
