"""Built-in plugin `next-steps`: for every judged strand short of the best level, the
descriptor of the next level up is the target to work towards (in the scale's direction)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from itertools import compress
from operator import itemgetter
from typing import Final

from .._memo import ByIdentity
from ..hookspecs import hookimpl
from ..isolation.accepting import Known
from ..model.framework import Framework, Strand
from ..model.recommendation import Recommendation
from ..model.unseen import said
from ..recommending import sort_key
from ..scoring.each_level import looked_up
from ..scoring.plan import LAST_SCORED
from ..scoring.profiles import Profile

__all__ = ["NAME", "Keyed", "selfreview_recommend"]

#: The name the engine registers this plugin under (`plugins.DEFAULT_PLUGINS`).
NAME = "next-steps"

_Steps = dict[int | None, Recommendation | None]
#: What takes a profile's levels of the framework's strands, in order, as a tuple.
_Levels = Callable[[Mapping[str, int | None]], tuple[int | None, ...]]
#: What takes the strands' levels, in order, to each one's step (`each_level.looked_up`
#: of their tables of steps by level; `KeyError` for a level off the scale).
_Stepped = Callable[[tuple[int | None, ...]], tuple[Recommendation | None, ...]]
#: Per framework: its strands' levels (`_levels`), what gives each strand's step for its
#: level (`_Stepped`), the sort key of each strand's steps, and the ids of its steps when
#: no two strands' share one.
_Made = tuple[_Levels, _Stepped, tuple[int, ...], frozenset[str] | None]


def _levels(ids: tuple[str, ...]) -> _Levels:
    """What takes the levels of `ids` from a profile's, as a tuple: one `itemgetter` for
    two or more (which gives a tuple only then). The ids interned: the one-pass scorer's
    tables hold its ids as code constants, which are, so each key is found by identity
    rather than compared character by character."""
    ids = tuple(map(sys.intern, ids))
    if len(ids) >= 2:
        return itemgetter(*ids)
    return lambda strands: tuple(map(strands.__getitem__, ids))


#: A next step depends only on the framework, the strand and its level: each is made (and
#: validated) once per framework, for every level of the scale, and shared by every report
#: (it is frozen). Per framework: what takes its strands' levels, and each strand's step by
#: level (None at the best level, and for no level).
_MADE: ByIdentity[Framework, _Made] = ByIdentity()
_PLAIN: Final = frozenset({int, type(None)})
#: The framework asked about last and what `_MADE` holds for it, flat, and its strand ids
#: (interned; and `Framework.strand_ids` itself, as `scoring.plan.LAST_SCORED` holds it):
#: one identity check for the many reports of one framework in a row. Holds the
#: framework (one, at most).
_Last = tuple[
    object,
    _Levels,
    _Stepped,
    tuple[str, ...],
    tuple[int, ...],
    frozenset[str] | None,
    tuple[str, ...],
]
_LAST: list[_Last] = [(None, _levels(()), looked_up(()), (), (), None, ())]


@hookimpl
def selfreview_recommend(framework: Framework, profile: Profile) -> list[Recommendation]:
    last = _LAST[0]
    if last[0] is not framework:
        last = _remember(framework)
    strands = profile.strands
    scored = LAST_SCORED[0]
    if scored[0] is strands and scored[1] is last[6]:
        # The profile the plan scored last, of this framework's strands: their levels as
        # it read them, in order, each an `int` or None (checked there).
        levels = scored[2]
    else:
        # A profile's strands in the framework's order (as scoring makes them): their
        # levels in one pass in C, not a `FrozenDict` subscript each; else read by id.
        if tuple(strands) == last[3]:
            levels = tuple(strands.values())
        else:
            try:
                levels = last[1](strands)
            except KeyError:  # a strand missing (a profile built by hand)
                return _plainly(framework, strands)
        if not _PLAIN.issuperset(map(type, levels)):  # not `True` for 1, nor 3.0 for 3
            return _plainly(framework, strands)
    try:
        steps = last[2](levels)  # no step: None (each level's a lookup, written out)
    except KeyError:  # a level off the scale (a profile built by hand): made for this report
        return _plainly(framework, strands)
    found = list(filter(None, steps))
    _ANSWER[0] = (found, list(compress(last[4], steps)), last[5])
    return found


#: The last answer made from the tables, with each step's sort key
#: (`recommending.sort_key`), for the engine to place them without looking each up, and
#: the ids its steps are of (one step a strand: each id once), for the engine to know them
#: distinct without reading each (`Keyed`): replaced whole.
_ANSWER: list[tuple[list[Recommendation], list[int], frozenset[str] | None]] = [([], [], None)]


class Keyed(Known):
    """What the engine knows of this plugin's answers (`accepting.Known`): once it has
    accepted one (`Known.add`), the keys of the answer the plugin gave last from its
    tables, its own objects, as they are, and the ids they are of (`keyed`); any other
    answer (from another thread meanwhile, or made for a profile built by hand) is looked
    up item by item, as a `Known`'s."""

    __slots__ = ()

    def keys_of(self, result: list[object]) -> list[int] | None:
        answer = _ANSWER[0]
        if answer[0] is result and self.keys:
            return answer[1]
        return super().keys_of(result)

    def keyed(self, result: list[object]) -> tuple[list[int], frozenset[str] | None] | None:
        answer = _ANSWER[0]
        if answer[0] is result and self.keys:
            return answer[1], answer[2]
        return super().keyed(result)


def _plainly(framework: Framework, strands: Mapping[str, int | None]) -> list[Recommendation]:
    """The answer by its definition, for what the tables do not know (a profile built by
    hand): each strand in order, its level read by id, its step made. Strand by strand, so
    that a profile both lacking a strand and holding a level off the scale fails on the
    first of them in framework order, with that one's error, as the definition does."""
    found = []
    for strand in framework.strands:
        level = strands[strand.id]
        step = None if level is None else _next_step(framework, strand, level)
        if step is not None:
            found.append(step)
    return found


def _remember(framework: Framework) -> _Last:
    """`_LAST` for `framework`, its steps made the first time (`_MADE`), its strands' ids
    in order (interned, as `_levels` has them) and each strand's steps' sort key."""
    made = _MADE.get(framework)
    if made is None:
        made = _MADE.set(framework, _steps(framework))
    ids = tuple(map(sys.intern, framework.strand_ids))
    last = (framework, made[0], made[1], ids, made[2], made[3], framework.strand_ids)
    _LAST[0] = last
    return last


def _steps(framework: Framework) -> _Made:
    steps: tuple[_Steps, ...] = tuple(
        {
            None: None,
            **{level: _next_step(framework, strand, level) for level in framework.scale.levels},
        }
        for strand in framework.strands
    )
    # A strand's steps all have its one target and the same priority: one sort key.
    keys = tuple(
        max((sort_key(framework, step) for step in by_level.values() if step), default=0)
        for by_level in steps
    )
    # One id a strand (its steps'): distinct unless two strands share an id.
    ids = [{step.id for step in by_level.values() if step} for by_level in steps]
    pool = frozenset().union(*ids)
    return (
        _levels(framework.strand_ids),
        looked_up(steps),
        keys,
        pool if len(pool) == sum(map(len, ids)) else None,
    )


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
    # A publisher that prints as nothing is none, as in every view (round 74).
    byline = ", ".join(said(framework.publisher, framework.year))
    return f"{framework.title} ({byline})" if byline else framework.title
