"""Many assessments at once, as `selfreview report` reads them: files, directories and JSON
Lines files (one assessment object per line), read one at a time so memory does not grow
with the input. A bad file or line is skipped with its located diagnostics, never fatal."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator

from .assessment import Assessment
from .cohort_files import Skipped
from .errors import Diagnostic, InvalidDocument
from .loader import FrameworkLookup, load_assessment
from .source import DEFAULT_LIMITS
from .validation import SUFFIXES, expand_paths

__all__ = ["JSON_LINES", "AssessmentStream"]

JSON_LINES = (".jsonl",)


class AssessmentStream:
    """The assessments under `paths`, checked against `frameworks`, in order.

    Iterating reads them lazily; what could not be used is in `skipped` (a JSON Lines file's
    diagnostics name its line). `read` counts the files and lines tried so far.
    """

    def __init__(
        self, paths: Iterable[str | os.PathLike[str]], frameworks: FrameworkLookup
    ) -> None:
        self._paths = paths
        self._frameworks = frameworks
        self.skipped: list[Skipped] = []
        self.read = 0

    def __iter__(self) -> Iterator[Assessment]:
        for file in dict.fromkeys(expand_paths(self._paths, SUFFIXES + JSON_LINES)):
            if file.lower().endswith(JSON_LINES):
                yield from self._lines(file)
                continue
            self.read += 1
            try:
                yield load_assessment(file, self._frameworks)
            except InvalidDocument as error:
                self.skipped.append(Skipped(file, error.diagnostics))

    def _lines(self, file: str) -> Iterator[Assessment]:
        limit = DEFAULT_LIMITS.max_bytes
        with open(file, "rb") as stream:
            number = 0
            while line := stream.readline(limit + 1):
                number += 1
                if len(line) > limit and not line.endswith(b"\n"):
                    # One line over the size cap: never held whole; skip to its end.
                    while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
                        pass
                    self.read += 1
                    message = f"the line is over {limit:,} bytes, the limit for one document"
                    self.skipped.append(
                        Skipped(
                            f"{file}:{number}",
                            (Diagnostic(message, file, number, 1, code="too-large"),),
                        )
                    )
                    continue
                if not line.strip():
                    continue
                self.read += 1
                try:
                    yield load_assessment(file, self._frameworks, text=line)
                except InvalidDocument as error:
                    # Each line is parsed on its own as line 1: point at the file's line.
                    located = tuple(
                        dataclasses.replace(d, file=file, line=number) for d in error.diagnostics
                    )
                    self.skipped.append(Skipped(f"{file}:{number}", located))
