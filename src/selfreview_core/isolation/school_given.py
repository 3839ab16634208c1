"""What a plugin is given of one school, held against a write past its read-only mappings.

SPEC 4: a plugin cannot change what another plugin, the report or another school sees. The
models refuse every ordinary change, but a `FrozenDict` is a `dict` subclass, so
`dict.__setitem__(assessment.judgements, k, v)` writes past any refusal Python code can
make (`_frozen`). Unlike the framework, shared and large (a known limit:
tests/isolation/test_frozen_bypass.py), what is the school's own is small: its review (the
assessment's fields, its judgements, their answers, its `review`), its profile (its fields
and tables) and the previous review. So each of those mappings is copied at C level
(`dict.copy`) before the plugins are called, and after each call of a plugin that is not a
built-in they are all compared with their copies in one C-level comparison of two tuples
(`dict.__eq__` for each: the values are the same objects, so each is an identity check).
On a difference every mapping is put back as it was, for the report and the plugins after
it, and the plugin has a problem naming it (`check`).

What this does not look for: `object.__setattr__` on a judgement or a `Review` inside
them (a model's fields are in its own `__dict__`, one a judgement), as on the framework.
"""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING, Any, Final

from .calls import PluginCall

if TYPE_CHECKING:
    from ..model.assessment import Assessment
    from ..model.problem import Problem
    from ..scoring.profiles import Profile

__all__ = ["Held", "check", "held"]

#: The mappings a plugin is given of one school, and a copy of each made before it was.
Held = tuple[tuple[dict[Any, Any], ...], tuple[dict[Any, Any], ...]]

_copy = dict.copy
_clear = dict.clear
_fill = dict.update
#: A profile's tables, from its fields.
_TABLES: Final = itemgetter("strands", "aspects", "elements", "progress_by_id", "scores")


def _of_review(review: Assessment, live: list[Any]) -> None:
    fields = review.__dict__
    judgements = fields["judgements"]
    live += (fields, judgements)
    if fields["review"] is not None:
        live.append(fields["review"])


def held(assessment: Assessment, profile: Profile, previous: Assessment | None) -> Held:
    """The mappings of `assessment` (its judgements' answers too where `profile` follows
    answers), of `profile` and of `previous` a plugin is given, with a copy of each."""
    fields = profile.__dict__
    live: list[Any] = [fields, *_TABLES(fields)]
    _of_review(assessment, live)
    if fields["by_scores"]:  # a framework with questions: its judgements' answers
        live += [j.answers for j in assessment.judgements.values() if j.answers is not None]
    if previous is not None:
        _of_review(previous, live)
        live += [j.answers for j in previous.judgements.values() if j.answers is not None]
    return tuple(live), tuple(map(_copy, live))


def check(given: Held, plugin: str, problems: list[Problem]) -> None:
    """After a call of `plugin`: if what it was given differs from the copies (or cannot
    be compared with them: a value it put there whose `__eq__` raises), every mapping put
    back as it was, and a problem naming the plugin."""
    try:
        if given[1] == given[0]:  # the copies first: our own values' `__eq__` is asked
            return
    except KeyboardInterrupt:
        raise
    except BaseException:  # SPEC 4: a value the plugin put there; put back below
        pass
    for mapping, copy in zip(*given, strict=True):
        _clear(mapping)
        _fill(mapping, copy)
    PluginCall(plugin, "{}", problems).problem(
        "wrote into the school's review, profile or previous review it was given (past their"
        " read-only mappings); put back as they were for the report and the other plugins"
    )
