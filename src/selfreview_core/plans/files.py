"""A plan file made from a report, or added to: what `selfreview plan ASSESSMENT -o PLAN`
does with the report, and what it then says.

A new plan is written whole (`yaml_edit.write_plan`), never over a plan another program
made meanwhile (that one stays; the new one is saved beside it); an existing one gets an
action for each new recommendation only, appended so that every edit and comment the
school made stays (`yaml_edit.add_actions`). Nothing is written until every decision is
made (`decide` may be stopped part-way: then nothing changes).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from ..dump import is_json_name
from ..errors import ComparisonError, SelfReviewError, SessionNotSaved
from ..escaping import shown, shown_name
from ..files.source import read_source
from ..loader import FrameworkLookup
from ..model.assessment import Assessment
from ..model.framework import Framework
from ..model.plan import Action, Plan
from ..outputs.writing import names_beside, write_new
from ..report import Report
from .building import Decide, Select, add_to_plan, plan_from_report
from .yaml_edit import add_actions, plan_text, write_plan

__all__ = ["PlanWritten", "considered", "refuse_misfit", "update_plan_file", "written_lines"]


@dataclass(frozen=True, slots=True)
class PlanWritten:
    """What `update_plan_file` did: the plan the file now holds, the actions added (every
    action, for a new plan) and whether the file is new."""

    plan: Plan
    added: tuple[Action, ...]
    new: bool


def update_plan_file(
    path: str | os.PathLike[str],
    report: Report,
    existing: Plan | None,
    select: Select = None,
    *,
    owner: str | None = None,
    due: dt.date | None = None,
    decide: Decide | None = None,
    file: str | None = None,
    today: dt.date | None = None,
    schema: str | None = None,
    frameworks: FrameworkLookup | None = None,
) -> PlanWritten:
    """A new plan at `path` from `report` (`existing` None), or `existing` (the plan in
    `path`) with an action for each new recommendation `select` accepts; nothing written
    when there is none to add."""
    if existing is None:
        made = plan_from_report(
            report, select, owner=owner, due=due, decide=decide, file=file, today=today
        )
        try:
            write_plan(path, made, schema=schema)
        except FileExistsError:  # made meanwhile (another `plan`, an editor): left as it is
            _keep_beside(Path(path), made, schema)
        except OSError as error:
            _not_written(Path(path), made, schema, error)
        return PlanWritten(made, made.actions, True)
    made = add_to_plan(existing, report, select, owner=owner, due=due, decide=decide)
    added = made.actions[len(existing.actions) :]
    if added:
        try:
            add_actions(path, added, framework=frameworks)
        except SelfReviewError as error:  # checked before the questions: changed meanwhile
            _keep_beside(Path(path), made, schema, changed=error)
        except OSError as error:
            _not_written(Path(path), made, schema, error)
    return PlanWritten(made, added, False)


def _not_written(path: Path, made: Plan, schema: str | None, error: OSError) -> NoReturn:
    """The plan `made`, which could not be written to `path` (too large for any command to
    read back, `limits.readable_back`, `EFBIG`; or a full disk, `ENOSPC`), saved beside
    `path` (which stays as it was), so that the decisions of `plan -i` are not lost, and a
    stop saying what to do; where that fails too (the disk is full), the plan is shown on
    standard output (`SessionNotSaved.unsaved`), as `_keep_beside` shows one. Before round
    69 that second failure lost every decision made, and any failure but `EFBIG` did too."""
    file = os.fspath(path)
    reason = error.strerror or str(error)
    text = plan_text(made, json_format=is_json_name(file), schema=schema)

    def then(kept: object) -> str:
        if error.errno == errno.EFBIG:
            return (
                f"Shorten the longest text (an owner, a note) in {kept}, put it in {file}, "
                "then run the command again."
            )
        return f"Put {kept} in {file} once it can be written, or give -o another file."

    try:
        beside = write_new(names_beside(path, "unsaved", dt.datetime.now()), text)
    except OSError as failed:  # shown, so that decisions made are not lost
        raise SessionNotSaved(
            f"{file} could not be saved ({reason}), nor beside it ({failed.strerror or failed})."
            " Your plan is shown above.",
            file=file,
            hint=then("the plan shown above"),
            saved_as=None,
            unsaved=text,
        ) from None
    raise SessionNotSaved(
        f"{file} could not be saved ({reason}). Your plan is in {beside}.",
        file=file,
        hint=then(beside),
        saved_as=beside,
    )


def _keep_beside(
    path: Path, made: Plan, schema: str | None, changed: SelfReviewError | None = None
) -> NoReturn:
    """Save the plan `made` beside `path`, which another program made (or `changed`, so
    that this session's actions no longer fit it) while this plan was being made (the
    questions of `plan -i` take minutes), never over anything, and stop saying so:
    `SessionNotSaved`, as `assess` says it of a file changed meanwhile."""
    file = os.fspath(path)
    then = f"keep what you want in {file}; `selfreview plan` adds to a plan that is there"
    what = (
        f"{file} was made by another program while this plan was being made (another "
        "`selfreview plan`, an editor), so this plan was not saved over it"
    )
    if changed is not None:  # its own words, which say what no longer fits
        reason = changed.first.message.removesuffix("; nothing was written")
        what = (
            f"{file} was changed by another program while this plan was being made (another "
            f"`selfreview plan`, an editor: {reason}), so the actions chosen were not added "
            "to it"
        )
        if changed.first.code == "rewrite-failed":  # the file as it was: its layout
            at = (changed.first.line, changed.first.column)  # the actions list's key
            where = ":".join([file, *(str(n) for n in at if n is not None)])
            what = f"{where}: {reason}, so the actions chosen were not added to it"
            then = f"copy the actions you want from it into {file} by hand"
    text = plan_text(made, json_format=is_json_name(file), schema=schema)
    try:
        beside = write_new(names_beside(path, "conflict", dt.datetime.now()), text)
    except OSError as error:  # the plan is shown, so that decisions made are not lost
        raise SessionNotSaved(
            f"{what}, and it could not be saved beside it either ({error.strerror or error}). "
            "Your plan is shown above.",
            file=file,
            hint=f"Keep it in a file of your own and compare it with {file}, or run the "
            "command again with -o another file.",
            saved_as=None,
            unsaved=text,
        ) from None
    raise SessionNotSaved(
        f"{what}. Your plan is in {beside}.",
        file=file,
        hint=f"Compare the two files, {then}.",
        saved_as=beside,
    )


def considered(report: Report, priority: str | None) -> str:
    """The recommendations a plan was made from: `9 recommendation(s), high priority`."""
    text = f"{len(report.recommendations)} recommendation(s)"
    if priority is not None and priority != "low":
        text += f", {priority} priority{' and above' if priority == 'medium' else ''}"
    return text


def written_lines(written: PlanWritten, path: str, considered: str) -> list[str]:
    """What `selfreview plan` says it did to the file at `path` (named as a name,
    `escaping.shown_name`, as each action's id is; the rest is the program's own words, and
    `considered`'s)."""
    path = shown_name(path)
    if written.new:
        return [f"Wrote {path}: {len(written.plan.actions)} action(s) from {considered}."]
    if not written.added:
        return [f"Nothing to add to {path}: it has an action for each chosen recommendation."]
    return [
        f"Added {len(written.added)} action(s) to {path}:",
        *(
            f"  {shown_name(action.id)}: {shown(action.title, newline=False)}"
            for action in written.added
        ),
    ]


def refuse_misfit(
    plan: tuple[str, Plan], review: tuple[str, Assessment], framework: Framework, *, status: bool
) -> None:
    """`ComparisonError` if the review in its file (against `framework`) is not one the plan
    in its file can take: another framework or version, another school, or (`status`) older
    than the review the plan was made from. Located in the file the user gave wrongly, at its
    key: the review's for `plan --status PLAN --review FILE`, the plan's for `plan FILE -o
    PLAN`. The library's checks say the same unlocated (or, for another framework, as every
    judgement unknown to the plan's)."""
    (plan_file, the_plan), (review_file, the_review) = plan, review
    subject = framework.terms.subject
    version = the_plan.framework_version
    made = the_plan.made_from
    key: tuple[str, ...]
    if the_plan.framework_id != framework.id or version not in (None, framework.version):
        key, code = ("framework",), "wrong-framework"
        plan_has, review_has = f"framework {the_plan.framework}", f"framework {framework.ref}"
    elif the_plan.school.id != the_review.school.id:
        key, code = ("school", "id"), "wrong-school"
        plan_has = f"{subject} {the_plan.school.id} ({the_plan.school.name})"
        review_has = f"{subject} {the_review.school.id} ({the_review.school.name})"
    elif status and made is not None and the_review.assessed_on < made.assessed_on:
        key, code = ("assessed_on",), "review-too-old"
        plan_has = f"a review of {made.assessed_on.isoformat()}"
        review_has = the_review.assessed_on.isoformat()
    else:
        return
    if status:
        file, message = review_file, f"--review is of {review_has}; the plan {plan_file} "
        message += "was made from " if code == "review-too-old" else "is for "
        hint = f"give --review a later review of the plan's {subject}"
        if code == "wrong-framework":  # `subject`: the review's framework's word
            hint = f"give --review a later review against {the_plan.framework}"
    else:
        file = plan_file
        message = f"the plan is for {plan_has}; the review {review_file} is of "
        mine = (
            f"a plan for {framework.ref}" if code == "wrong-framework" else f"this {subject}'s plan"
        )
        hint = f"give -o {mine}, or a new file to make one"
    message += plan_has if status else review_has
    try:
        found = read_source(file).diagnostic(key, message, code=code, hint=hint)
    except (SelfReviewError, OSError):  # gone since it was read: the message still stands
        raise ComparisonError(message, file=file, hint=hint, code=code) from None
    raise ComparisonError([found])
