"""A plugin whose hook raises for one school only (900003): a problem of that school's
report, to be told with it, however many other reports there are."""

from __future__ import annotations

from selfreview_core import Assessment, Recommendation, hookimpl

#: The school the hook fails for.
SCHOOL = "900003"


@hookimpl
def selfreview_recommend(assessment: Assessment) -> list[Recommendation]:
    if assessment.school.id == SCHOOL:
        raise RuntimeError(f"no advice for {SCHOOL}")
    return []
