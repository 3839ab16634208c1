"""Where one review stands in a cohort: for `report --cohort COHORT`.

SPEC section 5: "`report --cohort COHORT` ... add[s] the cohort's ... view to a report": the
school's percentile per strand, aspect and overall, next to the cohort's median and
quartiles (`cohort.benchmark`'s definitions, computed on DuckDB by `sql`).

- A review the cohort holds (same school, same date) stands where the cohort puts it.
- A review it does not hold (this year's, say, against last year's cohort) gets the
  percentile it would have if it were added: `100 * (B + (E + 1) / 2) / (N + 1)`, the cohort's
  N schools with a level there, B of them worse and E at the same level (in a framework with
  questions, a lower and the same score). Its levels are its own, as `score` gives them
  under the cohort's policy.

Figures from too few schools are withheld (`withhold`): the cohort's counts, median and
quartiles of a strand, aspect or element, and the school's percentile there, where
`min_group` schools or fewer have a level (`report --min-group`, default 5, the size SPEC
section 7 sets for an anonymised cohort). Two reasons fix the rule:

- A school knows its own level, so a figure must rest on at least `min_group` schools
  *besides* it: against itself and four others the median and its percentile would tell it
  where those four stand.
- The figures are the whole cohort's, the same in every school's report; so must be which
  of them are withheld. A rule that counted the schools other than the one reported on
  (as before) withheld a figure of exactly `min_group` schools from those among them and
  showed it to the rest, so two reports, or one run with a review that merely carries
  another school's id, told whether that school has a level there. Counting the cohort's
  own schools and asking for one more than `min_group` keeps `min_group` besides any school
  and makes the choice the same for all.

Its own levels are always shown; the words (`withheld_note`) say which figures are not,
and why.

The result is a `SchoolPosition` beside the cohort's figures, so the views that show one
school against a cohort show it: `views.school_table` as text, and
`dashboard.school_section` as a chart (`standing_html`). `with_standing` adds either to a
rendered report (table, HTML or JSON), leaving the report itself as it was. The governors'
page (`report --format summary --cohort`) draws the cohort's median itself: `aspect_medians`
gives it, from the same figures.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from ..errors import CohortMismatchError
from ..escaping import (
    invisible_names,
    names_quoted,
    shown_html,
    shown_html_name,
    shown_json,
)
from ..model.assessment import Assessment
from ..model.questions import Terms
from ..model.unseen import says_something
from ..scoring.profiles import score
from .benchmarking import not_applicable_of
from .positions import Cohort, Distribution, Kind, Position, SchoolPosition
from .sql import SqlCohort

__all__ = [
    "FORMATS",
    "CohortMismatchError",
    "aspect_medians",
    "note_html",
    "standing",
    "standing_html",
    "with_standing",
    "withheld_note",
    "withhold",
]

#: The report formats a standing can be added to.
FORMATS = ("table", "html", "json")


def standing(cohort: SqlCohort, assessment: Assessment) -> tuple[Cohort, SchoolPosition]:
    """The cohort's figures (no school's position: `SqlCohort.summary`) and where the
    review stands in them (see the module's notes)."""
    framework = cohort.framework
    ref = assessment.framework
    if ref not in (framework.id, framework.ref):
        raise CohortMismatchError(
            f"the cohort is of {framework.ref}, the review of {ref}",
            hint="give a cohort of the review's framework version",
            code="cohort-framework",
        )
    summary = cohort.summary()
    for entry in cohort.positions(assessment.school.id):
        if entry.assessed_on == assessment.assessed_on:
            return summary, entry
    layout = cohort.layout
    figures = cohort.figures()
    profile = score(framework, assessment, cohort.policy)
    scale = framework.scale
    places: dict[Kind, dict[str, Position]] = {
        "strand": {},
        "aspect": {},
        "element": {},
        "overall": {},
    }
    for index, (kind, node_id) in enumerate(zip(layout.kinds, layout.ids, strict=True)):
        level = profile.overall if kind == "overall" else profile.level(node_id)
        if level is None:
            places[kind][node_id] = Position(level=None, percentile=None)
            continue
        if figures.score_counts is not None:  # by score, in a framework with questions
            value = profile.overall_score if kind == "overall" else profile.score(node_id)
            by_value = figures.score_counts[index]
            judged = sum(by_value.values())
            worse = sum(n for v, n in by_value.items() if value is not None and v < value)
            same = by_value.get(value, 0) if value is not None else 0
        else:
            rank = scale.rank(level)
            counts = figures.counts[index]
            judged = sum(counts.values())
            worse = sum(n for r, n in counts.items() if r < rank)
            same = counts.get(rank, 0)
        flag = None
        if kind == "strand":
            judgement = assessment.judgements[node_id]
            flag = says_something(judgement.evidence)
        places[kind][node_id] = Position(
            level=level,
            percentile=100 * (2 * worse + same + 1) / (2 * (judged + 1)),
            has_evidence=flag,
        )
    entry = SchoolPosition(
        school=assessment.school,
        assessed_on=assessment.assessed_on,
        year=assessment.assessed_on.year,
        strands=places["strand"],
        aspects=places["aspect"],
        elements=places["element"],
        overall=places["overall"]["overall"],
        not_applicable=not_applicable_of(profile),
    )
    return summary, entry


def withhold(
    cohort: Cohort, entry: SchoolPosition, judging: Sequence[int], min_group: int
) -> tuple[Cohort, SchoolPosition, dict[str, int]]:
    """The cohort's figures and the school's place with every figure withheld that
    `min_group` schools or fewer have a level at (see the module's notes), and those ids
    with how many schools have a level there. `judging` is `SqlCohort.judging`: one count per
    id, in the order of `Cohort.distributions`, the same whichever school `entry` is."""
    kept: dict[str, int] = {}
    tables: dict[str, dict[str, Distribution]] = {}
    places: dict[str, dict[str, Position]] = {}
    for stats, count in zip(cohort.distributions(), judging, strict=True):
        table = "overall" if stats.kind == "overall" else f"{stats.kind}s"
        place = entry.get(stats.id)
        if count <= min_group:
            kept[stats.id] = count
            stats = stats.model_copy(
                update={
                    "counts": dict.fromkeys(stats.counts),
                    "lower_quartile": None,
                    "median": None,
                    "upper_quartile": None,
                    "suppressed": True,
                }
            )
            if place.percentile is not None:
                place = place.model_copy(update={"percentile": None, "suppressed": True})
        tables.setdefault(table, {})[stats.id] = stats
        places.setdefault(table, {})[stats.id] = place
    overall = {"overall": tables.pop("overall")["overall"]}
    cut = cohort.model_copy(update={**tables, **overall, "min_group": min_group})
    own = {"overall": places.pop("overall")["overall"]}
    return cut, entry.model_copy(update={**places, **own}), kept


def withheld_note(withheld: Mapping[str, int], min_group: int, terms: Terms | None = None) -> str:
    """In words, which of the cohort's figures `withhold` left out and why ("" when none):
    one sentence for the ids that the same number of schools judge."""
    if not withheld:
        return ""
    terms = terms or Terms()
    by_count: dict[int, list[str]] = {}
    for node_id, count in withheld.items():
        by_count.setdefault(count, []).append(node_id)
    sentences = []
    for count, ids in sorted(by_count.items(), reverse=True):
        who = f"no {terms.subjects}" if count == 0 else terms.count(count)
        named = ids[0] if len(ids) == 1 else f"each of {', '.join(ids)}"
        its = "its figures are" if len(ids) == 1 else "their figures are"
        sentences.append(
            f"The cohort has {who} judging {named}: fewer than {min_group + 1}, so {its} not shown."
        )
    sentences.append(
        f"A cohort figure (median, quartiles, counts, and this {terms.subject}'s percentile) "
        f"is shown only where at least {min_group + 1} {terms.subjects} have a level, so that "
        f"{min_group} or more stand behind it besides any one of them, and it is withheld "
        f"alike in every {terms.subject}'s report: with fewer, it would tell where they stand "
        "(--min-group)."
    )
    return " ".join(sentences)


def aspect_medians(cohort: Cohort) -> dict[str, int | None]:
    """The cohort's median level of each aspect, by aspect id, as the governors' page draws
    it (`exporters.summary.render`'s `cohort`): None where no school has a level, or where
    the figure is withheld."""
    return {aspect_id: stats.median for aspect_id, stats in cohort.aspects.items()}


def _note_names(cohort: Cohort) -> tuple[str, ...]:
    """The ids a `withheld_note` may name that hold an invisible character: shown as names
    wherever the note is printed (`escaping.names_quoted`); the JSON's `notes` keep them."""
    return invisible_names((*cohort.strands, *cohort.aspects, *cohort.elements))


def note_html(cohort: Cohort, note: str) -> str:
    """`note` (`withheld_note`) for a page: escaped, each id it names shown as a name
    (`1a1\\u200b`), as the terminal shows it."""
    return names_quoted(note, _note_names(cohort), shown_html, shown_html_name)


def standing_html(
    cohort: Cohort,
    entry: SchoolPosition,
    terms: Terms | None = None,
    scores: Mapping[str, float | None] | None = None,
) -> str:
    """The school against the cohort, as a section of a page (a chart; see `dashboard`),
    in the framework's `terms`, with the school's `scores` by aspect id where it has them."""
    from .dashboard_charts import school_section

    return "\n".join(school_section(cohort, entry, terms, scores))


def with_standing(
    rendered: str,
    output: str,
    cohort: Cohort,
    entry: SchoolPosition,
    terms: Terms | None = None,
    scores: Mapping[str, float | None] | None = None,
    *,
    note: str = "",
) -> str:
    """A rendered report with the school's standing added: a table after the table, a
    section before the strand-by-strand one of the HTML page, a `cohort` key in the JSON
    (with `school` and `cohort`, as `benchmark --school` writes them, and `notes`); in the
    framework's `terms`, the table and the page with the school's `scores` (a framework
    with questions). `note` (`withheld_note`) says which figures are withheld: under the
    table, in the page's section, in the JSON's `notes`."""
    if output == "table":
        from .views import school_table

        said = names_quoted(note, _note_names(cohort))
        table = school_table(cohort, entry, terms=terms, scores=scores, note=said)
        return f"{rendered}\nIn the cohort\n\n{table}"
    if output == "html":
        drawn = standing_html(cohort, entry, terms, scores)
        said = f'<p class="note">{note_html(cohort, note)}</p>\n' if note else ""
        section = f'<section id="cohort">\n{drawn}\n{said}</section>\n'
        marker = '<section id="strands">'
        if marker in rendered:
            return rendered.replace(marker, section + marker, 1)
        return rendered.replace("</main>", section + "</main>", 1)
    if output == "json":
        data = json.loads(rendered)
        data["cohort"] = {
            "school": entry.model_dump(mode="json"),
            "cohort": cohort.model_dump(mode="json", exclude={"schools"}),
            "notes": [note] if note else [],
        }
        return shown_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
    raise ValueError(f"a standing shows in {', '.join(FORMATS)}, not {output}")
