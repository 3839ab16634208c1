"""Terminal views of frameworks and awards: tables of descriptors, drawn with tabulate.

Every piece of text from a file or a plugin (titles, ids, descriptors, labels, evidence,
recommendations, problems) goes through `escaping.shown` here, where it is laid out: a
control character in a title is shown as `\\x1b`, never sent to the terminal, and a title,
an id or a label (`one_line`) cannot add a line of its own to a table or a report.
"""

from __future__ import annotations

import json
import textwrap
from typing import TYPE_CHECKING

from tabulate import tabulate

from .award_check import NOTHING_JUDGED
from .escaping import invisible_names, names_quoted, shown, shown_json, shown_name
from .model.framework import Aspect, Element, Framework, Node, Strand
from .model.unseen import said, says_something
from .text_tables import (
    display_width,
    fit_heading,
    fitted_table,
    fitting_width,
    isolated,
    long_words_broken,
    terminal_width,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from .award_check import AwardResult
    from .model.assessment import Assessment

__all__ = [
    "awards_json",
    "awards_lines",
    "awards_text",
    "fit_heading",
    "fitted_table",
    "fitting_width",
    "node_json",
    "one_line",
    "show",
    "strand_table",
    "terminal_width",
]


def one_line(text: object) -> str:
    """One-line text from a file or plugin, escaped for the terminal."""
    return shown(text, newline=False)


def _level_name(framework: Framework, level: int) -> str:
    scale = framework.scale
    name = str(level)
    if level in scale.labels:
        name = f"{level} {one_line(scale.labels[level])}"
    if level == scale.best:
        return f"{name} (best)"
    if level == scale.worst:
        return f"{name} (worst)"
    return name


def strand_table(framework: Framework, strand: Strand, width: int) -> str:
    """The strand's descriptors from the worst level up to the best, as the sources print them."""
    levels = reversed(framework.scale.levels)
    names = [(level, _level_name(framework, level)) for level in levels]
    text_width = max(30, width - max(display_width(name) for _, name in names) - 7)
    rows = [
        (
            isolated(name),
            isolated(long_words_broken(shown(strand.levels[level]), text_width), text_width),
        )
        for level, name in names
    ]
    return tabulate(
        rows,
        headers=("level", "descriptor"),
        tablefmt="simple_grid",
        maxcolwidths=[None, text_width],
        disable_numparse=True,
    )


def _header(framework: Framework, width: int) -> list[str]:
    lines = [one_line(f"{framework.title} ({shown_name(framework.ref)})")]
    byline = " ".join(said(framework.publisher, framework.year))
    if byline:
        lines.append(f"Publisher: {one_line(byline)}")
    for label, text in (
        ("Source", framework.source),
        ("Notes", framework.notes),
        ("Licence", framework.licence),
    ):
        if says_something(text):
            lines.extend(textwrap.wrap(f"{label}: {one_line(text)}", width, subsequent_indent="  "))
    lines.append(f"Scale: {framework.scale.describe()}")
    lines.extend(_awards_declared(framework, width))
    return lines


def _awards_declared(framework: Framework, width: int) -> list[str]:
    """The framework's awards and what each requires (`selfreview awards` checks a review
    against them)."""
    from .facts import describe

    if not framework.awards:
        return []
    out = [f"Awards ({len(framework.awards)}; `selfreview awards REVIEW` checks one):"]
    for award in framework.awards:
        requires = describe(award.require)
        if award.evidence_required:
            requires += "; written evidence for each strand it names"
        names = invisible_names(framework.ids)
        requires = names_quoted(requires, names, one_line)
        text = one_line(f"{award.title} ({shown_name(award.id)}): requires {requires}")
        out.extend(textwrap.wrap(text, width, initial_indent="  ", subsequent_indent="    "))
    return out


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
        out.extend(_heading(p) for p in trail)
        nodes = [node]
    for node in nodes:
        _render(framework, node, out, width)
    return "\n".join(out).strip("\n") + "\n"


def _heading(node: Element | Aspect | Strand) -> str:
    """`Strand 1a1: The vision`: the id a name (`escaping.shown_name`), the title text."""
    return f"{node.KIND.capitalize()} {shown_name(node.id)}: {one_line(node.title)}"


def _render(
    framework: Framework, node: Element | Aspect | Strand, out: list[str], width: int
) -> None:
    out.append("")
    out.append(_heading(node))
    if isinstance(node, Strand):
        out.append(strand_table(framework, node, width))
    elif isinstance(node, Aspect):
        for strand in node.strands:
            _render(framework, strand, out, width)
    else:
        for aspect in node.aspects:
            _render(framework, aspect, out, width)


def awards_text(
    results: Iterable[AwardResult], names: Iterable[str] = (), *, width: int | None = None
) -> list[str]:
    """Lines for each award: met or not, its requirement, and each thing missing, each of
    `names` (the framework's ids holding an invisible character) quoted as a name."""
    width = width or terminal_width()
    out: list[str] = []
    names = tuple(names)

    def said(text: str) -> str:
        return names_quoted(text, names, one_line)

    for result in results:
        met = "met" if result.met else "not met"
        out.append(one_line(f"{result.title} ({shown_name(result.id)}): {met}"))
        details = [
            f"Requires: {said(result.requirement)}",
            *(f"Missing: {said(s.text)}" for s in result.missing),
            *(f"Not applicable: {said(n.text)}" for n in result.not_applicable),
            *([] if result.judged else [f"Met, but {NOTHING_JUDGED}."]),
        ]
        for detail in details:
            out.extend(textwrap.wrap(detail, width, initial_indent="  ", subsequent_indent="    "))
    return out


def awards_lines(
    framework: Framework, assessment: Assessment, results: Sequence[AwardResult]
) -> list[str]:
    """What `selfreview awards` prints: the review, how many awards are met, then each
    award (`awards_text`)."""
    school = assessment.school
    heading = (  # each name escaped, then isolated if right to left (`isolated`)
        f"{isolated(one_line(school.name))} ({shown_name(school.id)}), "
        f"{isolated(one_line(framework.title))} ({shown_name(framework.ref)}), "
        f"reviewed {assessment.assessed_on.isoformat()}"
    )
    lines = fit_heading(heading, fitting_width())
    if not results:
        return [*lines, f"{shown_name(framework.ref)} declares no awards."]
    met = sum(result.met for result in results)
    names = invisible_names(framework.ids)
    return [*lines, f"{met} of {len(results)} award(s) met.", "", *awards_text(results, names)]


def awards_json(
    framework: Framework, assessment: Assessment, results: Sequence[AwardResult]
) -> str:
    """`selfreview awards --format json`: the review and each award's result."""
    data = {
        "framework": framework.ref,
        "school": assessment.school.model_dump(mode="json"),
        "assessed_on": assessment.assessed_on.isoformat(),
        "awards": [result.model_dump(mode="json") for result in results],
    }
    return shown_json(json.dumps(data, indent=2, ensure_ascii=False))


def node_json(node: Framework | Node) -> str:
    """A framework, element, aspect or strand as JSON (`selfreview show --format json`)."""
    data = node.model_dump(mode="json", exclude_none=True)
    return shown_json(json.dumps(data, indent=2, ensure_ascii=False))
