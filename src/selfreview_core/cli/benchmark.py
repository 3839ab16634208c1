"""`selfreview benchmark PATH...`: a cohort of assessments, each strand's distribution and
each school's position; anonymised on request (`cohort`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import click

from .._names import PROGRESS_FILES, Policy
from ..errors import UnknownFrameworkError, UnknownIdError
from ._common import (
    FormatChoice,
    InputPath,
    State,
    bad_parameter,
    error_line,
    files_named,
    migration_files_option,
    policy_option,
    progress,
)

if TYPE_CHECKING:
    from ..cohort.versions import CohortMigration
    from ..model.framework import Framework

__all__ = ["benchmark"]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=InputPath())
@click.option(
    "--framework",
    "framework_files",
    multiple=True,
    metavar="FILE",
    help="A framework file to use before the available ones (repeatable), as for every "
    "command; one given alone is the cohort's framework.",
)
@click.option(
    "--to",
    metavar="FRAMEWORK",
    help="The framework version to benchmark against (id@version, id or file): every "
    "assessment is carried to it first, through migrations. Default: the one the first "
    "readable assessment names (when any migration is known, its newest version present).",
)
@migration_files_option(
    "A migration file (kind: migration) between framework versions (repeatable)."
)
@click.option("--school", "school_id", help="Show this school (by id) against the cohort.")
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
    type=FormatChoice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format: a table to read, the cohort as JSON, or CSV for spreadsheets.",
)
@click.pass_obj
def benchmark(
    state: State,
    paths: Sequence[str],
    framework_files: Sequence[str],
    to: str | None,
    migration_files: Sequence[str],
    school_id: str | None,
    anonymise: bool,
    min_group: int | None,
    with_evidence: bool,
    latest_only: bool,
    policy: Policy,
    output: str,
) -> None:
    """Benchmark a cohort of assessments: schools at each level of every strand, quartiles,
    and each school's position.

    PATHS may be files or directories (their .yaml, .yml and .json files are read, one at a
    time); - reads stdin. A framework file among them is used as --framework FILE is.
    Files that cannot be used are skipped and reported, and two reviews of one school on
    one date are named on stderr; the exit code is then 1.
    """
    from ..cohort.anonymity import cohort_view
    from ..cohort.files import FilesBenchmark, benchmark_files
    from ..cohort.views import cohort_output, duplicate_note

    if min_group is not None and not anonymise:
        raise click.UsageError("--min-group applies to --anonymise: give both, or neither")
    if with_evidence and output == "table":
        raise click.UsageError(
            "the table shows no evidence: use --with-evidence with --format json or csv"
        )
    if with_evidence and anonymise:
        raise click.UsageError(
            "--with-evidence cannot go with --anonymise: evidence text can name the school"
        )
    from ..files.kinds import split_frameworks
    from ..loader import load_framework

    named, files = split_frameworks(files_named(paths))
    if not files:
        for framework in named:  # a bad one is refused first, located
            load_framework(framework)
        raise click.UsageError("give the assessments to benchmark, as well as their framework")
    to, framework_files = _deprecated_framework_id(to, [*named, *framework_files])
    lookup, carry = _cohort(state, files, framework_files, to, migration_files)

    def read(paths: Iterable[str]) -> FilesBenchmark:
        return benchmark_files(
            paths,
            lookup,
            policy=policy,
            latest_only=latest_only,
            migrate=carry,
            with_evidence=with_evidence,
        )

    if len(files) > PROGRESS_FILES:
        # On stderr: stdout carries only the result.
        with progress(files, "Reading assessments") as bar:
            result = read(bar)
    else:
        result = read(files)
    if carry is not None and carry.carried:
        click.echo(carry.note(), err=True)
    for skipped in result.skipped:
        for diagnostic in skipped.diagnostics:
            click.echo(error_line(diagnostic), err=True)
    cohort = result.cohort
    if cohort is None or cohort.size == 0:
        click.echo(f"no usable assessments in {len(files)} file(s)", err=True)
        sys.exit(1)
    if result.skipped:
        click.echo(result.skipped_note(), err=True)
    for duplicate in cohort.duplicates:
        click.echo(f"{click.style('warning', fg='yellow')}: {duplicate_note(duplicate)}", err=True)
    try:
        visible, entry = cohort_view(cohort, school_id, anonymous=anonymise, min_group=min_group)
    except UnknownIdError as error:
        raise bad_parameter(error, "--school") from None
    click.echo(cohort_output(visible, entry, output), nl=False)
    if result.skipped or cohort.duplicates:
        sys.exit(1)


def _deprecated_framework_id(to: str | None, given: Sequence[str]) -> tuple[str | None, list[str]]:
    """`--to` and the framework files, from the command line as given: `--framework ID`
    (not a file), what benchmark's `--framework` once meant, still works as `--to ID`, with
    a warning."""
    ids = [name for name in given if not os.path.isfile(name)]
    if not ids:
        return to, list(given)
    if len(ids) > 1 or to is not None:
        raise click.BadParameter(
            "takes a framework FILE; the framework to benchmark against is --to ID (once)",
            param_hint="--framework",
        )
    click.echo(
        f"{click.style('warning', fg='yellow')}: --framework ID is deprecated for benchmark: "
        f"use --to {ids[0]} (--framework takes a FILE, as for every command)",
        err=True,
    )
    return ids[0], [name for name in given if name != ids[0]]


def _cohort(
    state: State,
    files: Sequence[str],
    framework_files: Sequence[str],
    to: str | None,
    migration_files: Sequence[str],
) -> tuple[Framework | dict[str, Framework], CohortMigration | None]:
    """The cohort's framework, or a lookup, and what carries other versions to it
    (`cohort.versions.cohort_framework`), from `--framework`, `--to` and `--migration`."""
    from ..catalogue import framework_named
    from ..cohort.versions import cohort_framework

    migrating = to is not None or bool(migration_files)
    if not migrating and len(framework_files) == 1:
        return state.framework(framework_files[0], param="--framework"), None  # no plugins
    given = [*framework_files, *(n for n in (to,) if n is not None and os.path.isfile(n))]
    engine = state.engine(frameworks=given, migrations=migration_files)
    target = None
    name, param = (to, "--to") if to is not None else (None, "")
    if name is None and len(framework_files) == 1:
        name, param = framework_files[0], "--framework"
    if name is not None:
        try:
            target = framework_named(engine, name)
        except UnknownFrameworkError as error:
            raise bad_parameter(error, param) from None
    return cohort_framework(engine, files, target)
