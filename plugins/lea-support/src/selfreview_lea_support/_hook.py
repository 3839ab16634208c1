"""`lea-support`'s one hook: its advice for a school, from the quick path where it applies.

The engine reads `SELFREVIEW_SERVES` to call the plugin only for frameworks it was written
for; the hook checks the framework itself too, for a caller that does not ask.
"""

from __future__ import annotations

from typing import Final

from selfreview_core import Assessment, Framework, Profile, Recommendation, hookimpl

from ._quick import by_levels
from ._rules import (
    BECTA,
    contingency_plan,
    good_practice,
    monitoring,
    procurement,
    training_needs,
    vision_ahead_of_strategy,
)

#: The frameworks this plugin was written for: its advice is a local authority's to its
#: schools, from a report on schools' ICT, so it serves Becta's framework and frameworks
#: about schools (`terms.subject` is "school", the default), never, say, a software
#: organisation's security review.
SELFREVIEW_SERVES: Final = (BECTA, "subject:school")


@hookimpl
def selfreview_recommend(
    framework: Framework, profile: Profile, previous: Assessment | None
) -> list[Recommendation]:
    if previous is None:
        quick = by_levels(framework, profile)  # [] for a framework it does not serve
        if quick is not None:
            return quick
    if framework.id != BECTA and framework.terms.subject != "school":
        return []  # written for schools: never advice on an organisation's teachers
    found = [*training_needs(framework, profile), *good_practice(framework, profile, previous)]
    if framework.id == BECTA:
        found += [
            *contingency_plan(framework, profile),
            *vision_ahead_of_strategy(framework, profile),
            *procurement(framework, profile),
            *monitoring(framework, profile),
        ]
    return found
