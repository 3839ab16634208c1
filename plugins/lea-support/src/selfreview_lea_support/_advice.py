"""What `lea-support`'s advice says, where it comes from, and how a piece of it is made.

Every recommendation quotes Becta's 2003 report on ICT practice in local education
authorities and names the sections it comes from (`REFERENCE`, `reference`). The texts are
here, apart from the rules that decide when each applies (`_rules`), so that the words of
the source can be read, and checked against it, in one place. A piece of advice is made
and validated once for each thing it can say (`recommendation`), and its fixed fields once
for every school (`fixed_fields`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Final, NamedTuple

from selfreview_core import Recommendation

#: The name the plugin is registered under (its entry point).
NAME: Final = "lea-support"
AUDIENCE: Final = "local authority"
#: The source document. The copy the advice was taken from carries no title, so it is
#: described by its own words and its copyright line ("© Copyright Becta 2003").
REFERENCE: Final = (
    "Becta (2003), report for LEA leadership teams on ICT in schools: highlights of current "
    "practice in LEAs that had a successful Ofsted inspection (untitled in the copy used)"
)
#: "Becta provides a range of products and services to support LEAs and Support Providers.
#: This information can be accessed from:" (the report's "Further information"). Becta's
#: sites are no longer online: they are named in each recommendation's reference as
#: archived sources, never given as links a reader would follow to nothing.
LEAS: Final = "www.becta.org.uk/leas"
#: "Additional information for LEAs and support providers can be found at:" these two.
BECTA_SITE: Final = "www.becta.org.uk"
BUILDING_THE_GRID: Final = "buildingthegrid.becta.org.uk"
#: How an address that no longer answers is named.
ARCHIVED: Final = "archived source, no longer online"


def _reference(sections: Sequence[str], sites: Sequence[str] = (LEAS,)) -> str:
    named = " and ".join(f'"{section}"' for section in sections)
    where = f"{REFERENCE}, {'section' if len(sections) == 1 else 'sections'} {named}"
    return f"{where}; further information at {', '.join(sites)} ({ARCHIVED})"


def recommendation(
    *,
    id: str,
    title: str,
    action: str,
    targets: Iterable[str],
    priority: str,
    sections: Sequence[str],
    rationale: str,
    sites: Sequence[str] = (LEAS,),
) -> Recommendation:
    # Schools alike in what a recommendation says share one (frozen) object, made and
    # validated once; the engine then accepts it again at the cost of a lookup.
    return _made(
        id, title, action, tuple(targets), priority, tuple(sections), rationale, tuple(sites)
    )


@lru_cache(maxsize=4096)
def _made(
    id: str,
    title: str,
    action: str,
    targets: tuple[str, ...],
    priority: str,
    sections: tuple[str, ...],
    rationale: str,
    sites: tuple[str, ...],
) -> Recommendation:
    return validated(_fields(id, title, action, priority, sections, sites), targets, rationale)


@lru_cache(maxsize=64)
def _fields(
    id: str,
    title: str,
    action: str,
    priority: str,
    sections: tuple[str, ...],
    sites: tuple[str, ...],
) -> dict[str, object]:
    """A recommendation's fields as validation is given them, but for its targets and
    rationale (what a school's own advice adds): the same for every school. Shared: never
    changed."""
    return {
        "id": id,
        "title": title,
        "action": action,
        "priority": priority,
        "audience": AUDIENCE,
        "reference": _reference(sections, sites),
        # Credited as the engine credits this plugin, so that it need not copy each one.
        "source": NAME,
        "sources": (NAME,),
    }


class Advice(NamedTuple):
    """What a generic rule's advice says to every school: all but its targets and rationale."""

    id: str
    title: str
    action: str
    priority: str
    sections: tuple[str, ...]


TRAINING_NEEDS: Final = Advice(
    id="lea-training-needs-analysis",
    title="Analyse the school's ICT training needs from its self-review",
    action=(
        "Becta's report on LEA practice found that \"The greatest inhibitor to the "
        "successful use of ICT in schools is the confidence and competence of their "
        "staff. The facilitation of training (CPD) for teachers and support staff is a "
        "critical role for the LEA. This responsibility includes an analysis of the "
        'needs of schools, using, where appropriate, self-assessment tools." Use this '
        "self-review as such a tool: analyse with the school the training needs behind "
        "its weakest strands and plan CPD for teachers and support staff, provided "
        '"either in-house or through a range of external resources". The report asks '
        '"Are there self-assessment tools to enable schools to generate their ICT '
        'development and their training plans?"'
    ),
    priority="medium",
    sections=("Implementation: Training",),
)
GOOD_PRACTICE: Final = Advice(
    id="lea-share-good-practice",
    title="Identify, celebrate and share this school's good practice",
    action=(
        "Becta's report asks \"How does the LEA know where there is good practice in ICT "
        'in their schools, and how is this celebrated?" In successful LEAs "Good '
        "practice is identified, celebrated and disseminated through a variety of means "
        '– publications, regular meetings, newsletters and conferences." Invite this '
        "school to share its practice in these strands with other schools."
    ),
    priority="low",
    sections=("Monitoring and evaluation of impact",),
)


def advised(advice: Advice, targets: Iterable[str], rationale: str) -> Recommendation:
    """`advice` for these targets and rationale, as `recommendation` makes it."""
    id, title, action, priority, sections = advice
    return _made(id, title, action, tuple(targets), priority, sections, rationale, (LEAS,))


def fixed_fields(advice: Advice) -> dict[str, object]:
    """`advice`'s fields as `_made` gives them to validation, but for targets and rationale."""
    return _fields(
        advice.id, advice.title, advice.action, advice.priority, advice.sections, (LEAS,)
    )


def validated(fixed: dict[str, object], targets: tuple[str, ...], rationale: str) -> Recommendation:
    """A recommendation of `fixed` fields for these targets and rationale, validated: what
    `_made` gives for the same (its reference and credit included).

    Validated by the model's own validator, as `model_validate` does, without the layer of
    Python around it (a quarter of the cost); strictly, since every value is already of its
    field's exact type (text, tuples of text), so that nothing is tried in vain."""
    made: Recommendation = Recommendation.__pydantic_validator__.validate_python(
        {**fixed, "targets": targets, "rationale": rationale}, strict=True
    )
    return made
