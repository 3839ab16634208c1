"""`selfreview assess FRAMEWORK -o FILE`: the self-review, strand by strand, every answer
saved at once (`session.Session`)."""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from contextlib import suppress

import click

from ..escaping import shown, shown_name
from ._common import DATE, State, output_file
from ._respondents import check_group, group_problem

__all__ = ["assess"]


@click.command()
@click.argument("framework")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="The assessment file to write (continued if it exists).",
)
@click.option("--all", "revisit", is_flag=True, help="Revisit strands already judged.")
@click.option(
    "--school-id",
    help="The id of the school (e.g. its URN), or of whatever the framework reviews (its "
    "`terms:`); asked for if not given.",
)
@click.option(
    "--school-name",
    help="The name of the school, or of whatever the framework reviews; asked for if not given.",
)
@click.option("--authority", help="The local authority (optional).")
@click.option("--assessor", help="Who makes the judgements (optional).")
@click.option(
    "--group",
    metavar="NAME",
    help="Answer as one respondent of this group (leaders, teachers, support-staff, "
    "governors, pupils, parents, or another): the file names the group, never you.",
)
@click.option(
    "--date",
    "on",
    type=DATE,
    help="Date of the review and its judgements (default: today).",
)
@click.option(
    "--schema",
    metavar="URL",
    help="For a YAML file: the JSON Schema editors check it against (a path or URL to the "
    "output of `selfreview schema assessment`), written as its `$schema` line.",
)
@click.pass_obj
def assess(
    state: State,
    framework: str,
    output: str,
    revisit: bool,
    school_id: str | None,
    school_name: str | None,
    authority: str | None,
    assessor: str | None,
    group: str | None,
    on: dt.date | None,
    schema: str | None,
) -> None:
    """Self-review against FRAMEWORK strand by strand, saving every answer to OUTPUT at once.

    At each strand: a level, Enter to skip (with --all, Enter keeps the level it has and s
    skips), b to go back to the strand before, q to stop. Evidence is one line (q there
    stops too, keeping the level given), or several between two lines of three double
    quotes. q at the school's id, name, authority or your name stops before anything is
    written. The text fits the terminal's width.
    A strand with questions asks each with its answers (a number or an answer's id); at any
    prompt n says the strand is not applicable, with evidence of why (required).
    Run it again on the same file to continue where you stopped. OUTPUT is JSON if its name
    ends in .json, else YAML. If another program changes OUTPUT during the session, the
    session saves its answers beside it instead (OUTPUT.conflict-TIME.yaml) and stops.

    With --group NAME, OUTPUT holds one respondent's answers (`respondent: {group: NAME}`)
    for `selfreview voices` and `combine` to compare: no name is asked or written.

    Exits 0 when the session ends or is stopped with q; 1 for invalid input, for answers
    kept beside OUTPUT, and on Ctrl-C (the answers given are kept); 2 on a usage error.
    """
    from pathlib import Path

    from ..errors import SessionNotSaved
    from ..outputs.writing import Inputs
    from ..review_dates import given_warning
    from ..session.questions import STOP
    from ..session.review import Header, Session
    from ..session.view import fit, reading_width
    from ..typed_text import id_problem, name_problem, optional_text, text_problem

    if framework == "-":  # SPEC section 5's `-` is a file to read: here, the answers' stream
        raise click.BadParameter(
            "`-` would read the framework from standard input, where assess reads your "
            "answers: give the framework's id or file",
            param_hint="FRAMEWORK",
        )
    given = (framework,) if os.path.isfile(framework) else ()
    read = Inputs().add("FRAMEWORK", *given)
    output_file(output, read, document=True, stdout=False, resaved=True)
    for option, value, check in (
        ("--school-id", school_id, id_problem),
        ("--school-name", school_name, name_problem),
        ("--authority", authority, text_problem),
        ("--assessor", assessor, text_problem),
        ("--group", group, group_problem),
        ("--schema", schema, text_problem),
    ):
        if value is not None and (problem := check(value)) is not None:
            raise click.BadParameter(problem, param_hint=option)
    # Text as its prompt keeps it: stripped, optional text none if it says nothing (round 74).
    # Given but saying nothing, it is "" to the session: none, and not asked (round 75).
    authority, assessor = (
        None if v is None else optional_text(v) or "" for v in (authority, assessor)
    )
    school_name = school_name and school_name.strip()
    if group is not None:
        check_group(group, assessor or None)
    _tolerant_terminal()

    width = reading_width()

    def ask(prompt: str, default: str) -> str:
        # A default is the file's own text (evidence carried over): shown escaped, cut to
        # fit the line (the whole text is kept when Enter keeps it).
        if default:
            room = max(width - len(prompt) - 6, 12)
            text = shown(default, newline=False)
            prompt = f"{prompt} [{text if len(text) <= room else text[: room - 1] + '…'}]"
        try:
            answer: str = click.prompt(prompt, default=default, show_default=False)
        except UnicodeDecodeError:
            return "\udcff"  # bytes that are not UTF-8: the session asks again
        return answer

    found = state.framework(framework)
    session = Session(
        found, Path(output), ask=ask, say=lambda text: click.echo(fit(text, width)), width=width
    )
    if on is not None:
        session.today = on
    if schema is not None:
        if output.lower().endswith(".json"):
            raise click.BadParameter(
                "a JSON file has no comment line to hold it", param_hint="--schema"
            )
        session.schema = optional_text(schema) or ""  # one that says nothing is none
    if on is not None and (warning := given_warning("--date", on)) is not None:
        click.echo(warning, err=True)  # before the first question: a typing slip, stopped
    header = Header(school_id, school_name, authority, assessor, group)
    try:
        started = session.start(header)
        if started is STOP:  # q at the header's prompts: nothing to save, as `plan -i`'s q
            click.echo("Stopped before anything was written.", err=True)
            return
        assessment = session.run(started, revisit=revisit)
    except click.Abort:
        if session.saved or Path(output).exists():
            message = (
                f"Stopped. Your answers so far are in {shown_name(output)}; run the "
                "same command to go on."
            )
        else:
            message = "Stopped before anything was written."
        click.echo(f"\n{message}", err=True)
        sys.exit(1)
    except SessionNotSaved as error:
        # It quotes the file's name (`-o NAME`): shown escaped, as names are (SPEC section 7).
        click.echo(f"\n{shown_name(error.first.message)}\n{shown_name(error.hint)}", err=True)
        sys.exit(1)
    absent = sum(not j.is_applicable for j in assessment.judgements.values())
    judged = f"{len(assessment.judgements) - absent} of {len(found) - absent} strands judged"
    extra = f", {absent} not applicable" if absent else ""
    click.echo(f"\nSaved {shown_name(output)}: {judged}{extra}.")


def _tolerant_terminal() -> None:
    """Typed bytes that are not UTF-8 arrive as text the session refuses (and asks again),
    rather than as an error that loses the rest of the input; echoing them never fails.
    Standard input closed (`<&-`) is an input at its end, as `< /dev/null` is: the session
    stops at its first question; before round 50 Python's "lost sys.stdin" was told as an
    internal error."""
    if sys.stdin is None:
        sys.stdin = io.StringIO()
    for stream, errors in ((sys.stdin, "surrogateescape"), (sys.stdout, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with suppress(ValueError, OSError):  # a stream that cannot: left as it is
                reconfigure(errors=errors)
