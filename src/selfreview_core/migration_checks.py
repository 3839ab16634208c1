"""Checks on a migration file that span fields or need its two frameworks.

Like `checks.py`, they read plain data and are defensive about its shape, so one run of the
loader reports every problem in a migration, each at its place in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ._base import split_ref
from .checks import Finding, Path, strand_finding
from .errors import format_path

if TYPE_CHECKING:
    from .framework import Framework

__all__ = ["Resolve", "migration_findings"]

#: Finds a framework by `id@version` (exactly that version), or by id (its latest).
Resolve = Callable[[str], "Framework | None"]


def _targets(value: Any) -> list[tuple[Path, str]]:
    """(path suffix, new id) of each text target of one `strands` entry."""
    if isinstance(value, str):
        return [((), value)]
    if isinstance(value, list | tuple):
        return [((j,), t) for j, t in enumerate(value) if isinstance(t, str)]
    return []


def _structure_findings(data: Mapping[str, Any]) -> list[Finding]:
    """What is wrong whatever the frameworks: the same version at both ends, a strand
    listed twice, an old strand both mapped and retired."""
    findings: list[Finding] = []
    source, target = data.get("from"), data.get("to")
    if isinstance(source, str) and source == target:
        findings.append(
            Finding(
                ("to",),
                f"`to` is `from` again ({source}): a migration goes from one version to another",
                "same-version",
            )
        )
    strands = data.get("strands")
    mapped = strands if isinstance(strands, Mapping) else {}
    for old, value in mapped.items():
        seen: set[str] = set()
        for suffix, new in _targets(value):
            if new in seen:
                findings.append(
                    Finding(
                        ("strands", old, *suffix),
                        f"`{new}` is listed twice for `{old}`",
                        "duplicate-id",
                    )
                )
            seen.add(new)
    retired = data.get("retired")
    first_at: dict[str, int] = {}
    for i, old in enumerate(retired if isinstance(retired, list | tuple) else ()):
        if not isinstance(old, str):
            continue
        if old in first_at:
            findings.append(
                Finding(
                    ("retired", i),
                    f"`{old}` is retired twice: already at retired[{first_at[old]}]",
                    "duplicate-id",
                    related=("retired", first_at[old]),
                )
            )
            continue
        first_at[old] = i
        if old in mapped:
            findings.append(
                Finding(
                    ("retired", i),
                    f"`{old}` is both mapped and retired: mapped at "
                    f"{format_path(('strands', old))}",
                    "mapped-and-retired",
                    hint="a retired strand's judgements are dropped; remove one of the two",
                    related=("strands", old),
                )
            )
    return findings


def _framework(data: Mapping[str, Any], key: str, resolve: Resolve) -> tuple[Any, list[Finding]]:
    """The framework `from` or `to` names, exactly that version, or a finding saying why not."""
    ref = data.get(key)
    if not isinstance(ref, str) or split_ref(ref)[1] is None:
        return None, []  # reported by field validation
    found = resolve(ref)
    if found is not None and found.ref == ref:
        return found, []
    latest = resolve(split_ref(ref)[0])
    hint = (
        f"{latest.ref} is available; name the other version's file with --framework"
        if latest is not None
        else "name its file on the command line or with --framework"
    )
    return None, [Finding((key,), f"unknown framework `{ref}`", "unknown-framework", hint=hint)]


def _strand_finding(
    framework: Framework, path: Path, strand_id: Any, at_key: bool
) -> list[Finding]:
    """A finding (in a list, to extend with) when `strand_id` is text but not a strand."""
    if not isinstance(strand_id, str):
        return []
    found = strand_finding(
        framework, path, strand_id, at_key=at_key, such_as="migrations map strands"
    )
    return [] if found is None else [found]


def _old_findings(data: Mapping[str, Any], old: Framework) -> list[Finding]:
    """Every key and retired id a strand of the old version; every old strand accounted for."""
    findings: list[Finding] = []
    strands = data.get("strands")
    mapped = strands if isinstance(strands, Mapping) else {}
    retired = data.get("retired")
    gone = retired if isinstance(retired, list | tuple) else []
    for key in mapped:
        findings.extend(_strand_finding(old, ("strands", key), key, True))
    for i, key in enumerate(gone):
        findings.extend(_strand_finding(old, ("retired", i), key, False))
    if isinstance(strands, Mapping):
        missing = [s for s in old.strand_ids if s not in mapped and s not in gone]
        if missing:
            many = len(missing) > 1
            findings.append(
                Finding(
                    ("strands",),
                    f"{'strands' if many else 'strand'} {', '.join(missing)} of {old.ref} "
                    f"{'are' if many else 'is'} neither mapped nor retired",
                    "unmapped-strand",
                    hint="map each old strand to one or more new strands, or list it under "
                    "`retired`",
                    at_key=True,
                )
            )
    return findings


def _new_findings(data: Mapping[str, Any], new: Framework) -> list[Finding]:
    strands = data.get("strands")
    findings: list[Finding] = []
    for old, value in (strands if isinstance(strands, Mapping) else {}).items():
        for suffix, target in _targets(value):
            findings.extend(_strand_finding(new, ("strands", old, *suffix), target, False))
    return findings


def migration_findings(data: Any, resolve: Resolve | None = None) -> list[Finding]:
    """Every problem of a migration's data; with `resolve`, checked against both versions."""
    if not isinstance(data, Mapping):
        return []
    findings = _structure_findings(data)
    if resolve is None:
        return findings
    old, problems = _framework(data, "from", resolve)
    findings.extend(problems)
    new, problems = _framework(data, "to", resolve)
    findings.extend(problems)
    if old is not None:
        findings.extend(_old_findings(data, old))
    if new is not None:
        findings.extend(_new_findings(data, new))
    return findings
