"""The school a refused review was of, named in each of its messages: a batch or a cohort
skips a review by its file and line, and an officer with a folder of 300 files, or a JSON
Lines file of 3,000 lines, was left to open them to find which school's was skipped
(round 81 named it for `report`'s JSON Lines lines; round 82 for a folder's files and for
`collect`). One way for every path: the id as every id in a message is shown (`cut`,
escaped where the message is printed), after the hint (`school X`).

Only on the way to a refusal: a review that reads is never looked at again for this."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..errors import Diagnostic, cut

__all__ = ["naming_school", "school_of", "school_of_line"]


def school_of(document: object) -> str | None:
    """The id under `school:` of `document` (parsed, or None), if it is text, not empty."""
    school = document.get("school") if isinstance(document, dict) else None
    found = school.get("id") if isinstance(school, dict) else None
    return found if isinstance(found, str) and found else None


def school_of_line(line: bytes) -> str | None:
    """The school id of a JSON Lines `line` (`school_of`), None for a line that is not
    JSON in UTF-8: `json.loads` takes bytes of UTF-16 too, which the reader refused."""
    import json

    try:
        return school_of(json.loads(line.decode("utf-8")))
    except (ValueError, RecursionError):  # a UnicodeDecodeError too
        return None


def naming_school(diagnostics: Iterable[Diagnostic], school: str | None) -> tuple[Diagnostic, ...]:
    """`diagnostics`, each naming `school` after its hint (`...; school X`); as they are
    where there is no school to name."""
    if school is None:
        return tuple(diagnostics)
    said = f"school {cut(school)}"
    return tuple(replace(d, hint=f"{d.hint}; {said}" if d.hint else said) for d in diagnostics)
