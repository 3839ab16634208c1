"""Models back to files: YAML that our reader loads to an equal model, JSON, in the format
a file's name says. (`open_atomic` and `write_atomic` live in `atomic`, under `outputs`,
the one path every write goes through; they are named here too, where they always were.)"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from typing import TYPE_CHECKING, Any

import yaml

from ._names import JSON_SUFFIX
from .escaping import shown, shown_json
from .files.yaml_scalars import FALSE, FLOAT, HEX, INF, INT, NAN, NULL, OCT, TRUE
from .model.assessment import Assessment
from .outputs.atomic import open_atomic, write_atomic

if TYPE_CHECKING:
    from .model.base import Document

try:
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]

__all__ = [
    "dump_document",
    "dump_json",
    "dump_yaml",
    "is_json_name",
    "open_atomic",
    "to_data",
    "write_atomic",
]


class _Dumper(_BaseDumper):
    """Quotes every string our reader would read as something else.

    PyYAML resolves scalars by YAML 1.1 rules and our reader by YAML 1.2's core schema;
    `09`, `1e3` and `0o17` are text to the first and numbers to the second. Adding the core
    schema's patterns makes the emitter quote them. It never writes anchors and aliases:
    a shared date is written out each time, as a person would.
    """

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_text(dumper: _Dumper, text: str) -> yaml.Node:
    """Text with a control character (a bidirectional override, NEL, ...) double-quoted, the
    one style in which `dump_yaml` can write it as an escape: PyYAML writes some raw."""
    style = '"' if shown(text) is not text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def _either(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))


def _one_of(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile(f"^(?:{'|'.join(map(re.escape, sorted(words)))})$")


for _tag, _pattern, _first in (
    ("int", _either(INT, OCT, HEX), "-+0123456789"),
    ("float", _either(FLOAT, INF, NAN), "-+.0123456789"),
    ("bool", _one_of(TRUE | FALSE), "tTfF"),
    ("null", _one_of(NULL), ["~", "n", "N", ""]),
):
    _Dumper.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", _pattern, list(_first))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def to_data(document: Document) -> dict[str, Any]:
    """Plain data as a file holds it: no empty optional keys, judgements in short form
    when they hold only a level."""
    data: dict[str, Any] = _plain(document.model_dump(exclude_none=True, by_alias=True))
    data["kind"] = document.KIND
    if isinstance(document, Assessment):
        data["judgements"] = {
            strand: (j["level"] if set(j) == {"level"} else j)
            for strand, j in data["judgements"].items()
        }
    return {"kind": data.pop("kind"), **data}


def dump_yaml(document: Document) -> str:
    """YAML that reads back to an equal document; no control character is written raw (so
    printing it, as `migrate` does, never drives the terminal): those PyYAML leaves raw in
    the double-quoted strings that hold them become `\\uXXXX` escapes."""
    text = yaml.dump(
        to_data(document),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )
    return shown_json(text)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dump_json(document: Document, *, indent: int | None = 2) -> str:
    """JSON that reads back to an equal document, no control character raw (as `dump_yaml`:
    a bidirectional override is written `\\u202e`, the very same text to a reader)."""
    text = json.dumps(to_data(document), indent=indent, ensure_ascii=False, default=_json_default)
    return shown_json(text)


def is_json_name(path: str | os.PathLike[str]) -> bool:
    """Whether a file of this name is written as JSON (`.json`, any case); else YAML."""
    return os.fspath(path).lower().endswith(JSON_SUFFIX)


def dump_document(document: Document, path: str | os.PathLike[str], *, header: str = "") -> str:
    """`document` as the file `path` names it should hold: JSON for `.json`, else YAML
    preceded by `header` (comment lines; JSON has no comments, so it gets none)."""
    if is_json_name(path):
        return dump_json(document) + "\n"
    return header + dump_yaml(document)
