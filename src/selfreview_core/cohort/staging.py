"""A cohort's assessments read, checked and staged for DuckDB: one JSON line per review.

`collect` and `benchmark` read files, directories and JSON Lines as `report` does, but each
usable review becomes one compact JSON object (who, when, and for each judged strand its id,
aspect, element, level, rank and whether it has evidence) written to a staging file that
DuckDB reads in one pass (`read_json`): the rows never pass through Python one by one, and
memory does not grow with the input, since the staging file is on disk.

Reading and checking are the slow part, so with `jobs` above 1 they run in worker processes
(`parallel.ordered_pairs`), on chunks of files or spans of JSON Lines files whose lines
the worker reads itself (`chunks`); the results come back
in input order and are written in that order, so the staging file, and what is made from
it, are the same whatever the number of jobs. Bad files and lines are kept, with their
located diagnostics, in `Staged.skipped`, never fatal.

A review with no judgement is staged with one placeholder entry (every list `[null]`), so the
school still counts: its one row has no strand (see `parquet`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from hashlib import blake2b
from typing import Any, Final, Protocol

from ..errors import InvalidDocument, Skipped
from ..files.json_lines import at_line, line_too_large
from ..files.source import Source, parse_text, read_source
from ..loader import FrameworkLookup, assessment_from, resolve_framework
from ..model.assessment import Assessment
from ..model.base import split_ref
from ..model.framework import Framework
from ..parallel import ordered_pairs
from ..scoring import judged_level
from .benchmarking import has_evidence
from .chunks import Chunk, chunks, lines_of

__all__ = [
    "MAX_KEYS",
    "STAGED_COLUMNS",
    "Carrier",
    "Reader",
    "Staged",
    "record",
    "review_key",
    "stage",
]

#: The staging file's fields and their DuckDB types, for `read_json(columns=...)`.
STAGED_COLUMNS: Final = {
    "q": "BIGINT",  # the review's place in the input (0, 1, ...)
    "o": "VARCHAR",  # where it came from: a file, or file:line for JSON Lines
    "i": "VARCHAR",  # school id
    "n": "VARCHAR",  # school name
    "a": "VARCHAR",  # authority
    "f": "VARCHAR",  # framework id
    "v": "VARCHAR",  # framework version
    "d": "DATE",  # assessed_on
    "g": "VARCHAR",  # respondent group (None for a school's own review)
    "s": "VARCHAR[]",  # strand ids, in framework order
    "x": "VARCHAR[]",  # each strand's aspect id
    "y": "VARCHAR[]",  # each strand's element id
    "l": "INTEGER[]",  # levels
    "r": "INTEGER[]",  # ranks (0 at the worst level)
    "e": "BOOLEAN[]",  # has evidence
    "c": "DOUBLE[]",  # scores (SPEC section 10: the rank, or the sum of the answers' values)
    "t": "VARCHAR[]",  # evidence text (only when asked for; else absent, read as NULL)
}
_DUMPS: Final = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _respondent_group(assessment: Assessment) -> str | None:
    """The respondent group an assessment names (SPEC section 9), None for a school's own
    review. Read by name so this module works before and after assessments gain it."""
    respondent = getattr(assessment, "respondent", None)
    group = getattr(respondent, "group", None)
    return group if isinstance(group, str) else None


def record(framework: Framework, assessment: Assessment, origin: str, *, evidence: bool) -> str:
    """One review as a staging line's JSON object, without its place (`q`, added by the
    writer, which knows the order)."""
    scale = framework.scale
    worst, step = scale.worst, scale.step
    strands: list[str | None] = []
    aspects: list[str | None] = []
    elements: list[str | None] = []
    levels: list[int | None] = []
    ranks: list[int | None] = []
    scores: list[float | None] = []
    flags: list[bool | None] = []
    texts: list[str | None] = []
    judgements = assessment.judgements
    for element in framework.elements:
        for aspect in element.aspects:
            for strand in aspect.strands:
                judgement = judgements.get(strand.id)
                level = None if judgement is None else judged_level(framework, strand.id, judgement)
                if judgement is None or level is None:  # not judged, or not applicable
                    continue
                strands.append(strand.id)
                aspects.append(aspect.id)
                elements.append(element.id)
                levels.append(level)
                ranks.append((level - worst) * step)
                # the score `Profile.score` gives the strand: its answers' sum, or its rank
                answers = judgement.answers
                scored = None if answers is None else framework.answers_score(strand, answers)
                scores.append(float((level - worst) * step if scored is None else scored))
                flags.append(has_evidence(judgement.evidence))
                texts.append(judgement.evidence)
    if not strands:  # one placeholder entry: the review still counts (see the module)
        strands = aspects = elements = texts = [None]
        levels = ranks = [None]
        scores = [None]
        flags = [None]
    school = assessment.school
    data: dict[str, Any] = {
        "o": origin,
        "i": school.id,
        "n": school.name,
        "a": school.authority,
        "f": framework.id,
        "v": framework.version,
        "d": assessment.assessed_on.isoformat(),
        "g": _respondent_group(assessment),
        "s": strands,
        "x": aspects,
        "y": elements,
        "l": levels,
        "r": ranks,
        "e": flags,
        "c": scores,
    }
    if evidence:
        data["t"] = texts
    text: str = _DUMPS(data)
    return text


class Carrier(Protocol):
    """What carries an assessment of another framework version to the cohort's, built in
    each worker (`cohort_engine.EngineSpec`, which needs the engine: a layer above)."""

    def loader(self, target: Framework) -> Callable[[Source], Assessment]: ...


@dataclass(frozen=True, slots=True)
class Reader:
    """How to turn a source into a staged review; picklable, so workers get it once.

    `frameworks` finds each assessment's framework; with `fixed`, every review must be of
    that framework version (a cohort is of one), others skipped with a located error, or,
    with `migrate` (a target `id@version` and the engine to find migrations with), carried
    to it first.
    """

    frameworks: FrameworkLookup
    fixed: Framework | None = None
    evidence: bool = False
    migrate: Carrier | None = None

    def loader(self) -> Callable[[Source], tuple[Framework, Assessment, bool]]:
        """A function from a source to (framework, assessment, carried from another
        version); `InvalidDocument` for one that cannot be used."""
        fixed = self.fixed
        lookup = self.frameworks
        carry: Callable[[Source], Assessment] | None = None
        if fixed is not None and self.migrate is not None:
            carry = self.migrate.loader(fixed)

        def load(source: Source) -> tuple[Framework, Assessment, bool]:
            if fixed is None:
                assessment = assessment_from(source, lookup)
                found = resolve_framework(lookup, assessment.framework)
                if found is None:  # pragma: no cover - a checked assessment has one
                    raise InvalidDocument(f"no framework {assessment.framework}", file=source.file)
                return found, assessment, False
            ref = source.data.get("framework") if source.kind == "assessment" else None
            if isinstance(ref, str):
                framework_id, version = split_ref(ref)
                if framework_id != fixed.id or version not in (None, fixed.version):
                    if carry is not None:
                        return fixed, carry(source), True
                    problem = source.diagnostic(
                        ("framework",),
                        f"assessment is of `{ref}`, not of {fixed.ref}",
                        code="wrong-framework",
                        hint="a cohort is of one framework: benchmark the others on their own",
                    )
                    raise InvalidDocument([*source.problems, problem])
            return fixed, assessment_from(source, fixed), False

        return load


@dataclass(slots=True)
class Staged:
    """What staging found: reviews staged, inputs skipped (with why), files and lines read,
    reviews carried from another version, and the frameworks (`id@version`) seen."""

    reviews: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    read: int = 0
    carried: int = 0
    frameworks: list[str] = field(default_factory=list)
    #: Whether two staged reviews may be of one school, date, framework version and
    #: respondent group (`staged_duplicates` then finds them); False only when none is.
    duplicates_possible: bool = False


#: Reviews whose keys `stage` keeps to tell that none repeats; past this many (some 200
#: MB of keys) it stops, and duplicates are taken as possible.
MAX_KEYS: Final = 4_000_000


def review_key(framework: Framework, assessment: Assessment) -> int:
    """A 64-bit digest of what makes two reviews duplicates (school id, date, framework id
    and version, respondent group: what `staged_duplicates` groups by), the same in every
    process (unlike `hash`, salted per process). Equal reviews give equal digests; two
    others sharing one (or a separator in an id) only make `collect` look in full."""
    text = "\x00".join(
        (
            assessment.school.id,
            assessment.assessed_on.isoformat(),
            framework.id,
            framework.version,
            _respondent_group(assessment) or "",
        )
    )
    return int.from_bytes(blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest())


@dataclass(slots=True)
class _Done:
    """What a worker made of a chunk. Its reviews' lines come back as one text, each line
    starting `{"q":%d,` (any other `%` doubled) for the writer to number them in one
    C-level `text % places`, and the frameworks seen once each, in order: what crosses the
    pipe, and what the writer does per review, is then small (docs/performance.md)."""

    records: list[str] = field(default_factory=list)
    text: str = ""
    keys: list[int] = field(default_factory=list)  # `review_key` of each review, in order
    frameworks: dict[str, None] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    read: int = 0
    carried: int = 0
    reviews: int = 0

    def seal(self) -> _Done:
        """The records made one text to number (see the class)."""
        lines = self.records
        self.text = "".join(['{"q":%d,' + line[1:].replace("%", "%%") + "\n" for line in lines])
        self.reviews, self.records = len(lines), []
        return self


_WORKER: dict[str, Callable[[Chunk], _Done]] = {}


def _work(reader: Reader) -> Callable[[Chunk], _Done]:
    """The function a worker runs on each chunk."""
    load = reader.loader()
    evidence = reader.evidence

    def one(done: _Done, file: str, line: bytes | None, number: int | None) -> None:
        """Stage a file (`line` None), a JSON Lines line (`number` its line) or a document
        read already (`number` None)."""
        origin = file if number is None else f"{file}:{number}"
        try:
            source = read_source(file) if line is None else parse_text(line, file)
            framework, assessment, carried = load(source)
        except InvalidDocument as error:
            found = tuple(error.diagnostics)
            if number is not None:
                found = at_line(found, file, number)
            done.skipped.append(Skipped(origin, found))
            return
        done.records.append(record(framework, assessment, origin, evidence=evidence))
        done.keys.append(review_key(framework, assessment))
        done.frameworks.setdefault(framework.ref)
        done.carried += carried

    def run(chunk: Chunk) -> _Done:
        done = _Done()
        for file in chunk.files:
            done.read += 1
            one(done, file, None, None)
        if chunk.text is not None:
            done.read += 1
            one(done, chunk.text[0], chunk.text[1], None)
        if chunk.failed is not None:
            done.read += 1
            done.skipped.append(chunk.failed)
        file_of_lines = chunk.lines_of if chunk.span is None else chunk.span.file
        if file_of_lines is not None:
            failed: list[Skipped] = []
            lines = chunk.lines if chunk.span is None else lines_of(chunk.span, failed)
            for number, line in lines:
                done.read += 1
                if line is None:
                    too_large = line_too_large(file_of_lines, number)
                    done.skipped.append(Skipped(f"{file_of_lines}:{number}", (too_large,)))
                    continue
                one(done, file_of_lines, line, number)
            done.read += len(failed)
            done.skipped.extend(failed)
        return done.seal()

    return run


def _init_worker(reader: Reader) -> None:
    _WORKER["run"] = _work(reader)


def _run_in_worker(chunk: Chunk) -> _Done:
    return _WORKER["run"](chunk)


def stage(
    files: Sequence[str],
    reader: Reader,
    write: Callable[[str], object],
    *,
    jobs: int = 1,
    progress: Callable[[int], object] | None = None,
) -> Staged:
    """Read `files` (files and JSON Lines, as `expand_paths` gives them), stage each usable
    review as a line (newline included), in input order, by calling `write` with the
    lines of each chunk that has any, joined (one call per chunk, not per line: a text
    file's `write` costs a few microseconds a call, this process's time that the workers
    wait on).

    With `jobs` above 1, reading and checking run in that many worker processes, a few
    chunks ahead of the writer, so memory stays bounded. `progress` is called with the
    number of files each chunk finishes.
    """
    staged = Staged()
    seen: dict[str, None] = {}
    keys: set[int] = set()  # of the reviews staged, while none repeats (`review_key`)
    work = chunks(files, jobs)

    def take(chunk: Chunk, done: _Done) -> None:
        if done.reviews:
            first = staged.reviews
            write(done.text % tuple(range(first, first + done.reviews)))
            staged.reviews += done.reviews
            if not staged.duplicates_possible:
                before = len(keys)
                keys.update(done.keys)
                if len(keys) - before != len(done.keys) or len(keys) > MAX_KEYS:
                    staged.duplicates_possible = True
                    keys.clear()
        for ref in done.frameworks:
            seen.setdefault(ref)
        staged.skipped.extend(done.skipped)
        staged.read += done.read
        staged.carried += done.carried
        if progress is not None and chunk.finishes:
            progress(chunk.finishes)

    fresh = _threaded()
    for chunk, done in ordered_pairs(
        _run_in_worker, work, jobs, initializer=_init_worker, initargs=(reader,), fresh=fresh
    ):
        take(chunk, done)
    staged.frameworks = list(seen)
    return staged


def _threaded() -> bool:
    """Whether this process runs threads besides its own (DuckDB's, once a connection is
    open): then workers are started afresh (`parallel`'s `fresh`), since forking a process
    that holds threads can leave a lock held for ever in the child. Single-threaded, as
    `collect` and `benchmark` are while they stage (their DuckDB connection is opened
    after), workers are forked: started in milliseconds with what this process imported,
    rather than each importing the library again. Where the threads cannot be counted
    (no /proc), afresh."""
    try:
        return len(os.listdir("/proc/self/task")) > 1
    except OSError:
        return True
