"""The Markdown exporter's behaviour that its mutation pass (round 40) found no test held.

Every test here is about what a reader of the `.md` file or its rendering meets: text from
files and plugins shows as the words it is, never as markup, a heading, a list or a link
(SPEC section 7).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from exporters.test_exporters import example_report, export
from program import selfreview_here
from selfreview_core.exporters.markdown import escape, link

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
NEW = EXAMPLES / "example-primary-2026.yaml"

#: A link a rule pack may give (white space is allowed inside one) whose line breaks, left
#: raw in the link's target, would end its list item and begin a heading and a rule.
FORGING_LINK = "https://example.org/a\n#\tForged heading\n***\nz"


def report_lines(folder: Path, recommend: dict[str, Any], packs: int = 1) -> list[str]:
    """`selfreview report --format markdown` of the example review with `packs` rule packs
    (`pack-a`, `pack-b` ...) of one rule that fires (`recommend` its recommendation), line by
    line."""
    args = []
    for name in ("pack-a", "pack-b", "pack-c")[:packs]:
        rule = {"id": "rule", "when": {"strand": "1a1", "below": 1}, "recommend": recommend}
        pack = {"kind": "rules", "id": name, "framework": "becta-srf", "rules": [rule]}
        (folder / f"{name}.json").write_text(json.dumps(pack), encoding="ascii")
        args += ["--rules", str(folder / f"{name}.json")]
    done = selfreview_here(["report", str(NEW), *args, "--format", "markdown"])
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode("utf-8").splitlines()


def test_a_links_line_breaks_and_tabs_are_percent_encoded_in_its_target() -> None:
    assert link("https://example.org/a\nb\tc") == (
        "[https://example.org/a b c](https://example.org/a%0Ab%09c)"
    )


def test_a_rule_packs_link_cannot_break_its_line_to_forge_a_heading(tmp_path: Path) -> None:
    """Through the command a user runs: a rule pack whose link holds line breaks and a tab
    is valid, and the report's link stays on its one line, all of it kept, none of it
    starting a heading or a rule of its own."""
    recommend = {"title": "Read this", "action": "Do it", "links": [FORGING_LINK]}
    lines = report_lines(tmp_path, recommend)
    [item] = [line for line in lines if "example.org/a" in line]
    assert item == (
        "- [https://example.org/a # Forged heading \\*\\*\\* z]"
        "(https://example.org/a%0A#%09Forged%20heading%0A***%0Az)"
    )
    assert not any(line.startswith(("#\t", "***", "z)")) for line in lines)


def test_hashes_that_end_a_title_are_kept_in_its_heading(tmp_path: Path) -> None:
    """A heading's closing `#`s (after a space, at its end) are dropped by a renderer: a
    title `Teach C #` would read `Teach C`. They are escaped; elsewhere they stay plain."""
    assert escape("Teach C #") == "Teach C \\#"
    assert escape("Teach C ##") == "Teach C \\##"
    assert escape("C# and F#") == "C# and F#"
    assert escape("a # b") == "a # b"
    lines = report_lines(tmp_path, {"title": "Teach C #", "action": "Do it"})
    [heading] = [line for line in lines if "Teach C" in line]
    assert heading.startswith("#### ")
    assert heading.endswith(". Teach C \\#")


def test_a_recommendation_reads_as_its_card_who_strands_what_why_and_every_source(
    tmp_path: Path,
) -> None:
    """Advice two rule packs give: for whom and about which strands on one line, the
    action, why (the rule's condition and the school's level), and both packs credited."""
    recommend = {"title": "Same advice", "action": "Do it", "links": ["https://example.org/r"]}
    lines = report_lines(tmp_path, recommend, packs=2)
    start = next(n for n, line in enumerate(lines) if line.endswith(". Same advice"))
    assert lines[start].startswith("#### ")
    assert lines[start + 1 : start + 12] == [
        "",
        "**For:** senior leadership · **Strands:** 1a1",
        "",
        "Do it",
        "",
        "*Why:* 1a1 is not yet at level 1 (it is at 3)",
        "",
        "*Source:* pack-a, pack-b",
        "",
        "- [https://example.org/r](https://example.org/r)",
        "",
    ]
    assert lines[start + 12].startswith("#### ")


UNCHANGED = ROOT / "tests" / "data" / "unchanged"


def test_the_markdown_reports_of_the_examples_are_unchanged_byte_for_byte() -> None:
    """The whole report, held as the HTML and CSV ones are: header facts, the profile with
    the previous review's level and the change in the scale's words, the awards and what is
    missing for each, the recommendations by priority and numbered across them."""
    awards = EXAMPLES / "awards"
    cases = {
        "example-primary-2026.md": [NEW, "--previous", EXAMPLES / "example-primary-2025.yaml"],
        "example-school-awards.md": [
            awards / "example-school.yaml",
            "--framework",
            awards / "illustrative-award-framework.yaml",
        ],
    }
    for name, args in cases.items():
        done = selfreview_here(["report", *map(str, args), "--format", "markdown"])
        assert done.returncode == 0, done.stderr.decode()
        assert done.stdout.decode("utf-8") == (UNCHANGED / name).read_text(encoding="utf-8"), name


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " https://example.org/",
        "data:text/html,<script>alert(1)</script>",
        "&#106;avascript:alert(1)",
        "https://",
    ],
)
def test_link_gives_escaped_text_not_a_link_for_anything_but_http_or_mailto(url: str) -> None:
    """`link` is public: an embedder's unsafe URL comes back as the text it is."""
    text = link(url)
    assert text == escape(url)
    assert "](" not in text


def test_a_report_with_a_previous_review_but_no_comparison_names_its_date() -> None:
    """A report built or read back with the previous review and no comparison."""
    report = example_report().model_copy(update={"comparison": None})
    assert report.previous is not None
    text = export(report, "markdown")
    assert "\n**Previous review:** 2025-10-06\n\n## Profile\n" in text


def test_a_report_with_no_recommendations_says_none() -> None:
    report = example_report().model_copy(update={"recommendations": ()})
    assert export(report, "markdown").endswith("\n## Recommendations\n\nNone.\n")


def test_a_strand_not_applicable_is_counted_apart_and_listed_under_its_award(
    tmp_path: Path,
) -> None:
    """SPEC section 10: a strand not applicable leaves the count of strands to judge, and an
    award that names it lists it as not applicable, with the evidence, instead of missing,
    as the table and the HTML page say (the Markdown said `4 of 6 strands judged` and left
    it out of the award altogether)."""
    awards = EXAMPLES / "awards"
    data = yaml.safe_load((awards / "example-school.yaml").read_text(encoding="utf-8"))
    data["judgements"]["1b1"] = {"applicable": False, "evidence": "No pupils online yet."}
    review = tmp_path / "review.yaml"
    review.write_text(yaml.safe_dump(data), encoding="utf-8")
    framework = awards / "illustrative-award-framework.yaml"
    args = ["report", str(review), "--framework", str(framework), "--format", "markdown"]
    done = selfreview_here(args)
    assert done.returncode == 0, done.stderr.decode()
    text = done.stdout.decode("utf-8")
    overall = "**Overall level:** 2 Established (median); 4 of 5 strands judged, 1 not applicable"
    assert f"\n{overall}\n" in text
    award = text[text.index("*Requires:*") : text.index("## Recommendations")]
    assert award.splitlines()[2:] == [
        "- aspect 1a is at level 1 (median of its judged strands); needs level 2 or better; "
        "below it: 1a2 (level 1)",
        "- 1a2 has no written evidence",
        "- 2a2 has no written evidence (not judged)",
        "- Not applicable: 1b1 is not applicable: No pupils online yet.",
        "",
    ]


def test_a_name_is_escaped_as_text_is_and_shows_its_invisible_characters() -> None:
    """`escape_name` (ids, plugins', groups' names): Markdown's own characters escaped as
    `escape` does, once, and a zero-width space shown (`1a1\\u200b`, as the terminal's
    table shows it), which text keeps for the scripts that need it."""
    from selfreview_core.exporters.markdown import escape_name

    assert escape_name("1a1\u200b") == "1a1\\u200b"
    assert escape_name("# a_b\u2060\x1b") == "\\# a\\_b\\u2060\\x1b"
    assert escape_name("1. x #") == "1\\. x \\#"
    assert escape("1a1\u200b") == "1a1\u200b"


def test_a_strand_unjudged_now_shows_no_change_whether_or_not_it_was_judged_before(
    tmp_path: Path,
) -> None:
    """Round 70's pass: with `--previous`, a strand the new review leaves unjudged has an
    empty change cell, whether the old review judged it (1b1, at level 4) or left it
    unjudged too (1b4); the report is still written. Before, no test held either row, and a
    change worked out from a missing level would have failed or said one."""
    new = NEW.read_text(encoding="utf-8")
    for cut in ("  1b1:\n    level: 4\n", "  1b4: 5\n"):
        assert cut in new
        new = new.replace(cut, "", 1)
    new = new.replace(
        "\n    evidence: ICT is still led by the Year 4 teacher, who is not on the senior "
        "leadership team.\n",
        "\n",
        1,
    )
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    old = EXAMPLES / "example-primary-2025.yaml"
    assert "  1b4" not in old.read_text(encoding="utf-8")
    done = selfreview_here(
        ["report", str(tmp_path / "new.yaml"), "--previous", str(old), "--format", "markdown"]
    )
    assert done.returncode == 0, done.stderr.decode()
    rows = {
        row.split(" | ")[0].strip("| "): row.split(" | ")
        for row in done.stdout.decode("utf-8").splitlines()
        if row.startswith("| 1b")
    }
    assert rows["1b1"][-2:] == ["4", " |"]  # judged before, unjudged now: no change
    assert rows["1b4"][-2:] == ["–", " |"]  # unjudged in both
    assert rows["1b2"][-2:] == ["4", "up one level, 4 → 3 |"]  # judged in both
