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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import reduce
from operator import and_
from typing import Final

from .comparison import Comparison
from .facts import Facts, describe, holds, level_fact, test_holds
from .model.conditions import AllOf, AnyOf, Condition, NotOf, Test, subjects_of, uses_scores
from .model.framework import Framework
from .model.recommendation import Recommendation
from .model.rules import Rule, RulePack
from .model.scale import Scale

__all__ = ["MAX_MADE", "CompiledRules", "fires_naively", "recommendation_for"]

#: (id, dimension, value): dimension "level" (value a level or None when unjudged) or
#: "change" (value -1, 0, 1, or None when not judged in both reviews or no previous review).
Key = tuple[str, str, int | None]
_CHANGE_VALUES: Final[tuple[int | None, ...]] = (-1, 0, 1, None)


def fires_naively(pack: RulePack, scale: Scale, facts: Facts) -> list[Rule]:
    """Every rule whose condition holds, by checking each one: the reference for the index."""
    return [rule for rule in pack.rules if holds(rule.when, scale, facts)]


# -- the index --------------------------------------------------------------------------


def _test_keys(test: Test, scale: Scale, negate: bool = False) -> list[Key]:
    node_id = test.subject[1]
    if test.operator[0] in ("improved", "regressed"):
        return [
            (node_id, "change", c)
            for c in _CHANGE_VALUES
            if test_holds(test, scale, None, c) != negate
        ]
    values: tuple[int | None, ...] = (*scale.levels, None)
    return [(node_id, "level", v) for v in values if test_holds(test, scale, v, None) != negate]


_ABSENT: Final = object()


def _changes(facts: Facts, levels: dict[str, int | None]) -> dict[str, int | None]:
    """`facts.change` of every id in the profile, all at once."""
    comparison = facts.comparison
    if comparison is None:
        return dict.fromkeys(levels)
    if type(facts) is not Facts or type(comparison) is not Comparison:  # their own `change`
        return {node_id: facts.change(node_id) for node_id in levels}
    if comparison.score_changes is not None:  # a framework with questions: by score
        return {node_id: comparison.direction(node_id) for node_id in levels}
    changes: dict[str, int | None] = dict.fromkeys(levels)
    for table in (comparison.elements, comparison.aspects, comparison.strands):
        for node_id, change in table.items():
            if node_id in changes:
                steps = change.change
                changes[node_id] = (steps > 0) - (steps < 0)
    return changes


def _anchor(condition: Condition, scale: Scale) -> list[Key] | None:
    """Keys at least one of which is present whenever `condition` holds; None if unknown."""
    if isinstance(condition, Test):
        return _test_keys(condition, scale)
    if isinstance(condition, NotOf):
        inner = condition.not_
        return _test_keys(inner, scale, negate=True) if isinstance(inner, Test) else None
    if isinstance(condition, AllOf):
        anchors = [a for c in condition.all if (a := _anchor(c, scale)) is not None]
        return min(anchors, key=len) if anchors else None
    keys: list[Key] = []
    for child in condition.any:
        anchor = _anchor(child, scale)
        if anchor is None:
            return None
        keys.extend(anchor)
    return keys


def _exact(condition: Condition) -> bool:
    """True when the anchor is exactly where the condition holds (no check needed)."""
    return isinstance(condition, Test) or (
        isinstance(condition, NotOf) and isinstance(condition.not_, Test)
    )


#: Above this many clauses (`all` of `any`s multiplies them) a rule is checked instead.
_MAX_CLAUSES: Final = 16
#: Recommendations kept for reuse by one `CompiledRules` (a few kB each): the distinct
#: rationales of a pack's rules are few, and past this the rest are made each time.
MAX_MADE: Final = 4096


def _clauses(condition: Condition) -> list[list[Condition]] | None:
    """The condition as an `any` of `all`s of tests and negated tests (each clause a list
    of them), or None when it has no such form of at most `_MAX_CLAUSES` clauses (a `not`
    of a compound). An empty clause always holds; no clause at all never does."""
    if _exact(condition):
        return [[condition]]
    if isinstance(condition, AnyOf):
        found: list[list[Condition]] = []
        for child in condition.any:
            clauses = _clauses(child)
            if clauses is None:
                return None
            found.extend(clauses)
            if len(found) > _MAX_CLAUSES:
                return None
        return found
    if isinstance(condition, AllOf):
        product: list[list[Condition]] = [[]]
        for child in condition.all:
            clauses = _clauses(child)
            if clauses is None:
                return None
            product = [[*left, *right] for left in product for right in clauses]
            if len(product) > _MAX_CLAUSES:
                return None
        return product
    return None


@dataclass(frozen=True, slots=True)
class _Entry:
    pack: RulePack
    rule: Rule


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
        domains = {"level": (*scale.levels, None), "change": _CHANGE_VALUES}
        self._clause_rule: list[int] = []  # the rule position of each clause (bit)
        allowed: dict[tuple[str, str], dict[int, frozenset[int | None]]] = {}
        self._rest: dict[Key, list[int]] = defaultdict(list)
        self._rest_always: list[int] = []
        for position, entry in enumerate(self._entries):
            if uses_scores(entry.rule.when):  # scores are not a handful of values: checked
                self._rest_always.append(position)
                continue
            clauses = _clauses(entry.rule.when)
            if any(node_id not in framework for _, node_id in subjects_of(entry.rule.when)):
                clauses = None  # a pack not checked against the framework: as before
            if clauses is None:  # indexed by its anchor, and checked
                keys = _anchor(entry.rule.when, scale)
                if keys is None:
                    self._rest_always.append(position)
                for key in dict.fromkeys(keys or ()):
                    self._rest[key].append(position)
                continue
            for clause in clauses:
                bit = len(self._clause_rule)
                self._clause_rule.append(position)
                for literal in clause:
                    test = literal.not_ if isinstance(literal, NotOf) else literal
                    assert isinstance(test, Test)  # a clause holds tests and negated tests
                    change = test.operator[0] in ("improved", "regressed")
                    slot = (test.subject[1], "change" if change else "level")
                    # The values where it holds (none at all for `below` the worst level).
                    holding = frozenset(key[2] for key in _anchor(literal, scale) or ())
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
        self._explained: dict[int, _Explanation] = {}  # by id() of a rule of `_entries`
        self._made: dict[tuple[object, ...], Recommendation] = {}  # see `recommendations`

    def __len__(self) -> int:
        return len(self._entries)

    def fired(self, facts: Facts) -> Iterator[tuple[RulePack, Rule]]:
        """The (pack, rule) pairs whose condition holds, in pack and rule order."""
        profile = facts.profile
        tables = (profile.strands, profile.aspects, profile.elements)
        if profile.not_applicable or not all(
            map(self._domain.issuperset, (t.values() for t in tables))
        ):
            # Levels off the scale (a profile built by hand): the masks know only the
            # scale's levels, so every rule is checked; so too when a strand is not
            # applicable, which the masks cannot tell from unjudged.
            scale = self.framework.scale
            for entry in self._entries:
                if holds(entry.rule.when, scale, facts):
                    yield entry.pack, entry.rule
            return
        levels = {**profile.elements, **profile.aspects, **profile.strands}
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
        entries = self._entries
        if not self._rest and not self._rest_always:
            for position in positions:
                yield entries[position].pack, entries[position].rule
            return
        candidates: set[int] = set(self._rest_always)
        for node_id, dimension in self._rest_slots:
            if node_id in levels:
                value = levels[node_id] if dimension == "level" else facts.change(node_id)
                candidates.update(self._rest.get((node_id, dimension, value), ()))
        fired = set(positions)
        scale = self.framework.scale
        for position in sorted(fired.union(candidates)):
            entry = entries[position]
            if position in fired or holds(entry.rule.when, scale, facts):
                yield entry.pack, entry.rule

    def recommendations(self, facts: Facts) -> Iterator[Recommendation]:
        """A recommendation for every rule that fires, with its rationale and source."""
        explained = self._explained
        made = self._made
        for pack, rule in self.fired(facts):
            # What does not depend on the school is worked out once per rule.
            explanation = explained.get(id(rule))
            if explanation is None:
                explanation = explained[id(rule)] = _explain(rule.when)
            # The rest depends only on the levels its rationale states: schools alike in
            # those share one (frozen) recommendation, made and validated once.
            key = (id(rule), *_rationale_key(explanation, facts))
            recommendation = made.get(key)
            if recommendation is None:
                recommendation = recommendation_for(pack, rule, facts, explanation)
                if len(made) < MAX_MADE:
                    made[key] = recommendation
            yield recommendation


@dataclass(frozen=True, slots=True)
class _Explanation:
    """What a recommendation says of its rule's condition whatever the school: the ids it
    names, in order (as (kind, id, whether it tests their change)), and in words."""

    subjects: tuple[tuple[str, str, bool], ...]
    when: str


def _explain(condition: Condition) -> _Explanation:
    return _Explanation(
        tuple(
            (kind, node_id, _uses_change(condition, node_id))
            for kind, node_id in dict.fromkeys(subjects_of(condition))
        ),
        f"the rule fires when {describe(condition)}",
    )


def recommendation_for(
    pack: RulePack,
    rule: Rule,
    facts: Facts,
    explanation: _Explanation | None = None,
) -> Recommendation:
    advice = rule.recommend
    if explanation is None:
        explanation = _explain(rule.when)
    named = [node_id for _, node_id, _ in explanation.subjects]
    targets = advice.targets if advice.targets is not None else tuple(dict.fromkeys(named))
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
        rationale=_rationale(explanation, facts),
    )


# -- explanations ------------------------------------------------------------------------


def _fact(kind: str, node_id: str, facts: Facts, change: bool) -> str:
    text = level_fact(kind, node_id, facts)
    if change and facts.comparison is not None:
        before = facts.comparison.get(node_id)
        if before is not None:
            text += f", {before.old} at the previous review"
    return text


def _uses_change(condition: Condition, node_id: str) -> bool:
    if isinstance(condition, Test):
        return condition.subject[1] == node_id and condition.operator[0] in (
            "improved",
            "regressed",
        )
    if isinstance(condition, AllOf | AnyOf):
        children = condition.all if isinstance(condition, AllOf) else condition.any
        return any(_uses_change(c, node_id) for c in children)
    return _uses_change(condition.not_, node_id)


def _rationale_key(explanation: _Explanation, facts: Facts) -> tuple[object, ...]:
    """Everything `_rationale` reads of a school: equal keys, equal rationales."""
    comparison = facts.comparison
    key: list[object] = [facts.profile.policy]
    profile = facts.profile
    for _, node_id, change in explanation.subjects:
        key.append(facts.level(node_id))
        if profile.by_scores:
            key.append(facts.score(node_id))
        if profile.not_applicable:
            key.append(facts.applicable(node_id))
        if change and comparison is not None:
            before = comparison.get(node_id)
            key.append(None if before is None else before.old)
    return tuple(key)


def _rationale(explanation: _Explanation, facts: Facts) -> str:
    """Why a rule fired: the school's levels, then the rule's condition in words."""
    found = "; ".join(
        _fact(kind, node_id, facts, change) for kind, node_id, change in explanation.subjects
    )
    when = explanation.when
    return f"{found}; {when}" if found else when.capitalize()
