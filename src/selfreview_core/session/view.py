"""What the self-review shows of one strand, fitted to the terminal's width.

An 80-column terminal of 24 lines is the case to design for: the strand's five descriptors
fill the screen, so the heading that says which strand they describe would scroll away
before the question. The heading is therefore shown twice: above the descriptors, and as
one line right above the question (`question_heading`), fitted to the width. Every line is
wrapped at the width given (`fit`), so nothing breaks mid-word at the terminal's edge.

Text from the framework and the file is shown escaped (`escaping.shown`).
"""

from __future__ import annotations

import shutil
import textwrap
from typing import TYPE_CHECKING

from ..escaping import shown, shown_name
from ..scoring.profiles import judged_level

if TYPE_CHECKING:
    from ..model.assessment import Judgement
    from ..model.framework import Framework, Strand
    from ..model.review import Review
    from ..model.scale import Scale

__all__ = [
    "EVIDENCE_PROMPT",
    "EVIDENCE_REQUIRED",
    "MULTILINE",
    "fit",
    "level_prompt",
    "question_heading",
    "reading_width",
    "strand_screen",
]

#: Typed alone at the evidence prompt, starts several lines of evidence; typed alone again,
#: ends them (as in Python and Markdown, a familiar fence).
MULTILINE = '"""'
EVIDENCE_PROMPT = f"Evidence (optional; {MULTILINE} for several lines)"
#: The same where evidence must be given: why a strand does not apply.
EVIDENCE_REQUIRED = f"Evidence (required; {MULTILINE} for several lines)"
#: The narrowest width laid out for: narrower terminals wrap as they can.
_NARROWEST = 40


def reading_width() -> int:
    """The width every line a session shows is fitted to (`assess`'s strands, `plan
    --interactive`'s questions): the terminal's, 80 when it cannot tell, never narrower
    than 40 columns nor wider than 100, where lines of descriptors grow hard to read."""
    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))


def fit(text: str, width: int) -> str:
    """`text` with every line longer than `width` wrapped at word boundaries, each
    continuation indented as its line is, two spaces more. A word longer than the width (a
    long file name) is kept whole, on a line of its own: it can be copied."""
    width = max(width, _NARROWEST)
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip(" "))]
        if len(indent) > width // 2:
            indent = ""
        out.append(
            textwrap.fill(
                line.strip(" "),
                width,
                initial_indent=indent,
                subsequent_indent=indent + "  ",
                break_on_hyphens=False,
                break_long_words=False,
            )
        )
    return "\n".join(out)


def _one_line(text: str, width: int) -> str:
    """`text` on one line of at most `width` characters, cut with `…` if need be."""
    text = shown(text, newline=False)
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"


def question_heading(strand: Strand, position: int, total: int, width: int) -> str:
    """The one line above the question: which strand (its id a name,
    `escaping.shown_name`), and how far through."""
    return _one_line(f"-- {shown_name(strand.id)} ({position} of {total}): {strand.title}", width)


def strand_screen(
    framework: Framework,
    strand: Strand,
    position: int,
    total: int,
    current: Judgement | None,
    review: Review | None,
    width: int,
) -> list[str]:
    """Every line shown before the question about `strand`: its heading, where it sits in
    the framework, its descriptors from the worst level up, what it is judged at now, and
    (for a strand a migration left to judge) why and the evidence that came with it."""
    width = max(width, _NARROWEST)
    aspect_id, element_id = framework.parents(strand.id)
    # `textwrap` makes a file's own line breaks spaces: no line begins with a file's text.
    lines = [
        "",
        _wrap(f"Strand {shown_name(strand.id)} ({position} of {total}): {strand.title}", width, ""),
        _wrap(
            f"Element {shown_name(element_id)} {framework.element(element_id).title} / "
            f"aspect {shown_name(aspect_id)} {framework.aspect(aspect_id).title}",
            width,
            "",
        ),
    ]
    scale = framework.scale
    for level in reversed(scale.levels):  # worst first: read up towards the best
        label = scale.label(level) if level in scale.labels else ""
        marker = {scale.best: " (best)", scale.worst: " (worst)"}.get(level, "")
        lines.append(_wrap(f"{level}{marker}" + (f" {label}" if label else ""), width, "  "))
        lines.append(_wrap(strand.levels[level], width, "      ", "      "))
    if current is not None:  # by answers, or not applicable, it has no level written
        judged = judged_level(framework, strand.id, current)
        if judged is None:
            lines.append("  Currently not applicable.")
        elif current.level is None:
            lines.append(f"  Currently judged by its answers, at level {judged}.")
        else:
            lines.append(f"  Currently judged at level {judged}.")
    if review is not None:  # left without a level by a migration: say why, show what came
        lines.append(_wrap(f"To judge afresh ({review.reason}): {review.note}", width, "  "))
        if review.evidence:
            lines.append(_wrap(f"Evidence carried over: {review.evidence}", width, "  "))
    return lines


def _wrap(text: str, width: int, indent: str, more: str | None = None) -> str:
    """`text` shown escaped and filled to `width`, its first line indented by `indent`,
    the others by `more` (two spaces more than `indent` if not given)."""
    return textwrap.fill(
        shown(text),
        width,
        initial_indent=indent,
        subsequent_indent=indent + "  " if more is None else more,
        break_on_hyphens=False,
    )


def level_prompt(scale: Scale, current: Judgement | None, *, first: bool, na: bool = False) -> str:
    """The question: the scale's direction, and what Enter, `s`, `b`, `n` (not applicable,
    named when `na`: in a framework with questions) and `q` do."""
    keys = "s skips" if current is not None else "Enter skips"
    back = "" if first else ", b back"
    said = "not applicable" if current is not None and current.level is None else None
    if current is not None and current.answers:
        said = "its answers"
    keeps = f"Enter keeps {said or f'level {current.level}'}, " if current is not None else ""
    offer = ", n not applicable" if na else ""
    return f"Level ({scale.worst} worst .. {scale.best} best; {keeps}{keys}{back}{offer}, q stops)"
