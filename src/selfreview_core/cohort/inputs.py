"""Where a cohort comes from: cohort Parquet files, or assessments read and staged.

`benchmark` and `support` take either (SPEC section 8): one or more cohort files written by
`collect` (`.parquet`), or assessment files, directories and JSON Lines. Either way the
result is a `SqlCohort` on rows DuckDB reads from disk, plus what was left out and why:

- **Assessments** are read, checked and staged (`staging`, in worker processes with
  `jobs`); the cohort's framework is the one given, else that of the first usable
  assessment, and an assessment of another framework is skipped with a located error (or
  carried to the cohort's version, through migrations).
- **Cohort files** are checked for the columns of SPEC section 8; the cohort's framework is
  the one given, else the first one the file names (its newest available version, when
  several versions of it are there). Rows of other frameworks or versions are left out and
  counted (`left_out`): a cohort is of one framework version. Carrying a cohort file's rows
  to another version is not done: benchmark the assessment files with `--to` instead.

Everything is kept in a private temporary directory (`CohortWork`): the staging file and
DuckDB's spill files, removed when the work is closed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import duckdb

from .._names import Policy
from .._words import plural
from ..errors import CohortRowsError, NoCohortError, cut
from ..model.framework import Framework
from .file_reading import literal_path, parquet_rows, reading
from .parquet import APPLICABLE_COLUMN, check_columns, has_scores, inventory, is_parquet
from .rows import staged_rows
from .sql import SqlCohort
from .work import WorkFolder, staging_file

if TYPE_CHECKING:  # reading assessments only: a cohort file needs neither (start-up)
    from ..errors import Skipped
    from .staging import Reader, Staged

__all__ = ["CohortInput", "CohortWork", "LeftOut", "NoCohortError", "is_cohort_file"]


@dataclass(frozen=True, slots=True)
class LeftOut:
    """Rows of a cohort file left out: of another framework or version than the cohort's."""

    framework: str
    rows: int


@dataclass(slots=True)
class CohortInput:
    """A cohort to compute (`sql`), and what did not go into it."""

    sql: SqlCohort
    framework: Framework
    skipped: list[Skipped] = field(default_factory=list)
    read: int = 0
    carried: int = 0
    left_out: list[LeftOut] = field(default_factory=list)
    parquet: bool = False

    def counted_in(self, files: Sequence[str]) -> str:
        """What `read` counts of the inputs `files`: cohort files, files, or documents where
        a JSON Lines file was read (each of its lines one)."""
        if self.parquet:
            return "cohort file(s)"
        from ..files.json_lines import holds_lines

        return "document(s)" if any(holds_lines(f) for f in files) else "file(s)"

    def empty_note(self, files: Sequence[str]) -> str:
        """`no usable assessments in N file(s)`, of the inputs `files` (`counted_in`): what
        `benchmark` and `support` say when nothing in them counts."""
        return f"no usable assessments in {self.read} {self.counted_in(files)}"

    def skipped_note(self, files: Sequence[str]) -> str | None:
        """`N of M files skipped; the cohort is the other K.` (None when none was), of the
        inputs `files` (`counted_in`): what `benchmark` and `support` say."""
        if not self.skipped:
            return None
        noun = self.counted_in(files).replace("(s)", "s")
        left = self.read - len(self.skipped)
        return f"{len(self.skipped)} of {self.read} {noun} skipped; the cohort is the other {left}."


class CohortWork(WorkFolder):
    """A private temporary directory and a DuckDB connection spilling into it
    (`WorkFolder`), and the cohorts opened there."""

    # -- opening a cohort ------------------------------------------------------------------

    def parquet(
        self,
        paths: Sequence[str],
        names: Mapping[str, Framework],
        framework: Framework | None = None,
        *,
        policy: Policy | None = None,
        latest_only: bool = True,
        with_evidence: bool = False,
    ) -> CohortInput:
        """The cohort in cohort files (see the module's notes)."""
        con = self.connection()
        found: dict[str, int] = {}
        for path in paths:
            has_text = check_columns(con, path)
            if with_evidence and not has_text:
                raise NoCohortError(
                    "the cohort file holds no evidence text",
                    file=path,
                    hint="collect it again with --with-evidence, or leave --with-evidence out",
                    code="no-evidence",
                )
            for framework_id, version, count in inventory(con, path):
                ref = f"{framework_id}@{version}"
                found[ref] = found.get(ref, 0) + count
        chosen = framework or _present(found, names, paths)
        if chosen.ref not in found:
            held = ", ".join(found) or "no school's own review"
            raise NoCohortError(
                f"the cohort file holds no review of {chosen.ref} (it holds {held})",
                file=paths[0],
                code="cohort-framework",
            )
        left_out = [LeftOut(ref, count) for ref, count in found.items() if ref != chosen.ref]
        if len(paths) > 1:
            _one_file_each(con, paths, chosen)
        unscored = [p for p in paths if chosen.has_questions and not has_scores(con, p)]
        marked = [p for p in paths if has_scores(con, p, APPLICABLE_COLUMN)]
        rows = parquet_rows(
            list(paths), chosen, evidence=with_evidence, unscored=unscored, marked=marked
        )
        policy = policy or chosen.policy or "median"  # `--policy`, else the framework's
        cohort = SqlCohort(con, rows, chosen, policy, latest_only, with_evidence)
        return CohortInput(cohort, chosen, read=len(paths), left_out=left_out, parquet=True)

    def assessments(
        self,
        files: Sequence[str],
        reader: Reader,
        *,
        jobs: int = 1,
        progress: Callable[[int], object] | None = None,
        policy: Policy | None = None,
        latest_only: bool = True,
    ) -> tuple[CohortInput | None, Staged]:
        """The cohort of the assessments in `files`, staged, and what staging found; no
        cohort when no input held a usable assessment and no framework was given."""
        from .files import first_framework
        from .staging import Reader, stage

        fixed = reader.fixed
        if fixed is None:
            fixed = first_framework(files, reader.frameworks)
        path = self.path("staged.jsonl")
        evidence = reader.evidence
        with staging_file(path), open(path, "wb") as staging:
            staged: Staged = stage(
                files,
                Reader(reader.frameworks, fixed, evidence, reader.migrate, reader.named),
                staging,
                jobs=jobs,
                progress=progress,
            )
        if fixed is None:
            return None, staged
        rows = staged_rows(path, evidence=evidence, scores=fixed.has_questions)
        policy = policy or fixed.policy or "median"  # `--policy`, else the framework's
        cohort = SqlCohort(self.connection(), rows, fixed, policy, latest_only, evidence)
        return CohortInput(cohort, fixed, staged.skipped, staged.read, staged.carried), staged


def _one_file_each(
    con: duckdb.DuckDBPyConnection, paths: Sequence[str], framework: Framework
) -> None:
    """Refuse a school's review of one date in more than one of the cohort files: each
    file holds it once (`collect` keeps the last of two), but the rows of two files would
    be read as one review, their strands put together."""
    with reading(paths):
        found = con.execute(
            "SELECT school_id, assessed_on, list(DISTINCT filename), count(*) OVER () "
            "FROM read_parquet(?, "
            "filename = true) WHERE framework = ? AND version = ? AND respondent_group IS NULL "
            "GROUP BY ALL HAVING count(DISTINCT filename) > 1 ORDER BY ALL LIMIT 3",
            [[literal_path(path) for path in paths], framework.id, framework.version],
        ).fetchall()
    if not found:
        return
    given = {os.path.abspath(path): (n, path) for n, path in enumerate(paths)}

    def place(name: str) -> tuple[int, str]:  # DuckDB names a file absolute, as read
        return given.get(name, (len(paths), name))

    named = [(s, d, [place(f)[1] for f in sorted(files, key=place)]) for s, d, files, _ in found]
    twice = "a school's review of one date is in more than one cohort file: "
    error = CohortRowsError(
        twice
        + "; ".join(f"school {cut(str(s))} on {d}: {' and '.join(files)}" for s, d, files in named),
        file=named[0][2][-1],
        hint="collect the assessments into one cohort file; `selfreview collect` keeps the "
        "last of two reviews of one school on one date",
        code="cohort-rows",
    )
    error.unnamed = twice + plural(found[0][-1], "review")
    raise error


def _present(
    found: Mapping[str, int], names: Mapping[str, Framework], paths: Sequence[str]
) -> Framework:
    """The framework of a cohort file: the first one it names, at the newest available of
    the versions of it that are present."""
    if not found:
        raise NoCohortError(
            "the cohort file holds no school's own review", file=paths[0], code="empty-cohort"
        )
    first = next(iter(found))
    framework_id = first.split("@", 1)[0]
    versions = [ref for ref in found if ref.split("@", 1)[0] == framework_id]
    available = [names[ref] for ref in versions if ref in names]
    if not available:
        raise NoCohortError(
            f"the cohort file's reviews are of `{first}`, which is not available",
            file=paths[0],
            hint="give its framework file with --framework, or install the plugin that provides it",
            code="unknown-framework",
        )
    latest = names.get(framework_id)
    if latest is not None and latest in available:
        return latest
    return available[0]


def is_cohort_file(path: str) -> bool:
    """Whether an input is a cohort file rather than an assessment (by its suffix)."""
    return is_parquet(path)
