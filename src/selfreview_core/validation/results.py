"""What `selfreview validate` says of each file it checks: its result (`FileResult`), the
one-line summary of a valid document (`summarise`) and the count on the last line (`Tally`).
Apart from the checking itself (`validation`), which makes them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._names import STATUSES
from .._words import plural
from ..errors import Diagnostic
from ..files.json_lines import at_line
from ..files.source import Source
from ..model.findings import Finding
from ..model.quick_framework import QuickOutline

if TYPE_CHECKING:
    from ..model.base import Document
    from ..model.framework import Framework

__all__ = ["FileResult", "Tally", "summarise"]


@dataclass(slots=True)
class FileResult:
    file: str
    kind: str | None = None
    document: Document | None = None
    #: For an assessment, the framework it was checked against.
    framework: Framework | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: In a JSON Lines file, the line holding the document (each line is one).
    line: int | None = None
    #: What is legal but almost certainly a mistake: a condition that can never hold, or
    #: always holds. `strict` makes them errors.
    warnings: list[Diagnostic] = field(default_factory=list)
    #: An empty JSON Lines file (or one of blank lines): a file, but no document in it.
    empty: bool = False
    #: A framework valid for certain on its plain data (`quick_outline`): what its summary
    #: says. Its model (`document`) is then not built unless another document needs it.
    outline: QuickOutline | None = None

    @property
    def ok(self) -> bool:
        return not self.diagnostics

    @property
    def where(self) -> str:
        """The file, and for a JSON Lines document its line: `schools.jsonl:3`."""
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def add(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Problems found in the document (a JSON Lines line's, moved to its line)."""
        if self.line is not None:
            diagnostics = at_line(diagnostics, self.file, self.line)
        self.diagnostics.extend(diagnostics)

    @property
    def summary(self) -> str | None:
        """What the valid document holds, in one line (None for an invalid one)."""
        return self.said(str)

    def said(self, name: Callable[[str], str]) -> str | None:
        """`summary` with each id named as `name` gives it (a terminal:
        `escaping.shown_name`, so that two ids that differ by an invisible character are
        told apart; JSON keeps them as written)."""
        if self.outline is not None:
            return self.outline.summary(name)
        if self.document is None:
            return None
        return summarise(self.document, self.framework, name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "kind": self.kind,
            "valid": self.ok,
            "summary": self.summary,
            "errors": [d.to_dict() for d in self.diagnostics],
            "warnings": [d.to_dict() for d in self.warnings],
        } | ({} if self.line is None else {"line": self.line})

    def warn(self, source: Source, findings: Iterable[Finding], *, strict: bool) -> None:
        """Warnings found in the document, located in `source`; errors when `strict`."""
        located = [source.diagnostic(f.path, f.message, code=f.code, hint=f.hint) for f in findings]
        if self.line is not None:
            located = list(at_line(located, self.file, self.line))
        (self.diagnostics if strict else self.warnings).extend(located)


@dataclass(slots=True)
class Tally:
    """What `selfreview validate` counts of the results it shows, for its last line:
    documents checked, invalid, errors, and whether any came from a JSON Lines file (then
    it counts documents, not files, and an empty JSON Lines file, which holds none, counts
    as none; with `--strict` it is an error, and counts as one invalid)."""

    checked: int = 0
    invalid: int = 0
    errors: int = 0
    per_line: bool = False
    warnings: int = 0
    #: Empty JSON Lines files only warned of: files, but no documents (then not counted).
    empty: int = 0

    def add(self, result: FileResult) -> None:
        self.checked += 1
        self.empty += result.empty and result.ok
        self.invalid += not result.ok
        self.errors += len(result.diagnostics)
        self.warnings += len(result.warnings)
        self.per_line = self.per_line or result.line is not None

    def summary(self) -> str:
        """`2 files checked: 1 valid, 1 invalid (3 errors)`."""
        noun = "document" if self.per_line else "file"
        checked = self.checked - self.empty if self.per_line else self.checked
        text = (
            f"{checked} {noun}{'s' if checked != 1 else ''} checked: "
            f"{checked - self.invalid} valid, {self.invalid} invalid"
        )
        counts = [
            plural(n, word) for n, word in ((self.errors, "error"), (self.warnings, "warning")) if n
        ]
        if counts:
            text += f" ({', '.join(counts)})"
        return text

    def json(self, files: list[dict[str, Any]]) -> str:
        """`--format json`: whether every file is valid, and each one's result."""
        import json  # here: a text summary (the default) needs no JSON module

        return json.dumps({"valid": not self.invalid, "files": files}, indent=2)


def summarise(
    document: Document, framework: Framework | None = None, name: Callable[[str], str] = str
) -> str:
    """One line saying what a valid document holds, each id named as `name` gives it."""
    from ..model.assessment import Assessment
    from ..model.framework import Framework
    from ..model.migration import Migration
    from ..model.plan import Plan
    from ..model.rules import RulePack

    if isinstance(document, Framework):
        scale = document.scale
        sizes = (len(document.elements), len(document.aspects), len(document))
        outline = QuickOutline(document.ref, document.title, *sizes, scale.best, scale.worst)
        return outline.summary(name)
    if isinstance(document, Assessment):
        absent = sum(not j.is_applicable for j in document.judgements.values())
        judged = len(document.judgements) - absent
        return (
            f"assessment of {name(document.framework)} for {document.school.name} "
            f"({name(document.school.id)}) on {document.assessed_on.isoformat()}: "
            + (f"a response of {name(document.respondent.group)}, " if document.respondent else "")
            + (
                f"{judged} of {len(framework) - absent} strands judged"
                if framework is not None
                else f"{plural(judged, 'strand')} judged"
            )
            + (f", {absent} not applicable" if absent else "")
        )
    if isinstance(document, RulePack):
        rules = plural(len(document.rules), "rule")
        return f"rule pack {name(document.id)} for {name(document.framework)}: {rules}"
    if isinstance(document, Plan):
        counts = Counter(a.status for a in document.actions)
        statuses = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
        return (
            f"plan for {document.school.name} ({name(document.school.id)}) of "
            f"{name(document.framework)}: "
            f"{plural(len(document.actions), 'action')}" + (f" ({statuses})" if counts else "")
        )
    if isinstance(document, Migration):
        return document.summary(name)
    return f"{document.KIND}"  # pragma: no cover - every kind has a summary
