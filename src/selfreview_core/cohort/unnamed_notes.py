"""What `benchmark --anonymise` says on standard error of the odd reviews of its cohort,
without a school's id: the reviews of one school on one date, the school ids that look
alike and differ, the reviews dated after today.

Said by id (as without `--anonymise`: `duplicate_notes`, `look_alike_schools`,
`review_dates`), each warning would print on standard error the ids the anonymised output was
asked to hide (SPEC section 7): standard error goes into logs and pasted messages with the
output. So each is counted, with what is odd in it (which reviews count, the characters
that tell ids apart, what a date after today does), and the same command without
`--anonymise` names them; no file is named either, as a file is often named by its
school's id. The exit code is unchanged: a duplicate still makes it 1.

A cohort file whose rows cannot be used is refused by school id and date too
(`row_checks`, `identities.refuse`, `inputs`): `ids_unsaid` says it counted instead (the
error's `unnamed`), naming the file, which the error is about, and its code and exit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from .._words import plural, some
from ..errors import CohortRowsError, Diagnostic, Skipped
from ..model.questions import Terms
from ..review_dates import unnamed_warning
from .look_alike_schools import NAMED, odd_characters

if TYPE_CHECKING:
    from .positions import Duplicate
    from .sql import SqlCohort

__all__ = ["NAMES_THEM", "ids_unsaid", "unnamed_notes", "values_unsaid"]

#: Where the ids a warning under `--anonymise` counts are named.
NAMES_THEM: Final = "the same command without --anonymise names them"
#: The fields of an assessment that name its school: `--anonymise` drops what they hold.
_NAMING: Final = frozenset({"school.id", "school.name", "school.authority"})
#: Text an error quotes from a file, to its last backtick (the text may hold one).
_QUOTED: Final = re.compile(r"the text `.*`", re.DOTALL)


def _duplicates(duplicates: Sequence[Duplicate], terms: Terms) -> list[str]:
    """The reviews of one school on one date, by which of them count: the schools counted,
    in the wording `duplicate_notes.duplicate_note` gives each."""
    which = {
        "last": "of each date, the one read last counts and the others are left out",
        "all": "each counts as a review of its own (--all-reviews)",
        "none": f"none of them counts: a later review of the {terms.subject} does",
    }
    notes = []
    for counted, says in which.items():
        schools = len({d.school for d in duplicates if d.counted == counted})
        if schools:
            has = "has" if schools == 1 else "have"
            notes.append(
                f"{terms.count(schools)} {has} two or more reviews on one date: {says}; "
                f"{NAMES_THEM}"
            )
    return notes


def _look_alike(found: list[list[str]], terms: Terms) -> list[str]:
    """The sets of ids that look alike, counted, with the characters outside ASCII that
    tell them apart (the first `NAMED`), and letter case where a set is of ASCII ids."""
    if not found:
        return []
    codes = list(dict.fromkeys(c for ids in found for c in _telling_apart(ids)))
    case = ["letter case"] if any(all(i.isascii() for i in ids) for ids in found) else []
    by = some([*case, *codes], NAMED)
    return [
        f"{terms.subject} ids look alike and differ in {plural(len(found), 'set')} (by {by}): "
        f"each id counts as {terms.a(terms.subject)} of its own, with reviews of its own; "
        f"{NAMES_THEM}"
    ]


def _telling_apart(ids: list[str]) -> list[str]:
    """The characters outside ASCII of a set of `ids` alike that not every one of them holds:
    what is odd, and not what they share, which spelt a short id out (`北京一中` beside
    itself with a zero-width space was named U+5317, U+4EAC, U+4E00, U+4E2D, U+200B; round
    64's attacker)."""
    shared = set(ids[0]).intersection(*ids[1:])
    return [c for i in ids for c in odd_characters("".join(ch for ch in i if ch not in shared))]


def unnamed_notes(
    cohort: SqlCohort, duplicates: Sequence[Duplicate], terms: Terms | None, today: dt.date
) -> list[str]:
    """What `benchmark --anonymise` warns of `cohort`, in the framework's `terms`, in the
    order it warns of them by id: its `duplicates`, the ids that look alike, the reviews
    dated after `today`."""
    terms = terms or Terms()
    notes = [*_duplicates(duplicates, terms), *_look_alike(cohort.look_alike(), terms)]
    _, dated = cohort.dated_after(today, 0)
    if dated:
        notes.append(f"{unnamed_warning(dated, terms.subject, named=False)}; {NAMES_THEM}")
    return notes


@contextmanager
def ids_unsaid(anonymous: bool) -> Iterator[None]:
    """Where `anonymous`, a cohort file's rows refused by school id (`CohortRowsError`)
    are refused without one: what is wrong, counted (the error's `unnamed`), and that the
    same command without `--anonymise` names them; the same file, hint, code and exit."""
    try:
        yield
    except CohortRowsError as error:
        if not anonymous or not error.unnamed:
            raise
        first = error.first
        raise CohortRowsError(
            f"{error.unnamed}; {NAMES_THEM}", file=first.file, hint=first.hint, code=first.code
        ) from None


def values_unsaid(skipped: Iterable[Skipped]) -> list[Skipped]:
    """The inputs `skipped`, each error about what names its school (its id, name or
    authority, or a key of its own under `school`) said without what it holds, and every
    other without the text it quotes: an error quotes the value it could not use
    ("school.id: expected text, got the number 100001", a URN written without quotes; "got
    the text `Hogwarts has ...`", evidence typed where a level goes), which `--anonymise`
    was asked to keep out of everything it prints (round 65's attacker). The file, line,
    column and field are kept, so the one who made it finds it; the same command without
    `--anonymise` says why."""
    return [replace(item, diagnostics=tuple(map(_unsaid, item.diagnostics))) for item in skipped]


def _unsaid(diagnostic: Diagnostic) -> Diagnostic:
    """`diagnostic` without what it quotes (`pydantic_errors`' "the text `...`")."""
    if not diagnostic.path.startswith("school."):
        unquoted = _QUOTED.sub("the text (not shown under --anonymise)", diagnostic.message)
        return replace(diagnostic, message=unquoted)
    return replace(
        diagnostic,
        path=diagnostic.path if diagnostic.path in _NAMING else "school",  # a key is said too
        message="what it holds cannot be used, and is not shown under --anonymise",
        hint="the same command without --anonymise says why",
    )
