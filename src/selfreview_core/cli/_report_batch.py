"""What `selfreview report` shares between its one-school and many-school forms: choosing
the format, writing one report (`write_report`), and the batch (`batch.ReportBatch` with
the command line's events). Apart from `report.py` to keep each command module small; no
other command imports it."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import click

from .._collector import as_usual
from .._names import FILE_SUFFIXES, JSON_LINES, Policy, Where
from ..errors import SelfReviewError
from ..escaping import shown, shown_name
from ..isolates import shown_isolates_kept
from ._common import (
    STDOUT,
    FolderFrameworks,
    bad_parameter,
    echo_problem,
    end_without_teardown,
    error_line,
    output_file,
    output_folder,
    progress_steps,
    tell_skipped,
)
from ._streams import no_standard_output
from ._terminal import warn_format_unlike_name

if TYPE_CHECKING:
    from pathlib import Path

    from ..batch.reports import BatchEvents
    from ..engine import Engine
    from ..model.problem import Problem
    from ..outputs.writing import Inputs

__all__ = ["choose", "many", "write_report"]


def choose(engine: Engine, given: str | None, output: str | None, *, stream: bool) -> str:
    """The exporter to use (`exporters.choosing`); a usage error naming the option at
    fault, after the engine's problems (no report will tell them): a plugin's exporter
    refused is why its name or extension is unknown. `stream`: the reports follow one
    another in one output."""
    from ..exporters.choosing import FROM_NAME, check_stream_format, choose_format, named_otherwise

    try:
        name = choose_format(engine.exporters(), given, output)
        if stream:
            check_stream_format(name)
    except SelfReviewError as error:
        for problem in engine.problems:
            echo_problem(problem)
        raise bad_parameter(error, "-o" if error.first.code == FROM_NAME else "--format") from None
    if given is not None and (named := named_otherwise(engine.exporters(), name, output)):
        warn_format_unlike_name(given, output or "", named)
    return name


def many(
    engine: Engine,
    paths: Sequence[str],
    walked: FolderFrameworks,
    output_dir: str | None,
    inputs: Inputs,
    output_format: str | None,
    output: str | None,
    policy: Policy | None,
    strict: bool,
    evidence: bool | None,
    workers: tuple[int, Callable[[], Engine]],
) -> None:
    """Reports for many assessments, made and written one at a time (`batch.ReportBatch`),
    by `workers[0]` processes each with an engine `workers[1]` builds (`--jobs`): the files
    `walked` from `paths`, after its framework files that do not load, told and skipped."""
    from ..batch.reports import AssessmentStream, ReportBatch
    from ..jobs.parallel import freeze, unfreeze

    if output_dir is not None:
        name = choose(engine, output_format or "json", None, stream=False)
    else:
        name = choose(engine, output_format, output, stream=True)
    files = walked.files  # the walk is done once, its frameworks taken out (`report`)
    stream = AssessmentStream(files, engine.framework_names())
    folder = _checked_targets(engine, name, paths, files, output_dir, output, inputs)
    _say_empty(files, strict)
    to_file = None if output == STDOUT else output
    told = _Told(engine)
    tell_skipped(walked.broken)  # a framework file in a folder given that does not load
    if walked.broken and strict:
        told.stopped(0)
        raise SystemExit(1)
    batch = ReportBatch(
        engine,
        stream,
        name,
        told.events(),
        policy=policy,
        strict=strict,
        evidence=evidence,
        progress=lambda: progress_steps("Reporting"),
        jobs=workers[0],
        engine_factory=workers[1],
    )
    # What is made by now (modules, the engine and its plugins) lives as long as the
    # batch: the collector's full passes over a long batch need not walk it again (one
    # took 22 ms of 1.5 s over 5,000 schools), and forked workers share it untouched.
    # Thawed after, so that a program running the command in its own process (tests, a
    # caller of `cli.main`) still has its garbage collected (`parallel.freeze`).
    as_usual()  # the collector as usual again, for the reports (`_collector`)
    freeze()  # nothing made between them: an object would start a collection first
    try:
        if folder is not None:
            counts = batch.into_folder(folder, inputs)
        else:
            counts = batch.into_stream(to_file, _to_stdout)
    finally:
        unfreeze()
    end_without_teardown()  # everything written and closed: see the function
    counts.skipped += len(walked.broken)
    told.untold()
    if counts.stopped:
        raise SystemExit(1)
    where = (
        f" in {_name(output_dir)}" if output_dir else (f" to {_name(output)}" if to_file else "")
    )
    click.echo(counts.summary(where), err=True)
    if counts.failed:
        sys.exit(1)


def _checked_targets(
    engine: Engine,
    name: str,
    paths: Sequence[str],
    files: Sequence[str],
    output_dir: str | None,
    output: str | None,
    inputs: Inputs,
) -> Path | None:
    """The folder the reports go into (`--output-dir`), else None; checked, as `-o` is, before
    any report is made: nothing is written over an input, nor where the next run's walk would
    read it as one (`inputs`, with the `files` walked from `paths`). `name`: the format."""
    if not files:
        given = ", ".join(shown(path, newline=False) for path in paths)  # folders, all empty
        raise click.BadParameter(
            f"no YAML, JSON or JSON Lines files under {given}", param_hint="ASSESSMENT"
        )
    inputs.add("ASSESSMENT", *files).walk("ASSESSMENT", *paths)
    extension = engine.exporter(name).extension.lower()
    read_back = extension in (*FILE_SUFFIXES, *JSON_LINES)
    folder = None if output_dir is None else output_folder(output_dir, inputs, read_back=read_back)
    if folder is None:  # the reports go to -o, or to standard output
        output_file(output, inputs)
    return folder


class _Told:
    """The batch's events (`batch.reports.BatchEvents`) said on standard error, and the
    engine's problems no report carried said at the end (`untold`): a plugin that failed to
    load may be why a framework is unknown, though every file was skipped."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._said: set[Problem] = set()

    def events(self) -> BatchEvents:
        from ..batch.reports import BatchEvents

        return BatchEvents(
            skipped=lambda item: tell_skipped([item]),
            problem=self.problem,
            unwritten=_unwritten,
            stopped=self.stopped,
        )

    def problem(self, found: Problem, where: Where | None = None) -> None:
        self._said.add(found)
        echo_problem(found, where)

    def untold(self) -> None:
        for found in self._engine.problems:
            if found not in self._said:
                self.problem(found)

    def stopped(self, reported: int) -> None:
        self.untold()
        click.echo(f"--strict: stopped after {reported} report(s)", err=True)


def _unwritten(error: OSError) -> None:
    """A report that could not be written, located; the batch goes on."""
    from ..errors import Diagnostic

    reason = error.strerror or str(error)
    message = f"cannot write this report: {reason}; the other reports go on"
    click.echo(error_line(Diagnostic(message, file=error.filename)), err=True)


def write_report(rendered: str | bytes, to_file: str | None) -> None:
    """One report, `rendered`, into `to_file` (atomically), else onto standard output."""
    from ..outputs.writing import write_atomic

    if to_file:
        write_atomic(to_file, rendered)
    elif isinstance(rendered, bytes):
        sys.stdout.buffer.write(rendered)
    else:
        # A plugin's exporter may return text with control characters: on a terminal they
        # are shown escaped, as every other text is (the built-in ones escape already).
        # CSV's CRLF line ends are line ends, kept; a lone carriage return is shown.
        # The isolates round a table's right-to-left cells are kept (round 75).
        parts = rendered.split("\r\n")
        click.echo("\r\n".join(shown_isolates_kept(part) for part in parts), nl=False)


def _say_empty(files: Sequence[str], strict: bool) -> None:
    """Warn of each JSON Lines file that holds no document, as `validate` does (an export
    that wrote nothing?): before round 50 `report` said only "0 reports written". With
    `strict` it is an error that stops the batch before any report is made, exit 1, as a
    problem does (SPEC section 5). Said before the batch, where a file at the end of a
    long batch is not lost among the reports' lines."""
    from ..files.json_lines import holds_no_document, is_json_lines, no_documents

    empty = [f for f in files if is_json_lines(f) and holds_no_document(f)]
    for file in empty:
        click.echo(error_line(no_documents(file), "error" if strict else "warning"), err=True)
    if strict and empty:
        click.echo("--strict: stopped after 0 report(s)", err=True)
        sys.exit(1)


def _name(path: str | None) -> str:
    """A name as given, for the terminal: a control character in it, or one that cannot be
    seen, is shown escaped. Plain printable ASCII (every batch's name, nearly) is passed
    first, so that it does not build `escaping`'s pattern, which a JSON Lines batch
    otherwise never needs; `isprintable` alone passed variation selectors and fillers."""
    name = path or ""
    return name if name.isascii() and name.isprintable() else shown_name(name)


def _to_stdout(data: bytes) -> None:
    if sys.stdout is None:  # the program started with it closed (`>&-`): as a write there fails
        raise no_standard_output()
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
