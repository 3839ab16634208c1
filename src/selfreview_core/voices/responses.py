"""Reading the responses `voices`, `combine` and `report --voices` compare: files,
directories and JSON Lines files (one response per line), each checked against its
framework.

All or nothing: a view or a draft that silently left out a respondent (or let a group drop
under the minimum) would mislead, so every file that cannot be used is reported (located:
a JSON Lines file's line) in one `InvalidDocument`, and nothing is compared. The responses
must answer one framework version (`ComparisonError` naming the files otherwise); the
school's own reviews (no `respondent`) are returned apart from the responses.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from .._followed import Followed
from .._names import JSON_LINES
from ..errors import ComparisonError, Diagnostic, InvalidDocument, SelfReviewError
from ..files.json_lines import at_line, holds_lines, line_too_large, read_lines
from ..files.limits import DEFAULT_LIMITS
from ..files.source import Source, parse_text, read_source
from ..files.walk import SUFFIXES, each_once, expand_paths
from ..loader import FrameworkLookup, load_assessment, resolve_framework
from ..model.framework import Framework
from ..model.voices import Response
from .groups import ResponseSource, response_diagnostic

__all__ = ["Responses", "located", "read_responses", "response_files"]


@dataclass(frozen=True, slots=True)
class Responses:
    """What was read: the framework they answer, the respondents' answers and the school's
    own reviews, each with where it came from (`file`, or `file:line`)."""

    framework: Framework
    responses: tuple[Response, ...]
    own: tuple[Response, ...]


def response_files(paths: Iterable[str], followed: Followed | None = None) -> list[str]:
    """The YAML, JSON and JSON Lines files `paths` name (directories walked, the links
    they followed noted in `followed`), each once, however it is named (`./a.yaml` and
    `a.yaml`, a link): a response read twice would count twice."""
    return each_once(expand_paths(paths, SUFFIXES + JSON_LINES, followed))


def _read(
    files: Iterable[str], frameworks: FrameworkLookup
) -> tuple[list[Response], list[Diagnostic]]:
    found: list[Response] = []
    wrong: list[Diagnostic] = []
    limit = DEFAULT_LIMITS.max_bytes
    for file in files:
        if not holds_lines(file):  # a file, or standard input holding one document
            try:
                found.append((ResponseSource(file), load_assessment(file, frameworks)))
            except InvalidDocument as error:
                wrong += error.diagnostics
            continue
        try:
            for number, line in read_lines(file, limit):
                if line is None:
                    wrong.append(line_too_large(file, number, limit))
                    continue
                try:
                    found.append(
                        (ResponseSource(file, number), load_assessment(file, frameworks, text=line))
                    )
                except InvalidDocument as error:
                    wrong += at_line(error.diagnostics, file, number)
        except InvalidDocument as error:  # not a regular file, or unreadable
            wrong += error.diagnostics
    return found, wrong


def read_responses(files: Iterable[str], frameworks: FrameworkLookup) -> Responses:
    """Every response in `files` (see the module), or `InvalidDocument` listing every one
    that cannot be used, or `ComparisonError` for answers to different frameworks."""
    found, wrong = _read(files, frameworks)
    if wrong:
        raise InvalidDocument(wrong)
    if not found:
        raise InvalidDocument("no responses found: the files hold no assessments", code="empty")
    refs: dict[str, Framework] = {}
    for _, assessment in found:
        framework = resolve_framework(frameworks, assessment.framework)
        assert framework is not None  # `load_assessment` found it
        refs.setdefault(framework.ref, framework)
    if len(refs) > 1:
        first = next(iter(refs))
        raise ComparisonError(
            [
                response_diagnostic(
                    source,
                    f"a response to {framework.ref}, but the first one answers {first}: the "
                    "responses compared must all answer one framework version",
                    "framework",
                    "different-frameworks",
                    f"compare the responses to {first} on their own",
                )
                for source, assessment in found
                if (framework := resolve_framework(frameworks, assessment.framework)) is not None
                and framework.ref != first
            ]
        )
    framework = next(iter(refs.values()))
    return Responses(
        framework=framework,
        responses=tuple(r for r in found if r[1].respondent is not None),
        own=tuple(r for r in found if r[1].respondent is None),
    )


def _pointed(diagnostic: Diagnostic, read: Callable[[], Source]) -> Diagnostic:
    """`diagnostic` pointed at its key's line and column in the text `read` gives (a JSON
    Lines file's line keeps its number); as it was if that text is gone or changed."""
    assert diagnostic.path is not None  # `located` points only those with a path
    try:
        there = read().diagnostic(
            tuple(diagnostic.path.split(".")),
            diagnostic.message,
            code=diagnostic.code,
            hint=diagnostic.hint,
        )
    except (SelfReviewError, OSError):  # gone or changed since: named as it was
        return diagnostic
    line = there.line if diagnostic.line is None or there.line is None else diagnostic.line
    return dataclasses.replace(there, line=line)


def _parsed(file: str, text: bytes | None) -> Callable[[], Source]:
    def parse() -> Source:
        if text is None:  # a line over the cap: not read
            raise InvalidDocument("gone", file=file)
        return parse_text(text, file)

    return parse


def located(error: SelfReviewError) -> SelfReviewError:
    """`error` with each diagnostic about a response's key (`school.id`, `framework`,
    `respondent`) pointed at its line and column in the file (a JSON Lines file's line),
    where the file can still be read; otherwise as it was.

    A JSON Lines file is read once for all its lines named, one line held at a time: a
    file of 20,000 responses of many schools given to `voices` re-read the file for each
    line refused (385 s before round 59)."""
    diagnostics = error.diagnostics
    found: list[Diagnostic] = list(diagnostics)
    #: Per JSON Lines file, per line number, the diagnostics about that line.
    lines: dict[str, dict[int, list[int]]] = {}
    for i, diagnostic in enumerate(diagnostics):
        file = diagnostic.file
        if file is None or not diagnostic.path or diagnostic.column is not None:
            continue
        if diagnostic.line is None:
            found[i] = _pointed(diagnostic, partial(read_source, file))
        else:
            lines.setdefault(file, {}).setdefault(diagnostic.line, []).append(i)
    for file, named in lines.items():
        try:
            for number, text in read_lines(file):
                for i in named.pop(number, ()):
                    found[i] = _pointed(diagnostics[i], _parsed(file, text))
                if not named:
                    break
        except (SelfReviewError, OSError):  # gone or changed since: the rest as they were
            pass
    return type(error)(found)
