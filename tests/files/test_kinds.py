"""`files.kinds`: which of the files named on a command line declare themselves frameworks
(`report FRAMEWORK SCHOOL...`), told by their text alone."""

from __future__ import annotations

from pathlib import Path

from selfreview_core.files.kinds import is_parquet, says_framework, split_frameworks

ROOT = Path(__file__).resolve().parents[2]


def test_frameworks_are_told_from_the_rest_in_the_order_given(tmp_path: Path) -> None:
    """A YAML `kind: framework` (bare or quoted, with a comment) or a JSON `"kind":
    "framework"` says framework; an assessment, a folder, a JSON Lines file, a file that
    cannot be read, or one that only mentions frameworks, does not."""
    said = {
        "plain.yaml": "id: x\nkind: framework\n",
        "quoted.yaml": "kind: 'framework'  # the SRF\r\nid: x\n",
        "doc.json": '{"id": "x", "kind" : "framework"}',
    }
    not_said = {
        "school.yaml": "kind: assessment\nframework: becta-srf\n",
        "prose.yaml": "note: kind: framework\n",
        "lines.jsonl": '{"kind": "framework"}\n',
    }
    for name, text in {**said, **not_said}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    paths = [str(tmp_path / n) for n in [*not_said, *said]]
    paths += [str(tmp_path), str(tmp_path / "missing.yaml")]
    assert split_frameworks(paths) == (
        [str(tmp_path / n) for n in said],
        [str(tmp_path / n) for n in not_said] + [str(tmp_path), str(tmp_path / "missing.yaml")],
    )
    assert says_framework(str(ROOT / "frameworks" / "becta-srf.yaml"))
    assert not says_framework(str(ROOT / "examples" / "example-primary-2026.yaml"))


def test_a_cohort_file_is_told_by_its_suffix_in_any_case() -> None:
    """`collect` and `report --cohort` take a `.parquet` file as a cohort, however the
    suffix is written, and nothing else as one."""
    assert is_parquet("cohort.parquet")
    assert is_parquet("dir/COHORT.Parquet")
    assert not is_parquet("cohort.parquet.yaml")
    assert not is_parquet("parquet")
