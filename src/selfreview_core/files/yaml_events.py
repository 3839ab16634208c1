"""YAML to plain data, with the position of every node, built from parser events.

Building the tree ourselves (rather than using a constructor) is what lets us reject, with
a location: duplicate keys, any tag that is not plain data (`!!python/...`), alias bombs
(each alias costs all it repeats, in nodes and in characters of text, at the alias), nesting
beyond a limit and multi-document streams. Scalars resolve as in YAML 1.2's core schema
(`yaml_tags`, `yaml_scalars`), so `no`, `on` and `yes` stay text and dates stay strings for
pydantic to parse (and to report precisely when broken).

Most files are valid, and need no position unless a later check finds a problem: those are
read by `yaml_fast` (libyaml composes in C), and positions are found by this reader only
when one is asked for. Whatever the fast reader cannot vouch for is read here from the start.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Final

import yaml

from ..errors import Diagnostic, ParseStopped, PathPart, named_key, quoted_key
from .limits import DEFAULT_LIMITS, Limits
from .positions import Key, Tree, format_key, key_part, line_column, spelled
from .yaml_fast import UNSURE, compose_data
from .yaml_lines import Placer, editor_places, placed, syntax_error
from .yaml_tags import TAG, at_mark, forbidden_tag, scalar_value

try:  # pragma: no branch - libyaml ships in PyYAML's wheels; the fallback is pure Python
    from yaml import CSafeLoader as _Loader

    #: libyaml gives a reader error's position in bytes of UTF-8, not in characters.
    _BYTE_POSITIONS = True
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    _BYTE_POSITIONS = False

if TYPE_CHECKING:
    from .yaml_surrogates import Quoted

__all__ = ["parse_events", "parse_yaml", "read_events"]


class _Frame:
    __slots__ = ("anchor", "chars", "container", "height", "key", "mark", "part", "path", "start")

    def __init__(
        self, container: Any, path: Key, anchor: str | None, start: int, chars: int, mark: Any
    ):
        self.container = container
        self.path = path
        self.key: Any = _NO_KEY  # in a mapping: the key awaiting its value
        self.part: PathPart = "?"  # and as its value's path names it (`key_part`)
        self.anchor = anchor
        self.start = start  # the document's node count when it opened
        self.chars = chars  # the document's characters of text when it opened
        self.mark = mark
        self.height = 1  # containers nested in it, itself included (aliases too)


class _Builder:
    """An explicit stack instead of recursion: depth is checked, never a RecursionError."""

    def __init__(self, file: str, limits: Limits, place: Placer) -> None:
        self.file = file
        self.place = place  # a mark's line and column, as an editor counts lines
        self.limits = limits
        self.tree = Tree(None)
        self.errors: list[Diagnostic] = []
        #: anchor -> (value, nodes it expands to, its height, characters of text in it)
        self.anchors: dict[str, tuple[Any, int, int, int]] = {}
        self.nodes = 0
        self.chars = 0  # characters of text (keys and values) so far, aliases expanded
        self.aliases = 0  # aliases met so far
        self.stack: list[_Frame] = []

    def here(self) -> str:
        """The document path of the node being read, for a problem found in it: the
        mapping's path while a key is read (a key has no path of its own), as a duplicate
        key's problem names it."""
        if not self.stack:
            return ""
        frame = self.stack[-1]
        if isinstance(frame.container, dict) and frame.key in (_NO_KEY, _DUPLICATE):
            return format_key(frame.path)
        return format_key(self._next_path())

    def _next_path(self) -> Key:
        """The path the next node will have."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container))
        return (*frame.path, "?" if frame.key is _NO_KEY else frame.part)

    def _last(self) -> tuple[Key, bool]:
        """The path of the node just added, and whether it is a key (a duplicate's too)."""
        if not self.stack:
            return (), False
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container) - 1), False
        return (*frame.path, frame.part), frame.key is not _NO_KEY

    def _count(self, n: int, mark: Any) -> None:
        self.nodes += n
        if self.nodes > self.limits.max_nodes:
            raise ParseStopped(
                at_mark(
                    self.file,
                    mark,
                    f"the document expands to more than {self.limits.max_nodes:,} nodes",
                    "too-large",
                    "aliases that repeat aliases multiply; this looks like an alias bomb"
                    if self.aliases
                    else None,
                )
            )

    def _count_chars(self, n: int, mark: Any, alias: str | None = None) -> None:
        """Count `n` more characters of text: a scalar's, or all that an alias repeats."""
        self.chars += n
        if self.chars > self.limits.max_expanded_chars:
            raise ParseStopped(
                at_mark(
                    self.file,
                    mark,
                    "the document expands to more than "
                    f"{self.limits.max_expanded_chars:,} characters of text",
                    "too-large",
                    None
                    if alias is None
                    else f"the alias `*{alias}` repeats {n:,} characters, counted each time",
                )
            )

    def _add(self, value: Any, mark: Any, height: int, written: str | None = None) -> None:
        """Put a finished node into its parent, as an item, a key or a value (a scalar's
        text `written`, which names a key that is not text)."""
        if not self.stack:
            self.tree.values.setdefault((), self.place(mark))
            self.tree.data = value
            return
        frame = self.stack[-1]
        frame.height = max(frame.height, height + 1)
        if isinstance(frame.container, list):
            self.tree.values.setdefault(self._next_path(), self.place(mark))
            frame.container.append(value)
        elif frame.key is _NO_KEY:
            self._set_key(frame, value, mark, written)
        else:
            self.tree.values.setdefault(self._next_path(), self.place(mark))
            if frame.key is not _DUPLICATE:
                frame.container[frame.key] = value
            frame.key = _NO_KEY

    def _set_key(self, frame: _Frame, key: Any, mark: Any, written: str | None) -> None:
        frame.key = _DUPLICATE  # unless it proves usable
        frame.part = "?" if isinstance(key, dict | list) else key_part(key, written)
        if isinstance(key, float) and math.isnan(key):  # equal to nothing: no dict finds it
            message = f"{quoted_key(spelled(key, written).spelling)} (not a number) cannot be a key"
            hint = f'write it in quotes: "{written}"' if written else None
            path = format_key(frame.path)
            self.errors.append(at_mark(self.file, mark, message, "key", hint, path))
        elif isinstance(key, dict | list):
            message = "mapping keys must be plain text or numbers"
            self.errors.append(
                at_mark(self.file, mark, message, "key", path=format_key(frame.path))
            )
        elif key in frame.container:
            self.errors.append(self._duplicate(frame, key, mark, written))
        else:
            self.tree.keys[(*frame.path, frame.part)] = self.place(mark)
            if type(key) is not str:  # named as written: `true`, not `True`
                self.tree.written[(*frame.path, frame.part)] = spelled(key, written)
            frame.key = key

    def _duplicate(self, frame: _Frame, key: Any, mark: Any, written: str | None) -> Diagnostic:
        """A key already in the mapping, or one Python takes for it: `true` for `1`, `1.0`
        for `1` (YAML's keys of two types, which no dict holds both of)."""
        name = spelled(key, written).spelling if type(key) is not str else key
        first = key if type(key) is str else next(k for k in frame.container if k == key)
        at = self.tree.keys.get((*frame.path, key_part(first)))
        where = f" (first at line {at[0] + 1})" if at else ""
        message = f"{named_key('duplicate key', name)}{where}"
        if type(first) is not str:  # `0o12` for `10`, `true` for `1`: which it repeats
            first_name = self.tree.written[(*frame.path, key_part(first))].spelling
            if first_name != name:
                message = f"duplicate key {quoted_key(name)}: read as the key "
                message += f"{quoted_key(first_name)}{where}"
        return Diagnostic(
            message,
            self.file,
            mark.line + 1,
            mark.column + 1,
            format_key(frame.path),
            "each key may appear once in a mapping",
            "duplicate-key",
        )

    def _check_depth(self, height: int, mark: Any, hint: str | None = None) -> None:
        """Refuse a node `height` containers high where it would nest too deep."""
        if len(self.stack) + height > self.limits.max_depth:
            raise ParseStopped(
                at_mark(
                    self.file,
                    mark,
                    f"nested more than {self.limits.max_depth} levels deep",
                    "too-deep",
                    hint,
                )
            )

    def _open(self, container: Any, event: Any) -> None:
        mark = event.start_mark
        self._check_depth(1, mark)
        self._count(1, mark)
        path = self._next_path()
        self.tree.values.setdefault(path, self.place(mark))
        self.stack.append(_Frame(container, path, event.anchor, self.nodes, self.chars, mark))

    def _close(self) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            size = self.nodes - frame.start + 1
            chars = self.chars - frame.chars
            self.anchors[frame.anchor] = (frame.container, size, frame.height, chars)
        self._add(frame.container, frame.mark, frame.height)

    def feed(self, event: Any) -> None:
        mark = event.start_mark
        if isinstance(event, yaml.ScalarEvent):
            self._count(1, mark)
            value = scalar_value(event, self.file)
            chars = len(value) if type(value) is str else 0
            self._count_chars(chars, mark)
            if event.anchor is not None:
                self.anchors[event.anchor] = (value, 1, 0, chars)
            self._add(value, mark, 0, event.value)
        elif isinstance(event, yaml.MappingStartEvent):
            if event.tag not in (None, "!", TAG + "map"):
                raise ParseStopped(forbidden_tag(self.file, event))
            self._open({}, event)
        elif isinstance(event, yaml.SequenceStartEvent):
            if event.tag not in (None, "!", TAG + "seq"):
                raise ParseStopped(forbidden_tag(self.file, event))
            self._open([], event)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self._close()
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise ParseStopped(
                    at_mark(self.file, mark, f"unknown alias `*{event.anchor}`", "alias")
                )
            value, size, height, chars = self.anchors[event.anchor]
            self.aliases += 1
            self._count(size, mark)
            self._count_chars(chars, mark, event.anchor)
            self._check_depth(height, mark, f"counting what the alias `*{event.anchor}` repeats")
            self._add(value, mark, height)


class _Quoting(_Builder):
    """A builder that puts each double-quoted scalar it adds in `quoted` (`Quoted`): the
    reading again of a text whose escaped surrogates are mended (`yaml_surrogates`)."""

    def __init__(self, file: str, limits: Limits, place: Placer, quoted: list[Quoted]) -> None:
        super().__init__(file, limits, place)
        self.quoted = quoted

    def feed(self, event: Any) -> None:
        if not isinstance(event, yaml.ScalarEvent) or event.style != '"':
            super().feed(event)
            return
        start: Any = event.start_mark  # libyaml marks every event
        end: Any = event.end_mark
        try:
            super().feed(event)
        except ParseStopped:  # a tag it may not have: where the reading stops, told too
            frame = self.stack[-1] if self.stack else None
            key = frame is not None and type(frame.container) is dict and frame.key is _NO_KEY
            path = frame.path if frame is not None and key else self._next_path()
            self.quoted.append((start.index, end.index, path, key))
            raise
        self.quoted.append((start.index, end.index, *self._last()))


_NO_KEY: Final = object()
_DUPLICATE: Final = object()


_FRAMING = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)


def parse_yaml(
    text: str, file: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[Tree, list[Diagnostic]]:
    """Parse one YAML document into a tree and the problems found (never raises on bad input).

    After a fatal problem (a syntax error, a forbidden tag, a limit) the tree is empty and
    that problem is the only one returned (after the escaped surrogates before it, each told
    by `yaml_surrogates`). A document the fast reader vouches for has no problem; its
    positions are found by `parse_events` when first asked for.
    """
    data = compose_data(text, limits)
    if data is UNSURE:
        return parse_events(text, file, limits)

    def locate(tree: Tree) -> None:
        located = parse_events(text, file, limits)[0]
        tree.values.update(located.values)
        tree.keys.update(located.keys)
        tree.written.update(located.written)

    return Tree(data, locate=locate), []


def parse_events(
    text: str, file: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[Tree, list[Diagnostic]]:
    """`parse_yaml` from libyaml's events, recording every position as it goes: the reader
    of every text the fast reader is unsure of, and of every problem."""
    tree, problems, whole = read_events(text, file, limits)
    return (tree if whole else Tree(None)), problems


def read_events(
    text: str, file: str, limits: Limits = DEFAULT_LIMITS, quoted: list[Quoted] | None = None
) -> tuple[Tree, list[Diagnostic], bool]:
    """`parse_events`' reading: the tree as far as it was read, the problems, and whether it
    was read whole (no fatal problem). Each double-quoted scalar met is put in `quoted`,
    when given: the reading again of a text whose escaped surrogates are mended, after
    libyaml refused the first (`yaml_surrogates`)."""
    place = editor_places(text)
    builder = (
        _Builder(file, limits, place) if quoted is None else _Quoting(file, limits, place, quoted)
    )
    loader = _Loader(text)
    documents = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise ParseStopped(
                        at_mark(
                            file,
                            event.start_mark,
                            "more than one YAML document in the file",
                            "multiple-documents",
                            "put one document in each file: a framework, assessment, rule pack, "
                            "migration or plan",
                        )
                    )
            elif not isinstance(event, _FRAMING):
                builder.feed(event)
    except ParseStopped as fatal:  # found where the builder stands: name its path
        return builder.tree, placed(text, [replace(fatal.diagnostic, path=builder.here())]), False
    except yaml.MarkedYAMLError as error:
        told = None
        if quoted is None:  # not when reading a text whose surrogates are mended
            from .yaml_surrogates import escaped_surrogates  # an error's, and imports `json`

            told = escaped_surrogates(text, file, error, limits, read_events)
        return builder.tree, told or [syntax_error(text, file, error)], False
    except yaml.reader.ReaderError as error:
        position = error.position
        if _BYTE_POSITIONS:  # the character that many bytes of UTF-8 in
            position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
        line, column = line_column(text, position, "yaml")
        said = f"invalid YAML: {error.reason}"
        return builder.tree, [Diagnostic(said, file, line, column, "", None, "yaml")], False
    except yaml.YAMLError as error:  # pragma: no cover - every libyaml error is marked
        return builder.tree, [Diagnostic(f"invalid YAML: {error}", file, code="yaml")], False
    finally:
        loader.dispose()
    return builder.tree, placed(text, builder.errors), True
