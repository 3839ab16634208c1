"""Slips a new user made (round 82), each now told what was meant: a value of `--format`
(or of another choice) misspelt, which every command with a choice tells as `report
--format htlm` was told, the choice closest (`cli._terminal.HintedChoice`), and YAML the
JSON a YAML reader reads; and `migrate --to` naming the review's own framework, installed
by no plugin, which was told "did you mean `becta-srf`?" where the fix is its files given
with `--framework`. Click's own words of the refusal are kept, the hint after them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SCHOOL = str(EXAMPLES / "example-primary-2025.yaml")
MIGRATION = EXAMPLES / "migration"
VIEW = "'table', 'json', 'csv', 'html'"
YAML = "did you mean `json`? A YAML reader reads JSON too"


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (
            ["validate", SCHOOL, "--format", "jsn"],
            "'jsn' is not one of 'table', 'json' (did you mean `json`?)",
        ),
        (["frameworks", "--format", "yaml"], f"'yaml' is not one of 'table', 'json' ({YAML})"),
        (["support", "--format", "yml"], f"'yml' is not one of {VIEW} ({YAML})"),
        (["benchmark", "--format", "htm"], f"'htm' is not one of {VIEW} (did you mean `html`?)"),
        (
            ["voices", str(EXAMPLES / "respondents"), "--format", "Json"],
            f"'Json' is not one of {VIEW} (did you mean `json`?)",
        ),
        (
            ["show", "becta-srf", "--format", "txt"],
            "'txt' is not one of 'table', 'json' (did you mean `text`?)",
        ),
        (["show", "becta-srf", "--format", "xml"], "'xml' is not one of 'table', 'json'."),
        (
            ["plan", SCHOOL, "--priority", "hihg"],
            "'hihg' is not one of 'high', 'medium', 'low' (did you mean `high`?)",
        ),
        (
            ["report", SCHOOL, "--policy", "mean2"],
            "'mean2' is not one of 'median', 'mean', 'weakest' (did you mean `mean`?)",
        ),
    ],
)
def test_a_choice_misspelt_is_told_the_one_meant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], told: str
) -> None:
    monkeypatch.chdir(tmp_path)  # nothing is written where the command runs
    result = CliRunner().invoke(cli, args, prog_name="selfreview", catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stdout == ""
    option = "--format" if "--format" in args else args[-2]
    said = result.stderr.splitlines()
    assert said[0].startswith(f"Usage: selfreview {args[0]} [OPTIONS]")
    assert said[1:] == [
        f"Try 'selfreview {args[0]} --help' for help.",
        "",
        f"Error: Invalid value for '{option}': {told}",
    ]
    assert list(tmp_path.iterdir()) == []


def test_report_told_yaml_is_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["report", SCHOOL, "--format", "YML"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for --format: no exporter `YML` ({YAML})"
    )


@pytest.mark.parametrize(
    ("review", "given", "hint"),
    [
        # The review's own framework, not installed: its files are the fix.
        (
            "example-school-v1.yaml",
            (),
            "`example-srf`, the review's own framework, is installed "
            "by no plugin: give the file of each version with --framework FILE",
        ),
        # A framework the review is not of: the closest, as before.
        ("../example-primary-2025.yaml", (), "did you mean `becta-srf`?"),
        # Its id known (version 1 given): the versions there are, as before.
        ("example-school-v1.yaml", ("--framework", "example-srf-1.yaml"), "available versions: 1"),
    ],
)
def test_migrate_to_a_framework_not_installed_is_told_to_give_its_files(
    tmp_path: Path, review: str, given: tuple[str, ...], hint: str
) -> None:
    school = tmp_path / "school.yaml"
    shutil.copy(MIGRATION / review, school)
    out = tmp_path / "out.yaml"
    args = [str(MIGRATION / g) if g.endswith(".yaml") else g for g in given]
    result = CliRunner().invoke(
        cli,
        ["migrate", str(school), "--to", "example-srf@2", *args, "-o", str(out)],
        prog_name="selfreview",
        catch_exceptions=False,
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Usage: selfreview migrate [OPTIONS] ASSESSMENT\n"
        "Try 'selfreview migrate --help' for help.\n\n"
        f"Error: Invalid value for --to: no framework `example-srf@2` is available ({hint})\n"
    )
    assert school.read_bytes() == (MIGRATION / review).read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["school.yaml"]


@pytest.mark.parametrize(
    ("target", "told"),
    [
        ("nothere.yaml", "File 'nothere.yaml' does not exist."),
        ("folder", "File 'folder' is a directory."),
        ("nothere", "no framework `nothere` is available (see `selfreview frameworks`)"),
    ],
)
def test_migrate_to_a_file_not_there_or_a_folder_is_told_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, told: str
) -> None:
    """`--to nothere.yaml` was told there was no framework of that name, as if the file
    name were an id; it is told in click's words, as `show nothere.yaml` is."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    shutil.copy(SCHOOL, tmp_path / "school.yaml")
    result = CliRunner().invoke(
        cli,
        ["migrate", "school.yaml", "--to", target, "-o", "out.yaml"],
        prog_name="selfreview",
        catch_exceptions=False,
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for --to: {told}"
    assert len(result.stderr.splitlines()) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "school.yaml"]
    assert (tmp_path / "school.yaml").read_bytes() == Path(SCHOOL).read_bytes()


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("kind: assessment\nframework: [\n", "school.yaml"),  # not YAML: told when read
        ("- framework: example-srf@1\n", "school.yaml"),  # not a mapping
        ((MIGRATION / "example-school-v1.yaml").read_text(encoding="utf-8"), "-"),
    ],
)
def test_migrate_to_keeps_the_closest_where_the_review_cannot_say(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, where: str
) -> None:
    """The review is read again only from a file, and only to see its framework: one that
    does not parse, or holds no mapping, or standard input (not read twice: it may be a
    terminal) leave `--to`'s refusal as it was."""
    monkeypatch.chdir(tmp_path)
    if where != "-":
        (tmp_path / where).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["migrate", where, "--to", "example-srf@2"],
        input=text if where == "-" else None,
        prog_name="selfreview",
        catch_exceptions=False,
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for --to: no framework `example-srf@2` is available "
        "(did you mean `becta-srf`?)"
    )
