"""A fatal problem the YAML reader meets once the document is read whole (a second
document, a syntax error after `...`, a control character far past the end, beyond what
libyaml's reader checks at the start) is the one problem told of the file: the document
before it is not checked as well (`yaml_events.read_events` returns it as not read whole,
and `parse_yaml` gives an empty tree). Pinned by round 78's sweep over round 77's lines:
read as whole, the document before was validated too, and a framework of two keys was
told four missing keys beside the problem that stopped the reading."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.errors import InvalidDocument
from selfreview_core.files.source import parse_text
from selfreview_core.files.yaml_events import parse_yaml

#: A framework's first two keys: as a whole document, it misses four required keys.
HEAD = "kind: framework\nid: x\n"
#: Comment lines enough to put what follows past libyaml's first reading of the input.
FAR = ("# " + "x" * 70 + "\n") * 3000

CASES = [
    pytest.param(
        HEAD + "---\nb: 1\n",
        3,
        "more than one YAML document in the file (put one document in each file: a "
        "framework, assessment, rule pack, migration or plan)",
        id="second-document",
    ),
    pytest.param(
        HEAD + "...\n@\n",
        4,
        "invalid YAML: found character that cannot start any token (while scanning for the "
        "next token started at line 4, column 1)",
        id="syntax-error-after-end",
    ),
    pytest.param(
        HEAD + "...\n" + FAR + "\x01\n",
        3004,
        "invalid YAML: control characters are not allowed",
        id="control-character-far-after-end",
    ),
]


@pytest.mark.parametrize(("text", "line", "message"), CASES)
def test_the_reading_stopped_after_the_document_gives_no_tree(
    text: str, line: int, message: str
) -> None:
    tree, problems = parse_yaml(text, "f.yaml")
    assert tree.data is None
    assert [(p.file, p.line, p.column, p.message.split(" (")[0]) for p in problems] == [
        ("f.yaml", line, 1, message.split(" (")[0])
    ]
    with pytest.raises(InvalidDocument) as raised:
        parse_text(text, "f.yaml")
    (problem,) = raised.value.diagnostics
    assert (problem.file, problem.line, problem.column, problem.path) == ("f.yaml", line, 1, "")


@pytest.mark.parametrize(("text", "line", "message"), CASES)
def test_validate_tells_only_that_problem_exit_1_and_checks_the_other_file(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    stopped = tmp_path / "stopped.yaml"
    stopped.write_text(text, encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text("kind: assessment\nframework: [\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(stopped), str(other)])
    assert result.exit_code == 1
    assert result.output == (
        f"{stopped}:{line}:1: error: {message}\n"
        f"{other}:2:13: error: invalid YAML: did not find expected node content (while "
        "parsing a flow node started at line 2, column 13)\n"
        "2 files checked: 0 valid, 2 invalid (2 errors)\n"
    )
