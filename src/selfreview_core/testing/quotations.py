"""Whether a plugin quotes its sources word for word: `misquoted(text, source)`.

Advice that quotes a report puts the report's words in double quotation marks and names the
report. A test can then hold every quotation to the source document itself, so that an edit
that changes a quoted word, or a quotation from memory, fails a test instead of putting
words in the source's mouth. The comparison ignores only what a copy of a document changes
without changing its words: white space and line breaks, Markdown emphasis (`**`), the style
of quotation marks (a quotation inside a quotation is written with single marks), and a
capital letter where a quotation starts with words from inside a sentence, or the reverse.
"""

from __future__ import annotations

import re

__all__ = ["misquoted"]

#: Quotation marks of every style, read as one: straight, curly, and the prime-like ones
#: a copy may hold.
_MARKS = str.maketrans(
    dict.fromkeys("'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u2032\u2033`", '"')
)
#: Where a quotation leaves words out.
_LEFT_OUT = re.compile(r"\[(?:\.\.\.|\u2026)\]|\.\.\.|\u2026")


def _plain(text: str) -> str:
    """`text` with white space as single spaces, no emphasis markers, one quotation mark."""
    return " ".join(text.replace("**", "").translate(_MARKS).split())


def _held(part: str, source: str) -> bool:
    """Whether `source` holds `part` as whole words (a quotation cut inside a word, such as
    "characteristic" from "characteristics", changes the word)."""
    part = part.strip()
    if not part:
        return True
    cases = {part, part[:1].lower() + part[1:], part[:1].upper() + part[1:]}
    return any(re.search(rf"(?<!\w){re.escape(case)}(?!\w)", source) for case in cases)


def misquoted(text: str, source: str) -> list[str]:
    """The passages `text` puts in double quotation marks that `source` does not hold word
    for word (an ellipsis, `...`, `…` or `[...]`, marks words left out: each part must be there).

    Only straight double quotation marks (`"`) open and close a quotation in `text`, as
    advice written in YAML or Python does; an apostrophe or a nested quotation in single
    marks is part of the passage. An odd number of marks leaves the last passage open: it is
    reported whole, since no reader could tell where it ends."""
    plain_source = _plain(source)
    parts = text.split('"')
    unclosed = len(parts) % 2 == 0  # an odd number of marks: the last passage never closes
    passages = parts[1:-1:2] if unclosed else parts[1::2]
    found = [
        p for p in passages if not all(_held(_plain(x), plain_source) for x in _LEFT_OUT.split(p))
    ]
    if unclosed:  # reported once, whole, whatever it holds
        found.append(parts[-1])
    return found
