"""`selfreview plugins`: the plugins in use, the rule packs they provide, and every problem
found loading them."""

from __future__ import annotations

import json

import click

from ._common import FormatChoice, State

__all__ = ["plugins"]


@click.command()
@click.option(
    "--format", "output", type=FormatChoice(["table", "json"]), default="table", show_default=True
)
@click.pass_obj
def plugins(state: State, output: str) -> None:
    """List the plugins in use: name, version, the hooks each implements and where it came
    from; the rule packs they provide; and every problem found loading them (a plugin that
    fails to import, a misspelt hook, ...)."""
    from ..listing import plugins_data, plugins_tables

    engine = state.engine(quiet=True)  # the problems are part of this command's output
    found = engine.plugins()
    packs = engine.rule_packs()  # loading them may find more problems
    problems = list(engine.problems)
    if output == "json":
        click.echo(json.dumps(plugins_data(found, packs, problems), indent=2))
        return
    for text in plugins_tables(found, packs, problems):
        click.echo(text)
