"""`selfreview benchmark PATH...`: a cohort computed on DuckDB, as a table, JSON, CSV or the
authority's dashboard (`cohort`).

Thin over `cohort.inputs` (where the cohort comes from: assessments, staged in `--jobs`
processes, or cohort files), `cohort.sql` (the figures) and `cohort.writing` (the formats,
streamed school by school; the dashboard is `cohort.dashboard`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from .._names import Policy
from ..cohort.open_files import open_files_said
from ..errors import UnknownIdError
from ._cohort import (
    Asked,
    cohort_output,
    cohort_paths,
    format_from_output,
    framework_options,
    jobs_option,
    open_cohort,
    output_option,
    refuse_to,
    told_cohort,
)
from ._common import (
    FormatChoice,
    InputPath,
    State,
    bad_parameter,
    output_file,
    policy_option,
)

if TYPE_CHECKING:
    from ..cohort.sql import SqlCohort

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
@open_files_said()  # `ulimit -n` reached, said as that
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
    reported, and two reviews of one school on one date are named on stderr. A review dated
    after today, which counts as its school's latest, is warned of. The output says
    "school" in the framework's words (its `terms:`). The format is --format's, else -o's
    extension's (.txt, .json, .csv, .html or .htm; another is refused), else a table.

    Exits 0 when every input is used; 1 when one is skipped or a school has two reviews on
    one date; 2 on a usage error.
    """
    from ..cohort.inputs import CohortWork
    from ..cohort.unnamed_notes import ids_unsaid

    if min_group is not None and not anonymise:
        raise click.UsageError("--min-group applies to --anonymise: give both, or neither")
    if with_evidence and anonymise:
        raise click.UsageError(
            "--with-evidence cannot go with --anonymise: evidence text can name the school"
        )
    found = cohort_paths(state, paths, framework_name, to, "benchmark")
    inputs = found.inputs.add("--migration", *migration_files)
    output_file(output_path, inputs.add("--framework", *found.frameworks))  # before any work
    chosen = format_from_output(output, output_path)  # an output over an input: said first
    if with_evidence and chosen in ("table", "html"):
        raise click.UsageError(
            f"the {chosen} shows no evidence: use --with-evidence with --format json or csv"
        )
    refuse_to(found, to, "benchmark the assessment files with --to")
    files = found.walked.files
    asked = Asked(
        found.framework_name,
        to,
        migration_files,
        policy,
        latest_only,
        with_evidence,
        jobs,
        anonymous=anonymise,
    )
    with CohortWork() as work, ids_unsaid(anonymise):
        cohort = open_cohort(state, work, files, found.walked, asked, parquet=found.parquet)
        duplicates = told_cohort(
            cohort, files, _has_figures, "; benchmark them on their own", anonymise
        )

        from ..cohort.writing import write_cohort

        with cohort_output(output_path, chosen) as stream:
            try:
                write_cohort(
                    cohort.sql, stream, chosen, school_id, anonymous=anonymise, min_group=min_group
                )
            except UnknownIdError as error:
                raise bad_parameter(error, "--school") from None
    if cohort.skipped or duplicates or cohort.left_out:
        sys.exit(1)


def _has_figures(cohort: SqlCohort) -> bool:
    """Whether the cohort has a figure to show (`size` works every figure out)."""
    return cohort.size > 0
