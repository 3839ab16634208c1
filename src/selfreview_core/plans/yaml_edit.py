"""Plan files: a new plan written out, and actions added to a plan the school has edited.

Adding rewrites the file with ruamel.yaml's round-trip mode, so the school's comments, notes,
quoting and key order stay as they were. Nothing is written unless the new text reads back
(with our own loader) as exactly the old plan plus the new actions, and keeps every comment
the old text had; the write itself is atomic.
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
from typing import Any

import yaml

# `_Dumper` quotes what our reader would read as other than text; `dump_yaml` always writes
# block style, and a plan reads better with each action's targets and baseline on one line.
from ..dump import _Dumper, dump_json, is_json_name, to_data, write_atomic
from ..errors import SelfReviewError
from ..escaping import shown, shown_json
from ..files.source import Source, parse_text, read_bytes
from ..loader import FrameworkLookup, plan_from
from ..model.plan import Action, Plan
from ..outputs import write_new

__all__ = ["add_actions", "append_actions", "comments", "plan_text", "write_plan"]

PathLike = str | os.PathLike[str]
#: ruamel.yaml folds plain text longer than its width; a school's long lines stay long.
_WIDTH = 10_000


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
    write_new([path], plan_text(plan, json_format=is_json_name(os.fspath(path)), schema=schema))


def _action_data(action: Action) -> dict[str, Any]:
    data: dict[str, Any] = action.model_dump(exclude_none=True)
    data["targets"] = list(action.targets)
    return data


# -- adding to an edited plan ----------------------------------------------------------------

_KEY_ONLY = re.compile(r"^( *)[^\s#-][^#]*:\s*(#.*)?$")
_DASH = re.compile(r"^( *)-( +)\S")


def _indents(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) indentation as ruamel.yaml counts it, read from the file:
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


def _flow(node: Any) -> bool:
    fa = getattr(node, "fa", None)
    return bool(fa is not None and fa.flow_style())


def _append_yaml(original: str, actions: Sequence[Action]) -> str:
    # ruamel.yaml only here: every other command starts without it.
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    windows = "\r\n" in original
    text = original.replace("\r\n", "\n") if windows else original

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = _WIDTH
    mapping, sequence, offset = _indents(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.explicit_start = bool(re.search(r"^---", text, re.MULTILINE))
    document: CommentedMap = yaml.load(text)
    existing = document["actions"]
    if _flow(existing):  # `actions: []`: the new actions are written out in block style
        existing.fa.set_block_style()
    # New actions follow the style of the first one the school has, or else are written as
    # new plans are (`targets: [1a1]`).
    first = existing[0] if existing else CommentedMap()
    for action in actions:
        item = CommentedMap()
        for key, value in _action_data(action).items():
            node: Any = value
            if isinstance(value, str) and not value.isprintable():
                # Escaped: a tab or a Unicode line break must not become layout.
                node = DoubleQuotedScalarString(value)
            elif isinstance(value, list):
                node = CommentedSeq(value)
            elif isinstance(value, dict):
                node = CommentedMap(value)
            if isinstance(node, CommentedSeq | CommentedMap) and (
                _flow(first[key]) if key in first else True
            ):
                node.fa.set_flow_style()
            item[key] = node
        existing.append(item)
    out = io.StringIO()
    yaml.dump(document, out)
    result = out.getvalue()
    if shown_json(text) is text:
        # No control character in the school's own text: those in the new actions, which
        # ruamel.yaml writes raw in their double quotes, become escapes (the same value).
        # (In a file that holds some already, a plain scalar's would change: left as is.)
        result = shown_json(result)
    return result.replace("\n", "\r\n") if windows else result


def _append_json(text: str, actions: Sequence[Action]) -> str:
    document = json.loads(text)
    document["actions"].extend(_action_data(a) for a in actions)
    return json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n"


def comments(text: str) -> Counter[str]:
    """Every comment in YAML text (`# ...`, trailing spaces dropped), with how often it occurs:
    what lies between the scanner's tokens and starts with `#`."""
    spans = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            spans.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:  # pragma: no cover - the text was parsed before
        return Counter()
    found: Counter[str] = Counter()
    gaps = zip(
        [0] + [end for _, end in spans], [start for start, _ in spans] + [len(text)], strict=True
    )
    for start, end in gaps:
        for match in re.finditer(r"(?:^|(?<=\s))#[^\r\n]*", text[start:end], re.MULTILINE):
            found[match.group().rstrip()] += 1
    return found


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
    losing a comment."""
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
    try:
        written: Plan | None = plan_from(parse_text(new_text, file))
    except SelfReviewError:
        written = None
    lost = Counter[str]() if json_format else comments(text) - comments(new_text)
    if written != expected or lost:
        what = f"comment {next(iter(lost))!r}" if lost else "its content"
        raise SelfReviewError(
            f"cannot add actions to this file without changing {what}; nothing was written",
            file=file,
            code="rewrite-failed",
            hint="add the actions by hand, or write a new plan with another -o",
        )
    return new_text


def add_actions(
    path: PathLike, actions: Sequence[Action], *, framework: FrameworkLookup | None = None
) -> Plan:
    """Add `actions` to the plan file at `path`, atomically, keeping everything the school
    wrote; the file must be a valid plan (checked against `framework` when given). Returns
    the plan as written."""
    raw = read_bytes(os.fspath(path))
    source = parse_text(raw, os.fspath(path))
    plan = _with(plan_from(source, framework), actions, source.file)
    if actions:  # a byte order mark (an editor's on Windows) kept, as its line ends are
        mark = "\ufeff" if raw.startswith(codecs.BOM_UTF8) else ""
        write_atomic(path, mark + _appended(source, plan, actions))
    return plan
