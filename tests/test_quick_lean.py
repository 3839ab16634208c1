"""The lean validator of the quick path (`quick_assessment._lean`, round 57): the model's
own, without the Python calls a JSON line made for each judgement (`_short_form`,
`Judgement._says_something`) and once (`_respondent_form`). What it takes is read exactly
as the model's validator reads it; what it refuses goes to the model's; and a judgement
that `_says_something` may refuse is asked of the model's validator, so `_read` finds what
it found before, line for line (a valid line the same assessment, anything else None)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from pydantic_core import SchemaValidator

from program import WAIT
from scaled import scaled
from selfreview_core import Assessment, Framework
from selfreview_core import quick_assessment as module
from selfreview_core.quick_assessment import _lean, _lean_schema, _read
from selfreview_core.testing import assessments, frameworks

_HEAD = (
    '{"kind":"assessment","framework":"small","school":{"id":"1","name":"S"},'
    '"assessed_on":"2025-01-01",'
)


def _line(judgements: str, respondent: str = "") -> str:
    return _HEAD + respondent + '"judgements":{' + judgements + "}}"


def _plain_read(document: str) -> Any:
    """`_read` by the model's own validator alone (the definition the lean one keeps)."""
    kept = list(module._LEAN)
    module._LEAN[:] = [None]
    try:
        return _read(document)
    finally:
        module._LEAN[:] = kept


def _same(found: Any, plain: Any) -> None:
    assert (found is None) == (plain is None)
    if found is not None:
        assert found[1] == plain[1]
        assert found[0] == plain[0]
        assert type(found[0]) is type(plain[0]) is Assessment
        assert found[0].__pydantic_fields_set__ == plain[0].__pydantic_fields_set__
        for mine, its in zip(
            found[0].judgements.values(), plain[0].judgements.values(), strict=True
        ):
            assert mine.__pydantic_fields_set__ == its.__pydantic_fields_set__


def test_the_lean_validator_is_built_and_leaves_the_python_calls_out() -> None:
    lean = _lean()
    assert lean is not None  # not pydantic-core's prebuilt validator of the model
    with pytest.raises(ValidationError):  # the short form is the model's to read
        lean.validate_json(_line('"A1.1":3'))
    # `_says_something` would refuse this one; the lean validator does not ask
    lean.validate_json(_line('"A1.1":{"applicable":false,"level":3}'))
    with pytest.raises(ValidationError):  # `_respondent_form`'s refusal, by the model alone
        lean.validate_json(_line('"A1.1":{"level":3}', '"respondent":"teachers",'))


@pytest.mark.parametrize(
    ("judgements", "respondent", "read"),
    [
        ('"A1.1":3', "", True),  # the short form: read by the model's validator
        ('"A1.1":{"level":3,"evidence":"e","judged_on":null}', "", True),  # as written
        ('"A1.1":{"level":3}', '"respondent":{"group":"teachers"},', True),
        ('"A1.1":{"applicable":false,"level":3,"evidence":"e"}', "", False),
        ('"A1.1":{"applicable":false}', "", False),  # no evidence
        ('"A1.1":{"applicable":false,"evidence":"e"}', "", True),
        ('"A1.1":{"applicable":true,"level":2}', "", True),
        ('"A1.1":{"applicable":true}', "", False),  # nothing judged
        ('"A1.1":{"level":null}', "", False),
        ('"A1.1":{"evidence":"e"}', "", False),
        ('"A1.1":{"answers":{"q":"a"}}', "", True),
        ('"A1.1":{"answers":{}}', "", False),
        ('"A1.1":{"level":2},"A1.2":{"level":null}', "", False),
        ('"A1.1":{"level":3}', '"respondent":"teachers",', False),
        ('"A1.1":{"level":3}', '"respondent":null,', True),
        ('"A1.1":true', "", False),
    ],
)
def test_each_judgement_the_model_refuses_is_still_refused(
    judgements: str, respondent: str, read: bool
) -> None:
    document = _line(judgements, respondent)
    found = _read(document)
    assert (found is not None) is read
    _same(found, _plain_read(document))


def test_a_schema_without_the_calls_turns_the_shortcut_off() -> None:
    assert _lean_schema({"type": "str"}) is None
    full = Assessment.__pydantic_core_schema__
    once = _lean_schema(full)
    assert once is not None
    assert _lean_schema(once) is None  # the calls are gone: none found a second time


_FORMS = st.sampled_from(
    [
        None,
        {"applicable": False, "evidence": "not here"},
        {"applicable": False},
        {"applicable": False, "level": 2, "evidence": "e"},
        {"applicable": True},
        {"level": None},
        {"evidence": "e"},
        {},
        3,
        "3",
        True,
    ]
)


@settings(max_examples=scaled(150))
@given(st.data())
def test_a_line_reads_as_the_models_validator_reads_it(data: st.DataObject) -> None:
    framework: Framework = data.draw(frameworks())
    assessment: Assessment = data.draw(assessments(framework))
    document = json.loads(assessment.model_dump_json(by_alias=True))
    for strand in list(document["judgements"]):  # some judgements in another form
        form = data.draw(_FORMS)
        if form is not None:
            document["judgements"][strand] = form
    if data.draw(st.booleans()):
        document["respondent"] = data.draw(st.sampled_from(["teachers", {"group": "t"}, None]))
    compact = data.draw(st.booleans())
    text = json.dumps(document, separators=(",", ":") if compact else None, ensure_ascii=False)
    _same(_read(text), _plain_read(text))


def test_building_it_leaves_the_model_complete() -> None:
    kept = list(module._LEAN)
    module._LEAN.clear()
    try:
        assert _lean() is not None
        assert Assessment.__pydantic_complete__ is True
    finally:
        module._LEAN[:] = kept


class _Blocked:
    """`SchemaValidator` for `module`, held inside its build until `release` is set: the
    moment `Assessment.__pydantic_complete__` is False, made as long as a test needs."""

    def __init__(self) -> None:
        self.started, self.release = threading.Event(), threading.Event()
        self.real, self.calls = SchemaValidator, 0

    def __call__(self, schema: Any, config: Any) -> Any:
        self.calls += 1
        self.started.set()
        self.release.wait(60)
        return self.real(schema, config)


@pytest.fixture
def blocked(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Blocked]:
    made = _Blocked()
    monkeypatch.setattr(module, "_LEAN", [])
    monkeypatch.setattr(module, "SchemaValidator", made)
    yield made
    made.release.set()


def _started(call: Callable[[], Any]) -> tuple[threading.Thread, list[Any]]:
    result: list[Any] = []
    thread = threading.Thread(target=lambda: result.append(call()), daemon=True)
    thread.start()
    return thread, result


class _Watched:
    """`_LEAN_LOCK` as `_lean` takes it, counting the threads come to take it: so that a
    test lets the first build go only once a second thread is at the lock, where a join of
    0.2 s let it go whether or not the second had got there."""

    def __init__(self) -> None:
        self.lock, self.come = threading.Lock(), 0

    def __enter__(self) -> bool:
        self.come += 1
        return self.lock.__enter__()

    def __exit__(self, *raised: object) -> None:
        self.lock.__exit__(*raised)  # type: ignore[arg-type]


def _until(done: Callable[[], bool]) -> None:
    """Wait for `done()`, of this process's own threads: bounded by the clock, generously
    (five times `program.WAIT`), which no other process's processor time bounds."""
    deadline = time.monotonic() + 5 * WAIT  # a guard against a hang, not a measure
    while not done():
        assert time.monotonic() < deadline, "never came"
        time.sleep(0.01)


def test_a_second_thread_waits_for_the_first_build(
    blocked: _Blocked, monkeypatch: pytest.MonkeyPatch
) -> None:
    watched = _Watched()
    monkeypatch.setattr(module, "_LEAN_LOCK", watched)
    first, first_result = _started(_lean)
    assert blocked.started.wait(60)
    second, second_result = _started(_lean)
    # At the lock the first holds, or (had it not waited) building a second validator.
    _until(lambda: watched.come == 2 or blocked.calls == 2)
    blocked.release.set()
    first.join(60)
    second.join(60)
    assert blocked.calls == 1
    assert len(module._LEAN) == 1
    assert first_result == second_result == [module._LEAN[0]]
    assert first_result[0] is not None
    assert Assessment.__pydantic_complete__ is True


def test_the_model_is_not_rebuilt_while_the_lean_one_is_built(blocked: _Blocked) -> None:
    Assessment.model_rebuild()  # built now if not yet (`defer_build`)
    validator = Assessment.__pydantic_validator__
    first, _ = _started(_lean)
    assert blocked.started.wait(60)
    assert Assessment.__pydantic_complete__ is False  # the moment the lock covers
    rebuilding, rebuilt = _started(Assessment.model_rebuild)
    rebuilding.join(0.2)  # time to rebuild it, had it not waited
    blocked.release.set()
    first.join(60)
    rebuilding.join(60)
    assert rebuilt == [None]  # found complete: nothing rebuilt
    assert Assessment.__pydantic_validator__ is validator
    assert Assessment.__pydantic_complete__ is True


class _Counted:
    """The model's validator, counting the documents it is given."""

    def __init__(self, validator: Any) -> None:
        self.validator, self.calls = validator, 0

    def validate_json(self, document: str) -> Any:
        self.calls += 1
        return self.validator.validate_json(document)

    def __getattr__(self, name: str) -> Any:  # `validate_python`, for `model_validate`
        return getattr(self.validator, name)


@pytest.mark.parametrize(
    ("judgements", "calls"),
    [
        ('"A1.1": {"level": 3, "evidence": "e"}', 0),  # not as pydantic writes it
        ('"A1.1":{"level":3,"evidence":"e","judged_on":null}', 0),  # as written
        ('"A1.1": {"level": 3, "applicable": true}', 1),  # `_says_something` asked
        ('"A1.1": 3', 1),  # the short form, the model's to read
    ],
)
def test_only_a_line_that_needs_the_models_validator_is_given_to_it(
    judgements: str, calls: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    _lean()
    counted = _Counted(Assessment.__pydantic_validator__)
    monkeypatch.setattr(Assessment, "__pydantic_validator__", counted)
    assert _read(_line(judgements)) is not None
    assert counted.calls == calls
