"""Terminal views of frameworks and awards: tables of descriptors, drawn with tabulate.

Every piece of text from a file or a plugin (titles, ids, descriptors, labels, evidence,
recommendations, problems) goes through `escaping.shown` here, where it is laid out: a
control character in a title is shown as `\\x1b`, never sent to the terminal, and a title,
an id or a label (`one_line`) cannot add a line of its own to a table or a report.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from typing import TYPE_CHECKING

from tabulate import tabulate

from .escaping import shown, shown_json
from .model.framework import Aspect, Element, Framework, Node, Strand

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


def terminal_width() -> int:
    """The terminal's width, for tables and wrapped text (100 when it cannot tell)."""
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 140))


def fitting_width() -> int | None:
    """The width to fit tables and headings to: the terminal's (or `COLUMNS`'), None when
    the output goes to a file or a pipe, where a row of a table stays on one line for the
    scripts that read it."""
    columns = shutil.get_terminal_size((0, 0)).columns
    return max(40, min(columns, 140)) if columns > 0 else None


def fit_heading(text: str, width: int | None) -> list[str]:
    """A heading's lines: wrapped at `width`, continuations indented; one line if None."""
    if not width:
        return [text]
    return textwrap.wrap(text, width, subsequent_indent="  ", break_on_hyphens=False)


def _natural(cells: Iterable[object]) -> int:
    return max((len(line) for cell in cells for line in str(cell).split("\n")), default=0)


def _longest_word(rows: Sequence[Sequence[object]], column: int) -> int:
    return max((len(word) for row in rows for word in str(row[column]).split()), default=0)


def fitted_table(
    rows: Sequence[Sequence[object]],
    headers: Sequence[str],
    *,
    flexible: Sequence[int],
    width: int | None = None,
    widest: int | None = None,
    last_resort: Sequence[int] = (),
    tablefmt: str = "simple",
    resorted: Sequence[int] = (),
) -> str:
    """A table (tabulate's `simple` format: columns two spaces apart) that fits `width`
    (by default `fitting_width`: not fitted for a file or a pipe). The `flexible` columns
    (titles, names) are wrapped, sharing the room the others leave in proportion to their
    natural widths, each keeping at least 6 characters and its header's width, and none
    wider than `widest`. The `last_resort` columns (ids) are wrapped too only when the
    table cannot fit otherwise."""
    width = width or fitting_width()
    # tabulate gives a column at least its header's width and two more.
    natural = [
        max(_natural(row[i] for row in rows), _natural([header]) + 2)
        for i, header in enumerate(headers)
    ]
    limits: list[int | None] = [None] * len(headers)
    if widest is not None:
        for i in flexible:
            natural[i] = min(natural[i], widest)
            limits[i] = widest
    fixed = sum(w for i, w in enumerate(natural) if i not in flexible) + 2 * (len(headers) - 1)
    wanted = sum(natural[i] for i in flexible)
    if width and wanted and fixed + wanted > width:
        room = width - fixed
        # A column keeps its header, and its longest word unless it is a last resort.
        least = {
            i: min(natural[i], max(6, _natural([headers[i]]) + 2, _longest_word(rows, i)))
            for i in flexible
        }
        least.update({i: max(6, _natural([headers[i]]) + 2) for i in flexible if i in resorted})
        shares = {i: max(least[i], room * natural[i] // wanted) for i in flexible}
        while sum(shares.values()) > room:  # the least of some took more than their share
            roomiest = max(flexible, key=lambda i: shares[i] - least[i])
            if shares[roomiest] <= least[roomiest]:
                if last_resort:  # as narrow as they can be: wrap the others too
                    return fitted_table(
                        rows,
                        headers,
                        flexible=[*flexible, *last_resort],
                        width=width,
                        widest=widest,
                        tablefmt=tablefmt,
                        resorted=last_resort,
                    )
                break  # as narrow as it can be
            shares[roomiest] -= 1
        for i in flexible:
            limits[i] = shares[i]
    return tabulate(
        rows, headers=headers, tablefmt=tablefmt, maxcolwidths=limits, disable_numparse=True
    )


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
    lines = [one_line(f"{framework.title} ({framework.ref})")]
    byline = " ".join(str(p) for p in (framework.publisher, framework.year) if p)
    if byline:
        lines.append(f"Publisher: {one_line(byline)}")
    for label, text in (
        ("Source", framework.source),
        ("Notes", framework.notes),
        ("Licence", framework.licence),
    ):
        if text:
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
        text = one_line(f"{award.title} ({award.id}): requires {requires}")
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
        out.extend(one_line(f"{p.KIND.capitalize()} {p.id}: {p.title}") for p in trail)
        nodes = [node]
    for node in nodes:
        _render(framework, node, out, width)
    return "\n".join(out).strip("\n") + "\n"


def _render(
    framework: Framework, node: Element | Aspect | Strand, out: list[str], width: int
) -> None:
    out.append("")
    out.append(one_line(f"{node.KIND.capitalize()} {node.id}: {node.title}"))
    if isinstance(node, Strand):
        out.append(strand_table(framework, node, width))
    elif isinstance(node, Aspect):
        for strand in node.strands:
            _render(framework, strand, out, width)
    else:
        for aspect in node.aspects:
            _render(framework, aspect, out, width)


def awards_text(results: Iterable[AwardResult], *, width: int | None = None) -> list[str]:
    """Lines for each award: met or not, its requirement, and each thing missing."""
    width = width or terminal_width()
    out: list[str] = []
    for result in results:
        out.append(one_line(f"{result.title} ({result.id}): {'met' if result.met else 'not met'}"))
        details = [
            f"Requires: {one_line(result.requirement)}",
            *(f"Missing: {one_line(s.text)}" for s in result.missing),
            *(f"Not applicable: {one_line(n.text)}" for n in result.not_applicable),
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
    heading = (
        f"{school.name} ({school.id}), {framework.title} ({framework.ref}), "
        f"reviewed {assessment.assessed_on.isoformat()}"
    )
    lines = fit_heading(one_line(heading), fitting_width())
    if not results:
        return [*lines, f"{one_line(framework.ref)} declares no awards."]
    met = sum(result.met for result in results)
    return [*lines, f"{met} of {len(results)} award(s) met.", "", *awards_text(results)]


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
