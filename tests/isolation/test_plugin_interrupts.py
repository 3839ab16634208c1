"""A plugin's own `KeyboardInterrupt` is its problem; the user's Ctrl-C still interrupts.

SPEC section 4: any `BaseException` a plugin raises is a problem naming it; only a Ctrl-C
from the user interrupts. Before round 80 a plugin raising `KeyboardInterrupt` itself (no
Ctrl-C, no signal) ended every command as Ctrl-C does: "Aborted!", status 1, every report
lost. The command's handler notes each signal (`isolation/interrupts`), so an interrupt
with none behind it is told apart; a `--jobs` worker ignores Ctrl-C, so none there is the
user's. `signal.raise_signal(SIGINT)` cannot be told from the user's: it interrupts.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli.test_signals import _as_a_shell_starts_it
from isolation.test_exit_functions import _batch
from program import selfreview, selfreview_alone, with_plugin
from selfreview_core import Assessment, Engine, Exporter, Framework, Recommendation
from selfreview_core.errors import Refused
from selfreview_core.isolation import interrupts
from selfreview_core.isolation import results as plugin_results
from selfreview_core.isolation.calls import FAILED, PluginCall, describe
from selfreview_core.model.problem import Problem
from test_engine import plugin_module

if sys.platform == "win32":  # pragma: no cover - forked workers and SIGINT as on Linux
    pytest.skip("POSIX signals", allow_module_level=True)

NAME = "hostile-interrupts"
ROOT = Path(__file__).resolve().parents[2]
OLD = str(ROOT / "examples" / "example-primary-2025.yaml")
NEW = str(ROOT / "examples" / "example-primary-2026.yaml")
#: Enough schools that `--jobs 2`'s workers make most of them (`test_in_workers`).
SCHOOLS = 150


def _env(tmp_path: Path, how: str) -> dict[str, str]:
    env = with_plugin(tmp_path / "site", NAME, "selfreview_hostile.interrupts")
    return dict(env, SELFREVIEW_HOSTILE_INTERRUPTS=how)


def alike_with_one_job_or_two(
    name: str, folder: Path, env: dict[str, str]
) -> tuple[int, bytes, bytes]:
    """`report NAME --format json -o out.jsonl` in `folder` with `--jobs 1` and `--jobs 2`:
    the same exit code, standard error and output either way (the workers' plugin calls as
    the command's own), returned once."""
    done = {}
    for jobs in ("1", "2"):
        args = ["report", name, "--format", "json", "--jobs", jobs, "-o", "out.jsonl"]
        run = selfreview(args, cwd=folder, env=env)
        done[jobs] = (run.returncode, run.stderr, (folder / "out.jsonl").read_bytes())
    assert done["2"] == done["1"]
    return done["1"]


@pytest.mark.parametrize(
    ("how", "said"),
    [
        ("recommend", "selfreview_recommend raised KeyboardInterrupt: in a hook"),
        ("frameworks", "selfreview_frameworks raised KeyboardInterrupt: listing frameworks"),
        (
            "import",
            "failed to load from `selfreview_hostile.interrupts`: KeyboardInterrupt: at import",
        ),
    ],
)
def test_a_plugins_own_interrupt_is_its_problem_in_a_batch_with_one_job_or_two(
    how: str, said: str, root: Path, tmp_path: Path
) -> None:
    batch = _batch(root, tmp_path, SCHOOLS)
    code, stderr, written = alike_with_one_job_or_two(batch.name, tmp_path, _env(tmp_path, how))
    assert code == 0, stderr
    told = stderr.decode().splitlines()
    if how == "recommend":  # at each school's line
        lines = [f"schools.jsonl:{n}: error: plugin {NAME}: {said}" for n in range(1, SCHOOLS + 1)]
        assert told == [*lines, f"{SCHOOLS} reports written to out.jsonl"]
    else:  # once, as the plugin is loaded or its frameworks collected
        assert told == [f"error: plugin {NAME}: {said}", f"{SCHOOLS} reports written to out.jsonl"]
    reports = [json.loads(line) for line in written.splitlines()]
    assert len(reports) == SCHOOLS
    for report in reports:  # every built-in's work kept, and the plugin's where it gave it
        ids = [r["id"] for r in report["recommendations"]]
        assert len(ids) > 20
        assert ("hostile-interrupts-kept" in ids) == (how == "frameworks")
        problems = [(p["source"], p["message"]) for p in report["problems"]]
        assert problems == [(NAME, said)]


def test_a_plugins_own_interrupt_in_a_render_loses_that_report_alone(tmp_path: Path) -> None:
    run = selfreview(
        ["report", OLD, NEW, "--format", NAME, "--output-dir", "out"],
        cwd=tmp_path,
        env=_env(tmp_path, "render"),
    )
    assert run.returncode == 1  # a report not written
    failed = f"exporter {NAME} (from {NAME}) failed: KeyboardInterrupt: in a render"
    assert run.stderr.decode().splitlines() == [
        f"{OLD}: error: {failed}; this report is not written",
        "1 report written in out; 1 assessment skipped (errors above)",
    ]
    assert [path.read_text("utf-8") for path in (tmp_path / "out").iterdir()] == ["rendered\n"]


@pytest.mark.parametrize("how", ["recommend", "frameworks", "import"])
def test_a_plugins_own_interrupt_leaves_plan_and_show_to_do_their_work(
    how: str, tmp_path: Path
) -> None:
    env = _env(tmp_path, how)
    plan = selfreview(["plan", OLD, "-o", "plan.yaml"], cwd=tmp_path, env=env)
    assert plan.returncode == 0, plan.stderr
    assert plan.stdout.decode().startswith("Wrote plan.yaml: ")
    errors = plan.stderr.decode().splitlines()
    assert len(errors) == 1
    assert errors[0].startswith(f"error: plugin {NAME}: ")
    assert "KeyboardInterrupt" in errors[0]
    assert "actions:" in (tmp_path / "plan.yaml").read_text("utf-8")
    show = selfreview(["show", "becta-srf@2010", "1a", "--format", "json"], cwd=tmp_path, env=env)
    alone = selfreview_alone(["show", "becta-srf@2010", "1a", "--format", "json"], cwd=tmp_path)
    assert (show.returncode, show.stdout) == (0, alone.stdout)  # the output unchanged
    assert show.stderr.decode().splitlines() == ([] if how == "recommend" else errors)


def test_a_plugins_raised_sigint_cannot_be_told_from_the_users_and_interrupts(
    tmp_path: Path,
) -> None:
    run = selfreview(
        ["report", OLD, "--format", "json"],
        cwd=tmp_path,
        env=_env(tmp_path, "signal"),
        preexec_fn=_as_a_shell_starts_it,  # Ctrl-C not ignored, whatever runs the tests
    )
    assert (run.returncode, run.stdout, run.stderr) == (1, b"", b"\nAborted!\n")


def _waiting(process: subprocess.Popen[bytes], mark: Path) -> Iterator[None]:
    while not mark.exists():  # the plugin's hook has begun: no clock asserted
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
        yield


def test_the_users_ctrl_c_in_a_plugins_hook_still_interrupts_at_once(tmp_path: Path) -> None:
    mark = tmp_path / "waiting"
    env = dict(_env(tmp_path, "wait"), SELFREVIEW_HOSTILE_INTERRUPTS_WAITING=str(mark))
    command = [sys.executable, "-m", "selfreview_core", "report", OLD, "--format", "json"]
    with subprocess.Popen(
        command,
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_as_a_shell_starts_it,  # Ctrl-C not ignored, whatever runs the tests
    ) as process:
        for _ in _waiting(process, mark):
            pass
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=300)
    assert (process.returncode, stdout, stderr) == (1, b"", b"\nAborted!\n")


@pytest.fixture
def handlers() -> Iterator[None]:
    """The Ctrl-C and stopping signals' handlers put back after the test, and nothing noted."""
    kept = {number: signal.getsignal(number) for number in interrupts._RAISING}
    noted = list(interrupts._noted)
    yield
    for number, handler in kept.items():
        signal.signal(number, handler)
    interrupts._noted[:] = noted


def _noting(number: int, frame: object) -> None:
    interrupts.noted(number)
    raise KeyboardInterrupt


def _raise(error: BaseException) -> None:
    raise error


def test_only_an_interrupt_no_handler_could_have_raised_unnoted_is_a_plugins(
    handlers: None,
) -> None:
    interrupts.noting(_noting)
    interrupts._noted.clear()
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Python's: nobody can tell
    assert interrupts.the_users()
    for number in interrupts._RAISING:
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, _noting)  # the command's, nothing noted: the plugin's
    assert not interrupts.the_users()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a `--jobs` worker's
    assert not interrupts.the_users()
    signal.signal(signal.SIGTERM, lambda number, frame: None)  # a program's own: can't tell
    assert interrupts.the_users()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    interrupts.noted(signal.SIGINT)  # a signal came: every interrupt after it is the user's
    assert interrupts.the_users()


def test_with_the_commands_handler_every_guard_makes_a_plugins_interrupt_its_problem(
    handlers: None,
) -> None:
    interrupts.noting(_noting)
    interrupts._noted.clear()
    for number in interrupts._RAISING:
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, _noting)
    problems: list[Problem] = []
    call = PluginCall("p", "hook raised {}", problems)
    assert call.run(_raise, KeyboardInterrupt("run")) is FAILED
    assert call.run_inside(_raise, KeyboardInterrupt("inside")) is FAILED

    def items() -> Iterator[int]:
        yield 1
        raise KeyboardInterrupt("part-way")

    assert call.collect(items(), lambda c, item: item) == [1]

    class Again:  # raises once, then would give more: its answer ends at the raise
        raised = False

        def __iter__(self) -> Again:
            return self

        def __next__(self) -> int:
            if not self.raised:
                self.raised = True
                raise KeyboardInterrupt("part-way")
            return 2

    assert call.collect(Again(), lambda c, item: item) == []

    def refuse(c: PluginCall, item: object) -> object:
        raise KeyboardInterrupt("converting")

    assert call.collect([1], refuse) == []

    class Unsayable(Exception):
        def __str__(self) -> str:
            raise KeyboardInterrupt

    assert describe(Unsayable()) == "Unsayable (its message cannot be shown)"
    assert [(p.source, p.message) for p in problems] == [
        ("p", f"hook raised KeyboardInterrupt: {where}")
        for where in ("run", "inside", "part-way", "part-way", "converting")
    ]
    interrupts.noted(signal.SIGINT)  # the user's: it goes through, every guard
    for guarded in (call.run, call.run_inside):
        with pytest.raises(KeyboardInterrupt):
            guarded(_raise, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        call.collect(items(), lambda c, item: item)
    with pytest.raises(KeyboardInterrupt):
        call.collect([1], refuse)
    with pytest.raises(KeyboardInterrupt):
        describe(Unsayable())
    assert len(problems) == 5


def test_the_engines_own_loop_and_an_exporters_fields_tell_them_apart_too(
    handlers: None, small_framework: Framework, assessment: Assessment
) -> None:
    def interrupting() -> list[Recommendation]:
        raise KeyboardInterrupt("in a hook")

    bad = plugin_module("bad", selfreview_recommend=interrupting)
    engine = Engine(entry_points=False, plugins=[bad])
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Python's: it interrupts
    with pytest.raises(KeyboardInterrupt):
        engine.report(assessment, framework=small_framework)
    interrupts.noting(_noting)
    interrupts._noted.clear()
    for number in interrupts._RAISING:
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, _noting)
    report = engine.report(assessment, framework=small_framework)
    assert [(p.source, p.message) for p in report.problems] == [
        ("bad", "selfreview_recommend raised KeyboardInterrupt: in a hook")
    ]
    assert any(r.source == "next-steps" for r in report.recommendations)

    class Named(Exporter):
        @property
        def name(self) -> str:
            raise KeyboardInterrupt("its name")

        def __repr__(self) -> str:
            return "Named"

    exporter = object.__new__(Named)  # as a plugin's subclass, its name read only here
    with pytest.raises(
        Refused, match=r"^an exporter: reading its name raised KeyboardInterrupt: its name; "
    ):
        plugin_results._field(exporter, "name", None)
    interrupts.noted(signal.SIGINT)
    with pytest.raises(KeyboardInterrupt):
        plugin_results._field(exporter, "name", None)
    with pytest.raises(KeyboardInterrupt):
        engine.report(assessment, framework=small_framework)
