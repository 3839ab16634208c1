"""`selfreview collect`: a cohort's assessments as one Parquet table (SPEC section 8).

Thin over `cohort.staging` (reading and checking, in `--jobs` processes) and `cohort.parquet`
(the rows, written by DuckDB). What could not be used is reported with its file and line and
skipped; reviews of one school on one date are named and the last one read kept; either way
the exit code is 1. The file appears whole or not at all, and never over an input.
"""

from __future__ import annotations

import os
import stat
import sys
from array import array
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..cohort.open_files import open_files_said
from ..errors import cut
from ..escaping import shown, shown_name
from ._cohort import assessment_files, jobs_option, warn_first_dated
from ._common import (
    FolderFrameworks,
    InputPath,
    State,
    folder_frameworks,
    framework_files_option,
    frameworks_named,
    output_file,
    progress_counter,
    tell_skipped,
    warn,
)

if TYPE_CHECKING:
    import duckdb

    from ..cohort.parquet import StagedDuplicate
    from ..cohort.staging import Staged
    from ..model.framework import Framework
    from ..model.questions import Terms
    from ..outputs.writing import Inputs

__all__ = ["collect"]


def _names_a_file(output: str) -> bool:
    """Whether `output` is, or will be, a file of its own: not standard output (`-`) and not
    a device or pipe that the bytes go through (`/dev/null`, a named pipe)."""
    if output == "-":
        return False
    try:
        return stat.S_ISREG(os.stat(output).st_mode)
    except OSError:  # not there yet: the file to be made
        return True


@click.command()
@click.argument("paths", nargs=-1, required=True, type=InputPath())
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="The cohort file to write (Parquet; atomically, never over an input; - for stdout, "
    "when it is not a terminal).",
)
@click.option(
    "--with-evidence/--no-evidence",
    default=False,
    show_default=True,
    help="Add each judgement's evidence text (an `evidence` column), not only whether there "
    "is any: evidence can name pupils, staff or the school.",
)
@framework_files_option(
    "A framework file for the assessments, before the available ones (repeatable)."
)
@jobs_option
@click.pass_obj
@open_files_said()  # `ulimit -n` reached, said as that
def collect(
    state: State,
    paths: Sequence[str],
    output: str,
    with_evidence: bool,
    framework_files: Sequence[str],
    jobs: int,
) -> None:
    """Collect assessments into one cohort file: a Parquet table with one row per judgement,
    for `benchmark`, `support`, `report --cohort`, DuckDB, Polars or Spark.

    PATHS are assessment files, directories (their .yaml, .yml, .json and .jsonl files) and
    JSON Lines files, of any framework (each row names its own); - reads one assessment, or
    JSON Lines, from stdin. A framework file among PATHS, or in a directory given, is used
    as one (before --framework files), not collected; a rule pack in a directory given is
    passed by, with a note. Bad inputs are reported with their file and line and skipped;
    two reviews of one school on one date are named and the one read last is kept. A review
    dated after today is warned of at its date (the first ten; the rest counted).

    Exits 0 when every input is collected; 1 when one is skipped or a school has two
    reviews on one date; 2 on a usage error.
    """
    from ..cohort.staging import Reader, stage
    from ..cohort.work import WRITING, WorkFolder, staging_file
    from ..errors import Skipped

    walked, framework_files, inputs = _collect_paths(paths, framework_files)
    files = walked.files
    # Before any work: never over an input, never onto a terminal.
    output_file(output, inputs, binary="a cohort file (Parquet)")
    names = state.engine(frameworks=framework_files).framework_names()
    # DuckDB is connected once the workers have started and while they stage (`started`):
    # its import and connection, a tenth of a second, then overlap their work.
    with WorkFolder(WRITING) as work, ExitStack() as stack:
        progress = stack.enter_context(progress_counter(len(files), "Reading assessments"))
        staging = work.path("staged.jsonl")
        with staging_file(staging), open(staging, "wb") as out:
            staged = stage(
                files,
                Reader(names, None, with_evidence),
                out,
                jobs=jobs,
                progress=progress,
                started=work.connection,
            )
        from ..cohort.parquet import staged_duplicates, write_parquet

        stack.close()
        skipped: list[Skipped] = [*walked.broken, *staged.skipped]
        tell_skipped(skipped)
        _warn_dated(staged, names)
        read = staged.read + len(walked.broken)
        if not staged.reviews:  # none usable, or none read at all (empty JSON Lines files)
            said = (
                f"usable assessments in {read} input(s)"
                if skipped
                else f"assessments in {len(files)} file(s)"
            )
            click.echo(f"no {said}; nothing was written", err=True)
            sys.exit(1)
        # Looked for only when staging saw a key repeat: reading the staged file again
        # costs a tenth of a second a million rows, all of it before the workers' part.
        duplicates = (
            staged_duplicates(staging, work.folder, work.connection())
            if staged.duplicates_possible
            else []
        )
        _warn_duplicates(duplicates, names)
        # The places as machine integers, not the duplicates' own int objects: a list of
        # those kept each one's memory pool, and so most of the duplicates' 100 MB, while
        # the file was written (a tenth of a million schools twice: 342 MB, now 282; round 65).
        leave_out = array("q", (place for d in duplicates for place in d.places[:-1]))
        duplicated = bool(duplicates)
        # Let go before the look-alike search, not after: held through it, they were under
        # its peak (a million schools, a tenth twice: 268 MB in the search, 210 without them;
        # the file's copy, some 265 MB, stays the command's peak; round 66).
        del duplicates
        _warn_look_alike(staging, work.connection(), staged, names)
        rows = write_parquet(
            staging,
            output,
            evidence=with_evidence,
            work_dir=work.folder,
            leave_out=leave_out,
            con=work.connection(),
        )
    _say_collected(output, staged.reviews - len(leave_out), rows, len(skipped), read)
    if skipped or duplicated:
        sys.exit(1)


def _collect_paths(
    paths: Sequence[str], framework_files: Sequence[str]
) -> tuple[FolderFrameworks, list[str], Inputs]:
    """The files of `paths` to collect (the folders walked, the framework files among them
    and in them taken out), the framework files (those among PATHS, those in the folders,
    then `--framework`'s), and every input, for the output never to replace one."""
    from .._followed import Followed
    from ..files.kinds import is_parquet
    from ..outputs.writing import Inputs

    given = [p for p in paths if is_parquet(p)]
    if given:
        raise click.BadParameter(
            shown(f"{given[0]} is a cohort file already: collect reads assessments", newline=False),
            param_hint="PATHS",
        )
    named, paths = frameworks_named(paths)  # framework files given, and in folders given,
    followed = Followed()  # (what the walk follows, for the output checks)
    walked = folder_frameworks(  # are used as frameworks, each once
        paths, assessment_files(paths, followed), given=(*named, *framework_files)
    )
    frameworks = [*named, *walked.frameworks, *framework_files]
    inputs = Inputs(followed).add("PATHS", *walked.files, *named).walk("PATHS", *paths)
    return walked, frameworks, inputs.add("--framework", *frameworks)


def _warn_duplicates(duplicates: Sequence[StagedDuplicate], names: Mapping[str, Framework]) -> None:
    """Each school reviewed twice on one date, in its framework's words, with the review
    kept (the one read last) and those left out."""
    for duplicate in duplicates:
        *earlier, last = duplicate.sources
        reviewed = names.get(duplicate.framework)  # its words for who is reviewed
        subject = "school" if reviewed is None else reviewed.terms.subject
        warn(
            f"{subject} {cut(duplicate.school)} has {len(duplicate.sources)} reviews dated "
            f"{duplicate.assessed_on.isoformat()}: {', '.join(earlier)} and {last}; "
            f"{last} (read last) is kept, {', '.join(earlier)} left out"
        )


def _warn_look_alike(
    staging: str, con: duckdb.DuckDBPyConnection, staged: Staged, names: Mapping[str, Framework]
) -> None:
    """Each set of school ids that look alike and differ (`café` composed and decomposed),
    as `benchmark` and `support` say them of the cohort file later (round 62), in the
    frameworks' words where the reviews are of one."""
    from ..cohort.look_alike_schools import look_alike_notes, look_alike_staged

    for note in look_alike_notes(look_alike_staged(con, staging), _shared_terms(staged, names)):
        warn(note)


def _shared_terms(staged: Staged, names: Mapping[str, Framework]) -> Terms | None:
    """The words for who is reviewed (`subject`, `subjects`) that the frameworks of the
    reviews share, versions of one or frameworks of their own; None where they differ (then
    a school). One rule for every warning `collect` says of its cohort: its look-alike ids
    took a framework's words only when the reviews were of one version (round 63)."""
    shared = {
        (terms.subject, terms.subjects): terms
        for terms in (names[ref].terms for ref in staged.frameworks if ref in names)
    }
    return shared.popitem()[1] if len(shared) == 1 else None


def _warn_dated(staged: Staged, names: Mapping[str, Framework]) -> None:
    """The first reviews dated after today, each at its `assessed_on` (a slip for 2025,
    which `benchmark` and `support` would take as the school's latest), and how many more,
    in the frameworks' word for who is reviewed where they share one (`_shared_terms`)."""
    terms = _shared_terms(staged, names)
    warn_first_dated(staged.dated, staged.dated_count, "school" if terms is None else terms.subject)


def _say_collected(output: str, reviews: int, rows: int, skipped: int, read: int) -> None:
    """What was collected where, and how many of the `read` inputs were `skipped`; with a
    warning where the output's name is not a cohort file's (`*.parquet`)."""
    from ..files.kinds import is_parquet

    where = "standard output" if output == "-" else shown_name(output)
    summary = (
        f"Collected {reviews} review{'s' if reviews != 1 else ''} ({rows} row"
        f"{'s' if rows != 1 else ''}) into {where}"
    )
    if skipped:
        summary += f"; {skipped} of {read} inputs skipped (errors above)"
    click.echo(shown(summary + ".", newline=False), err=True)
    if not is_parquet(output) and _names_a_file(output):
        warn(
            f"benchmark, support and report --cohort know a cohort file by its name, *.parquet: "
            f"they would read {output} as an assessment (try "
            f"{Path(output).with_suffix('.parquet')}; DuckDB, Polars and Spark read it as it is)"
        )
