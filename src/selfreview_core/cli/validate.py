"""`selfreview validate`: frameworks, assessments, rule packs, plans and migrations checked,
every problem of every file at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from ..escaping import shown, shown_name
from ..file_names import standard_output_file
from ._common import (
    InputPath,
    State,
    error_line,
    files_named,
    framework_files_option,
    printed_onto_input,
    table_or_json_option,
)

__all__ = ["validate"]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=InputPath())
@table_or_json_option("Output format: lines to read, or JSON.")
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Only the problems: no line for a valid file, no summary (for CI and pre-commit; "
    "the exit code is the same).",
)
@framework_files_option(
    "A framework file for assessments and rule packs to be checked against (repeatable)."
)
@click.option(
    "--strict",
    is_flag=True,
    help="Treat warnings as errors: a condition that can never hold or always holds (an "
    "empty `all` or `any`), a review dated after today, ids that look alike.",
)
@click.pass_obj
def validate(
    state: State,
    paths: Sequence[str],
    output: str,
    quiet: bool,
    framework_files: Sequence[str],
    strict: bool,
) -> None:
    """Check framework, assessment and rule files (YAML or JSON), every problem at once.

    PATHS may be files or directories (their .yaml, .yml, .json and .jsonl files are
    checked, as `report` and the cohort commands read them). A JSON Lines file (.jsonl) is
    checked line by line, each line a document. `-` reads standard input.

    Exits 0 when every file is valid; 1 if any file is invalid (or, with --strict, has
    warnings); 2 on a usage error.
    """
    from ..validation.files import Tally, check_files

    # Each result is shown, then let go, as it comes: a JSON Lines file of any length
    # streams. JSON output is one document, so it keeps each result's small summary.
    files = files_named(paths)
    if standard_output_file() is not None:  # `validate a.yaml >> a.yaml`: before any work
        from ..output_checks import Inputs  # not at start-up, nor a look at every input

        read = Inputs().add("PATHS", *files).add("--framework", *framework_files)
        # and the plugins' files, before the first line, where it may be one of them
        printed_onto_input(read, named_output=False, engine=state.engine)
    results = check_files(
        files,
        framework_files=framework_files,
        catalog=lambda: state.engine().framework_names(),
        strict=strict,
        told=lambda warning: click.echo(f"warning: {shown(warning, newline=False)}", err=True),
    )
    tally = Tally()
    collected: list[dict[str, Any]] = []
    for result in results:
        tally.add(result)
        if quiet and result.ok:
            continue
        if output == "json":
            collected.append(result.to_dict())
            continue
        if result.ok and (summary := result.said(shown_name)) is not None:  # not an empty batch
            where = shown_name(result.where)
            said = shown(summary, newline=False)
            click.echo(f"{where}: {click.style('ok', fg='green')}: {said}")
        for diagnostic in result.diagnostics:
            click.echo(error_line(diagnostic))
        for diagnostic in result.warnings:
            click.echo(error_line(diagnostic, label="warning"))
    if output == "json":
        click.echo(tally.json(collected))
    elif not quiet:
        click.echo(tally.summary(), err=bool(tally.invalid))
    if tally.invalid:
        raise SystemExit(1)
