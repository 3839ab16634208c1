"""Profile the end-to-end pipeline (the `pipeline` benchmark's `ours` side) with cProfile.

python -m bench.profile_pipeline                  # 2000 schools, top 30 by own time
python -m bench.profile_pipeline -n 500 --sort cumulative --top 50
python -m bench.profile_pipeline -o pipeline.prof # also save the stats (for snakeviz etc.)
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/profile_pipeline.py`
    sys.path.insert(0, os.fspath(Path(__file__).resolve().parents[1]))

from bench.benchmarks import first_party_engine
from bench.data import assessment_texts
from selfreview_core import load_assessment


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=2000, help="assessments (default 2000)")
    parser.add_argument("--sort", default="tottime", help="pstats sort key (default tottime)")
    parser.add_argument("--top", type=int, default=30, help="rows to print (default 30)")
    parser.add_argument("-o", "--output", help="write the raw stats to this file")
    args = parser.parse_args(argv)

    engine, missing = first_party_engine()
    if missing:
        print(f"warning: first-party plugins not installed: {', '.join(missing)}")
    framework = engine.framework("becta-srf")
    texts = list(assessment_texts(framework, args.n))
    engine.report(load_assessment("warm.yaml", framework, text=texts[0]), framework=framework)

    profiler = cProfile.Profile()
    profiler.enable()
    for i, text in enumerate(texts):
        assessment = load_assessment(f"school-{i}.yaml", framework, text=text)
        engine.report(assessment, framework=framework)
    profiler.disable()

    if args.output:
        profiler.dump_stats(args.output)
    stats = pstats.Stats(profiler)
    stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
