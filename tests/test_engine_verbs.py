"""The engine's verbs for a newcomer (issue 16): `Engine.load_assessment` checks what the
module function cannot, `report_many` reads what `selfreview report` reads (directories,
JSON Lines), `Engine.benchmark`, and `scale.next_level` of an unjudged strand."""

from __future__ import annotations

import gc
import json
import shutil
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from selfreview_core import Assessment, Engine, SelfReviewError, load_assessment
from selfreview_core.errors import SelfReviewError as Root

ROOT = Path(__file__).resolve().parents[1]
NEW = ROOT / "examples" / "example-primary-2026.yaml"
COHORT = ROOT / "examples" / "cohort"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(entry_points=False)


def _with_unknown_strand(tmp_path: Path) -> Path:
    data = yaml.safe_load(NEW.read_text(encoding="utf-8"))
    data["judgements"]["9z9"] = {"level": 3}
    path = tmp_path / "unknown.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_engine_load_assessment_checks_against_its_frameworks(
    engine: Engine, tmp_path: Path
) -> None:
    path = _with_unknown_strand(tmp_path)
    assert "9z9" in load_assessment(path).judgements  # unchecked, as its docstring says
    with pytest.raises(SelfReviewError) as raised:
        engine.load_assessment(path)
    assert "`9z9` is not a strand of becta-srf@2010" in raised.value.first.message
    assert raised.value.first.file == str(path)
    assert raised.value.first.line is not None
    assert engine.load_assessment(NEW).school.id == "100000"


def test_next_level_of_an_unjudged_strand_is_none(engine: Engine) -> None:
    """The README's pattern, for a strand not judged, without a check first."""
    framework = engine.framework("becta-srf")
    scale = framework.scale
    assert scale.next_level(None) is None
    assert scale.previous_level(None) is None
    assert scale.next_level(3) == 2
    assert scale.next_level(scale.best) is None
    assert scale.previous_level(3) == 4
    assert scale.previous_level(scale.worst) is None


def test_report_many_reads_directories_as_the_command_does(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "schools"
    shutil.copytree(COHORT, folder, ignore=shutil.ignore_patterns("*.md"))
    reports = list(engine.report_many([folder]))
    assert len(reports) == len(list(folder.glob("*.yaml")))
    assert sorted(r.assessment.school.id for r in reports) == sorted(
        yaml.safe_load(f.read_text(encoding="utf-8"))["school"]["id"] for f in folder.glob("*.yaml")
    )


def test_report_many_reads_json_lines_and_names_a_bad_line(engine: Engine, tmp_path: Path) -> None:
    lines = []
    for file in sorted(COHORT.glob("*.yaml"))[:2]:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        data["assessed_on"] = data["assessed_on"].isoformat()
        lines.append(json.dumps(data))
    source = tmp_path / "schools.jsonl"
    source.write_text("\n".join([lines[0], '{"kind": "assessment"}', lines[1]]) + "\n")
    errors: list[tuple[str, Root]] = []
    reports = list(engine.report_many([source], on_error=lambda n, e: errors.append((n, e))))
    assert len(reports) == 2
    [(name, error)] = errors
    assert name == f"{source}:2"
    assert error.first.file == str(source)
    assert error.first.line == 2
    with pytest.raises(SelfReviewError):
        list(engine.report_many([source]))


def test_engine_benchmark_reads_files_and_folders(engine: Engine) -> None:
    result = engine.benchmark([COHORT])
    assert result.cohort is not None
    assert result.cohort.size == 10
    assert result.skipped == []


#: Schools enough to see growth: each report let go is looked for (a full collection).
SCHOOLS = 8


@pytest.mark.usefixtures("frozen_heap")
def test_report_many_holds_no_report_or_assessment_it_has_given(engine: Engine) -> None:
    """Memory does not grow with the input (SPEC section 6): of the reports the caller has
    let go, and their assessments, only the last (still in the generators' frames) is
    alive, however many schools came before; and a source that fails part-way fails the
    caller with every report before it given."""
    school = engine.load_assessment(NEW)
    given: list[tuple[weakref.ref[object], ...]] = []

    def source() -> Iterator[Assessment]:
        for number in range(SCHOOLS):
            assessment = school.model_copy(
                update={"school": school.school.model_copy(update={"id": f"S{number}"})}
            )
            kept: weakref.ref[object] = weakref.ref(assessment)
            yield assessment
            given[-1] += (kept,)
        raise OSError("the source failed part-way")

    seen: list[str] = []

    def consume() -> None:
        for report in engine.report_many(source()):
            given.append((weakref.ref(report),))
            seen.append(report.assessment.school.id)
            del report
            gc.collect()
            alive = [n for n, refs in enumerate(given[:-1]) if any(r() for r in refs)]
            assert alive == [], seen[-1]

    with pytest.raises(OSError, match="part-way"):
        consume()
    assert not any(ref() for refs in given for ref in refs)  # once the source has failed
    assert seen == [f"S{number}" for number in range(SCHOOLS)]
