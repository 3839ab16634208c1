"""The page of the cohort views (dashboard, support list): their shared style sheet and `e`.

One file that loads nothing: the shell every page of the project has (`shell.html_page`,
whose Content-Security-Policy forbids any script, external style sheet, font or image),
with a style sheet that prints on A4 landscape (`@page`): a matrix of schools is wide.
Every piece of text from a file or a plugin goes through `e` (control characters shown,
markup escaped, in text and attributes alike), every name through `n` (its invisible
characters shown too).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from ..escaping import shown_html, shown_html_name
from .shell import html_page, html_page_lines

__all__ = ["BASE_STYLE", "e", "n", "page", "page_lines"]

BASE_STYLE: Final = """
:root{--ink:#1d2329;--muted:#5f6b76;--rule:#d5dbe1;--accent:#1f5f8b;--soft:#f3f6f9}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0 auto;max-width:80rem;padding:1.2rem 1.25rem 2.5rem;color:var(--ink);
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:1.7rem;margin:.2em 0 .3em}
h2{font-size:1.25rem;border-bottom:2px solid var(--accent);padding-bottom:.2em;margin:1.5em 0 .5em}
h3{font-size:1.05rem;margin:1.2em 0 .4em}
.kicker{margin:0;color:var(--accent);font-weight:600;text-transform:uppercase;
letter-spacing:.06em;font-size:.8rem}
.lead{color:var(--muted);margin:.2em 0 1em}
.figures{display:flex;flex-wrap:wrap;gap:.6rem;margin:1rem 0 0;padding:0;list-style:none}
.figures li{flex:1 1 9rem;background:var(--soft);border-radius:6px;padding:.5rem .8rem}
.figures strong{display:block;font-size:1.3rem}
.figures span{font-size:.82rem;color:var(--muted)}
table{border-collapse:collapse;font-size:.85rem}
th,td{text-align:left;vertical-align:top;padding:.3rem .45rem;border-bottom:1px solid var(--rule)}
thead th{border-bottom:2px solid var(--ink)}
td.num,th.num{text-align:right;white-space:nowrap}
.note{font-size:.82rem;color:var(--muted)}
svg{display:block;max-width:100%;height:auto}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:11px;
fill:#1d2329}
footer{margin-top:2rem;font-size:.78rem;color:var(--muted);border-top:1px solid var(--rule);
padding-top:.4rem}
@page{size:A4 landscape;margin:12mm}
@media print{body{max-width:none;padding:0;font-size:9pt}h2{break-after:avoid}
section,figure,tr{break-inside:avoid}thead{display:table-header-group}}
"""


#: Text for HTML, in an element or an attribute: control characters shown, markup escaped
#: (the one rule every page follows, `escaping.shown_html`).
e = shown_html
#: A name (an id, a school's id, a group, a plugin) for HTML: as `e`, with its invisible
#: format characters shown escaped too (`escaping.shown_html_name`), as a terminal shows them.
n = shown_html_name


def page(title: str, body: list[str], style: str = "") -> str:
    """The whole page: `title` (plain text, escaped here), `body` (HTML, made with `e`) and
    `style`, the view's own rules after the shared `BASE_STYLE`."""
    return html_page(title, body, BASE_STYLE + style)


def page_lines(title: str, body: list[str], style: str = "") -> Iterator[str]:
    """`page` a piece at a time, to be written as it comes (`shell.html_page_lines`)."""
    return html_page_lines(title, body, BASE_STYLE + style)
