"""Checking many files at once, as `selfreview validate` and pre-commit hooks do.

An assessment names its framework by id; it is looked for first among the files being
checked, then among `--framework` files, then among the frameworks plugins provide (which
are only loaded if needed, so validating framework files never starts plugin discovery).
Results come one at a time (`check_files`), so that `validate` shows each as it is known
and a JSON Lines file of any length is checked in the memory of one line.

A plain, valid framework is checked without pydantic (`model.quick_framework`), and its
model is built only if another document needs it: validating framework files starts in
the time of click and PyYAML alone. The models are imported when a document needs them.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._names import STATUSES
from .errors import Diagnostic, InvalidDocument
from .files.json_lines import at_line, line_too_large, read_by_line, read_lines
from .files.source import Source, parse_text, read_source
from .files.walk import expand_paths
from .model.findings import Finding
from .model.quick_framework import QuickOutline, quick_outline

if TYPE_CHECKING:
    from .model.base import Document
    from .model.framework import Framework

__all__ = ["FileResult", "Tally", "check_files", "summarise", "validate_files"]


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
        if self.outline is not None:
            return self.outline.summary()
        return None if self.document is None else summarise(self.document, self.framework)

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
    it counts documents, not files)."""

    checked: int = 0
    invalid: int = 0
    errors: int = 0
    per_line: bool = False
    warnings: int = 0

    def add(self, result: FileResult) -> None:
        self.checked += 1
        self.invalid += not result.ok
        self.errors += len(result.diagnostics)
        self.warnings += len(result.warnings)
        self.per_line = self.per_line or result.line is not None

    def summary(self) -> str:
        """`2 files checked: 1 valid, 1 invalid (3 errors)`."""
        noun = "document" if self.per_line else "file"
        text = (
            f"{self.checked} {noun}{'s' if self.checked != 1 else ''} checked: "
            f"{self.checked - self.invalid} valid, {self.invalid} invalid"
        )
        counts = [
            _plural(n, word)
            for n, word in ((self.errors, "error"), (self.warnings, "warning"))
            if n
        ]
        if counts:
            text += f" ({', '.join(counts)})"
        return text

    def json(self, files: list[dict[str, Any]]) -> str:
        """`--format json`: whether every file is valid, and each one's result."""
        return json.dumps({"valid": not self.invalid, "files": files}, indent=2)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summarise(document: Document, framework: Framework | None = None) -> str:
    """One line saying what a valid document holds."""
    from .model.assessment import Assessment
    from .model.framework import Framework
    from .model.migration import Migration
    from .model.plan import Plan
    from .model.rules import RulePack

    if isinstance(document, Framework):
        scale = document.scale
        sizes = (len(document.elements), len(document.aspects), len(document))
        return QuickOutline(document.ref, document.title, *sizes, scale.best, scale.worst).summary()
    if isinstance(document, Assessment):
        absent = sum(not j.is_applicable for j in document.judgements.values())
        judged = len(document.judgements) - absent
        return (
            f"assessment of {document.framework} for {document.school.name} "
            f"({document.school.id}) on {document.assessed_on.isoformat()}: "
            + (f"a response of {document.respondent.group}, " if document.respondent else "")
            + (
                f"{judged} of {len(framework) - absent} strands judged"
                if framework is not None
                else f"{_plural(judged, 'strand')} judged"
            )
            + (f", {absent} not applicable" if absent else "")
        )
    if isinstance(document, RulePack):
        rules = _plural(len(document.rules), "rule")
        return f"rule pack {document.id} for {document.framework}: {rules}"
    if isinstance(document, Plan):
        counts = Counter(a.status for a in document.actions)
        statuses = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
        return (
            f"plan for {document.school.name} ({document.school.id}) of {document.framework}: "
            f"{_plural(len(document.actions), 'action')}" + (f" ({statuses})" if counts else "")
        )
    if isinstance(document, Migration):
        return document.summary()
    return f"{document.KIND}"  # pragma: no cover - every kind has a summary


class _Pending:
    """A framework checked on its plain data (`quick_outline`), its model built on first
    use: an assessment of it, or a rule pack for it, needs the model."""

    def __init__(self, source: Source) -> None:
        self._source = source
        self._built: Framework | None = None

    def framework(self) -> Framework:
        if self._built is None:
            from .loader import framework_from

            self._built = framework_from(self._source)
        return self._built


class _Frameworks(Mapping[str, "Framework"]):
    """Command-line frameworks, then `--framework` files, then the catalog (loaded lazily)."""

    def __init__(
        self,
        given: Mapping[str, Framework | _Pending],
        catalog: Callable[[], Mapping[str, Framework]],
    ):
        self._given = given
        self._catalog_factory = catalog
        self._catalog: Mapping[str, Framework] | None = None

    def _all(self) -> Mapping[str, Framework | _Pending]:
        if self._catalog is None:
            self._catalog = self._catalog_factory()
        return {**self._catalog, **self._given}

    def __getitem__(self, name: str) -> Framework:
        found = self._given[name] if name in self._given else self._all()[name]
        return found.framework() if isinstance(found, _Pending) else found

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def validate_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    framework_files: Iterable[str | os.PathLike[str]] = (),
    catalog: Callable[[], Mapping[str, Framework]] = dict,
    strict: bool = False,
) -> list[FileResult]:
    """Every result of `check_files`, in a list (documents and all: for a few files)."""
    return list(check_files(paths, framework_files=framework_files, catalog=catalog, strict=strict))


def check_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    framework_files: Iterable[str | os.PathLike[str]] = (),
    catalog: Callable[[], Mapping[str, Framework]] = dict,
    strict: bool = False,
) -> Iterator[FileResult]:
    """Check every file under `paths`, each result as soon as it is known, in the files'
    order; never raises on bad input: each file's problems are in its result.

    YAML and JSON files are read first, and their frameworks built, so that any file can
    use them (then `framework_files`, then `catalog`). A JSON Lines file is read one line
    at a time as results are asked for, and each line is let go once its result is: a
    file of any length takes the memory of one line. A framework on a line serves the
    lines, and the files, after it. Conditions that can never hold or always hold are
    warnings (`FileResult.warnings`), or errors with `strict`.
    """
    files = list(dict.fromkeys(expand_paths(paths)))
    known = _Known(catalog, strict=strict)
    sources: dict[str, Source] = {}
    results: dict[str, FileResult] = {}
    for file in files:
        if read_by_line(file):
            continue
        results[file] = FileResult(file)
        try:
            sources[file] = read_source(file)
            results[file].kind = sources[file].kind
        except InvalidDocument as error:
            results[file].add(error.diagnostics)
    for file, source in sources.items():
        if source.kind == "framework":
            known.framework(results[file], source)
    for extra_file in framework_files:
        known.add(_framework_file(extra_file))  # raises: the caller's input

    for file in files:
        if read_by_line(file):
            yield from _json_lines(file, known)
            continue
        result = results.pop(file)
        if file in sources:
            source = sources.pop(file)
            if source.kind != "framework":
                known.check(result, source)
        yield result


def _framework_file(path: str | os.PathLike[str]) -> Framework:
    from .loader import framework_from

    return framework_from(read_source(path))


class _Known:
    """The frameworks the files checked so far give (by id and by id@version), then the
    catalog; and those that failed, so a document of one is told why."""

    def __init__(self, catalog: Callable[[], Mapping[str, Framework]], *, strict: bool) -> None:
        self.strict = strict
        self._given: dict[str, Framework | _Pending] = {}
        self.lookup = _Frameworks(self._given, catalog)
        #: framework id -> where it failed
        self.broken: dict[str, str] = {}

    def add(self, framework: Framework | _Pending, ref: str | None = None) -> None:
        """Known by id@version and by id (the first of either wins); a pending one by the
        `ref` of its outline."""
        if ref is None:
            assert not isinstance(framework, _Pending), "a pending framework comes with its ref"
            ref = framework.ref
        self._given.setdefault(ref, framework)
        self._given.setdefault(ref.partition("@")[0], framework)

    def framework(self, result: FileResult, source: Source) -> None:
        """Check a framework document; the documents after it may use it if it is valid."""
        outline = None if source.problems else quick_outline(source.data)
        if outline is not None:  # valid, with no warning: its model waits until needed
            result.outline = outline
            self.add(_Pending(source), outline.ref)
            return
        from .loader import framework_from
        from .model.checks import condition_warning_findings

        try:
            framework = framework_from(source)
        except InvalidDocument as error:
            result.add(error.diagnostics)
            framework_id = source.data.get("id")
            if isinstance(framework_id, str):
                self.broken.setdefault(framework_id, result.where)
            return
        result.document = framework
        result.warn(source, condition_warning_findings(framework, source.data), strict=self.strict)
        self.add(framework)

    def check(self, result: FileResult, source: Source) -> None:
        """Check any other document against the frameworks known."""
        from .loader import parse_document, resolve_framework
        from .model.base import split_ref
        from .model.checks import condition_warning_findings
        from .model.rules import RulePack

        ref = source.data.get("framework")
        if isinstance(ref, str) and split_ref(ref)[0] in self.broken and ref not in self.lookup:
            where = self.broken[split_ref(ref)[0]]
            result.add(
                [
                    source.diagnostic(
                        ("framework",),
                        f"framework `{ref}` cannot be used: {where} has errors",
                        code="framework-invalid",
                    )
                ]
            )
            return
        try:
            result.document = parse_document(source, self.lookup)
        except InvalidDocument as error:
            result.add(error.diagnostics)
        else:
            if isinstance(ref, str):
                result.framework = resolve_framework(self.lookup, ref)
            if isinstance(result.document, RulePack) and result.framework is not None:
                found = condition_warning_findings(result.framework, source.data)
                result.warn(source, found, strict=self.strict)


def _json_lines(file: str, known: _Known) -> Iterator[FileResult]:
    """A result for each document of a JSON Lines file, read as `selfreview report` reads
    them, one line at a time; a result for the file if it cannot be read or is empty."""
    empty = True
    try:
        for number, line in read_lines(file):
            empty = False
            yield _json_line(file, number, line, known)
    except InvalidDocument as error:  # not a regular file, or cannot be read
        yield FileResult(file, diagnostics=list(error.diagnostics))
        return
    if empty:
        nothing = InvalidDocument("the file is empty", file=file, line=1, column=1, code="empty")
        yield FileResult(file, diagnostics=list(nothing.diagnostics))


def _json_line(file: str, number: int, line: bytes | None, known: _Known) -> FileResult:
    result = FileResult(file, line=number)
    if line is None:
        result.diagnostics.append(line_too_large(file, number))
        return result
    try:
        source = parse_text(line, file)
    except InvalidDocument as error:
        result.add(error.diagnostics)
        return result
    result.kind = source.kind
    if source.kind == "framework":
        known.framework(result, source)
    else:
        known.check(result, source)
    return result
