"""Ids that look right and are not: `1a1` with a Cyrillic a (U+0430), or a zero-width
space after it, `becta-srf` with a word processor's non-breaking hyphen (U+2011).

Such an id is refused as unknown, and the message shows it exactly as the right one looks:
the user cannot see what is wrong, and `difflib`, which counts the odd letter as any other,
may even suggest another id (`1` Cyrillic-a `1` is as close to `1c1` as to `1a1`). Compared
by their skeletons (the look-alike letters read as the Latin ones, marks and invisible
characters dropped), the id meant is found, and the hint names the characters that are not
what they seem.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Final

__all__ = [
    "LATIN_LIKE",
    "UNSEEN",
    "compatible",
    "drawn_apart",
    "drawn_as",
    "drawn_lowered",
    "folded",
    "look_alike",
    "looking_alike",
    "shape",
]

#: Cherokee's capitals that confusables.txt maps to an ASCII letter (`_BY_HAND`).
_CHEROKEE: Final = (
    *(0x13A0, 0x13A1, 0x13A2, 0x13A5, 0x13A9, 0x13AA, 0x13AB, 0x13AC, 0x13B3, 0x13B7),
    *(0x13BB, 0x13BD, 0x13C0, 0x13C2, 0x13C3, 0x13CF, 0x13D2, 0x13D4, 0x13D5, 0x13D9),
    *(0x13DA, 0x13DE, 0x13DF, 0x13E2, 0x13E6, 0x13E7, 0x13F3, 0x13F4),
)
_CHEROKEE_AS: Final = "DRTiYAJEWMHYGhZbRWSVSLCPKdGB"

#: Letters drawn like Latin ones, by hand: Cyrillic, Greek, Armenian and Cherokee, each as
#: Unicode's confusables.txt (UTS #39) maps it to an ASCII letter, copied by hand (Cyrillic
#: te, U+0442, it maps to LATIN LETTER SMALL CAPITAL T, read here as the `t` that is; U+0406
#: and U+04C0 to `l`, kept here as the `I` they are drawn as: `I` is no `l` in an id);
#: dashes and spaces drawn like ASCII's. Not Unicode's whole table of confusables: the ones
#: a keyboard, a word processor or a copy from a web page puts into an id.
_BY_HAND: Final = {
    **dict(zip("аеорсухіјѕԁӏгһԛԝүѵҽѡт", "aeopcyxijsdlrhqwyvewt", strict=True)),
    **dict(zip("АВЕКМНОРСТХІЈЅӀԌԜҮѴ", "ABEKMHOPCTXIJSIGWYV", strict=True)),
    **dict(zip("οαγινρσυϲϳΑΒΕΖΗΙΚΜΝΟΡΤΥΧϹϿϜϺ", "oayivpoucjABEZHIKMNOPTYXCJFM", strict=True)),
    **dict(zip("ՍՏՕագզհոռսցքօ", "USOwqqhnnugfo", strict=True)),
    # Cherokee's capitals, and its small letters (Unicode 8) as their lower case.
    **dict(zip(map(chr, _CHEROKEE), _CHEROKEE_AS, strict=True)),
    **{chr(c).lower(): a.lower() for c, a in zip(_CHEROKEE, _CHEROKEE_AS, strict=True)},
    **dict.fromkeys("‐‑‒–—―−", "-"),
    # What confusables.txt maps to `-` or `_` besides (a modifier letter minus, U+02D7; the
    # Arabic full stop; the Mongolian todo soft hyphen; a hyphen bullet; a heavy minus sign;
    # Coptic dialect-P ni; NKo lajanyalan, a low line): plugin names since round 66, ids
    # too since round 67 (`SCH` U+02D7 `1` is `SCH-1` on the page).
    **dict.fromkeys("\u02d7\u06d4\u1806\u2043\u2796\u2cba", "-"),
    "\u07fa": "_",
    **dict.fromkeys("\u00a0\u2007\u202f", " "),
}

#: Where the small capitals are (`_as_ascii`): IPA, the phonetic extensions, Latin
#: Extended-D and -E, and the Latin Extended-G of Unicode 14.
_SMALL_CAPITALS_IN: Final = (
    (0x0250, 0x02AF),
    (0x1D00, 0x1DBF),
    (0xA720, 0xA7FF),
    (0xAB30, 0xAB6F),
    (0x1DF00, 0x1DFFF),
)
#: The names of the small capitals: LATIN LETTER SMALL CAPITAL S (U+A731), drawn as an `s`;
#: LATIN CAPITAL LETTER SMALL CAPITAL I (U+A7AE), as an `I`.
_SMALL_CAPITAL: Final = re.compile(r"LATIN (LETTER|CAPITAL LETTER) SMALL CAPITAL ([A-Z])")


@cache
def _as_ascii() -> dict[int, str]:
    """Each letter drawn as an ASCII one, for `str.translate`: `_BY_HAND`, and each small
    capital by its name in Unicode's own data (this Python's `unicodedata`). Made on first
    use (a fraction of a millisecond: most commands never compare an id), once. A letter
    with marks is read as the letter without them by `_skeleton` (as SQL's `strip_accents`
    does), not here: a table of them made DuckDB's `translate` 20 times slower."""
    table = {ord(c): drawn for c, drawn in _BY_HAND.items()}
    for first, last in _SMALL_CAPITALS_IN:
        for code in range(first, last + 1):
            small = _SMALL_CAPITAL.fullmatch(unicodedata.name(chr(code), ""))
            if small:
                table.setdefault(code, small[2].lower() if small[1] == "LETTER" else small[2])
    return table


@cache
def drawn_as() -> tuple[str, str]:
    """`_as_ascii` as two strings of one length, each character of the first drawn as the
    one at its place in the second (SQL's `translate`: `cohort.look_alike_schools`)."""
    table = _as_ascii()
    return "".join(map(chr, table)), "".join(table.values())


def folded(text: str) -> str:
    """`text` in lower case as DuckDB's `lower` writes it, for ids told apart letter case
    aside (`model.closest`'s case first, `looking_alike`, `shape` and so the cohort's SQL):
    each letter by its own lower case (Unicode's simple mapping: `İ` as `i`, where Python's
    `lower` writes `i` and a combining dot), and a final sigma as the sigma it is (`ΛΟΓΟΣ`
    is `λογος` to Python's `lower`, `λογοσ` to DuckDB's: either is `λογοσ` here). Not
    `casefold`: its `ß` as `ss`, and the ligatures it spells out, have no SQL to match."""
    if text.isascii():
        return text.lower()
    return text.replace("\u0130", "i").lower().replace("\u03c2", "\u03c3")


@cache
def _lowered() -> dict[int, str]:
    """`_as_ascii` for text in lower case (`folded`), so that a letter drawn like a Latin
    one reads as that in either case (`shape`): each letter of the table in lower case as
    it reads, in lower case; then the lower case of each capital as the capital reads (a
    small beta as `b`, as its capital is drawn: `ΑΒΓ` and its lower case are one shape, as
    `ABC` and `abc` are). Where a letter and its capital read as two letters (Greek nu, a
    `v` and an `N`; upsilon, a `u` and a `Y`; Cyrillic palochka, an `l` and an `I`), each
    reads as drawn, and two ids differing in it alone are not said to look alike. A dash's
    small letter is itself (confusables.txt maps Coptic dialect-P ni's capital to `-`, not
    U+2CBB: round 68), in the table for SQL to read an id holding it (`drawn_apart`)."""
    table = _as_ascii()
    lowered = {
        code: drawn.lower() for code, drawn in table.items() if folded(chr(code)) == chr(code)
    }
    for code, drawn in table.items():
        small = folded(chr(code))
        lowered.setdefault(ord(small), drawn.lower() if drawn.isalpha() else small)
    return lowered


@cache
def drawn_lowered() -> tuple[str, str]:
    """`_lowered` as `drawn_as` gives `_as_ascii`, for SQL's `translate`."""
    table = _lowered()
    return "".join(map(chr, table)), "".join(table.values())


@cache
def drawn_apart() -> tuple[str, str]:
    """The capitals of `_as_ascii` whose lower case `_lowered` reads otherwise (Greek nu,
    upsilon, Cyrillic palochka; Coptic dialect-P ni, as itself), as `drawn_as` gives them:
    all SQL reads before its lower case (`shape`: these, `folded`, `_lowered`); the whole
    of `drawn_as` before it made `translate` read two tables at an id, a third slower."""
    table, lowered = _as_ascii(), _lowered()
    apart = {
        code: drawn
        for code, drawn in table.items()
        if lowered.get(ord(folded(chr(code))), drawn.lower()) != drawn.lower()
    }
    return "".join(map(chr, apart)), "".join(apart.values())


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


#: Where Unicode puts the characters with a compatibility form (a test holds every one of
#: this Python's Unicode in them), by block: Latin-1 to CJK Compatibility, Yi to Latin
#: Extended-E, the presentation forms to the half- and full-width forms, Latin Extended-F,
#: the mathematical letters and digits, Cyrillic Extended-D to the Arabic mathematical
#: letters, the enclosed letters and ideographs, the legacy computing digits.
_COMPATIBLE_IN: Final = (
    (0x00A0, 0x33FF),
    (0xA000, 0xABFF),
    (0xFB00, 0xFFEF),
    (0x10780, 0x107BF),
    (0x1D400, 0x1D7FF),
    (0x1E000, 0x1EEFF),
    (0x1F100, 0x1F2FF),
    (0x1FB00, 0x1FBFF),
)


@cache
def compatible() -> dict[str, str]:
    """Each character with a compatibility form (NFKD), in order, and that form, for the
    cohort's SQL (DuckDB has `nfc_normalize` alone; `_skeleton` takes NFKC): the full-width
    letters and digits, the mathematical ones, the circled digits, the superscripts, and
    the forms of two characters or more (a ligature, `⑩` as `10`, `㎏` as `kg`, `½` as a
    1, a fraction slash and a 2: 1,187 of the 3,748), the letters drawn as Latin ones that
    read otherwise first (`_drawn_first`) aside. Made on first use from this Python's
    Unicode (15 ms), once."""
    first = _drawn_first()
    found = {}
    for low, high in _COMPATIBLE_IN:
        for code in range(low, high + 1):
            char = chr(code)
            if code not in first and _compatible(unicodedata.decomposition(char), char):
                found[char] = unicodedata.normalize("NFKD", char)
    return found


def _compatible(decomposition: str, char: str) -> bool:
    """Whether `char`, of Unicode's `decomposition`, has a compatibility form: its own
    (`<font> 0041`), or that of a character of its canonical one (16 in Unicode 15: the
    Greek dialytika tonos, U+0385, is a diaeresis, U+00A8, which is a space and a mark)."""
    if decomposition.startswith("<"):
        return True
    return bool(decomposition) and unicodedata.normalize("NFKD", char) != unicodedata.normalize(
        "NFD", char
    )


@cache
def _drawn_first() -> dict[int, str]:
    """The letters of `_as_ascii` whose compatibility form (NFKC) reads as another letter:
    Greek lunate sigma, drawn as a `c`, is a final sigma in that form (and so an `o`, as
    `shape` reads a sigma). SQL, which has no compatibility form, read it as the `c`."""
    table = _as_ascii()
    return {
        code: drawn
        for code, drawn in table.items()
        if unicodedata.normalize("NFKC", chr(code)).translate(table) != drawn
    }


#: The blocks of the scripts with letters drawn like Latin ones, where a mark on a letter is
#: an accent a reader may not see: Latin (to Extended-B, IPA, the phonetic extensions,
#: Latin Extended Additional and -C to -G), Greek (and Coptic, and Greek Extended), Cyrillic
#: (and its supplement and Extended-B, -C), Armenian, Cherokee (and its supplement). A
#: mark on a letter of another script is no accent: a Devanagari vowel sign, a kana's voicing
#: mark, each makes a letter of its own (`_unmarked`).
LATIN_LIKE: Final = (
    (0x0000, 0x02AF),
    (0x0370, 0x058F),
    (0x13A0, 0x13FF),
    (0x1C80, 0x1C8F),
    (0x1D00, 0x1DBF),
    (0x1E00, 0x1FFF),
    (0x2C60, 0x2C7F),
    (0xA640, 0xA69F),
    (0xA720, 0xA7FF),
    (0xAB30, 0xABBF),
    (0x10780, 0x107BF),
    (0x1DF00, 0x1DFFF),
)


def _latin_like(char: str) -> bool:
    """Whether `char` is a letter of `LATIN_LIKE`'s blocks."""
    code = ord(char)
    return unicodedata.category(char).startswith("L") and any(
        first <= code <= last for first, last in LATIN_LIKE
    )


def _unmarked(decomposed: str) -> str:
    """`decomposed` (NFD) without the marks on a letter of `LATIN_LIKE` (`ṭ` is a `t`,
    Cyrillic yo a Cyrillic ie, as DuckDB's `strip_accents` reads them); the marks on any
    other character are kept (`कि` is no `क`, a digit with an accent no digit)."""
    kept = []
    on_letter = False
    for char in decomposed:
        if not unicodedata.category(char).startswith("M"):
            on_letter = _latin_like(char)
        elif on_letter:
            continue
        kept.append(char)
    return "".join(kept)


def _skeleton(text: str) -> str:
    """`text` as it is drawn: without the characters that print as nothing (Unicode's Cf,
    `UNSEEN`) or as a blank, composed, without the marks on its letters drawn like Latin
    ones (`_unmarked`), the letters drawn like Latin ones read as those (`_as_ascii`). The
    invisible ones go first: one between a letter and its accent would keep them apart.
    The letters of the table whose compatibility form reads otherwise are read before it
    (`_drawn_first`). ASCII is drawn as it is."""
    if text.isascii():
        return text
    seen = "".join(c for c in text if unicodedata.category(c) != "Cf").translate(_drawn_first())
    bare = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", _unseen().sub("", seen)))
    return unicodedata.normalize("NFC", _unmarked(bare)).translate(_as_ascii())


def shape(text: str) -> str:
    """What `text` looks like, letter case aside (the cohort's ids: SQL's `SHAPE`, in
    `cohort.look_alike_schools`, writes the same): its skeleton (`_skeleton`, the capitals
    read as the Latin capitals they are drawn like), in lower case (`folded`), the letters
    drawn like Latin ones read as those in lower case too (`_lowered`)."""
    return _lowered_shape(_skeleton(text))


def _lowered_shape(skeleton: str) -> str:
    """`skeleton` (`_skeleton`'s) in lower case, read as `shape` reads it."""
    if skeleton.isascii():
        return skeleton.lower()
    return folded(skeleton).translate(_lowered())


def look_alike(word: str, candidates: Iterable[str], *, ascii_alike: bool = False) -> str | None:
    """A hint naming the candidate `word` looks like, and the characters in `word` that
    are not what they seem; None if it looks like none of them. With `ascii_alike`, read
    as the names of plugins are (`looking_alike`): `lea\u02d7support` looks like
    `lea-support`, letter case aside."""
    shapes = _plugin_shapes(word) if ascii_alike else {_skeleton(word)}
    for candidate in candidates:
        drawn = _plugin_shapes(candidate) if ascii_alike else {_skeleton(candidate)}
        if candidate != word and not shapes.isdisjoint(drawn):
            odd = [c for c in dict.fromkeys(word) if not c.isascii() and c not in candidate]
            names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'UNNAMED')}" for c in odd)
            return f"did you mean `{candidate}`?" + (
                f" What was typed holds {names}" if odd else ""
            )
    return None


#: ASCII drawn alike in many fonts: `I`, `l`, `1` and `|`; `0` and `O` (and `rn` and `m`,
#: two letters for one). Told alike in the names of plugins alone (`looking_alike`,
#: `plugin_checks`), a few names: ids hold digits and capitals of their own (`SCH0O1`,
#: `URN 100001`, `1a1`), and would be said to look alike where no one is misled.
_ASCII_ALIKE: Final = str.maketrans({"I": "l", "1": "l", "|": "l", "0": "o", "O": "o"})


#: A soft hyphen: drawn as nothing (a browser, `_skeleton`) or as a hyphen (a terminal).
_SOFT_HYPHEN: Final = "\u00ad"


def _plugin_shapes(word: str) -> set[str]:
    """What the plugin name `word` looks like (`looking_alike`'s `ascii_alike`): with its
    soft hyphens as nothing and, if it holds one, as hyphens; and its capital I as the l
    it is drawn like and as the i it is the capital of (`Info` looks like `lnfo` and,
    letter case aside, `info`)."""
    readings = {word, word.replace(_SOFT_HYPHEN, "-")}
    readings |= {read.replace("I", "i") for read in readings}
    return {
        _lowered_shape(_skeleton(read).replace("rn", "m").translate(_ASCII_ALIKE))
        for read in readings
    }


def looking_alike(words: Iterable[str], *, ascii_alike: bool = False) -> list[list[str]]:
    """The distinct `words` that look the same as another of them, letter case aside
    (`teachers`, `Teachers`, `t\u0435achers` with a Cyrillic e): each set of them, in the order
    first given; words that look like no other are left out. With `ascii_alike`, ASCII drawn
    alike too (`_ASCII_ALIKE`: `lea-support`, `Iea-support`, `lea-supp0rt`); a name with a
    soft hyphen looks like one with a hyphen there and one without, and so joins the sets
    of both."""
    given = list(dict.fromkeys(words))
    shapes: dict[str, list[str]] = {}
    for word in given:
        for drawn in _plugin_shapes(word) if ascii_alike else (shape(word),):
            shapes.setdefault(drawn, []).append(word)
    if not ascii_alike:
        return [same for same in shapes.values() if len(same) > 1]
    sets: list[set[str]] = []
    for same in (same for same in shapes.values() if len(same) > 1):
        joined = [found for found in sets if not found.isdisjoint(same)]
        sets = [found for found in sets if found not in joined]
        sets.append(set(same).union(*joined))
    return [[word for word in given if word in found] for found in sets]
