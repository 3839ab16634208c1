"""`selfreview awards ASSESSMENT`: each award of the framework, met or not, and exactly what
is missing (`Engine.awards`: what a report's awards are)."""

from __future__ import annotations

from collections.abc import Sequence

import click

from .._names import Policy
from ._common import (
    InputPath,
    State,
    framework_files_option,
    policy_option,
    printed_onto_input,
    table_or_json_option,
    warn_dated,
)

__all__ = ["awards"]


@click.command()
@click.argument("assessment", type=InputPath(dir_okay=False))
@framework_files_option()
@table_or_json_option("Output format: a table per award, or JSON.")
@policy_option("How strand levels combine into the aspect and element levels awards may name.")
@click.pass_obj
def awards(
    state: State,
    assessment: str,
    framework_files: Sequence[str],
    output: str,
    policy: Policy | None,
) -> None:
    """Check ASSESSMENT against each award its framework declares: met or not, and exactly
    what is missing (levels not yet reached, strands without evidence).

    Exits 0 whether or not the awards are met; 1 only for invalid input; 2 on a usage
    error.
    """
    from ..batch.report_files import one_respondent
    from ..display import awards_json, awards_lines
    from ..escaping import shown_name
    from ..loader import load_assessment
    from ..outputs.writing import Inputs

    # Printed, so standard output may not be a file it reads (`awards a.yaml >> a.yaml`).
    inputs = Inputs().add("ASSESSMENT", assessment).add("--framework", *framework_files)
    printed_onto_input(inputs, named_output=False)  # it has no -o to suggest
    engine = state.engine(frameworks=framework_files)
    current = load_assessment(assessment, engine.framework_names())
    framework = engine.framework(current.framework)
    results = engine.awards(current, framework=framework, policy=policy)
    subject = framework.terms.subject
    if note := one_respondent(assessment, current, subject, "the awards are judged on them"):
        click.echo(shown_name(note), err=True)
    # A slip for last year's date: the awards are right, the review's date is not.
    warn_dated([((assessment, None), current.assessed_on, "the review")])
    if output == "json":
        click.echo(awards_json(framework, current, results))
        return
    for line in awards_lines(framework, current, results):
        click.echo(line)
