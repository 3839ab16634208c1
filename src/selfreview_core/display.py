"""Terminal views of frameworks: tables of descriptors, drawn with tabulate.

Every piece of text from a file or a plugin (titles, ids, descriptors, labels, evidence,
recommendations, problems) goes through `escaping.shown` here, where it is laid out: a
control character in a title is shown as `\\x1b`, never sent to the terminal, and a title,
an id or a label (`_line`) cannot add a line of its own to a table or a report.
"""

from __future__ import annotations

import shutil
import textwrap
from typing import TYPE_CHECKING

from tabulate import tabulate

from .escaping import shown
from .framework import Aspect, Element, Framework, Strand

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .award_check import AwardResult
    from .engine import FrameworkEntry
    from .report import Report

__all__ = ["awards_text", "frameworks_table", "profile_table", "report_text", "show"]


def _line(text: object) -> str:
    """One-line text from a file or plugin, escaped for the terminal."""
    return shown(text, newline=False)


def terminal_width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 140))


def frameworks_table(entries: Iterable[FrameworkEntry]) -> str:
    rows = [
        (
            _line(e.framework.id),
            _line(e.framework.version),
            _line(e.framework.title),
            _line(" ".join(str(p) for p in (e.framework.publisher, e.framework.year) if p)),
            len(e.framework),
            _line(e.provider),
        )
        for e in entries
    ]
    headers = ("id", "version", "title", "publisher", "strands", "provided by")
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)


def _level_name(framework: Framework, level: int) -> str:
    scale = framework.scale
    name = str(level)
    if level in scale.labels:
        name = f"{level} {_line(scale.labels[level])}"
    if level == scale.best:
        return f"{name} (best)"
    if level == scale.worst:
        return f"{name} (worst)"
    return name


def strand_table(framework: Framework, strand: Strand, width: int) -> str:
    """The strand's descriptors from the worst level up to the best, as the sources print them."""
    levels = reversed(framework.scale.levels)
    rows = [(_level_name(framework, level), shown(strand.levels[level])) for level in levels]
    level_width = max(len(r[0]) for r in rows)
    text_width = max(30, width - level_width - 7)
    return tabulate(
        rows,
        headers=("level", "descriptor"),
        tablefmt="simple_grid",
        maxcolwidths=[None, text_width],
        disable_numparse=True,
    )


def _header(framework: Framework, width: int) -> list[str]:
    lines = [_line(f"{framework.title} ({framework.ref})")]
    byline = " ".join(str(p) for p in (framework.publisher, framework.year) if p)
    if byline:
        lines.append(f"Publisher: {_line(byline)}")
    for label, text in (
        ("Source", framework.source),
        ("Notes", framework.notes),
        ("Licence", framework.licence),
    ):
        if text:
            lines.extend(textwrap.wrap(f"{label}: {_line(text)}", width, subsequent_indent="  "))
    lines.append(f"Scale: {framework.scale.describe()}")
    return lines


def show(framework: Framework, node_id: str | None = None, *, width: int | None = None) -> str:
    """A framework, element, aspect or strand with every descriptor under it."""
    width = width or terminal_width()
    out: list[str] = []
    if node_id is None:
        out.extend(_header(framework, width))
        nodes: list[Element | Aspect | Strand] = list(framework.elements)
    else:
        node = framework.get(node_id)
        trail = [framework.get(p) for p in reversed(framework.parents(node_id))]
        out.extend(_line(f"{p.KIND.capitalize()} {p.id}: {p.title}") for p in trail)
        nodes = [node]
    for node in nodes:
        _render(framework, node, out, width)
    return "\n".join(out).strip("\n") + "\n"


def _render(
    framework: Framework, node: Element | Aspect | Strand, out: list[str], width: int
) -> None:
    out.append("")
    out.append(_line(f"{node.KIND.capitalize()} {node.id}: {node.title}"))
    if isinstance(node, Strand):
        out.append(strand_table(framework, node, width))
    elif isinstance(node, Aspect):
        for strand in node.strands:
            _render(framework, strand, out, width)
    else:
        for aspect in node.aspects:
            _render(framework, aspect, out, width)


def profile_table(report: Report) -> str:
    """A row per strand in framework order: its level, and the change since last time."""
    from .export_common import level_name  # here, not at the top: keeps `show` quick to start

    framework, profile = report.framework, report.profile
    comparison = report.comparison
    headers = ["strand", "title", "level"]
    if comparison is not None:
        headers += ["previous", "change"]
    rows = []
    for strand in framework.strands:
        row = [
            _line(strand.id),
            _line(strand.title),
            _line(level_name(framework, profile.strands[strand.id], unjudged="-")),
        ]
        if comparison is not None:
            change = comparison.strands.get(strand.id)
            row += ["-", ""] if change is None else [str(change.old), f"{change.change:+d}"]
        rows.append(row)
    return tabulate(
        rows, headers=headers, tablefmt="simple", maxcolwidths=[None, 50], disable_numparse=True
    )


def awards_text(results: Iterable[AwardResult], *, width: int | None = None) -> list[str]:
    """Lines for each award: met or not, its requirement, and each thing missing."""
    width = width or terminal_width()
    out: list[str] = []
    for result in results:
        out.append(_line(f"{result.title} ({result.id}): {'met' if result.met else 'not met'}"))
        details = [
            f"Requires: {_line(result.requirement)}",
            *(f"Missing: {_line(s.text)}" for s in result.missing),
        ]
        for detail in details:
            out.extend(textwrap.wrap(detail, width, initial_indent="  ", subsequent_indent="    "))
    return out


def report_text(report: Report, *, width: int | None = None) -> str:
    """The terminal report: who and when, the profile, then each recommendation explained."""
    from .export_common import level_name  # here, not at the top: keeps `show` quick to start

    width = width or terminal_width()
    framework, assessment, profile = report.framework, report.assessment, report.profile
    school = assessment.school
    out = [
        _line(
            f"{school.name} ({school.id})" + (f", {school.authority}" if school.authority else "")
        ),
        _line(
            f"{framework.title} ({framework.ref}), reviewed {assessment.assessed_on.isoformat()}"
            + (f" by {assessment.assessor}" if assessment.assessor else "")
        ),
        f"Levels {framework.scale.describe()}. "
        f"{len(profile.judged)} of {len(framework)} strands judged; overall level "
        f"{_line(level_name(framework, profile.overall, unjudged='-'))} ({profile.policy}).",
    ]
    if report.comparison is not None:
        c = report.comparison
        out.append(
            f"Since {c.old_date.isoformat()} ({c.days} days): {len(c.improved)} improved, "
            f"{len(c.regressed)} regressed, {len(c.unchanged)} unchanged."
        )
    out += ["", profile_table(report), ""]
    if report.awards:
        met = sum(result.met for result in report.awards)
        out.append(f"Awards ({met} of {len(report.awards)} met)")
        out += awards_text(report.awards, width=width)
        out.append("")
    if report.voices is not None:
        from .voices_views import voices_table

        out += [voices_table(framework, report.voices)]
    recommendations = report.recommendations
    out.append(f"Recommendations ({len(recommendations)})")
    for number, rec in enumerate(recommendations, start=1):
        out.append("")
        targets = ", ".join(map(str, rec.targets))
        out.append(
            _line(f"{number}. [{rec.priority}] {rec.title}" + (f" ({targets})" if targets else ""))
        )
        indent = "   "
        details = [
            f"For: {rec.audience}",
            str(rec.action),
            f"Why: {rec.rationale}" if rec.rationale else "",
            f"From: {', '.join(map(str, rec.sources or (rec.source,)))}"
            + (f"; {rec.reference}" if rec.reference else ""),
            *(f"See: {link}" for link in rec.links),
        ]
        for detail in filter(None, details):
            out.extend(
                textwrap.wrap(
                    _line(detail), width, initial_indent=indent, subsequent_indent=indent + " "
                )
            )
    if report.problems:
        out += ["", f"Problems ({len(report.problems)})"]
        out += [f"  {_line(problem)}" for problem in report.problems]
    return "\n".join(out) + "\n"
