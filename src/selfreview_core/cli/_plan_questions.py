"""`selfreview plan --interactive`'s questions: each recommendation in turn, "n of N", fitted
to the terminal's width; Ctrl-C keeps what was accepted.

A plan of 32 recommendations is a quarter of an hour of questions. Stopping part-way must
not lose the actions already accepted: after Ctrl-C (or the end of the input) no more is
asked, and the plan is written with what was accepted, as if every other recommendation had
been declined; only when nothing was accepted yet is nothing written. As `assess` keeps a
level whose evidence is never typed, a recommendation accepted ("Add it to the plan?" yes)
is kept when Ctrl-C comes at its owner or due date, with what was typed so far and the
default answers (`--owner`, `--due`, else none) for the rest; the note says which was not
asked.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

import click

from .._names import PRIORITIES
from ..escaping import invisible_names, names_quoted, shown, shown_name
from ..model.unseen import unseen_only
from ..session.view import fit, reading_width
from ..typed_text import text_problem

if TYPE_CHECKING:
    from ..model.plan import Plan
    from ..model.recommendation import Recommendation
    from ..plans.building import ActionDetails
    from ..report import Report

__all__ = ["PlanAsker"]


def _candidates(report: Report, existing: Plan | None, priority: str | None) -> int:
    """How many recommendations will be asked about: of `priority` or higher, and not
    planned yet (as `plans.building.unplanned` chooses them)."""
    planned = {a.recommendation for a in existing.actions} if existing else set()
    lowest = PRIORITIES.index(priority) if priority else len(PRIORITIES)
    return sum(
        1
        for rec in report.recommendations
        if rec.id not in planned and PRIORITIES.index(rec.priority) <= lowest
    )


class PlanAsker:
    """Asks, for each recommendation, whether to include it, and its owner and due date
    (`owner` and `due` are the default answers); a `plans.building.Decide`."""

    def __init__(
        self,
        owner: str | None,
        due: dt.date | None,
        report: Report,
        existing: Plan | None,
        priority: str | None,
    ) -> None:
        if sys.stdin is None:  # closed (`<&-`): at its end, as `< /dev/null` is (round 50)
            sys.stdin = io.StringIO()
        self.owner, self.due = owner, due
        self.total = _candidates(report, existing, priority)
        self.asked = 0
        self.accepted = 0
        #: Ctrl-C (or the end of the input), or `q`, stopped the questions.
        self.stopped = False
        #: `q` (or `quit`) did: the user's choice, so the command ends with 0.
        self.quit = False
        #: The recommendation being asked about, once accepted: its details so far, and
        #: what is still to be asked of it ("owner and due date", "due date").
        self._partial: ActionDetails | None = None
        self._unasked = ""
        self.width = reading_width()
        #: The framework's ids a next step's title or action may quote, shown as names.
        self.names = invisible_names(report.framework.ids)

    def __call__(self, rec: Recommendation) -> ActionDetails | None:
        if self.stopped:
            return None
        self.asked += 1
        self._partial = None
        try:
            details = self._ask(rec)
        except (click.Abort, KeyboardInterrupt):
            self.stopped = True
            if not self.quit:
                click.echo("")  # the line of the question ends where Ctrl-C was typed
            details = self._partial  # accepted, then stopped at its owner or due date
            if details is None and not self.accepted:
                raise click.Abort() from None  # nothing to keep: nothing is written
        self.accepted += details is not None
        return details

    def stopped_note(self) -> str:
        """What was kept, after Ctrl-C."""
        last = (
            f" (the last stopped at its {self._unasked}: edit the plan to give "
            f"{'them' if ' and ' in self._unasked else 'it'})"
            if self._partial is not None
            else ""
        )
        return fit(
            f"Stopped at {self.asked} of {self.total}: the {self.accepted} action(s) accepted "
            f"are kept{last}; run the same command again to be asked about the rest.",
            self.width,
        )

    def _ask(self, rec: Recommendation) -> ActionDetails | None:
        from ..plans.building import ActionDetails

        targets = ", ".join(map(shown_name, rec.targets)) or "no particular strand"
        click.echo("")
        title = names_quoted(f"({self.asked} of {self.total}) {rec.title}", self.names, _line)
        click.echo(fit(title, self.width))
        source = shown_name(rec.source)
        about = shown(f"  {rec.priority} priority; {targets}; from {source}", newline=False)
        click.echo(fit(about, self.width))
        # Wrapped as `fit` wraps: a link or a long word whole, on a line of its own, so
        # that it can be copied.
        click.echo(
            textwrap.fill(
                names_quoted(rec.action, self.names),
                self.width,
                initial_indent="  ",
                subsequent_indent="  ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
        added = _add_it()
        if added is None:  # `q`: stop, as Ctrl-C does
            self._quit_if("q")
        if not added:
            return None
        owner = self.owner
        self._partial, self._unasked = ActionDetails(owner, self.due), "owner and due date"
        while True:  # what `assess` asks again (not UTF-8, control characters), asked again
            who: str = click.prompt(
                f"  Owner [{shown(owner, newline=False)}]" if owner else "  Owner",
                default=owner or "",
                show_default=False,
            )
            self._quit_if(who)
            if (problem := text_problem(who)) is None:
                break
            click.echo(f"  {problem[0].upper()}{problem[1:]}; please type it again.", err=True)
        # An owner that prints as nothing (a zero-width space) is none, as a blank one is
        # and as `assess` reads its optional text (round 72).
        owner = None if unseen_only(who) else who.strip()
        self._partial, self._unasked = ActionDetails(owner, self.due), "due date"
        return ActionDetails(owner=self._partial.owner, due=_ask_date(self.due, self._quit_if))

    def _quit_if(self, typed: str) -> None:
        """Stop, as Ctrl-C does (the action accepted kept, with the default answers for
        what is still to be asked), when `typed` is `q` or `quit`: a user taking `q` for
        the way out at every question had "q" written as the action's owner (round 61)."""
        if typed.strip().casefold() in _STOP:
            self.quit = True
            raise click.Abort


#: What stops the questions at any of them, as Ctrl-C does, but ending with 0.
_STOP: Final = ("q", "quit")
#: The answers to "Add it to the plan?": Enter is yes.
_ANSWERS: Final = {
    **dict.fromkeys(("", "y", "yes"), True),
    **dict.fromkeys(("n", "no"), False),
}


def _add_it() -> bool | None:
    """Whether to add the recommendation: yes (Enter), no, or None for `q`/`quit`, which
    stops the questions keeping what was accepted. Ctrl-C is not the only way out."""
    while True:
        typed: str = click.prompt("Add it to the plan? [Y/n/q]", default="", show_default=False)
        answer = typed.strip().casefold()
        if answer in _STOP:
            return None
        if answer in _ANSWERS:
            return _ANSWERS[answer]
        click.echo("  answer y, n, or q to stop (keeping the actions accepted)", err=True)


def _line(text: object) -> str:
    """`text` shown on one line (a line break as `\\n`), as a question's heading is."""
    return shown(text, newline=False)


def _ask_date(default: dt.date | None, quit_if: Callable[[str], None]) -> dt.date | None:
    """The due date typed; Enter gives `default` (none without one), `-` none. What is
    typed is first shown to `quit_if`, which stops the questions at `q` (it was "not a
    date", asked again)."""
    while True:
        answer: str = click.prompt(
            "  Due date (YYYY-MM-DD, - for none)"
            if default
            else "  Due date (YYYY-MM-DD, empty for none)",
            default=default.isoformat() if default else "",
            show_default=default is not None,
        )
        if answer.strip() in ("", "-"):
            return None
        quit_if(answer)
        try:
            return dt.date.fromisoformat(answer.strip())
        except ValueError:
            typed = shown(answer.strip(), newline=False)
            click.echo(f"  `{typed}` is not a date: write it as YYYY-MM-DD", err=True)
