"""JSON twins of framework and rule pack files (`twins`): the bundled framework and the
first-party rule packs are read from their twins, and a twin gives exactly what reading its
file gives, or is not used."""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core import (
    Engine,
    InvalidDocument,
    SelfReviewError,
    hookimpl,
    load,
    load_framework,
    twins,
)
from selfreview_core.loader import load_rules
from selfreview_core.model.framework import Framework
from selfreview_core.model.rules import RulePack
from selfreview_core.model.scale import Scale
from selfreview_core.twins import (
    TWIN_SUFFIX,
    _from_twin,
    framework_with_twin,
    rules_with_twin,
    same,
    twin_path,
    twin_text,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import twins as script  # type: ignore[import-not-found]  # noqa: E402  # scripts/twins.py

sys.path.remove(str(ROOT / "scripts"))

TWINNED = script.twinned()
BUNDLED = TWINNED[0]
LEADERSHIP = next(p for p in TWINNED if p.name == "becta-leadership.yaml")
#: Every framework or rule pack file of the repository that loads: each must twin exactly.
FILES = [
    *TWINNED,
    *sorted((ROOT / "examples").rglob("*.yaml")),
    *sorted((ROOT / "tests").rglob("*.yaml")),
    *sorted((ROOT / "tests").rglob("*.json")),
]


def _model(path: Path) -> Framework | RulePack | None:
    try:
        found = load(path)
    except (SelfReviewError, OSError):
        return None
    return found if isinstance(found, Framework | RulePack) else None


def _twinned(tmp_path: Path, source: Path) -> Path:
    path = tmp_path / source.name
    shutil.copyfile(source, path)
    twin_path(path).write_bytes(twin_text(path).encode())
    return path


def _lookup() -> Any:
    return Engine(entry_points=False)._lookup


def test_each_file_has_an_up_to_date_twin() -> None:
    """`scripts/twins.py` was run after the last edit of a twinned file."""
    assert BUNDLED.name == "becta-srf.yaml"
    assert {p.name for p in TWINNED} >= {"parental-engagement.yaml", "becta-leadership.yaml"}
    for path in TWINNED:
        assert twin_path(path).read_bytes() == twin_text(path).encode(), (
            f"{twin_path(path).name} is stale: run python scripts/twins.py"
        )


def test_the_bundled_documents_are_read_from_their_twins() -> None:
    lookup = _lookup()
    for path in TWINNED:
        model = type(_model(path))
        assert model in (Framework, RulePack)
        found = _from_twin(path, model)  # type: ignore[type-var]
        assert found is not None
        assert same(found[0], load(path))
        if model is RulePack:
            assert same(rules_with_twin(path, lookup), load_rules(path, lookup))
    engine = Engine(entry_points=False)
    assert same(engine.framework("becta-srf"), load_framework(BUNDLED))
    assert not engine.problems


def test_a_twin_is_no_document_file() -> None:
    """Documents are listed by suffix: a twin is never one of them."""
    assert BUNDLED.with_name(BUNDLED.name + TWIN_SUFFIX).suffix not in (".yaml", ".json")
    entries = Engine(entry_points=False).frameworks()
    assert [Path(entry.path or "").name for entry in entries] == [BUNDLED.name]


@pytest.mark.parametrize("source", [p for p in FILES if _model(p)], ids=lambda p: p.name)
def test_a_twin_gives_what_its_file_gives(tmp_path: Path, source: Path) -> None:
    path = _twinned(tmp_path, source)
    slow = load(path)
    found = _from_twin(path, type(slow))  # type: ignore[type-var]
    assert found is not None
    assert same(found[0], slow)
    assert found[0].model_dump_json(exclude_unset=True) == slow.model_dump_json(exclude_unset=True)
    if isinstance(slow, Framework):
        assert same(framework_with_twin(path), slow)
    else:
        assert same(rules_with_twin(path, None), slow)


def test_a_file_edited_after_its_twin_is_read_itself(tmp_path: Path) -> None:
    path = _twinned(tmp_path, BUNDLED)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "title: Self-review framework", "title: Edited framework", 1
        ),
        encoding="utf-8",
    )
    assert _from_twin(path, Framework) is None
    assert framework_with_twin(path).title == "Edited framework"


def test_a_twin_that_is_not_json_or_not_a_valid_model_is_not_used(tmp_path: Path) -> None:
    path = _twinned(tmp_path, BUNDLED)
    digest, _, document = twin_path(path).read_bytes().partition(b"\n")
    data = json.loads(document)
    for twin in (
        b'{"kind": "framework"}',
        b"{not json",
        b"",
        json.dumps({**data, "no_such_field": 1}).encode(),  # a field its class does not have
        json.dumps({**data, "title": 5}).encode(),  # not what its class takes
        b"[" * 100_000 + b"]" * 100_000,  # nested deeper than `json.loads` goes
        json.dumps({**data, "notes": [[[[["deep"]]]]] * 3}).encode(),  # nested, not valid
        twin_path(_twinned(tmp_path, LEADERSHIP)).read_bytes().partition(b"\n")[2],
    ):
        twin_path(path).write_bytes(digest + b"\n" + twin)
        assert _from_twin(path, Framework) is None
        assert same(framework_with_twin(path), load_framework(BUNDLED))
    assert _from_twin(_twinned(tmp_path, LEADERSHIP), Framework) is None  # a rule pack's


def test_a_bad_file_with_a_bad_twin_says_what_is_wrong_with_the_file(tmp_path: Path) -> None:
    """A twin that does not validate is not used: the file is read, with its own errors."""
    for source, twin_load, slow_load in (
        (
            ROOT / "tests" / "data" / "bad" / "missing-level.yaml",
            framework_with_twin,
            load_framework,
        ),
        (LEADERSHIP, lambda p: rules_with_twin(p, None), lambda p: load_rules(p, None)),
    ):
        path = tmp_path / source.name
        path.write_text(source.read_text(encoding="utf-8") + "\nno_such_key: 1\n", "utf-8")
        digest = hashlib.sha256(path.read_bytes()).hexdigest().encode()  # of these bytes
        twin_path(path).write_bytes(digest + b"\n{not json\n")
        _assert_same_error(slow_load, twin_load, path)


def _assert_same_error(slow_load: Any, twin_load: Any, path: Path) -> None:
    """Loading `path` with and without its twin fails with the same error."""
    with pytest.raises(SelfReviewError) as slow:
        slow_load(path)
    with pytest.raises(SelfReviewError) as twinned:
        twin_load(path)
    assert str(twinned.value) == str(slow.value)


def test_a_twin_with_a_carriage_return_after_its_digest_is_used(tmp_path: Path) -> None:
    """A checkout that turned the twin's line ends into CRLF still reads it."""
    path = _twinned(tmp_path, BUNDLED)
    digest, _, document = twin_path(path).read_bytes().partition(b"\n")
    twin_path(path).write_bytes(digest + b"\r\n" + document)
    assert _from_twin(path, Framework) is not None


def test_without_a_twin_or_a_file_the_file_is_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / BUNDLED.name
    shutil.copyfile(BUNDLED, path)
    assert _from_twin(path, Framework) is None
    assert same(framework_with_twin(path), load_framework(path))
    missing = tmp_path / "missing.yaml"
    for slow_load, twin_load in (
        (load_framework, framework_with_twin),
        (lambda p: load_rules(p, None), lambda p: rules_with_twin(p, None)),
    ):
        _assert_same_error(slow_load, twin_load, missing)


def test_a_twin_that_cannot_be_read_is_not_used(tmp_path: Path) -> None:
    """Not only a missing twin: any that does not open (here a folder) leaves the file."""
    path = tmp_path / BUNDLED.name
    shutil.copyfile(BUNDLED, path)
    twin_path(path).mkdir()
    assert _from_twin(path, Framework) is None
    assert same(framework_with_twin(path), load_framework(path))


def _pack_of(tmp_path: Path, change: tuple[str, str]) -> Path:
    """The leadership pack with one text changed, and a twin made of it."""
    path: Path = tmp_path / LEADERSHIP.name
    text = LEADERSHIP.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    twin_path(path).write_bytes(twin_text(path).encode())
    assert _from_twin(path, RulePack) is not None
    return path


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (("framework: becta-srf", "framework: no-such-framework"), "unknown-framework"),
        (("framework: becta-srf", "framework: becta-srf@1999"), "framework-version"),
        (("framework: becta-srf", "framework: other-srf"), "unknown-framework"),
        (("strand: 1a1, level: 5", "strand: 9z9, level: 5"), "unknown-strand"),
    ],
)
def test_a_pack_twin_that_does_not_fit_its_framework_is_refused_as_its_file_is(
    tmp_path: Path, change: tuple[str, str], code: str
) -> None:
    path = _pack_of(tmp_path, change)
    lookup = _lookup()
    with pytest.raises(InvalidDocument) as slow:
        load_rules(path, lookup)
    with pytest.raises(InvalidDocument) as twinned:
        rules_with_twin(path, lookup)
    assert str(twinned.value) == str(slow.value)
    assert [d.code for d in slow.value.diagnostics] == [code]


def test_a_pack_twin_that_fits_is_used_with_or_without_a_lookup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _pack_of(tmp_path, ("framework: becta-srf", "framework: becta-srf@2010"))

    def never(*_: object, **__: object) -> None:
        raise AssertionError("the file was read")

    monkeypatch.setattr("selfreview_core.twins.load_rules", never)
    slow = load_rules(path, _lookup())
    assert same(rules_with_twin(path, _lookup()), slow)
    assert same(rules_with_twin(path, None), slow)


def test_no_twin_is_made_of_a_file_that_does_not_load_or_has_none(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    shutil.copyfile(ROOT / "tests" / "data" / "bad" / "missing-level.yaml", path)
    with pytest.raises(InvalidDocument):
        twin_text(path)
    school = tmp_path / "school.yaml"
    shutil.copyfile(next((ROOT / "examples" / "cohort").glob("*.yaml")), school)
    with pytest.raises(ValueError, match="only frameworks and rule packs have twins"):
        twin_text(school)


@pytest.mark.parametrize("source", [BUNDLED, LEADERSHIP], ids=lambda p: p.name)
def test_no_twin_is_made_that_would_give_another_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: Path
) -> None:
    """Were JSON to lose what YAML said, the twin would not be made."""
    path = tmp_path / source.name
    shutil.copyfile(source, path)

    real = twins._interned

    def renamed(data: Any) -> Any:  # what the twin's JSON gives, titled otherwise
        found = real(data)
        return {**found, "title": "Another"} if isinstance(found, dict) else found

    monkeypatch.setattr(twins, "_interned", renamed)
    with pytest.raises(ValueError, match="would not give the same document"):
        twin_text(path)


def test_no_pack_twin_is_made_whose_data_would_differ(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule pack's data is checked against its framework: JSON must keep it exactly (a
    framework's need not: its numbered level keys become text, its model is the same)."""
    path = tmp_path / LEADERSHIP.name
    shutil.copyfile(LEADERSHIP, path)
    monkeypatch.setattr("selfreview_core.twins.json.loads", lambda _: {})
    with pytest.raises(ValueError, match="would not give the same document"):
        twin_text(path)
    monkeypatch.undo()  # a framework's JSON has its level keys as text: its twin is made
    framework = tmp_path / BUNDLED.name
    shutil.copyfile(BUNDLED, framework)
    assert twin_text(framework).encode() == twin_path(BUNDLED).read_bytes()


def test_same_tells_types_keys_and_fields_set_apart() -> None:
    scale = Scale(best=1, worst=5)
    assert same(scale, Scale(best=1, worst=5))
    assert not same(scale, Scale.model_construct({"best"}, best=1, worst=5))
    assert not same(scale, Scale(best=1, worst=4))
    assert not same({1: "a"}, {"1": "a"})
    assert not same({1: "a", 2: "b"}, {2: "b", 1: "a"})
    assert not same({1: "a"}, {1: "b"})
    assert not same({1: "a"}, {1: "a", 2: "b"})
    assert not same((1, 2), [1, 2])
    assert not same((1, 2), (1, 2, 3))
    assert not same((1, 2), (1, 3))
    assert same({"a": (1, True)}, {"a": (1, True)})
    assert same([], [])
    assert same(1, True) is False  # a bool, not merely falsy
    assert not same((1,), (True,))  # equal, but not of the same types
    assert not same({"a": 1}, {"a": True})
    assert not same(1, 2)


_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\"\\\n\t'#:{}"),
    min_size=1,
    max_size=40,
)


@functools.cache
def _document(source: Path) -> Any:
    """`source` parsed once for every example (30 ms of the 70 an example took: the
    examples change only its title and one text, on a copy)."""
    return yaml.safe_load(source.read_text(encoding="utf-8"))


@given(title=_TEXT, notes=_TEXT)
def test_a_twin_of_any_text_gives_what_its_file_gives(title: str, notes: str) -> None:
    """Text of every kind (quotes, escapes, non-BMP characters) survives the twin."""
    for source, key in ((BUNDLED, "notes"), (LEADERSHIP, "description")):
        data = copy.deepcopy(_document(source))
        data["title"], data[key] = title, notes
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "generated.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            slow = _model(path)
            if slow is None:
                continue
            twin_path(path).write_bytes(twin_text(path).encode())
            found = _from_twin(path, type(slow))  # type: ignore[type-var]
            assert found is not None
            assert same(found[0], slow)


def test_the_script_checks_and_writes_twins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copyfile(BUNDLED, tmp_path / BUNDLED.name)
    monkeypatch.setattr(script, "FOLDERS", (tmp_path,))
    assert script.main(["--check"]) == 1
    assert "stale or missing: becta-srf.yaml.twin" in capsys.readouterr().out
    assert not twin_path(tmp_path / BUNDLED.name).exists()
    assert script.main([]) == 0
    assert "written: becta-srf.yaml.twin" in capsys.readouterr().out
    assert script.main(["--check"]) == 0
    assert "every twin is up to date" in capsys.readouterr().out
    assert (tmp_path / "becta-srf.yaml.twin").read_bytes() == twin_path(BUNDLED).read_bytes()
    (tmp_path / BUNDLED.name).write_text("kind: framework\n", encoding="utf-8")
    with pytest.raises(InvalidDocument):
        script.main(["--check"])


def test_a_pack_twin_checked_against_another_framework_is_refused_as_its_file_is(
    tmp_path: Path,
) -> None:
    """Given a framework (not a lookup) of another id, the pack is refused by its kind's
    name: the same message from its twin as from its file."""
    path = _twinned(tmp_path, LEADERSHIP)
    other = load_framework(ROOT / "examples" / "awards" / "illustrative-award-framework.yaml")
    with pytest.raises(InvalidDocument) as slow:
        load_rules(path, other)
    with pytest.raises(InvalidDocument) as twinned:
        rules_with_twin(path, other)
    assert str(twinned.value) == str(slow.value)
    assert [d.code for d in slow.value.diagnostics] == ["wrong-framework"]
    assert "rule pack is of `becta-srf`, not of example-awards@" in str(slow.value)


def _poisoned(tmp_path: Path, source: Path) -> Path:
    """A copy of `source` with a twin of the right digest whose model has another title."""
    path = _twinned(tmp_path, source)
    digest, _, document = twin_path(path).read_bytes().partition(b"\n")
    other = {**json.loads(document), "title": "From the twin"}
    twin_path(path).write_bytes(digest + b"\n" + json.dumps(other).encode())
    assert _from_twin(path, type(load(path))) is not None  # type: ignore[type-var]
    return path


def test_files_a_caller_names_are_read_themselves_never_their_twins(tmp_path: Path) -> None:
    """Only the files plugins give (installed code) are read through their twins, never a
    file a user names, whatever lies beside it: what a user names is what is read."""
    framework = _poisoned(tmp_path, BUNDLED)
    pack = _poisoned(tmp_path, LEADERSHIP)
    engine = Engine(entry_points=False, frameworks=[framework], rule_packs=[pack])
    assert engine.framework("becta-srf").title == load_framework(BUNDLED).title
    title = load_rules(LEADERSHIP, None).title
    assert [entry.pack.title for entry in engine.rule_packs()] == [title]
    assert engine.rule_pack(pack).pack.title == title


def test_files_plugins_give_are_read_through_their_twins(tmp_path: Path) -> None:
    framework = _poisoned(tmp_path, BUNDLED)
    pack = _poisoned(tmp_path, LEADERSHIP)

    class Plugin:
        @hookimpl
        def selfreview_frameworks(self) -> list[Path]:
            return [framework]

        @hookimpl
        def selfreview_rule_packs(self) -> list[Path]:
            return [pack]

    engine = Engine(entry_points=False, disable=["bundled-frameworks"], plugins=[Plugin()])
    assert engine.framework("becta-srf").title == "From the twin"
    entries = engine.rule_packs()
    assert [entry.pack.title for entry in entries] == ["From the twin"]
    assert [entry.path for entry in entries] == [str(pack)]
    assert not engine.problems


def test_a_rule_pack_a_plugin_gives_as_a_model_is_kept_as_it_was() -> None:
    """Not a file: checked against its framework as before, no twin looked for."""
    pack = load_rules(LEADERSHIP, None)

    class Plugin:
        @hookimpl
        def selfreview_rule_packs(self) -> list[RulePack]:
            return [pack]

    engine = Engine(entry_points=False, plugins=[Plugin()])
    [entry] = engine.rule_packs()
    assert entry.pack == pack
    assert entry.path is None
    assert entry.provider != "given"
    assert not engine.problems


def _planted(path: Path, change: Any) -> None:
    """A twin of `path`'s digest holding another document: its JSON, changed by `change`."""
    digest, _, document = twin_path(path).read_bytes().partition(b"\n")
    data = json.loads(document)
    change(data)
    twin_path(path).write_bytes(digest + b"\n" + json.dumps(data).encode())


def test_a_planted_framework_twin_is_checked_as_its_file_would_be(tmp_path: Path) -> None:
    """A twin of the right digest holding another framework is validated and checked (ids,
    levels, questions) as a file is: one that would not load is not used."""
    path = _twinned(tmp_path, BUNDLED)
    framework = load_framework(BUNDLED)

    def duplicate_id(data: Any) -> None:
        strands = data["elements"][0]["aspects"][0]["strands"]
        strands[1]["id"] = strands[0]["id"]

    def level_outside(data: Any) -> None:
        data["elements"][0]["aspects"][0]["strands"][0]["levels"]["9"] = "Beyond"

    def wrong_type(data: Any) -> None:
        data["elements"] = "none"

    for change in (duplicate_id, level_outside, wrong_type):
        twin_path(path).write_bytes(twin_text(path).encode())
        _planted(path, change)
        assert same(framework_with_twin(path), framework)
    twin_path(path).write_bytes(twin_text(path).encode())
    _planted(path, lambda data: data.update(title="Planted"))
    assert framework_with_twin(path).title == "Planted"  # valid: at worst a valid document


def test_a_planted_pack_twin_is_checked_as_its_file_would_be(tmp_path: Path) -> None:
    path = _twinned(tmp_path, LEADERSHIP)
    lookup = _lookup()
    slow = load_rules(path, lookup)

    def unknown_strand(data: Any) -> None:
        rules = json.dumps(data["rules"]).replace('"1a1"', '"9z9"', 1)
        data["rules"] = json.loads(rules)

    for change in (unknown_strand, lambda data: data.update(rules="none")):
        twin_path(path).write_bytes(twin_text(path).encode())
        _planted(path, change)
        assert same(rules_with_twin(path, lookup), slow)


def _is_interned(text: str) -> bool:
    """Whether `text` is the interned string of its value (`sys.intern` of an equal copy
    gives it back: asked of `text` itself, it would intern `text` there and then)."""
    return sys.intern("".join(list(text))) is text


def test_a_twins_text_is_interned() -> None:
    """Every text of a document read from its twin is the interned string: reports look up
    a framework's ids in tables keyed by interned text (a profile's keys are the scorer's
    code constants), by identity when they are the same object and character by character
    when they are not."""
    from_twin = framework_with_twin(BUNDLED)
    assert all(map(_is_interned, from_twin.ids))
    assert all(_is_interned(strand.title) for strand in from_twin.strands)
    assert same(from_twin, load_framework(BUNDLED))
    pack = rules_with_twin(LEADERSHIP, None)
    assert all(_is_interned(rule.id) for rule in pack.rules)
