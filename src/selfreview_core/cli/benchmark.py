"""`selfreview benchmark PATH...`: a cohort computed on DuckDB, as a table, JSON, CSV or the
authority's dashboard (`cohort`).

Thin over `cohort.inputs` (where the cohort comes from: assessments, staged in `--jobs`
processes, or cohort files), `cohort.sql` (the figures) and `cohort.writing` (the formats,
streamed school by school; the dashboard is `cohort.dashboard`).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from typing import IO, TYPE_CHECKING

import click

from .._names import Policy
from ..errors import UnknownIdError
from ..escaping import shown, shown_name
from ._cohort import (
    Asked,
    assessment_files,
    cohort_inputs,
    format_from_output,
    framework_among,
    framework_files,
    framework_options,
    jobs_option,
    open_cohort,
    output_option,
    warn_duplicates,
)
from ._common import (
    STDOUT,
    FormatChoice,
    InputPath,
    State,
    bad_parameter,
    folder_frameworks,
    output_file,
    policy_option,
)

if TYPE_CHECKING:
    from ..cohort.inputs import CohortInput

__all__ = ["benchmark"]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=InputPath())
@framework_options
@click.option(
    "--school",
    "school_id",
    metavar="ID",
    help="Show this school (or what the framework reviews) by id against the cohort.",
)
@click.option(
    "--anonymise",
    is_flag=True,
    help="Drop school names, ids and authorities (schools labelled School 1, ... at random), "
    "give dates as years, and suppress every group of fewer than --min-group schools.",
)
@click.option(
    "--min-group",
    type=click.IntRange(min=1),
    metavar="N",
    help="With --anonymise: the fewest schools a figure may describe  [default: 5].",
)
@click.option(
    "--with-evidence/--no-evidence",
    default=False,
    show_default=True,
    help="JSON and CSV: include each judgement's evidence text, not only whether there is any.",
)
@click.option(
    "--latest/--all-reviews",
    "latest_only",
    default=True,
    show_default=True,
    help="Count each school once, with its latest review, or every review on its own.",
)
@policy_option("How each school's aspect, element and overall levels come from its strands.")
@click.option(
    "--format",
    "output",
    type=FormatChoice(["table", "json", "csv", "html"]),
    help="Output format: a table to read, the cohort as JSON, CSV for spreadsheets, or the "
    "authority's dashboard as one HTML page (default: from -o's extension, else table).",
)
@output_option
@jobs_option
@click.pass_obj
def benchmark(
    state: State,
    paths: Sequence[str],
    framework_name: str | None,
    to: str | None,
    migration_files: Sequence[str],
    school_id: str | None,
    anonymise: bool,
    min_group: int | None,
    with_evidence: bool,
    latest_only: bool,
    policy: Policy | None,
    output: str | None,
    output_path: str | None,
    jobs: int,
) -> None:
    """Benchmark a cohort: schools at each level of every strand, quartiles, and each
    school's position; or, with --format html, the authority's dashboard.

    PATHS are cohort files written by `selfreview collect` (.parquet), or assessment files,
    directories (their .yaml, .yml, .json and .jsonl files) and JSON Lines files; - reads
    one assessment, or JSON Lines, from stdin. Inputs that cannot be used are skipped and
    reported, and two reviews of one school on one date are named on stderr; the exit code
    is then 1. The output says "school" in the framework's words (its `terms:`). The format
    is --format's, else -o's extension's (.txt, .json, .csv, .html or .htm; another is
    refused), else a table.
    """
    from ..cohort.inputs import CohortWork, is_cohort_file

    if min_group is not None and not anonymise:
        raise click.UsageError("--min-group applies to --anonymise: give both, or neither")
    if with_evidence and anonymise:
        raise click.UsageError(
            "--with-evidence cannot go with --anonymise: evidence text can name the school"
        )
    as_given = paths  # a framework file among them included: never written over
    framework_name, paths = framework_among(framework_name, to, paths, "benchmark")
    cohort_files = [p for p in paths if is_cohort_file(p)]
    if cohort_files and len(cohort_files) != len(paths):
        raise click.UsageError(
            "give cohort files (.parquet) or assessments, not both: collect the assessments "
            "into the cohort file first"
        )
    from .._followed import Followed
    from ..files.walk import each_once

    followed = Followed()  # what the walk follows, for the output checks
    files = each_once(cohort_files) if cohort_files else assessment_files(paths, followed)
    given = framework_files(state, framework_name, to)  # a framework file in a folder
    walked = folder_frameworks(paths, files, given=given)  # given is one given, once
    files, in_folders = walked.files, walked.frameworks
    inputs = cohort_inputs(as_given, files, framework_name, to, followed)
    inputs.add("--migration", *migration_files)
    inputs.add("--framework", *framework_files(state, framework_name, to, in_folders))
    output_file(output_path, inputs)  # before any work: never over an input
    chosen = format_from_output(output, output_path)  # an output over an input: said first
    if with_evidence and chosen in ("table", "html"):
        raise click.UsageError(
            f"the {chosen} shows no evidence: use --with-evidence with --format json or csv"
        )
    if cohort_files and to is not None:
        raise click.UsageError(
            "--to carries assessments, not a cohort file's rows: benchmark the "
            "assessment files with --to, or collect them again"
        )
    asked = Asked(framework_name, to, migration_files, policy, latest_only, with_evidence, jobs)
    with CohortWork() as work:
        found = open_cohort(state, work, files, walked, asked, parquet=bool(cohort_files))
        _show(
            found,
            files,
            output=chosen,
            output_path=output_path,
            school_id=school_id,
            anonymise=anonymise,
            min_group=min_group,
        )


def _show(
    found: CohortInput,
    files: Sequence[str],
    *,
    output: str,
    output_path: str | None,
    school_id: str | None,
    anonymise: bool,
    min_group: int | None,
) -> None:
    """Report what was left out, then write the cohort in the format asked for."""
    from ..cohort.writing import write_cohort
    from ..outputs import open_atomic

    sql = found.sql
    for left in found.left_out:
        click.echo(
            shown(
                f"warning: {left.rows} row(s) of {left.framework} left out: a cohort is of "
                f"one framework version ({found.framework.ref}); benchmark them on their own",
                newline=False,
            ),
            err=True,
        )
    if sql.size == 0:
        click.echo(f"no usable assessments in {found.read} {found.counted_in(files)}", err=True)
        sys.exit(1)
    note = found.skipped_note(files)
    if note is not None:
        click.echo(note, err=True)
    duplicates = warn_duplicates(sql, found.framework.terms)

    with ExitStack() as stack:
        stream: IO[str]
        if output_path is None or output_path == STDOUT:
            stream = sys.stdout
        else:
            binary = stack.enter_context(open_atomic(output_path))
            stream = stack.enter_context(io.TextIOWrapper(binary, encoding="utf-8", newline=""))
        try:
            write_cohort(sql, stream, output, school_id, anonymous=anonymise, min_group=min_group)
        except UnknownIdError as error:
            raise bad_parameter(error, "--school") from None
    if output_path not in (None, STDOUT):
        click.echo(shown(f"Wrote {shown_name(output_path)} ({output}).", newline=False), err=True)
    if found.skipped or duplicates or found.left_out:
        sys.exit(1)
