"""What `selfreview show` and `selfreview awards` print that the mutation pass over
`display.py` (round 40) found no test held."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selfreview_core import awards, display, load_assessment
from selfreview_core.display import awards_json, node_json, show, strand_table
from selfreview_core.loader import load_framework
from selfreview_core.model.framework import Framework, Strand
from selfreview_core.text_tables import LONG_WORD, long_words_broken

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


def test_a_strands_table_fills_the_width_and_keeps_30_characters_for_descriptors() -> None:
    """Every line of `show`'s table of descriptors is as wide as the terminal, never wider,
    until the descriptors would get fewer than 30 characters: then they keep 30, and the
    table is wider than a terminal that narrow."""
    framework = load_framework(ROOT / "frameworks" / "becta-srf.yaml")
    strand = framework.get("1a1")
    assert isinstance(strand, Strand)
    for width in (60, 100):
        assert {len(line) for line in strand_table(framework, strand, width).splitlines()} == {
            width
        }
    narrow = strand_table(framework, strand, 40).splitlines()
    assert narrow[0] == "┌───────────┬" + "─" * 32 + "┐"  # `5 (worst)`, and 30 characters
    assert {len(line) for line in narrow} == {46}


def test_descriptors_that_look_like_numbers_are_shown_as_written() -> None:
    """A table of descriptors is text: `007`, `1e3`, `1.50` and `-0` are not read as numbers
    (and shown as `7`, `1000`, `1.5` and `0`)."""
    data = load_framework(ROOT / "frameworks" / "becta-srf.yaml").model_dump(mode="json")
    strand = data["elements"][0]["aspects"][0]["strands"][0]
    strand["levels"] = {"1": "007", "2": "1e3", "3": "1.50", "4": "12", "5": "-0"}
    framework = Framework.model_validate(data)
    table = strand_table(framework, framework.strands[0], 80)
    cells = [line.split("│")[2].strip() for line in table.splitlines() if line.startswith("│ ")]
    assert cells == ["descriptor", "-0", "12", "1.50", "1e3", "007"]


def test_awards_and_show_as_json_are_laid_out_two_spaces_deep_with_text_as_written() -> None:
    framework = load_framework(AWARDS / "illustrative-award-framework.yaml")
    school = load_assessment(AWARDS / "example-school.yaml", {framework.ref: framework})
    school = school.model_copy(update={"school": school.school.model_copy(update={"name": "Zoë"})})
    text = awards_json(framework, school, awards(framework, school))
    assert text.startswith(
        '{\n  "framework": "example-awards@1",\n  "school": {\n    "id": "EX-1",'
    )
    assert '"name": "Zoë"' in text
    shown = node_json(framework.get("1a1"))
    assert shown.startswith('{\n  "id": "1a1",\n  "title": "A shared vision for ICT",\n  "levels"')
    strand = framework.get("1a1").model_copy(update={"title": "Zoë's vision"})
    assert '\n  "title": "Zoë\'s vision",\n' in node_json(strand)


def test_award_school_and_framework_ids_show_their_invisible_characters() -> None:
    """An award's, a school's and a framework's ids are names (`escaping.shown_name`), in
    `show`'s header and awards, and in what `awards` prints: `mark` and `mark` with a
    zero-width space after it read alike before round 46. A title keeps its joiner."""
    from selfreview_core.display import awards_lines

    z = "\u200b"
    text = (AWARDS / "illustrative-award-framework.yaml").read_text(encoding="utf-8")
    text = text.replace("id: illustrative-mark", f"id: illustrative-mark{z}")
    text = text.replace("id: example-awards", f"id: example-awards{z}")
    text = text.replace("title: Illustrative mark", f"title: Illustrative{z} mark")
    framework = load_framework("awards.yaml", text=text)
    said = header(show(framework, width=100))
    assert said[0].endswith("(example-awards\\u200b@1)")
    assert said[-3].startswith(
        f"  Illustrative{z} mark (made up, not a real award) (illustrative-mark\\u200b)"
    )
    review = (AWARDS / "example-school.yaml").read_text(encoding="utf-8")
    review = review.replace("example-awards@1", f"example-awards{z}@1")
    assessment = load_assessment("school.yaml", {framework.ref: framework}, text=review)
    school = assessment.school.model_copy(update={"id": f"{assessment.school.id}{z}"})
    assessment = assessment.model_copy(update={"school": school})
    lines = awards_lines(framework, assessment, awards(framework, assessment))
    assert f"({school.id[:-1]}\\u200b), " in lines[0]
    assert "(example-awards\\u200b@1), reviewed" in lines[0]
    assert "(illustrative-mark\\u200b): " in lines[3]
    assert z not in "".join(lines).replace(f"Illustrative{z}", "")
    assert awards_lines(framework.model_copy(update={"awards": ()}), assessment, [])[-1] == (
        "example-awards\\u200b@1 declares no awards."
    )


def test_a_descriptor_of_one_huge_word_is_cut_before_the_table_wraps_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """tabulate cuts a word too long for its column a character at a time, measuring the rest
    each time: `show` of a framework with a 1 MB word for a descriptor ran for minutes (round
    50's differential run). The word reaches the table already cut into lines of the column,
    every character kept in order; a descriptor of ordinary words reaches it as written."""
    data = load_framework(ROOT / "frameworks" / "becta-srf.yaml").model_dump(mode="json")
    strand = data["elements"][0]["aspects"][0]["strands"][0]
    word = "".join(chr(0x61 + i % 26) for i in range(LONG_WORD + 45))
    strand["levels"]["2"] = f"See {word} then"
    framework = Framework.model_validate(data)
    given: list[list[tuple[str, str]]] = []

    def tabulate(rows: list[tuple[str, str]], **_: object) -> str:
        given.append(rows)
        return ""

    monkeypatch.setattr(display, "tabulate", tabulate)
    strand_table(framework, framework.strands[0], 80)
    [rows] = given
    descriptors = {name.split()[0]: text for name, text in rows}
    cut = descriptors["2"].split()
    assert (cut[0], cut[-1]) == ("See", "then")
    assert "".join(cut[1:-1]) == word
    column = 80 - len("5 (worst)") - 7
    assert {len(piece) for piece in cut[1:-2]} == {column}
    assert descriptors["3"] == strand["levels"]["3"]
    assert long_words_broken(word[:LONG_WORD], 10) == word[:LONG_WORD]  # as long as may be


def _described(tmp_path: Path) -> Framework:
    """The tiny framework (best 3, worst 0) with every line of `show`'s header, a label on a
    middle level, and a line break in a label and in the notes."""
    text = (ROOT / "tests" / "data" / "good" / "tiny-framework.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "title: Tiny framework\n",
        "title: Tiny framework\npublisher: A publisher\nyear: 2009\n"
        'source: Where it came from\nnotes: "Two\\nlines"\nlicence: Open\n',
    ).replace("labels: {0: Not started,", 'labels: {0: Not started, 1: "Some\\nmore",')
    (tmp_path / "described.yaml").write_text(text, encoding="utf-8")
    return load_framework(tmp_path / "described.yaml")


def test_show_gives_the_frameworks_byline_source_notes_and_licence_each_on_one_line(
    tmp_path: Path,
) -> None:
    """The header says who published the framework and when, where it came from, its notes
    and its licence; a line break in a file's text is shown as `\\n`, so it cannot start a
    line of its own (a forged heading)."""
    assert header(show(_described(tmp_path), width=100)) == [
        "Tiny framework (tiny@1)",
        "Publisher: A publisher 2009",
        "Source: Where it came from",
        "Notes: Two\\nlines",
        "Licence: Open",
        "Scale: 3 (best) .. 0 (worst)",
    ]


def test_a_strands_table_names_each_level_with_its_label_and_marks_the_best_and_worst(
    tmp_path: Path,
) -> None:
    """Each row of a strand's table is its level, its label where the scale gives one (on one
    line), and `(best)` or `(worst)` at the scale's two ends, whichever way the scale runs."""
    framework = _described(tmp_path)
    rows = strand_table(framework, framework.strand("E1.1"), 60).splitlines()
    names = [row.split("│")[1].strip() for row in rows if row.startswith("│")][1:]
    assert names == ["0 Not started (worst)", "1 Some\\nmore", "2", "3 Embedded (best)"]


def test_a_strand_as_json_leaves_out_what_it_does_not_have(tmp_path: Path) -> None:
    """`show STRAND --format json` gives the strand's own fields: none it leaves empty is
    written as `null`."""
    framework = _described(tmp_path)
    assert json.loads(node_json(framework.strand("E1.1"))) == {
        "id": "E1.1",
        "title": "First strand",
        "levels": {"0": "None yet.", "1": "Some.", "2": "Most.", "3": "All."},
    }
