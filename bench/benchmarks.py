"""The five benchmarks of issue 6, each measuring its two sides in the same run.

Every function returns a `Result`: the measured figure, the goal it is held to and the
absolute numbers behind it. Timings are the best of several interleaved repeats (the
minimum is the least disturbed by other work on the machine), so a ratio compares two
measurements taken under the same conditions.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import yaml

from bench.data import (
    assessment_from_text,
    assessment_pair_texts,
    assessment_text,
    assessment_texts,
    rule_pack,
    symbol,
    to_rule_engine,
)
from selfreview_core import Assessment, Engine, Framework, compare, load_assessment, score
from selfreview_core.facts import Facts
from selfreview_core.rules.index import CompiledRules, fires_naively

__all__ = [
    "FIRST_PARTY",
    "ROOT",
    "Result",
    "best_of",
    "cli_cold_start",
    "memory",
    "pipeline",
    "rule_engine_comparison",
    "rule_scaling",
]

ROOT = Path(__file__).resolve().parents[1]
#: The first-party plugins the end-to-end pipeline runs with (entry-point names).
FIRST_PARTY = ("becta-leadership", "lea-support", "parental-engagement")

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader


@dataclass
class Result:
    """One goal: `value` (a ratio, or megabytes) against `limit`; lower is better."""

    name: str
    value: float
    limit: float
    unit: str  # "x" for a ratio, "MB" for memory
    details: list[str] = field(default_factory=list)
    skipped: str | None = None
    #: A goal to reach or pass (a speed-up), not to stay under.
    higher: bool = False

    @property
    def met(self) -> bool:
        if self.skipped is not None:
            return False
        return self.value >= self.limit if self.higher else self.value <= self.limit

    def figure(self) -> str:
        if self.skipped is not None:
            return "-"
        digits = 3 if 0 < self.value < 0.1 else 2  # so that a small ratio is not 0.00
        return f"{self.value:.{digits}f}{'×' if self.unit == 'x' else ' ' + self.unit}"

    def goal(self) -> str:
        sign = "≥" if self.higher else "≤"
        return f"{sign} {self.limit:g}{'×' if self.unit == 'x' else ' ' + self.unit}"


def best_of(repeat: int, *runs: Callable[[], object]) -> list[float]:
    """The best time of each run, over `repeat` rounds in which the runs alternate."""
    best = [float("inf")] * len(runs)
    for _ in range(repeat):
        for i, run in enumerate(runs):
            gc.collect()
            start = time.perf_counter()
            run()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:.1f} µs"


def first_party_engine() -> tuple[Engine, list[str]]:
    """`Engine()` as a user gets it, and the first-party plugins missing from it."""
    engine = Engine()
    loaded = {info.name for info in engine.plugins()}
    return engine, [name for name in FIRST_PARTY if name not in loaded]


# -- 1. end-to-end pipeline against bare pydantic validation --------------------------------


def pipeline(n: int = 2000, repeat: int = 5, seed: int = 0) -> Result:
    """Load + check + score + recommend (all first-party plugins) against the floor:
    `yaml.load` with libyaml's CSafeLoader and `Assessment.model_validate`, on the same texts."""
    engine, missing = first_party_engine()
    framework = engine.framework("becta-srf")
    texts = list(assessment_texts(framework, n, seed))
    names = [f"school-{i}.yaml" for i in range(n)]
    recommendations = 0

    def floor() -> None:
        for text in texts:
            Assessment.model_validate(yaml.load(text, Loader=_Loader))

    def ours() -> None:
        nonlocal recommendations
        recommendations = 0
        for name, text in zip(names, texts, strict=True):
            assessment = load_assessment(name, framework, text=text)
            report = engine.report(assessment, framework=framework)
            recommendations += len(report.recommendations)

    ours()  # warm up: rule packs are loaded and compiled on first use
    floor_time, ours_time = best_of(repeat, floor, ours)
    result = Result("end-to-end pipeline / bare pydantic", ours_time / floor_time, 2.0, "x")
    result.details += [
        f"{n} assessments of {framework.ref}; best of {repeat}",
        f"ours {_ms(ours_time)} ({_us(ours_time / n)} each, "
        f"{recommendations / n:.1f} recommendations each), "
        f"floor {_ms(floor_time)} ({_us(floor_time / n)} each)",
        f"plugins: {', '.join(sorted(i.name for i in engine.plugins()))}",
    ]
    if missing:
        result.details.append(f"WARNING: first-party plugins not installed: {', '.join(missing)}")
    return result


# -- 2. rule scaling, 3. against rule-engine ------------------------------------------------


def _facts(framework: Framework, n: int, seed: int) -> list[Facts]:
    """Schools with a previous review, so `improved`/`regressed` tests are live too."""
    facts = []
    for i in range(n):
        before, after = (assessment_from_text(t) for t in assessment_pair_texts(framework, i, seed))
        facts.append(Facts(score(framework, after), compare(framework, before, after)))
    return facts


def _bundled() -> Framework:
    return Engine(entry_points=False).framework("becta-srf")


def _drain(compiled: CompiledRules, facts: Sequence[Facts]) -> int:
    fired = 0
    for item in facts:
        for _ in compiled.fired(item):
            fired += 1
    return fired


#: Tests per rule of the 240-rule pack: four-test conjunctions fire about as many rules per
#: school as the 12 single tests do, so the two packs give the same output.
BIG_PACK_TESTS = 4


def rule_scaling(n: int = 2000, repeat: int = 5, seed: int = 0) -> Result:
    """`CompiledRules.fired` for a pack of 240 rules against a pack of 12, same schools.

    The 12 rules are single tests; the 240 are conjunctions of four (a larger pack is made
    of more specific rules), so that both fire about as many rules per school and the ratio
    is the cost of *finding* them, not of a larger output. For contrast, 240-rule packs of
    single tests and of three-test conjunctions (which fire 15 and 3 times as many) are timed
    too, and a loop checking every rule (`fires_naively`) over both packs."""
    framework = _bundled()
    facts = _facts(framework, n, seed)
    small_pack = rule_pack(framework, 12, tests=1, seed=seed)
    big_pack = rule_pack(framework, 240, tests=BIG_PACK_TESTS, seed=seed)
    packs = {
        "12": small_pack,
        "240": big_pack,
        "240x1": rule_pack(framework, 240, tests=1, seed=seed),
        "240x3": rule_pack(framework, 240, tests=3, seed=seed),
    }
    compiled = {name: CompiledRules(framework, [pack]) for name, pack in packs.items()}
    fired = {name: _drain(c, facts) / n for name, c in compiled.items()}
    times = dict(
        zip(
            compiled,
            best_of(repeat, *(partial(_drain, c, facts) for c in compiled.values())),
            strict=True,
        )
    )
    scale = framework.scale
    few = facts[: max(1, n // 10)]  # the naive loop is slow: a tenth of the schools
    naive_small, naive_big = best_of(
        max(1, repeat // 2),
        lambda: [fires_naively(small_pack, scale, f) for f in few],
        lambda: [fires_naively(big_pack, scale, f) for f in few],
    )
    result = Result("rule scaling: 240 rules / 12 rules", times["240"] / times["12"], 1.5, "x")
    result.details += [
        f"{n} schools (each with a previous review); CompiledRules.fired; best of {repeat}",
        f"12 single-test rules: {_ms(times['12'])} ({_us(times['12'] / n)} per school), "
        f"{fired['12']:.2f} fire per school",
        f"240 {BIG_PACK_TESTS}-test rules: {_ms(times['240'])} ({_us(times['240'] / n)} per "
        f"school), {fired['240']:.2f} fire per school",
        "not goals, for contrast (their output is larger):",
        f"  240 single-test rules: {times['240x1'] / times['12']:.2f}× the 12 "
        f"({fired['240x1']:.2f} fire per school)",
        f"  240 three-test rules: {times['240x3'] / times['12']:.2f}× the 12 "
        f"({fired['240x3']:.2f} fire per school)",
        f"  checking every rule (fires_naively, {len(few)} schools): "
        f"240 rules {naive_big / naive_small:.1f}× the 12, "
        f"{naive_big / (times['240'] * len(few) / n):.0f}× the index's time",
    ]
    return result


def _rule_engine_things(facts: Facts) -> dict[str, int | None]:
    profile = facts.profile
    thing: dict[str, int | None] = {}
    for table in (profile.strands, profile.aspects, profile.elements):
        for node_id, level in table.items():
            thing[symbol(node_id)] = level
            thing[symbol(node_id, "change")] = facts.change(node_id)
    return thing


def rule_engine_comparison(n: int = 300, repeat: int = 3, seed: int = 0) -> Result:
    """The 240-rule pack in the `rule-engine` package (one `Rule` per rule, each asked
    `matches`) against our index, on the same schools; their results are checked equal."""
    try:
        import rule_engine
    except ImportError:
        return Result(
            "240 rules: ours / rule-engine", 0, 0.5, "x",
            skipped="rule-engine is not installed (pip install -e '.[bench]')",
        )  # fmt: skip
    framework = _bundled()
    facts = _facts(framework, n, seed)
    pack = rule_pack(framework, 240, tests=BIG_PACK_TESTS, seed=seed)
    compiled = CompiledRules(framework, [pack])
    context = rule_engine.Context(default_value=None)
    rules = [
        (rule.id, rule_engine.Rule(to_rule_engine(rule.when, framework), context))
        for rule in pack.rules
    ]

    def theirs_fired(item: Facts) -> list[str]:
        thing = _rule_engine_things(item)
        return [rule_id for rule_id, rule in rules if rule.matches(thing)]

    def ours_fired(item: Facts) -> list[str]:
        return [rule.id for _, rule in compiled.fired(item)]

    disagree = sum(ours_fired(f) != theirs_fired(f) for f in facts)
    t_ours, t_theirs = best_of(
        repeat,
        lambda: [ours_fired(f) for f in facts],
        lambda: [theirs_fired(f) for f in facts],
    )
    result = Result("240 rules: ours / rule-engine", t_ours / t_theirs, 0.5, "x")
    result.details += [
        f"{n} schools; rule-engine {getattr(rule_engine, '__version__', '?')}; best of {repeat}",
        f"ours {_ms(t_ours)} ({_us(t_ours / n)} per school), "
        f"rule-engine {_ms(t_theirs)} ({_us(t_theirs / n)} per school)",
        f"both fire the same rules for {n - disagree} of {n} schools",
    ]
    if disagree:
        result.value = float("inf")
        result.details.append("ERROR: the two disagree; the comparison is void")
    return result


# -- 4. CLI cold start --------------------------------------------------------------------


def _executable(name: str) -> str | None:
    beside = Path(sys.executable).parent / name
    return os.fspath(beside) if beside.exists() else shutil.which(name)


def cli_cold_start(repeat: int = 10) -> Result:
    """`selfreview validate frameworks/*.yaml` against `check-jsonschema` with our exported
    schema on the same files: two fresh processes, best of `repeat` interleaved runs."""
    name = "CLI cold start: validate / check-jsonschema"
    ours_exe, theirs_exe = _executable("selfreview"), _executable("check-jsonschema")
    if ours_exe is None or theirs_exe is None:
        missing = "selfreview" if ours_exe is None else "check-jsonschema"
        return Result(name, 0, 0.8, "x", skipped=f"{missing} is not installed")
    files = sorted(os.fspath(p.relative_to(ROOT)) for p in (ROOT / "frameworks").glob("*.yaml"))
    schema = os.fspath(Path("docs", "schema", "framework.json"))
    ours_cmd = [ours_exe, "validate", *files]
    theirs_cmd = [theirs_exe, "--schemafile", schema, *files]
    # Start-up as an installed program has it: with its modules' bytecode cached. An
    # editable install has none until a first run writes it, and PYTHONDONTWRITEBYTECODE
    # (set in some sandboxes) would make every run compile our sources again, while the
    # other side's were compiled when pip installed them.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for command in (ours_cmd, theirs_cmd):  # both must succeed, or the timing means nothing
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            return Result(name, 0, 0.8, "x", skipped=f"{command[0]} failed: {done.stderr[-300:]}")

    def run(command: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True)

    baseline_cmd = [sys.executable, "-c", "pass"]
    t_ours, t_theirs, t_python = best_of(repeat, run(ours_cmd), run(theirs_cmd), run(baseline_cmd))
    result = Result(name, t_ours / t_theirs, 0.8, "x")
    result.details += [
        f"{len(files)} file(s): {' '.join(files)}; best of {repeat}",
        f"selfreview validate {_ms(t_ours)}, check-jsonschema {_ms(t_theirs)} "
        f"(python -c pass: {_ms(t_python)})",
    ]
    return result


# -- 5. memory ----------------------------------------------------------------------------


def _files(framework: Framework, n: int, seed: int, directory: str) -> Iterator[str]:
    """`n` assessment files, each written just before it is read and removed after: the
    input is made lazily and the disk holds one file at a time. (Plain strings, not
    `pathlib` paths, whose parts are interned: that table would grow with the input.)"""
    for i in range(n):
        path = os.path.join(directory, f"school-{i}.yaml")
        with open(path, "w", encoding="utf-8") as stream:
            stream.write(assessment_text(framework, i, seed))
        yield path
        os.unlink(path)


def _peak(engine: Engine, framework: Framework, n: int, seed: int) -> tuple[float, int]:
    """Peak traced memory (bytes over the start) while consuming `report_many` over `n`."""
    with tempfile.TemporaryDirectory(prefix="selfreview-bench-") as directory:
        gc.collect()
        tracemalloc.start()
        try:
            start = tracemalloc.get_traced_memory()[0]
            count = 0
            for report in engine.report_many(_files(framework, n, seed, directory)):
                count += len(report.recommendations) >= 0
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    return float(peak - start), count


def memory(n: int = 300, seed: int = 0) -> Result:
    """Peak memory (tracemalloc) of consuming `Engine.report_many` over `n` and `10 n`
    assessment files: it must not grow by more than 20 MB."""
    engine, _ = first_party_engine()
    framework = engine.framework("becta-srf")
    _peak(engine, framework, 3, seed + 1)  # warm up: packs load and compile on first use
    small, count_small = _peak(engine, framework, n, seed)
    large, count_large = _peak(engine, framework, 10 * n, seed)
    growth = (large - small) / 2**20
    result = Result(f"memory: report_many over {10 * n} / over {n}", growth, 20, "MB")
    result.details += [
        f"peak {small / 2**20:.2f} MB over {count_small} files, "
        f"{large / 2**20:.2f} MB over {count_large} files (tracemalloc, above the start)",
    ]
    return result


BENCHMARKS: dict[str, Callable[..., Result]] = {
    "pipeline": pipeline,
    "rules": rule_scaling,
    "rule-engine": rule_engine_comparison,
    "cli": cli_cold_start,
    "memory": memory,
}
