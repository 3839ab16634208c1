"""A refused id is said in words to a plugin's author and to a caller whose document was
built without validation (round 79), as a file's errors say it: "the text `a b` is not a
valid id (ids have no spaces and no `@`)", after the field's path. Before, pydantic's own
message printed the id's pattern, hundreds of characters of classes ("String should match
pattern '^[^\\s\\x1c-\\x1f@]*[^...\\p{Mn}\\p{Me}][^\\s\\x1c-\\x1f@]*$'")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core import Assessment, Engine, Framework, RulePack, load_framework
from selfreview_core.cli import cli
from selfreview_core.errors import InvalidDocument
from selfreview_core.model.id_form import ID_PATTERN, REF_PATTERN, in_words
from selfreview_core.model.unvalidated import given as checked_given
from selfreview_core.testing.strategies import frameworks
from test_engine import _EntryPoint, plugin_module

EXAMPLE = Path(__file__).parent.parent / "examples" / "example-primary-2025.yaml"
NOT_AN_ID = "the text `{}` is not a valid id (ids have no spaces and no `@`)"
PRINTS_AS_NOTHING = "must not be empty (the text `{}` holds only characters that print as nothing)"


def _advice(**fields: Any) -> dict[str, Any]:
    return {"title": "T", "action": "A", "priority": "high", **fields}


def _no_pattern(text: str) -> None:
    assert "String should" not in text
    assert "\\p{Mn}" not in text
    assert "\\x1c" not in text


def test_a_plugins_recommendation_with_a_bad_id_is_said_in_words_by_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through `report`: the plugin named, the field's path, what an id may hold; the
    report written with the plugin's other advice, as before (exit 0)."""
    given = [_advice(id="a b"), _advice(id="kept", targets=["x@y"]), _advice(id="good")]
    module = plugin_module("giver", selfreview_recommend=lambda **_: given)
    point = _EntryPoint("giver", "giver", target=module)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [point])
    out = tmp_path / "r.json"
    result = CliRunner().invoke(cli, ["report", str(EXAMPLE), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[:2] == [
        "error: plugin giver: malformed recommendation: id: " + NOT_AN_ID.format("a b"),
        "error: plugin giver: malformed recommendation: targets[0]: " + NOT_AN_ID.format("x@y"),
    ]
    _no_pattern(result.output)
    assert "Traceback" not in result.output
    ids = [r["id"] for r in json.loads(out.read_text("utf-8"))["recommendations"]]
    assert "good" in ids
    assert "kept" not in ids


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"id": "a b"}, "id: " + NOT_AN_ID.format("a b")),
        ({"id": "\u200b"}, "id: " + PRINTS_AS_NOTHING.format("\u200b")),
        ({"id": ""}, "id: must not be empty"),
        ({"id": "c", "targets": ["A1", "B 2"]}, "targets[1]: " + NOT_AN_ID.format("B 2")),
        ({"id": "x" * 50 + " y"}, "id: " + NOT_AN_ID.format("x" * 37 + "...")),
        # text refused for another reason than an id's form: pydantic's words, as before
        ({"id": "c", "priority": "urgent"}, "priority: Input should be 'high', 'medium' or"),
    ],
)
def test_each_bad_id_a_plugin_gives_is_said_at_its_path(
    small_framework: Framework, assessment: Assessment, fields: dict[str, Any], said: str
) -> None:
    given = [_advice(**fields), _advice(id="kept")]
    plugin = plugin_module("giver", selfreview_recommend=lambda **_: given)
    engine = Engine(entry_points=False, plugins=[plugin], disable=["next-steps"])
    report = engine.report(assessment, framework=small_framework)
    [problem] = report.problems
    assert problem.source == "giver"
    assert problem.message.startswith(f"malformed recommendation: {said}")
    assert problem.message.count(": ") == said.count(": ") + 1  # nothing more said
    assert [r.id for r in report.recommendations] == ["kept"]


def test_a_plugins_framework_and_rule_pack_with_bad_ids_are_said_in_words(
    small_framework: Framework,
) -> None:
    data = small_framework.model_dump(by_alias=True)
    data["elements"][0]["aspects"][0]["strands"][0]["id"] = "a\tb"
    framework = Framework.model_construct(**{**vars(small_framework), "id": "a@b@c"})
    pack = RulePack.model_construct(id="\u200b\u2060", framework="becta-srf", rules=())
    plugin = plugin_module(
        "giver", selfreview_frameworks=lambda: [framework], selfreview_rule_packs=lambda: [pack]
    )
    engine = Engine(entry_points=False, plugins=[plugin])
    assert [e.framework.id for e in engine.frameworks()] == ["becta-srf"]
    assert engine.rule_packs() == ()
    messages = [p.message for p in engine.problems]
    assert messages == [
        "malformed framework: id: " + NOT_AN_ID.format("a@b@c"),
        "malformed rule pack: id: " + PRINTS_AS_NOTHING.format("\u200b\u2060"),
    ]


def test_a_document_built_without_validation_is_refused_in_words_at_its_path(
    small_framework: Framework,
) -> None:
    pack = RulePack.model_construct(id="p", framework="becta srf", rules=())
    with pytest.raises(InvalidDocument) as raised:
        checked_given(pack, "rule pack")
    [problem] = raised.value.diagnostics
    assert (problem.path, problem.message) == (
        "framework",
        "the text `becta srf` is not a framework id (write `id` or `id@version`, with no "
        "spaces) (in a rule pack built without validation?)",
    )
    framework = Framework.model_construct(**{**vars(small_framework), "id": "a b"})
    with pytest.raises(InvalidDocument) as raised:
        checked_given(framework, "framework")
    [problem] = raised.value.diagnostics
    assert (problem.path, problem.message) == (
        "id",
        NOT_AN_ID.format("a b") + " (in a framework built without validation?)",
    )


#: Texts no id may be: with a space, an `@`, a separator, or only what prints as nothing.
_BAD = st.sampled_from(["a b", "a@b", "a\x1cb", " ", "\u200b", "\u0301", "\ufeff\u3164", ""])


@given(frameworks(), st.data())
def test_a_plugins_words_are_a_files_words(framework: Framework, data: st.DataObject) -> None:
    """A framework (of either scale direction) with a bad id somewhere: a plugin giving it
    is told, at the same path, what the file holding it is told (its message and hint)."""
    document = {"kind": "framework", **framework.model_dump(mode="json", by_alias=True)}
    holders = [document]
    for element in document["elements"]:
        holders.append(element)
        for aspect in element["aspects"]:
            holders += [aspect, *aspect["strands"]]
    holder = data.draw(st.sampled_from(holders))
    holder["id"] = data.draw(_BAD)
    with pytest.raises(InvalidDocument) as raised:
        load_framework("f.json", text=json.dumps(document))
    filed = [d for d in raised.value.diagnostics if d.code in ("id", "empty-text")]
    [file_said] = filed
    del document["kind"]
    raw = Framework.model_construct(**document)  # its fields as they are, no validation
    plugin = plugin_module("giver", selfreview_frameworks=lambda: [raw])
    engine = Engine(entry_points=False, plugins=[plugin])
    assert [e.framework.id for e in engine.frameworks()] == ["becta-srf"]
    said = [p.message for p in engine.problems if p.source == "giver"]
    words = file_said.message + ("" if file_said.hint is None else f" ({file_said.hint})")
    assert said == [f"malformed framework: {file_said.path}: {words}"]
    _no_pattern(said[0])


def test_a_framework_is_told_by_its_fields_pattern() -> None:
    """`in_words` tells a framework's name from an id by the pattern its field holds."""
    assert RulePack.model_fields["framework"].metadata[0].pattern == REF_PATTERN
    assert RulePack.model_fields["id"].metadata[0].pattern == ID_PATTERN


def test_an_empty_list_is_said_in_pydantics_words_not_as_empty_text() -> None:
    """Only text too short is "must not be empty": a list of at least one (a migration's
    targets) keeps pydantic's message, as a file's does."""
    error: Any = {
        "type": "too_short",
        "loc": ("strands", "a"),
        "msg": "List should have at least 1 item after validation, not 0",
        "input": [],
        "ctx": {"field_type": "List", "min_length": 1, "actual_length": 0},
    }
    assert in_words(error) == error["msg"]
    error = {**error, "type": "string_too_short", "input": ""}
    assert in_words(error) == "must not be empty"
