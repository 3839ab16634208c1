"""What the respondents' commands (`voices`, `combine`, `report --voices`) warn of once the
responses are compared, never before a refusal: each is said, nothing is left out, and the
exit status stands.

- **copies**: responses the same in every part (group, date, each answer and its evidence)
  each count as one respondent, so a file given again as a copy (`cp`, a sync tool's
  `(1)`, a line pasted twice) counts twice, and can lift a group to `--min-group`, where
  its levels are shown. Two respondents may answer alike: said, not left out (round 57).
- **a date after today**: a response's `assessed_on` typed a year ahead counts for nothing
  in a view or a draft, but it is a slip the file keeps, which `validate` warns of (before
  round 69 these commands read it without a word).
- **one school under two names**: responses that name the school's id alike and its name
  differently (a renamed school, a typo) are one school's (SPEC section 9 compares by id),
  and the view or draft shows one name: the school's own review's, else the one most
  responses give (`groups.school_of`). Before round 58 the other was dropped in silence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from .._words import plural, some
from ..errors import Diagnostic, SelfReviewError
from ..escaping import shown_name
from ..model.voices import Response
from .groups import ResponseSource, school_of
from .responses import Responses, located

__all__ = ["copies", "dated", "school_names"]

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


def dated(found: Responses) -> tuple[list[Diagnostic], str | None]:
    """The warning of each response dated after today at its `assessed_on` (a JSON Lines
    file's line and column: `located` reads each file once), the first
    `review_dates.NAMED` of them (a survey export typed a year ahead has thousands); and
    the warning counting the rest, None if there are none."""
    from ..review_dates import NAMED, RESPONSE_HINT, response_warning, today

    now = today()
    later = [(source, a.assessed_on) for source, a in found.responses if a.assessed_on > now]
    warnings = [
        warning
        for source, day in later[:NAMED]
        if (
            warning := response_warning(source.file, day, source.line)
            if isinstance(source, ResponseSource)
            else response_warning(source, day)
        )
        is not None
    ]
    named = list(located(SelfReviewError(warnings)).diagnostics) if warnings else []
    more = len(later) - NAMED
    if more <= 0:
        return named, None
    return named, (
        f"warning: {plural(more, 'more response')} {'is' if more == 1 else 'are'} dated "
        f"after today, not named here ({RESPONSE_HINT})"
    )
