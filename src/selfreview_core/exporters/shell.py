"""The head and body around every HTML page the project writes.

The report, the governors' summary, the respondents' page and the cohort views (dashboard,
support list) each have their own body and style sheet, but one shell: UTF-8, British
English, the viewport, no referrer, and a Content-Security-Policy that lets nothing load
or run (inline styles only). Kept in one place because that policy is a safety promise
(SPEC section 7: a page that loads nothing cannot call out or run a script, even by a
mistake in escaping); four copies of it could drift apart.

The title is plain text, escaped here (`escaping.shown_html`); the body is HTML that the
caller has escaped piece by piece.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Final

from ..escaping import shown_html

__all__ = ["CONTENT_SECURITY_POLICY", "html_page", "html_page_lines"]

#: Nothing may load or run: inline styles only.
CONTENT_SECURITY_POLICY: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)


def html_page(title: str, body: Iterable[str], style: str) -> str:
    """The whole page: `title` (plain text), `body` (lines of HTML) and `style` (the whole
    style sheet), one line after another, ending in a newline: joined once, the last
    newline with the rest (added after the join, it copied the whole page again: 150 MB
    more for `support`'s page of a school id of 2,000,000 characters, round 63)."""
    return "\n".join([*_head(title, style), *body, "</body>", "</html>", ""])


def html_page_lines(title: str, body: Iterable[str], style: str) -> Iterator[str]:
    """`html_page` a piece at a time, to be written as it comes: a page never joined (the
    page of a school id of 2,000,000 characters took twice its size again whole, round 63)."""
    for line in (*_head(title, style), *body, "</body>", "</html>"):
        yield line
        yield "\n"


def _head(title: str, style: str) -> list[str]:
    return [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{shown_html(title)}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
    ]
