"""Composing migrations: one migration doing what two do one after the other."""

from __future__ import annotations

from ..errors import MigrationError
from ..model.migration import Migration

__all__ = ["compose"]


def compose(first: Migration, second: Migration) -> Migration:
    """One migration doing what `first` then `second` do.

    Raises `MigrationError` when no single migration can say it: the two must meet at one
    version, and a strand must not read as one-to-one when on the way it was split, merged
    or joined with a strand new in the middle version (applied one after the other, that
    strand is left for review, never given a level).
    """
    if first.to != second.from_:
        raise MigrationError(
            f"cannot compose {first.describe()} with {second.describe()}: the first ends at "
            f"{first.to}, the second starts at {second.from_}",
            code="migration-chain",
        )
    if first.from_ == second.to:
        raise MigrationError(
            f"{first.describe()} then {second.describe()} lead back to {first.from_}: "
            "there is no migration from a version to itself",
            code="same-version",
        )
    strands: dict[str, tuple[str, ...]] = {}
    retired = list(first.retired)
    for old, middle in first.strands.items():
        news: list[str] = []
        for mid in middle:
            if mid in second.retired:
                continue
            if mid not in second.strands:
                raise MigrationError(
                    f"{second.describe()} does not say where `{mid}` goes", code="unmapped-strand"
                )
            news.extend(second.strands[mid])
        if news:
            strands[old] = tuple(dict.fromkeys(news))
        else:
            retired.append(old)
    composed = Migration.model_validate(
        {
            "from": first.from_,
            "to": second.to,
            "strands": strands,
            "retired": tuple(dict.fromkeys(retired)),
            "notes": f"Composed from {first.describe()} and {second.describe()}.",
        }
    )
    for new in composed.new_ids:
        direct = composed.one_to_one(new)
        via = second.one_to_one(new)
        if direct is not None and (via is None or first.one_to_one(via) != direct):
            raise MigrationError(
                f"cannot compose {first.describe()} with {second.describe()}: `{direct}` -> "
                f"`{new}` would read as one-to-one, but on the way it was split, merged or "
                "joined with a new strand; apply the two one after the other",
                code="migration-chain",
            )
    return composed
