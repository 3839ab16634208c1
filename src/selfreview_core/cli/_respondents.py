"""What the respondents' commands share (SPEC section 9): `voices` and `combine` read and
check the responses the same way, `assess --group` names a respondent's group, `report
--voices` sets the groups' view beside the school's own judgement.

A private module of the command line, as `_common` is, importing nothing heavy: the
responses are read by `voices.responses` and compared by `voices.groups`, imported when a
command runs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from .._names import DEFAULT_MIN_GROUP, RESPONDENT_GROUPS
from ..errors import SelfReviewError
from ..escaping import shown
from ._terminal import VIEW_FORMATS, InputPath, format_from_output

if TYPE_CHECKING:
    from .._followed import Followed
    from ..engine import Engine
    from ..model.voices import Response
    from ..report import Report
    from ..voices.responses import Responses
    from ._common import State

__all__ = [
    "VIEW_FORMATS",
    "check_group",
    "format_from_output",
    "group_problem",
    "min_group_option",
    "read_responses",
    "refused",
    "report_voices_options",
    "response_paths",
    "responses_given",
    "voice_files",
    "warn_compared",
    "with_voices",
]

F = TypeVar("F", bound=Callable[..., Any])


#: What `voices` and `combine` say last when they refuse their inputs, in the words
#: `collect` ends its refusal with.
NOTHING_WRITTEN = "the responses were refused (errors above); nothing was written"


def refused(error: SelfReviewError) -> NoReturn:
    """Exit 1 on `error` (from reading or comparing responses), each of its diagnostics
    pointed at its line (`voices.responses.located`), and then that nothing was written:
    these commands take the responses whole, so one broken file among twenty left the
    user to guess whether anything was made (before round 81)."""
    from ..voices.responses import located
    from ._said import error_line

    for diagnostic in located(error).diagnostics:
        click.echo(error_line(diagnostic), err=True)
    click.echo(NOTHING_WRITTEN, err=True)
    raise SystemExit(1)


def min_group_option(help: str) -> Callable[[F], F]:
    """`--min-group N`: the fewest answers a group's levels may stand for."""
    return click.option(
        "--min-group",
        type=click.IntRange(min=1),
        default=DEFAULT_MIN_GROUP,
        show_default=True,
        metavar="N",
        help=help,
    )


def group_problem(text: str) -> str | None:
    """Why `text` cannot be a respondent's group (`assess --group`), or None: what a
    response's file refuses (`model.assessment.Respondent`), a group that prints as nothing
    (a zero-width space) among it, before any answer is asked for."""
    from ..model.base import unseen_only
    from ..typed_text import id_problem, text_problem

    problem = id_problem(text)  # said as for any id: not UTF-8, control, prints as nothing
    if problem is None or text_problem(text) is not None or (text.strip() and unseen_only(text)):
        return problem
    return "a group is an id: no spaces and no `@` (such as teachers, support-staff, year-6)"


def check_group(group: str, assessor: str | None) -> None:
    """`assess --group`: a respondent's file names no one, so `--assessor` is refused; a
    group close to a conventional one is used as given, with a note on stderr."""
    if assessor is not None:
        raise click.UsageError(
            "--assessor cannot go with --group: a respondent's file names the group, never "
            "the person"
        )
    if group not in RESPONDENT_GROUPS:
        import difflib

        close = difflib.get_close_matches(group, RESPONDENT_GROUPS, n=1, cutoff=0.7)
        if close:
            click.echo(
                shown(
                    f"note: `{group}` is not one of the usual groups (did you mean "
                    f"`{close[0]}`?); it is used as given, and compared as a group of its own.",
                    newline=False,
                ),
                err=True,
            )


def read_responses(state: State, files: Sequence[str], framework_files: Sequence[str]) -> Responses:
    """The responses in `files` (walked already), checked against their framework, found
    among `--framework` files and the available frameworks."""
    from ..voices.responses import read_responses as read

    engine = state.engine(frameworks=framework_files)
    found = read(files, engine.framework_names())
    _warn_look_alike_groups(found)
    return found


def warn_compared(found: Responses, own: Response | None = None) -> None:
    """The warnings told once the responses are compared (never before a refusal): copies
    counted as respondents, the school's id under two names, responses dated after today
    (`voices.notices`)."""
    from ..voices.notices import copies, dated, school_names
    from ._said import echo_warnings

    for warning in (copies(found), school_names(found, own)):
        if warning is not None:
            click.echo(warning, err=True)
    named, more = dated(found)  # responses dated after today, at their dates
    echo_warnings(named)
    if more is not None:
        click.echo(more, err=True)


def _warn_look_alike_groups(found: Responses) -> None:
    """A warning for groups that differ only in letter case or in letters that look alike
    (`teachers`, `Teachers`, `t\u0435achers` with a Cyrillic e, or a zero-width space): each is
    compared as a group of its own, so one mistyped `assess --group` splits a group in
    two, and can put both halves under `--min-group`. Any id may be a group (SPEC section
    9): they are said, not merged. A few of each set are named, and a few of the odd
    characters of each, the rest counted: a survey export's free-text group can come in
    hundreds of spellings (as `voices.notices.school_names` does with the school's name).
    Each is shown as the voices' table shows it, what cannot be seen escaped
    (`teachers\\u200b`): printed raw, two of the names looked the same; a long one cut,
    with its length (`groups.group_named`): one of a million characters was 1 MB a name."""
    from .._lookalikes import looking_alike
    from .._words import some
    from ..voices.groups import group_named
    from ..voices.notices import NAMED

    groups = (a.respondent.group for _, a in found.responses if a.respondent is not None)
    for same in looking_alike(groups):
        named = some([group_named(g, quoted=True) for g in same], NAMED, noun="groups")
        codes = {
            g: some([f"U+{ord(c):04X}" for c in dict.fromkeys(g) if not c.isascii()], NAMED, " ")
            for g in same[:NAMED]
        }
        odd = "; ".join(f"{group_named(g, quoted=True)} holds {c}" for g, c in codes.items() if c)
        click.echo(
            f"warning: the groups {named} look alike"
            + (f" ({odd})" if odd else "")
            + ": each is compared as a group of its own; give one name to all of them if they "
            "are one group",
            err=True,
        )


def response_paths(paths: Sequence[str], option: str, followed: Followed) -> list[str]:
    """The files `paths` name (directories walked, JSON Lines included, the links the
    walks followed noted in `followed`); a usage error for a directory holding none."""
    from ..voices.responses import response_files

    files: list[str] = []
    for path in paths:  # each walked once
        found = response_files([path], followed)
        if os.path.isdir(path) and not found:
            message = f"no YAML, JSON or JSON Lines files under {shown(path, newline=False)}"
            raise click.BadParameter(message, param_hint=option)
        files.extend(found)
    return response_files(files)  # each once, however named


def responses_given(
    paths: Sequence[str], framework_files: Sequence[str], followed: Followed
) -> tuple[list[str], list[str]]:
    """(the response files `paths` name, the framework files to look their framework up
    in): the framework files among `paths` and in its folders (`_folder_frameworks`; one
    that does not load refused, located), then `framework_files`. The links the walk
    followed are noted in `followed`."""
    from ._folder_frameworks import folder_frameworks, frameworks_named

    named, paths = frameworks_named(paths)
    given = (*named, *framework_files)
    files = response_paths(paths, "PATH", followed)
    walked = folder_frameworks(paths, files, refuse=True, given=given)
    return walked.files, [*named, *walked.frameworks, *framework_files]


def voice_files(
    paths: Sequence[str],
    min_group: int | None,
    followed: Followed,
    *,
    batch: bool,
    cohort: bool,
) -> tuple[list[str], tuple[str, ...]]:
    """The response files `report --voices` names (none without it), and the framework
    files in its folders (`_folder_frameworks`; one that does not load refused, located);
    a usage error for `--voices` with many assessments, or `--min-group` with neither
    `--voices` nor `--cohort` (the two views it withholds small groups from). The links
    the walk followed are noted in `followed`."""
    from ._folder_frameworks import folder_frameworks

    if batch and paths:
        raise click.BadParameter("needs a single ASSESSMENT file", param_hint="--voices")
    if min_group is not None and not paths and not cohort:
        raise click.UsageError(
            "--min-group applies to --voices and --cohort: give one of them, or leave it out"
        )
    if not paths:
        return [], ()
    files = response_paths(paths, "--voices", followed)
    walked = folder_frameworks(paths, files, refuse=True)
    return walked.files, walked.frameworks


def report_voices_options(command: F) -> F:
    """`report --voices PATH` (repeatable) and `--min-group N` (no default: given only with
    `--voices` or `--cohort`, where it is 5)."""
    command = click.option(
        "--min-group",
        type=click.IntRange(min=1),
        metavar="N",
        help="With --voices: the fewest answers a group's levels may stand for; with "
        "--cohort: the fewest schools a cohort figure may rest on besides any one of them "
        "(shown only where more than N have a level, alike in every school's report)  "
        f"[default: {DEFAULT_MIN_GROUP}].",
    )(command)
    return click.option(
        "--voices",
        "voice_paths",
        multiple=True,
        type=InputPath(),
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
    from ..errors import Diagnostic
    from ..voices.groups import voices as compare
    from ..voices.responses import located
    from ..voices.responses import read_responses as read

    try:
        responses = read(files, engine.framework_names())
        _warn_look_alike_groups(responses)
        if responses.own:
            raise SelfReviewError(
                [
                    Diagnostic(
                        f"a review of the {made.framework.terms.subject} itself (no "
                        "`respondent`), not a respondent's answers: the report's own review "
                        "is ASSESSMENT",
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
            min_group=min_group or DEFAULT_MIN_GROUP,
        )
    except SelfReviewError as error:
        raise located(error) from None
    warn_compared(responses, (own_file, made.assessment))
    return made.model_copy(update={"voices": view})
