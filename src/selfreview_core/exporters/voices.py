"""What `selfreview voices` writes: the respondents' view as a table, JSON, CSV or a page.

- `table`: `voices.views.voices_table`, for the terminal.
- `json`: the `Voices` model (counts, and medians and ranges of the groups shown), with
  the framework's reference; it holds no answer of any respondent.
- `csv`: a row per strand and group (`voices.views.VOICES_COLUMNS`), cells neutralised
  against formulas as every CSV is (`csv.csv_cell`), byte order mark first.
- `html`: one self-contained page (no script, nothing loaded: the report's
  Content-Security-Policy and style), with a chart per aspect (`voices_html`).
"""

from __future__ import annotations

import csv
import io
from typing import Final

from ..escaping import shown_html as e
from ..escaping import shown_html_name as n
from ..escaping import shown_json
from ..model.framework import Framework
from ..model.unseen import says_something
from ..model.voices import Voices
from ..voices.views import VOICES_COLUMNS, voices_csv_rows, voices_table
from .csv import BOM, csv_cell
from .html_style import STYLE
from .shell import html_page
from .voices_html import voices_section

__all__ = ["FORMATS", "render_voices"]

FORMATS: Final = ("table", "json", "csv", "html")


def _csv(framework: Framework, voices: Voices) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(VOICES_COLUMNS)
    for row in voices_csv_rows(framework, voices):
        writer.writerow([csv_cell(cell) for cell in row])
    return BOM + out.getvalue()


def _page(framework: Framework, voices: Voices) -> str:
    school = voices.school
    terms = framework.terms
    body = [
        "<header>",
        f'<p class="kicker">{e(terms.title(terms.review))}: many voices</p>',
        f"<h1>{e(school.name)}</h1>",
        f'<p class="school">{e(terms.title(terms.subject))} {n(school.id)}'
        + (f" · {e(school.authority)}" if says_something(school.authority) else "")
        + f" · {e(framework.title)} ({n(framework.ref)})</p>",
        "</header>",
        "<main>",
        *voices_section(framework, voices),
        "</main>",
        f"<footer>Made with selfreview-core from {n(framework.ref)}. No respondent is named; "
        "no respondent's own words are shown.</footer>",
    ]
    title = f"{school.name} — what the respondents said, {framework.title}"
    return html_page(title, body, STYLE)


def render_voices(framework: Framework, voices: Voices, output: str) -> str:
    """The view in `output` (one of `FORMATS`); `ValueError` for another."""
    if output == "table":
        return voices_table(framework, voices)
    if output == "json":
        return shown_json(voices.model_dump_json(indent=2)) + "\n"
    if output == "csv":
        return _csv(framework, voices)
    if output == "html":
        return _page(framework, voices)
    raise ValueError(f"unknown format {output!r}: choose one of {', '.join(FORMATS)}")
