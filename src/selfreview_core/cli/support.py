"""`selfreview support`: where an authority's support is needed (SPEC section 8).

Thin over `cohort.inputs` (the cohort, from assessments or a cohort file), `cohort.support`
(who is below the level, and every plugin's and rule pack's advice for them, counted; the
reports made by `cohort_engine`) and `cohort.support_views` (table, JSON, CSV, HTML).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import click

from .._names import Policy
from ..cohort.open_files import open_files_said
from ..errors import CohortMemoryError
from ..escaping import shown
from ._cohort import (
    Asked,
    cohort_output,
    cohort_paths,
    format_from_output,
    framework_options,
    jobs_option,
    open_cohort,
    output_option,
    refuse_to,
    rules_option,
    told_cohort,
)
from ._common import (
    FormatChoice,
    InputPath,
    State,
    disable_option,
    echo_problem,
    output_file,
    policy_option,
    warn,
)

if TYPE_CHECKING:
    from ..cohort.support_ids import Found
    from ..model.framework import Framework
    from ..model.questions import Terms

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
@open_files_said()  # `ulimit -n` reached, said as that
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
    cannot be used are skipped and reported, and two reviews of one school on one date are
    named on stderr. A review dated after today, which counts as its school's latest, is
    warned of. The output says "school" in the framework's words (its `terms:`). The format
    is --format's, else -o's extension's (.txt, .json, .csv, .html or .htm; another is
    refused), else a table.

    Exits 0 when every input is used; 1 when one is skipped or a school has two reviews on
    one date; 2 on a usage error.
    """
    from ..cohort.inputs import CohortWork
    from ..cohort.sql_support import has_entries
    from ..cohort.support import support_found
    from ..cohort.work import memory_error, out_of_memory
    from ..cohort_engine import ReportSpec, problem_text, reporter

    found = cohort_paths(state, paths, framework_name, to, "support", rule_files=rule_files)
    refuse_to(found, to, "give the assessment files with --to")
    inputs = found.inputs.add("--rules", *found.rule_files).add("--framework", *found.frameworks)
    output_file(output_path, inputs.add("--migration", *migration_files))
    chosen = format_from_output(output, output_path)  # an output over an input: said first
    engine = state.engine(
        quiet=True,
        disable=disable,
        frameworks=found.frameworks,
        rule_packs=found.rule_files,
        migrations=migration_files,
    )
    files = found.walked.files
    # The texts of assessments are read (long form: `sql_support`), a cohort file's not.
    asked = Asked(found.framework_name, to, migration_files, policy, True, not found.parquet, jobs)
    with CohortWork() as work:
        cohort = open_cohort(state, work, files, found.walked, asked, parquet=found.parquet)
        framework = cohort.framework
        _check_reached(reached, framework)
        # `has_entries`, not `size`, which works out every figure of the cohort
        duplicates = told_cohort(cohort, files, has_entries, "; list their support on their own")
        spec = ReportSpec(
            framework, cohort.sql.policy, engine.disabled, found.frameworks, tuple(found.rule_files)
        )
        try:
            made = support_found(cohort.sql, reporter(spec, jobs=jobs, engine=engine), reached)
        except Exception as error:
            ran_out = error if isinstance(error, CohortMemoryError) else None
            ran_out = ran_out or out_of_memory(error, work.limit)
            if ran_out is not None:  # the list's, counted already: "counting" until round 73
                raise memory_error(ran_out.limit, _LISTING) from None
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
        warn(text)
    with cohort_output(output_path, chosen) as stream:
        for part in _rendered(made, chosen, framework.terms):
            stream.write(part)
    if cohort.skipped or cohort.left_out or duplicates:
        sys.exit(1)


#: What ran out of memory once the cohort is counted (`cohort.work.memory_error`).
_LISTING = "making the list of schools below the level"


def _check_reached(reached: int | None, framework: Framework) -> None:
    """A `--reached` that is not a level of the cohort's framework is refused, naming it."""
    if reached is not None and reached not in framework.scale:
        raise click.BadParameter(
            f"{reached} is not a level of {shown(framework.ref, newline=False)} "
            f"({framework.scale.describe()})",
            param_hint="--reached",
        )


def _rendered(made: Found, chosen: str, terms: Terms) -> Iterable[str]:
    """The support list in the format `chosen` (`cohort.support_views`), a part at a time:
    JSON and CSV list every school of each row, written as they are made (SPEC section 8's
    memory at a million schools); the table and the page show a few of each: the table
    one string, the page a line at a time (a long school id is on each of its rows)."""
    from ..cohort.support_views import (
        support_csv_lines,
        support_html_lines,
        support_json,
        support_table,
    )

    if chosen == "json":
        return support_json(made)
    if chosen == "csv":
        return support_csv_lines(made)
    if chosen == "html":
        return support_html_lines(made, terms)
    return (support_table(made, terms=terms),)
