"""`cohort_engine`: what `support`'s tests did not hold (round 44's pass). The reports are
made with the command's own engine in this process for one job, and in fresh worker
processes (never forked from a process holding DuckDB's threads) for more; the engine's own
warnings are said as the engine says them, a plugin's with its name; what a worker is
handed cannot be changed."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from program import ended, selfreview, with_plugin
from selfreview_core import Engine, Recommendation, hookimpl, load_assessment
from selfreview_core.cohort_engine import EngineSpec, ReportSpec, problem_text, reporter
from selfreview_core.model.problem import Problem
from selfreview_core.provided import ENGINE

ROOT = Path(__file__).resolve().parents[1]
COHORT = ROOT / "examples" / "cohort"
RULE_PACK = (
    ROOT
    / "plugins"
    / "parental-engagement"
    / "src"
    / "selfreview_parental_engagement"
    / "parental-engagement.yaml"
)

#: A plugin writing, for each report it is asked for, the process it is asked in and that
#: process's parent, to the file named by $WHERE_REPORTED.
WHERE_REPORTED = """\
import os

from selfreview_core import hookimpl


@hookimpl
def selfreview_recommend():
    with open(os.environ["WHERE_REPORTED"], "a", encoding="utf-8") as out:
        out.write(f"{os.getpid()} {os.getppid()}\\n")
    return []
"""


def test_a_problem_is_said_as_the_command_line_says_it() -> None:
    """The engine's own (a caller's file that a plugin also provides) as it is; a plugin's
    with the plugin's name."""
    assert problem_text(Problem(source=ENGINE, message="given twice")) == "given twice"
    assert problem_text(Problem(source="my-plugin", message="failed")) == (
        "plugin my-plugin: failed"
    )


def test_support_says_the_engines_own_warning_as_the_engine_does(tmp_path: Path) -> None:
    """A rule pack given as a file that a plugin also provides: the JSON's `problems` and
    standard error say it once, with no plugin named for it."""
    rules = tmp_path / "rules.yaml"
    shutil.copyfile(RULE_PACK, rules)
    env = {k: v for k, v in os.environ.items() if k != "SELFREVIEW_DISABLE"}
    command = ["support", str(COHORT), "--rules", "rules.yaml", "--format", "json"]
    done = selfreview(command, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    said = (
        "rule pack parental-engagement in rules.yaml is also provided by plugin "
        "parental-engagement; using plugin parental-engagement's"
    )
    assert json.loads(done.stdout)["problems"] == [said]
    assert done.stderr.decode().splitlines() == [f"warning: {said}"]


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_support_reports_here_with_one_job_and_in_fresh_workers_with_more(
    tmp_path: Path, jobs: int
) -> None:
    """`support --jobs 1` reports on each school with the command's engine, in its own
    process; `--jobs 2` in worker processes that are not the command's children (a fork
    of a process holding DuckDB's threads can hang), and never in the command itself."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "where_reported.py").write_text(WHERE_REPORTED, encoding="utf-8")
    env = with_plugin(site, "where-reported", "where_reported")
    places = tmp_path / "places.txt"
    env["WHERE_REPORTED"] = str(places)
    command = [sys.executable, "-m", "selfreview_core", "support", str(COHORT)]
    with subprocess.Popen(
        [*command, "--jobs", str(jobs), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    ) as process:
        done = ended(process)  # bounded by its work, its workers' too
    assert done.returncode == 0, done.stderr.decode()
    needing = json.loads(done.stdout)["needing"]
    reported = [tuple(map(int, line.split())) for line in places.read_text().splitlines()]
    assert len(reported) == needing > 0  # each school below the level, once
    if jobs == 1:
        assert {pid for pid, _ in reported} == {process.pid}
    else:
        assert process.pid not in {pid for pid, _ in reported}
        assert process.pid not in {parent for _, parent in reported}


class _Recorder:
    """An engine's own plugin object (no entry point: a worker's engine does not have it)."""

    def __init__(self) -> None:
        self.asked: list[int] = []

    @hookimpl
    def selfreview_recommend(self) -> list[Recommendation]:
        self.asked.append(os.getpid())
        return [Recommendation(id="recorded", title="Recorded", action="Keep a record.")]


def test_a_reporter_uses_the_engine_it_is_given_when_no_jobs_are_asked_for() -> None:
    """An embedder's `reporter(spec, engine=engine)`: one job, the engine given, in this
    process: its own plugins advise each school."""
    recorder = _Recorder()
    engine = Engine(plugins=[recorder], entry_points=False)
    framework = engine.framework("becta-srf")
    schools = [load_assessment(path, framework) for path in sorted(COHORT.glob("*.yaml"))[:3]]
    made = list(reporter(ReportSpec(framework), engine=engine)(schools))
    assert [school for school, _, _ in made] == [s.school.id for s in schools]
    assert all("recorded" in {r.id for r in advice} for _, advice, _ in made)
    assert recorder.asked == [os.getpid()] * 3


def test_what_a_worker_is_handed_cannot_be_changed() -> None:
    framework = Engine(entry_points=False).framework("becta-srf")
    spec = ReportSpec(framework)
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.policy = "weakest"  # type: ignore[misc]
    carrier = EngineSpec(disable=("next-steps",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        carrier.disable = ()  # type: ignore[misc]
