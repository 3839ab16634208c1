"""`selfreview schema KIND`: the JSON Schema of a file kind, for editors and CI tools."""

from __future__ import annotations

import json

import click

from .._names import SCHEMA_KINDS

__all__ = ["schema"]


class _Kind(click.Choice):  # type: ignore[type-arg]  # click's Choice is generic on 8.2+
    """KIND, a kind misspelt told the one meant, as a file's `kind:` is: `schema
    frameworks` was told only the list of kinds (round 81)."""

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> object:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as error:
            from ..model.base import did_you_mean  # only on the way to the error

            hint = did_you_mean(str(value), [str(choice) for choice in self.choices])
            if hint is None:
                raise
            raise click.BadParameter(
                f"{error.message.removesuffix('.')} ({hint})", ctx, param
            ) from None


@click.command()
@click.argument("kind", type=_Kind([*SCHEMA_KINDS, "report"]), metavar="KIND")
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
