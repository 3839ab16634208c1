"""Text that says nothing: what an id (`model.base.Id`) and human text (`Text`: a name, a
title) must not be, and evidence is not.

One rule for all: text made only of white space, characters that print as nothing (a
zero-width space U+200B, a byte order mark U+FEFF, a word joiner U+2060, a soft hyphen
U+00AD, the Hangul filler U+3164) and marks with nothing to mark (a lone U+0301) says
nothing, and is refused as empty text is, in the same words at the same place
(`pydantic_errors`, with `unseen_hint` saying why text that is not empty is). Ids have
held to it since round 70; text since round 72: a school named by a zero-width space was
a school printed as "for  (100000)". `unseen_only` is the one test, which `typed_text`
(prompts and options), `cli._respondents`, the evidence a strand needs and, since round
80, a cohort file's school ids and names (`cohort.identities`, where DuckDB's tables of
marks are another Unicode's) share.

Split out of `model.base` (round 72), which holds the models' shared configuration; no
pydantic here, so that `validate` reads a framework's titles without it (`quick_framework`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any, Final, TypeGuard

from ..escaping import BIDI_CONTROLS, FORMAT_CLASS, UNSEEN_CLASS

__all__ = ["FILLERS", "UNSEEN", "said", "says_something", "unseen_hint", "unseen_only"]


#: What prints as nothing or as a blank (`escaping`'s bidirectional controls, format
#: characters and `UNSEEN`), as a class of a regular expression in pydantic's Rust engine
#: and in Python's. None of it is ASCII, which `unseen_only` relies on.
UNSEEN: Final = "".join(sorted(BIDI_CONTROLS)) + FORMAT_CLASS + UNSEEN_CLASS


@cache
def _marks() -> Any:
    """A mark on the character before it (categories Mn, Me), as pydantic's Rust engine
    tells one: the tables `model.base.Id`'s pattern asks (`\\p{Mn}\\p{Me}`), so that an id
    and a title are one rule. Until round 79 text asked Python's `unicodedata`, of an older
    Unicode (14.0 in Python 3.11), and 72 code points were one thing as an id and another
    as a title: U+0897 and 70 more that Python 3.11 has not assigned, marks since, and
    U+1171E, Mn in Unicode 14 and Mc since. Made when first needed: `validate` reads
    titles without pydantic (`quick_framework`), and only text that begins with neither a
    letter nor a digit asks (`unseen_only`)."""
    from pydantic_core import SchemaValidator, core_schema

    return SchemaValidator(core_schema.str_schema(pattern="^[\\p{Mn}\\p{Me}]$"))


def _is_mark(char: str) -> bool:
    """Whether `char` is a mark by `_marks`' tables; one Python assigns and calls no mark
    (punctuation, a symbol, which many a title begins with) is none there either, found
    without pydantic (tests/model/test_id_text_one_rule.py asks every code point)."""
    category = unicodedata.category(char)
    if category[0] != "M" and category != "Cn":
        return False
    return bool(_marks().isinstance_python(char))


#: The letters among `UNSEEN`: the Hangul fillers (category Lo), which print as nothing.
#: Every other letter or digit is seen (tests/model/test_unseen_text.py checks each one).
FILLERS: Final = "\u115f\u1160\u3164\uffa0"


@cache
def _pattern(form: str) -> re.Pattern[str]:
    """`form` with `UNSEEN` in it, compiled when first needed: most runs read ASCII only,
    and compiling each costs a start-up about half a millisecond."""
    return re.compile(form.replace("UNSEEN", UNSEEN))


#: A character that may be seen: neither white space nor in `UNSEEN` (a mark, still).
_SEEN: Final = "[^\\sUNSEEN]"
#: A run of what prints as nothing, and of white space.
_UNSEEN_RUN: Final = "[\\sUNSEEN]*"


def unseen_only(text: str) -> bool:
    """Whether `text` is nothing but white space, characters that print as nothing (a
    zero-width space U+200B, U+FEFF, the Hangul filler U+3164) and marks with nothing to
    mark: what `Id` refuses besides spaces and `@`, and `Text` refuses, said as empty text
    is (`pydantic_errors`). ASCII text says nothing only when blank; other text is looked
    at up to its first character to see, which is most often its first (a name, evidence):
    `Text` asks this of every name and title a file holds."""
    if text.isascii():
        return not text.strip()
    first = text[0]
    if first.isalnum() and first not in FILLERS:  # a name or a title in any script
        return False
    seen = _pattern(_SEEN)
    found = seen.search(text)
    while found is not None:
        if not _is_mark(found.group()):
            return False
        found = seen.search(text, found.end())
    return True


def says_something(text: str | None) -> TypeGuard[str]:
    """Whether optional text (evidence) is there at all: None, empty text and text that
    `unseen_only` finds empty are none (the evidence `applicable: false` needs, the
    evidence an award's condition asks for; since round 73, whether a view shows an
    authority, an assessor, an owner, a framework's source or licence)."""
    if not text or not text.strip():  # written out: staging asks it of every judgement
        return False
    return text.isascii() or not unseen_only(text)


def said(*parts: object) -> tuple[str, ...]:
    """Each of `parts` as text, those that say nothing left out (None, empty, zero, or text
    `says_something` finds none): a framework's byline of its publisher and year, as every
    view shows it."""
    return tuple(text for part in parts if part and says_something(text := str(part)))


def unseen_hint(text: str, named: str) -> str:
    """Why `text` (`unseen_only`), which a message calls `named`, is empty; a mark by its
    code point: a terminal draws it on the backtick before it (`escaping.shown` keeps it)."""
    marks = [c for c in _pattern(_UNSEEN_RUN).sub("", text) if _is_mark(c)]
    if not marks:
        return f"{named} holds only characters that print as nothing"
    others = ", and characters that print as nothing" if len(marks) < len(text) else ""
    return f"the text holds only marks on nothing, here U+{ord(marks[0]):04X}{others}"
