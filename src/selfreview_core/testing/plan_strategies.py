"""Hypothesis strategies for what a report's recommendations make: lists of
recommendations (what a report may hold) and the action plans made from them, on any
framework `strategies.frameworks` draws. Each draws valid documents only."""

from __future__ import annotations

from hypothesis import strategies as st

from .._names import PRIORITIES, STATUSES
from ..model.assessment import School
from ..model.framework import Framework
from ..model.plan import Action, MadeFrom, Plan
from ..model.recommendation import Recommendation
from .strategies import dates, ids, schools, texts

__all__ = ["plans", "recommendation_lists"]


@st.composite
def recommendation_lists(
    draw: st.DrawFn, /, framework: Framework, *, max_size: int = 8
) -> tuple[Recommendation, ...]:
    """Recommendations with unique ids, any priority, targeting any of `framework`'s ids:
    what a report may hold, for testing what is made from it."""
    node_ids = st.sampled_from(framework.ids)
    rec_ids = draw(st.lists(ids(), max_size=max_size, unique=True))
    return tuple(
        Recommendation(
            id=rec_id,
            title=draw(texts(30)),
            action=draw(texts()),
            targets=tuple(draw(st.lists(node_ids, max_size=3, unique=True))),
            priority=draw(st.sampled_from(PRIORITIES)),
        )
        for rec_id in rec_ids
    )


@st.composite
def plans(
    draw: st.DrawFn,
    /,
    framework: Framework,
    *,
    school: School | None = None,
    max_actions: int = 6,
) -> Plan:
    """Valid action plans for `framework`: any statuses, owners, due dates, notes and
    baselines (levels on its scale, for some of each action's targets)."""
    levels = st.sampled_from(framework.scale.levels)
    node_ids = st.sampled_from(framework.ids)
    actions = []
    for action_id in draw(st.lists(ids(), max_size=max_actions, unique=True)):
        targets = tuple(draw(st.lists(node_ids, max_size=3, unique=True)))
        baseline = None
        if draw(st.booleans()):
            baseline = {t: draw(levels) for t in targets if draw(st.booleans())}
        actions.append(
            Action(
                id=action_id,
                recommendation=draw(ids()),
                title=draw(texts(30)),
                targets=targets,
                owner=draw(st.none() | texts(20)),
                due=draw(st.none() | dates()),
                status=draw(st.sampled_from(STATUSES)),
                notes=draw(st.none() | texts()),
                baseline=baseline,
            )
        )
    return Plan(
        framework=draw(st.sampled_from((framework.id, framework.ref))),
        school=school if school is not None else draw(schools()),
        made_from=draw(st.none() | st.builds(MadeFrom, assessed_on=dates())),
        created_on=draw(dates()),
        actions=tuple(actions),
    )
