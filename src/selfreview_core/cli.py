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
    disable_option,
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

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .assessment import Assessment
    from .cohort import Duplicate
    from .engine import Engine
    from .framework import Framework
    from .problem import Problem
    from .report import Report
    from .scoring import Policy

#: The file kinds `selfreview schema` knows (kept in step with `loader.KINDS` by a test).
SCHEMA_KINDS = ("assessment", "framework", "rules", "migration", "plan")
FILE_SUFFIXES = (".yaml", ".yml", ".json")


def _error_line(diagnostic: Diagnostic) -> str:
    where = ":".join(
        str(p) for p in (diagnostic.file, diagnostic.line, diagnostic.column) if p is not None
    )
    text = f"{diagnostic.path}: {diagnostic.message}" if diagnostic.path else diagnostic.message
    if diagnostic.hint:
        text = f"{text} ({diagnostic.hint})"
    label = click.style("error", fg="red", bold=True)
    return f"{click.style(where, bold=True)}: {label}: {text}" if where else f"{label}: {text}"


def _echo_problem(problem: Problem) -> None:
    label = click.style(problem.severity, fg="red" if problem.severity == "error" else "yellow")
    click.echo(f"{label}: plugin {problem.source}: {problem.message}", err=True)


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
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            raise click.ClickException(f"{where}{error.strerror or error}") from None
        except Exception as error:
            if os.environ.get("SELFREVIEW_DEBUG"):
                raise
            message = (
                f"internal error: {type(error).__name__}: {error}\n"
                "This is a bug in selfreview or a plugin; set SELFREVIEW_DEBUG=1 to see where."
            )
            raise click.ClickException(message) from None


class State:
    """Per-invocation state: the engine is built once, and only when a command needs it."""

    def __init__(self) -> None:
        self._engine: Engine | None = None

    def engine(self, *, quiet: bool = False, **options: Any) -> Engine:
        """The engine, built on first use with `options` (see `Engine`). Its plugin problems
        are shown unless `quiet` (when the command reports them itself)."""
        if self._engine is None:
            from .engine import Engine

            self._engine = Engine(**options)
            if not quiet:
                for problem in self._engine.problems:
                    _echo_problem(problem)
        return self._engine

    def framework(self, name: str, param: str = "FRAMEWORK") -> Framework:
        """A framework named by path or by id (or id@version)."""
        if os.path.exists(name) or name.endswith(FILE_SUFFIXES):
            from .loader import load_framework

            return load_framework(name)
        try:
            return self.engine().framework(name)
        except UnknownFrameworkError as error:
            hint = f" ({error.hint})" if error.hint else ""
            raise click.BadParameter(f"{error.first.message}{hint}", param_hint=param) from None


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
            raise click.BadParameter(f"no YAML or JSON files under {path}", param_hint="PATHS")
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
    from .validation import validate_files

    results = validate_files(
        _files(paths),
        framework_files=framework_files,
        catalog=lambda: state.engine().framework_names(),
    )
    invalid = [r for r in results if not r.ok]
    if output == "json":
        payload = {"valid": not invalid, "files": [r.to_dict() for r in results]}
        click.echo(json.dumps(payload, indent=2))
    else:
        for result in results:
            if result.ok:
                click.echo(f"{result.where}: {click.style('ok', fg='green')}: {result.summary}")
            for diagnostic in result.diagnostics:
                click.echo(_error_line(diagnostic))
        errors = sum(len(r.diagnostics) for r in invalid)
        noun = "document" if any(r.line for r in results) else "file"  # JSON Lines: per line
        summary = (
            f"{len(results)} {noun}{'s' if len(results) != 1 else ''} checked: "
            f"{len(results) - len(invalid)} valid, {len(invalid)} invalid"
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
        raise click.BadParameter(f"{error.first.message}{hint}", param_hint="ID") from None
    if output == "json":
        click.echo(
            json.dumps(
                node.model_dump(mode="json", exclude_none=True), indent=2, ensure_ascii=False
            )
        )
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

    Run it again on the same file to continue where you stopped.
    """
    from pathlib import Path

    from .session import Header, Session

    def ask(prompt: str, default: str) -> str:
        answer: str = click.prompt(prompt, default=default, show_default=bool(default))
        return answer

    found = state.framework(framework)
    session = Session(found, Path(output), ask=ask, say=click.echo)
    if on is not None:
        session.today = on.date()
    header = Header(school_id, school_name, authority, assessor)
    try:
        assessment = session.run(session.start(header), revisit=revisit)
    except click.Abort:
        if Path(output).exists():
            message = (
                f"Stopped. Your answers so far are in {output}; run the same command to go on."
            )
        else:
            message = "Stopped before anything was written."
        click.echo(f"\n{message}", err=True)
        sys.exit(1)
    click.echo(f"\nSaved {output}: {len(assessment.judgements)} of {len(found)} strands judged.")


#: Above this many files, `benchmark` and `report` show a progress bar (on stderr).
PROGRESS_FILES = 20
#: The scoring policies (kept in step with `scoring.POLICIES` by a test; not imported, so
#: that start-up stays fast).
BENCHMARK_POLICIES = POLICY_NAMES


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--framework",
    "framework_name",
    help="The framework (id or file). Default: the one the first readable assessment names.",
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
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format: a table to read, the cohort as JSON, or CSV for spreadsheets.",
)
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
) -> None:
    """Benchmark a cohort of assessments: schools at each level of every strand, quartiles,
    and each school's position.

    PATHS may be files or directories (their .yaml, .yml and .json files are read, one at a
    time). Files that cannot be used are skipped and reported, and two reviews of one
    school on one date are named on stderr; the exit code is then 1.
    """
    from typing import cast

    from .cohort import Cohort, SchoolPosition
    from .cohort_files import benchmark_files
    from .cohort_views import cohort_csv, cohort_table, school_table
    from .scoring import Policy

    if min_group is not None and not anonymise:
        raise click.UsageError("--min-group applies to --anonymise: give both, or neither")
    if with_evidence and output == "table":
        raise click.UsageError(
            "the table shows no evidence: use --with-evidence with --format json or csv"
        )
    if with_evidence and anonymise:
        raise click.UsageError(
            "--with-evidence cannot go with --anonymise: evidence text can name the school"
        )
    files = _files(paths)
    from .cli_migrate import cohort_framework

    lookup, carry = cohort_framework(state, files, framework_name, to, migration_files)

    chosen = cast(Policy, policy)
    if len(files) > PROGRESS_FILES:
        # On stderr: stdout carries only the result.
        with click.progressbar(files, label="Reading assessments", file=sys.stderr) as bar:
            result = benchmark_files(
                bar,
                lookup,
                policy=chosen,
                latest_only=latest_only,
                migrate=carry,
                with_evidence=with_evidence,
            )
    else:
        result = benchmark_files(
            files,
            lookup,
            policy=chosen,
            latest_only=latest_only,
            migrate=carry,
            with_evidence=with_evidence,
        )
    if carry is not None and carry.carried:
        click.echo(
            f"{carry.carried} assessment(s) of other versions carried to {carry.target.ref}; "
            "split and merged strands count as not judged.",
            err=True,
        )
    for skipped in result.skipped:
        for diagnostic in skipped.diagnostics:
            click.echo(_error_line(diagnostic), err=True)
    cohort = result.cohort
    if cohort is None or cohort.size == 0:
        click.echo(f"no usable assessments in {len(files)} file(s)", err=True)
        sys.exit(1)
    if result.skipped:
        click.echo(
            f"{len(result.skipped)} of {result.files} files skipped; the cohort is the "
            f"other {result.files - len(result.skipped)}.",
            err=True,
        )
    for duplicate in cohort.duplicates:
        click.echo(_duplicate_warning(duplicate), err=True)

    entry: SchoolPosition | None = None
    if school_id is not None:
        try:
            entry = cohort.position(school_id)
        except UnknownIdError as error:
            # An anonymised run must not suggest other schools' ids.
            hint = f" ({error.hint})" if error.hint and not anonymise else ""
            message = f"{error.first.message}{hint}"
            raise click.BadParameter(message, param_hint="--school") from None
    shown: Cohort = cohort
    if anonymise:
        from . import cohort_anonymise

        made = cohort_anonymise.anonymise(
            cohort, min_group=min_group or cohort_anonymise.DEFAULT_MIN_GROUP
        )
        shown = made.cohort
        if school_id is not None:
            entry = made.school(school_id)

    if output == "json":
        if entry is None:
            click.echo(shown.model_dump_json(indent=2))
        else:
            payload = {
                "school": entry.model_dump(mode="json"),
                "cohort": shown.model_dump(mode="json", exclude={"schools"}),
            }
            click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    elif output == "csv":
        click.echo(cohort_csv(shown, None if entry is None else [entry]), nl=False)
    elif entry is None:
        click.echo(cohort_table(shown), nl=False)
    else:
        click.echo(school_table(shown, entry), nl=False)
    if result.skipped or cohort.duplicates:
        sys.exit(1)


def _duplicate_warning(duplicate: Duplicate) -> str:
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
    return (
        f"{click.style('warning', fg='yellow')}: school {duplicate.school} has "
        f"{duplicate.reviews} reviews dated {when}: {named}; {which}"
    )


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
) -> None:
    """Profile each ASSESSMENT and recommend what to do next, with every plugin and rule pack.

    One assessment file gives one report. Several files, directories or JSON Lines files
    (.jsonl, one assessment per line) give one report per school: into --output-dir, or as
    one JSON Lines stream (--format json) or tables on stdout or -o. Bad files are reported
    and skipped (exit 1 at the end); --strict stops at the first.

    Plugin problems are shown on stderr and in the report; the rest of the report stands.
    """
    from .dump import write_atomic

    batch = (
        output_dir is not None
        or len(assessments) > 1
        or os.path.isdir(assessments[0])
        or assessments[0].lower().endswith(".jsonl")
    )
    if batch and previous:
        raise click.BadParameter("needs a single ASSESSMENT file", param_hint="--previous")
    if any_school and not previous:
        raise click.BadParameter(
            "compares with a --previous review: give one", param_hint="--any-school"
        )
    if output_dir and output:
        raise click.UsageError("give -o or --output-dir, not both")
    engine = state.engine(
        quiet=True,
        disable=disable,
        frameworks=framework_files,
        rule_packs=rule_files,
        migrations=migration_files,
    )
    if batch:
        _report_many(
            engine, assessments, output_format, output, output_dir, policy, strict, evidence
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
    if output:
        write_atomic(output, rendered)
    elif isinstance(rendered, bytes):
        sys.stdout.buffer.write(rendered)
    else:
        click.echo(rendered, nl=False)
    for problem in made.problems:
        _echo_problem(problem)
    if earlier is not None and made.previous is not None and made.previous is not earlier:
        click.echo(
            f"The previous review ({earlier.framework}) was carried to {made.framework.ref} "
            "to compare: split and merged strands count as not judged in it.",
            err=True,
        )
    if waiting := made.assessment.awaiting_review:
        click.echo(
            f"{len(waiting)} strand(s) left by a migration for you to judge: "
            f"{', '.join(waiting)} (see `review` in {assessments[0]}).",
            err=True,
        )
    if output:
        click.echo(f"Wrote {output} ({name}).", err=True)
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
    evidence: bool = True,
) -> None:
    """Reports for many assessments, made and written one at a time."""
    import contextlib
    from pathlib import Path

    from .batch import AssessmentStream
    from .dump import open_atomic, write_atomic
    from .evidence import without_evidence
    from .json_lines import JSON_LINES
    from .validation import SUFFIXES, expand_paths

    if output_dir is not None:
        name = output_format or "json"
        _export_format(engine, name, None)
    else:
        name = _export_format(engine, output_format, output)
        if name not in ("json", "table"):
            raise click.BadParameter(
                f"{name} makes one file per school: give --output-dir", param_hint="--format"
            )
    files = list(dict.fromkeys(expand_paths(paths, SUFFIXES + JSON_LINES)))
    stream = AssessmentStream(files, engine.framework_names())  # the walk is done once
    if not files:
        raise click.BadParameter("no YAML, JSON or JSON Lines files found", param_hint="PATHS")
    written: dict[str, int] = {}
    reported = failed = 0

    def destination(made: Report, extension: str) -> Path:
        school = made.assessment.school.id
        stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in school).lstrip(".")
        stem = f"{stem or 'school'}-{made.assessment.assessed_on.isoformat()}"
        written[stem] = written.get(stem, 0) + 1
        if written[stem] > 1:
            stem = f"{stem}-{written[stem]}"
        return Path(output_dir or ".") / f"{stem}{extension}"

    def report_skipped() -> int:
        count = len(stream.skipped)
        for skipped in stream.skipped:
            for diagnostic in skipped.diagnostics:
                click.echo(_error_line(diagnostic), err=True)
        stream.skipped.clear()
        return count

    with contextlib.ExitStack() as stack:
        sink = None
        if output_dir is None:
            sink = stack.enter_context(open_atomic(output)) if output else None
        else:
            Path(output_dir).mkdir(parents=True, exist_ok=True)
        items: Any = iter(stream)
        if len(files) > PROGRESS_FILES:
            items = stack.enter_context(
                click.progressbar(items, label="Reporting", file=sys.stderr)
            )
        extension = engine.exporter(name).extension
        for assessment in items:
            failed += report_skipped()
            if strict and failed:
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
            if output_dir is not None:
                write_atomic(destination(made, extension), data)
            else:
                if name == "json":  # JSON Lines: one compact report per line
                    data = made.model_dump_json(by_alias=True).encode("utf-8") + b"\n"
                elif reported:
                    data = b"\f\n" + data  # a page break between tables
                if sink is not None:
                    sink.write(data)
                else:
                    sys.stdout.buffer.write(data)
                    sys.stdout.flush()
            reported += 1
        failed += report_skipped()
        if strict and failed:
            click.echo(f"--strict: stopped after {reported} report(s)", err=True)
            raise SystemExit(1)
    where = f" in {output_dir}" if output_dir else (f" to {output}" if output else "")
    summary = f"{reported} report{'s' if reported != 1 else ''} written{where}"
    if failed:
        summary += f"; {failed} assessment{'s' if failed != 1 else ''} skipped (errors above)"
    click.echo(summary, err=True)
    if failed:
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
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    school = current.school
    click.echo(
        f"{school.name} ({school.id}), {framework.title} ({framework.ref}), "
        f"reviewed {current.assessed_on.isoformat()}"
    )
    if not results:
        click.echo(f"{framework.ref} declares no awards.")
        return
    met = sum(result.met for result in results)
    click.echo(f"{met} of {len(results)} award(s) met.\n")
    for line in awards_text(results):
        click.echo(line)


def _export_format(engine: Engine, given: str | None, output: str | None) -> str:
    """The exporter to use: as given, else guessed from the output file's extension."""
    exporters = engine.exporters()
    if given is None:
        if output is None:
            return "table"
        suffix = os.path.splitext(output)[1].lower()
        for exporter in exporters.values():
            if exporter.extension.lower() == suffix:
                return exporter.name
        raise click.BadParameter(
            f"cannot tell the format from `{suffix or output}`; give --format "
            f"({', '.join(exporters)})",
            param_hint="-o",
        )
    if given not in exporters:
        from ._base import did_you_mean

        hint = did_you_mean(given, exporters) or f"choose from {', '.join(exporters)}"
        raise click.BadParameter(f"no exporter `{given}` ({hint})", param_hint="--format")
    return given


@cli.command()
@click.option(
    "--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_obj
def plugins(state: State, output: str) -> None:
    """List the plugins in use: name, version, the hooks each implements and where it came
    from; and the rule packs they provide."""
    engine = state.engine()
    found = engine.plugins()
    shown = len(engine.problems)
    packs = engine.rule_packs()  # loading them may find more problems
    for problem in engine.problems[shown:]:
        _echo_problem(problem)
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
        }
        click.echo(json.dumps(payload, indent=2))
        return
    from tabulate import tabulate

    rows = [(p.name, p.version or "-", ", ".join(p.hooks) or "-", p.origin) for p in found]
    click.echo(
        tabulate(rows, headers=("plugin", "version", "hooks", "from"), disable_numparse=True)
    )
    if packs:
        click.echo("")
        pack_rows = [(e.pack.id, e.pack.framework, len(e.pack.rules), e.provider) for e in packs]
        click.echo(
            tabulate(
                pack_rows,
                headers=("rule pack", "framework", "rules", "provided by"),
                disable_numparse=True,
            )
        )


# Commands kept in modules of their own import their helpers from this one, so they are
# added here, after everything they need is defined.
from .cli_plan import plan  # noqa: E402

cli.add_command(plan)
from .cli_migrate import migrate  # noqa: E402

cli.add_command(migrate)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    try:
        cli.main(args=argv, prog_name="selfreview")
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        sys.exit(1)
