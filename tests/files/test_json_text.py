"""The JSON reader: fast parsing, positions found on demand, duplicates and depth refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from program import selfreview_here
from selfreview_core.cli import cli
from selfreview_core.files.json_text import parse_json, scan_positions
from selfreview_core.files.limits import Limits
from selfreview_core.files.positions import Tree

GOOD = Path(__file__).resolve().parents[1] / "data" / "good"


def test_positions_are_found_for_every_value_and_key() -> None:
    text = '{"a": 1,\n "b": [ {"c": "x\\"y"}, [], {}, 3 ],\n "d": {"e": null}}'
    tree = Tree(None)
    assert scan_positions(text, "t.json", tree) == []
    assert tree.values[("b", 0, "c")] == (1, 14)
    assert tree.values[("b", 3)] == (1, 31)
    assert tree.keys[("d", "e")] == (2, 7)
    assert tree.values[("d", "e")] == (2, 12)


def test_duplicate_keys_are_located() -> None:
    tree, problems = parse_json('{"a": 1,\n "b": {"c": 1, "c": 2}}', "t.json")
    assert [(p.line, p.column, p.path, p.code) for p in problems] == [(2, 16, "b", "duplicate-key")]
    assert tree.data == {"a": 1, "b": {"c": 2}}


def test_syntax_errors_are_located() -> None:
    _, problems = parse_json('{"a": [1,]}', "t.json")
    assert (problems[0].line, problems[0].column, problems[0].code) == (1, 10, "json")


def test_depth_is_capped_even_past_the_recursion_limit() -> None:
    _, problems = parse_json("[" * 100 + "]" * 100, "t.json")
    assert (problems[0].code, problems[0].line, problems[0].column) == ("too-deep", 1, 65)
    _, problems = parse_json('["[[[", \n' + "[" * 100_000 + "]" * 100_000 + "]", "t.json")
    assert (problems[0].code, problems[0].line, problems[0].column) == ("too-deep", 2, 64)


def test_text_past_the_expanded_limit_is_located_at_the_key_or_value_that_crosses() -> None:
    """JSON has no aliases, but the limit on a document's text holds for it too."""
    text = '{"ab": "cdef",\n "gh": ["ij", "kl"]}'
    size = 2 + 4 + 2 + 2 + 2
    assert parse_json(text, "t.json", Limits(max_expanded_chars=size))[1] == []
    # running totals: `ab` 2, `cdef` 6, `gh` 8, `ij` 10, `kl` 12
    crossings = {11: (2, 15), 9: (2, 9), 8: (2, 9), 7: (2, 2), 6: (2, 2), 5: (1, 8)}
    for limit, where in crossings.items():
        tree, [problem] = parse_json(text, "t.json", Limits(max_expanded_chars=limit))
        assert tree.data is None
        assert (problem.code, problem.line, problem.column) == ("too-large", *where)
        assert problem.message == (f"the document expands to more than {limit} characters of text")


def test_an_integer_too_long_to_read_is_located_past_strings_of_digits() -> None:
    """An integer longer than Python reads (`sys.get_int_max_str_digits()`) is refused at
    its place, not at a string, a fraction or an exponent of as many digits before it,
    whatever digits it holds."""
    digits = "1" + "0" * 5000
    zeros = "0" * 5000
    text = f'{{"a": "{digits}", "b": [1.5, 0.{zeros}1, 1e{zeros}1],\n "c": -{digits}}}'
    tree, problems = parse_json(text, "t.json")
    assert tree.data is None
    assert [(p.message, p.line, p.column, p.code) for p in problems] == [
        ("a number 5,002 characters long is too long", 2, 7, "number")
    ]


def test_an_escaped_lone_surrogate_is_refused_at_its_place() -> None:
    """JSON may escape half of a surrogate pair, which is no character: refused at its
    value, as text that cannot be written."""
    tree, problems = parse_json('{"a": "x",\n "b": "\\ud800"}', "t.json")
    assert tree.data is None
    assert [(p.line, p.column, p.path, p.code) for p in problems] == [(2, 7, "b", "encoding")]


def test_each_escaped_lone_surrogate_is_a_problem_at_its_place() -> None:
    """Text that is not Unicode is told at each place, in the order of the text (round 76:
    round 48 told only the first, as bytes that are not UTF-8 are, and a file mended there
    failed again at the next; an escape's place is known, as a bad byte's next is not).
    YAML's reader still stops at its first, a syntax error to libyaml."""
    text = '{"a": "\\udc00",\n "b": ["x", "\\ud800"], "c\\ud801": 1}'
    tree, problems = parse_json(text, "t.json")
    assert tree.data is None
    assert [(p.line, p.column, p.path, p.code) for p in problems] == [
        (1, 7, "a", "encoding"),
        (2, 13, "b[1]", "encoding"),
        (2, 24, '["c\\ud801"]', "encoding"),
    ]


def test_validate_tells_each_surrogate_of_a_json_file_and_checks_the_rest(
    tmp_path: Path,
) -> None:
    head = '"kind": "assessment", "framework": "becta-srf", "assessed_on": "2026-01-01"'
    (tmp_path / "a.json").write_text(
        f'{{{head},\n "school": {{"id": "1", "name": "A\\ud800"}},\n'
        ' "assessor": "B\\udc00", "judgements": {}}',
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text(
        'kind: assessment\nframework: becta-srf\nschool: {id: "1", name: "A\\ud800"}\n'
        'assessed_on: 2026-01-01\nassessor: "B\\udc00"\njudgements: {}\n',
        encoding="utf-8",
    )
    (tmp_path / "c.json").write_text(
        f'{{{head}, "school": {{"id": "1", "name": "C"}}, "judgements": {{}}}}', encoding="utf-8"
    )
    result = selfreview_here(["validate", "a.json", "b.yaml", "c.json"], cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert lines[:3] == [
        "a.json:2:32: error: school.name: not valid Unicode text: an escaped lone surrogate "
        "(half of a `\\uD83D\\uDE00` pair)",
        "a.json:3:14: error: assessor: not valid Unicode text: an escaped lone surrogate "
        "(half of a `\\uD83D\\uDE00` pair)",
        # each YAML one too, since round 77 (was the first, as libyaml refused it)
        "b.yaml:3:27: error: school.name: not valid Unicode text: the text escapes a lone "
        "surrogate (`\\ud800`), half of a UTF-16 pair (write the character itself, or its code "
        "point as `\\U` and 8 hex digits)",
    ]
    assert lines[3].startswith("b.yaml:5:13: error: assessor: not valid Unicode text:")
    assert lines[4].startswith("c.json: ok: assessment")
    assert result.stderr.decode() == "3 files checked: 1 valid, 2 invalid (4 errors)\n"


_CUT_SHORT = [
    # (the text, cut short; where its problem is; what it says)
    ('{"level": 3', (1, 12), "Expecting ',' delimiter"),
    ('{"kind": ', (1, 10), "Expecting value"),
    ('{"a": [1, ', (1, 11), "Expecting value"),
    ('{"a"', (1, 5), "Expecting ':' delimiter"),
    ('{"name": "Our', (1, 10), "a string starts here and is never closed"),
    ('{"name": "Our\\', (1, 10), "a string starts here and is never closed"),
    ('{"name": "Our\\u00', (1, 15), "Invalid \\uXXXX escape"),
    ('{"kind": "assessment",\n "level": 3', (2, 12), "Expecting ',' delimiter"),
]


@pytest.mark.parametrize("end", ["", "\n", "\r\n", "\r"])
@pytest.mark.parametrize(("text", "place", "said"), _CUT_SHORT)
def test_a_text_cut_short_is_placed_alike_whatever_line_end_follows(
    text: str, place: tuple[int, int], said: str, end: str
) -> None:
    """A JSON Lines line cut short, and a JSON file: with its line end as without (the last
    line of a file), placed after its last character or where its string starts, never
    past the line end (column 1 of the line, in a JSON Lines file)."""
    _, [problem] = parse_json(text + end, "t.json")
    assert (problem.line, problem.column, problem.message) == (*place, f"invalid JSON: {said}")
    _, [problem] = parse_json(text + end, "t.jsonl", breaks="line")
    assert (problem.line, problem.column, problem.message) == (*place, f"invalid JSON: {said}")


def test_an_error_before_the_final_line_end_is_the_texts_own() -> None:
    """Only an error in the final line end is looked at again: one before it stands (a raw
    control character, with the path of its string)."""
    _, [problem] = parse_json('{"a": "x\x01y"}\n', "t.json")
    assert (problem.line, problem.column, problem.path) == (1, 9, "a")
    assert problem.message.startswith("invalid JSON: control character U+0001")
    _, [problem] = parse_json('{"a": 1x\n', "t.json")
    assert (problem.line, problem.column, problem.message) == (
        1,
        8,
        "invalid JSON: Expecting ',' delimiter",
    )


def test_json_lines_cut_short_are_placed_on_their_own_lines(tmp_path: Path) -> None:
    """`validate` and `report` on a JSON Lines file with a line cut short in the middle and
    at the end (no LF): each at its line, after its last character; the others read."""
    good = json.dumps(
        yaml.safe_load((GOOD / "tiny-assessment.yaml").read_text("utf-8")), default=str
    )
    cut = good[: good.index('"T-001"') + 4]  # `..."id": "T-0`: a string cut short
    number = good[: good.index('"E1.2": 0') + 9]  # `..."E1.2": 0`: cut after a number
    file = tmp_path / "schools.jsonl"
    file.write_bytes(f"{good}\n{number}\r\n{good}\n{cut}".encode())
    framework = str(GOOD / "tiny-framework.yaml")
    result = CliRunner().invoke(cli, ["validate", "--framework", framework, str(file)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[1] == f"{file}:2:{len(number) + 1}: error: invalid JSON: Expecting ',' delimiter"
    start = cut.index('"T-0') + 1
    assert (
        lines[3]
        == f"{file}:4:{start}: error: invalid JSON: a string starts here and is never closed"
    )
    assert [line.split(": ")[1] for line in lines[:4]] == ["ok", "error", "ok", "error"]
    out = tmp_path / "reports.json"
    args = ["report", "--framework", framework, str(file), "--format", "json", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert (
        f"{file}:2:{len(number) + 1}: error: invalid JSON: Expecting ',' delimiter" in result.output
    )
    assert f"{file}:4:{start}: error: invalid JSON: a string starts" in result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2  # the two good lines


def test_a_text_is_parsed_again_only_for_an_error_at_its_final_line_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The second parse, without the final line end, is only for an error the parser found
    at that line end (or at a backslash just before it): an error before it is the text's
    own, and a broken batch line is not parsed twice for it."""
    calls: list[str] = []
    loads = json.loads

    def counted(text: str, **options: object) -> object:
        calls.append(text)
        return loads(text, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(json, "loads", counted)
    _, [problem] = parse_json('{"a": 1x}\n', "t.json")  # `x`: two before the line end
    assert (problem.column, len(calls)) == (8, 1)
    _, [problem] = parse_json('{"a": 1x\n', "t.json")  # `x`: just before it
    assert (problem.column, calls[1:]) == (8, ['{"a": 1x\n', '{"a": 1x'])
