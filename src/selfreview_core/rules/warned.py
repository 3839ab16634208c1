"""A caller's rule pack file, loaded with the warnings `selfreview validate` gives it:
tests that can never hold or hold for every school (`model.conditions.condition_warnings`:
an empty `all` or `any`, `below` the worst level, ...), each located in the file. `report
--rules FILE` shows them among its problems, as warnings. A pack given as a `RulePack`
object, by a caller or a plugin, has the same warnings (`pack_warnings`), by its id and each
test's document path: it has no file to point into. A plugin's own file (read through its
JSON twin) is located as a caller's is (`file_warnings`). A report carries each pack's
first `MAX_WARNINGS` and a count of the rest (`validate` lists them all)."""

from __future__ import annotations

import os
from typing import Final

from .._words import plural
from ..errors import Diagnostic, SelfReviewError, format_path
from ..files.source import read_source
from ..loader import FrameworkLookup, resolve_framework, rules_from
from ..model.checks import condition_warning_findings
from ..model.rules import RulePack

__all__ = ["MAX_WARNINGS", "file_warnings", "given_warnings", "load_warned", "pack_warnings"]

#: The warnings of one pack that the engine keeps (and every report carries); the rest are
#: counted in one more. A pack made by a program, an empty `any` in each of 100,000 rules,
#: put 100,000 problems in every report.
MAX_WARNINGS: Final = 20


def load_warned(
    path: str | os.PathLike[str], lookup: FrameworkLookup | None
) -> tuple[RulePack, list[Diagnostic]]:
    """The pack at `path` (as `loader.load_rules` loads it: it raises on the same errors)
    and its warnings, located (file, line, column and document path)."""
    source = read_source(path)
    pack = rules_from(source, lookup)
    framework = resolve_framework(lookup, pack.framework)
    if framework is None:
        return pack, []
    found = condition_warning_findings(framework, source.data)
    return pack, [source.diagnostic(f.path, f.message, code=f.code, hint=f.hint) for f in found]


def given_warnings(
    path: str | os.PathLike[str], lookup: FrameworkLookup | None
) -> tuple[RulePack, list[str]]:
    """`load_warned`'s pack and warnings, as the engine keeps them (`_capped`)."""
    pack, found = load_warned(path, lookup)
    return pack, _capped(pack, [str(warning) for warning in found])


def _capped(pack: RulePack, warnings: list[str]) -> list[str]:
    """The first `MAX_WARNINGS` of `warnings`, and a count of the rest."""
    if len(warnings) <= MAX_WARNINGS:
        return warnings
    more = len(warnings) - MAX_WARNINGS
    return [
        *warnings[:MAX_WARNINGS],
        f"rule pack {pack.id}: {plural(more, 'more warning')} like these, not shown "
        "(`selfreview validate` of the pack lists them all)",
    ]


def pack_warnings(lookup: FrameworkLookup, pack: RulePack) -> list[str]:
    """The warnings `load_warned` gives a file, for a pack given as an object (a caller's
    `RulePack`, a plugin's pack), each as `rule pack ID: PATH: message (hint)`; none where
    its framework is not in `lookup`. Worked out once, as the pack is loaded: no report
    pays for them."""
    framework = resolve_framework(lookup, pack.framework)
    if framework is None:
        return []
    # As a file's data is read: lists where the model holds tuples (pydantic's JSON mode).
    data = pack.model_dump(mode="json", by_alias=True, exclude_none=True)
    found = condition_warning_findings(framework, data)
    return _capped(
        pack,
        [
            f"rule pack {pack.id}: {format_path(f.path)}: {f.message}"
            + (f" ({f.hint})" if f.hint else "")
            for f in found
        ],
    )


def file_warnings(
    lookup: FrameworkLookup, pack: RulePack, path: str | os.PathLike[str]
) -> list[str]:
    """The warnings of `pack`, read from the file at `path` (a plugin's, through its JSON
    twin: `twins`), located as `load_warned` locates a caller's: `file:line:column: path:
    message (hint)`. Round 60 named them by the pack's id and document path only, as for an
    object, where the file was there to point into. The file is read again only when there
    is something to warn of: a plugin's clean pack, the usual one, costs no second read."""
    named = pack_warnings(lookup, pack)
    if not named:
        return []
    try:
        return given_warnings(path, lookup)[1]
    except (OSError, SelfReviewError):  # gone, or changed, since it was read: as an object
        return named
