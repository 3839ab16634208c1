"""A plugin that writes past the immutability of what it is given of one school
(`dict.__setitem__` on a read-only mapping of the school's review, its profile or its
previous review; `object.__setattr__` on the review or the profile themselves): found by
round 58's red team, closed in round 59 (`isolation.school_given`). The mappings are the
school's own and small, so each is copied before the plugins and compared after each call
of a plugin that is not a built-in: the change is a problem naming the plugin, and the
report, the plugins after it, the caller's review and the next school see the school's
review as it was given."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from selfreview_core import Engine, Judgement, hookimpl, load_assessment, load_framework
from selfreview_core.model.assessment import Assessment
from selfreview_core.model.review import Review

_ROOT = Path(__file__).resolve().parents[2]
_GOOD = _ROOT / "tests" / "data" / "good"
_QUESTIONS = _ROOT / "examples" / "questions"
#: The problem a plugin that wrote so has, whatever it wrote into.
MESSAGE = (
    "wrote into the school's review, profile or previous review it was given (past their"
    " read-only mappings); put back as they were for the report and the other plugins"
)


#: The plugins called, in order (`_Writes`, `_Reads`).
CALLED: list[str] = []


class _Lies:
    """A value whose `__eq__` says it equals anything."""

    level = 99

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = object.__hash__


class _Raises:
    """A value whose `__eq__` raises."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no comparing me")

    __hash__ = object.__hash__


def _judgements(assessment: Any, profile: Any, previous: Any) -> None:
    dict.__setitem__(assessment.judgements, "E1.1", Judgement.model_construct(level=99))


#: How each hostile plugin writes: (what it is given) -> None.
WRITES: dict[str, Callable[[Any, Any, Any], None]] = {
    "judgements": _judgements,
    "judgement deleted": lambda a, p, b: dict.__delitem__(a.judgements, "E1.2"),
    "judgement added": lambda a, p, b: dict.__setitem__(a.judgements, "E9.9", Judgement(level=1)),
    "judgements cleared": lambda a, p, b: dict.clear(a.judgements),
    "a raising value": lambda a, p, b: dict.__setitem__(a.judgements, "E1.1", _Raises()),
    "review field": lambda a, p, b: object.__setattr__(a, "judgements", {}),
    "review's fields": lambda a, p, b: a.__dict__.update(assessed_on=None),
    "profile table": lambda a, p, b: dict.__setitem__(p.strands, "E1.1", 0),
    "profile field": lambda a, p, b: object.__setattr__(p, "overall", 7),
    "previous": lambda a, p, b: dict.__setitem__(b.judgements, "E1.1", Judgement(level=0)),
    "migration review": lambda a, p, b: dict.clear(a.review),
}


class _Writes:
    """Writes as `WRITES[how]` says into what it is given."""

    name = "hostile-writes"

    def __init__(self, how: str) -> None:
        self.how = how

    @hookimpl
    def selfreview_recommend(self, assessment: Any, profile: Any, previous: Any) -> list[object]:
        CALLED.append(self.name)
        WRITES[self.how](assessment, profile, previous)
        return []


class _Reads:
    """Notes the level of E1.1 and the profile's strands it is given, in `seen`."""

    name = "reads-after"

    def __init__(self) -> None:
        self.seen: list[object] = []

    @hookimpl
    def selfreview_recommend(self, assessment: Any, profile: Any) -> list[object]:
        CALLED.append(self.name)
        self.seen.append((dict(assessment.judgements), dict(profile.strands)))
        return []


def _school(migrated: bool = False) -> Assessment:
    review = load_assessment(_GOOD / "tiny-assessment.yaml")
    if migrated:  # what a migration left to review (E1.2 judged since)
        note = Review(reason="split", note="E1 became two strands")
        review = review.model_copy(update={"review": {"E1.2": note}})
    return review


def _reports(*plugins: object, previous: bool = False, migrated: bool = False) -> list[Any]:
    """The reports of the tiny school, then of it again (the next school), with `plugins`."""
    framework = load_framework(_GOOD / "tiny-framework.yaml")
    engine = Engine(entry_points=False, plugins=plugins, frameworks=[framework])
    made = []
    for _ in range(2):
        before = _school() if previous else None
        made.append(engine.report(_school(migrated), before))
    return made


def _dump(report: Any) -> dict[str, Any]:
    data: dict[str, Any] = report.model_dump(mode="json", exclude={"problems"})
    return data


@pytest.mark.parametrize("how", sorted(WRITES))
def test_a_write_past_the_freezing_is_a_problem_naming_the_plugin(how: str) -> None:
    previous, migrated = how == "previous", how == "migration review"
    plain = _reports(previous=previous, migrated=migrated)
    CALLED.clear()
    reader = _Reads()
    hostile = _reports(_Writes(how), reader, previous=previous, migrated=migrated)
    for mine, theirs in zip(hostile, plain, strict=True):
        assert _dump(mine) == _dump(theirs)  # the report of the school as it was given
        assert mine.assessment.judgements["E1.1"].level == 2
        assert mine.profile.strands == {"E1.1": 2, "E1.2": 0}
        found = [(p.source, p.message, p.severity) for p in mine.problems]
        assert found == [("hostile-writes", MESSAGE, "error")]  # each school its own, once
    # The plugin called after it saw the school's review and profile as they were given.
    given = (dict(plain[0].assessment.judgements), dict(plain[0].profile.strands))
    assert reader.seen == [given, given]
    assert CALLED == ["hostile-writes", "reads-after"] * 2


def test_the_callers_review_is_put_back() -> None:
    framework = load_framework(_GOOD / "tiny-framework.yaml")
    engine = Engine(entry_points=False, plugins=[_Writes("judgements")], frameworks=[framework])
    review = _school()
    engine.report(review)
    assert review == _school()
    assert review.judgements["E1.1"].level == 2


def test_answers_written_into_are_put_back() -> None:
    """A framework with questions: each judgement's answers are the school's too."""

    class _Answers:
        name = "hostile-answers"

        @hookimpl
        def selfreview_recommend(self, assessment: Any) -> list[object]:
            dict.__setitem__(assessment.judgements["L-G-1"].answers, "L-G-1-a", "no")
            return []

    framework = load_framework(_QUESTIONS / "technology-standards.yaml")
    school = _QUESTIONS / "example-setting.yaml"
    engine = Engine(entry_points=False, frameworks=[framework], plugins=[_Answers()])
    plain = Engine(entry_points=False, frameworks=[framework]).report(load_assessment(school))
    report = engine.report(load_assessment(school))
    assert _dump(report) == _dump(plain)
    assert report.assessment.judgements["L-G-1"].answers == {
        "L-G-1-a": "yes",
        "L-G-1-b": "mostly",
        "L-G-1-c": "partly",
    }
    problems = [(p.source, p.message) for p in report.problems]
    assert ("hostile-answers", MESSAGE) in problems


def test_a_plugin_that_writes_nothing_has_no_problem() -> None:
    (report, _) = _reports(_Reads())
    assert report.problems == ()


@pytest.mark.xfail(
    strict=True,
    reason="known limit: a value whose __eq__ says it equals anything hides the change",
)
def test_a_value_that_lies_about_its_equality_is_seen() -> None:
    (report, _) = _reports(_WritesLie())
    assert report.assessment.judgements["E1.1"].level == 2


class _WritesLie:
    name = "hostile-lies"

    @hookimpl
    def selfreview_recommend(self, assessment: Any) -> list[object]:
        dict.__setitem__(assessment.judgements, "E1.1", _Lies())
        return []


def test_the_limit_is_what_it_says() -> None:
    """The lying value reaches the report, and no problem names the plugin: what the
    expected failure above documents (were it not so, it would pass for another reason)."""
    (report, _) = _reports(_WritesLie())
    assert report.assessment.judgements["E1.1"].level == 99
    assert not [p for p in report.problems if p.source == "hostile-lies"]
