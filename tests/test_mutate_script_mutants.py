"""scripts/mutate.py, the mutation passes' tool (round 35): each operator of a chained
comparison is mutated in its own place, and `--skip-sample` leaves out exactly what an
earlier `--sample` pass drew; and (round 38) a pass stopped by `kill` leaves the module as
it was."""

from __future__ import annotations

import ast
import importlib.util
import os
import py_compile
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from program import WAIT, decoded, ended, python, waited

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "mutate.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutate_script", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_each_operator_of_a_chained_comparison_is_mutated_in_its_own_place() -> None:
    """`0 < n < limit` gives two mutants, `0 <= n < limit` and `0 < n <= limit` (the second
    operator, a threshold, was never mutated before: the first was, twice)."""
    mutate = _script()
    tree = ast.parse("hidden = 0 < n < limit\n")
    found = [
        ast.unparse(mutate._apply(tree, index, position)).strip()
        for index, _, _, position in mutate._candidates(tree)
        if isinstance(next(n for i, n in enumerate(ast.walk(tree)) if i == index), ast.Compare)
    ]
    assert found == ["hidden = 0 <= n < limit", "hidden = 0 < n <= limit"]


def test_skip_sample_leaves_out_exactly_what_the_earlier_sample_drew() -> None:
    mutate = _script()
    mutants = [mutate.Mutant(i, i, "x") for i in range(40)]
    drawn = set(random.Random(34).sample(mutants, 12))
    left = mutate._without_tried(mutants, 12, 34)
    assert len(left) == 28
    assert set(left) == set(mutants) - drawn
    assert left == sorted(left, key=lambda m: m.index)  # in the module's order
    assert mutate._without_tried(mutants, 0, 34) == mutants


def test_a_return_that_gives_none_already_makes_no_mutant() -> None:
    """Making `return None` give None changes nothing: such a mutant always survived
    (round 36: 7 of 277 in one pass), a question with its answer known."""
    mutate = _script()
    tree = ast.parse(
        "def f(x):\n    if x:\n        return x\n    return None\n\ndef g():\n    return\n"
    )
    returns = [
        what for _, node, what, _ in mutate._candidates(tree) if isinstance(node, ast.Return)
    ]
    assert returns == ["return None"]  # `return x` only


_MODULE = "def small(n):\n    return n < 1\n"
_TESTS = """import pathlib, time
HERE = pathlib.Path(__file__).parent
def test_small():
    if (HERE / "small.py").read_text() != {original!r}:
        time.sleep(60)  # a mutant: still running when the pass is stopped
"""


def _a_shells_job(tmp_path: Path, name: str, tests: str) -> subprocess.Popen[bytes]:
    """A pass over `_MODULE` with the tests `tests` (formatted with the original module)
    in the file `name`, started as a shell starts a job (SIGTERM at its default)."""
    (tmp_path / "small.py").write_text(_MODULE, encoding="utf-8")
    (tmp_path / name).write_text(tests.format(original=_MODULE), encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), "small.py", name],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL),
    )


def test_a_pass_stopped_by_kill_leaves_the_module_as_it_was(tmp_path: Path) -> None:
    """SIGTERM, as `kill` and `timeout` send, once a mutant is in place: the module is
    restored and no backup is left (before, Python ended at once, the mutant in place)."""
    process = _a_shells_job(tmp_path, "test_small.py", _TESTS)
    placed = waited(process, lambda: (tmp_path / "small.py").read_text("utf-8") != _MODULE)
    assert placed, ("no mutant was put in place", ended(process))
    process.send_signal(signal.SIGTERM)
    errors = ended(process).stderr
    assert process.returncode == 130, errors
    assert (tmp_path / "small.py").read_text("utf-8") == _MODULE
    assert sorted(path.name for path in tmp_path.iterdir() if path.is_file()) == [
        "small.py",
        "test_small.py",
    ]
    assert errors.decode().endswith("stopped: the module is as it was\n")


def test_a_mutant_never_runs_as_the_bytecode_of_the_one_before(tmp_path: Path) -> None:
    """Python takes cached bytecode whose source has the size and second it recorded: a
    mutant as long as the one before it, written within a second, ran as that one (a
    helper's hand checks hit it in round 39). Each write removes the module's cache."""
    mutate = _script()
    module = tmp_path / "small.py"
    module.write_text("X = 1\n", encoding="utf-8")
    py_compile.compile(str(module), doraise=True)
    assert list(tmp_path.glob("__pycache__/small.*.pyc"))
    mutate._write(module, b"X = 2\n")
    assert not list(tmp_path.glob("__pycache__/small.*.pyc"))
    assert module.read_bytes() == b"X = 2\n"


def test_after_a_pass_no_mutants_bytecode_is_left(tmp_path: Path) -> None:
    (tmp_path / "small.py").write_text(_MODULE, encoding="utf-8")
    (tmp_path / "test_small.py").write_text(
        "from small import small\ndef test_small():\n    assert small(0) and not small(1)\n",
        encoding="utf-8",
    )
    writing = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    writing["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # a plain pytest, as `_mutate` runs
    done = python(
        [str(SCRIPT), "small.py", "test_small.py"],
        cwd=tmp_path,
        env=writing,  # bytecode written, as in a developer's shell
    )
    assert done.returncode in (0, 1), done.stderr
    assert (tmp_path / "small.py").read_text("utf-8") == _MODULE
    assert not list(tmp_path.glob("__pycache__/small.*.pyc"))


def test_lines_keeps_only_the_mutants_on_the_ranges_given() -> None:
    """`--lines` passes the lines a change made: a mutant on the range's first and last
    line is kept, one a line outside is not, and a second range adds its own."""
    mutate = _script()
    mutants = [mutate.Mutant(i, line, "x") for i, line in enumerate([3, 4, 9, 10, 11, 20])]
    kept = mutate._on_lines(mutants, [(4, 10)])
    assert [m.line for m in kept] == [4, 9, 10]
    assert [m.line for m in mutate._on_lines(mutants, [(4, 4), (20, 30)])] == [4, 20]
    assert mutate._on_lines(mutants, []) == mutants
    assert mutate._line_range("7") == (7, 7)
    assert mutate._line_range("7-12") == (7, 12)


def test_a_bad_line_range_is_a_usage_error(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("x = 1 + 2\n", encoding="utf-8")
    for bad in ("12-7", "a-b", "0-3"):
        done = decoded(python([str(SCRIPT), str(module), "t.py", "--lines", bad]))
        assert done.returncode == 2
        assert f"not a line range: '{bad}'" in done.stderr
    assert module.read_text(encoding="utf-8") == "x = 1 + 2\n"
    done = decoded(python([str(SCRIPT), str(module), "t.py", "--lines", "100-200"]))
    assert (done.returncode, done.stderr) == (2, "no mutant on the lines given\n")


_THREE = "def f(a, b):\n    return a < b and a + 1\n"  # Lt, Add, and, 1, return: five mutants


def _mutate(module: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """The pass, its own pytest without the plugins installed here (hypothesis, xdist,
    ours): what is tested is which mutants run, which a plain pytest shows, each start
    0.27 s of processor time where it was 0.5 (round 82)."""
    plain = dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    args = [str(SCRIPT), str(module), "t.py", *options]
    return decoded(python(args, cwd=module.parent, env=plain))


def test_list_numbers_the_selection_and_from_and_only_run_a_part_of_it(tmp_path: Path) -> None:
    """Round 55: a pass stopped part way is resumed exactly. `--list` numbers the selection
    (after `--sample` and `--lines`) and runs nothing; `--from N` and `--only N,M-P` keep those
    numbers, so the mutants they run are the ones the numbers named; each is printed before it
    runs, so a log of a stopped pass names the one it was at."""
    module = tmp_path / "m.py"
    module.write_text(_THREE, encoding="utf-8")
    (tmp_path / "t.py").write_text(
        "from m import f\ndef test_f():\n    assert f(1, 2) == 2 and not f(2, 1)\n", "utf-8"
    )
    listed = _mutate(module, "--list")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert [line.split("]")[0] for line in lines] == [f"[{n}/5" for n in range(1, 6)]
    assert module.read_text(encoding="utf-8") == _THREE

    def ran(done: subprocess.CompletedProcess[str]) -> list[str]:
        return [line.rsplit(": ", 1)[0] for line in done.stdout.splitlines() if line[:1] == "["]

    assert ran(_mutate(module, "--from", "3")) == lines[2:]
    assert ran(_mutate(module, "--only", "1,3-4")) == [lines[0], lines[2], lines[3]]
    assert ran(_mutate(module, "--from", "2", "--only", "1,4")) == [lines[3]]
    assert ran(_mutate(module, "--lines", "2", "--only", "2")) == [lines[1]]
    assert module.read_text(encoding="utf-8") == _THREE
    for bad, told in (("0", "they count"), ("x", "write N,M-P"), ("4-2", "a range back")):
        refused = _mutate(module, "--only", bad)
        assert refused.returncode == 2
        assert f"not mutant numbers: '{bad}' ({told}" in refused.stderr
    beyond = _mutate(module, "--from", "6")
    assert (beyond.returncode, beyond.stderr) == (
        2,
        "no mutant of the 5 selected has those numbers\n",
    )


def test_a_device_that_is_a_device_no_more_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pass stops when a mutant's tests replaced `/dev/null` by a regular file (round 63:
    a pass over `atomic.py`, run as root, did, for every program on the machine)."""
    mutate = _script()
    assert mutate.devices_broken() == []  # the machine's own /dev/null
    replaced = tmp_path / "null"
    replaced.write_text("a report")
    monkeypatch.setattr(mutate, "DEVICES", ("/dev/null", str(replaced), str(tmp_path / "gone")))
    assert mutate.devices_broken() == [str(replaced), str(tmp_path / "gone")]


_FORKS = """import pathlib, subprocess, sys, time
HERE = pathlib.Path(__file__).parent
def test_forks():
    if (HERE / "small.py").read_text() != {original!r}:  # a mutant: a child, then a hang
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        (HERE / "child.pid").write_text(str(child.pid))
        time.sleep(600)
"""


def _running(pid: int) -> bool:
    """Whether `pid` runs (a zombie, killed and not yet reaped by whoever adopted it, does
    not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def _ended(pid: int) -> bool:
    """Whether `pid` stops running within a minute (SIGKILL's delivery is not instant; a
    clock, as no process of the test's own is there to bound it, and generous for a loaded
    machine: it passes as soon as the process is gone)."""
    deadline = time.monotonic() + WAIT
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _running(pid)


def _child_of_the_tests(tmp_path: Path, process: subprocess.Popen[bytes] | None = None) -> int:
    """The pid the tests' child wrote: once the pass is over, or waited for while `process`
    (the pass) runs, bounded by its work and its tests' (`program.waited`)."""
    written = tmp_path / "child.pid"

    def found() -> bool:
        return written.exists() and bool(written.read_text(encoding="ascii").strip())

    if process is not None:
        assert waited(process, found), ("the tests forked no child", ended(process))
    assert found(), "the tests forked no child"
    return int(written.read_text(encoding="ascii"))


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_timed_out_mutant_leaves_no_process_its_tests_forked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Round 64: the timeout ended pytest, and a batch worker it had forked ran on, orphaned,
    loading the machine for every mutant after it. Pytest's whole session is killed now."""
    mutate = _script()
    (tmp_path / "small.py").write_text("def small(n):\n    return n <= 1\n", encoding="utf-8")
    (tmp_path / "test_forks.py").write_text(_FORKS.format(original=_MODULE), encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    class TimedOutOnceForked(subprocess.Popen[bytes]):
        """Pytest as the script starts it, its timeout run out as soon as its tests have
        forked their child (and hang): a clock of the test's own would be a guess, too short
        on a loaded machine (the child not yet forked) and waited out whole on a quiet one."""

        def wait(self, timeout: float | None = None) -> int:
            if timeout is None:
                return super().wait()
            assert waited(self, lambda: (tmp_path / "child.pid").exists()), "no child forked"
            raise subprocess.TimeoutExpired(self.args, timeout)

    timed = SimpleNamespace(
        Popen=TimedOutOnceForked,
        DEVNULL=subprocess.DEVNULL,
        TimeoutExpired=subprocess.TimeoutExpired,
    )
    monkeypatch.setattr(mutate, "subprocess", timed)
    survived = mutate._run_tests(["test_forks.py"], timeout=WAIT)
    child = _child_of_the_tests(tmp_path)  # written before the timeout, or the test fails
    try:
        assert survived is False  # a hang is noticed, as before
        assert _ended(child), "the tests' child outlived the timeout"
    finally:
        if _running(child):
            os.kill(child, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_pass_stopped_by_kill_leaves_no_process_its_tests_forked(tmp_path: Path) -> None:
    """SIGTERM (and Ctrl-C, which reaches only the script now that pytest runs in a session
    of its own) while a mutant's tests run: pytest and every process it forked are killed,
    and the module is restored."""
    process = _a_shells_job(tmp_path, "test_forks.py", _FORKS)
    child = _child_of_the_tests(tmp_path, process)
    try:
        process.send_signal(signal.SIGTERM)
        errors = ended(process).stderr
        assert process.returncode == 130, errors
        assert _ended(child), "the tests' child outlived the pass"
        assert (tmp_path / "small.py").read_text("utf-8") == _MODULE
    finally:
        if _running(child):
            os.kill(child, signal.SIGKILL)


_SIGNALS_AT_DEFAULT = """import signal
def test_stopping_signals_are_at_their_defaults():
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert signal.getsignal(signal.SIGHUP) is signal.SIG_DFL
    assert signal.getsignal(signal.SIGQUIT) is signal.SIG_DFL
"""


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no hang-up signal")
def test_a_pass_started_with_nohup_runs_the_tests_with_ctrl_c_and_a_hangup_as_usual(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`nohup` and a script's `&` start a pass with a hangup and Ctrl-C ignored, which
    pytest and its workers inherited: the tests of what the program does on those signals
    then passed on any mutant (round 65: a worker's ignoring of a hangup survived). Each
    mutant's tests start with them as a terminal starts a command."""
    mutate = _script()
    (tmp_path / "test_signals.py").write_text(_SIGNALS_AT_DEFAULT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    ignored = (signal.SIGINT, signal.SIGHUP, signal.SIGQUIT)
    before = [signal.signal(number, signal.SIG_IGN) for number in ignored]
    try:
        # The script's own clock (a mutant's tests that hang): these pass, and at once on a
        # quiet machine, so it is generous for a loaded one at no cost.
        assert mutate._run_tests(["test_signals.py"], timeout=600) is True
    finally:
        for number, handler in zip(ignored, before, strict=True):
            signal.signal(number, handler)
