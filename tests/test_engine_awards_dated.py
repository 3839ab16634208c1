"""`Engine.awards` of a review dated after today (round 70): `report` warned of the slip (a
`warning` problem of the engine's, `review_dates.future_problems`) and `awards` had nowhere
to say it, so a library caller checking awards learnt nothing. Its answer is still the tuple
of results, and carries `problems`: the report's warning, word for word."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

from selfreview_core import Engine, load_assessment, load_framework
from selfreview_core.award_check import Awards
from selfreview_core.review_dates import today

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "awards"
FRAMEWORK = load_framework(EXAMPLES / "illustrative-award-framework.yaml")
SCHOOL = load_assessment(EXAMPLES / "example-school.yaml")


def test_a_review_dated_after_today_is_warned_of_as_report_warns() -> None:
    later = SCHOOL.model_copy(update={"assessed_on": today() + dt.timedelta(days=400)})
    engine = Engine(entry_points=False)
    results = engine.awards(later, framework=FRAMEWORK)
    report = engine.report(later, framework=FRAMEWORK)
    warned = [p for p in report.problems if p.source == "engine"]
    assert len(warned) == 1
    assert warned[0].severity == "warning"
    assert f"dated {later.assessed_on.isoformat()}, after today" in warned[0].message
    assert results.problems == tuple(warned)
    assert results == report.awards  # the results as before
    assert len(results) == len(FRAMEWORK.awards) > 0


def test_a_review_dated_today_or_before_has_no_problem() -> None:
    engine = Engine(entry_points=False)
    assert SCHOOL.assessed_on <= today()
    assert engine.awards(SCHOOL, framework=FRAMEWORK).problems == ()
    dated_today = SCHOOL.model_copy(update={"assessed_on": today()})
    assert engine.awards(dated_today, framework=FRAMEWORK).problems == ()


def test_the_answer_is_still_a_tuple_and_keeps_its_problems_when_pickled() -> None:
    later = SCHOOL.model_copy(update={"assessed_on": today() + dt.timedelta(days=1)})
    results = Engine(entry_points=False).awards(later, framework=FRAMEWORK)
    assert isinstance(results, tuple)
    assert tuple(results) == results
    copied = pickle.loads(pickle.dumps(results))
    assert isinstance(copied, Awards)
    assert copied == results
    assert copied.problems == results.problems != ()
