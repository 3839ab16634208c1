"""`selfreview schema KIND`: the JSON Schema of a file kind, for editors and CI tools."""

from __future__ import annotations

import json

import click

from .._names import SCHEMA_KINDS
from ._common import HintedChoice

__all__ = ["schema"]


@click.command()
@click.argument("kind", type=HintedChoice([*SCHEMA_KINDS, "report"]), metavar="KIND")
def schema(kind: str) -> None:
    """Print the JSON Schema of a file KIND, for editors and JSON Schema tools, or of
    `report --format json`'s output (KIND report).

    KIND is assessment, framework, rules, migration, plan or report.

    Exits 0 when the schema is printed; 2 for another KIND, and on a usage error.
    """
    if kind == "report":
        from ..exporters.json import report_json_schema

        click.echo(json.dumps(report_json_schema(), indent=2))
        return
    from ..schema import json_schema

    click.echo(json.dumps(json_schema(kind), indent=2))
