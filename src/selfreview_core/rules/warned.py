"""A caller's rule pack file, loaded with the warnings `selfreview validate` gives it:
tests that can never hold or hold for every school (`model.conditions.condition_warnings`:
an empty `all` or `any`, `below` the worst level, ...), each located in the file. `report
--rules FILE` shows them among its problems, as warnings."""

from __future__ import annotations

import os

from ..errors import Diagnostic
from ..files.source import read_source
from ..loader import FrameworkLookup, resolve_framework, rules_from
from ..model.checks import condition_warning_findings
from ..model.rules import RulePack

__all__ = ["load_warned"]


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
