"""`files.source`: behaviour the project's mutation pass (round 34) found no test pinning
down. What a file is read as, and why one is refused, as `validate` says it."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfreview_core.errors import InvalidDocument
from selfreview_core.files.source import read_source


@pytest.mark.parametrize("name", ["school.json", "SCHOOL.JSON", "schools.jsonl"])
def test_a_json_name_holding_yaml_is_refused_as_json_not_read_as_yaml(
    tmp_path: Path, name: str
) -> None:
    """The name says JSON, so the text is JSON or nothing: YAML in it is an error at its
    first character, never a document read another way."""
    path = tmp_path / name
    path.write_text("kind: assessment\nframework: becta-srf\n", encoding="utf-8")
    with pytest.raises(InvalidDocument, match="invalid JSON") as raised:
        read_source(path)
    [problem] = raised.value.diagnostics
    assert (problem.file, problem.line, problem.column) == (str(path), 1, 1)


def test_a_file_named_neither_way_is_read_by_its_first_character(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(' \n {"kind": "x"}', encoding="utf-8")
    (tmp_path / "b.txt").write_text("kind: x\n", encoding="utf-8")
    assert read_source(tmp_path / "a.txt").syntax == "json"
    assert read_source(tmp_path / "b.txt").syntax == "yaml"


@pytest.mark.parametrize("text", ["# only a note\n", "# a note\n\n  # another\n"])
def test_yaml_of_nothing_but_comments_is_refused_as_empty(tmp_path: Path, text: str) -> None:
    path = tmp_path / "school.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidDocument) as raised:
        read_source(path)
    [problem] = raised.value.diagnostics
    assert problem.message == "the file holds no document, only comments"
    assert (problem.line, problem.column, problem.code) == (1, 1, "empty")
