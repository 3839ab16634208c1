"""The self-review itself: strand by strand, read the descriptors, give a level.

Every answer is written to disk at once (atomically), so an interrupted session loses at
most the answer being typed; running again asks only what is not yet judged. Prompts are
injected, so the same session runs in a terminal, from piped input, or in a test.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .assessment import Assessment, Judgement, School
from .dump import dump_yaml, write_atomic
from .escaping import shown
from .framework import Framework, Strand
from .loader import load_assessment
from .migration_review import Review

__all__ = ["Header", "Session", "SessionAnswer"]

#: `ask(prompt, default)` returns the typed text (the default when the answer is empty).
Ask = Callable[[str, str], str]
Say = Callable[[str], None]

SKIP = frozenset({"", "s", "skip"})
QUIT = frozenset({"q", "quit"})


@dataclass(frozen=True, slots=True)
class Header:
    """What identifies a review; anything left None is asked for."""

    school_id: str | None = None
    school_name: str | None = None
    authority: str | None = None
    assessor: str | None = None


@dataclass(slots=True)
class SessionAnswer:
    """What happened to one strand in a session."""

    strand: str
    level: int | None
    skipped: bool = False


@dataclass(slots=True)
class Session:
    framework: Framework
    path: Path
    ask: Ask
    say: Say
    today: dt.date = field(default_factory=dt.date.today)
    width: int = 88
    answers: list[SessionAnswer] = field(default_factory=list)

    def _save(self, assessment: Assessment) -> None:
        write_atomic(self.path, _HEADER_COMMENT + dump_yaml(assessment))

    def _required(self, prompt: str, given: str | None) -> str:
        if given:
            return given
        while True:
            answer = self.ask(prompt, "").strip()
            if answer:
                return answer
            self.say("  This is needed.")

    def start(self, header: Header) -> Assessment:
        """The assessment in the file, or a new one (asking for what `header` lacks).

        A new file is written only once the header is complete, so stopping at the first
        question leaves nothing behind, and an existing file is not touched until an answer.
        """
        if self.path.exists():
            assessment = load_assessment(self.path, self.framework)
            self.say(
                shown(
                    f"Continuing the review of {assessment.school.name} ({assessment.school.id}) "
                    f"in {self.path}: {len(assessment.judgements)} of {len(self.framework)} "
                    "strands judged.",
                    newline=False,
                )
            )
            return assessment
        framework = f"{self.framework.title} ({self.framework.ref})"
        self.say(f"A new self-review against {shown(framework, newline=False)}.")
        # Given the school on the command line, the header is complete: a script that
        # names the school is not asked for the optional details.
        asking = header.school_id is None or header.school_name is None
        school_id = self._required("School id (e.g. its URN)", header.school_id)
        school_name = self._required("School name", header.school_name)
        authority, assessor = header.authority, header.assessor
        if asking and authority is None:
            authority = self.ask("Local authority (optional)", "").strip() or None
        if asking and assessor is None:
            assessor = self.ask("Your name or role (optional)", "").strip() or None
        assessment = Assessment(
            framework=self.framework.ref,
            school=School(id=school_id, name=school_name, authority=authority),
            assessed_on=self.today,
            assessor=assessor,
            judgements={},
        )
        self._save(assessment)
        return assessment

    def _show(
        self,
        strand: Strand,
        position: int,
        total: int,
        current: Judgement | None,
        review: Review | None,
    ) -> None:
        # The framework's and the file's text is shown escaped: see `escaping.shown`.
        framework = self.framework
        aspect_id, element_id = framework.parents(strand.id)
        self.say("")
        self.say(
            shown(f"Strand {strand.id} ({position} of {total}): {strand.title}", newline=False)
        )
        self.say(
            shown(
                f"Element {element_id} {framework.element(element_id).title} / "
                f"aspect {aspect_id} {framework.aspect(aspect_id).title}",
                newline=False,
            )
        )
        scale = framework.scale
        for level in reversed(scale.levels):  # worst first: read up towards the best
            label = scale.label(level) if level in scale.labels else ""
            marker = {scale.best: " (best)", scale.worst: " (worst)"}.get(level, "")
            heading = f"  {level}{marker}" + (f" {label}" if label else "")
            self.say(shown(heading, newline=False))
            self.say(
                textwrap.fill(
                    shown(strand.levels[level]),
                    self.width,
                    initial_indent="      ",
                    subsequent_indent="      ",
                )
            )
        if current is not None:
            self.say(f"  Currently judged at level {current.level}.")
        if review is not None:  # left without a level by a migration: say why, show what came
            note = shown(f"To judge afresh ({review.reason}): {review.note}")
            self.say(self._wrap(note, "  "))
            if review.evidence:
                evidence = shown(f"Evidence carried over: {review.evidence}")
                self.say(self._wrap(evidence, "  "))

    def _wrap(self, text: str, indent: str) -> str:
        return textwrap.fill(
            text, self.width, initial_indent=indent, subsequent_indent=indent + "  "
        )

    def _ask_level(self, current: Judgement | None) -> int | Literal["quit"] | None:
        """A level, None to skip, or "quit"."""
        scale = self.framework.scale
        prompt = f"Level ({scale.worst} worst .. {scale.best} best; Enter to skip, q to stop)"
        default = "" if current is None else str(current.level)
        while True:
            answer = self.ask(prompt, default).strip().lower()
            if answer in QUIT:
                return "quit"
            if answer in SKIP:
                return None
            try:
                level = int(answer)
            except ValueError:
                level = None
            if level is not None and level in scale:
                return level
            self.say(f"  Please give a level from {scale.describe()}, Enter to skip or q.")

    def run(self, assessment: Assessment, *, revisit: bool = False) -> Assessment:
        """Ask about each strand not yet judged (every strand with `revisit`)."""
        strands = [
            s for s in self.framework.strands if revisit or s.id not in assessment.judgements
        ]
        if not strands:
            self.say("Every strand is judged. Use --all to revisit them.")
            return assessment
        for position, strand in enumerate(strands, start=1):
            current = assessment.judgements.get(strand.id)
            review = assessment.awaiting_review.get(strand.id)
            self._show(strand, position, len(strands), current, review)
            answer = self._ask_level(current)
            if answer == "quit":
                break
            if answer is None:
                self.answers.append(SessionAnswer(strand.id, None, skipped=True))
                continue
            judgement = Judgement(
                level=answer,
                evidence=current.evidence if current else None,
                judged_on=self.today,
            )
            assessment = self._with(assessment, strand.id, judgement)
            self._save(assessment)  # the level is kept even if the evidence is never typed
            carried = current.evidence if current else review.evidence if review else None
            evidence = self.ask("Evidence (optional)", carried or "").strip()
            if evidence != (judgement.evidence or ""):
                judgement = judgement.model_copy(update={"evidence": evidence or None})
                assessment = self._with(assessment, strand.id, judgement)
                self._save(assessment)
            self.answers.append(SessionAnswer(strand.id, answer))
        return assessment

    def _with(self, assessment: Assessment, strand_id: str, judgement: Judgement) -> Assessment:
        """A copy with one judgement set, its strands in framework order; a strand judged
        is no longer awaiting review."""
        given = {**assessment.judgements, strand_id: judgement}
        judgements = {s: given[s] for s in self.framework.strand_ids if s in given}
        review = {k: v for k, v in (assessment.review or {}).items() if k != strand_id}
        update = {"judgements": judgements, "review": review or None}
        return assessment.model_copy(update=update)


_HEADER_COMMENT = (
    "# A self-review written by `selfreview assess`; run it again to continue.\n"
    "# You may edit this file by hand: `selfreview validate` checks it.\n"
)
