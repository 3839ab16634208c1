"""A school's reviews over the years: each aspect's level review by review.

For `report --history PATH...` (issue 17: "a school's reviews over many years (not only
`--previous`)"). The reviews, the report's own among them, must all be of one school (by id)
and of one framework version (the caller carries older versions across first, as
`Engine.migrate` does); they are put in date order. Two reviews of one date are one review
when they are the same (a file given twice) and refused when they differ: neither is
dropped in silence (the report's own review lost its column to another of its date). Each
review's aspect and overall levels are its own, as `score` gives them under the policy.

Shown as a table (`history_table`: a row per aspect and overall, a column per review) and as
an SVG line chart (`history_chart`): the worst level at the bottom and the best at the top,
whichever way the scale's numbers run, a line per aspect, each point titled with its date
and level, and each line labelled with its id and last level at its end and drawn with a dash
pattern of its own, so no line is told apart by colour alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from tabulate import tabulate

from .._names import Policy
from ..errors import HistoryError, cut
from ..escaping import shown, shown_name
from ..exporters.page import e
from ..exporters.page import n as _n
from ..model.assessment import Assessment
from ..model.framework import Framework
from ..scoring.profiles import score
from ..text_tables import isolated

__all__ = ["History", "HistoryError", "history", "history_chart", "history_html", "history_table"]


@dataclass(frozen=True, slots=True)
class History:
    """A school's reviews in date order: per aspect (and `overall`), its level in each."""

    framework: Framework
    school: str
    dates: tuple[dt.date, ...]
    #: id -> one level (or None: nothing judged under it) per review, in date order.
    levels: dict[str, tuple[int | None, ...]]
    #: (aspect id, review's place in `dates`) where none of the aspect's strands applied:
    #: its level is None there, shown `n/a`, not `-` (never judged).
    not_applicable: frozenset[tuple[str, int]] = frozenset()

    def ids(self) -> tuple[str, ...]:
        return tuple(self.levels)


def history(
    framework: Framework,
    reviews: Iterable[Assessment],
    *,
    policy: Policy = "median",
    files: Sequence[str | None] = (),
) -> History:
    """The history of one school's reviews (see the module's notes); `HistoryError` for a
    review of another school or framework version, two different reviews of one date, or
    for no review at all, naming the file of the review it stops at when `files` gives
    each review's (None for one of no file)."""
    by_date: dict[dt.date, Assessment] = {}
    school: str | None = None
    for n, review in enumerate(reviews):
        file = files[n] if n < len(files) else None
        if review.framework not in (framework.id, framework.ref):
            raise HistoryError(
                f"a review of {review.assessed_on.isoformat()} is of {review.framework}, not "
                f"of {framework.ref}",
                hint="carry it to the same version first (`selfreview migrate`)",
                code="history-framework",
                file=file,
            )
        if school is not None and review.school.id != school:
            raise HistoryError(
                f"the reviews are of more than one school: {cut(school)} and "
                f"{cut(review.school.id)}",
                hint="a history is one school's reviews",
                code="different-schools",
                file=file,
            )
        school = review.school.id
        if by_date.setdefault(review.assessed_on, review) != review:
            raise HistoryError(
                f"school {cut(school)} has two different reviews dated "
                f"{review.assessed_on.isoformat()}",
                hint="a history holds one review a date: leave one of them out",
                code="same-date",
                file=file,
            )
    if school is None:
        raise HistoryError("no review to make a history of", code="no-reviews")
    dates = tuple(sorted(by_date))
    profiles = [score(framework, by_date[day], policy) for day in dates]
    levels = {
        aspect.id: tuple(p.aspects[aspect.id] for p in profiles) for aspect in framework.aspects
    }
    levels["overall"] = tuple(p.overall for p in profiles)
    absent = frozenset(
        (aspect.id, n)
        for n, profile in enumerate(profiles)
        for aspect in framework.aspects
        if not profile.applicable(aspect.id)
    )
    return History(framework, school, dates, levels, absent)


def _cell(found: History, node_id: str, n: int, level: int | None, unjudged: str) -> str:
    """A level as the table says it: the number, `n/a` where the aspect did not apply in
    that review, `unjudged` where nothing under it was judged."""
    if level is not None:
        return str(level)
    return "n/a" if (node_id, n) in found.not_applicable else unjudged


def _title(framework: Framework, node_id: str) -> str:
    return "Overall" if node_id == "overall" else framework.get(node_id).title


def history_table(found: History) -> str:
    """A row per aspect and overall, a column per review (its date), `-` for not judged,
    `n/a` for not applicable."""
    headers = ["aspect", "title", *(day.isoformat() for day in found.dates)]
    rows = [
        [
            shown_name(node_id),
            isolated(shown(_title(found.framework, node_id), newline=False)),  # right to left
            *(_cell(found, node_id, n, level, "-") for n, level in enumerate(levels)),
        ]
        for node_id, levels in found.levels.items()
    ]
    scale = found.framework.scale
    means = ", n/a not applicable" if found.not_applicable else ""
    note = f"Levels from {scale.worst} (worst) to {scale.best} (best); - means not judged{means}."
    return tabulate(rows, headers=headers, disable_numparse=True) + f"\n\n{note}\n"


_WIDTH: Final = 720
_LEFT: Final = 60
_RIGHT: Final = 560
_TOP: Final = 20
_COLOURS: Final = ("#1f5f8b", "#b54708", "#1a7f37", "#7a3e9d", "#b42318", "#5f6b76", "#0e7490")
_DASHES: Final = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 2 1 2")


def _label_places(wanted: list[tuple[int, float]], gap: float = 12) -> dict[int, float]:
    """Where each line's end label goes: at its last point, moved down just enough that no
    two labels overlap."""
    placed: dict[int, float] = {}
    below = float("-inf")
    for n, want in sorted(wanted, key=lambda pair: (pair[1], pair[0])):
        placed[n] = max(want, below + gap)
        below = placed[n]
    return placed


def history_chart(found: History) -> str:
    """The `<svg>` line chart (see the module's notes)."""
    framework = found.framework
    scale = framework.scale
    step = 34
    height = _TOP + step * (scale.size - 1) + 60 + 12 * len(found.levels)
    count = len(found.dates)

    def x(index: int) -> float:
        return _LEFT + (_RIGHT - _LEFT) * (index / (count - 1) if count > 1 else 0.5)

    def y(level: int) -> float:  # the best level at the top
        return _TOP + step * (scale.size - 1 - scale.rank(level))

    parts = []
    for level in scale.levels:
        words = scale.labels.get(level)
        tick = f"{level}" + (
            " best" if level == scale.best else " worst" if level == scale.worst else ""
        )
        parts.append(
            f'<line x1="{_LEFT}" y1="{y(level):.1f}" x2="{_RIGHT}" y2="{y(level):.1f}" '
            f'stroke="#d5dbe1"/><text x="{_LEFT - 8}" y="{y(level) + 4:.1f}" text-anchor="end">'
            f"{e(tick)}" + (f"<title>{e(words)}</title>" if words else "") + "</text>"
        )  # the level's words: the tick's own title (a title of the chart's was never shown)
    for index, day in enumerate(found.dates):
        parts.append(
            f'<text x="{x(index):.1f}" y="{_TOP + step * (scale.size - 1) + 24}" '
            'text-anchor="middle">'
            f"{e(day.isoformat())}</text>"
        )
    labels = _label_places(
        [
            (n, y(last))
            for n, levels in enumerate(found.levels.values())
            if (last := next((lv for lv in reversed(levels) if lv is not None), None)) is not None
        ]
    )
    for n, (node_id, levels) in enumerate(found.levels.items()):
        colour = _COLOURS[n % len(_COLOURS)]
        dash = _DASHES[n % len(_DASHES)]
        width = 3 if node_id == "overall" else 1.8
        points = [(x(i), y(level)) for i, level in enumerate(levels) if level is not None]
        name = f"{shown_name(node_id)} {_title(framework, node_id)}"
        line = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        group = [f'<g class="line"><title>{e(name)}</title>']
        if len(points) > 1:
            dashed = f' stroke-dasharray="{dash}"' if dash else ""
            group.append(
                f'<polyline points="{line}" fill="none" stroke="{colour}" '
                f'stroke-width="{width}"{dashed}/>'
            )
        for i, given in enumerate(levels):
            if given is None:
                continue
            group.append(
                f'<circle cx="{x(i):.1f}" cy="{y(given):.1f}" r="4" fill="{colour}">'
                f"<title>{e(name)}, {e(found.dates[i].isoformat())}: level {given}</title>"
                "</circle>"
            )
        last = next((lv for lv in reversed(levels) if lv is not None), None)
        if last is not None:
            group.append(
                f'<text x="{_RIGHT + 12:.1f}" y="{labels[n] + 4:.1f}" fill="{colour}">'
                f"{_n(node_id)} ({last})</text>"
            )
        group.append("</g>")
        parts.append("".join(group))
    description = (
        f"Level of each aspect and overall in each of {count} reviews, the best level "
        f"({scale.best}) at the top and the worst ({scale.worst}) at the bottom."
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" '
        f'width="{_WIDTH}" height="{height}" role="img" class="history">'
        f"<title>{e(f'Reviews of school {shown_name(found.school)}')}</title>"
        f"<desc>{e(description)}</desc>"
        "<style>text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;"
        "font-size:11px;fill:#1d2329}</style>" + "".join(parts) + "</svg>"
    )


def history_html(found: History) -> str:
    """A section of a page: the chart and, for every reader, the table as HTML."""
    rows = "".join(
        f'<tr><th scope="row">{_n(node_id)} {e(_title(found.framework, node_id))}</th>'
        + "".join(
            f'<td class="num">{_cell(found, node_id, n, lv, "–")}</td>'
            for n, lv in enumerate(levels)
        )
        + "</tr>"
        for node_id, levels in found.levels.items()
    )
    head = "".join(f'<th scope="col" class="num">{e(d.isoformat())}</th>' for d in found.dates)
    return (
        '<section id="history">\n<h2>Review by review</h2>\n'
        f"<figure>{history_chart(found)}<figcaption>Each line is an aspect (the thickest "
        "overall), labelled at its end with its id and last level.</figcaption></figure>\n"
        f"<table><thead><tr><th>Aspect</th>{head}</tr></thead><tbody>{rows}</tbody></table>\n"
        "</section>\n"
    )
