"""Our `[tool.selfreview]` header left unclosed in a `pyproject.toml` is the settings' file,
no TOML, placed where TOML's reader says, exit 1 (an invalid input, SPEC section 5; as the
same mistake in `selfreview.toml` and every other broken file that writes our settings
since round 69), every command, nothing written. Before round 79 the file was passed by as
another tool's broken one, in silence, the defaults applied (`config`: "none found",
exit 0). Another tool's unclosed header, or a name that only begins with ours, is still
passed by."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfreview_core.cli import cli

EXAMPLE = Path(__file__).parents[2] / "examples" / "example-primary-2025.yaml"
EXPECTED = "invalid TOML: Expected ']' at the end of a table declaration"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (it has `.git`), run from a folder inside it."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    monkeypatch.setenv("HOME", str(tmp_path.parent))
    monkeypatch.delenv("SELFREVIEW_DISABLE", raising=False)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _place(text: str) -> str:
    """Where `tomllib` says `text` stops being TOML: `LINE:COLUMN`."""
    with pytest.raises(tomllib.TOMLDecodeError) as raised:
        tomllib.loads(text)
    said = str(raised.value)
    return said.rsplit("(at line ", 1)[1].rstrip(")").replace(", column ", ":")


def test_an_unclosed_header_of_ours_is_placed_and_every_command_stops(repo: Path) -> None:
    text = '[project]\nname = "x"\n\n[tool.selfreview\npolicy = "mean"\n'
    pyproject = repo / "pyproject.toml"
    pyproject.write_text(text, encoding="utf-8")
    out = repo / "work" / "r.json"
    for args in (["config"], ["frameworks"], ["report", str(EXAMPLE), "-o", str(out)]):
        result = run(*args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stdout == ""
        assert result.stderr == f"{pyproject}:4:17: error: {EXPECTED}\n"
    assert not out.exists()
    assert pyproject.read_text(encoding="utf-8") == text
    # placed as the same lines are in `selfreview.toml`
    shutil.move(pyproject, repo / "selfreview.toml")
    assert run("config").stderr == f"{repo / 'selfreview.toml'}:4:17: error: {EXPECTED}\n"


@pytest.mark.parametrize(
    "header",
    [
        "[tool.black",
        "[tool.selfreviewer",
        "[tool.self_review",
        "# [tool.selfreview",
        "[toolx.selfreview",
    ],
)
def test_another_tools_unclosed_header_is_passed_by(repo: Path, header: str) -> None:
    (repo / "pyproject.toml").write_text(f"[project]\n{header}\nx = 1\n", encoding="utf-8")
    result = run("config")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Configuration file: none found\n")


_SPACE = st.sampled_from(["", " ", "\t", "  "])


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    before=_SPACE,
    tool=st.sampled_from(["tool", '"tool"', "'tool'"]),
    ours=st.sampled_from(["selfreview", '"selfreview"', "'selfreview'"]),
    around=st.tuples(_SPACE, _SPACE, _SPACE),
    table=st.sampled_from(["", ".rules", ". frameworks"]),
    comment=st.sampled_from(["", "# why", " # [x]"]),
    above=st.sampled_from(["", '[project]\nname = "x"\n', "[tool.black]\nline-length = 99\n"]),
)
def test_however_the_header_is_spelled_it_is_placed_where_toml_says(
    repo: Path,
    before: str,
    tool: str,
    ours: str,
    around: tuple[str, str, str],
    table: str,
    comment: str,
    above: str,
) -> None:
    """Spaces, quotes, a table inside ours, a comment after it: the file is refused at the
    place `tomllib` gives, whatever is above it."""
    a, b, c = around
    text = f"{above}{before}[{a}{tool}{b}.{c}{ours}{table}{comment}\npolicy = 'mean'\n"
    (repo / "pyproject.toml").write_text(text, encoding="utf-8")
    result = run("config")
    assert result.exit_code == 1, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{repo / 'pyproject.toml'}:{_place(text)}: error: invalid TOML: ")
