"""The report as a terminal table: who and when, the profile, awards, then each
recommendation explained (the `table` format, and what `selfreview report` prints).

Text from files and plugins is escaped where it is laid out (`display.one_line`,
`escaping.shown`), as in every terminal view.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache

from ..display import (
    awards_text,
    fit_heading,
    fitted_table,
    fitting_width,
    one_line,
    terminal_width,
)
from ..escaping import invisible_names, names_quoted, quotes_shown, shown_name
from ..facts import change_words
from ..model.unseen import says_something
from ..report import Report
from ..text_tables import isolated
from .common import judged_text, previously_not_applicable, standing

__all__ = ["profile_table", "report_text"]


def profile_table(report: Report, *, width: int | None = None) -> str:
    """A row per strand in framework order: its level, and the change since last time,
    fitted to `width` (the terminal's)."""
    framework, profile = report.framework, report.profile
    comparison = report.comparison
    headers = ["strand", "title", "level"]
    if comparison is not None:
        headers += ["previous", "change"]
    rows = []
    for strand in framework.strands:
        row = [
            shown_name(strand.id),
            one_line(strand.title),
            one_line(standing(framework, profile, strand.id, unjudged="-")),
        ]
        if comparison is not None:
            change = comparison.strands.get(strand.id)
            # In the scale's own words: `up one level, 4 → 3` where level 1 is the best.
            if change is None:
                row += ["n/a" if previously_not_applicable(report, strand.id) else "-", ""]
            else:
                row += [str(change.old), change_words(framework.scale, change.old, change.new)]
        rows.append(row)
    return fitted_table(rows, headers, flexible=[1], width=width, widest=50)


def report_text(report: Report, *, width: int | None = None) -> str:
    """The terminal report: who and when, the profile, then each recommendation explained."""
    fit = width or fitting_width()  # None: to a file or a pipe, headings on one line
    width = width or terminal_width()
    framework, assessment, profile = report.framework, report.assessment, report.profile
    school = assessment.school
    # Each name escaped on its own, then isolated where it is right to left (`isolated`):
    # a school named in Hebrew, first on its line, turned the line right to left.
    out = [
        f"{isolated(one_line(school.name))} ({shown_name(school.id)})"
        + (f", {isolated(one_line(school.authority))}" if says_something(school.authority) else ""),
        f"{isolated(one_line(framework.title))} ({shown_name(framework.ref)}), "
        f"reviewed {assessment.assessed_on.isoformat()}"
        + (
            f" by {isolated(one_line(assessment.assessor))}"
            if says_something(assessment.assessor)
            else ""
        ),
        f"Levels {framework.scale.describe()}. {judged_text(report)}; overall "
        + ("" if profile.by_scores else "level ")
        + f"{one_line(standing(framework, profile, None, unjudged='-'))} ({profile.policy}).",
    ]
    if report.comparison is not None:
        c = report.comparison
        out.append(
            f"Since {c.old_date.isoformat()} ({c.days} days): {len(c.improved)} improved, "
            f"{len(c.regressed)} regressed, {len(c.unchanged)} unchanged."
        )
    out = [line for text in out for line in fit_heading(text, fit)]
    out += ["", profile_table(report, width=fit), ""]
    if report.awards:
        met = sum(result.met for result in report.awards)
        out.append(f"Awards ({met} of {len(report.awards)} met)")
        out += awards_text(report.awards, invisible_names(framework.ids), width=width)
        out.append("")
    if report.voices is not None:
        from ..voices.views import voices_table

        out += [voices_table(framework, report.voices)]
    recommendations = report.recommendations
    names = invisible_names(framework.ids)
    out.append(f"Recommendations ({len(recommendations)})")
    for number, rec in enumerate(recommendations, start=1):
        out.append("")
        targets = ", ".join(map(shown_name, rec.targets))
        title = names_quoted(rec.title, names)
        heading = f"{number}. [{rec.priority}] {title}" + (f" ({targets})" if targets else "")
        out.extend(_wrapped_heading(heading, fit))
        credit = ", ".join(map(shown_name, rec.sources or (rec.source,)))
        out.extend(
            _details(
                rec.audience,
                names_quoted(rec.action, names),
                rec.rationale and names_quoted(rec.rationale, names),
                credit + (f"; {rec.reference}" if says_something(rec.reference) else ""),
                tuple(map(str, rec.links)),
                width,
            )
        )
    if report.problems:
        out += ["", f"Problems ({len(report.problems)})"]
        # Each name it quotes shown as a name (`\u200b`), as Markdown and HTML show them.
        out += [f"  {quotes_shown(problem, one_line)}" for problem in report.problems]
    return "\n".join(out) + "\n"


# Recommendations repeat from school to school (each rule's, each next step, made once and
# shared), and wrapping their text is most of a table's cost: each distinct text is wrapped
# once per width. Keyed by the text itself, never by the object, so a changed text is
# wrapped again.


@lru_cache(maxsize=4096)
def _wrapped_heading(heading: str, fit: int | None) -> tuple[str, ...]:
    """A recommendation's heading, wrapped to `fit` (None: on one line)."""
    if not fit:
        return (one_line(heading),)
    return tuple(textwrap.wrap(one_line(heading), fit, subsequent_indent="   "))


@lru_cache(maxsize=4096)
def _details(
    audience: str,
    action: str,
    rationale: str | None,
    credit: str,
    links: tuple[str, ...],
    width: int,
) -> tuple[str, ...]:
    """A recommendation's lines under its heading (who, what, why, from, links), wrapped."""
    indent = "   "
    details = [
        f"For: {audience}",
        action,
        f"Why: {rationale}" if rationale else "",
        f"From: {credit}",
        *(f"See: {link}" for link in links),
    ]
    return tuple(
        line
        for detail in details
        if detail
        for line in textwrap.wrap(
            one_line(detail), width, initial_indent=indent, subsequent_indent=indent + " "
        )
    )
