"""Right-to-left names in what `show` and `awards` print, isolated (U+2068 ... U+2069,
`text_tables.isolated`) where they sit beside other text: a scale's level label in `show`'s
table of descriptors, and the framework's title on `awards`' heading. Pinned by round 76's
sweep over round 75's lines of `display.py` (calls the mutation script does not change,
taken out by hand: nothing failed). Not isolated, a terminal that orders text by the
bidirectional algorithm drew ` (best)` on the label's left, and the heading's id and date
on the wrong side of the title."""

from __future__ import annotations

from pathlib import Path

from selfreview_core import load_assessment
from selfreview_core.display import awards_lines, strand_table
from selfreview_core.loader import load_framework
from selfreview_core.model.framework import Framework, Strand

ROOT = Path(__file__).resolve().parents[1]
AWARDS = ROOT / "examples" / "awards"
FSI, PDI = "\u2068", "\u2069"
HEBREW = "\u05de\u05e9\u05d5\u05dc\u05d1"  # "embedded"


def _framework(tmp_path: Path, old: str, new: str) -> Framework:
    text = (AWARDS / "illustrative-award-framework.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "framework.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_framework(path)


def _best_row(framework: Framework) -> str:
    strand = framework.get("1a1")
    assert isinstance(strand, Strand)
    table = strand_table(framework, strand, 100).splitlines()
    return next(line for line in table if "(best)" in line)


def test_show_isolates_a_right_to_left_level_label(tmp_path: Path) -> None:
    hebrew = _best_row(_framework(tmp_path, "3: Embedded}", f"3: {HEBREW}}}"))
    assert hebrew.split("\u2502")[1].strip() == f"{FSI}3 {HEBREW} (best){PDI}"
    latin = _best_row(load_framework(AWARDS / "illustrative-award-framework.yaml"))
    assert latin.split("\u2502")[1].strip() == "3 Embedded (best)"
    assert FSI not in latin


def test_awards_isolate_a_right_to_left_framework_title_on_the_heading(tmp_path: Path) -> None:
    title = "Example framework with an illustrative award (made up)"
    framework = _framework(tmp_path, title, HEBREW)
    review = load_assessment(AWARDS / "example-school.yaml")
    heading = awards_lines(framework, review, [])[0]
    assert f", {FSI}{HEBREW}{PDI} (example-awards@1), reviewed " in heading
    assert heading.count(FSI) == heading.count(PDI) == 1
