"""Where an assessment's framework is looked for (SPEC section 5): "first among the files
given on the same command line, then in --framework PATH, then among the available
frameworks", the same in `validate`, `report`, `awards`, `plan` and `collect`. An assessment
naming `example-srf` without a version, with versions 1 and 2 both given: before round 52
`validate` used the first given and `report` the last, so one command line was valid to one
and invalid to the other, and a `--framework` file beat a file given among the PATHS. A
migration target named by id alone is still its latest version (`migrate --to`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import Engine
from selfreview_core.cli import cli

MIGRATION = Path(__file__).resolve().parents[2] / "examples" / "migration"
V1, V2 = str(MIGRATION / "example-srf-1.yaml"), str(MIGRATION / "example-srf-2.yaml")
#: Judges strand 2a2, which version 1 has and version 2 has not.
SCHOOL = MIGRATION / "example-school-v1.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def unversioned(tmp_path_factory: pytest.TempPathFactory) -> str:
    text = SCHOOL.read_text(encoding="utf-8")
    assert "framework: example-srf@1\n" in text
    path = tmp_path_factory.mktemp("school") / "school.yaml"
    path.write_text(text.replace("framework: example-srf@1\n", "framework: example-srf\n"))
    return str(path)


#: How `first` and `second` are given; `first` is looked for first in each.
LAYOUTS = {
    "both among the paths": lambda first, second: [first, second],
    "both --framework": lambda first, second: ["--framework", first, "--framework", second],
    "--framework given before the path": lambda first, second: ["--framework", second, first],
    "the path before --framework": lambda first, second: [first, "--framework", second],
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize(("first", "second"), [(V1, V2), (V2, V1)])
def test_validate_and_report_use_the_framework_looked_for_first(
    unversioned: str, layout: str, first: str, second: str
) -> None:
    """Among the paths in their order, then --framework files in theirs: the first of the
    id is used, whatever its version, by both commands."""
    given = LAYOUTS[layout](first, second)
    works = first == V1  # the school judges 2a2: a strand of version 1 only
    checked = run("validate", unversioned, *given)
    reported = run("report", unversioned, *given, "--format", "json")
    assert (checked.exit_code, reported.exit_code) == ((0, 0) if works else (1, 1)), layout
    if works:
        assert '"id": "example-srf",\n    "version": "1"' in reported.stdout
    else:
        assert "`2a2` is not a strand of example-srf@2" in reported.stderr
        assert "`2a2` is not a strand of example-srf@2" in checked.stdout + checked.stderr


def test_the_engine_names_an_id_by_the_first_framework_given() -> None:
    """`Engine(frameworks=...)`: the caller's own frameworks win by id, the first of each."""
    for order, version in (((V1, V2), "1"), ((V2, V1), "2")):
        names = Engine(entry_points=False, frameworks=order).framework_names()
        assert names["example-srf"].version == version
        assert {names["example-srf@1"].version, names["example-srf@2"].version} == {"1", "2"}


@pytest.mark.parametrize(("first", "second"), [(V1, V2), (V2, V1)])
@pytest.mark.parametrize("command", ["awards", "plan", "collect"])
def test_the_other_commands_use_the_framework_looked_for_first(
    unversioned: str, tmp_path: Path, command: str, first: str, second: str
) -> None:
    """`awards`, `plan` and `collect` look an id alone up as `validate` does: the first
    given (before round 52 they took the last given, as `report` did)."""
    out = tmp_path / ("out.parquet" if command == "collect" else "out.yaml")
    extra = [] if command == "awards" else ["-o", str(out)]
    result = run(command, unversioned, "--framework", first, "--framework", second, *extra)
    if first == V1:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1
        assert (
            "school.yaml:23:3: error: judgements.2a2: `2a2` is not a strand of example-srf@2"
            in (result.stderr)
        )
        assert not out.exists()


def test_migrate_takes_an_assessment_id_as_the_first_given_and_a_target_id_as_the_latest(
    unversioned: str,
) -> None:
    """`migrate --to example-srf`: a target named by id alone is its latest version (SPEC
    section 5's `--to FRAMEWORK`, a version to carry judgements to), while the assessment's
    own id is the first given, as in every command. Round 51's fix took the first given for
    both, so the target was version 1 and nothing was migrated."""
    migration = str(MIGRATION / "example-srf-1-to-2.yaml")
    given = ["--framework", V1, "--framework", V2, "--migration", migration]
    result = run("migrate", unversioned, *given, "--to", "example-srf")
    assert result.exit_code == 0, result.output
    assert "framework: example-srf@2\n" in result.stdout
    assert "2a2 (merge)" not in result.stderr
    assert "`2a2` (level 2) of example-srf@1" in result.stderr
