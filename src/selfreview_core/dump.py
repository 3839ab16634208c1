"""Models back to files: YAML that our reader loads to an equal model, JSON, atomic writes."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import yaml

from ._yaml_scalars import FALSE, FLOAT, HEX, INF, INT, NAN, NULL, OCT, TRUE
from .assessment import Assessment
from .escaping import shown, shown_json

if TYPE_CHECKING:
    from ._base import Document

try:
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]

__all__ = ["dump_json", "dump_yaml", "open_atomic", "to_data", "write_atomic"]


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
    return json.dumps(to_data(document), indent=indent, ensure_ascii=False, default=_json_default)


@contextmanager
def open_atomic(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces `path` only when the block ends without error:
    readers see the old file or the whole new one, never a torn mix.

    The temporary file sits beside the target (same filesystem, so the rename is atomic)
    and is flushed to disk before it replaces the target.
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomic(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write a whole file atomically (see `open_atomic`)."""
    with open_atomic(path) as stream:
        stream.write(content.encode("utf-8") if isinstance(content, str) else content)
