"""How long a plugin's progress bar takes when what it prints is held a line at a time
(`isolation.whole_lines`; docs/performance.md, "Plugins that print").

    python -m bench.held_lines            # 10,000 to 40,000 redraws of a 100-character bar
                                          # with `\\r`, and 80,000 to 320,000 dots

A plugin printing a progress bar redraws it with `\\r` and never ends the line; the program
holds what it prints until a line ends (so `--jobs` workers' lines do not run into one
another). The floor is the same writes from a plugin call with nothing held (a program
embedding the engine). Each time is the best
of three; CPU time is given beside wall time, since this machine is shared. Before round 63
the held text was joined again at every write: 20,000 redraws took 4.7 s.
"""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/held_lines.py`
    sys.path.insert(0, os.fspath(Path(__file__).resolve().parents[1]))

from selfreview_core.isolation import process_state
from selfreview_core.isolation.output import plugin_output


class _Null(io.StringIO):
    """Standard error that keeps nothing: only the holding is measured."""

    def write(self, text: str) -> int:
        return len(text)


def _timed(work: Callable[[], None]) -> tuple[float, float]:
    """The best CPU and wall seconds of three runs of `work`."""
    best_cpu = best_wall = float("inf")
    for _ in range(3):
        cpu, wall = time.process_time(), time.perf_counter()
        work()
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return best_cpu, best_wall


def held(writes: int, piece: str) -> tuple[float, float]:
    """`writes` writes of `piece` from a plugin call, standard error kept as the program
    keeps it."""
    err, real = _Null(), sys.stderr

    def work() -> None:
        sys.stderr = err
        process_state.kept = process_state.Kept(None, err)
        try:
            with plugin_output():
                for _ in range(writes):
                    sys.stdout.write(piece)
        finally:
            sys.stderr, process_state.kept = real, None

    return _timed(work)


def floor(writes: int, piece: str) -> tuple[float, float]:
    """The same writes from a plugin call, held by nothing (as a program embedding the
    engine has them): the proxy's own cost, without the holding."""
    err, real = _Null(), sys.stderr

    def work() -> None:
        sys.stderr = err
        try:
            with plugin_output():
                for _ in range(writes):
                    sys.stdout.write(piece)
        finally:
            sys.stderr = real

    return _timed(work)


def main() -> int:
    cases = [(n, "\r" + "#" * 99, "redraws of a 100-character bar") for n in (10_000, 40_000)]
    cases += [(n, ".", "dots") for n in (80_000, 320_000)]
    for writes, piece, what in cases:
        cpu, wall = held(writes, piece)
        floor_cpu, _ = floor(writes, piece)
        print(
            f"{writes:>7,} {what}: {cpu * 1000:7.1f} ms CPU, {wall * 1000:7.1f} ms wall;"
            f" floor {floor_cpu * 1000:5.1f} ms CPU ({cpu / floor_cpu:.0f}x, about"
            f" {cpu / writes * 1e6:.2f} µs a write)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
