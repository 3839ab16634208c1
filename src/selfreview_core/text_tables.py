"""Text laid out for a terminal: the width to fit, headings wrapped to it, and tables
(tabulate's) whose title columns share the room the others leave. Plain text in, plain text
out, no model: every view (frameworks, reports, plans, cohorts, respondents) fits its tables
the same way, from whichever layer it is in.

Widths are counted in a terminal's cells, not in characters (`display_width`): a Chinese or
Japanese character or an emoji takes two cells, an accent drawn on the letter before it
none. tabulate aligns its columns the same way because `wcwidth` is installed with the
project (without it, tabulate counts characters and a school named in Chinese pushes its
row's later columns out of line).
"""

from __future__ import annotations

import re
import shutil
import textwrap
import unicodedata
from typing import TYPE_CHECKING, Final

from tabulate import tabulate
from wcwidth import wcswidth

from .isolates import right_to_left

#: U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, round a right-to-left
#: text (`isolated`).
FSI: Final = "\u2068"
PDI: Final = "\u2069"

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "display_width",
    "fit_heading",
    "fitted_table",
    "fitting_width",
    "isolated",
    "laid_in_columns",
    "padded",
    "terminal_width",
]


def display_width(text: str) -> int:
    """How many cells of a terminal `text` (one line, escaped) takes: two for a wide
    character (Chinese, Japanese, Korean, most emoji), none for a combining mark; its
    length if it holds a control character (`wcwidth` cannot tell then; escaped text has
    none)."""
    cells = wcswidth(text)
    return len(text) if cells < 0 else cells


def padded(text: str, width: int) -> str:
    """`text` with spaces after it to fill `width` cells (`str.ljust`, counting cells)."""
    return text + " " * (width - display_width(text))


def terminal_width() -> int:
    """The terminal's width, for tables and wrapped text (100 when it cannot tell)."""
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 140))


def fitting_width() -> int | None:
    """The width to fit tables and headings to: the terminal's (or `COLUMNS`'), None when
    the output goes to a file or a pipe, where a table is not squeezed to any width (only a
    column's own `widest`, if it has one, still wraps it: `fitted_table`). Scripts read the
    JSON or CSV formats, whose records never wrap."""
    columns = shutil.get_terminal_size((0, 0)).columns
    return max(40, min(columns, 140)) if columns > 0 else None


def fit_heading(text: str, width: int | None) -> list[str]:
    """A heading's lines: wrapped at `width`, continuations indented; one line if None. A
    right-to-left name isolated in it (`isolated`) and wrapped over two lines is closed at
    the end of the first and opened again on the next (`_isolates_closed`)."""
    if not width:
        return [text]
    lines = textwrap.wrap(text, width, subsequent_indent="  ", break_on_hyphens=False)
    return _isolates_closed(lines) if "\u2068" in text else lines


def _isolates_closed(lines: list[str]) -> list[str]:
    """`lines`, each isolate (U+2068 ... U+2069) left open at a line's end closed there
    and opened again after the next line's indent. Each line is a paragraph to the
    bidirectional algorithm: a school's name in Hebrew wrapped in a heading left its first
    line's isolate open and began the next with Hebrew letters outside any, and that line
    (the school's id, the framework) was laid out right to left (round 76). The heading's
    own isolates are the only ones in it: its texts were escaped before."""
    out = []
    opened = 0  # isolates open at the end of the line before
    for line in lines:
        if opened:
            rest = line.lstrip(" ")
            line = f"{line[: len(line) - len(rest)]}{FSI * opened}{rest}"
        opened = 0
        for char in line:
            if char == FSI:
                opened += 1
            elif char == PDI and opened:
                opened -= 1
        out.append(line + PDI * opened)
    return out


def laid_in_columns(
    fields: Sequence[str], width: int, *, field_width: int, indent: int = 2, gap: int = 3
) -> list[str]:
    """`fields` (each padded to `field_width`) in as many columns as fit `width`, one row a
    line, after `indent` spaces: the way to show a table's row when its columns cannot all
    fit. With one `field_width` for every row, a field keeps its place from row to row (the
    n-th of each row is under the n-th of the one before), so rows can still be compared
    by eye. A field wider than the room left gets a line of its own."""
    across = max(1, (width - indent + gap) // (field_width + gap))
    lines = []
    for start in range(0, len(fields), across):
        row = [padded(f, field_width) for f in fields[start : start + across]]
        lines.append((" " * indent + (" " * gap).join(row)).rstrip())
    return lines


def _natural(cells: Iterable[object]) -> int:
    return max((display_width(line) for cell in cells for line in str(cell).split("\n")), default=0)


def _unbreakable(word: str) -> int:
    """The cells of the widest part of `word` a line cannot break inside: Chinese and
    Japanese break between any two of their characters, so a title in them, which has no
    spaces, does not keep a column as wide as the whole title. Each kind of character is
    weighed once, the runs between wide ones split and summed in C: character by character
    in Python, a school id of 2,000,000 characters took four seconds of `support`'s table
    (round 63)."""
    cells = {char: display_width(char) for char in set(word)}
    wide = "".join(c for c in cells if unicodedata.east_asian_width(c) in ("W", "F") or _flag(c))
    runs = re.split(f"[{wide}]", word) if wide else [word]  # none of them special there
    return max([cells[c] for c in wide] + [sum(map(cells.__getitem__, run)) for run in runs])


def _flag(char: str) -> bool:
    """A regional indicator: two of them make a flag of two cells, each two cells alone
    (`wcwidth`), so a flag weighed as a run of them counted four (round 76)."""
    return "\U0001f1e6" <= char <= "\U0001f1ff"


def _longest_word(rows: Sequence[Sequence[object]], column: int, most: int | None) -> int:
    """The cells of the widest word in `column` that a table keeps whole: every word but
    one wider than `most` (two lines of the terminal; None: none) that is no path or link
    (has no `/` or `\\`), which is broken where its column ends. Kept whole, an action's
    title of 5,000 letters made each line of `plan --status` 5,000 cells wide, its owner,
    due date and status off the screen (round 75). A path or a link is kept whole, to be
    copied: round 74 broke every word wider than the terminal, and `config`'s path of 77
    characters at 60 columns was broken too (reverted)."""
    longest = 0
    for row in rows:
        for word in str(row[column]).split():
            cells = _unbreakable(word)
            if cells > longest and (most is None or cells <= most or "/" in word or "\\" in word):
                longest = cells
    return longest


def fitted_table(
    rows: Sequence[Sequence[object]],
    headers: Sequence[str],
    *,
    flexible: Sequence[int],
    width: int | None = None,
    widest: int | None = None,
    last_resort: Sequence[int] = (),
    tablefmt: str = "simple",
    resorted: Sequence[int] = (),
) -> str:
    """A table (tabulate's `simple` format: columns two spaces apart) that fits `width`
    (by default `fitting_width`: not fitted for a file or a pipe). The `flexible` columns
    (titles, names) are wrapped, sharing the room the others leave in proportion to their
    natural widths, each keeping at least 6 characters and its header's width, and none
    wider than `widest`, whatever the width (in a file or a pipe too: a title longer than
    `widest` takes two lines there as well). The `last_resort` columns (ids) are wrapped too
    only when the table cannot fit otherwise."""
    width = width or fitting_width()
    # tabulate gives a column at least its header's width and two more.
    natural = [
        max(_natural(row[i] for row in rows), _natural([header]) + 2)
        for i, header in enumerate(headers)
    ]
    limits: list[int | None] = [None] * len(headers)
    if widest is not None:
        for i in flexible:
            natural[i] = min(natural[i], widest)
            limits[i] = widest
    fixed = sum(w for i, w in enumerate(natural) if i not in flexible) + 2 * (len(headers) - 1)
    wanted = sum(natural[i] for i in flexible)
    if width and wanted and fixed + wanted > width:
        room = width - fixed
        # A column keeps its header, and its longest word unless it is a last resort; a
        # word over two lines wide is broken, if the other columns leave any room.
        most = 2 * width if room > 0 else None
        least = {
            i: min(natural[i], max(6, _natural([headers[i]]) + 2, _longest_word(rows, i, most)))
            for i in flexible
        }
        least.update({i: max(6, _natural([headers[i]]) + 2) for i in flexible if i in resorted})
        shares = {i: max(least[i], room * natural[i] // wanted) for i in flexible}
        while sum(shares.values()) > room:  # the least of some took more than their share
            roomiest = max(flexible, key=lambda i: shares[i] - least[i])
            if shares[roomiest] <= least[roomiest]:
                if last_resort:  # as narrow as they can be: wrap the others too
                    return fitted_table(
                        rows,
                        headers,
                        flexible=[*flexible, *last_resort],
                        width=width,
                        widest=widest,
                        tablefmt=tablefmt,
                        resorted=last_resort,
                    )
                break  # as narrow as it can be
            shares[roomiest] -= 1
        for i in flexible:
            limits[i] = shares[i]
    cells = [list(row) for row in rows]
    for row in cells:
        for i, limit in enumerate(limits):
            cell = row[i]
            if isinstance(cell, str):  # None is shown empty, a number as tabulate writes it
                if limit is not None:
                    cell = long_words_broken(cell, limit)
                row[i] = isolated(cell, limit)
    return tabulate(
        cells, headers=headers, tablefmt=tablefmt, maxcolwidths=limits, disable_numparse=True
    )


def isolated(text: str, width: int | None = None) -> str:
    """`text`, a table's cell, with each of its lines (wrapped at `width` cells as tabulate
    wraps them, when given) that holds right-to-left letters between U+2068 FIRST STRONG
    ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, both of no width; other text as it is.

    In a terminal that orders text by Unicode's bidirectional algorithm, each line is a
    paragraph: a row that begins with a school's name in Hebrew was laid out right to left
    as a whole (its columns in reverse), and a level's digits after a name in Arabic were
    drawn on the name's left, in the column before. Isolated, the cell is ordered within
    itself, and the row around it left to right. A line is isolated, not the cell: an
    isolate a table wraps over two lines would leave the first open to its line's end.
    A line that is one path or link (no space, a `/` or `\\`) is left as it is, to be
    copied as it is: the isolates would be copied with it."""
    if text.isascii() or right_to_left().search(text) is None:
        return text
    if width is not None:  # wrapped here as the table would, so each line can be closed
        text = tabulate([[text]], tablefmt="plain", maxcolwidths=[width], disable_numparse=True)
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    letters = right_to_left()
    return "\n".join(
        f"\u2068{line}\u2069" if letters.search(line) and not _PATH.fullmatch(line) else line
        for line in text.split("\n")
    )


#: One path or link: no white space, and a `/` or a `\\` (`isolated` leaves it as it is).
_PATH: Final = re.compile(r"[^\s/\\]*[/\\]\S*")


#: A word longer than this many characters is cut before a table wraps it
#: (`long_words_broken`); a shorter one is left to the table, as it always was.
LONG_WORD: Final = 10_000


def long_words_broken(text: str, width: int) -> str:
    """`text` with each word longer than `LONG_WORD` characters cut into words of `width`,
    lines of a table's column, in linear time. tabulate cuts a word too long for its column
    one character at a time, measuring the rest of the word each time: a level's descriptor
    of one 1 MB word took `show` minutes, one of 10 MB hours. Only such a word is cut (the
    table would start it on the line before, where it has room): a link keeps its lines."""
    if len(text) <= LONG_WORD:
        return text
    return re.sub(
        rf"\S{{{LONG_WORD + 1},}}",
        lambda word: " ".join(word[0][i : i + width] for i in range(0, len(word[0]), width)),
        text,
    )
