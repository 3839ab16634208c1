"""No output over a file the plugins give (`cli/_unnamed_inputs.py`, SPEC section 7).

A plugin's framework, rule pack and migration files (and a file's JSON twin) are read by
every run, like the files a command line names; `-o` naming one was written over it
(`report school.yaml -o .../frameworks/becta-srf.yaml` broke the installation). Each case
checks the exit code, the message (the output as given, the plugin's file, "nothing was
written"), and every file of the plugin and the working folder byte for byte."""

from __future__ import annotations

import json
import shutil
import types
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import load_framework
from selfreview_core.cli import cli
from selfreview_core.cli._unnamed_inputs import engine_built, note
from selfreview_core.engine import Engine
from selfreview_core.outputs.writing import Inputs
from test_engine import _EntryPoint, plugin_module
from test_outputs import snapshot, temporary_files

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
#: The plugin `kit`'s files: (file, what the refusal calls it).
KIT = {
    "srf-1.yaml": "framework",
    "srf-2.yaml": "framework",
    "rules.yaml": "rule pack",
    "mig.yaml": "migration",
    "srf-1.yaml.twin": "framework",  # a twin that does not fit is still read, to check it
}


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working folder `work` (two schools' reviews, a respondent's answers), beside
    `kit`, the folder of the one installed plugin's files."""
    kit = tmp_path / "kit"
    kit.mkdir()
    shutil.copy(EXAMPLES / "migration/example-srf-1.yaml", kit / "srf-1.yaml")
    shutil.copy(EXAMPLES / "migration/example-srf-2.yaml", kit / "srf-2.yaml")
    shutil.copy(EXAMPLES / "migration/example-srf-1-to-2.yaml", kit / "mig.yaml")
    leadership = "plugins/becta-leadership/src/selfreview_becta_leadership/becta-leadership.yaml"
    shutil.copy(ROOT / leadership, kit / "rules.yaml")
    (kit / "srf-1.yaml.twin").write_text("not a twin\n", encoding="utf-8")
    made = load_framework(EXAMPLES / "questions/technology-standards.yaml")  # no file of its own
    module = plugin_module(
        "kit",
        selfreview_frameworks=lambda: [kit / "srf-1.yaml", kit / "srf-2.yaml", made],
        selfreview_rule_packs=lambda: [str(kit / "rules.yaml")],
        selfreview_migrations=lambda: [kit / "mig.yaml"],
    )
    point = _EntryPoint("kit", "kit", target=module)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [point])
    work = tmp_path / "work"
    work.mkdir()
    write_reviews(work)
    monkeypatch.chdir(work)
    return tmp_path


def write_reviews(folder: Path) -> None:
    """Into `folder`, what WRITERS read: two schools' reviews, `a.yaml` (2026) and `b.yaml`
    (2025), and `r.yaml`, a respondent's answers (staff)."""
    new = (EXAMPLES / "example-primary-2026.yaml").read_text(encoding="utf-8")
    (folder / "a.yaml").write_text(new, encoding="utf-8")
    shutil.copy(EXAMPLES / "example-primary-2025.yaml", folder / "b.yaml")
    respondent = new.replace("assessor: Deputy headteacher\n", "respondent:\n  group: staff\n")
    (folder / "r.yaml").write_text(respondent, encoding="utf-8")


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), input="q\n")
    assert not isinstance(result.exception, Exception), repr(result.exception)
    return result


#: Each command that writes a file, OUT its output.
WRITERS = {
    "report": "report a.yaml --format json -o OUT",
    "report batch": "report a.yaml b.yaml --format json -o OUT",
    "benchmark": "benchmark a.yaml b.yaml --format json -o OUT",
    "support": "support a.yaml b.yaml --format json -o OUT",
    "collect": "collect a.yaml b.yaml -o OUT",
    "voices": "voices r.yaml --format json -o OUT",
    "combine": "combine r.yaml --min-group 1 -o OUT",
    "migrate": "migrate a.yaml --to becta-srf -o OUT",
    "plan": "plan a.yaml -o OUT",
    "assess": "assess becta-srf -o OUT --school-id 1 --school-name x",
}


def refusal(root: Path, command: str, out: str) -> str:
    """`command` with OUT as `out`: exit 2, nothing on standard output, every file under
    `root` as it was, none added; the message, on one line."""
    before = snapshot(root)
    result = run(*(out if word == "OUT" else word for word in command.split()))
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert snapshot(root) == before
    assert temporary_files(root) == []
    return " ".join(result.stderr.split())


def refused(here: Path, command: str, out: str, said: str) -> None:
    """`command` with OUT as `out`: refused as `refusal` checks, saying `out` is what `said`
    says."""
    assert (
        f"Invalid value for -o: `{out}` is {said}, which this command reads: writing there "
        "would replace it, so nothing was written (choose another output file)"
    ) in refusal(here, command, out)


@pytest.mark.parametrize("name", list(KIT))
@pytest.mark.parametrize("command", list(WRITERS))
def test_an_output_over_a_file_a_plugin_gives_is_refused(
    here: Path, command: str, name: str
) -> None:
    said = f"the {KIT[name]} file of plugin kit (`{here / 'kit' / name}`)"
    refused(here, WRITERS[command], f"../kit/{name}", said)


def test_a_report_folder_holding_a_file_a_plugin_gives_is_refused(here: Path) -> None:
    before = snapshot(here)
    result = run("report", "a.yaml", "b.yaml", "--output-dir", "../kit")
    assert result.exit_code == 2, result.output
    said = " ".join(result.stderr.split())
    assert "Invalid value for --output-dir: `../kit` holds `" in said
    assert "` (the framework file of plugin kit), which this command reads" in said
    assert "so nothing was written" in said
    assert snapshot(here) == before


def test_a_batch_writes_beside_a_link_to_a_file_a_plugin_gives(here: Path) -> None:
    """A name in the folder that links to a plugin's file is that file: the report that
    would take the name is written beside it (`-2`), as beside a link to any input."""
    folder = here / "work" / "out"
    folder.mkdir()
    (folder / "100000-2026-10-05.json").symlink_to(here / "kit" / "rules.yaml")
    kit = snapshot(here / "kit")
    result = run("report", "a.yaml", "b.yaml", "--output-dir", "out")
    assert result.exit_code == 0, result.output
    assert snapshot(here / "kit") == kit
    written = json.loads((folder / "100000-2026-10-05-2.json").read_text(encoding="utf-8"))
    assert written["assessment"]["assessed_on"] == "2026-10-05"
    assert sorted(p.name for p in folder.iterdir()) == [
        "100000-2025-10-06.json",
        "100000-2026-10-05-2.json",
        "100000-2026-10-05.json",
    ]


def test_an_output_beside_the_plugins_files_is_written(here: Path) -> None:
    """Only the plugins' own files are kept: a new name in their folder is written (and a
    framework a plugin makes without a file is no file to keep)."""
    result = run("report", "a.yaml", "--format", "json", "-o", "../kit/report.json")
    assert result.exit_code == 0, result.output
    report = json.loads((here / "kit" / "report.json").read_text(encoding="utf-8"))
    assert report["assessment"]["school"]["id"] == "100000"


#: The configuration file, as each of its two names holds it.
CONFIGURATIONS = {
    "selfreview.toml": 'policy = "median"\n',
    "pyproject.toml": '[project]\nname = "reviews"\n\n[tool.selfreview]\npolicy = "median"\n',
}


@pytest.mark.parametrize("name", list(CONFIGURATIONS))
@pytest.mark.parametrize("command", list(WRITERS))
def test_an_output_over_the_configuration_file_is_refused(
    here: Path, command: str, name: str
) -> None:
    """The configuration file is read by every command (before round 49, `-o` over it
    replaced it with the output, a project's whole `pyproject.toml` too)."""
    (here / "work" / name).write_text(CONFIGURATIONS[name], encoding="utf-8")
    said = f"the configuration file (`{here / 'work' / name}`)"
    refused(here, WRITERS[command], f"./{name}", said)


def test_a_report_folder_may_hold_the_configuration_file(here: Path) -> None:
    """Reports are never read as a configuration, nor named as one: the folder that holds
    it is no input's, and each report is written there, the file kept."""
    work = here / "work"
    (work / "selfreview.toml").write_text(CONFIGURATIONS["selfreview.toml"], encoding="utf-8")
    (work / "in").mkdir()
    for name in ("a.yaml", "b.yaml"):
        (work / name).rename(work / "in" / name)
    before = snapshot(work / "selfreview.toml")
    result = run("report", "in", "--output-dir", ".")
    assert result.exit_code == 0, result.output
    assert snapshot(work / "selfreview.toml") == before
    assert sorted(p.name for p in work.glob("1*.json")) == [
        "100000-2025-10-06.json",
        "100000-2026-10-05.json",
    ]


def test_outside_a_command_nothing_is_noted_or_checked(tmp_path: Path) -> None:
    """A program calling the checks without a command running (no click context) gets
    no error and no check: there is no command line, no configuration file read."""
    inputs = Inputs().add("ASSESSMENT", EXAMPLES / "example-primary-2026.yaml")
    note(str(tmp_path / "out.json"), inputs, "-o", document=False, reread=False)
    engine_built(Engine(entry_points=False))
    assert len(inputs) == 1


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_is_still_written_to_with_files_to_keep(here: Path) -> None:
    """Checked again against the plugins' files and the configuration file, `-o /dev/null`
    is still a device written to (only a file read again, a review or a plan, refuses it)."""
    (here / "work" / "selfreview.toml").write_text('policy = "median"\n', encoding="utf-8")
    result = run("report", "a.yaml", "--format", "json", "-o", "/dev/null")
    assert result.exit_code == 0, result.output
    assert result.stderr == "Wrote /dev/null (json).\n"


def test_the_refusal_shows_the_plugins_name_and_file_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plugin's name and its file's name are others' text: on the refusal's one line,
    their control characters are shown escaped, never obeyed."""
    name = "f\x1b[31mw.yaml"
    shutil.copy(EXAMPLES / "migration/example-srf-1.yaml", tmp_path / name)
    shutil.copy(EXAMPLES / "example-primary-2026.yaml", tmp_path / "a.yaml")
    module = plugin_module("odd", selfreview_frameworks=lambda: [tmp_path / name])
    point = _EntryPoint("o\nd\u202ed", "odd", target=module)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [point])
    monkeypatch.chdir(tmp_path)
    result = run("report", "a.yaml", "--format", "json", "-o", name)
    assert result.exit_code == 2, result.output
    said = result.stderr.splitlines()[-1]
    assert said == (
        "Error: Invalid value for -o: `f\\x1b[31mw.yaml` is the framework file of plugin "
        f"o\\nd\\u202ed (`{tmp_path}/f\\x1b[31mw.yaml`), which this command reads: writing "
        "there would replace it, so nothing was written (choose another output file)"
    )
    assert (tmp_path / name).read_bytes() == (
        EXAMPLES / "migration/example-srf-1.yaml"
    ).read_bytes()


class _Listed:
    """A file a distribution lists (`importlib.metadata.PackagePath`): its name as listed,
    where it is installed."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def __str__(self) -> str:
        return f"{self._path.parent.name}/{self._path.name}"

    def locate(self) -> Path:
        return self._path


@pytest.fixture
def code(here: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The plugin `kit` as its Python files too: its module `kit/kit.py` beside
    `kit/_helpers.py` (what an editable install shows), and a module its distribution's
    RECORD lists elsewhere, `extra/extra.py` (what a wheel's install shows)."""
    for name in ("kit/kit.py", "kit/_helpers.py", "extra/extra.py", "extra/data.yaml"):
        (here / name).parent.mkdir(exist_ok=True)
        (here / name).write_text("# code\n", encoding="utf-8")
    module = plugin_module("kit", selfreview_rule_packs=lambda: [str(here / "kit/rules.yaml")])
    module.__file__ = str(here / "kit/kit.py")
    point = _EntryPoint("kit", "kit", target=module)
    listed = [_Listed(here / "extra/extra.py"), _Listed(here / "extra/data.yaml")]
    point.dist = types.SimpleNamespace(version="1.0", files=listed)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [point])
    return here


@pytest.mark.parametrize("name", ["kit/kit.py", "kit/_helpers.py", "extra/extra.py"])
@pytest.mark.parametrize("command", ["report", "report batch", "benchmark", "migrate", "plan"])
def test_an_output_over_a_plugins_python_file_is_refused(
    code: Path, command: str, name: str
) -> None:
    """Its module, a module beside it, a module its distribution lists: refused, exit 2,
    naming the plugin. Before round 50 each was replaced, and the next run imported a
    report (SPEC section 7: no output ever overwrites an input)."""
    said = f"a Python file of plugin kit (`{code / name}`)"
    refused(code, WRITERS[command], f"../{name}", said)


def test_a_file_the_distribution_lists_that_is_not_python_is_not_kept(code: Path) -> None:
    """Only code is kept: a data file the RECORD lists, which no run reads, is written."""
    result = run("report", "a.yaml", "--format", "json", "-o", "../extra/data.yaml")
    assert result.exit_code == 0, result.output
    assert json.loads((code / "extra/data.yaml").read_text(encoding="utf-8"))["assessment"]
