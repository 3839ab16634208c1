"""`report --cohort COHORT` and `report --history PATH...`: what they add to one report.

Kept out of the `report` command so that its wiring is a few lines: the cohort's view (the
school's percentiles next to the cohort's median and quartiles, `cohort_standing`) and the
school's reviews over the years (`history`), added to the rendered report as a table after
the table, a section of the HTML page, or (the cohort) a key of the JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from .engine import Engine
    from .report import Report
    from .scoring import Policy

__all__ = ["FORMATS", "add_extras"]

#: The formats `--cohort` and `--history` add to.
FORMATS = ("table", "html", "json")


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
    from .cohort_inputs import CohortWork
    from .cohort_parquet import is_parquet
    from .cohort_standing import standing, with_standing

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
    from .history import history, history_html, history_table
    from .loader import load_assessment

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
