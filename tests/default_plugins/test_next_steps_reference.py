"""`next-steps`' reference names a framework's publisher only when it says something
(`model.unseen.says_something`), as every view of the framework does since round 73.

Until round 74 a publisher of a zero-width space gave each step the reference
"Self-review framework (, 2010)" with the character raw before the comma: a comma after
nothing to see, in the report's table, Markdown, HTML and JSON, and in a plan made from it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core import Assessment, Framework, score
from selfreview_core.cli import cli
from selfreview_core.default_plugins import next_steps

ROOT = Path(__file__).resolve().parents[2]
#: A publisher that says nothing: blank, a zero-width space, a byte order mark and a word
#: joiner, a mark on nothing.
UNSEEN = [" ", "\u200b", "\ufeff\u2060", "\u0301"]


@pytest.mark.parametrize("publisher", UNSEEN, ids=repr)
@pytest.mark.parametrize(
    ("year", "reference"),
    [(2010, "A small test framework (2010)"), (None, "A small test framework")],
)
def test_a_publisher_saying_nothing_is_left_out_of_the_reference(
    small_framework: Framework,
    assessment: Assessment,
    publisher: str,
    year: int | None,
    reference: str,
) -> None:
    framework = small_framework.model_copy(update={"publisher": publisher, "year": year})
    steps = next_steps.selfreview_recommend(framework, score(framework, assessment))
    assert [step.targets for step in steps] == [("A1.1",), ("A1.2",), ("A2.1",)]
    assert {step.reference for step in steps} == {reference}


def test_a_reports_steps_name_no_publisher_that_prints_as_nothing(tmp_path: Path) -> None:
    """Through `report`: every step's reference is the one the framework without a
    publisher gives, the report's other recommendations as they were, exit 0."""
    bundled = (ROOT / "frameworks" / "becta-srf.yaml").read_text(encoding="utf-8")
    assert "\npublisher: Becta\n" in bundled
    unseen = tmp_path / "unseen.yaml"
    unseen.write_text(bundled.replace("\npublisher: Becta\n", '\npublisher: "\\u200b"\n'))
    none = tmp_path / "none.yaml"
    none.write_text(bundled.replace("\npublisher: Becta\n", "\n"))
    review = str(ROOT / "examples" / "example-primary-2025.yaml")

    def recommendations(framework: Path) -> list[dict[str, object]]:
        args = ["report", review, "--framework", str(framework), "--format", "json"]
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        found: list[dict[str, object]] = json.loads(result.stdout)["recommendations"]
        return found

    given, plain = recommendations(unseen), recommendations(none)
    assert given == plain
    steps = [r for r in given if r["source"] == "next-steps"]
    assert steps
    assert {r["reference"] for r in steps} == {"Self-review framework (2010)"}
