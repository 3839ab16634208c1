"""`selfreview frameworks`: the frameworks available, bundled and from plugins."""

from __future__ import annotations

import json

import click

from ..file_names import standard_output_file
from ._common import State, printed_onto_input, table_or_json_option

__all__ = ["frameworks"]


@click.command()
@table_or_json_option("Output format: a table, or JSON.")
@click.pass_obj
def frameworks(state: State, output: str) -> None:
    """List the frameworks available: bundled and from plugins.

    Exits 0 when the list is shown; 1 for invalid input (a configuration file or a
    framework file it names); 2 on a usage error.
    """
    if standard_output_file() is not None:  # `frameworks >> srf.yaml`: before any work
        from ..command_inputs import Inputs  # not at start-up

        printed_onto_input(Inputs(), named_output=False)
    entries = state.engine().frameworks()
    if output == "json":
        from ..listing import frameworks_data

        click.echo(json.dumps(frameworks_data(entries), indent=2))
        return
    from ..listing import frameworks_table

    click.echo(frameworks_table(entries))
