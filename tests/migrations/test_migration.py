"""Migrations (`kind: migration`): the file and its checks, and reviews of different versions
compared, reported and benchmarked. Carrying a review across (`migrate`) is tested in
test_apply.py, chains in test_composition.py and test_path.py; the frameworks and migrations
defined here serve them all."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
from pathlib import Path
from typing import Any

import pytest
import yaml

from selfreview_core import (
    Assessment,
    Engine,
    Framework,
    InvalidDocument,
    Judgement,
    Migration,
    NoMigrationPathError,
    Review,
    School,
    benchmark_files,
    check_assessment,
    compare,
    dump_yaml,
    hookimpl,
    load,
    load_assessment,
    load_framework,
    load_migration,
    migrate,
)
from selfreview_core.model.framework import Aspect, Element, Strand
from selfreview_core.model.scale import Scale

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "migration"
SCHOOL = School(id="S1", name="Test School")

Shape = dict[str, dict[str, list[str]]]


def make(version: str, shape: Shape, scale: Scale | None = None) -> Framework:
    """A framework `small@version` of the given elements -> aspects -> strands."""
    scale = scale or Scale(best=3, worst=0)
    return Framework(
        id="small",
        version=version,
        title=f"Small, version {version}",
        scale=scale,
        elements=tuple(
            Element(
                id=element,
                title=f"Element {element}",
                aspects=tuple(
                    Aspect(
                        id=aspect,
                        title=f"Aspect {aspect}",
                        strands=tuple(
                            Strand(
                                id=s,
                                title=f"Strand {s}",
                                levels={lv: f"{s} at level {lv}" for lv in scale.levels},
                            )
                            for s in strands
                        ),
                    )
                    for aspect, strands in aspects.items()
                ),
            )
            for element, aspects in shape.items()
        ),
    )


V1 = make("1", {"A": {"A1": ["a1", "a2"], "A2": ["a3"]}, "B": {"B1": ["b1", "b2", "gone"]}})
V2 = make("2", {"A": {"A1": ["a1", "a2x", "a2y"], "A2": ["m"]}, "B": {"B1": ["b1", "new"]}})
V3 = make("3", {"A": {"A1": ["a1", "a2"], "A2": ["m"]}, "B": {"B1": ["b1", "new"]}})
LOOKUP = {f.ref: f for f in (V1, V2, V3)} | {"small": V3}

GOOD = """\
kind: migration
id: small-1-to-2
from: small@1
to: small@2
strands:
  a1: a1
  a2: [a2x, a2y]
  a3: m
  b2: m
  b1: b1
retired: [gone]
"""
ONE_TO_TWO = load_migration("m.yaml", LOOKUP, text=GOOD)
TWO_TO_THREE = Migration.model_validate(
    {
        "from": "small@2",
        "to": "small@3",
        "strands": {"a1": "a1", "a2x": "a2", "a2y": "a2", "m": "m", "b1": "b1", "new": "new"},
    }
)


def review(framework: str, levels: dict[str, int | tuple[int, str]]) -> Assessment:
    judgements = {
        s: Judgement(level=v) if isinstance(v, int) else Judgement(level=v[0], evidence=v[1])
        for s, v in levels.items()
    }
    return Assessment(
        framework=framework, school=SCHOOL, assessed_on=dt.date(2026, 1, 5), judgements=judgements
    )


# -- the file --------------------------------------------------------------------------------


def test_a_good_file_loads_with_the_short_form_as_a_list() -> None:
    assert ONE_TO_TWO.from_ == "small@1"
    assert ONE_TO_TWO.to == "small@2"
    assert ONE_TO_TWO.strands["a1"] == ("a1",)
    assert ONE_TO_TWO.sources("m") == ("a3", "b2")
    assert ONE_TO_TWO.one_to_one("a1") == "a1"
    assert ONE_TO_TWO.one_to_one("a2x") is None  # a split
    assert ONE_TO_TWO.one_to_one("m") is None  # a merge
    assert ONE_TO_TWO.summary() == (
        "migration small@1 -> small@2: 5 strands mapped (1 split, 1 merge), 1 retired"
    )
    assert isinstance(load("m.yaml", text=GOOD, framework=LOOKUP), Migration)
    assert ONE_TO_TWO.data()["from"] == "small@1"  # the file's key, not the attribute's


def located(text: str, lookup: Any = LOOKUP) -> list[tuple[int | None, int | None, str, str]]:
    """(line, column, path: message (hint), code) of each problem loading `text`."""
    with pytest.raises(InvalidDocument) as raised:
        load_migration("bad.yaml", lookup, text=text)
    assert all(d.file == "bad.yaml" for d in raised.value.diagnostics)
    return [(d.line, d.column, str(d).split(": ", 1)[1], d.code) for d in raised.value.diagnostics]


BAD: list[tuple[str, str, int, int, str, str]] = [
    # (what to replace in GOOD, with what, line, column, words, code)
    ("from: small@1", "from: small", 3, 7, "`small` names no version", "id"),
    ("to: small@2", "to: small@1", 4, 5, "`to` is `from` again (small@1)", "same-version"),
    ("  a1: a1\n", "  a9: a1\n", 6, 3, "`a9` is not a strand of small@1", "unknown-strand"),
    (
        "  a1: a1\n",
        "  a1: a1\n  A1: a1\n",
        7,
        3,
        "`A1` is an aspect, not a strand",
        "unknown-strand",
    ),
    (
        "a3: m\n",
        "a3: mm\n",
        8,
        7,
        "`mm` is not a strand of small@2 (did you mean `m`?)",
        "unknown-strand",
    ),
    ("[a2x, a2y]", "[a2x, a2x]", 7, 13, "`a2x` is listed twice for `a2`", "duplicate-id"),
    (
        "  b1: b1\n",
        "",
        5,
        1,
        "strand b1 of small@1 is neither mapped nor retired",
        "unmapped-strand",
    ),
    ("[gone]", "[gone, a1]", 11, 17, "`a1` is both mapped and retired", "mapped-and-retired"),
    ("[gone]", "[gone, gone]", 11, 17, "`gone` is retired twice", "duplicate-id"),
    ("[a2x, a2y]", "[]", 7, 7, "maps to no strand", "invalid"),
    ("a3: m\n", "a3: 3\n", 8, 7, 'got the number 3 (write it in quotes: "3")', "type"),
    (
        "to: small@2",
        "to: small@9",
        4,
        5,
        "unknown framework `small@9` (small@3 is available",
        "unknown-framework",
    ),
    ("strands:", "strand:", 5, 1, "unknown key `strand` (did you mean `strands`?)", "unknown-key"),
    ("to: small@2\n", "", 1, 1, "missing required key `to`", "missing-key"),
]


@pytest.mark.parametrize(("old", "new", "line", "column", "words", "code"), BAD)
def test_each_bad_migration_is_refused_with_its_place(
    old: str, new: str, line: int, column: int, words: str, code: str
) -> None:
    """SPEC 3: bad input names the file, line and column, with a clear message."""
    assert old in GOOD
    problems = located(GOOD.replace(old, new, 1))
    matching = [p for p in problems if words in p[2]]
    assert matching, problems
    assert matching[0][:2] == (line, column)
    assert matching[0][3] == code


def test_every_problem_is_reported_in_one_run() -> None:
    text = GOOD.replace("a3: m\n", "a3: mm\n").replace("[gone]", "[gone, a1]")
    codes = [p[3] for p in located(text)]
    assert codes == ["unknown-strand", "mapped-and-retired"]


def test_without_frameworks_only_the_file_itself_is_checked() -> None:
    loaded = load_migration("m.yaml", text=GOOD.replace("a3: m\n", "a3: nowhere\n"))
    assert loaded.strands["a3"] == ("nowhere",)
    assert located(GOOD.replace("to: small@2", "to: small@1"), None)[0][3] == "same-version"


def test_a_migration_built_in_python_is_checked_too() -> None:
    with pytest.raises(ValueError, match="`x` is listed twice"):
        Migration.model_validate({"from": "f@1", "to": "f@2", "strands": {"a": ["x", "x"]}})
    with pytest.raises(ValueError, match="names no version"):
        Migration.model_validate({"from": "f", "to": "f@2", "strands": {}})


def test_a_copy_with_other_strands_knows_its_own_sources() -> None:
    """`model_copy` carried the table of sources over: a copy mapping `a` elsewhere still
    said `x` came from `a`, and carried a review's level there."""
    first = Migration.model_validate({"from": "f@1", "to": "f@2", "strands": {"a": "x"}})
    assert first.sources("x") == ("a",)
    moved = first.model_copy(update={"strands": {"a": ["y"]}})
    assert moved.sources("x") == ()
    assert moved.sources("y") == ("a",)
    assert moved.one_to_one("y") == "a"
    assert moved.new_ids == ("y",)
    assert (moved.from_, moved.to) == ("f@1", "f@2")
    assert first.sources("x") == ("a",)  # the original kept its own
    with pytest.raises(ValueError, match="`z` is listed twice"):
        first.model_copy(update={"strands": {"a": ["z", "z"]}})


# -- the assessment's `review` ---------------------------------------------------------------


def test_an_assessment_with_review_entries_validates_and_round_trips(tmp_path: Path) -> None:
    migrated = migrate(review("small@1", {"a2": (1, "x")}), ONE_TO_TWO).assessment
    path = tmp_path / "migrated.yaml"
    path.write_text(dump_yaml(migrated), encoding="utf-8")
    assert load_assessment(path, LOOKUP) == migrated
    check_assessment(V2, migrated)


def test_an_assessment_without_review_is_written_as_before() -> None:
    assert "review" not in dump_yaml(review("small@1", {"a1": 1}))


def test_a_review_entry_for_an_unknown_strand_is_located() -> None:
    text = """\
kind: assessment
framework: small@2
school: {id: S1, name: Test School}
assessed_on: 2026-01-05
judgements: {}
review:
  a2z: {reason: split, note: Was split.}
  A1: {reason: merge, note: Was merged.}
  m: {reason: guess, note: Hmm.}
"""
    with pytest.raises(InvalidDocument) as raised:
        load_assessment("a.yaml", LOOKUP, text=text)
    shown = [(d.line, d.column, d.message, d.code) for d in raised.value.diagnostics]
    assert shown[0] == (7, 3, "`a2z` is not a strand of small@2", "unknown-strand")
    assert raised.value.diagnostics[0].hint == "did you mean `a2y`?"
    assert shown[1] == (8, 3, "`A1` is an aspect, not a strand of small@2", "unknown-strand")
    assert shown[2][:2] == (9, 15)
    assert "`guess` is not allowed here" in shown[2][2]
    built = Assessment(
        framework="small@2",
        school=SCHOOL,
        assessed_on=dt.date(2026, 1, 5),
        judgements={},
        review={"zz": Review(reason="split", note="x")},
    )
    with pytest.raises(InvalidDocument, match="`zz` is not a strand of small@2"):
        check_assessment(V2, built)


# -- the engine, plugins, compare, report, benchmark -----------------------------------------


def engine(**options: Any) -> Engine:
    return Engine(entry_points=False, frameworks=[V1, V2, V3], **options)


def test_the_engine_finds_a_chain_and_migrates() -> None:
    given = engine(migrations=[ONE_TO_TWO, TWO_TO_THREE])
    result = given.migrate(review("small@1", {"a1": 1}), "small")  # an id: its latest version
    assert result.target == "small@3"
    assert len(result.steps) == 2
    same = given.migrate(review("small@3", {"a1": 1}), "small@3")
    assert same.steps == ()
    assert same.assessment.framework == "small@3"
    with pytest.raises(NoMigrationPathError, match="from small@3 to small@1"):
        given.migrate(review("small@3", {}), "small@1")
    backwards = Engine(
        entry_points=False, frameworks=[V1, V3, V2], migrations=[ONE_TO_TWO, TWO_TO_THREE]
    )
    assert backwards.framework("small") is V1  # an assessment's id: the first given
    assert backwards.migrate(review("small", {"a1": 1}), "small").target == "small@3"


def test_the_engine_checks_a_given_migration_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("a3: m\n", "a3: mm\n"), encoding="utf-8")
    with pytest.raises(InvalidDocument) as raised:
        engine(migrations=[bad])
    assert (raised.value.file, raised.value.line) == (str(bad), 8)
    good = tmp_path / "good.yaml"
    good.write_text(GOOD, encoding="utf-8")
    [entry] = engine(migrations=[good]).migrations()
    assert (entry.provider, entry.path) == ("given", str(good))
    unplaced = ONE_TO_TWO.model_copy(update={"retired": ()})
    with pytest.raises(InvalidDocument, match="strand gone of small@1 is neither mapped"):
        engine(migrations=[unplaced])


def plugin(name: str, **hooks: Any) -> types.ModuleType:
    module = types.ModuleType(name)
    for hook, function in hooks.items():
        setattr(module, hook, hookimpl(function))
    return module


def test_plugins_provide_migrations_and_their_faults_are_problems(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(GOOD.replace("from: small@1", "from: small"), encoding="utf-8")
    plugins = [
        plugin("provider", selfreview_migrations=lambda: [TWO_TO_THREE]),
        plugin("broken", selfreview_migrations=lambda: [broken, 42]),
        plugin("again", selfreview_migrations=lambda: TWO_TO_THREE),
    ]
    given = engine(plugins=plugins, migrations=[ONE_TO_TWO])
    entries = given.migrations()
    assert [(e.migration.ref, e.provider) for e in entries] == [
        ("small@1 -> small@2", "given"),
        ("small@2 -> small@3", "provider"),
    ]
    problems = {(p.source, p.message.split("\n")[0], p.severity) for p in given.problems}
    assert problems == {
        ("broken", "migration does not load:", "error"),
        ("broken", "selfreview_migrations gave int, not a path or a Migration", "error"),
        (
            "again",
            "a migration small@2 -> small@3 is also provided by provider; using provider's",
            "warning",
        ),
    }
    assert any("names no version" in p.message for p in given.problems)
    assert given.migrate(review("small@1", {"a1": 1}), "small@3").target == "small@3"


def test_report_compares_with_a_previous_review_of_an_earlier_version() -> None:
    given = engine(migrations=[ONE_TO_TWO, TWO_TO_THREE])
    older = review("small@1", {"a1": 1, "a3": 2, "b1": 3})
    newer = review("small@3", {"a1": 2, "m": 2, "b1": 3})
    made = given.report(newer, older)
    assert made.previous is not None
    assert made.previous.framework == "small@3"
    assert made.comparison is not None
    assert made.comparison.improved == ("a1",)
    assert made.comparison.unchanged == ("b1",)
    assert made.comparison.newly_judged == ("m",)  # a merge: never given the old level


def test_report_refuses_a_previous_review_no_migration_reaches() -> None:
    given = engine()
    with pytest.raises(NoMigrationPathError, match="no migration path from small@1 to small@3"):
        given.report(review("small@3", {}), review("small@1", {}))
    becta = Engine(entry_points=False)
    with pytest.raises(InvalidDocument, match="assessment is of `small@1`, not of becta-srf"):
        becta.report(review("becta-srf", {}), review("small@1", {}))  # another framework


def test_compare_accepts_another_version_given_the_migrations() -> None:
    older = review("small@2", {"a1": 1})
    newer = review("small@3", {"a1": 3})
    comparison = compare(V3, older, newer, migrations=[TWO_TO_THREE])
    assert comparison.improved == ("a1",)
    with pytest.raises(NoMigrationPathError):
        compare(V3, review("small@1", {}), newer, migrations=[TWO_TO_THREE])


def test_benchmark_files_carries_other_versions_to_the_cohorts(tmp_path: Path) -> None:
    from selfreview_core.cohort.versions import migrating_loader, newest_present

    given = engine(migrations=[ONE_TO_TWO, TWO_TO_THREE])
    for name, school, text in (
        ("a.yaml", "a", review("small@1", {"a1": 1})),
        ("b.yaml", "b", review("small@3", {"a1": 3})),
        ("c.yaml", "c", review("small@3", {"a1": 2})),
    ):
        assessment = text.model_copy(update={"school": School(id=school, name=school)})
        (tmp_path / name).write_text(dump_yaml(assessment), encoding="utf-8")
    files = sorted(str(p) for p in tmp_path.iterdir())
    target = newest_present(files, given)
    assert target is V3
    result = benchmark_files(files, target, migrate=migrating_loader(given, target))
    assert result.cohort is not None
    assert result.cohort.school_ids == ("a", "b", "c")
    assert result.cohort.strands["a1"].judged == 3
    # Without a way back, the newer ones are skipped at their `framework` line.
    result = benchmark_files(files, V1, migrate=migrating_loader(given, V1))
    assert result.cohort is not None
    assert result.cohort.school_ids == ("a",)
    [skipped, _] = result.skipped
    assert skipped.diagnostics[0].line == 2
    assert "no migration path from small@3 to small@1" in skipped.diagnostics[0].message


# -- the docs and the examples ---------------------------------------------------------------


def _section() -> str:
    docs = (ROOT / "docs" / "framework-format.md").read_text(encoding="utf-8")
    return docs.split("## Migrations", 1)[1].split("\n## ", 1)[0]


def test_the_documented_migration_is_the_example_file() -> None:
    [example, review_example] = re.findall(r"```yaml\n(.*?)```", _section(), re.S)
    frameworks = {
        f.ref: f
        for f in map(
            load_framework, (EXAMPLES / "example-srf-1.yaml", EXAMPLES / "example-srf-2.yaml")
        )
    }
    documented = load_migration("docs.yaml", frameworks, text=example)
    example_file = load_migration(EXAMPLES / "example-srf-1-to-2.yaml", frameworks)
    assert documented.data() == example_file.data() | {"title": None} or (
        documented.strands,
        documented.retired,
        documented.from_,
        documented.to,
    ) == (example_file.strands, example_file.retired, example_file.from_, example_file.to)
    entry = Review.model_validate(yaml.safe_load(review_example)["review"]["2a1"])
    school = load_assessment(EXAMPLES / "example-school-v1.yaml", frameworks)
    assert (
        migrate(school, documented, frameworks=frameworks).assessment.awaiting_review["2a1"]
        == entry
    )


def test_an_unchecked_migration_naming_a_missing_strand_fails_the_final_check() -> None:
    """`migrate` checks its result against the last version: nothing is silently lost."""
    stray = Migration.model_validate(
        {"from": "small@1", "to": "small@2", "strands": {"a1": "nowhere"}}
    )
    with pytest.raises(InvalidDocument, match="`nowhere` is not a strand of small@2"):
        migrate(review("small@1", {"a1": 1}), stray, frameworks=LOOKUP)
    assert migrate(review("small@1", {"a1": 1}), stray).assessment.judgements == {
        "nowhere": Judgement(level=1)
    }


def test_what_migrate_returns_cannot_be_changed_in_place() -> None:
    """The migrated assessment is frozen all the way down, and so is what says how it went."""
    old = review("small@1", {"a1": 1, "a2": (1, "A plan exists."), "gone": 2})
    result: Any = migrate(old, ONE_TO_TWO, frameworks=LOOKUP)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.carried = ()
    with pytest.raises(TypeError, match="read-only"):
        result.assessment.judgements["a1"] = Judgement(level=3)
    with pytest.raises(TypeError, match="read-only"):
        result.assessment.review.pop("a2x")
    item = result.review[0]
    with pytest.raises(TypeError, match="read-only"):
        item.sources["a2"] = 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.sources = {}
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.dropped[0].level = 1
    assert isinstance(result.steps, tuple)
    assert isinstance(result.review, tuple)
    assert result.assessment.judgements == {"a1": Judgement(level=1)}
    assert dict(item.sources) == {"a2": 1}


def test_every_part_of_what_migrate_returns_is_frozen() -> None:
    """Issue 14: through a chain, and from the engine when nothing is to be carried (the
    strands awaiting review come back as they were), every collection in a `Migrated` is a
    tuple or a read-only mapping, and no part of it can be set. Nor does any part carry a
    dictionary of its own (slotted, as the models are): a cohort migrates thousands."""
    old = review("small@1", {"a1": 1, "a2": (1, "A plan exists."), "gone": 2})
    chained: Any = migrate(old, [ONE_TO_TWO, TWO_TO_THREE], frameworks=LOOKUP)
    engine = Engine(entry_points=False, frameworks=[V1, V2, V3], migrations=[ONE_TO_TWO])
    waiting = migrate(old, ONE_TO_TWO, frameworks=LOOKUP).assessment
    kept: Any = engine.migrate(waiting, "small@2")
    assert kept.steps == ()
    assert [item.strand for item in kept.review] == ["a2x", "a2y"]
    for result in (chained, kept):
        assert not hasattr(result, "__dict__")
        for name in ("steps", "carried", "review", "dropped"):
            assert type(getattr(result, name)) is tuple, name
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(result, name, ())
        for item in result.review:
            with pytest.raises(TypeError, match="read-only"):
                item.sources["a2"] = 3
            with pytest.raises(dataclasses.FrozenInstanceError):
                item.reason = "split"
            assert not hasattr(item, "__dict__")
    assert [d.strand for d in chained.dropped] == ["gone"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        chained.dropped[0].evidence = "changed"
    assert not hasattr(chained.dropped[0], "__dict__")


def test_a_migration_and_its_sources_cannot_be_changed_in_place() -> None:
    migration: Any = ONE_TO_TWO
    with pytest.raises(TypeError, match="read-only"):
        migration.strands["a1"] = ("b1",)
    with pytest.raises(AttributeError, match="Migration is immutable"):
        migration._sources = {}
    with pytest.raises(TypeError, match="read-only"):
        migration._sources["m"] = ()
    assert migration.sources("m") == ("a3", "b2")
    assert migration.one_to_one("a1") == "a1"
