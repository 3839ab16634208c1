"""`cohort.staging`: behaviours a mutation pass (round 38) found no test pinning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from selfreview_core import Engine
from selfreview_core.cohort.staging import Reader, Staged, stage

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
