"""`benchmark_files` (cohort/files.py): a cohort from the assessment files and folders
named, each file read once; those it cannot use (of another framework or version, not
YAML) skipped with the reason and where, and no cohort where no file is usable. Moved from
test_cohort.py in round 77."""

from __future__ import annotations

from pathlib import Path

from selfreview_core import Engine, Framework, benchmark_files
from selfreview_core.dump import dump_yaml

from .test_cohort import review


def write(path: Path, framework: Framework, school_id: str, levels: dict[str, int]) -> Path:
    path.write_text(dump_yaml(review(framework, school_id, levels)), encoding="utf-8")
    return path


def test_benchmark_files_skips_bad_files(
    tmp_path: Path, becta: Framework, small_framework: Framework, engine: Engine
) -> None:
    write(tmp_path / "a.yaml", becta, "a", {"1a1": 2})
    write(tmp_path / "b.yaml", becta, "b", {"1a1": 4})
    write(tmp_path / "c.yaml", small_framework, "c", {"A1.1": 1})
    (tmp_path / "d.yaml").write_text("kind: assessment\nframework: [\n", encoding="utf-8")
    result = benchmark_files([tmp_path, tmp_path / "a.yaml"], engine.framework_names())
    assert result.cohort is not None
    assert result.cohort.framework == "becta-srf@2010"
    assert result.cohort.school_ids == ("a", "b")
    assert result.files == 4  # a.yaml named twice is read once
    skipped = {s.file.rsplit("/", 1)[-1]: s.diagnostics for s in result.skipped}
    assert set(skipped) == {"c.yaml", "d.yaml"}
    (wrong,) = skipped["c.yaml"]
    assert wrong.code == "wrong-framework"
    assert (wrong.line, wrong.column) == (2, 12)


def test_benchmark_files_with_a_given_framework(tmp_path: Path, becta: Framework) -> None:
    write(tmp_path / "a.yaml", becta, "a", {"1a1": 2})
    result = benchmark_files([tmp_path], becta)
    assert result.cohort is not None
    assert result.cohort.size == 1
    assert result.skipped == []


def test_benchmark_files_refuses_another_version(tmp_path: Path, becta: Framework) -> None:
    write(tmp_path / "a.yaml", becta, "a", {"1a1": 2})
    other = review(becta, "b", {"1a1": 4}).model_copy(update={"framework": "becta-srf@2009"})
    (tmp_path / "b.yaml").write_text(dump_yaml(other), encoding="utf-8")
    result = benchmark_files([tmp_path], becta)
    assert result.cohort is not None
    assert result.cohort.school_ids == ("a",)
    ((diagnostic,),) = [s.diagnostics for s in result.skipped]
    assert diagnostic.message == "assessment is of `becta-srf@2009`, not of becta-srf@2010"


def test_benchmark_files_without_any_usable_file(tmp_path: Path, engine: Engine) -> None:
    (tmp_path / "a.yaml").write_text("kind: assessment\n", encoding="utf-8")
    result = benchmark_files([tmp_path], engine.framework_names())
    assert result.cohort is None
    assert [s.file for s in result.skipped] == [str(tmp_path / "a.yaml")]


def test_benchmark_files_names_the_files_of_duplicates(tmp_path: Path, becta: Framework) -> None:
    write(tmp_path / "a.yaml", becta, "a", {"1a1": 2})
    write(tmp_path / "copy-of-a.yaml", becta, "a", {"1a1": 4})
    write(tmp_path / "b.yaml", becta, "b", {"1a1": 4})
    result = benchmark_files([tmp_path / "copy-of-a.yaml", tmp_path], becta)
    assert result.cohort is not None
    (duplicate,) = result.cohort.duplicates
    assert duplicate.sources == (str(tmp_path / "copy-of-a.yaml"), str(tmp_path / "a.yaml"))
    assert result.cohort.position("a").level("1a1") == 2  # a.yaml, read last
