"""`-` where a framework goes reads standard input, as a file argument's `-` does (SPEC
section 5: "A path of `-` reads standard input"): `show -` and every `--framework -`
(`cli._terminal.dash_or`, `cli._options.framework_files_option`). Before round 49 `show -`
looked for a framework whose id is `-` ("no framework `-` is available", exit 2) and
`--framework -` was "File '-' does not exist" (exit 2). `assess -`, whose standard input
holds the answers, and the cohort commands' `--framework -` and `--to -`, whose workers read
the framework again, refuse it saying why. `migrate --to -` reads it (round 50)."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli
from selfreview_core.jobs import parallel

ROOT = Path(__file__).resolve().parents[2]
MIGRATION = ROOT / "examples" / "migration"
FRAMEWORK = MIGRATION / "example-srf-1.yaml"  # not among the available frameworks
SCHOOL = MIGRATION / "example-school-v1.yaml"
RESPONSE = ROOT / "examples" / "respondents" / "governor-1.yaml"
BROKEN = "kind: framework\nid: x\nversion: '1'\ntitle: t\nscale: {best: 1, worst: 3}\nelement: []\n"
READ_ONCE = "`-` (standard input) can be read only once: give it once"


def run(*args: str, input: str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def framework_text() -> str:
    return FRAMEWORK.read_text(encoding="utf-8")


# -- show - ---------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [[], ["1a1"], ["--format", "json"], ["1a1", "--format", "json"]])
def test_show_dash_shows_the_framework_on_standard_input(args: list[str]) -> None:
    result = run("show", "-", *args, input=framework_text())
    assert result.exit_code == 0, result.output
    assert result.stdout == run("show", str(FRAMEWORK), *args).stdout
    assert result.stderr == ""


def test_show_dash_names_a_bad_framework_stdin_at_its_line() -> None:
    result = run("show", "-", input="kind: x\n")
    assert result.exit_code == 1
    assert result.stderr.startswith("<stdin>:1:7: error: kind: unknown kind `x`")
    assert result.stdout == ""


def test_show_dash_of_nothing_says_the_input_is_empty() -> None:
    result = run("show", "-", input="")
    assert result.exit_code == 1
    assert result.stderr == "<stdin>:1:1: error: the file is empty\n"


# -- --framework - --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["validate", str(SCHOOL)],
        ["report", str(SCHOOL)],
        ["report", str(SCHOOL), "--format", "json"],
        ["awards", str(SCHOOL)],
        ["awards", str(SCHOOL), "--format", "json"],
        ["migrate", str(SCHOOL), "--to", "example-srf@1", "-o", "-"],
    ],
)
def test_framework_dash_is_the_framework_on_standard_input(args: list[str]) -> None:
    with_file = run(*args, "--framework", str(FRAMEWORK))
    assert with_file.exit_code == 0, with_file.output
    result = run(*args, "--framework", "-", input=framework_text())
    assert result.exit_code == with_file.exit_code, result.output
    assert result.stdout == with_file.stdout
    assert result.stderr == with_file.stderr


def test_plan_and_collect_take_the_framework_on_standard_input(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    result = run("plan", str(SCHOOL), "-o", str(plan), "--framework", "-", input=framework_text())
    assert result.exit_code == 0, result.output
    assert plan.read_text(encoding="utf-8").count("recommendation:") >= 1
    cohort = tmp_path / "c.parquet"
    result = run(
        "collect", str(SCHOOL), "-o", str(cohort), "--framework", "-", input=framework_text()
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Collected 1 review (7 rows) into {cohort}.\n"


@pytest.mark.parametrize(
    "args",
    [
        ["validate", str(SCHOOL)],
        ["report", str(SCHOOL)],
        ["awards", str(SCHOOL)],
        ["plan", str(SCHOOL), "-o", "PLAN"],
        ["migrate", str(SCHOOL), "--to", "becta-srf", "-o", "-"],
        ["collect", str(SCHOOL), "-o", "PARQUET"],
        ["voices", str(RESPONSE)],
        ["combine", str(RESPONSE), "-o", "-"],
    ],
)
def test_a_bad_framework_on_standard_input_is_named_stdin_at_its_line(
    tmp_path: Path, args: list[str]
) -> None:
    """It is read: every command that takes --framework names `<stdin>` and the line of
    the misspelt key, exit 1, and writes nothing."""
    args = [
        str(tmp_path / "p.yaml")
        if a == "PLAN"
        else str(tmp_path / "c.parquet")
        if a == "PARQUET"
        else a
        for a in args
    ]
    result = run(*args, "--framework", "-", input=BROKEN)
    assert result.exit_code == 1, result.output
    assert "<stdin>:6:1: error: element: unknown key `element`" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_batch_over_worker_processes_takes_the_framework_on_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Spawned workers (as off Linux) have no standard input of their own: each gets the
    framework read once here, and the reports are the same as from the file."""
    import multiprocessing

    text = SCHOOL.read_text(encoding="utf-8")
    for number in range(40):
        (tmp_path / f"s{number}.yaml").write_text(text.replace("EX-2", f"EX-{number}"), "utf-8")
    args = ["report", str(tmp_path), "--format", "json", "--jobs", "2"]
    with_file = run(*args, "--framework", str(FRAMEWORK))
    monkeypatch.setattr(parallel, "_context", lambda fresh: multiprocessing.get_context("spawn"))
    result = run(*args, "--framework", "-", input=framework_text())
    assert result.exit_code == 0, result.output
    assert result.stdout == with_file.stdout
    assert len([json.loads(line) for line in result.stdout.splitlines()]) == 40


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "-"],
        ["report", "-"],
        ["validate", str(SCHOOL), "--framework", "-"],  # --framework - twice
    ],
)
def test_standard_input_named_twice_is_a_usage_error(args: list[str]) -> None:
    result = run(*args, "--framework", "-", input=framework_text())
    assert result.exit_code == 2
    assert result.stderr.endswith(f"{READ_ONCE}\n")
    assert result.stdout == ""


# -- refused, saying why --------------------------------------------------------------------


def test_assess_dash_is_refused_for_standard_input_holds_the_answers(tmp_path: Path) -> None:
    output = tmp_path / "review.yaml"
    result = run("assess", "-", "-o", str(output), input=framework_text())
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for FRAMEWORK: `-` would read the framework from standard "
        "input, where assess reads your answers: give the framework's id or file\n"
    )
    assert not output.exists()


@pytest.mark.parametrize("command", ["benchmark", "support"])
@pytest.mark.parametrize(("option", "takes"), [("--framework", "FILE"), ("--to", "id or file")])
def test_the_cohorts_framework_dash_is_refused_for_its_workers_read_it_again(
    command: str, option: str, takes: str, tmp_path: Path
) -> None:
    """`--to -` as `--framework -` (round 50: it was "no framework `-` is available")."""
    output = tmp_path / "out.json"
    result = run(command, str(SCHOOL), option, "-", "-o", str(output), input=framework_text())
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: Invalid value for {option}: takes a framework {takes}, not `-`: the cohort's "
        "worker processes read the framework again, and standard input can be read only "
        "once (save it to a file)\n"
    )
    assert result.stdout == ""
    assert not output.exists()


# -- migrate --to - -------------------------------------------------------------------------

TARGET = MIGRATION / "example-srf-2.yaml"
CARRY = [str(SCHOOL), "--framework", str(FRAMEWORK), "--migration"]
CARRY.append(str(MIGRATION / "example-srf-1-to-2.yaml"))


@pytest.mark.parametrize("output", ["stdout", "file"])
def test_migrate_to_dash_carries_to_the_framework_on_standard_input(
    output: str, tmp_path: Path
) -> None:
    """`migrate --to -` reads the version to carry to from standard input, as `--to FILE`
    reads it from the file (round 50: it was "no framework `-` is available", exit 2)."""
    out = ["-o", str(tmp_path / "v2.yaml")] if output == "file" else []
    with_file = run("migrate", *CARRY, "--to", str(TARGET), *out)
    assert with_file.exit_code == 0, with_file.output
    written = (tmp_path / "v2.yaml").read_text("utf-8") if out else with_file.stdout
    assert "framework: example-srf@2" in written
    result = run("migrate", *CARRY, "--to", "-", *out, input=TARGET.read_text("utf-8"))
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == (with_file.stdout, with_file.stderr)
    assert ((tmp_path / "v2.yaml").read_text("utf-8") if out else result.stdout) == written


@pytest.mark.parametrize("first", [["-"], [str(SCHOOL), "--framework", "-"]])
def test_migrate_to_dash_beside_another_dash_is_a_usage_error(
    first: list[str], tmp_path: Path
) -> None:
    output = tmp_path / "v2.yaml"
    result = run("migrate", *first, "--to", "-", "-o", str(output), input=framework_text())
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: Invalid value for --to: {READ_ONCE}\n")
    assert result.stdout == ""
    assert not output.exists()


def test_migrate_to_a_bad_framework_on_standard_input_names_it_at_its_line(
    tmp_path: Path,
) -> None:
    output = tmp_path / "v2.yaml"
    result = run("migrate", str(SCHOOL), "--to", "-", "-o", str(output), input=BROKEN)
    assert result.exit_code == 1, result.output
    assert "<stdin>:6:1: error: element: unknown key `element`" in result.stderr
    assert result.stdout == ""
    assert not output.exists()


def test_dash_or_claims_standard_input_once() -> None:
    """`dash_or` (`show -`, `State.framework`) claims `-` as `InputPath` does: a second
    claim where a name goes is a usage error naming it; any other name is itself."""
    from selfreview_core.cli._terminal import READ_ONCE, claim_dash, dash_or
    from selfreview_core.files.stdin import is_stdin, release_stdin

    try:
        assert dash_or("becta-srf", "FRAMEWORK") == "becta-srf"
        assert is_stdin(dash_or("-", "FRAMEWORK"))  # no command running: no context needed
        with click.Context(cli) as ctx:
            assert is_stdin(claim_dash(ctx))
            with pytest.raises(click.BadParameter) as caught:
                dash_or("-", "FRAMEWORK")
            assert caught.value.format_message() == f"Invalid value for FRAMEWORK: {READ_ONCE}"
    finally:
        release_stdin()


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_framework_given_as_a_dash_among_reports_files_is_told_by_its_kind(fmt: str) -> None:
    """`selfreview report - SCHOOL` with the framework on standard input: as a framework file
    named among the files (SPEC section 5), `-` is asked its kind and used as the school's
    framework, not reported as a school (the same report as `--framework FILE`)."""
    with_file = run("report", str(SCHOOL), "--framework", str(FRAMEWORK), "--format", fmt)
    assert with_file.exit_code == 0, with_file.output
    result = run("report", "-", str(SCHOOL), "--format", fmt, input=framework_text())
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        with_file.stdout,
        with_file.stderr,
    )
