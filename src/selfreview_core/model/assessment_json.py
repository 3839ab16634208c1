"""An assessment's JSON taken from the line it was read from, when that line is exactly what
pydantic would write for it: the JSON Lines path writes every school's assessment back into
its report, and a line written by this package (or anything that writes pydantic's compact
form) need not be serialised again.

Sure by construction: `canonical_text` takes only text, validated by pydantic's decoder, in
which every value is written the one way pydantic writes the value it validates to. Strings
hold no quote (`CANONICAL`), no backslash (none in the whole text) and no control character
(the decoder refuses one unescaped), so each is its characters, as written back; integers
have no sign on zero, no leading zero, no fraction or exponent; dates are `YYYY-MM-DD` (a
date that validates writes back so); every field is present, in model order, with no space
between tokens; a judgement has no `answers` or `applicable` (written only when given) and
the optional objects are null. The pattern is built from the models' field lists, so a field
added to a model that it does not know turns the shortcut off rather than making it wrong
(`canonical_pattern`), and tests/model/test_assessment_json.py compares it with pydantic's
dump over generated assessments. Anything else is serialised as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Final

from .assessment import Assessment, Judgement, School

if TYPE_CHECKING:  # made on first use (`__getattr__`)
    CANONICAL: re.Pattern[str] | None

__all__ = ["CANONICAL", "canonical_pattern", "canonical_text", "read_from", "written_json"]

#: A string of text pydantic's decoder validated (so no control character is in it: JSON
#: escapes them) and that holds no backslash (`canonical_text` looks for one first, in C):
#: each is its characters, as pydantic writes them back. One character class is the
#: pattern engine's quickest loop (1.9 µs a 1.2 kB line against 3.2 with three ranges).
_STRING: Final = r'"[^"]*+"'
#: A level: zero or positive ones (nearly every level) first, negative ones (never `-0`,
#: which pydantic writes `0`) after; the two branches start with different characters, so
#: the order changes only how soon one matches (docs/performance.md, round 53). Digits
#: alone stand for `[1-9][0-9]*|0`: the text is valid JSON, which has no leading zero
#: (its decoder refuses `03`), and one branch fewer is about 700 instructions a line of
#: 10 judgements fewer (round 80).
_INTEGER: Final = r"(?:[0-9]++|-[1-9][0-9]*+)"
#: Spelt out, not `[0-9]{4}`: a counted repeat costs the pattern engine more than four
#: single characters.
_DATE: Final = r'"[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"'


def _or_null(pattern: str) -> str:
    return f"(?:{pattern}|null)"


#: How each field pydantic writes is written, by model and field name; a field missing here
#: (a new one) makes `canonical_pattern` give None.
_JUDGEMENT: Final = {
    "level": _INTEGER,
    "evidence": _or_null(_STRING),
    "judged_on": _or_null(_DATE),
}
#: Fields a judgement writes only when given (its serializer drops them when None): a line
#: that gives them is left to pydantic.
_JUDGEMENT_UNWRITTEN: Final = frozenset({"answers", "applicable"})
_SCHOOL: Final = {"id": _STRING, "name": _STRING, "authority": _or_null(_STRING)}


def _object(fields: list[str], values: dict[str, str]) -> str | None:
    if any(name not in values for name in fields):
        return None
    return "\\{" + ",".join(f'"{name}":{values[name]}' for name in fields) + "\\}"


def canonical_pattern(levels: Collection[int] | None = None) -> str | None:
    """The pattern of an assessment's JSON as pydantic writes it (compact, by alias), for
    the assessments it covers; None if a model has a field it does not know. With
    `levels`, only of assessments whose every level is one of them (`_level_of`)."""
    judgement_fields = [f for f in Judgement.model_fields if f not in _JUDGEMENT_UNWRITTEN]
    fields = _JUDGEMENT if levels is None else {**_JUDGEMENT, "level": _level_of(levels)}
    judgement = _object(judgement_fields, fields)
    school = _object(list(School.model_fields), _SCHOOL)
    if judgement is None or school is None:
        return None
    entry = f"{_STRING}:{judgement}"
    # Possessive (`*+`, `?+`): each entry starts with a quote and the mapping ends with a
    # brace, so the text decides every step and there is nothing to go back to; without
    # them the pattern engine keeps a way back through every entry it matched (about
    # 2,300 instructions a line of 10 judgements, round 80).
    values = {
        "kind": '"assessment"',
        "framework": _STRING,
        "school": school,
        "respondent": "null",
        "assessed_on": _DATE,
        "assessor": _or_null(_STRING),
        "judgements": f"\\{{(?:{entry}(?:,{entry})*+)?+\\}}",
        "review": "null",
    }
    return _object(list(Assessment.model_fields), values)


def _level_of(levels: Collection[int]) -> str:
    """A level that is one of `levels`, as pydantic writes it (`str` of the integer: no
    leading zero, no sign on zero): a character class when they are digits (a scale's
    levels are a run of integers, nearly always from 1 to 4 or 5), else each written
    out; longer first, though the text after a level decides in any order."""
    written = sorted(map(str, set(levels)), key=len, reverse=True)
    if written and all(len(level) == 1 for level in written):  # digits: no sign
        return f"[{''.join(sorted(written))}]"
    return f"(?:{'|'.join(map(re.escape, written))})" if written else "(?!)"


def _compiled() -> re.Pattern[str] | None:
    """`CANONICAL`: compiled when first asked (about 5.5 million instructions), not as the
    module is imported by every report command, most of which read no JSON line."""
    found = canonical_pattern()
    return None if found is None else re.compile(found)


def _first_match(text: str) -> re.Match[str] | None:
    """`CANONICAL.match(text)`, the pattern compiled now; then `_match` is its `match`."""
    global _match
    pattern = _compiled()
    _match = _no_match if pattern is None else pattern.match
    return _match(text)


def _no_match(text: str) -> None:
    return None


#: `CANONICAL.match`: the JSON pydantic writes for what `text` validates to, if it matches
#: (None: no shortcut for these models, or no match).
_match: Callable[[str], re.Match[str] | None] = _first_match


def __getattr__(name: str) -> object:
    """`CANONICAL`, the pattern (None for models it does not know), made on first use."""
    if name == "CANONICAL":
        return _compiled()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: The canonical pattern's `match` for each scale's levels, by the levels' tuple (a scale
#: keeps one: `Scale.levels`); the last one asked first, by identity. Each is compiled
#: when first asked, as `CANONICAL` is: a batch is of one framework, mostly.
_SCALED: dict[tuple[int, ...], Callable[[str], re.Match[str] | None]] = {}
_LAST_SCALED: list[tuple[tuple[int, ...], Callable[[str], re.Match[str] | None]]] = []


def _scaled(levels: tuple[int, ...]) -> Callable[[str], re.Match[str] | None]:
    last = _LAST_SCALED[0] if _LAST_SCALED else None
    if last is not None and last[0] is levels:
        return last[1]
    match = _SCALED.get(levels)
    if match is None:
        found = canonical_pattern(levels)
        match = _no_match if found is None else re.compile(found).match
        _SCALED[levels] = match
    _LAST_SCALED[:] = [(levels, match)]
    return match


#: The last assessment read quickly, the text it was validated from, and that text as
#: pydantic writes it (`canonical_text`): None where it is not, `_UNCHECKED` (empty: a
#: canonical text never is) where that was not asked yet.
_LAST: list[tuple[Assessment, str, str | None]] = []
_UNCHECKED: Final = ""


def canonical_text(text: str, levels: tuple[int, ...] | None = None) -> str | None:
    """`text` without the white space after it, when it is exactly the JSON pydantic writes
    for the assessment it validates to (`CANONICAL`, then nothing but white space); else
    None. For text pydantic's decoder validated. With `levels` (a scale's `levels`), only
    when every judgement's level is one of them, told by the pattern as it matches: the
    quick reader's check of the levels, without reading each judgement's in Python
    (`assessment_checks.fits_as_written`; about 9,000 instructions a line of 10
    judgements, round 81)."""
    if "\\" in text:
        return None
    found = _match(text) if levels is None else _scaled(levels)(text)
    if found is None:
        return None
    end = found.end()
    if end != len(text) and not text[end:].isspace():
        return None
    return text[:end]


def read_from(assessment: Assessment, text: str, written: str | None = _UNCHECKED) -> None:
    """Remember that `assessment` was validated from JSON `text` (by pydantic's decoder,
    as it is: no key duplicated), for `written_json`; only the last one is kept. `written`:
    `canonical_text(text)` when the reader asked it already (so it is not asked twice)."""
    _LAST[:] = [(assessment, text, written)]


def written_json(assessment: Assessment) -> str | None:
    """Exactly `assessment.model_dump_json(by_alias=True)` when `assessment` is the last one
    read and the text it was read from is written the way pydantic writes it; else None.
    Checked when asked (a report rendered as JSON), unless the reader did already."""
    if not _LAST:
        return None
    last, text, written = _LAST[0]
    if last is not assessment:
        return None
    return canonical_text(text) if written == _UNCHECKED else written
