"""JSON to plain data. The C parser does the work; positions are found only when needed.

`json.loads` is fast but knows nothing of where a value sits, so when a diagnostic needs a
location (or a key is duplicated) `scan_positions` walks the text once to map every path to
its line and column: the tree finds them on first use (`Tree(..., locate=...)`). What the
parser cannot locate at all (an integer too long to read, a lone surrogate, too much depth
or text) is found by `json_problems`.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any, Final

from ..errors import Diagnostic, named_key
from .json_problems import (
    deep_position,
    deepest,
    encodable,
    located,
    lone_surrogates,
    long_number,
    past_text_limit,
    surrogate_escape,
    too_deep,
)
from .limits import DEFAULT_LIMITS, Limits
from .positions import Breaks, Key, Tree, format_key, line_column, line_starts, place

__all__ = ["key_count", "parse_json", "quick_json", "quick_text", "scan_positions"]


@cache
def _scanner() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """`scan_positions`' patterns (white space, a string, any other scalar), and each of
    the others below, compiled on first use: only a diagnostic, a duplicate key or a bad
    text needs them, and a batch of valid JSON Lines none (a command's start-up)."""
    return (
        re.compile(r"[ \t\n\r]*"),
        re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL),
        re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null|NaN|-?Infinity"),
    )


#: The hint for text after a JSON document's end.
_ONE_DOCUMENT: Final = "one document to a file, or to a line of JSON Lines (.jsonl)"


def _syntax_message(error: json.JSONDecodeError) -> str:
    """The parser's words, finished: two of them end in "at" and wait for the place, which
    the diagnostic gives as line and column; a control character is named, with its escape;
    a byte order mark the reader left (a file's second) is named, not told how to decode."""
    if error.msg.startswith("Invalid control character"):
        code = ord(error.doc[error.pos])
        return f"control character U+{code:04X} inside a string (write it as \\u{code:04x})"
    if error.msg == "Unterminated string starting at":
        return "a string starts here and is never closed"
    if error.msg == "Extra data":  # a second document, or anything after the first
        return "more after the end of the document"
    if error.msg.startswith("Unexpected UTF-8 BOM"):  # "(decode using utf-8-sig)": Python's
        return "a byte order mark (U+FEFF) where the document begins (a file may have one, once)"
    return error.msg


def _cut_short(error: json.JSONDecodeError) -> json.JSONDecodeError:
    """The parser's error for a text that ends before its document does, as the text
    without its final line end gives it: the same for a JSON Lines line cut short whether
    an LF ends it or the file does. With its LF, `{"level": 3` was placed past the LF (the
    next line of the text parsed, so column 1 of the file's line), and `{"name": "Our`
    said its LF was a control character in the string; the last line of a file, with no
    LF, is placed after its last character, or says the string starts there and is never
    closed. An error before the final line end is the text's own (the parser has not yet
    reached it; a backslash just before it escapes it)."""
    text = error.doc
    content = text.removesuffix("\n").removesuffix("\r")
    if len(content) == len(text) or error.pos < len(content) - 1:
        return error
    try:
        json.loads(content)
    except json.JSONDecodeError as cut:
        return cut
    return error  # pragma: no cover - no line end completes a document it ends


def _control_path(error: json.JSONDecodeError, here: tuple[int, int], breaks: Breaks) -> str:
    """The document path of the string a raw control character is in, where that is all
    that is wrong with the text (so a parser that lets them through reads it): a tab pasted
    into a school's name is then placed at `school.name`. Otherwise no path (""). `here`:
    the error's 1-based line and column, its lines ended as `breaks` says."""
    if not error.msg.startswith("Invalid control character"):
        return ""
    try:
        json.loads(error.doc, strict=False)
    except (ValueError, RecursionError):
        return ""
    tree = Tree(None)
    scan_positions(error.doc, "", tree, breaks)
    at = (here[0] - 1, here[1] - 1)
    places = [*tree.values.items(), *tree.keys.items()]
    path = max((place for place in places if place[1] <= at), key=lambda place: place[1])[0]
    return format_key(path)


def parse_json(
    text: str, file: str, limits: Limits = DEFAULT_LIMITS, *, breaks: Breaks = "json"
) -> tuple[Tree, list[Diagnostic]]:
    """Parse one JSON document; duplicate keys and excess depth are problems, as in YAML.
    Places count the line ends `breaks` names (`positions.BREAKS`): the parser's own count
    only LF, and a file saved with CR line ends would be all line 1."""
    duplicated = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicated
        result = dict(items)
        duplicated = duplicated or len(result) != len(items)
        return result

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as raised:
        error = _cut_short(raised)
        here = line_column(text, error.pos, breaks)  # the parser's `lineno` counts LF only
        message = f"invalid JSON: {_syntax_message(error)}"
        where = _control_path(error, here, breaks)
        hint = _ONE_DOCUMENT if error.msg == "Extra data" else None
        return Tree(None), [Diagnostic(message, file, *here, where, hint, "json")]
    except ValueError:  # an integer longer than `sys.get_int_max_str_digits()` allows
        return Tree(None), [long_number(text, file, breaks)]
    except RecursionError:
        line, column = deep_position(text, limits.max_depth, breaks)
        message = f"nested more than {limits.max_depth} levels deep"
        if line is None:  # a limit raised past what the parser's stack can follow
            depth, line, column = deepest(text, breaks)
            message = f"nested {depth:,} levels deep, more than the JSON reader can follow"
        return Tree(None), [Diagnostic(message, file, line, column, code="too-deep")]
    if duplicated:  # each duplicate is a located problem: positions now
        tree = Tree(data)
        problems = scan_positions(text, file, tree, breaks)
    else:  # positions when a diagnostic first asks for one
        tree, problems = Tree(data, locate=lambda t: scan_positions(text, file, t, breaks)), []
    if surrogate_escape().search(text):
        surrogates = lone_surrogates(data, file, tree)
        if surrogates:  # with the duplicate keys found, none lost, in the order of the text
            found = [*problems, *surrogates]
            return Tree(None), sorted(found, key=lambda d: (d.line is None, d.line, d.column))
    depth_problem = too_deep(data, limits.max_depth)
    if depth_problem is not None:
        message = f"nested more than {limits.max_depth} levels deep"
        return Tree(None), [located(message, file, tree.values, depth_problem, "too-deep")]
    # No text in JSON is longer than the text that writes it (there are no aliases):
    # only a text longer than the limit needs counting.
    if len(text) > limits.max_expanded_chars:
        over = past_text_limit(data, limits.max_expanded_chars)
        if over is not None:
            path, is_key = over
            message = (
                "the document expands to more than "
                f"{limits.max_expanded_chars:,} characters of text"
            )
            positions = tree.keys if is_key else tree.values
            return Tree(None), [located(message, file, positions, path, "too-large")]
    return tree, problems


def _unique(items: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object's keys, each once; a key given twice leaves the document to `parse_json`
    (`ValueError`, which `quick_json` takes as "not on the quick path")."""
    result = dict(items)
    if len(result) != len(items):
        raise ValueError("a duplicate key")
    return result


def quick_json(raw: str | bytes, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any] | None:
    """The object a JSON document holds when `parse_json` would find no problem in it;
    None for anything else (then `parse_json` says what, where). The valid path of every
    JSON and JSON Lines input: the C parser and a few scans of the text in C, no walk of
    the data in Python. Depth is guarded by counting brackets, an upper bound of the
    nesting: only a document with more than `max_depth` of them is left to the walk."""
    text = quick_text(raw, limits)
    if text is None:
        return None
    try:
        data = json.loads(text, object_pairs_hook=_unique)
    except (ValueError, RecursionError):
        return None
    return data if type(data) is dict else None


def quick_text(
    raw: str | bytes, limits: Limits = DEFAULT_LIMITS, *, nesting: int | None = None
) -> str | None:
    """The text of a document `parse_json` would find no problem in, if it is JSON at all:
    None when it might (too large, too many brackets for the depth limit, not UTF-8, a NUL,
    an escaped lone surrogate), which only `parse_json` then says. Checks of the text in C:
    what `quick_json` and a validating decoder (`Assessment.model_validate_json`) read.

    `nesting`: the deepest a document the caller's decoder accepts can nest (an
    assessment's schema has no free-form value), given when that decoder validates: within
    the depth limit, the brackets need not be counted, since anything deeper is refused by
    the decoder and goes the located way."""
    if isinstance(raw, bytes):
        if len(raw) > limits.max_bytes or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return None
        if raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark, as `utf-8-sig` drops
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")  # the C codec: `utf-8-sig` decodes in Python
        except UnicodeDecodeError:
            return None
    else:
        text = raw
        if len(text) > limits.max_bytes or (not text.isascii() and not encodable(text)):
            return None
    # A NUL is one in the bytes and in the text; `in` of one character is a `memchr`, where
    # `str.count` walks the text: a backslash is rare, so the pattern is seldom searched.
    if (
        len(text) > limits.max_expanded_chars
        or "\x00" in text
        or ("\\" in text and surrogate_escape().search(text))
        or (
            (nesting is None or nesting > limits.max_depth)
            and text.count("{") + text.count("[") > limits.max_depth
        )
    ):
        return None
    return text


def key_count(text: str) -> int | None:
    """At least as many as the keys the objects of valid JSON `text` write, duplicates
    included, and exactly as many when no string in it holds `":`; None when a key may
    have space before its colon (then it cannot be counted this way).

    A key is a string followed by its colon: with no space before any colon, each key
    writes `":` once, and a string can only add to that (one that starts with a colon, or
    holds an escaped quote before one). A decoder that keeps the last of a duplicated
    key's values (pydantic's, msgspec, orjson) gives fewer keys than are written: a count
    equal to this one is of a document with no duplicate, found without a hook per object
    or a walk of the text."""
    if " :" in text or "\n:" in text or "\t:" in text or "\r:" in text:
        return None
    return text.count('":')


def scan_positions(text: str, file: str, tree: Tree, breaks: Breaks = "json") -> list[Diagnostic]:
    """Fill `tree.values` and `tree.keys` (0-based positions, its lines ended as `breaks`
    says) for text `json.loads` accepted.

    Returns a diagnostic for each duplicated key.
    """
    starts = line_starts(text, breaks)  # each place found by `place`, as every reader's

    problems: list[Diagnostic] = []
    # Frames: (path, is_object, keys seen, next index)
    stack: list[tuple[Key, bool, set[str], list[int]]] = []
    ws, string, scalar = _scanner()
    i = ws.match(text, 0).end()  # type: ignore[union-attr]  # `*` always matches
    path: Key = ()
    while True:
        tree.values.setdefault(path, place(starts, i))
        char = text[i]
        if char in "{[":
            i = ws.match(text, i + 1).end()  # type: ignore[union-attr]
            is_object = char == "{"
            if text[i] in "}]":
                i += 1
            else:
                stack.append((path, is_object, set(), [0]))
                if is_object:
                    i, path = _key(text, i, stack[-1], starts, tree, problems, file)
                else:
                    path = (*path, 0)
                continue
        elif char == '"':
            i = string.match(text, i).end()  # type: ignore[union-attr]
        else:
            i = scalar.match(text, i).end()  # type: ignore[union-attr]
        # After a value: a comma (next member) or the end of one or more containers.
        while stack:
            i = ws.match(text, i).end()  # type: ignore[union-attr]
            parent_path, is_object, _, counter = stack[-1]
            if text[i] == ",":
                i = ws.match(text, i + 1).end()  # type: ignore[union-attr]
                counter[0] += 1
                if is_object:
                    i, path = _key(text, i, stack[-1], starts, tree, problems, file)
                else:
                    path = (*parent_path, counter[0])
                break
            i += 1  # the closing bracket
            stack.pop()
        else:
            return problems


def _key(
    text: str,
    i: int,
    frame: tuple[Key, bool, set[str], list[int]],
    starts: list[int],
    tree: Tree,
    problems: list[Diagnostic],
    file: str,
) -> tuple[int, Key]:
    """Read `"key" :` at `i` (its lines starting at `starts`); return the index of the value
    and its path."""
    ws, string, _ = _scanner()
    match = string.match(text, i)
    assert match is not None  # the text parsed as JSON
    key = json.loads(match.group(), strict=False)  # raw control characters: `_control_path`
    parent, _, seen, _ = frame
    line, column = place(starts, i)
    if key in seen:
        problems.append(
            Diagnostic(
                named_key("duplicate key", key),
                file,
                line + 1,
                column + 1,
                format_key(parent),
                "each key may appear once in an object",
                "duplicate-key",
            )
        )
    seen.add(key)
    tree.keys.setdefault((*parent, key), (line, column))
    i = ws.match(text, match.end()).end()  # type: ignore[union-attr]
    i = ws.match(text, i + 1).end()  # type: ignore[union-attr]  # past the colon
    return i, (*parent, key)
