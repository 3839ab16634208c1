"""How a framework is found by name (SPEC section 5): by `id@version`, or by `id` alone,
its latest version in natural order (`2010` after `2008`, `1.10` after `1.9`), or the first
given of the id; and, for a name none has, the error that says which were meant.

Plain functions over the entries a `Catalogue` collects, so that the order of versions and
the words of a name not found are one rule wherever a framework is named."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from .errors import UnknownFrameworkError, quoted_key
from .model.base import did_you_mean, split_ref
from .model.framework import Framework
from .provided import FrameworkEntry

__all__ = ["latest", "names_of_frameworks", "unknown_framework", "version_key"]

#: `selfreview show ''` and the like: an empty name named so, not as nothing in backticks.
_NO_NAME: Final = "no framework has an empty name"


def version_key(version: str) -> tuple[tuple[int, int, str], ...]:
    """Natural order: `2010` after `2008`, `1.10` after `1.9`; ASCII digits compared by length
    then digits, never by `int()` (which refuses `²`, a digit to `isdigit`, and 5,000 digits)."""
    # Split at `.`, `-` and `_` without a pattern: `re` would compile one at every start-up.
    dotted = version.replace("-", ".").replace("_", ".")
    parts = ((p, p.lstrip("0")) for p in dotted.split("."))
    return tuple((0, len(n), n) if p.isascii() and p.isdigit() else (1, 0, p) for p, n in parts)


def latest(frameworks: Iterable[Framework]) -> Framework:
    """The latest version of `frameworks` (not empty) in natural order (`version_key`)."""
    return max(frameworks, key=lambda f: version_key(f.version))


def names_of_frameworks(
    kept: Sequence[FrameworkEntry], given: Sequence[FrameworkEntry]
) -> dict[str, Framework]:
    """The frameworks `kept` (one of each ref) by `id@version` and by `id`: the latest of
    each id, or the first of `given` (the caller's own, in their order) that was kept."""
    names: dict[str, Framework] = {}
    for entry in sorted(kept, key=lambda e: version_key(e.framework.version)):
        names[entry.framework.ref] = entry.framework
        names[entry.framework.id] = entry.framework
    kept_ids = {id(entry) for entry in kept}  # not a second file of one ref
    for entry in reversed(given):  # the caller's own win by id too,
        if id(entry) in kept_ids:  # the first given of each (`validate` looks them up so)
            names[entry.framework.id] = entry.framework
    return names


def unknown_framework(name: str, names: dict[str, Framework]) -> UnknownFrameworkError:
    """The error for `name`, which `names` does not hold: the id meant, or the versions
    there are of it in their order, or where to look."""
    framework_id, version = split_ref(name)
    hint = did_you_mean(framework_id, {split_ref(n)[0] for n in names})
    if version and framework_id in names:
        versions = {f.version for f in names.values() if f.id == framework_id}
        hint = f"available versions: {', '.join(sorted(versions, key=version_key))}"
    return UnknownFrameworkError(
        f"no framework {quoted_key(name)} is available" if name else _NO_NAME,
        hint=hint or "see `selfreview frameworks`",
        code="unknown-framework",
    )
