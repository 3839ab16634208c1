"""`voices` and `combine` end a refusal of their responses as the other commands end
theirs: "nothing was written" (round 81). They take the responses whole, so one broken file
among many is refused with all of them; before, its located error came alone and a user was
left to guess whether a draft or a comparison had been made of the rest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

RESPONDENTS = Path(__file__).resolve().parents[2] / "examples" / "respondents"
UNWRITTEN = "the responses were refused (errors above); nothing was written\n"


@pytest.mark.parametrize(
    ("command", "output"),
    [("voices", None), ("voices", "view.html"), ("combine", "draft.yaml")],
)
def test_one_broken_file_among_the_responses_is_located_and_nothing_is_written(
    tmp_path: Path, command: str, output: str | None
) -> None:
    given = tmp_path / "given"
    shutil.copytree(RESPONDENTS, given)
    broken = given / "governor-3.yaml"
    broken.write_text("kind: assessment\nschool: {id: 1\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in given.iterdir()}
    args = [command, str(given)]
    if output is not None:
        args += ["-o", str(tmp_path / output)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{broken}:2:15: error: invalid YAML: did not find expected ',' or '}}' (while "
        "parsing a flow mapping started at line 2, column 9)\n" + UNWRITTEN
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["given"]
    assert {p: p.read_bytes() for p in given.iterdir()} == before
