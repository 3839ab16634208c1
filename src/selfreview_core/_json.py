"""JSON to plain data. The C parser does the work; positions are found only when needed.

`json.loads` is fast but knows nothing of where a value sits, so when a diagnostic needs a
location (or a key is duplicated) `scan_positions` walks the text once to map every path to
its line and column.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from ._yaml import DEFAULT_LIMITS, Key, Limits, Tree
from .errors import Diagnostic, format_path

__all__ = ["parse_json", "scan_positions"]

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null|NaN|-?Infinity")


def parse_json(
    text: str, file: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[Tree, list[Diagnostic]]:
    """Parse one JSON document; duplicate keys and excess depth are problems, as in YAML."""
    duplicated = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicated
        result = dict(items)
        duplicated = duplicated or len(result) != len(items)
        return result

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as error:
        message = f"invalid JSON: {error.msg}"
        return Tree(None), [Diagnostic(message, file, error.lineno, error.colno, code="json")]
    except RecursionError:
        line, column = _deep_position(text, limits.max_depth)
        message = f"nested more than {limits.max_depth} levels deep"
        return Tree(None), [Diagnostic(message, file, line, column, code="too-deep")]
    tree = Tree(data)
    problems = scan_positions(text, file, tree) if duplicated else []
    depth_problem = _too_deep(data, limits.max_depth)
    if depth_problem is not None:
        if not tree.values:
            scan_positions(text, file, tree)
        line, column = tree.values.get(depth_problem, (None, None))
        message = f"nested more than {limits.max_depth} levels deep"
        diagnostic = Diagnostic(
            message,
            file,
            None if line is None else line + 1,
            None if column is None else column + 1,
            code="too-deep",
        )
        return Tree(None), [diagnostic]
    return tree, problems


_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def _deep_position(text: str, max_depth: int) -> tuple[int | None, int | None]:
    """1-based line and column of the first bracket nested deeper than `max_depth`."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > max_depth:
                before = text[: match.start()]
                return before.count("\n") + 1, match.start() - before.rfind("\n")
        elif token in "]}":
            depth -= 1
    return None, None


def _too_deep(data: Any, max_depth: int) -> Key | None:
    stack: list[tuple[Any, Key]] = [(data, ())]
    while stack:
        node, path = stack.pop()
        if len(path) >= max_depth and isinstance(node, dict | list):
            return path
        if isinstance(node, dict):
            stack.extend((v, (*path, str(k))) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, (*path, str(i))) for i, v in enumerate(node))
    return None


def scan_positions(text: str, file: str, tree: Tree) -> list[Diagnostic]:
    """Fill `tree.values` and `tree.keys` (0-based positions) for text `json.loads` accepted.

    Returns a diagnostic for each duplicated key.
    """
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(index: int) -> tuple[int, int]:
        line = bisect.bisect_right(line_starts, index) - 1
        return line, index - line_starts[line]

    problems: list[Diagnostic] = []
    # Frames: (path, is_object, keys seen, next index)
    stack: list[tuple[Key, bool, set[str], list[int]]] = []
    i = _WS.match(text, 0).end()  # type: ignore[union-attr]  # `*` always matches
    path: Key = ()
    while True:
        tree.values.setdefault(path, position(i))
        char = text[i]
        if char in "{[":
            i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
            is_object = char == "{"
            if text[i] in "}]":
                i += 1
            else:
                stack.append((path, is_object, set(), [0]))
                if is_object:
                    i, path = _key(text, i, stack[-1], position, tree, problems, file)
                else:
                    path = (*path, "0")
                continue
        elif char == '"':
            i = _STRING.match(text, i).end()  # type: ignore[union-attr]
        else:
            i = _SCALAR.match(text, i).end()  # type: ignore[union-attr]
        # After a value: a comma (next member) or the end of one or more containers.
        while stack:
            i = _WS.match(text, i).end()  # type: ignore[union-attr]
            parent_path, is_object, _, counter = stack[-1]
            if text[i] == ",":
                i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
                counter[0] += 1
                if is_object:
                    i, path = _key(text, i, stack[-1], position, tree, problems, file)
                else:
                    path = (*parent_path, str(counter[0]))
                break
            i += 1  # the closing bracket
            stack.pop()
        else:
            return problems


def _key(
    text: str,
    i: int,
    frame: tuple[Key, bool, set[str], list[int]],
    position: Any,
    tree: Tree,
    problems: list[Diagnostic],
    file: str,
) -> tuple[int, Key]:
    """Read `"key" :` at `i`; return the index of the value and its path."""
    match = _STRING.match(text, i)
    assert match is not None  # the text parsed as JSON
    key = json.loads(match.group())
    parent, _, seen, _ = frame
    line, column = position(i)
    if key in seen:
        problems.append(
            Diagnostic(
                f"duplicate key `{key}`",
                file,
                line + 1,
                column + 1,
                format_path(int(p) if p.isdigit() else p for p in parent),
                "each key may appear once in an object",
                "duplicate-key",
            )
        )
    seen.add(key)
    tree.keys.setdefault((*parent, key), (line, column))
    i = _WS.match(text, match.end()).end()  # type: ignore[union-attr]
    i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]  # past the colon
    return i, (*parent, key)
