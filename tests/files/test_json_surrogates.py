"""Each escaped lone surrogate in a JSON document is told (round 76), at its line, column
and document path, in the order of the text: before, only the first was, and a file mended
there failed again at the next. At most `MOST_SURROGATES` are told one by one, then how
many more; the duplicate keys found beside them are kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.errors import InvalidDocument
from selfreview_core.files.json_problems import MOST_SURROGATES
from selfreview_core.files.source import parse_text

SAID = "not valid Unicode text: an escaped lone surrogate (half of a `\\uD83D\\uDE00` pair)"


def _problems(text: str, file: str = "school.json") -> list[tuple[object, ...]]:
    with pytest.raises(InvalidDocument) as raised:
        parse_text(text, file)
    return [(d.file, d.line, d.column, d.path, d.message) for d in raised.value.diagnostics]


def test_each_lone_surrogate_is_told_at_its_place_and_path() -> None:
    text = (
        '{"kind": "assessment",\n'
        ' "school": {"name": "A\\ud800", "authority": "ok"},\n'
        ' "\\udc00key": {"x": ["fine", "\\ud83d"]}}'
    )
    assert _problems(text) == [
        ("school.json", 2, 21, "school.name", SAID),
        ("school.json", 3, 2, '["\\udc00key"]', SAID),
        ("school.json", 3, 30, '["\\udc00key"].x[1]', SAID),
    ]


def test_the_first_ones_are_told_then_how_many_more() -> None:
    assert MOST_SURROGATES == 20  # as many as the house tells of one kind elsewhere
    items = ",".join(['"\\ud800"'] * MOST_SURROGATES)
    assert len(_problems(f'{{"kind": "x", "l": [{items}]}}')) == MOST_SURROGATES  # no "0 more"
    items = ",".join(['"\\ud800"'] * (MOST_SURROGATES + 3))
    problems = _problems(f'{{"kind": "x", "l": [{items}]}}')
    assert len(problems) == MOST_SURROGATES + 1
    assert [p[3] for p in problems[:-1]] == [f"l[{i}]" for i in range(MOST_SURROGATES)]
    assert problems[-1] == (  # at the first not shown (round 78; `test_surrogates_more`)
        "school.json",
        1,
        len('{"kind": "x", "l": [') + 9 * MOST_SURROGATES + 1,
        "",
        "3 more keys or texts holding an escaped lone surrogate from here, not shown",
    )
    one_more = ",".join(['"\\ud800"'] * (MOST_SURROGATES + 1))
    said = _problems(f'{{"kind": "x", "l": [{one_more}]}}')[-1][4]
    assert said == "1 more key or text holding an escaped lone surrogate from here, not shown"


def test_duplicate_keys_found_beside_them_are_kept_in_the_order_of_the_text() -> None:
    text = '{"kind": "x",\n"b": "\\ud800", "kind": "y",\n"c": "\\udfff"}'
    assert _problems(text) == [
        ("school.json", 2, 6, "b", SAID),
        ("school.json", 2, 16, "", "duplicate key `kind`"),
        ("school.json", 3, 6, "c", SAID),
    ]


def test_validate_tells_each_exit_1_and_checks_the_next_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "assessment",\n"a": "\\ud800",\n"b": "\\udbff"}', encoding="ascii")
    good = tmp_path / "plan.json"
    good.write_text(json.dumps({"kind": "assessment"}), encoding="ascii")
    result = CliRunner().invoke(cli, ["validate", str(bad), str(good)])
    assert result.exit_code == 1
    assert f"{bad}:2:6: error: a: {SAID}" in result.output
    assert f"{bad}:3:6: error: b: {SAID}" in result.output
    assert f"{good}:1:1: error: missing required key" in result.output
    assert "Traceback" not in result.output
