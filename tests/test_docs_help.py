"""The command line's own help, and what the pages say of the commands and their options,
agree with the commands: the exit codes, every option's words, the lists of the commands
taking an option, the synopsis of `benchmark`, the hints the pages quote. Round 59, a new
user's reading of `--help` and the docs beside it (tests/test_docs_pages.py runs the pages'
commands)."""

from __future__ import annotations

import re
import types
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from selfreview_core import Framework, SelfReviewError, load_rules
from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def test_the_commands_help_gives_the_exit_codes_as_the_readme_does() -> None:
    """`selfreview --help` says what each exit code means (before round 59 only the README
    did), and each is what a command gives."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    said = "Exit codes: 0 success, 1 invalid input (or, with `--strict`, problems: a plugin's, a"
    assert said in " ".join(readme.split())
    runner = CliRunner()
    shown = " ".join(runner.invoke(cli, ["--help"], prog_name="selfreview").output.split())
    assert (
        "Exits 0 on success, 1 on invalid input (with --strict, on problems too), 2 on a" in shown
    )
    assert "SELFREVIEW_DEBUG=1 shows one for a bug report" in shown
    bad = str(ROOT / "tests" / "data" / "bad" / "unknown-strand.yaml")
    good = str(EXAMPLES / "example-primary-2026.yaml")
    calls = (["validate", good], ["validate", bad], ["validate", "--nonsense", good])
    assert [runner.invoke(cli, args).exit_code for args in calls] == [0, 1, 2]


def test_every_option_of_every_command_says_what_it_is_and_whether_it_repeats() -> None:
    """docs/command-line.md: "Options that may be repeated say so in `--help`". Before round
    59 `--framework` did not in `validate`, `collect`, `voices` and `combine`, and `--format`
    of `show`, `awards`, `frameworks`, `plugins` and `config` had no words at all."""
    context = click.Context(cli)
    unsaid = []
    for name in cli.list_commands(context):
        command = cli.get_command(context, name)
        assert command is not None
        assert command.help, name
        for option in command.params:
            if not isinstance(option, click.Option) or option.hidden:
                continue
            said = option.help or ""
            if not said or option.multiple != ("repeatable" in said):
                unsaid.append((name, option.opts[0], said))
    assert unsaid == []


def test_the_synopsis_of_benchmark_names_every_option_it_has() -> None:
    """docs/benchmarking.md's synopsis of the command: each option of `benchmark --help`
    (before round 59 it left out `--migration` and `--disable`, and gave `--framework` an
    ID, which is deprecated for `--to`)."""
    page = (ROOT / "docs" / "benchmarking.md").read_text(encoding="utf-8")
    [synopsis] = re.findall(r"^```\n(selfreview benchmark PATH\.\.\. .*?)^```", page, re.S | re.M)
    command = cli.get_command(click.Context(cli), "benchmark")
    assert command is not None
    named = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", synopsis))
    options = {
        name
        for option in command.params
        if isinstance(option, click.Option) and not option.hidden
        for name in (*option.opts, *option.secondary_opts)
        if name not in ("-h", "--help", "--no-color", "--output")
    }
    assert named == options
    assert "--framework FILE" in synopsis


def test_the_plugin_guide_quotes_the_hint_for_a_misspelt_hook_as_it_is() -> None:
    """The guide's table quotes the hint a misspelt hook gets (before round 59, without the
    backticks the message has)."""
    from selfreview_core import Engine, hookimpl

    guide = (ROOT / "docs" / "writing-plugins.md").read_text(encoding="utf-8")
    [row] = [line for line in guide.splitlines() if line.startswith("| misspells a hook")]
    [quoted] = re.findall(r"``(did you mean .*?)``", row)

    def recomend() -> list[object]:
        return []

    misspelt = types.ModuleType("misspelt")
    misspelt.selfreview_recomend = hookimpl(recomend)  # type: ignore[attr-defined]
    [problem] = Engine(entry_points=False, plugins=[misspelt]).problems
    assert problem.message.endswith(f"({quoted})")


def _commands_with(option: str) -> set[str]:
    context = click.Context(cli)
    return {
        name
        for name in cli.list_commands(context)
        if any(option in p.opts for p in getattr(cli.get_command(context, name), "params", ()))
    }


@pytest.mark.parametrize(
    ("page", "opening", "closing", "option"),
    [
        # before round 59 the guide left out config, collect, support, voices and combine
        (
            "writing-plugins.md",
            "`--disable NAME` (repeatable) works on",
            "but `schema`",
            "--disable",
        ),
        (
            "command-line.md",
            "`--format table` is the human-readable",
            "`--format text`",
            "--format",
        ),
        ("command-line.md", "`-o -` writes standard output wherever", "a usage error", "-o"),
    ],
)
def test_a_list_of_the_commands_with_an_option_names_each(
    page: str, opening: str, closing: str, option: str
) -> None:
    """Where a page lists the commands that take an option, it lists every one (`-o`'s
    list ends with the two that refuse `-o -`)."""
    text = " ".join((ROOT / "docs" / page).read_text(encoding="utf-8").split())
    listed = text.split(opening, 1)[1].split(closing, 1)[0]
    commands = set(cli.list_commands(click.Context(cli)))
    named = set(re.findall(r"`([a-z]+)(?: --status)?`", listed)) & commands
    assert named == _commands_with(option)


def test_the_plugin_guide_and_the_format_reference_name_every_test_a_condition_has(
    becta: Framework,
) -> None:
    """The tests a condition may have, as the error for two of them lists them, are each in
    the plugin guide's list and the format reference's table (before round 59 the guide left
    out `score_below` and `score_reached`)."""
    pack = "kind: rules\nid: p\nframework: becta-srf\nrules:\n  - id: r\n    when: {strand: 1b1, "
    pack += "level: 1, below: 1}\n    recommend: {title: T, action: A, priority: low}\n"
    with pytest.raises(SelfReviewError) as raised:
        load_rules("pack.yaml", becta, text=pack)
    [message] = [d.message for d in raised.value.diagnostics if "exactly one test" in d.message]
    tests = set(re.findall(r"`(\w+)`", message))
    assert len(tests) >= 8
    guide = (ROOT / "docs" / "writing-plugins.md").read_text(encoding="utf-8")
    listed = " ".join(guide.split()).split("The conditions you can write (", 1)[1].split(")")[0]
    reference = (ROOT / "docs" / "framework-format.md").read_text(encoding="utf-8")
    table = reference.split("### Conditions\n", 1)[1].split("\n\n| condition")[1].split("\n\n")[0]
    for test in tests:
        assert f"`{test}`" in listed, test
        assert f", {test}: " in table, test


def test_plan_s_help_says_how_to_stop_the_questions() -> None:
    """`plan -i`'s help says that `q` (round 60) and Ctrl-C stop, keeping what was accepted,
    as tests/cli/test_plan.py and test_plan_quit.py show they do (before round 59 only the
    docs said so)."""
    shown = " ".join(CliRunner().invoke(cli, ["plan", "--help"]).output.split())
    assert (
        "q (or quit) at 'Add it to the plan?', or at an owner or due date, stops, keeping the "
        "actions accepted" in shown
    )
    assert "as Ctrl-C does (exit 1); run it again to be asked about the rest." in shown
