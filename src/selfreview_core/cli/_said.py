"""How the commands say a located diagnostic, a report's problem and a review dated after
today on standard error: one line each, every word from a file escaped (`escaping`).

Below `_common` (which gives these to the commands), so that the date warnings, said the
same way by `report`, `plan`, `awards` and the cohort commands, can use the other two."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import click

from .._names import Where
from ..errors import Diagnostic
from ..escaping import quotes_shown, shown_line, shown_name

if TYPE_CHECKING:
    from ..model.assessment import Assessment
    from ..model.problem import Problem
    from ..report import Report

__all__ = [
    *("dated_warnings", "echo_problem", "echo_warnings", "error_line", "named"),
    *("tell_problems", "warn_dated"),
]

#: A review to check: where it was read (None for a cohort file's row), its date, whose it is.
Dated = tuple[Where | None, dt.date, str]


def named(where: Where) -> str:
    """Where a review was read, as a message names it: its file, `file:line` for a JSON
    Lines line (shown, never opened: `Where`)."""
    file, line = where
    return file if line is None else f"{file}:{line}"


def error_line(diagnostic: Diagnostic, label: str = "error") -> str:
    """One diagnostic on one line (an error, or with `label="warning"` a warning): the file's
    name and every word quoted from a file shown escaped as names are (`shown_name`): none
    can style, move or add a line, and an id's invisible character reads `1a9\\u200b`."""
    where = ":".join(
        str(p) for p in (diagnostic.file, diagnostic.line, diagnostic.column) if p is not None
    )
    text = f"{diagnostic.path}: {diagnostic.message}" if diagnostic.path else diagnostic.message
    if diagnostic.hint:
        text = f"{text} ({diagnostic.hint})"
    where, text = shown_name(where), shown_name(text)
    styled = click.style(label, fg="red" if label == "error" else "yellow", bold=True)
    return f"{click.style(where, bold=True)}: {styled}: {text}" if where else f"{styled}: {text}"


def echo_problem(problem: Problem, where: Where | None = None) -> None:
    """`warning: plugin NAME: message` on standard error (the engine's own without `plugin`),
    after the file (and JSON Lines line) of the school it is about (`where`, in a batch).
    Further lines of the message are indented, so that none can pass for the program's own;
    control characters escaped; the plugin's name one line (`\\n`), as in the `plugins`
    table. A batch's review dated after today is said at its `assessed_on` in `where`
    (`warn_dated`)."""
    from ..review_dates import dated_problem

    day = None if where is None else dated_problem(problem)
    if day is not None:
        warn_dated([(where, day, "the review")])
        return
    place = "" if where is None else f"{shown_name(named(where))}: "
    label = click.style(problem.severity, fg="red" if problem.severity == "error" else "yellow")
    source = "" if problem.source == "engine" else f"plugin {shown_name(problem.source)}: "
    first, *more = (  # the engine's words quote ids and files: names; a plugin's, any prose
        shown_name(line) if problem.source == "engine" else quotes_shown(line, shown_line)
        for line in problem.message.split("\n")
    )
    lines = [f"{place}{label}: {source}{first}", *(f"  {line}" for line in more)]
    click.echo("\n".join(lines), err=True)


def warn_dated(reviews: Iterable[Dated]) -> int:
    """A warning on standard error for each review dated after today (`dated_warnings`);
    how many were told. Every command that reads reviews from files says it this way."""
    return echo_warnings(dated_warnings(reviews))


def dated_warnings(reviews: Iterable[Dated]) -> list[Diagnostic]:
    """The warning of each review dated after today, located at its `assessed_on` where
    its file can be read again (`review_dates.future_warning`); those of JSON Lines lines
    and of standard input (its bytes kept) pointed there after, each such file read once
    for all its lines named (`voices.responses.located`). Until round 78 a line's warning
    had no column (`a.jsonl:7: warning:`, where `validate` said `a.jsonl:7:160:`) and
    standard input's no line."""
    from ..review_dates import future_warning

    warnings = []
    for where, day, who in reviews:
        file, line = (None, None) if where is None else where
        found = future_warning(file, day, who, line)
        if found is not None:
            warnings.append(found)
    if not any(w.column is None and w.file is not None for w in warnings):
        return warnings
    from ..errors import SelfReviewError
    from ..voices.responses import located

    return list(located(SelfReviewError(warnings)).diagnostics)


def echo_warnings(warnings: Sequence[Diagnostic]) -> int:
    """Each of `warnings` on standard error, one line each; how many."""
    for found in warnings:
        click.echo(error_line(found, label="warning"), err=True)
    return len(warnings)


def tell_problems(made: Report, *reviews: tuple[str | None, Assessment | None]) -> int:
    """The problems of `made` on standard error, then each of its `reviews` (file, review)
    dated after today at its file's `assessed_on`: said there, where the user can mend it,
    in place of the report's own unlocated warning of it (`review_dates.future_problems`,
    what a library user is told). How many were told, for `--strict`."""
    from ..review_dates import dated_problem

    told = 0
    for problem in made.problems:
        if dated_problem(problem) is None:
            echo_problem(problem)
            told += 1
    return told + warn_dated(
        ((file, None), review.assessed_on, "the review")
        for file, review in reviews
        if file is not None and review is not None
    )
