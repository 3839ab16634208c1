"""What the group's table of commands (`cli/_commands.py`) does that its other tests did not
pin: found by the round-70 mutation pass over the module (new in round 69)."""

from __future__ import annotations

import click
from click.testing import CliRunner

from selfreview_core.cli import cli


def test_a_group_of_a_programs_own_commands_lists_them_as_they_are() -> None:
    """A program that makes a group of its own commands, a plain mapping and no `Commands`,
    with the group's class, gets its `--help` listing each of them, its own summary and
    nothing of ours: `listed` hands such a group back untouched (it has no stand-ins)."""
    own = {"hello": click.Command("hello", help="Say hello to the school.")}
    group = type(cli)("mine", commands=own)
    result = CliRunner().invoke(group, ["--help"], prog_name="mine")
    assert result.exit_code == 0, result.output
    assert result.exception is None
    commands = result.output.partition("Commands:\n")[2]
    assert commands.split() == ["hello", "Say", "hello", "to", "the", "school."]
    assert group.commands is own  # listed, not replaced
