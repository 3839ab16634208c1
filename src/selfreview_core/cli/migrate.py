"""`selfreview migrate`: carry an assessment to another version of its framework.

The migrated assessment goes to stdout or, atomically, to `-o`; what happened (carried,
left for review and why, dropped) goes to stderr, each line through `escaping.shown`.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import click

from ..escaping import shown, shown_name
from ._common import (
    STDOUT,
    InputPath,
    State,
    framework_files_option,
    migration_files_option,
    output_file,
)

if TYPE_CHECKING:
    from ..errors import UnknownFrameworkError
    from ..model.assessment import Assessment

__all__ = ["migrate"]


@click.command()
@click.argument("assessment", type=InputPath(dir_okay=False))
@click.option(
    "--to",
    "target",
    required=True,
    metavar="FRAMEWORK",
    help="The version to carry it to: `id@version`, an id (its latest version) or a file "
    "(`-`: standard input).",
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

    Exits 0 when the assessment is carried (strands to judge are the expected outcome); 1
    for invalid input or when no chain of migrations leads to the version asked for; 2 on a
    usage error.
    """
    from .._names import FILE_SUFFIXES
    from ..catalogue import framework_named
    from ..dump import dump_document
    from ..errors import MigrationError, UnknownFrameworkError
    from ..files.stdin import is_stdin
    from ..loader import load_assessment
    from ..migrations.summary import file_header, summary_lines
    from ..outputs.writing import Inputs, write_atomic
    from ._common import bad_parameter, dash_or, no_file_named

    target = dash_or(target, "--to")  # `-`: the framework on standard input (SPEC 5)
    given_target = (target,) if os.path.isfile(target) or is_stdin(target) else ()
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
    try:
        ref = framework_named(engine, target).ref
    except UnknownFrameworkError as error:
        if os.path.lexists(target) or target.endswith(FILE_SUFFIXES):
            no_file_named(target, "--to")  # a folder, or a file not there: said so
        known = engine.framework_names()
        raise bad_parameter(not_installed(error, target, assessment, known), "--to") from None
    current = load_assessment(assessment, engine.framework_names())
    try:
        result = engine.migrate(current, ref)
    except MigrationError as error:  # about this file: say so
        located = [dataclasses.replace(d, file=d.file or assessment) for d in error.diagnostics]
        raise type(error)(located) from None
    text = dump_document(result.assessment, to_file or "stdout.yaml", header=file_header(result))
    readable(text, assessment, current)
    if to_file is None:
        click.echo(text, nl=False)
    else:
        write_atomic(to_file, text)
    for line in summary_lines(result, assessment):
        click.echo(shown(line, newline=False), err=True)
    if to_file is not None:
        click.echo(f"Wrote {shown_name(to_file)}.", err=True)


def not_installed(
    error: UnknownFrameworkError, target: str, assessment: str, known: Iterable[str]
) -> UnknownFrameworkError:
    """`error`, refusing `--to`; or, where `target` names the framework ASSESSMENT is of
    and no framework of that id is known, one whose hint gives the fix: the files with
    `--framework`. `--to example-srf@2` without them was told "did you mean `becta-srf`?",
    a framework the review is not of (round 82). ASSESSMENT is read again only here, on
    the way to the error (standard input is not: it may be a terminal)."""
    from ..errors import InvalidDocument, UnknownFrameworkError, quoted_key
    from ..files.source import read_source
    from ..files.stdin import is_stdin
    from ..model.base import split_ref

    framework_id = split_ref(target)[0]
    if not framework_id or framework_id in known or is_stdin(assessment):
        return error
    try:
        data = read_source(assessment).data
    except InvalidDocument:  # said as it is when the review is read
        return error
    own = data.get("framework") if isinstance(data, dict) else None
    if not isinstance(own, str) or split_ref(own)[0] != framework_id:
        return error
    hint = (
        f"{quoted_key(framework_id)}, the review's own framework, is installed by no plugin: "
        "give the file of each version with --framework FILE"
    )
    return UnknownFrameworkError(error.first.message, hint=hint, code="unknown-framework")


def readable(text: str, file: str, current: Assessment) -> None:
    """Refuse (`SelfReviewError`, nothing written) a migrated review that no command could
    read back (`limits.too_large_to_read`): a split strand's evidence goes to each strand it became,
    so a review of 6 MB, 6 MB of it one such evidence, became 12 MB. Before round 68 it was
    written, "Wrote" said, exit 0, and every command then refused it for its size. Pointed at
    the longest evidence of `current`, the review in `file`, read again (standard input as
    it was kept, `files.stdin`: before round 71 it was named alone, with no line)."""
    from ..errors import SelfReviewError
    from ..files.limits import too_large_to_read
    from ..files.source import read_source

    error = too_large_to_read(len(text.encode("utf-8")), "the migrated review")
    if error is None:
        return
    message = f"{error.strerror}; nothing was written"
    hint = "a split strand's evidence goes to each strand it became: shorten the longest"
    strand, longest = max(
        ((s, j.evidence or "") for s, j in current.judgements.items()),
        key=lambda item: len(item[1]),
        default=("", ""),
    )
    if longest:
        try:
            key = ("judgements", strand, "evidence")
            found = read_source(file).diagnostic(key, message, code="too-large", hint=hint)
        except (SelfReviewError, OSError):  # gone or changed since: named as a file
            pass
        else:
            raise SelfReviewError([found])
    raise SelfReviewError(message, file=file, hint=hint, code="too-large")
