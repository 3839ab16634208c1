"""A YAML text cut short after a blank line (`...\\n\\n`): its syntax error, which libyaml
marks after the last line break, on a line the text does not have, is placed on that last
break, the blank line, as the last line an editor shows (`yaml_lines.syntax_error`'s
`_FINAL`, a break at the very end of the text): pinned by round 77's sweep over round 76's
lines. Read as "a break before the text's end or before a last LF" (Python's `$`), it was
the break before, on the line above, at its end."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.errors import InvalidDocument
from selfreview_core.files.source import parse_text


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("a: [\n\n", "did not find expected node content"),
        ('a: "x\n\n', "found unexpected end of stream"),
        ("a: [\r\n\n", "did not find expected node content"),
    ],
)
def test_a_text_cut_short_after_a_blank_line_is_placed_on_that_line(text: str, said: str) -> None:
    with pytest.raises(InvalidDocument) as raised:
        parse_text(text, "school.yaml")
    (problem,) = raised.value.diagnostics
    assert (problem.file, problem.line, problem.column) == ("school.yaml", 2, 1)
    assert problem.message.startswith(f"invalid YAML: {said} (")


def test_validate_places_it_there_exit_1_and_checks_the_other_file(tmp_path: Path) -> None:
    cut = tmp_path / "cut.yaml"
    cut.write_text("kind: assessment\nframework: [\n\n", encoding="utf-8")
    good = tmp_path / "other.yaml"
    good.write_text("kind: assessment\nframework: [\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(cut), str(good)])
    assert result.exit_code == 1
    assert f"{cut}:3:1: error: invalid YAML: did not find expected node content" in result.output
    assert f"{good}:2:13: error: invalid YAML: did not find expected node content" in (
        result.output
    )
    assert result.output.endswith("2 files checked: 0 valid, 2 invalid (2 errors)\n")
    assert "Traceback" not in result.output
