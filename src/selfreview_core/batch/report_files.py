"""Reports of assessment files: the engine's report, with what the command line says about
it put in the files' words.

A refusal to compare with `--previous` (a newer review, another school) is located at the
key of the `--previous` file it is about, with advice a user of the command can follow;
what a migration did to the reviews compared is said in a note. The report is exported
with the evidence the command asks for, and the governors' page with a cohort's medians
(`export_report`).
"""

from __future__ import annotations

from collections.abc import Mapping

from .._names import Policy
from ..default_plugins.standard_exporters import render_summary
from ..engine import Engine
from ..errors import ComparisonError, InvalidDocument, SelfReviewError
from ..files.source import read_source
from ..files.stdin import STDIN_NAME
from ..model.assessment import Assessment
from ..model.framework import Framework
from ..report import Report

__all__ = ["builtin_summary", "export_report", "one_respondent", "report_against", "report_notes"]


def report_against(
    engine: Engine,
    current: tuple[str, Assessment],
    previous_file: str | None,
    previous: Assessment | None,
    *,
    policy: Policy | None = None,
    any_school: bool | None = None,
) -> Report:
    """`engine.report` of the file `current` against the `--previous` one, its refusals put
    in the command line's words: located in the files, with advice a user of the command
    can follow (the library's hint `any_school=True` is for Python). `any_school` is None
    for a command without `--any-school`."""
    current_file, assessment = current
    try:
        return engine.report(assessment, previous, policy=policy, any_school=bool(any_school))
    except (ComparisonError, InvalidDocument) as error:
        if previous is None or previous_file is None:
            raise
        # The engine checks `previous` against ASSESSMENT's framework: one of another
        # framework does not fit it, and is refused unlocated.
        other = previous.framework_id != assessment.framework_id
        if isinstance(error, InvalidDocument) and not other:
            raise
        try:
            framework: Framework | None = engine.framework(assessment.framework)
        except SelfReviewError:
            framework = None
        raise _previous_refused(
            error, current_file, assessment, previous_file, previous, any_school, framework
        ) from None


def _previous_refused(
    error: ComparisonError | InvalidDocument,
    current_file: str,
    current: Assessment,
    previous_file: str,
    previous: Assessment,
    any_school: bool | None,
    framework: Framework | None = None,
) -> SelfReviewError:
    """A refusal to compare, located at the key of the --previous file it is about, in the
    framework's words for who is reviewed."""
    code = "different-frameworks" if isinstance(error, InvalidDocument) else error.first.code
    if code == "different-frameworks":
        path: tuple[str, ...] = ("framework",)
        message = (
            f"--previous is a review against {previous.framework}, ASSESSMENT against "
            f"{current.framework}"
        )
        hint = f"give --previous an earlier review against {current.framework_id}"
    elif code == "previous-newer":
        from ..review_dates import future_hint

        path = ("assessed_on",)
        message = (
            f"--previous is newer than ASSESSMENT: {previous_file} is of "
            f"{previous.assessed_on.isoformat()}, {current_file} of "
            f"{current.assessed_on.isoformat()}"
        )
        first = current_file
        if current_file == STDIN_NAME:  # --previous is a file: standard input cannot be one
            first = "standard input, saved to a file,"
        hint = future_hint(previous_file, previous.assessed_on) or (
            f"swap them: {first} as --previous, {previous_file} as ASSESSMENT"
        )
    elif code == "different-schools":
        path = ("school", "id")
        subject = "school" if framework is None else framework.terms.subject
        message = (
            f"--previous is a review of {subject} {previous.school.id}, ASSESSMENT of "
            f"{subject} {current.school.id}"
        )
        hint = f"give --previous an earlier review of the same {subject}"
        if any_school is not None:
            # Becta's schools are known by a URN; another framework's subject may have none.
            urn = ", such as a new URN" if framework is None or not framework.declared_terms else ""
            hint += f"; if it is this {subject} under a changed id{urn}, add --any-school"
    else:
        return error
    try:
        found = read_source(previous_file).diagnostic(path, message, code=code, hint=hint)
    except (SelfReviewError, OSError):  # gone since it was read: the message still stands
        return ComparisonError(message, file=previous_file, hint=hint, code=code)
    return ComparisonError([found])


def report_notes(report: Report, previous: Assessment | None, assessment_file: str) -> list[str]:
    """What `selfreview report` says on stderr about a report of `assessment_file`: a
    `previous` review carried to another version to compare, strands a migration left for
    the school to judge."""
    notes = []
    if previous is not None and report.previous is not None and report.previous is not previous:
        notes.append(
            f"The previous review ({previous.framework}) was carried to {report.framework.ref} "
            "to compare: split and merged strands count as not judged in it."
        )
    if waiting := report.assessment.awaiting_review:
        notes.append(
            f"{len(waiting)} strand(s) left by a migration for you to judge: "
            f"{', '.join(waiting)} (see `review` in {assessment_file})."
        )
    subject = report.framework.terms.subject
    if note := one_respondent(assessment_file, report.assessment, subject, "the report is theirs"):
        notes.append(note)
    return notes


def one_respondent(file: str, review: Assessment, subject: str, what: str) -> str | None:
    """A note when `review` is one respondent's answers (`respondent:`, as `assess --group`
    writes them), not the school's own review, for a command that makes something of it as
    if it were (a report, awards, a plan): `what` rests on one governor's or pupil's view
    alone, which nothing said before round 57. None for the school's own review."""
    if review.respondent is None:
        return None
    return (
        f"{file}: note: one respondent's answers (group {review.respondent.group}), not the "
        f"{subject}'s own review: {what} alone (`selfreview combine` drafts the "
        "review from all the respondents' answers)"
    )


def builtin_summary(engine: Engine) -> bool:
    """Whether `summary` is the built-in governors' page (a plugin may give its own)."""
    return "summary" in engine.exporters() and engine.exporter("summary").render is render_summary


def export_report(
    engine: Engine,
    report: Report,
    name: str,
    *,
    with_evidence: bool,
    cohort: Mapping[str, int | None] | None = None,
) -> str | bytes:
    """`engine.export(report, name)`, except that the built-in summary (which leaves the
    evidence out, whatever the report carries) shows it `with_evidence`, and draws the
    cohort's median of each aspect given in `cohort` (aspect id -> level): what `report
    --format summary --with-evidence --cohort COHORT` asks for. A plugin's exporter of the
    same name is left to itself; `cohort` for any other format is a mistake of the caller
    (`ValueError`), since no other format would show it."""
    if cohort is not None and not (name == "summary" and builtin_summary(engine)):
        raise ValueError(f"a cohort's medians are drawn by the built-in summary, not {name}")
    if name == "summary" and (with_evidence or cohort is not None) and builtin_summary(engine):
        from ..exporters.summary import render

        return render(report, with_evidence=with_evidence, cohort=cohort)
    return engine.export(report, name)
