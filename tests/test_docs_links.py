"""Every relative link of README.md and docs/*.md leads somewhere: the file exists and, for a
Markdown page, the `#anchor` names one of its headings as GitHub spells a heading's anchor.
Sections move between pages (the round-by-round records went to docs/*-history.md); a
link left pointing at the old place is caught here, not by a reader."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_CODE = re.compile(r"(`+)(.+?)\1")
#: `[text](target)` or `[text](target "title")`; images (`![alt](...)`) are links too.
_LINK = re.compile(r"\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def _outside_code(text: str) -> list[tuple[int, str]]:
    """The page's lines outside fenced code blocks, numbered from 1."""
    lines, fenced = [], False
    for number, line in enumerate(text.splitlines(), start=1):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            lines.append((number, line))
    return lines


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading's text: links keep their text, code its content; then
    lower case, every character but letters, digits, `_`, `-` and spaces dropped, and each
    space a `-` (two spaces stay two hyphens)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    text = _CODE.sub(lambda match: match.group(2), text)
    text = re.sub(r"<[^>]+>", "", text).lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(text: str) -> set[str]:
    """Every anchor of a page's headings; a repeated one gets `-1`, `-2`... as on GitHub."""
    seen: Counter[str] = Counter()
    found = set()
    for _, line in _outside_code(text):
        match = _HEADING.match(line)
        if match:
            base = anchor(match.group(2))
            found.add(f"{base}-{seen[base]}" if seen[base] else base)
            seen[base] += 1
    return found


def broken_links(page: Path) -> list[str]:
    """`page:line: target (why)` for each relative link of `page` that leads nowhere."""
    problems = []
    text = page.read_text(encoding="utf-8")
    for number, line in _outside_code(text):
        for target in _LINK.findall(_CODE.sub("", line)):
            if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto: ...
                continue
            path, _, fragment = target.partition("#")
            file = (page.parent / path).resolve() if path else page
            where = f"{page.relative_to(ROOT)}:{number}: {target}"
            if not file.exists():
                problems.append(f"{where} (no such file)")
            elif (
                fragment
                and file.suffix == ".md"
                and fragment not in anchors(file.read_text(encoding="utf-8"))
            ):
                problems.append(f"{where} (no such heading in {file.name})")
    return problems


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_every_relative_link_leads_to_a_file_and_a_heading(page: Path) -> None:
    assert broken_links(page) == []


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Where things stand", "where-things-stand"),
        ("Cohorts on DuckDB (issue 17)", "cohorts-on-duckdb-issue-17"),
        ("Round 30: (d) and the machine's own ceiling", "round-30-d-and-the-machines-own-ceiling"),
        ("Round 53: about 1 % each", "round-53-about-1--each"),
        ("Issue 15, round by round", "issue-15-round-by-round"),
        ("Testing with `selfreview_core.testing`", "testing-with-selfreview_coretesting"),
        ("Issues 16–19 merged", "issues-1619-merged"),
        ("See [the guide](testing.md)", "see-the-guide"),
    ],
)
def test_an_anchor_is_spelt_as_github_spells_it(heading: str, expected: str) -> None:
    assert anchor(heading) == expected


def test_a_broken_link_is_reported_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check fails on what it is for: a missing file, a missing heading, a missing
    heading on the same page; a link inside code, a repeated heading's `-1` and a link
    out of the repository are not reported."""
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    (tmp_path / "other.md").write_text("# Other\n\n## Part\n\n## Part\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n"
        "[fine](other.md#part) [fine too](other.md#part-1) [here](#page)\n"
        "[gone](missing.md) [no heading](other.md#whole)\n"
        "```\n[in code](missing.md)\n```\n"
        "`[inline](missing.md)` [web](https://example.org/x.md#y) [self](#nowhere)\n",
        encoding="utf-8",
    )
    assert broken_links(page) == [
        "page.md:4: missing.md (no such file)",
        "page.md:4: other.md#whole (no such heading in other.md)",
        "page.md:8: #nowhere (no such heading in page.md)",
    ]
