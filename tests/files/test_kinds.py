"""`files.kinds`: which of the files named on a command line declare themselves frameworks
(`report FRAMEWORK SCHOOL...`), told by their text alone."""

from __future__ import annotations

import os
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core.files.kinds import (
    _said,
    is_parquet,
    kind_said,
    says_framework,
    split_frameworks,
)
from selfreview_core.files.limits import DEFAULT_LIMITS

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


#: What the sniff matched before round 53, over a whole file at once: the rule it keeps.
_WHOLE = re.compile(
    rb"""(?m)^kind:[ \t]*(["']?)(framework|rules)\1[ \t]*(?:\#.*)?\r?$"""
    rb"""|"kind"\s*:\s*"(framework|rules)\""""
)


def _whole(data: bytes) -> str | None:
    found = _WHOLE.search(data)
    return None if found is None else (found.group(2) or found.group(3)).decode("ascii")


_PIECES = st.sampled_from(
    [
        b"kind",
        b"kind:",
        b" ",
        b"\t",
        b"\n",
        b"\r\n",
        b"\r",
        b'"',
        b"'",
        b":",
        b"#",
        b"x",
        b"framework",
        b"rules",
        b"assessment",
        b"{",
        b"}",
    ]
)


@settings(max_examples=scaled(300))
@given(st.lists(_PIECES, max_size=14))
def test_a_kind_is_told_where_kind_is_found_as_over_the_whole_text(pieces: list[bytes]) -> None:
    """Matched only where `kind` stands (ten times quicker on a school's file), the kind said
    is the one the whole-text search found, whatever the text around it."""
    data = b"".join(pieces)
    assert _said(data) == _whole(data)


def test_a_rule_pack_is_told_and_what_is_no_regular_file_is_not_read(tmp_path: Path) -> None:
    """`kind_said` tells a rule pack as a framework; a folder, a named pipe (never waited
    on), a link to nothing, a missing file or one past the size limit say nothing; a file
    of exactly the limit is read."""
    (tmp_path / "pack.yaml").write_text("kind: rules\nid: p\n", encoding="utf-8")
    (tmp_path / "fw.json").write_text('{"kind": "framework"}', encoding="utf-8")
    (tmp_path / "folder.yaml").mkdir()
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "link.yaml").symlink_to("nowhere.yaml")
    big = tmp_path / "big.yaml"
    with open(big, "wb") as out:
        out.write(b"kind: framework\n")
        out.truncate(DEFAULT_LIMITS.max_bytes + 1)
    with open(tmp_path / "at-limit.yaml", "wb") as out:
        out.write(b"kind: framework\n")
        out.truncate(DEFAULT_LIMITS.max_bytes)
    said = {p.name: kind_said(str(p)) for p in tmp_path.iterdir()}
    said["missing.yaml"] = kind_said(str(tmp_path / "missing.yaml"))
    assert said == {
        "pack.yaml": "rules",
        "fw.json": "framework",
        "folder.yaml": None,
        "pipe.yaml": None,
        "link.yaml": None,
        "big.yaml": None,
        "at-limit.yaml": "framework",
        "missing.yaml": None,
    }
    assert not says_framework(str(tmp_path / "pack.yaml"))
