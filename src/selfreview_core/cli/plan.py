"""`selfreview plan`: an action plan from a review's recommendations, and how it is going.

Two forms, told apart by their arguments: `plan ASSESSMENT -o PLAN` makes a plan (or adds to
the one in PLAN, `plans.files`), `plan --status PLAN [--review LATER]` shows its progress
(`plans.progress`). Text from the plan, the review and the plugins is printed escaped.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from .._names import PRIORITIES
from ..escaping import shown, shown_json, shown_name
from ._common import (
    DATE,
    FormatChoice,
    HintedChoice,
    InputPath,
    State,
    disable_option,
    framework_files_option,
    output_file,
    previous_option,
    printed_onto_input,
    rule_files_option,
    tell_problems,
)

if TYPE_CHECKING:
    from .._names import Priority
    from ..model.assessment import Assessment

__all__ = ["plan"]


def _today() -> dt.date:
    """Today, for due dates and overdue actions (tests replace it)."""
    return dt.date.today()


@click.command()
@click.argument("assessment", required=False, type=InputPath(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    metavar="PLAN",
    help="The plan file to write; if it exists, actions for new recommendations are added to "
    "it and everything in it is kept.",
)
@click.option(
    "--status",
    "status_file",
    type=InputPath(dir_okay=False),
    metavar="PLAN",
    help="Show how the plan in PLAN is going instead of making one.",
)
@click.option(
    "--review",
    type=InputPath(dir_okay=False),
    help="With --status: a later review, to see whether what each action targeted improved.",
)
@click.option(
    "--priority",
    type=HintedChoice(PRIORITIES),
    help="Only recommendations of this priority or higher (high: high only; medium: high "
    "and medium). Default: all.",
)
@click.option(
    "-i",
    "--interactive",
    is_flag=True,
    help="Ask about each recommendation: whether to include it, its owner and due date. "
    "q (or quit) at 'Add it to the plan?', or at an owner or due date, stops, keeping the "
    "actions accepted (exit 0), as Ctrl-C does (exit 1); run it again to be asked about the "
    "rest.",
)
@click.option("--owner", help="The owner of each new action (the default answer with -i).")
@click.option(
    "--due",
    type=DATE,
    help="The due date of each new action, YYYY-MM-DD (the default answer with -i).",
)
@previous_option("The school's earlier review, for recommendations about progress since.")
@rule_files_option
@disable_option
@framework_files_option()
@click.option(
    "--schema",
    metavar="URL",
    help="For a new YAML plan: the JSON Schema editors check it against (a path or URL to "
    "the output of `selfreview schema plan`), written as its `$schema` line.",
)
@click.option(
    "--format",
    "output_format",
    type=FormatChoice(["table", "json"]),
    help="With --status: a table (the default) or JSON.",
)
@click.option(
    "--as-of",
    "as_of",
    type=DATE,
    help="With --status: count actions as overdue as of this date (default: today).",
)
@click.pass_obj
def plan(
    state: State,
    assessment: str | None,
    output: str | None,
    status_file: str | None,
    review: str | None,
    priority: Priority | None,
    interactive: bool,
    owner: str | None,
    due: dt.date | None,
    previous: str | None,
    rule_files: Sequence[str],
    disable: Sequence[str],
    framework_files: Sequence[str],
    schema: str | None,
    output_format: str | None,
    as_of: dt.date | None,
) -> None:
    """Make an action plan from the recommendations of ASSESSMENT's report (-o PLAN), or
    show how one is going (--status PLAN).

    \b
    selfreview plan review.yaml -o plan.yaml --priority high
    selfreview plan --status plan.yaml --review later-review.yaml

    Each action keeps the level of each strand it targets, so that --status --review can
    say whether those levels moved. Edit the plan by hand (owners, due dates, statuses
    planned, doing, done or dropped, notes, comments); running the first form again on the
    same PLAN adds actions for new recommendations only, keeping every edit and comment.

    Exits 0 when the plan is written or shown (with -i, stopped with q too); 1 for invalid
    input, and on Ctrl-C (the actions accepted are kept); 2 on a usage error.
    """
    if assessment is not None and status_file is not None:
        raise click.UsageError(
            "give ASSESSMENT to make a plan or --status PLAN to see how one is going, not both"
        )
    if assessment is None and status_file is None:
        raise click.UsageError(
            "give ASSESSMENT to make a plan (with -o PLAN), or --status PLAN to see how one "
            "is going"
        )
    making = {
        "-o": output,
        "--priority": priority,
        "--interactive": interactive,
        "--owner": owner,
        "--due": due,
        "--previous": previous,
        "--rules": rule_files,
        "--schema": schema,
    }
    if status_file is not None:
        misplaced = [name for name, value in making.items() if value]
        if misplaced:
            raise click.UsageError(f"{', '.join(misplaced)}: only for making a plan, not --status")
        today = as_of or _today()
        _status(state, status_file, review, framework_files, output_format or "table", today)
        return
    status_only = {"--review": review, "--format": output_format, "--as-of": as_of}
    misplaced = [name for name, value in status_only.items() if value]
    if misplaced:
        raise click.UsageError(f"{', '.join(misplaced)}: only with --status PLAN")
    if output is None:
        raise click.UsageError("-o PLAN is required: the plan file to write (or add to)")
    from ..typed_text import optional_text, text_problem

    # An owner as `assess` takes an assessor, a schema as `assess` takes it (round 74: a
    # line break in it started a line of YAML in the plan): control characters refused.
    for option, value in (("--owner", owner), ("--schema", schema)):
        if value is not None and (problem := text_problem(value)) is not None:
            raise click.BadParameter(problem, param_hint=option)
    # Stripped, none if it says nothing: as the owner's prompt keeps it (round 74).
    owner, schema = optional_text(owner), optional_text(schema)
    if schema is not None and output.lower().endswith(".json"):  # as `assess` says
        raise click.BadParameter(
            "a JSON file has no comment line to hold it", param_hint="--schema"
        )
    assert assessment is not None
    from ..batch.report_files import report_against
    from ..errors import SessionNotSaved
    from ..loader import load_assessment, load_plan
    from ..outputs.writing import Inputs
    from ..plans.files import considered, refuse_misfit, update_plan_file, written_lines
    from ._common import PlanAsker  # here: `plan --help` imports no model (round 69)

    inputs = (
        Inputs()
        .add("ASSESSMENT", assessment)
        .add("--previous", previous)
        .add("--rules", *rule_files)
        .add("--framework", *framework_files)
    )
    # Before any work or question; PLAN itself is read and added to, by design.
    output_file(output, inputs, document=True, stdout=False)
    engine = state.engine(
        quiet=True, disable=disable, frameworks=framework_files, rule_packs=rule_files
    )
    day = due
    frameworks = engine.framework_names()
    current = load_assessment(assessment, frameworks)
    earlier = load_assessment(previous, frameworks) if previous else None
    # An existing plan is checked before anything is asked or written.
    existing = load_plan(output, frameworks) if os.path.exists(output) else None
    report = report_against(engine, (assessment, current), previous, earlier)
    if existing is not None:  # another school's or framework's plan: said at its key
        refuse_misfit((output, existing), (assessment, current), report.framework, status=False)
    _one_respondent(assessment, current, report.framework.terms.subject, "come from them")
    tell_problems(report, (assessment, current), (previous, earlier))
    decide = PlanAsker(owner, day, report, existing, priority) if interactive else None
    try:
        written = update_plan_file(
            output,
            report,
            existing,
            priority,
            owner=owner,
            due=day,
            decide=decide,
            file=assessment,
            today=_today(),
            schema=schema,
            frameworks=frameworks,
        )
    except click.Abort:
        click.echo("Stopped before anything was written.", err=True)
        sys.exit(0 if decide is not None and decide.quit else 1)  # `q`: the user's choice
    except SessionNotSaved as error:  # PLAN made meanwhile by another program: kept
        if error.unsaved is not None:  # saved nowhere: shown, so that nothing is lost
            click.echo(shown(error.unsaved), nl=False)
        click.echo(shown_name(error.first.message), err=True)
        click.echo(shown_name(error.hint), err=True)
        sys.exit(1)
    for line in written_lines(written, output, considered(report, priority)):
        click.echo(line)
    if decide is not None and decide.stopped:  # Ctrl-C or `q` after accepting some: kept
        click.echo(f"\n{decide.stopped_note()}", err=True)
        sys.exit(0 if decide.quit else 1)


def _status(
    state: State,
    plan_file: str,
    review: str | None,
    framework_files: Sequence[str],
    output_format: str,
    today: dt.date,
) -> None:
    from ..loader import load_assessment, load_plan
    from ..outputs.writing import Inputs
    from ..plans.files import refuse_misfit
    from ..plans.progress import plan_status
    from ..plans.views import status_text

    read = Inputs().add("--status", plan_file).add("--review", review)
    # Printed: never onto those; its -o is the plan, not where the status goes.
    printed_onto_input(read.add("--framework", *framework_files), named_output=False)
    engine = state.engine(frameworks=framework_files)
    frameworks = engine.framework_names()
    the_plan = load_plan(plan_file, frameworks)  # refuses a framework that is not available
    framework = engine.framework(the_plan.framework)
    later = load_assessment(review, frameworks) if review else None
    if review and later:  # one that does not fit the plan: said at its key
        framework_later = engine.framework(later.framework)
        refuse_misfit((plan_file, the_plan), (review, later), framework_later, status=True)
        _one_respondent(review, later, framework_later.terms.subject, "are measured by them")
    result = plan_status(the_plan, framework, later, today=today)
    if output_format == "json":
        click.echo(shown_json(result.model_dump_json(indent=2)))
    else:
        click.echo(status_text(result), nl=False)


def _one_respondent(file: str, review: Assessment, subject: str, what: str) -> None:
    """`one_respondent`'s note, when the review a plan is made from or measured by is one
    respondent's answers: the plan's actions `what` alone."""
    from ..batch.report_files import one_respondent

    if note := one_respondent(file, review, subject, f"the plan's actions {what}"):
        click.echo(shown_name(note), err=True)
