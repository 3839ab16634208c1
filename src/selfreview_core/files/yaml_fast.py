"""A fast reader for valid YAML: libyaml composes the document in C, one walk builds values.

The event reader (`yaml_events.parse_yaml`) builds every value from libyaml's events in Python so
that it can record positions and refuse hostile input with a location; that costs about
2 µs an event. Valid files, the common case, need neither: here libyaml's own composer
builds the node graph and a single walk turns it into dicts, lists and scalars. This reader
never reports a problem. Wherever it cannot vouch for the result (a syntax error, any tag,
an alias of a mapping or list, a duplicate or non-text key, a limit reached, aliases of text
that expand past `Limits.max_expanded_chars`, a text that might nest deeper than libyaml's
recursive composer can take) it answers `UNSURE` and the
event reader parses the text instead, so that every diagnostic comes from one place and is
exactly what it was. Positions are found only when a diagnostic needs one (`positions.Tree`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import NotSure, TooLong
from .yaml_scalars import resolve_plain

if TYPE_CHECKING:
    from .limits import Limits

try:  # pragma: no branch - libyaml ships in PyYAML's wheels
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover
    _CParser = None  # type: ignore[assignment,misc]

__all__ = ["MAX_CHARS", "MAX_NESTING", "UNSURE", "compose_data", "may_nest_deeper", "text_size"]

#: The answer when the event reader must decide.
UNSURE: Final = object()
#: Longer texts go to the event reader: at worst libyaml's nodes and their marks take about
#: 300 bytes for each character of text while they are walked.
MAX_CHARS: Final = 256 * 1024
#: libyaml's composer recurses in C (about 350 bytes of stack a level) with no limit of its
#: own: 100,000 nested brackets crash the process. Only texts that cannot nest deeper than
#: this are composed (a tenth of a 2 MB stack; far beyond `Limits.max_depth`).
MAX_NESTING: Final = 500

# Tags the resolver gives untagged nodes. Compared by identity: a tag written in the text
# is a new string, never one of these.
_PLAIN: Final = "\0plain"
_TEXT: Final = "\0text"
_SEQ: Final = "\0seq"
_MAP: Final = "\0map"


#: What may be the non-specific tag `!` (alone, before a value): the composer cannot tell
#: `! 12` from `12`, so such a text is left to the event reader. That includes a `!` right
#: after the colon of a quoted key in a flow mapping (`{"a":! 12}`: JSON's spacing). An
#: exclamation mark in prose (`well done! staff`) follows a letter, and is not matched.
_NON_SPECIFIC: Final = re.compile(r"(?:^|[ \t\[{,:])!(?:[ \t\r\n,\]}]|$)", re.MULTILINE)


def may_nest_deeper(text: str, depth: int) -> bool:
    """False only when `text` certainly nests no deeper than `depth` as YAML.

    Three bounds, any one enough. Every mapping or list needs an indicator of its own (`-`,
    `?`, `:`, `[` or `{`), so depth is at most their number. And block collections nest by
    indentation, which libyaml keeps as a stack of strictly increasing columns (a list may
    share its mapping's column): at most two levels for each column of the longest line;
    flow collections add at most two levels for each `[` (a one-pair mapping in a list) and
    one for each `{`.
    """
    brackets = 2 * text.count("[") + text.count("{")
    lines = text.split("\n")
    longest = max(map(len, lines))
    if 2 * (longest + 1) + brackets + 1 <= depth:
        return False
    if sum(map(text.count, "-?:")) + brackets + 1 <= depth:
        return False
    # A third bound, for long lines (paragraphs of evidence) in long documents, which the
    # two above leave to the slow reader: a line's nodes sit inside at most two levels for
    # each column of its indentation, and each level opened on the line itself needs an
    # indicator of its own on it.
    deepest = max(
        2 * (len(line) - len(line.lstrip(" ")) + 1) + sum(map(line.count, "-?:")) for line in lines
    )
    return deepest + brackets + 1 > depth


if _CParser is not None:

    class _Composer(_CParser):
        """libyaml's composer with a resolver that only says whether a scalar was plain.

        The C composer calls `resolve` for every node without a tag (or with `!`), and the
        path resolvers, which nothing here uses.
        """

        def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
            if kind is ScalarNode:
                return _PLAIN if implicit[0] else _TEXT
            return _SEQ if kind is SequenceNode else _MAP

        def descend_resolver(self, parent: Node | None, index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass


def compose_data(text: str, limits: Limits) -> Any:
    """The data of one YAML document, exactly as the event reader would build it, or
    `UNSURE` when that reader must parse `text` itself."""
    if _CParser is None or len(text) > MAX_CHARS or may_nest_deeper(text, MAX_NESTING):
        return UNSURE
    if _NON_SPECIFIC.search(text):  # `! 12` is text, but libyaml resolves it as `12`
        return UNSURE
    parser = _Composer(text)
    try:
        root = parser.get_single_node()
    except Exception:  # invalid YAML, more than one document, an anchor defined twice ...
        return UNSURE
    finally:
        parser.dispose()
    if root is None:  # no document at all
        return UNSURE
    try:
        data = _walk(root, limits.max_depth, limits.max_nodes)
    except (NotSure, TooLong, RecursionError):
        return UNSURE
    # Only aliases make a document longer than its text (no value is longer than the text
    # that writes it), and every alias is written with a `*`.
    chars = limits.max_expanded_chars
    if ("*" in text or len(text) > chars) and text_size(data, chars) > chars:
        return UNSURE
    return data


def text_size(data: Any, limit: int) -> int:
    """The characters of text (keys and values; not numbers) in `data`, counting each
    time a value appears; counting stops once past `limit`. As `Limits` counts them."""
    size = 0
    stack = [data]
    while stack and size <= limit:
        node = stack.pop()
        if type(node) is str:
            size += len(node)
        elif type(node) is dict:
            size += sum(len(key) for key in node if type(key) is str)
            stack.extend(node.values())
        elif type(node) is list:
            stack.extend(node)
    return size


def _scalar(node: Node) -> Any:
    tag = node.tag
    if tag is _TEXT:
        return node.value
    if tag is _PLAIN:  # `! "x"` is "plain" to libyaml too: only its style says quoted
        quoted = node.style  # type: ignore[attr-defined]  # only scalars are _PLAIN
        return node.value if quoted else resolve_plain(node.value)
    raise NotSure  # a tag, or a mapping or list where a scalar must be


def _walk(root: Node, max_depth: int, max_nodes: int) -> Any:
    """Values from the node graph, refusing (`NotSure`) whatever the event reader would
    report or treat specially. Nodes are counted as it counts them."""
    seen: set[int] = set()  # collections met: meeting one again means an alias
    count = 1

    def value(node: Node, depth: int) -> Any:
        nonlocal count
        tag = node.tag
        if tag is _TEXT:
            return node.value
        if tag is not _MAP and tag is not _SEQ:
            return _scalar(node)
        items = node.value
        count += len(items) * (2 if tag is _MAP else 1)
        if count > max_nodes or depth >= max_depth or id(node) in seen:
            raise NotSure
        seen.add(id(node))
        depth += 1
        if tag is _SEQ:
            return [item.value if item.tag is _TEXT else value(item, depth) for item in items]
        result: dict[Any, Any] = {}
        for key_node, value_node in items:
            key = key_node.value if key_node.tag is _TEXT else _scalar(key_node)
            if type(key) is not str and key != key:  # NaN: no key can be found again
                raise NotSure
            result[key] = value_node.value if value_node.tag is _TEXT else value(value_node, depth)
        if len(result) != len(items):  # a duplicate key (`1`, `1.0` and `true` included)
            raise NotSure
        return result

    assert isinstance(root, ScalarNode | SequenceNode | MappingNode)
    return value(root, 0)
