"""Asking a strand's questions in `selfreview assess` (SPEC section 10), and "not applicable".

A strand with questions is judged by answering them, one per level above the worst, each
from its answer set: the answers are written (`answers:`) and its level follows from their
sum, as everywhere else. Each question shows its choices numbered; an answer is given by its
number or its id. Enter keeps the answer already given (or leaves the question unanswered:
it counts 0, as a partly answered strand does everywhere); `s` leaves it unanswered.

"Not applicable" (`n`) may be given at any prompt of a strand, with or without questions; it
needs evidence saying why (`applicable: false` requires it), asked for until some is typed.
Text from the framework and the file is shown escaped (`escaping.shown`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Final, Literal

from ..escaping import shown
from ..model.assessment import Judgement
from ..model.unseen import says_something
from .view import EVIDENCE_REQUIRED, fit

if TYPE_CHECKING:
    from ..model.framework import Framework, Strand

__all__ = [
    "NA",
    "NOT_APPLICABLE",
    "NOT_APPLICABLE_KEYS",
    "STOP",
    "Asked",
    "Stop",
    "ask_questions",
    "judgement_of",
    "not_applicable",
]

#: What is typed for "not applicable", at a level prompt or a question.
NOT_APPLICABLE_KEYS: Final = frozenset({"n", "na", "n/a"})
#: What the prompts return for it.
NOT_APPLICABLE: Final = "n/a"
NA: Final = NOT_APPLICABLE


class Stop(Enum):
    """What a prompt returns for q where the session stops: the evidence prompt's (round
    72: q was saved as the evidence "q"), and `Session.start`'s at the header's (round 73:
    a school named "q")."""

    STOP = "stop"


#: The session stops there, as q at a level or a question stops it.
STOP: Final = Stop.STOP

Ask = Callable[[str, str], str]
Say = Callable[[str], None]
#: Answers by question id, or what was typed instead; None: the strand is skipped.
Asked = dict[str, str] | Literal["quit", "back", "n/a"] | None


def ask_questions(
    framework: Framework,
    strand: Strand,
    current: Judgement | None,
    ask: Ask,
    say: Say,
    heading: str,
    *,
    first: bool,
    width: int = 88,
    keep: Callable[[dict[str, str]], None] | None = None,
) -> Asked:
    """The strand's questions asked in turn: the answers given (None when none was, so the
    strand is skipped), or `quit`, `back` (to the strand before, from its first question)
    or `n/a`. `b` on a later question goes back to the question before.

    Stopped part-way (`q`, Ctrl-C, the input's end), `keep` is given the strand's answers as
    they then stand, where they differ from `current`'s: those given, and `current`'s to the
    questions not reached (or gone back from). Before round 57 the answers given were lost."""
    before = dict(current.answers or {}) if current is not None else {}
    answers: dict[str, str] = {}
    questions = strand.questions or ()
    index = 0

    def stopped() -> None:
        given = {q.id: answers[q.id] for q in questions[:index] if q.id in answers}
        later = ((q.id, answers.get(q.id, before.get(q.id))) for q in questions[index:])
        given |= {question: answer for question, answer in later if answer is not None}
        if keep is not None and given and given != before:
            keep(given)
            say(f"  The answers given to {shown(strand.id)} are kept; `--all` asks the rest.")

    try:
        while index < len(questions):
            question = questions[index]
            choices = framework.answer_set(question.answers)
            say(heading)
            say(fit(f"  Question {index + 1} of {len(questions)}: {shown(question.text)}", width))
            for number, choice in enumerate(choices, 1):
                say(fit(f"    {number}  {shown(choice.text)} ({choice.value:g})", width))
            default = answers.get(question.id, before.get(question.id, ""))
            keys = (
                "Enter keeps it, s leaves it unanswered"
                if default
                else "Enter leaves it unanswered"
            )
            back = ", b back" if index or not first else ""
            prompt = f"Answer (1-{len(choices)} or its id; {keys}{back}, n not applicable, q stops)"
            typed = ask(prompt, default).strip()
            word = typed.lower()
            if word in ("q", "quit"):
                stopped()
                return "quit"
            if word in NOT_APPLICABLE_KEYS:
                return NOT_APPLICABLE
            if word in ("b", "back") and back:
                if index == 0:
                    return "back"
                index -= 1
                continue
            if word in ("", "s", "skip"):
                answers.pop(question.id, None)
                index += 1
                continue
            ids = [c.id for c in choices]
            chosen = typed if typed in ids else None
            if chosen is None and typed.isdecimal() and 1 <= int(typed) <= len(choices):
                chosen = ids[int(typed) - 1]
            if chosen is None:
                say(f"  Please give a number from 1 to {len(choices)} or an answer's id.")
                continue
            answers[question.id] = chosen
            index += 1
    except BaseException:
        stopped()
        raise
    return answers or None


def judgement_of(
    given: int | Mapping[str, str] | None, evidence: str | None, today: dt.date
) -> Judgement:
    """The judgement a session writes: a level, or answers (their level follows), or (None)
    not applicable, `evidence` saying why."""
    if given is None:
        return Judgement(applicable=False, evidence=evidence, judged_on=today)
    if isinstance(given, int):
        return Judgement(level=given, evidence=evidence, judged_on=today)
    return Judgement(answers=dict(given), evidence=evidence, judged_on=today)


def not_applicable(
    evidence: Callable[[str, str], str | Stop | None], say: Say, kept: str | None, today: dt.date
) -> Judgement | Stop:
    """A strand judged not applicable, with the evidence of why (asked, at a prompt that
    says it is required, until given), or `STOP` for q typed there (the strand as it was)."""
    say("  Not applicable: say why (evidence is required).")
    while True:
        typed = evidence(kept or "", EVIDENCE_REQUIRED)
        if typed is STOP:
            return STOP
        if says_something(typed):  # not blank, nor only what prints as nothing
            return judgement_of(None, typed, today)
        say("  Evidence is required for a strand that does not apply.")
