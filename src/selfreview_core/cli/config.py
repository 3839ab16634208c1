"""`selfreview config`: the configuration that applies here, each setting and where it
comes from (`config.read_config`: `selfreview.toml`, `pyproject.toml [tool.selfreview]`,
`SELFREVIEW_DISABLE`, or the default)."""

from __future__ import annotations

import json

import click

from ..escaping import shown_json, shown_name
from ..file_names import standard_output_file
from ._common import State, printed_onto_input, table_or_json_option

__all__ = ["config"]


@click.command()
@table_or_json_option("Output format: a table of the settings, or JSON.")
@click.pass_obj
def config(state: State, output: str) -> None:
    """Show the settings that apply in this folder and where each comes from.

    selfreview reads selfreview.toml, or else [tool.selfreview] in pyproject.toml, from the
    current folder upward (to a repository's root or the home folder): framework, rules,
    migration (files, relative to that file), disable (plugin names) and policy. Options on
    the command line win over it, and SELFREVIEW_DISABLE over its disable.

    Exits 0 when the settings are shown; 1 when the file that applies is not valid (each
    mistake at its line and column); 2 on a usage error.
    """
    from ..config.settings import KEYS, Config
    from ..display import fitted_table

    if standard_output_file() is not None:  # `config >> selfreview.toml`: before any work
        from ..command_inputs import Inputs  # not at start-up

        printed_onto_input(Inputs(), named_output=False)
    found = state.config or Config()
    settings = {key: found.setting(key) for key in KEYS}
    if output == "json":
        data = {
            "file": None if found.path is None else str(found.path),
            "settings": {k: {"value": v, "from": src} for k, (v, src) in settings.items()},
        }
        click.echo(shown_json(json.dumps(data, indent=2, ensure_ascii=False)))
        return
    where = "none found" if found.path is None else f"{found.path} ({found.source})"
    click.echo(f"Configuration file: {shown_name(where)}")
    # Every value is a name (a file's, a plugin's, a policy's), each on a line of its own:
    # `lea-supp\u200bort`, which disables nothing, not drawn as `lea-support` (round 65).
    rows = [
        [key, "\n".join(map(shown_name, value if isinstance(value, list) else [value])), source]
        for key, (value, source) in settings.items()
    ]
    rows = [[key, value, shown_name(source)] for key, value, source in rows]
    click.echo(fitted_table(rows, ["setting", "value", "from"], flexible=[1, 2]))
