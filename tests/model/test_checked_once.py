"""The one-time checks cannot be bypassed: `loader.check_assessment` (`_FITS`) and
`Framework._check` (`framework._CHECKED`) skip an object they checked only while it holds
what they checked.

Deep immutability stops every ordinary change; these are the ways round it that remain in
Python (`object.__setattr__`, `model_construct`, the unbound `dict.__setitem__`). An
assessment or framework changed by any of them after its check is checked again and refused.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from scaled import scaled
from selfreview_core import (
    Assessment,
    Engine,
    Framework,
    Judgement,
    Report,
    SelfReviewError,
    check_assessment,
    load_assessment,
    load_framework,
    score,
)
from selfreview_core._frozen import freeze
from selfreview_core.errors import InvalidDocument
from selfreview_core.model.assessment_checks import _check_assessment, _fit_key, surely_fits
from selfreview_core.model.framework import Element
from selfreview_core.model.review import Review
from selfreview_core.testing import assessments, frameworks, ids

ROOT = Path(__file__).resolve().parents[2]
REVIEW = Review(reason="split", note="Split from 1a1.")
EXAMPLE = ROOT / "examples" / "example-primary-2026.yaml"


@pytest.fixture
def loaded(engine: Engine, becta: Framework) -> Assessment:
    """Loaded with its framework, so it is known to fit: `check_assessment` skips it."""
    return load_assessment(EXAMPLE, engine.framework("becta-srf"))


def _as_dict(mapping: Mapping[str, Judgement]) -> dict[str, Judgement]:
    """The mapping as `dict`'s own (unbound) methods take it: a `FrozenDict` is a dict."""
    assert isinstance(mapping, dict)
    return mapping


def _messages(error: SelfReviewError) -> list[str]:
    return [f"{d.path}: {d.message}" for d in error.diagnostics]


#: (how, what the check then says): each forges an assessment that was loaded and fits.
FORGERIES: dict[str, tuple[Callable[[Assessment], None], str]] = {
    "judgements replaced, a strand unknown": (
        lambda a: object.__setattr__(a, "judgements", {**a.judgements, "9z9": Judgement(level=3)}),
        "judgements.9z9: `9z9` is not a strand of becta-srf@2010",
    ),
    "judgements replaced, a level off the scale": (
        lambda a: object.__setattr__(a, "judgements", {**a.judgements, "1a1": Judgement(level=9)}),
        "judgements.1a1: level 9 is outside the scale 1 (best) .. 5 (worst)",
    ),
    "a judgement's level changed in place": (
        lambda a: object.__setattr__(a.judgements["1b1"], "level", 0),
        "judgements.1b1: level 0 is outside the scale 1 (best) .. 5 (worst)",
    ),
    "the judgements mapping changed in place": (
        lambda a: dict.__setitem__(_as_dict(a.judgements), "1x1", Judgement(level=2)),
        "judgements.1x1: `1x1` is not a strand of becta-srf@2010",
    ),
    "a judgement removed from the mapping in place": (
        lambda a: dict.__delitem__(_as_dict(a.judgements), "1a1"),
        "",  # fits still: checked again and accepted
    ),
    "the framework it names changed": (
        lambda a: object.__setattr__(a, "framework", "other-framework"),
        "framework: assessment is of `other-framework`, not of becta-srf@2010",
    ),
    "a strand awaiting review that is not a strand": (
        lambda a: object.__setattr__(a, "review", {"nope": REVIEW}),
        "review.nope: `nope` is not a strand of becta-srf@2010",
    ),
    "a review entry that is not one": (
        lambda a: object.__setattr__(a, "review", {"1a1": "judge it"}),
        "review.1a1: not a review entry (built without validation?)",
    ),
    "a level that is a bool": (
        lambda a: object.__setattr__(a.judgements["1a1"], "level", True),
        "judgements.1a1: not a judgement with a whole-number level (built without validation?)",
    ),
    "a level that is a float, equal to the one checked": (
        lambda a: object.__setattr__(a.judgements["1a1"], "level", 3.0),
        "judgements.1a1: not a judgement with a whole-number level (built without validation?)",
    ),
    "a judgement that only looks like one, with the level checked": (
        lambda a: object.__setattr__(
            a, "judgements", {**a.judgements, "1a1": SimpleNamespace(level=3, evidence=None)}
        ),
        "judgements.1a1: not a judgement with a whole-number level (built without validation?)",
    ),
    "a strand renamed, the levels as checked": (
        lambda a: object.__setattr__(
            a, "judgements", {("1c9" if k == "1c4" else k): j for k, j in a.judgements.items()}
        ),
        "judgements.1c9: `1c9` is not a strand of becta-srf@2010",
    ),
    "a judgement that is a bare level": (
        lambda a: object.__setattr__(a, "judgements", {**a.judgements, "1a1": 3}),
        "judgements.1a1: not a judgement with a whole-number level (built without validation?)",
    ),
}


@pytest.mark.parametrize(("forge", "expected"), FORGERIES.values(), ids=FORGERIES.keys())
def test_an_assessment_changed_after_loading_is_checked_again(
    engine: Engine, loaded: Assessment, forge: Callable[[Assessment], None], expected: str
) -> None:
    framework = engine.framework("becta-srf")
    check_assessment(framework, loaded)  # fits: skipped
    engine.report(loaded, framework=framework)
    forge(loaded)
    if not expected:
        check_assessment(framework, loaded)
        assert engine.report(loaded, framework=framework).profile.level("1a1") is None
        return
    with pytest.raises(SelfReviewError) as raised:
        engine.report(loaded, framework=framework)
    assert expected in _messages(raised.value)
    with pytest.raises(InvalidDocument):  # and every time after: a refusal is not cached
        check_assessment(framework, loaded)


def test_a_forged_previous_review_is_refused_too(engine: Engine, loaded: Assessment) -> None:
    previous = load_assessment(
        ROOT / "examples" / "example-primary-2025.yaml", engine.framework("becta-srf")
    )
    object.__setattr__(previous, "judgements", {"1a1": Judgement(level=42)})
    with pytest.raises(SelfReviewError) as raised:
        engine.report(loaded, previous)
    assert "judgements.1a1: level 42 is outside the scale 1 (best) .. 5 (worst)" in _messages(
        raised.value
    )


def test_a_model_constructed_assessment_is_checked(engine: Engine, loaded: Assessment) -> None:
    judgement = Judgement.model_construct(level="3")  # type: ignore[arg-type]
    forged = Assessment.model_construct(**{**dict(loaded), "judgements": {"1a1": judgement}})
    with pytest.raises(SelfReviewError) as raised:
        engine.report(forged)
    assert _messages(raised.value) == [
        "judgements.1a1: not a judgement with a whole-number level (built without validation?)"
    ]


def test_an_assessment_whose_judgements_are_not_a_mapping_is_refused(
    engine: Engine, loaded: Assessment
) -> None:
    object.__setattr__(loaded, "judgements", [("1a1", Judgement(level=3))])
    with pytest.raises(SelfReviewError) as raised:
        engine.report(loaded)
    assert _messages(raised.value) == [
        ": judgements or review is not a mapping (built without validation?)"
    ]


def test_an_assessment_missing_a_field_is_refused(engine: Engine, loaded: Assessment) -> None:
    forged = Assessment.model_construct(  # type: ignore[call-arg]  # no `framework`
        school=loaded.school, assessed_on=loaded.assessed_on, judgements=loaded.judgements
    )
    with pytest.raises(SelfReviewError) as raised:
        engine.report(forged, framework=engine.framework("becta-srf"))
    # Named since round 51 (`check_built`), where it said "the assessment is malformed".
    assert _messages(raised.value) == [
        "framework: missing required key `framework` (built without validation?)"
    ]


def test_a_loaded_assessment_and_a_built_one_are_each_checked_once(
    engine: Engine,
    loaded: Assessment,
    small_framework: Framework,
    assessment: Assessment,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The point of the cache: a report does not check again what loading checked, nor a
    second report what the first did."""
    small = Engine(entry_points=False, frameworks=[small_framework])
    small.report(assessment)  # built in Python: checked by this first report
    calls: list[object] = []

    def checks(framework: Framework, data: object) -> list[object]:
        calls.append(data)
        return []

    monkeypatch.setattr("selfreview_core.model.assessment_checks.fit_findings", checks)
    engine.report(loaded)
    small.report(assessment)
    check_assessment(engine.framework("becta-srf"), loaded)
    assert calls == []


def test_a_fitting_assessment_is_checked_once_per_framework(
    becta: Framework, small_framework: Framework, loaded: Assessment
) -> None:
    """Skipped for the framework it was checked against; another is checked afresh."""
    check_assessment(becta, loaded)  # `becta` is another instance than the engine's: checked
    with pytest.raises(InvalidDocument):
        check_assessment(small_framework, loaded)
    check_assessment(becta, loaded)


def test_a_refused_check_does_not_forget_the_framework_it_fits(
    engine: Engine, loaded: Assessment
) -> None:
    """A forgery undone (the same values back) fits again, as the check said at first."""
    framework = engine.framework("becta-srf")
    original = loaded.judgements
    object.__setattr__(loaded, "judgements", {"9z9": Judgement(level=1)})
    with pytest.raises(InvalidDocument):
        check_assessment(framework, loaded)
    object.__setattr__(loaded, "judgements", original)
    check_assessment(framework, loaded)


# -- Framework._check (`_CHECKED`) -------------------------------------------------------------


def _report(framework: Framework, assessment: Assessment) -> Report:
    """A report holding `framework`: pydantic runs `Framework._check` for it again."""
    return Report(framework=framework, assessment=assessment, profile=score(framework, assessment))


def test_a_framework_checked_once_is_not_checked_again(
    small_framework: Framework, assessment: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    _report(small_framework, assessment)
    calls: list[object] = []

    def findings(data: object) -> list[object]:
        calls.append(data)
        return []

    monkeypatch.setattr("selfreview_core.model.framework.framework_findings", findings)
    _report(small_framework, assessment)
    assert calls == []


def test_a_framework_with_a_field_swapped_after_its_check_is_checked_again(
    small_framework: Framework, assessment: Assessment
) -> None:
    _report(small_framework, assessment)
    first = small_framework.elements[0]
    twice = Element(id=first.id, title=first.title, aspects=first.aspects)
    object.__setattr__(small_framework, "elements", (first, twice))
    with pytest.raises(ValidationError, match="duplicate id `A`"):
        _report(small_framework, assessment)


def test_a_framework_swapped_back_to_equal_values_passes_again(
    small_framework: Framework, assessment: Assessment
) -> None:
    """The check compares values, not identities: an equal field is the same framework."""
    _report(small_framework, assessment)
    object.__setattr__(small_framework, "title", "".join(["A small ", "test framework"]))
    _report(small_framework, assessment)


def test_a_model_constructed_framework_is_checked_when_a_report_holds_it(
    small_framework: Framework, assessment: Assessment
) -> None:
    first = small_framework.elements[0]
    fields = {**small_framework.__dict__, "elements": (first, first)}
    forged = Framework.model_construct(**fields)
    with pytest.raises(ValidationError, match="duplicate id `A`"):
        _report(forged, assessment)


# -- surely_fits: the check by sets, as the assessment is now ------------------------------


def _full_check_passes(framework: Framework, assessment: Assessment) -> bool:
    """What the whole check (`_malformed`, then `fit_findings`) says, cache aside."""
    try:
        key = _fit_key(assessment)
    except (AttributeError, TypeError):
        key = None
    try:
        _check_assessment(framework, assessment, key)
    except InvalidDocument:
        return False
    return True


def _forged(
    draw: Callable[[st.SearchStrategy[Any]], Any], framework: Framework, assessment: Assessment
) -> Assessment:
    """`assessment`, changed behind its back (or not) in one of the ways Python allows."""
    strand = draw(st.sampled_from(sorted(assessment.judgements) or ["nope"]))
    how = draw(st.sampled_from(range(12)))
    if how == 1 and strand in assessment.judgements:
        level = draw(st.integers(-2, 9) | st.just(True) | st.floats(0, 6) | st.none())
        object.__setattr__(assessment.judgements[strand], "level", level)
    elif how == 2:
        dict.__setitem__(_as_dict(assessment.judgements), draw(ids()), Judgement(level=1))
    elif how == 3:
        framework_ref = draw(
            st.sampled_from(
                ["other", f"{framework.id}@9", framework.ref, framework.id, f"{framework.id}@"]
            )
        )
        object.__setattr__(assessment, "framework", framework_ref)
    elif how == 4:
        object.__setattr__(assessment, "review", {draw(ids()): REVIEW})
    elif how == 5:
        object.__setattr__(assessment, "review", freeze({strand: "judge it"}))
    elif how == 6:
        object.__setattr__(assessment, "judgements", dict(assessment.judgements))
    elif how == 7 and strand in assessment.judgements:
        answers = freeze({"q": "a"})
        object.__setattr__(assessment.judgements[strand], "answers", answers)
    elif how == 8:
        object.__delattr__(assessment, "judgements")
    elif how == 9:  # all a judgement's fields, but no `Judgement`
        lookalike = SimpleNamespace(level=draw(st.sampled_from(framework.scale.levels)))
        lookalike.answers = lookalike.applicable = lookalike.evidence = None
        dict.__setitem__(_as_dict(assessment.judgements), strand, lookalike)  # type: ignore[misc]
    elif how == 10:
        object.__setattr__(assessment, "judgements", list(assessment.judgements))
    elif how == 11 and strand in assessment.judgements:  # answers, though none: still answers
        object.__setattr__(assessment.judgements[strand], "answers", freeze({}))
    return assessment


@settings(max_examples=scaled(150))
@given(st.data())
def test_an_assessment_surely_fits_only_when_the_whole_check_finds_nothing(
    data: st.DataObject,
) -> None:
    """Over frameworks of either scale direction and assessments of them, valid or changed
    behind their backs: `surely_fits` never passes what the whole check would refuse, and
    passes every valid assessment judged by levels alone."""
    framework: Framework = data.draw(frameworks())
    assessment = data.draw(assessments(framework))
    assert surely_fits(framework, assessment)
    forged = _forged(data.draw, framework, assessment)
    if surely_fits(framework, forged):
        assert _full_check_passes(framework, forged)


def test_an_answered_or_not_applicable_assessment_is_left_to_the_whole_check(root: Path) -> None:
    framework = load_framework(root / "examples/questions/technology-standards.yaml")
    answered = Assessment(
        framework=framework.ref,
        school={"id": "1", "name": "S"},
        assessed_on="2025-01-01",
        judgements={
            "L-G-1": {"answers": {"L-G-1-a": "yes"}},
            "L-G-2": {"applicable": False, "evidence": "No devices."},
        },
    )
    assert not surely_fits(framework, answered)
    check_assessment(framework, answered)  # valid: the whole check passes it
