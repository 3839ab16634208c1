"""What the cohort commands do with an engine, in this process or in worker processes.

`cohort/` works without plugins (layer 7); two of its steps need an `Engine` (layer 11),
built in each worker from a picklable description, since an engine cannot be sent to
another process:

- **carrying** an assessment of another framework version to the cohort's while it is
  staged (`EngineSpec`, the `Carrier` that `cohort.staging.Reader` takes);
- **reporting** on each school below the level for `selfreview support`
  (`ReportSpec`, `reporter`: the `report` function `cohort.support.support` takes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Final

from ._names import Policy
from .cohort.support import Reported
from .cohort.versions import migrating_loader
from .cohort.worker_sockets import short_socket_folder, whole_requests
from .engine import Engine
from .files.source import Source
from .isolation import exit_functions, process_state
from .isolation.output import standard_error_never_fails, standard_output_to_this_thread
from .jobs.parallel import ordered_map, said_if_lost, workers
from .model.assessment import Assessment
from .model.framework import Framework
from .model.problem import Problem
from .provided import ENGINE
from .review_dates import dated_problem

__all__ = [
    "SCHOOLS_PER_CHUNK",
    "EngineSpec",
    "ReportSpec",
    "guard_as_the_command",
    "problem_text",
    "reporter",
]


@dataclass(frozen=True, slots=True)
class EngineSpec:
    """What a worker needs to build an `Engine` like the command's: to migrate with it.
    A `cohort.staging.Carrier`."""

    disable: tuple[str, ...] = ()
    frameworks: tuple[str, ...] = ()
    migrations: tuple[str, ...] = ()
    #: Whether the command guards plugin code (`exit_functions.guarded`): told, not assumed.
    guarded: bool = field(default=False, kw_only=True)

    def loader(self, target: Framework) -> Callable[[Source], Assessment]:
        """A function carrying an assessment (a source) of another version to `target`;
        the command's guards taken first (`guard_as_the_command`): a staging worker started
        fresh has none, and this is where it loads the plugins."""
        guard_as_the_command(self.guarded)
        engine = Engine(
            disable=self.disable, frameworks=self.frameworks, migrations=self.migrations
        )
        return migrating_loader(engine, target)


@dataclass(frozen=True, slots=True)
class ReportSpec:
    """How to report on a cohort's schools in a worker: the framework, the policy, and the
    engine's plugins to leave out, frameworks and rule packs given (files). Picklable."""

    framework: Framework
    policy: Policy = "median"
    disable: tuple[str, ...] = ()
    frameworks: tuple[str, ...] = ()
    rule_packs: tuple[str, ...] = ()


_WORKER: dict[str, Any] = {}
#: Schools reported on per chunk handed to a worker.
SCHOOLS_PER_CHUNK: Final = 32


def problem_text(problem: Problem) -> str:
    """A problem as the command line says it (`cli._common.echo_problem`): a plugin's
    named, the engine's own (a caller's file given twice) not."""
    if problem.source == ENGINE:
        return problem.message
    return f"plugin {problem.source}: {problem.message}"


def _report_with(engine: Engine, spec: ReportSpec, chunk: Sequence[Assessment]) -> list[Reported]:
    out = []
    for assessment in chunk:
        made = engine.report(assessment, framework=spec.framework, policy=spec.policy)
        # A review dated after today: the command says it at the review's own file, before
        # (`cli._cohort.warn_duplicates`); it is no trouble the plugins had.
        trouble = tuple(problem_text(p) for p in made.problems if dated_problem(p) is None)
        out.append((assessment.school.id, made.recommendations, trouble))
    return out


def guard_as_the_command(guarded: bool) -> None:
    """The command's being guarded (the program's, `cli.main`), its guards around plugin
    code in this process too, in the order it takes them; to be called before any plugin is
    loaded in a worker started fresh. Without them, plugin code's `os._exit` ended the
    worker and failed the whole command with an internal error; a recursion limit it
    lowered had the next plugin's hook fail in the worker, its advice gone from the list;
    standard error it replaced lost its warning; and its thread's prints went to the
    worker's standard output, which is the command's, in the middle of the list. Each guard
    is taken once: in the command's own process (or a worker forked from it), nothing."""
    if guarded:
        standard_error_never_fails()
        process_state.keep()
        exit_functions.guard()
        standard_output_to_this_thread()


def _init_worker(spec: ReportSpec, guarded: bool) -> None:
    """The worker's engine, built as the command's was, under its guards."""
    guard_as_the_command(guarded)
    _WORKER["engine"] = Engine(
        disable=spec.disable, frameworks=spec.frameworks, rule_packs=spec.rule_packs
    )
    _WORKER["spec"] = spec


def _run_in_worker(chunk: tuple[Assessment, ...]) -> list[Reported]:
    return _report_with(_WORKER["engine"], _WORKER["spec"], chunk)


def reporter(
    spec: ReportSpec, *, jobs: int = 1, engine: Engine | None = None
) -> Callable[[Iterable[Assessment]], Iterator[Reported]]:
    """What `support` reports with: `engine` itself with one job (or one built like it),
    else `jobs` worker processes, each with its own engine built from `spec`; in order."""

    def chunks(assessments: Iterable[Assessment]) -> Iterator[tuple[Assessment, ...]]:
        items = iter(assessments)
        while batch := tuple(islice(items, SCHOOLS_PER_CHUNK)):
            yield batch

    def run(assessments: Iterable[Assessment]) -> Iterator[Reported]:
        if engine is not None and workers(jobs) == 1:
            for chunk in chunks(assessments):
                yield from _report_with(engine, spec, chunk)
            return
        if workers(jobs) > 1:  # started afresh, through a socket
            short_socket_folder()
            whole_requests()
        with said_if_lost("the list was not made"):  # no plugin's `os._exit`: guarded
            for done in ordered_map(
                _run_in_worker, chunks(assessments), jobs, initializer=_init_worker,
                initargs=(spec, exit_functions.guarded()), fresh=True,
            ):  # fmt: skip
                yield from done

    return run
