"""`selfreview voices`: one school's respondents compared group by group (SPEC section 9).

Thin: the responses are read by `voices.responses`, compared by `voices.groups`, written
by `exporters.voices`, each imported when the command runs; what `combine`, `assess
--group` and `report --voices` share with it is in `_respondents`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from ..errors import SelfReviewError
from ..escaping import shown, shown_name
from ._common import STDOUT, FormatChoice, InputPath, State, framework_files_option, output_file
from ._respondents import (
    VIEW_FORMATS,
    format_from_output,
    min_group_option,
    read_responses,
    refused,
    responses_given,
    warn_compared,
)

if TYPE_CHECKING:
    from ..outputs.writing import Inputs
    from ..voices.responses import Responses

__all__ = ["voices"]


def one_own_review(responses: Responses) -> tuple[str, Any] | None:
    """The school's own review among the inputs, if one; `SelfReviewError` for several,
    in the framework's words."""
    from ..errors import Diagnostic

    if len(responses.own) > 1:
        raise SelfReviewError(
            [
                Diagnostic(
                    f"a review of the {responses.framework.terms.subject} itself (no "
                    "`respondent`): give at most one, to stand beside the groups",
                    file=source,
                    path="respondent",
                    code="several-own-reviews",
                )
                for source, _ in responses.own
            ]
        )
    return responses.own[0] if responses.own else None


@click.command()
@click.argument("paths", metavar="PATH...", nargs=-1, required=True, type=InputPath())
@min_group_option(
    "The fewest answers a group must give on a strand before its median and range are "
    "shown; a smaller group shows its count only."
)
@click.option(
    "--format",
    "output_format",
    type=FormatChoice(VIEW_FORMATS),
    help="table, json, csv or html (default: from -o's extension, else table).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to this file (atomically, never over an input) instead of the terminal; - "
    "for stdout.",
)
@framework_files_option(
    "A framework file the responses answer, before the available ones (repeatable)."
)
@click.pass_obj
def voices(
    state: State,
    paths: Sequence[str],
    min_group: int,
    output_format: str | None,
    output: str | None,
    framework_files: Sequence[str],
) -> None:
    """Compare one school's respondents group by group: per strand, how many of each group
    answered, the median and the range of levels given, and the strands where two groups'
    medians are two or more levels apart.

    PATH... are respondents' files (`selfreview assess --group NAME` writes them),
    directories of them, or JSON Lines files (.jsonl, one response per line); - reads stdin
    (one response, or JSON Lines). A school's own
    review among them (no `respondent`) is shown beside the groups as the school's
    judgement. No respondent is named and no respondent's evidence is shown; a group with
    fewer than --min-group answers on a strand shows its count only. Responses of different
    schools, frameworks or versions, and files that are not valid, are refused. The output
    says "school" in the framework's words (its `terms:`), and gives each group's middle
    score in a framework with questions.

    Exits 0 when the comparison is written; 1 when an input is refused (nothing written);
    2 on a usage error.
    """
    from .._followed import Followed
    from ..exporters.voices import render_voices
    from ..outputs.writing import Inputs, write_atomic
    from ..voices.groups import voices as compare

    followed = Followed()  # what the walk follows, for the output checks
    files, framework_files = responses_given(paths, framework_files, followed)
    inputs: Inputs = Inputs(followed).add("PATH", *files).walk("PATH", *paths)
    inputs.add("--framework", *framework_files)
    output_file(output, inputs)
    name = format_from_output(output_format, output)
    try:
        responses = read_responses(state, files, framework_files)
        own = one_own_review(responses)
        view = compare(responses.framework, responses.responses, own=own, min_group=min_group)
    except SelfReviewError as error:
        refused(error)
    warn_compared(responses, own)
    text = render_voices(responses.framework, view, name)
    if output is not None and output != STDOUT:
        write_atomic(output, text)
        click.echo(shown(f"Wrote {shown_name(output)} ({name}).", newline=False), err=True)
    else:
        click.echo(text, nl=False)
