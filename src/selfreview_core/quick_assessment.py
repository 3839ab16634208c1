"""A JSON assessment read the quick way: the valid path of every JSON Lines line.

Pydantic's own JSON decoder reads and validates the text in one pass, in Rust; what it does
not do is refuse a duplicated key (the last value wins, where the located reader says
"duplicate key" and where). So the keys the text writes are counted in C and must be the
keys the assessment was given, one for one; and the fit to the framework is checked with
sets (`surely_fits`), passing only when `fit_findings` finds nothing. Anything else
(invalid, a key that cannot be counted, a duplicate, a misfit) gives None, and the caller
reads the text again the located way, so every error reads as it always has: it may send a
valid line the slow way, never an invalid one the quick way (tests/files/test_quick_json.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from operator import attrgetter
from typing import Any, Final

from pydantic import ValidationError
from pydantic import main as pydantic_main
from pydantic_core import SchemaValidator

from .files.json_text import key_count, quick_json, quick_text
from .files.limits import Limits
from .model.assessment import Assessment, Judgement, _respondent_form, _short_form
from .model.assessment_checks import fits_as_written, surely_fits
from .model.assessment_json import canonical_text, read_from
from .model.framework import Framework

__all__ = ["ASSESSMENT_NESTING", "quick_assessment"]

#: How deep a valid assessment nests: the document, its judgements, a judgement, its
#: answers (no field is free-form, and none holds a list). Deeper is refused by validation.
ASSESSMENT_NESTING: Final = 4


def quick_assessment(
    text: str | bytes, limits: Limits, resolve: Callable[[str], Framework | None]
) -> Assessment | None:
    """The assessment in JSON `text` when it is valid, names its `kind`, and certainly fits
    the framework `resolve` gives for the reference it names (`surely_fits`, which a report
    asks again for a few microseconds); None for anything else."""
    document = quick_text(text, limits, nesting=ASSESSMENT_NESTING)
    if document is None:
        return None
    found = _read(document, resolve)
    if found is None:
        return None
    assessment, written, framework = found
    if framework is None:
        return None
    # A line as pydantic writes it, of levels of its framework's scale, has its judgements'
    # shape and levels by the pattern: only the strands are left to tell (`fits_as_written`).
    fits = surely_fits if written is None else fits_as_written
    if not fits(framework, assessment):
        return None
    read_from(assessment, document, written)  # its report may write it back as it came
    return assessment


#: What starts a judgement's entry in an assessment as pydantic writes it: its strand's key,
#: and the object of its fields, `level` first (no other object of it starts so).
_JUDGEMENT_ENTRY: Final = '":{"level":'


def _read(
    document: str, resolve: Callable[[str], Framework | None] | None = None
) -> tuple[Assessment, str | None, Framework | None] | None:
    """The assessment a document holds if it is valid with no duplicate key, the document
    as pydantic writes it (`canonical_text`) if it is written so, and the framework it
    names; else None. Given `resolve`, also None for a document that does not name its
    `kind` or names a framework `resolve` does not know, and the document is taken as
    written so only with levels of that framework's scale (the pattern tells them).

    Written so (a line this package or pydantic wrote: nearly every line), every object
    but the judgements' mapping has each of its fields once, in model order, by the
    pattern; and its strings hold no quote, so each judgement entry writes
    `_JUDGEMENT_ENTRY` once (a strand's id can only add to that): when those are as many
    as the judgements decoded, no strand was written twice. The pattern is asked here
    once, for the report's JSON too (`assessment_json.written_json`).

    Otherwise every key is followed by a colon, so the colons are at least the keys
    written (a string can only add to them); when they are exactly the keys given, no key
    was written twice. A colon in a string (evidence that says `Note: ...`) leaves it to
    `key_count`, which counts `":` instead; where neither can tell (a space before a
    colon, a judgement with a level alone, as the short form `1a1: 3` makes) or a key is
    over, the C parser with a check of each object decides."""
    try:
        assessment, by_model = _validated(document)
        framework = None
        if resolve is not None:
            if "kind" not in assessment.__pydantic_fields_set__:
                return None
            framework = resolve(assessment.framework)
            if framework is None:
                return None
        written = canonical_text(document, None if framework is None else framework.scale.levels)
        if not by_model and written is None and not _plainly_judged(assessment):
            # Judgements `_says_something` may refuse: the model's own validator decides.
            assessment = Assessment.__pydantic_validator__.validate_json(document)
        if written is not None and document.count(_JUDGEMENT_ENTRY) == len(assessment.judgements):
            return assessment, written, framework
        given = _given_keys(assessment)
        if given is not None and (document.count(":") == given or key_count(document) == given):
            return assessment, written, framework
        data = quick_json(document)
        return None if data is None else (Assessment.model_validate(data), None, framework)
    except ValidationError:
        return None


_FIELDS_SET = attrgetter("__pydantic_fields_set__")
_ANSWERS = attrgetter("answers")
_LEVEL = attrgetter("level")
_APPLICABLE = attrgetter("applicable")
_ONLY_NONE: Final = frozenset({None})


def _validated(document: str) -> tuple[Assessment, bool]:
    """`Assessment.model_validate_json(document)` where the lean validator (`_LEAN`) gives
    what it would: the lean one first, and the model's own if that refuses the text (a
    judgement in the short form `"1a1": 3`, say, which only the model's reads); and whether
    the model's own gave it (then nothing is left for it to decide)."""
    lean = _lean()
    if lean is not None:
        try:
            found: Assessment = lean.validate_json(document)
            return found, False
        except ValidationError:
            pass
    model: Assessment = Assessment.__pydantic_validator__.validate_json(document)
    return model, True


def _plainly_judged(assessment: Assessment) -> bool:
    """Whether every judgement gives a level and says nothing of `applicable`: one that
    `Judgement._says_something` passes whatever else it holds (what the lean validator
    does not ask; a line as pydantic writes it is such, by its pattern). In C."""
    values = assessment.judgements.values()
    return None not in map(_LEVEL, values) and _ONLY_NONE.issuperset(map(_APPLICABLE, values))


#: The model's validator without the Python calls that only a file's YAML needs or that
#: only refuse (`_lean_schema`), built on first use; empty: not built yet; None in it: the
#: schema was not as expected, so the model's own validator is used.
_LEAN: list[SchemaValidator | None] = []
#: Held while `_LEAN` is filled: a second thread waits for the first's validator rather
#: than building one too (when the first put `__pydantic_complete__` back, a build in
#: progress would take the model's own validator, "prebuilt", for the lean one).
_LEAN_LOCK: Final = threading.Lock()
#: Pydantic's lock around `model_rebuild`, which reads `__pydantic_complete__` under it:
#: held while the flag is False (`_built`), so no thread rebuilds the model, or takes it
#: for unfinished, in that moment. Its own RLock if pydantic has none by that name.
_REBUILD_LOCK: Final[Any] = getattr(pydantic_main, "_rebuild_lock", None) or threading.RLock()


def _lean() -> SchemaValidator | None:
    if not _LEAN:
        with _LEAN_LOCK:
            if not _LEAN:  # another thread may have built it while this one waited
                Assessment.model_rebuild()  # built on first use otherwise (`defer_build`)
                full = Assessment.__pydantic_core_schema__
                schema = _lean_schema(full)
                config = full.get("schema", {}).get("config")
                _LEAN.append(None if schema is None else _built(schema, config))
    return _LEAN[0]


def _built(schema: Any, config: Any) -> SchemaValidator:
    """The validator of `schema`, built anew: pydantic-core would use the model's own,
    built already, for a schema of a complete model's class (its "prebuilt" validator),
    so the class is marked incomplete while this one is built, under pydantic's rebuild
    lock (`_REBUILD_LOCK`): `Assessment.model_rebuild` in another thread waits, and then
    finds the model complete."""
    with _REBUILD_LOCK:
        Assessment.__pydantic_complete__ = False
        try:
            return SchemaValidator(schema, config)
        finally:
            Assessment.__pydantic_complete__ = True


def _lean_schema(schema: Any) -> Any:
    """`Assessment`'s core schema without three Python calls a JSON line makes for each
    judgement or once (about a third of pydantic's time on a line, round 57): the short
    form `_short_form` reads (a JSON integer for a judgement, refused here instead, so the
    model's validator reads it), `_respondent_form` (which only refuses a string, as the
    respondent's model does) and `Judgement._says_something` (which only refuses: asked by
    `_plainly_judged`, or by the model's validator). The models made are the same classes,
    by the same fields. None if any of the three is not found once where it was (a model
    changed): the shortcut is off rather than wrong."""
    dropped = {id(_short_form): 0, id(_respondent_form): 0, id(Judgement._says_something): 0}

    def lean(node: Any) -> Any:
        if isinstance(node, list):
            return [lean(item) for item in node]
        if not isinstance(node, dict):
            return node
        function = node.get("function")
        key = id(function.get("function")) if isinstance(function, dict) else None
        if key in dropped and node.get("type") in ("function-before", "function-after"):
            dropped[key] += 1
            inner = dict(lean(node["schema"]))
            if "ref" in node:
                inner["ref"] = node["ref"]
            return inner
        return {k: v if k in ("metadata", "serialization") else lean(v) for k, v in node.items()}

    made = lean(schema)
    return made if all(count == 1 for count in dropped.values()) else None


_LEVEL_ALONE: Final = frozenset({"level"})


def _given_keys(assessment: Assessment) -> int | None:
    """The keys `assessment` was given: fields set, and the keys of its mappings (None if
    a judgement gives a level alone, which the short form also makes). Loops in C: it runs
    for every line."""
    judgements = assessment.judgements.values()
    given = list(map(_FIELDS_SET, judgements))
    if _LEVEL_ALONE in given:
        return None
    keys = (
        len(assessment.__pydantic_fields_set__)
        + len(assessment.school.__pydantic_fields_set__)
        + len(given)
        + sum(map(len, given))
    )
    if any(map(_ANSWERS, judgements)):
        keys += sum(len(answers) for answers in map(_ANSWERS, judgements) if answers)
    if assessment.respondent is not None:
        keys += len(assessment.respondent.__pydantic_fields_set__)
    review = assessment.review
    if review:
        keys += len(review) + sum(map(len, map(_FIELDS_SET, review.values())))
    return keys
