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

import unicodedata
from collections.abc import Iterable
from typing import Final

__all__ = ["BLANKS", "DRAWN_AS", "look_alike", "looking_alike"]

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


#: The characters that print as a blank and are no format character, as `escaping.BLANKS`
#: holds them (a module of layer 0 imports none of the package; a test holds them equal):
#: invisible here as the format characters are.
BLANKS: Final = "\u115f\u1160\u2800\u3164\uffa0"


def _skeleton(text: str) -> str:
    """`text` as it is drawn: the look-alike letters read as the Latin ones, without the
    characters that print as nothing (Unicode's Cf) or as a blank (`escaping.BLANKS`)."""
    drawn = unicodedata.normalize("NFKC", text).translate(_AS_ASCII)
    return "".join(c for c in drawn if unicodedata.category(c) != "Cf" and c not in BLANKS)


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
