"""Unicode's Default_Ignorable_Code_Point, as DerivedCoreProperties.txt of Unicode 15.1
lists it (the same since 14.0, this Python's), written out here apart from the package's
table (`escaping.UNSEEN`) so that the tests check the table and not themselves."""

from __future__ import annotations

from typing import Final

#: The property's lines, as the file has them (its name, Default_Ignorable_Code_Point, cut
#: to `DI`, and one name to fit a line).
DERIVED_CORE_PROPERTIES: Final = """
00AD          ; DI # Cf       SOFT HYPHEN
034F          ; DI # Mn       COMBINING GRAPHEME JOINER
061C          ; DI # Cf       ARABIC LETTER MARK
115F..1160    ; DI # Lo   [2] HANGUL CHOSEONG FILLER..HANGUL JUNGSEONG FILLER
17B4..17B5    ; DI # Mn   [2] KHMER VOWEL INHERENT AQ..KHMER VOWEL INHERENT AA
180B..180D    ; DI # Mn   [3] MONGOLIAN FREE VARIATION SELECTOR ONE..THREE
180E          ; DI # Cf       MONGOLIAN VOWEL SEPARATOR
180F          ; DI # Mn       MONGOLIAN FREE VARIATION SELECTOR FOUR
200B..200F    ; DI # Cf   [5] ZERO WIDTH SPACE..RIGHT-TO-LEFT MARK
202A..202E    ; DI # Cf   [5] LEFT-TO-RIGHT EMBEDDING..RIGHT-TO-LEFT OVERRIDE
2060..2064    ; DI # Cf   [5] WORD JOINER..INVISIBLE PLUS
2065          ; DI # Cn       <reserved-2065>
2066..206F    ; DI # Cf  [10] LEFT-TO-RIGHT ISOLATE..NOMINAL DIGIT SHAPES
3164          ; DI # Lo       HANGUL FILLER
FE00..FE0F    ; DI # Mn  [16] VARIATION SELECTOR-1..VARIATION SELECTOR-16
FEFF          ; DI # Cf       ZERO WIDTH NO-BREAK SPACE
FFA0          ; DI # Lo       HALFWIDTH HANGUL FILLER
FFF0..FFF8    ; DI # Cn   [9] <reserved-FFF0>..<reserved-FFF8>
1BCA0..1BCA3  ; DI # Cf   [4] SHORTHAND FORMAT LETTER OVERLAP..SHORTHAND FORMAT UP STEP
1D173..1D17A  ; DI # Cf   [8] MUSICAL SYMBOL BEGIN BEAM..MUSICAL SYMBOL END PHRASE
E0000         ; DI # Cn       <reserved-E0000>
E0001         ; DI # Cf       LANGUAGE TAG
E0002..E001F  ; DI # Cn  [30] <reserved-E0002>..<reserved-E001F>
E0020..E007F  ; DI # Cf  [96] TAG SPACE..CANCEL TAG
E0080..E00FF  ; DI # Cn [128] <reserved-E0080>..<reserved-E00FF>
E0100..E01EF  ; DI # Mn [240] VARIATION SELECTOR-17..VARIATION SELECTOR-256
E01F0..E0FFF  ; DI # Cn [3600] <reserved-E01F0>..<reserved-E0FFF>
"""


def _ranges(category: str | None) -> frozenset[str]:
    """The characters of the lines whose category (the word after `#`) is, or with None is
    not, Cf."""
    found: set[str] = set()
    for line in DERIVED_CORE_PROPERTIES.strip().splitlines():
        codes, _, comment = line.partition("#")
        first, _, last = codes.split(";")[0].strip().partition("..")
        if (comment.split()[0] == "Cf") == (category == "Cf"):
            found.update(chr(c) for c in range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(found)


#: The ignorable characters that are no format character (Cf, escaped besides), and the
#: Braille pattern blank (U+2800: a symbol drawn blank, round 63): what a name shows escaped
#: and what tells ids alike drops, besides the format characters.
UNSEEN: Final = _ranges(None) | {"\u2800"}
#: A few of them, one of each kind: the Hangul fillers and the Braille blank (round 63),
#: variation selectors (U+FE0F and beyond the first plane), a Mongolian free variation
#: selector, the combining grapheme joiner, a Khmer inherent vowel and an unassigned one.
SOME: Final = (
    "\u115f\u1160\u3164\uffa0\u2800\ufe00\ufe0f\U000e0100\U000e01ef\u180b\u180f\u034f\u17b4\u2065"
)
