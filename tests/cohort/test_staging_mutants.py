"""`cohort.staging`: behaviours a mutation pass (round 38) found no test pinning."""

from __future__ import annotations

import io
import json
import os
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from program import decoded, python
from selfreview_core import Engine, Framework
from selfreview_core.cohort import staging
from selfreview_core.cohort.staging import Reader, Staged, stage
from selfreview_core.files.json_lines import line_too_large
from selfreview_core.files.limits import DEFAULT_LIMITS
from selfreview_core.files.stdin import claim_stdin, release_stdin

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"


def _staged(files: list[str], reader: Reader, target: Path) -> tuple[list[dict[str, Any]], Staged]:
    with target.open("wb") as out:
        found = stage(files, reader, out)
    lines = target.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines], found


def test_evidence_text_is_staged_only_when_asked_for(tmp_path: Path) -> None:
    """A review's evidence text reaches the staging file (and so a cohort file) only when
    the reader is told to keep it; by default only whether each strand has evidence."""
    data = yaml.safe_load((COHORT / "primary-2-2025.yaml").read_text(encoding="utf-8"))
    data["assessed_on"] = data["assessed_on"].isoformat()
    data["judgements"]["1a1"] = {"level": 1, "evidence": "Minutes of the governors"}
    review = tmp_path / "review.json"
    review.write_text(json.dumps(data), encoding="utf-8")
    names = Engine(entry_points=False).framework_names()
    [plain], _ = _staged([str(review)], Reader(names), tmp_path / "plain.jsonl")
    [kept], _ = _staged([str(review)], Reader(names, evidence=True), tmp_path / "kept.jsonl")
    assert "Minutes of the governors" not in json.dumps(plain)
    assert "t" not in plain
    assert "Minutes of the governors" in json.dumps(kept)
    assert plain["e"] == kept["e"]
    assert True in plain["e"]


def test_a_review_of_another_framework_is_skipped_with_its_reason(
    tmp_path: Path, becta: Framework
) -> None:
    """A cohort is of one framework: with the framework fixed, a review naming another
    (or another version of it) is skipped with a located `wrong-framework` error, never
    read against the cohort's framework; one naming it, with or without its version, is
    staged."""
    data = yaml.safe_load((COHORT / "primary-2-2025.yaml").read_text(encoding="utf-8"))
    data["assessed_on"] = data["assessed_on"].isoformat()
    files = []
    for n, ref in enumerate((becta.ref, becta.id, f"{becta.id}@1999", f"other@{becta.version}")):
        path = tmp_path / f"review-{n}.json"
        path.write_text(json.dumps({**data, "framework": ref}), encoding="utf-8")
        files.append(str(path))
    names = Engine(entry_points=False).framework_names()
    lines, found = _staged(files, Reader(names, becta), tmp_path / "staged.jsonl")
    assert [line["o"] for line in lines] == files[:2]
    assert [skipped.file for skipped in found.skipped] == files[2:]
    for skipped in found.skipped:
        [problem] = [d for d in skipped.diagnostics if d.code == "wrong-framework"]
        assert problem.file == skipped.file
        assert f"not of {becta.ref}" in problem.message
    assert (found.reviews, found.read, found.carried) == (2, 4, 0)


def test_a_document_on_standard_input_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`collect -` and `benchmark -`: the document piped in counts as one input read, as
    a file does ("N of M inputs skipped")."""
    piped = (COHORT / "primary-2-2025.yaml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(piped)))
    names = Engine(entry_points=False).framework_names()
    files = [str(COHORT / "primary-1-2025.yaml"), claim_stdin(), str(tmp_path / "gone.yaml")]
    try:
        lines, found = _staged(files, Reader(names), tmp_path / "staged.jsonl")
    finally:
        release_stdin()
    assert len(lines) == found.reviews == 2
    assert (found.read, found.carried) == (3, 0)  # nothing to carry: no framework is fixed
    assert [skipped.file for skipped in found.skipped] == files[2:]


def test_a_line_over_the_size_limit_is_skipped_as_too_large(tmp_path: Path) -> None:
    """A JSON Lines line longer than one document may be is skipped with the error that
    says so, at its line; the lines around it are staged."""
    data = yaml.safe_load((COHORT / "primary-2-2025.yaml").read_text(encoding="utf-8"))
    data["assessed_on"] = data["assessed_on"].isoformat()
    good = json.dumps(data)
    huge = '{"kind": "assessment", "notes": "' + "x" * DEFAULT_LIMITS.max_bytes + '"}'
    lines_file = tmp_path / "reviews.jsonl"
    lines_file.write_text(f"{good}\n{huge}\n{good}\n", encoding="utf-8")
    names = Engine(entry_points=False).framework_names()
    lines, found = _staged([str(lines_file)], Reader(names), tmp_path / "staged.jsonl")
    assert [line["o"] for line in lines] == [f"{lines_file}:1", f"{lines_file}:3"]
    [skipped] = found.skipped
    assert skipped.file == f"{lines_file}:2"
    assert skipped.diagnostics == (line_too_large(str(lines_file), 2),)
    assert found.read == 3


def test_workers_start_afresh_beside_any_other_thread_or_when_threads_cannot_be_counted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Forking a process that runs a thread besides its own could leave a lock held in a
    worker: one such thread is enough for workers to be started afresh, and so is not being
    able to count threads (no /proc)."""
    code = textwrap.dedent(
        """
        import threading
        from selfreview_core.cohort.staging import _threaded

        alone = _threaded()
        done = threading.Event()
        threading.Thread(target=done.wait).start()
        print(alone, _threaded())
        done.set()
        """
    )
    ran = decoded(python(["-c", code]))
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split() == ["False", "True"]

    def no_proc(path: str) -> list[str]:
        raise FileNotFoundError(path)

    monkeypatch.setattr(os, "listdir", no_proc)
    assert staging._threaded() is True
