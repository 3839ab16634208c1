"""libyaml's places in a YAML text as the lines and columns an editor shows, and a syntax
error told at them.

libyaml keeps YAML 1.1's line breaks: besides LF, CR LF and CR, a NEL (U+0085), LINE
SEPARATOR (U+2028) or PARAGRAPH SEPARATOR (U+2029) alone ends a line, and its marks count
lines and columns so. YAML 1.2 does not, nor do the editors a file is mended in (VS Code,
Vim, Emacs, Notepad++, Sublime Text: each shows the three as characters within their line),
nor the house's other readers (`positions.BREAKS`). So a place libyaml gives is found again
by its index in characters and given as an editor counts it; and a syntax error at or after
such a character says that YAML read it as a line break, where the message alone ("could not
find expected ':'") speaks of a line the user cannot see.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Final

from ..errors import Diagnostic
from .positions import BREAKS, line_column, line_starts, place, within_text
from .yaml_hints import construct_hint

__all__ = [
    "YAML_ONLY_BREAKS",
    "Placer",
    "break_hint",
    "editor_places",
    "placed",
    "syntax_error",
]

#: The line breaks libyaml sees and an editor does not, each with its name and how a
#: double-quoted YAML string writes it.
YAML_ONLY_BREAKS: Final = {
    "\x85": ("U+0085 NEXT LINE (NEL)", "\\N"),
    "\u2028": ("U+2028 LINE SEPARATOR", "\\L"),
    "\u2029": ("U+2029 PARAGRAPH SEPARATOR", "\\P"),
}
#: A line break libyaml sees ending the text: compiled by `re` when first used (a syntax
#: error), not at every start-up that may read YAML.
_FINAL: Final = f"(?:{BREAKS['libyaml']})\\Z"


def _yaml_only_break(text: str) -> bool:
    """Whether `text` holds a line break only libyaml sees: three searches in C, no pattern."""
    return any(char in text for char in YAML_ONLY_BREAKS)


#: A libyaml mark's 0-based line and column, as an editor counts them.
Placer = Callable[[Any], tuple[int, int]]


def _as_given(mark: Any) -> tuple[int, int]:
    return mark.line, mark.column


def editor_places(text: str) -> Placer:
    """Where a libyaml mark in `text` stands as an editor counts lines: as libyaml says,
    unless `text` holds a line break only libyaml sees (the common case costs one search).
    A mark's index counts characters after a leading byte-order mark, as its column does."""
    if not _yaml_only_break(text):
        return _as_given
    body = text.removeprefix("\ufeff")
    starts = line_starts(body, "yaml")

    def placed_mark(mark: Any) -> tuple[int, int]:
        return place(starts, mark.index)

    return placed_mark


def placed(text: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """`diagnostics`, placed at libyaml's 1-based lines and columns in `text`, as an editor
    counts lines (as they are, unless `text` holds a line break only libyaml sees)."""
    if not _yaml_only_break(text):
        return diagnostics
    body = text.removeprefix("\ufeff")
    libyamls = line_starts(body, "libyaml")
    found = []
    for diagnostic in diagnostics:
        if diagnostic.line is not None and diagnostic.column is not None:
            index = libyamls[diagnostic.line - 1] + diagnostic.column - 1
            line, column = line_column(body, index, "yaml")
            diagnostic = replace(diagnostic, line=line, column=column)
        found.append(diagnostic)
    return found


def break_hint(text: str, first: int, last: int) -> str | None:
    """The last line break only YAML sees in `text[first:last]` (a syntax error's span),
    named at its place with what to write instead; None where there is none."""
    found = max(text.rfind(char, first, last) for char in YAML_ONLY_BREAKS)
    if found < 0:
        return None
    name, escape = YAML_ONLY_BREAKS[text[found]]
    line, column = line_column(text, found, "yaml")
    return (
        f"line {line}, column {column} holds {name}, which YAML reads as a line break though "
        f"editors show it within the line: remove it, or write it as `{escape}` in a "
        'double-quoted string ("...")'
    )


def syntax_error(text: str, file: str, error: Any) -> Diagnostic:
    """libyaml's syntax error (a `yaml.MarkedYAMLError`) as a problem placed as an editor
    counts lines. A mark at the end of a text cut short stands after its final line break,
    on a line the text does not have: it is placed on that break. A line break only YAML
    sees, from the start of the line the construct began on to the error, is named in the
    hint, before a construct libyaml is known to refuse (`construct_hint`, which reads
    libyaml's lines)."""
    mark = error.problem_mark or error.context_mark
    message = error.problem or error.context or "invalid YAML"
    if mark is None:  # pragma: no cover - libyaml marks every error
        return Diagnostic(f"invalid YAML: {message}", file, code="yaml")
    body = text.removeprefix("\ufeff")  # libyaml's index counts from after it
    tail = max(len(body) - 2, 0)
    final = re.search(_FINAL, body[tail:])
    end = len(body) if final is None else tail + final.start()
    index = first = min(mark.index, end)
    context = error.context_mark
    if error.context and context is not None and context is not mark:
        first = min(context.index, end)
        started = line_column(body, first, "yaml")
        message = f"{message} ({error.context} started at line {started[0]}, column {started[1]})"
    line, column = line_column(body, index, "yaml")
    starts = line_starts(body, "yaml")
    hints = (
        break_hint(body, starts[bisect.bisect_right(starts, first) - 1], index + 1),
        construct_hint(
            text, *within_text(text, (mark.line + 1, mark.column + 1), "libyaml"), message
        ),
    )
    hint = "; ".join(hint for hint in hints if hint) or None
    return Diagnostic(f"invalid YAML: {message}", file, line, column, hint=hint, code="yaml")
