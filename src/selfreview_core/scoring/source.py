"""The source of `scoring.plan`'s scorers: Python written for one framework's layout, each
strand's level a local and each of the profile's tables a dict display with the ids as
constants (`ScorePlan._compile` runs it once per framework and policy, as `dataclasses`
writes `__init__`). Ids appear only as `repr()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

__all__ = ["FIELDS", "Layout", "source"]

#: The fields of a profile the scorers give, every one of them, in the model's order.
FIELDS: Final = (
    *("framework", "policy", "scale", "strands", "aspects", "elements", "overall"),
    *("coverage", "progress_by_id", "overall_progress", "scores", "overall_score"),
    *("by_scores", "not_applicable"),
)

#: (element id, ((aspect id, its strands' positions), ...)) in framework order.
Layout = tuple[tuple[str, tuple[tuple[str, tuple[int, ...]], ...]], ...]


def _sum(terms: Sequence[str]) -> str:
    """Python for the sum of some locals (a call for many: a long `+` chain nests deep)."""
    if not terms:
        return "0"
    return " + ".join(terms) if len(terms) <= 16 else f"sum(({', '.join(terms)},))"


def _tuple(terms: Sequence[str]) -> str:
    return f"({', '.join(terms)},)" if terms else "()"


def _all(terms: Iterable[str]) -> str:
    """Python for all of some conditions: one flat `and` (a chain of jumps, no call, where
    `issuperset(map(type, ...))` made an iterator and called `type` once for each)."""
    return " and ".join(terms) or "True"


def _frozen(name: str, rows: Sequence[str]) -> list[str]:
    """A `FrozenDict` of these rows made in C, the display copied once (`_frozen.freeze`)."""
    return [f"{name} = NEW(FROZEN)", f"FILL({name}, {{{', '.join(rows)}}})"]


def _shared(name: str, table: str, values: Sequence[str], rows: Sequence[str]) -> list[str]:
    """A `FrozenDict` of these rows kept by their values in `table` (up to `MAX_SHARED`)."""
    key = _tuple(list(values))
    return [
        f"{name} = {table}.get({key})",
        f"if {name} is None:",
        *[f"    {line}" for line in _frozen(name, rows)],
        f"    if len({table}) < MAX_SHARED:",
        f"        {table}[{key}] = {name}",
    ]


#: What `base.built(MAKE, fields, set(NAMES))` does, written out: two frames fewer a school.
_BUILT: Final = (
    "made = OBJECT_NEW(MAKE)",
    "SET_DICT(made, fields)",
    "SET_FIELDS_SET(made, set(NAMES))",
    "SET_EXTRA(made, None)",
    "SET_PRIVATE(made, None)",
    "return made",
)


def source(strand_ids: Sequence[str], layout: Layout, *, fit: bool, inline: bool) -> str:
    """The scorer for this layout: `make(...)` returns it, the plan's tables bound. It
    takes judgements and gives a profile's fields; with `fit`, it takes the assessment,
    tells it fits (else None) and gives the profile (`MAKE` of the fields; with `inline`,
    `MAKE` is the model class, built here as `base.built` builds it, without its frames).

    Strand i's level is `l{i}`, its progress, score and share of a pattern `p{i}`, `s{i}`,
    `w{i}`; aggregate j's pattern `k{j}` and level, progress and score `v{j}`, `q{j}`,
    `r{j}` (each element after its aspects, overall last). An aggregate of the same
    strands as one before it (an element of one aspect, overall of one element) takes that
    one's results. Ids appear only as `repr()`."""
    count = len(strand_ids)
    strands = [f"l{i}" for i in range(count)]
    body = []
    if fit:  # what the pass does not read itself, checked first, in C
        body += [
            "if assessment.review is not None:",
            "    return None  # strands awaiting review: the full check says which",
            "judgements = assessment.judgements",
            "if type(judgements) is not FROZEN:",
            "    return None  # not as validation gives them",
            "ref = assessment.framework",
            "if type(ref) is not str or (ref != REF and ref != ID):",
            "    return None",
        ]
        # Each strand's judgement (or UNJUDGED), checked exactly a `Judgement` before any
        # is read (no code of a subclass runs); one not of a strand, or without a level,
        # is told by the count of judged strands below, and never read. Checked, as the
        # levels' types below, by a flat `and` of `type(x) is ...`: `type` of one argument
        # is specialised by CPython 3.11, a `map(type, ...)` into `issuperset` calls it.
        judged = [f"j{i}" for i in range(count)]
        gets = [f"j{i} = judgements.get({s!r}, UNJUDGED)" for i, s in enumerate(strand_ids)]
        if count >= 2:
            # Every strand judged (most schools): all read by one call in C (`EVERY`, an
            # `itemgetter` of the ids), not a `get` each. A judgement not of a strand
            # among them raises `KeyError`: none fits, as the count below would tell.
            body += [
                f"if len(judgements) == {count}:",
                f"    {_tuple(judged)} = EVERY(judgements)",
                "else:",
                *[f"    {line}" for line in gets],
            ]
        else:
            body += gets
        body += [
            f"if not ({_all(f'(type({j}) is JUDGEMENT or {j} is UNJUDGED)' for j in judged)}):",
            "    return None",
            f"if {' or '.join(f'j{i}.answers is not None' for i in range(count)) or 'False'}:",
            "    return None  # answers (even none: `{}`): checked against the questions",
        ]
        body += [f"l{i} = j{i}.level" for i in range(count)]
    else:
        body += [f"l{i} = judgements.get({s!r}, UNJUDGED).level" for i, s in enumerate(strand_ids)]
    body += [
        f"levels = {_tuple(strands)}",
        f"if not ({_all(f'(type({v}) is int or {v} is None)' for v in strands)}):",
        "    return None  # `True` or 3.0: scored by their own arithmetic",
    ]
    body += [f"p{i}, s{i}, w{i} = PER_LEVEL[l{i}]" for i in range(count)]
    patterns: list[str] = []  # each aggregate's pattern, then (`lookups`) its results
    lookups: list[str] = []
    aspect_rows: list[str] = []
    element_rows: list[str] = []
    aspect_values: list[str] = []
    element_values: list[str] = []
    strand_rows = [f"{s!r}: l{i}" for i, s in enumerate(strand_ids)]
    progress_rows = [f"{s!r}: p{i}" for i, s in enumerate(strand_ids)]
    score_rows = [f"{s!r}: s{i}" for i, s in enumerate(strand_ids)]
    element_patterns: list[str] = []
    j = 0
    #: The first aggregate of each set of strands (policies are symmetric: the set decides).
    first: dict[frozenset[int], int] = {}

    def aggregate(node_id: str, pattern: str, positions: Sequence[int]) -> None:
        nonlocal j
        same = first.setdefault(frozenset(positions), j)
        if same != j:
            patterns.append(f"k{j} = k{same}")
            lookups.append(f"v{j}, q{j}, r{j} = v{same}, q{same}, r{same}")
        else:
            levels = _tuple([f"l{i}" for i in positions])
            patterns.append(f"k{j} = {pattern}")
            lookups.append(f"v{j}, q{j}, r{j} = K{j}.get(k{j}) or reduced(K{j}, k{j}, {levels})")
        progress_rows.append(f"{node_id!r}: q{j}")
        score_rows.append(f"{node_id!r}: r{j}")
        j += 1

    for element_id, aspects in layout:
        aspect_patterns: list[str] = []
        for aspect_id, positions in aspects:
            aspect_rows.append(f"{aspect_id!r}: v{j}")
            aspect_values.append(f"v{j}")
            aspect_patterns.append(f"k{j}")
            aggregate(aspect_id, _sum([f"w{i}" for i in positions]), positions)
        element_rows.append(f"{element_id!r}: v{j}")
        element_values.append(f"v{j}")
        element_patterns.append(f"k{j}")
        aggregate(element_id, _sum(aspect_patterns), [i for _, p in aspects for i in p])
    values = (
        *("REF", "POLICY", "SCALE", "strands", "aspects", "elements", "vo"),
        f"judged / {count}" if count else "0.0",
        *("progress", "qo", "scores", "ro", "False", "()"),
    )
    overall = first.get(frozenset(range(count)))
    if overall is not None:
        total = f"k{overall}"
        lookups.append(f"vo, qo, ro = v{overall}, q{overall}, r{overall}")
    else:
        total = "ko"
        patterns.append(f"ko = {_sum(element_patterns)}")
        lookups.append(f"vo, qo, ro = K{j}.get(ko) or reduced(K{j}, ko, levels)")
    body += patterns
    # The strands judged: the count of None in overall's pattern, where every strand is
    # under exactly one aspect (its digit, `NONE_SHARE`, the highest); else counted.
    once = sorted(i for _, aspects in layout for _, p in aspects for i in p) == list(range(count))
    unjudged = f"{total} // NONE_SHARE" if once else "levels.count(None)"
    body.append(f"judged = {count} - {unjudged}")
    if fit:  # every judgement of a strand, and with a level (a `Judgement` has one else)
        body += ["if judged != len(judgements):", "    return None"]
    else:
        body += [
            f"if judged != {count} and judged != sum(map(judgements.__contains__, IDS)):",
            "    return None  # a judgement without a level: not applicable",
        ]
    body += lookups
    body += [
        # The aspects' and elements' tables shared by every school with their levels.
        *_shared("aspects", "A", aspect_values, aspect_rows),
        *_shared("elements", "E", element_values, element_rows),
        *_frozen("strands", strand_rows),
        # Its levels as read, for the plugins of this profile (`scoring.plan.LAST_SCORED`).
        "SCORED[0] = (strands, IDS, levels, aspects, elements, POLICY)",
        *_frozen("progress", progress_rows),
        *_frozen("scores", score_rows),
        "fields = {",
        *[f"    {name!r}: {value}," for name, value in zip(FIELDS, values, strict=True)],
        "}",
    ]
    if fit:
        body += _BUILT if inline else ["return MAKE(fields)"]
        inner = "".join(f"            {line}\n" for line in body)
        inner = (
            "        try:\n"
            f"{inner}"
            "        except (AttributeError, KeyError, TypeError):\n"
            "            return None  # not an assessment, not judgements, a level off the scale\n"
        )
    else:
        body.append("return fields")
        inner = "".join(f"        {line}\n" for line in body)
    return (
        "def make(REF, ID, POLICY, SCALE, PER_LEVEL, NONE_SHARE, UNJUDGED, JUDGEMENT, IDS, KEPT,"
        " EVERY, reduced,"
        " NEW, FROZEN, FILL, MAX_SHARED, SHARED, MAKE, OBJECT_NEW, SET_DICT,"
        " SET_FIELDS_SET, SET_EXTRA, SET_PRIVATE, NAMES, SCORED):\n"
        f"    {_tuple([f'K{i}' for i in range(j + 1)])} = KEPT\n"
        "    A, E = SHARED\n"
        f"    def scorer({'assessment' if fit else 'judgements'}):\n"
        f"{inner}"
        "    return scorer\n"
    )
