"""The respondents' view (`voices.Voices`) as text: a terminal table, CSV rows and Markdown.

`selfreview voices` prints these, and `report --voices` adds them to the report's own
formats. A group that shows levels on a strand is written `3 [4..2] n=7` (its median, then
the worst and the best level given, then how many answered); a group under the minimum
only `n=2`. Nothing here sees an answer: a `Voices` holds none.

Text from files (titles, group names, the school) is shown escaped for terminals
(`escaping.shown`) here; the CSV rows are raw cells, neutralised by whoever writes them
(`exporters.csv.csv_cell`), and the Markdown section takes its exporter's `escape`, so that
the exporters can call this module without it calling them back.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Final

from .._words import LINE_NAMES, some
from ..escaping import shown, shown_name
from ..facts import score_text
from ..model.framework import Framework
from ..model.voices import DISAGREEMENT, GroupView, StrandView, Voices

__all__ = [
    "VOICES_COLUMNS",
    "flag_text",
    "group_cell",
    "heading",
    "key",
    "middle",
    "school_cell",
    "voices_csv_rows",
    "voices_markdown",
    "voices_table",
]

VOICES_COLUMNS: Final = (
    "strand",
    "strand title",
    "aspect",
    "group",
    "answered",
    "median",
    "worst",
    "best",
    "spread",
    "school",
    "disagreement",
    "school differs",
)


def group_cell(view: GroupView) -> str:
    """`3 [4..2] n=7` for a shown group (in a framework with questions its middle score
    first, `1.75 (level 1) [0..2] n=6`), `n=2` for one under the minimum, `-` for none."""
    if view.count == 0:
        return "-"
    if view.median is None:
        return f"n={view.count}"
    spread = str(view.worst) if view.worst == view.best else f"{view.worst}..{view.best}"
    return f"{middle(view.median, view.score)} [{spread}] n={view.count}"


def middle(level: int, score: float | None) -> str:
    """A median as the views write it: `3`, or with its score `1.75 (level 1)`."""
    return str(level) if score is None else f"{score_text(score)} (level {level})"


def school_cell(strand: StrandView) -> str:
    """The school's own judgement on a strand: `3`, `1.75 (level 1)`, `n/a` where its review
    marks the strand not applicable, `-` for none."""
    if strand.school is None:
        return "n/a" if strand.school_not_applicable else "-"
    return middle(strand.school, strand.school_score)


def key(framework: Framework) -> str:
    """What a group's cell says, under the table."""
    if framework.has_questions:
        return "Each group: median score (level) [worst..best level given] n=how many answered."
    return "Each group: median [worst..best level given] n=how many answered."


def heading(
    voices: Voices, name: Callable[[str], str] = str, text: Callable[[str], str] = str
) -> str:
    """Who answered: the school, the responses by group, and the minimum; each id and
    group's name as `name` gives it (`escaping.shown_name` on a terminal), the school's
    name as `text` does (Markdown escapes each piece: `markdown.escape_name`, `escape`)."""
    school = voices.school
    # Twelve named, the rest counted: a survey export whose groups were each respondent's
    # own id (a thousand groups of one) made a heading of 12 kB (round 59).
    said = [f"{name(g.group)} {g.respondents}" for g in voices.groups]
    groups = some(said, LINE_NAMES, noun="groups")
    noun = "response" if voices.respondents == 1 else "responses"
    return (
        f"{text(school.name)} ({name(school.id)}): {voices.respondents} {noun} to "
        f"{name(voices.framework)} "
        f"({groups}). A group shows levels on a strand only where at least "
        f"{voices.min_group} of it answered; otherwise its count alone."
    )


def flag_text(
    framework: Framework,
    strand: StrandView,
    name: Callable[[str], str] = str,
    text: Callable[[str], str] = str,
) -> list[str]:
    """Why a strand is worth discussing, in words (empty when it is not), in the
    framework's words for who is reviewed; each group's name as `name` gives it, the
    framework's words as `text` does (see `heading`)."""
    out = []
    if strand.apart is not None:
        low, high = (strand.group(g) for g in strand.apart)
        assert low is not None
        assert high is not None
        out.append(
            f"{name(low.group)} ({_median(low)}) and {name(high.group)} ({_median(high)}) are "
            f"{strand.gap} levels apart"
        )
    if strand.school_apart:
        medians = ", ".join(
            f"{name(g)} {middle(view.median, view.score)}"
            for g in strand.school_apart
            if (view := strand.group(g)) is not None and view.median is not None
        )
        out.append(
            f"the {text(framework.terms.subject)}'s own judgement ({_own(strand)}) is "
            f"{DISAGREEMENT} or more levels from the median of {medians}"
        )
    return out


def _median(view: GroupView) -> str:
    """`median 3`, or in a framework with questions `median score 1.5, level 1`."""
    if view.score is None:
        return f"median {view.median}"
    return f"median score {score_text(view.score)}, level {view.median}"


def _own(strand: StrandView) -> str:
    """`3`, or in a framework with questions `score 1.75, level 1`."""
    if strand.school_score is None:
        return str(strand.school)
    return f"score {score_text(strand.school_score)}, level {strand.school}"


def _title(framework: Framework, strand_id: str) -> str:
    found = framework.find(strand_id)
    return found.title if found is not None else ""


def voices_table(framework: Framework, voices: Voices) -> str:
    """The terminal view: a row per strand, a column per group, then what to discuss. Each
    group is named as a message names it (`groups.group_named`: cut after 37 characters,
    its length after it): before round 70 a group of a million characters was printed
    whole, in its column's heading, above the table and in each reason (about 3 MB)."""
    from ..text_tables import display_width, fit_heading, fitted_table, fitting_width
    from .groups import group_named

    def line(text: object) -> str:
        return shown(text, newline=False)

    subject = line(framework.terms.subject)
    headers = ["strand", "title", *(group_named(g.group) for g in voices.groups)]
    if voices.own_review:
        headers.append(subject)
    headers.append("")
    rows = []
    for strand in voices.strands:
        row = [shown_name(strand.strand), line(_title(framework, strand.strand))]
        row += [group_cell(view) for view in strand.groups]
        if voices.own_review:
            row.append(school_cell(strand))
        row.append("⚑" if strand.flagged else "")
        rows.append(row)
    width = fitting_width()
    if width:  # a hyphenated group's name may take two lines of the heading
        headers = [h.replace("-", "-\n") if i >= 2 else h for i, h in enumerate(headers)]
    # Fitted to the terminal (a group's cell wraps before the title is cut); one row a
    # line for a file or a pipe, as every table (`text_tables.fitted_table`).
    table = fitted_table(
        rows,
        headers,
        flexible=[1, *range(2, 2 + len(voices.groups))],
        width=width,
        widest=28,
        last_resort=[0],
    )
    if width and max(display_width(row) for row in table.splitlines()) > width:
        table = "\n".join(_blocks(rows, voices, width, subject))
    out = [
        *fit_heading(line(heading(voices, group_named)), width),
        *fit_heading(key(framework), width),
        "",
        table,
        "",
    ]
    flagged = voices.flagged
    if flagged:
        out.append(f"Worth discussing ({len(flagged)}, ⚑):")
        for strand in flagged:
            reasons = "; ".join(flag_text(framework, strand, group_named))
            title = _title(framework, strand.strand)
            said = line(f"  {shown_name(strand.strand)} {title}: {reasons}.")
            out += fit_heading(said, width)
    else:
        out.append(f"No strand where two groups' medians are {DISAGREEMENT} or more levels apart.")
    return "\n".join(out) + "\n"


def _blocks(rows: list[list[str]], voices: Voices, width: int, subject: str) -> list[str]:
    """The table's rows as one block per strand, for a terminal too narrow for a column per
    group (five groups and the school's judgement need about 100 columns, each group
    keeping its name and figures whole): the strand and its title, then each group's
    figures beside its name, laid in as many columns as fit, in the same place for every
    strand. Every word is kept; nothing is cut."""
    from ..text_tables import display_width, fit_heading, laid_in_columns, padded
    from .groups import group_named

    names = [group_named(g.group) for g in voices.groups]
    if voices.own_review:
        names.append(subject)
    name_width = max(display_width(name) for name in names)
    out: list[str] = []
    blocks = [(row[:2], row[2:-1], row[-1]) for row in rows]
    field_width = name_width + 1 + max(display_width(c) for _, cells, _ in blocks for c in cells)
    for (strand, title), cells, flag in blocks:
        if out:
            out.append("")
        out += fit_heading(f"{strand}  {title}" + (f"  {flag}" if flag else ""), width)
        pairs = zip(names, cells, strict=True)
        fields = [f"{padded(name, name_width)} {cell}" for name, cell in pairs]
        out += laid_in_columns(fields, width, field_width=field_width)
    return out


def voices_csv_rows(framework: Framework, voices: Voices) -> list[list[str | int | None]]:
    """`VOICES_COLUMNS` rows: one per strand and group, in framework and group order."""
    rows: list[list[str | int | None]] = []
    for strand in voices.strands:
        aspect = framework.parents(strand.strand)[0] if strand.strand in framework else None
        for view in strand.groups:
            rows.append(
                [
                    strand.strand,
                    _title(framework, strand.strand),
                    aspect,
                    view.group,
                    view.count,
                    view.median,
                    view.worst,
                    view.best,
                    view.spread,
                    strand.school,
                    "yes" if strand.disagreement else "no",
                    "yes" if view.group in strand.school_apart else "no",
                ]
            )
    return rows


def voices_markdown(
    framework: Framework,
    voices: Voices,
    escape: Callable[[object], str],
    *,
    level: int = 2,
    name: Callable[[str], str] | None = None,
) -> list[str]:
    """A Markdown section (`##` by default): who answered, a table, what to discuss; text
    goes through `escape` (`export_markdown.escape`, which calls this), ids and groups'
    names through `name` (`export_markdown.escape_name`; `escape` if not given). A group
    (and the ids beside it above the table) is named cut as the terminal's table names it
    (`groups.group_named`): until round 71 a group of a million characters was written whole
    in the line above the table, its column's heading and each reason, 3 MB of Markdown."""
    from .groups import group_named

    hashes = "#" * level
    named = name or escape
    group = partial(group_named, name=named)
    out = [f"{hashes} What the respondents said", "", heading(voices, group, escape), ""]
    terms = framework.terms
    headers = ["Strand", *(group(g.group) for g in voices.groups)]
    if voices.own_review:
        headers.append(escape(terms.title(terms.subject)))
    out.append("| " + " | ".join(headers) + " |")
    out.append("|" + "|".join(" --- " for _ in headers) + "|")
    for strand in voices.strands:
        mark = " ⚑" if strand.flagged else ""
        cells = [
            f"{named(strand.strand)} {escape(_title(framework, strand.strand))}{mark}",
            *(escape(group_cell(view)) for view in strand.groups),
        ]
        if voices.own_review:
            cells.append(
                "–"
                if strand.school is None and not strand.school_not_applicable
                else school_cell(strand)
            )
        out.append("| " + " | ".join(cells) + " |")
    out += ["", key(framework).replace("[", "\\[").replace("]", "\\]"), ""]
    flagged = voices.flagged
    if flagged:
        out += [f"{hashes}# Worth discussing", ""]
        out += [
            f"- **{named(s.strand)} {escape(_title(framework, s.strand))}**: "
            + "; ".join(flag_text(framework, s, group, escape))
            for s in flagged
        ]
        out.append("")
    return out
