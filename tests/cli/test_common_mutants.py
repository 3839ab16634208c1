"""What the commands' shared glue (`cli/_common.py`) does that its other tests did not pin:
found by the round-42 mutation pass over the module."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import click
import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.cli._common import State, bad_parameter, echo_problem, error_line
from selfreview_core.errors import Diagnostic, SelfReviewError
from selfreview_core.model.problem import Problem
from test_engine import _EntryPoint, plugin_module

BOLD, RED, YELLOW, RESET = "\x1b[1m", "\x1b[31m", "\x1b[33m", "\x1b[0m"


@pytest.mark.parametrize(("label", "colour"), [("error", RED), ("warning", YELLOW)])
def test_the_label_is_bold_in_its_colour_and_the_place_bold(label: str, colour: str) -> None:
    """At a terminal: `file:line:column` bold, `error` bold red (`warning` bold yellow);
    click strips every code where colour is off."""
    line = error_line(Diagnostic("a message", file="a.yaml", line=3, column=9), label)
    assert line == f"{BOLD}a.yaml:3:9{RESET}: {colour}{BOLD}{label}{RESET}: a message"


def test_a_diagnostic_stays_on_its_one_line_whatever_its_words_hold() -> None:
    """A line break or tab in the message, the document path or the hint is shown escaped:
    no line of a file's text passes for one of the program's own."""
    diagnostic = Diagnostic(
        "bad\nerror: forged", file="a\nb.yaml", line=1, path="x\ty", hint="see\rhere"
    )
    line = error_line(diagnostic)
    assert "\n" not in line
    assert "\t" not in line
    assert "\r" not in line
    assert line.endswith(r": x\ty: bad\nerror: forged (see\rhere)")
    assert f"{BOLD}a\\nb.yaml:1{RESET}" in line


@pytest.mark.parametrize(("severity", "colour"), [("error", RED), ("warning", YELLOW)])
def test_a_problem_is_labelled_in_the_colour_of_its_severity(
    severity: Literal["error", "warning"], colour: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with click.Context(click.Command("x"), color=True):
        echo_problem(Problem(source="engine", message="m", severity=severity))
    assert capsys.readouterr().err == f"{colour}{severity}{RESET}: m\n"


def test_a_usage_error_from_a_library_error_stays_on_one_line() -> None:
    """`bad_parameter`: the message and its hint, a line break in either shown escaped."""
    error = SelfReviewError("no framework `a\nb`", hint="did you\tmean `c`?")
    said = bad_parameter(error, "--framework")
    assert said.message == "no framework `a\\nb` (did you\\tmean `c`?)"
    assert said.param_hint == "--framework"


def test_a_problem_found_after_the_engine_is_built_is_shown_when_the_command_ends(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Frameworks are collected on first use, after the engine's start-up problems were
    shown: a plugin failing then is still told, once."""

    def frameworks() -> list[object]:
        raise RuntimeError("database down")

    module = plugin_module("late_raiser", selfreview_frameworks=frameworks)
    point = _EntryPoint("late-raiser", "late_raiser", target=module)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [point])
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["show", "becta-srf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    told = "error: plugin late-raiser: selfreview_frameworks raised RuntimeError: database down"
    assert result.stderr.count(told) == 1


def test_each_workers_engine_leaves_out_the_plugins_the_commands_engine_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`--jobs` where workers are not forked (spawned, as on macOS and Windows) builds an
    engine per worker: `SELFREVIEW_DISABLE`, `--disable` and the command's own names are
    left out of it as out of the command's."""
    point = _EntryPoint("extra", "extra", target=plugin_module("extra"))
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [point])
    monkeypatch.setenv("SELFREVIEW_DISABLE", "next-steps")
    state = State()
    state.disable_plugins(["standard-exporters"])
    build = state.engine_factory(disable=["extra"])
    names = [plugin.name for plugin in build().plugins()]
    assert names == ["bundled-frameworks"]
    assert [plugin.name for plugin in state.engine(disable=["extra"]).plugins()] == names


def test_a_framework_is_a_file_when_it_exists_or_is_named_like_one(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file without a YAML or JSON suffix that exists is read as the framework; a
    `.yaml` name that does not exist is a missing file (a usage error), not an unknown
    framework id."""
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [])
    copy = tmp_path / "becta-srf-copy"
    copy.write_bytes((root / "frameworks" / "becta-srf.yaml").read_bytes())
    shown = CliRunner().invoke(cli, ["show", str(copy)], catch_exceptions=False)
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith("Self-review framework (becta-srf@2010)\n")
    monkeypatch.chdir(tmp_path)
    missing = CliRunner().invoke(cli, ["show", "no-such.yaml"], catch_exceptions=False)
    assert missing.exit_code == 2  # a usage error, as every file argument's (round 53)
    assert missing.stderr.endswith(
        "Error: Invalid value for FRAMEWORK: File 'no-such.yaml' does not exist.\n"
    )


def test_a_problem_of_several_lines_shows_a_tab_or_return_escaped_on_each(
    capsys: pytest.CaptureFixture[str],
) -> None:
    message = "first\tline\r\nsecond\tline"
    echo_problem(Problem(source="p", message=message, severity="warning"))
    assert capsys.readouterr().err == "warning: plugin p: first\\tline\\r\n  second\\tline\n"


def test_an_engine_built_quiet_leaves_its_problems_to_the_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`plugins`, `report`, `plan` and `support` build the engine `quiet`: they tell its
    problems themselves, so asking the state to show them shows nothing, where it would
    tell each twice (round-65 pass)."""
    module = plugin_module("broken", selfreview_frameworks=lambda: 1 / 0)
    point = _EntryPoint("broken", "broken", target=module)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [point])
    state = State()
    engine = state.engine(quiet=True)
    engine.frameworks()  # the plugin fails now, a problem noted
    assert engine.problems
    state.show_problems()
    assert capsys.readouterr().err == ""


def test_jobs_says_its_default_in_the_help() -> None:
    """`--jobs N  ... [default: 1; x>=0]`: one process unless asked (round-65 pass)."""
    result = CliRunner().invoke(cli, ["report", "--help"])
    assert result.exit_code == 0
    jobs = " ".join(result.output.split("--jobs N", 1)[1].split("\n  --", 1)[0].split())
    assert jobs.endswith("[default: 1; x>=0]"), jobs


def test_a_warning_is_said_on_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """`warn` keeps a line break in its text escaped: one warning, one line (round-65 pass)."""
    from selfreview_core.cli._common import warn

    warn("a school\nerror: forged")
    assert capsys.readouterr().err == "warning: a school\\nerror: forged\n"
