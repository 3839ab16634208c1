"""`selfreview show FRAMEWORK [ID]`: a framework, or one element, aspect or strand of it,
with every level descriptor."""

from __future__ import annotations

import click

from ..errors import UnknownIdError
from ..file_names import standard_output_file
from ._common import State, bad_parameter, printed_onto_input, table_or_json_option

__all__ = ["show"]


@click.command()
@click.argument("framework")
@click.argument("node_id", metavar="[ID]", required=False)
@table_or_json_option("Output format: a table of the descriptors, or JSON.")
@click.pass_obj
def show(state: State, framework: str, node_id: str | None, output: str) -> None:
    """Print FRAMEWORK (an id or a file), or one element, aspect or strand of it, with
    every level descriptor.

    Exits 0 when it is printed; 1 when FRAMEWORK is a file that is not valid; 2 for a
    framework or ID not found, and on a usage error.
    """
    if standard_output_file() is not None:  # `show f.yaml >> f.yaml`: before any work
        from ..outputs.checks import Inputs  # not at start-up

        printed_onto_input(Inputs().add("FRAMEWORK", framework), named_output=False)
    found = state.framework(framework)
    try:
        node = found if node_id is None else found.get(node_id)
    except UnknownIdError as error:
        raise bad_parameter(error, "ID") from None
    if output == "json":
        from ..display import node_json

        click.echo(node_json(node))
        return
    from ..display import show as render

    click.echo(render(found, node_id), nl=False)
