"""The self-review itself: strand by strand, read the descriptors, give a level.

Every answer is written to disk at once (atomically), so an interrupted session loses at
most the answer being typed; running again asks only what is not yet judged. Prompts are
injected, so the same session runs in a terminal, from piped input, or in a test.

The file is the session's own state, and other programs may write it too: it is saved only
while it is as the session last read or wrote it, else beside it (`session.saving`).

Typed text is checked as it is typed: a school id the file format refuses, blank text
where text is needed, control characters and text that was not UTF-8 are asked for again.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Literal

from ..dump import dump_document
from ..errors import SelfReviewError
from ..escaping import shown, shown_name
from ..loader import load_assessment
from ..model.assessment import Assessment, Judgement, Respondent, School
from ..model.assessment_checks import check_group
from ..model.framework import Framework
from ..model.unseen import unseen_hint, unseen_only
from ..outputs.writing import check_target
from ..scoring.profiles import judged_level
from ..typed_text import id_problem, name_problem, text_problem
from .comments import header_comment, schema_of
from .questions import (
    NA,
    NOT_APPLICABLE_KEYS,
    STOP,
    Stop,
    ask_questions,
    judgement_of,
    not_applicable,
)
from .saving import ReviewFile
from .view import (
    EVIDENCE_PROMPT,
    MULTILINE,
    level_prompt,
    question_heading,
    strand_screen,
)

__all__ = ["Header", "Session", "SessionAnswer"]

#: Given the lines of evidence typed when the session was stopped inside them.
Keep = Callable[[str], None]
#: What a strand is given: a level, answers, or None for not applicable.
Given = int | dict[str, str] | None

#: `ask(prompt, default)` returns the typed text (the default when the answer is empty).
Ask = Callable[[str, str], str]
Say = Callable[[str], None]
#: What is wrong with typed text (`typed_text`), or None.
Check = Callable[[str], str | None]

SKIP = frozenset({"", "s", "skip"})
QUIT = frozenset({"q", "quit"})
BACK = frozenset({"b", "back"})


@dataclass(frozen=True, slots=True)
class Header:
    """What identifies a review; anything left None is asked for. Optional text given as
    "" (`assess --authority ''`) is none, and not asked for: a script that passes an empty
    variable is not stopped at a prompt (until round 75 it asked, and the answers piped for
    the strands were taken as the authority and the assessor)."""

    school_id: str | None = None
    school_name: str | None = None
    authority: str | None = None
    assessor: str | None = None
    #: A respondent's group (`assess --group`): the file names no one, so no name is asked.
    group: str | None = None


@dataclass(slots=True)
class SessionAnswer:
    """What happened to one strand in a session."""

    strand: str
    level: int | None
    skipped: bool = False


@dataclass(slots=True)
class Session:
    """One self-review session on the file at `path`: `start`, then `run`.

    The file is read once, at `start`, and compared with what is on disk before each save
    (`session.saving`); `saved` says whether this session has written it.
    """

    framework: Framework
    path: Path
    ask: Ask
    say: Say
    today: dt.date = field(default_factory=dt.date.today)
    #: The terminal's width: every line shown fits it (`session.view`).
    width: int = 88
    answers: list[SessionAnswer] = field(default_factory=list)
    now: Callable[[], dt.datetime] = dt.datetime.now  # names a file beside (tests fix it)
    #: A YAML file's `# yaml-language-server: $schema=` line: the JSON Schema an editor
    #: checks it against (`assess --schema`); kept from the file when it has one.
    schema: str | None = None
    saved: bool = False  # whether this session has written its file
    _file: ReviewFile = field(init=False, repr=False)  # what it last read or wrote there
    _kept: Assessment | None = field(default=None, init=False, repr=False)  # `_keep`'s

    def __post_init__(self) -> None:
        self._file = ReviewFile(self.path, self.say, self.now)

    def _save(self, assessment: Assessment) -> None:
        """Write `assessment` over the file, unless another program changed it since this
        session read it (then `SessionNotSaved`, the session's version saved beside it)."""
        terms = self.framework.terms
        # Comments are one line each: a line break in the framework's words would start a key.
        review = shown(terms.title(terms.a(terms.review)), newline=False)
        header = header_comment(review, self.schema)
        note = self._file.save(dump_document(assessment, self.path, header=header).encode())
        self.saved = True
        if note:
            self.say(note)

    # -- typed text -------------------------------------------------------------------------

    def _text(
        self,
        prompt: str,
        default: str = "",
        *,
        required: bool = False,
        check: Check | None = None,
        keep_spaces: bool = False,
    ) -> str | None:
        """Typed text, stripped (None for none; `keep_spaces`: its leading spaces kept),
        asked again until it can be kept; Enter keeps `default` as it is. Text that prints
        as nothing (a zero-width space, `unseen_only`) is none, as blank text is: asked again
        where it is needed (a school's name), said why, and no evidence where it is not."""
        while True:
            typed = self.ask(prompt, default)
            if default and typed == default:
                return default
            problem = text_problem(typed)
            answer = typed.rstrip() if keep_spaces else typed.strip()
            unseen = bool(answer) and unseen_only(answer)  # a zero-width space: none typed
            if problem is None and answer and not unseen and check is not None:
                problem = check(answer)
            if problem is not None:
                self.say(f"  {problem[0].upper()}{problem[1:]}; please type it again.")
            elif (unseen or not answer) and required:
                why = f" ({unseen_hint(answer, f'`{shown_name(answer)}`')})" if unseen else ""
                self.say(f"  This is needed{why}.")
            else:
                return None if unseen else answer or None

    def _completed(self, header: Header) -> Header | Stop:
        """`header` with what it lacks asked for in turn (the school's id and name, then its
        authority and the assessor), or `STOP` for q (or quit) typed alone at one of them,
        nothing after it asked, as q stops every prompt after them: until round 73 it was
        the school's id, name, authority or assessor "q", written in the file. A school's id
        or name given by a program is checked first, not asked again."""
        terms = self.framework.terms
        who = terms.title(terms.subject)
        example = " (e.g. its URN)" if self.framework.declared_terms is None else ""
        school = (
            ("school_id", f"{who} id{example}", header.school_id, id_problem),
            ("school_name", f"{who} name", header.school_name, name_problem),
        )
        for _, _, given, problem_of in school:
            if given and (problem := problem_of(given)) is not None:
                raise SelfReviewError(f"`{given}`: {problem}", file=os.fspath(self.path))
        # (its field, its prompt, the check of what is typed there: None where it is optional)
        asked: list[tuple[str, str, Check | None]] = [
            (name, prompt, problem_of) for name, prompt, given, problem_of in school if not given
        ]
        # Given the school, as a script names it, the header is complete: the optional
        # details are not asked; nor is an assessor for a group's file, which names no one.
        if asked and header.authority is None:
            asked.append(("authority", "Local authority (optional)", None))
        if asked and header.assessor is None and header.group is None:
            asked.append(("assessor", "Your name or role (optional)", None))
        typed: dict[str, str | None] = {}
        for name, prompt, check in asked:
            text = self._text(prompt, required=check is not None, check=check)
            if text is not None and text.lower() in QUIT:
                return STOP
            typed[name] = text
        return replace(header, **typed)

    # -- the session ------------------------------------------------------------------------

    def start(self, header: Header) -> Assessment | Stop:
        """The assessment in the file, or a new one (asking for what `header` lacks), or
        `STOP` for q typed at one of its prompts, before anything is written.

        A new file is written only once the header is complete, so stopping at the first
        question leaves nothing behind, and an existing file is not touched until an answer.
        A file that cannot be written (a folder that does not exist, a read-only file) is
        refused before anything is asked.
        """
        check_target(self.path, document=True, reread=True)
        raw = self._file.on_disk()
        if raw is not None:
            assessment = load_assessment(self.path, self.framework, text=raw)
            check_group(self.path, assessment, header.group)
            self._file.remember(raw)
            if self.schema is None:  # the editor's line, kept as the file has it
                self.schema = schema_of(raw)
            self.say(
                shown(
                    f"Continuing the review of {assessment.school.name} "
                    f"({shown_name(assessment.school.id)}) in {shown_name(self.path)}: "
                    f"{len(assessment.judgements)} of {len(self.framework)} "
                    "strands judged.",
                    newline=False,
                )
            )
            return assessment
        self._file.remember(None)
        framework = f"{self.framework.title} ({shown_name(self.framework.ref)})"
        self.say(f"A new {self.framework.terms.review} against {shown(framework, newline=False)}.")
        complete = self._completed(header)
        if complete is STOP:  # nothing written
            return STOP
        assessment = Assessment(
            framework=self.framework.ref,
            school=School(
                id=complete.school_id,
                name=complete.school_name,
                authority=complete.authority or None,
            ),
            respondent=None if header.group is None else Respondent(group=header.group),
            assessed_on=self.today,
            assessor=complete.assessor or None,
            judgements={},
        )
        self._save(assessment)
        return assessment

    def _ask_level(
        self, current: Judgement | None, heading: str, *, first: bool
    ) -> int | Literal["quit", "back", "n/a"] | None:
        """A level, None to skip, "back" (to the strand before), "quit" or "n/a". The one-line
        `heading` is shown right above each question, so the strand is named next to it."""
        scale = self.framework.scale
        prompt = level_prompt(scale, current, first=first, na=self.framework.has_questions)
        default = "" if current is None else "n" if current.level is None else str(current.level)
        skip = SKIP - {""} if current is not None else SKIP
        while True:
            self.say(heading)
            answer = self.ask(prompt, default).strip().lower()
            if answer in QUIT or answer in NOT_APPLICABLE_KEYS:
                return "quit" if answer in QUIT else NA
            if answer in BACK and not first:
                return "back"
            if answer in skip:
                return None
            # A sign and decimal digits, of any script as an answer's number is (`٣` is 3),
            # never what else `int` reads: `0_3`, `3 ` inside.
            level = int(answer) if re.fullmatch(r"[-+]?\d{1,18}", answer) else None
            if level is not None and level in scale:
                return level
            back = "" if first else ", b for the strand before"
            keys = "s to skip" if current is not None else "Enter to skip"
            self.say(f"  Please give a level from {scale.describe()}, {keys}{back} or q.")

    def _evidence(
        self, default: str, prompt: str = EVIDENCE_PROMPT, keep: Keep | None = None
    ) -> str | Stop | None:
        """Evidence typed at its prompt (`EVIDENCE_REQUIRED` where it must be given: why a
        strand does not apply, `not_applicable`): one line, or several between two lines of
        three double quotes (`MULTILINE`; each checked as typed). Enter keeps `default`. q
        (or quit) alone stops the session (`STOP`), as at every other prompt of a strand;
        inside several lines it is a line of evidence, which only a line of `MULTILINE` ends."""
        typed = self._text(prompt, default)
        if typed is not None and typed != default and typed.lower() in QUIT:
            return STOP
        if typed != MULTILINE:
            return typed
        self.say(f"  Type the evidence; a line of {MULTILINE} alone ends it.")
        lines: list[str] = []
        try:
            while True:
                line = self._text("  ", "", keep_spaces=True) or ""
                if line.strip() == MULTILINE:
                    return "\n".join(lines).strip("\n") or None
                lines.append(line.rstrip())
        except BaseException:  # stopped inside them (Ctrl-C, the input's end): lines kept
            if keep is not None and (typed := "\n".join(lines).strip("\n")):
                keep(typed)
            raise

    def run(self, assessment: Assessment, *, revisit: bool = False) -> Assessment:
        """Ask about each strand not yet judged (every strand with `revisit`).

        Raises `SessionNotSaved` (every answer kept beside the file) if the file changed
        on disk during the session or cannot be written.
        """
        strands = [
            s for s in self.framework.strands if revisit or s.id not in assessment.judgements
        ]
        if not strands:
            self.say("Every strand is judged. Use --all to revisit them.")
            return assessment
        if not self._file.read:  # given an assessment without `start`: the file as it is now
            self._file.remember(self._file.on_disk())
        index = 0
        while index < len(strands):
            strand = strands[index]
            current = assessment.judgements.get(strand.id)
            review = assessment.awaiting_review.get(strand.id)
            position = (index + 1, len(strands))
            screen = strand_screen(self.framework, strand, *position, current, review, self.width)
            self.say("\n".join(screen))
            heading = question_heading(strand, *position, self.width)
            args = (self.framework, strand, current, self.ask, self.say, heading)
            kept = current.evidence if current else None
            keep = partial(self._keep, assessment, strand.id, evidence=kept)
            answer = (
                ask_questions(*args, first=index == 0, width=self.width, keep=keep)
                if strand.questions
                else self._ask_level(current, heading, first=index == 0)
            )
            if answer == "quit":  # with what `_keep` saved as it stopped, if anything
                saved, self._kept = self._kept, None
                return saved or assessment
            self.answers = [a for a in self.answers if a.strand != strand.id]
            if answer == "back":
                index -= 1
                continue
            index += 1
            if answer is None:
                self.answers.append(SessionAnswer(strand.id, None, skipped=True))
                continue
            if answer == NA:  # evidence first: `applicable: false` needs it
                keep = partial(self._keep, assessment, strand.id, None)
                why = partial(self._evidence, keep=keep)
                judgement = not_applicable(why, self.say, kept, self.today)
                if judgement is STOP:  # the strand as it was: not applicable needs evidence
                    return assessment
                self._save(assessment := self._with(assessment, strand.id, judgement))
                self.answers.append(SessionAnswer(strand.id, None))
                continue
            judgement = judgement_of(answer, kept, self.today)
            assessment = self._with(assessment, strand.id, judgement)
            self._save(assessment)  # the level is kept even if the evidence is never typed
            carried = kept if kept else review.evidence if review else None
            keep = partial(self._keep, assessment, strand.id, answer)
            evidence = self._evidence(carried or "", keep=keep)
            if evidence is STOP:  # the level is saved, the evidence as it was: the last strand
                evidence, index = kept, len(strands)
            if evidence != kept:
                judgement = judgement_of(answer, evidence, self.today)
                assessment = self._with(assessment, strand.id, judgement)
                self._save(assessment)
            level = judged_level(self.framework, strand.id, judgement)
            self.answers.append(SessionAnswer(strand.id, level))
        return assessment

    def _keep(
        self, assessment: Assessment, strand: str, given: Given, evidence: str | None
    ) -> None:
        """What was given to `strand` when the session was stopped part-way (in several lines
        of evidence, among its questions), saved before the stop goes on: lost before round
        57. `given`: a level, answers, or None for not applicable."""
        self._kept = self._with(assessment, strand, judgement_of(given, evidence, self.today))
        self._save(self._kept)

    def _with(self, assessment: Assessment, strand_id: str, judgement: Judgement) -> Assessment:
        """A copy with one judgement set, its strands in framework order; a strand judged
        is no longer awaiting review."""
        given = {**assessment.judgements, strand_id: judgement}
        judgements = {s: given[s] for s in self.framework.strand_ids if s in given}
        review = {k: v for k, v in (assessment.review or {}).items() if k != strand_id}
        data = {**dict(assessment), "judgements": judgements, "review": review or None}
        return Assessment.model_validate(data)
