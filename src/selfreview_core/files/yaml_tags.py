"""A YAML scalar's value by its tag, and the refusal, at its place, of a tag that is not
plain data (`!!python/...`): the event reader's (`yaml_events`) reading of each scalar.

Untagged plain scalars resolve as in YAML 1.2's core schema (`yaml_scalars`); a tag of
the core schema (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`) must fit its value. Split
out of `yaml_events` (round 77), which was at the house's 400 lines.
"""

from __future__ import annotations

import math
from typing import Any

import yaml

from ..errors import Diagnostic, ParseStopped, TooLong
from .yaml_scalars import MAX_INT_CHARS, resolve_plain

__all__ = ["TAG", "at_mark", "forbidden_tag", "scalar_value"]

#: The prefix of the core schema's tags (`!!str` is `tag:yaml.org,2002:str`).
TAG = "tag:yaml.org,2002:"


def at_mark(
    file: str, mark: Any, message: str, code: str, hint: str | None = None, path: str = ""
) -> Diagnostic:
    """A problem at libyaml's `mark`; a fatal one's `path` is filled in by `parse_events`,
    from where the builder stands."""
    return Diagnostic(message, file, mark.line + 1, mark.column + 1, path, hint, code)


def scalar_value(event: yaml.ScalarEvent, file: str) -> Any:
    try:
        return _tagged_scalar(event, file)
    except TooLong:
        raise ParseStopped(
            at_mark(
                file,
                event.start_mark,
                f"a number {len(event.value):,} characters long is too long",
                "number",
                f"write it in at most {MAX_INT_CHARS} characters (sign and digits)",
            )
        ) from None


def _tagged_scalar(event: yaml.ScalarEvent, file: str) -> Any:
    tag = event.tag
    if tag == "!":  # the non-specific tag: text, whatever it looks like (YAML 1.2 §6.9.2)
        return event.value
    if tag is None:
        plain = not event.style and event.implicit[0]
        return resolve_plain(event.value) if plain else event.value
    kind = tag[len(TAG) :] if tag.startswith(TAG) else None
    if kind == "str":
        return event.value
    if kind in ("int", "float", "bool", "null"):
        value: Any = resolve_plain(event.value)
        if kind == "float" and type(value) is int:
            try:  # as a decimal too large for a float reads: infinite (rounding may overflow)
                return float(value)
            except OverflowError:
                return math.inf if value > 0 else -math.inf
        if kind == "float" and type(value) is float:
            return value
        if (kind, type(value)) in (("int", int), ("bool", bool), ("null", type(None))):
            return value
        raise ParseStopped(
            at_mark(file, event.start_mark, f"`{event.value}` is not a valid !!{kind}", "tag")
        )
    raise ParseStopped(forbidden_tag(file, event))


def forbidden_tag(file: str, event: Any) -> Diagnostic:
    tag = event.tag.replace(TAG, "!!")
    return at_mark(
        file,
        event.start_mark,
        f"tag `{tag}` is not allowed",
        "tag",
        "selfreview files hold plain data: mappings, lists, text and numbers",
    )
