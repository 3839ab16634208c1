"""Text the engine writes that quotes an id shows the id's invisible characters escaped.

`test_escaping_names` leaves one strand plain, as the award's requirement and the rule's
reason name it. Here every id holds the zero-width space, the built-in next steps run
too, and every command in each text format must show it escaped wherever it quotes one:
an award's requirement ("1a3\\u200b at level 3 or better"), a next step's title and action,
a rule's reason ("1a3\\u200b is at level 1"), a migration's notes, the comparison with an
earlier review, the plan's lines, every problem and error message. JSON keeps every such
text as it is (data, lossless).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cli.test_escaping import run
from cli.test_escaping_names import COMMANDS, Z_SHOWN, Z, assert_names_shown, invisible
from cli.test_escaping_names import scene as names_scene

_PLAIN = "1a3"


def _every_id(value: Any) -> Any:
    """`value` with the plain strand `1a3` given the zero-width space, as a key and a value."""
    if isinstance(value, dict):
        return {_every_id(k): _every_id(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_every_id(v) for v in value]
    return f"{_PLAIN}{Z}" if value == _PLAIN else value


scene_plain = names_scene


@pytest.fixture
def scene(scene_plain: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """`test_escaping_names`' scene, its one plain strand given the character too, and the
    built-in next steps run (their titles and actions name strands)."""
    monkeypatch.delenv("SELFREVIEW_DISABLE")
    root = scene_plain["fw"].parent
    for path in root.rglob("*.json"):
        path.write_text(json.dumps(_every_id(json.loads(path.read_text("utf-8")))), "utf-8")
    return scene_plain


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_shows_ids_the_engine_quotes_apart(
    scene: dict[str, Path], command: str
) -> None:
    args = [arg.format(**{k: str(v) for k, v in scene.items()}) for arg in COMMANDS[command]]
    assert_names_shown(run(*args))


def _shown_lines(*args: str | Path) -> list[str]:
    """The lines `selfreview ARGS` prints, once every id in them is checked shown as a name."""
    result = run(*args)
    assert_names_shown(result)
    return result.stdout.splitlines()


def test_the_sentences_name_each_id_as_a_name(scene: dict[str, Path]) -> None:
    """Before round 47 each of these quoted the id with its zero-width space raw: the
    award's requirement and what is missing (report, `awards`, `show`), a next step's title
    and a rule's reason, in the terminal table and in Markdown."""
    fw = ("--framework", scene["fw"])
    table = run("report", scene["school"], *fw)
    assert_names_shown(table)
    lines = [line.strip() for line in table.stdout.splitlines()]
    assert f"Requires: 1a3{Z_SHOWN} has reached level 3" in lines
    assert f"Missing: 1a3{Z_SHOWN} is at level 1; needs level 3 or better" in lines
    heading = f"3. [low] Next step for 1a1{Z_SHOWN} Strand 1a1: level 1 (1a1{Z_SHOWN})"
    assert heading in lines
    assert any(line.startswith(f"Why: 1a1{Z_SHOWN} is at level 0; the next") for line in lines)
    lines = _shown_lines("report", scene["school"], *fw, "--format", "markdown")
    assert f"*Requires:* 1a3{Z_SHOWN} has reached level 3" in lines
    assert f"- 1a3{Z_SHOWN} is at level 1; needs level 3 or better" in lines
    assert f"#### 3. Next step for 1a1{Z_SHOWN} Strand 1a1: level 1" in lines
    assert any(line.startswith(f"*Why:* 1a1{Z_SHOWN} is at level 0; the") for line in lines)
    shown = run("show", scene["fw"])
    assert f"  Mark (mark{Z_SHOWN}): requires 1a3{Z_SHOWN} has reached level 3" in (
        shown.stdout.splitlines()
    )
    awards = run("awards", scene["school"], *fw)
    assert f"  Requires: 1a3{Z_SHOWN} has reached level 3" in awards.stdout.splitlines()
    support = run("support", scene["schools"], *fw)
    assert f"Next step for 1a1{Z_SHOWN}" in support.stdout  # wrapped in its column


def test_the_pages_name_each_id_as_the_terminal_does(scene: dict[str, Path]) -> None:
    """Before this round the pages quoted every id with its zero-width space raw: the HTML
    report's requirement, shortfall, next steps (title, strands, reason), source and
    strand rows; the governors' page's actions and shortfalls; the support page's
    recommendations."""
    fw = ("--framework", scene["fw"])
    lines = _shown_lines("report", scene["school"], *fw, "--format", "html")
    assert f'<p class="meta">Requires: 1a3{Z_SHOWN} has reached level 3</p>' in lines
    assert f"<li>1a3{Z_SHOWN} is at level 1; needs level 3 or better</li>" in lines
    assert f"<h5>Next step for 1a1{Z_SHOWN} Strand 1a1: level 1</h5>" in lines
    assert f'<p class="meta"><strong>Source:</strong> advice{Z_SHOWN}</p>' in lines
    first = (
        f'<li><a href="#rec-3">Next step for 1a1{Z_SHOWN} Strand 1a1: level 1</a> (1a1{Z_SHOWN})'
    )
    assert any(line.startswith(first) for line in lines)
    why = f"<p><strong>Why:</strong> 1a1{Z_SHOWN} is at level 0; the next level"
    assert any(line.startswith(why) for line in lines)
    assert any(
        line.startswith(f'<tr><th scope="row">1a3{Z_SHOWN} Strand 1a3</th>') for line in lines
    )
    summary = run("report", scene["school"], *fw, "--format", "summary")
    assert_names_shown(summary)
    assert f"<li><strong>Next step for 1a1{Z_SHOWN} Strand 1a1: level 1</strong>" in summary.stdout
    assert f"<li>1a3{Z_SHOWN} is at level 1; needs level 3 or better</li>" in summary.stdout
    support = run("support", scene["schools"], *fw, "--format", "html")
    assert_names_shown(support)
    assert f"<h3>2 schools: Next step for 1a3{Z_SHOWN} Strand 1a3: level 2</h3>" in (
        support.stdout.splitlines()
    )
    assert f"from advice{Z_SHOWN}</p>" in support.stdout


@pytest.mark.parametrize("output", ["html", "summary"])
def test_a_title_on_a_page_keeps_its_joiners(scene: dict[str, Path], output: str) -> None:
    """On a page as on a terminal only the ids are shown as names: a strand's title, alone
    or quoted in a next step's title, keeps its zero-width non-joiner (Persian needs it)."""
    path = scene["fw"]
    data = json.loads(path.read_text("utf-8"))
    strands = data["elements"][0]["aspects"][0]["strands"]
    strands[0]["title"] = "می\u200cخواهم"
    path.write_text(json.dumps(data), "utf-8")
    result = run("report", scene["school"], "--framework", path, "--format", output)
    assert result.exit_code == 0
    assert f"Next step for 1a1{Z_SHOWN} می\u200cخواهم: level 1" in result.stdout
    assert "\\u200c" not in result.stdout  # never shown as a name's character is


def test_json_keeps_every_sentence_as_written(scene: dict[str, Path]) -> None:
    """A rationale or a requirement in JSON is data: the id in it is the id, exactly."""
    data = json.loads(
        run("report", scene["school"], "--framework", scene["fw"], "--format", "json").stdout
    )
    (award,) = data["awards"]
    assert award["requirement"] == f"1a3{Z} has reached level 3"
    titles = [r["title"] for r in data["recommendations"]]
    assert f"Next step for 1a1{Z} Strand 1a1: level 1" in titles
    assert Z_SHOWN not in json.dumps(data, ensure_ascii=False)


def test_a_title_quoted_beside_an_id_keeps_its_joiners(scene: dict[str, Path]) -> None:
    """Only the ids are shown as names: the strand's title in a next step's title keeps
    its zero-width non-joiner, which Persian needs to be written."""
    path = scene["fw"]
    data = json.loads(path.read_text("utf-8"))
    strands = data["elements"][0]["aspects"][0]["strands"]
    strands[0]["title"] = "می\u200cخواهم"
    path.write_text(json.dumps(data), "utf-8")
    result = run("report", scene["school"], "--framework", path)
    assert f"Next step for 1a1{Z_SHOWN} می\u200cخواهم: level 1" in result.stdout


@pytest.mark.parametrize("command", ["validate", "report", "awards"])
def test_an_error_quoting_an_id_shows_it_as_a_name(scene: dict[str, Path], command: str) -> None:
    """Before round 47: "`1a9` is not a strand of fw@1 (did you mean `1a3`?)", each id's
    zero-width space raw, so the message could not say which of two ids the file held."""
    bad = scene["out"] / f"bad{Z}.json"
    data = json.loads(scene["school"].read_text("utf-8"))
    data["judgements"][f"1a9{Z}"] = 2
    bad.write_text(json.dumps(data), "utf-8")
    result = run(command, bad, "--framework", scene["fw"])
    assert result.exit_code == 1
    assert invisible(result) == []
    where = f"{scene['out'].parent}/out{Z_SHOWN}/bad{Z_SHOWN}.json"
    column = bad.read_text("utf-8").index('"1a9') + 1  # one line: the key's place
    error = (
        f'{where}:1:{column}: error: judgements["1a9{Z_SHOWN}"]: `1a9{Z_SHOWN}` is not a '
        f"strand of fw{Z_SHOWN}@1 (did you mean `1a3{Z_SHOWN}`?)"
    )
    assert error in (result.stdout + result.stderr).splitlines()


def test_a_usage_error_quoting_an_id_shows_it_as_a_name(scene: dict[str, Path]) -> None:
    result = run("show", scene["fw"], f"1a9{Z}")
    assert result.exit_code == 2
    assert invisible(result) == []
    assert f"`1a9{Z_SHOWN}`" in result.stderr


def test_a_plan_made_question_by_question_names_each_id_in_a_next_steps_title(
    scene: dict[str, Path],
) -> None:
    """`plan -i` asks about each next step by its title and action, which quote strands:
    before round 48 it printed them with the zero-width space raw (`Next step for 1a1`),
    where the report it was made from showed `1a1\\u200b`. Every answer is kept."""
    data = json.loads(scene["fw"].read_text("utf-8"))
    strand = data["elements"][0]["aspects"][0]["strands"][0]
    strand["levels"]["1"] = f"Work with 1a2{Z} on it"  # the next step's action quotes an id
    scene["fw"].write_text(json.dumps(data), "utf-8")
    plan = scene["out"] / f"plan{Z}.yaml"
    answers = "y\n\n\n" * 3 + "n\n" * 2
    result = run(
        "plan", scene["school"], "--framework", scene["fw"], "-o", plan, "-i", input=answers
    )
    assert_names_shown(result)
    lines = result.stdout.splitlines()
    at = lines.index(f"(3 of 5) Next step for 1a1{Z_SHOWN} Strand 1a1: level 1")
    assert lines[at + 1 : at + 3] == [
        f"  low priority; 1a1{Z_SHOWN}; from next-steps",
        f"  Work with 1a2{Z_SHOWN} on it",
    ]
    assert f"(5 of 5) Next step for 1a3{Z_SHOWN} Strand 1a3: level 2" in lines
    assert lines[-1].endswith(": 3 action(s) from 5 recommendation(s).")
    assert plan.read_text("utf-8").count("recommendation:") == 3
