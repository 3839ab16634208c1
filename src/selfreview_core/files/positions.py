"""Where each value of a parsed document came from: the tree of positions the YAML and JSON
readers fill in, and the line and column of a character in a text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import format_path

__all__ = ["Key", "Tree", "format_key", "line_column"]

#: A path in a parsed document: its keys and list indexes, as text.
Key = tuple[str, ...]


def format_key(path: Key) -> str:
    """`path` as messages write it (`judgements["1a1"].level`, `actions[2]`), a part of
    ASCII digits as a place in a list. Not any text `str.isdigit` takes: `int()` refuses
    `²` and reads `٣` as 3, so a key `³` (a file's own text) is written as the key it is."""
    return format_path(int(p) if p.isascii() and p.isdigit() else p for p in path)


class Tree:
    """Parsed data plus where each node started (0-based line, column), keyed by path.

    Positions may be found lazily: `locate(tree)` fills them on first use of `values` or
    `keys`, so that a valid file never pays for them.
    """

    __slots__ = ("_keys", "_locate", "_values", "data")

    def __init__(self, data: Any, *, locate: Callable[[Tree], object] | None = None) -> None:
        self.data = data
        self._values: dict[Key, tuple[int, int]] = {}
        self._keys: dict[Key, tuple[int, int]] = {}
        self._locate = locate

    def _located(self) -> None:
        locate, self._locate = self._locate, None
        if locate is not None:
            locate(self)

    @property
    def values(self) -> dict[Key, tuple[int, int]]:
        """Where each value (or item) starts, by its path (text keys, list indexes)."""
        if self._locate is not None:
            self._located()
        return self._values

    @property
    def keys(self) -> dict[Key, tuple[int, int]]:
        """Where each mapping key starts, by the path of its value."""
        if self._locate is not None:
            self._located()
        return self._keys

    def __repr__(self) -> str:
        return f"Tree({self.data!r})"


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of the character at `index` of `text`."""
    before = text[:index]
    line = before.count("\n") + 1
    return line, index - (before.rfind("\n") + 1) + 1
