"""The long fuzz run: many thousands of mutated files through every loader (and the CLI).

    python tests/fuzz/longrun.py --iterations 20000 --seed 1 [--cli-every 50] [--out DIR]

Each iteration is reproducible from `--seed` and its number. An input that breaks the
contract (any exception but `SelfReviewError`, a diagnostic without its file or outside the
text, a hang) is written to `--out` with the reason in its name; copy it to
tests/data/crashes/ once fixed (see docs/robustness.md).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `fuzz` is a package in tests/

from fuzz.harness import Hang, check_cli, check_loaders
from fuzz.mutations import mutate, seeds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--iterations", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cli-every", type=int, default=0, help="also run the CLI every N")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "fuzz-crashes")
    options = parser.parse_args(argv)

    all_seeds = seeds()
    failures: dict[str, int] = {}
    started = time.perf_counter()
    for iteration in range(options.iterations):
        rng = random.Random(options.seed * 1_000_003 + iteration)
        name, raw = rng.choice(all_seeds)
        data = mutate(name, raw, rng, rng.randint(1, 6))
        as_text = rng.random() < 0.3
        given: str | bytes = data.decode("utf-8", "replace") if as_text else data
        try:
            check_loaders(name, given)
            if options.cli_every and iteration % options.cli_every == 0:
                with tempfile.TemporaryDirectory() as tmp:
                    path = Path(tmp) / name
                    path.write_bytes(data)
                    check_cli(path)
        except (Exception, Hang) as error:
            reason = type(error).__name__
            failures[reason] = failures.get(reason, 0) + 1
            options.out.mkdir(parents=True, exist_ok=True)
            stem, _, suffix = name.rpartition(".")
            saved = options.out / f"{reason}-{options.seed}-{iteration}-{stem}.{suffix}"
            saved.write_bytes(given.encode("utf-8") if isinstance(given, str) else given)
            print(f"iteration {iteration}: {reason}: {error!s:.200} -> {saved}")
            if failures[reason] <= 3:
                traceback.print_exc(limit=-4)
        if iteration and iteration % 5000 == 0:
            elapsed = time.perf_counter() - started
            print(f"{iteration} inputs in {elapsed:.0f} s, {sum(failures.values())} failing")
    elapsed = time.perf_counter() - started
    print(
        f"{options.iterations} inputs in {elapsed:.1f} s: "
        f"{sum(failures.values())} failing {failures or ''}"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
