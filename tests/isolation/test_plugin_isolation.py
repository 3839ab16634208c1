"""Hostile plugins, installed through real entry points: nothing they do short of killing
the process loses another plugin's work, corrupts the output or shows a traceback.

SPEC section 4: "An exception or a malformed result from one plugin never loses the others'
work: the report carries a problem naming the plugin, and `--strict` turns problems into a
non-zero exit." The plugins are in `tests/plugins/selfreview_hostile/`, one per failure
class; `hostile_site` installs them as pip would (a `.dist-info` with `entry_points.txt`)
for this module only, so no other test sees them.
"""

from __future__ import annotations

import importlib
import json
import os
import runpy
import sys
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from program import selfreview
from selfreview_core import Engine
from selfreview_core.cli import PLUGIN_COMMANDS, cli

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = Path(__file__).resolve().parents[1] / "plugins"
NEW = str(ROOT / "examples" / "example-primary-2026.yaml")
OLD = str(ROOT / "examples" / "example-primary-2025.yaml")
COHORT = ROOT / "examples" / "cohort"
AWARDS = (
    "awards",
    str(ROOT / "examples" / "awards" / "example-school.yaml"),
    "--framework",
    str(ROOT / "examples" / "awards" / "illustrative-award-framework.yaml"),
)

#: The package's own names, read from its `__init__.py` without importing the package, which
#: is on `sys.path` only inside `hostile_site`: `ENTRY_POINTS` (entry-point name -> module,
#: one plugin per failure class, SPEC section 4), `FAIL_IN_EVERY_REPORT` (the plugins that
#: are a problem in every report, and no others) and `PRINTED` (what `hostile-prints`
#: prints, at import and in its hook).
_NAMES = runpy.run_path(str(PACKAGES / "selfreview_hostile" / "__init__.py"))
ENTRY_POINTS: dict[str, str] = _NAMES["ENTRY_POINTS"]
FAIL_IN_EVERY_REPORT: tuple[str, ...] = _NAMES["FAIL_IN_EVERY_REPORT"]
PRINTED: str = _NAMES["PRINTED"]
#: The recommendations hostile plugins give beside their harm, which must be kept.
KEPT = ("hostile-constructed-kept", "hostile-surrogate-kept", "hostile-prints-kept")
#: The first-party plugins, installed in the test environment: their work must stand.
FIRST_PARTY = ("becta-leadership", "lea-support", "parental-engagement")
STANDARD_FORMATS = ("table", "json", "csv", "markdown", "html")


def _forget_hostile_modules() -> None:
    for name in [n for n in sys.modules if n.split(".")[0] == "selfreview_hostile"]:
        del sys.modules[name]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The hostile package on `sys.path` with a `.dist-info` naming its entry points, for
    this module's tests; yields the `PYTHONPATH` a subprocess needs to see the same."""
    site = tmp_path_factory.mktemp("site")
    info = site / "selfreview_hostile-0.0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: selfreview-hostile\nVersion: 0.0.1\n", encoding="utf-8"
    )
    points = "".join(f"{name} = {module}\n" for name, module in ENTRY_POINTS.items())
    (info / "entry_points.txt").write_text(f"[selfreview]\n{points}", encoding="utf-8")
    added = [str(site), str(PACKAGES)]
    sys.path[:0] = added
    importlib.invalidate_caches()
    try:
        yield os.pathsep.join([*added, os.environ.get("PYTHONPATH", "")])
    finally:
        for path in added:
            sys.path.remove(path)
        _forget_hostile_modules()
        importlib.invalidate_caches()


@pytest.fixture(autouse=True)
def _installed(hostile_site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SELFREVIEW_DISABLE", raising=False)
    monkeypatch.chdir(ROOT)


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env)
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    return result


def report_json(*args: str) -> tuple[dict[str, object], Result]:
    result = run("report", NEW, "--format", "json", *args)
    return json.loads(result.stdout), result


def sources(problems: object) -> set[str]:
    assert isinstance(problems, list)
    return {problem["source"] for problem in problems}


def test_the_hostile_plugins_are_installed_as_entry_points() -> None:
    """The fixture installs them the way pip does: `importlib.metadata` finds every one."""
    found = {e.name: e.value for e in metadata.entry_points(group="selfreview")}
    assert {name: found.get(name) for name in ENTRY_POINTS} == ENTRY_POINTS
    assert set(FIRST_PARTY) <= set(found)


def test_the_report_keeps_every_good_plugins_work_and_names_each_bad_one() -> None:
    data, result = report_json()
    assert result.exit_code == 0, result.stderr
    recommendations = data["recommendations"]
    assert isinstance(recommendations, list)
    given = {rec["source"] for rec in recommendations}
    assert {*FIRST_PARTY, "next-steps"} <= given  # every good plugin still recommends
    ids = {rec["id"] for rec in recommendations}
    assert set(KEPT) <= ids  # what bad plugins gave beside their harm
    assert not ids & {"constructed", "surrogate"}  # the harm itself is refused
    named = sources(data["problems"])
    # every bad plugin is named, and none else: not a first-party one, not `hostile-render`
    # (its formats are not used), not `hostile-prints` (printing is no failure)
    assert named == set(FAIL_IN_EVERY_REPORT)
    messages = {p["source"]: p["message"] for p in data["problems"]}  # type: ignore[attr-defined]
    assert messages["hostile-exits"] == "selfreview_recommend raised SystemExit: sys.exit(0)"
    assert messages["hostile-exits-at-import"] == (
        "failed to load from `selfreview_hostile.exits_at_import`: SystemExit: sys.exit(3)"
    )
    assert messages["hostile-base-exception"] == (
        "selfreview_recommend raised Sabotage: not an Exception"
    )
    assert messages["hostile-generator"] == (
        "selfreview_frameworks raised ValueError: lost the connection half way"
    )
    assert "priority" in messages["hostile-constructed"]
    assert "title holds a lone surrogate" in messages["hostile-surrogate"]
    assert "`selfreview_recomend`" in messages["hostile-misspelt"]
    assert "did you mean `selfreview_recommend`?" in messages["hostile-misspelt"]


def test_what_plugins_print_goes_to_stderr_not_into_the_report() -> None:
    data, result = report_json()
    assert PRINTED not in result.stdout
    assert result.stderr.count(PRINTED) >= 2  # at import and from its hook
    assert "hostile-prints-kept" in {r["id"] for r in data["recommendations"]}  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", [*STANDARD_FORMATS, "hostile-text"])
def test_every_format_renders_despite_the_hostile_plugins(name: str) -> None:
    result = run("report", NEW, "--previous", OLD, "--format", name)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    assert PRINTED not in result.stdout
    assert "hostile-raises" in result.stderr


def test_strict_turns_the_problems_into_exit_1_and_without_it_the_exit_is_0() -> None:
    assert run("report", NEW).exit_code == 0
    strict = run("report", NEW, "--strict")
    assert strict.exit_code == 1
    assert "--strict:" in strict.stderr


@pytest.mark.parametrize("bad", FAIL_IN_EVERY_REPORT)
def test_disabling_a_bad_plugin_removes_its_problem(bad: str) -> None:
    data, _ = report_json("--disable", bad)
    named = sources(data["problems"])
    assert named == set(FAIL_IN_EVERY_REPORT) - {bad}


def test_the_environment_disables_plugins_too_merged_with_the_option() -> None:
    env = {"SELFREVIEW_DISABLE": " hostile-raises, ,hostile-exits ,"}
    result = run("report", NEW, "--format", "json", "--disable", "hostile-surrogate", env=env)
    named = sources(json.loads(result.stdout)["problems"])
    assert not named & {"hostile-raises", "hostile-exits", "hostile-surrogate"}
    assert "hostile-base-exception" in named
    assert "engine" not in named  # blanks are ignored, not names to disable


def test_a_batch_of_schools_completes_as_json_lines() -> None:
    files = sorted(str(p) for p in COHORT.glob("*.yaml"))
    result = run("report", *files, "--format", "json")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(files)
    for line in lines:
        report = json.loads(line)
        assert sources(report["problems"]) == set(FAIL_IN_EVERY_REPORT)
        assert set(KEPT) <= {r["id"] for r in report["recommendations"]}
    assert PRINTED not in result.stdout


@pytest.mark.parametrize("name", [*STANDARD_FORMATS, "hostile-text"])
def test_a_batch_writes_every_format_with_the_exporters_extension(
    tmp_path: Path, name: str
) -> None:
    files = sorted(str(p) for p in COHORT.glob("*.yaml"))[:3]
    result = run("report", *files, "--format", name, "--output-dir", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    extension = {"table": ".txt", "markdown": ".md", "hostile-text": ".hostile"}.get(name)
    written = sorted(p.suffix for p in tmp_path.iterdir())
    assert written == [extension or f".{name}"] * 3


def test_an_extension_without_a_dot_still_guesses_the_format_from_o(tmp_path: Path) -> None:
    out = tmp_path / "report.hostile"
    result = run("report", NEW, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("Example Primary School: ")


def test_exporters_with_no_extension_or_a_path_are_refused_naming_the_plugin() -> None:
    data, _ = report_json()
    messages = [p["message"] for p in data["problems"] if p["source"] == "hostile-extension"]  # type: ignore[attr-defined]
    assert len(messages) == 2
    assert "exporter hostile-empty: extension ''" in messages[0]
    assert "exporter hostile-escape: extension '../../escape'" in messages[1]
    result = run("report", NEW, "--format", "hostile-escape")
    assert result.exit_code == 2
    assert "no exporter `hostile-escape`" in result.stderr


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("hostile-raises", "exporter hostile-raises (from hostile-render) failed: KeyError"),
        (
            "hostile-surrogate",
            "exporter hostile-surrogate (from hostile-render) returned text with a lone "
            "surrogate at character 18",
        ),
    ],
)
def test_an_exporter_that_fails_is_an_error_naming_it_and_its_plugin(
    tmp_path: Path, name: str, message: str
) -> None:
    """The report's problems (every other hostile plugin's) are still told, before the
    exporter's error: before round 40 only that error was."""
    out = tmp_path / "out.txt"
    result = run("report", NEW, "--format", name, "-o", str(out))
    assert result.exit_code == 1
    told = result.stderr.splitlines()
    assert message in told[-1]
    for plugin in FAIL_IN_EVERY_REPORT:
        assert any(line.startswith(f"error: plugin {plugin}: ") for line in told[:-1]), plugin
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ("validate", NEW),
        ("validate", NEW, "--format", "json"),
        ("show", "becta-srf", "1a1"),
        ("show", "becta-srf", "--format", "json"),
        ("frameworks",),
        ("frameworks", "--format", "json"),
        AWARDS,
        ("benchmark", str(COHORT)),
        ("plugins",),
    ],
)
def test_commands_that_load_plugins_survive_a_plugin_exiting_at_import(
    args: tuple[str, ...],
) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert "hostile-exits-at-import" in result.output + result.stderr
    assert PRINTED not in result.stdout
    if "json" in args:
        json.loads(result.stdout)


def test_frameworks_keeps_what_a_generator_gave_before_it_raised() -> None:
    result = run("frameworks", "--format", "json")
    listed = {(row["id"], row["provider"]) for row in json.loads(result.stdout)}
    assert ("hostile-kept", "hostile-generator") in listed
    assert ("becta-srf", "bundled-frameworks") in listed
    assert "plugin hostile-generator: selfreview_frameworks raised ValueError" in result.stderr


def test_plugins_lists_import_failures_and_never_a_misspelt_hook() -> None:
    data = json.loads(run("plugins", "--format", "json").stdout)
    hooks = {p["name"]: p["hooks"] for p in data["plugins"]}
    assert hooks["hostile-misspelt"] == []
    assert "hostile-exits-at-import" not in hooks  # never registered
    assert hooks["hostile-prints"] == ["selfreview_recommend"]
    problems = {p["source"]: p for p in data["problems"]}
    assert problems["hostile-exits-at-import"]["severity"] == "error"
    assert "sys.exit(3)" in problems["hostile-exits-at-import"]["message"]
    assert "`selfreview_recomend`" in problems["hostile-misspelt"]["message"]
    table = run("plugins")
    assert "selfreview_recomend" not in table.stdout.split("problem of")[0]
    lines = [ln for ln in table.stdout.splitlines() if ln.startswith("hostile-exits-at-import")]
    assert len(lines) == 1  # in the problems table, not the plugins table
    assert "sys.exit(3)" in lines[0]
    assert table.stderr == ""  # shown in the table, not twice


@pytest.mark.parametrize("output", ["table", "json"])
def test_plugins_strict_lists_everything_then_exits_1_for_the_problems(output: str) -> None:
    """For CI: a plugin that no longer imports fails the job, and the list is still whole."""
    plain = run("plugins", "--format", output)
    result = run("plugins", "--format", output, "--strict")
    assert (plain.exit_code, result.exit_code) == (0, 1)
    assert result.stdout == plain.stdout  # nothing of the listing lost
    assert "hostile-exits-at-import" in result.stdout
    count = len(json.loads(run("plugins", "--format", "json").stdout)["problems"])
    assert count >= 2
    assert result.stderr.splitlines()[-1] == f"--strict: {count} problem(s)"
    disabled = [f"--disable={name}" for name in ENTRY_POINTS]
    assert run("plugins", "--strict", *disabled).exit_code == 0  # the first-party ones: clean


def test_every_command_but_schema_loads_plugins_and_takes_disable() -> None:
    assert set(cli.commands) - set(PLUGIN_COMMANDS) == {"schema"}
    for name in PLUGIN_COMMANDS:
        options = [param.opts for param in cli.commands[name].params]
        assert ["--disable"] in options, name
        assert "--disable NAME" in run(name, "--help").stdout, name


@pytest.mark.parametrize(
    "args",
    [
        ("validate", NEW),
        ("show", "becta-srf", "1a1"),
        ("frameworks",),
        ("report", NEW),
        ("benchmark", str(COHORT)),
        AWARDS,
        ("plugins", "--format", "json"),
        (
            "migrate",
            str(ROOT / "examples" / "migration" / "example-school-v1.yaml"),
            "--to",
            "example-srf@2",
            "--migration",
            str(ROOT / "examples" / "migration" / "example-srf-1-to-2.yaml"),
            "--framework",
            str(ROOT / "examples" / "migration" / "example-srf-1.yaml"),
            "--framework",
            str(ROOT / "examples" / "migration" / "example-srf-2.yaml"),
        ),
        ("plan", "--status", str(ROOT / "examples" / "plan" / "example-primary-plan.yaml")),
    ],
)
def test_disable_and_the_environment_work_on_every_command(args: tuple[str, ...]) -> None:
    bad = "hostile-exits-at-import"
    assert bad in (with_it := run(*args)).stderr + with_it.stdout
    for result in (
        run(*args, "--disable", bad),
        run(*args, env={"SELFREVIEW_DISABLE": bad}),
    ):
        assert bad not in result.stderr + result.stdout, args


def test_plan_and_assess_take_disable(tmp_path: Path) -> None:
    bad = "hostile-exits-at-import"
    plan = tmp_path / "plan.yaml"
    made = run("plan", NEW, "-o", str(plan), "--disable", bad)
    assert made.exit_code == 0, made.stderr
    assert bad not in made.stderr
    assert plan.exists()
    stopped = run("assess", "becta-srf", "-o", str(tmp_path / "a.yaml"), "--disable", bad)
    assert bad not in stopped.stderr
    shown = run("assess", "becta-srf", "-o", str(tmp_path / "b.yaml"))
    assert bad in shown.stderr
    assert shown.output.index(bad) < shown.output.index("School id")  # before any question


def test_a_real_process_keeps_json_clean_and_shows_no_traceback(hostile_site: str) -> None:
    """Not CliRunner: the installed console entry point's own process, stdout a pipe."""
    env = {**os.environ, "PYTHONPATH": hostile_site}
    env.pop("SELFREVIEW_DISABLE", None)
    done = selfreview(["report", NEW, "--format", "json"], env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert sources(data["problems"]) == set(FAIL_IN_EVERY_REPORT)
    assert set(FIRST_PARTY) <= {r["source"] for r in data["recommendations"]}
    assert PRINTED in done.stderr.decode()
    assert b"Traceback" not in done.stderr
    strict = selfreview(["report", NEW, "--strict"], env=env, cwd=ROOT)
    assert strict.returncode == 1
    assert b"Traceback" not in strict.stderr


def test_the_engine_api_disables_by_name_too() -> None:
    engine = Engine(disable=list(ENTRY_POINTS))
    assert not {p.source for p in engine.problems} & set(ENTRY_POINTS)
    assert not {p.name for p in engine.plugins()} & set(ENTRY_POINTS)
    assert "selfreview_hostile.exits_at_import" not in sys.modules  # never imported


def test_the_state_builds_an_engine_outside_a_command_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`State` is the CLI's, but a script may use it: no click context is needed."""
    from selfreview_core.cli import State

    monkeypatch.setenv("SELFREVIEW_DISABLE", "hostile-raises")
    state = State()
    state.disable_plugins(["hostile-exits"])
    engine = state.engine(disable=["hostile-surrogate"])
    assert {"hostile-raises", "hostile-exits", "hostile-surrogate"} <= set(engine.disabled)
    assert "hostile-exits-at-import" in capsys.readouterr().err
