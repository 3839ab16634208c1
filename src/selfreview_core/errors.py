"""The one exception hierarchy: every error on bad input is a `SelfReviewError`.

Errors carry their location as attributes (file, line, column, document path) so a
CLI, an editor integration or a test can use them without parsing messages.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path

__all__ = [
    "BatchStopped",
    "CohortFileError",
    "CohortMemoryError",
    "CohortMismatchError",
    "CohortRowsError",
    "ComparisonError",
    "Diagnostic",
    "EndRefused",
    "HistoryError",
    "InvalidDocument",
    "MigrationError",
    "NoCohortError",
    "NoMigrationPathError",
    "NotSure",
    "OutputRefused",
    "ParseStopped",
    "Refused",
    "SelfReviewError",
    "SessionNotSaved",
    "Skipped",
    "TooLong",
    "UnknownFrameworkError",
    "UnknownIdError",
    "cut",
    "format_path",
    "named_key",
    "quoted_key",
]

_PLAIN_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
#: The hint at YAML 1.1's merge key, `<<`: these files are read as YAML 1.2, where it is a key.
#: Here, where `Source.diagnostic` can leave it out of a JSON file's problems.
MERGE_KEY_HINT = "YAML's merge keys are not read here: write the keys out in full"


@dataclass(frozen=True, slots=True)
class Spelled:
    """A mapping key that is not text (`true`, `0o12`, `1.5`, `null`) in a document path,
    named as the file writes it, in brackets as a whole-number key is (`levels[5]`,
    `judgements[true]`): neither a list's item nor a text key (`.true`, `["1.5"]`).
    `str()` gives `text`, the key as Python writes it (`str(key)`); it alone makes the part
    equal to another, so that any spelling finds the key in the tree of positions, where no
    text key (a `str`) is equal to it: `true:` and `"True":` have two places."""

    spelling: str = field(compare=False)
    text: str

    def __str__(self) -> str:
        return self.text


PathPart = str | int | Spelled

#: A key longer than this is shown cut, as a value is (`pydantic_errors._describe`).
_LONGEST = 40


def cut(text: str) -> str:
    """`text` as a message shows a key or a value: whole up to 40 characters, else its
    first 37 and `...`, so that a huge key or number cannot bury the message."""
    return text if len(text) <= _LONGEST else text[: _LONGEST - 3] + "..."


def quoted_key(key: str, empty: str = "an empty key") -> str:
    """A text key as a message names it: in backticks, cut after 37 characters as a value
    is (`the text `...``); `empty` where backticks would hold nothing to see."""
    return f"`{cut(key)}`" if key else empty


def named_key(problem: str, key: str, empty: str = "an empty key") -> str:
    """`problem` (`unknown key`) with a text key as `quoted_key` names it: `unknown key
    `strnds``, or `unknown key: an empty key` (`empty` for a name or an id: `unknown kind:
    an empty name`)."""
    return f"{problem} {quoted_key(key)}" if key else f"{problem}: {empty}"


def format_path(path: Iterable[PathPart]) -> str:
    """Render a document path the way the docs and messages show it.

    `("elements", 0, "aspects", 1, "levels", 5)` -> `elements[0].aspects[1].levels[5]`.
    A key longer than 40 characters is cut as a value is, to its first 37 and `...` (in
    the quotes of a text key): `["kkkk...kkk..."]`, `[1.0000...000...]`.
    """
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif isinstance(part, Spelled):
            out.append(f"[{cut(part.spelling)}]")
        elif len(part) <= _LONGEST and _PLAIN_KEY.fullmatch(part):  # not `match`: `"1a1\n"`
            out.append(f".{part}" if out else part)
        else:
            escaped = cut(part).replace("\\", "\\\\").replace('"', '\\"')
            out.append(f'["{escaped}"]')
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in one place; lines and columns count from 1."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str = ""
    hint: str | None = None
    code: str = "invalid"

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line, self.column) if p is not None)
        text = f"{self.path}: {self.message}" if self.path else self.message
        if self.hint:
            text = f"{text} ({self.hint})"
        return f"{where}: {text}" if where else text

    def to_dict(self) -> dict[str, Any]:
        """Every field by its name: a problem as `selfreview validate --format json` writes it."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input left out of a batch or a cohort (a file, or a JSON Lines file's line,
    named `file:line`), and why. Here, beside `Diagnostic`, rather than with the cohort
    code that first needed it: every batch command reports what it skips, and importing
    the cohort's modules for this alone cost `report` start-up time."""

    file: str
    diagnostics: tuple[Diagnostic, ...]
    #: The system's number for why the file could not be read (`OSError.errno`), when the
    #: system refused it: a caller tells "no descriptor was free" (`EMFILE`, no fault of
    #: the file's) from a fault of the file by number, not by the message's words (round
    #: 79). Left out of equality: the same input skipped for the same reasons is the same.
    errno: int | None = field(default=None, compare=False)


class SelfReviewError(Exception):
    """Base of every error raised on bad input.

    `diagnostics` holds every problem found (a document is checked as a whole, so one
    run shows all of them); `file`, `line`, `column` and `path` are the first one's.
    """

    diagnostics: tuple[Diagnostic, ...]
    #: The system's number for why a file could not be read (`OSError.errno`), when the
    #: system refused it (`files.source.unreadable`); None otherwise.
    errno: int | None = None

    def __init__(
        self,
        message: str | Sequence[Diagnostic],
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        path: str = "",
        hint: str | None = None,
        code: str = "invalid",
        errno: int | None = None,
    ) -> None:
        if isinstance(message, str):
            diagnostics: tuple[Diagnostic, ...] = (
                Diagnostic(message, file, line, column, path, hint, code),
            )
        else:
            diagnostics = tuple(message)
            if not diagnostics:
                raise ValueError("a SelfReviewError needs at least one diagnostic")
        self.diagnostics = diagnostics
        self.errno = errno
        super().__init__("\n".join(str(d) for d in diagnostics))

    @property
    def first(self) -> Diagnostic:
        return self.diagnostics[0]

    @property
    def file(self) -> str | None:
        return self.first.file

    @property
    def line(self) -> int | None:
        return self.first.line

    @property
    def column(self) -> int | None:
        return self.first.column

    @property
    def path(self) -> str:
        return self.first.path

    @property
    def hint(self) -> str | None:
        return self.first.hint


class InvalidDocument(SelfReviewError):
    """A file (or in-memory document) that cannot be read, parsed or validated."""


class UnknownFrameworkError(SelfReviewError, LookupError):
    """A framework named by id (or id@version) that is not available."""


class UnknownIdError(SelfReviewError, LookupError):
    """An element, aspect or strand id that the framework does not have."""


class ComparisonError(SelfReviewError):
    """Two assessments that cannot be compared (different frameworks or schools)."""


class MigrationError(SelfReviewError):
    """A migration that cannot be applied or composed as asked."""


class NoMigrationPathError(MigrationError, LookupError):
    """No chain of known migrations leads from one framework version to another."""


class BatchStopped(SelfReviewError):
    """`--strict` stopped a batch of reports at its first assessment skipped, report with
    problems or file not written: what a stream to one file held is discarded."""


class OutputRefused(SelfReviewError):
    """An output that will not be written: it would replace an input, its folder does not
    exist, it is a directory or a read-only file. Raised before anything is written;
    `file` is the output, and the message names the input and its option."""

    def __init__(
        self, message: str, *, file: str, hint: str | None = None, code: str = "output"
    ) -> None:
        super().__init__(message, file=file, hint=hint, code=code)


class SessionNotSaved(SelfReviewError):
    """The session stopped without saving over its file: the file changed on disk since
    the session read it, or it could not be written. `saved_as` is where the session's
    own version went (None when it could only be shown); `unsaved` is that version's text
    when it could be saved nowhere, for the command to show, so that nothing is lost."""

    def __init__(
        self,
        message: str,
        *,
        file: str,
        hint: str,
        saved_as: Path | None,
        unsaved: str | None = None,
    ) -> None:
        super().__init__(message, file=file, hint=hint, code="not-saved")
        self.saved_as = saved_as
        self.unsaved = unsaved


# -- cohorts: the authority's view (SPEC section 8) ----------------------------------------


class CohortFileError(SelfReviewError):
    """A cohort file that cannot be read as one: not Parquet, or not the columns of one."""


class CohortRowsError(SelfReviewError):
    """Judgement rows that do not fit the cohort's framework."""

    #: What is wrong said without a school's id, counted (`rows that do not fit ...: 4
    #: rows`): what `benchmark --anonymise` says instead (`cohort.unnamed_notes`).
    unnamed: str = ""


class CohortMemoryError(SelfReviewError):
    """A cohort whose counting passed DuckDB's memory limit (`cohort.rows.MEMORY_LIMIT`, or
    `support`'s lower one while it reads the cohort: `cohort.lowered_memory`)."""

    #: The limit reached, as DuckDB was given it (`256MB`): for a command to say again what
    #: it was doing (`cohort.work.WorkFolder`).
    limit: str = ""


class NoCohortError(SelfReviewError):
    """Inputs that make no cohort: cohort files of no available framework, or a mix of
    cohort files and assessments."""


class CohortMismatchError(SelfReviewError):
    """A review and a cohort of different frameworks or versions."""


class HistoryError(SelfReviewError):
    """Reviews that do not make one school's history: another school, another framework."""


# -- what plugins give: refused at the boundary, credited to the plugin, never raised out -----


class Refused(Exception):
    """Raised by our own checks inside a guarded call: what the plugin gave breaks the
    rules, and the message says how (recorded as it is, crediting the plugin)."""

    def __init__(self, message: str, severity: Literal["error", "warning"] = "error") -> None:
        super().__init__(message)
        self.message = message
        self.severity: Literal["error", "warning"] = severity


class EndRefused(SystemExit):
    """What `os._exit(status)` raises in plugin code run by the `selfreview` command: the
    plugin's call ends as `sys.exit` would have it end (a problem naming the plugin), and
    the command goes on, where the process would have ended at once, its output unwritten
    and its exit status the plugin's."""


# -- signals between the parts of a reader: caught where they are raised, never raised out ---


class ParseStopped(Exception):
    """The YAML event reader cannot go on (a syntax error, a forbidden tag, a limit);
    carries the one diagnostic the document then gets."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


class NotSure(Exception):
    """The fast YAML reader cannot vouch for a document: the event reader decides."""


class TooLong(Exception):
    """An integer literal longer than the YAML readers convert (`MAX_INT_CHARS`)."""


class TurnNotHad(OSError):
    """Another process held a folder's turn to save (`saving_turns`) past the bound and did
    not let go (stopped, `kill -STOP` or Ctrl-Z, or stuck between its check and its rename):
    this save did not rename there. A session keeps its answers beside the file; before
    round 82 it waited for ever."""
