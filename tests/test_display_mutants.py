"""What `selfreview show` and `selfreview awards` print that the mutation pass over
`display.py` (round 40) found no test held."""

from __future__ import annotations

from pathlib import Path

from selfreview_core.display import show
from selfreview_core.loader import load_framework

ROOT = Path(__file__).resolve().parents[1]
AWARDS = ROOT / "examples" / "awards"


def header(text: str) -> list[str]:
    """The lines `show` prints before the framework's first element."""
    return text[: text.index("\n\n")].splitlines()


def test_show_says_nothing_of_awards_for_a_framework_that_declares_none() -> None:
    lines = header(show(load_framework(ROOT / "frameworks" / "becta-srf.yaml"), width=100))
    assert lines[-1] == "Scale: 1 (best) .. 5 (worst)"
    assert not any(line.startswith("Awards") for line in lines)


def test_show_lists_each_award_a_framework_declares_with_what_it_requires() -> None:
    framework = load_framework(AWARDS / "illustrative-award-framework.yaml")
    assert header(show(framework, width=100))[-5:] == [
        "Scale: 3 (best) .. 0 (worst)",
        "Awards (1; `selfreview awards REVIEW` checks one):",
        "  Illustrative mark (made up, not a real award) (illustrative-mark): requires aspect 1a"
        " has reached",
        "    level 2 and 1b1 has reached level 2 and element 2 has reached level 1; written"
        " evidence for each",
        "    strand it names",
    ]
