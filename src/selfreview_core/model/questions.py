"""Questions and answer sets: how a question-based framework (SAMM, the DfE's standards) is
judged, and the framework's own words (`Terms`).

A strand may carry one question per level above the worst, from the worst up; each names an
answer set, whose answers are valued 0..1. A strand's score is the sum of its answers'
values (`scoring`). The checks here read plain data, as `findings` does, so the loader can
locate every problem at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from math import floor, inf, nextafter
from typing import Annotated, Any

from pydantic import Field, StrictFloat, StrictInt, WithJsonSchema

from ..errors import format_path
from .base import Id, Level, Model, Text, did_you_mean
from .findings import Finding, Path, scale_levels

__all__ = [
    "Answer",
    "Question",
    "Terms",
    "answer_value",
    "question_findings",
    "score_float",
    "score_text",
]


#: An answer's value as JSON Schema says it: a number (a whole one too) from 0 to 1.
_VALUE_SCHEMA = {"type": "number", "minimum": 0, "maximum": 1}


class Answer(Model):
    """One answer a question may be given, worth `value` (0 nothing .. 1 the whole level)."""

    id: Id
    text: Text
    # The bounds again for the JSON Schema: on a union pydantic writes them as `ge` and `le`,
    # which no JSON Schema tool reads, so an editor would pass `value: 5`.
    value: Annotated[StrictInt | StrictFloat, WithJsonSchema(_VALUE_SCHEMA)] = Field(
        ge=0, le=1, description="0 .. 1 of a level."
    )


class Question(Model):
    """The question that stands for one level of a strand, answered from an answer set."""

    id: Id
    level: Level
    text: Text
    answers: Id = Field(description="The name of an answer set of the framework.")


class Terms(Model):
    """The words reports, messages and pages use for who is reviewed and the review itself:
    `school`, `schools`, `self-review` unless the framework says otherwise."""

    subject: Text = "school"
    subjects: Text = "schools"
    review: Text = "self-review"

    def count(self, number: int) -> str:
        """`1 school`, `3 schools` (in the framework's words)."""
        return f"{number} {self.subject if number == 1 else self.subjects}"

    def a(self, word: str) -> str:
        """`a school`, `an organisation`: the word after its indefinite article (by its first
        letter, which suits the nouns frameworks use for who is reviewed)."""
        return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"

    def title(self, word: str) -> str:
        """A word of these terms with its first letter in capitals: `School`."""
        return word[:1].upper() + word[1:]


def answer_value(value: float) -> Fraction:
    """An answer's value as the exact fraction its author wrote: 0.1 is 1/10, not the binary
    float nearest it, so sums such as 0.1 + 0.2 + 0.7 are exactly 1 and floor to 1."""
    return Fraction(Decimal(repr(value))) if isinstance(value, float) else Fraction(value)


def score_float(score: Fraction) -> float:
    """An exact score as the float `Profile.score`, the JSON report and the cohort's rows
    carry: the nearest float, but never the next whole number up (2 + 9999999999999999 /
    10**16 is 3.0 as the nearest float, while its level is at rank 2): the float just below
    it then, so ⌊score⌋ is the level's rank wherever the score is read."""
    nearest = float(score)
    return nearest if floor(nearest) == floor(score) else nextafter(nearest, -inf)


def score_text(score: float | Fraction) -> str:
    """A score as reports write it beside its level: `1.75`, `2`, `0.333` (three places at
    most). Never rounded up to the next whole number: the level is the one at rank ⌊score⌋, so
    2.9999 reads `2.999 (level 2)`, where `3 (level 2)` would contradict itself."""
    exact = Fraction(score)
    shown = round(exact, 3)
    if floor(shown) != floor(exact):  # only a score within 0.0005 below a whole number
        shown = Fraction(floor(exact * 1000), 1000)
    return f"{float(shown):.3f}".rstrip("0").rstrip(".")


# -- checks on the raw framework ---------------------------------------------------------------


def _answer_set_findings(raw: Any) -> tuple[dict[str, set[str]], list[Finding]]:
    """Answer ids of each usable set, and duplicate answer ids within a set."""
    sets: dict[str, set[str]] = {}
    findings: list[Finding] = []
    if not isinstance(raw, Mapping):
        return sets, findings
    for name, answers in raw.items():
        if not isinstance(name, str):
            continue
        # Declared, even when not a list (refused itself at its place): a question naming
        # it is not also told the set is missing, once per question.
        ids = sets.setdefault(name, set())
        if not isinstance(answers, list | tuple):
            continue
        if not answers:
            findings.append(
                Finding(("answer_sets", name), "an answer set needs at least one answer", "empty")
            )
        for i, answer in enumerate(answers):
            answer_id = answer.get("id") if isinstance(answer, Mapping) else None
            if not isinstance(answer_id, str) or not answer_id:  # empty: "must not be empty"
                continue
            if answer_id in ids:
                findings.append(
                    Finding(
                        ("answer_sets", name, i, "id"),
                        f"duplicate answer id `{answer_id}` in answer set `{name}`",
                        "duplicate-id",
                    )
                )
            ids.add(answer_id)
    return sets, findings


def _items(node: Mapping[str, Any], key: str) -> list[tuple[int, Mapping[str, Any]]]:
    """The mappings in a raw list under `key`, with their indexes (nothing when the value is
    not a list: field validation reports that)."""
    children = node.get(key)
    if not isinstance(children, list | tuple):
        return []
    return [(i, child) for i, child in enumerate(children) if isinstance(child, Mapping)]


def _strands(data: Mapping[str, Any]) -> list[tuple[Path, Mapping[str, Any]]]:
    return [
        (("elements", e, "aspects", a, "strands", s), strand)
        for e, element in _items(data, "elements")
        for a, aspect in _items(element, "aspects")
        for s, strand in _items(aspect, "strands")
    ]


def question_findings(data: Any) -> list[Finding]:
    """Answer sets with duplicate answers; questions naming a missing answer set, on a level
    off the scale or on the worst level, two on one level or none on a level above the worst,
    out of order, or with an id used twice in the framework."""
    if not isinstance(data, Mapping):
        return []
    sets, findings = _answer_set_findings(data.get("answer_sets"))
    levels = scale_levels(data.get("scale"))
    seen: dict[str, Path] = {}
    for path, strand in _strands(data):
        questions = strand.get("questions")
        if not isinstance(questions, list | tuple):
            continue
        given: list[tuple[int, Path]] = []
        for i, question in enumerate(questions):
            if not isinstance(question, Mapping):
                continue
            where: Path = (*path, "questions", i)
            findings.extend(_one_question(where, question, sets, seen, levels, given))
        if levels is not None and questions:
            findings.extend(_level_cover(path, given, levels))
    return findings


def _one_question(
    where: Path,
    question: Mapping[str, Any],
    sets: Mapping[str, set[str]],
    seen: dict[str, Path],
    levels: tuple[int, ...] | None,
    given: list[tuple[int, Path]],
) -> list[Finding]:
    findings: list[Finding] = []
    question_id = question.get("id")
    if isinstance(question_id, str) and question_id:  # empty: "must not be empty", once
        if question_id in seen:
            findings.append(
                Finding(
                    (*where, "id"),
                    f"duplicate question id `{question_id}`: already used at "
                    f"{_path_text(seen[question_id])}",
                    "duplicate-id",
                    hint="question ids must be unique across the framework",
                    related=(*seen[question_id], "id"),
                )
            )
        else:
            seen[question_id] = where
    answer_set = question.get("answers")
    if isinstance(answer_set, str) and answer_set not in sets:
        findings.append(
            Finding(
                (*where, "answers"),
                f"no answer set `{answer_set}` in the framework's `answer_sets`",
                "unknown-answer-set",
                hint=did_you_mean(answer_set, sets)
                or ("declare it under `answer_sets`" if not sets else None),
            )
        )
    level = question.get("level")
    if isinstance(level, int) and not isinstance(level, bool) and levels is not None:
        if level not in levels:
            findings.append(
                Finding(
                    (*where, "level"),
                    f"level {level} is outside the scale {levels[0]} (best) .. "
                    f"{levels[-1]} (worst)",
                    "level-outside-scale",
                    number=level,
                )
            )
        elif level == levels[-1]:
            findings.append(
                Finding(
                    (*where, "level"),
                    f"a question on the worst level ({level}): the worst level is where a "
                    "strand stands with no answer, so it has no question",
                    "question-on-worst-level",
                    hint="one question per level above the worst",
                    number=level,
                )
            )
        else:
            given.append((level, (*where, "level")))
    return findings


def _level_cover(
    path: Path, placed: list[tuple[int, Path]], levels: tuple[int, ...]
) -> list[Finding]:
    findings: list[Finding] = []
    upwards = list(reversed(levels[:-1]))  # from the worst up, the worst excluded
    given = [level for level, _ in placed]
    first_at: dict[int, Path] = {}
    twice = False
    for level, where in placed:
        if level not in first_at:
            first_at[level] = where
            continue
        twice = True
        findings.append(
            Finding(
                where,
                f"two questions on level {level}",
                "duplicate-question-level",
                hint="one question per level above the worst",
                related=first_at[level],
                number=level,
            )
        )
    missing = [level for level in upwards if level not in given]
    if missing:
        names = ", ".join(map(str, missing))
        findings.append(
            Finding(
                (*path, "questions"),
                f"no question for level{'s' if len(missing) > 1 else ''} {names}",
                "missing-question",
                hint=f"one question per level above the worst, {upwards[0]} .. {upwards[-1]}",
            )
        )
    if not twice and not missing and given != upwards:
        findings.append(
            Finding(
                (*path, "questions"),
                "questions out of order: they run from the level above the worst up to the "
                f"best ({', '.join(map(str, upwards))})",
                "questions-out-of-order",
            )
        )
    return findings


def _path_text(path: Path) -> str:
    return format_path(path)
