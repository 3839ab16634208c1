"""The support list as text, CSV and one HTML page.

The table and the page list, per aspect and under it per strand, the schools not yet at the
level, then every recommendation made for them with the number of schools it was made for,
most first ("12 schools: ..."). The CSV is one tidy table of both, one row each, with the
schools' ids in one cell, in the convention of every CSV of ours (`exporters.csv.csv_text`:
a byte order mark, CRLF line ends, cells of text from files or plugins neutralised). Text
shown on a terminal is escaped (`escaping.shown`), the framework's `terms:` too, on the
page HTML-escaped (`exporters.page.e`). The table fits the
terminal's width, 80 columns in a pipe or a file, as `benchmark`'s does: titles and
recommendations whole, wrapped in their columns (`display.fitted_table`).
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import Final

from ..display import fitted_table, fitting_width
from ..escaping import invisible_names, names_quoted, shown, shown_json, shown_name
from ..exporters.csv import csv_lines
from ..exporters.page import e, n, page, page_lines
from ..model.questions import Terms
from .support import Listing, support_list

__all__ = [
    "CSV_COLUMNS",
    "support_csv",
    "support_csv_lines",
    "support_html",
    "support_html_lines",
    "support_json",
    "support_table",
]

CSV_COLUMNS: Final = (
    "section",
    "kind",
    "id",
    "title",
    "priority",
    "audience",
    "source",
    "schools",
    "judged",
    "school_ids",
)
#: The width of the table in a pipe or a file (no terminal to fit).
PIPE_WIDTH: Final = 80
#: School ids shown in a table cell before "and N more".
SHOWN_IDS: Final = 6
#: School ids a JSON list or a CSV cell is made of at a time (`support_json`, `_joined`).
IDS_AT_ONCE: Final = 10_000


def _ids(ids: Sequence[str], limit: int = SHOWN_IDS, name: Callable[[str], str] = str) -> str:
    """The first `limit` school ids, each as `name` gives it, and how many more."""
    listed = ", ".join(map(name, ids[:limit]))
    return listed if len(ids) <= limit else f"{listed} and {len(ids) - limit} more"


#: The words of a framework that declares none (`Framework.terms`).
SCHOOLS: Final = Terms()


def _schools(count: int, terms: Terms = SCHOOLS) -> str:
    return terms.count(count)


def _shown_terms(terms: Terms) -> Terms:
    """`terms` with their control characters shown escaped (`escaping.shown`): they are the
    framework file's words, and the table puts them in headings and cells of their own."""
    return Terms(
        subject=shown(terms.subject, newline=False),
        subjects=shown(terms.subjects, newline=False),
        review=shown(terms.review, newline=False),
    )


def _heading(found: Listing, terms: Terms = SCHOOLS, name: Callable[[str], str] = str) -> str:
    """What the lists are of; the framework's ref as `name` gives it (a terminal:
    `escaping.shown_name`)."""
    return (
        f"Support needed: {_schools(found.size, terms)} on {name(found.framework)}, each with its "
        f"latest review; not yet at level {found.reached} ({found.reached_from}).\n"
        f"{_schools(found.needing, terms)} {'is' if found.needing == 1 else 'are'} below it on "
        f"at least one strand or aspect (aspects: each {terms.subject}'s {found.policy} strand "
        "level)."
    )


def _one_line(text: object) -> str:
    """Text on one line, escaped for the terminal."""
    return shown(text, newline=False)


def _quoted_ids(found: Listing) -> tuple[str, ...]:
    """The ids a recommendation's title may quote (every strand and aspect listed, every
    target) that hold an invisible character: shown as names (`escaping.names_quoted`)."""
    ids = [
        *(s.id for s in found.shortfalls),
        *(t for a in found.recommendations for t in a.targets),
    ]
    return invisible_names(tuple(dict.fromkeys(ids)))


def support_table(found: Listing, width: int | None = None, terms: Terms = SCHOOLS) -> str:
    """Shortfalls per aspect and strand, then the recommendations, most schools first;
    within `width` (by default the terminal's, or `PIPE_WIDTH`); `terms` are the
    framework's words (`Framework.terms`)."""
    width = width or fitting_width() or PIPE_WIDTH
    terms = _shown_terms(terms)
    rows = [
        [
            s.kind,
            shown_name(s.id),
            shown(s.title, newline=False),
            str(s.count),
            str(s.judged),
            _ids(s.schools, name=shown_name),
        ]
        for s in found.shortfalls
    ]
    headers = ["kind", "id", "title", "below", "judged", f"{terms.subjects} below"]
    below = fitted_table(rows, headers, flexible=[2, 5], width=width)
    names = _quoted_ids(found)
    advice = [
        [
            _schools(a.count, terms),
            a.priority,
            shown(a.audience, newline=False),
            names_quoted(a.title, names, _one_line),
            shown_name(a.source),
        ]
        for a in found.recommendations
    ]
    listed = (
        fitted_table(
            advice,
            ["for", "priority", "audience", "recommendation", "from"],
            flexible=[2, 3, 4],
            width=width,
        )
        if advice
        else f"No recommendations for these {terms.subjects}."
    )
    parts = [
        *(
            textwrap.fill(line, width)
            for line in shown(_heading(found, terms, shown_name)).splitlines()
        ),
        "",
        textwrap.fill(
            f"{terms.title(terms.subjects)} not yet at level {found.reached}, by aspect and strand",
            width,
        ),
        "",
        below,
        "",
        textwrap.fill(
            f"Recommendations for the {_schools(found.needing, terms)} below level "
            f"{found.reached}, most {terms.subjects} first",
            width,
        ),
        "",
        listed,
    ]
    if found.problems:
        parts += ["", "Problems while reporting:"]
        parts += [f"  {shown(p, newline=False)}" for p in found.problems]
    return "\n".join(parts) + "\n"


def support_csv(found: Listing) -> str:
    """Both sections as one tidy table, in the convention of every CSV (`csv_text`)."""
    return "".join(support_csv_lines(found))


def support_csv_lines(found: Listing) -> Iterator[str]:
    """`support_csv` a line at a time, each row's ids joined as it is written."""
    return csv_lines(_csv_rows(found))


def _csv_rows(found: Listing) -> Iterator[Sequence[object]]:
    """The CSV's rows: a shortfall's, then a recommendation's, each school's id in one cell."""
    yield CSV_COLUMNS
    for s in found.shortfalls:
        yield (
            "below",
            s.kind,
            s.id,
            s.title,
            None,
            None,
            None,
            s.count,
            s.judged,
            _joined(s.schools),
        )
    for a in found.recommendations:
        yield (
            "recommendation",
            "recommendation",
            a.id,
            a.title,
            a.priority,
            a.audience,
            a.source,
            a.count,
            found.needing,
            _joined(a.schools),
        )


def _joined(ids: Sequence[str]) -> str:
    """`ids` joined by spaces, `IDS_AT_ONCE` at a time: `join` makes a list of what it joins
    first, a string object a school (64 MB for a million), where this makes one of each
    part."""
    return " ".join(map(" ".join, _chunks(ids)))


def _chunks(ids: Sequence[str]) -> Iterator[list[str]]:
    """`ids`, `IDS_AT_ONCE` at a time, read on from one to the next (`support_ids.Listed`
    reads a slice from its start)."""
    read = iter(ids)
    while chunk := list(islice(read, IDS_AT_ONCE)):
        yield chunk


#: Where the JSON of `support_json`'s outline has a list of schools (its ids written there):
#: as a key, its quotes are bare, which within a string they never are.
_NO_SCHOOLS: Final = '"schools": []'
#: The indent of a school's id in the JSON (`model_dump_json(indent=2)`), and of the end of
#: its list.
_ID_INDENT: Final = " " * 8
#: What stands between two ids in it.
_ID_AFTER: Final = ",\n" + _ID_INDENT


def support_json(found: Listing) -> Iterator[str]:
    """`SupportList.model_dump_json(indent=2)` of `found`, escaped for a terminal
    (`escaping.shown_json`), then a line end, written a part at a time: the list's outline
    with no schools in it, as pydantic writes it, each list of ids put in as it is made
    (`IDS_AT_ONCE` at a time, each as `json.dumps` writes a string, which is pydantic's
    writing, character for character)."""
    lists = [*(s.schools for s in found.shortfalls), *(a.schools for a in found.recommendations)]
    parts = support_list(found, schools=False).model_dump_json(indent=2).split(_NO_SCHOOLS)
    yield shown_json(parts[0])
    for ids, part in zip(lists, parts[1:], strict=True):
        if not ids:
            yield _NO_SCHOOLS
        else:
            yield '"schools": ['
            after = ""
            for chunk in _chunks(ids):
                listed = json.dumps(chunk, ensure_ascii=False, separators=(_ID_AFTER, ""))
                yield shown_json(f"{after}\n{_ID_INDENT}{listed[1:-1]}")
                after = ","
            yield "\n      ]"
        yield shown_json(part)
    yield "\n"


_STYLE: Final = """
.bar{display:inline-block;height:.8em;background:#b54708;border-radius:2px;vertical-align:middle}
.rec{border:1px solid var(--rule);border-left:5px solid #1f5f8b;border-radius:4px;
padding:.45rem .8rem;margin:.5rem 0;break-inside:avoid}
.rec.high{border-left-color:#b42318}.rec.medium{border-left-color:#b54708}
.rec h3{margin:0 0 .2rem;font-size:1rem}.rec p{margin:.2rem 0}
tr.aspect th,tr.aspect td{background:var(--soft);font-weight:600}
td.share{white-space:nowrap}
"""


def support_html(found: Listing, terms: Terms = SCHOOLS) -> str:
    """The support list as one page (see `exporters.page`)."""
    return page(_html_title(found), _html_body(found, terms), _STYLE)


def support_html_lines(found: Listing, terms: Terms = SCHOOLS) -> Iterator[str]:
    """`support_html` a piece at a time, never joined: how `selfreview support` writes it
    (a school id of 2,000,000 characters, listed on each row, made a page of 78 MB, which
    joined took 150 MB more, round 63)."""
    return page_lines(_html_title(found), _html_body(found, terms), _STYLE)


def _html_title(found: Listing) -> str:
    return f"Support needed: not yet at level {found.reached}"


def _html_body(found: Listing, terms: Terms) -> list[str]:
    body = [
        "<header>",
        '<p class="kicker">Where support is needed</p>',
        f"<h1>Not yet at level {e(found.reached)}</h1>",
        f'<p class="lead">{e(_heading(found, terms, shown_name))}</p>',
        '<ul class="figures">',
        f"<li><strong>{found.size}</strong><span>{e(terms.subjects)} in the cohort</span></li>",
        f"<li><strong>{found.needing}</strong><span>below level {e(found.reached)} "
        "somewhere</span></li>",
        f"<li><strong>{len(found.recommendations)}</strong><span>recommendations for them"
        "</span></li>",
        "</ul>",
        "</header>",
        '<section id="below">',
        f"<h2>{e(terms.title(terms.subjects))} not yet at level {e(found.reached)}</h2>",
        "<table><thead><tr><th>Aspect or strand</th><th class=num>Below</th>"
        f"<th class=num>Judged</th><th>Share</th><th>{e(terms.title(terms.subjects))}</th>"
        "</tr></thead><tbody>",
    ]
    for s in found.shortfalls:
        share = s.count / s.judged if s.judged else 0.0
        width = round(120 * share)
        body.append(
            f'<tr class="{e(s.kind)}"><th scope="row">{n(s.id)} {e(s.title)}</th>'
            f'<td class="num">{s.count}</td><td class="num">{s.judged}</td>'
            f'<td class="share"><span class="bar" style="width:{width}px"></span> '
            f"{round(100 * share)}%</td>"
            f"<td>{e(_ids(s.schools, 12, shown_name))}</td></tr>"
        )
    body += ["</tbody></table>", "</section>", '<section id="recommendations">']
    body.append(
        f"<h2>Recommendations for the {e(_schools(found.needing, terms))} below level "
        f"{e(found.reached)}</h2>"
    )
    if not found.recommendations:
        body.append(f"<p>No recommendations for these {e(terms.subjects)}.</p>")
    names = _quoted_ids(found)
    for a in found.recommendations:
        priority = a.priority if a.priority in ("high", "medium", "low") else "other"
        body += [
            f'<article class="rec {priority}">',
            f"<h3>{e(_schools(a.count, terms))}: {names_quoted(a.title, names, e, n)}</h3>",
            f'<p class="note">{e(a.priority)} priority · for {e(a.audience)} · from '
            f"{n(a.source)}</p>",
            f"<p>{names_quoted(a.action, names, e, n)}</p>",
            f'<p class="note">{e(terms.title(terms.subjects))}: '
            f"{e(_ids(a.schools, 30, shown_name))}</p>",
            "</article>",
        ]
    body.append("</section>")
    if found.problems:
        body += ['<section id="problems">', "<h2>Problems while reporting</h2>", "<ul>"]
        body += [f"<li>{e(p)}</li>" for p in found.problems]
        body += ["</ul>", "</section>"]
    body.append(f"<footer>Made with selfreview-core from {n(found.framework)}.</footer>")
    return body
