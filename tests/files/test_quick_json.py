"""The quick path of JSON and JSON Lines (`quick_json`, `quick_assessment`): it
takes a document only when the located reader would find nothing wrong with it, gives what
that reader gives, and leaves everything else to it, so every error reads as before."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from scaled import scaled
from selfreview_core import Assessment, Framework, InvalidDocument, load_assessment, load_framework
from selfreview_core.errors import Diagnostic
from selfreview_core.files.json_text import key_count, parse_json, quick_json
from selfreview_core.files.limits import DEFAULT_LIMITS, Limits
from selfreview_core.files.source import parse_text
from selfreview_core.loader import assessment_from
from selfreview_core.model.assessment import Judgement, Respondent, School
from selfreview_core.model.assessment_checks import fits_as_written, surely_fits
from selfreview_core.model.assessment_json import canonical_text, written_json
from selfreview_core.model.review import Review
from selfreview_core.quick_assessment import ASSESSMENT_NESTING, _read, quick_assessment
from selfreview_core.testing import assessments, frameworks

VALID = '{"kind": "assessment", "a": [1, {"b": "c"}], "d": null}'


def _decoded(document: str) -> Assessment | None:
    """The assessment `_read` finds in a document (valid, no duplicate key), else None."""
    found = _read(document)
    return None if found is None else found[0]


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "a": 2}',  # a duplicate key
        '{"a": {"b": 1, "b": 1}}',  # deeper
        '{"a": "\\ud800"}',  # a lone surrogate, escaped
        '{"a": [1,]}',  # not JSON
        "[1, 2]",  # not an object
        '{"a": ' + "[" * 70 + "]" * 70 + "}",  # more brackets than the depth limit
        '{"a": ' + "9" * 5000 + "}",  # a number too long for Python
        "",
    ],
)
def test_anything_the_located_reader_might_refuse_is_left_to_it(text: str) -> None:
    assert quick_json(text) is None
    assert quick_json(text.encode("utf-8")) is None


def test_a_valid_document_is_the_located_readers_data() -> None:
    tree, problems = parse_json(VALID, "t.json")
    assert problems == []
    assert quick_json(VALID) == tree.data
    assert quick_json(VALID.encode("utf-8")) == tree.data
    assert quick_json(b"\xef\xbb\xbf" + VALID.encode("utf-8")) == tree.data  # a UTF-8 BOM


@pytest.mark.parametrize(
    "raw",
    [b"\xff\xfe{}", b'{"a": "\x00"}', b'{"a": "\xff"}'],  # UTF-16, a NUL, not UTF-8
)
def test_bytes_the_located_reader_refuses_are_left_to_it(raw: bytes) -> None:
    assert quick_json(raw) is None


def test_the_limits_send_a_document_to_the_located_reader() -> None:
    assert quick_json(VALID, Limits(max_depth=1)) is None  # 2 brackets: maybe too deep
    assert quick_json(VALID, Limits(max_bytes=10)) is None
    assert quick_json(VALID, Limits(max_expanded_chars=10)) is None


def test_a_deep_but_valid_document_still_loads_through_the_located_reader() -> None:
    text = '{"kind": "assessment", "z": ' + "[" * 20 + "1" + "]" * 20 + "}"
    assert quick_json(text, Limits(max_depth=10)) is None
    tree, problems = parse_json(text, "t.json", Limits(max_depth=30))
    assert problems == []
    assert tree.data is not None


@settings(max_examples=scaled(40))
@given(st.data())
def test_a_valid_json_assessment_loads_the_same_either_way(data: st.DataObject) -> None:
    framework: Framework = data.draw(frameworks())
    assessment: Assessment = data.draw(assessments(framework))
    text = assessment.model_dump_json(by_alias=True, exclude_none=data.draw(st.booleans()))
    quick = load_assessment("school.jsonl", framework, text=text)  # the quick path
    located = assessment_from(parse_text(text, "school.jsonl"), framework)
    assert quick == located == assessment


def test_an_assessment_that_does_not_fit_reads_as_the_located_reader_says(
    small_framework: Framework,
) -> None:
    text = json.dumps(
        {
            "kind": "assessment",
            "framework": "small",
            "school": {"id": "1", "name": "S"},
            "assessed_on": "2025-01-01",
            "judgements": {"A1.1": 99, "Z9": 1},
        }
    )
    with pytest.raises(InvalidDocument) as quick:
        load_assessment("s.json", small_framework, text=text)
    with pytest.raises(InvalidDocument) as located:
        assessment_from(parse_text(text, "s.json"), small_framework)
    assert quick.value.diagnostics == located.value.diagnostics
    assert {d.code for d in quick.value.diagnostics} >= {"level-outside-scale"}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"framework": "small@9"}, "framework-version"),  # another version
        ({"framework": "other"}, "wrong-framework"),
        ({"review": {"Z9": {"reason": "split", "note": "n"}}}, None),  # not a strand
        ({"judgements": {"A1": 1}}, None),  # an aspect's id, not a strand's
    ],
)
def test_what_does_not_fit_is_left_to_the_located_reader(
    small_framework: Framework, changes: dict[str, object], code: str | None
) -> None:
    document = {
        "kind": "assessment",
        "framework": "small",
        "school": {"id": "1", "name": "S"},
        "assessed_on": "2025-01-01",
        "judgements": {"A1.1": 1},
        **changes,
    }
    text = json.dumps(document)
    with pytest.raises(InvalidDocument) as quick:
        load_assessment("s.json", small_framework, text=text)
    with pytest.raises(InvalidDocument) as located:
        assessment_from(parse_text(text, "s.json"), small_framework)
    assert quick.value.diagnostics == located.value.diagnostics
    if code is not None:
        assert code in {d.code for d in quick.value.diagnostics}


# -- pydantic's decoder, with duplicate keys found by counting (`key_count`) -------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ('{"a":1,"b":{"c":[{"d":null}]}}', 4),
        ('{"a": 1, "b": {"c": [{"d": null}]}}', 4),  # json.dumps' spacing
        ('{"a":"x\\":y","b":":z"}', 4),  # strings may add to the count, never take away
        ('{"a" :1}', None),  # a space before a colon: not counted
        ('{"a":1,"b":"x\\n:"}', 2),  # an escaped newline is no space
        ('{"a":"y\n:"}', None),  # (not JSON, but never counted short)
    ],
)
def test_key_count_counts_every_key_and_never_too_few(text: str, count: int | None) -> None:
    assert key_count(text) == count


def _dumps(value: object, duplicate: tuple[str, ...] | None, path: tuple[str, ...] = ()) -> str:
    """JSON of `value`, with the first key of the object at `duplicate` written twice."""
    if isinstance(value, dict):
        items = [f"{json.dumps(k)}:{_dumps(v, duplicate, (*path, k))}" for k, v in value.items()]
        if path == duplicate and value:
            items.insert(0, items[0])
        return "{" + ",".join(items) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_dumps(v, duplicate, path) for v in value) + "]"
    return json.dumps(value)


def _objects(value: object, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    if not isinstance(value, dict):
        return []
    found = [path] if value else []
    for key, item in value.items():
        found += _objects(item, (*path, key))
    return found


@settings(max_examples=scaled(60))
@given(st.data())
def test_a_duplicate_key_anywhere_is_refused_as_the_located_reader_says(
    data: st.DataObject,
) -> None:
    """Pydantic's decoder keeps the last of a duplicated key's values without a word: the
    quick path must still send every such document to the located reader."""
    framework: Framework = data.draw(frameworks())
    assessment: Assessment = data.draw(assessments(framework))
    plain = json.loads(assessment.model_dump_json(by_alias=True))
    where = data.draw(st.sampled_from(_objects(plain)))
    text = _dumps(plain, where)
    with pytest.raises(InvalidDocument) as quick:
        load_assessment("school.jsonl", framework, text=text)
    with pytest.raises(InvalidDocument) as located:
        assessment_from(parse_text(text, "school.jsonl"), framework)
    assert quick.value.diagnostics == located.value.diagnostics
    assert "duplicate-key" in {d.code for d in quick.value.diagnostics}


def test_a_duplicate_is_found_beside_a_short_form(small_framework: Framework) -> None:
    """An empty object given twice loses one key, and a short form (`"A1.1": 1`) makes a
    `level` no key was written for: the count of keys written is still refused."""
    text = (
        '{"kind":"assessment","framework":"small","school":{},"school":{"id":"1","name":"S"},'
        '"assessed_on":"2025-01-01","judgements":{"A1.1":1}}'
    )
    assert key_count(text) == 9
    with pytest.raises(InvalidDocument) as quick:
        load_assessment("s.jsonl", small_framework, text=text)
    with pytest.raises(InvalidDocument) as located:
        assessment_from(parse_text(text, "s.jsonl"), small_framework)
    assert quick.value.diagnostics == located.value.diagnostics
    assert [d.code for d in quick.value.diagnostics] == ["duplicate-key"]


@pytest.mark.parametrize(
    "judgement",
    ['{"level":1}', "1", '{"level":1,"evidence":"a \\"quoted\\": word"}', '{"level" :1}'],
)
@pytest.mark.parametrize("kind", ['"kind":"assessment",', ""])
def test_what_cannot_be_counted_still_loads_as_the_located_reader_reads_it(
    small_framework: Framework, judgement: str, kind: str
) -> None:
    """A level alone (as the short form gives it), an escaped quote before a colon, a
    space before a colon, no `kind`: the same assessment, or the same errors, as ever."""
    text = (
        f'{{{kind}"framework":"small","school":{{"id":"1","name":"S"}},'
        f'"assessed_on":"2025-01-01","judgements":{{"A1.1":{judgement}}}}}'
    )
    located = _outcome(lambda: assessment_from(parse_text(text, "s.jsonl"), small_framework))
    assert _outcome(lambda: load_assessment("s.jsonl", small_framework, text=text)) == located
    if judgement != "1" and kind:  # all but the short form and no kind are valid JSON Lines
        assert isinstance(located, Assessment)


def _outcome(load: Callable[[], Assessment]) -> Assessment | tuple[Diagnostic, ...]:
    """What loading gives: the assessment, or the diagnostics it is refused with."""
    try:
        return load()
    except InvalidDocument as error:
        return tuple(error.diagnostics)


def test_the_key_count_knows_every_object_an_assessment_is_read_from() -> None:
    """`quick_assessment._given_keys` counts the keys of every object an assessment is read from,
    and refuses to count where validation may make a key no text wrote (the short form's
    `level`). A field holding another object, or a validator that makes one, must be
    counted there: this lists what it counts, so that such a change is seen."""
    counted: dict[type[BaseModel], str] = {
        Assessment: "kind framework school respondent assessed_on assessor judgements review",
        School: "id name authority",
        Respondent: "group",
        Judgement: "level answers applicable evidence judged_on",
        Review: "reason note evidence",
    }
    for model, fields in counted.items():
        assert list(model.model_fields) == fields.split(), model.__name__


# -- what the quick path of a line checks before it is taken (`quick_assessment`) -------

_LINE = (
    '{{"kind":"assessment","framework":"small","school":{{"id":"1","name":"S"}},'
    '"assessed_on":"2025-01-01","judgements":{{"A1.1":{judgement}}}}}'
)


def _both(
    text: str, framework: Framework, limits: Limits = DEFAULT_LIMITS
) -> tuple[object, object]:
    """What the quick path and the located reader give for `text`: an assessment, or the
    diagnostics it is refused with."""
    quick = _outcome(lambda: load_assessment("s.jsonl", framework, text=text, limits=limits))
    located = _outcome(
        lambda: assessment_from(parse_text(text, "s.jsonl", limits=limits), framework)
    )
    return quick, located


@pytest.mark.parametrize(
    ("answers", "code"),
    [('{"q":"a"}', "no-questions"), ("{}", "no-questions")],
)
def test_answers_for_a_strand_without_questions_are_refused_as_the_located_reader_says(
    small_framework: Framework, answers: str, code: str
) -> None:
    """A level on the scale with answers the strand has no questions for: the quick path
    once took the line; the answers are checked as every other reader checks them."""
    text = _LINE.format(judgement=f'{{"level":1,"answers":{answers}}}')
    quick, located = _both(text, small_framework)
    assert quick == located
    assert isinstance(quick, tuple)
    assert [d.code for d in quick] == [code]
    assert quick[0].line == 1
    assert quick[0].column is not None


def test_answers_that_disagree_with_the_level_are_refused_as_the_located_reader_says(
    root: Path,
) -> None:
    framework = load_framework(root / "examples/questions/technology-standards.yaml")
    agreeing = '{"L-G-1-a":"yes","L-G-1-b":"fully","L-G-1-c":"fully"}'
    for level, expected in ((3, None), (1, "level-disagrees")):
        text = (
            '{"kind":"assessment","framework":"example-tech-standards","school":{"id":"1",'
            '"name":"S"},"assessed_on":"2025-01-01","judgements":{"L-G-1":{"level":'
            f"{level},"
            f'"answers":{agreeing}}}}}}}'
        )
        quick, located = _both(text, framework)
        assert quick == located
        if expected is None:
            assert isinstance(quick, Assessment)
        else:
            assert isinstance(quick, tuple)
            assert [d.code for d in quick] == [expected]


@pytest.mark.parametrize(
    "evidence",
    ["Note: minutes, 3 May", 'a \\"quoted\\": word', ":", "::::"],
)
@pytest.mark.parametrize("duplicate", [False, True])
def test_colons_in_the_text_leave_the_key_count_to_the_keys(
    small_framework: Framework, evidence: str, duplicate: bool
) -> None:
    """Colons in evidence are more than the keys: the keys are counted by `":` instead,
    and a duplicate beside them is still refused where it is."""
    again = '"evidence":"x",' if duplicate else ""
    text = _LINE.format(judgement=f'{{"level":1,{again}"evidence":"{evidence}"}}')
    quick, located = _both(text, small_framework)
    assert quick == located
    if duplicate:
        assert isinstance(quick, tuple)
        assert [d.code for d in quick] == ["duplicate-key"]
        second = text.index('"evidence"', text.index('"evidence"') + 1)
        assert (quick[0].line, quick[0].column) == (1, second + 1)
    else:
        assert isinstance(quick, Assessment)
        assert quick.judgements["A1.1"].evidence == json.loads(f'"{evidence}"')


def test_a_line_valid_but_for_colons_in_its_text_is_read_the_quick_way(
    small_framework: Framework,
) -> None:
    text = _LINE.format(judgement='{"level":1,"evidence":"Note: see the minutes"}')
    found = quick_assessment(text, Limits(), lambda ref: small_framework)
    assert found is not None
    assert found.judgements["A1.1"].evidence == "Note: see the minutes"


def test_the_deepest_valid_assessment_nests_as_deep_as_the_quick_path_says(root: Path) -> None:
    """Brackets are not counted on the quick path while the depth limit is at least
    `ASSESSMENT_NESTING`: an assessment with answers nests that deep, and no deeper."""
    framework = load_framework(root / "examples/questions/technology-standards.yaml")
    text = (
        '{"kind":"assessment","framework":"example-tech-standards","school":{"id":"1",'
        '"name":"S"},"assessed_on":"2025-01-01","judgements":{"L-G-1":{"answers":'
        '{"L-G-1-a":"yes"}}},"review":null,"respondent":{"group":"teachers"}}'
    )
    assert isinstance(_both(text, framework)[0], Assessment)
    shallow = Limits(max_depth=ASSESSMENT_NESTING - 1)
    quick, located = _both(text, framework, shallow)
    assert quick == located
    assert isinstance(quick, tuple)
    assert [d.code for d in quick] == ["too-deep"]
    at_limit = Limits(max_depth=ASSESSMENT_NESTING)
    assert _both(text, framework, at_limit)[0] == _both(text, framework)[0]


@pytest.mark.parametrize(
    "value",
    ["[" * 70 + "]" * 70, '{"a":' * 70 + "1" + "}" * 70],
)
def test_what_the_decoder_refuses_deep_down_reads_as_the_located_reader_says(
    small_framework: Framework, value: str
) -> None:
    """Nested past the depth limit where a text belongs: the located reader's error (too
    deep, at its place), whatever the decoder made of it."""
    text = _LINE.format(judgement=f'{{"level":1,"evidence":{value}}}')
    quick, located = _both(text, small_framework)
    assert quick == located
    assert isinstance(quick, tuple)


def test_a_nul_in_text_given_as_a_string_is_the_located_readers_error(
    small_framework: Framework,
) -> None:
    text = _LINE.format(judgement='{"level":1,"evidence":"a\x00b"}')
    quick, located = _both(text, small_framework)
    assert quick == located
    assert isinstance(quick, tuple)


def test_the_keys_of_every_object_are_counted_so_that_a_duplicate_anywhere_is_seen() -> None:
    """Each object an assessment is read from (the school, the respondent, a judgement and
    its answers, the review and its entries): a key written twice in any of them is never
    decoded the quick way, which would keep the last value without a word."""
    plain = {
        "kind": "assessment",
        "framework": "small",
        "school": {"id": "1", "name": "S", "authority": "A"},
        "respondent": {"group": "teachers"},
        "assessed_on": "2025-01-01",
        "judgements": {
            "A1.1": {"level": 1, "answers": {"q1": "a", "q2": "b"}, "evidence": "e"},
            "A1.2": {"applicable": False, "evidence": "why"},
        },
        "review": {"A2.1": {"reason": "split", "note": "n", "evidence": "e"}},
    }
    text = json.dumps(plain, separators=(",", ":"))
    assert _decoded(text) == Assessment.model_validate(plain)
    for where in _objects(plain):
        assert _decoded(_dumps(plain, where)) is None, where


# -- a line as pydantic writes it: the pattern stands for the key count -----------------

_ENTRY = '"A1.1":{"level":1,"evidence":null,"judged_on":null}'
_WRITTEN = (
    '{{"kind":"assessment","framework":"small","school":{{"id":"1","name":"S",'
    '"authority":null}},"respondent":null,"assessed_on":"2025-01-01","assessor":null,'
    '"judgements":{{{entries}}},"review":null}}'
)


def test_a_line_as_pydantic_writes_it_is_read_once_and_written_back_as_it_came(
    small_framework: Framework,
) -> None:
    text = _WRITTEN.format(entries=_ENTRY)
    assert canonical_text(text + "\n") == text
    found = quick_assessment(text + "\n", Limits(), lambda ref: small_framework)
    assert found is not None
    assert written_json(found) == text == found.model_dump_json(by_alias=True)


@pytest.mark.parametrize(
    "entries",
    [
        f"{_ENTRY},{_ENTRY}",  # a strand written twice
        # a strand named as a judgement's first field: its key adds to the entries counted
        f'"level":{{"level":1,"evidence":null,"judged_on":null}},{_ENTRY},{_ENTRY}',
    ],
)
def test_a_strand_written_twice_in_a_line_as_pydantic_writes_is_refused_where_it_is(
    small_framework: Framework, entries: str
) -> None:
    """The pattern takes such a line (each object's fields once, in order), but the
    judgements' entries it writes are more than the judgements decoded: the duplicate is
    found, and said where, as the located reader says it."""
    text = _WRITTEN.format(entries=entries)
    assert canonical_text(text) == text
    assert _decoded(text) is None
    quick, located = _both(text, small_framework)
    assert quick == located
    assert isinstance(quick, tuple)
    assert "duplicate-key" in [d.code for d in quick]
    duplicate = next(d for d in quick if d.code == "duplicate-key")
    assert (duplicate.line, duplicate.column) == (1, text.rindex('"A1.1"') + 1)


@pytest.mark.parametrize(
    ("keys", "named"),
    [
        (("small@1", "small"), "small@1"),  # as `Engine.framework_names` gives them
        (("small",), "small@1"),  # under its id alone: the located reader finds it
        (("small@1",), "small"),  # under its reference alone, named by id: not found
        (("other",), "small@1"),  # not there: said as the located reader says it
    ],
)
def test_a_line_reads_the_same_whatever_keys_its_frameworks_are_under(
    small_framework: Framework, keys: tuple[str, ...], named: str
) -> None:
    """A dict of frameworks is asked directly on the quick path; what it does not hold
    under the name the line gives goes the located way, to the same outcome as before."""
    text = _WRITTEN.format(entries=_ENTRY).replace('"small"', f'"{named}"')
    lookup = dict.fromkeys(keys, small_framework)
    quick = _outcome(lambda: load_assessment("s.jsonl", lookup, text=text))
    located = _outcome(lambda: assessment_from(parse_text(text, "s.jsonl"), lookup))
    assert quick == located
    assert isinstance(quick, tuple) == (named not in keys and named.partition("@")[0] not in keys)
    # Read the quick way (so that its report takes the line as it came) where it is there.
    assert (named in keys) == (not isinstance(quick, tuple) and written_json(quick) == text)
    if isinstance(quick, tuple):
        assert [d.code for d in quick] == ["unknown-framework"]
        assert (quick[0].line, quick[0].column) == (1, text.index(f'"{named}"') + 1)


# -- a line as pydantic writes it: only its strands and levels are left to tell ----------


@pytest.mark.parametrize(
    ("entry", "named", "fits"),
    [
        (_ENTRY, "small", True),
        (_ENTRY, "small@1", True),
        (_ENTRY.replace('"level":1', '"level":3'), "small", True),  # the best level
        (_ENTRY.replace('"level":1', '"level":4'), "small", False),  # off the scale
        (_ENTRY.replace('"level":1', '"level":-1'), "small", False),
        (_ENTRY.replace('"A1.1"', '"Z9.9"'), "small", False),  # not one of its strands
        (_ENTRY, "small@2", False),  # another version of it
        (_ENTRY, "other", False),  # another framework, which the lookup gave anyway
    ],
)
def test_a_line_as_pydantic_writes_it_fits_by_its_strands_levels_and_framework(
    small_framework: Framework, entry: str, named: str, fits: bool
) -> None:
    """Such a line is told to fit by the pattern given the framework's levels, then by
    what it leaves open (`fits_as_written`), as the check by sets tells it; one that does
    not fit goes the located way."""
    text = _WRITTEN.format(entries=entry).replace('"small"', f'"{named}"')
    assert canonical_text(text) == text
    assessment = Assessment.model_validate_json(text)
    scaled = canonical_text(text, small_framework.scale.levels)
    assert scaled in (text, None)
    assert (scaled is not None and fits_as_written(small_framework, assessment)) is fits
    assert surely_fits(small_framework, assessment) is fits
    found = quick_assessment(text, Limits(), lambda ref: small_framework)
    assert (found is not None) is fits
    if fits:
        assert found == assessment


def test_what_is_not_as_its_reader_made_it_is_not_told_to_fit(small_framework: Framework) -> None:
    unread = SimpleNamespace(framework="small")  # no judgements
    assert not fits_as_written(small_framework, unread)  # type: ignore[arg-type]
    unhashable = SimpleNamespace(framework="small", judgements={"A1.1": 1}.values())
    assert not fits_as_written(small_framework, unhashable)  # type: ignore[arg-type]


@settings(max_examples=scaled(100))
@given(st.data())
def test_a_line_as_pydantic_writes_it_fits_exactly_when_the_check_by_sets_says_so(
    data: st.DataObject,
) -> None:
    """Over generated frameworks and assessments written as pydantic writes them, read
    back: against their own framework and against another, the pattern given its levels
    and then `fits_as_written` say what `surely_fits` says wherever the line is one the
    pattern takes; given levels, it takes the line exactly when every level is one."""
    framework: Framework = data.draw(frameworks())
    other: Framework = data.draw(frameworks())
    text = data.draw(assessments(framework)).model_dump_json(by_alias=True)
    read = Assessment.model_validate_json(text)
    if canonical_text(text) is None:
        return  # answers, not applicable, a review...: the whole check by sets decides
    for against in (framework, other):
        levels = against.scale.levels
        scaled = canonical_text(text, levels)
        on_scale = all(j.level in levels for j in read.judgements.values())
        assert scaled == (text if on_scale else None)
        assert (scaled is not None and fits_as_written(against, read)) == surely_fits(against, read)


def test_a_line_as_pydantic_writes_it_is_not_put_through_the_whole_check_by_sets(
    small_framework: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the pattern made sure of is not asked again (`surely_fits` runs for lines
    written otherwise only); the line is read as before."""
    import selfreview_core.quick_assessment as quick

    def refused(*args: object) -> bool:
        raise AssertionError("the whole check by sets, for a line as pydantic writes it")

    monkeypatch.setattr(quick, "surely_fits", refused)
    text = _WRITTEN.format(entries=_ENTRY)
    found = quick_assessment(text, Limits(), lambda ref: small_framework)
    assert found == Assessment.model_validate_json(text)
    with pytest.raises(AssertionError, match="whole check"):
        quick_assessment(text.replace(":null", ": null", 1), Limits(), lambda ref: small_framework)
