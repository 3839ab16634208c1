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
import subprocess
import sys
from pathlib import Path

import pytest

from program import WAIT, selfreview, with_plugin
from selfreview_core.isolation import exit_functions
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


def test_a_program_embedding_the_engine_registers_its_exit_functions_as_they_are() -> None:
    assert atexit.register is exit_functions._register


def test_registered_in_plugin_code_it_is_still_the_function_given_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`atexit.register` used as a decorator leaves the plugin its own function."""
    monkeypatch.setattr(atexit, "register", atexit.register)  # put back after the test
    exit_functions.guard()
    with plugin_output():

        @atexit.register
        def flush() -> None:
            """Never run: unregistered below."""

    assert flush.__name__ == "flush"
    atexit.unregister(flush)


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
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=WAIT, check=True
    )
    assert done.stdout.splitlines()[-1] == "[]", done.stdout
