"""What the cohort commands (`benchmark`, `collect`, `support`) share: the cohort opened
from assessments or from cohort files, and its duplicates said; with their options
(`_cohort_options`), the files they read (`_cohort_paths`) and their framework files
(`_cohort_files`), handed on so that a command imports, of this folder, only this module
and `_common`.

Private to the command line, like `_common`: a command module imports these, never another
command's module. Importing it imports click only: DuckDB and the cohort code are imported
by the functions that need them, when a cohort command runs.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

import click

from .._names import Policy
from ..errors import UnknownFrameworkError, cut
from ..escaping import shown, shown_name
from ._cohort_files import framework_files
from ._cohort_options import framework_options, jobs_option, output_option, rules_option
from ._cohort_paths import (
    CohortPaths,
    assessment_files,
    cohort_inputs,
    cohort_paths,
    framework_among,
    refuse_to,
)
from ._common import (
    STDOUT,
    FolderFrameworks,
    State,
    bad_parameter,
    dated_warnings,
    echo_warnings,
    progress_counter,
    tell_skipped,
    warn,
)
from ._terminal import format_from_output

if TYPE_CHECKING:
    from ..cohort.inputs import CohortInput, CohortWork
    from ..cohort.positions import Duplicate
    from ..cohort.sql import SqlCohort
    from ..cohort.versions import CohortMigration
    from ..errors import Diagnostic
    from ..model.framework import Framework
    from ..model.questions import Terms

__all__ = [
    "Asked",
    "CohortPaths",
    "assessment_files",
    "cohort_framework",
    "cohort_inputs",
    "cohort_output",
    "cohort_paths",
    "format_from_output",
    "framework_among",
    "framework_files",
    "framework_options",
    "jobs_option",
    "open_cohort",
    "output_option",
    "refuse_to",
    "rules_option",
    "tell_skipped",
    "told_cohort",
    "warn_duplicates",
    "warn_left_out",
]


def warn_left_out(found: CohortInput, advice: str = "") -> None:
    """Each framework version `found` left out of the cohort, with its rows, said on standard
    error (a cohort is of one version), `advice` after it."""
    for left in found.left_out:
        click.echo(
            shown(
                f"warning: {left.rows} row(s) of {left.framework} left out: a cohort is of "
                f"one framework version ({found.framework.ref}){advice}",
                newline=False,
            ),
            err=True,
        )


@contextmanager
def cohort_output(output_path: str | None, chosen: str) -> Iterator[IO[str]]:
    """Where `benchmark` and `support` write, as text: standard output, or `output_path`
    (`-o`) written atomically, and said written (`chosen`, the format) once it is whole; an
    error before then leaves no file."""
    from ..outputs.writing import open_atomic

    with ExitStack() as stack:
        if output_path is None or output_path == STDOUT:
            yield sys.stdout
            return
        binary = stack.enter_context(open_atomic(output_path))
        yield stack.enter_context(io.TextIOWrapper(binary, encoding="utf-8", newline=""))
    click.echo(shown(f"Wrote {shown_name(output_path)} ({chosen}).", newline=False), err=True)


def told_cohort(
    cohort: CohortInput,
    files: Sequence[str],
    usable: Callable[[SqlCohort], bool],
    advice: str,
    anonymous: bool = False,
) -> tuple[Duplicate, ...]:
    """What `benchmark` and `support` say of the cohort they read, in one order and one
    wording: each framework version left out (`advice` after it), then, when nothing is
    `usable`, that (exit 1 here), then the inputs skipped, then the reviews of one school on
    one date and those dated after today (`warn_duplicates`), whose duplicates it returns."""
    warn_left_out(cohort, advice)
    if not usable(cohort.sql):
        click.echo(cohort.empty_note(files), err=True)
        sys.exit(1)
    note = cohort.skipped_note(files)
    if note is not None:
        click.echo(note, err=True)
    return warn_duplicates(cohort.sql, cohort.framework.terms, anonymous)


def warn_duplicates(
    cohort: SqlCohort, terms: Terms | None = None, anonymous: bool = False
) -> tuple[Duplicate, ...]:
    """Each (school, date) of `cohort` with two or more reviews, by file and which of them
    count, said on standard error as one escaped line in the framework's `terms`; the
    commands that read a cohort (`benchmark`, `support`) then exit 1. Then each review dated
    after today, which counts as its school's latest (a warning: the exit is not changed).
    Counted, no id or file named, when `anonymous` (`cohort.unnamed_notes`)."""
    from ..cohort.duplicate_notes import duplicate_note
    from ..cohort.unnamed_notes import unnamed_notes
    from ..review_dates import NAMED, today

    duplicates = cohort.duplicates()
    if anonymous:
        for said in unnamed_notes(cohort, duplicates, terms, today()):
            warn(said)
        return duplicates
    for duplicate in duplicates:
        warn(duplicate_note(duplicate, terms))
    from ..cohort.look_alike_schools import look_alike_notes

    for note in look_alike_notes(cohort.look_alike(), terms):
        warn(note)

    subject = "school" if terms is None else terms.subject
    named, total = cohort.dated_after(today(), NAMED)
    first = dated_warnings(
        (origin, day, f"the review of {subject} {cut(school)}") for school, day, origin in named
    )
    warn_first_dated(first, total, subject)
    return duplicates


def warn_first_dated(first: Sequence[Diagnostic], total: int, subject: str) -> None:
    """The first of a cohort's `total` reviews dated after today (`review_dates.NAMED`),
    each at its `assessed_on`, then the rest counted on one line, in the framework's word
    for who is reviewed (`subject`): a cohort typed a year ahead has a million. As
    `benchmark` and `support` (`warn_duplicates`) and `collect` say them."""
    from ..review_dates import unnamed_warning

    echo_warnings(first)
    if total > len(first):
        warn(unnamed_warning(total - len(first), subject))


def cohort_framework(
    state: State,
    files: Sequence[str],
    framework_name: str | None,
    to: str | None,
    migration_files: Sequence[str],
    found: Sequence[str] = (),
) -> tuple[Framework | dict[str, Framework], CohortMigration | None]:
    """The cohort's framework, or a lookup, and what carries other versions to it
    (`cohort.versions.cohort_framework`), from `--framework`, `--to`, `--migration` and
    the framework files `found` in the folders among PATHS."""
    from ..catalogue import framework_named
    from ..cohort.versions import cohort_framework as chosen

    migrating = to is not None or bool(migration_files)
    if not migrating and framework_name is not None and os.path.isfile(framework_name):
        return state.framework(framework_name, param="--framework"), None  # no plugins needed
    given = framework_files(state, framework_name, to, found)
    engine = state.engine(frameworks=given, migrations=migration_files)
    target = None
    for name, param in ((to, "--to"), (framework_name, "--framework")):
        if name is not None:
            try:
                target = framework_named(engine, name)
            except UnknownFrameworkError as error:
                raise bad_parameter(error, param) from None
            break
    return chosen(engine, files, target)


@dataclass(frozen=True)
class Asked:
    """The options `benchmark` and `support` share: `with_evidence`, the rows carry evidence
    text (read in long form: `SqlCohort.texts`); `anonymous`, `--anonymise` (no id said)."""

    framework_name: str | None
    to: str | None
    migration_files: Sequence[str]
    policy: Policy | None
    latest_only: bool
    with_evidence: bool
    jobs: int
    anonymous: bool = False


def open_cohort(
    state: State,
    work: CohortWork,
    files: list[str],
    walked: FolderFrameworks,
    asked: Asked,
    *,
    parquet: bool,
) -> CohortInput:
    """The cohort in cohort files (`parquet`), of `--framework` or the first version they
    hold; else the cohort of assessment files (`open_assessments`)."""
    if not parquet:
        return open_assessments(state, work, files, walked, asked)
    framework, name = None, asked.framework_name
    if name is not None:
        framework = state.framework(name, param="--framework")
    names = state.engine(frameworks=framework_files(state, name, None)).framework_names()
    return work.parquet(
        files,
        names,
        framework,
        policy=asked.policy,
        latest_only=asked.latest_only,
        with_evidence=asked.with_evidence,
    )


def open_assessments(
    state: State, work: CohortWork, files: list[str], walked: FolderFrameworks, asked: Asked
) -> CohortInput:
    """The cohort of assessment files, read and staged in `jobs` processes (a progress bar
    on stderr above `PROGRESS_FILES`); what was skipped or carried is said on stderr, the
    framework files `walked` found that do not load first."""
    framework_name, to, migration_files = asked.framework_name, asked.to, asked.migration_files
    policy, latest_only, jobs = asked.policy, asked.latest_only, asked.jobs
    from ..cohort.staging import Reader
    from ..cohort_engine import EngineSpec
    from ..isolation import exit_functions
    from ..model.framework import Framework

    lookup, carry = cohort_framework(
        state, files, framework_name, to, migration_files, walked.frameworks
    )
    fixed = lookup if isinstance(lookup, Framework) else None
    spec, names = None, (lookup if isinstance(lookup, dict) else {})
    if carry is not None:
        fixed = carry.target
        engine = state.engine()
        names = engine.framework_names()
        given = framework_files(state, framework_name, to, walked.frameworks)
        spec = EngineSpec(
            engine.disabled, given, tuple(migration_files), guarded=exit_functions.guarded()
        )
    reader = Reader(
        names if fixed is None else fixed, fixed, asked.with_evidence, spec, not asked.anonymous
    )
    with ExitStack() as stack:
        progress = stack.enter_context(progress_counter(len(files), "Reading assessments"))
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
    skipped = [*walked.broken, *staged.skipped]
    tell_skipped(skipped, asked.anonymous)
    if found is None:  # none usable, or none at all (an empty JSON Lines file: no error)
        what = "usable assessments" if skipped else "assessments"
        click.echo(f"no {what} in {len(files) + len(walked.broken)} file(s)", err=True)
        sys.exit(1)
    found.skipped[:0] = walked.broken
    found.read += len(walked.broken)
    return found
