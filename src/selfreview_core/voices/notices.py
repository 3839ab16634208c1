"""What the respondents' commands (`voices`, `combine`, `report --voices`) warn of once the
responses are compared, never before a refusal: each is said, nothing is left out, and the
exit status stands.

- **copies**: responses the same in every part (group, date, each answer and its evidence)
  each count as one respondent, so a file given again as a copy (`cp`, a sync tool's
  `(1)`, a line pasted twice) counts twice, and can lift a group to `--min-group`, where
  its levels are shown. Two respondents may answer alike: said, not left out (round 57).
- **one school under two names**: responses that name the school's id alike and its name
  differently (a renamed school, a typo) are one school's (SPEC section 9 compares by id),
  and the view or draft shows one name: the school's own review's, else the one most
  responses give (`groups.school_of`). Before round 58 the other was dropped in silence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from .._words import plural, some
from ..escaping import shown_name
from ..model.voices import Response
from .groups import school_of
from .responses import Responses

__all__ = ["copies", "school_names"]

#: The most sources a warning names (the rest counted).
NAMED: Final = 5


def copies(found: Responses) -> str | None:
    """The warning of responses the same as an earlier one, naming each and the one it
    repeats; None when there is none."""
    first: dict[object, str] = {}
    repeats = [
        (source, first[answers])
        for source, answers in found.responses
        if first.setdefault(answers, source) is not source
    ]
    if not repeats:
        return None
    said = some([f"{shown_name(s)} as {shown_name(f)}" for s, f in repeats], NAMED)
    return (
        f"warning: {plural(len(repeats), 'response')} the same as an earlier one in "
        f"every answer, evidence and date: {said}; each counts as a "
        "respondent, so leave out any that is a copy"
    )


def school_names(found: Responses, own: Response | None = None) -> str | None:
    """The warning of the school's id under two names or more, each with the files that
    give it (the name shown first), and which is shown; None when every input agrees."""
    everything: Sequence[Response] = ([own] if own is not None else []) + list(found.responses)
    sources: dict[str, list[str]] = {}
    for source, assessment in everything:
        sources.setdefault(assessment.school.name, []).append(source)
    if len(sources) < 2:
        return None
    subject = found.framework.terms.subject
    if own is not None:
        shown, why = own[1].school.name, f"the {subject}'s own review gives it"
    else:
        shown = school_of([a for _, a in found.responses]).name
        counts = sorted((len(given) for given in sources.values()), reverse=True)
        why = "most responses give it" if counts[0] > counts[1] else "the first, given as often"
    order = sorted(sources, key=lambda name: (name != shown, -len(sources[name]), name))
    # As many sources: a survey export whose every respondent typed the school's name
    # named 2,000 names in a line of 80 kB (round 59).
    named = some(
        [
            f"`{shown_name(name)}` in {some([shown_name(s) for s in sources[name]], NAMED)}"
            for name in order
        ],
        NAMED,
        "; ",
        "names",
    )
    return (
        f"warning: {subject} {shown_name(everything[0][1].school.id)} is named "
        f"{len(sources)} ways: {named}; `{shown_name(shown)}` is shown ({why}): give every "
        f"file one name if they are one {subject}"
    )
