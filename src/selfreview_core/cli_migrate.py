"""`selfreview migrate`: carry an assessment to another version of its framework.

The migrated assessment goes to stdout or, atomically, to `-o`; what happened (carried,
left for review and why, dropped) goes to stderr, each line through `escaping.shown`. Heavy
modules are imported inside the command, as everywhere in the CLI.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from ._names import FILE_SUFFIXES
from .cli import State
from .cli_options import framework_files_option, migration_files_option
from .errors import UnknownFrameworkError
from .escaping import shown

if TYPE_CHECKING:
    from .cohort.versions import CohortMigration
    from .engine import Engine
    from .migrations.apply import Migrated
    from .model.framework import Framework

__all__ = [
    "cohort_framework",
    "migrate",
    "summary_lines",
]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_lines(result: Migrated, name: str) -> list[str]:
    """What `migrate` did, in words: carried, left for review (why), dropped."""
    if not result.steps:
        return [f"{name} is already of {result.target}: nothing to carry."]
    via = ", then ".join(step.id or step.ref for step in result.steps)
    lines = [f"Carried {name} from {result.source} to {result.target} via {via}."]
    carried = result.carried
    lines.append(
        f"  {_plural(len(carried), 'judgement')} carried as they were"
        + (f": {', '.join(carried)}" if carried else "")
    )
    if result.review:
        lines.append(f"  {_plural(len(result.review), 'strand')} to judge (no level given):")
        lines.extend(
            f"    {item.strand} ({item.reason}): {item.review.note}" for item in result.review
        )
    if result.dropped:
        dropped = ", ".join(
            f"{d.strand} of {d.framework}" + (f" (level {d.level})" if d.level is not None else "")
            for d in result.dropped
        )
        lines.append(f"  {_plural(len(result.dropped), 'retired strand')} dropped: {dropped}")
    return lines


def _target(engine: Engine, given: str, param: str = "--to") -> Framework:
    """The framework version that `--to` names: a framework id (its latest version),
    `id@version`, or a framework file (already given to the engine)."""
    if os.path.exists(given) or given.endswith(FILE_SUFFIXES):
        path = os.fspath(given)
        for entry in engine.frameworks():
            if entry.provider == "given" and entry.path == path:
                return entry.framework
    try:
        return engine.framework(given)
    except UnknownFrameworkError as error:
        hint = f" ({error.hint})" if error.hint else ""
        message = shown(f"{error.first.message}{hint}", newline=False)
        raise click.BadParameter(message, param_hint=param) from None


@click.command()
@click.argument("assessment", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--to",
    "target",
    required=True,
    metavar="FRAMEWORK",
    help="The version to carry it to: `id@version`, an id (its latest version) or a file.",
)
@migration_files_option()
@framework_files_option(
    "A framework file to use before the available ones (repeatable): the assessment's "
    "version, the one to carry it to, or any on the way."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the migrated assessment to this file (atomically; JSON for .json, else YAML) "
    "instead of stdout; never over a file the command reads.",
)
@click.pass_obj
def migrate(
    state: State,
    assessment: str,
    target: str,
    migration_files: Sequence[str],
    framework_files: Sequence[str],
    output: str | None,
) -> None:
    """Carry ASSESSMENT's judgements to another version of its framework, through migrations
    (`--migration` files, then the ones plugins provide; a chain if need be).

    A strand that continues one old strand keeps its level, evidence and date. A strand that
    was split or merged gets no level: it is listed under `review` with the old levels and
    evidence, for you to judge. Retired strands are dropped. What happened goes to stderr.

    Exits 0 when the assessment is carried (strands to judge are the expected outcome), 1 for
    invalid input or when no chain of migrations leads to the version asked for.
    """
    from .cli_outputs import STDOUT, output_file
    from .dump import dump_document
    from .errors import MigrationError
    from .loader import load_assessment
    from .outputs import Inputs, write_atomic

    given_target = (target,) if os.path.isfile(target) else ()
    inputs = (
        Inputs()
        .add("ASSESSMENT", assessment)
        .add("--framework", *framework_files)
        .add("--migration", *migration_files)
        .add("--to", *given_target)
    )
    output_file(output, inputs, document=True)  # before any work: never over an input
    to_file = None if output == STDOUT else output
    engine = state.engine(frameworks=[*framework_files, *given_target], migrations=migration_files)
    engine.migrations()  # plugins' migrations: loading them may find more
    state.show_problems()  # before the summary, not after it
    ref = _target(engine, target).ref
    current = load_assessment(assessment, engine.framework_names())
    try:
        result = engine.migrate(current, ref)
    except MigrationError as error:  # about this file: say so
        located = [dataclasses.replace(d, file=d.file or assessment) for d in error.diagnostics]
        raise type(error)(located) from None
    header = ""
    if result.steps:
        # A comment is raw text: a control character in a framework's id would make the
        # file unreadable and reach the terminal, so it is shown escaped.
        carried = shown(f"Carried from {result.source} to {result.target}", newline=False)
        header = f"# {carried} by `selfreview migrate`.\n"
        if result.review:
            header += (
                "# Strands under `review` have no level yet: judge them, then add them to "
                "`judgements`.\n"
            )
    text = dump_document(result.assessment, to_file or "stdout.yaml", header=header)
    if to_file is None:
        click.echo(text, nl=False)
    else:
        write_atomic(to_file, text)
    for line in summary_lines(result, assessment):
        click.echo(shown(line, newline=False), err=True)
    if to_file is not None:
        click.echo(shown(f"Wrote {to_file}.", newline=False), err=True)


def cohort_framework(
    state: State,
    files: Sequence[str],
    framework_name: str | None,
    to: str | None,
    migration_files: Sequence[str],
) -> tuple[Framework | dict[str, Framework], CohortMigration | None]:
    """The cohort's framework for `benchmark` (or a lookup that finds it from the first
    readable assessment) and, when any migration is known, what carries the assessments of
    other versions to it: `--to`, else `--framework`, else the newest version present."""
    migrating = to is not None or bool(migration_files)
    if not migrating and framework_name is not None and os.path.isfile(framework_name):
        return state.framework(framework_name, param="--framework"), None  # no plugins needed
    given = [n for n in (framework_name, to) if n is not None and os.path.isfile(n)]
    engine = state.engine(frameworks=given, migrations=migration_files)
    target = None
    if to is not None:
        target = _target(engine, to, "--to")
    elif framework_name is not None:
        target = _target(engine, framework_name, "--framework")
    if not engine.migrations():
        return target or engine.framework_names(), None
    if target is None:
        from .cohort.versions import newest_present

        target = newest_present(files, engine)
        if target is None:
            return engine.framework_names(), None
    from .cohort.versions import CohortMigration

    return target, CohortMigration(engine, target)
