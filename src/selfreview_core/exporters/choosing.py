"""Which output format a report is written in: as named, or told from the output file's name.

`report --format NAME` names an exporter; without it, `-o FILE`'s extension decides (the
longest an exporter has: a plugin's `.report.html` before `.html`; `.jsonl` is JSON, one
report a line; `.htm` is whatever `.html` is), and no file (or `-o -`) is the terminal's table. A
batch written as one stream (standard output, or one file) can only be JSON Lines or
tables; any other format is one file per school, into a folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Final

from .._names import JSON_LINES
from ..errors import SelfReviewError, UnknownIdError
from ..model.base import did_you_mean
from .base import Exporter

__all__ = [
    "FROM_NAME",
    "STREAMS",
    "cannot_tell",
    "check_stream_format",
    "choose_format",
    "format_meant",
    "named_otherwise",
]

#: The `code` of the error for a file name whose extension names no format (about `-o`).
FROM_NAME: Final = "format-from-name"
#: The formats a batch can write as one stream: one report a line, or tables.
STREAMS: Final = ("json", "table")
#: Other names of a format, accepted and not listed: `text` is what some commands called
#: the table (`--format text`), kept so that scripts do not break.
ALIASES: Final = {"text": "table"}
#: Names of a format no command writes, and the one that serves: a YAML reader reads JSON.
_INSTEAD: Final = {"yaml": "json", "yml": "json"}


def choose_format(exporters: Mapping[str, Exporter], given: str | None, output: str | None) -> str:
    """The exporter to use: `given`, else the one whose extension ends `output`'s name,
    the longest (`_by_extension`; `.jsonl` is JSON; no output, or `-`, the table).
    Raises `UnknownIdError` (code `unknown-exporter`) for a name no exporter has,
    `SelfReviewError` (code `FROM_NAME`) for an extension that names none."""
    if given is None:
        if output is None or output == "-":
            return "table"
        chosen = _by_extension(exporters, os.path.basename(output).lower())
        if chosen is not None:
            return chosen
        raise SelfReviewError(cannot_tell(output, exporters), code=FROM_NAME)
    if given not in exporters and ALIASES.get(given) in exporters:
        given = ALIASES[given]
    if given not in exporters:
        hint = format_meant(given, exporters) or f"choose from {', '.join(exporters)}"
        named = f"no exporter `{given}`" if given else "no exporter has an empty name"
        raise UnknownIdError(f"{named} ({hint})", code="unknown-exporter")
    return given


def format_meant(given: str, names: Iterable[str]) -> str | None:
    """The hint for a `--format` no format has, among `names` (those a command writes):
    the name closest to it (`did_you_mean`), else for YAML, which no built-in format is
    (`assess` and `migrate` write it), JSON, which a YAML reader reads too: `--format
    yaml` was told only the list (round 82). None where nothing is close. The aliases a
    user may type (`text`) of `names` are offered too: `TEXT` means one."""
    choices = list(names)
    choices += [alias for alias, name in ALIASES.items() if name in choices]
    hint = did_you_mean(given, choices)
    instead = _INSTEAD.get(given.lower())
    if hint is None and instead in choices:
        hint = f"did you mean `{instead}`? A YAML reader reads JSON too"
    return hint


def named_otherwise(
    exporters: Mapping[str, Exporter], chosen: str, output: str | None
) -> str | None:
    """The format `output`'s name names (`_by_extension`) where it is not `chosen`, which
    `--format` gave and which wins, and writes under another extension; None where the
    name names none, or one alike (`summary` and `html` both write `.html`), or the table:
    a `.txt` file holds any text, Markdown, JSON or CSV as well."""
    if output is None or output == "-" or chosen not in exporters:
        return None
    named = _by_extension(exporters, os.path.basename(output).lower())
    if named in (None, "table") or _dotted(exporters[named]) == _dotted(exporters[chosen]):
        return None
    return named


def _dotted(exporter: Exporter) -> str:
    """`exporter`'s extension, lower case, with its dot (a plugin may omit it)."""
    extension = exporter.extension.lower()
    return f".{extension}" if extension and not extension.startswith(".") else extension


def cannot_tell(output: str, formats: Iterable[str]) -> str:
    """Why `output`'s name chooses no format, offering `formats`: its extension, or the
    name itself where it has none. Every command that tells a format from `-o` says it so."""
    suffix = os.path.splitext(output)[1].lower()
    said = f"`{suffix or output}`"
    if not suffix and os.path.basename(output).startswith("."):  # `.html`: a hidden name
        said += ", a name with no extension"
    return f"cannot tell the format from {said}; give --format ({', '.join(formats)})"


def _by_extension(exporters: Mapping[str, Exporter], name: str) -> str | None:
    """The exporter whose extension ends the file `name` (lower case), the longest that
    does: a plugin's `.report.html` is chosen for `x.report.html`, the built-in `.html`
    for `x.html`; of two as long, the first (the JSON exporter for `.jsonl`). An
    extension is not a whole name: `.html` alone is a hidden file with none."""
    found: list[tuple[str, str]] = [(e, "json") for e in JSON_LINES if "json" in exporters]
    for exporter in exporters.values():
        extension = _dotted(exporter)
        found.append((extension, exporter.name))
        if extension == ".html":  # the short form some systems still write
            found.append((".htm", exporter.name))
    chosen, longest = None, 1  # more than a dot
    for extension, exporter_name in found:
        if len(extension) > longest and len(name) > len(extension) and name.endswith(extension):
            chosen, longest = exporter_name, len(extension)
    return chosen


def check_stream_format(name: str) -> None:
    """Raise `SelfReviewError` (code `format-needs-folder`) unless reports in format `name`
    can follow one another in one stream (`STREAMS`)."""
    if name not in STREAMS:
        raise SelfReviewError(
            f"{name} makes one file per school: give --output-dir", code="format-needs-folder"
        )
