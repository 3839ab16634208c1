"""A number long enough to read but too long to show: YAML reads integers of up to 500
characters and JSON up to Python's 4,300 digits, and a message names the number it is
about. Before round 51 one of more than 309 digits where text or a date belongs stopped
`validate` with "internal error: OverflowError" (its spelling was looked for as a float,
which it overflows), and one outside the scale was named whole, thousands of digits on a
line, where every other value a message names is cut after 37 characters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from program import selfreview_here
from selfreview_core import InvalidDocument, load
from selfreview_core.errors import Diagnostic
from selfreview_core.files.written import _reads_as

#: More digits than a float holds (about 1.8e308), fewer than YAML's limit of 500.
_LONG = "9" * 400
#: As a message names it: the first 37 characters and `...` (`errors.cut`).
_CUT = "9" * 37 + "..."

_REVIEW = {
    "kind": "assessment",
    "framework": "becta-srf",
    "school": {"id": "S-1", "name": "X"},
    "assessed_on": "2026-01-01",
    "judgements": {"1a1": 3},
}


def _problems(text: str, name: str) -> list[Diagnostic]:
    with pytest.raises(InvalidDocument) as raised:
        load(name, text=text)
    return list(raised.value.diagnostics)


def _json(long: str, where: str) -> str:
    """The review in JSON, `long` (digits) written bare at `where`."""
    return json.dumps(_REVIEW, indent=1).replace(json.dumps(where), long, 1)


def _yaml(long: str, where: str) -> str:
    return _json(long, where)  # JSON is YAML: the same text, read by the YAML reader


@pytest.mark.parametrize(("name", "write"), [("r.yaml", _yaml), ("r.json", _json)])
@pytest.mark.parametrize(
    ("where", "path", "said"),
    [
        ("S-1", "school.id", f"expected text, got the number {_CUT}"),
        ("X", "school.name", f"expected text, got the number {_CUT}"),
        ("becta-srf", "framework", f"expected text, got the number {_CUT}"),
    ],
)
def test_a_long_integer_where_text_belongs_is_named_cut_at_its_place(
    name: str, write: object, where: str, path: str, said: str
) -> None:
    text = write(_LONG, where)  # type: ignore[operator]
    (problem,) = _problems(text, name)
    assert problem.message == said
    at = text.index(_LONG)
    assert (problem.line, problem.column, problem.path) == (
        text[:at].count("\n") + 1,
        at - text.rfind("\n", 0, at),
        path,
    )


def test_a_long_integer_outside_the_scale_is_named_cut(tmp_path: Path) -> None:
    text = json.dumps(_REVIEW, indent=1).replace('"1a1": 3', f'"1a1": {_LONG}')
    (tmp_path / "r.json").write_text(text, encoding="utf-8")
    result = selfreview_here(["validate", "r.json"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.decode() == (
        f"r.json:10:10: error: judgements.1a1: level {_CUT} is outside the scale "
        "1 (best) .. 5 (worst)\n"
    )


def test_json_names_an_integer_of_thousands_of_digits_cut() -> None:
    """JSON reads what Python reads (4,300 digits); the message is as short as for 400."""
    longer = "9" * 4200
    text = _json(longer, "S-1")
    (problem,) = _problems(text, "r.json")
    assert problem.message == f"expected text, got the number {_CUT}"
    assert problem.path == "school.id"


def test_a_long_integer_is_a_spelling_of_itself_not_of_a_float() -> None:
    assert _reads_as(_LONG, int(_LONG))
    assert not _reads_as(_LONG, int(_LONG) - 1)  # one apart: both the same float (inf)


@pytest.mark.parametrize("command", [["validate"], ["report"], ["awards"]])
def test_the_command_line_names_a_long_integer_and_exits_1(
    tmp_path: Path, command: list[str]
) -> None:
    (tmp_path / "r.json").write_text(_json(_LONG, "X"), encoding="utf-8")
    result = selfreview_here([*command, "r.json"], cwd=tmp_path)
    assert result.returncode == 1
    lines = (result.stdout + result.stderr).decode().splitlines()
    said = f"r.json:6:11: error: school.name: expected text, got the number {_CUT} "
    assert lines[0].startswith(said)
    assert "internal error" not in result.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]


_QUESTIONS = Path(__file__).resolve().parents[2] / "examples" / "questions"


@pytest.mark.parametrize(
    ("test", "said"),
    [
        ("score_reached", "this test can never hold: scores run from 0 to 3 on this scale"),
        (
            "score_below",
            "this test holds for every judged subject: no score is above 3 on this scale",
        ),
    ],
)
def test_a_long_score_threshold_is_warned_of_not_an_internal_error(
    tmp_path: Path, test: str, said: str
) -> None:
    """Before round 51 `score_reached: 999...` (400 digits) in an award stopped `validate`
    with "internal error: OverflowError": its test for NaN read it as a float."""
    text = (_QUESTIONS / "technology-standards.yaml").read_text(encoding="utf-8")
    at = text.index("score_reached: ")
    end = text.index("}", at)
    text = text[:at] + f"{test}: {_LONG}" + text[end:]
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    result = selfreview_here(["validate", "--strict", "f.yaml"], cwd=tmp_path)
    assert result.returncode == 1
    (line,) = [line for line in result.stdout.decode().splitlines() if test in line]
    where = text[: text.index(_LONG)]
    assert line.startswith(f"f.yaml:{where.count(chr(10)) + 1}:")
    assert line.endswith(f".{test}: {said}")
    assert "internal error" not in result.stderr.decode()


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (["report"], f"aspect C-N scores {_CUT} or more"),
        (["awards"], f"aspect C-N scores {_CUT} or more"),
        (["report", "--rules", "r.yaml"], f"S-C-2 scores below {_CUT} (it is at 2.25, level 2)"),
        (["support", "--rules", "r.yaml"], "not yet at level 2"),
    ],
)
def test_every_command_names_a_long_score_threshold_cut(
    tmp_path: Path, command: list[str], shown: str
) -> None:
    """Before round 51 `report`, `awards` and `support` stopped with "internal error:
    OverflowError" where they wrote the threshold (`round(value, 3)` and `:g` read it as a
    float) or asked whether it was NaN."""
    framework = (_QUESTIONS / "technology-standards.yaml").read_text(encoding="utf-8")
    framework = framework.replace("score_reached: 1.5}", f"score_reached: {_LONG}}}", 1)
    rules = (_QUESTIONS / "technology-rules.yaml").read_text(encoding="utf-8")
    rules = rules.replace("score_below: 2}", f"score_below: {_LONG}}}")
    assert _LONG in framework
    assert _LONG in rules
    (tmp_path / "f.yaml").write_text(framework, encoding="utf-8")
    (tmp_path / "r.yaml").write_text(rules, encoding="utf-8")
    review = str(_QUESTIONS / "example-setting.yaml")
    result = selfreview_here([*command, review, "--framework", "f.yaml"], cwd=tmp_path)
    # Since round 59 a pack given with --rules is warned of as `validate` warns of it: a
    # `score_below` above the best rank holds for everyone (the 400 digits read, no overflow).
    warned = [
        f"warning: r.yaml:{where}.score_below: this test holds for every judged subject: no "
        "score is above 3 on this scale"
        for where in ("16:82: rules[1].when.all[1]", "23:40: rules[2].when", "30:38: rules[3].when")
    ]
    assert result.stderr.decode().splitlines() == (warned if "--rules" in command else [])
    assert result.returncode == 0
    assert shown in " ".join(result.stdout.decode().split())
