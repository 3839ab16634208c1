"""Whether a migration fits its two framework versions: every old strand mapped or retired,
every id it names a strand of its version.

Like `checks`, they read plain data and are defensive about its shape, so one run of the
loader reports every problem in a migration, each at its place in the file; a migration
built in Python is checked with `check_migration`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..errors import Diagnostic, InvalidDocument, format_path
from .base import is_framework_ref, split_ref
from .checks import strand_finding
from .findings import Finding, Path
from .framework import Framework
from .migration import Migration, structure_findings, targets_of

__all__ = ["Resolve", "check_migration", "migration_findings"]

#: Finds a framework by `id@version` (exactly that version), or by id (its latest).
Resolve = Callable[[str], Framework | None]


def _framework(data: Mapping[str, Any], key: str, resolve: Resolve) -> tuple[Any, list[Finding]]:
    """The framework `from` or `to` names, exactly that version, or a finding saying why not."""
    ref = data.get(key)
    if not is_framework_ref(ref) or split_ref(ref)[1] is None:
        return None, []  # reported by field validation (`a\x1c@1`: said twice until round 73)
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
        for suffix, target in targets_of(value):
            findings.extend(_strand_finding(new, ("strands", old, *suffix), target, False))
    return findings


def migration_findings(data: Any, resolve: Resolve | None = None) -> list[Finding]:
    """Every problem of a migration's data; with `resolve`, checked against both versions."""
    if not isinstance(data, Mapping):
        return []
    findings = structure_findings(data)
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


def check_migration(migration: Migration, resolve: Resolve) -> None:
    """Raise `InvalidDocument` if a built migration does not fit its two versions (each
    found with `resolve`, by `id@version`); files get the same checks, located, on loading."""
    findings = migration_findings(migration.data(), resolve)
    if findings:
        raise InvalidDocument(
            [
                Diagnostic(
                    f"{migration.describe()}: {f.message}",
                    path=format_path(f.path),
                    hint=f.hint,
                    code=f.code,
                )
                for f in findings
            ]
        )
