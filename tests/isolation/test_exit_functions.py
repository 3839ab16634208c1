"""Exit functions a plugin registers run as plugin code when the program ends.

Before round 38 a plugin's exit function (`atexit.register`: a client flushing what it
gathered) ran outside every plugin call: what it printed followed the last line of a
report on standard output (`report --format json` was no longer JSON), what it raised was
a traceback ("Exception ignored in atexit callback"), and one that called `os._exit(0)`
made a command that had failed end with status 0. `hostile-at-exit`
(tests/plugins/selfreview_hostile/at_exit.py) does each, as `$SELFREVIEW_HOSTILE_AT_EXIT`
says.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import signal
from pathlib import Path

import pytest
import yaml

from cli.test_signals import _start, stopped_on_exit
from program import ended, python, selfreview, with_plugin
from selfreview_core.errors import EndRefused
from selfreview_core.isolation import exit_functions, process_state
from selfreview_core.isolation.calls import describe
from selfreview_core.isolation.output import plugin_output

EXAMPLES = ["examples/example-primary-2025.yaml", "examples/example-primary-2026.yaml"]
PRINTED = "hostile-at-exit: 3 events sent\nhostile-at-exit: done\n"


def _at_exit(tmp_path: Path, how: str, **more: str) -> dict[str, str]:
    env = with_plugin(tmp_path / "site", "hostile-at-exit", "selfreview_hostile.at_exit")
    return dict(env, SELFREVIEW_HOSTILE_AT_EXIT=how, **more)


@pytest.mark.parametrize("how", ["print", "print,in-hook"])
def test_what_an_exit_function_prints_never_follows_a_report_on_standard_output(
    how: str, root: Path, tmp_path: Path
) -> None:
    done = selfreview(
        ["report", EXAMPLES[1], "--format", "json"], cwd=root, env=_at_exit(tmp_path, how)
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)  # one JSON document, nothing after it
    assert "hostile-at-exit-kept" in [r["id"] for r in report["recommendations"]]
    assert done.stderr.decode().endswith(PRINTED * how.count(",") + PRINTED)


def test_a_json_lines_batch_on_standard_output_holds_only_reports(
    root: Path, tmp_path: Path
) -> None:
    """The batch ends at once (no teardown): its exit functions run as plugin code too."""
    done = selfreview(
        ["report", *EXAMPLES, "--format", "json"], cwd=root, env=_at_exit(tmp_path, "print")
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["assessment"]["assessed_on"] for line in lines] == ["2025-10-06", "2026-10-05"]
    assert PRINTED in done.stderr.decode()


@pytest.mark.parametrize(
    ("how", "told"),
    [
        (
            "raise",
            [
                "warning: a plugin's exit function `selfreview_hostile.at_exit._failing`"
                " failed: RuntimeError: could not flush its events"
            ],
        ),
        (
            "exit",
            [
                "warning: a plugin's exit function `selfreview_hostile.at_exit._ending` tried"
                " to end the program (`os._exit(0)`); the command's exit status stands",
                "warning: a plugin's exit function `posix._exit` tried to end the program"
                " (`os._exit(0)`); the command's exit status stands",
            ],
        ),
    ],
)
@pytest.mark.parametrize(("args", "status"), [([EXAMPLES[1]], 0), (["bad.yaml"], 1)])
def test_an_exit_function_that_fails_or_ends_the_program_changes_no_exit_status(
    how: str, told: list[str], args: list[str], status: int, root: Path, tmp_path: Path
) -> None:
    """Said in a line each, no traceback; the command's status (1 for a bad file) kept."""
    (root_bad := tmp_path / "bad.yaml").write_text("kind: assessment\n", encoding="utf-8")
    names = [str(root / name) if name != "bad.yaml" else str(root_bad) for name in args]
    done = selfreview(
        ["report", *names, "-o", str(tmp_path / "out.json")], env=_at_exit(tmp_path, how)
    )
    assert done.returncode == status, done.stderr
    lines = done.stderr.decode().splitlines()
    assert [line for line in lines if line.startswith("warning: a plugin's exit")] == told
    assert "Traceback" not in done.stderr.decode()


def test_an_exit_function_unregistered_does_not_run_and_the_others_do(
    root: Path, tmp_path: Path
) -> None:
    ran = tmp_path / "ran.txt"
    env = _at_exit(tmp_path, "unregister", SELFREVIEW_HOSTILE_AT_EXIT_FILE=str(ran))
    done = selfreview(["report", EXAMPLES[1], "-o", str(tmp_path / "out.json")], cwd=root, env=env)
    assert done.returncode == 0, done.stderr
    assert ran.read_text("utf-8") == "stayed\n"


def _ends(tmp_path: Path, how: str) -> dict[str, str]:
    env = with_plugin(tmp_path / "site", "hostile-ends", "selfreview_hostile.ends")
    return dict(env, SELFREVIEW_HOSTILE_ENDS=how)


def _batch(root: Path, tmp_path: Path, schools: int = 3) -> Path:
    """A JSON Lines file of `schools` copies of an example school."""
    data = yaml.safe_load((root / EXAMPLES[1]).read_text("utf-8"))
    line = json.dumps(data, default=str)
    batch = tmp_path / "schools.jsonl"
    batch.write_text(f"{line}\n" * schools, "utf-8")
    return batch


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_plugin_ending_the_process_ends_only_its_call(
    jobs: str, root: Path, tmp_path: Path
) -> None:
    """Before round 39, `os._exit(0)` in a hook ended the command at once: the report
    unwritten, its temporary file left behind, not a word said, and status 0."""
    batch = _batch(root, tmp_path)
    args = ["report", batch.name, "--format", "json", "--jobs", jobs, "-o", "out.jsonl"]
    done = selfreview(args, cwd=tmp_path, env=_ends(tmp_path, "end"))
    assert done.returncode == 0, done.stderr
    failed = "selfreview_recommend raised SystemExit: os._exit(0)"
    told = [f"schools.jsonl:{n}: error: plugin hostile-ends: {failed}" for n in (1, 2, 3)]
    assert done.stderr.decode().splitlines() == [*told, "3 reports written to out.jsonl"]
    reports = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert len(reports) == 3
    for report in reports:
        problems = [(p["source"], p["message"]) for p in report["problems"]]
        assert problems == [("hostile-ends", failed)]
        assert "lea-support" in {s for r in report["recommendations"] for s in r["sources"]}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "schools.jsonl", "site"]


@pytest.mark.parametrize("how", ["end", "end-in-child"])
def test_a_plugin_ending_a_worker_the_command_started_fresh_ends_only_its_call(
    how: str, root: Path, tmp_path: Path
) -> None:
    """`support --jobs 2` starts its workers fresh (not forked), each loading the plugins
    again: before round 50, `os._exit` there, as a plugin was loaded or in its hook, ended
    the worker and the command failed ("internal error: BrokenProcessPool", status 1, no
    list). Now refused as in the command: what `--jobs 1` says when the plugin ends its
    calls, or the plugin's problem of loading, and the whole list."""
    cohort = str(root / "examples" / "cohort")
    env = _ends(tmp_path, how)
    one = selfreview(["support", cohort, "--jobs", "1"], cwd=tmp_path, env=env)
    two = selfreview(["support", cohort, "--jobs", "2"], cwd=tmp_path, env=env)
    assert (one.returncode, two.returncode) == (0, 0), two.stderr
    if how == "end":
        assert (two.stdout, two.stderr) == (one.stdout, one.stderr)
        assert b"plugin hostile-ends: selfreview_recommend raised SystemExit: os._exit(0)" in (
            one.stdout
        )
    else:  # loaded once here, so only the workers' reports lack it
        loading = "plugin hostile-ends: failed to load from `selfreview_hostile.ends`:"
        assert two.stderr.decode() == f"warning: {loading} SystemExit: os._exit(0)\n"
        head = one.stdout.split(b"\n", 1)[0]  # "Support needed: 10 schools on ..."
        assert two.stdout.split(b"\n", 1)[0] == head
        assert two.stdout.decode().endswith(
            f"\nProblems while reporting:\n  {loading} SystemExit: os._exit(0)\n"
        )


def test_ending_the_process_in_plugin_code_ends_its_call_instead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As `sys.exit` would: a `SystemExit`, which a plugin's `except Exception` does not
    catch, described as the call it made. Outside plugin code, `os._exit` is Python's."""
    monkeypatch.setattr(atexit, "register", atexit.register)  # put back after the test
    monkeypatch.setattr(os, "_exit", os._exit)
    exit_functions.guard()
    assert os._exit is not exit_functions._end  # else the call below ends the test run

    def careless_plugin() -> None:
        try:
            os._exit(3)
        except Exception:
            pytest.fail("caught as an Exception")

    with plugin_output(), pytest.raises(EndRefused) as ended:
        careless_plugin()
    assert isinstance(ended.value, SystemExit)
    assert ended.value.code == 3
    assert describe(ended.value) == "SystemExit: os._exit(3)"
    assert os._exit.__name__ == "_exit"  # named as Python's, in what tells of it


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_process_a_plugin_forks_is_its_own_to_end(jobs: str, root: Path, tmp_path: Path) -> None:
    """A pool's workers and a process end as they do in any program (their `os._exit`
    theirs, a terminated worker quiet: before, each showed a `KeyboardInterrupt`)."""
    batch = _batch(root, tmp_path, schools=2)
    args = ["report", batch.name, "--format", "json", "--jobs", jobs, "-o", "out.jsonl"]
    # Started as a shell starts it: a pool's `terminate` waits for ever for workers whose
    # SIGTERM is blocked, as in any Python program started so. Before the stopping signals
    # were held back across the fork, one run in about fifteen waited for ever too.
    with stopped_on_exit(_start(args, tmp_path, env=_ends(tmp_path, "pool"))) as process:
        done = ended(process)
        assert done.returncode == 0, done.stderr
        assert done.stderr.decode().splitlines() == [  # what plugin code prints, as ever
            "hostile-ends: pooled [1, 2, 3]",
            "hostile-ends: a process ran, as Python's and as it asked",  # Ctrl-C, `kill`
            "hostile-ends: its status 0",
        ] * 2 + ["2 reports written to out.jsonl"]
        assert done.stdout == b""
        reports = (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
        assert ["hostile-ends-kept" in line for line in reports] == [True, True]


def test_a_forked_copy_of_the_command_is_ended_before_it_writes(root: Path, tmp_path: Path) -> None:
    """Before round 39, the child of a plugin's `os.fork()` went on as a second copy of
    the command: its reports twice on standard output, and an error for the output file
    the first copy had renamed."""
    batch = _batch(root, tmp_path)
    done = selfreview(
        ["report", batch.name, "--format", "json"], cwd=tmp_path, env=_ends(tmp_path, "fork")
    )
    assert done.returncode == 0, done.stderr
    # The copy's warning and the command's last line come from two processes, in either
    # order: the copy is the plugin's, and the command does not wait for it.
    told = sorted(done.stderr.decode().splitlines())
    assert told[0] == "3 reports written", told
    assert re.fullmatch(
        r"warning: a process a plugin forked \(pid \d+\) went on into the command's own"
        r" work; ended there, so that only the command writes its output",
        told[1],
    ), told
    assert len(told) == 2
    reports = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["assessment"]["school"]["id"] for r in reports] == ["100000"] * 3


def test_a_forked_copy_ended_in_the_commands_work_ends_with_status_0(
    root: Path, tmp_path: Path
) -> None:
    """The copy is the plugin's: a plugin that waits for the child it forked is told it
    ended (status 0), not that it failed, as the command stops it only to keep its output
    single. `fork-wait` waits in its next call and prints the status it was given."""
    batch = _batch(root, tmp_path)
    done = selfreview(
        ["report", batch.name, "--format", "json"], cwd=tmp_path, env=_ends(tmp_path, "fork-wait")
    )
    assert done.returncode == 0, done.stderr
    told = done.stderr.decode().splitlines()
    assert [line for line in told if line.startswith("hostile-ends:")] == [
        "hostile-ends: its child's status 0"
    ], told
    assert told[-1] == "3 reports written", told
    assert len(told) == 3, told  # and the copy's warning, as above
    assert len(done.stdout.splitlines()) == 3


def test_a_program_embedding_the_engine_registers_its_exit_functions_as_they_are() -> None:
    assert atexit.register is exit_functions._register
    assert os._exit is exit_functions._end


def test_registered_in_plugin_code_it_is_still_the_function_given_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`atexit.register` used as a decorator leaves the plugin its own function."""
    monkeypatch.setattr(atexit, "register", atexit.register)  # put back after the test
    monkeypatch.setattr(os, "_exit", os._exit)
    exit_functions.guard()
    with plugin_output():

        @atexit.register
        def flush() -> None:
            """Never run: unregistered below."""

    assert flush.__name__ == "flush"
    atexit.unregister(flush)


def test_registered_outside_plugin_code_it_is_still_the_function_given_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A library the program imports late (after the guards) that uses `atexit.register`
    as a decorator keeps its function, as Python's own `register` gives it back."""
    monkeypatch.setattr(atexit, "register", atexit.register)  # put back after the test
    monkeypatch.setattr(os, "_exit", os._exit)
    exit_functions.guard()

    @atexit.register
    def flush() -> None:
        """Never run: unregistered below."""

    assert flush.__name__ == "flush"
    atexit.unregister(flush)


@pytest.mark.usefixtures("unkept")
def test_the_stopping_signals_are_held_back_across_a_fork_in_plugin_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Between plugin code's fork and the child's taking Python's own handling, a `kill`
    (a pool's `terminate`) would meet the program's handler and be dropped: so the
    stopping signals are blocked just before the fork, and unblocked as they were after."""
    monkeypatch.setattr(atexit, "register", atexit.register)
    monkeypatch.setattr(os, "_exit", os._exit)
    process_state.keep()
    exit_functions.guard()
    stopping = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    assert process_state.own_sigmask is not None

    def blocked() -> set[int]:
        """The mask asked of the system itself: plugin code's own asking would be noted."""
        assert process_state.own_sigmask is not None
        return set(process_state.own_sigmask(signal.SIG_BLOCK, []))

    before = blocked()
    with plugin_output():
        exit_functions._forking()  # what `os.fork` runs first
        assert stopping <= blocked()
        exit_functions._unblock()  # and after, in the parent
        assert blocked() == before
    exit_functions._forking()  # the program's own fork (a `--jobs` worker): nothing held
    assert blocked() == before
    exit_functions._unblock()  # and nothing to put back
    assert blocked() == before


def test_the_programs_guards_load_no_library_at_start() -> None:
    """`--version` as the program runs it (its guards put in place) loads neither pydantic
    nor the plugin machinery: the guards' own messages load theirs when they tell one.
    Every command's start, and a cold `validate` (issue 15's goal (e)), pay for what is
    loaded here."""
    code = (
        "import sys\n"
        "from selfreview_core.cli import main\n"
        "sys.argv = ['selfreview', '--version']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted({n.split('.')[0] for n in sys.modules} & {'pydantic', 'pluggy', 'yaml'}))"
    )
    done = python(["-c", code])
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines()[-1] == "[]", done.stdout


def test_a_worker_the_command_started_fresh_killed_is_said_without_a_traceback(
    root: Path, tmp_path: Path
) -> None:
    """`support --jobs 2` whose worker the kernel ends (SIGKILL, as out of memory does: no
    guard can turn it into a plugin's problem) said "internal error: BrokenProcessPool ...
    This is a bug" before round 50; now one line as `report --jobs` says it, exit 1, and no
    list half made on standard output."""
    cohort = str(root / "examples" / "cohort")
    done = selfreview(
        ["support", cohort, "--jobs", "2"], cwd=tmp_path, env=_ends(tmp_path, "killed-in-child")
    )
    assert done.returncode == 1
    assert done.stderr.decode() == (
        "Error: a worker process ended abruptly (killed, or out of memory?); "
        "the list was not made\n"
    )
    assert b"Support needed" not in done.stdout
