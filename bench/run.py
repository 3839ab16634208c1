"""Run the five goals of issue 15 and print each as MET or NOT MET.

    python -m bench.run                  # the five goals, at the sizes docs/performance.md quotes
    python -m bench.run --quick          # small sizes: a quick check, noisier figures
    python -m bench.run --only report,validate
    python -m bench.run --extra          # also the earlier benchmarks (not goals)
    python bench/run.py                  # the same, as a plain script

Exit status: 0 when every goal is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/run.py`
    sys.path.insert(0, os.fspath(Path(__file__).resolve().parents[1]))

from bench.benchmarks import BENCHMARKS, Result
from bench.goals import GOALS

#: (full, quick) keyword arguments of each goal.
SIZES: dict[str, tuple[dict[str, int], dict[str, int]]] = {
    "report": ({"n": 2000, "repeat": 5}, {"n": 300, "repeat": 3}),
    "rules": ({"n": 2000, "repeat": 5}, {"n": 300, "repeat": 3}),
    "jsonl": ({"n": 5000, "repeat": 3}, {"n": 1000, "repeat": 2}),
    "jobs": ({"n": 20_000, "repeat": 3}, {"n": 2000, "repeat": 2}),
    "validate": ({"repeat": 10}, {"repeat": 5}),
}
#: The earlier benchmarks (issue 6), run with --extra; not goals of this table.
EXTRA_SIZES: dict[str, dict[str, int]] = {
    "pipeline": {"n": 2000, "repeat": 5},
    "rule-engine": {"n": 300, "repeat": 3},
    "memory": {"n": 300},
}


def cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return f"{line.split(':', 1)[1].strip()} ({os.cpu_count()} CPUs)"
    except OSError:
        pass
    return f"{platform.processor() or platform.machine()} ({os.cpu_count()} CPUs)"


def table(results: list[Result]) -> str:
    rows = [("goal", "measured", "target", "status")]
    for r in results:
        status = "SKIPPED" if r.skipped else ("MET" if r.met else "NOT MET")
        rows.append((r.name, r.figure(), r.goal(), status))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _show(result: Result, seconds: float) -> None:
    print(f"\n== {result.name} ({seconds:.1f} s)")
    if result.skipped:
        print(f"   skipped: {result.skipped}")
    for line in result.details:
        print(f"   {line}")
    print(f"   => {result.figure()} (goal {result.goal()})", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (noisier)")
    parser.add_argument("--only", default="", help=f"comma-separated, of: {', '.join(GOALS)}")
    parser.add_argument("--extra", action="store_true", help="also the earlier benchmarks")
    args = parser.parse_args(argv)
    names = [n for n in args.only.split(",") if n] or list(GOALS)
    unknown = [n for n in names if n not in GOALS]
    if unknown:
        parser.error(f"unknown goal(s): {', '.join(unknown)}")

    print(f"python {platform.python_version()} ({sys.executable}) on {cpu()}")
    if hasattr(os, "getloadavg"):
        print("load average at the start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    results = []
    for name in names:
        started = time.perf_counter()
        result = GOALS[name](**SIZES[name][1 if args.quick else 0])
        results.append(result)
        _show(result, time.perf_counter() - started)
    if args.extra:
        print("\n-- earlier benchmarks (issue 6), not goals of this table --")
        for name, kwargs in EXTRA_SIZES.items():
            started = time.perf_counter()
            _show(BENCHMARKS[name](**kwargs), time.perf_counter() - started)
    print()
    print(table(results))
    return 0 if all(r.met for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
