"""Plain YAML scalars to values by YAML 1.2's core schema, shared by both YAML readers.

`no`, `on` and `yes` stay text and dates stay strings (for pydantic to parse, and to report
precisely when broken); integers longer than `MAX_INT_CHARS` are refused, not converted.
"""

from __future__ import annotations

import math
import re
from typing import Any, Final

from ..errors import TooLong

__all__ = [
    "FALSE",
    "FLOAT",
    "HEX",
    "INF",
    "INT",
    "MAX_INT_CHARS",
    "NAN",
    "NULL",
    "NUMBER_START",
    "OCT",
    "TRUE",
    "resolve_plain",
]

NULL: Final = frozenset({"", "~", "null", "Null", "NULL"})
TRUE: Final = frozenset({"true", "True", "TRUE"})
FALSE: Final = frozenset({"false", "False", "FALSE"})
INT = re.compile(r"^[-+]?[0-9]+$")
OCT = re.compile(r"^0o[0-7]+$")
HEX = re.compile(r"^0x[0-9a-fA-F]+$")
FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
INF = re.compile(r"^[-+]?\.(inf|Inf|INF)$")
NAN = re.compile(r"^\.(nan|NaN|NAN)$")
#: What any of the six patterns above matches.
_ANY_NUMBER = re.compile("|".join(f"(?:{p.pattern})" for p in (INT, OCT, HEX, FLOAT, INF, NAN)))
#: Every text the six patterns above match starts with one of these: any other is text.
NUMBER_START: Final = frozenset("0123456789+-.")
#: The longest integer literal read, in characters: any shorter one converts to an int and
#: back to text whatever `sys.set_int_max_str_digits` says (it allows 640 digits at least).
MAX_INT_CHARS: Final = 500


def resolve_plain(value: str) -> Any:
    """The value of a plain (unquoted, untagged) scalar; `TooLong` for a huge integer."""
    if value in NULL:
        return None
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    if value[0] not in NUMBER_START:  # most text: no pattern to try (never empty: null)
        return value
    if value.isdigit() and value.isascii():  # levels: the commonest number by far
        if len(value) > MAX_INT_CHARS:
            raise TooLong
        return int(value)
    if not _ANY_NUMBER.match(value):  # ids such as `1a1`: one pattern, not six
        return value
    if INT.match(value) or OCT.match(value) or HEX.match(value):
        if len(value) > MAX_INT_CHARS:
            raise TooLong
        base = {"0o": 8, "0x": 16}.get(value[:2])
        return int(value[2:], base) if base else int(value)
    if FLOAT.match(value):
        return float(value)
    if INF.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if NAN.match(value):
        return math.nan
    return value
