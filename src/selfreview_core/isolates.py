"""Right-to-left text in what the program prints: which letters are written right to left,
and the isolates (U+2068 FIRST STRONG ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE) the
program itself puts round them, which its escaping must then keep.

A terminal that orders text by Unicode's bidirectional algorithm takes each line as a
paragraph: a table's row that began with a school's name in Hebrew was laid out right to
left as a whole, and a level's digits after a name in Arabic drawn on the name's left
(round 75). `text_tables.isolated` isolates such a cell line by line; `shown_isolates_kept`
shows a table printed escaped (`report` to a terminal) with those isolates kept, and
every other bidirectional control escaped, as `escaping.shown` escapes them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from .escaping import shown

__all__ = ["RIGHT_TO_LEFT_CLASS", "right_to_left", "shown_isolates_kept"]


#: Letters written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and the rest of
#: their blocks, their presentation forms, and the historic scripts of the planes above),
#: for a character class. The blocks hold some digits and marks that are not strong
#: right-to-left letters; text of only those counts too, harmlessly.
RIGHT_TO_LEFT_CLASS: Final = (
    "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff"
)


@cache
def right_to_left() -> re.Pattern[str]:
    """A letter written right to left (`RIGHT_TO_LEFT_CLASS`), compiled when first asked:
    a class past Latin-1 costs `re` some 200 microseconds to compile (a map of every 16-bit
    character), which a command that meets no such text should not pay at its start."""
    return re.compile(f"[{RIGHT_TO_LEFT_CLASS}]")


@cache
def _isolate() -> re.Pattern[str]:
    """An isolate round one line's text that holds no bidirectional control: what
    `text_tables.isolated` puts round a table's cell of right-to-left text (compiled when
    first asked, as `right_to_left`)."""
    return re.compile("\u2068([^\n\r\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]*)\u2069")


def shown_isolates_kept(text: str) -> str:
    """`shown(text)`, but each isolate round a line's right-to-left text that holds no other
    bidirectional control (U+2068 ... U+2069, closed on its line) is kept, its text shown:
    a report's table, printed escaped as a plugin's exporter's text is, keeps the isolates
    round its right-to-left cells (`text_tables.isolated`). Such an isolate orders only its
    own text, as its letters would, and keeps it from reordering the text around it: it
    cannot make a name read as another, as an override can. Any other isolate is shown."""
    if "\u2068" not in text:
        return shown(text)
    out = []
    parts = _isolate().split(text)  # outside at even indexes, an isolate's text at odd ones
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(shown(part))
        elif right_to_left().search(part) is None:
            out.append(shown(f"\u2068{part}\u2069"))
        else:
            out.append(f"\u2068{shown(part)}\u2069")
    return "".join(out)
