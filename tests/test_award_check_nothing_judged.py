"""An award every strand of which is not applicable is met (nothing is missing, SPEC 10 is
silent), and every view says that nothing was judged. Before round 48 `awards` printed
"1 of 1 award(s) met" and "met" beside a list of strands not applicable, the governors'
page only "met": read as an award earned by a school that judged none of it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from program import selfreview_here

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORK = ROOT / "examples" / "awards" / "illustrative-award-framework.yaml"
STRANDS = ("1a1", "1a2", "1b1", "1b2", "2a1", "2a2")
#: The strands the award names or covers (1b2 it does not).
NAMED = ("1a1", "1a2", "1b1", "2a1", "2a2")
#: What every view adds (`award_check.NOTHING_JUDGED`), written out: the words are the test.
NOTHING_JUDGED = (
    "nothing was judged: every strand it names is not applicable, so nothing is missing"
)
SAID = f"Met, but {NOTHING_JUDGED}."


def _review(tmp_path: Path, judged: dict[str, Any]) -> Path:
    """A review of the illustrative framework: `judged` as given, every other strand not
    applicable with its reason."""
    judgements = {s: {"applicable": False, "evidence": f"No {s} here."} for s in STRANDS}
    judgements.update(judged)
    path = tmp_path / "school.json"
    path.write_text(
        json.dumps(
            {
                "kind": "assessment",
                "framework": "example-awards",
                "school": {"id": "X", "name": "X School"},
                "assessed_on": "2026-10-01",
                "judgements": judgements,
            }
        ),
        encoding="utf-8",
    )
    return path


def _run(tmp_path: Path, *args: str) -> str:
    result = selfreview_here([*args, "--framework", str(FRAMEWORK)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    return result.stdout.decode()


def test_awards_says_that_nothing_was_judged(tmp_path: Path) -> None:
    _review(tmp_path, {})
    lines = _run(tmp_path, "awards", "school.json").splitlines()
    at = lines.index("Illustrative mark (made up, not a real award) (illustrative-mark): met")
    assert "1 of 1 award(s) met." in lines
    said = " ".join(line.strip() for line in lines[at + 3 :])  # wrapped at the width
    assert said == " ".join(
        [
            *(
                f"Not applicable: {s} is not applicable: No {s} here."
                for s in STRANDS
                if s != "1b2"
            ),
            SAID,
        ]
    )


def test_awards_json_says_judged_false_and_matches_the_schema(tmp_path: Path) -> None:
    _review(tmp_path, {})
    (award,) = json.loads(_run(tmp_path, "awards", "school.json", "--format", "json"))["awards"]
    assert (award["met"], award["judged"], award["missing"]) == (True, False, [])
    assert tuple(n["id"] for n in award["not_applicable"]) == NAMED
    report = json.loads(_run(tmp_path, "report", "school.json", "--format", "json"))
    assert report["awards"] == [award]
    schema = json.loads((ROOT / "docs" / "schema" / "report.json").read_text("utf-8"))
    jsonschema.validate(report, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize(
    ("output", "said"),
    [
        ("table", f"Not applicable: 2a2 is not applicable: No 2a2 here. {SAID}"),
        ("markdown", f"- {SAID}"),
        ("html", f"<p>{SAID}</p>"),
        ("summary", f'<p class="plain">{SAID}</p>'),
    ],
)
def test_every_report_says_that_nothing_was_judged(tmp_path: Path, output: str, said: str) -> None:
    _review(tmp_path, {})
    text = _run(tmp_path, "report", "school.json", "--format", output)
    if output == "table":  # wrapped at the width, indented
        text = " ".join(line.strip() for line in text.splitlines())
    assert text.count(said) == 1


@pytest.mark.parametrize("output", ["table", "markdown", "html", "summary"])
def test_one_strand_judged_is_no_award_met_by_default(tmp_path: Path, output: str) -> None:
    """One strand it names judged (and the award met on it): nothing more is said."""
    _review(tmp_path, {"1a1": {"level": 3, "evidence": "Minutes."}})
    text = _run(tmp_path, "report", "school.json", "--format", output)
    assert NOTHING_JUDGED.split(":")[0] not in text
    assert "met" in text
    data = json.loads(_run(tmp_path, "awards", "school.json", "--format", "json"))
    assert "judged" not in data["awards"][0]  # as it always was
    assert data["awards"][0]["met"] is True
