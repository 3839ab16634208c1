"""The Markdown exporter's behaviour that its mutation pass (round 40) found no test held.

Every test here is about what a reader of the `.md` file or its rendering meets: text from
files and plugins shows as the words it is, never as markup, a heading, a list or a link
(SPEC section 7).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from program import selfreview
from selfreview_core.exporters.markdown import escape, link

ROOT = Path(__file__).resolve().parents[2]
NEW = ROOT / "examples" / "example-primary-2026.yaml"

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
    done = selfreview(["report", str(NEW), *args, "--format", "markdown"])
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
    lines = report_lines(tmp_path, {"title": "Same advice", "action": "Do it"}, packs=2)
    start = next(n for n, line in enumerate(lines) if line.endswith(". Same advice"))
    assert lines[start].startswith("#### ")
    assert lines[start + 1 : start + 10] == [
        "",
        "**For:** senior leadership · **Strands:** 1a1",
        "",
        "Do it",
        "",
        "*Why:* 1a1 is not yet at level 1 (it is at 3)",
        "",
        "*Source:* pack-a, pack-b",
        "",
    ]
