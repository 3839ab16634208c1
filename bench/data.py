"""Deterministic benchmark inputs: assessment texts and rule packs made with `random.Random`.

Nothing here uses hypothesis: the same seed gives the same bytes on every machine, so two
runs (or two commits) time the same work.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from selfreview_core import Assessment, Framework, RulePack

__all__ = [
    "assessment_pair_texts",
    "assessment_text",
    "assessment_texts",
    "rule_pack",
    "to_rule_engine",
]

_WORDS = (
    "staff",
    "pupils",
    "governors",
    "parents",
    "vision",
    "strategy",
    "budget",
    "laptops",
    "survey",
    "plan",
    "policy",
    "training",
    "review",
    "meeting",
    "tracking",
    "software",
    "network",
    "safeguarding",
    "evaluation",
    "minutes",
    "newsletter",
    "website",
    "curriculum",
    "assessment",
    "data",
    "leadership",
    "team",
    "termly",
    "annual",
    "audit",
    "replacement",
    "licence",
    "filtering",
    "consent",
    "workshop",
    "observation",
    "report",
    "subject",
    "leader",
)
_NAMES = ("Primary", "Junior", "Infant", "Secondary", "Academy", "Special", "Church of England")
_TOWNS = ("Ashford", "Barnet", "Calder", "Dorking", "Eastleigh", "Frome", "Goole", "Hexham")


def _sentence(rng: random.Random) -> str:
    words = rng.choices(_WORDS, k=rng.randint(6, 18))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


#: How often a school judges a strand at each rank (0 = the worst level), from the worst
#: up: real cohorts sit mostly in the middle of the scale, with a tail at each end. Each
#: strand of each school is drawn on its own (a school is not one level throughout), so
#: schools differ strand by strand as they do in a real cohort, and caches keyed by levels
#: are not flattered.
RANK_WEIGHTS: tuple[float, ...] = (0.12, 0.30, 0.33, 0.18, 0.07)


def _rank_weights(size: int) -> list[float]:
    """`RANK_WEIGHTS` stretched or squeezed to a scale of `size` levels."""
    if size == len(RANK_WEIGHTS):
        return list(RANK_WEIGHTS)
    step = (len(RANK_WEIGHTS) - 1) / max(1, size - 1)
    return [RANK_WEIGHTS[round(i * step)] for i in range(size)]


def _level(rng: random.Random, framework: Framework) -> int:
    """One strand's level, drawn from a cohort's distribution (`RANK_WEIGHTS`)."""
    scale = framework.scale
    rank = rng.choices(range(scale.size), weights=_rank_weights(scale.size))[0]
    return scale.from_rank(rank)


def _levels(
    rng: random.Random, framework: Framework, base: dict[str, int] | None = None
) -> dict[str, int]:
    """Judged strands and their levels: most reviews complete, some partial."""
    strand_ids = list(framework.strand_ids)
    scale = framework.scale
    if base is not None:  # a later review: most strands the same or a step better
        out: dict[str, int] = {}
        for strand_id in strand_ids:
            if strand_id not in base:
                if rng.random() < 0.5:
                    out[strand_id] = _level(rng, framework)
                continue
            rank = scale.rank(base[strand_id]) + rng.choice((-1, 0, 0, 1, 1, 1))
            out[strand_id] = scale.from_rank(min(scale.size - 1, max(0, rank)))
        return out
    if rng.random() < 0.3:
        strand_ids = sorted(
            rng.sample(strand_ids, rng.randint(3, len(strand_ids) - 1)), key=strand_ids.index
        )
    return {strand_id: _level(rng, framework) for strand_id in strand_ids}


def _render(
    rng: random.Random,
    framework: Framework,
    school: tuple[str, str, str],
    on: dt.date,
    levels: dict[str, int],
) -> str:
    school_id, name, authority = school
    lines = [
        "# A generated self-review (benchmark data; no real school).",
        "kind: assessment",
        f"framework: {framework.ref}",
        "school:",
        f'  id: "{school_id}"',
        f"  name: {name}",
        f"  authority: {authority}",
        f"assessed_on: {on.isoformat()}",
    ]
    if rng.random() < 0.7:
        lines.append("assessor: Deputy headteacher")
    lines.append("judgements:")
    for strand_id, level in levels.items():
        if rng.random() < 0.45:
            lines.append(f"  {strand_id}:")
            lines.append(f"    level: {level}")
            lines.append(f"    evidence: {_sentence(rng)}")
            if rng.random() < 0.2:
                lines.append(f"    judged_on: {on.isoformat()}")
        else:
            lines.append(f"  {strand_id}: {level}")
    return "\n".join(lines) + "\n"


def _school(rng: random.Random, index: int) -> tuple[str, str, str]:
    town = rng.choice(_TOWNS)
    return (
        str(100000 + index),
        f"{town} {rng.choice(_NAMES)} School {index}",
        f"{town} LEA",
    )


def _date(rng: random.Random, year: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))


def assessment_text(framework: Framework, index: int, seed: int = 0) -> str:
    """The YAML text of school number `index`'s review (the same for the same arguments)."""
    rng = random.Random(f"{seed}-{index}")
    levels = _levels(rng, framework)
    return _render(rng, framework, _school(rng, index), _date(rng, 2025), levels)


def assessment_texts(framework: Framework, n: int, seed: int = 0) -> Iterator[str]:
    """`n` review texts, made one at a time (a generator: nothing is kept)."""
    for index in range(n):
        yield assessment_text(framework, index, seed)


def assessment_pair_texts(framework: Framework, index: int, seed: int = 0) -> tuple[str, str]:
    """(previous, current) reviews of one school, a year apart, for `improved`/`regressed`."""
    rng = random.Random(f"pair-{seed}-{index}")
    school = _school(rng, index)
    before = _levels(rng, framework)
    after = _levels(rng, framework, before)
    return (
        _render(rng, framework, school, _date(rng, 2024), before),
        _render(rng, framework, school, _date(rng, 2025), after),
    )


# -- rule packs ---------------------------------------------------------------------------


def _test(rng: random.Random, framework: Framework) -> dict[str, Any]:
    """One test: mostly strands, some aspects and elements; every operator."""
    roll = rng.random()
    if roll < 0.7:
        subject = ("strand", rng.choice(framework.strand_ids))
    elif roll < 0.9:
        subject = ("aspect", rng.choice([a.id for a in framework.aspects]))
    else:
        subject = ("element", rng.choice([e.id for e in framework.elements]))
    levels = framework.scale.levels
    operator = rng.choices(
        ("level", "levels", "below", "reached", "unjudged", "improved", "regressed"),
        weights=(30, 10, 25, 15, 5, 10, 5),
    )[0]
    value: Any
    if operator == "level":
        value = rng.choice(levels)
    elif operator == "levels":
        operator, value = "level", sorted(rng.sample(levels, 2))
    elif operator in ("below", "reached"):
        value = rng.choice(levels[1:-1] if len(levels) > 2 else levels)
    else:
        value = rng.random() < 0.85
    return {subject[0]: subject[1], operator: value}


def _condition(rng: random.Random, framework: Framework, tests: int) -> dict[str, Any]:
    """A condition of `tests` tests: one test alone, else mostly a conjunction, sometimes
    with a negated part or a disjunction inside (the shapes real packs use)."""
    if tests == 1:
        return _test(rng, framework)
    parts = [_test(rng, framework) for _ in range(tests)]
    roll = rng.random()
    if roll < 0.15:
        parts[-1] = {"not": parts[-1]}
    elif roll < 0.25 and tests >= 3:
        parts[-2:] = [{"any": [parts[-2], parts[-1]]}]
    return {"all": parts}


def rule_pack(
    framework: Framework, n: int, *, tests: int = 1, seed: int = 0, pack_id: str | None = None
) -> RulePack:
    """A pack of `n` rules, each a condition of `tests` tests, built through the model."""
    rng = random.Random(f"pack-{seed}-{n}-{tests}")
    rules = []
    for i in range(n):
        rules.append(
            {
                "id": f"r{i:04d}",
                "when": _condition(rng, framework, tests),
                "recommend": {
                    "title": f"Generated advice {i}",
                    "action": _sentence(rng),
                    "priority": rng.choice(("high", "medium", "low")),
                },
            }
        )
    return RulePack.model_validate(
        {
            "kind": "rules",
            "id": pack_id or f"bench-{n}x{tests}",
            "framework": framework.id,
            "rules": rules,
        }
    )


# -- the same conditions for the `rule-engine` package --------------------------------------


def symbol(node_id: str, dimension: str = "level") -> str:
    """A rule-engine symbol for a strand, aspect or element id (ids may start with digits)."""
    prefix = "L_" if dimension == "level" else "C_"
    return prefix + "".join(c if c.isalnum() else "_" for c in node_id)


def to_rule_engine(condition: Any, framework: Framework) -> str:
    """A rule-engine expression with exactly the meaning of our condition (`holds`), over a
    dict of `L_<id>` levels (null when unjudged) and `C_<id>` changes (-1, 0, 1 or null)."""
    data: dict[str, Any] = condition.model_dump(by_alias=True, exclude_none=True)
    return _expression(data, framework)


def _expression(data: dict[str, Any], framework: Framework) -> str:
    if "all" in data:
        parts = [_expression(c, framework) for c in data["all"]]
        return "(" + " and ".join(parts) + ")" if parts else "true"
    if "any" in data:
        parts = [_expression(c, framework) for c in data["any"]]
        return "(" + " or ".join(parts) + ")" if parts else "false"
    if "not" in data:
        return f"(not {_expression(data['not'], framework)})"
    node_id = next(data[k] for k in ("strand", "aspect", "element") if k in data)
    level, change = symbol(node_id), symbol(node_id, "change")
    scale = framework.scale
    # `below` is "worse than", `reached` "at or better than", whichever way the scale runs.
    worse, better_or_same = (">", "<=") if scale.best < scale.worst else ("<", ">=")
    if "level" in data:
        value = data["level"]
        values = value if isinstance(value, list | tuple) else [value]
        return f"({level} in [{', '.join(str(v) for v in values)}])"
    if "below" in data:
        return f"({level} != null and {level} {worse} {data['below']})"
    if "reached" in data:
        return f"({level} != null and {level} {better_or_same} {data['reached']})"
    if "unjudged" in data:
        return f"({level} {'==' if data['unjudged'] else '!='} null)"
    if "improved" in data:
        return f"({change} == 1)" if data["improved"] else f"({change} in [-1, 0])"
    return f"({change} == -1)" if data["regressed"] else f"({change} in [0, 1])"


def assessment_from_text(text: str) -> Assessment:
    """Bare pydantic validation (no framework check), for building inputs quickly."""
    import yaml

    return Assessment.model_validate(yaml.load(text, Loader=yaml.CSafeLoader))
