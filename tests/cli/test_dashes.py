"""An option typed with a dash that is not `-` (`-o` with an en dash, U+2013, or the minus
sign, U+2212; `--format` as an em dash, as a word processor writes `--`; a full-width `-o`)
is hinted at in the usage error it makes (`cli._dashes`): "did you mean `-o`?", naming the
character. Before round 69 a user copying a command from a web page was told "Path '...o'
does not exist." or "Got unexpected extra argument", with no word of the option meant.
Nothing typed is read as an option that was not typed as one."""

from __future__ import annotations

import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from program import selfreview_here
from selfreview_core.cli import cli
from selfreview_core.cli._dashes import meant_option

ROOT = Path(__file__).resolve().parents[2]
REVIEW = str(ROOT / "examples" / "example-primary-2025.yaml")


def _last(stderr: bytes) -> str:
    return stderr.decode().splitlines()[-1]


@pytest.mark.parametrize(
    ("word", "named"),
    [
        ("\u2013o", "U+2013 EN DASH"),
        ("\u2014o", "U+2014 EM DASH"),
        ("\u2212o", "U+2212 MINUS SIGN"),
        ("\uff0d\uff4f", "U+FF0D FULLWIDTH HYPHEN-MINUS"),
    ],
)
def test_an_output_option_typed_with_another_dash_is_hinted_and_nothing_written(
    tmp_path: Path, word: str, named: str
) -> None:
    result = selfreview_here(["report", REVIEW, word, "out.json"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == b""
    assert _last(result.stderr) == (
        f"Error: Invalid value for 'ASSESSMENT...': Path '{word}' does not exist. "
        f"(did you mean `-o`? `{word}` is typed with {named}, not `-`)"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_short_option_typed_with_an_en_dash_and_its_value_glued_on_is_hinted(
    tmp_path: Path,
) -> None:
    """`\u2013oout.json`: `-oout.json` as click reads it, typed with an en dash. Before
    round 70 "Path '\u2013oout.json' does not exist." with no hint."""
    result = selfreview_here(["report", REVIEW, "\u2013oout.json"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == b""
    assert _last(result.stderr) == (
        "Error: Invalid value for 'ASSESSMENT...': Path '\u2013oout.json' does not exist. "
        "(did you mean `-o`? `\u2013oout.json` is typed with U+2013 EN DASH, not `-`)"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_long_option_typed_with_an_em_dash_is_hinted_where_it_is_an_extra_argument() -> None:
    """`frameworks` takes no argument: click's words, then the hint of `--format`."""
    result = selfreview_here(["frameworks", "\u2014format", "json"])
    assert result.returncode == 2
    assert result.stdout == b""
    assert _last(result.stderr) == (
        "Error: Got unexpected extra arguments (\u2014format json) "
        "(did you mean `--format`? `\u2014format` is typed with U+2014 EM DASH, not `-`)"
    )


def test_the_groups_own_option_typed_with_an_en_dash_is_hinted() -> None:
    result = selfreview_here(["\u2013\u2013version"])
    assert result.returncode == 2
    assert result.stdout == b""
    assert _last(result.stderr) == (
        "Error: No such command '\u2013\u2013version'. (did you mean `--version`? "
        "`\u2013\u2013version` is typed with U+2013 EN DASH, not `-`)"
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["report", REVIEW, "\u2013x"], "'ASSESSMENT...': Path '\u2013x' does not exist."),
        (["validate", REVIEW, "--", "\u2013o"], "'PATHS...': Path '\u2013o' does not exist."),
    ],
    ids=["no such option", "after --"],
)
def test_a_word_naming_no_option_or_after_double_dash_gets_no_hint(
    args: list[str], said: str
) -> None:
    """A hint only where the word names an option the command has, before `--`."""
    result = selfreview_here(args)
    assert result.returncode == 2
    assert _last(result.stderr) == f"Error: Invalid value for {said}"


def test_a_file_named_like_an_option_with_an_en_dash_is_still_a_file(tmp_path: Path) -> None:
    shutil.copyfile(REVIEW, tmp_path / "\u2013o")
    result = selfreview_here(["validate", "\u2013o"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert b"did you mean" not in result.stderr


@pytest.mark.parametrize(
    ("word", "meant"),
    [
        ("\u2013o", "-o"),
        ("\u2014format", "--format"),
        ("\u2013\u2013format=json", "--format"),
        ("-\u2013format", "--format"),
        ("\u2014\u2014o", "-o"),
        ("\u2013\uff4f", "-o"),
        ("-o", None),
        ("--format", None),
        ("\u2013ox.md", "-o"),
        ("\u2212o=x.md", "-o"),
        ("\uff0d\uff4fx.md", "-o"),
        ("\u2013xo", None),
        ("\u2013x", None),
        ("\u2013", None),
        ("o", None),
    ],
)
def test_the_option_meant(word: str, meant: str | None) -> None:
    assert meant_option(word, ["-o", "--output", "--format"]) == meant


@pytest.mark.parametrize(
    ("option", "said"),
    [
        ("--format", "--format: no exporter `{}` (choose from table, json, csv, markdown, html, "),
        ("-o", "-o: cannot tell the format from `{}`; give --format (table, json, csv, "),
        ("--framework", "'--framework': File '{}' does not exist."),
        ("--policy", "'--policy': '{}' is not one of 'median', 'mean', 'weakest'."),
    ],
)
def test_a_dashed_word_taken_as_an_options_value_gets_that_values_error_alone(
    tmp_path: Path, option: str, said: str
) -> None:
    """`report x.yaml --format \u2013o`: click takes the word as `--format`'s value, as it
    takes `-o` typed there, and says why the value is wrong. Before round 71 the hint
    followed ("did you mean `-o`?"), but `-o` there is `--format`'s value too, the same
    error: now the error `-o` there gets, naming the word typed, nothing written."""
    for word in ("\u2013o", "-o"):
        result = selfreview_here(["report", REVIEW, option, word], cwd=tmp_path)
        assert result.returncode == 2
        assert result.stdout == b""
        assert _last(result.stderr).startswith(f"Error: Invalid value for {said.format(word)}")
        assert "did you mean" not in result.stderr.decode()
    assert list(tmp_path.iterdir()) == []


def test_a_dashed_word_after_an_options_value_is_still_hinted(tmp_path: Path) -> None:
    """Only the option's own value is passed by: the word after it is the command's."""
    result = selfreview_here(
        ["report", REVIEW, "--format", "json", "\u2013o", "out.json"], cwd=tmp_path
    )
    assert result.returncode == 2
    assert _last(result.stderr) == (
        "Error: Invalid value for 'ASSESSMENT...': Path '\u2013o' does not exist. "
        "(did you mean `-o`? `\u2013o` is typed with U+2013 EN DASH, not `-`)"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("word", "meant"),
    [
        ("\u2014x", "--x"),
        ("\u2015x", "--x"),
        ("\u2013x", "-x"),
        ("\u2212x", "-x"),
        ("\u2013\u2013x", "--x"),
        ("\u2014y", "-y"),
        ("\u2013z", "--z"),
    ],
)
def test_an_em_dash_stands_for_two_hyphens(word: str, meant: str) -> None:
    """A word processor makes `--` an em dash: where a command has both `-x` and `--x`,
    `\u2014x` is `--x` (before round 71, `-x`: one character, read as one hyphen)."""
    assert meant_option(word, ["-x", "--x", "-y", "--z"]) == meant


def test_each_option_of_every_command_typed_with_other_dashes_is_hinted_as_itself() -> None:
    """Every spelling of every command's options, its `--` typed as an em dash or two en
    dashes and its `-` as an en dash or a minus sign, is hinted as that very spelling."""
    import click

    from selfreview_core.cli import COMMANDS, cli

    for name in COMMANDS:
        command = cli.commands[name]
        ctx = click.Context(command, info_name=name, help_option_names=["-h", "--help"])
        spellings = [
            opt
            for param in command.get_params(ctx)
            if isinstance(param, click.Option)
            for opt in (*param.opts, *param.secondary_opts)
        ]
        for spelling in spellings:
            rest = spelling.lstrip("-")
            typed = (
                ("\u2014", "\u2013\u2013") if spelling.startswith("--") else ("\u2013", "\u2212")
            )
            for dashes in typed:
                assert meant_option(dashes + rest, spellings) == spelling, (name, dashes + rest)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["\u2013o", "out.json", "-o"],
            "Error: Option '-o' requires an argument. (did you mean `-o`? `\u2013o` is typed "
            "with U+2013 EN DASH, not `-`)",
        ),
        (["-o"], "Error: Option '-o' requires an argument."),
        (["--format"], "Error: Option '--format' requires an argument."),
    ],
    ids=["an en dash, then -o with no value", "-o with no value", "--format with no value"],
)
def test_an_option_given_no_value_is_a_usage_error_as_the_others_are(
    tmp_path: Path, args: list[str], said: str
) -> None:
    """Click raises "Option '-o' requires an argument." with no command to it: before round
    72 it came alone, with neither the usage lines every other usage error has nor the
    dash hint of a word of the line (`report x.yaml \u2013o y -o`: the first was meant as
    `-o`). Now both, exit 2, nothing written."""
    result = selfreview_here(["report", REVIEW, *args], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode().splitlines() == [
        "Usage: selfreview report [OPTIONS] ASSESSMENT...",
        "Try 'selfreview report --help' for help.",
        "",
        said,
    ]
    assert list(tmp_path.iterdir()) == []


def _tools() -> click.Group:
    """A program's group, `tools`, with `hello` under it and under a group of its own."""

    @click.command()
    @click.option("--format", type=click.Choice(["a", "b"]))
    @click.option("-o", "output")
    def hello(format: str | None, output: str | None) -> None:
        click.echo("hello ran")

    tools = click.Group("tools", commands={"hello": hello})
    tools.add_command(click.Group("deep", commands={"hello": hello}))
    return tools


@pytest.mark.parametrize("where", [["tools"], ["tools", "deep"]], ids=["tools", "deep"])
@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["--format", "\u2013o"],
            "Error: Invalid value for '--format': '\u2013o' is not one of 'a', 'b'.",
        ),
        (
            ["\u2013o", "x"],
            "Error: Got unexpected extra arguments (\u2013o x) (did you mean `-o`? `\u2013o` "
            "is typed with U+2013 EN DASH, not `-`)",
        ),
    ],
    ids=["an option's value", "an argument"],
)
def test_a_command_under_a_programs_group_hints_as_ours_do(
    commands_added_taken_off: Path, where: list[str], args: list[str], said: str
) -> None:
    """A command a program's group runs, at any depth, reads the line again as ours do:
    a dashed word taken as an option's value gets that value's error alone. Before round
    73 it got the hint too (`tools hello --format \u2013o`: "did you mean `-o`?", though
    `-o` there is no option either; round 72's mutant 13 of `_dashes`)."""
    cli.add_command(_tools())
    result = CliRunner().invoke(cli, [*where, "hello", *args], prog_name="selfreview")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == said
    assert result.stderr.splitlines()[0] == f"Usage: selfreview {' '.join(where)} hello [OPTIONS]"


@pytest.mark.parametrize(("dash", "named"), [("\u207b", "SUPERSCRIPT"), ("\u208b", "SUBSCRIPT")])
def test_a_superscript_or_subscript_minus_is_hinted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dash: str, named: str
) -> None:
    """`\u207bo`: the superscript minus, which NFKC makes a minus sign (round 72 left it
    with no hint: "Path '\u207bo' does not exist." alone)."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["report", REVIEW, f"{dash}o", "out.json"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for 'ASSESSMENT...': Path '{dash}o' does not exist. "
        f"(did you mean `-o`? `{dash}o` is typed with U+{ord(dash):04X} {named} MINUS, not `-`)"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("word", "said"),
    [
        ("\u00ado", "Invalid value for 'ASSESSMENT...': Path '\\xado' does not exist."),
        ("\u00ad\u00ado", "Invalid value for 'ASSESSMENT...': Path '\\xad\\xado' does not exist."),
        ("-\u00ado", "No such option '-\\xad'."),
    ],
)
def test_a_soft_hyphen_before_an_option_is_hinted_and_shown_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, word: str, said: str
) -> None:
    """`\xado`: a soft hyphen (U+00AD), copied from a page where it was drawn as `-`, then
    `o` (round 74 left it with no hint: "Path '\\xado' does not exist." alone). The word is
    shown escaped, the character named, nothing written."""
    monkeypatch.chdir(tmp_path)
    shown = word.replace("\u00ad", "\\xad")
    result = CliRunner().invoke(cli, ["report", REVIEW, word, "out.json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"Error: {said} (did you mean `-o`? `{shown}` is typed with U+00AD SOFT HYPHEN, not `-`)"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("word", "said"),
    [
        (
            "\u200b-o",
            "Invalid value for 'ASSESSMENT...': Path '\\u200b-o' does not exist. (did you mean "
            "`-o`? `\\u200b-o` holds U+200B ZERO WIDTH SPACE, which shows as nothing)",
        ),
        (
            "\u2060\u2013o",
            "Invalid value for 'ASSESSMENT...': Path '\\u2060\u2013o' does not exist. (did you "
            "mean `-o`? `\\u2060\u2013o` is typed with U+2013 EN DASH, not `-`, and holds "
            "U+2060 WORD JOINER, which shows as nothing)",
        ),
        ("\u200bo", "Invalid value for 'ASSESSMENT...': Path '\\u200bo' does not exist."),
    ],
    ids=["before -o", "with an en dash", "no dash: no hint"],
)
def test_an_option_holding_a_character_that_shows_as_nothing_is_hinted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, word: str, said: str
) -> None:
    """A zero-width space or a word joiner copied with `-o` from a page or a chat: before
    round 75 "Path '\\u200b-o' does not exist." alone, the option the user sees unnamed.
    Now the option and the character are named. A word with no dash means no option."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["report", REVIEW, word, "out.json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"Error: {said}"
    assert list(tmp_path.iterdir()) == []


class _ParsedOnce(click.Command):
    """A program's command whose parser fails when made again (as the hint makes it)."""

    def make_parser(self, ctx: click.Context) -> click.parser._OptionParser:
        if ctx.meta.get("parsed"):
            raise RuntimeError("made twice")
        ctx.meta["parsed"] = True
        return super().make_parser(ctx)


def test_a_hint_that_cannot_be_made_leaves_the_usage_error_as_click_made_it(
    commands_added_taken_off: Path,
) -> None:
    """The hint reads the line again with the command's own parser; a program's that
    raises there left the usage error with a traceback (round 73). Now the error is told
    as click made it, exit 2, the command not run."""

    @click.command(cls=_ParsedOnce)
    @click.option("-o", "output")
    def hello(output: str | None) -> None:
        click.echo("hello ran")

    cli.add_command(hello)
    result = CliRunner().invoke(cli, ["hello", "\u2013o", "x"], prog_name="selfreview")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Usage: selfreview hello [OPTIONS]",
        "Try 'selfreview hello --help' for help.",
        "",
        "Error: Got unexpected extra arguments (\u2013o x)",
    ]
