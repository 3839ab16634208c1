"""Checks that span more than one field: unique ids, levels matching the scale, judgements
that fit their framework.

They read plain data (what a file parses to, or a model dump) and are defensive about its
shape, so they run even when field validation has failed elsewhere in the document: one run
reports every problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._base import did_you_mean, split_ref
from .errors import Diagnostic, InvalidDocument, PathPart, format_path
from .scale import MAX_LEVELS, Scale

if TYPE_CHECKING:
    from .framework import Framework

__all__ = [
    "Finding",
    "assessment_findings",
    "duplicate_id_finding",
    "framework_findings",
    "raise_findings",
    "scale_finding",
    "strand_finding",
    "unknown_id_finding",
    "version_findings",
    "wrong_framework_finding",
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

    def describe(self) -> str:
        text = f"{format_path(self.path)}: {self.message}" if self.path else self.message
        return f"{text} ({self.hint})" if self.hint else text


def _int(value: Any) -> int | None:
    """An integer level as a file may write it (JSON object keys are always strings)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit() and len(value) < 20:
        return int(value)
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
        if isinstance(node_id, str):
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
        if kind == "strand" and levels is not None:
            findings.extend(_level_findings(path, node.get("levels"), levels))
    return findings


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
                (*path, "levels", level),  # the number, so JSON's "1" reads as YAML's 1
                f"level {level} is outside the scale {levels[0]} (best) .. {levels[-1]} (worst)",
                "level-outside-scale",
                at_key=True,
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
    if not isinstance(item_id, str):
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


def version_findings(framework: Framework, data: Mapping[str, Any], what: str) -> list[Finding]:
    """A document naming `id@version` of another version than the framework it is checked
    against."""
    ref = data.get("framework")
    if isinstance(ref, str):
        version = split_ref(ref)[1]
        if version and version != framework.version:
            return [
                Finding(
                    ("framework",),
                    f"{what} is of version {version}, but {framework.id} is version "
                    f"{framework.version}",
                    "framework-version",
                )
            ]
    return []


def wrong_framework_finding(what: str, ref: str, framework: Framework) -> Finding | None:
    """A finding when `ref` (a document's `framework`) names another framework than the one
    it is checked against; `what` is the document (`assessment`, `rule pack`, `plan`)."""
    if split_ref(ref)[0] == framework.id:
        return None
    return Finding(
        ("framework",), f"{what} is of `{ref}`, not of {framework.ref}", "wrong-framework"
    )


def strand_finding(
    framework: Framework,
    path: Path,
    strand_id: str,
    *,
    at_key: bool = True,
    such_as: str | None = None,
    strand_ids: Sequence[str] | None = None,
) -> Finding | None:
    """A finding when `strand_id` is not a strand of `framework`, or None when it is.

    For an element or aspect id, `such_as` (`judge each of its strands`) leads a hint naming
    its first strand; for an unknown id, the hint is the closest of `strand_ids` (by default
    the framework's: pass them when checking many ids, so they are made once).
    """
    node = framework.find(strand_id)
    if node is not None and node.KIND == "strand":
        return None
    if node is None:
        candidates = framework.strand_ids if strand_ids is None else strand_ids
        what, hint = "not a strand", did_you_mean(strand_id, candidates)
    else:
        what, hint = f"an {node.KIND}, not a strand", None
        if such_as is not None:
            hint = f"{such_as}, such as `{framework.strands_under(strand_id)[0].id}`"
    return Finding(
        path,
        f"`{strand_id}` is {what} of {framework.ref}",
        "unknown-strand",
        hint=hint,
        at_key=at_key,
    )


def unknown_id_finding(
    framework: Framework, path: Path, node_id: str, *, at_key: bool = False
) -> Finding | None:
    """A finding when `node_id` is no element, aspect or strand of `framework`."""
    if node_id in framework:
        return None
    return Finding(
        path,
        f"`{node_id}` is not an element, aspect or strand of {framework.ref}",
        "unknown-id",
        hint=did_you_mean(node_id, framework.ids),
        at_key=at_key,
    )


def scale_finding(scale: Scale, path: Path, level: Any) -> Finding | None:
    """A finding when `level` is a whole number outside `scale` (anything else is left to
    field validation)."""
    if not isinstance(level, int) or isinstance(level, bool) or level in scale:
        return None
    return Finding(
        path, f"level {level} is outside the scale {scale.describe()}", "level-outside-scale"
    )


def assessment_findings(framework: Framework, data: Any) -> list[Finding]:
    """Judgements of strands the framework lacks, and levels outside its scale."""
    if not isinstance(data, Mapping):
        return []
    findings = version_findings(framework, data, "assessment")
    judgements = data.get("judgements")
    if not isinstance(judgements, Mapping):
        return findings
    scale = framework.scale
    strand_ids: tuple[str, ...] | None = None  # the hints' candidates, made once if needed
    for strand_id, judgement in judgements.items():
        path: Path = ("judgements", strand_id)
        if not isinstance(strand_id, str):
            continue  # reported by field validation
        if strand_ids is None and strand_id not in framework:
            strand_ids = framework.strand_ids
        wrong = strand_finding(
            framework, path, strand_id, such_as="judge each of its strands", strand_ids=strand_ids
        )
        if wrong is not None:
            findings.append(wrong)
            continue
        level = judgement.get("level") if isinstance(judgement, Mapping) else judgement
        if isinstance(judgement, Mapping):
            path = (*path, "level")
        outside = scale_finding(scale, path, level)
        if outside is not None:
            findings.append(outside)
    return findings


def raise_findings(findings: list[Finding], what: str, ref: str, framework: Framework) -> None:
    """Raise `InvalidDocument` for what the checks found in a document built in Python (so
    without locations), led by a wrong framework when `ref` names another one."""
    wrong = wrong_framework_finding(what, ref, framework)
    if wrong is not None:
        findings = [wrong, *findings]
    if findings:
        raise InvalidDocument(
            [
                Diagnostic(f.message, path=format_path(f.path), hint=f.hint, code=f.code)
                for f in findings
            ]
        )
