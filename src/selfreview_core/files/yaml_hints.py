"""What a YAML construct libyaml cannot read is, and how to write it instead.

The YAML test suite has valid documents that libyaml refuses: most often, in a hand-edited
file, a tab where YAML wants a space (to indent, in a literal block's indentation, after
`-` or `:`) or a key left empty (`: value`). libyaml says "found character that cannot
start any token" or "did not find expected key"; the reader keeps libyaml's position and
adds what is there and what to write (`construct_hint`).
"""

from __future__ import annotations

import re

__all__ = ["construct_hint"]

#: The line breaks libyaml counts its lines by: LF, CR LF, and CR, NEL, LS, PS alone.
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def construct_hint(text: str, line: int | None, column: int | None, message: str) -> str | None:
    """A hint for libyaml's error `message` at 1-based `line` and `column` of `text`, when
    the construct there is one libyaml is known to refuse; None otherwise."""
    if line is None or column is None:
        return None
    lines = _BREAKS.split(text)
    if not 0 < line <= len(lines):
        return None
    here = lines[line - 1]
    index = column - 1
    before = here[:index]
    # Only a tab libyaml stopped at: past a line's tabs (in a flow collection, where they
    # may indent) what it refuses is not the tab, and spaces there would not help.
    if here[index : index + 1] == "\t":
        if "block scalar" in message:
            return (
                "a tab indents a line of a literal or folded block (`|`, `>`): YAML indents "
                "with spaces only; indent the block's lines with spaces (a tab may follow "
                "them, as part of the text)"
            )
        stripped = before.rstrip(" \t")
        if not stripped:
            return "a tab indents this line: YAML indents with spaces only; use spaces"
        if stripped.endswith("-"):
            return "a tab after `-`: write a space after the dash of a list item"
        if stripped.endswith(":"):
            return "a tab after `:`: write a space after the colon of a key"
        return "a tab where YAML expects a space: use a space"
    if "expected key" in message and here.lstrip(" ").startswith(":"):
        return (
            "an empty key (`: value`, nothing before the colon): write the key, or quote an "
            'empty one (`"": value`)'
        )
    return None
