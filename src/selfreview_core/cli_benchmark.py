"""`selfreview benchmark`: a cohort computed on DuckDB, as a table, JSON, CSV or a dashboard.

Thin over `cohort_inputs` (where the cohort comes from), `cohort_sql` (the figures),
`cohort_views` (table and CSV) and `dashboard` (the HTML page). A cohort of a million schools
is never held as Python objects: the table needs only the distributions, one school's view
only that school's positions, and JSON and CSV are written school by school as DuckDB hands
them over. Only `--anonymise`, which labels every school at random and must see them all to
decide what to withhold, builds the whole cohort in memory.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from typing import IO, TYPE_CHECKING, Any, TypeVar, cast

import click

from .cli import PROGRESS_FILES, State, _error_line
from .cli_options import migration_files_option, policy_option
from .cli_outputs import STDOUT, output_file
from .errors import UnknownIdError
from .escaping import shown, shown_json

if TYPE_CHECKING:
    from .cohort import Cohort, Duplicate, SchoolPosition
    from .cohort_inputs import CohortInput, CohortWork
    from .cohort_sql import SqlCohort
    from .scoring import Policy

__all__ = ["benchmark", "duplicate_warning", "jobs_option"]

_F = TypeVar("_F", bound=Callable[..., Any])


def jobs_option(function: _F) -> _F:
    """`--jobs N` for the batch commands (SPEC section 5)."""
    return click.option(
        "--jobs",
        type=click.IntRange(min=0),
        default=1,
        show_default=True,
        metavar="N",
        help="Read and check the inputs in N processes (0: one per core); the output is the "
        "same whatever N.",
    )(function)


def duplicate_warning(duplicate: Duplicate) -> str:
    """Two or more reviews of one school on one date, by file, and which of them count."""
    files = duplicate.sources
    named = ", ".join(files[:-1]) + f" and {files[-1]}"
    when = duplicate.assessed_on.isoformat() if duplicate.assessed_on else duplicate.year
    others = ", ".join(files[:-1])
    which = {
        "last": f"{files[-1]} (read last) counts; {others} "
        f"{'is' if len(files) == 2 else 'are'} left out",
        "all": "each counts as a review of its own (--all-reviews)",
        "none": "none of them counts: a later review of the school does",
    }[duplicate.counted]
    text = (
        f"school {duplicate.school} has {duplicate.reviews} reviews dated {when}: {named}; {which}"
    )
    return f"{click.style('warning', fg='yellow')}: {shown(text, newline=False)}"


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--framework",
    "framework_name",
    help="The framework (id or file). Default: the one the first readable assessment names "
    "(for a cohort file, the first one it holds).",
)
@click.option(
    "--to",
    metavar="FRAMEWORK",
    help="Carry every assessment to this version first (id@version, id or file), through "
    "migrations. Default, when any migration is known: the newest version present.",
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
    type=click.Choice(["table", "json", "csv", "html"]),
    default="table",
    show_default=True,
    help="Output format: a table to read, the cohort as JSON, CSV for spreadsheets, or the "
    "authority's dashboard as one HTML page.",
)
@click.option(
    "-o",
    "--output",
    "output_path",
    type=click.Path(dir_okay=False),
    help="Write to this file (atomically, never over an input) instead of standard output.",
)
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
    policy: str,
    output: str,
    output_path: str | None,
    jobs: int,
) -> None:
    """Benchmark a cohort: schools at each level of every strand, quartiles, and each
    school's position; or, with --format html, the authority's dashboard.

    PATHS are cohort files written by `selfreview collect` (.parquet), or assessment files,
    directories (their .yaml, .yml, .json and .jsonl files) and JSON Lines files. Inputs
    that cannot be used are skipped and reported, and two reviews of one school on one date
    are named on stderr; the exit code is then 1.
    """
    from .cohort_inputs import CohortWork, is_cohort_file
    from .outputs import Inputs

    if min_group is not None and not anonymise:
        raise click.UsageError("--min-group applies to --anonymise: give both, or neither")
    if with_evidence and output in ("table", "html"):
        raise click.UsageError(
            f"the {output} shows no evidence: use --with-evidence with --format json or csv"
        )
    if with_evidence and anonymise:
        raise click.UsageError(
            "--with-evidence cannot go with --anonymise: evidence text can name the school"
        )
    cohort_files = [p for p in paths if is_cohort_file(p)]
    if cohort_files and len(cohort_files) != len(paths):
        raise click.UsageError(
            "give cohort files (.parquet) or assessments, not both: collect the assessments "
            "into the cohort file first"
        )
    files = list(dict.fromkeys(cohort_files)) if cohort_files else _assessment_files(paths)
    inputs = Inputs().add("PATHS", *files).add("--migration", *migration_files)
    output_file(output_path, inputs)  # before any work: never over an input
    chosen = cast("Policy", policy)
    with CohortWork() as work:
        if cohort_files:
            if to is not None:
                raise click.UsageError(
                    "--to carries assessments, not a cohort file's rows: benchmark the "
                    "assessment files with --to, or collect them again"
                )
            found = _open_parquet(
                state, work, files, framework_name, chosen, latest_only, with_evidence
            )
        else:
            found = _open_assessments(
                state,
                work,
                files,
                framework_name,
                to,
                migration_files,
                chosen,
                latest_only,
                with_evidence,
                jobs,
            )
        _show(
            found,
            output=output,
            output_path=output_path,
            school_id=school_id,
            anonymise=anonymise,
            min_group=min_group,
        )


def _assessment_files(paths: Sequence[str]) -> list[str]:
    from .json_lines import JSON_LINES
    from .validation import SUFFIXES, expand_paths

    files: list[str] = []
    for path in paths:
        found = list(expand_paths([path], SUFFIXES + JSON_LINES))
        if not found:
            message = f"no YAML or JSON files under {shown(path, newline=False)}"
            raise click.BadParameter(message, param_hint="PATHS")
        files.extend(found)
    return list(dict.fromkeys(files))


def _open_parquet(
    state: State,
    work: CohortWork,
    files: list[str],
    framework_name: str | None,
    policy: Policy,
    latest_only: bool,
    with_evidence: bool,
) -> CohortInput:
    framework = None
    if framework_name is not None:
        framework = state.framework(framework_name, param="--framework")
    names = state.engine().framework_names()
    return work.parquet(
        files,
        names,
        framework,
        policy=policy,
        latest_only=latest_only,
        with_evidence=with_evidence,
    )


def _open_assessments(
    state: State,
    work: CohortWork,
    files: list[str],
    framework_name: str | None,
    to: str | None,
    migration_files: Sequence[str],
    policy: Policy,
    latest_only: bool,
    with_evidence: bool,
    jobs: int,
) -> CohortInput:
    import os

    from .cli_migrate import cohort_framework
    from .cohort_stage import EngineSpec, Reader
    from .framework import Framework

    lookup, carry = cohort_framework(state, files, framework_name, to, migration_files)
    fixed = lookup if isinstance(lookup, Framework) else None
    spec = None
    names = lookup if isinstance(lookup, dict) else {}
    if carry is not None:
        fixed = carry.target
        engine = state.engine()
        names = engine.framework_names()
        given = tuple(n for n in (framework_name, to) if n is not None and os.path.isfile(n))
        spec = EngineSpec(engine.disabled, given, tuple(migration_files))
    reader = Reader(names if fixed is None else fixed, fixed, with_evidence, spec)
    with ExitStack() as stack:
        progress = None
        if len(files) > PROGRESS_FILES:
            bar = stack.enter_context(
                click.progressbar(length=len(files), label="Reading assessments", file=sys.stderr)
            )
            progress = bar.update
        found, staged = work.assessments(
            files, reader, jobs=jobs, progress=progress, policy=policy, latest_only=latest_only
        )
    if staged.carried:
        target = fixed.ref if fixed is not None else ""
        click.echo(
            f"{staged.carried} assessment(s) of other versions carried to "
            f"{shown(target, newline=False)}; split and merged strands count as not judged.",
            err=True,
        )
    for skipped in staged.skipped:
        for diagnostic in skipped.diagnostics:
            click.echo(_error_line(diagnostic), err=True)
    if found is None:
        click.echo(f"no usable assessments in {len(files)} file(s)", err=True)
        sys.exit(1)
    return found


def _show(
    found: CohortInput,
    *,
    output: str,
    output_path: str | None,
    school_id: str | None,
    anonymise: bool,
    min_group: int | None,
) -> None:
    """Report what was left out, then write the cohort in the format asked for."""
    from .outputs import open_atomic

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
        what = "cohort file(s)" if found.parquet else "file(s)"
        click.echo(f"no usable assessments in {found.read} {what}", err=True)
        sys.exit(1)
    if found.skipped:
        inputs = found.read
        click.echo(
            f"{len(found.skipped)} of {inputs} files skipped; the cohort is the "
            f"other {inputs - len(found.skipped)}.",
            err=True,
        )
    duplicates = sql.duplicates()
    for duplicate in duplicates:
        click.echo(duplicate_warning(duplicate), err=True)

    with ExitStack() as stack:
        stream: IO[str]
        if output_path is None or output_path == STDOUT:
            stream = sys.stdout
        else:
            binary = stack.enter_context(open_atomic(output_path))
            stream = stack.enter_context(_text(binary))
        _write(sql, stream, output, school_id, anonymise, min_group)
    if output_path not in (None, STDOUT):
        click.echo(shown(f"Wrote {output_path} ({output}).", newline=False), err=True)
    if found.skipped or duplicates or found.left_out:
        sys.exit(1)


def _text(binary: IO[bytes]) -> IO[str]:
    import io

    return io.TextIOWrapper(binary, encoding="utf-8", newline="")


def _school(sql: SqlCohort, school_id: str, anonymise: bool) -> SchoolPosition:
    """A school's latest entry; a usage error (with a hint, unless anonymised) if none."""
    from ._base import did_you_mean

    entries = list(sql.positions(school_id))
    if entries:
        return entries[-1]
    hint = None if anonymise else did_you_mean(school_id, sql.school_ids())
    error = UnknownIdError(f"no school `{school_id}` in the cohort", hint=hint)
    message = shown(f"{error.first.message}" + (f" ({hint})" if hint else ""), newline=False)
    raise click.BadParameter(message, param_hint="--school")


def _write(
    sql: SqlCohort,
    stream: IO[str],
    output: str,
    school_id: str | None,
    anonymise: bool,
    min_group: int | None,
) -> None:
    from .cohort_views import cohort_table, school_table

    entry: SchoolPosition | None = None
    if school_id is not None:
        entry = _school(sql, school_id, anonymise)
    visible: Cohort
    schools: Iterable[SchoolPosition] | None
    if anonymise:
        from . import cohort_anonymise

        made = cohort_anonymise.anonymise(
            sql.cohort(), min_group=min_group or cohort_anonymise.DEFAULT_MIN_GROUP
        )
        visible = made.cohort
        schools = visible.schools
        if school_id is not None:
            entry = made.school(school_id)
    else:
        visible = sql.summary()
        schools = None
    if output == "html":
        from .dashboard import dashboard

        stream.write(dashboard(sql, visible, entry, anonymous=anonymise))
    elif output == "json":
        if entry is not None:
            payload = {
                "school": entry.model_dump(mode="json"),
                "cohort": visible.model_dump(mode="json", exclude={"schools"}),
            }
            stream.write(shown_json(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n")
        else:
            for part in _json(visible, sql.positions() if schools is None else iter(schools)):
                stream.write(part)
    elif output == "csv":
        entries = (
            [entry]
            if entry is not None
            else (sql.positions() if schools is None else iter(schools))
        )
        for part in _csv(visible, entries):
            stream.write(part)
    elif entry is None:
        stream.write(cohort_table(visible))
    else:
        stream.write(school_table(visible, entry))


def _json(cohort: Cohort, schools: Iterator[SchoolPosition]) -> Iterator[str]:
    """The cohort's JSON as `Cohort.model_dump_json(indent=2)` writes it, with the schools
    written one at a time."""
    head = shown_json(cohort.model_copy(update={"schools": ()}).model_dump_json(indent=2))
    before, marker, after = head.partition('\n  "schools": [],\n')
    if not marker:  # pragma: no cover - the field is always there
        raise AssertionError("no schools field in the cohort's JSON")
    yield before + '\n  "schools": ['
    first = True
    for entry in schools:
        text = shown_json(entry.model_dump_json(indent=2)).replace("\n", "\n    ")
        yield ("\n    " if first else ",\n    ") + text
        first = False
    yield ("]" if first else "\n  ]") + ",\n" + after + "\n"


def _csv(cohort: Cohort, schools: Iterable[SchoolPosition]) -> Iterator[str]:
    """`cohort_csv`, a thousand schools at a time: the header once."""
    from itertools import islice

    from .cohort_views import cohort_csv

    entries = iter(schools)
    first = True
    while batch := list(islice(entries, 1000)):
        text = cohort_csv(cohort, batch)
        yield text if first else text.split("\n", 1)[1]
        first = False
    if first:
        yield cohort_csv(cohort, [])
