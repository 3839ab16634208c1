"""A JSON Lines line that holds a CR alone is placed counting only LF as a line's end
(`line_reading.one_line`), wherever its CR stands: first on the line, or just before the
CRLF that ends it. Pinned by round 78's sweep over round 77's lines (`one_line`, moved
from `spool`): a CR first on the line, or one just before the closing CRLF, went
unnoticed (the search began one byte in, or stopped one byte short), and the problem was
told a line too low, on a line of the file that holds another document."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.files.line_reading import OneLine, one_line

from .test_json_lines import framework_line, line


@pytest.fixture(autouse=True)
def _no_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [])


@pytest.mark.parametrize(
    "text", [b'\r{"a": }\n', b'{"a":\r\r\n', b'{"a": 1,\r\r\n', b"\r", b'\r{"a": 1}\r\n']
)
def test_a_line_holding_a_cr_alone_is_one_line(text: bytes) -> None:
    assert type(one_line(text)) is OneLine


@pytest.mark.parametrize("text", [b'{"a": 1}\r\n', b'{"a": 1}\n', b"\r\n", b"\n", b""])
def test_a_line_ended_by_crlf_alone_is_given_as_it_is(text: bytes) -> None:
    assert one_line(text) is text


def test_validate_places_each_problem_on_its_own_line_and_checks_the_rest(
    tmp_path: Path,
) -> None:
    file = tmp_path / "schools.jsonl"
    file.write_bytes(
        framework_line().encode()
        + b"\n"
        + b'\r{"kind": }\n'
        + b'{"kind":\r\r\n'
        + line().encode()
        + b"\n"
    )
    result = CliRunner().invoke(cli, ["validate", str(file)])
    assert result.exit_code == 1
    told = result.stdout.splitlines()
    assert [said.split(" ")[0] for said in told] == [
        f"{file}:1:",
        f"{file}:2:11:",
        f"{file}:3:10:",
        f"{file}:4:",
    ]
    assert told[0].startswith(f"{file}:1: ok: framework tiny@1 ")
    assert told[1:3] == [
        f"{file}:2:11: error: invalid JSON: Expecting value",
        f"{file}:3:10: error: invalid JSON: Expecting value",
    ]
    assert told[3].startswith(f"{file}:4: ok: assessment of tiny@1")
    assert "4 documents checked: 2 valid, 2 invalid (2 errors)" in result.stderr
    assert "Traceback" not in result.output
