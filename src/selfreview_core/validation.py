"""Checking many files at once, as `selfreview validate` and pre-commit hooks do.

An assessment names its framework by id; it is looked for first among the files being
checked, then among `--framework` files, then among the frameworks plugins provide (which
are only loaded if needed, so validating framework files never starts plugin discovery).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._base import Document, split_ref
from .assessment import Assessment
from .errors import Diagnostic, InvalidDocument
from .framework import Framework
from .json_lines import at_line, is_json_lines, line_too_large, read_lines
from .loader import framework_from, parse_document, resolve_framework
from .migration import Migration
from .plan import STATUSES, Plan
from .rules import RulePack
from .source import Source, parse_text, read_source, unreadable

__all__ = ["FileResult", "expand_paths", "summarise", "validate_files"]

SUFFIXES = (".yaml", ".yml", ".json")


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
        return None if self.document is None else summarise(self.document, self.framework)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "kind": self.kind,
            "valid": self.ok,
            "summary": self.summary,
            "errors": [d.to_dict() for d in self.diagnostics],
        } | ({} if self.line is None else {"line": self.line})


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summarise(document: Document, framework: Framework | None = None) -> str:
    """One line saying what a valid document holds."""
    if isinstance(document, Framework):
        scale = document.scale
        return (
            f'framework {document.ref} "{document.title}": '
            f"{_plural(len(document.elements), 'element')}, "
            f"{_plural(len(document.aspects), 'aspect')}, "
            f"{_plural(len(document), 'strand')}, levels {scale.describe()}"
        )
    if isinstance(document, Assessment):
        return (
            f"assessment of {document.framework} for {document.school.name} "
            f"({document.school.id}) on {document.assessed_on.isoformat()}: "
            + (
                f"{len(document.judgements)} of {len(framework)} strands judged"
                if framework is not None
                else f"{_plural(len(document.judgements), 'strand')} judged"
            )
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


def expand_paths(
    paths: Iterable[str | os.PathLike[str]], suffixes: tuple[str, ...] = SUFFIXES
) -> Iterator[str]:
    """Files as given; directories as the files under them with one of `suffixes` (YAML and
    JSON by default; hidden ones skipped)."""
    for path in paths:
        if Path(path).is_dir():
            for found in sorted(Path(path).rglob("*")):
                parts = found.relative_to(path).parts
                if (
                    found.suffix in suffixes
                    and found.is_file()
                    and not any(p.startswith(".") for p in parts)
                ):
                    yield os.fspath(found)
        else:
            yield os.fspath(path)


class _Frameworks(Mapping[str, Framework]):
    """Command-line frameworks, then `--framework` files, then the catalog (loaded lazily)."""

    def __init__(
        self, given: Mapping[str, Framework], catalog: Callable[[], Mapping[str, Framework]]
    ):
        self._given = given
        self._catalog_factory = catalog
        self._catalog: Mapping[str, Framework] | None = None

    def _all(self) -> Mapping[str, Framework]:
        if self._catalog is None:
            self._catalog = self._catalog_factory()
        return {**self._catalog, **self._given}

    def __getitem__(self, name: str) -> Framework:
        if name in self._given:
            return self._given[name]
        return self._all()[name]

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def _index(frameworks: Iterable[Framework]) -> dict[str, Framework]:
    names: dict[str, Framework] = {}
    for framework in frameworks:
        names.setdefault(framework.ref, framework)
        names.setdefault(framework.id, framework)
    return names


#: A file, or a line of a JSON Lines file.
_Entry = str | tuple[str, int]


def validate_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    framework_files: Iterable[str | os.PathLike[str]] = (),
    catalog: Callable[[], Mapping[str, Framework]] = dict,
) -> list[FileResult]:
    """Check every file (frameworks first, so assessments can use them); never raises on
    bad input: each file's problems are in its result."""
    files = list(dict.fromkeys(expand_paths(paths)))
    sources: dict[_Entry, Source] = {}
    results: dict[_Entry, FileResult] = {}
    file: _Entry  # below, a line of a JSON Lines file too
    for file in files:
        if is_json_lines(file):  # each line a document
            results.update(_json_lines(file, sources))
            continue
        results[file] = FileResult(file)
        try:
            sources[file] = read_source(file)
            results[file].kind = sources[file].kind
        except InvalidDocument as error:
            results[file].add(error.diagnostics)

    given: list[Framework] = []
    broken: dict[str, str] = {}  # framework id -> file it failed in
    for file, source in sources.items():
        if source.kind == "framework":
            try:
                framework = framework_from(source)
            except InvalidDocument as error:
                results[file].add(error.diagnostics)
                framework_id = source.data.get("id")
                if isinstance(framework_id, str):
                    broken.setdefault(framework_id, results[file].where)
                continue
            results[file].document = framework
            given.append(framework)

    extra: list[Framework] = []
    for extra_file in framework_files:
        extra.append(framework_from(read_source(extra_file)))  # raises: the caller's input
    lookup = _Frameworks(_index([*given, *extra]), catalog)

    for file, source in sources.items():
        if source.kind == "framework":
            continue
        ref = source.data.get("framework")
        if isinstance(ref, str) and split_ref(ref)[0] in broken and ref not in lookup:
            results[file].add(
                [
                    source.diagnostic(
                        ("framework",),
                        f"framework `{ref}` cannot be used: {broken[split_ref(ref)[0]]} has errors",
                        code="framework-invalid",
                    )
                ]
            )
            continue
        try:
            results[file].document = parse_document(source, lookup)
        except InvalidDocument as error:
            results[file].add(error.diagnostics)
        else:
            if isinstance(ref, str):
                results[file].framework = resolve_framework(lookup, ref)
    return list(results.values())


def _json_lines(file: str, sources: dict[_Entry, Source]) -> dict[_Entry, FileResult]:
    """A result for each document of a JSON Lines file (its source put in `sources`), read
    as `selfreview report` reads them; a result for the file if it cannot be read or is empty."""
    results: dict[_Entry, FileResult] = {}
    try:
        for number, line in read_lines(file):
            result = results[file, number] = FileResult(file, line=number)
            if line is None:
                result.diagnostics.append(line_too_large(file, number))
                continue
            try:
                source = sources[file, number] = parse_text(line, file)
            except InvalidDocument as error:
                result.add(error.diagnostics)
            else:
                result.kind = source.kind
    except OSError as error:
        results[file] = FileResult(file, diagnostics=list(unreadable(file, error).diagnostics))
    if not results:
        empty = InvalidDocument("the file is empty", file=file, line=1, column=1, code="empty")
        results[file] = FileResult(file, diagnostics=list(empty.diagnostics))
    return results
