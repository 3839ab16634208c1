"""The library reads folders as the command line does (SPEC sections 5 and 6): a framework
file in a folder given to `Engine.report_many` or `Engine.benchmark` is a framework given.

Before round 55 `report_many([DIR])` raised "kind: expected an assessment file, not a
framework file" for it, and `benchmark([DIR])` skipped it and called every school "unknown
framework", though the CLI has used it since round 53 and `report_many`'s docstring said it
reads directories "as `selfreview report` reads them". Both now go through
`engine_inputs`, which takes the frameworks out with the command line's own rule
(`found_frameworks`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli.test_folder_frameworks import RULES
from selfreview_core import Engine, SelfReviewError
from selfreview_core.cli import cli
from selfreview_core.errors import NoCohortError

ROOT = Path(__file__).resolve().parents[1]
MIGRATION = ROOT / "examples" / "migration"
V1, V2 = MIGRATION / "example-srf-1.yaml", MIGRATION / "example-srf-2.yaml"
SCHOOL = (MIGRATION / "example-school-v1.yaml").read_text(encoding="utf-8")


def folder_of(root: Path, frameworks: dict[str, str], schools: int = 2) -> Path:
    """`root/given`: `schools` reviews of `example-srf@1` and `frameworks` (name: text)."""
    folder = root / "given"
    folder.mkdir()
    for number in range(schools):
        school = SCHOOL.replace("  id: EX-2\n", f"  id: EX-{number + 2}\n")
        (folder / f"school-{number}.yaml").write_text(school, encoding="utf-8")
    for name, text in frameworks.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def broken() -> tuple[str, int]:
    """Version 1 with a key no framework has, and that key's line."""
    v1 = V1.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^version: .*$", r"\g<0>\ncolour: blue", v1, count=1)
    return text, text.splitlines().index("colour: blue") + 1


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(entry_points=False)


def test_report_many_uses_a_framework_in_the_folder_as_report_does(
    engine: Engine, tmp_path: Path
) -> None:
    folder = folder_of(tmp_path, {"framework.yaml": V1.read_text(encoding="utf-8")})
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    reports = list(engine.report_many([folder]))
    assert [r.assessment.school.id for r in reports] == ["EX-2", "EX-3"]
    assert {r.framework.ref for r in reports} == {"example-srf@1"}
    result = CliRunner().invoke(cli, ["report", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["assessment"]["school"]["id"] for line in lines] == ["EX-2", "EX-3"]
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # nothing written
    assert "example-srf" not in engine.framework_names()  # the engine is not changed


def test_report_many_takes_any_iterable_and_objects_beside_the_folder(
    engine: Engine, tmp_path: Path
) -> None:
    """A generator is read one item at a time: the folder's framework serves the items
    from it on (an object of that framework after it too)."""
    folder = folder_of(tmp_path, {"framework.yaml": V1.read_text(encoding="utf-8")})
    first = next(engine.report_many([folder])).assessment

    def items() -> Iterator[object]:
        yield folder
        yield first

    reports = list(engine.report_many(items()))  # type: ignore[arg-type]
    assert [r.assessment.school.id for r in reports] == ["EX-2", "EX-3", "EX-2"]
    assert {r.framework.ref for r in reports} == {"example-srf@1"}


def test_a_list_has_every_folder_walked_first(engine: Engine, tmp_path: Path) -> None:
    """As on the command line, a framework in a folder listed after the schools serves
    them."""
    schools = folder_of(tmp_path, {})
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "frameworks" / "v1.yaml").write_bytes(V1.read_bytes())
    reports = list(engine.report_many([schools, tmp_path / "frameworks"]))
    assert [r.framework.ref for r in reports] == ["example-srf@1", "example-srf@1"]


def test_two_frameworks_in_the_folder_each_serves_its_own_version(
    engine: Engine, tmp_path: Path
) -> None:
    folder = folder_of(
        tmp_path,
        {"a-v2.yaml": V2.read_text(encoding="utf-8"), "b-v1.yaml": V1.read_text("utf-8")},
    )
    text = SCHOOL.replace("framework: example-srf@1\n", "framework: example-srf@2\n")
    (folder / "school-v2.yaml").write_text(text.replace("  2a2:", "  2a9:"), encoding="utf-8")
    errors: list[tuple[str, SelfReviewError]] = []
    reports = list(engine.report_many([folder], on_error=lambda n, e: errors.append((n, e))))
    assert [r.framework.ref for r in reports] == ["example-srf@1", "example-srf@1"]
    assert [name for name, _ in errors] == [str(folder / "school-v2.yaml")]
    assert "is not a strand of example-srf@2" in errors[0][1].first.message
    cohort = engine.benchmark([folder]).cohort
    assert cohort is not None
    assert cohort.framework == "example-srf@1"


def test_a_framework_also_given_to_the_engine_is_that_one(tmp_path: Path) -> None:
    folder = folder_of(tmp_path, {"framework.yaml": V1.read_text(encoding="utf-8")})
    engine = Engine(entry_points=False, frameworks=[folder / "framework.yaml"])
    reports = list(engine.report_many([folder]))
    assert [r.framework.ref for r in reports] == ["example-srf@1", "example-srf@1"]
    assert engine.problems == []
    result = engine.benchmark([folder])
    assert result.skipped == []
    assert result.cohort is not None
    assert len(result.cohort.schools) == 2


def test_benchmark_uses_a_framework_in_the_folder(engine: Engine, tmp_path: Path) -> None:
    folder = folder_of(tmp_path, {"framework.yaml": V1.read_text(encoding="utf-8")})
    result = engine.benchmark([folder])
    assert result.skipped == []
    assert result.cohort is not None
    assert result.cohort.framework == "example-srf@1"
    assert len(result.cohort.schools) == 2


def test_a_bad_framework_in_the_folder_is_located(engine: Engine, tmp_path: Path) -> None:
    """`report_many` raises its own error (file, line, column), or gives it to `on_error`
    and reports on the other schools (their framework here given to the engine);
    `benchmark` skips it, located, as a bad assessment file."""
    text, line = broken()
    folder = folder_of(tmp_path, {"framework.yaml": text})
    bad = str(folder / "framework.yaml")
    with pytest.raises(SelfReviewError) as raised:
        list(engine.report_many([folder]))
    first = raised.value.first
    assert (first.file, first.line, first.column) == (bad, line, 1)
    assert "unknown key `colour`" in first.message
    given = Engine(entry_points=False, frameworks=[V1])
    errors: list[tuple[str, SelfReviewError]] = []
    reports = list(given.report_many([folder], on_error=lambda n, e: errors.append((n, e))))
    assert [r.assessment.school.id for r in reports] == ["EX-2", "EX-3"]
    assert [(name, e.first.line, e.first.column) for name, e in errors] == [(bad, line, 1)]
    result = given.benchmark([folder])
    assert [(s.file, s.diagnostics[0].line) for s in result.skipped] == [(bad, line)]
    assert result.cohort is not None
    assert len(result.cohort.schools) == 2
    alone = engine.benchmark([folder])  # nothing else knows the schools' framework
    assert alone.skipped[0].file == bad
    assert "expected an assessment file" not in str([s.diagnostics for s in alone.skipped])


def test_an_object_built_without_a_framework_is_still_refused_by_name(
    engine: Engine, tmp_path: Path
) -> None:
    """After a folder's framework is found, an assessment built without validation and
    without `framework` is refused as before, by name, not with an `AttributeError`."""
    from selfreview_core import Assessment

    folder = folder_of(tmp_path, {"framework.yaml": V1.read_text(encoding="utf-8")})
    good = next(engine.report_many([folder])).assessment
    fields: dict[str, Any] = {"school": good.school, "assessed_on": good.assessed_on}
    built = Assessment.model_construct(**fields)
    with pytest.raises(SelfReviewError) as raised:
        list(engine.report_many([folder, built]))
    (problem,) = raised.value.diagnostics
    assert problem.path == "framework"
    assert problem.message == "missing required key `framework` (built without validation?)"


def _cli_error(*args: str) -> str:
    """The usage error `selfreview ARGS` ends in (exit 2), without `Error: `."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 2, result.stderr
    return result.stderr.splitlines()[-1].removeprefix("Error: ")


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [("rules.yaml", RULES, "rule pack"), ("framework.yaml", "", "framework")],
)
def test_folders_of_frameworks_or_rule_packs_alone_are_refused_in_the_cli_s_words(
    engine: Engine, tmp_path: Path, name: str, text: str, kind: str
) -> None:
    """`benchmark([DIR])` of a folder holding only a rule pack (or a framework) returned an
    empty result without a word, where `selfreview benchmark DIR` says "give the
    assessments as well as their rule pack" (exit 2); so did `report_many` of a folder
    holding only a framework. Each raises that message now, at the folder (a rule pack is
    `report_many`'s bad assessment, located, as before), and writes nothing."""
    folder = folder_of(tmp_path, {name: text or V1.read_text(encoding="utf-8")}, schools=0)
    out = tmp_path / "out.json"
    before = sorted(p.name for p in tmp_path.rglob("*"))
    said = _cli_error("benchmark", str(folder), "-o", str(out))
    assert said == f"give the assessments as well as their {kind}"
    with pytest.raises(NoCohortError) as raised:
        engine.benchmark([folder])
    assert (str(raised.value), raised.value.file) == (f"{folder}: {said}", str(folder))
    assert raised.value.first.code == "no-assessments"
    others = (tmp_path / "empty", tmp_path / "empty" / "school.yaml")
    others[0].mkdir()
    with pytest.raises(NoCohortError, match=re.escape(said)):  # a folder with none besides
        engine.benchmark([others[0], folder])
    others[1].write_text(SCHOOL, encoding="utf-8")  # one with an assessment: no error
    assert engine.benchmark([folder, others[0]]).files == 1
    others[1].unlink()
    others[0].rmdir()
    if name == "framework.yaml":
        for given in ([folder], iter([folder])):
            with pytest.raises(SelfReviewError) as refused:
                list(engine.report_many(given))
            assert (str(refused.value), refused.value.file) == (f"{folder}: {said}", str(folder))
            assert _cli_error("report", str(folder)) == said
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing written


def test_an_empty_folder_still_gives_an_empty_result(engine: Engine, tmp_path: Path) -> None:
    """Only frameworks or rule packs with nothing else are refused: a folder holding no
    file at all gives no school, as before (the command line's words for it are its own)."""
    empty = tmp_path / "empty"
    empty.mkdir()
    result = engine.benchmark([empty])
    assert (result.cohort, result.skipped, result.files) == (None, [], 0)
    assert list(engine.report_many([empty])) == []
