"""A file holds one document, of any of the five kinds (SPEC section 3). A second one is
refused where it starts, saying so: before round 51 YAML's hint named three of the kinds
("put one framework, assessment or rule pack in each file", where a migration or a plan is
as often the file), and JSON said only Python's "invalid JSON: Extra data"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from program import selfreview_here
from selfreview_core import InvalidDocument, load

_HINT = "put one document in each file: a framework, assessment, rule pack, migration or plan"


def _only(text: str, name: str) -> tuple[int | None, int | None, str, str | None]:
    with pytest.raises(InvalidDocument) as raised:
        load(name, text=text)
    (problem,) = raised.value.diagnostics
    return problem.line, problem.column, problem.message, problem.hint


def test_a_second_yaml_document_is_refused_where_it_starts() -> None:
    text = "kind: plan\nframework: x\n---\nkind: plan\n"
    assert _only(text, "p.yaml") == (3, 1, "more than one YAML document in the file", _HINT)


@pytest.mark.parametrize("between", ["", "\n", " ", "\r\n"])
def test_a_second_json_document_is_refused_where_it_starts(between: str) -> None:
    first = json.dumps({"kind": "plan"})
    text = first + between + json.dumps({"kind": "plan"})
    after = len(first + between)
    line = text[:after].count("\n") + 1
    column = after - text.rfind("\n", 0, after)
    assert _only(text, "p.json") == (
        line,
        column,
        "invalid JSON: more after the end of the document",
        "one document to a file, or to a line of JSON Lines (.jsonl)",
    )


def test_validate_names_the_second_json_document_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "two.json").write_text('{"kind": "plan"}\n{"kind": "plan"}\n', encoding="utf-8")
    result = selfreview_here(["validate", "two.json"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.decode().splitlines() == [
        "two.json:2:1: error: invalid JSON: more after the end of the document (one document "
        "to a file, or to a line of JSON Lines (.jsonl))"
    ]
