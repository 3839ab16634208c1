"""A cohort of mixed framework versions: every assessment carried to one version first.

`selfreview benchmark` reads files one at a time; an assessment of another version of the
cohort's framework is migrated as it is read (`migrating_loader`), and one that no chain
of migrations reaches is skipped with a located error, like any other file that cannot be
used. Which version the cohort is of, unless given, is the newest one present
(`newest_present`), found by a quick look at each assessment's `kind:` and `framework:`
lines (each line's, in JSON Lines); a plan or a rule pack names a framework too, and is
passed over.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Final, Protocol

from ..dump import is_json_name
from ..errors import InvalidDocument, SelfReviewError
from ..files.json_lines import holds_lines, read_lines
from ..files.source import parse_text, read_bytes
from ..loader import assessment_from

if TYPE_CHECKING:
    from ..files.source import Source
    from ..migrations.apply import Migrated
    from ..model.assessment import Assessment
    from ..model.framework import Framework


__all__ = [
    "CohortMigration",
    "Versions",
    "cohort_framework",
    "framework_refs",
    "migrating_loader",
    "newest_present",
]


class Versions(Protocol):
    """What a cohort of mixed versions needs to know: the frameworks available, by
    `id@version` and by id (oldest version first), and how to carry an assessment to
    another version. An `Engine` is one."""

    def framework_names(self) -> dict[str, Framework]: ...

    def migrations(self) -> Sequence[object]: ...

    def migrate(self, assessment: Assessment, to: str) -> Migrated: ...


# A top-level key starts a line in block YAML, and JSON writes the key in quotes: for each,
# what finds a document's `kind` and the `framework` it names.
_Patterns = tuple[re.Pattern[bytes], re.Pattern[bytes]]
_YAML: Final[_Patterns] = (
    re.compile(rb"""^kind:[ \t]*["']?([^\s"'#,}]+)""", re.MULTILINE),
    re.compile(rb"""^framework:[ \t]*["']?([^\s"'#,}]+)""", re.MULTILINE),
)
_JSON: Final[_Patterns] = (
    re.compile(rb'"kind"\s*:\s*"([^"\\]+)"'),
    re.compile(rb'"framework"\s*:\s*"([^"\\]+)"'),
)


def _refs_of(file: str) -> Iterator[str]:
    """The `framework` the assessment in `file` names, or each line of JSON Lines does: from
    its text when that is plain, else parsed; none when it cannot be read (the benchmark
    reports that file itself)."""
    if holds_lines(file):
        try:
            for _, line in read_lines(file):
                if line is not None and (ref := _ref_in(line, file, _JSON)) is not None:
                    yield ref
        except SelfReviewError:
            return
        return
    try:
        head = read_bytes(file)
    except SelfReviewError:
        return
    ref = _ref_in(head, file, _JSON if is_json_name(file) else _YAML)
    if ref is not None:
        yield ref


def _ref_in(text: bytes, file: str, patterns: _Patterns) -> str | None:
    """The `framework` one assessment names: found by `patterns` (its `kind`, the
    `framework`) when both are plain, else parsed; None when it is not an assessment (a
    plan or a rule pack names a framework too), names none or cannot be parsed."""
    kind, found = patterns[0].search(text), patterns[1].search(text)
    if kind is not None and found is not None:
        if kind.group(1) != b"assessment":
            return None
        try:
            return found.group(1).decode("utf-8")
        except UnicodeDecodeError:
            return None
    try:
        source = parse_text(text, file)
    except SelfReviewError:
        return None
    ref = source.data.get("framework") if source.kind == "assessment" else None
    return ref if isinstance(ref, str) else None


def framework_refs(files: Iterable[str]) -> list[str]:
    """The distinct `framework` values the files name (each line of a JSON Lines file), in
    the order first met."""
    return list(dict.fromkeys(ref for file in files for ref in _refs_of(file)))


def newest_present(files: Iterable[str], versions: Versions) -> Framework | None:
    """The newest available version of the framework the first file names, among the
    versions of it the files are of; None when no file names an available framework."""
    names = versions.framework_names()
    order = {ref: i for i, ref in enumerate(names) if "@" in ref}
    present: list[Framework] = []
    for ref in framework_refs(files):
        found = names.get(ref)
        if found is None or (present and found.id != present[0].id):
            continue
        present.append(found)
    return max(present, key=lambda f: order.get(f.ref, -1)) if present else None


def migrating_loader(versions: Versions, target: Framework) -> Callable[[Source], Assessment]:
    """Loads an assessment of another version (checked against its own version) and carries
    it to `target`; `InvalidDocument` at its `framework` line when no migration leads there."""
    names = versions.framework_names()

    def load(source: Source) -> Assessment:
        assessment = assessment_from(source, names)
        try:
            return versions.migrate(assessment, target.ref).assessment
        except SelfReviewError as error:
            first = error.first
            hint = first.hint or f"a cohort is of one framework version: {target.ref}"
            problem = source.diagnostic(("framework",), first.message, code=first.code, hint=hint)
            raise InvalidDocument([problem]) from None

    return load


class CohortMigration:
    """For `benchmark_files`: loads each assessment, carrying one of another version to the
    cohort's (`target`), and counts how many were carried."""

    def __init__(self, versions: Versions, target: Framework) -> None:
        self.target = target
        self.carried = 0
        self._load = migrating_loader(versions, target)

    def __call__(self, source: Source) -> Assessment:
        assessment = self._load(source)
        self.carried += 1
        return assessment


def cohort_framework(
    versions: Versions, files: Sequence[str], target: Framework | None
) -> tuple[Framework | dict[str, Framework], CohortMigration | None]:
    """The cohort's framework (`target`; without one, a lookup that finds it from the first
    readable assessment) and, when any migration is known, what carries the assessments of
    other versions to it: to `target`, else to the newest version present in `files`."""
    if not versions.migrations():
        return target or versions.framework_names(), None
    if target is None:
        target = newest_present(files, versions)
        if target is None:
            return versions.framework_names(), None
    return target, CohortMigration(versions, target)
