"""`benchmark --anonymise --school ID` where no school has that id (round 65): the usage
error named the id typed, which, a key wrong, is most of a real school's id (SPEC section
7: the anonymised output names no school). Anonymised, it says the same without the id;
the exit (2), the hint withheld and an output file left as it was are unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "example-primary-2025.yaml"
#: An id one key from the example's `100000`, and one with a control character, which a
#: message shows escaped.
TYPED = {"100001": ("100001",), "SE\x1bCRET-9": ("SE\x1bCRET-9", "SE\\x1bCRET-9", "\x1b")}
SAID = "Error: Invalid value for --school: no school with the id given in the cohort"


def _run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(params=["folder", "cohort file"])
def cohort(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """The example's review in a folder, or in a cohort file `collect` wrote."""
    folder = tmp_path / "reviews"
    folder.mkdir()
    (folder / "school.yaml").write_bytes(EXAMPLE.read_bytes())
    if request.param == "folder":
        return folder
    written = tmp_path / "cohort.parquet"
    assert _run("collect", folder, "-o", written).exit_code == 0
    return written


@pytest.mark.parametrize("typed", TYPED)
@pytest.mark.parametrize("form", ["table", "json", "csv", "html"])
def test_the_id_typed_is_not_named(cohort: Path, typed: str, form: str) -> None:
    result = _run("benchmark", cohort, "--anonymise", "--school", typed, "--format", form)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == SAID
    for shown in (*TYPED[typed], repr(typed)):
        assert shown not in result.stderr


@pytest.mark.parametrize("typed", TYPED)
def test_an_output_file_is_left_as_it_was(cohort: Path, tmp_path: Path, typed: str) -> None:
    kept, unmade = tmp_path / "kept.json", tmp_path / "unmade.json"
    kept.write_text("the last run's\n", encoding="utf-8")
    for out in (kept, unmade):
        result = _run("benchmark", cohort, "--anonymise", "--school", typed, "-o", out)
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1] == SAID
        assert all(shown not in result.output for shown in TYPED[typed])
    assert kept.read_text(encoding="utf-8") == "the last run's\n"
    assert not unmade.exists()


def test_without_anonymise_the_id_is_named_as_before(cohort: Path) -> None:
    """A pin: named, escaped, and the id meant hinted."""
    result = _run("benchmark", cohort, "--school", "SE\x1bCRET-9")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for --school: no school `SE\\x1bCRET-9` in the cohort"
    )
    result = _run("benchmark", cohort, "--school", "100001")
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for --school: no school `100001` in the cohort (did you mean "
        "`100000`?)"
    )
    result = _run("benchmark", cohort, "--anonymise", "--school", "")
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for --school: no school in the cohort has an empty id"
    )
