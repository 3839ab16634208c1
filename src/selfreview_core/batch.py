"""Many assessments at once, as `selfreview report` reads them: files, directories and JSON
Lines files (one assessment object per line), read one at a time so memory does not grow
with the input. A bad file or line is skipped with its located diagnostics, never fatal."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .cohort.files import Skipped
from .errors import InvalidDocument
from .files.json_lines import at_line, is_json_lines, line_too_large, read_lines
from .files.limits import DEFAULT_LIMITS
from .loader import FrameworkLookup, load_assessment
from .model.assessment import Assessment

__all__ = ["AssessmentStream"]


class AssessmentStream:
    """The assessments in `files`, checked against `frameworks`, in order.

    `files` are files, not directories: the caller walks those (`expand_paths`, with
    `SUFFIXES + JSON_LINES`) and drops repeats. Iterating reads them lazily; what could not
    be used is in `skipped` (a JSON Lines file's diagnostics name its line). `read` counts
    the files and lines tried so far.
    """

    def __init__(self, files: Iterable[str], frameworks: FrameworkLookup) -> None:
        self._files = files
        self._frameworks = frameworks
        self.skipped: list[Skipped] = []
        self.read = 0

    def __iter__(self) -> Iterator[Assessment]:
        for file in self._files:
            if is_json_lines(file):
                yield from self._lines(file)
                continue
            self.read += 1
            try:
                yield load_assessment(file, self._frameworks)
            except InvalidDocument as error:
                self.skipped.append(Skipped(file, error.diagnostics))

    def _lines(self, file: str) -> Iterator[Assessment]:
        try:
            yield from self._read_lines(file)
        except InvalidDocument as error:  # not a regular file, or unreadable
            self.read += 1
            self.skipped.append(Skipped(file, error.diagnostics))

    def _read_lines(self, file: str) -> Iterator[Assessment]:
        limit = DEFAULT_LIMITS.max_bytes
        for number, line in read_lines(file, limit):
            self.read += 1
            if line is None:
                too_large = line_too_large(file, number, limit)
                self.skipped.append(Skipped(f"{file}:{number}", (too_large,)))
                continue
            try:
                yield load_assessment(file, self._frameworks, text=line)
            except InvalidDocument as error:
                self.skipped.append(
                    Skipped(f"{file}:{number}", at_line(error.diagnostics, file, number))
                )
