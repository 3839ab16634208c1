"""A review dated after today (`assessed_on: 9999-12-31`, a typing slip for 2025).

Such a date is legal, but it is "newer" than every real review: `report --previous` refuses
the real later ones, and a cohort takes it as the school's latest. `selfreview validate`,
`report`, `--previous` and the cohort commands warn of it, at `assessed_on`. What "today"
is comes from `today` alone, so that a test can set it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time
from typing import Final

from .errors import Diagnostic, SelfReviewError
from .files.source import Source, read_source
from .files.stdin import STDIN_NAME
from .model.findings import Finding
from .model.problem import Problem

__all__ = [
    *("CODE", "NAMED", "SEEN_FOR", "after_today", "dated_problem", "future_finding", "future_hint"),
    *("future_problems", "future_warning", "given_warning", "located_warning", "today"),
    *("RESPONSE_HINT", "response_warning", "unnamed_warning"),
]

#: The code of the warning (`validate --format json`).
CODE: Final = "future-date"
#: How many reviews dated after today a command reading a cohort names, each at its
#: `assessed_on`; the rest are counted on one line (`unnamed_warning`): a cohort typed a
#: year ahead has a million.
NAMED: Final = 10
_HINT: Final = "a typing slip? give the day the review was made"
_DAY: Final = r"([0-9]{4}-[0-9]{2}-[0-9]{2})"
#: A warning of `future_problems` whole, and the date it is of (compiled by `re` on first
#: use, not at every start-up: most commands never look). Whole, not its start: a rule
#: pack's warning opens with the pack's file name, which may be these words.
_PROBLEM: Final = (
    rf"the (?:previous )?review is dated {_DAY}, after today \({_DAY}\): it counts as newer"
    rf" than every real review \({re.escape(_HINT)}\)"
)


def today() -> dt.date:
    """Today, for every check of a review's date: the one place a test sets it."""
    return dt.date.today()


def after_today(date: dt.date) -> bool:
    return date > today()


def _dated(who: str, date: dt.date, now: dt.date | None = None) -> str:
    """The one wording of the slip, for the warning and for the hint of a refusal alike;
    `now` is today where a caller has asked already."""
    now = today() if now is None else now
    return f"{who} is dated {date.isoformat()}, after today ({now.isoformat()})"


def _message(date: dt.date, who: str = "the review", now: dt.date | None = None) -> str:
    return f"{_dated(who, date, now)}: it counts as newer than every real review"


def future_finding(date: dt.date) -> Finding | None:
    """The warning for a review of `date` (at `assessed_on`), or None if it is not after today."""
    return (
        Finding(("assessed_on",), _message(date), CODE, hint=_HINT) if after_today(date) else None
    )


def future_warning(
    file: str | None, date: dt.date, who: str = "the review", line: int | None = None
) -> Diagnostic | None:
    """The warning for the review (`who`) in `file` dated `date`, located at its
    `assessed_on` (the file read again: such a date is rare); named by the file alone where
    it cannot be read again (standard input, gone since), by the file and the `line` of a
    JSON Lines file (never read again: a batch of a million lines dated after today would
    read it a million times), or by nothing (a cohort file's row). None if `date` is not
    after today."""
    if not after_today(date):
        return None
    if file is not None and file != STDIN_NAME and line is None:
        try:
            return located_warning(read_source(file), date, who=who)
        except (SelfReviewError, OSError):
            pass
    message = _message(date, who)
    return Diagnostic(message, file, line, path="assessed_on", hint=_HINT, code=CODE)


def located_warning(
    source: Source, date: dt.date, now: dt.date | None = None, who: str = "the review"
) -> Diagnostic:
    """The warning for the review (`who`) read from `source`, dated `date` after today
    (`now`, where the caller has asked: `collect`'s workers are given their caller's), at
    its `assessed_on`."""
    message = _message(date, who, now)
    return source.diagnostic(("assessed_on",), message, code=CODE, hint=_HINT)


def given_warning(option: str, date: dt.date) -> str | None:
    """What a command that writes a review says of `date`, given as `option` (`assess
    --date`, `combine --date`), where it is after today; None otherwise. Before round 68
    they wrote the date without a word, and only the next `validate` or `report` said it."""
    if not after_today(date):
        return None
    return f"warning: {option}: {_message(date)} ({_HINT})"


#: What a response dated after today is asked to give instead.
RESPONSE_HINT: Final = "a typing slip? give the day the answers were given"


def response_warning(file: str, date: dt.date, line: int | None = None) -> Diagnostic | None:
    """The warning for a respondent's answers in `file` (at `line` of a JSON Lines file, not
    read again: `voices.responses.located` finds the column) dated `date` after today, at
    its `assessed_on`; None if `date` is not after today. `voices` and `combine` show no
    response's date and count it as any other, so it is no "newer review": but it is a slip
    the file keeps, which `validate` warns of. Before round 69 they read it without a word."""
    found = future_warning(file, date, "the response", line)
    if found is None:
        return None
    message = _dated("the response", date)
    return dataclasses.replace(found, message=message, hint=RESPONSE_HINT)


def future_hint(file: str, date: dt.date) -> str | None:
    """What to say instead of "swap them" when the newer of two reviews is newer only by a
    date after today; None when `date` is not after today."""
    if not after_today(date):
        return None
    return f"{_dated(file, date)}: {_HINT}"


def unnamed_warning(count: int, subject: str, *, named: bool = True) -> str:
    """What a cohort command says of its `count` reviews dated after today beyond those it
    `named` one by one, in the framework's word for who is reviewed (`subject`); of all of
    them where it names none (`benchmark --anonymise`)."""
    more = "more " if named else ""
    reviews = f"{count} {more}review{'s are' if count != 1 else ' is'}"
    return (
        f"{reviews} dated after today, not named here: each counts as newer "
        f"than every real review of its {subject} ({_HINT})"
    )


#: How long a day `today` gave is trusted without asking again, in seconds of the monotonic
#: clock: a date on or before it is on or before today while the system's clock runs
#: forward, but a clock set back (a wrong date corrected, in a process that runs for days)
#: would leave the reviews between the two days unwarned for as long as it is trusted.
SEEN_FOR: Final = 60.0

#: The last day `today` gave, which `today` gave it (a test sets its own) and until when
#: (`time.monotonic`) it is trusted: nearly every report then compares dates and asks the
#: monotonic clock alone (`date.today()` costs more than the rest).
_seen: tuple[object, dt.date, float] = (None, dt.date.min, 0.0)


def future_problems(date: dt.date, previous: dt.date | None = None) -> list[Problem]:
    """The warnings `Engine.report` adds to a report of a review dated `date` (against one
    dated `previous`) where either is after today: a library user, a batch of reports and
    `plan` are told as of a plugin's problem (SPEC section 4: `--strict` makes it fatal).
    Empty for nearly every report, told by a comparison with the last day seen, within
    `SEEN_FOR` seconds of seeing it."""
    global _seen
    clock, seen, until = _seen
    if (
        clock is today
        and date <= seen
        and (previous is None or previous <= seen)
        and time.monotonic() < until
    ):
        return []
    now = today()
    _seen = (today, now, time.monotonic() + SEEN_FOR)
    if date <= now and (previous is None or previous <= now):
        return []
    return [
        Problem(source="engine", message=f"{_message(day, who)} ({_HINT})", severity="warning")
        for day, who in ((date, "the review"), (previous, "the previous review"))
        if day is not None and day > now
    ]


def dated_problem(problem: Problem) -> dt.date | None:
    """The date a warning of `future_problems` is of, so that a command says it at the
    review's `assessed_on` instead; None for any other problem (a plugin's never matches:
    its source is the plugin's name, not the engine)."""
    if problem.source != "engine" or problem.severity != "warning":
        return None
    found = re.fullmatch(_PROBLEM, problem.message)
    if found is None:
        return None
    try:  # a plugin may call itself `engine` and say `2026-13-45`
        return dt.date.fromisoformat(found[1])
    except ValueError:
        return None
