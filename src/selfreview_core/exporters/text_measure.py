"""How wide a text is when drawn in SVG, measured rather than guessed, and text wrapped to
a width: so that a chart's labels (`radar`, `bar_chart`, `voices_html`) are placed where
they fit and its viewBox holds them, however long they are.

`text_width` estimates the width of text in Arial or Helvetica (their metrics are the
same; Liberation Sans matches them on Linux) from a per-character table, with a margin for
wider fallback fonts.
"""

from __future__ import annotations

import unicodedata
from typing import Final

from ..escaping import shown, unsafe

__all__ = ["FONT_FAMILY", "text_width", "wrap_text"]

#: The fonts the widths are measured for, first; any sans-serif after them.
FONT_FAMILY: Final = "Arial,'Liberation Sans',Helvetica,sans-serif"

#: Wider fallback fonts still fit: DejaVu Sans, the usual one on Linux, runs up to 15% wider.
_MARGIN: Final = 1.15
#: A Chinese or Japanese character (East Asian width W or F) is one em wide in every font
#: that has it (Noto Sans CJK, WenQuanYi, Microsoft YaHei, Yu Gothic, Hiragino): the margin
#: for wider Latin fonts is taken off again, so that it is one em as drawn. With the margin
#: such texts were wrapped 15 % too long and the governors' page left out rows that fit.
_WIDE: Final = 1000 / _MARGIN

# Advance widths of Helvetica (= Arial) in thousandths of an em, for ASCII 32..126.
_ASCII: Final = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
_OTHER: Final = {
    "–": 556, "—": 1000, "…": 1000, "‘": 222, "’": 222, "“": 333, "”": 333, "•": 350,
    "·": 278, "▲": 1000, "▼": 1000, "◂": 1000, "▸": 1000, "×": 584, "°": 400, "€": 556,
    "£": 556,
}  # fmt: skip
_BOLD: Final = 1.1  # Helvetica Bold runs about 10% wider
_JOINER: Final = "\u200d"  # the zero-width joiner: 👩 and 💻 joined are one picture


def _char_width(char: str) -> float:
    code = ord(char)
    if 32 <= code <= 126:
        return _ASCII[code - 32]
    if char in _OTHER:
        return _OTHER[char]
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return _WIDE
    base = unicodedata.normalize("NFD", char)[0]  # é is as wide as e
    if base != char and 32 <= ord(base) <= 126:
        return _ASCII[ord(base) - 32]
    return 667  # a wide Latin letter: better too wide than clipped


def text_width(text: str, font_size: float = 12, *, bold: bool = False) -> float:
    """The width of `text` set in `font_size` px (of Arial or Helvetica, with a margin for
    wider fonts), as `shown` prints it."""
    units = sum(_char_width(c) for c in shown(text, newline=False))
    return units / 1000 * font_size * _MARGIN * (_BOLD if bold else 1)


def _joins(char: str, before: str) -> bool:
    """Whether `char` belongs to the character drawn before it (`before`, as far as it
    goes): a mark on a letter, a skin tone, a tag of a flag, the second half of a flag."""
    return (
        unicodedata.category(char) in ("Mn", "Me", "Mc")
        or char == _JOINER
        or "\U0001f3fb" <= char <= "\U0001f3ff"  # skin tones
        or "\U000e0020" <= char <= "\U000e007f"  # the tags of a flag (🏴 of Scotland)
        or (_is_regional(char) and len(before) == 1 and _is_regional(before))
    )


def _is_regional(char: str) -> bool:
    return "\U0001f1e6" <= char <= "\U0001f1ff"  # two of them are a country's flag


def _units(text: str) -> list[str]:
    """`text` as `shown` prints it, in the pieces a line may break between and a cut may
    end at: a character with the marks and joiners drawn with it (e and its accent, a flag,
    a family of emoji joined), or the escape `shown` writes for one character."""
    units: list[str] = []
    joined = False
    for char in text:
        if (
            units
            and not (unsafe(char) or char.isspace() or units[-1].isspace())
            and (joined or _joins(char, units[-1]))
        ):
            units[-1] += char
        else:
            units.append(shown(char, newline=False))
        joined = char == _JOINER
    return units


def _words(text: str) -> list[list[str]]:
    """The words of `text` (as `shown` prints it, so a tab or a line break is within one),
    each in its units."""
    words: list[list[str]] = [[]]
    for unit in _units(text):
        if unit.isspace():
            words.append([])
        else:
            words[-1].append(unit)
    return [word for word in words if word]


def _break_word(word: list[str], max_width: float, font_size: float, bold: bool) -> list[list[str]]:
    """A word too wide for a line, in pieces that fit (at least one unit each)."""
    pieces: list[list[str]] = []
    piece: list[str] = []
    for unit in word:
        if piece and text_width("".join(piece) + unit, font_size, bold=bold) > max_width:
            pieces.append(piece)
            piece = []
        piece.append(unit)
    return [*pieces, piece] if piece else pieces


def wrap_text(
    text: str,
    max_width: float,
    font_size: float = 12,
    *,
    bold: bool = False,
    max_lines: int | None = None,
) -> list[str]:
    """`text` (as `shown` prints it) in lines no wider than `max_width`; with `max_lines`,
    the last line kept ends in "…" when the text goes on. A line breaks, and a cut ends,
    between whole characters: never between a letter and its accent, in a flag, or in the
    escape of a control character."""
    words = [
        piece for word in _words(text) for piece in _break_word(word, max_width, font_size, bold)
    ]
    lines: list[list[str]] = []
    for word in words:
        if (
            lines
            and text_width("".join([*lines[-1], " ", *word]), font_size, bold=bold) <= max_width
        ):
            lines[-1] += [" ", *word]
        else:
            lines.append(word)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_width("".join(last) + "…", font_size, bold=bold) > max_width:
            last = last[:-1]
        lines[-1] = ["".join(last).rstrip(), "…"]
    return ["".join(line) for line in lines] or [""]
