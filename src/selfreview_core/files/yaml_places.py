"""A YAML document's comments put back into a new text of it written afresh.

`assess` writes a review afresh at each save, and the comments a school typed into it by
hand (its header says it may be edited) belong to its entries: a comment on its own lines
before a key or a list's item goes with that entry, and one at a line's end after a key or
a scalar value goes with that key or value. Each is put back by its entry's path
(`judgements`, `1a1`, `evidence`) in the new text: before the entry's line, indented as it
is, or at the end of the line its value ends on. A comment without a sure place (inside a
flow collection, between a key and its value, by an entry the new text lacks, a second one
for the same line's end) is left out, for the caller to find with `lost_comments`; so is
every comment, if the text with them would not read exactly as the new text does.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import yaml

from .yaml_comments import Loader, comment_spans

__all__ = ["put_back"]

EntryPath = tuple[str | int, ...]

_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_END = "end"  # the place after the document's last entry


@dataclass(slots=True)
class _Entries:
    """Where a text's entries are, by the character index libyaml gives."""

    starts: dict[int, EntryPath] = field(default_factory=dict)  # an entry's first character
    ends: list[tuple[int, EntryPath]] = field(default_factory=list)  # a key's, a value's end
    flows: list[tuple[int, int]] = field(default_factory=list)  # no comment belongs there
    #: Between a key and its scalar value: no line of its own belongs there.
    gaps: list[tuple[int, int]] = field(default_factory=list)
    #: Where a comment goes by the entry of `path`: before its line, at its line's end.
    before: dict[EntryPath, int] = field(default_factory=dict)
    after: dict[EntryPath, int] = field(default_factory=dict)

    def walk(self, node: yaml.Node, path: EntryPath) -> None:
        if isinstance(node, yaml.CollectionNode) and node.flow_style:  # `{...}`, `[...]`: whole
            self.flows.append((node.start_mark.index, node.end_mark.index))
            return
        if isinstance(node, yaml.MappingNode):
            pairs = [(k.value, k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]
            for name, key, value in pairs:
                self.entry((*path, name), key, value)
        elif isinstance(node, yaml.SequenceNode):
            for number, item in enumerate(node.value):
                self.entry((*path, number), item, item)

    def entry(self, path: EntryPath, first: yaml.Node, value: yaml.Node) -> None:
        """An entry: a key (`first`) and its value, or a list's item (`first` is `value`)."""
        self.starts.setdefault(first.start_mark.index, path)  # `- a:`: the item, not `a`
        self.before[path] = first.start_mark.index
        block = isinstance(value, yaml.ScalarNode) and value.style in ("|", ">")
        nested = isinstance(value, yaml.CollectionNode) and not value.flow_style
        if first is not value:
            self.ends.append((first.end_mark.index, path))
            if not nested and not block:  # a comment between the key and its value
                self.gaps.append((first.end_mark.index, value.start_mark.index))
        if block:  # the comment follows the `|` on the key's line
            self.after[path] = value.start_mark.index
        elif nested:
            self.after[path] = first.end_mark.index if first is not value else -1
        else:
            self.ends.append((value.end_mark.index, path))
            self.after[path] = value.end_mark.index
        self.walk(value, path)


def _line(text: str, index: int) -> int:
    """Where the line holding `index` starts."""
    return max((m.end() for m in _BREAK.finditer(text, 0, index)), default=0)


def _end(text: str, index: int) -> int:
    """Where the line holding `index` ends (its line break, or the text's end)."""
    found = _BREAK.search(text, index)
    return found.start() if found else len(text)


def _entries(text: str) -> _Entries:
    entries = _Entries()
    node = yaml.compose(text, Loader=Loader)
    if node is not None:
        entries.walk(node, ())
    return entries


def _place(text: str, entries: _Entries, index: int) -> tuple[EntryPath | str, bool] | None:
    """The entry the comment at `index` goes with, and whether at its line's end; None if
    it has no sure place."""
    if any(start < index < end for start, end in entries.flows):
        return None
    line = _line(text, index)
    if text[line:index].strip():  # at a line's end: by the key or value it follows there
        ended = [(end, path) for end, path in entries.ends if line <= end <= index]
        return (max(ended)[1], True) if ended else None
    if any(start < index < end for start, end in entries.gaps):
        return None
    following = [start for start in entries.starts if start > index]
    return (entries.starts[min(following)] if following else _END), False


def put_back(before: str, after: str) -> str:
    """`after` (a new text of the document in `before`, written afresh) with the comments
    of `before` it lacks put back where they belong; those without a sure place left out."""
    before = before.removeprefix("\ufeff")  # libyaml's indexes do not count the mark
    try:
        old, new = _entries(before), _entries(after)
    except yaml.YAMLError:
        return after
    have = Counter(text for _, text in comment_spans(after))
    lines: dict[EntryPath | str, list[str]] = {}
    ends: dict[EntryPath, str] = {}
    for index, comment in comment_spans(before):
        if have[comment] > 0:  # the new text's own (its header), or one already there
            have[comment] -= 1
            continue
        found = _place(before, old, index)
        if found is None:
            continue
        path, at_end = found
        if not at_end:
            lines.setdefault(path, []).append(comment)
        elif isinstance(path, tuple) and new.after.get(path, -1) >= 0:
            ends.setdefault(path, comment)  # a second one for the same line is left out
    eol = m.group() if (m := _BREAK.search(after)) else "\n"  # the new text's line end
    commented = {_end(after, index) for index, _ in comment_spans(after)}
    inserts: list[tuple[int, int, str]] = []
    for path, comment in ends.items():
        if (end := _end(after, new.after[path])) not in commented:
            inserts.append((end, 1, f"  {comment}"))
    for where, comments in lines.items():
        if where == _END:
            tail = eol if after and _end(after, len(after) - 1) == len(after) else ""
            inserts.append((len(after), 2, tail + "".join(c + eol for c in comments)))
        elif where in new.before:
            start = _line(after, new.before[where])
            indent = after[start : new.before[where]]
            indent = indent[: len(indent) - len(indent.lstrip(" "))]
            inserts.append((start, 0, "".join(indent + c + eol for c in comments)))
    text = after
    for index, _, insert in sorted(inserts, reverse=True):
        text = text[:index] + insert + text[index:]
    try:
        same = yaml.load(text, Loader=Loader) == yaml.load(after, Loader=Loader)
    except yaml.YAMLError:
        same = False
    return text if same else after
