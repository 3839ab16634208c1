"""An option typed with a dash that is not `-`: the hint of the option meant.

A command copied from a web page, a word processor or a chat comes with its options'
hyphens made typographic: `-o` with an en dash (U+2013) or the minus sign (U+2212),
`--format` as an em dash and `format` (U+2014: `--` as a word processor writes it). Click
reads none of them as an option: each is an argument, and the command says "Path '...o'
does not exist." or "Got unexpected extra argument", which a user cannot tell from what was
typed. So a usage error of a command line holding such a word that names one of the
command's options, its dashes read as `-` or `--` (and its letters as NFKC reads them: a
full-width hyphen and `o`), ends with the hint of that option and of the characters that
are not hyphens, as an id drawn like another is told (`_lookalikes.look_alike`). Nothing is
read as an option that was not typed as one: a file so named is still a file, and a command
that succeeds is never second-guessed, nor a word click took as an option's value
(`--format \u2013o`): that value's own error is the one a `-o` there gets too.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Final

import click

from ..escaping import shown_name

__all__ = ["GIVEN_KEY", "dashes_hinted", "meant_option", "remember_given"]

#: Set in the group's context's `meta`: the words of the command line, as given.
GIVEN_KEY: Final = "selfreview.given"
#: Dashes drawn like `-` that are no dash punctuation (Unicode category Pd, all read as
#: `-` here): the minus sign and the heavy one, the modifier letter minus, a hyphen bullet,
#: the superscript and subscript minus (round 73: `\u207bo` had no hint), and the soft
#: hyphen (U+00AD, a format character a page's text can hold before a word, drawn as `-`
#: where a line breaks and copied with it: round 74 left `\xado` with no hint).
_DRAWN_AS_DASHES: Final = frozenset("\u2212\u2796\u02d7\u2043\u207b\u208b\u00ad")
#: Dashes a word processor makes of `--` (an em dash), or drawn as long (a horizontal bar,
#: the two- and three-em dashes): each stands for two hyphens, the others for one.
_DOUBLE_DASHES: Final = frozenset("\u2014\u2015\u2e3a\u2e3b")


def _dash(char: str) -> bool:
    return char in _DRAWN_AS_DASHES or unicodedata.category(char) == "Pd"


def _unseen(char: str) -> bool:
    """Whether `char` is a format character that shows as nothing (a zero-width space, a
    word joiner, a byte-order mark), which a page or a chat puts in a word copied: `\u200b-o`
    had no hint before round 75. The soft hyphen is a dash here (`_DRAWN_AS_DASHES`)."""
    return unicodedata.category(char) == "Cf" and char not in _DRAWN_AS_DASHES


def meant_option(word: str, options: Iterable[str]) -> str | None:
    """The option of `options` (`-o`, `--format`) that `word` names with a dash that is not
    `-` (`\u2013o`, `\u2014format`, `\u2212\u2212format=json`, a short one with its value
    glued on: `\u2013ox.md`), or None: a word whose leading dashes are all `-`, or whose
    rest names no option, means nothing else. Before round 70 a value glued on had no
    hint: "Path '\u2013ox.md' does not exist." alone. The option of as many hyphens as the
    dashes stand for comes first: an em dash is `--` (`\u2014x` is `--x` where a command
    has both `-x` and `--x`; before round 71, `-x`), an en dash `-`."""
    given = word.split("=", 1)[0]
    name = "".join(c for c in given if not _unseen(c))  # `\u200b-o`: `-o` with one unseen
    rest = name.lstrip("".join(c for c in name if _dash(c)))
    lead = name[: len(name) - len(rest)]
    if not rest or not lead or (lead.count("-") == len(lead) and name == given):
        return None
    rest = unicodedata.normalize("NFKC", rest)
    known = set(options)
    hyphens = sum(2 if c in _DOUBLE_DASHES else 1 for c in lead)
    tries: tuple[str, ...] = (
        (f"-{rest}", f"--{rest}") if hyphens == 1 else (f"--{rest}", f"-{rest}")
    )
    if len(lead) == 1:  # `\u2013ox.md`: `-o` with its value glued on, as `-ox.md` is read
        tries = (*tries, f"-{rest[0]}")
    return next((option for option in tries if option in known), None)


def _options(ctx: click.Context) -> list[str]:
    """Every option of `ctx`'s command, help included, in each of its spellings."""
    return [
        opt
        for param in ctx.command.get_params(ctx)
        if isinstance(param, click.Option)
        for opt in (*param.opts, *param.secondary_opts)
    ]


def remember_given(ctx: click.Context, args: Sequence[str]) -> None:
    """Keep the command line's words, as given, for `dashes_hinted` (the group's context
    loses them as it hands them to its command)."""
    ctx.meta[GIVEN_KEY] = tuple(args)


def _arguments(ctx: click.Context, where: click.Context) -> list[str] | None:
    """The words of the command line remembered in `ctx` that click read as arguments of
    `where`'s command (the group's, a command it ran, or one a program's group it ran
    ran, at any depth), not as an option's value; None where the line cannot be read
    again (the error is its own: an option given no value) or `where` is not under `ctx`.
    Before round 73 a command deeper than ours (`tools hello --format \u2013o`) read no
    word again, and an option's value was hinted at as an option."""
    words = list(ctx.meta.get(GIVEN_KEY, ()))
    groups: list[click.Context] = []  # from `where`'s group up to `ctx`
    here = where
    while here is not ctx:
        if here.parent is None:
            return None
        here = here.parent
        groups.append(here)
    try:
        for group in reversed(groups):  # each group's words, down to `where`'s
            words = group.command.make_parser(group).parse_args(words)[1][1:]  # a name off
        values, extra, _ = where.command.make_parser(where).parse_args(words)
    except click.UsageError:
        return None
    arguments = [*extra]  # those left over, then each argument's own
    for param in where.command.get_params(where):
        value = values.get(param.name) if isinstance(param, click.Argument) else None
        if isinstance(value, str | tuple | list):  # one word, or several (click's `...`)
            arguments += [value] if isinstance(value, str) else value
    return arguments


def dashes_hinted(error: click.UsageError, ctx: click.Context) -> click.UsageError:
    """`error`, of the command line remembered in `ctx` (`remember_given`), with the hint of
    the option a word of it meant (`meant_option`) if any: "did you mean `-o`? `\u2013o` is
    typed with U+2013 EN DASH, not `-`". `error` itself where no word means one, or the
    word is an option's value (`_arguments`): `--format \u2013o` is told "no exporter
    `\u2013o`" as `--format -o` is, since `-o` there would be no option either (before
    round 71 with the hint, and the line retyped as it said gave the same error)."""
    options = _options(error.ctx or ctx)
    arguments = _arguments(ctx, error.ctx or ctx)
    for word in ctx.meta.get(GIVEN_KEY, ()):
        if word == "--":  # what follows is no option, as the parser reads it
            break
        if arguments is not None and word not in arguments:  # an option's value
            continue
        option = meant_option(word, options)
        if option is not None:
            given = word.split("=", 1)[0]
            said = [
                f"{what} {_named(c for c in given if test(c))}{then}"
                for what, test, then in _SAID
                if any(test(c) for c in given)
            ]
            hint = f"did you mean `{option}`? `{shown_name(word)}` {', and '.join(said)}"
            return click.UsageError(f"{error.format_message()} ({hint})", error.ctx or ctx)
    return error


#: What a hint says of the characters of a word that meant an option: its dashes that are
#: not `-`, then those that show as nothing.
_SAID: Final = (
    ("is typed with", lambda c: _dash(c) and c != "-", ", not `-`"),
    ("holds", _unseen, ", which shows as nothing"),
)


def _named(chars: Iterable[str]) -> str:
    """Each character once, by its code point and name: "U+2013 EN DASH"."""
    return ", ".join(
        f"U+{ord(c):04X} {unicodedata.name(c, 'UNNAMED')}" for c in dict.fromkeys(chars)
    )
