"""`cli/_options`'s shared options that name files (`--framework`, `--previous`, `--rules`,
`--migration`) and `--policy`'s help: a folder where one file is read is a usage error
naming the option, before anything is read or written; `-` reads standard input as a file
does (SPEC section 5); and the help says what the policy is when none is given."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
REVIEW = str(ROOT / "examples" / "example-primary-2026.yaml")
FOLDER = str(ROOT / "examples")

OPTIONS = {
    "report --previous": ["report", REVIEW, "-o", "out.json", "--previous"],
    "report --rules": ["report", REVIEW, "-o", "out.json", "--rules"],
    "report --framework": ["report", REVIEW, "-o", "out.json", "--framework"],
    "migrate --migration": ["migrate", REVIEW, "--to", "becta-srf@2010", "--migration"],
}


@pytest.mark.parametrize("option", OPTIONS, ids=list(OPTIONS))
def test_a_folder_for_a_file_option_is_a_usage_error_naming_the_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, [*OPTIONS[option], FOLDER], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    name = option.split()[1]
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '{name}': File '{FOLDER}' is a directory."
    )
    assert list(tmp_path.iterdir()) == []


MIGRATION = ROOT / "examples" / "migration"
#: Each option given `-`, and the same run given the file: (the run, the file).
DASHES = {
    "report --previous": (
        ["report", REVIEW, "--previous"],
        ROOT / "examples" / "example-primary-2025.yaml",
    ),
    "plan --previous": (["plan", REVIEW, "-o", "plan.yaml", "--previous"], None),
    "report --rules": (
        [
            "report",
            str(ROOT / "examples" / "questions" / "example-setting.yaml"),
            "--framework",
            str(ROOT / "examples" / "questions" / "technology-standards.yaml"),
            "--rules",
        ],
        ROOT / "examples" / "questions" / "technology-rules.yaml",
    ),
    "migrate --migration": (
        [
            "migrate",
            str(MIGRATION / "example-school-v1.yaml"),
            "--framework",
            str(MIGRATION / "example-srf-1.yaml"),
            "--to",
            str(MIGRATION / "example-srf-2.yaml"),
            "--migration",
        ],
        MIGRATION / "example-srf-1-to-2.yaml",
    ),
}
DASHES["plan --previous"] = (DASHES["plan --previous"][0], DASHES["report --previous"][1])


@pytest.mark.parametrize("option", DASHES, ids=list(DASHES))
def test_standard_input_is_read_by_an_option_that_names_a_file_as_the_file_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str
) -> None:
    """SPEC section 5: "A path of `-` reads standard input". Before round 50 these said
    "File '-' does not exist." (exit 2), which is not what was wrong."""
    monkeypatch.chdir(tmp_path)
    args, file = DASHES[option]
    assert file is not None
    given = CliRunner().invoke(cli, [*args, str(file)], catch_exceptions=False)
    written = sorted(p.read_bytes() for p in tmp_path.iterdir())
    for p in tmp_path.iterdir():
        p.unlink()
    piped = CliRunner().invoke(cli, [*args, "-"], input=file.read_bytes(), catch_exceptions=False)
    assert (piped.exit_code, given.exit_code) == (0, 0), piped.output
    assert piped.stdout == given.stdout
    assert piped.stderr == given.stderr.replace(str(file), "<stdin>")
    assert sorted(p.read_bytes() for p in tmp_path.iterdir()) == written


def test_an_option_s_dash_beside_another_is_a_usage_error() -> None:
    """Standard input is read once: `report - --previous -` cannot have both."""
    review = Path(REVIEW).read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", "-", "--previous", "-"], input=review)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith(
        ": `-` (standard input) can be read only once: give it once"
    )


@pytest.mark.parametrize("command", ["report", "benchmark", "support", "awards"])
def test_the_policy_s_help_says_the_framework_s_own_is_the_default(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "[default: (the framework's, else median)]" in " ".join(result.output.split())


@pytest.mark.parametrize(
    ("option", "text", "place"),
    [
        ("report --previous", "kind: assessment\nframework: [\n", "2:13"),
        ("report --rules", "kind: rules\nrules: [\n", "2:9"),
        ("migrate --migration", "kind: migration\nfrom: [\n", "2:8"),
    ],
    ids=["report --previous", "report --rules", "migrate --migration"],
)
def test_a_bad_file_on_standard_input_is_named_stdin_at_its_line_and_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str, text: str, place: str
) -> None:
    """A broken previous review, rule pack or migration piped in is told as a file's is:
    `<stdin>`, its line and column, exit 1, nothing written and nothing on standard output."""
    monkeypatch.chdir(tmp_path)
    args, _ = DASHES[option]
    result = CliRunner().invoke(cli, [*args, "-"], input=text, catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"<stdin>:{place}: error: invalid YAML: did not find expected node content"
    )
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []
