"""`selfreview report`: a profile and every plugin's and rule pack's recommendations, for one
assessment (against a `--previous` one) or many (`batch.ReportBatch`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from .._names import Policy
from ..errors import SelfReviewError
from ..escaping import shown
from ._common import (
    STDOUT,
    InputPath,
    State,
    bad_parameter,
    disable_option,
    echo_problem,
    error_line,
    framework_files_option,
    migration_files_option,
    output_file,
    output_folder,
    policy_option,
    previous_option,
    progress,
    rule_files_option,
)

if TYPE_CHECKING:
    from ..cohort.files import Skipped
    from ..engine import Engine
    from ..outputs import Inputs

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
    help="Output format: table, json, csv, markdown, html, or one a plugin adds "
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
    help="Exit 1 if any plugin had a problem; with many assessments, stop at the first bad one.",
)
@click.option(
    "--with-evidence/--no-evidence",
    "evidence",
    default=True,
    show_default=True,
    help="Keep the schools' evidence text where the format shows it, or drop it from every "
    "format (the JSON's assessment and previous review included).",
)
@click.option(
    "--any-school",
    is_flag=True,
    help="Compare with a --previous review of another school id: for a school whose id "
    "changed (a new URN on becoming an academy, say).",
)
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
    policy: Policy,
    strict: bool,
    evidence: bool,
    any_school: bool,
) -> None:
    """Profile each ASSESSMENT and recommend what to do next, with every plugin and rule pack.

    One assessment file gives one report. Several files, directories or JSON Lines files
    (.jsonl, one assessment per line) give one report per school: into --output-dir, or as
    one JSON Lines stream (--format json) or tables on stdout or -o. Bad files are reported
    and skipped (exit 1 at the end); --strict stops at the first.

    Plugin problems are shown on stderr and in the report; the rest of the report stands.
    No output replaces a file the command reads: such an -o or --output-dir (or one
    holding an input) is refused before anything is written. -o - writes stdout; an
    ASSESSMENT of - reads stdin. A framework file among the files is used as one (before
    --framework files and the available frameworks), not reported on.
    """
    from ..batch import is_batch
    from ..files.kinds import split_frameworks
    from ..loader import load_framework
    from ..outputs import Inputs

    named, assessments = split_frameworks(assessments)
    if not assessments:
        for framework in named:  # a bad one is refused first, located
            load_framework(framework)
        raise click.UsageError("give an ASSESSMENT to report on, as well as its framework")
    framework_files = [*named, *framework_files]
    batch = is_batch(assessments, output_dir)
    if batch and previous:
        raise click.BadParameter("needs a single ASSESSMENT file", param_hint="--previous")
    if any_school and not previous:
        raise click.BadParameter(
            "compares with a --previous review: give one", param_hint="--any-school"
        )
    if output_dir and output:
        raise click.UsageError("give -o or --output-dir, not both")
    inputs = (
        Inputs()
        .add("ASSESSMENT", *assessments)
        .add("FRAMEWORK", *named)
        .add("--previous", previous)
        .add("--rules", *rule_files)
        .add("--framework", *framework_files)
        .add("--migration", *migration_files)
    )
    if not batch:
        output_file(output, inputs)  # a batch checks once its directories are walked
    engine = state.engine(
        quiet=True,
        disable=disable,
        frameworks=framework_files,
        rule_packs=rule_files,
        migrations=migration_files,
    )
    options = (output_format, output, policy, strict, evidence)
    if batch:
        _many(engine, assessments, output_dir, inputs, *options)
    else:
        _one(engine, assessments[0], previous, any_school, *options)


def _format(engine: Engine, given: str | None, output: str | None, *, stream: bool) -> str:
    """The exporter to use (`exporters.choosing`); a usage error naming the option at
    fault. `stream`: the reports follow one another in one output."""
    from ..exporters.choosing import FROM_NAME, check_stream_format, choose_format

    try:
        name = choose_format(engine.exporters(), given, output)
        if stream:
            check_stream_format(name)
    except SelfReviewError as error:
        raise bad_parameter(error, "-o" if error.first.code == FROM_NAME else "--format") from None
    return name


def _one(
    engine: Engine,
    assessment: str,
    previous: str | None,
    any_school: bool,
    output_format: str | None,
    output: str | None,
    policy: Policy,
    strict: bool,
    evidence: bool,
) -> None:
    from ..evidence import without_evidence
    from ..loader import load_assessment
    from ..outputs import write_atomic
    from ..report_files import report_against, report_notes

    to_file = None if output == STDOUT else output
    name = _format(engine, output_format, output, stream=False)
    frameworks = engine.framework_names()
    current = load_assessment(assessment, frameworks)
    earlier = load_assessment(previous, frameworks) if previous else None
    made = report_against(
        engine, (assessment, current), previous, earlier, policy=policy, any_school=any_school
    )
    if not evidence:
        made = without_evidence(made)
    rendered = engine.export(made, name)
    if to_file:
        write_atomic(to_file, rendered)
    elif isinstance(rendered, bytes):
        sys.stdout.buffer.write(rendered)
    else:
        # A plugin's exporter may return text with control characters: they are shown
        # escaped, as every other text is (the built-in ones escape already); a CRLF line
        # end (CSV's) is a line end, not a carriage return to escape.
        click.echo("\r\n".join(shown(part) for part in rendered.split("\r\n")), nl=False)
    for problem in made.problems:
        echo_problem(problem)
    for note in report_notes(made, earlier, assessment):
        click.echo(shown(note, newline=False), err=True)
    if to_file:
        click.echo(shown(f"Wrote {output} ({name}).", newline=False), err=True)
    if strict and made.problems:
        click.echo(f"--strict: {len(made.problems)} problem(s)", err=True)
        sys.exit(1)


def _many(
    engine: Engine,
    paths: Sequence[str],
    output_dir: str | None,
    inputs: Inputs,
    output_format: str | None,
    output: str | None,
    policy: Policy,
    strict: bool,
    evidence: bool,
) -> None:
    """Reports for many assessments, made and written one at a time (`batch.ReportBatch`)."""
    from ..batch import AssessmentStream, BatchEvents, ReportBatch, batch_files
    from ..errors import Diagnostic

    if output_dir is not None:
        name = _format(engine, output_format or "json", None, stream=False)
    else:
        name = _format(engine, output_format, output, stream=True)
    files = batch_files(paths)
    stream = AssessmentStream(files, engine.framework_names())  # the walk is done once
    if not files:
        raise click.BadParameter("no YAML, JSON or JSON Lines files found", param_hint="PATHS")
    inputs.add("ASSESSMENT", *files)
    # Checked before any report is made: nothing is written over an input.
    folder = None if output_dir is None else output_folder(output_dir, inputs)
    output_file(output, inputs)
    to_file = None if output == STDOUT else output

    def unwritten(error: OSError) -> None:
        reason = error.strerror or str(error)
        message = f"cannot write this report: {reason}; the other reports go on"
        click.echo(error_line(Diagnostic(message, file=error.filename)), err=True)

    def skipped(item: Skipped) -> None:
        for diagnostic in item.diagnostics:
            click.echo(error_line(diagnostic), err=True)

    events = BatchEvents(
        skipped=skipped,
        problem=echo_problem,
        unwritten=unwritten,
        stopped=lambda n: click.echo(f"--strict: stopped after {n} report(s)", err=True),
    )
    batch = ReportBatch(
        engine,
        stream,
        name,
        events,
        policy=policy,
        strict=strict,
        evidence=evidence,
        progress=lambda items: progress(items, "Reporting"),
    )
    if folder is not None:
        counts = batch.into_folder(folder, inputs)
    else:
        counts = batch.into_stream(to_file, _to_stdout)
    if counts.stopped:
        raise SystemExit(1)
    where = f" in {output_dir}" if output_dir else (f" to {output}" if to_file else "")
    click.echo(counts.summary(where), err=True)
    if counts.failed:
        sys.exit(1)


def _to_stdout(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
