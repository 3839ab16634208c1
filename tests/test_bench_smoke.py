"""The benchmarks (bench/) run, at tiny sizes, so that they keep working. Nothing here is
timed: their figures mean something only at full size, on a quiet machine
(`python -m bench.run`, docs/performance.md)."""

from __future__ import annotations

import importlib.util
import math
import os
import sys
from pathlib import Path

import pytest

from program import decoded, python

#: Each test runs a benchmark script end to end, at a tiny size.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench import benchmarks, data, goals  # noqa: E402

from selfreview_core import Engine, Framework, load_assessment  # noqa: E402


@pytest.fixture(scope="module")
def becta() -> Framework:
    return Engine(entry_points=False).framework("becta-srf")


def test_generated_assessments_load_and_are_the_same_for_the_same_seed(becta: Framework) -> None:
    texts = list(data.assessment_texts(becta, 20, seed=3))
    assert texts == list(data.assessment_texts(becta, 20, seed=3))
    for i, text in enumerate(texts):
        assessment = load_assessment(f"school-{i}.yaml", becta, text=text)
        assert assessment.judgements
    before, after = (
        load_assessment("x.yaml", becta, text=t) for t in data.assessment_pair_texts(becta, 1)
    )
    assert before.school == after.school
    assert before.assessed_on < after.assessed_on


def test_every_benchmark_runs_at_a_tiny_size() -> None:
    results = [
        benchmarks.pipeline(n=4, repeat=1),
        benchmarks.rule_scaling(n=10, repeat=1),
        benchmarks.memory(n=2),
    ]
    for result in results:
        assert result.skipped is None
        assert math.isfinite(result.value)
        assert result.details
    assert results[0].value > 0  # ratios of times
    assert results[1].value > 0
    # A growth of memory, which may be below 0 where this process's caches grew during the
    # smaller run (a kept table started again, a dict resized): it failed once so under a
    # full suite's load, where other tests had filled them.
    assert results[2].value < results[2].limit
    assert "WARNING" not in " ".join(results[0].details)  # the first-party plugins ran


def test_every_goal_of_the_table_runs_at_a_tiny_size() -> None:
    results = [
        goals.report(n=4, repeat=1),
        goals.rules(n=4, repeat=1),
        goals.jsonl(n=5, repeat=1),
        goals.jobs(n=5, repeat=1),
    ]
    for result in results:
        assert result.skipped is None, result.skipped
        assert result.value > 0
        assert result.details
    assert "WARNING" not in " ".join(results[0].details)  # the first-party plugins ran
    assert "outputs byte-identical: True" in results[3].details
    assert any(line.startswith("start-up (an empty file): ") for line in results[3].details)
    # (c)'s start-up beside the least it can be: the libraries alone (round 56)
    assert any(line.startswith("the libraries alone (") for line in results[2].details)
    assert any("the machine's own ceiling" in line for line in results[3].details)
    # (d)'s processor beside the halves' beyond --jobs 1: the machine's share of it (round 76)
    assert any(
        line.startswith("processor beyond --jobs 1's: --jobs 2 ") for line in results[3].details
    )
    assert results[3].higher  # a speed-up: met when at or above its goal
    for result in results:
        assert _documented_target(result.name[:3]) == _target(result)


def _target(result: benchmarks.Result) -> str:
    """A goal's target as docs/performance.md writes it: "≤ 2" or "≥ 1.6", then the sign."""
    return f"{'≥' if result.higher else '≤'} {result.limit:g}×"


def _documented_target(goal: str) -> str:
    """The target docs/performance.md's "Where things stand" gives `goal` ("(a)"), so that
    the page a reader trusts cannot drift from what `python -m bench.run` holds a run to."""
    page = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    section = page.split("## Where things stand\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith(f"| {goal} ")]
    assert len(rows) == 1, f"{goal}: {len(rows)} rows in the table"
    return rows[0][2]


def test_the_cold_start_goal_runs_where_yamllint_is_installed() -> None:
    """Its floor is yamllint (the `bench` extra): without it, the goal is skipped, not run."""
    if importlib.util.find_spec("yamllint") is None:
        pytest.skip("the bench extra (yamllint) is not installed: pip install -e '.[bench]'")
    result = goals.validate(repeat=1)
    assert result.skipped is None, result.skipped
    assert result.value > 0
    assert result.details
    assert _documented_target("(e)") == _target(result)


def test_the_stage_and_many_errors_scripts_run_at_a_tiny_size(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bench import many_errors, stages

    assert stages.main(["-n", "3", "--repeat", "1"]) == 0
    assert many_errors.main(["--unknown", "5", "--strands", "150", "--big-unknown", "3"]) == 0
    out = capsys.readouterr().out
    assert "the whole engine.report" in out
    assert "5 unknown ids against becta-srf@2010" in out
    assert "warning" not in out  # the first-party plugins ran


def test_the_rule_engine_translation_fires_what_we_fire() -> None:
    pytest.importorskip("rule_engine")
    result = benchmarks.rule_engine_comparison(n=12, repeat=1)
    assert result.skipped is None
    assert "for 12 of 12 schools" in " ".join(result.details)


def test_validating_a_framework_starts_neither_plugins_nor_the_engine() -> None:
    # What keeps `selfreview validate` quick to start (the CLI cold-start benchmark): no
    # plugins, engine, scoring, rules engine, award or comparison code for a framework
    # without awards; and for a plain framework not even pydantic (its import and its
    # plugin scan, `importlib.metadata`, cost more than yamllint's whole run) or TOML.
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from selfreview_core.cli import cli\n"
        "result = CliRunner().invoke(cli, ['validate', 'frameworks/becta-srf.yaml'])\n"
        "assert result.exit_code == 0, result.output\n"
        "heavy = ('pluggy', 'selfreview_core.engine', 'selfreview_core.cohort', 'difflib',\n"
        "         'selfreview_core.award_check', 'selfreview_core.comparison',\n"
        "         'selfreview_core.rules.index', 'selfreview_core.scoring.profiles', 'ruamel',\n"
        "         'pydantic', 'importlib.metadata', 'tomllib', 'selfreview_core.loader')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = decoded(python(["-c", code], cwd=ROOT))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_instruction_counts_are_read_from_callgrind() -> None:
    """`python -m bench.instructions` (docs/performance.md's counts): a count is read from
    callgrind's summary, and a command that fails says so instead of giving a number."""
    import shutil

    from bench import instructions

    if shutil.which("valgrind") is None:
        pytest.skip("valgrind is not installed")
    # `true` and `false` where they do: a Python under callgrind costs some 1.3 s of
    # processor time, `true` 0.2 (round 82); a count is read from the summary all the same
    quiet = instructions.count(["true"])
    busy = instructions.count([sys.executable, "-c", "sum(range(10**6))"])
    assert 0 < quiet < busy
    with pytest.raises(RuntimeError, match="under callgrind failed"):
        instructions.count(["false"])
