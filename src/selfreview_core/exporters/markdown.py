"""The `markdown` exporter: a report to paste into a school improvement plan.

Headings, the school and framework, a profile table (a row per strand, in framework
order), then the recommendations grouped by priority, each with who it is for, why it was
given, where the advice comes from and its links. When the framework declares awards, an
awards section (between the profile and the recommendations) says for each whether it is
met, what is missing and which of the strands it names are not applicable.

Every piece of text from a file or a plugin is escaped, so it reads as the words it is and
never as markup: `&`, `<` and `>` become entities (no raw HTML ever reaches a renderer),
the characters Markdown acts on inline (`` \\ ` * _ [ ] | ~ ``) get a backslash, one that
would start a block at the beginning of a line (`#`, `+`, `-`, `=`, `1.`) is escaped too, as
are `#`s that end a value after a space (a heading's closing, which a renderer drops), and
line breaks inside a value become spaces. Control characters are shown escaped
(`escaping.shown`: `ESC` as `\\x1b`, a right-to-left override as `\\u202e`), never written:
Markdown is read in terminals and previews, where they would act. An id, a school's, a
strand's, a plugin's or a group's name (`escape_name`) shows its invisible format
characters escaped too (`escaping.shown_name`: `1a1\\u200b`), as the terminal does.
Links are written only when they are http(s) or mailto (`recommendation.safe_link`), as
`[text](url)` with the URL's spaces, tabs, line breaks, parentheses, angle brackets,
backslashes and control characters percent-encoded.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import quote

from ..award_check import NOTHING_JUDGED
from ..escaping import invisible_names, names_quoted, quotes_shown, shown, shown_name, unsafe
from ..facts import change_words
from ..model.framework import Framework
from ..model.recommendation import Recommendation, safe_link
from ..model.unseen import said, says_something
from ..report import Report
from ..voices.views import voices_markdown
from .common import (
    StrandRow,
    by_priority,
    judged_text,
    level_name,
    review_name,
    safe_links,
    standing,
    strand_rows,
)

__all__ = ["escape", "escape_name", "link", "render"]

_INLINE: Final = re.compile(r"([\\`*_\[\]|~])")
_BLOCK_START: Final = re.compile(r"^([#+=-]|\d+(?=[.)]))")
#: `#`s that end a heading's line after a space are taken for its closing, and dropped.
_CLOSING: Final = re.compile(r"(?<= )(#+)$")
_ENTITIES: Final = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_URL_ESCAPES: Final = {
    " ": "%20",
    "\t": "%09",  # a tab or a line break inside a link (the schema allows white space there)
    "\n": "%0A",  # would end the link and begin a line of its own
    "(": "%28",
    ")": "%29",
    "<": "%3C",
    ">": "%3E",
    "\\": "%5C",
    "`": "%60",
    '"': "%22",
}


def escape(text: object) -> str:
    """Plain text as Markdown that shows exactly that text, on one line."""
    return shown(_marked(text), newline=False)


def escape_name(text: object) -> str:
    """A name (an id, a plugin's, a group's) as `escape` writes text, its invisible format
    characters shown (`escaping.shown_name`), so that two names never read alike."""
    return shown_name(_marked(text))


def _marked(text: object) -> str:
    """`text` on one line, with what Markdown would act on escaped (see the module)."""
    value = " ".join(str(text).split())
    for raw, entity in _ENTITIES:
        value = value.replace(raw, entity)
    value = _INLINE.sub(r"\\\1", value)
    # `1. ` or `# ` at the start would make a list or a heading of the line.
    match = _BLOCK_START.match(value)
    if match:
        first = match.group(1)
        value = (first + "\\" + value[len(first) :]) if first[0].isdigit() else "\\" + value
    # `C #` as a heading would read `C`. Shown after (`escape`, `escape_name`): `\\x1b` is
    # then not taken for Markdown (a backslash before a letter is text).
    return _CLOSING.sub(r"\\\1", value)


def _percent(char: str) -> str:
    """A control character percent-encoded (a lone surrogate as the text `\\udcxx`)."""
    return quote(char, safe="", errors="backslashreplace") if unsafe(char) else char


def link(url: str) -> str:
    """A Markdown link to `url` (shown as its own text); escaped text if it is not safe."""
    if not (isinstance(url, str) and safe_link(url)):
        return escape(url)
    target = "".join(_URL_ESCAPES.get(c) or _percent(c) for c in url)
    return f"[{escape(url)}]({target})"


def _cell(text: object) -> str:
    return escape(text) if text not in (None, "") else ""


def _change(framework: Framework, row: StrandRow) -> str:
    """The change in the scale's own words: `up one level, 4 → 3` where level 1 is the best."""
    if row.change is None or row.previous is None or row.level is None:
        return ""
    return change_words(framework.scale, row.previous, row.level)


def _said(text: str, names: tuple[str, ...]) -> str:
    """Text the engine or a plugin wrote, each of `names` it quotes written as a name."""
    return names_quoted(text, names, escape, escape_name)


def _recommendation(number: int, rec: Recommendation, names: tuple[str, ...]) -> list[str]:
    out = [f"#### {number}. {_said(rec.title, names)}", ""]
    facts = [f"**For:** {escape(rec.audience)}"]
    if rec.targets:
        facts.append(f"**Strands:** {', '.join(escape_name(t) for t in rec.targets)}")
    out += [" · ".join(facts), "", _said(rec.action, names), ""]
    if says_something(rec.rationale):
        out += [f"*Why:* {_said(rec.rationale, names)}", ""]
    credits = ", ".join(escape_name(s) for s in rec.sources or (rec.source,) if s)
    reference = escape(rec.reference) if says_something(rec.reference) else ""
    source = "; ".join(p for p in (credits, reference) if p)
    if source:
        out += [f"*Source:* {source}", ""]
    shown, withheld = safe_links(rec)
    for url in shown:
        out.append(f"- {link(url)}")
    if withheld:
        out.append(f"- ({withheld} link(s) left out: only http(s) and mailto links are shown)")
    if shown or withheld:
        out.append("")
    return out


def render(report: Report) -> str:
    framework, assessment, profile = report.framework, report.assessment, report.profile
    names = invisible_names(framework.ids)
    school = assessment.school
    terms = framework.terms
    out = [f"# {escape(review_name(framework))}: {escape(school.name)}", ""]
    facts = [
        f"**{escape(terms.title(terms.subject))}:** {escape(school.name)} "
        f"({escape_name(school.id)})"
    ]
    if says_something(school.authority):
        facts[-1] += f", {escape(school.authority)}"
    reviewed = f"**Reviewed:** {assessment.assessed_on.isoformat()}"
    if says_something(assessment.assessor):
        reviewed += f" by {escape(assessment.assessor)}"
    facts.append(reviewed)
    byline = ", ".join(map(escape, said(framework.publisher, framework.year)))
    facts.append(
        f"**Framework:** {escape(framework.title)} ({escape_name(framework.ref)})"
        + (f", {byline}" if byline else "")
    )
    if says_something(framework.source):
        facts.append(f"**Source:** {escape(framework.source)}")
    if says_something(framework.licence):
        facts.append(f"**Licence:** {escape(framework.licence)}")
    facts.append(f"**Scale:** {escape(framework.scale.describe())}")
    facts.append(
        f"**Overall level:** {escape(standing(framework, profile, None))} "
        f"({escape(profile.policy)}); {judged_text(report)}"
    )
    comparison = report.comparison
    if comparison is not None:
        facts.append(
            f"**Since {comparison.old_date.isoformat()}:** {len(comparison.improved)} improved, "
            f"{len(comparison.regressed)} regressed, {len(comparison.unchanged)} unchanged"
        )
    elif report.previous is not None:
        facts.append(f"**Previous review:** {report.previous.assessed_on.isoformat()}")
    # Two trailing spaces: a line break within the paragraph.
    out += [line + "  " for line in facts[:-1]] + [facts[-1], ""]

    compared = report.previous is not None
    out += ["## Profile", ""]
    headers = ["Strand", "Title", "Level", "Descriptor", "Evidence"]
    if compared:
        headers += ["Previous", "Change"]
    out.append("| " + " | ".join(headers) + " |")
    out.append("|" + "|".join(" --- " for _ in headers) + "|")
    for row in strand_rows(report):
        evidence = None if row.judgement is None else row.judgement.evidence
        cells = [
            escape_name(row.strand.id),
            escape(row.strand.title),
            escape(standing(framework, report.profile, row.strand.id)),
            _cell(row.descriptor),
            _cell(evidence),
        ]
        if compared:
            cells += [
                escape(
                    level_name(
                        framework, row.previous, unjudged="–" if row.previous_applicable else "n/a"
                    )
                ),
                _change(framework, row) if row.level is None or row.previous is not None else "new",
            ]
        out.append("| " + " | ".join(cells) + " |")
    out.append("")

    if report.awards:
        out += ["## Awards", ""]
        for award in report.awards:
            out += [f"### {escape(award.title)}: {'met' if award.met else 'not met'}", ""]
            out += [f"*Requires:* {_said(award.requirement, names)}", ""]
            out += [f"- {_said(shortfall.text, names)}" for shortfall in award.missing]
            out += [f"- Not applicable: {_said(n.text, names)}" for n in award.not_applicable]
            out += [] if award.judged else [f"- Met, but {NOTHING_JUDGED}."]
            if award.missing or award.not_applicable:
                out.append("")

    if report.voices is not None:
        out += voices_markdown(framework, report.voices, escape, name=escape_name)

    out += ["## Recommendations", ""]
    if not report.recommendations:
        out += ["None.", ""]
    number = 0
    for priority, recs in by_priority(report.recommendations):
        out += [f"### {escape(priority.capitalize())} priority ({len(recs)})", ""]
        for rec in recs:
            number += 1
            out += _recommendation(number, rec, names)

    if report.problems:
        out += ["## Problems", ""]
        out += [
            f"- **{escape(p.severity)}** {escape_name(p.source)}: "
            f"{quotes_shown(p.message, escape, escape_name)}"
            for p in report.problems
        ]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
