"""`selfreview combine`: a draft of the school's review from its respondents (SPEC
section 9), for the leadership to confirm with `selfreview assess ... --all`.

The draft is written through the one output path (`outputs`): never over an input (a
respondent's file, a `--framework` file), atomically, JSON when its name ends in `.json`,
else YAML with a comment saying how to confirm it; `-o -` writes standard output.

Nor over work: the leadership confirms a draft in the file combine wrote (`assess -o DRAFT
--all`), and running combine again with the same `-o` replaced their judgements in silence.
A YAML draft carries a mark, the digest of every other byte of the file; an existing file
is replaced only if it is empty or its mark still matches (combine wrote it and nobody
changed it since). Anything else, a JSON file included (it has no comment to carry a mark),
is refused, exit 1, naming the file, nothing written (docs/respondents.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final

import click

from .._words import LINE_NAMES, plural, some
from ..escaping import shown, shown_argument, shown_name
from ._common import DATE, STDOUT, InputPath, State, framework_files_option, output_file
from ._respondents import (
    min_group_option,
    read_responses,
    refused,
    responses_given,
    warn_compared,
)

if TYPE_CHECKING:
    from ..model.framework import Framework

__all__ = ["combine"]


#: The last line of a YAML draft's header: the digest of every other byte of the file.
_MARK: Final = "# combine replaces this file only while it is unchanged: mark {}\n"
_MARKED: Final = re.compile(
    rb"^# combine replaces this file only while it is unchanged: mark ([0-9a-f]{16})\n", re.M
)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def marked(text: str, header: str) -> str:
    """`header`, the mark of the whole file (`_MARK`), then `text`: a YAML draft."""
    return header + _MARK.format(_digest((header + text).encode("utf-8"))) + text


def unchanged_draft(data: bytes) -> bool:
    """Whether `data` is a YAML draft as combine wrote it: its mark is the digest of the
    rest. Any change (an `assess` session's header and judgements, an edit) breaks it."""
    found = _MARKED.search(data)
    if found is None:
        return False
    rest = data[: found.start()] + data[found.end() :]
    return _digest(rest) == found.group(1).decode("ascii")


def _on_disk(output: str) -> bytes | None:
    """The regular file `output` names, read; None if there is none (or a device, a pipe:
    written to, not replaced, and left to `output_file`'s checks)."""
    from ..files.source import open_regular

    try:
        if not stat.S_ISREG(os.stat(output).st_mode):
            return None
    except (OSError, ValueError):
        return None
    with open_regular(output) as handle:
        return handle.read()


def check_replaceable(output: str) -> Callable[[], None]:
    """`SelfReviewError` (exit 1, nothing written) if `output` is a regular file holding
    anything but nothing or an unchanged draft: it may hold judgements the leadership
    confirmed, which replacing it would lose without a word.

    Returns the check `write_atomic` makes once the draft is on disk, just before renaming
    it over `output`: the file is still as it was here. Before round 70 an `assess --all`
    (or a second `combine`) that saved between this check and the write was lost."""
    from ..dump import is_json_name
    from ..errors import SelfReviewError

    seen = _on_disk(output)

    def unchanged() -> None:
        if _on_disk(output) != seen:
            raise SelfReviewError(
                "the file changed as the draft was made (another program, such as "
                "`selfreview assess` or a second `combine`, wrote it), so nothing was written",
                file=output,
                hint="look at the file; run combine again, or give another name with -o",
                code="output-holds-work",
            )

    if not seen or unchanged_draft(seen):
        return unchanged
    why = (
        "and a JSON file has no comment to carry the mark that shows a draft unchanged"
        if is_json_name(output)
        else "and is not a draft `selfreview combine` wrote that nobody changed since"
    )
    raise SelfReviewError(
        f"the file exists {why}: it may hold judgements confirmed with `selfreview "
        "assess`, which replacing it would lose, so nothing was written",
        file=output,
        hint="give another name with -o, or move the file away first to replace it",
        code="output-holds-work",
    )


def framework_argument(state: State, framework: Framework) -> str:
    """`framework` as the FRAMEWORK of the `assess` command a draft's reader is told to
    run (`shown_argument`): the file it was read from where this command was given one
    (among PATH..., in its folders, or with --framework), which `assess` would not find
    by id; else its `id@version`, which every command finds among the available ones;
    `FRAMEWORK` for one read from standard input."""
    from ..files.stdin import is_stdin
    from ..provided import GIVEN

    for entry in state.engine().frameworks():
        if entry.framework is framework and entry.provider == GIVEN and entry.path:
            return "FRAMEWORK" if is_stdin(entry.path) else shown_argument(entry.path)
    return shown_argument(framework.ref)


@click.command()
@click.argument("paths", metavar="PATH...", nargs=-1, required=True, type=InputPath())
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="The draft to write: JSON if its name ends in .json, else YAML; - for stdout.",
)
@min_group_option(
    "The fewest answers a group must give on a strand for them to count in the draft; a "
    "smaller group is named with its count in the evidence, and left out of the level."
)
@click.option(
    "--date",
    "on",
    type=DATE,
    help="The draft's date (default: today).",
)
@framework_files_option(
    "A framework file the responses answer, before the available ones (repeatable)."
)
@click.pass_obj
def combine(
    state: State,
    paths: Sequence[str],
    output: str,
    min_group: int,
    on: dt.date | None,
    framework_files: Sequence[str],
) -> None:
    """Draft the school's review from its respondents: each strand at the median of their
    answers (between two, the worse), with evidence saying how many of each group answered
    and each shown group's median.

    Only groups with at least --min-group answers on a strand count in its level (a smaller
    group is named with its count); a strand no such group answered is left to judge. The
    draft names no respondent and copies none of their words. Confirm it with `selfreview
    assess FRAMEWORK -o DRAFT --all`. PATH... are respondents' files, directories or JSON
    Lines files (- reads stdin); a school's own review among them is refused, as are
    responses of different schools, frameworks or versions, and files that are not valid.

    Exits 0 when the draft is written; 1 when an input is refused (nothing written); 2 on
    a usage error.
    """
    from .._followed import Followed
    from ..dump import dump_document, is_json_name
    from ..errors import Diagnostic, SelfReviewError
    from ..outputs.writing import Inputs, write_atomic
    from ..review_dates import given_warning
    from ..voices.draft import check_readable
    from ..voices.draft import combine as make_draft
    from ..voices.responses import located

    followed = Followed()  # what the walk follows, for the output checks
    files, framework_files = responses_given(paths, framework_files, followed)
    inputs = Inputs(followed).add("PATH", *files).walk("PATH", *paths)
    inputs.add("--framework", *framework_files)
    output_file(output, inputs, document=True)
    try:
        responses = read_responses(state, files, framework_files)
        if responses.own:
            raise SelfReviewError(
                [
                    Diagnostic(
                        f"a review of the {responses.framework.terms.subject} itself (no "
                        "`respondent`): the draft is made from respondents' answers only",
                        file=source,
                        path="respondent",
                        hint="leave it out; compare it with the groups in `selfreview voices`",
                        code="not-a-response",
                    )
                    for source, _ in responses.own
                ]
            )
        framework = responses.framework
        draft = make_draft(
            framework,
            responses.responses,
            on=on,
            min_group=min_group,
        )
    except SelfReviewError as error:
        refused(error)
    # Comments are one line each: the framework's words may hold a line break.
    subject = shown(framework.terms.subject, newline=False)
    named = framework_argument(state, framework)
    header = (
        f"# A draft of the {subject}'s review from "
        f"{plural(len(responses.responses), 'response')}, made by `selfreview combine`.\n"
        f"# Confirm each level and write its evidence: selfreview assess {named} -o "
        "THIS-FILE --all\n"
    )
    to_stdout = output == STDOUT
    text = dump_document(draft, "draft.yaml" if to_stdout else output)
    if not is_json_name("draft.yaml" if to_stdout else output):
        text = marked(text, shown(header))
    try:
        check_readable(len(text.encode("utf-8")), output, draft, responses.responses)
    except SelfReviewError as error:
        raise located(error) from None
    if to_stdout:
        click.echo(text, nl=False)
    else:
        # As late as can be, and again once the draft is on disk: the file as it is when
        # replaced (an `assess --all` saving meanwhile is kept, the draft refused).
        write_atomic(output, text, check_replaceable(output))
    warn_compared(responses)  # of the draft written: never before a refusal
    left = [s for s in framework.strand_ids if s not in draft.judgements]
    where = "standard output" if to_stdout else shown_name(output)
    lines = [
        f"Wrote {where}: {len(draft.judgements)} of {len(framework)} strands drafted from "
        f"{plural(len(responses.responses), 'response')}.",
    ]
    from ..model.voices import DISAGREEMENT
    from ..voices.draft import apart, left_out
    from ..voices.groups import group_named

    small = left_out(framework, [a for _, a in responses.responses], min_group)
    if small:
        said = some(
            [
                f"{group_named(group)} on "
                + (
                    f"every strand it answered ({len(strands)})"
                    if len(strands) == answered
                    else some([shown_name(s) for s in strands], LINE_NAMES, noun="strands")
                )
                for group, (strands, answered) in small.items()
            ],
            LINE_NAMES,
            "; ",
            "groups",
        )
        lines.append(
            f"Left out of the levels where fewer than {min_group} of a group answered a strand "
            f"(each strand's evidence names them): {said}."
        )
    if left:
        lines.append(
            f"{plural(len(left), 'strand')} with no group of {min_group} or more answers, "
            f"left for you to judge: {some([shown_name(s) for s in left], LINE_NAMES)}."
        )
    discuss = apart(framework, responses.responses, min_group)
    if discuss:
        lines.append(
            f"Worth discussing before you confirm, where two groups' medians are "
            f"{DISAGREEMENT} or more levels apart (`selfreview voices` shows them): "
            f"{some([shown_name(s) for s in discuss], LINE_NAMES, noun='strands')}."
        )
    from ..outputs.atomic import is_special  # a device or a pipe keeps no draft for assess to read

    kept = not to_stdout and not is_special(output)
    lines.append(
        f"Confirm it: selfreview assess {named} -o "
        f"{shown_argument(output) if kept else 'DRAFT'} --all"
    )
    for line in lines:
        click.echo(shown(line, newline=False), err=True)
    if on is not None and (warning := given_warning("--date", on)) is not None:
        click.echo(warning, err=True)  # of the draft written: said last, as of its file
