"""Built-in plugin `next-steps`: for every judged strand short of the best level, the
descriptor of the next level up is the target to work towards (in the scale's direction)."""

from __future__ import annotations

from .._memo import ByIdentity
from ..hookspecs import hookimpl
from ..model.framework import Framework, Strand
from ..model.recommendation import Recommendation
from ..scoring import Profile

__all__ = ["NAME", "selfreview_recommend"]

#: The name the engine registers this plugin under (`plugins.DEFAULT_PLUGINS`).
NAME = "next-steps"

#: A next step depends only on the framework, the strand and its level: each is made (and
#: validated) once per framework, by (strand id, level), and shared by every report (it is
#: frozen). Levels off the scale are not kept.
_MADE: ByIdentity[Framework, dict[tuple[str, int], Recommendation | None]] = ByIdentity()


@hookimpl
def selfreview_recommend(framework: Framework, profile: Profile) -> list[Recommendation]:
    made = _MADE.get(framework)
    if made is None:
        made = _MADE.set(framework, {})
    levels = profile.strands
    found = []
    for strand in framework.strands:
        level = levels[strand.id]
        if level is None:
            continue
        key = (strand.id, level)
        if key in made:
            step = made[key]
        else:
            step = _next_step(framework, strand, level)
            if level in framework.scale:
                made[key] = step
        if step is not None:
            found.append(step)
    return found


def _next_step(framework: Framework, strand: Strand, level: int) -> Recommendation | None:
    scale = framework.scale
    target = scale.next_level(level)
    if target is None:
        return None
    return Recommendation(
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


def _reference(framework: Framework) -> str:
    byline = ", ".join(str(p) for p in (framework.publisher, framework.year) if p)
    return f"{framework.title} ({byline})" if byline else framework.title
