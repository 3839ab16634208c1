"""Mutations of valid selfreview files, shared by the fuzz tests and the long run.

Every mutation takes bytes and a `random.Random` and returns bytes, so hypothesis can drive
it (with `st.randoms()`, which shrinks) and the long run can loop over millions of them from
a seed and reproduce any one exactly.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]

#: Every valid file the project ships: frameworks, assessments, rule packs, test data.
SEED_GLOBS = (
    "frameworks/*.yaml",
    "examples/*.yaml",
    "examples/*/*.yaml",
    "plugins/*/src/*/*.yaml",
    "tests/data/good/*",
)

Mutation = Callable[[bytes, random.Random], bytes]


@cache
def seeds() -> tuple[tuple[str, bytes], ...]:
    """(file name, content) of every seed, each YAML one also as JSON."""
    found: list[tuple[str, bytes]] = []
    for pattern in SEED_GLOBS:
        for path in sorted(ROOT.glob(pattern)):
            raw = path.read_bytes()
            found.append((path.name, raw))
            if path.suffix == ".yaml":
                data = _plain(yaml.safe_load(raw))
                as_json = json.dumps(data, indent=2, ensure_ascii=False).encode()
                found.append((path.with_suffix(".json").name, as_json))
    return tuple(found)


def _plain(value: Any) -> Any:
    """What safe_load gives, with dates back to text so it dumps as JSON."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# -- what goes in ---------------------------------------------------------------------------

#: Pieces of YAML (and JSON) syntax, and the odd characters parsers trip over.
TOKENS: tuple[str, ...] = (
    ":",
    ": ",
    "-",
    "- ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "? ",
    "&a ",
    "*a",
    "&a",
    "*b ",
    "<<: *a\n",
    "<<: ",
    "!!",
    "!!str ",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!null ",
    "!!map ",
    "!!seq ",
    "!!set ",
    "!!omap ",
    "!!binary ",
    "!!timestamp ",
    "!!python/object/apply:os.system ",
    "!local ",
    "! ",
    "%YAML 1.1\n",
    "%TAG ! tag:example.com,2000:\n",
    "---\n",
    "...\n",
    "|",
    "|-\n",
    ">",
    "#",
    "'",
    '"',
    "\\",
    "\\u0000",
    "\\ud800",
    "\t",
    "\x00",
    "\r",
    "\r\n",
    "\x85",
    "\u2028",
    "\ufeff",
    "\x1b[31m",
    "\u202e",
    "@",
    "`",
    "~",
    "null",
    "true",
    "yes",
    "NaN",
    "Infinity",
    "-Infinity",
    ".nan",
    ".inf",
    "-.inf",
    "1e999",
    "-1e999",
    "99999999999999999999",
    "0x" + "f" * 40,
    "0o777",
    "2026-02-30",
    "1a1",
    "becta-srf",
    "kind",
    "level",
    "not",
    "all",
    "any",
)

#: Numbers and other scalars to put where a number was.
NUMBERS: tuple[str, ...] = (
    "0",
    "-1",
    "6",
    "101",
    "1.5",
    "3.0",
    "-0",
    "+3",
    "03",
    "1_000",
    "1e999",
    "-1e999",
    "1e-999",
    ".nan",
    ".inf",
    "-.inf",
    "NaN",
    "Infinity",
    "9223372036854775808",
    "99999999999999999999",
    "-99999999999999999999",
    "9" * 400,
    "9" * 4301,
    "0x" + "f" * 4000,
    "0o" + "7" * 5000,
    "1" * 30 + ".5",
    "true",
    "null",
    "'3'",
    '"3"',
    "[3]",
    "{level: 3}",
    "[]",
    "{}",
    "x",
)

#: Values to put anywhere in a parsed document.
VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    1,
    3,
    5,
    6,
    101,
    2**63,
    99999999999999999999,
    1.5,
    float("inf"),
    float("-inf"),
    float("nan"),
    "",
    " ",
    "x" * 500,
    "1a1",
    "1a",
    "1",
    "E1.1",
    "becta-srf",
    "becta-srf@2010",
    "becta-srf@1999",
    "tiny@1",
    "has space",
    "a@b@c",
    "2026-02-30",
    "2026-10-01",
    "javascript:alert(1)",
    "\u202e\x1b[2J",
    [],
    {},
    [1, 2],
    [[[]]],
    {"level": 3},
    {"level": [1, 2]},
    {"strand": "1a1", "level": [1, 5]},
    {"strand": "1a1", "below": 3, "reached": 2},
    {"aspect": "1a1", "unjudged": True},
    {"all": []},
    {"any": [{"not": {}}]},
    {"not": {"not": {"strand": "1a1", "improved": True}}},
    {"best": 1, "worst": 1},
    {"best": 0, "worst": 10_000},
    {"title": "t", "action": "a"},
)

KEYS: tuple[Any, ...] = (
    "kind",
    "id",
    "title",
    "titel",
    "elements",
    "strand",
    "strands",
    "levels",
    "level",
    "judgements",
    "framework",
    "scale",
    "best",
    "worst",
    "labels",
    "rules",
    "when",
    "recommend",
    "not",
    "all",
    "any",
    "awards",
    "evidence",
    "",
    "<<",
    "[key]",
    "<test>",
    0,
    5,
    -1,
    True,
    None,
    1.5,
)


# -- text mutations -------------------------------------------------------------------------


def _pos(data: bytes, rng: random.Random) -> int:
    return rng.randint(0, len(data))


def _encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def flip_byte(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    i = rng.randrange(len(data))
    return data[:i] + bytes([rng.randrange(256)]) + data[i + 1 :]


def delete_span(data: bytes, rng: random.Random) -> bytes:
    i = _pos(data, rng)
    return data[:i] + data[i + rng.randint(1, 40) :]


def insert_token(data: bytes, rng: random.Random) -> bytes:
    i = _pos(data, rng)
    return data[:i] + _encoded(rng.choice(TOKENS)) + data[i:]


def insert_bytes(data: bytes, rng: random.Random) -> bytes:
    i = _pos(data, rng)
    return data[:i] + rng.randbytes(rng.randint(1, 8)) + data[i:]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: _pos(data, rng)]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def duplicate_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    lines.insert(rng.randint(0, len(lines)), lines[i])
    return b"\n".join(lines)


def delete_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def reindent(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    line = lines[i]
    choice = rng.randrange(4)
    if choice == 0:
        lines[i] = b" " * rng.randint(1, 4) + line
    elif choice == 1:
        lines[i] = line[rng.randint(1, 4) :] if line.startswith(b" ") else line
    elif choice == 2:
        lines[i] = b"\t" + line.lstrip(b" ")
    else:
        lines[i] = line.lstrip()
    return b"\n".join(lines)


def splice_line(data: bytes, rng: random.Random) -> bytes:
    """A line of another seed file, somewhere in this one."""
    _, other = rng.choice(seeds())
    donor = _lines(other)
    lines = _lines(data)
    lines.insert(rng.randint(0, len(lines)), rng.choice(donor))
    return b"\n".join(lines)


_NUMBER = re.compile(rb"(?<![\w.])-?[0-9]+(?:\.[0-9]+)?(?![\w.])")


def replace_number(data: bytes, rng: random.Random) -> bytes:
    found = list(_NUMBER.finditer(data))
    if not found:
        return insert_token(data, rng)
    match = rng.choice(found)
    return data[: match.start()] + _encoded(rng.choice(NUMBERS)) + data[match.end() :]


_VALUE = re.compile(rb"(:[ \t]+)([^\n]*)")


def replace_value(data: bytes, rng: random.Random) -> bytes:
    found = list(_VALUE.finditer(data))
    if not found:
        return insert_token(data, rng)
    match = rng.choice(found)
    value = rng.choice((*NUMBERS, *(json.dumps(v) for v in VALUES if v == v)))
    return data[: match.start(2)] + _encoded(value) + data[match.end(2) :]


def nest(data: bytes, rng: random.Random) -> bytes:
    """Brackets (or `not:` conditions) many levels deep, somewhere."""
    depth = rng.choice((10, 63, 64, 65, 100, 1000, 5000))
    i = _pos(data, rng)
    opener, closer = rng.choice(((b"[", b"]"), (b"{a: ", b"}"), (b"{not: ", b"}"), (b"- ", b"")))
    return data[:i] + opener * depth + b"1" + closer * depth + data[i:]


def anchor_alias(data: bytes, rng: random.Random) -> bytes:
    """An anchor on one value, aliases of it elsewhere (sometimes before it)."""
    found = list(_VALUE.finditer(data))
    if len(found) < 2:
        return insert_token(data, rng)
    first, second = sorted(rng.sample(found, 2), key=lambda m: m.start())
    if rng.random() < 0.2:
        first, second = second, first
    out = bytearray(data)
    edits = sorted(
        ((first.start(2), b"&a "), (second.start(2), b"*a #")),
        reverse=True,
    )
    for index, text in edits:
        out[index:index] = text
    return bytes(out)


def alias_text(data: bytes, rng: random.Random) -> bytes:
    """A text repeated through aliases of aliases (lists, flow and block mappings, merge
    keys, keys): a few hundred bytes that may expand past `Limits.max_expanded_chars`."""
    length = rng.choice((1, 100, 1000, 10_000))
    fan = rng.choice((2, 3, 10, 50))
    quote = rng.choice(("", "'", '"'))
    lines = ["t0: &t0 " + quote + "x" * length + quote]
    for level in range(1, rng.randrange(1, 6) + 1):
        alias = f"*t{level - 1}"
        style = rng.randrange(5)
        if style == 0:
            body = "[" + ", ".join([alias] * fan) + "]"
        elif style == 1:
            body = "{" + ", ".join(f"k{i}: {alias}" for i in range(fan)) + "}"
        elif style == 2:
            body = "{<<: " + alias + ", k: [" + ", ".join([alias] * fan) + "]}"
        elif style == 3:
            body = "{? " + alias + "\n  : 0, k: [" + ", ".join([alias] * fan) + "]}"
        else:
            body = "".join(f"\n  - {alias}" for _ in range(fan))
        lines.append(f"t{level}: &t{level} {body}")
    block = ("\n".join(lines) + "\n").encode()
    return data + b"\n" + block if rng.random() < 0.7 else block + data


def encode_oddly(data: bytes, rng: random.Random) -> bytes:
    """A BOM, another encoding, or other line ends."""
    choice = rng.randrange(6)
    if choice == 0:
        return b"\xef\xbb\xbf" + data
    if choice == 1:
        text = data.decode("utf-8", "replace")
        return text.encode(rng.choice(("utf-16", "utf-16-le", "utf-32", "latin-1")), "replace")
    if choice == 2:
        return data.replace(b"\n", b"\r\n")
    if choice == 3:
        return data.replace(b"\n", b"\r")
    if choice == 4:
        return data.replace(b"\n", _encoded(rng.choice(("\x85", "\u2028", "\u2029"))))
    return data.replace(b"  ", b"\t")


TEXT_MUTATIONS: tuple[Mutation, ...] = (
    flip_byte,
    delete_span,
    insert_token,
    insert_token,
    insert_token,
    insert_bytes,
    truncate,
    duplicate_line,
    duplicate_line,
    delete_line,
    swap_lines,
    reindent,
    reindent,
    splice_line,
    replace_number,
    replace_number,
    replace_value,
    replace_value,
    nest,
    anchor_alias,
    alias_text,
    encode_oddly,
)


# -- tree mutations: well-formed documents with wrong content -------------------------------


def _containers(node: Any, found: list[Any]) -> list[Any]:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            found.append(current)
            stack.extend(current.values())
        elif isinstance(current, list):
            found.append(current)
            stack.extend(current)
    return found


def mutate_tree(document: Any, rng: random.Random) -> Any:
    """Change one place of a parsed document: a value, a key, an item."""
    root: Any = {"document": copy.deepcopy(document)}
    container = rng.choice(_containers(root, []))
    if container is root:
        container = root["document"] if isinstance(root["document"], dict | list) else root
    choice = rng.randrange(7)
    if isinstance(container, dict):
        if not container or choice == 0:
            container[rng.choice(KEYS)] = rng.choice(VALUES)
            return root["document"]
        key = rng.choice(list(container))
        if choice == 1:
            del container[key]
        elif choice == 2:
            value = container.pop(key)
            container[rng.choice(KEYS)] = value
        elif choice == 3:
            container[key] = [container[key]] * rng.randint(0, 3)
        elif choice == 4:
            container[key] = copy.deepcopy(rng.choice(_containers(root["document"], [None])))
        else:
            container[key] = rng.choice(VALUES)
    elif isinstance(container, list):
        if not container or choice == 0:
            container.append(rng.choice(VALUES))
        elif choice == 1:
            del container[rng.randrange(len(container))]
        elif choice == 2:
            container.append(copy.deepcopy(rng.choice(container)))
        elif choice == 3:
            rng.shuffle(container)
        else:
            container[rng.randrange(len(container))] = rng.choice(VALUES)
    return root["document"]


def dump(document: Any, rng: random.Random, syntax: str) -> bytes:
    if syntax == "json":
        try:
            return json.dumps(document, indent=rng.choice((None, 2))).encode()
        except (TypeError, ValueError):  # keys JSON cannot hold
            return repr(document).encode()
    return yaml.safe_dump(
        document, default_flow_style=rng.choice((False, None, True)), allow_unicode=True
    ).encode()


def tree_mutation(name: str, data: bytes, rng: random.Random, count: int) -> bytes:
    try:
        document: Any = _plain(yaml.safe_load(data))
    except yaml.YAMLError:
        return data
    for _ in range(count):
        document = mutate_tree(document, rng)
    return dump(document, rng, "json" if name.endswith(".json") else "yaml")


def mutate(name: str, data: bytes, rng: random.Random, count: int) -> bytes:
    """`count` random mutations of a seed: of its text, or of its parsed tree then text."""
    if rng.random() < 0.4:
        data = tree_mutation(name, data, rng, rng.randint(1, count))
        if rng.random() < 0.5:
            return data
        count = rng.randint(1, 2)
    for _ in range(count):
        data = rng.choice(TEXT_MUTATIONS)(data, rng)
    return data


def json_lines(rng: random.Random, count: int) -> bytes:
    """A JSON Lines file of assessments, some mutated, then maybe mutated as text."""
    assessments = [
        raw for name, raw in seeds() if name.endswith(".json") and b'"assessment"' in raw
    ]
    lines = []
    for _ in range(rng.randint(1, 4)):
        document: Any = json.loads(rng.choice(assessments))
        for _ in range(rng.randint(0, count)):
            document = mutate_tree(document, rng)
        try:
            lines.append(json.dumps(document).encode())  # compact: one line each
        except (TypeError, ValueError):  # a key JSON cannot hold
            lines.append(repr(document).encode())
    data = b"\n".join(lines) + rng.choice((b"", b"\n", b"\r\n", b"\n\n"))
    for _ in range(rng.randint(0, 2)):
        data = rng.choice(TEXT_MUTATIONS)(data, rng)
    return data
