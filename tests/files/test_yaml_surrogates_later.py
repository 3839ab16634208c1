"""An escaped surrogate in a second YAML document is told as the document it stands in
is (round 79): not at all, since a file's problems end at its first fatal one, which is
that second document. Before, an escape in a document after `...` (which libyaml scans
before it refuses the document) was told by libyaml's own words, "found invalid Unicode
character escape code", where the same document holding `"a"` was refused as a second
document, and an escape in the first document had the house's located message."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from fuzz.harness import check_error, check_yaml_readers_agree
from selfreview_core.cli import cli
from selfreview_core.errors import InvalidDocument
from selfreview_core.files.source import parse_text
from selfreview_core.testing.strategies import frameworks

LONE = (
    "not valid Unicode text: the text escapes a lone surrogate (`\\ud800`), half of a UTF-16 pair"
)
NO_START = "invalid YAML: did not find expected <document start>"


def _problems(text: str, file: str = "a.yaml") -> list[tuple[Any, ...]]:
    with pytest.raises(InvalidDocument) as raised:
        parse_text(text, file)
    check_error(raised.value, file, text)
    check_yaml_readers_agree(text)
    return [(d.line, d.column, d.path, d.code, d.message) for d in raised.value.diagnostics]


def test_a_second_documents_escape_is_refused_as_its_document_is() -> None:
    expected = [(3, 1, "", "yaml", NO_START)]
    assert _problems('a: 1\n...\n"a"\n') == expected
    assert _problems('a: 1\n...\n"\\ud800"\n') == expected
    assert _problems('a: 1\n...\n"\\ud800\\udc00 \\U0000DFFF"\n') == expected
    assert _problems('a: 1\n...\n"b: \\ud800"\nc: 1\n') == expected


def test_the_first_documents_escapes_are_told_then_the_second_document() -> None:
    text = 'kind: x\na: "\\ud800"\n...\n"\\udc00"\n'
    assert _problems(text) == [(2, 5, "a", "encoding", LONE), (4, 1, "", "yaml", NO_START)]
    text = 'kind: x\na: "\\ud800"\n---\n"\\udc00"\n'
    assert [p[:4] for p in _problems(text)] == [
        (2, 5, "a", "encoding"),
        (3, 1, "", "multiple-documents"),
    ]


def test_validate_says_where_exits_1_and_checks_the_next_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('kind: assessment\n...\n"\\ud800"\n', "ascii")
    good = tmp_path / "good.yaml"
    good.write_text("kind: assessment\n", "ascii")
    result = CliRunner().invoke(cli, ["validate", str(bad), str(good)])
    assert result.exit_code == 1
    assert f"{bad}:3:1: error: {NO_START}\n" in result.output
    assert "escape code" not in result.output
    assert f"{good}:1:1: error: missing required key" in result.output
    assert "Traceback" not in result.output


#: A surrogate's escape as `json.dumps` writes one.
_HALF = re.compile(r"(?<!\\)((?:\\\\)*)\\u(d[89a-f][0-9a-f]{2})")


@given(frameworks(), st.data())
def test_a_later_documents_escapes_change_nothing(framework: Any, data: st.DataObject) -> None:
    """A framework (of either scale direction) as YAML, maybe with escaped surrogates in
    its texts, then `...` or `---` and a second document holding escaped surrogates: what
    is told is what is told where the second document's escapes are of a character (the
    same length, so every place stays), the first document's escapes each at its place."""
    document = {"kind": "framework", **framework.model_dump(mode="json")}
    if data.draw(st.booleans()):
        document["title"] += data.draw(st.characters(categories=["Cs"]))
    first = json.dumps(document, indent=1)
    halves = data.draw(st.lists(st.characters(categories=["Cs"]), min_size=1, max_size=4))
    form = data.draw(st.sampled_from(["{}", "[{}]", "{}: 1", "x {} y"]))
    later = json.dumps(form.format(halves[0]) + "".join(halves[1:]))
    end = data.draw(st.sampled_from(["...\n", "---\n", "...\n# a comment\n"]))
    text = f"{first}\n{end}{later}\n"
    plain = f"{first}\n{end}" + _HALF.sub(r"\1\\u00e9", later) + "\n"
    assert "\\ud" in later.lower()
    assert "\\ud" not in plain[len(first) :].lower()
    told = _problems(text, "f.yaml")
    assert told == _problems(plain, "f.yaml")
    assert told[-1][3] in ("yaml", "multiple-documents")
    assert [p[3] for p in told[:-1]] == ["encoding"] * (len(told) - 1)
