"""Where each value of a parsed document came from: the tree of positions the YAML and JSON
readers fill in, and the line and column of a character in a text."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable
from functools import cache
from typing import Any, Final, Literal

from ..errors import PathPart, Spelled, format_path

__all__ = [
    "BREAKS",
    "Breaks",
    "Key",
    "Tree",
    "format_key",
    "key_part",
    "line_column",
    "line_starts",
    "place",
    "spelled",
]

#: A path in a parsed document: its text keys (`str`), list indexes (`int`) and keys that
#: are not text (`Spelled`, equal to any spelling of the same key, never to a `str`). So a
#: text key of digits (`"7"`) is no list's place, and `"5":` and `5:` have two places.
Key = tuple[PathPart, ...]


def format_key(path: Key) -> str:
    """`path` as messages write it (`judgements["1a1"].level`, `actions[2]`, `a.7`,
    `judgements[true]`)."""
    return format_path(path)


def key_part(key: Any, written: str | None = None) -> PathPart:
    """A mapping's key as a path names it: text as it is, any other key `spelled`."""
    return key if type(key) is str else spelled(key, written)


#: How YAML writes a key that is not text, as `yaml_scalars.resolve_plain` reads it.
_SPELLING = re.compile(r"[-+.0-9A-Za-z_~]+")


def spelled(key: Any, written: str | None = None) -> Spelled:
    """The key `key` (not text: a number, `true`, `null`) as a path names it: as `written`
    in the file (`0o12`, `~`, `+3`), or where nothing usable is written (an alias, `!!null ""`)
    as YAML writes its value (`10`, `null`, `.inf`)."""
    if written is None or not _SPELLING.fullmatch(written):
        if key is None or isinstance(key, bool):
            written = str(key).lower() if key is not None else "null"
        elif isinstance(key, float) and not math.isfinite(key):
            written = ".nan" if math.isnan(key) else "-.inf" if key < 0 else ".inf"
        else:
            written = str(key)
    return Spelled(written, str(key))


class Tree:
    """Parsed data plus where each node started (0-based line, column), keyed by path.

    Positions may be found lazily: `locate(tree)` fills them on first use of `values` or
    `keys`, so that a valid file never pays for them.
    """

    __slots__ = ("_keys", "_locate", "_values", "_written", "data")

    def __init__(self, data: Any, *, locate: Callable[[Tree], object] | None = None) -> None:
        self.data = data
        self._values: dict[Key, tuple[int, int]] = {}
        self._keys: dict[Key, tuple[int, int]] = {}
        self._written: dict[Key, Spelled] = {}
        self._locate = locate

    def _located(self) -> None:
        locate, self._locate = self._locate, None
        if locate is not None:
            locate(self)

    @property
    def values(self) -> dict[Key, tuple[int, int]]:
        """Where each value (or item) starts, by its path (`Key`)."""
        if self._locate is not None:
            self._located()
        return self._values

    @property
    def keys(self) -> dict[Key, tuple[int, int]]:
        """Where each mapping key starts, by the path of its value."""
        if self._locate is not None:
            self._located()
        return self._keys

    @property
    def written(self) -> dict[Key, Spelled]:
        """Each mapping key that is not text (`true:`, `0o12:`), by the path of its value:
        as a path names it, in the file's spelling (YAML's; JSON's keys are all text). The
        path's own part is equal to any spelling: this gives the file's, found by the key."""
        if self._locate is not None:
            self._located()
        return self._written

    def __repr__(self) -> str:
        return f"Tree({self.data!r})"


#: Which line ends a place in a text counts: its reader's (`BREAKS`).
Breaks = Literal["yaml", "json", "line", "libyaml"]

#: What ends a line, for the line and column of a place, by the reader of the text. YAML's
#: and JSON's are LF, CR LF and a CR alone, as an editor counts them: a file saved with CR
#: line ends (an old Mac's) is placed line by line, not all on line 1; NEL, LS and PS are
#: characters within their line, as editors show them (and YAML 1.2 reads them; in JSON
#: they can only be inside a string). libyaml's own count (`libyaml`) also ends a line at
#: a NEL, LS or PS alone, as YAML 1.1 did: its marks are placed again as an editor counts
#: (`yaml_lines`). A line of a JSON Lines file (`line`): only LF, since only LF ends a line
#: there (a CR alone is white space within the line's JSON, and the line's number is the
#: file's).
BREAKS: Final[dict[Breaks, str]] = {
    "yaml": "\r\n|[\r\n]",
    "json": "\r\n|[\r\n]",
    "line": "\n",
    "libyaml": "\r\n|[\r\n\x85\u2028\u2029]",
}


@cache
def _breaks(breaks: Breaks) -> re.Pattern[str]:
    return re.compile(BREAKS[breaks])


def line_starts(text: str, breaks: Breaks) -> list[int]:
    """The index in `text` where each of its lines starts, its lines ended as `breaks`
    says (`BREAKS`)."""
    return [0, *(match.end() for match in _breaks(breaks).finditer(text))]


def place(starts: list[int], index: int) -> tuple[int, int]:
    """0-based line and column of the character at `index` of a text whose lines start at
    `starts` (`line_starts`): for a reader placing many characters of one text, which
    finds its lines once."""
    line = bisect.bisect_right(starts, index) - 1
    return line, index - starts[line]


def line_column(text: str, index: int, breaks: Breaks) -> tuple[int, int]:
    """1-based line and column of the character at `index` of `text`, its lines ended as
    `breaks` says (`BREAKS`)."""
    line, column = place(line_starts(text, breaks), index)
    return line + 1, column + 1


@cache
def _final_break(breaks: Breaks) -> re.Pattern[str]:
    return re.compile(f"(?:{BREAKS[breaks]})\\Z")


def within_text(text: str, place: tuple[int, int], breaks: Breaks) -> tuple[int, int]:
    """`place` (1-based line and column), or the place after the text's last character
    (before its final line end, its lines ended as `breaks` says) where `place` stands past
    it: a parser's mark at the end of a text cut short stands after its final line end, on
    a line the text does not have."""
    final = _final_break(breaks).search(text, max(len(text) - 2, 0))
    end = line_column(text, len(text) if final is None else final.start(), breaks)
    return min(place, end)
