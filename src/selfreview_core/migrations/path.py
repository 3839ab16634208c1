"""Which migrations lead from one framework version to another: the shortest chain.

Migrations are one-way (a split cannot be undone), so they form a directed graph over
`id@version` refs. The chain with the fewest steps wins; between equally short chains, the
migrations given first win, so the caller's own come before any plugin's.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..errors import NoMigrationPathError

if TYPE_CHECKING:  # annotations only: the engine imports this without the migration model
    from ..model.migration import Migration

__all__ = ["find_path", "reachable"]


def _edges(migrations: Iterable[Migration]) -> dict[str, list[Migration]]:
    edges: dict[str, list[Migration]] = {}
    for migration in migrations:
        edges.setdefault(migration.from_, []).append(migration)
    return edges


def reachable(migrations: Iterable[Migration], source: str) -> dict[str, tuple[Migration, ...]]:
    """Every version reachable from `source`, with the shortest chain to it (breadth first)."""
    edges = _edges(migrations)
    chains: dict[str, tuple[Migration, ...]] = {source: ()}
    queue = deque([source])
    while queue:
        ref = queue.popleft()
        for migration in edges.get(ref, ()):
            if migration.to not in chains:
                chains[migration.to] = (*chains[ref], migration)
                queue.append(migration.to)
    return chains


def find_path(migrations: Iterable[Migration], source: str, target: str) -> tuple[Migration, ...]:
    """The shortest chain of migrations from `source` to `target` (empty when they are the
    same version); `NoMigrationPathError`, saying what is known, when there is none."""
    known = list(migrations)
    chains = reachable(known, source)
    if target in chains:
        return chains[target]
    leaving = [m for m in known if m.from_ == source]
    if leaving:
        ends = sorted(ref for ref in chains if ref != source)
        known_text = (
            f"the migrations known from {source} ({', '.join(m.id or m.ref for m in leaving)}) "
            f"lead only to {', '.join(ends)}"
        )
    else:
        known_text = f"no migration is known from {source}"
    raise NoMigrationPathError(
        f"no migration path from {source} to {target}: {known_text}",
        hint="give a migration file (`kind: migration`) with --migration",
        code="no-migration-path",
    )
