"""Plan files: a new plan written out, and actions added to a plan the school has edited.

Adding writes the new actions' text in after the school's last action and changes no other
byte of the file, so its comments, notes, quoting, anchors, layout and line ends stay as they
were. Nothing is written unless the new text reads back (with our own loader) as exactly the
old plan plus the new actions, and keeps every comment the old text had; the write itself is
atomic.
"""

from __future__ import annotations

import codecs
import io
import itertools
import json
import os
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any, cast

import yaml

# `_Dumper` quotes what our reader would read as other than text; `dump_yaml` always writes
# block style, and a plan reads better with each action's targets and baseline on one line.
from ..dump import _Dumper, dump_json, is_json_name, to_data, write_atomic
from ..errors import SelfReviewError
from ..escaping import shown, shown_json
from ..files.limits import readable_back
from ..files.source import Source, parse_text, read_bytes
from ..files.yaml_comments import Loader, comments
from ..loader import FrameworkLookup, plan_from
from ..model.plan import Action, Plan
from ..outputs.writing import write_new

__all__ = ["add_actions", "append_actions", "comments", "plan_text", "write_plan"]

PathLike = str | os.PathLike[str]
#: PyYAML folds text longer than its width over lines; a new action's long title stays whole.
_WIDTH = 1 << 30


def plan_text(plan: Plan, *, json_format: bool = False, schema: str | None = None) -> str:
    """A new plan as a file holds it: YAML with a comment saying how to edit it (and the
    `$schema` line an editor reads, when `schema` is given), or JSON."""
    if json_format:
        return dump_json(plan) + "\n"
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    made = plan.made_from
    # A comment is one line: a file name holding a line break would start a key of its own.
    where = f" from {shown(made.file, newline=False)}" if made is not None and made.file else ""
    lines += [
        f"# An action plan made by `selfreview plan`{where} on {plan.created_on.isoformat()}.",
        "# Edit it by hand: give each action an `owner:` and a `due:` date (YYYY-MM-DD), move",
        "# its `status:` from planned to doing, done or dropped, and add `notes:`. Comments stay.",
        "# `selfreview plan --status PLAN --review LATER-REVIEW` shows how it is going.",
    ]
    body = yaml.dump(
        to_data(plan),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=None,  # lists and mappings of plain values on one line
        width=88,
    )
    return "\n".join(lines) + "\n" + shown_json(body)  # as `dump_yaml`: no control raw


def write_plan(path: PathLike, plan: Plan, *, schema: str | None = None) -> None:
    """Write a new plan file whole (JSON for a `.json` name, YAML otherwise), never over a
    file: `FileExistsError` if one is there, even one another program made a moment ago
    (`write_new`)."""
    text = plan_text(plan, json_format=is_json_name(os.fspath(path)), schema=schema)
    # Never one no command could read back (`OSError`, `EFBIG`): an owner of 11 MB pasted at
    # `plan -i`'s question made a plan `plan --status` then refused.
    write_new([path], readable_back(text, "the plan"))


def _action_data(action: Action) -> dict[str, Any]:
    data: dict[str, Any] = action.model_dump(exclude_none=True)
    data["targets"] = list(action.targets)
    return data


# -- adding to an edited plan ----------------------------------------------------------------

_KEY_ONLY = re.compile(r"^( *)[^\s#-][^#]*:\s*(#.*)?$")
_DASH = re.compile(r"^( *)-( +)\S")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _indents(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) indentation, read from the file for the new actions:
    how far a nested mapping is indented, and where a list's dashes and items start."""
    mapping, sequence, offset = 2, 2, 0
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    found_mapping = found_sequence = False
    for before, line in itertools.pairwise(lines):
        parent = _KEY_ONLY.match(before)
        if parent is None:
            continue
        depth = len(parent.group(1))
        dash = _DASH.match(line)
        indent = len(line) - len(line.lstrip(" "))
        if dash is not None and not found_sequence:
            offset = len(dash.group(1)) - depth
            sequence = offset + 1 + len(dash.group(2))
            found_sequence = True
        elif dash is None and indent > depth and not found_mapping:
            mapping, found_mapping = indent - depth, True
    return mapping, max(sequence, offset + 2), offset


class _Emitter(yaml.SafeDumper):
    """`_Dumper`'s way of writing values (its quoting, no aliases) with PyYAML's own emitter,
    whose lists nested in a mapping can have their dashes indented (`offset` > 0) or at the
    key's indentation, as the school's file has them; libyaml's emitter has one way only."""

    yaml_implicit_resolvers = _Dumper.yaml_implicit_resolvers
    yaml_representers = _Dumper.yaml_representers
    indentless = True

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def expect_block_sequence(self) -> None:
        indentless = self.indentless and self.mapping_context and not self.indention
        self.increase_indent(flow=False, indentless=indentless)
        self.state = self.expect_first_block_sequence_item


def _rendered(
    data: dict[str, Any], flows: dict[str, bool] | None, mapping: int, offset: int
) -> str:
    """One action as YAML text starting at column 0: a block mapping whose lists and
    mappings are in flow style unless `flows` says otherwise, or all in flow style (None)."""
    out = io.StringIO()
    dumper = _Emitter(
        out, allow_unicode=True, width=_WIDTH, indent=min(max(mapping, 2), 9), sort_keys=False
    )
    dumper.indentless = offset == 0
    dumper.open()
    node = cast(yaml.MappingNode, dumper.represent_data(data))
    node.flow_style = flows is None
    for key, value in node.value:
        if isinstance(value, yaml.CollectionNode):
            value.flow_style = True if flows is None else flows.get(key.value, True)
    dumper.serialize(node)
    dumper.close()
    # No control character raw: escapes in double quotes (the same value), as a new plan's.
    return shown_json(out.getvalue()).rstrip("\n")


def _after_line(text: str, index: int) -> int:
    """Where the line holding `index` ends (after its line break), or `index` itself when it
    starts a line (a block scalar ends after its last line break)."""
    if index == 0 or text[index - 1] in "\r\n":
        return index
    found = _LINE_BREAK.search(text, index)
    return len(text) if found is None else found.end()


def _last_end(node: yaml.Node) -> int:
    """Where the text of `node` ends: its last value's, for a block collection (whose own end
    is where the next key starts, past any comment between). An alias is not followed (the
    node it names stands earlier in the file): its key's end is taken."""
    while isinstance(node, yaml.CollectionNode) and not node.flow_style and node.value:
        last = node.value[-1]
        if isinstance(node, yaml.MappingNode):
            before, child = last[0].end_mark.index, last[1]
        else:
            before, child = node.start_mark.index, last
        if child.start_mark.index < before:
            return int(before)
        node = child
    return int(node.end_mark.index)


def _append_yaml(text: str, actions: Sequence[Action]) -> str:
    """`text` with `actions` written in after the school's last action, every other byte as it
    was: in block style one below another, or in flow style into a flow list (`[{...}]`)."""
    root = cast(yaml.MappingNode, yaml.compose(text, Loader=Loader))
    key, existing = next((k, v) for k, v in root.value if k.value == "actions")
    first_break = _LINE_BREAK.search(text)  # the file's own (`\r\n` on Windows)
    newline = first_break.group() if first_break else "\n"
    mapping, sequence, offset = _indents(text)
    data = [_action_data(a) for a in actions]
    if existing.flow_style and existing.value:  # `[{...}]`: more of the same, on its line
        at = _last_end(existing.value[-1])
        added = "".join(", " + _rendered(d, None, mapping, offset) for d in data)
        return text[:at] + added + text[at:]
    first = existing.value[0] if existing.value else None
    if first is None:  # `actions: []`: block actions below the key
        dash = key.start_mark.column + offset
        column = dash + sequence - offset
        start = existing.start_mark.index
        while start > key.end_mark.index and text[start - 1] in " \t":
            start -= 1
        text = text[:start] + text[existing.end_mark.index :]
        at = _after_line(text, start)
    else:
        dash = existing.start_mark.column
        column = first.start_mark.column  # a mapping: the plan was read before
        at = _after_line(text, _last_end(existing))
    # New actions follow the style of the first one the school has, or else are written as
    # new plans are (`targets: [1a1]`).
    flows: dict[str, bool] | None = {}
    if isinstance(first, yaml.MappingNode):
        flows = (
            None
            if first.flow_style
            else {
                k.value: bool(v.flow_style)
                for k, v in first.value
                if isinstance(v, yaml.CollectionNode)
            }
        )
    lines = []
    for item in data:
        body = _rendered(item, flows, mapping, offset).split("\n")
        lines.append(" " * dash + "-".ljust(column - dash) + body[0])
        lines += [" " * column + line if line else line for line in body[1:]]
    ending = "" if at == 0 or text[at - 1] in "\r\n" else newline
    return text[:at] + ending + newline.join(lines) + newline + text[at:]


def _append_json(text: str, actions: Sequence[Action]) -> str:
    document = json.loads(text)
    document["actions"].extend(_action_data(a) for a in actions)
    return json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n"


def _with(plan: Plan, actions: Sequence[Action], file: str) -> Plan:
    """`plan` with `actions` after its own; `SelfReviewError` if their ids clash."""
    taken = {a.id for a in plan.actions}
    clash = [a.id for a in actions if a.id in taken]
    if clash:
        raise SelfReviewError(
            f"the plan already has an action `{clash[0]}`; nothing was written",
            file=file,
            code="duplicate-id",
            hint="the file changed while actions were being chosen: run the command again",
        )
    return Plan.model_validate({**dict(plan), "actions": (*plan.actions, *actions)})


def append_actions(text: str, actions: Sequence[Action], *, file: str = "<plan>") -> str:
    """`text` (a plan file's) with `actions` added after its own; `SelfReviewError` if the
    text is not a valid plan, or if it cannot be rewritten without changing what it says or
    losing a comment; `OSError` (`EFBIG`) if it would be too large to read back."""
    source = parse_text(text, file)
    return _appended(source, _with(plan_from(source), actions, file), actions)


def _appended(source: Source, expected: Plan, actions: Sequence[Action]) -> str:
    """The text of `source` with `actions` added, checked to read back as `expected` with
    every comment kept."""
    text, file = source.text, source.file
    if not actions:
        return text
    json_format = source.syntax == "json"
    new_text = _append_json(text, actions) if json_format else _append_yaml(text, actions)
    readable_back(new_text, "the plan")  # too large is said so, not as a changed rewrite
    try:
        written: Plan | None = plan_from(parse_text(new_text, file))
    except SelfReviewError:
        written = None
    lost = Counter[str]() if json_format else comments(text) - comments(new_text)
    if written != expected or lost:
        what = f"comment {next(iter(lost))!r}" if lost else "its content"
        # The place of the edit: the actions list the new actions were to be written into.
        line, column = source.locate(("actions",), key=True) or (None, None)
        raise SelfReviewError(
            f"cannot add actions to this file without changing {what}; nothing was written",
            file=file,
            line=line,
            column=column,
            code="rewrite-failed",
            hint="add the actions by hand, or write a new plan with another -o",
        )
    return new_text


def add_actions(
    path: PathLike, actions: Sequence[Action], *, framework: FrameworkLookup | None = None
) -> Plan:
    """Add `actions` to the plan file at `path`, atomically, keeping everything the school
    wrote; the file must be a valid plan (checked against `framework` when given). Returns
    the plan as written. `SelfReviewError`, nothing written, if another program saves the
    file between this read and the rename (round 71: that save was replaced)."""
    raw = read_bytes(os.fspath(path))
    source = parse_text(raw, os.fspath(path))
    plan = _with(plan_from(source, framework), actions, source.file)

    def unchanged() -> None:  # as the new file is renamed over it: another's save is kept
        if not os.path.lexists(path) or read_bytes(os.fspath(path)) != raw:
            raise SelfReviewError(
                "it was saved again as the actions were written; nothing was written",
                file=os.fspath(path),
            )

    if actions:  # a byte order mark (an editor's on Windows) kept, as its line ends are
        mark = "\ufeff" if raw.startswith(codecs.BOM_UTF8) else ""
        text = readable_back(mark + _appended(source, plan, actions), "the plan")
        write_atomic(path, text, unchanged=unchanged)
    return plan
