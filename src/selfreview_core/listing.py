"""What an engine holds, as `selfreview frameworks` and `selfreview plugins` list it: a
table to read, or plain data for JSON. Every text from a file or plugin is escaped for the
terminal where it is laid out (`display.one_line`); a name (a framework's or a pack's id,
a plugin's name, the file or plugin that provides it) as a name (`escaping.shown_name`),
so that two that differ by an invisible character are told apart."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from tabulate import tabulate

from .display import fitted_table, one_line
from .escaping import quotes_shown, shown_name
from .model.problem import Problem
from .model.unseen import said
from .plugins import PluginInfo
from .provided import FrameworkEntry, RulePackEntry
from .text_tables import isolated

__all__ = ["frameworks_data", "frameworks_table", "plugins_data", "plugins_tables"]


def frameworks_table(entries: Iterable[FrameworkEntry]) -> str:
    rows = [
        (
            shown_name(e.framework.id),
            one_line(e.framework.version),
            one_line(e.framework.title),
            one_line(" ".join(said(e.framework.publisher, e.framework.year))),
            len(e.framework),
            shown_name(e.provider),
        )
        for e in entries
    ]
    headers = ("id", "version", "title", "publisher", "strands", "provided by")
    return fitted_table(rows, headers, flexible=[2, 3, 5])


def frameworks_data(entries: Iterable[FrameworkEntry]) -> list[dict[str, Any]]:
    """`selfreview frameworks --format json`: each framework and where it came from."""
    return [
        {
            "id": e.framework.id,
            "version": e.framework.version,
            "title": e.framework.title,
            "publisher": e.framework.publisher,
            "year": e.framework.year,
            "strands": len(e.framework),
            "provider": e.provider,
            "path": e.path,
        }
        for e in entries
    ]


def plugins_data(
    plugins: Sequence[PluginInfo], packs: Sequence[RulePackEntry], problems: Sequence[Problem]
) -> dict[str, Any]:
    """`selfreview plugins --format json`: the plugins (with the frameworks each serves:
    None for every one), their rule packs, their problems."""
    return {
        "plugins": [
            {
                "name": p.name,
                "version": p.version,
                "hooks": list(p.hooks),
                "origin": p.origin,
                "serves": None if p.serves is None else list(p.serves),
            }
            for p in plugins
        ],
        "rule_packs": [
            {
                "id": e.pack.id,
                "framework": e.pack.framework,
                "rules": len(e.pack.rules),
                "provider": e.provider,
                "path": e.path,
            }
            for e in packs
        ],
        "problems": [problem.model_dump(mode="json") for problem in problems],
    }


def plugins_tables(
    plugins: Sequence[PluginInfo], packs: Sequence[RulePackEntry], problems: Sequence[Problem]
) -> list[str]:
    """`selfreview plugins`: a table of the plugins (and the frameworks each serves: `all`
    unless it declares them), then (if any) one of the rule packs they provide and one of
    the problems found loading them, a blank line between."""
    rows = [
        [
            shown_name(p.name),
            *(
                one_line(text)
                for text in (
                    p.version or "-",
                    ", ".join(p.hooks) or "-",
                    p.origin,
                    "all" if p.serves is None else ", ".join(map(shown_name, p.serves)),
                )
            ),
        ]
        for p in plugins
    ]
    columns = ("plugin", "version", "hooks", "from", "frameworks")
    out = [_table(rows, columns)]
    if packs:
        pack_rows = [
            [
                shown_name(e.pack.id),
                shown_name(e.pack.framework),
                len(e.pack.rules),
                shown_name(e.provider),
            ]
            for e in packs
        ]
        headers = ("rule pack", "framework", "rules", "provided by")
        out += ["", _table(pack_rows, headers)]
    if problems:
        problem_rows = [
            [shown_name(p.source), p.severity, quotes_shown(p.message, one_line)] for p in problems
        ]
        out += ["", _table(problem_rows, ("problem of", "severity", "message"))]
    return out


def _table(rows: Sequence[Sequence[object]], headers: Sequence[str]) -> str:
    """A table of `plugins`, each text cell holding right-to-left letters isolated
    (`text_tables.isolated`), as every other table's is: a plugin named in Hebrew turned its
    row right to left in a terminal that orders text by the bidirectional algorithm. A cell
    that is one path or link is left whole."""
    cells = [[isolated(cell) if isinstance(cell, str) else cell for cell in row] for row in rows]
    return tabulate(cells, headers=headers, disable_numparse=True)
