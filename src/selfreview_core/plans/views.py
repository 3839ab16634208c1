"""How a plan is going, as a school reads it at a meeting: a table of actions with a summary
(`selfreview plan --status`). Text from the plan and the review is shown escaped; the ids
(the school's, the framework's, each action's and strand's) as names
(`escaping.shown_name`), so that two that differ by an invisible character are told apart."""

from __future__ import annotations

from ..display import fit_heading, fitted_table, fitting_width
from ..escaping import shown, shown_name
from ..model.questions import score_text
from ..model.unseen import says_something
from ..text_tables import isolated
from .progress import PlanStatus

__all__ = ["status_text"]


def status_text(status: PlanStatus) -> str:
    """A plan's progress as a table with a summary: what a school reads at a meeting."""
    school = status.school
    # The name escaped, then isolated if right to left (`text_tables.isolated`).
    heading = (
        f"{isolated(shown(school.name, newline=False))} ({shown_name(school.id)}): "
        f"action plan for {shown_name(status.framework)}"
    )
    if status.review_on is not None:
        heading += f", against the review of {status.review_on.isoformat()}"
    width = fitting_width()
    lines = fit_heading(heading, width)
    headers = ["action", "title", "owner", "due", "status"]
    if status.review_on is not None:
        headers.append("targets:\nplanned → now")
    rows = []
    for action in status.actions:
        due = action.due.isoformat() if action.due else "-"
        row = [
            shown_name(action.id),
            shown(action.title, newline=False),
            shown(action.owner if says_something(action.owner) else "-", newline=False),
            f"{due} (overdue)" if action.overdue else due,
            action.status,
        ]
        if status.review_on is not None:
            row.append(
                "\n".join(
                    shown(
                        f"{shown_name(t.id)}: {_level(t.baseline, t.baseline_score)} → "
                        f"{_level(t.now, t.now_score)} {t.verdict}",
                        newline=False,
                    )
                    for t in action.targets
                )
                or "-"
            )
        rows.append(row)
    if rows:
        flexible = [1, 2, 3, 5] if status.review_on is not None else [1, 2, 3]
        lines += ["", fitted_table(rows, headers, flexible=flexible, last_resort=[0])]
    summary = _summary(status).split("\n")
    lines += ["", *(line for text in summary for line in fit_heading(text, width))]
    return "\n".join(lines) + "\n"


def _level(level: int | None, score: float | None = None) -> str:
    """`2`, or with a score (a framework with questions) `0.75 (level 0)`."""
    if level is None:
        return "-"
    return str(level) if score is None else f"{score_text(score)} (level {level})"


def _summary(status: PlanStatus) -> str:
    total = sum(status.counts.values())
    counts = ", ".join(f"{n} {name}" for name, n in status.counts.items())
    text = f"{total} action(s): {counts}; {len(status.overdue)} overdue as of {status.today}."
    if status.review_on is not None:
        verdicts = ", ".join(f"{n} {name}" for name, n in status.done_targets.items())
        text += f"\nTargets of done actions, planned → {status.review_on}: {verdicts}."
    return text
