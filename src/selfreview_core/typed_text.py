"""Text a person types (at a prompt, or as an option): what can be kept in a file.

An answer is refused, and asked for again, when it holds what the file format or a terminal
cannot keep: control characters, bidirectional overrides, text that was not UTF-8, or, for
a school id, what the format does not take as an id (one that prints as nothing too).
"""

from __future__ import annotations

import re

from pydantic import TypeAdapter, ValidationError

from .escaping import shown_name
from .model.base import Id, unseen_hint, unseen_only
from .model.unseen import says_something

__all__ = [
    "empty_problem",
    "id_problem",
    "name_problem",
    "optional_text",
    "text_problem",
    "utf8_problem",
]


#: What typed text may not hold: C0 controls but tab, DEL, C1 controls, the bidirectional
#: overrides and isolates (SPEC section 7), and lone surrogates (bytes that were not UTF-8,
#: as Python decodes them from a terminal).
_FORBIDDEN = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


_SURROGATE = re.compile("[\ud800-\udfff]")
#: Unicode's line and paragraph separators: a line break to YAML 1.1, JavaScript, an editor
#: and Python's `splitlines`, in an answer typed on one line (pasted from a word processor;
#: evidence of several lines is typed between `"""`). Refused as a newline is (round 70):
#: a shown title or name escapes them, but a file read by another tool may break there.
#: The direction marks (U+200E, U+200F, U+061C) are kept: right-to-left text needs them
#: around digits, and they are shown escaped (SPEC section 7 refuses only the overrides
#: and isolates, which reorder the text after them).
_SEPARATOR = re.compile("[\u2028\u2029]")


#: Ids as the file format takes them (no white space, no `@`).
_ID: TypeAdapter[str] = TypeAdapter(Id)


def utf8_problem(text: str) -> str | None:
    """Why `text` cannot be written at all (bytes that were not UTF-8, which Python decodes
    from a terminal as lone surrogates), or None. What `plan --schema` refuses (an owner,
    since round 69, is refused what `assess` refuses: `text_problem`): before round 68
    such bytes were an internal error as the plan was written."""
    return "that was not UTF-8 text" if _SURROGATE.search(text) else None


def text_problem(text: str) -> str | None:
    """Why typed `text` cannot be kept (not UTF-8, a control character, a line separator),
    or None."""
    if (problem := utf8_problem(text)) is not None:
        return problem
    found = _FORBIDDEN.search(text)
    if found:
        return f"control characters (here U+{ord(found.group()):04X}) cannot be kept"
    found = _SEPARATOR.search(text)
    if found:
        return f"line separators (here U+{ord(found.group()):04X}) cannot be kept"
    return None


def optional_text(text: str | None) -> str | None:
    """Optional text given by an option (`assess --authority`, `--assessor`, `plan
    --owner`), as the same text typed at its prompt is kept: stripped, and None when it says
    nothing (blank, or only what prints as nothing: `says_something`). Until round 74 an
    `--authority` of a zero-width space was written to the file as given, while the prompt
    took it as none."""
    return text.strip() if says_something(text) else None


def empty_problem(text: str) -> str | None:
    """Why `text`, which must say something (a name: `model.base.Text`), says nothing, in
    the words a file's is refused with (empty, blank, or only what prints as nothing: a
    zero-width space, since round 72), or None."""
    if not unseen_only(text):
        return None
    if not text.strip():
        return "must not be empty"
    return f"must not be empty ({unseen_hint(text, f'`{shown_name(text)}`')})"


def name_problem(text: str) -> str | None:
    """Why `text` cannot be a school's name (`assess --school-name`), or None: what no text
    can hold, then what `empty_problem` refuses. Before round 72 a blank name was an
    internal error (pydantic's refusal of the school), and one of a zero-width space
    started a review of a school named by nothing to see."""
    return text_problem(text) or empty_problem(text)


def id_problem(text: str) -> str | None:
    """Why `text` cannot be a school id, or None. What no text can hold is said first: the
    format's check of an id refuses text that was not UTF-8 too, for another reason."""
    problem = text_problem(text)
    if problem is not None:
        return problem
    if text.strip() and (problem := empty_problem(text)):  # a zero-width space, as files say
        return problem
    try:
        _ID.validate_python(text)
    except ValidationError:
        return "an id has no spaces and no `@` (a URN such as 100000 is a good id)"
    return None
