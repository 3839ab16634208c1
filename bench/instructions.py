"""Instruction counts, for changes too small for this machine's timings to show.

    python -m bench.instructions report            # engine.report, instructions a school
    python -m bench.instructions jsonl             # the JSON Lines command: start-up, a school
    python -m bench.instructions report --small 50 --large 200
    python -m bench.instructions report --rules 240  # (b)'s engine: a pack of 240 rules

`valgrind --tool=callgrind` counts the instructions a program runs, and the count is the
same whatever else the machine is doing, where a timing on a shared machine moves by more
than most changes (docs/performance.md, rounds 29 and 30). Each figure is the difference of
two runs that differ only in the number of schools, so that start-up, imports and warming
up cancel out:

- `report`: one engine with every first-party plugin, warmed on 200 schools, then
  `engine.report` of `--small` and of `--large` schools new to it (as `bench.goals.report`
  makes them); a school is the difference over `--large - --small`. With `--rules N`,
  the engine of goal (b) instead: every first-party plugin and a pack of N single-test
  rules (`bench.goals.rules`, whose 240 against 12 is the goal).
- `jsonl`: `selfreview report X.jsonl --format json -o OUT` on an empty file (start-up) and
  on `--schools` lines (as `bench.goals.jsonl` writes them).

`PYTHONHASHSEED` is fixed (0, or `--seed`): the same tree's count moves by up to 3 % with
the hash seed, as tables keyed by strings and ids collide differently, so only counts under
one seed compare. Needs valgrind (Debian's package); about a minute each.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence

from bench.benchmarks import ROOT, _executable
from bench.goals import _environment

__all__ = ["count", "main"]

_COLLECTED = re.compile(r"Collected : (\d+)")


def count(command: Sequence[str], seed: int = 0) -> int:
    """The instructions `command` runs, by callgrind (with bytecode written, as installed).

    The command runs once first without callgrind: in a fresh checkout (no `__pycache__`)
    the first run compiles every module it imports, tens of millions of instructions that
    a later run does not pay, so that `report`'s difference of two runs came out negative
    or a sixth of the truth (round 59)."""
    env = _environment()
    env["PYTHONHASHSEED"] = str(seed)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (os.fspath(ROOT), env.get("PYTHONPATH"))))
    subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    found = _COLLECTED.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"{' '.join(command)} under callgrind failed:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def _reports(small: int, large: int, rules: int = 0) -> None:
    """The program counted for `report`: `small` of `large` new schools reported (by the
    engine of goal (b), with a pack of `rules` single-test rules, when not 0)."""
    from bench.data import rule_pack
    from bench.goals import _engine, _schools
    from selfreview_core import Engine

    engine, framework, _ = _engine()
    if rules:
        engine = Engine(rule_packs=[rule_pack(framework, rules, tests=1, seed=0)])
    for assessment in _schools(framework, 200, 0):
        engine.report(assessment, framework=framework)
    for assessment in _schools(framework, large, 7)[:small]:
        engine.report(assessment, framework=framework)


def report(small: int, large: int, seed: int, rules: int = 0) -> str:
    program = [sys.executable, "-m", "bench.instructions", "--inner"]
    pack = [str(rules)] if rules else []
    few = count([*program, str(small), str(large), *pack], seed)
    many = count([*program, str(large), str(large), *pack], seed)
    what = f"engine.report with {rules} single-test rules" if rules else "engine.report"
    return f"{what}: {(many - few) / (large - small):,.0f} instructions a school"


def jsonl(schools: int, seed: int) -> str:
    from bench.goals import _jsonl, _report_command

    with tempfile.TemporaryDirectory(prefix="selfreview-instructions-") as directory:
        path, _ = _jsonl(directory, schools, 0)
        empty = os.path.join(directory, "empty.jsonl")
        open(empty, "wb").close()
        out = os.path.join(directory, "out.jsonl")
        start_command, command = _report_command(empty, out), _report_command(path, out)
        if start_command is None or command is None:
            raise RuntimeError("`selfreview` is not installed")
        start = count(start_command, seed)
        whole = count(command, seed)
    return (
        f"the JSON Lines command: start-up {start / 1e6:,.1f} M instructions, "
        f"{(whole - start) / schools:,.0f} a school ({schools} schools)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.instructions")
    parser.add_argument("what", choices=("report", "jsonl"))
    parser.add_argument("--small", type=int, default=100, help="report: the fewer schools")
    parser.add_argument("--large", type=int, default=400, help="report: the more schools")
    parser.add_argument("--schools", type=int, default=1000, help="jsonl: lines in the file")
    parser.add_argument("--seed", type=int, default=0, help="PYTHONHASHSEED for both runs")
    parser.add_argument(
        "--rules", type=int, default=0, help="report: a pack of this many rules, as (b)'s"
    )
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("SKIPPED: valgrind is not installed (Debian: apt-get install valgrind)")
        return 1
    if _executable("selfreview") is None and args.what == "jsonl":
        print("SKIPPED: `selfreview` is not installed")
        return 1
    if args.what == "report":
        if not 0 <= args.small < args.large:
            parser.error("--small must be at least 0 and less than --large")
        if args.rules < 0:
            parser.error("--rules must be at least 0")
        print(report(args.small, args.large, args.seed, args.rules))
    else:
        print(jsonl(args.schools, args.seed))
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--inner"]:
        _reports(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]) if sys.argv[4:] else 0)
    else:
        sys.exit(main())
