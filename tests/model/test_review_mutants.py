"""What a `review` entry (model/review.py) promises that no behaviour test pinned, found by
round 45's hand-made pass over the module (the automatic pass has nothing there to change):
only the schema file in docs noticed a reason beyond the three, a blank note, or blank
evidence refused. A bad entry is named at its place, and the other files still check."""

from __future__ import annotations

from pathlib import Path

import pytest

from program import selfreview_here
from selfreview_core import Review, load_assessment

ROOT = Path(__file__).resolve().parents[2]
VERSION_2 = ROOT / "examples" / "migration" / "example-srf-2.yaml"
HEAD = """kind: assessment
framework: example-srf@2
school: {id: EX-2, name: Example Junior School}
assessed_on: 2026-06-19
judgements:
  1a1: 3
review:
"""


def _write(folder: Path, name: str, entry: str) -> Path:
    path = folder / name
    path.write_text(f"{HEAD}  1b1: {entry}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("entry", "column", "message"),
    [
        (
            "{reason: other, note: Judge it.}",
            17,
            "review.1b1.reason: the text `other` is not allowed here: "
            "expected `split`, `merge`, `scale` or `questions`",
        ),
        ("{reason: split, note: '  '}", 30, "review.1b1.note: must not be empty"),
        ("{reason: split}", 8, "review.1b1: missing required key `note`"),
    ],
    ids=["reason", "blank note", "no note"],
)
def test_a_bad_review_entry_is_named_at_its_place_and_the_other_files_still_check(
    tmp_path: Path, entry: str, column: int, message: str
) -> None:
    bad = _write(tmp_path, "bad.yaml", entry)
    good = _write(tmp_path, "good.yaml", "{reason: scale, note: Level 5 is gone.}")
    done = selfreview_here(["validate", "--framework", str(VERSION_2), str(bad), str(good)])
    out, err = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 1, err
    assert f"bad.yaml:8:{column}: error: {message}" in out + err
    assert "good.yaml: ok: assessment of example-srf@2" in out
    assert "Traceback" not in err


@pytest.mark.parametrize("evidence", ["''", "'   '", "null"])
def test_evidence_carried_for_review_may_be_blank_or_absent(tmp_path: Path, evidence: str) -> None:
    """Evidence comes across from the old strands as it was: an old judgement without
    evidence leaves none, and blank text is not an error the school must mend."""
    path = _write(
        tmp_path, "waiting.yaml", f"{{reason: merge, note: Merged., evidence: {evidence}}}"
    )
    assessment = load_assessment(path)
    assert assessment.awaiting_review["1b1"] == Review(
        reason="merge", note="Merged.", evidence=None if evidence == "null" else evidence.strip("'")
    )
    assert Review(reason="split", note="Split.").evidence is None
