"""`selfreview plugins`: the plugins in use, the rule packs they provide, and every problem
found loading them."""

from __future__ import annotations

import json

import click

from ..file_names import standard_output_file
from ._common import State, printed_onto_input, table_or_json_option

__all__ = ["plugins"]


@click.command()
@table_or_json_option("Output format: tables of the plugins, rule packs and problems, or JSON.")
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 if any problem was found loading the plugins (for CI: a plugin that no "
    "longer imports).",
)
@click.pass_obj
def plugins(state: State, output: str, strict: bool) -> None:
    """List the plugins in use: name, version, the hooks each implements and where it came
    from; the rule packs they provide; and every problem found loading them (a plugin that
    fails to import, a misspelt hook, ...). The list is given in full either way; with
    --strict, problems also make the exit code 1, as they do for `report --strict`.

    Exits 0 when the list is shown; 1 with --strict when a problem was found; 2 on a usage
    error.
    """
    from ..listing import plugins_data, plugins_tables

    if standard_output_file() is not None:  # `plugins >> a rule pack`: before any work
        from ..command_inputs import Inputs  # not at start-up

        printed_onto_input(Inputs(), named_output=False)
    engine = state.engine(quiet=True)  # the problems are part of this command's output
    found = engine.plugins()
    packs = engine.rule_packs()  # loading them may find more problems
    problems = list(engine.problems)
    if output == "json":
        click.echo(json.dumps(plugins_data(found, packs, problems), indent=2))
    else:
        for text in plugins_tables(found, packs, problems):
            click.echo(text)
    if strict and problems:
        click.echo(f"--strict: {len(problems)} problem(s)", err=True)
        raise SystemExit(1)
