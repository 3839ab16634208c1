"""A cohort from files: assessments read one file at a time, bad files skipped and kept.

Only one file's text is in memory at a time, and `benchmark` keeps a small summary of each
school, so a cohort of thousands of files needs little memory.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain

from .._names import Policy, listed
from ..errors import InvalidDocument, Skipped
from ..files.json_lines import holds_lines, read_lines
from ..files.source import DEFAULT_LIMITS, Source, parse_text, read_source
from ..files.walk import expand_paths
from ..loader import FrameworkLookup, assessment_from, resolve_framework
from ..model.assessment import Assessment
from ..model.base import split_ref
from ..model.framework import Framework
from .benchmarking import benchmark_sources
from .positions import Cohort

__all__ = [
    "AssessmentFiles",
    "FilesBenchmark",
    "Skipped",
    "benchmark_files",
    "first_framework",
]


class AssessmentFiles:
    """Assessments read from files one at a time; bad files are skipped into `skipped`.

    `frameworks` is the cohort's framework, or a lookup (by id or id@version) in which the
    first readable assessment's framework is found; from then on `framework` is fixed, and
    an assessment of any other framework (or version) is skipped with a located error;
    or, given `migrate`, loaded by it (carried to `framework`'s version: see
    `versions.migrating_loader`), which raises `InvalidDocument` when it cannot be.
    """

    def __init__(
        self,
        paths: Iterable[str | os.PathLike[str]],
        frameworks: FrameworkLookup,
        *,
        migrate: Callable[[Source], Assessment] | None = None,
    ) -> None:
        self._paths = listed(paths, "paths")
        self._lookup = frameworks
        self._migrate = migrate
        self.framework: Framework | None = frameworks if isinstance(frameworks, Framework) else None
        self.skipped: list[Skipped] = []
        self.files = 0

    def __iter__(self) -> Iterator[Assessment]:
        for _, assessment in self.with_files():
            yield assessment

    def with_files(self) -> Iterator[tuple[str, Assessment]]:
        """Each usable assessment with the file it came from."""
        seen: set[str] = set()
        for file in expand_paths(self._paths):
            if file in seen:
                continue
            seen.add(file)
            self.files += 1
            try:
                assessment = self._load(file)
            except InvalidDocument as error:
                self.skipped.append(Skipped(file, error.diagnostics))
                continue
            yield file, assessment

    def _load(self, file: str) -> Assessment:
        source = read_source(file)
        if self.framework is None:
            assessment = assessment_from(source, self._lookup)
            self.framework = resolve_framework(self._lookup, assessment.framework)
            return assessment
        fixed = self.framework
        ref = other_framework(source, fixed)
        if ref is not None:
            if self._migrate is not None:
                return self._migrate(source)
            raise wrong_framework(source, ref, fixed)
        return assessment_from(source, fixed)


def other_framework(source: Source, fixed: Framework) -> str | None:
    """The framework an assessment's source names (as written), if it is not `fixed`: another
    id, or another version of it; else None."""
    ref = source.data.get("framework") if source.kind == "assessment" else None
    if isinstance(ref, str):
        framework_id, version = split_ref(ref)
        if framework_id != fixed.id or version not in (None, fixed.version):
            return ref
    return None


def wrong_framework(source: Source, ref: str, fixed: Framework) -> InvalidDocument:
    """The refusal of an assessment of `ref` (`other_framework`) in a cohort of `fixed`."""
    problem = source.diagnostic(
        ("framework",),
        f"assessment is of `{ref}`, not of {fixed.ref}",
        code="wrong-framework",
        hint="a cohort is of one framework version: give the others in a cohort of their own",
    )
    return InvalidDocument([*source.problems, problem])


@dataclass(slots=True)
class FilesBenchmark:
    """A cohort read from files: None when no file held a usable assessment and no
    framework was given."""

    cohort: Cohort | None
    skipped: list[Skipped] = field(default_factory=list)
    files: int = 0


def benchmark_files(
    paths: Iterable[str | os.PathLike[str]],
    frameworks: FrameworkLookup,
    *,
    policy: Policy = "median",
    latest_only: bool = True,
    migrate: Callable[[Source], Assessment] | None = None,
    with_evidence: bool = False,
) -> FilesBenchmark:
    """Benchmark the assessment files under `paths` (files or directories), one file in
    memory at a time. Bad files never stop the run: each is in `skipped` with its
    diagnostics. With `migrate`, assessments of other versions are carried to the cohort's
    (see `AssessmentFiles`). Reviews of one school on one date are listed, by file, in the
    cohort's `duplicates`; evidence text is kept only `with_evidence`."""
    reader = AssessmentFiles(paths, frameworks, migrate=migrate)
    stream = reader.with_files()
    first = next(stream, None)  # fixes the framework when it comes from a lookup
    if reader.framework is None:
        return FilesBenchmark(None, reader.skipped, reader.files)
    assessments = chain(() if first is None else (first,), stream)
    cohort = benchmark_sources(
        reader.framework,
        assessments,
        policy=policy,
        latest_only=latest_only,
        with_evidence=with_evidence,
    )
    return FilesBenchmark(cohort, reader.skipped, reader.files)


def first_framework(files: Iterable[str], lookup: FrameworkLookup) -> Framework | None:
    """The framework of the first usable assessment among `files` (in order), found in
    `lookup`; None when there is none. Bad inputs are passed over: staging reports them."""
    for file in files:
        try:
            if holds_lines(file):
                for number, line in read_lines(file, DEFAULT_LIMITS.max_bytes):
                    del number
                    if line is None:
                        continue
                    try:
                        return _framework_of(parse_text(line, file), lookup)
                    except InvalidDocument:
                        continue
            else:
                return _framework_of(read_source(file), lookup)
        except InvalidDocument:
            continue
    return None


def _framework_of(source: Source, lookup: FrameworkLookup) -> Framework:
    assessment = assessment_from(source, lookup)
    found = resolve_framework(lookup, assessment.framework)
    if found is None:  # pragma: no cover - a checked assessment has one
        raise InvalidDocument(f"no framework {assessment.framework}", file=source.file)
    return found
