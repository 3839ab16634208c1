"""Twins of framework and rule pack files (`twins`): the bundled framework and the
first-party rule packs are read from their twins, and a twin gives exactly what reading its
file gives, or is not used."""

from __future__ import annotations

import pickle
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
)
from selfreview_core.loader import load_rules
from selfreview_core.model.framework import Framework
from selfreview_core.model.rules import RulePack
from selfreview_core.model.scale import Scale
from selfreview_core.twins import (
    TWIN_SUFFIX,
    _current,
    _from_twin,
    framework_with_twin,
    is_current,
    rules_with_twin,
    same,
    twin_bytes,
    twin_path,
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
    twin_path(path).write_bytes(twin_bytes(path))
    return path


def _lookup() -> Any:
    return Engine(entry_points=False)._lookup


def test_each_file_has_an_up_to_date_twin() -> None:
    """`scripts/twins.py` was run after the last edit of a twinned file."""
    assert BUNDLED.name == "becta-srf.yaml"
    assert {p.name for p in TWINNED} >= {"parental-engagement.yaml", "becta-leadership.yaml"}
    for path in TWINNED:
        assert is_current(path), f"{twin_path(path).name} is stale: run python scripts/twins.py"


def test_the_bundled_documents_are_read_from_their_twins() -> None:
    lookup = _lookup()
    for path in TWINNED:
        model = type(_model(path))
        assert model in (Framework, RulePack)
        found = _from_twin(path, model)
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
    found = _from_twin(path, type(slow))
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


def test_a_twin_that_does_not_unpickle_or_holds_another_model_is_not_used(
    tmp_path: Path,
) -> None:
    path = _twinned(tmp_path, BUNDLED)
    digest = twin_path(path).read_bytes().partition(b"\n")[0]
    for pickled in (
        b"not a pickle",
        pickle.dumps("text"),
        pickle.dumps((load(LEADERSHIP), None)),  # a rule pack's model
        pickle.dumps((1, 2, 3)),
    ):
        twin_path(path).write_bytes(digest + b"\n" + pickled)
        assert _from_twin(path, Framework) is None
        assert same(framework_with_twin(path), load_framework(BUNDLED))
    assert _from_twin(_twinned(tmp_path, LEADERSHIP), Framework) is None


def test_a_twin_of_models_with_other_fields_is_not_used(tmp_path: Path) -> None:
    """A twin made before a field was added to a model (or one removed) is stale."""
    path = _twinned(tmp_path, BUNDLED)
    framework = load_framework(BUNDLED)
    digest = twin_path(path).read_bytes().partition(b"\n")[0]
    strand = framework.elements[0].aspects[0].strands[0]
    for change in ({"no_such_field": 1}, {}):
        copy = pickle.loads(pickle.dumps(framework))
        nested = copy.elements[0].aspects[0].strands[0]
        if change:
            nested.__dict__.update(change)
        else:
            del nested.__dict__["title"]
        assert not _current(copy)
        twin_path(path).write_bytes(digest + b"\n" + pickle.dumps((copy, None)))
        assert _from_twin(path, Framework) is None
    assert _current(framework)
    assert _current({"a": (strand, [strand])})
    broken = pickle.loads(pickle.dumps(strand))
    broken.__dict__["extra"] = 1
    assert not _current({"a": (strand, broken)})
    assert not _current([broken])
    assert not _current((broken,))


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
        with pytest.raises(SelfReviewError) as slow:
            slow_load(missing)
        with pytest.raises(SelfReviewError) as twinned:
            twin_load(missing)
        assert str(twinned.value) == str(slow.value)


def _pack_of(tmp_path: Path, change: tuple[str, str]) -> Path:
    """The leadership pack with one text changed, and a twin made of it."""
    path: Path = tmp_path / LEADERSHIP.name
    text = LEADERSHIP.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    twin_path(path).write_bytes(twin_bytes(path))
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
        twin_bytes(path)
    school = tmp_path / "school.yaml"
    shutil.copyfile(next((ROOT / "examples" / "cohort").glob("*.yaml")), school)
    with pytest.raises(ValueError, match="only frameworks and rule packs have twins"):
        twin_bytes(school)


@pytest.mark.parametrize("source", [BUNDLED, LEADERSHIP], ids=lambda p: p.name)
def test_no_twin_is_made_that_would_give_another_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: Path
) -> None:
    """Were pickling to lose anything of the model or of a pack's data, no twin is made."""
    path = tmp_path / source.name
    shutil.copyfile(source, path)
    real = pickle.dumps

    def renamed(value: Any, **options: Any) -> bytes:
        model, data = value
        return real((model.model_copy(update={"title": "Another"}), data), **options)

    def without_data(value: Any, **options: Any) -> bytes:
        return real((value[0], {}), **options)

    for wrong in (renamed, without_data) if source is LEADERSHIP else (renamed,):
        monkeypatch.setattr("selfreview_core.twins.pickle.dumps", wrong)
        with pytest.raises(ValueError, match="would not give the same document"):
            twin_bytes(path)


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


@given(title=_TEXT, notes=_TEXT)
def test_a_twin_of_any_text_gives_what_its_file_gives(title: str, notes: str) -> None:
    """Text of every kind (quotes, escapes, non-BMP characters) survives the twin."""
    for source, key in ((BUNDLED, "notes"), (LEADERSHIP, "description")):
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        data["title"], data[key] = title, notes
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "generated.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            slow = _model(path)
            if slow is None:
                continue
            twin_path(path).write_bytes(twin_bytes(path))
            found = _from_twin(path, type(slow))
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
    assert is_current(tmp_path / BUNDLED.name)
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
    digest, _, pickled = twin_path(path).read_bytes().partition(b"\n")
    model, data = pickle.loads(pickled)
    other = (model.model_copy(update={"title": "From the twin"}), data)
    twin_path(path).write_bytes(digest + b"\n" + pickle.dumps(other))
    assert _from_twin(path, type(model)) is not None
    return path


def test_files_a_caller_names_are_read_themselves_never_their_twins(tmp_path: Path) -> None:
    """Unpickling runs code: only the files plugins give (installed code) are read through
    their twins, never a file a user names, whatever lies beside it."""
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
