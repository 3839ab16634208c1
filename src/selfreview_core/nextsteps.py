"""Built-in plugin `next-steps`: for every judged strand short of the best level, the
descriptor of the next level up is the target to work towards (in the scale's direction)."""

from __future__ import annotations

from .framework import Framework
from .hookspecs import hookimpl
from .recommendation import Recommendation
from .scoring import Profile

__all__ = ["NAME", "selfreview_recommend"]

#: The name the engine registers this plugin under (`plugins.DEFAULT_PLUGINS`).
NAME = "next-steps"


@hookimpl
def selfreview_recommend(framework: Framework, profile: Profile) -> list[Recommendation]:
    scale = framework.scale
    found = []
    for strand in framework.strands:
        level = profile.strands[strand.id]
        if level is None:
            continue
        target = scale.next_level(level)
        if target is None:
            continue
        found.append(
            Recommendation(
                id=f"next-step-{strand.id}",
                title=f"Next step for {strand.id} {strand.title}: level {target}",
                action=strand.levels[target],
                targets=(strand.id,),
                priority="low",
                audience="senior leadership",
                reference=_reference(framework),
                # Credited as the engine credits it, so that it need not copy each one.
                source=NAME,
                sources=(NAME,),
                rationale=(
                    f"{strand.id} is at level {level}; the next level towards the best "
                    f"({scale.best}) is {target}, and its descriptor is the target"
                ),
            )
        )
    return found


def _reference(framework: Framework) -> str:
    byline = ", ".join(str(p) for p in (framework.publisher, framework.year) if p)
    return f"{framework.title} ({byline})" if byline else framework.title
