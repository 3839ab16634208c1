"""`selfreview frameworks`: the frameworks available, bundled and from plugins."""

from __future__ import annotations

import json

import click

from ._common import FormatChoice, State

__all__ = ["frameworks"]


@click.command()
@click.option(
    "--format",
    "output",
    type=FormatChoice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format: a table, or JSON.",
)
@click.pass_obj
def frameworks(state: State, output: str) -> None:
    """List the frameworks available: bundled and from plugins."""
    entries = state.engine().frameworks()
    if output == "json":
        from ..listing import frameworks_data

        click.echo(json.dumps(frameworks_data(entries), indent=2))
        return
    from ..listing import frameworks_table

    click.echo(frameworks_table(entries))
