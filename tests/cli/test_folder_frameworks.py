"""A framework file inside a folder given on the command line is a framework file given
(SPEC section 5), for every command that walks folders, as `validate` has it: looked for
after the files named themselves, in the walk's order, before `--framework` files and the
available frameworks, and never read as an assessment. Before round 53 `validate DIR` used
it while `report DIR`, `benchmark DIR`, `support DIR`, `collect DIR`, `voices DIR` and
`combine DIR` each said "expected an assessment file, not a framework file" of it and then
"unknown framework" of every school in the folder.

One table over the commands: a folder holding the framework and the schools (respondents
of one school for `voices` and `combine`), the framework also given by `--framework`, two
versions of it in the folder, a broken framework file in the folder, `--jobs 2`."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
MIGRATION = ROOT / "examples" / "migration"
V1, V2 = MIGRATION / "example-srf-1.yaml", MIGRATION / "example-srf-2.yaml"
#: Judges strand 2a2, which version 1 has and version 2 has not.
SCHOOL = (MIGRATION / "example-school-v1.yaml").read_text(encoding="utf-8")
ID_LINE = "  id: EX-2\n"
assert ID_LINE in SCHOOL
assert "framework: example-srf@1\n" in SCHOOL


@dataclass(frozen=True)
class Command:
    args: tuple[str, ...]
    output: str
    respondents: bool = False  # responses of one school, not schools
    batch: bool = True  # skips a bad input and reports on the others (exit 1 at the end)
    jobs: bool = True


COMMANDS = {
    "report": Command(("report", "--format", "json"), "out.jsonl"),
    "benchmark": Command(("benchmark", "--format", "json"), "out.json"),
    "support": Command(("support", "--format", "json"), "out.json"),
    "collect": Command(("collect",), "out.parquet"),
    "voices": Command(("voices", "--format", "json"), "out.json", True, False, False),
    "combine": Command(("combine",), "draft.yaml", True, False, False),
}


def _folder(root: Path, command: Command, frameworks: dict[str, str], framework: str) -> Path:
    """A folder of the schools (five teachers of one school for the respondents' commands,
    whose smallest group shown is five) naming `framework`, and `frameworks` (name: text)."""
    folder = root / "given"
    folder.mkdir()
    text = SCHOOL.replace("framework: example-srf@1\n", f"framework: {framework}\n")
    for number in range(5 if command.respondents else 2):
        if command.respondents:
            teacher = f"# teacher {number}\nrespondent: {{group: teachers}}\nassessed_on:"
            school = text.replace("assessed_on:", teacher, 1)
        else:
            school = text.replace(ID_LINE, f"  id: EX-{number + 2}\n")
        (folder / f"school-{number}.yaml").write_text(school, encoding="utf-8")
    for name, framework_text in frameworks.items():
        (folder / name).write_text(framework_text, encoding="utf-8")
    return folder


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    output: object  # what was written, comparable; None when nothing was
    stderr: str


def _run(command: Command, folder: Path, *extra: str) -> Outcome:
    out = folder.parent / command.output
    out.unlink(missing_ok=True)
    args = [*command.args, str(folder), *extra, "-o", str(out)]
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # inputs unchanged
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    written: object = None
    if out.exists():
        if out.suffix == ".parquet":
            query = f"SELECT * FROM read_parquet('{out}') ORDER BY ALL"
            written = duckdb.execute(query).fetchall()
        elif out.suffix == ".json":
            written = json.loads(out.read_text(encoding="utf-8"))
        else:
            written = out.read_text(encoding="utf-8")
    return Outcome(result.exit_code, written, result.stderr)


def _schools(command: str, outcome: Outcome) -> int:
    """How many schools (respondents) the output holds."""
    written = outcome.output
    if command == "report":
        assert isinstance(written, str)
        return len(written.splitlines())
    if command == "collect":
        assert isinstance(written, list)
        return len({c for row in written for c in row if isinstance(c, str) and c[:3] == "EX-"})
    if command == "voices":
        assert isinstance(written, dict)
        return int(written["respondents"])
    text = json.dumps(written)  # benchmark, support: each school by id
    return sum(f'"EX-{n}"' in text for n in range(2, 7))


@pytest.fixture(scope="module")
def v1() -> str:
    return V1.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_framework_in_a_folder_given_is_used_and_not_read_as_an_assessment(
    tmp_path: Path, name: str, v1: str
) -> None:
    command = COMMANDS[name]
    folder = _folder(tmp_path, command, {"framework.yaml": v1}, "example-srf@1")
    found = _run(command, folder)
    assert found.exit_code == 0, found.stderr
    said = [s for s in found.stderr.splitlines() if not s.startswith("Confirm it: ")]
    assert not [s for s in said if "framework.yaml" in s]  # combine's names its file
    assert "unknown framework" not in found.stderr
    if name == "combine":
        assert "framework: example-srf@1\n" in str(found.output)
    else:
        assert _schools(name, found) == (5 if command.respondents else 2)
    # The same framework also given by --framework: the same schools, and a warning that it
    # is given twice (as for two files named), which a report also holds among its problems.
    again = _run(command, folder, "--framework", str(V1))
    assert again.exit_code == 0, again.stderr
    if name == "report":  # (the cohort's framework by --framework FILE is used unbuilt)
        assert "framework example-srf@1 is given twice, in " in again.stderr
    if name != "combine":
        assert _schools(name, again) == _schools(name, found)
    if command.jobs:
        assert _run(command, folder, "--jobs", "2") == found


@pytest.mark.parametrize("name", list(COMMANDS))
@pytest.mark.parametrize(("first", "works"), [("a-v1.yaml", True), ("a-v2.yaml", False)])
def test_of_two_versions_in_a_folder_an_id_alone_is_the_first_in_the_walk(
    tmp_path: Path, name: str, first: str, works: bool, v1: str
) -> None:
    """Two versions in the folder: the schools name `example-srf` without a version, and
    judge 2a2, a strand of version 1 only. The first in the walk's (name) order is used, as
    the first of two files given is; each version by id@version is there too."""
    command = COMMANDS[name]
    other = "b-v2.yaml" if first == "a-v1.yaml" else "b-v1.yaml"
    texts = {"v1": v1, "v2": V2.read_text(encoding="utf-8")}
    frameworks = {first: texts[first[2:4]], other: texts[other[2:4]]}
    folder = _folder(tmp_path, command, frameworks, "example-srf")
    found = _run(command, folder)
    assert "expected an assessment file" not in found.stderr
    if works:
        assert found.exit_code == 0, found.stderr
    else:
        assert found.exit_code == 1
        line = 25 if command.respondents else 23  # the respondent's two lines
        where = f"school-0.yaml:{line}:3: error: judgements.2a2"
        assert f"{where}: `2a2` is not a strand of example-srf@2" in found.stderr
        if not command.batch:
            assert found.output is None


def _broken(v1: str) -> tuple[str, int]:
    """Version 1 with a key no framework has (valid YAML: read as an assessment, it was
    "expected an assessment file"), and the line of that key."""
    broken = re.sub(r"(?m)^version: .*$", r"\g<0>\ncolour: blue", v1, count=1)
    return broken, broken.splitlines().index("colour: blue") + 1


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_broken_framework_in_a_folder_is_told_located_as_a_bad_input(
    tmp_path: Path, name: str, v1: str
) -> None:
    """Its own errors, located; exit 1. The commands that skip a bad input report on the
    other schools (their framework given by --framework here); `voices` and `combine`
    refuse it, writing nothing."""
    command = COMMANDS[name]
    broken, line = _broken(v1)
    folder = _folder(tmp_path, command, {"framework.yaml": broken}, "example-srf@1")
    found = _run(command, folder, "--framework", str(V1))
    assert found.exit_code == 1
    where = f"{folder / 'framework.yaml'}:{line}:1"
    assert f"{where}: error: colour: unknown key `colour`" in found.stderr, found.stderr
    assert "expected an assessment file" not in found.stderr
    if command.batch:
        assert _schools(name, found) == 2, found.stderr
        if command.jobs:
            again = _run(command, folder, "--framework", str(V1), "--jobs", "2")
            assert again == found
    else:
        assert found.output is None


def test_report_strict_stops_at_a_broken_framework_in_a_folder_before_any_report(
    tmp_path: Path, v1: str
) -> None:
    command = COMMANDS["report"]
    folder = _folder(tmp_path, command, {"framework.yaml": _broken(v1)[0]}, "example-srf@1")
    found = _run(command, folder, "--strict", "--framework", str(V1))
    assert found.exit_code == 1
    assert "colour: unknown key" in found.stderr
    assert "--strict: stopped after 0 report(s)" in found.stderr
    assert found.output in (None, "")


@pytest.mark.parametrize("name", ["report", "benchmark", "support", "collect"])
def test_a_framework_in_a_folder_wins_over_a_bundled_one_of_the_same_version(
    tmp_path: Path, name: str
) -> None:
    """The id and version of a bundled framework, other words: the file given wins, as a
    `--framework` file does, and the plugin whose framework is not used is told so."""
    bundled = (ROOT / "frameworks" / "becta-srf.yaml").read_text(encoding="utf-8")
    own = bundled.replace("\ntitle: ", "\ntitle: Our own copy of ", 1)
    assert own != bundled
    folder = tmp_path / "given"
    folder.mkdir()
    (folder / "becta.yaml").write_text(own, encoding="utf-8")
    for school in ("primary-1-2025.yaml", "primary-2-2025.yaml"):
        shutil.copy(ROOT / "examples" / "cohort" / school, folder / school)
    found = _run(COMMANDS[name], folder)
    assert found.exit_code == 0, found.stderr
    told = f"framework becta-srf@2010 is also provided by the file {folder / 'becta.yaml'}"
    assert told in found.stderr
    if name == "report":
        titles = {json.loads(line)["framework"]["title"] for line in str(found.output).splitlines()}
        assert titles == {"Our own copy of Self-review framework"}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_framework_file_named_beside_a_folder_is_used_by_every_command(
    tmp_path: Path, name: str, v1: str
) -> None:
    """Named itself among the paths, before the folder of the schools: `collect`, `voices`
    and `combine` read it as a bad input before round 53."""
    command = COMMANDS[name]
    folder = _folder(tmp_path, command, {}, "example-srf@1")
    found = _run(command, folder, str(V1))
    assert found.exit_code == 0, found.stderr
    assert "expected an assessment file" not in found.stderr
    if name != "combine":
        assert _schools(name, found) == (5 if command.respondents else 2)


RULES = """kind: rules
id: folder-advice
framework: example-srf@1
rules:
  - id: review-the-vision
    when: {strand: 1a2, level: [1, 2]}
    recommend:
      title: Review the vision with governors
      action: Put the vision on a governors' agenda each year.
      audience: governors
      priority: medium
"""


@pytest.mark.parametrize("name", ["report", "support"])
def test_a_rule_pack_in_a_folder_given_is_applied_where_the_command_takes_rule_packs(
    tmp_path: Path, name: str, v1: str
) -> None:
    """`report` and `support` take `--rules`: a rule pack in a folder given is one given
    (before them), not a bad assessment; one that does not load fails the command, located,
    as a `--rules` file does, writing nothing."""
    command = COMMANDS[name]
    folder = _folder(
        tmp_path, command, {"framework.yaml": v1, "rules.yaml": RULES}, "example-srf@1"
    )
    found = _run(command, folder)
    assert found.exit_code == 0, found.stderr
    assert "Review the vision with governors" in json.dumps(found.output)
    assert "rules.yaml" not in found.stderr
    if command.jobs:
        assert _run(command, folder, "--jobs", "2") == found
    (folder / "rules.yaml").write_text(RULES.replace("level: [1, 2]", "level: [9]"), "utf-8")
    refused = _run(command, folder)
    assert refused.exit_code == 1
    assert f"{folder / 'rules.yaml'}:6:" in refused.stderr, refused.stderr
    assert refused.output is None


def test_a_framework_in_a_folder_of_voices_serves_the_report_and_the_responses(
    tmp_path: Path, v1: str
) -> None:
    """`report SCHOOL --voices DIR` walks DIR as `voices DIR` does: its framework file is one
    given (the school's own, too), not a bad response; one that does not load is refused,
    located, nothing written."""
    folder = _folder(tmp_path, COMMANDS["voices"], {"framework.yaml": v1}, "example-srf@1")
    school = tmp_path / "school.yaml"
    school.write_text(SCHOOL, encoding="utf-8")
    args = ["report", str(school), "--voices", str(folder), "--format", "json"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["voices"]["respondents"] == 5
    broken, line = _broken(v1)
    (folder / "framework.yaml").write_text(broken, encoding="utf-8")
    refused = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert refused.exit_code == 1
    assert refused.stdout == ""
    where = f"{folder / 'framework.yaml'}:{line}:1"
    assert f"{where}: error: colour: unknown key `colour`" in refused.stderr
