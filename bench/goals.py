"""The five goals of issue 15, each measured against its real floor in the same run.

Every figure is a CPU time (`time.process_time`, or the children's user + system time for
a command) beside its wall time: the machine is shared, and CPU time is what another
process's work disturbs least. Each side keeps its best of several rounds in which the
sides alternate. Ratios are of CPU times, except `--jobs`, whose point is wall time.

- `report`: `engine.report` per school against `Assessment.model_validate_json` of the
  same assessment's JSON (with msgspec and orjson for scale, when installed);
- `rules`: `engine.report` with a pack of 240 single-test rules against one of 12 (the
  output grows with the rules: about 20 times as many fire);
- `jsonl`: `selfreview report X.jsonl --format json -o OUT`, per school, against
  `model_validate_json` of each line;
- `jobs`: the same command with `--jobs 2` against `--jobs 1` (wall time);
- `validate`: a cold `selfreview validate frameworks/*.yaml` against `yamllint` on the
  same files.
"""

from __future__ import annotations

import gc
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TypeVar, cast

from bench.benchmarks import FIRST_PARTY, ROOT, Result, _executable
from bench.data import assessment_texts, rule_pack
from selfreview_core import Assessment, Engine, Framework, load_assessment

__all__ = ["GOALS", "Timing", "best_cpu", "each", "jobs", "jsonl", "report", "rules", "validate"]

Timing = tuple[float, float]  # (CPU seconds, wall seconds)
T = TypeVar("T")


def _rounds(repeat: int, sets: Sequence[T], *runs: Callable[[T], object]) -> list[Timing]:
    """The best (CPU, wall) time of each run over `repeat` rounds in which they alternate,
    round `k` on `sets[k]`: every round on schools new to the engine, as a cohort's are, so
    that nothing kept from an earlier round (a plugin's answer for a pattern of levels, a
    rendered recommendation) makes a later one look cheaper than a real cohort's schools."""
    best = [(float("inf"), float("inf"))] * len(runs)
    for k in range(repeat):
        for i, run in enumerate(runs):
            gc.collect()
            cpu, wall = time.process_time(), time.perf_counter()
            run(sets[k])
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            best[i] = _best(best[i], (cpu, wall))
    return best


def best_cpu(repeat: int, *runs: Callable[[], object]) -> list[Timing]:
    """The best (CPU, wall) time of each run, over `repeat` rounds in which they alternate."""
    return _rounds(repeat, [None] * repeat, *(lambda _, run=run: run() for run in runs))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def best_command(repeat: int, *commands: Sequence[str], cwd: Path = ROOT) -> list[Timing]:
    """The best (CPU of the process and its children, wall) of each command, alternating."""
    env = _environment()
    best = [(float("inf"), float("inf"))] * len(commands)
    for _ in range(repeat):
        for i, command in enumerate(commands):
            cpu, wall = _children_cpu(), time.perf_counter()
            subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
            cpu, wall = _children_cpu() - cpu, time.perf_counter() - wall
            best[i] = _best(best[i], (cpu, wall))
    return best


def _environment() -> dict[str, str]:
    """This environment for a command, but bytecode written: measured as installed."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _best(best: Timing, new: Timing) -> Timing:
    return min(best[0], new[0]), min(best[1], new[1])


def _side_by_side(*commands: Sequence[str], cwd: Path = ROOT) -> Timing:
    """(CPU of them all, wall until the last ends) of `commands` started together."""
    env = _environment()
    cpu, wall = _children_cpu(), time.perf_counter()
    started = [
        subprocess.Popen(
            command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for command in commands
    ]
    for process in started:
        process.wait()
    return _children_cpu() - cpu, time.perf_counter() - wall


def _alternating(
    repeat: int, run: Callable[[], object], command: Sequence[str]
) -> tuple[Timing, Timing]:
    """The best (CPU, wall) of `run` in this process and of `command`, over `repeat`
    rounds in which they alternate: the machine's speed drifts (a VM's host), and a floor
    measured before all the command's runs would be measured at another speed."""
    floor = ours = (float("inf"), float("inf"))
    for _ in range(repeat):
        [here] = best_cpu(1, run)
        [there] = best_command(1, command)
        floor = _best(floor, here)
        ours = _best(ours, there)
    return floor, ours


def _us(seconds: float, n: int = 1) -> str:
    return f"{seconds / n * 1e6:.1f} µs"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _both(timing: Timing, n: int = 1) -> str:
    return f"{_us(timing[0], n)} CPU, {_us(timing[1], n)} wall"


def each(function: Callable[[bytes], object], items: Sequence[bytes]) -> None:
    """`function` of each item, each result let go at once, as the side measured against
    lets each report go: a floor that kept every model alive would pay the collector's
    passes over them all (26 µs a school became 35 for 2,000 kept, 60 for 5,000 until
    round 24: docs/performance.md, "Round 24: what the goals measure")."""
    for item in items:
        function(item)


def _load() -> str:
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "load unknown"
    cores = os.cpu_count() or 1
    free = "cores free" if one < 0.5 else "cores NOT free (shared machine)"
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {cores} cores: {free}"


def _engine() -> tuple[Engine, Framework, list[str]]:
    engine = Engine()
    loaded = {info.name for info in engine.plugins()}
    return engine, engine.framework("becta-srf"), [p for p in FIRST_PARTY if p not in loaded]


def _schools(framework: Framework, n: int, seed: int) -> list[Assessment]:
    return [
        load_assessment(f"school-{i}.yaml", framework, text=text)
        for i, text in enumerate(assessment_texts(framework, n, seed))
    ]


def _scale_lines(texts: list[bytes], repeat: int) -> list[str]:
    """msgspec and orjson on the same JSON, for scale (not goals)."""
    lines = []
    try:
        import orjson

        loads = orjson.loads
        [(cpu, _)] = best_cpu(repeat, lambda: each(loads, texts))
        lines.append(f"for scale: orjson.loads {_us(cpu, len(texts))} CPU per school")
    except ImportError:
        pass
    try:
        import msgspec

        decode = msgspec.json.decode
        [(cpu, _)] = best_cpu(repeat, lambda: each(decode, texts))
        lines.append(f"for scale: msgspec.json.decode (untyped) {_us(cpu, len(texts))} CPU")
    except ImportError:
        pass
    return lines


# -- (a) engine.report against model_validate_json ------------------------------------------


def report(n: int = 2000, repeat: int = 5, seed: int = 0) -> Result:
    """`engine.report` with every first-party plugin, per school, against
    `Assessment.model_validate_json` of the same assessments' JSON; each round on `n`
    schools the engine has not seen (`_rounds`), after a round to warm it up."""
    engine, framework, missing = _engine()
    rounds = [_schools(framework, n, seed + 1 + k) for k in range(repeat)]
    texts = [[a.model_dump_json(by_alias=True).encode() for a in schools] for schools in rounds]
    validate = Assessment.model_validate_json
    made = 0

    def ours(schools: list[Assessment]) -> None:
        nonlocal made
        made = sum(len(engine.report(a, framework=framework).recommendations) for a in schools)

    ours(_schools(framework, n, seed))  # warm up: packs are compiled on first use

    def floor_round(k: int) -> None:
        each(validate, texts[k])

    def our_round(k: int) -> None:
        ours(rounds[k])

    floor, mine = _rounds(repeat, list(range(repeat)), floor_round, our_round)
    result = Result("(a) engine.report / model_validate_json", mine[0] / floor[0], 2.0, "x")
    result.details += [
        f"{n} schools of {framework.ref} a round, new to the engine each round, "
        f"{made / n:.1f} recommendations each; best of {repeat}",
        f"engine.report {_both(mine, n)}; model_validate_json {_both(floor, n)} per school",
        *_scale_lines(texts[0], repeat),
        f"plugins: {', '.join(sorted(i.name for i in engine.plugins()))}",
    ]
    if missing:
        result.details.append(f"WARNING: first-party plugins not installed: {', '.join(missing)}")
    return result


# -- (b) 240 single-test rules against 12 ------------------------------------------------------


def rules(n: int = 2000, repeat: int = 5, seed: int = 0) -> Result:
    """`engine.report` (every first-party plugin) with a pack of 240 single-test rules
    against the same with 12: the output grows with the rules, as it would. Each round on
    schools the engines have not seen (`_rounds`)."""
    _, framework, _ = _engine()
    rounds = [_schools(framework, n, seed + 1 + k) for k in range(repeat)]
    small = Engine(rule_packs=[rule_pack(framework, 12, tests=1, seed=seed)])
    big = Engine(rule_packs=[rule_pack(framework, 240, tests=1, seed=seed)])
    fired = {}

    def run(engine: Engine, name: str) -> Callable[[list[Assessment]], None]:
        def go(schools: list[Assessment]) -> None:
            fired[name] = sum(
                len(engine.report(a, framework=framework).recommendations) for a in schools
            )

        return go

    runs = run(small, "12"), run(big, "240")
    warm = _schools(framework, n, seed)
    for go in runs:
        go(warm)  # warm up
    t12, t240 = _rounds(repeat, rounds, runs[0], runs[1])
    result = Result("(b) 240 single-test rules / 12", t240[0] / t12[0], 1.5, "x")
    result.details += [
        f"{n} schools; engine.report with every first-party plugin and the pack; best of {repeat}",
        f"12 rules: {_both(t12, n)} per school, {fired['12'] / n:.1f} recommendations",
        f"240 rules: {_both(t240, n)} per school, {fired['240'] / n:.1f} recommendations",
    ]
    return result


# -- (c) and (d): the JSON Lines command ---------------------------------------------------------


def _jsonl(directory: str, n: int, seed: int) -> tuple[str, list[bytes]]:
    _, framework, _ = _engine()
    lines = [a.model_dump_json(by_alias=True).encode() for a in _schools(framework, n, seed)]
    path = os.path.join(directory, "cohort.jsonl")
    with open(path, "wb") as stream:
        stream.writelines(line + b"\n" for line in lines)
    return path, lines


#: What a click program over pydantic models with pluggy plugins pays before a line of ours
#: runs: the libraries imported, one entry-point group scanned, one model's validator built
#: and run on Python data and on JSON (as pydantic's first validator imports the rest of it
#: and scans for its own plugins). The start-up cannot go below it (round 56).
LIBRARIES = (
    "import click, pluggy, importlib.metadata as m\n"
    "m.entry_points(group='selfreview')\n"
    "from pydantic import BaseModel, ConfigDict\n"
    "class M(BaseModel):\n"
    "    model_config = ConfigDict(defer_build=True)\n"
    "    x: int\n"
    "M.model_validate({'x': 1}); M.model_validate_json('{\"x\": 1}')\n"
)


def _report_command(path: str, out: str, *extra: str) -> list[str] | None:
    exe = _executable("selfreview")
    return None if exe is None else [exe, "report", path, "--format", "json", "-o", out, *extra]


def jsonl(n: int = 5000, repeat: int = 3, seed: int = 0) -> Result:
    """`selfreview report X.jsonl --format json -o OUT` per school (a fresh process, its
    start included) against `model_validate_json` of each line."""
    name = "(c) report X.jsonl per school / model_validate_json"
    with tempfile.TemporaryDirectory(prefix="selfreview-bench-") as directory:
        path, lines = _jsonl(directory, n, seed)
        command = _report_command(path, os.path.join(directory, "out.jsonl"))
        if command is None:
            return Result(name, 0, 4.0, "x", skipped="selfreview is not installed")
        empty = os.path.join(directory, "empty.jsonl")
        Path(empty).write_bytes(b"")
        started = _report_command(empty, os.path.join(directory, "none.jsonl"))
        assert started is not None
        validate = Assessment.model_validate_json
        floor, ours = _alternating(repeat, lambda: each(validate, lines), command)
        start, imports, libraries = best_command(
            repeat,
            started,
            [sys.executable, "-c", "import selfreview_core.cli"],
            [sys.executable, "-c", LIBRARIES],
        )
        size = os.path.getsize(os.path.join(directory, "out.jsonl"))
    result = Result(name, ours[0] / floor[0], 4.0, "x")
    per_school = max(ours[0] - start[0], 0.0)
    result.details += [
        f"{n} schools in one JSON Lines file; best of {repeat}",
        f"the command {_both(ours, n)} per school ({_ms(ours[0])} CPU in all)",
        f"model_validate_json {_both(floor, n)} per line",
        f"start-up (the command on an empty file) {_ms(start[0])} CPU, of which importing "
        f"the CLI {_ms(imports[0])}: {_us(start[0], n)} a school at this size, "
        f"{start[0] / floor[0]:.1f}x the floor before any school is read",
        f"the libraries alone (click, pluggy, pydantic with one model validated, one "
        f"entry-point scan) {_ms(libraries[0])} CPU, the start-up's least",
        f"without the start-up: {_us(per_school, n)} CPU a school, "
        f"{per_school / floor[0]:.2f}x the floor",
        f"output {size / n / 1024:.1f} kB per school",
    ]
    return result


def _supports_jobs() -> bool:
    exe = _executable("selfreview")
    if exe is None:
        return False
    done = subprocess.run([exe, "report", "--help"], capture_output=True, text=True, check=False)
    return "--jobs" in done.stdout


def _removed(paths: Sequence[str]) -> None:
    """Each of `paths` removed, where it is: every timed run of (d) then writes its output
    afresh, as the first round's do. Later rounds' runs each replaced the output the round
    before had left, and the system drops the file replaced within the command's rename:
    60 to 155 ms of wall time for 400 MB (round 77), serial, the same whatever `--jobs`,
    in some runs of a best of three and not in others."""
    for path in paths:
        with suppress(FileNotFoundError):
            os.remove(path)


def jobs(n: int = 20_000, repeat: int = 3, seed: int = 0) -> Result:
    """The JSON Lines command with `--jobs 2` against `--jobs 1`: wall-time speed-up, on
    `n` schools (20,000 by default: about England's schools, the scale at which a batch is
    worth running in parallel, and the size issue 17's `collect --jobs` is measured at).

    Start-up (Python, the CLI, the engine and its plugins) is serial whatever the jobs:
    it is measured on its own (the command on an empty file), and the speed-up that it
    leaves possible at 5,000 schools is shown beside (Amdahl's law, with the rest of the
    run taken as halving perfectly).

    For scale, the machine's own ceiling: the two halves of the file as two independent
    `--jobs 1` commands started together (`_side_by_side`), which share nothing but the
    machine. On a virtual machine whose two cores are not really independent (a host's
    sibling threads, a quota) even they gain much less than 2x, and no `--jobs` can beat
    them: the line tells a run that missed the goal because of the code from one that
    missed it because of the machine."""
    name = "(d) --jobs 2 speed-up over --jobs 1"
    if not _supports_jobs():
        return Result(name, 0, 1.6, "x", skipped="`selfreview report` has no --jobs", higher=True)
    with tempfile.TemporaryDirectory(prefix="selfreview-bench-") as directory:
        path, lines = _jsonl(directory, n, seed)
        empty = os.path.join(directory, "empty.jsonl")
        Path(empty).write_bytes(b"")
        one = _report_command(path, os.path.join(directory, "one.jsonl"), "--jobs", "1")
        two = _report_command(path, os.path.join(directory, "two.jsonl"), "--jobs", "2")
        start = _report_command(empty, os.path.join(directory, "none.jsonl"))
        halves = []
        for k, part in enumerate((lines[: n // 2], lines[n // 2 :])):
            half = os.path.join(directory, f"half{k}.jsonl")
            Path(half).write_bytes(b"".join(line + b"\n" for line in part))
            halves.append(_report_command(half, os.path.join(directory, f"out{k}.jsonl")))
        assert one is not None
        assert two is not None
        assert start is not None
        assert None not in halves
        load = _load()
        t1 = t2 = t0 = pair = (float("inf"), float("inf"))
        written = [os.path.join(directory, f"{name}.jsonl") for name in ("one", "two", "none")]
        halved = [os.path.join(directory, f"out{k}.jsonl") for k in range(2)]
        for _ in range(repeat):  # alternating, as `best_command` alternates
            _removed(written)
            one_run, two_run, start_run = best_command(1, one, two, start)
            _removed(halved)
            pair_run = _side_by_side(*cast("list[list[str]]", halves))
            t1, t2, t0 = _best(t1, one_run), _best(t2, two_run), _best(t0, start_run)
            pair = _best(pair, pair_run)
        outputs = (Path(directory, name).read_bytes() for name in ("one.jsonl", "two.jsonl"))
        same = next(outputs) == next(outputs)
    result = Result(name, t1[1] / t2[1], 1.6, "x", higher=True)
    ceiling = t1[1] / pair[1]
    work = max(t1[1] - t0[1], 0.0) * 5000 / n  # the rest of the run, at 5,000 schools
    cap = (t0[1] + work) / (t0[1] + work / 2) if work else 1.0
    result.details += [
        f"{n} schools; best of {repeat}, each run writing its output afresh; {load}",
        f"--jobs 1: {_ms(t1[1])} wall, {_ms(t1[0])} CPU; --jobs 2: {_ms(t2[1])} wall, "
        f"{_ms(t2[0])} CPU (all processes)",
        f"start-up (an empty file): {_ms(t0[1])} wall, serial whatever the jobs; at 5,000 "
        f"schools it leaves at most {cap:.2f}x",
        f"for scale, the machine's own ceiling: the two halves as two independent --jobs 1 "
        f"commands side by side, {_ms(pair[1])} wall: {ceiling:.2f}x; --jobs 2 reached "
        f"{result.value / ceiling:.0%} of it",
        f"processor beyond --jobs 1's: --jobs 2 {_ms(t2[0] - t1[0])}, the two halves side by "
        f"side {_ms(pair[0] - t1[0] - t0[0])} ({_ms(pair[0])} CPU, less the second half's "
        f"start-up), which share nothing: what any two processes cost beside one",
        f"outputs byte-identical: {same}",
    ]
    if not same:
        result.value = 0.0
        result.details.append("ERROR: the outputs differ")
    return result


# -- (e) cold start of validate against yamllint -------------------------------------------------


def validate(repeat: int = 10) -> Result:
    """A cold `selfreview validate frameworks/*.yaml` against `yamllint` on the same files:
    fresh processes, bytecode cached (as installed), best of `repeat`."""
    name = "(e) cold validate / yamllint"
    ours, theirs = _executable("selfreview"), _executable("yamllint")
    if ours is None or theirs is None:
        missing = "selfreview" if ours is None else "yamllint"
        return Result(name, 0, 1.0, "x", skipped=f"{missing} is not installed")
    files = sorted(os.fspath(p.relative_to(ROOT)) for p in (ROOT / "frameworks").glob("*.yaml"))
    mine, yamllint = [ours, "validate", *files], [theirs, *files]
    python = [sys.executable, "-c", ""]
    best_command(1, mine, yamllint)  # bytecode written, files cached
    t_ours, t_theirs, t_python = best_command(repeat, mine, yamllint, python)
    result = Result(name, t_ours[0] / t_theirs[0], 1.0, "x")
    result.details += [
        f"{len(files)} file(s); best of {repeat}",
        f"selfreview validate {_ms(t_ours[0])} CPU, {_ms(t_ours[1])} wall; yamllint "
        f"{_ms(t_theirs[0])} CPU, {_ms(t_theirs[1])} wall; python -c '' {_ms(t_python[0])} CPU",
    ]
    return result


GOALS: dict[str, Callable[..., Result]] = {
    "report": report,
    "rules": rules,
    "jsonl": jsonl,
    "jobs": jobs,
    "validate": validate,
}
