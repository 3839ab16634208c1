"""A framework checked on its plain data, without pydantic: `selfreview validate`'s quick path.

Importing pydantic and building the framework's models costs more than the whole of
`yamllint` on the same file (docs/performance.md, "Round 22: cold start"), while most
framework files are valid and plain: strings, integers, elements of aspects of strands.
`quick_outline` says "valid" only for data that `Framework` certainly accepts, with no
warning, and gives what the summary line needs; for anything else (an unusual type or
key, any problem at all, the parts with their own models: awards, questions, answer sets,
terms, a policy) it gives None and the caller takes the full path, which finds and locates
every problem. So it may send a valid document the slow way, never an invalid one the quick
way: tests/model/test_quick_framework.py holds it to that over generated frameworks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, TypeGuard

from .._names import MAX_LEVELS
from .findings import describe_scale, framework_findings, lookalike_id_findings
from .unseen import unseen_only

__all__ = ["QuickOutline", "quick_outline"]

#: The top-level keys the quick path knows: every other one has a model of its own.
_TOP: Final = frozenset(
    {"kind", "id", "version", "title", "publisher", "year", "source", "licence", "notes"}
    | {"scale", "elements"}
)
_OPTIONAL_TEXT: Final = ("publisher", "source", "licence", "notes")
#: Each level of the tree: its key, and the keys each of its nodes has (all required).
_TREE: Final = (
    ("elements", frozenset({"id", "title", "aspects"})),
    ("aspects", frozenset({"id", "title", "strands"})),
    ("strands", frozenset({"id", "title", "levels"})),
)


@dataclass(frozen=True, slots=True)
class QuickOutline:
    """What the summary of a valid framework says (`validation.summarise`)."""

    ref: str
    title: str
    elements: int
    aspects: int
    strands: int
    best: int
    worst: int

    def summary(self, name: Callable[[str], str] = str) -> str:
        """`framework becta-srf@2010 "Self-review framework": 1 element, 3 aspects, ...`"""
        counts = (
            f"{n} {word}{'' if n == 1 else 's'}"
            for n, word in zip(self.counts, ("element", "aspect", "strand"), strict=True)
        )
        scale = describe_scale(self.best, self.worst)
        return f'framework {name(self.ref)} "{self.title}": {", ".join(counts)}, levels {scale}'

    @property
    def counts(self) -> tuple[int, int, int]:
        return self.elements, self.aspects, self.strands


def _is_id(value: Any) -> bool:
    """An `Id` for certain: printable ASCII, no space, no `@` (anything else, even a valid
    id, goes the full way: its regular expression is pydantic's, not Python's)."""
    return (
        type(value) is str
        and value != ""
        and value.isascii()
        and value.isprintable()
        and " " not in value
        and "@" not in value
    )


def _is_text(value: Any) -> bool:
    """A `Text`: a string that says something (`unseen.unseen_only`, which a zero-width space
    alone does not: since round 72 that goes the full way, to be refused at its place)."""
    return type(value) is str and not unseen_only(value)


def _is_int(value: Any) -> TypeGuard[int]:
    """A `StrictInt`: never a bool."""
    return type(value) is int


def _levels(value: Any, low: int, high: int) -> bool:
    """A mapping of levels (integers within the scale) to text."""
    return type(value) is dict and all(
        _is_int(level) and low <= level <= high and _is_text(text) for level, text in value.items()
    )


def _scale(value: Any) -> tuple[int, int] | None:
    """(best, worst) of a `Scale` that certainly validates, or None."""
    if type(value) is not dict or not value.keys() <= {"best", "worst", "labels"}:
        return None
    best, worst = value.get("best"), value.get("worst")
    if not (_is_int(best) and _is_int(worst)) or best == worst:
        return None
    if abs(best - worst) + 1 > MAX_LEVELS:
        return None
    low, high = min(best, worst), max(best, worst)
    if "labels" in value and not _levels(value["labels"], low, high):
        return None
    return best, worst


def _tree(nodes: Any, depth: int, counts: list[int], low: int, high: int) -> bool:
    """Whether `nodes` is a list of well-typed nodes at `depth` (elements, aspects,
    strands) all the way down; counts them by depth."""
    if type(nodes) is not list:
        return False
    keys = _TREE[depth][1]
    for node in nodes:
        if type(node) is not dict or node.keys() != keys:
            return False
        if not (_is_id(node["id"]) and _is_text(node["title"])):
            return False
        if depth + 1 < len(_TREE):
            if not _tree(node[_TREE[depth + 1][0]], depth + 1, counts, low, high):
                return False
        elif not _levels(node["levels"], low, high):
            return False
    counts[depth] += len(nodes)
    return True


def quick_outline(data: Any) -> QuickOutline | None:
    """The outline of `data` (a parsed framework file) when it is a valid framework for
    certain, without building its model; None when the full check must decide."""
    if type(data) is not dict or not data.keys() <= _TOP or data.get("kind") != "framework":
        return None
    if not (_is_id(data.get("id")) and _is_id(data.get("version"))):
        return None
    if not _is_text(data.get("title")):
        return None
    for key in _OPTIONAL_TEXT:
        value = data.get(key)
        if value is not None and type(value) is not str:
            return None
    year = data.get("year")
    if year is not None and not _is_int(year):
        return None
    scale = _scale(data.get("scale"))
    if scale is None:
        return None
    best, worst = scale
    counts = [0, 0, 0]
    if not _tree(data.get("elements"), 0, counts, min(scale), max(scale)):
        return None
    if framework_findings(data):  # duplicate ids, strands missing a level of the scale
        return None
    if lookalike_id_findings(data):  # valid, but with a warning to give
        return None
    ref = f"{data['id']}@{data['version']}"
    elements, aspects, strands = counts
    return QuickOutline(ref, data["title"], elements, aspects, strands, best, worst)
