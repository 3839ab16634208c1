"""Reports at the edges of what the governors' page (SPEC section 9) is asked to hold, for the
tests that hold it to two A4 pages: texts of any length everywhere a file or a plugin gives
one, up to thousands of aspects and strands, awards missing much, long actions, respondents,
a cohort, a previous review, evidence, a framework's own `terms:` and one with questions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from selfreview_core import (
    Aspect,
    Assessment,
    Element,
    Engine,
    Framework,
    Judgement,
    Recommendation,
    Report,
    School,
    Strand,
)
from selfreview_core.model.assessment import Respondent
from selfreview_core.model.conditions import AllOf, Test
from selfreview_core.model.framework import Award
from selfreview_core.model.questions import Answer, Question, Terms
from selfreview_core.model.scale import Scale
from selfreview_core.voices.groups import voices

__all__ = ["Extreme", "extreme_report", "long_text"]


def long_text(length: int, *, words: bool = True, cjk: bool = False) -> str:
    """`length` characters: words of five letters, or one unbroken word; with `cjk`, Chinese
    and Japanese characters (twice as wide, no spaces, any of them a place to break)."""
    if cjk:
        return ("学校情報技術の自己評価" * (length // 11 + 1))[:length]
    return ("words " * (length // 6 + 1))[:length].strip() if words else "w" * length


@dataclass(frozen=True)
class Extreme:
    """What a report holds: each text `text` characters long (`words`: with spaces to cut
    at; ids are one word, `id_length` long at most), `aspects` aspects of `strands` strands
    each, `awards` awards (each needing every aspect at the best level, so missing every
    strand), `actions` recommendations, and with `previous`, `voices`, `cohort`, `evidence`
    and `scores` (strands judged by questions) the parts they add; `cjk`: texts in
    Chinese and Japanese characters."""

    text: int = 40
    words: bool = True
    id_length: int = 4
    aspects: int = 6
    strands: int = 2
    awards: int = 2
    actions: int = 6
    previous: bool = True
    voices: bool = False
    cohort: bool = False
    evidence: bool = False
    scores: bool = False
    terms: bool = False
    cjk: bool = False

    def say(self, what: str) -> str:
        return f"{what} {long_text(self.text, words=self.words, cjk=self.cjk)}"

    def id(self, prefix: str, n: int) -> str:
        base = f"{prefix}{n}"
        return base + "x" * max(0, self.id_length - len(base))


def _framework(e: Extreme) -> Framework:
    scale = Scale(best=4, worst=1, labels={lv: e.say(f"Label{lv}") for lv in range(1, 5)})
    strand_ids = iter(range(e.aspects * e.strands))

    def strand() -> Strand:
        sid = e.id("S", next(strand_ids))
        questions = None
        if e.scores:
            questions = tuple(
                Question(id=f"{sid}-{lv}", level=lv, text=e.say("Question"), answers="yn")
                for lv in (2, 3, 4)
            )
        return Strand(
            id=sid,
            title=e.say("Strand"),
            levels={lv: e.say("Descriptor") for lv in scale.levels},
            questions=questions,
        )

    aspects = tuple(
        Aspect(
            id=e.id("A", n),
            title=e.say("Aspect"),
            strands=tuple(strand() for _ in range(e.strands)),
        )
        for n in range(e.aspects)
    )
    require = AllOf(
        all=tuple(Test.model_validate({"aspect": a.id, "reached": 4}) for a in aspects)
        + tuple(
            Test.model_validate({"strand": s.id, "reached": 4}) for a in aspects for s in a.strands
        )
    )
    words = long_text(e.text, words=e.words)
    return Framework(
        id="extreme",
        version="1",
        title=e.say("Framework"),
        scale=scale,
        elements=(Element(id=e.id("E", 0), title=e.say("Element"), aspects=aspects),),
        awards=tuple(
            Award(id=e.id("award", n), title=e.say("Award"), require=require)
            for n in range(e.awards)
        ),
        terms=Terms(subject=f"setting {words}", subjects="settings", review=f"check {words}")
        if e.terms
        else None,
        answer_sets={
            "yn": (Answer(id="no", text="No", value=0), Answer(id="yes", text="Yes", value=1))
        }
        if e.scores
        else None,
        policy="mean" if e.scores else None,
    )


def extreme_report(e: Extreme) -> tuple[Report, dict[str, int | None] | None]:
    """The report of `e`, and the cohort's medians when `e.cohort`."""
    framework = _framework(e)
    school = School(id=e.id("L", 1), name=e.say("School"), authority=e.say("Authority"))
    strands = framework.strands

    def review(day: int, shift: int, evidence: str | None) -> Assessment:
        def judged(n: int, s: Strand) -> Judgement:
            level = 1 + (n + shift) % 4
            if s.questions:
                answers = {q.id: "yes" if q.level <= level else "no" for q in s.questions}
                return Judgement(answers=answers, evidence=evidence)
            return Judgement(level=level, evidence=evidence)

        return Assessment(
            framework="extreme@1",
            school=school,
            assessed_on=dt.date(2026, 1, day),
            assessor=e.say("Assessor"),
            judgements={s.id: judged(n, s) for n, s in enumerate(strands)},
        )

    new = review(2, 1, e.say("Evidence") if e.evidence else None)
    old = review(1, 0, None) if e.previous else None
    made = Engine(entry_points=False, frameworks=[framework]).report(new, old)
    recs = tuple(
        Recommendation(
            id=e.id("r", n),
            title=e.say("Title"),
            action=e.say("Action"),
            audience=e.say("Audience"),
            priority="high",
        )
        for n in range(e.actions)
    )
    update: dict[str, object] = {"recommendations": recs}
    if e.voices:
        groups = [e.id(f"g{g}-", g) for g in range(6)]
        responses = [
            Assessment(
                framework="extreme@1",
                school=school,
                respondent=Respondent(group=group),
                assessed_on=dt.date(2026, 1, 1),
                judgements={s.id: Judgement(level=1 + 3 * (g % 2)) for s in strands},
            )
            for g, group in enumerate(groups)
            for _ in range(5)
        ]
        update["voices"] = voices(framework, responses, own=new)
    cohort: dict[str, int | None] | None = (
        {a.id: 2 for a in framework.aspects} if e.cohort else None
    )
    return made.model_copy(update=update), cohort
