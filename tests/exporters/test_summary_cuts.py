"""Every text a file or a plugin gives is cut on the governors' page (SPEC section 9: "at most
two A4 pages"). Before round 42 only actions, audiences, evidence and what an award misses
were cut: a school name, an aspect title, a level's label, an award's title or a group's
name of a thousand characters was printed whole, and a framework and assessment of such
texts made a page of 13 to 36 A4 pages (measured with WeasyPrint); cut, two to four. From
round 46 the lists give way too when the page would still run longer, so it is two at most
(tests/exporters/test_summary_budget.py, with Chromium's page count).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser

import pytest

from selfreview_core import (
    Aspect,
    Assessment,
    Element,
    Engine,
    Framework,
    Judgement,
    Recommendation,
    Report,
    School,
    Strand,
)
from selfreview_core.exporters.summary import render
from selfreview_core.exporters.summary_levels import LABEL_CHARACTERS, cut_shown, level_chip
from selfreview_core.exporters.summary_sections import ACTION_CHARACTERS
from selfreview_core.model.assessment import Respondent
from selfreview_core.model.conditions import AllOf, Test
from selfreview_core.model.framework import Award
from selfreview_core.model.scale import Scale
from selfreview_core.voices.groups import voices

LONG = "word " * 300  # 1,500 characters, with places to cut
UNBROKEN = "x" * 1500  # none


class TextNodes(HTMLParser):
    """The text of the page as a reader sees it, node by node, leaving out the style sheet
    and the chart (a picture of a fixed size, whatever its labels say)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("style", "svg")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "svg")

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.nodes.append(data)


def longest_report(text: str) -> Report:
    """A framework, a review, an earlier review, recommendations and respondents in which
    every text a reader sees is `text` (a group's name has no spaces: it is an id)."""
    scale = Scale(best=5, worst=1, labels=dict.fromkeys(range(1, 6), f"Label {text}"))
    strands = [
        Strand(id=f"s{n}", title=f"Strand {text}", levels=dict.fromkeys(range(1, 6), "d"))
        for n in range(12)
    ]
    aspects = tuple(
        Aspect(id=f"a{n}", title=f"Aspect {text}", strands=tuple(strands[3 * n : 3 * n + 3]))
        for n in range(4)
    )
    require = AllOf(all=tuple(Test.model_validate({"aspect": a.id, "reached": 1}) for a in aspects))
    framework = Framework(
        id="long",
        version="1",
        title=f"Framework {text}",
        scale=scale,
        elements=(Element(id="e", title=f"Element {text}", aspects=aspects),),
        awards=(Award(id="mark", title=f"Award {text}", require=require),),
    )
    school = School(id="L1", name=f"School {text}", authority=f"Authority {text}")

    def review(day: int, level: int, evidence: str | None) -> Assessment:
        judgements = {s.id: Judgement(level=level, evidence=evidence) for s in strands}
        return Assessment(
            framework="long@1", school=school, assessed_on=dt.date(2026, 1, day),
            judgements=judgements,
        )  # fmt: skip

    new = review(2, 3, f"Evidence {text}")
    made = Engine(entry_points=False, frameworks=[framework]).report(new, review(1, 5, None))
    recs = tuple(
        Recommendation(id=f"r{n}", title=f"Title {text}", action=f"Action {text}",
                       audience=f"Audience {text}", priority="high")
        for n in range(6)
    )  # fmt: skip
    group = "g" + "".join(text.split())[:200]
    responses = [
        Assessment(
            framework="long@1",
            school=school,
            respondent=Respondent(group=f"{group}{g}"),
            assessed_on=dt.date(2026, 1, 1),
            judgements={s.id: Judgement(level=1 if g else 5) for s in strands},
        )
        for g in range(2)
        for _ in range(5)
    ]
    view = voices(framework, responses, own=new)
    return made.model_copy(update={"recommendations": recs, "voices": view})


@pytest.mark.parametrize("text", [LONG, UNBROKEN, "\x07" * 1500], ids=["words", "one", "bells"])
def test_no_text_on_the_governors_page_runs_past_an_actions_length(text: str) -> None:
    """Whatever a file says, no run of text on the page is longer than an action's cut: a
    name, a title, a label, an id-and-title, a group's name. Control characters count as
    they are shown (`\\x07`, four characters each)."""
    nodes = TextNodes(render(longest_report(text), with_evidence=True)).nodes
    longest = max(nodes, key=len)
    assert len(longest) <= ACTION_CHARACTERS + 2, longest[:80]
    words = " ".join(nodes)
    for name in ("School", "Authority", "Framework", "Aspect", "Award", "Title", "Label"):
        assert f"{name} " in words  # each text is still shown, cut
    assert words.count("…") >= 20


def test_a_levels_label_is_cut_so_that_its_chip_stays_on_one_short_line() -> None:
    """A chip does not wrap in print: a long label widened its column until the aspects'
    titles beside it ran to three lines each."""
    framework = longest_report(LONG).framework
    chip = TextNodes(level_chip(framework, 3)).nodes
    assert chip[0].startswith("Level 3 Label word")
    assert len(chip[0]) <= len("Level 3 ") + LABEL_CHARACTERS + 2
    assert chip[0].endswith(" …")
    assert chip[1] == "middle of 5 levels"


def test_a_text_is_cut_as_it_is_shown_then_escaped() -> None:
    """Cut after its control characters are shown, before markup is escaped: the limit is
    what a reader sees, and an escape is never cut in half into broken markup."""
    assert cut_shown("\x07" * 10, 12) == "\\x07\\x07\\x07 …"
    assert cut_shown("<b>" * 10, 9) == "&lt;b&gt;&lt;b&gt;&lt;b&gt; …"
    assert cut_shown("a short name", 120) == "a short name"


def _cut_to(text: str, limit: int) -> bool:
    """`text` is a text of words cut at a word to `limit` characters, and marked."""
    kept = html.unescape(text).removesuffix(" …")
    return text.endswith(" …") and limit - 5 <= len(kept) <= limit


def test_each_text_is_cut_at_its_documented_length() -> None:
    """docs/reports.md gives each limit: 120 for a name or a title, 72 for an authority, a
    framework's title and an id with its title, 24 for a level's label, 200 for the
    groups, the reasons and the evidence, 280 for an action."""
    page = render(longest_report(LONG), with_evidence=True)
    found = {
        120: [
            re.search(r"<h1>(.*?)</h1>", page),
            re.search(r'<div class="award"><strong>(.*?)</strong>', page),
            re.search(r'<ol class="actions">\n<li><strong>(.*?)</strong>', page),
            re.search(r'<span class="meta">For (.*?)</span>', page),
        ],
        72: [
            re.search(r'<p class="meta">School L1 · (.*?) · ', page),
            re.search(r" · (Framework .*?) \(long@1\)", page),
            re.search(r'<tr><th scope="row">(.*?)</th>', page),
            re.search(r'<section id="voices">.*?<li><strong>(.*?)</strong>', page, re.S),
            re.search(r'<section id="evidence">.*?<li><strong>(.*?)</strong>', page, re.S),
            re.search(r'<section id="progress">.*?<li>(.*?): 5 →', page, re.S),
        ],
        24: [re.search(r'<span class="level long" [^>]*>Level 3 (.*?)<small>', page)],
        200: [
            re.search(r"response\(s\) \((.*?)\)\. A group", page),
            re.search(r'<section id="voices">.*?</strong>: (.*?)</li>', page, re.S),
            re.search(r'<section id="evidence">.*?</strong>: (.*?)</li>', page, re.S),
        ],
        ACTION_CHARACTERS: [re.search(r'<span class="meta">For .*?</span><br>(.*?)</li>', page)],
    }
    for limit, matches in found.items():
        for match in matches:
            assert match is not None, limit
            text = match.group(1)
            if limit == 200 and text.startswith("g"):  # the groups: one unbroken word each
                assert len(html.unescape(text).removesuffix(" …")) <= limit
            else:
                assert _cut_to(text, limit), (limit, text[:60], len(text))
