"""Problems found in plain data, and the checks that need nothing but the document itself.

A `Finding` is a problem at a document path; the loader turns it into a located
`Diagnostic`. The checks here span more than one field (unique ids, levels matching the
scale) and read plain data (what a file parses to, or a model dump), defensive about its
shape, so they run even when field validation has failed elsewhere in the document: one run
reports every problem. Checks against a framework are in `checks`, `conditions` (the ids
and levels a condition names) and `assessment_checks`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from .._lookalikes import looking_alike
from .._names import LEVEL_KEY, MAX_LEVELS
from ..errors import PathPart, format_path

if TYPE_CHECKING:  # plain data only: `selfreview validate` checks a framework without pydantic
    from .scale import Scale

__all__ = [
    "Finding",
    "FrameworkOutline",
    "Path",
    "a_or_an",
    "describe_scale",
    "duplicate_id_finding",
    "framework_findings",
    "lookalike_id_findings",
    "scale_finding",
    "scale_levels",
]

Path = tuple[PathPart, ...]
_CHILDREN = (("elements", "element"), ("aspects", "aspect"), ("strands", "strand"))


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem at a document path; the loader turns it into a located `Diagnostic`."""

    path: Path
    message: str
    code: str
    hint: str | None = None
    #: Point at the key itself rather than its value (unknown keys, unknown strand ids).
    at_key: bool = False
    #: Another place the message refers to (the first use of a duplicated id).
    related: Path | None = None
    #: The number at `path` (its key, `at_key`) that the message names, first, as read
    #: (`level 10`): located in a file, it is named as the file writes it (`0o12`), the text
    #: the reader finds there (`files.written`).
    number: int | float | None = None
    #: The keys the message names in backticks as read (`_spelled`: `` `1` ``), by path, in the
    #: message's order: located in a file, each number among them is named as the file writes
    #: it (`` `0o1` ``), as `number` is (`files.written`).
    keys: tuple[Path, ...] = ()

    def describe(self) -> str:
        text = f"{format_path(self.path)}: {self.message}" if self.path else self.message
        return f"{text} ({self.hint})" if self.hint else text


class FrameworkOutline(Protocol):
    """What a check of the ids and levels a condition names reads of a framework: its ids,
    the kind of each, its scale and the name messages give it.

    `Framework` is one. The checks ask for no more, so that a framework checks the
    requirements of its own awards with the very checks rule packs get (`conditions`).
    """

    @property
    def ref(self) -> str: ...

    @property
    def ids(self) -> tuple[str, ...]: ...

    @property
    def scale(self) -> Scale: ...

    def kind_of(self, node_id: str) -> str: ...

    def __contains__(self, node_id: object) -> bool: ...


def describe_scale(best: int, worst: int) -> str:
    """`5 (best) .. 1 (worst)`: a scale in every message and summary."""
    return f"{best} (best) .. {worst} (worst)"


def a_or_an(word: str) -> str:
    """`a strand`, `an aspect`, `an element`: the article messages use."""
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _int(value: Any) -> int | None:
    """An integer level as a file may write it (JSON object keys are always strings)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and len(value) < 20:
        # One sign, then decimal digits: `int` reads those (any script's), and not every
        # `isdigit` character (`²`) or a second sign (`+-3`).
        text = value.strip()
        digits = text[1:] if text[:1] in ("+", "-") else text
        if digits.isdecimal():
            return int(text)
    return None


def scale_levels(data: Any) -> tuple[int, ...] | None:
    """The levels of a raw `scale` mapping, best first, or None when it is not usable."""
    if not isinstance(data, Mapping):
        return None
    best, worst = data.get("best"), data.get("worst")
    if not isinstance(best, int) or not isinstance(worst, int):
        return None
    if isinstance(best, bool) or isinstance(worst, bool):
        return None
    if best == worst or abs(best - worst) + 1 > MAX_LEVELS:
        return None
    step = 1 if best > worst else -1
    return tuple(range(best, worst - step, -step))


def _nodes(data: Mapping[str, Any]) -> Iterator[tuple[Path, str, Mapping[str, Any]]]:
    """(path, kind, mapping) of every element, aspect and strand, parents first."""
    stack: list[tuple[Path, Any, int]] = [((), data, -1)]
    while stack:
        path, node, depth = stack.pop()
        if depth >= 0:
            yield path, _CHILDREN[depth][1], node
        if depth + 1 >= len(_CHILDREN):
            continue
        key = _CHILDREN[depth + 1][0]
        children = node.get(key)
        if isinstance(children, list | tuple):
            for index in reversed(range(len(children))):
                if isinstance(children[index], Mapping):
                    stack.append(((*path, key, index), children[index], depth + 1))


def framework_findings(data: Any) -> list[Finding]:
    """Duplicate ids at any depth, and strands whose levels are not exactly the scale's."""
    if not isinstance(data, Mapping):
        return []
    findings: list[Finding] = []
    levels = scale_levels(data.get("scale"))
    seen: dict[str, tuple[Path, str]] = {}
    for path, kind, node in _nodes(data):
        node_id = node.get("id")
        if isinstance(node_id, str) and node_id:  # an empty id: "must not be empty", once
            if node_id in seen:
                first_path, first_kind = seen[node_id]
                findings.append(
                    Finding(
                        (*path, "id"),
                        f"duplicate id `{node_id}`: already used by the {first_kind} at "
                        f"{format_path(first_path)}",
                        "duplicate-id",
                        hint="ids must be unique across elements, aspects and strands",
                        related=(*first_path, "id"),
                    )
                )
            else:
                seen[node_id] = (path, kind)
        if kind == "strand":
            findings.extend(levels_given_twice((*path, "levels"), node.get("levels")))
            if levels is not None:
                findings.extend(_level_findings(path, node.get("levels"), levels))
    scale = data.get("scale")
    if isinstance(scale, Mapping):
        findings.extend(levels_given_twice(("scale", "labels"), scale.get("labels")))
    return findings


def _spelled(key: Any) -> str:
    """A key as the file spells it: text in quotes (YAML's `"1"`, any JSON key), a number bare."""
    return f'`"{key}"`' if isinstance(key, str) else f"`{key}`"


def levels_given_twice(path: Path, given: Any) -> Iterable[Finding]:
    """Two keys of a mapping by level that name one level (`1` and `"1"` in YAML, `"1"` and
    `"01"` in JSON): as the file reader sees them they are two keys, as a level one, and
    the model kept the last in silence. Each after the first, at its key."""
    if not isinstance(given, Mapping):
        return
    first: dict[int, Any] = {}
    for key in given:
        if isinstance(key, str) and re.fullmatch(LEVEL_KEY, key):
            level = int(key)
        elif type(key) is int:
            level = key
        else:  # not a level to the model: field validation refuses it
            continue
        if level not in first:
            first[level] = key
            continue
        yield Finding(
            (*path, key),
            f"level {level} is given twice: {_spelled(first[level])} and {_spelled(key)} name "
            "the same level",
            "duplicate-level",
            hint="give each level once",
            at_key=True,
            keys=((*path, first[level]), (*path, key)),
        )


def _level_findings(path: Path, given: Any, levels: tuple[int, ...]) -> Iterable[Finding]:
    if not isinstance(given, Mapping):
        return
    present: set[int] = set()
    for key in given:
        level = _int(key)
        if level is None:
            continue  # a non-integer key is a type error, reported by field validation
        present.add(level)
        if level not in levels:
            yield Finding(
                (*path, "levels", key),  # as the file writes it: `"7"` and `7` each at itself
                f"level {level} is outside the scale {describe_scale(levels[0], levels[-1])}",
                "level-outside-scale",
                at_key=True,
                number=level,
            )
    missing = [level for level in levels if level not in present]
    if missing:
        names = ", ".join(map(str, missing))
        yield Finding(
            (*path, "levels"),
            f"no descriptor for level{'s' if len(missing) > 1 else ''} {names}",
            "missing-level",
            hint=f"every strand needs one descriptor per level, {levels[0]} .. {levels[-1]}",
        )


def duplicate_id_finding(
    path: Path, item_id: Any, first_at: dict[str, Path], what: str, scope: str
) -> Finding | None:
    """A finding when `item_id` was already used at an earlier path in `first_at` (which
    records first uses); `what` is `rule` or `award`, `scope` where ids must be unique."""
    if not isinstance(item_id, str) or not item_id:  # empty: "must not be empty", once
        return None
    if item_id not in first_at:
        first_at[item_id] = path
        return None
    return Finding(
        (*path, "id"),
        f"duplicate {what} id `{item_id}`: already used at {format_path(first_at[item_id])}",
        "duplicate-id",
        hint=f"{what} ids must be unique in {scope}",
        related=(*first_at[item_id], "id"),
    )


def scale_finding(scale: Scale, path: Path, level: Any) -> Finding | None:
    """A finding when `level` is a whole number outside `scale` (anything else is left to
    field validation)."""
    if not isinstance(level, int) or isinstance(level, bool) or level in scale:
        return None
    message = f"level {level} is outside the scale {scale.describe()}"
    return Finding(path, message, "level-outside-scale", number=level)


def lookalike_id_findings(data: Mapping[str, Any]) -> list[Finding]:
    """Ids of a raw framework's elements, aspects and strands that look alike but differ
    (`café` composed and decomposed, `1a1` and `1a1` with a Cyrillic a, `1A1`): `show`
    prints them the same, and an assessment typed on another keyboard judges the other
    one. Each after the first of its kind is a warning at its path, naming the first."""
    at: dict[str, Path] = {}

    def place(node: Mapping[str, Any], where: Path) -> None:
        node_id = node.get("id")
        if isinstance(node_id, str):  # any other is field validation's to refuse
            at.setdefault(node_id, where)

    for i, element in enumerate(_items(data.get("elements"))):
        place(element, ("elements", i, "id"))
        for j, aspect in enumerate(_items(element.get("aspects"))):
            place(aspect, ("elements", i, "aspects", j, "id"))
            for k, strand in enumerate(_items(aspect.get("strands"))):
                place(strand, ("elements", i, "aspects", j, "strands", k, "id"))
    found = []
    for first, *others in looking_alike(at):
        for other in others:
            odd = [c for c in dict.fromkeys(other + first) if not c.isascii()]
            found.append(
                Finding(
                    at[other],
                    f"`{other}` looks like `{first}` (at {format_path(at[first])}) but is "
                    "another id",
                    "look-alike-id",
                    hint="what differs: "
                    + (", ".join(f"U+{ord(c):04X}" for c in odd) if odd else "letter case"),
                )
            )
    return found


def _items(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []
