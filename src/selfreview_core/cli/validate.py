"""`selfreview validate`: frameworks, assessments, rule packs, plans and migrations checked,
every problem of every file at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

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

if TYPE_CHECKING:
    from ..engine import Engine

__all__ = ["validate"]

#: How much text `_Held` holds (characters) before it builds the engine to let it go.
HELD_AT_MOST: Final = 1 << 20


class _Held:
    """What `validate` prints while its standard output is a file and no engine is built:
    held, and let go once one is built, which checks standard output against the files
    its plugins give (`_unnamed_inputs.engine_built`), or at the end. `validate f.yaml
    a.yaml >> .../rules.txt`, a framework first and an assessment needing the engine, is
    refused before its first line, whatever the pack's name; before round 80 `validate`
    built its engine before any line where standard output's name ended as a plugin's
    file may (`> out.json`: 415 M instructions to 1,107 M, and the plugins' warnings), and
    a pack by another suffix took the framework's line. A run that builds no engine reads
    no plugin's file, and is not checked against them. Past `HELD_AT_MOST` the engine is
    built to let the text go: a long run holds no more. Warnings are held with the lines,
    in order (both streams may be one file, `2>&1`)."""

    def __init__(self, state: State, *, holding: bool) -> None:
        self._state = state
        self._lines: list[tuple[str, bool]] | None = [] if holding else None
        self._size = 0

    def echo(self, text: str, *, err: bool = False) -> None:
        if self._lines is None:
            click.echo(text, err=err)
            return
        self._lines.append((text, err))
        self._size += len(text)
        if self._size > HELD_AT_MOST:
            self.engine()

    def engine(self) -> Engine:
        """The engine, built if it is not; what is held let go once it has checked."""
        try:
            engine = self._state.engine()
        except click.UsageError:  # standard output is a plugin's file: none of it goes
            self._lines = None
            raise
        self.let_go()
        return engine

    def let_go(self) -> None:
        lines, self._lines = self._lines or [], None
        for text, err in lines:
            click.echo(text, err=err)


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
    filed = standard_output_file() is not None
    if filed:  # `validate a.yaml >> a.yaml`: before any work
        from ..outputs.checks import Inputs  # not at start-up, nor a look at every input

        read = Inputs().add("PATHS", *files).add("--framework", *framework_files)
        printed_onto_input(read, named_output=False)
    held = _Held(state, holding=filed)  # and the plugins' files, once an engine is built
    results = check_files(
        files,
        framework_files=framework_files,
        catalog=lambda: held.engine().framework_names(),
        strict=strict,
        told=lambda warning: held.echo(f"warning: {shown(warning, newline=False)}", err=True),
    )
    tally = Tally()
    collected: list[dict[str, Any]] = []
    try:
        for result in results:
            tally.add(result)
            if quiet and result.ok:
                continue
            if output == "json":
                collected.append(result.to_dict())
                continue
            if result.ok and (summary := result.said(shown_name)) is not None:  # not empty
                where = shown_name(result.where)
                said = shown(summary, newline=False)
                held.echo(f"{where}: {click.style('ok', fg='green')}: {said}")
            for diagnostic in result.diagnostics:
                held.echo(error_line(diagnostic))
            for diagnostic in result.warnings:
                held.echo(error_line(diagnostic, label="warning"))
    finally:  # what was printed before an error, as it was (none where refused: `engine`)
        held.let_go()
    if output == "json":
        click.echo(tally.json(collected))
    elif not quiet:
        click.echo(tally.summary(), err=bool(tally.invalid))
    if tally.invalid:
        raise SystemExit(1)
