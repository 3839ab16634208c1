"""Levels as the governors' page shows them: a colour in the scale's direction (red at the
worst, amber in the middle, green at the best), always with words beside it, so that no
reader depends on the colour; a change as an arrow and words; each award's aspect
thresholds, for the chart.
"""

from __future__ import annotations

from typing import Final

from ..escaping import shown
from ..escaping import shown_html as _e
from ..model.conditions import AllOf, Condition, Test
from ..model.framework import Framework
from ..model.questions import score_text
from ..model.scale import Scale

__all__ = [
    "aspect_thresholds",
    "change_mark",
    "cut_cell",
    "cut_shown",
    "cut_text",
    "level_chip",
    "level_colour",
    "level_words",
]

#: In a table's cell a word longer than this may break after each run of this many
#: characters (`<wbr>`): a cell is as wide as its longest word, and an id of a thousand
#: letters, cut as any text is, still pushed the table past the page's edge.
CELL_WORD: Final = 16
#: A chip whose name (level, score and label) is longer than this puts its words on a line
#: of their own in print too (class `long`), so that a table's column stays narrow.
LONG_CHIP: Final = 24
#: A level's label is cut (at a word) after this many characters: its chip never wraps.
LABEL_CHARACTERS: Final = 24

_WORST, _MIDDLE, _BEST = (0xB4, 0x23, 0x18), (0xB7, 0x79, 0x1F), (0x1A, 0x7F, 0x37)


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def level_colour(scale: Scale, level: int) -> tuple[str, str]:
    """(the colour, a pale tint of it for a background) of `level`: red at the worst level,
    amber in the middle, green at the best, whichever way the scale's numbers run."""
    progress = scale.progress(level)
    rgb = (
        _mix(_WORST, _MIDDLE, progress * 2)
        if progress <= 0.5
        else _mix(_MIDDLE, _BEST, (progress - 0.5) * 2)
    )
    return _hex(rgb), _hex(_mix(rgb, (255, 255, 255), 0.86))


def level_words(scale: Scale, level: int) -> str:
    """Where `level` stands, in words: "lowest of 5 levels", "2nd lowest of 5 levels",
    "middle of 5 levels", "2 of 6 steps up from the lowest level", "highest of 5 levels"."""
    rank, top, size = scale.rank(level), scale.size - 1, scale.size
    if rank == 0:
        return f"lowest of {size} levels"
    if rank == top:
        return f"highest of {size} levels"
    if 2 * rank == top:
        return f"middle of {size} levels"
    if rank == 1:
        return f"2nd lowest of {size} levels"
    if rank == top - 1:
        return f"2nd highest of {size} levels"
    return f"{rank} of {top} steps up from the lowest level"


def level_chip(framework: Framework, level: int | None, score: float | None = None) -> str:
    """A level's chip: colour, number and name, and its place in words; with a `score` (a
    framework with questions), the score first: `1.75 (level 1 Started)`."""
    if level is None:
        return '<span class="same">not judged</span>'
    scale = framework.scale
    colour, tint = level_colour(scale, level)
    label = scale.labels.get(level)
    label = label and cut_text(shown(label), LABEL_CHARACTERS)  # a chip is on one line
    name = f"Level {level}" + (f" {label}" if label else "")
    if score is not None:
        name = f"{score_text(score)} (level {level}" + (f" {label})" if label else ")")
    tone = "level long" if len(name) > LONG_CHIP else "level"
    return (
        f'<span class="{tone}" style="border-color:{colour};background:{tint}">{_e(name)}'
        f"<small>{_e(level_words(scale, level))}</small></span>"
    )


def change_mark(scale: Scale, old: int | None, new: int | None) -> str:
    if old is None or new is None:
        return '<span class="same">–</span>'
    steps = scale.change(old, new)
    if steps > 0:
        return f'<span class="better">▲ {steps} better</span>'
    if steps < 0:
        return f'<span class="worse">▼ {-steps} worse</span>'
    return '<span class="same">= the same</span>'


def _reached(condition: Condition) -> list[Test]:
    if isinstance(condition, Test):
        return [condition] if condition.operator[0] == "reached" else []
    if isinstance(condition, AllOf):
        return [t for child in condition.all for t in _reached(child)]
    return []  # `any` and `not` set no single threshold


def aspect_thresholds(framework: Framework) -> list[tuple[str, dict[str, int]]]:
    """(award title, aspect id -> the level it needs) for each award that names aspects in
    `reached` tests its requirement needs (not inside `any` or `not`)."""
    out = []
    for award in framework.awards:
        needs: dict[str, int] = {}
        for test in _reached(award.require):
            kind, node_id = test.subject
            if kind == "aspect":
                needs[node_id] = test.operator[1]
        if needs:
            out.append((award.title, needs))
    return out


def cut_text(text: str, limit: int) -> str:
    """`text` on one line, cut at a word to `limit` characters at most (and marked)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit + 1]  # a space just past the limit ends a word that fits
    kept = head.rsplit(" ", 1)[0] if " " in head else head[:limit]
    return kept.rstrip(",;:") + " …"


def cut_shown(text: str, limit: int) -> str:
    """`text` for the page, cut as `cut_text` does and escaped as `shown_html` does. Cut
    after its control characters are shown (`\\x07` is four characters on the page), so
    that a name made of them is no longer than any other."""
    from html import escape

    return escape(cut_text(shown(text), limit), quote=True)


def cut_cell(text: str, limit: int) -> str:
    """`text` for a table's cell: cut and escaped as `cut_shown` does, with a place to break
    (`<wbr>`) after every `CELL_WORD` characters of a longer word."""
    from html import escape

    words = cut_text(shown(text), limit).split(" ")
    return " ".join(
        "<wbr>".join(escape(w[i : i + CELL_WORD], quote=True) for i in range(0, len(w), CELL_WORD))
        for w in words
    )
