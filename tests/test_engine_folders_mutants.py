"""`engine_inputs.py`, round 55's pass: `Engine.benchmark` of a folder lists every file it
skipped, the framework files that do not load first, then each assessment file it could
not use, none left out; `Engine.report_many` tells of a rule pack in a folder. Round 57's:
which framework file in a folder is "found" (those given to the engine are not; those a plugin
provides are), and an assessment built with a framework that is no id."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from selfreview_core import Assessment, Engine, SelfReviewError
from test_engine_folders import V1, broken, folder_of

ROOT = Path(__file__).resolve().parents[1]


def test_a_bad_framework_and_the_schools_it_leaves_unknown_are_all_skipped(
    tmp_path: Path,
) -> None:
    """The framework file that does not load, then both schools (their framework unknown
    to an engine given nothing else), each by file (round 55: the frameworks put in place
    of the first skipped school, `skipped[:1]` for `skipped[:0]`, survived: a school
    left out of the warnings)."""
    text, line = broken()
    folder = folder_of(tmp_path, {"framework.yaml": text})
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = Engine(entry_points=False).benchmark([folder])
    assert [Path(s.file).name for s in result.skipped] == [
        "framework.yaml",
        "school-0.yaml",
        "school-1.yaml",
    ]
    assert result.skipped[0].diagnostics[0].line == line
    assert "example-srf@1" in result.skipped[1].diagnostics[0].message
    assert result.cohort is None
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_report_many_tells_of_a_rule_pack_in_the_folder(tmp_path: Path) -> None:
    """`Engine.report_many`, whose rule packs are the engine's own, does not pass a rule
    pack found in a folder by in silence: it raises, naming the file, or gives it to
    `on_error` and reports on the schools (round 55: `FolderInputs`' `pass_packs` default
    as True survived, which dropped it unsaid; `Engine.benchmark`, which applies no rules,
    passes it by)."""
    from cli.test_folder_frameworks import RULES

    folder = folder_of(tmp_path, {"framework.yaml": V1.read_text(encoding="utf-8")})
    rules = folder / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    engine = Engine(entry_points=False)
    with pytest.raises(SelfReviewError) as raised:
        list(engine.report_many([folder]))
    assert raised.value.first.file == str(rules)
    assert raised.value.first.message == "expected an assessment file, not a rules file"
    errors: list[str] = []
    reports = list(engine.report_many([folder], on_error=lambda name, _: errors.append(name)))
    assert errors == [str(rules)]
    assert [r.assessment.school.id for r in reports] == ["EX-2", "EX-3"]


def test_benchmark_of_files_named_themselves(tmp_path: Path) -> None:
    """`Engine.benchmark` of assessment files (no folder) benchmarks them (round 55:
    `FolderInputs.files` giving None for a file, not `[file]`, survived: a `TypeError`)."""
    folder = folder_of(tmp_path, {})
    files = sorted(folder.glob("school-*.yaml"))
    result = Engine(entry_points=False, frameworks=[V1]).benchmark(files)
    assert result.skipped == []
    assert result.cohort is not None
    assert result.cohort.school_ids == ("EX-2", "EX-3")


def titled(text: str, title: str) -> str:
    """A framework's text under another title."""
    return re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1)


def test_a_file_given_to_the_engine_is_its_own_and_not_found_again_in_a_folder(
    tmp_path: Path,
) -> None:
    """`Engine(frameworks=[given/a.yaml])`, and `given` holds `a.yaml` and `b.yaml`, both
    `example-srf@1`: `a.yaml` is the engine's framework, not one found, so `b.yaml` is the
    first found and serves the schools, as `selfreview report given --framework given/a.yaml`
    uses it ("given twice ...; using given/b.yaml"). Alone, the file given is that very
    object."""
    v1 = V1.read_text(encoding="utf-8")
    folder = folder_of(tmp_path, {"a.yaml": v1, "b.yaml": titled(v1, "The other one")})
    engine = Engine(entry_points=False, frameworks=[folder / "a.yaml"])
    reports = list(engine.report_many([folder]))
    assert [r.framework.title for r in reports] == ["The other one", "The other one"]
    (folder / "b.yaml").unlink()
    own = engine.framework("example-srf@1")
    assert [r.framework is own for r in engine.report_many([folder])] == [True, True]


def test_a_file_a_plugin_provides_is_found_in_a_folder_as_any_other(tmp_path: Path) -> None:
    """A link in a folder to the bundled `becta-srf.yaml`, then a copy of it under another
    title: the link is the first found of `becta-srf@2010` and serves the school, as on the
    command line ("using b2/a.yaml"); a plugin's file is not one the engine was given."""
    engine = Engine(entry_points=False)
    [entry] = engine.frameworks()
    assert entry.path is not None
    folder = tmp_path / "schools"
    folder.mkdir()
    (folder / "a.yaml").symlink_to(entry.path)
    bundled = Path(entry.path).read_text(encoding="utf-8")
    (folder / "b.yaml").write_text(titled(bundled, "A copy"), encoding="utf-8")
    school = (ROOT / "examples" / "example-primary-2026.yaml").read_text(encoding="utf-8")
    (folder / "school.yaml").write_text(school, encoding="utf-8")
    [report] = engine.report_many([folder])
    assert report.framework.title == entry.framework.title != "A copy"


@pytest.mark.parametrize("framework", [["example-srf@1"], {"id": "example-srf"}])
def test_an_object_built_with_a_framework_that_is_no_id_is_refused_by_name(
    tmp_path: Path, framework: Any
) -> None:
    """After a folder's framework is found, as before: not a `TypeError` (unhashable)."""
    folder = folder_of(tmp_path, {"framework.yaml": V1.read_text(encoding="utf-8")})
    engine = Engine(entry_points=False)
    good = next(engine.report_many([folder])).assessment
    fields = {"school": good.school, "assessed_on": good.assessed_on, "framework": framework}
    built = Assessment.model_construct(**fields)
    with pytest.raises(SelfReviewError) as raised:
        list(engine.report_many([folder, built]))
    (problem,) = raised.value.diagnostics
    assert (problem.path, problem.message) == (
        "framework",
        "not a framework id (built without validation?)",
    )
