"""The contract: the package's public names come from one table, and the three places that
list them agree with it and with SPEC.md section 6.

`selfreview_core.__init__` holds `_PUBLIC` (name -> module). `__all__` is derived from it,
names are imported from it on first use, and the imports for type checkers (under
`TYPE_CHECKING`, written `X as X`) must name the same names from the same modules, or a
type checker and the running code would disagree about what `from selfreview_core import X`
gives.
"""

from __future__ import annotations

import ast
import copy
import dataclasses
import datetime as dt
import importlib
import inspect
import pickle
import random
import re
from collections.abc import Iterator, Mapping
from importlib.metadata import version
from pathlib import Path

import pytest
from pydantic import BaseModel

import selfreview_core
from selfreview_core import (
    Answer,
    Engine,
    InvalidDocument,
    NotApplicable,
    anonymise,
    awards,
    benchmark,
    load_assessment,
    load_framework,
    load_migration,
    load_rules,
    migrate,
    plan_from_report,
    plan_status,
)

ROOT = Path(__file__).resolve().parents[1]
INIT = ROOT / "src" / "selfreview_core" / "__init__.py"
SPEC = ROOT.parent / "shared" / "SPEC.md"


def _type_checking_imports() -> dict[str, str]:
    """name -> module (relative to the package) of every import under `if TYPE_CHECKING:`."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom):
                    assert statement.level == 1, ast.unparse(statement)
                    assert statement.module, ast.unparse(statement)
                    for alias in statement.names:
                        assert alias.asname == alias.name, f"`{alias.name}` is not re-exported"
                        assert alias.name not in found, f"`{alias.name}` imported twice"
                        found[alias.name] = statement.module
    return found


def test_the_table_and_the_type_checkers_imports_agree() -> None:
    assert _type_checking_imports() == selfreview_core._PUBLIC


def test_all_is_the_table() -> None:
    assert selfreview_core.__all__ == sorted(selfreview_core._PUBLIC)
    assert len(selfreview_core.__all__) == len(set(selfreview_core.__all__))


@pytest.mark.parametrize("name", sorted(selfreview_core._PUBLIC))
def test_every_name_is_defined_in_the_module_the_table_gives(name: str) -> None:
    """Imported from its module, not re-exported through another: the table says where a
    reader finds it."""
    module = importlib.import_module(f"selfreview_core.{selfreview_core._PUBLIC[name]}")
    value = getattr(selfreview_core, name)
    assert getattr(module, name) is value
    if inspect.isclass(value) or inspect.isfunction(value):
        assert value.__module__ == module.__name__, name


def test_the_version_is_the_installed_distributions() -> None:
    assert selfreview_core.__version__ == version("selfreview-core")
    assert "__version__" in dir(selfreview_core)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Engin'"):
        _ = selfreview_core.Engin


@pytest.mark.skipif(not SPEC.exists(), reason="SPEC.md is beside the repository in CI")
def test_every_name_spec_section_6_imports_is_public() -> None:
    """SPEC.md section 6: "The names a developer imports from `selfreview_core` (more may
    exist; these must)"."""
    section = SPEC.read_text(encoding="utf-8").split("## 6.", 1)[1].split("\n## ", 1)[0]
    [block] = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    imports = [
        node
        for node in ast.walk(ast.parse(block))
        if isinstance(node, ast.ImportFrom) and node.module == "selfreview_core"
    ]
    names = {alias.name for node in imports for alias in node.names}
    assert len(names) == 17
    assert names <= set(selfreview_core.__all__)


# -- every public model and record: copies, pickles and hashes --------------------------------


def _public_records() -> dict[str, type]:
    """Every public class that holds data: a pydantic model or a dataclass."""
    found = {}
    for name in selfreview_core.__all__:
        value = getattr(selfreview_core, name)
        if inspect.isclass(value) and (
            issubclass(value, BaseModel) or dataclasses.is_dataclass(value)
        ):
            found[name] = value
    return found


def _parts(value: object) -> Iterator[object]:
    if isinstance(value, BaseModel):
        yield from value.__dict__.values()
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield from (getattr(value, f.name) for f in dataclasses.fields(value))
    elif isinstance(value, Mapping):
        yield from value.keys()
        yield from value.values()
    elif isinstance(value, (tuple, list, frozenset)):
        yield from value


def _reachable(*roots: object) -> dict[type, list[object]]:
    """The instances of public records reachable from `roots`, up to three of each class."""
    kinds = tuple(_public_records().values())
    found: dict[type, list[object]] = {}
    seen: dict[int, object] = {}  # each object held, so that no id is reused meanwhile
    stack = list(roots)
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen[id(value)] = value
        if isinstance(value, kinds):
            held = found.setdefault(type(value), [])
            if len(held) < 3:
                held.append(value)
        stack.extend(_parts(value))
    return found


def _of_every_kind() -> dict[type, list[object]]:
    """A report with a comparison and advice, a plan, a migration carried out, awards, a
    question framework, a cohort anonymised, a rule pack, the engine's catalogue and an
    error's diagnostics: between them an instance of every public record."""
    engine = Engine()
    names = engine.framework_names()
    framework = engine.framework("becta-srf")
    old, new = (
        load_assessment(ROOT / "examples" / f"example-primary-{year}.yaml", names)
        for year in (2025, 2026)
    )
    report = engine.report(new, previous=old)
    plan = plan_from_report(report, today=dt.date(2026, 10, 1))
    migrating = ROOT / "examples" / "migration"
    versions = {
        f.ref: f for f in (load_framework(migrating / f"example-srf-{v}.yaml") for v in (1, 2))
    }
    step = load_migration(migrating / "example-srf-1-to-2.yaml", versions)
    moved = migrate(load_assessment(migrating / "example-school-v1.yaml", versions), step)
    award_framework = load_framework(
        ROOT / "examples" / "awards" / "illustrative-award-framework.yaml"
    )
    award_school = load_assessment(
        ROOT / "examples" / "awards" / "example-school.yaml", award_framework
    )
    questions = ROOT / "examples" / "questions"
    setting = load_framework(questions / "technology-standards.yaml")
    cohort_files = sorted((ROOT / "examples" / "cohort").glob("*.yaml"))
    cohort = benchmark(
        framework, (load_assessment(p, names) for p in cohort_files), latest_only=False
    )
    with pytest.raises(InvalidDocument) as bad:
        load_framework("bad.yaml", text="kind: framework\n")
    return _reachable(
        report,
        plan,
        plan_status(plan, framework, new, today=dt.date(2026, 10, 1)),
        moved,
        awards(award_framework, award_school),
        setting,
        load_assessment(questions / "example-setting.yaml", setting),
        load_rules(questions / "technology-rules.yaml", setting),
        cohort,
        anonymise(cohort, rng=random.Random(1)),
        engine.plugins(),
        engine.frameworks(),
        engine.rule_packs(),
        Engine(entry_points=False, frameworks=versions.values(), migrations=[step]).migrations(),
        benchmark(framework, [old, old]).duplicates,
        Answer(id="partly", text="Partly", value=0.5),
        NotApplicable(id="1a1", text="1a1 is not applicable: no such post", evidence="None."),
        engine.exporters(),
        Engine(entry_points=False, disable=["no-such-plugin"]).problems,
        bad.value.diagnostics,
    )


def test_every_public_record_is_reached_by_the_copy_test() -> None:
    """A new public model or dataclass fails here until the test below copies one."""
    reached = _of_every_kind()
    assert sorted(n for n, kind in _public_records().items() if kind not in reached) == []


def test_every_public_record_pickles_copies_and_hashes_as_itself() -> None:
    """Programs keep reports, send them to workers (`--jobs`) and deep-copy them: each copy
    is equal, of the same class, and hashes alike."""
    for kind, instances in _of_every_kind().items():
        for value in instances:
            for copied in (
                pickle.loads(pickle.dumps(value)),
                copy.deepcopy(value),
                copy.copy(value),
            ):
                assert type(copied) is kind
                assert copied == value, kind.__name__
                if kind.__hash__ is not None:
                    assert hash(copied) == hash(value), kind.__name__
