"""Rule packs by the levels each rule reads: the hot path of `CompiledRules.made_keyed`.

A rule that tests only levels of ids of its framework, and changes (no score), fires and
words its rationale, for a school without a previous review, by those ids' levels alone
(and the policy, which the rationale names): a change never holds without one, and its
rationale then says so whatever the levels. Rules reading the same ids form a unit; what
a unit gives a school (the recommendations of its rules that fire, each with its position
among the pack's rules and its sort key) is kept by the levels it reads. Most rules read
one id, which has a handful of levels, so even a cohort whose schools are each new finds
nearly every unit's answer kept: a school costs a lookup per unit, all in C. A unit seen
with new levels is answered by the index (`CompiledRules`), and its answer kept.

Only for facts the index answers from the tables alone: the levels on the scale, nothing
not applicable, no comparison, no scores (`CompiledRules.made_keyed` decides).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import chain, repeat
from operator import call, itemgetter
from typing import TYPE_CHECKING, Any, Final

from ..model.recommendation import Recommendation
from ..scoring.plan import LAST_SCORED

if TYPE_CHECKING:
    from ..model.framework import Framework
    from ..scoring.profiles import Profile

__all__ = ["MAX_KEPT", "Answer", "RuleUnits"]

#: What a unit's rules give a school: the recommendations of those that fire, in rule
#: order, and the keys that order each among a report's (`recommending.sort_key`).
Answer = tuple[tuple[Recommendation, ...], tuple[int, ...]]
#: An answer as kept: each recommendation followed by its key, so that one pass over the
#: units' answers gives both lists (a slice each).
_Kept = tuple[Recommendation | int, ...]
#: Makes a unit's answer, given the positions of its rules among the pack's.
Fill = Callable[[Sequence[int]], Answer]
#: Ids' levels by id (a profile's table, or every id's: `rules.index._levels_of`).
Levels = Mapping[str, Any]
#: Answers kept per unit and policy; past this the rest are made each time.
MAX_KEPT: Final = 4096
#: Packs of more units read their keys by `map` over getters (no function of that size).
MAX_UNITS: Final = 1000


def _getter(ids: Sequence[str]) -> Callable[[Levels], Any]:
    """The levels of `ids` (one id: its level alone) from a table of every id's level."""
    if ids:
        return itemgetter(*ids)
    return lambda levels: ()


def _compiled(
    reads: Sequence[tuple[str, ...]], kinds: Mapping[str, str], at: Mapping[str, int] | None = None
) -> Callable[..., list[Any]]:
    """The units' answers, one after another, from their tables (`kept`, in unit order)
    and the levels of the strands, aspects and elements (`S`, `A`, `E`: a profile's own
    tables, or one table of every id's level given as all three): written for these units
    and compiled once, each answer unpacked into one list display (a call, an iterator and
    a tuple less per unit than `map` over getters). Each id's level is read once (units
    share ids), by its kind's table's own `__getitem__` with the id as a constant: a
    profile's tables are `FrozenDict`s, whose subscript CPython sends through the slot
    for a Python-level `__getitem__` (a `dict` subclass), which costs several times the
    call of the bound method. With `at` (each strand's position in the framework), `S`
    is the strands' levels in framework order instead (a tuple: the one-pass scorer's,
    `scoring.plan.LAST_SCORED`), each read at its place. Ids only as `repr()`."""
    ids = list(dict.fromkeys(i for unit in reads for i in unit))
    local = {node_id: f"v{n}" for n, node_id in enumerate(ids)}
    placed = {} if at is None else {i: at[i] for i in ids if kinds[i] == "S"}
    getters = sorted({kinds[i] for i in ids if i not in placed})
    lines = [f"    G{kind} = {kind}.__getitem__\n" for kind in getters]
    lines += [
        f"    {local[i]} = S[{placed[i]}]\n"
        if i in placed
        else f"    {local[i]} = G{kinds[i]}({i!r})\n"
        for i in ids
    ]
    reading = [
        local[unit[0]] if len(unit) == 1 else f"({''.join(f'{local[i]}, ' for i in unit)})"
        for unit in reads
    ]
    tables = "".join(f"K{i}, " for i in range(len(reads)))
    answers = "".join(f"*K{i}[{read}], " for i, read in enumerate(reading))
    source = (
        f"def answer(kept, S, A, E):\n    ({tables}) = kept\n"
        f"{''.join(lines)}    return [{answers}]\n"
    )
    namespace: dict[str, Any] = {}
    exec(source, namespace)  # our own source: ids only as repr()
    answer: Callable[..., list[Any]] = namespace["answer"]
    return answer


def _kinds(framework: Framework) -> dict[str, str]:
    """Each id's table: `S` (a strand), `A` (an aspect) or `E` (an element); an id of two
    kinds is read as `rules.index._levels_of` merges them, a strand's level first."""
    kinds = {e.id: "E" for e in framework.elements} | {a.id: "A" for a in framework.aspects}
    return kinds | dict.fromkeys(framework.strand_ids, "S")


class RuleUnits:
    """The rules of a compiled pack in units: runs of consecutive rules reading the same
    ids. A unit's rules all come after the previous unit's, so the school's answer is the
    units' answers one after another, in rule order with no sort."""

    def __init__(self, reads: Sequence[tuple[str, ...]], framework: Framework) -> None:
        """`reads`: for each rule, in order, the ids of `framework` whose levels it reads
        (each read from its kind's table, `_kinds`)."""
        kinds = _kinds(framework)
        runs: list[tuple[tuple[str, ...], list[int]]] = []
        for position, ids in enumerate(reads):
            if runs and runs[-1][0] == ids:
                runs[-1][1].append(position)
            else:
                runs.append((ids, [position]))
        #: Each unit's rule positions, in order.
        self.positions = tuple(tuple(positions) for _, positions in runs)
        self._reads = tuple(_getter(ids) for ids, _ in runs)
        reads = [ids for ids, _ in runs]
        self._answer = _compiled(reads, kinds) if len(runs) <= MAX_UNITS else None
        #: The same, given the strands' levels as the one-pass scorer read them (`scored`).
        at = {strand_id: i for i, strand_id in enumerate(framework.strand_ids)}
        self._answer_at = _compiled(reads, kinds, at) if len(runs) <= MAX_UNITS else None
        self._strand_ids = framework.strand_ids
        #: Per policy, each unit's answers (`_Kept`) by the levels it reads.
        self._kept: dict[str, list[dict[Any, _Kept]]] = {}

    def made_keyed(
        self, levels: Levels, policy: str
    ) -> tuple[list[Recommendation], list[int]] | None:
        """The recommendations of the rules that fire, in rule order, and their sort keys,
        when every unit has seen its levels before (else None: `filled`). `levels`: every
        id's level, on the scale. Raises `KeyError` when it lacks an id a rule reads."""
        return self.made_keyed_from(levels, levels, levels, policy)

    def made_keyed_from(
        self, strands: Levels, aspects: Levels, elements: Levels, policy: str
    ) -> tuple[list[Recommendation], list[int]] | None:
        """`made_keyed`, reading each id's level from its kind's table (a profile's own,
        with every id of the framework on the scale: `scoring.score_fitted`'s), not from
        one table of them all made for it."""
        return self._made(self._answer, policy, strands, aspects, elements)

    def made_keyed_scored(self, profile: Profile) -> tuple[list[Recommendation], list[int]] | None:
        """`made_keyed_from` the tables of `profile` (`scoring.score_fitted`'s); its
        strands' levels as the one-pass scorer read them when it is the profile scored
        last (`scoring.plan.LAST_SCORED`), of this framework's strands."""
        strands = profile.strands
        scored = LAST_SCORED[0]
        answer = self._answer_at
        if scored[0] is strands and scored[1] is self._strand_ids and answer:
            # `_made(answer, ...)` written out: asked for nearly every school.
            kept = self._kept.get(scored[5])
            if kept is None:
                return None
            try:
                both: list[Any] = answer(kept, scored[2], scored[3], scored[4])
            except KeyError:  # levels some unit has not seen before
                return None
            return both[::2], both[1::2]
        return self.made_keyed_from(strands, profile.aspects, profile.elements, profile.policy)

    def _made(
        self,
        answer: Callable[..., list[Any]] | None,
        policy: str,
        strands: Any,
        aspects: Levels,
        elements: Levels,
    ) -> tuple[list[Recommendation], list[int]] | None:
        kept = self._kept.get(policy)
        if kept is None:
            return None
        try:
            if answer is not None:
                both: list[Any] = answer(kept, strands, aspects, elements)
            else:
                levels = {**elements, **aspects, **strands}  # as `rules.index._levels_of`
                read = map(call, self._reads, repeat(levels))  # each unit's key, in C
                both = list(chain.from_iterable(map(dict.__getitem__, kept, read)))
        except KeyError:  # levels some unit has not seen before (or an id missing)
            return None
        return both[::2], both[1::2]

    def filled(
        self, levels: Levels, policy: str, fill: Fill
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
