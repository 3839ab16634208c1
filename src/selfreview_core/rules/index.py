"""Rule packs compiled once into an index, so that evaluating them costs what the school's
levels cost, not what the number of rules costs.

Every test is about one strand, aspect or element, and its truth depends only on that id's
level (or, for `improved`/`regressed`, on its change), which has a handful of possible
values. So each test is turned, once, into the set of (id, value) pairs where it holds; a
school's profile names one value per id, and looking those up gives the rules that can fire.
Conditions made of `all`, `any`, tests and negated tests become clauses (an `any` of `all`s)
matched with one bit mask per (id, value), never checked one by one (`CompiledRules`); the
others (such as `not` of a compound) are anchored on one of their parts and checked in full
only when the anchor holds, or always when they cannot be anchored. `fires_naively` is the
plain definition the index is tested against (`facts.holds`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import reduce
from operator import and_
from typing import Final

from ..comparison import Comparison
from ..facts import Facts, explain, holds
from ..model.conditions import Condition, NotOf, Test, subjects_of, uses_scores
from ..model.framework import Framework
from ..model.recommendation import Recommendation
from ..model.rules import Rule, RulePack
from ..model.scale import Scale
from ..recommending import sort_key
from ..scoring.profiles import Profile
from .clauses import CHANGE_VALUES, Key, anchor, clauses, uses_change
from .units import Answer, RuleUnits

__all__ = ["MAX_MADE", "CompiledRules", "fires_naively", "recommendation_for"]


def fires_naively(pack: RulePack, scale: Scale, facts: Facts) -> list[Rule]:
    """Every rule whose condition holds, by checking each one: the reference for the index."""
    return [rule for rule in pack.rules if holds(rule.when, scale, facts)]


# -- the index --------------------------------------------------------------------------


_ABSENT: Final = object()
#: The types of a level the index's tables and kept answers know (`_levels_of`).
_PLAIN: Final = frozenset({int, type(None)})


def _changes(facts: Facts, levels: dict[str, int | None]) -> dict[str, int | None]:
    """`facts.change` of every id in the profile, all at once."""
    comparison = facts.comparison
    # Facts of their own kind are asked with a comparison or without one (a school's changes
    # from elsewhere), as is a comparison of its own kind (its `direction`, which they ask).
    # The index's tables know the sign of a change; theirs may give its steps (2: up two
    # levels), which `improved` takes as the definition does, by its sign (round 65).
    own = type(facts) is not Facts
    if own or (comparison is not None and type(comparison) is not Comparison):
        asked = {node_id: facts.change(node_id) for node_id in levels}
        return {i: c if c is None else (c > 0) - (c < 0) for i, c in asked.items()}
    if comparison is None:
        return dict.fromkeys(levels)
    if comparison.score_changes is not None:  # a framework with questions: by score
        return {node_id: comparison.direction(node_id) for node_id in levels}
    changes: dict[str, int | None] = dict.fromkeys(levels)
    for table in (comparison.elements, comparison.aspects, comparison.strands):
        for node_id, change in table.items():
            if node_id in changes:
                steps = change.change
                changes[node_id] = (steps > 0) - (steps < 0)
    return changes


#: Recommendations kept for reuse by one `CompiledRules` (a few kB each): the distinct
#: rationales of a pack's rules are few, and past this the rest are made each time.
MAX_MADE: Final = 4096


class _Entry:  # plain: only read, where a frozen dataclass's methods cost 3 M at start-up
    __slots__ = ("pack", "rule")

    def __init__(self, pack: RulePack, rule: Rule) -> None:
        self.pack, self.rule = pack, rule


class CompiledRules:
    """The rules of several packs for one framework, indexed by the values that fire them."""

    def __init__(self, framework: Framework, packs: Iterable[RulePack]) -> None:
        self.framework = framework
        self.packs = tuple(p for p in packs if p.applies_to(framework))
        scale = framework.scale
        self._entries = [_Entry(pack, rule) for pack in self.packs for rule in pack.rules]
        # `fired` needs no check for most rules: written as an `any` of `all`s of tests
        # (clauses), a rule holds when one of its clauses does, and a test holds exactly
        # when the one value its id has is among the values it allows. Each clause is a
        # bit: for every (id, dimension) tested and each value it can take, a mask of the
        # clauses that value does not rule out. AND-ing one mask per (id, dimension) leaves
        # the clauses that hold, at a cost that does not grow with the number of rules, only
        # with what fires. Rules with no such form are indexed by their anchor and checked.
        self._domain = frozenset((*scale.levels, None))
        domains = {"level": (*scale.levels, None), "change": CHANGE_VALUES}
        self._clause_rule: list[int] = []  # the rule position of each clause (bit)
        allowed: dict[tuple[str, str], dict[int, frozenset[int | None]]] = {}
        self._rest: dict[Key, list[int]] = defaultdict(list)
        self._rest_always: list[int] = []
        for position, entry in enumerate(self._entries):
            if uses_scores(entry.rule.when):  # scores are not a handful of values: checked
                self._rest_always.append(position)
                continue
            found = clauses(entry.rule.when)
            if any(node_id not in framework for _, node_id in subjects_of(entry.rule.when)):
                found = None  # a pack not checked against the framework: as before
            if found is None:  # indexed by its anchor, and checked
                keys = anchor(entry.rule.when, scale)
                if keys is None:
                    self._rest_always.append(position)
                for key in dict.fromkeys(keys or ()):
                    self._rest[key].append(position)
                continue
            for clause in found:
                bit = len(self._clause_rule)
                self._clause_rule.append(position)
                for literal in clause:
                    test = literal.not_ if isinstance(literal, NotOf) else literal
                    assert isinstance(test, Test)  # a clause holds tests and negated tests
                    change = test.operator[0] in ("improved", "regressed")
                    slot = (test.subject[1], "change" if change else "level")
                    # The values where it holds (none at all for `below` the worst level).
                    holding = frozenset(key[2] for key in anchor(literal, scale) or ())
                    before = allowed.setdefault(slot, {}).get(bit)
                    allowed[slot][bit] = holding if before is None else before & holding
        self._rest = dict(self._rest)
        self._all_clauses = (1 << len(self._clause_rule)) - 1
        #: For each (id, dimension) a clause tests: the mask of the clauses left by each
        #: value, and by the id not being in the profile (no test on it holds then).
        plan: list[tuple[str, tuple[str, dict[object, int], int]]] = []
        for (node_id, dimension), tests in allowed.items():
            absent = self._all_clauses
            for bit in tests:
                absent &= ~(1 << bit)
            masks: dict[object, int] = {
                value: absent | sum(1 << bit for bit, ok in tests.items() if value in ok)
                for value in domains[dimension]
            }
            plan.append((dimension, (node_id, masks, absent)))
        self._level_plan = tuple(step for dimension, step in plan if dimension == "level")
        self._change_plan = tuple(step for dimension, step in plan if dimension == "change")
        self._rest_slots = tuple(dict.fromkeys((key[0], key[1]) for key in self._rest))
        #: What a rule's rationale reads of a school, by rule position (`_subjects`).
        self._subjects = [_subjects(entry.rule.when) for entry in self._entries]
        #: Whether every id each rule names is the framework's (a pack checked against
        #: it): then its rationale's levels are read from the profile's tables directly.
        self._known = [
            all(node_id in framework for node_id, _ in subjects) for subjects in self._subjects
        ]
        #: Whether a rule names one id, and only for its level (the key is then short).
        self._single = [len(s) == 1 and not s[0][1] for s in self._subjects]
        #: Whether a rule tests scores (its rationale then states them: `_key` has them).
        self._scored = [uses_scores(entry.rule.when) for entry in self._entries]
        #: The one id a rule names, for its level only, when it is the framework's and no
        #: score is tested (its key is then that id's level); else None.
        self._alone: list[str | None] = [
            named[0][0] if one and ok and not scored else None
            for named, one, ok, scored in zip(
                self._subjects, self._single, self._known, self._scored, strict=True
            )
        ]
        ids = [entry.rule.id for entry in self._entries]
        #: Every rule's id when no two share one: each given once a school at most (`order_keyed`).
        self.distinct_ids = frozenset(ids) if len(set(ids)) == len(ids) else None
        #: Each recommendation made, with its sort key (`made_keyed`), by what it states.
        self._made: dict[tuple[object, ...], tuple[Recommendation, int]] = {}
        #: The rules by the levels they read, when every rule reads ids of the framework and
        #: no scores. Asked only without a previous review (`made_keyed`), where a test of a
        #: change never holds and its rationale says so whatever the levels: a rule of one
        #: then fires, and reads, by its ids' levels alone, as a rule of levels does.
        self._units = (
            RuleUnits([tuple(i for i, _ in named) for named in self._subjects], framework)
            if all(ok and not scored for ok, scored in zip(self._known, self._scored, strict=True))
            else None
        )

    def __len__(self) -> int:
        return len(self._entries)

    def fired(self, facts: Facts) -> Iterator[tuple[RulePack, Rule]]:
        """The (pack, rule) pairs whose condition holds, in pack and rule order."""
        entries = self._entries
        for position in self._positions(facts, _levels_of(facts, self._domain)):
            entry = entries[position]
            yield entry.pack, entry.rule

    def _positions(self, facts: Facts, levels: dict[str, int | None] | None) -> list[int]:
        """The positions of the rules that hold, in order; `levels` as `_levels_of` gives."""
        entries = self._entries
        if levels is None:
            # Levels off the scale (a profile built by hand): the masks know only the
            # scale's levels, so every rule is checked; so too when a strand is not
            # applicable, which the masks cannot tell from unjudged.
            scale = self.framework.scale
            return [i for i, e in enumerate(entries) if holds(e.rule.when, scale, facts)]
        # One mask per (id, dimension); an id not in the profile leaves `absent`.
        masks = [m.get(levels.get(i, _ABSENT), absent) for i, m, absent in self._level_plan]
        if self._change_plan:
            changes = _changes(facts, levels)
            masks += [m.get(changes.get(i, _ABSENT), a) for i, m, a in self._change_plan]
        left = reduce(and_, masks, self._all_clauses)
        positions: list[int] = []
        clause_rule = self._clause_rule
        while left:  # the clauses left, lowest first: rules in order, each once
            lowest = left & -left
            position = clause_rule[lowest.bit_length() - 1]
            if not positions or positions[-1] != position:
                positions.append(position)
            left ^= lowest
        if not self._rest and not self._rest_always:
            return positions
        candidates: set[int] = set(self._rest_always)
        for node_id, dimension in self._rest_slots:
            if node_id in levels:
                value = levels[node_id] if dimension == "level" else facts.change(node_id)
                candidates.update(self._rest.get((node_id, dimension, value), ()))
        fired = set(positions)
        scale = self.framework.scale
        return [
            position
            for position in sorted(fired.union(candidates))
            if position in fired or holds(entries[position].rule.when, scale, facts)
        ]

    def recommendations(self, facts: Facts) -> Iterator[Recommendation]:
        """A recommendation for every rule that fires (`made_keyed`, without the keys)."""
        return iter(self.made_keyed(facts)[0])

    def made_keyed_fitted(self, profile: Profile) -> _Made:
        """`made_keyed(Facts(profile))`, for a profile `scoring.score_fitted` gave (every
        id of the framework in its tables, on the scale, nothing not applicable): the
        units read its tables (or the levels its scorer read) without another pass."""
        answer = self._units and self._units.made_keyed_scored(profile)
        return answer or self.made_keyed(Facts(profile, None))  # an answer is a 2-tuple

    def made_keyed(self, facts: Facts) -> _Made:
        """A recommendation for every rule that fires, and the key that orders each among
        a report's (`recommending.sort_key`). Schools alike in the levels a rationale states
        (and the policy) share one recommendation, made once (up to `MAX_MADE`)."""
        levels, comparison = _levels_of(facts, self._domain), facts.comparison
        policy = facts.profile.policy
        # Read straight from the tables when nothing can answer otherwise (facts or a
        # comparison of a kind of their own; a level off the scale).
        plain = levels is not None and type(facts) is Facts
        plain = plain and (comparison is None or type(comparison) is Comparison)
        plain = plain and not facts.profile.by_scores  # a rationale then states scores too
        units = self._units if plain and comparison is None else None
        if units is not None:
            assert levels is not None  # `plain`
            try:
                answer = units.made_keyed(levels, policy)
                if answer is not None:
                    return answer
                fired: set[int] = set()

                def fill(positions: Sequence[int]) -> Answer:
                    """A unit's answer: its rules that fire, made (the index asked once)."""
                    if not fired:
                        fired.update(self._positions(facts, levels), (-1,))
                    made = self._made_for
                    found = [made(p, facts, levels, plain, policy) for p in positions if p in fired]
                    return tuple(m[0] for m in found), tuple(m[1] for m in found)

                return units.filled(levels, policy, fill)
            except KeyError:  # an id missing from a profile built by hand: as below
                pass
        made = self._made_for
        kept = [made(p, facts, levels, plain, policy) for p in self._positions(facts, levels)]
        return [k[0] for k in kept], [k[1] for k in kept]

    def _made_for(
        self, position: int, facts: Facts, levels: _Levels | None, plain: bool, policy: str
    ) -> tuple[Recommendation, int]:
        """The recommendation of the rule at `position` (which fires) and its sort key,
        made once for every school alike in what its rationale states."""
        comparison = facts.comparison
        node_id = self._alone[position] if plain and comparison is None else None
        if node_id is not None:
            # Most rules name one id of the framework, for its level: their key is that level.
            assert levels is not None  # `plain`
            key: tuple[object, ...] = (position, policy, levels[node_id])
        elif plain and self._known[position] and not self._scored[position]:
            assert levels is not None  # `plain`
            key = _plain_key(position, policy, self._subjects[position], levels, comparison)
        else:
            key = _key(position, policy, self._subjects[position], facts)
        kept = self._made.get(key)
        if kept is None:
            entry = self._entries[position]
            recommendation = recommendation_for(
                entry.pack,
                entry.rule,
                facts,
                self._subjects[position],
                scale=self.framework.scale,
            )
            kept = (recommendation, sort_key(self.framework, recommendation))
            if len(self._made) < MAX_MADE:
                self._made[key] = kept
        return kept


#: The ids a rule's condition names, in order, each with whether it tests its change.
_Subjects = tuple[tuple[str, bool], ...]


def _subjects(condition: Condition) -> _Subjects:
    return tuple(
        (node_id, uses_change(condition, node_id))
        for _, node_id in dict.fromkeys(subjects_of(condition))
    )


_Levels = dict[str, int | None]
_Made = tuple[list[Recommendation], list[int]]


def _levels_of(facts: Facts, domain: frozenset[int | None]) -> _Levels | None:
    """Every id's level (elements, aspects, strands), or None when a level is off the
    scale, `domain` (a profile built by hand), which the index's masks do not know, or a
    strand is not applicable, which they cannot tell from unjudged."""
    profile = facts.profile
    if profile.not_applicable:
        return None
    levels = {**profile.elements, **profile.aspects, **profile.strands}
    # The merged values, not each table's: a level an id in two tables hides is not read.
    # Each an int (or None): `True` and 1.0 are in `domain` as 1 (equal, with its hash),
    # but worded otherwise, so a table keyed by levels must never take them for 1.
    values = levels.values()
    plain = domain.issuperset(values) and _PLAIN.issuperset(map(type, values))
    return levels if plain else None


def _plain_key(
    position: int, policy: str, named: _Subjects, levels: _Levels, comparison: Comparison | None
) -> tuple[object, ...]:
    """`_key`, read from the tables directly (ids known to be the framework's)."""
    if comparison is None:
        return (position, policy, *[levels[node_id] for node_id, _ in named])
    key: list[object] = [position, policy, True]
    for node_id, change in named:
        key.append(levels[node_id])
        if change:
            before = comparison.get(node_id)
            key.append(None if before is None else before.old)
    return tuple(key)


def _key(position: int, policy: str, named: _Subjects, facts: Facts) -> tuple[object, ...]:
    """Everything a rule's rationale reads of a school: equal keys, equal rationales."""
    comparison = facts.comparison
    key: list[object] = [position, policy, comparison is not None]
    profile = facts.profile
    for node_id, change in named:
        level = facts.level(node_id)  # and its type: `True` is 1 as a key, not in words
        key.extend((level, type(level), facts.score(node_id)))
        if profile.not_applicable:
            key.append(facts.applicable(node_id))
        if change and comparison is not None:
            before = comparison.get(node_id)
            key.append(None if before is None else before.old)
    return tuple(key)


def recommendation_for(
    pack: RulePack,
    rule: Rule,
    facts: Facts,
    named: _Subjects | None = None,
    *,
    scale: Scale,
) -> Recommendation:
    """The recommendation `rule` of `pack` gives a school, with its rationale: the
    rule's condition in words with the school's own values, on `scale`, the framework's
    (every caller has it at hand; `facts.explain` takes the profile's)."""
    advice = rule.recommend
    if named is None:
        named = _subjects(rule.when)
    targets = advice.targets if advice.targets is not None else tuple(i for i, _ in named)
    return Recommendation(
        id=rule.id,
        title=advice.title,
        action=advice.action,
        targets=targets,
        priority=advice.priority,
        audience=advice.audience,
        links=advice.links,
        reference=advice.reference or pack.reference,
        source=pack.id,
        sources=(pack.id,),
        rationale=explain(rule.when, scale, facts),
    )
