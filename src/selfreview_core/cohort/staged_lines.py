"""One review as lines of a cohort's staging file (`staging`): the JSON objects DuckDB reads
(`STAGED_COLUMNS`), the review's place in the input (`place`) and the digest that tells two
reviews of one school, date, framework version and respondent group (`review_key`).

A review of more than `LINE_JUDGEMENTS` strands is staged as several lines (`staged_text`),
each with the same place (`q`) and the same school, date and framework, written once for all
of them, and the next `LINE_JUDGEMENTS` of its lists: DuckDB's JSON reader parses a whole
chunk of lines at once, and a thousand reviews of a thousand strands each (seven lists of a
thousand values a line) ran it out of memory (round 52). Every reader groups the lines of a
review by `q` (`rows.staged_rows`, `parquet.staged_duplicates`) or keeps their order
(`parquet.write_parquet`), so the split changes no output.

Kept apart from the reading and the workers, as what `sql.benchmark_sql` and the tests
make staged lines with, without the machinery that reads files.
"""

from __future__ import annotations

import json
from hashlib import blake2b
from typing import Any, Final

from .._names import Where
from ..escaping import encodable
from ..model.assessment import Assessment
from ..model.framework import Framework
from ..model.questions import score_float
from ..scoring.profiles import judged_level
from .benchmarking import authority_of, has_evidence

__all__ = [
    *("LINE_JUDGEMENTS", "STAGED_COLUMNS", "place", "read_where", "record", "review_key"),
    "staged_text",
]

#: The staging file's fields and their DuckDB types, for `read_json(columns=...)`.
STAGED_COLUMNS: Final = {
    "q": "BIGINT",  # the review's place in the input (`place`: input, then line)
    "o": "VARCHAR",  # where it came from: a file, or file:line for JSON Lines
    "i": "VARCHAR",  # school id
    "n": "VARCHAR",  # school name
    "a": "VARCHAR",  # authority
    "f": "VARCHAR",  # framework id
    "v": "VARCHAR",  # framework version
    "d": "DATE",  # assessed_on
    "g": "VARCHAR",  # respondent group (None for a school's own review)
    "s": "VARCHAR[]",  # strand ids, in framework order
    "x": "VARCHAR[]",  # each strand's aspect id
    "y": "VARCHAR[]",  # each strand's element id
    "l": "INTEGER[]",  # levels
    "r": "INTEGER[]",  # ranks (0 at the worst level)
    "e": "BOOLEAN[]",  # has evidence
    "c": "DOUBLE[]",  # scores (SPEC section 10: the rank, or the sum of the answers' values)
    "t": "VARCHAR[]",  # evidence text (only when asked for; else absent, read as NULL)
    # false for a strand not applicable, whose level, rank and score are null; absent (NULL)
    # when the review has none, as nearly every review: one more short array per line else
    "p": "BOOLEAN[]",
}
#: The most judgements (list entries) a staging line holds; a review of more takes more lines.
LINE_JUDGEMENTS: Final = 64
#: The fields written once for the whole review, before its lists, in this order.
_HEAD: Final = ("o", "i", "n", "a", "f", "v", "d", "g")
_DUMPS: Final = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _respondent_group(assessment: Assessment) -> str | None:
    """The respondent group an assessment names (SPEC section 9), None for a school's own
    review. Read by name so this module works before and after assessments gain it."""
    respondent = getattr(assessment, "respondent", None)
    group = getattr(respondent, "group", None)
    return group if isinstance(group, str) else None


def record(framework: Framework, assessment: Assessment, origin: str, *, evidence: bool) -> str:
    """One review as one JSON object, without its place (`q`, `place`): a staging line as
    it is for a review of at most `LINE_JUDGEMENTS` strands (`staged_text` splits longer)."""
    text: str = _DUMPS(_review(framework, assessment, origin, evidence=evidence))
    return text


def staged_text(
    framework: Framework, assessment: Assessment, origin: str, q: int, *, evidence: bool
) -> str:
    """One review as the staging file's lines, each ending in a line break, at place `q`:
    a line for each `LINE_JUDGEMENTS` of its strands (one, `record` with `q` first, for a
    review of no more), every line with the same `q` and head, made once for all of them."""
    data = _review(framework, assessment, origin, evidence=evidence)
    lists = {key: value for key, value in data.items() if key not in _HEAD}
    head = _DUMPS({"q": q, **{key: data[key] for key in _HEAD}})[:-1]
    lines = []
    for start in range(0, len(lists["s"]), LINE_JUDGEMENTS):
        piece = {key: value[start : start + LINE_JUDGEMENTS] for key, value in lists.items()}
        lines.append(f"{head},{_DUMPS(piece)[1:]}\n")
    return "".join(lines)


def _review(
    framework: Framework, assessment: Assessment, origin: str, *, evidence: bool
) -> dict[str, Any]:
    """The staging fields of a review (`STAGED_COLUMNS`), but its place."""
    scale = framework.scale
    worst, step = scale.worst, scale.step
    strands: list[str | None] = []
    aspects: list[str | None] = []
    elements: list[str | None] = []
    levels: list[int | None] = []
    ranks: list[int | None] = []
    scores: list[float | None] = []
    flags: list[bool | None] = []
    texts: list[str | None] = []
    applicable: list[bool] | None = None
    judgements = assessment.judgements
    for element in framework.elements:
        for aspect in element.aspects:
            for strand in aspect.strands:
                judgement = judgements.get(strand.id)
                if judgement is None:
                    continue
                level = judged_level(framework, strand.id, judgement)
                if level is None:  # not applicable: a row of its own, with no level
                    applicable = applicable or [True] * len(strands)
                    applicable.append(False)
                    strands.append(strand.id)
                    aspects.append(aspect.id)
                    elements.append(element.id)
                    levels.append(None)
                    ranks.append(None)
                    scores.append(None)
                    flags.append(has_evidence(judgement.evidence))
                    texts.append(judgement.evidence)
                    continue
                if applicable is not None:
                    applicable.append(True)
                strands.append(strand.id)
                aspects.append(aspect.id)
                elements.append(element.id)
                levels.append(level)
                ranks.append((level - worst) * step)
                # the score `Profile.score` gives the strand: its answers' sum, or its rank
                answers = judgement.answers
                scored = None if answers is None else framework.answers_score(strand, answers)
                scores.append(
                    float((level - worst) * step) if scored is None else score_float(scored)
                )
                flags.append(has_evidence(judgement.evidence))
                texts.append(judgement.evidence)
    if not strands:  # one placeholder entry: the review still counts (see the module)
        strands = aspects = elements = texts = [None]
        levels = ranks = [None]
        scores = [None]
        flags = [None]
    school = assessment.school
    data: dict[str, Any] = {
        "o": encodable(origin),  # a file name may hold bytes that are not UTF-8
        "i": school.id,
        "n": school.name,
        "a": authority_of(school),  # none where it says nothing
        "f": framework.id,
        "v": framework.version,
        "d": assessment.assessed_on.isoformat(),
        "g": _respondent_group(assessment),
        "s": strands,
        "x": aspects,
        "y": elements,
        "l": levels,
        "r": ranks,
        "e": flags,
        "c": scores,
    }
    if evidence:
        data["t"] = texts
    if applicable is not None:
        data["p"] = applicable
    return data


def review_key(framework: Framework, assessment: Assessment) -> int:
    """A 64-bit digest of what makes two reviews duplicates (school id, date, framework id
    and version, respondent group: what `staged_duplicates` groups by), the same in every
    process (unlike `hash`, salted per process). Equal reviews give equal digests; two
    others sharing one (or a separator in an id) only make `collect` look in full."""
    text = "\x00".join(
        (
            assessment.school.id,
            assessment.assessed_on.isoformat(),
            framework.id,
            framework.version,
            _respondent_group(assessment) or "",
        )
    )
    return int.from_bytes(blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest())


def place(index: int, line: int | None) -> int:
    """A review's place (`q`): its input's place among the inputs (`index`), and its
    `line` in a JSON Lines input (none for a whole file). Increasing in input order and
    the same however the inputs are cut into chunks, so whatever the number of jobs."""
    return (index << _LINE_BITS) + (line or 0)


def read_where(origin: str, q: int) -> Where:
    """Where a staged review was read, from its origin (`o`) and place (`q`): a JSON Lines
    line's origin is `file:line` (as messages name it), its line in `q` too, so its file
    is the origin without that ending; never the origin opened as a file (`Where`)."""
    line = q & ((1 << _LINE_BITS) - 1)
    return (origin, None) if not line else (origin.removesuffix(f":{line}"), line)


#: Bits of a place for the line (a JSON Lines file of up to 64 billion lines).
_LINE_BITS: Final = 36
