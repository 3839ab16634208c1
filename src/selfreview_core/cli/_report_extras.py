"""`report --cohort COHORT` and `report --history PATH...`: what they add to one report, and
the one report exported with them (`export_rendered`).

Kept out of the `report` command so that its wiring is a few lines: the options, the
cohort's view (the school's percentiles next to the cohort's median and quartiles,
`cohort.standing`) and the school's reviews over the years (`cohort.history`), added to the
rendered report as a table after the table, a section of the HTML page, or (the cohort) a
key of the JSON. The governors' page (`--format summary`) is the exception: it draws the
cohort's median of each aspect on its own chart and in its table (SPEC section 9), so the
medians are handed to its rendering (`report_files.export_report`) rather than added after.
Private to the command line, like `_common`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeVar

import click

from .._names import DEFAULT_MIN_GROUP
from ..errors import SelfReviewError
from ._common import echo_problem
from ._terminal import InputPath

if TYPE_CHECKING:
    from .._names import Policy
    from ..cohort.positions import Cohort, SchoolPosition
    from ..engine import Engine
    from ..report import Report

__all__ = [
    "FORMATS",
    "HISTORY_FORMATS",
    "export_rendered",
    "export_with_extras",
    "extras_options",
    "refuse_in_batch",
]

#: The formats `--cohort` adds to (the summary: the built-in one), and `--history`.
FORMATS = ("table", "html", "json", "summary")
HISTORY_FORMATS = ("table", "html")

_F = TypeVar("_F", bound=Callable[..., Any])


#: A cohort is a Parquet file, read where it lies: no command takes one on standard input.
_COHORT_NOT_PIPED: Final = (
    "takes a cohort FILE (.parquet, from `selfreview collect`), not `-`: save it to a file"
)

#: A folder of assessments is what `collect` makes a cohort file of.
_COHORT_NOT_A_FOLDER: Final = (
    "a cohort is one file: make one of the folder's assessments with `selfreview collect {} "
    "-o COHORT.parquet`"
)


def extras_options(function: _F) -> _F:
    """`--cohort COHORT` and `--history PATH` (repeatable), for `report`."""
    function = click.option(
        "--history",
        "history_files",
        multiple=True,
        type=InputPath(dir_okay=False),
        help="Another review of the school (repeatable): each aspect's level review by review "
        "(table, html; one ASSESSMENT only).",
    )(function)
    return click.option(
        "--cohort",
        "cohort_file",
        type=InputPath(dir_okay=False, no_dash=_COHORT_NOT_PIPED, folder=_COHORT_NOT_A_FOLDER),
        help="A cohort file (from `selfreview collect`): show the school's percentile per "
        "strand and aspect and the cohort's median (table, html, json; summary: the median of "
        "each aspect; one ASSESSMENT only).",
    )(function)


def refuse_in_batch(batch: bool, cohort_file: str | None, history_files: Sequence[str]) -> None:
    """Both options are about one school's report: a usage error with many."""
    if batch and (cohort_file or history_files):
        option = "--cohort" if cohort_file else "--history"
        raise click.BadParameter("needs a single ASSESSMENT file", param_hint=option)


def export_with_extras(
    engine: Engine,
    made: Report,
    output: str,
    with_evidence: bool,
    cohort_file: str | None,
    history_files: Sequence[str],
    policy: Policy,
    min_group: int = DEFAULT_MIN_GROUP,
) -> str:
    """`made` exported as `output` with the cohort's view and the history (see the module),
    the cohort's figures withheld where, besides any one school, fewer than `min_group`
    have a level, and said to be. A format they cannot add to is refused before the cohort
    is read."""
    from ..batch.report_files import builtin_summary, export_report

    summary = output == "summary" and builtin_summary(engine)
    plugins_summary = output == "summary" and not summary
    if cohort_file is not None and (output not in FORMATS or plugins_summary):
        refused = "a plugin's summary" if plugins_summary else output
        raise click.BadParameter(
            f"adds to the {', '.join(FORMATS)} formats, not {refused}", param_hint="--cohort"
        )
    if history_files and output not in HISTORY_FORMATS:
        raise click.BadParameter(
            f"adds to the {' and '.join(HISTORY_FORMATS)} formats, not {output}",
            param_hint="--history",
        )
    found = None
    if cohort_file is not None:
        found = _cohort(engine, made, cohort_file, policy, min_group)
    medians = None
    if found is not None and summary:
        from ..cohort.standing import aspect_medians

        medians = aspect_medians(found[0])
    rendered = export_report(engine, made, output, with_evidence=with_evidence, cohort=medians)
    if isinstance(rendered, bytes):  # a plugin's exporter of a built-in name
        option = "--cohort" if cohort_file else "--history"
        raise click.BadParameter(f"cannot add to {output}: it is not text", param_hint=option)
    text = rendered
    if found is not None and summary and found[2]:
        text = _summary_note(text, found[0], found[2])
    if output == "html" and "</main>" not in text:  # a plugin's own page: nowhere to add
        option = "--cohort" if cohort_file else "--history"
        raise click.BadParameter(
            f"cannot add to {output}: the page has no <main>", param_hint=option
        )
    if found is not None and not summary:
        from ..cohort.standing import with_standing

        framework = made.framework
        scores = None
        if framework.has_questions:  # "1.75 (level 1)" beside the cohort (SPEC section 10)
            profile = made.profile
            ids = [*framework.strand_ids, *(a.id for a in framework.aspects)]
            scores = {node_id: profile.score(node_id) for node_id in ids}
            scores["overall"] = profile.score()
        cohort, entry, note = found
        text = with_standing(text, output, cohort, entry, framework.terms, scores, note=note)
    if history_files:
        text = _with_history(engine, made, output, text, history_files, policy)
    return text


def export_rendered(
    engine: Engine,
    made: Report,
    name: str,
    keep: bool,
    extras: tuple[str | None, tuple[str, ...]],
    min_group: int | None,
) -> str | bytes:
    """`made` exported as `name`, with `--cohort` and `--history` (`extras`) where given; the
    problems found before an exporter that failed still told (no report will tell them)."""
    from ..batch.report_files import export_report

    try:
        if extras[0] or extras[1]:
            policy = made.profile.policy
            return export_with_extras(
                engine, made, name, keep, *extras, policy, min_group or DEFAULT_MIN_GROUP
            )
        return export_report(engine, made, name, with_evidence=keep)
    except SelfReviewError:
        for problem in made.problems:
            echo_problem(problem)
        raise


def _summary_note(text: str, cohort: Cohort, note: str) -> str:
    """The governors' page with `note` (why some cohort medians are not shown) under its
    table of aspects, where the "Cohort median" column is (the built-in summary's section
    `aspects`: a plugin's summary takes no cohort)."""
    end = text.index("</section>", text.index('<section id="aspects">'))
    from ..cohort.standing import note_html

    return f'{text[:end]}<p class="note">{note_html(cohort, note)}</p>\n{text[end:]}'


def _cohort(
    engine: Engine, made: Report, path: str, policy: Policy, min_group: int
) -> tuple[Cohort, SchoolPosition, str]:
    """The cohort's figures in `path` and where `made`'s review stands in them, those of
    `min_group` schools or fewer withheld (`standing.withhold`), and the words that say
    which; a cohort of another framework is refused, located in its file."""
    from ..cohort.inputs import CohortWork
    from ..cohort.parquet import is_parquet
    from ..cohort.standing import standing, withheld_note, withhold

    if not is_parquet(path):
        raise click.BadParameter(
            "give a cohort file written by `selfreview collect` (.parquet)", param_hint="--cohort"
        )
    with CohortWork() as work:
        found = work.parquet([path], engine.framework_names(), made.framework, policy=policy)
        cohort, entry = standing(found.sql, made.assessment)
        judging = found.sql.judging()
    cohort, entry, withheld = withhold(cohort, entry, judging, min_group)
    return cohort, entry, withheld_note(withheld, min_group, made.framework.terms)


def _with_history(
    engine: Engine, made: Report, output: str, text: str, files: Sequence[str], policy: Policy
) -> str:
    from ..cohort.history import history, history_html, history_table
    from ..loader import load_assessment

    framework = made.framework
    reviews = [made.assessment]
    for file in files:
        review = load_assessment(file, engine.framework_names())
        if review.framework not in (framework.id, framework.ref):
            review = engine.migrate(review, framework.ref).assessment
        reviews.append(review)
    found = history(framework, reviews, policy=policy, files=[None, *files])
    if output == "html":  # before the strands, as the cohort's; else at the page's end
        marker = '<section id="strands">' if '<section id="strands">' in text else "</main>"
        return text.replace(marker, history_html(found) + marker, 1)
    return f"{text}\nReview by review\n\n{history_table(found)}"
