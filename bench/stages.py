"""Where the end-to-end pipeline's time goes: each stage timed on its own, per school.

    python -m bench.stages              # 2000 schools, best of 5 (about a minute)
    python -m bench.stages -n 500 --repeat 3

The stages run over the same generated reviews as the `pipeline` benchmark (`bench.data`),
each from what the stage before made (kept in memory, so that only the stage is timed).
They add up to a little less than the whole: the whole also pays for the engine calling
its plugins one by one and for garbage collection. Nothing is kept between rounds but
what the library itself keeps (a framework's next steps, a rule pack's recommendations).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

import yaml

if __package__ in (None, ""):  # run as `python bench/stages.py`
    sys.path.insert(0, os.fspath(Path(__file__).resolve().parents[1]))

from bench.benchmarks import best_of, first_party_engine
from bench.data import assessment_texts
from selfreview_core import Assessment, check_assessment, load_assessment, score
from selfreview_core.default_plugins import next_steps as nextsteps
from selfreview_core.facts import Facts
from selfreview_core.files.source import parse_text
from selfreview_core.loader import assessment_from
from selfreview_core.recommending import order_keyed, sort_key
from selfreview_core.rules.index import CompiledRules

T = TypeVar("T")

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader


def _each(items: Iterable[T], stage: Callable[[T], object]) -> Callable[[], None]:
    """Run `stage` on every item, keeping nothing (kept results would slow the collector)."""
    listed = list(items)

    def run() -> None:
        for item in listed:
            stage(item)

    return run


def stages(n: int) -> dict[str, Callable[[], None]]:
    engine, missing = first_party_engine()
    if missing:
        print(f"warning: first-party plugins not installed: {', '.join(missing)}")
    framework = engine.framework("becta-srf")
    names_texts = [(f"school-{i}.yaml", t) for i, t in enumerate(assessment_texts(framework, n))]
    sources = [parse_text(text, name) for name, text in names_texts]
    loaded = [assessment_from(source, framework) for source in sources]
    profiles = [score(framework, a) for a in loaded]
    compiled = CompiledRules(framework, (entry.pack for entry in engine.rule_packs()))
    plugin = engine.plugin_manager.get_plugin("lea-support")
    made = [
        [
            *nextsteps.selfreview_recommend(framework, p),
            *(plugin.selfreview_recommend(framework, p, None) if plugin else ()),
            *compiled.recommendations(Facts(p)),
        ]
        for p in profiles
    ]
    # Each recommendation's sort key, as the engine knows it from where it came.
    keyed = [(found, [sort_key(framework, rec) for rec in found]) for found in made]
    engine.report(loaded[0], framework=framework)  # rule packs load on first use

    def floor(text: str) -> object:
        return Assessment.model_validate(yaml.load(text, Loader=_Loader))

    def ours(item: tuple[str, str]) -> object:
        name, text = item
        return engine.report(load_assessment(name, framework, text=text), framework=framework)

    return {
        "floor: yaml.load (CSafeLoader) + model_validate": _each(
            (t for _, t in names_texts), floor
        ),
        "ours: load_assessment + engine.report": _each(names_texts, ours),
        "parse YAML (parse_text)": _each(
            names_texts,
            lambda item: parse_text(item[1], item[0]),
        ),
        "checks against the framework + model (assessment_from)": _each(
            sources, lambda s: assessment_from(s, framework)
        ),
        "engine.report: check the assessment again (check_assessment)": _each(
            loaded, lambda a: check_assessment(framework, a)
        ),
        "score (Profile)": _each(loaded, lambda a: score(framework, a)),
        "next-steps plugin": _each(
            profiles,
            lambda p: nextsteps.selfreview_recommend(framework, p),
        ),
        "lea-support plugin": _each(
            profiles,
            lambda p: plugin.selfreview_recommend(framework, p, None) if plugin else None,
        ),
        "the two rule packs (CompiledRules.recommendations)": _each(
            profiles,
            lambda p: list(compiled.recommendations(Facts(p))),
        ),
        "ordering and merging (order_keyed)": _each(
            keyed,
            lambda found: order_keyed(*found),
        ),
        "the whole engine.report": _each(loaded, lambda a: engine.report(a, framework=framework)),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=2000, help="assessments (default 2000)")
    parser.add_argument("--repeat", type=int, default=5, help="rounds (default 5)")
    args = parser.parse_args(argv)
    runs = stages(args.n)
    times = best_of(args.repeat, *runs.values())
    width = max(map(len, runs))
    floor = times[0]
    for name, seconds in zip(runs, times, strict=True):
        print(f"{name:<{width}}  {seconds / args.n * 1e6:7.1f} µs  {seconds / floor:5.2f}× floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
