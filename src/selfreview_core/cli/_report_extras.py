"""`report --cohort COHORT` and `report --history PATH...`: what they add to one report.

Kept out of the `report` command so that its wiring is a few lines: the options, the
cohort's view (the school's percentiles next to the cohort's median and quartiles,
`cohort.standing`) and the school's reviews over the years (`cohort.history`), added to the
rendered report as a table after the table, a section of the HTML page, or (the cohort) a
key of the JSON. Private to the command line, like `_common`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from .._names import Policy
    from ..engine import Engine
    from ..report import Report

__all__ = ["FORMATS", "add_extras", "extras_options", "refuse_in_batch"]

#: The formats `--cohort` and `--history` add to.
FORMATS = ("table", "html", "json")

_F = TypeVar("_F", bound=Callable[..., Any])


def extras_options(function: _F) -> _F:
    """`--cohort COHORT` and `--history PATH` (repeatable), for `report`."""
    function = click.option(
        "--history",
        "history_files",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        help="Another review of the school (repeatable): each aspect's level review by review "
        "(table, html; one ASSESSMENT only).",
    )(function)
    return click.option(
        "--cohort",
        "cohort_file",
        type=click.Path(exists=True, dir_okay=False),
        help="A cohort file (from `selfreview collect`): show the school's percentile per "
        "strand and aspect and the cohort's median (table, html, json; one ASSESSMENT only).",
    )(function)


def refuse_in_batch(batch: bool, cohort_file: str | None, history_files: Sequence[str]) -> None:
    """Both options are about one school's report: a usage error with many."""
    if batch and (cohort_file or history_files):
        option = "--cohort" if cohort_file else "--history"
        raise click.BadParameter("needs a single ASSESSMENT file", param_hint=option)


def add_extras(
    engine: Engine,
    made: Report,
    output: str,
    rendered: str | bytes,
    cohort_file: str | None,
    history_files: Sequence[str],
    policy: Policy,
) -> str:
    """`rendered` with the cohort's view and the history added (see the module)."""
    if output not in FORMATS or isinstance(rendered, bytes):
        option = "--cohort" if cohort_file else "--history"
        raise click.BadParameter(
            f"adds to the {', '.join(FORMATS)} formats, not {output}", param_hint=option
        )
    if history_files and output == "json":
        raise click.BadParameter("adds to the table and html formats", param_hint="--history")
    text = rendered
    if cohort_file is not None:
        text = _with_cohort(engine, made, output, text, cohort_file, policy)
    if history_files:
        text = _with_history(engine, made, output, text, history_files, policy)
    return text


def _with_cohort(
    engine: Engine, made: Report, output: str, text: str, path: str, policy: Policy
) -> str:
    from ..cohort.inputs import CohortWork
    from ..cohort.parquet import is_parquet
    from ..cohort.standing import standing, with_standing

    if not is_parquet(path):
        raise click.BadParameter(
            "give a cohort file written by `selfreview collect` (.parquet)", param_hint="--cohort"
        )
    with CohortWork() as work:
        found = work.parquet([path], engine.framework_names(), made.framework, policy=policy)
        cohort, entry = standing(found.sql, made.assessment)
    return with_standing(text, output, cohort, entry)


def _with_history(
    engine: Engine, made: Report, output: str, text: str, files: Sequence[str], policy: Policy
) -> str:
    from ..cohort.history import history, history_html, history_table
    from ..loader import load_assessment

    framework = made.framework
    reviews = [made.assessment]
    for file in files:
        review = load_assessment(file, engine.framework_names())
        if review.framework not in (framework.id, framework.ref):
            review = engine.migrate(review, framework.ref).assessment
        reviews.append(review)
    found = history(framework, reviews, policy=policy)
    if output == "html":
        return text.replace(
            '<section id="strands">', history_html(found) + '<section id="strands">', 1
        )
    return f"{text}\nReview by review\n\n{history_table(found)}"
