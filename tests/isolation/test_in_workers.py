"""What a plugin does in a `--jobs` worker gives what it gives in the command itself.

`report --jobs 2` makes the first schools in the command's process and the rest in forked
workers, each calling the plugins again: a plugin that prints, ends its call with
`sys.exit` or `os._exit`, or closes or replaces standard output there must leave the
batch's output as `--jobs 1` leaves it (SPEC section 5: the output is the same whatever
the number of jobs), each school's problem said at its line, and no worker lost.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from isolation.test_exit_functions import _batch
from program import selfreview, with_plugin

if sys.platform == "win32":  # pragma: no cover - workers are forked on Linux only
    pytest.skip("forked workers", allow_module_level=True)

#: What `hostile-prints` prints (`selfreview_hostile.PRINTED`: not importable here).
PRINTED = "HOSTILE PRINT: this is not JSON"
#: Enough schools that the workers make most of them (the command makes the first order).
SCHOOLS = 150


def _told(stderr: bytes) -> list[str]:
    """The command's own lines on standard error, in order: a plugin's prints from two
    workers at once come in the order the workers made them (each line whole), and are
    the plugin's."""
    lines = stderr.decode().splitlines()
    return [line for line in lines if ": error: " in line or line.startswith(("warning", "150"))]


@pytest.mark.parametrize(
    ("name", "module", "how"),
    [
        ("hostile-prints", "selfreview_hostile.prints", ""),
        ("hostile-exits", "selfreview_hostile.exits", ""),
        ("hostile-ends", "selfreview_hostile.ends", "end"),
        ("hostile-descriptors", "selfreview_hostile.descriptors", "close-output"),
        ("hostile-descriptors", "selfreview_hostile.descriptors", "fdopen-output"),
        ("hostile-descriptors", "selfreview_hostile.descriptors", "output"),
    ],
)
@pytest.mark.parametrize("where", [[], ["-o", "out.jsonl"]])
def test_a_plugin_misbehaving_in_workers_leaves_the_batch_as_one_process_does(
    name: str, module: str, how: str, where: list[str], root: Path, tmp_path: Path
) -> None:
    batch = _batch(root, tmp_path, SCHOOLS)
    env = with_plugin(tmp_path / "site", name, module)
    variable = f"SELFREVIEW_HOSTILE_{module.rsplit('.', 1)[1].upper()}"  # as the plugin reads it
    env = dict(env, **{variable: how}) if how else env
    done = {}
    for jobs in ("1", "2"):
        args = ["report", batch.name, "--format", "json", "--jobs", jobs, *where]
        run = selfreview(args, cwd=tmp_path, env=env)
        written = (tmp_path / "out.jsonl").read_bytes() if where else b""
        done[jobs] = (run.returncode, run.stdout, written, _told(run.stderr))
    assert done["2"] == done["1"]
    code, stdout, written, told = done["1"]
    assert code == 0, told
    reports = (written if where else stdout).splitlines()
    assert len(reports) == SCHOOLS
    assert all(f'"{name}' in line.decode() for line in reports)  # its work, or its problem
    assert told[-1] == f"{SCHOOLS} reports written" + (" to out.jsonl" if where else "")


def _lines(stderr: bytes) -> set[str]:
    """The different lines of `stderr`, the limit a plugin asked for (its own depth, which
    differs from process to process) left out."""
    return {re.sub(r"\(to \d+\)", "(to N)", line) for line in stderr.decode().splitlines()}


@pytest.mark.parametrize(
    ("name", "module", "how"),
    [
        ("hostile-unsettles", "selfreview_hostile.unsettles", "later,shallow"),
        ("hostile-unsettles", "selfreview_hostile.unsettles", "later,quiet"),
        ("hostile-prints", "selfreview_hostile.prints", ""),
    ],
)
def test_a_worker_the_command_started_fresh_keeps_the_commands_guards(
    name: str, module: str, how: str, root: Path, tmp_path: Path
) -> None:
    """`support --jobs 2` starts its workers fresh (not forked), and before round 51 they
    had none of the command's guards but the one against `os._exit`: a plugin lowering the
    recursion limit in its hook had lea-support's hook fail in the worker ("plugin
    lea-support: selfreview_recommend raised RecursionError", its advice gone from the
    list); one replacing standard error had its warning lost; a plugin's thread printing
    put its text in the middle of the list on standard output. Now each worker is guarded
    as the command is: the same list as `--jobs 1`, byte for byte, in JSON as in a table,
    and the same lines on standard error (each worker that saw a change tells it)."""
    cohort = str(root / "examples" / "cohort")
    env = with_plugin(tmp_path / "site", name, module)
    env = dict(env, SELFREVIEW_HOSTILE_UNSETTLES=how)
    for format in ("table", "json"):
        args = ["support", cohort, "--format", format]
        one = selfreview([*args, "--jobs", "1"], cwd=tmp_path, env=env)
        two = selfreview([*args, "--jobs", "2"], cwd=tmp_path, env=env)
        assert (one.returncode, two.returncode) == (0, 0), (one.stderr, two.stderr)
        assert two.stdout == one.stdout
        told = _lines(one.stderr)
        assert _lines(two.stderr) == told
        assert told, "the plugin's print, or the warning of its change"
        assert b"RecursionError" not in one.stdout
        if format == "json":
            json.loads(two.stdout)


def test_what_a_plugin_prints_in_workers_comes_out_a_whole_line_at_a_time(
    root: Path, tmp_path: Path
) -> None:
    """`print` writes its text and its line break apart, and standard error writes each at
    once: before round 51, `report --jobs 2` with a plugin printing in its hook had lines of
    two workers run together ("...not JSONHOSTILE PRINT: ...") and blank lines between.
    Now what plugin code prints to standard error goes out a whole line at a time, so the
    lines are those `--jobs 1` prints, in whatever order the workers made them; and, since
    round 62, what it prints with `print(..., file=sys.stderr)` too."""
    batch = _batch(root, tmp_path, SCHOOLS)
    env = with_plugin(tmp_path / "site", "hostile-prints", "selfreview_hostile.prints")
    lines = {}
    for jobs in ("1", "2"):
        args = ["report", batch.name, "--format", "json", "--jobs", jobs, "-o", "out.jsonl"]
        run = selfreview(args, cwd=tmp_path, env=env)
        assert run.returncode == 0, run.stderr
        lines[jobs] = sorted(run.stderr.decode().splitlines())
    assert lines["2"] == lines["1"]
    assert lines["1"].count(PRINTED) == 1 + 3 * SCHOOLS  # at import, then three a school
    # and its own `print(..., file=sys.stderr)`, whole too (round 62)
    assert lines["1"].count(f"{PRINTED} (to standard error)") == SCHOOLS


def test_a_staging_worker_started_fresh_keeps_the_commands_guards(
    root: Path, tmp_path: Path
) -> None:
    """`support --to --migration --jobs 2` stages its reviews in workers that carry each to
    the target version with an engine of their own, loading the plugins again; with a
    thread running in the command (a plugin's, here; DuckDB's), they are started fresh, not
    forked. Before round 52 those workers had none of the command's guards: a plugin
    calling `os._exit` as it was loaded there ended the worker, and the command said
    "internal error: BrokenProcessPool ... This is a bug" (status 1, no list). Now refused
    as in the command: the plugin's problem of loading said once, the same cohort as
    `--jobs 1`, and nothing left behind; a worker the kernel ends, one line (it said the
    same internal error), exit 1."""
    site = tmp_path / "site"
    with_plugin(site, "hostile-lingers", "selfreview_hostile.lingers")  # a thread: fresh workers
    env = with_plugin(site, "hostile-ends", "selfreview_hostile.ends")
    env = dict(env, SELFREVIEW_HOSTILE_LINGER="daemon", SELFREVIEW_HOSTILE_ENDS="end-in-child")
    folder = root / "examples" / "migration"
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    text = (folder / "example-school-v1.yaml").read_text(encoding="utf-8")
    for number in range(40):  # more than a worker's chunk
        school = text.replace("id: EX-2\n", f"id: EX-{number}\n")
        (reviews / f"school-{number}.yaml").write_text(school, encoding="utf-8")
    args = ["support", "reviews", "--framework", str(folder / "example-srf-1.yaml")]
    args += ["--to", str(folder / "example-srf-2.yaml"), "--format", "json"]
    args += ["--migration", str(folder / "example-srf-1-to-2.yaml")]
    one = selfreview([*args, "--jobs", "1"], cwd=tmp_path, env=env)
    two = selfreview([*args, "--jobs", "2"], cwd=tmp_path, env=env)
    assert (one.returncode, two.returncode) == (0, 0), two.stderr
    loading = "plugin hostile-ends: failed to load from `selfreview_hostile.ends`:"
    carried = "40 assessment(s) of other versions carried to example-srf@2;"
    told = two.stderr.decode().splitlines()
    assert [line.split(" split", 1)[0] for line in told] == [
        carried,
        f"warning: {loading} SystemExit: os._exit(0)",
    ]
    listed, alone = json.loads(two.stdout), json.loads(one.stdout)
    assert listed["problems"] == [f"{loading} SystemExit: os._exit(0)"]
    for key in ("framework", "size", "needing", "shortfalls"):  # the cohort as one process
        assert listed[key] == alone[key]
    assert listed["size"] == 40
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reviews", "site"]
    killed = selfreview(
        [*args, "--jobs", "2"],
        cwd=tmp_path,
        env=dict(env, SELFREVIEW_HOSTILE_ENDS="killed-in-child"),
    )  # a worker the kernel ends as it loads the plugins: said in one line, no list
    assert killed.returncode == 1
    assert killed.stderr.decode() == (
        "Error: a worker process ended abruptly (killed, or out of memory?); "
        "the assessments were not read\n"
    )
    assert killed.stdout == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reviews", "site"]
