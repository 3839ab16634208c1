"""What a condition asks of one school, and whether it holds: the definition every
evaluation of a condition must match (the rule index, awards), and conditions in words.

A condition reads a school's levels (per strand, and per aspect and element as its profile
aggregates them) and, for `improved`/`regressed`, the change since a previous review.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from .comparison import Comparison
from .errors import cut
from .model.conditions import AllOf, AnyOf, Condition, NotOf, Test
from .model.questions import score_text
from .model.scale import Scale
from .scoring.profiles import Profile

__all__ = [
    "Facts",
    "change_words",
    "describe",
    "explain",
    "holds",
    "level_fact",
    "score_text",
    "subject_holds",
    "subject_name",
    "test_holds",
]


@dataclass(frozen=True, slots=True)
class Facts:
    """What a condition may ask about one school: levels, and changes since the last review."""

    profile: Profile
    comparison: Comparison | None = None

    def level(self, node_id: str) -> int | None:
        return self.profile.level(node_id)

    def score(self, node_id: str) -> float | None:
        """The score on the rank axis (0 at the worst level); None where nothing is judged."""
        return self.profile.score(node_id)

    def applicable(self, node_id: str) -> bool:
        """False for a strand not applicable, or an aspect or element all of whose are."""
        return node_id not in self.profile.not_applicable

    def change(self, node_id: str) -> int | None:
        """+1, 0 or -1 since the last review (by score in a framework with questions)."""
        if self.comparison is None:
            return None
        return self.comparison.direction(node_id)


def test_holds(test: Test, scale: Scale, level: int | None, change: int | None) -> bool:
    """Whether one test holds for a judged or unjudged subject with this level and change
    (no score: score tests do not hold)."""
    return subject_holds(test, scale, level, change, None, applicable=True)


def subject_holds(
    test: Test,
    scale: Scale,
    level: int | None,
    change: int | None,
    score: float | None,
    *,
    applicable: bool,
) -> bool:
    """Whether one test holds, given its subject's level, change, score and applicability.

    Not applicable is not unjudged: `unjudged: true` does not hold for a strand that does not
    apply (nor `unjudged: false`: it is not judged either), and no other test holds for it."""
    name, value = test.operator
    if name == "unjudged":
        return applicable and (level is None) is value
    if name in ("score_below", "score_reached"):
        if score is None:
            return False
        threshold: float = value
        return score < threshold if name == "score_below" else score >= threshold
    if name in ("improved", "regressed"):
        if change is None:
            return False
        return (change > 0 if name == "improved" else change < 0) is value
    if level is None:
        return False
    if name == "level":
        return level in (value if isinstance(value, tuple) else (value,))
    if name == "below":
        return scale.is_worse(level, value)
    return scale.reached(level, value)


def holds(condition: Condition, scale: Scale, facts: Facts) -> bool:
    """Whether `condition` holds for a school: the definition every evaluation must match."""
    if isinstance(condition, Test):
        node_id = condition.subject[1]
        name = condition.operator[0]
        return subject_holds(
            condition,
            scale,
            facts.level(node_id),
            facts.change(node_id),
            facts.score(node_id) if name in ("score_below", "score_reached") else None,
            applicable=facts.applicable(node_id) if name == "unjudged" else True,
        )
    if isinstance(condition, AllOf):
        return all(holds(c, scale, facts) for c in condition.all)
    if isinstance(condition, AnyOf):
        return any(holds(c, scale, facts) for c in condition.any)
    return not holds(condition.not_, scale, facts)


def _threshold_text(value: float) -> str:
    """A condition's score threshold in words: `1.5`, `2`, `0.333` (three places at most;
    a school's own score is written by `score_text`, which never rounds up to its next
    level). An integer as it is, cut (`errors.cut`): one of 400 digits is no float."""
    return cut(str(value)) if type(value) is int else f"{round(value, 3):g}"


def subject_name(kind: str, node_id: str) -> str:
    """`1b1` for a strand, `aspect 1b` for an aspect, `element 1` for an element."""
    return node_id if kind == "strand" else f"{kind} {node_id}"


def level_fact(kind: str, node_id: str, facts: Facts) -> str:
    """Where a school is on one id, in words: `aspect 1b is at level 4 (median of ...)`, or
    by its score, `aspect P0 is at 1.75 (level 1, the mean of its judged strands)`."""
    subject = subject_name(kind, node_id)
    level = facts.level(node_id)
    if level is None:
        if not facts.applicable(node_id):
            return f"{subject} is not applicable"
        return f"{subject} is not judged"
    score = facts.score(node_id) if facts.profile.by_scores else None
    policy = f"{facts.profile.policy} of its judged strands"
    if score is not None:  # one bracket: `is at 1.75 (level 1, the mean of its ...)`
        how = f", the {policy}" if kind != "strand" else ""
        return f"{subject} is at {score_text(score)} (level {level}{how})"
    text = f"{subject} is at level {level}"
    return text if kind == "strand" else f"{text} ({policy})"


def _levels(values: Sequence[int]) -> str:
    if len(values) == 1:
        return f"level {values[0]}"
    return f"level {', '.join(str(v) for v in values[:-1])} or {values[-1]}"


def describe(condition: Condition) -> str:
    """A condition in words: `1b1 is at level 4 or 5 and aspect 1a is not yet at level 3`."""
    if isinstance(condition, Test):
        subject = subject_name(*condition.subject)
        name, value = condition.operator
        if name == "level":
            return f"{subject} is at {_levels(condition.levels)}"
        if name == "below":
            # "below" misleads where level 1 is the best: the scale's own words.
            return f"{subject} is not yet at level {value}"
        if name == "reached":
            return f"{subject} has reached level {value}"
        if name == "unjudged":
            return f"{subject} is {'not ' if value else ''}judged"
        if name == "score_below":
            return f"{subject} scores below {_threshold_text(value)}"
        if name == "score_reached":
            return f"{subject} scores {_threshold_text(value)} or more"
        verb = "improved" if name == "improved" else "regressed"
        return f"{subject} has {'' if value else 'not '}{verb} since the previous review"

    def part(child: Condition) -> str:
        text = describe(child)
        return text if isinstance(child, Test | NotOf) else f"({text})"

    if isinstance(condition, AllOf):
        return " and ".join(part(c) for c in condition.all) or "always"
    if isinstance(condition, AnyOf):
        return " or ".join(part(c) for c in condition.any) or "never"
    return f"not ({describe(condition.not_)})"


_COUNTS: Final = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def change_words(scale: Scale, old: int, new: int) -> str:
    """A change in the scale's own words, whichever way it runs: `up one level, 4 → 3`
    (better), `down two levels, 2 → 4`, `unchanged at level 3`."""
    steps = scale.change(old, new)
    if not steps:
        return f"unchanged at level {new}"
    count = abs(steps)
    words = _COUNTS[count] if count < len(_COUNTS) else str(count)
    plural = "" if count == 1 else "s"
    return f"{'up' if steps > 0 else 'down'} {words} level{plural}, {old} → {new}"


def explain(condition: Condition, scale: Scale, facts: Facts) -> str:
    """A condition in words with the school's own values beside each test, in the scale's
    words: `1a1 is not yet at level 1 (it is at 3)`, `aspect 1b has reached level 2 (it is
    at 2, the median of its judged strands)`, `1b1 has improved since the previous review
    (up one level, 4 → 3)`. What a rule pack's recommendation gives as its rationale."""
    if isinstance(condition, Test):
        return _explain_test(condition, scale, facts)

    def part(child: Condition) -> str:
        text = explain(child, scale, facts)
        return text if isinstance(child, Test | NotOf) else f"({text})"

    if isinstance(condition, AllOf):
        return " and ".join(part(c) for c in condition.all) or "always"
    if isinstance(condition, AnyOf):
        return " or ".join(part(c) for c in condition.any) or "never"
    return f"not ({explain(condition.not_, scale, facts)})"


def _explain_test(test: Test, scale: Scale, facts: Facts) -> str:
    kind, node_id = test.subject
    text = describe(test)
    name, value = test.operator
    if name in ("improved", "regressed"):
        comparison = facts.comparison
        before = None if comparison is None else comparison.get(node_id)
        if comparison is None:
            return f"{text} (there is no previous review)"
        if before is None:
            return f"{text} (it is not judged in both reviews)"
        return f"{text} ({change_words(scale, before.old, before.new)})"
    level = facts.level(node_id)
    policy = f"the {facts.profile.policy} of its judged strands"
    stated = (name == "level" and level is not None and test.levels == (level,)) or (
        name == "unjudged" and value is True and level is None and facts.applicable(node_id)
    )
    if stated:
        return text if kind == "strand" or level is None else f"{text} ({policy})"
    score = facts.score(node_id) if level is not None else None
    if level is None:
        actual = "it is not judged" if facts.applicable(node_id) else "it is not applicable"
    elif score is not None and (facts.profile.by_scores or name.startswith("score_")):
        actual = f"it is at {score_text(score)}, level {level}"
    else:
        actual = f"it is at {level}"
    if kind != "strand" and level is not None:
        actual += f", {policy}"
    return f"{text} ({actual})"
