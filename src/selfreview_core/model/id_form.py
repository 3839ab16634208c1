"""What an id may hold: the pattern pydantic checks it by (`base.Id`, `base.FrameworkRef`),
and a refusal of it said in words.

Pydantic's own message for a refused id prints that pattern, hundreds of characters of
classes ("String should match pattern '^[^\\s\\x1c-\\x1f@]*[^...'"), to a plugin's author
whose recommendation, rule pack or framework holds a bad id (`isolation.results`), or to a
caller's document built without validation (`unvalidated`). A file's errors say what an id
may hold (`pydantic_errors`); `in_words` says it in the same words for those, after the
field's path, where the file's error stands at its line and column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..errors import cut
from .unseen import UNSEEN, unseen_hint, unseen_only

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

__all__ = ["ID_FORM", "ID_PATTERN", "ID_RULE", "REF_PATTERN", "REF_RULE", "in_words"]

#: No id holds white space (and the separators U+001C..U+001F Python's `isspace` adds:
#: U+001C alone was an id until round 73) or `@` (before a framework's version).
_NOT_IN_ID: Final = "\\s\\x1c-\\x1f@"
#: An id's text, checked in Rust: something to see in it (`unseen_only`; before round 70 a
#: zero-width space was an id). The schema's is plain: ECMAScript may not read `\p{Mn}`.
ID_FORM: Final = f"[^{_NOT_IN_ID}]*[^{_NOT_IN_ID}{UNSEEN}\\p{{Mn}}\\p{{Me}}][^{_NOT_IN_ID}]*"
#: An id, whole; a framework named by id, optionally with its version (`becta-srf@2010`).
ID_PATTERN: Final = f"^{ID_FORM}$"
REF_PATTERN: Final = f"^{ID_FORM}(@{ID_FORM})?$"
#: What an id may hold, and how a framework is named, in the words every message uses.
ID_RULE: Final = "ids have no spaces and no `@`"
REF_RULE: Final = "write `id` or `id@version`, with no spaces"


def in_words(error: ErrorDetails) -> str:
    """Pydantic's message for `error`, one of its refusals, with an id's refused pattern
    said in words: "the text `a b` is not a valid id (ids have no spaces and no `@`)", or
    "must not be empty (...)" for one that is empty or prints as nothing, as a file's errors
    say them."""
    value, kind = error.get("input"), error["type"]
    if kind == "string_too_short" and error.get("ctx", {}).get("min_length") == 1:
        return "must not be empty"  # an id, or a respondent's group: as a file says it
    if kind != "string_pattern_mismatch" or not isinstance(value, str):
        return error["msg"]
    got = f"the text `{cut(value)}`" if value else "empty text"
    if value.strip() and unseen_only(value):
        return f"must not be empty ({unseen_hint(value, got)})"
    if error.get("ctx", {}).get("pattern") == REF_PATTERN:
        return f"{got} is not a framework id ({REF_RULE})"
    return f"{got} is not a valid id ({ID_RULE})"
