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

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .._names import FILE_SUFFIXES, JSON_LINES
from ..errors import InvalidDocument
from ..file_names import identity
from ..files.json_lines import line_too_large, no_documents, read_by_line, read_lines
from ..files.source import Source, parse_text, read_source
from ..files.walk import each_once, expand_paths
from ..model.findings import Finding
from ..model.quick_framework import quick_outline
from .results import FileResult, Tally, summarise

if TYPE_CHECKING:
    from ..model.framework import Framework

__all__ = ["FileResult", "Tally", "check_files", "summarise", "validate_files"]


class _Pending:
    """A framework checked on its plain data (`quick_outline`), its model built on first
    use: an assessment of it, or a rule pack for it, needs the model."""

    def __init__(self, source: Source) -> None:
        self._source = source
        self._built: Framework | None = None

    def framework(self) -> Framework:
        if self._built is None:
            from ..loader import framework_from

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
    told: Callable[[str], object] = lambda warning: None,
) -> Iterator[FileResult]:
    """Check every file under `paths`, each result as soon as it is known, in the files'
    order; never raises on bad input: each file's problems are in its result. A folder is
    walked for YAML, JSON and JSON Lines files, as the batch commands walk it.

    YAML and JSON files are read first, and their frameworks built, so that any file can
    use them (then `framework_files`, then `catalog`). A JSON Lines file is read one line
    at a time as results are asked for, and each line is let go once its result is: a
    file of any length takes the memory of one line. A framework on a line serves the
    lines, and the files, after it. Conditions that can never hold or always hold are
    warnings (`FileResult.warnings`), or errors with `strict`; so is a framework whose
    id@version a file before it gave (the first is used). A `framework_files` file whose
    framework is given before it is `told`, with no result of its own to hold it.
    """
    files = each_once(expand_paths(paths, FILE_SUFFIXES + JSON_LINES))
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
        framework = _framework_file(extra_file)  # raises: the caller's input
        first = known.add(framework, None, os.fspath(extra_file))
        if first is not None:
            told(given_twice(framework.ref, first, os.fspath(extra_file)))

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


def given_twice(ref: str, first: str, later: str) -> str:
    """What is said of a framework given twice: as `selfreview report` says it."""
    return f"framework {ref} is given twice, in {first} and {later}; using {first}"


def _framework_file(path: str | os.PathLike[str]) -> Framework:
    from ..loader import framework_from

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
        #: id@version -> the file (or `file:line`) that gave it first
        self._where: dict[str, str] = {}

    def add(self, framework: Framework | _Pending, ref: str | None, where: str) -> str | None:
        """Known by id@version and by id (the first of either wins); a pending one by the
        `ref` of its outline. Returns where the same id@version was given before, when
        another file (or line) than `where` gave it: the documents use that one."""
        if ref is None:
            assert not isinstance(framework, _Pending), "a pending framework comes with its ref"
            ref = framework.ref
        self._given.setdefault(ref, framework)
        self._given.setdefault(ref.partition("@")[0], framework)
        first = self._where.setdefault(ref, where)
        if first == where:
            return None
        if (identity(first) or first) == (identity(where) or where):
            return None
        return first

    def twice(self, result: FileResult, source: Source, ref: str, first: str | None) -> None:
        """A warning on a framework whose id@version a file before it gave: unused."""
        if first is not None:
            finding = Finding(("id",), given_twice(ref, first, result.where), "framework-twice")
            result.warn(source, [finding], strict=self.strict)

    def framework(self, result: FileResult, source: Source) -> None:
        """Check a framework document; the documents after it may use it if it is valid."""
        outline = None if source.problems else quick_outline(source.data)
        if outline is not None:  # valid, with no warning: its model waits until needed
            result.outline = outline
            first = self.add(_Pending(source), outline.ref, result.where)
            self.twice(result, source, outline.ref, first)
            return
        from ..loader import framework_from
        from ..model.checks import condition_warning_findings

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
        self.twice(result, source, framework.ref, self.add(framework, None, result.where))

    def check(self, result: FileResult, source: Source) -> None:
        """Check any other document against the frameworks known."""
        from ..loader import parse_document, resolve_framework
        from ..model.assessment import Assessment
        from ..model.base import split_ref
        from ..model.checks import condition_warning_findings
        from ..model.rules import RulePack
        from ..review_dates import future_finding

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
            if isinstance(result.document, Assessment):
                later = future_finding(result.document.assessed_on)
                result.warn(source, [later] if later else [], strict=self.strict)


def _json_lines(file: str, known: _Known) -> Iterator[FileResult]:
    """A result for each document of a JSON Lines file, read as `selfreview report` reads
    them, one line at a time; a result for the file if it cannot be read or is empty.

    An empty file (or one of blank lines) is an empty batch: nothing in it is invalid, and
    `report` writes its 0 reports with exit 0, with the same warning (`no_documents`). It is
    a warning here, at its line 1 (an export that wrote nothing?), an error with `strict`;
    before round 49 it was an error."""
    empty = True
    try:
        for number, line in read_lines(file):
            empty = False
            yield _json_line(file, number, line, known)
    except InvalidDocument as error:  # not a regular file, or cannot be read
        yield FileResult(file, diagnostics=list(error.diagnostics))
        return
    if empty:
        result = FileResult(file, empty=True)
        nothing = no_documents(file)
        (result.diagnostics if known.strict else result.warnings).append(nothing)
        yield result


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
