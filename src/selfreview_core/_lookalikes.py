"""Ids that look right and are not: `1a1` with a Cyrillic a (U+0430), or a zero-width
space after it, `becta-srf` with a word processor's non-breaking hyphen (U+2011).

Such an id is refused as unknown, and the message shows it exactly as the right one looks:
the user cannot see what is wrong, and `difflib`, which counts the odd letter as any other,
may even suggest another id (`1` Cyrillic-a `1` is as close to `1c1` as to `1a1`). Compared
by their skeletons (the look-alike letters read as the Latin ones, invisible characters
dropped), the id meant is found, and the hint names the characters that are not what they
seem.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Final

__all__ = ["DRAWN_AS", "UNSEEN", "look_alike", "looking_alike"]

#: Letters drawn like Latin ones (Cyrillic and Greek), and dashes and spaces drawn like
#: ASCII's. Not Unicode's whole table of confusables: the ones a keyboard or a word
#: processor puts into an id.
_AS_ASCII: Final = str.maketrans(
    {
        **dict(zip("аеорсухіјѕԁӏ", "aeopcyxijsdl", strict=True)),
        **dict(zip("АВЕКМНОРСТХІЈЅ", "ABEKMHOPCTXIJS", strict=True)),
        **dict(zip("οΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "oABEZHIKMNOPTYX", strict=True)),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        **dict.fromkeys("\u00a0\u2007\u202f", " "),
    }
)


#: `_AS_ASCII` as two strings of one length, each character of the first drawn as the one at
#: its place in the second (SQL's `translate`: `cohort.look_alike_schools`).
DRAWN_AS: Final = (
    "".join(map(chr, _AS_ASCII)),
    "".join(str(to) for to in _AS_ASCII.values()),
)


#: The characters that print as a blank or as nothing and are no format character, as
#: `escaping.UNSEEN` holds them (Unicode's Default_Ignorable_Code_Point but its Cf, 15.1;
#: a module of layer 0 imports none of the package; a test holds them equal): invisible
#: here as the format characters are.
UNSEEN: Final = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180D),
    (0x180F, 0x180F),
    (0x2065, 0x2065),
    (0x2800, 0x2800),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0xE0000, 0xE0000),
    (0xE0002, 0xE001F),
    (0xE0080, 0xE00FF),
    (0xE0100, 0xE01EF),
    (0xE01F0, 0xE0FFF),
)


@cache
def _unseen() -> re.Pattern[str]:
    """`UNSEEN`, which `_skeleton` drops. Compiled on first use: most commands never
    compare an id."""
    ranges = "".join(f"{chr(first)}-{chr(last)}" for first, last in UNSEEN)
    return re.compile(f"[{ranges}]")


def _skeleton(text: str) -> str:
    """`text` as it is drawn: without the characters that print as nothing (Unicode's Cf,
    `UNSEEN`) or as a blank, composed, the look-alike letters read as the Latin ones. The
    invisible ones go first: one between a letter and its accent would keep them apart."""
    seen = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFKC", _unseen().sub("", seen)).translate(_AS_ASCII)


def look_alike(word: str, candidates: Iterable[str]) -> str | None:
    """A hint naming the candidate `word` looks like, and the characters in `word` that
    are not what they seem; None if it looks like none of them."""
    shape = _skeleton(word)
    for candidate in candidates:
        if candidate != word and _skeleton(candidate) == shape:
            odd = [c for c in dict.fromkeys(word) if not c.isascii() and c not in candidate]
            names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'UNNAMED')}" for c in odd)
            return f"did you mean `{candidate}`?" + (
                f" What was typed holds {names}" if odd else ""
            )
    return None


def looking_alike(words: Iterable[str]) -> list[list[str]]:
    """The distinct `words` that look the same as another of them, letter case aside
    (`teachers`, `Teachers`, `t\u0435achers` with a Cyrillic e): each set of them, in the order
    first given; words that look like no other are left out."""
    shapes: dict[str, list[str]] = {}
    for word in dict.fromkeys(words):
        shapes.setdefault(_skeleton(word).casefold(), []).append(word)
    return [same for same in shapes.values() if len(same) > 1]
