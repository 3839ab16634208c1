"""`selfreview support`: where an authority's support is needed (SPEC section 8).

Thin over `cohort.inputs` (the cohort, from assessments or a cohort file), `cohort.support`
(who is below the level, and every plugin's and rule pack's advice for them, counted; the
reports made by `cohort_engine`) and `cohort.support_views` (table, JSON, CSV, HTML).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from contextlib import ExitStack
from typing import IO

import click

from .._names import Policy
from ..escaping import shown, shown_json, shown_name
from ._cohort import (
    Asked,
    assessment_files,
    cohort_inputs,
    format_from_output,
    framework_among,
    framework_files,
    framework_options,
    jobs_option,
    open_cohort,
    output_option,
    rules_option,
    warn_duplicates,
)
from ._common import (
    STDOUT,
    FormatChoice,
    InputPath,
    State,
    disable_option,
    echo_problem,
    folder_frameworks,
    output_file,
    policy_option,
)

__all__ = ["support"]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=InputPath())
@click.option(
    "--reached",
    type=int,
    metavar="LEVEL",
    help="The level to look for schools not yet at. Default: the lowest threshold the "
    "framework's awards name, else the middle of the scale.",
)
@framework_options
@rules_option
@disable_option
@policy_option("How each school's aspect levels come from its strands.")
@click.option(
    "--format",
    "output",
    type=FormatChoice(["table", "json", "csv", "html"]),
    help="Output format (default: from -o's extension, else table).",
)
@output_option
@jobs_option
@click.pass_obj
def support(
    state: State,
    paths: Sequence[str],
    reached: int | None,
    framework_name: str | None,
    to: str | None,
    migration_files: Sequence[str],
    rule_files: Sequence[str],
    disable: Sequence[str],
    policy: Policy | None,
    output: str | None,
    output_path: str | None,
    jobs: int,
) -> None:
    """Where support is needed: per aspect and strand, the schools not yet at a level, and
    every recommendation the installed plugins and rule packs make for those schools,
    counted across them, most schools first.

    PATHS are cohort files (.parquet) or assessment files, directories and JSON Lines, as for
    `benchmark` (- reads stdin); each school counts with its latest review. Inputs that
    cannot be used are reported and skipped (exit 1). The output says "school" in the
    framework's words (its `terms:`). The format is --format's, else -o's extension's
    (.txt, .json, .csv, .html or .htm; another is refused), else a table.
    """
    from ..cohort.inputs import CohortWork, is_cohort_file
    from ..cohort.sql_support import has_entries
    from ..cohort.support import support as support_list
    from ..cohort.support_views import support_csv, support_html, support_table
    from ..cohort_engine import ReportSpec, problem_text, reporter
    from ..outputs import open_atomic

    as_given = paths  # a framework file among them included: never written over
    framework_name, paths = framework_among(framework_name, to, paths, "support")
    cohort_files = [p for p in paths if is_cohort_file(p)]
    if cohort_files and len(cohort_files) != len(paths):
        raise click.UsageError("give cohort files (.parquet) or assessments, not both")
    if cohort_files and to is not None:
        raise click.UsageError(
            "--to carries assessments, not a cohort file's rows: give the assessment files "
            "with --to, or collect them again"
        )
    from .._followed import Followed
    from ..files.walk import each_once

    followed = Followed()  # what the walk follows, for the output checks
    files = each_once(cohort_files) if cohort_files else assessment_files(paths, followed)
    named = (*framework_files(state, framework_name, to), *rule_files)  # a framework file
    walked = folder_frameworks(paths, files, rules=True, given=named)  # (or rule pack)
    files, in_folders = walked.files, walked.frameworks  # in a folder given is one given
    rule_files = [*walked.rule_packs, *rule_files]
    inputs = cohort_inputs(as_given, files, framework_name, to, followed)
    inputs.add("--rules", *rule_files)
    inputs.add("--framework", *framework_files(state, framework_name, to, in_folders))
    output_file(output_path, inputs.add("--migration", *migration_files))
    chosen = format_from_output(output, output_path)  # an output over an input: said first
    given = framework_files(state, framework_name, to, in_folders)
    engine = state.engine(
        quiet=True,
        disable=disable,
        frameworks=given,
        rule_packs=rule_files,
        migrations=migration_files,
    )
    # The texts of assessments are read (long form: `sql_support`), a cohort file's not.
    asked = Asked(framework_name, to, migration_files, policy, True, not cohort_files, jobs)
    with CohortWork() as work:
        found = open_cohort(state, work, files, walked, asked, parquet=bool(cohort_files))
        framework = found.framework
        if reached is not None and reached not in framework.scale:
            raise click.BadParameter(
                f"{reached} is not a level of {shown(framework.ref, newline=False)} "
                f"({framework.scale.describe()})",
                param_hint="--reached",
            )
        for left in found.left_out:
            click.echo(
                shown(
                    f"warning: {left.rows} row(s) of {left.framework} left out: a cohort is of "
                    f"one framework version ({framework.ref})",
                    newline=False,
                ),
                err=True,
            )
        if not has_entries(found.sql):  # not `size`: it counts every figure of the cohort
            click.echo(f"no usable assessments in {found.read} input(s)", err=True)
            sys.exit(1)
        duplicates = warn_duplicates(found.sql, framework.terms)  # as `benchmark`; exit 1
        spec = ReportSpec(framework, found.sql.policy, engine.disabled, given, tuple(rule_files))
        try:
            made = support_list(found.sql, reporter(spec, jobs=jobs, engine=engine), reached)
        except Exception:
            if not work.closed():
                raise
            raise click.ClickException(  # no guard keeps plugin code from the connection
                "the cohort's database was closed while plugins made their reports (by a"
                " plugin?); the list was not made"
            ) from None
    told = {problem_text(p) for p in engine.problems}  # each report holds them again
    for problem in engine.problems:
        echo_problem(problem)
    for text in (t for t in made.problems if t not in told):
        click.echo(f"{click.style('warning', fg='yellow')}: {shown(text, newline=False)}", err=True)
    note = found.skipped_note(files)
    if note is not None:
        click.echo(note, err=True)
    if chosen == "json":
        rendered = shown_json(made.model_dump_json(indent=2)) + "\n"
    elif chosen == "csv":
        rendered = support_csv(made)
    elif chosen == "html":
        rendered = support_html(made, framework.terms)
    else:
        rendered = support_table(made, terms=framework.terms)
    with ExitStack() as stack:
        if output_path is None or output_path == STDOUT:
            sys.stdout.write(rendered)
        else:
            binary: IO[bytes] = stack.enter_context(open_atomic(output_path))
            binary.write(rendered.encode("utf-8"))
    if output_path not in (None, STDOUT):
        click.echo(shown(f"Wrote {shown_name(output_path)} ({chosen}).", newline=False), err=True)
    if found.skipped or found.left_out or duplicates:
        sys.exit(1)
