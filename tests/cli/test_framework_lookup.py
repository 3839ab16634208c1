"""Where an assessment's framework is looked for (SPEC section 5): "first among the files
given on the same command line, then in --framework PATH, then among the available
frameworks", the same in `validate` and `report`. An assessment naming `example-srf`
without a version, with versions 1 and 2 both given: before round 51 `validate` used the
first given and `report` the last, so one command line was valid to one and invalid to the
other, and a `--framework` file beat a file given among the PATHS."""

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
