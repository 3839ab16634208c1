"""The `selfreview` command: thin commands over the library.

Imports are deferred into the commands so that start-up stays fast, and plugins are only
discovered by commands that need them. Exit codes: 0 success, 1 invalid input (or, with
`--strict`, problems), 2 usage error. No traceback reaches the user.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

from .cli_options import (
    POLICY_NAMES,
    add_disable_option,
    disable_option,
    disabled_in_environment,
    framework_files_option,
    migration_files_option,
    policy_option,
    previous_option,
    rule_files_option,
)
from .errors import (
    ComparisonError,
    Diagnostic,
    SelfReviewError,
    UnknownFrameworkError,
    UnknownIdError,
)
from .escaping import shown, shown_json

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from .assessment import Assessment
    from .engine import Engine
    from .framework import Framework
    from .outputs import Inputs
    from .problem import Problem
    from .report import Report
    from .scoring import Policy

#: The file kinds `selfreview schema` knows (kept in step with `loader.KINDS` by a test).
SCHEMA_KINDS = ("assessment", "framework", "rules", "migration", "plan")
FILE_SUFFIXES = (".yaml", ".yml", ".json")


def _error_line(diagnostic: Diagnostic) -> str:
    """One diagnostic on one line: the file's name and every word quoted from a file are
    shown escaped (`escaping.shown`), so neither can style, move or add a line."""
    where = ":".join(
        str(p) for p in (diagnostic.file, diagnostic.line, diagnostic.column) if p is not None
    )
    text = f"{diagnostic.path}: {diagnostic.message}" if diagnostic.path else diagnostic.message
    if diagnostic.hint:
        text = f"{text} ({diagnostic.hint})"
    where, text = shown(where, newline=False), shown(text, newline=False)
    label = click.style("error", fg="red", bold=True)
    return f"{click.style(where, bold=True)}: {label}: {text}" if where else f"{label}: {text}"


def _echo_problem(problem: Problem) -> None:
    label = click.style(problem.severity, fg="red" if problem.severity == "error" else "yellow")
    text = shown(f"plugin {problem.source}: {problem.message}", newline=False)
    click.echo(f"{label}: {text}", err=True)


def fail(error: SelfReviewError) -> NoReturn:
    """Show every diagnostic of a library error and exit 1."""
    for diagnostic in error.diagnostics:
        click.echo(_error_line(diagnostic), err=True)
    sys.exit(1)


class _Group(click.Group):
    """Turns library errors into clean exits, and anything unexpected into one line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except SelfReviewError as error:
            fail(error)
        except BrokenPipeError:
            _reader_gone()
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            message = shown(f"{where}{error.strerror or error}", newline=False)
            raise click.ClickException(message) from None
        except Exception as error:
            if os.environ.get("SELFREVIEW_DEBUG"):
                raise
            message = (
                shown(f"internal error: {type(error).__name__}: {error}", newline=False) + "\n"
                "This is a bug in selfreview or a plugin; set SELFREVIEW_DEBUG=1 to see where."
            )
            raise click.ClickException(message) from None


class State:
    """Per-invocation state: the engine is built once, and only when a command needs it,
    without the plugins `SELFREVIEW_DISABLE` and every `--disable` name."""

    def __init__(self) -> None:
        self._engine: Engine | None = None
        self._shown = 0  # the engine's problems shown so far
        self._quiet = False
        self._disabled: list[str] = list(disabled_in_environment())

    def disable_plugins(self, names: Iterable[str]) -> None:
        """Leave these plugins out of the engine (`--disable`, given before it is built)."""
        self._disabled.extend(names)

    def engine(self, *, quiet: bool = False, **options: Any) -> Engine:
        """The engine, built on first use with `options` (see `Engine`). Its plugin problems
        are shown unless `quiet` (when the command reports them itself)."""
        if self._engine is None:
            from .engine import Engine

            disable = [*self._disabled, *options.pop("disable", ())]
            self._engine = Engine(disable=disable, **options)
            self._quiet = quiet
            if not quiet:
                self.show_problems()
                # Frameworks, rule packs and migrations are collected on first use, after
                # this: what doing so finds is shown when the command ends.
                context = click.get_current_context(silent=True)
                if context is not None:
                    context.call_on_close(self.show_problems)
        return self._engine

    def show_problems(self) -> None:
        """Show the engine's problems not shown yet (unless it was built `quiet`)."""
        if self._engine is not None and not self._quiet:
            for problem in self._engine.problems[self._shown :]:
                _echo_problem(problem)
            self._shown = len(self._engine.problems)

    def framework(self, name: str, param: str = "FRAMEWORK") -> Framework:
        """A framework named by path or by id (or id@version)."""
        if os.path.exists(name) or name.endswith(FILE_SUFFIXES):
            from .loader import load_framework

            return load_framework(name)
        try:
            return self.engine().framework(name)
        except UnknownFrameworkError as error:
            hint = f" ({error.hint})" if error.hint else ""
            message = shown(f"{error.first.message}{hint}", newline=False)
            raise click.BadParameter(message, param_hint=param) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="selfreview-core", prog_name="selfreview")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Self-review frameworks for ICT in schools: validate, show, assess, report."""
    ctx.obj = State()


def _files(paths: Sequence[str]) -> list[str]:
    """The YAML and JSON files `paths` name (each directory walked once), each once;
    `BadParameter` for a directory with none."""
    from .validation import expand_paths

    files: list[str] = []
    for path in paths:
        found = list(expand_paths([path]))
        if not found and os.path.isdir(path):
            message = f"no YAML or JSON files under {shown(path, newline=False)}"
            raise click.BadParameter(message, param_hint="PATHS")
        files.extend(found)
    return list(dict.fromkeys(files))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@framework_files_option("A framework file for assessments and rule packs to be checked against.")
@click.pass_obj
def validate(
    state: State, paths: Sequence[str], output: str, framework_files: Sequence[str]
) -> None:
    """Check framework, assessment and rule files (YAML or JSON), every problem at once.

    PATHS may be files or directories (their .yaml, .yml and .json files are checked). A
    JSON Lines file (.jsonl) is checked line by line, each line a document.
    Exits 1 if any file is invalid.
    """
    from .validation import check_files

    # Each result is shown, then let go, as it comes: a JSON Lines file of any length
    # streams. JSON output is one document, so it keeps each result's small summary.
    results = check_files(
        _files(paths),
        framework_files=framework_files,
        catalog=lambda: state.engine().framework_names(),
    )
    checked = invalid = errors = 0
    per_line = False  # JSON Lines: the summary counts documents, not files
    collected: list[dict[str, Any]] = []
    for result in results:
        checked += 1
        invalid += not result.ok
        errors += len(result.diagnostics)
        per_line = per_line or result.line is not None
        if output == "json":
            collected.append(result.to_dict())
            continue
        if result.ok:
            where = shown(result.where, newline=False)
            said = shown(result.summary, newline=False)
            click.echo(f"{where}: {click.style('ok', fg='green')}: {said}")
        for diagnostic in result.diagnostics:
            click.echo(_error_line(diagnostic))
    if output == "json":
        payload = {"valid": not invalid, "files": collected}
        click.echo(json.dumps(payload, indent=2))
    else:
        noun = "document" if per_line else "file"
        summary = (
            f"{checked} {noun}{'s' if checked != 1 else ''} checked: "
            f"{checked - invalid} valid, {invalid} invalid"
        )
        if errors:
            summary += f" ({errors} error{'s' if errors != 1 else ''})"
        click.echo(summary, err=bool(invalid))
    if invalid:
        sys.exit(1)


@cli.command()
@click.argument("kind", type=click.Choice(SCHEMA_KINDS))
def schema(kind: str) -> None:
    """Print the JSON Schema of a file KIND, for editors and JSON Schema tools."""
    from .schema import json_schema

    click.echo(json.dumps(json_schema(kind), indent=2))


@cli.command()
@click.option(
    "--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_obj
def frameworks(state: State, output: str) -> None:
    """List the frameworks available: bundled and from plugins."""
    entries = state.engine().frameworks()
    if output == "json":
        rows = [
            {
                "id": e.framework.id,
                "version": e.framework.version,
                "title": e.framework.title,
                "publisher": e.framework.publisher,
                "year": e.framework.year,
                "strands": len(e.framework),
                "provider": e.provider,
                "path": e.path,
            }
            for e in entries
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    from .display import frameworks_table

    click.echo(frameworks_table(entries))


@cli.command()
@click.argument("framework")
@click.argument("node_id", metavar="[ID]", required=False)
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_obj
def show(state: State, framework: str, node_id: str | None, output: str) -> None:
    """Print FRAMEWORK (an id or a file), or one element, aspect or strand of it, with
    every level descriptor."""
    found = state.framework(framework)
    try:
        node = found if node_id is None else found.get(node_id)
    except UnknownIdError as error:
        hint = f" ({error.hint})" if error.hint else ""
        message = shown(f"{error.first.message}{hint}", newline=False)
        raise click.BadParameter(message, param_hint="ID") from None
    if output == "json":
        data = node.model_dump(mode="json", exclude_none=True)
        click.echo(shown_json(json.dumps(data, indent=2, ensure_ascii=False)))
        return
    from .display import show as render

    click.echo(render(found, node_id), nl=False)


@cli.command()
@click.argument("framework")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="The assessment file to write (continued if it exists).",
)
@click.option("--all", "revisit", is_flag=True, help="Revisit strands already judged.")
@click.option("--school-id", help="The school's id (e.g. its URN); asked for if not given.")
@click.option("--school-name", help="The school's name; asked for if not given.")
@click.option("--authority", help="The local authority (optional).")
@click.option("--assessor", help="Who makes the judgements (optional).")
@click.option(
    "--date",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Date of the review and its judgements (default: today).",
)
@click.pass_obj
def assess(
    state: State,
    framework: str,
    output: str,
    revisit: bool,
    school_id: str | None,
    school_name: str | None,
    authority: str | None,
    assessor: str | None,
    on: dt.datetime | None,
) -> None:
    """Self-review against FRAMEWORK strand by strand, saving every answer to OUTPUT at once.

    Run it again on the same file to continue where you stopped. OUTPUT is JSON if its name
    ends in .json, else YAML. If another program changes OUTPUT during the session, the
    session saves its answers beside it instead (OUTPUT.conflict-TIME.yaml) and stops.
    """
    from pathlib import Path

    from .cli_outputs import output_file
    from .outputs import Inputs
    from .session import Header, Session, SessionNotSaved, id_problem, text_problem

    given = (framework,) if os.path.isfile(framework) else ()
    output_file(output, Inputs().add("FRAMEWORK", *given), document=True, stdout=False)
    for option, value, check in (
        ("--school-id", school_id, id_problem),
        ("--school-name", school_name, text_problem),
        ("--authority", authority, text_problem),
        ("--assessor", assessor, text_problem),
    ):
        if value is not None and (problem := check(value)) is not None:
            raise click.BadParameter(problem, param_hint=option)
    _tolerant_terminal()

    def ask(prompt: str, default: str) -> str:
        # A default is the file's own text (evidence carried over): shown escaped.
        if default:
            prompt = f"{prompt} [{shown(default, newline=False)}]"
        try:
            answer: str = click.prompt(prompt, default=default, show_default=False)
        except UnicodeDecodeError:
            return "\udcff"  # bytes that are not UTF-8: the session asks again
        return answer

    found = state.framework(framework)
    session = Session(found, Path(output), ask=ask, say=click.echo)
    if on is not None:
        session.today = on.date()
    header = Header(school_id, school_name, authority, assessor)
    try:
        assessment = session.run(session.start(header), revisit=revisit)
    except click.Abort:
        if session.saved or Path(output).exists():
            message = (
                f"Stopped. Your answers so far are in {output}; run the same command to go on."
            )
        else:
            message = "Stopped before anything was written."
        click.echo(f"\n{message}", err=True)
        sys.exit(1)
    except SessionNotSaved as error:
        click.echo(f"\n{error.first.message}\n{error.hint}", err=True)
        sys.exit(1)
    click.echo(f"\nSaved {output}: {len(assessment.judgements)} of {len(found)} strands judged.")


def _tolerant_terminal() -> None:
    """Typed bytes that are not UTF-8 arrive as text the session refuses (and asks again),
    rather than as an error that loses the rest of the input; echoing them never fails."""
    from contextlib import suppress

    for stream, errors in ((sys.stdin, "surrogateescape"), (sys.stdout, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with suppress(ValueError, OSError):  # a stream that cannot: left as it is
                reconfigure(errors=errors)


#: Above this many files, `benchmark` and `report` show a progress bar (on stderr).
PROGRESS_FILES = 20
#: The scoring policies (kept in step with `scoring.POLICIES` by a test; not imported, so
#: that start-up stays fast).
BENCHMARK_POLICIES = POLICY_NAMES


@cli.command()
@click.argument(
    "assessments", metavar="ASSESSMENT...", nargs=-1, required=True, type=click.Path(exists=True)
)
@previous_option("The school's earlier review, to show progress since (one ASSESSMENT only).")
@rule_files_option
@migration_files_option(
    "A migration file, to compare with a --previous review of another framework version "
    "(repeatable)."
)
@framework_files_option()
@disable_option
@click.option(
    "--format",
    "output_format",
    metavar="NAME",
    help="Output format: table, json, csv, markdown, html, or one a plugin adds "
    "(default: from -o's extension, else table; json for --output-dir).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to this file (atomically) instead of the terminal.",
)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False),
    help="Many assessments: write one report per school into this directory.",
)
@policy_option("How strand levels combine into aspect, element and overall levels.")
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 if any plugin had a problem; with many assessments, stop at the first bad one.",
)
@click.option(
    "--with-evidence/--no-evidence",
    "evidence",
    default=True,
    show_default=True,
    help="Keep the schools' evidence text where the format shows it, or drop it from every "
    "format (the JSON's assessment and previous review included).",
)
@click.option(
    "--any-school",
    is_flag=True,
    help="Compare with a --previous review of another school id: for a school whose id "
    "changed (a new URN on becoming an academy, say).",
)
@click.option(
    "--cohort",
    "cohort_file",
    type=click.Path(exists=True, dir_okay=False),
    help="A cohort file (from `selfreview collect`): show the school's percentile per strand "
    "and aspect and the cohort's median (table, html, json; one ASSESSMENT only).",
)
@click.option(
    "--history",
    "history_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Another review of the school (repeatable): each aspect's level review by review "
    "(table, html; one ASSESSMENT only).",
)
@click.pass_obj
def report(
    state: State,
    assessments: Sequence[str],
    previous: str | None,
    rule_files: Sequence[str],
    migration_files: Sequence[str],
    framework_files: Sequence[str],
    disable: Sequence[str],
    output_format: str | None,
    output: str | None,
    output_dir: str | None,
    policy: Policy,
    strict: bool,
    evidence: bool,
    any_school: bool,
    cohort_file: str | None,
    history_files: Sequence[str],
) -> None:
    """Profile each ASSESSMENT and recommend what to do next, with every plugin and rule pack.

    One assessment file gives one report. Several files, directories or JSON Lines files
    (.jsonl, one assessment per line) give one report per school: into --output-dir, or as
    one JSON Lines stream (--format json) or tables on stdout or -o. Bad files are reported
    and skipped (exit 1 at the end); --strict stops at the first.

    Plugin problems are shown on stderr and in the report; the rest of the report stands.
    No output replaces a file the command reads: such an -o or --output-dir (or one
    holding an input) is refused before anything is written. -o - writes stdout.
    """
    from .cli_outputs import STDOUT, output_file
    from .outputs import Inputs, write_atomic

    batch = (
        output_dir is not None
        or len(assessments) > 1
        or os.path.isdir(assessments[0])
        or assessments[0].lower().endswith(".jsonl")
    )
    if batch and previous:
        raise click.BadParameter("needs a single ASSESSMENT file", param_hint="--previous")
    if batch and (cohort_file or history_files):
        option = "--cohort" if cohort_file else "--history"
        raise click.BadParameter("needs a single ASSESSMENT file", param_hint=option)
    if any_school and not previous:
        raise click.BadParameter(
            "compares with a --previous review: give one", param_hint="--any-school"
        )
    if output_dir and output:
        raise click.UsageError("give -o or --output-dir, not both")
    inputs = (
        Inputs()
        .add("ASSESSMENT", *assessments)
        .add("--previous", previous)
        .add("--rules", *rule_files)
        .add("--framework", *framework_files)
        .add("--migration", *migration_files)
        .add("--cohort", cohort_file)
        .add("--history", *history_files)
    )
    if not batch:
        output_file(output, inputs)  # a batch checks once its directories are walked
    to_file = None if output == STDOUT else output
    engine = state.engine(
        quiet=True,
        disable=disable,
        frameworks=framework_files,
        rule_packs=rule_files,
        migrations=migration_files,
    )
    if batch:
        _report_many(
            engine,
            assessments,
            output_format,
            output,
            output_dir,
            policy,
            strict,
            inputs,
            evidence,
        )
        return
    from .evidence import without_evidence
    from .loader import load_assessment

    name = _export_format(engine, output_format, output)
    frameworks = engine.framework_names()
    current = load_assessment(assessments[0], frameworks)
    earlier = load_assessment(previous, frameworks) if previous else None
    made = report_against(
        engine, (assessments[0], current), previous, earlier, policy=policy, any_school=any_school
    )
    if not evidence:
        made = without_evidence(made)
    rendered = engine.export(made, name)
    if cohort_file or history_files:
        from .cli_report_extras import add_extras

        rendered = add_extras(engine, made, name, rendered, cohort_file, history_files, policy)
    if to_file:
        write_atomic(to_file, rendered)
    elif isinstance(rendered, bytes):
        sys.stdout.buffer.write(rendered)
    else:
        # A plugin's exporter may return text with control characters: on a terminal they
        # are shown escaped, as every other text is (the built-in ones escape already).
        click.echo(shown(rendered), nl=False)
    for problem in made.problems:
        _echo_problem(problem)
    if earlier is not None and made.previous is not None and made.previous is not earlier:
        click.echo(
            shown(
                f"The previous review ({earlier.framework}) was carried to {made.framework.ref} "
                "to compare: split and merged strands count as not judged in it.",
                newline=False,
            ),
            err=True,
        )
    if waiting := made.assessment.awaiting_review:
        click.echo(
            shown(
                f"{len(waiting)} strand(s) left by a migration for you to judge: "
                f"{', '.join(waiting)} (see `review` in {assessments[0]}).",
                newline=False,
            ),
            err=True,
        )
    if to_file:
        click.echo(shown(f"Wrote {output} ({name}).", newline=False), err=True)
    if strict and made.problems:
        click.echo(f"--strict: {len(made.problems)} problem(s)", err=True)
        sys.exit(1)


def report_against(
    engine: Engine,
    current: tuple[str, Assessment],
    previous_file: str | None,
    previous: Assessment | None,
    *,
    policy: Policy = "median",
    any_school: bool | None = None,
) -> Report:
    """`engine.report` of the file `current` against the `--previous` one, its refusals put
    in the command line's words: located in the files, with advice a user of the command
    can follow (the library's hint `any_school=True` is for Python). `any_school` is None
    for a command without `--any-school`."""
    current_file, assessment = current
    try:
        return engine.report(assessment, previous, policy=policy, any_school=bool(any_school))
    except ComparisonError as error:
        if previous is None or previous_file is None:
            raise
        raise _previous_refused(
            error, current_file, assessment, previous_file, previous, any_school
        ) from None


def _previous_refused(
    error: ComparisonError,
    current_file: str,
    current: Assessment,
    previous_file: str,
    previous: Assessment,
    any_school: bool | None,
) -> SelfReviewError:
    """A refusal to compare, located at the key of the --previous file it is about."""
    from .source import read_source

    code = error.first.code
    if code == "previous-newer":
        path: tuple[str, ...] = ("assessed_on",)
        message = (
            f"--previous is newer than ASSESSMENT: {previous_file} is of "
            f"{previous.assessed_on.isoformat()}, {current_file} of "
            f"{current.assessed_on.isoformat()}"
        )
        hint = f"swap them: {current_file} as --previous, {previous_file} as ASSESSMENT"
    elif code == "different-schools":
        path = ("school", "id")
        message = (
            f"--previous is a review of school {previous.school.id}, ASSESSMENT of school "
            f"{current.school.id}"
        )
        if any_school is None:
            hint = "give --previous an earlier review of the same school"
        else:
            hint = (
                "give --previous an earlier review of the same school; if it is this school "
                "under a changed id, such as a new URN, add --any-school"
            )
    else:
        return error
    try:
        found = read_source(previous_file).diagnostic(path, message, code=code, hint=hint)
    except (SelfReviewError, OSError):  # gone since it was read: the message still stands
        return ComparisonError(message, file=previous_file, hint=hint, code=code)
    return ComparisonError([found])


def _report_many(
    engine: Engine,
    paths: Sequence[str],
    output_format: str | None,
    output: str | None,
    output_dir: str | None,
    policy: Policy,
    strict: bool,
    inputs: Inputs,
    evidence: bool = True,
) -> None:
    """Reports for many assessments, made and written one at a time.

    Into --output-dir: one file per review (`outputs.BatchWriter`: safe, unique names,
    never over an input); a file that cannot be written is reported and the batch goes on.
    Else one stream (JSON Lines, or tables) to stdout or to -o, written atomically.
    """
    import contextlib

    from .batch import AssessmentStream
    from .cli_outputs import STDOUT, output_file, output_folder
    from .evidence import without_evidence
    from .json_lines import JSON_LINES
    from .outputs import BatchWriter, open_atomic
    from .validation import SUFFIXES, expand_paths

    if output_dir is not None:
        name = output_format or "json"
        _export_format(engine, name, None)
    else:
        name = _export_format(engine, output_format, output)
        if name not in ("json", "table"):
            message = f"{shown(name, newline=False)} makes one file per school: give --output-dir"
            raise click.BadParameter(message, param_hint="--format")
    files = list(dict.fromkeys(expand_paths(paths, SUFFIXES + JSON_LINES)))
    stream = AssessmentStream(files, engine.framework_names())  # the walk is done once
    if not files:
        raise click.BadParameter("no YAML, JSON or JSON Lines files found", param_hint="PATHS")
    inputs.add("ASSESSMENT", *files)
    # Checked before any report is made: nothing is written over an input.
    folder = None if output_dir is None else output_folder(output_dir, inputs)
    output_file(output, inputs)
    to_file = None if output == STDOUT else output
    reported = failed = unwritten = 0

    def report_skipped() -> int:
        count = len(stream.skipped)
        for skipped in stream.skipped:
            for diagnostic in skipped.diagnostics:
                click.echo(_error_line(diagnostic), err=True)
        stream.skipped.clear()
        return count

    def report_unwritten(errors: Sequence[OSError]) -> int:
        for error in errors:
            reason = error.strerror or str(error)
            message = f"cannot write this report: {reason}; the other reports go on"
            click.echo(_error_line(Diagnostic(message, file=error.filename)), err=True)
        return len(errors)

    with contextlib.ExitStack() as stack:
        sink = writer = None
        if folder is not None:
            writer = stack.enter_context(BatchWriter(folder, inputs))
        elif to_file:
            sink = stack.enter_context(open_atomic(to_file))
        items: Any = iter(stream)
        if len(files) > PROGRESS_FILES:
            items = stack.enter_context(
                click.progressbar(items, label="Reporting", file=sys.stderr)
            )
        extension = engine.exporter(name).extension
        for assessment in items:
            failed += report_skipped()
            if strict and (failed or unwritten):
                break
            made = engine.report(assessment, policy=policy)
            if not evidence:
                made = without_evidence(made)
            for problem in made.problems:
                _echo_problem(problem)
            if strict and made.problems:
                failed += 1
                break
            rendered = engine.export(made, name)
            data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
            if writer is not None:
                reviewed = made.assessment
                stem = f"{reviewed.school.id}-{reviewed.assessed_on.isoformat()}"
                try:
                    writer.write(stem, extension, data)
                except OSError as error:
                    unwritten += report_unwritten([error])
                if writer.due():
                    unwritten += report_unwritten(writer.flush())
                continue
            if name == "json":  # JSON Lines: one compact report per line
                data = shown_json(made.model_dump_json(by_alias=True)).encode("utf-8") + b"\n"
            elif reported:
                data = b"\f\n" + data  # a page break between tables
            if sink is not None:
                sink.write(data)
            else:
                sys.stdout.buffer.write(data)
                sys.stdout.flush()
            reported += 1
        if writer is not None:
            unwritten += report_unwritten(writer.flush())
            reported = len(writer.written)
        failed += report_skipped()
        if strict and (failed or unwritten):
            click.echo(f"--strict: stopped after {reported} report(s)", err=True)
            raise SystemExit(1)
    where = f" in {output_dir}" if output_dir else (f" to {output}" if to_file else "")
    summary = f"{reported} report{'s' if reported != 1 else ''} written{where}"
    if failed:
        summary += f"; {failed} assessment{'s' if failed != 1 else ''} skipped (errors above)"
    if unwritten:
        summary += f"; {unwritten} could not be written (errors above)"
    click.echo(summary, err=True)
    if failed or unwritten:
        sys.exit(1)


@cli.command()
@click.argument("assessment", type=click.Path(exists=True, dir_okay=False))
@framework_files_option()
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@policy_option("How strand levels combine into the aspect and element levels awards may name.")
@click.pass_obj
def awards(
    state: State, assessment: str, framework_files: Sequence[str], output: str, policy: Policy
) -> None:
    """Check ASSESSMENT against each award its framework declares: met or not, and exactly
    what is missing (levels not yet reached, strands without evidence).

    Exits 0 whether or not the awards are met; 1 only for invalid input.
    """
    from .award_check import awards as check_awards
    from .display import awards_text
    from .loader import load_assessment, resolve_framework
    from .scoring import score

    engine = state.engine(frameworks=framework_files)
    frameworks = engine.framework_names()
    current = load_assessment(assessment, frameworks)
    framework = resolve_framework(frameworks, current.framework) or engine.framework(
        current.framework
    )
    results = check_awards(framework, current, profile=score(framework, current, policy))
    if output == "json":
        data = {
            "framework": framework.ref,
            "school": current.school.model_dump(mode="json"),
            "assessed_on": current.assessed_on.isoformat(),
            "awards": [result.model_dump(mode="json") for result in results],
        }
        click.echo(shown_json(json.dumps(data, indent=2, ensure_ascii=False)))
        return
    school = current.school
    heading = (
        f"{school.name} ({school.id}), {framework.title} ({framework.ref}), "
        f"reviewed {current.assessed_on.isoformat()}"
    )
    click.echo(shown(heading, newline=False))
    if not results:
        click.echo(f"{shown(framework.ref, newline=False)} declares no awards.")
        return
    met = sum(result.met for result in results)
    click.echo(f"{met} of {len(results)} award(s) met.\n")
    for line in awards_text(results):
        click.echo(line)


def _export_format(engine: Engine, given: str | None, output: str | None) -> str:
    """The exporter to use: as given, else guessed from the output file's extension
    (`.jsonl` is JSON: one report per line; `-o -` and no -o give the table)."""
    exporters = engine.exporters()
    if given is None:
        if output is None or output == "-":
            return "table"
        suffix = os.path.splitext(output)[1].lower()
        if suffix == ".jsonl" and "json" in exporters:
            return "json"
        for exporter in exporters.values():
            extension = exporter.extension.lower()
            if suffix and extension in (suffix, suffix[1:]):  # a plugin may omit the dot
                return exporter.name
        message = (
            f"cannot tell the format from `{suffix or output}`; give --format "
            f"({', '.join(exporters)})"
        )
        raise click.BadParameter(shown(message, newline=False), param_hint="-o")
    if given not in exporters:
        from ._base import did_you_mean

        hint = did_you_mean(given, exporters) or f"choose from {', '.join(exporters)}"
        message = shown(f"no exporter `{given}` ({hint})", newline=False)
        raise click.BadParameter(message, param_hint="--format")
    return given


@cli.command()
@click.option(
    "--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_obj
def plugins(state: State, output: str) -> None:
    """List the plugins in use: name, version, the hooks each implements and where it came
    from; the rule packs they provide; and every problem found loading them (a plugin that
    fails to import, a misspelt hook, ...)."""
    engine = state.engine(quiet=True)  # the problems are part of this command's output
    found = engine.plugins()
    packs = engine.rule_packs()  # loading them may find more problems
    problems = list(engine.problems)
    if output == "json":
        payload = {
            "plugins": [
                {"name": p.name, "version": p.version, "hooks": list(p.hooks), "origin": p.origin}
                for p in found
            ],
            "rule_packs": [
                {
                    "id": e.pack.id,
                    "framework": e.pack.framework,
                    "rules": len(e.pack.rules),
                    "provider": e.provider,
                    "path": e.path,
                }
                for e in packs
            ],
            "problems": [problem.model_dump(mode="json") for problem in problems],
        }
        click.echo(json.dumps(payload, indent=2))
        return
    from tabulate import tabulate

    def cell(text: object) -> str:
        return shown(text, newline=False)

    rows = [
        (cell(p.name), cell(p.version or "-"), cell(", ".join(p.hooks) or "-"), cell(p.origin))
        for p in found
    ]
    click.echo(
        tabulate(rows, headers=("plugin", "version", "hooks", "from"), disable_numparse=True)
    )
    if packs:
        click.echo("")
        pack_rows = [
            (cell(e.pack.id), cell(e.pack.framework), len(e.pack.rules), cell(e.provider))
            for e in packs
        ]
        click.echo(
            tabulate(
                pack_rows,
                headers=("rule pack", "framework", "rules", "provided by"),
                disable_numparse=True,
            )
        )
    if problems:
        click.echo("")
        problem_rows = [(cell(p.source), p.severity, cell(p.message)) for p in problems]
        click.echo(
            tabulate(
                problem_rows, headers=("problem of", "severity", "message"), disable_numparse=True
            )
        )


# Commands kept in modules of their own import their helpers from this one, so they are
# added here, after everything they need is defined.
from .cli_plan import plan  # noqa: E402

cli.add_command(plan)
from .cli_migrate import migrate  # noqa: E402

cli.add_command(migrate)
from .cli_benchmark import benchmark  # noqa: E402

cli.add_command(benchmark)
from .cli_collect import collect  # noqa: E402

cli.add_command(collect)
from .cli_support import support  # noqa: E402

cli.add_command(support)

#: Every command that loads plugins: each takes `--disable NAME` (repeatable), merged with
#: `SELFREVIEW_DISABLE`; the names reach the engine through `State`, not the command's code.
PLUGIN_COMMANDS = (
    "validate",
    "show",
    "frameworks",
    "assess",
    "report",
    "benchmark",
    "collect",
    "support",
    "awards",
    "migrate",
    "plan",
    "plugins",
)
for _name in PLUGIN_COMMANDS:
    add_disable_option(cli.commands[_name])


def _quiet_streams() -> None:
    """Point standard output and error at nothing: their reader is gone, and output still
    buffered would fail again at exit with "Exception ignored ... Broken pipe"."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:  # pragma: no cover - no /dev/null
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError, AttributeError):  # not a real file (tests, IDEs)
            continue
    os.close(devnull)


def _reader_gone() -> NoReturn:
    """The reader of our output went away (`selfreview report ... | head`): stop quietly,
    exit 0. Not an error of ours (`head` got what it asked for): no "Broken pipe", no
    traceback."""
    _quiet_streams()
    raise click.exceptions.Exit(0)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point. Exit codes: 0 success (and when the reader of the
    output stops reading, as `head` does), 1 invalid input or problems, 2 usage error."""
    try:
        try:
            cli.main(args=argv, prog_name="selfreview")
        finally:
            if sys.stdout is not None:  # flushed now, while a gone reader can be caught
                sys.stdout.flush()
    except BrokenPipeError:
        _quiet_streams()
        sys.exit(0)
