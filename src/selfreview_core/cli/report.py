"""`selfreview report`: a profile and every plugin's and rule pack's recommendations, for one
assessment (against a `--previous` one) or many (`batch.ReportBatch`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from .._names import STDIN_NAME, Policy
from ..errors import SelfReviewError
from ..escaping import shown, shown_name
from ._common import (
    STDOUT,
    FolderFrameworks,
    InputPath,
    State,
    disable_option,
    echo_problem,
    folder_frameworks,
    framework_files_option,
    migration_files_option,
    output_file,
    policy_option,
    previous_option,
    processes_option,
    rule_files_option,
    tell_problems,
)
from ._report_batch import choose, many, write_report
from ._report_extras import export_rendered, extras_options, refuse_in_batch
from ._respondents import report_voices_options, voice_files, with_voices

if TYPE_CHECKING:
    from .._followed import Followed
    from ..engine import Engine
    from ..model.assessment import Assessment
    from ..report import Report

__all__ = ["report"]


@click.command()
@click.argument("assessments", metavar="ASSESSMENT...", nargs=-1, required=True, type=InputPath())
@previous_option("The school's earlier review, to show progress since (one ASSESSMENT only).")
@rule_files_option
@migration_files_option(
    "A migration file, to compare with a --previous review of another framework version "
    "(repeatable)."
)
@framework_files_option()
@disable_option
@click.option(
    "--format",
    "output_format",
    metavar="NAME",
    help="Output format: table, json, csv, markdown, html, summary (the governors' page), or "
    "one a plugin adds "
    "(default: from -o's extension, else table; json for --output-dir).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to this file (atomically) instead of the terminal.",
)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False),
    help="Many assessments: write one report per school into this directory.",
)
@policy_option("How strand levels combine into aspect, element and overall levels.")
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 if the report has a problem (a plugin's, a rule pack's warning) or, for one "
    "review, it is dated after today; with many assessments, stop at the first bad one.",
)
@click.option(
    "--with-evidence/--no-evidence",
    "evidence",
    default=None,
    help="Keep the schools' evidence text where the format shows it, or drop it from every "
    "format (the JSON's assessment and previous review included). Default: kept, except in "
    "the summary.",
)
@report_voices_options
@processes_option(
    "Many assessments: make the reports in N processes (0: one per core). "
    "The output is the same, in the same order, whatever N."
)
@click.option(
    "--any-school",
    is_flag=True,
    help="Compare with a --previous review of another school id: for a school whose id "
    "changed (a new URN on becoming an academy, say).",
)
@extras_options
@click.pass_obj
def report(
    state: State,
    assessments: Sequence[str],
    previous: str | None,
    rule_files: Sequence[str],
    migration_files: Sequence[str],
    framework_files: Sequence[str],
    disable: Sequence[str],
    output_format: str | None,
    output: str | None,
    output_dir: str | None,
    policy: Policy | None,
    strict: bool,
    evidence: bool | None,
    voice_paths: Sequence[str],
    min_group: int | None,
    jobs: int,
    any_school: bool,
    cohort_file: str | None,
    history_files: Sequence[str],
) -> None:
    """Profile each ASSESSMENT and recommend what to do next, with every plugin and rule pack.

    One assessment file gives one report. Several files, directories or JSON Lines files
    (.jsonl, one assessment per line) give one report per school: into --output-dir, or as
    one JSON Lines stream (--format json) or tables on stdout or -o. Bad files are reported
    and skipped (exit 1 at the end); --strict stops at the first.

    Plugin problems are shown on stderr and in the report; the rest of the report stands.
    No output replaces a file the command reads: such an -o or --output-dir (or one
    holding an input) is refused before anything is written. -o - writes stdout; an
    ASSESSMENT of - reads stdin (JSON Lines of several lines: one report each). A
    framework file among the files, or in a directory given, is used as one (before
    --framework files and the available frameworks), not reported on; a rule pack in a
    directory given, as a --rules file.

    Exits 0 when every report is made; 1 for invalid input (a file skipped) and, with
    --strict, a problem; 2 on a usage error.
    """
    from .._followed import Followed
    from ..outputs.writing import Inputs

    followed = Followed()  # what the walks follow, for the output checks (`Inputs`)
    named, assessments, batch, walked = _walk(
        assessments, output_dir, framework_files, rule_files, followed
    )
    rule_files = [*walked.rule_packs, *rule_files]
    if batch and previous:
        raise click.BadParameter("needs a single ASSESSMENT file", param_hint="--previous")
    cohort = cohort_file is not None
    voices, heard = voice_files(voice_paths, min_group, followed, batch=batch, cohort=cohort)
    found = [*named, *walked.frameworks, *heard]  # the --voices folders' frameworks too
    framework_files = [*found, *framework_files]
    refuse_in_batch(batch, cohort_file, history_files)
    if any_school and not previous:
        raise click.BadParameter(
            "compares with a --previous review: give one", param_hint="--any-school"
        )
    if output_dir and output:
        raise click.UsageError("give -o or --output-dir, not both")
    inputs = (
        Inputs(followed)
        .add("ASSESSMENT", *assessments)
        .add("FRAMEWORK", *found)
        .add("--previous", previous)
        .add("--rules", *rule_files)
        .add("--framework", *framework_files)
        .add("--migration", *migration_files)
        .add("--voices", *voices)
        .walk("--voices", *voice_paths)
        .add("--cohort", cohort_file)
        .add("--history", *history_files)
    )
    if not batch:
        output_file(output, inputs)  # a batch checks once its directories are walked
    given = {
        "disable": disable,
        "frameworks": framework_files,
        "rule_packs": rule_files,
        "migrations": migration_files,
    }
    engine = state.engine(quiet=True, **given)
    options = (output_format, output, policy, strict, evidence)
    if batch:
        # `--framework -`: a worker spawned (not forked, as off Linux) has no standard input
        # to read; it gets the framework read here (kept: the same bytes again).
        from ..loader import load_framework

        frameworks = [load_framework(f) if f == STDIN_NAME else f for f in framework_files]
        workers = (jobs, state.engine_factory(**{**given, "frameworks": frameworks}))
        many(engine, assessments, walked, output_dir, inputs, *options, workers)
    else:
        extras = (cohort_file, tuple(history_files))
        _one(
            engine,
            assessments[0],
            previous,
            any_school,
            (voices, min_group),
            *options,
            extras=extras,
        )


def _walk(
    paths: Sequence[str],
    output_dir: str | None,
    framework_files: Sequence[str],
    rule_files: Sequence[str],
    followed: Followed,
) -> tuple[list[str], list[str], bool, FolderFrameworks]:
    """The framework files among `paths`, the others, whether they make a batch
    (`batch.reports.is_batch`), and the files to report on: for a batch, its folders walked,
    the framework files (and rule packs) in them taken out, as given after those named;
    else the one assessment."""
    from ..batch.reports import batch_files, is_batch
    from ..files.kinds import split_frameworks
    from ..loader import load_framework

    named, assessments = split_frameworks(paths)
    if not assessments:
        for framework in named:  # a bad one is refused first, located
            load_framework(framework)
        raise click.UsageError("give an ASSESSMENT to report on, as well as its framework")
    batch = is_batch(assessments, output_dir)
    if not batch:
        return named, assessments, batch, FolderFrameworks(list(assessments))
    files = batch_files(assessments, followed)
    given = (*named, *framework_files, *rule_files)
    return named, assessments, batch, folder_frameworks(assessments, files, rules=True, given=given)


def _one(
    engine: Engine,
    assessment: str,
    previous: str | None,
    any_school: bool,
    voices: tuple[Sequence[str], int | None],
    output_format: str | None,
    output: str | None,
    policy: Policy | None,
    strict: bool,
    evidence: bool | None,
    extras: tuple[str | None, tuple[str, ...]] = (None, ()),
) -> None:
    """The report of one `assessment` (against a `previous` one), written to `output` or
    standard output, with its problems and notes on standard error after it."""
    from ..batch.report_files import report_notes
    from ..evidence import without_evidence

    name = choose(engine, output_format, output, stream=False)
    made, earlier = _made(engine, assessment, previous, policy, any_school)
    # Before the evidence goes: dropping it makes new (equal) copies of the reviews.
    notes = report_notes(made, earlier, assessment)
    if voices[0]:
        made = with_voices(engine, made, assessment, *voices)
    keep = evidence if evidence is not None else name != "summary"
    if not keep:
        made = without_evidence(made)
    rendered = export_rendered(engine, made, name, keep, extras, voices[1])
    to_file = None if output == STDOUT else output
    write_report(rendered, to_file)
    told = tell_problems(made, (assessment, made.assessment), (previous, earlier))
    for note in notes:
        click.echo(shown(note, newline=False), err=True)
    if to_file:
        click.echo(shown(f"Wrote {shown_name(to_file)} ({name}).", newline=False), err=True)
    if strict and told:
        click.echo(f"--strict: {told} problem(s)", err=True)
        sys.exit(1)


def _made(
    engine: Engine, assessment: str, previous: str | None, policy: Policy | None, any_school: bool
) -> tuple[Report, Assessment | None]:
    """The report of `assessment` (against `previous`), and the earlier review read; the
    engine's problems told before an error, which leaves no report to tell them (a plugin
    that failed to load may be its cause)."""
    from ..batch.report_files import report_against
    from ..loader import load_assessment

    frameworks = engine.framework_names()
    try:
        current = load_assessment(assessment, frameworks)
        earlier = load_assessment(previous, frameworks) if previous else None
        made = report_against(
            engine, (assessment, current), previous, earlier, policy=policy, any_school=any_school
        )
    except SelfReviewError:
        for problem in engine.problems:
            echo_problem(problem)
        raise
    return made, earlier
