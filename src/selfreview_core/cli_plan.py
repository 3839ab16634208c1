"""`selfreview plan`: an action plan from a review's recommendations, and how it is going.

Two forms, told apart by their arguments: `plan ASSESSMENT -o PLAN` makes a plan (or adds to
the one in PLAN), `plan --status PLAN [--review LATER]` shows its progress. Heavy modules
are imported inside the command, as everywhere in the CLI. Text from the plan, the review
and the plugins is printed through `escaping.shown`.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from ._names import PRIORITIES
from .cli_options import disable_option, framework_files_option, previous_option, rule_files_option
from .escaping import shown, shown_json

if TYPE_CHECKING:
    from ._names import Priority
    from .cli import State
    from .engine import Engine
    from .model.recommendation import Recommendation
    from .plans.building import ActionDetails, Decide
    from .plans.progress import PlanStatus

__all__ = ["plan"]


def _today() -> dt.date:
    """Today, for due dates and overdue actions (tests replace it)."""
    return dt.date.today()


@click.command()
@click.argument("assessment", required=False, type=click.Path(exists=True, dir_okay=False))
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
    type=click.Path(exists=True, dir_okay=False),
    metavar="PLAN",
    help="Show how the plan in PLAN is going instead of making one.",
)
@click.option(
    "--review",
    type=click.Path(exists=True, dir_okay=False),
    help="With --status: a later review, to see whether what each action targeted improved.",
)
@click.option(
    "--priority",
    type=click.Choice(PRIORITIES),
    help="Only recommendations of this priority or higher (high: high only; medium: high "
    "and medium). Default: all.",
)
@click.option(
    "-i",
    "--interactive",
    is_flag=True,
    help="Ask about each recommendation: whether to include it, its owner and due date.",
)
@click.option("--owner", help="The owner of each new action (the default answer with -i).")
@click.option(
    "--due",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
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
    type=click.Choice(["table", "json"]),
    help="With --status: a table (the default) or JSON.",
)
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
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
    due: dt.datetime | None,
    previous: str | None,
    rule_files: Sequence[str],
    disable: Sequence[str],
    framework_files: Sequence[str],
    schema: str | None,
    output_format: str | None,
    as_of: dt.datetime | None,
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
        today = as_of.date() if as_of else _today()
        _status(state, status_file, review, framework_files, output_format or "table", today)
        return
    status_only = {"--review": review, "--format": output_format, "--as-of": as_of}
    misplaced = [name for name, value in status_only.items() if value]
    if misplaced:
        raise click.UsageError(f"{', '.join(misplaced)}: only with --status PLAN")
    if output is None:
        raise click.UsageError("-o PLAN is required: the plan file to write (or add to)")
    assert assessment is not None
    from .cli_outputs import output_file
    from .outputs import Inputs

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
    _make(
        engine,
        assessment,
        output,
        priority=priority,
        decide=_asker(owner, due.date() if due else None) if interactive else None,
        owner=owner,
        due=due.date() if due else None,
        previous=previous,
        schema=schema,
    )


def _make(
    engine: Engine,
    assessment: str,
    output: str,
    *,
    priority: Priority | None,
    decide: Decide | None,
    owner: str | None,
    due: dt.date | None,
    previous: str | None,
    schema: str | None,
) -> None:
    from .cli import _echo_problem, report_against
    from .loader import load_assessment, load_plan
    from .plans.building import add_to_plan, plan_from_report
    from .plans.yaml_edit import add_actions, write_plan

    frameworks = engine.framework_names()
    current = load_assessment(assessment, frameworks)
    earlier = load_assessment(previous, frameworks) if previous else None
    # An existing plan is checked before anything is asked or written.
    existing = load_plan(output, frameworks) if os.path.exists(output) else None
    report = report_against(engine, (assessment, current), previous, earlier)
    for problem in report.problems:
        _echo_problem(problem)
    try:
        if existing is None:
            made = plan_from_report(
                report,
                priority,
                owner=owner,
                due=due,
                decide=decide,
                file=assessment,
                today=_today(),
            )
        else:
            made = add_to_plan(existing, report, priority, owner=owner, due=due, decide=decide)
    except click.Abort:
        click.echo("\nStopped before anything was written.", err=True)
        sys.exit(1)
    considered = f"{len(report.recommendations)} recommendation(s)"
    if priority is not None and priority != "low":
        considered += f", {priority} priority{' and above' if priority == 'medium' else ''}"
    if existing is None:
        write_plan(output, made, schema=schema)
        click.echo(
            shown(
                f"Wrote {output}: {len(made.actions)} action(s) from {considered}.", newline=False
            )
        )
        return
    added = made.actions[len(existing.actions) :]
    if not added:
        click.echo(
            shown(
                f"Nothing to add to {output}: it has an action for each chosen recommendation.",
                newline=False,
            )
        )
        return
    add_actions(output, added, framework=frameworks)
    click.echo(shown(f"Added {len(added)} action(s) to {output}:", newline=False))
    for action in added:
        click.echo(f"  {shown(f'{action.id}: {action.title}', newline=False)}")


def _asker(owner: str | None, due: dt.date | None) -> Decide:
    """Asks, for each recommendation, whether to include it, and its owner and due date
    (`owner` and `due` are the default answers)."""
    from .plans.building import ActionDetails

    def decide(rec: Recommendation) -> ActionDetails | None:
        targets = ", ".join(rec.targets) or "no particular strand"
        click.echo(f"\n{shown(rec.title, newline=False)}")
        click.echo(
            "  " + shown(f"{rec.priority} priority; {targets}; from {rec.source}", newline=False)
        )
        click.echo(
            textwrap.fill(shown(rec.action), 88, initial_indent="  ", subsequent_indent="  ")
        )
        if not click.confirm("Add it to the plan?", default=True):
            return None
        who: str = click.prompt(
            f"  Owner [{shown(owner, newline=False)}]" if owner else "  Owner",
            default=owner or "",
            show_default=False,
        )
        return ActionDetails(owner=who.strip() or None, due=_ask_date(due))

    return decide


def _ask_date(default: dt.date | None) -> dt.date | None:
    while True:
        answer: str = click.prompt(
            "  Due date (YYYY-MM-DD, empty for none)",
            default=default.isoformat() if default else "",
            show_default=default is not None,
        )
        if not answer.strip():
            return None
        try:
            return dt.date.fromisoformat(answer.strip())
        except ValueError:
            typed = shown(answer.strip(), newline=False)
            click.echo(f"  `{typed}` is not a date: write it as YYYY-MM-DD", err=True)


def _status(
    state: State,
    plan_file: str,
    review: str | None,
    framework_files: Sequence[str],
    output_format: str,
    today: dt.date,
) -> None:
    from .loader import load_assessment, load_plan
    from .plans.progress import plan_status

    engine = state.engine(frameworks=framework_files)
    frameworks = engine.framework_names()
    the_plan = load_plan(plan_file, frameworks)  # refuses a framework that is not available
    framework = engine.framework(the_plan.framework)
    later = load_assessment(review, frameworks) if review else None
    result = plan_status(the_plan, framework, later, today=today)
    if output_format == "json":
        click.echo(shown_json(result.model_dump_json(indent=2)))
    else:
        click.echo(status_text(result), nl=False)


def status_text(status: PlanStatus) -> str:
    """A plan's progress as a table with a summary: what a school reads at a meeting."""
    from tabulate import tabulate

    school = status.school
    lines = [
        shown(f"{school.name} ({school.id}): action plan for {status.framework}", newline=False)
    ]
    if status.review_on is not None:
        lines[0] += f", against the review of {status.review_on.isoformat()}"
    headers = ["action", "title", "owner", "due", "status"]
    if status.review_on is not None:
        headers.append("targets: planned → now")
    rows = []
    for action in status.actions:
        due = action.due.isoformat() if action.due else "-"
        row = [
            shown(action.id, newline=False),
            shown(action.title, newline=False),
            shown(action.owner or "-", newline=False),
            f"{due} (overdue)" if action.overdue else due,
            action.status,
        ]
        if status.review_on is not None:
            row.append(
                "\n".join(
                    shown(
                        f"{t.id}: {_level(t.baseline)} → {_level(t.now)} {t.verdict}", newline=False
                    )
                    for t in action.targets
                )
                or "-"
            )
        rows.append(row)
    if rows:
        widths = [None, 36, 18, None, None, None][: len(headers)]
        lines += ["", tabulate(rows, headers=headers, disable_numparse=True, maxcolwidths=widths)]
    lines += ["", _summary(status)]
    return "\n".join(lines) + "\n"


def _level(level: int | None) -> str:
    return "-" if level is None else str(level)


def _summary(status: PlanStatus) -> str:
    total = sum(status.counts.values())
    counts = ", ".join(f"{n} {name}" for name, n in status.counts.items())
    text = f"{total} action(s): {counts}; {len(status.overdue)} overdue as of {status.today}."
    if status.review_on is not None:
        verdicts = ", ".join(f"{n} {name}" for name, n in status.done_targets.items())
        text += f"\nTargets of done actions, planned → {status.review_on}: {verdicts}."
    return text
