"""What the cohort commands (`benchmark`, `collect`, `support`) share: `--jobs`, the files
they read, and the cohort opened from assessments or from cohort files.

Private to the command line, like `_common`: a command module imports these, never another
command's module. Importing it imports click only: DuckDB and the cohort code are imported
by the functions that need them, when a cohort command runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .._names import FILE_SUFFIXES, JSON_LINES, Policy
from ..errors import UnknownFrameworkError
from ..escaping import shown
from ._cohort_files import framework_files
from ._common import (
    State,
    bad_parameter,
    error_line,
    migration_files_option,
    progress_counter,
)
from ._terminal import format_from_output

if TYPE_CHECKING:
    from ..cohort.inputs import CohortInput, CohortWork
    from ..cohort.positions import Duplicate
    from ..cohort.sql import SqlCohort
    from ..cohort.versions import CohortMigration
    from ..model.framework import Framework
    from ..model.questions import Terms
    from ..outputs import Inputs

__all__ = [
    "assessment_files",
    "cohort_framework",
    "cohort_inputs",
    "format_from_output",
    "framework_among",
    "framework_files",
    "framework_options",
    "jobs_option",
    "open_assessments",
    "open_parquet",
    "warn_duplicates",
]

_F = TypeVar("_F", bound=Callable[..., Any])


def framework_options(function: _F) -> _F:
    """`--framework`, `--to` and `--migration` for the cohort commands that read assessments
    (`benchmark`, `support`): the cohort's framework, and every assessment carried to one
    framework version first."""
    function = migration_files_option(
        "A migration file (kind: migration) between framework versions (repeatable)."
    )(function)
    function = click.option(
        "--to",
        metavar="FRAMEWORK",
        help="Carry every assessment to this version first (id@version, id or file), through "
        "migrations. Default, when any migration is known: the newest version present.",
    )(function)
    return click.option(
        "--framework",
        "framework_name",
        metavar="FILE",
        help="The cohort's framework file (or give it among PATHS). Default: the framework the "
        "first readable assessment names (for a cohort file, the first one it holds). An id "
        "here is deprecated: use --to ID.",
    )(function)


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


def warn_duplicates(cohort: SqlCohort, terms: Terms | None = None) -> tuple[Duplicate, ...]:
    """Each (school, date) of `cohort` with two or more reviews, by file and which of them
    count, said on standard error as one escaped line in the framework's `terms`; the
    commands that read a cohort (`benchmark`, `support`) then exit 1."""
    from ..cohort.views import duplicate_note

    duplicates = cohort.duplicates()
    for duplicate in duplicates:
        text = shown(duplicate_note(duplicate, terms), newline=False)
        click.echo(f"{click.style('warning', fg='yellow')}: {text}", err=True)
    return duplicates


def assessment_files(paths: Sequence[str]) -> list[str]:
    """The assessment files and JSON Lines files `paths` name, each once (`each_once`);
    `BadParameter` for a path with none. Standard input (`-`, claimed as `<stdin>`) is
    one of them: a single assessment or JSON Lines."""
    from ..files.stdin import is_stdin
    from ..files.walk import SUFFIXES, each_once, expand_paths

    files: list[str] = []
    for path in paths:
        if is_stdin(path):
            files.append(path)
            continue
        found = list(expand_paths([path], SUFFIXES + JSON_LINES))
        if not found:
            message = f"no YAML or JSON files under {shown(path, newline=False)}"
            raise click.BadParameter(message, param_hint="PATHS")
        files.extend(found)
    return each_once(files)


def cohort_framework(
    state: State,
    files: Sequence[str],
    framework_name: str | None,
    to: str | None,
    migration_files: Sequence[str],
) -> tuple[Framework | dict[str, Framework], CohortMigration | None]:
    """The cohort's framework, or a lookup, and what carries other versions to it
    (`cohort.versions.cohort_framework`), from `--framework`, `--to` and `--migration`."""
    from ..catalogue import framework_named
    from ..cohort.versions import cohort_framework as chosen

    migrating = to is not None or bool(migration_files)
    if not migrating and framework_name is not None and os.path.isfile(framework_name):
        return state.framework(framework_name, param="--framework"), None  # no plugins needed
    given = framework_files(state, framework_name, to)
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


def open_parquet(
    state: State,
    work: CohortWork,
    files: list[str],
    framework_name: str | None,
    policy: Policy | None,
    latest_only: bool,
    with_evidence: bool,
) -> CohortInput:
    """The cohort in cohort files, of `--framework` or the first version they hold."""
    framework = None
    if framework_name is not None:
        framework = state.framework(framework_name, param="--framework")
    names = state.engine(frameworks=framework_files(state, framework_name, None)).framework_names()
    return work.parquet(
        files,
        names,
        framework,
        policy=policy,
        latest_only=latest_only,
        with_evidence=with_evidence,
    )


def open_assessments(
    state: State,
    work: CohortWork,
    files: list[str],
    framework_name: str | None,
    to: str | None,
    migration_files: Sequence[str],
    policy: Policy | None,
    latest_only: bool,
    with_evidence: bool,
    jobs: int,
) -> CohortInput:
    """The cohort of assessment files, read and staged in `jobs` processes (a progress bar
    on stderr above `PROGRESS_FILES`); what was skipped or carried is said on stderr."""
    from ..cohort.staging import Reader
    from ..cohort_engine import EngineSpec
    from ..model.framework import Framework

    lookup, carry = cohort_framework(state, files, framework_name, to, migration_files)
    fixed = lookup if isinstance(lookup, Framework) else None
    spec = None
    names = lookup if isinstance(lookup, dict) else {}
    if carry is not None:
        fixed = carry.target
        engine = state.engine()
        names = engine.framework_names()
        given = framework_files(state, framework_name, to)
        spec = EngineSpec(engine.disabled, given, tuple(migration_files))
    reader = Reader(names if fixed is None else fixed, fixed, with_evidence, spec)
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
    for skipped in staged.skipped:
        for diagnostic in skipped.diagnostics:
            click.echo(error_line(diagnostic), err=True)
    if found is None:  # none usable, or none at all (an empty JSON Lines file: no error)
        what = "usable assessments" if staged.skipped else "assessments"
        click.echo(f"no {what} in {len(files)} file(s)", err=True)
        sys.exit(1)
    return found


def cohort_inputs(
    given: Sequence[str], files: Sequence[str], framework: str | None, to: str | None
) -> Inputs:
    """What `benchmark` and `support` read, for `-o` never to replace it: the PATHS as given
    (a framework file among them, which `framework_among` takes out, included) and their
    files, and `--framework` or `--to` where either names a file, not an id."""
    from ..outputs import Inputs

    return Inputs().add("PATHS", *given, *files).add("--framework", framework).add("--to", to)


def framework_among(
    name: str | None, to: str | None, paths: Sequence[str], command: str
) -> tuple[str | None, list[str]]:
    """The cohort's framework and the other PATHS, for `benchmark` and `support`.

    A framework file among PATHS names it, as `--framework FILE` does (SPEC section 5).
    `--framework ID` (not a file), what these commands' `--framework` once meant where every
    other command takes a FILE, still works, with a warning to use `--to ID`, so that a script
    written for it keeps its output; with `--to` as well it is a usage error. `-` is
    refused, saying why (every other command's `--framework -` reads standard input).
    """
    from ..files.kinds import says_framework

    if name == "-":
        raise click.BadParameter(
            "takes a framework FILE, not `-`: the cohort's worker processes read the "
            "framework again, and standard input can be read only once (save it to a file)",
            param_hint="--framework",
        )
    named = [p for p in paths if not p.lower().endswith(".parquet") and says_framework(p)]
    rest = [p for p in paths if p not in named]
    if named and (name is not None or len(named) > 1):
        raise click.UsageError("name one framework: one file among PATHS, or --framework")
    if not rest and named:
        from ..loader import load_framework

        for framework in named:  # a bad one is refused first, located
            load_framework(framework)
        raise click.UsageError("give the assessments as well as their framework")
    if named:
        return named[0], rest
    if name is not None and not os.path.isfile(name):
        _not_a_framework_file(name)
        if to is not None:
            raise click.BadParameter(
                "takes a framework FILE; the cohort's framework by id is --to ID (once)",
                param_hint="--framework",
            )
        click.echo(
            f"{click.style('warning', fg='yellow')}: --framework ID is deprecated for "
            f"{command}: use --to {shown(name, newline=False)} (--framework takes a FILE, as "
            "for every command)",
            err=True,
        )
    return name, rest


def _not_a_framework_file(name: str) -> None:
    """Refuse a `--framework` that names a file, though not a regular one (a directory, a
    device, a pipe: the loader says which, located), or one that is not there but could
    only be a path: read as a deprecated framework id, it would get a warning to use
    `--to` with that path, then "no framework" for the file the user misspelt."""
    if os.path.lexists(name):
        from ..loader import load_framework

        load_framework(name)  # raises: not a regular file
    if os.sep in name or (os.altsep and os.altsep in name) or name.endswith(FILE_SUFFIXES):
        raise click.BadParameter(
            f"file `{shown(name, newline=False)}` does not exist", param_hint="--framework"
        )
