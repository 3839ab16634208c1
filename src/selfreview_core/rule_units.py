"""Rule packs by the levels each rule reads: the hot path of `CompiledRules.made_keyed`.

A rule that tests only levels of ids of its framework (no score, no change) fires, and
words its rationale, by those ids' levels alone (and the policy, which the rationale
names). Rules reading the same ids form a unit; what a unit gives a school (the
recommendations of its rules that fire, each with its position among the pack's rules and
its sort key) is kept by the levels it reads. Most rules read one id, which has a handful
of levels, so even a cohort whose schools are each new finds nearly every unit's answer
kept: a school costs a lookup per unit, all in C. A unit seen with new levels is answered
by the index (`CompiledRules`), and its answer kept.

Only for facts the index answers from the tables alone: the levels on the scale, nothing
not applicable, no comparison, no scores (`CompiledRules.made_keyed` decides).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain, repeat
from operator import call, itemgetter
from typing import Any, Final

from .model.recommendation import Recommendation

__all__ = ["MAX_KEPT", "Answer", "RuleUnits"]

#: What a unit's rules give a school: the recommendations of those that fire, in rule
#: order, and the keys that order each among a report's (`recommending.sort_key`).
Answer = tuple[tuple[Recommendation, ...], tuple[int, ...]]
#: An answer as kept: each recommendation followed by its key, so that one pass over the
#: units' answers gives both lists (a slice each).
_Kept = tuple[Recommendation | int, ...]
#: Makes a unit's answer, given the positions of its rules among the pack's.
Fill = Callable[[Sequence[int]], Answer]
#: Answers kept per unit and policy; past this the rest are made each time.
MAX_KEPT: Final = 4096
#: Packs of more units read their keys by `map` over getters (no function of that size).
MAX_UNITS: Final = 1000


def _getter(ids: Sequence[str]) -> Callable[[dict[str, Any]], Any]:
    """The levels of `ids` (one id: its level alone) from a table of every id's level."""
    if ids:
        return itemgetter(*ids)
    return lambda levels: ()


def _compiled(reads: Sequence[tuple[str, ...]]) -> Callable[[list[Any], Any], list[Any]]:
    """The units' answers, one after another, from their tables (`kept`, in unit order)
    and every id's level: written for these units and compiled once, each key read with
    its ids as constants and each answer unpacked into one list display (a call, an
    iterator and a tuple less per unit than `map` over getters). Ids only as `repr()`."""
    reading = [
        f"L[{ids[0]!r}]" if len(ids) == 1 else f"({''.join(f'L[{i!r}], ' for i in ids)})"
        for ids in reads
    ]
    tables = "".join(f"K{i}, " for i in range(len(reads)))
    answers = "".join(f"*K{i}[{read}], " for i, read in enumerate(reading))
    source = f"def answer(kept, L):\n    ({tables}) = kept\n    return [{answers}]\n"
    namespace: dict[str, Any] = {}
    exec(source, namespace)  # our own source: ids only as repr()
    answer: Callable[[list[Any], Any], list[Any]] = namespace["answer"]
    return answer


class RuleUnits:
    """The rules of a compiled pack in units: runs of consecutive rules reading the same
    ids. A unit's rules all come after the previous unit's, so the school's answer is the
    units' answers one after another, in rule order with no sort."""

    def __init__(self, reads: Sequence[tuple[str, ...]]) -> None:
        """`reads`: for each rule, in order, the ids whose levels it reads."""
        runs: list[tuple[tuple[str, ...], list[int]]] = []
        for position, ids in enumerate(reads):
            if runs and runs[-1][0] == ids:
                runs[-1][1].append(position)
            else:
                runs.append((ids, [position]))
        #: Each unit's rule positions, in order.
        self.positions = tuple(tuple(positions) for _, positions in runs)
        self._reads = tuple(_getter(ids) for ids, _ in runs)
        self._answer = _compiled([ids for ids, _ in runs]) if len(runs) <= MAX_UNITS else None
        #: Per policy, each unit's answers (`_Kept`) by the levels it reads.
        self._kept: dict[str, list[dict[Any, _Kept]]] = {}

    def made_keyed(
        self, levels: dict[str, Any], policy: str
    ) -> tuple[list[Recommendation], list[int]] | None:
        """The recommendations of the rules that fire, in rule order, and their sort keys,
        when every unit has seen its levels before (else None: `filled`). `levels`: every
        id's level, on the scale. Raises `KeyError` when it lacks an id a rule reads."""
        kept = self._kept.get(policy)
        if kept is None:
            return None
        try:
            if self._answer is not None:
                both: list[Any] = self._answer(kept, levels)
            else:
                read = map(call, self._reads, repeat(levels))  # each unit's key, in C
                both = list(chain.from_iterable(map(dict.__getitem__, kept, read)))
        except KeyError:  # levels some unit has not seen before (or an id missing)
            return None
        return both[::2], both[1::2]

    def filled(
        self, levels: dict[str, Any], policy: str, fill: Fill
    ) -> tuple[list[Recommendation], list[int]]:
        """`made_keyed`, each answer not kept made by `fill` (and kept)."""
        kept = self._kept.get(policy)
        if kept is None:
            kept = self._kept[policy] = [{} for _ in self.positions]
        both: list[Any] = []
        for unit, read in enumerate(self._reads):
            key = read(levels)
            answer = kept[unit].get(key)
            if answer is None:
                made = fill(self.positions[unit])
                answer = tuple(chain.from_iterable(zip(*made, strict=True)))
                if len(kept[unit]) < MAX_KEPT:
                    kept[unit][key] = answer
            both += answer
        return both[::2], both[1::2]
