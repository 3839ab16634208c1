"""Standard output appended to a configuration file the command reads (SPEC section 7: no
output ever overwrites an input): `report school.yaml >> selfreview.toml` wrote the report
onto the end of the settings, exit 0, and every later command in the folder refused them as
TOML; `>> pyproject.toml` (holding `[tool.selfreview]`, or another tool's the search passed
by) did the same to a project's file. `-o` naming them was refused already (round 62).
Refused now as an input named on the command line is, exit 2 before any work, naming
standard output and the file, which is left byte for byte as it was. In a process of its
own (`program.selfreview`): only there is standard output a file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from program import selfreview

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

#: Each file appended to: its name, its text, what the message calls it.
SETTINGS = {
    "selfreview.toml": ("selfreview.toml", 'policy = "mean"\n', "the configuration file"),
    "pyproject.toml": (
        "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.selfreview]\npolicy = "mean"\n',
        "the configuration file",
    ),
    "another tool's pyproject.toml": (
        "work/pyproject.toml",
        '[project]\nname = "x"\n',
        "a pyproject.toml the configuration is looked for in",
    ),
}

COMMANDS = {
    "report": (["report", "a.yaml", "--format", "json"], ", or give -o one"),
    "validate": (["validate", "a.yaml"], ""),
    "awards": (["awards", "a.yaml"], ""),
}


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A repository (`.git`: the search stops there) holding `selfreview.toml`, with a
    folder `work` holding a review, where the commands run."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "selfreview.toml").write_text('policy = "mean"\n')
    (tmp_path / "work").mkdir()
    shutil.copy(EXAMPLES / "example-primary-2025.yaml", tmp_path / "work" / "a.yaml")
    return tmp_path


@pytest.mark.parametrize("settings", SETTINGS.values(), ids=SETTINGS.keys())
@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_standard_output_appended_to_a_settings_file_is_refused(
    work: Path, settings: tuple[str, str, str], command: tuple[list[str], str]
) -> None:
    name, text, what = settings
    args, instead = command
    if name == "pyproject.toml":  # the settings in pyproject.toml, none in selfreview.toml
        (work / "selfreview.toml").unlink()
    target = work / name
    target.write_text(text)
    before = sorted(p.name for p in (work / "work").iterdir())
    with target.open("ab") as out:
        done = selfreview(args, cwd=work / "work", stdout=out)
    said = done.stderr.decode().splitlines()
    assert done.returncode == 2, said
    assert said[-1] == (
        f"Error: standard output is {what} (`{target}`), which this command reads: writing "
        f"there would replace it, so nothing was written (send it to another file{instead})"
    )
    assert target.read_text() == text
    assert sorted(p.name for p in (work / "work").iterdir()) == before


def test_standard_output_onto_a_hard_link_to_the_settings_is_refused(work: Path) -> None:
    (work / "work" / "link.toml").hardlink_to(work / "selfreview.toml")
    with (work / "work" / "link.toml").open("ab") as out:
        done = selfreview(["report", "a.yaml"], cwd=work / "work", stdout=out)
    assert done.returncode == 2, done.stderr
    assert b"standard output is the configuration file (`" in done.stderr
    assert (work / "selfreview.toml").read_text() == 'policy = "mean"\n'


def test_standard_output_to_another_file_is_still_written(work: Path) -> None:
    out_file = work / "work" / "out.json"
    with out_file.open("ab") as out:
        done = selfreview(["report", "a.yaml", "--format", "json"], cwd=work / "work", stdout=out)
    assert done.returncode == 0, done.stderr
    assert out_file.read_bytes().startswith(b"{")
    assert (work / "selfreview.toml").read_text() == 'policy = "mean"\n'
