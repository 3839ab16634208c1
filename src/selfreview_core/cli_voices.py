"""`selfreview voices`: one school's respondents compared group by group (SPEC section 9),
and what `combine`, `assess --group` and `report --voices` share with it.

Thin: the responses are read by `voices_files`, compared by `voices`, written by
`export_voices`. Heavy modules are imported inside the commands, as everywhere in the CLI,
and this module imports nothing from `cli` (which registers the commands), so there is no
import cycle.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final, Protocol, TypeVar

import click

from .cli_options import framework_files_option
from .errors import SelfReviewError
from .escaping import shown

if TYPE_CHECKING:
    from .engine import Engine
    from .outputs import Inputs
    from .report import Report
    from .voices_files import Responses

__all__ = [
    "CONVENTIONAL_GROUPS",
    "MIN_GROUP",
    "HasEngine",
    "check_group",
    "group_problem",
    "min_group_option",
    "read_responses",
    "report_voices_options",
    "response_paths",
    "voices",
    "with_voices",
]

F = TypeVar("F", bound=Callable[..., Any])

#: `voices.DEFAULT_MIN_GROUP` and `assessment.RESPONDENT_GROUPS`, kept in step by a test
#: (not imported: the CLI starts without pydantic).
MIN_GROUP: Final = 5
CONVENTIONAL_GROUPS: Final = (
    "leaders",
    "teachers",
    "support-staff",
    "governors",
    "pupils",
    "parents",
)
FORMATS: Final = ("table", "json", "csv", "html")
#: `-o -` writes standard output (as `cli_outputs.STDOUT`, which is imported only when used).
STDOUT: Final = "-"
_BY_SUFFIX: Final = {".txt": "table", ".json": "json", ".csv": "csv", ".html": "html"}


class HasEngine(Protocol):
    """What the command group's state gives a command: the engine, built once."""

    def engine(self, *, quiet: bool = False, **options: Any) -> Engine: ...


def min_group_option(help: str) -> Callable[[F], F]:
    """`--min-group N`: the fewest answers a group's levels may stand for."""
    return click.option(
        "--min-group",
        type=click.IntRange(min=1),
        default=MIN_GROUP,
        show_default=True,
        metavar="N",
        help=help,
    )


def group_problem(text: str) -> str | None:
    """Why `text` cannot be a respondent's group (`assess --group`), or None."""
    from .session import id_problem, text_problem

    if id_problem(text) is not None and text_problem(text) is None:
        return "a group is an id: no spaces and no `@` (such as teachers, support-staff, year-6)"
    return text_problem(text)


def check_group(group: str, assessor: str | None) -> None:
    """`assess --group`: a respondent's file names no one, so `--assessor` is refused; a
    group close to a conventional one is used as given, with a note on stderr."""
    if assessor is not None:
        raise click.UsageError(
            "--assessor cannot go with --group: a respondent's file names the group, never "
            "the person"
        )
    if group not in CONVENTIONAL_GROUPS:
        import difflib

        close = difflib.get_close_matches(group, CONVENTIONAL_GROUPS, n=1, cutoff=0.7)
        if close:
            click.echo(
                shown(
                    f"note: `{group}` is not one of the usual groups (did you mean "
                    f"`{close[0]}`?); it is used as given, and compared as a group of its own.",
                    newline=False,
                ),
                err=True,
            )


def read_responses(
    state: HasEngine, files: Sequence[str], framework_files: Sequence[str]
) -> Responses:
    """The responses in `files` (walked already), checked against their framework, found
    among `--framework` files and the available frameworks."""
    from .voices_files import read_responses as read

    engine = state.engine(frameworks=framework_files)
    return read(files, engine.framework_names())


def response_paths(paths: Sequence[str], option: str = "PATH") -> list[str]:
    """The files `paths` name (directories walked, JSON Lines included); a usage error for
    a directory holding none."""
    from .voices_files import response_files

    for path in paths:
        if os.path.isdir(path) and not response_files([path]):
            message = f"no YAML, JSON or JSON Lines files under {shown(path, newline=False)}"
            raise click.BadParameter(message, param_hint=option)
    return response_files(paths)


def one_own_review(responses: Responses) -> tuple[str, Any] | None:
    """The school's own review among the inputs, if one; `SelfReviewError` for several."""
    from .errors import Diagnostic

    if len(responses.own) > 1:
        raise SelfReviewError(
            [
                Diagnostic(
                    "a review of the school itself (no `respondent`): give at most one, to "
                    "stand beside the groups",
                    file=source,
                    path="respondent",
                    code="several-own-reviews",
                )
                for source, _ in responses.own
            ]
        )
    return responses.own[0] if responses.own else None


def report_voices_options(command: F) -> F:
    """`report --voices PATH` (repeatable) and `--min-group N` (no default: given only with
    `--voices`, where it is 5)."""
    command = click.option(
        "--min-group",
        type=click.IntRange(min=1),
        metavar="N",
        help=f"With --voices: the fewest answers a group's levels may stand for  "
        f"[default: {MIN_GROUP}].",
    )(command)
    return click.option(
        "--voices",
        "voice_paths",
        multiple=True,
        type=click.Path(exists=True),
        metavar="PATH",
        help="Respondents' answers (files, directories or JSON Lines; repeatable) to show, "
        "group by group, beside the school's own judgement.",
    )(command)


def with_voices(
    engine: Engine, made: Report, own_file: str, files: Sequence[str], min_group: int | None
) -> Report:
    """`made` with the respondents' view in `files` beside the school's own judgement
    (`report --voices`): refused (exit 1, naming the files) for responses of another school
    or framework version, a school's own review among them, or an ASSESSMENT that is one
    respondent's answers."""
    from .errors import Diagnostic
    from .voices import voices as compare
    from .voices_files import located
    from .voices_files import read_responses as read

    try:
        responses = read(files, engine.framework_names())
        if responses.own:
            raise SelfReviewError(
                [
                    Diagnostic(
                        "a review of the school itself (no `respondent`), not a respondent's "
                        "answers: the report's own review is ASSESSMENT",
                        file=source,
                        path="respondent",
                        code="not-a-response",
                    )
                    for source, _ in responses.own
                ]
            )
        view = compare(
            made.framework,
            responses.responses,
            own=(own_file, made.assessment),
            min_group=min_group or MIN_GROUP,
        )
    except SelfReviewError as error:
        raise located(error) from None
    return made.model_copy(update={"voices": view})


def _format(given: str | None, output: str | None) -> str:
    if given is not None:
        return given
    if output is None or output == STDOUT:
        return "table"
    suffix = os.path.splitext(output)[1].lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    message = (
        f"cannot tell the format from `{suffix or output}`; give --format ({', '.join(FORMATS)})"
    )
    raise click.BadParameter(shown(message, newline=False), param_hint="-o")


@click.command()
@click.argument("paths", metavar="PATH...", nargs=-1, required=True, type=click.Path(exists=True))
@min_group_option(
    "The fewest answers a group must give on a strand before its median and range are "
    "shown; a smaller group shows its count only."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    help="table, json, csv or html (default: from -o's extension, else table).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to this file (atomically) instead of the terminal.",
)
@framework_files_option("A framework file the responses answer (before the available ones).")
@click.pass_obj
def voices(
    state: HasEngine,
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
    directories of them, or JSON Lines files (.jsonl, one response per line). A school's own
    review among them (no `respondent`) is shown beside the groups as the school's
    judgement. No respondent is named and no respondent's evidence is shown; a group with
    fewer than --min-group answers on a strand shows its count only. Responses of different
    schools, frameworks or versions, and files that are not valid, are refused (exit 1).
    """
    from .cli_outputs import output_file
    from .export_voices import render_voices
    from .outputs import Inputs, write_atomic
    from .voices import voices as compare
    from .voices_files import located

    name = _format(output_format, output)
    files = response_paths(paths)
    inputs: Inputs = Inputs().add("PATH", *files).add("--framework", *framework_files)
    output_file(output, inputs)
    try:
        responses = read_responses(state, files, framework_files)
        own = one_own_review(responses)
        view = compare(responses.framework, responses.responses, own=own, min_group=min_group)
    except SelfReviewError as error:
        raise located(error) from None
    text = render_voices(responses.framework, view, name)
    if output is not None and output != STDOUT:
        write_atomic(output, text)
        click.echo(shown(f"Wrote {output} ({name}).", newline=False), err=True)
    else:
        click.echo(text, nl=False)
