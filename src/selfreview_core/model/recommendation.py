"""Recommendations: the actions that move a school forward, each crediting where it came from.

The order a reader sees them in, and how several sources of one id are credited, is
`recommending`: it needs the framework's order, which a recommendation does not know.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import is_
from typing import Annotated, Any, Final

from pydantic import (
    AfterValidator,
    Field,
    ModelWrapValidatorHandler,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .._names import Priority
from .base import (
    Id,
    Model,
    Text,
    built,
    new_object,
    set_dict,
    set_extra,
    set_fields_set,
    set_private,
)

__all__ = [
    "EVERY_FIELD",
    "FIELD_ORDER",
    "MAX_VALIDATED",
    "REASONED",
    "UNROLLED",
    "Link",
    "Recommendation",
    "Validated",
    "credited_copy",
    "forget",
    "safe_link",
    "validated",
    "validation",
]

_SCHEMES = ("http://", "https://", "mailto:")


def safe_link(url: str) -> bool:
    """Only web and mail links: a `javascript:` or `data:` link never reaches a report. The
    scheme in any case, then at least one character, white space only inside: what the
    schema's pattern for a link says (`_LINK_PATTERN`), or less (Python's white space is
    a little more than the pattern's)."""
    head = url[:8].lower()
    for scheme in _SCHEMES:
        if head.startswith(scheme):
            return len(url) > len(scheme) and not (_blank(url[len(scheme)]) or _blank(url[-1]))
    return False


def _blank(character: str) -> bool:
    """White space to Python or to a JSON Schema pattern (ECMAScript's `\\s` also holds
    U+FEFF)."""
    return character.isspace() or character == "\ufeff"


def _link(url: str) -> str:
    if not safe_link(url):
        raise PydanticCustomError(
            "unsafe_link", "links must start with http://, https:// or mailto:"
        )
    return url


#: `safe_link` as a JSON Schema pattern (ECMAScript: `\\s` and `\\S` its white space).
_LINK_PATTERN: Final = "^([Hh][Tt][Tt][Pp][Ss]?://|[Mm][Aa][Ii][Ll][Tt][Oo]:)(\\S|\\S[\\s\\S]*\\S)$"

#: A URL a report may show as a link.
Link = Annotated[
    str,
    AfterValidator(_link),
    # `safe_link` in the schema's own words: the scheme in any case (no flags in JSON
    # Schema's patterns), one character or more, white space only inside.
    WithJsonSchema({"type": "string", "pattern": _LINK_PATTERN}),
]


class Recommendation(Model):
    """One action for one audience, with why it was given and where the advice comes from.

    `source` names the plugin or rule pack that gave it (set by the engine); `sources`
    credits every one that gave the same id.
    """

    id: Id
    title: Text
    action: Text
    targets: tuple[Id, ...] = Field(
        default=(), description="The strand, aspect and element ids it is about."
    )
    priority: Priority = "medium"
    audience: Text = "senior leadership"
    links: tuple[Link, ...] = ()
    reference: str | None = Field(
        default=None, description="The document the advice is drawn from, with its date."
    )
    source: str = Field(default="", description="The plugin or rule pack that gave it.")
    sources: tuple[str, ...] = Field(
        default=(), description="Every plugin or rule pack that gave this id."
    )
    rationale: str = Field(default="", description="Why it was given for this school.")

    @model_validator(mode="wrap")
    @classmethod
    def _remembered(
        cls, data: Any, handler: ModelWrapValidatorHandler[Recommendation]
    ) -> Recommendation:
        # An instance given to validation passes through it unchecked (pydantic does not
        # validate instances again): only an object validation built is remembered.
        made = handler(data)
        if made is not data and type(made) is Recommendation:
            _remember(made)
        return made

    def with_reasons(self, targets: Iterable[str], rationale: str) -> Recommendation:
        """This recommendation with other `targets` and `rationale`, validated: exactly what
        validating the fields it was given, with these two, gives (or the same
        `ValidationError`). For a plugin that gives one piece of advice to many schools,
        each for reasons of its own: when this one was built by validation and has not
        changed since (`validated`), only the two are validated, which costs a fraction of
        validating the whole (ids found valid before are not validated again), and the
        engine takes the result as validation built it, knowing what it was made from; as
        advice for one school, it is then forgotten (given again, it is checked in full)."""
        # The common case written out, without a call: a template in the newer generation
        # holding what it was built with, and text already found valid (`validation` and
        # `_reasons_of`'s quick check).
        entry = _VALIDATED[0].get(id(self))
        values = self.__dict__
        quick = entry is not None and entry[0] is self and type(targets) is tuple
        if quick:
            for target in targets:  # exactly text: no subclass's code (a loop: no `map`)
                if type(target) is not str:
                    quick = False
                    break
        if quick and entry is not None and type(rationale) is str and _IDS.issuperset(targets):
            # Its values by identity those validation built, field by field, written out
            # (`UNROLLED`, in `FIELD_ORDER`): a third of the cost of `all(map(is_, ...))`,
            # which calls `is_` for each. By name, not in order: values renamed behind its
            # back (each field holding another's) are not the same; nor is a dict with a
            # field put in (another count) or taken out (`KeyError`).
            (b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10) = entry[1]
            v = values
            try:
                quick = (
                    len(v) == UNROLLED
                    and (
                        v["id"] is b0
                        and v["title"] is b1
                        and v["action"] is b2
                        and v["targets"] is b3
                        and v["priority"] is b4
                        and v["audience"] is b5
                    )
                    and (
                        v["links"] is b6
                        and v["reference"] is b7
                        and v["source"] is b8
                        and v["sources"] is b9
                        and v["rationale"] is b10
                    )
                )
            except KeyError:
                quick = False
        else:
            quick = False
        if not (
            quick
            and entry is not None
            and self.__pydantic_fields_set__ == entry[3]  # a plain set: changed in place too
        ):
            checked = _checked_reasons(self, targets, rationale)
            if checked is None:  # validated whole (raising as that raises)
                given = {name: getattr(self, name) for name in self.__pydantic_fields_set__}
                return Recommendation.model_validate(
                    {**given, "targets": targets, "rationale": rationale}
                )
            targets, rationale = checked
            fields = _REASON_FIELDS.union(self.__pydantic_fields_set__)
        else:  # the fields set of every piece of advice from templates of these fields
            fields = _FIELDS_WITH_REASONS.get(entry[3]) or _with_reason_fields(entry[3])
        values = values.copy()
        values["targets"], values["rationale"] = targets, rationale
        # Made as `trusted_fields` makes it given the fields set (every field in `values`),
        # without its look-ups: advice for each school comes this way (`base.built`,
        # written out).
        made = new_object(Recommendation)
        set_dict(made, values)
        set_fields_set(made, set(fields))
        set_extra(made, None)
        set_private(made, None)
        if len(REASONED) >= MAX_VALIDATED:
            REASONED.clear()  # advice made and never given: checked in full if it is
        REASONED[id(made)] = (made, tuple(values.values()), self, fields)
        return made


def _checked_reasons(item: Recommendation, targets: object, rationale: object) -> _Reasons | None:
    """`targets` and `rationale` validated (`_reasons_of`) when `item` is `validated` and
    still says it was given the fields it was built with; None when it is not, or they are
    not valid (`with_reasons` then validates the fields it says it was given, whole)."""
    entry = validation(item)
    if entry is None or item.__pydantic_fields_set__ != entry[3]:
        return None
    try:
        return _reasons_of(targets, rationale)
    except ValidationError:
        return None


#: What `_VALIDATED` holds of a recommendation (`validation`): the object, the values it was
#: built with, the recommendation it was made from by `with_reasons` (whose other values
#: it shares, as validation built them), else None, and the fields it was built with set.
#: `with_reasons` takes its quick path only while those are still the fields set (pydantic's
#: set is mutable): it gives what validating the fields set gives, which otherwise differs.
Validated = tuple[Recommendation, tuple[object, ...], Recommendation | None, frozenset[str]]
#: Recommendations that validation built (never `model_construct`, a copy, or an instance
#: passed through), by identity, each with the values it was built with. A plugin that
#: makes a new recommendation for a school validates it; the engine, which must check what
#: a plugin gives at the boundary, then need not validate it again (`validated`). Two
#: generations, the newer first: when the newer holds `MAX_VALIDATED` it becomes the older
#: and a new one starts, and what is found in the older is carried into the newer, so that
#: a recommendation still in use (a plugin's template for `with_reasons`) outlives a flood
#: of recommendations made for one school each; what is not found is validated again.
_VALIDATED: list[dict[int, Validated]] = [{}, {}]
#: Entries kept in each generation.
MAX_VALIDATED: Final = 4096
#: What `Recommendation.with_reasons` made, as `_VALIDATED` holds it (the third value its
#: template), kept apart: advice for one school, found again once (when its plugin gives it)
#: and then forgotten (`forget`), so this table stays as small as the advice of the reports
#: being made, and `_VALIDATED` is not churned by it. Emptied when it holds
#: `MAX_VALIDATED` (advice made and never given): what is dropped is checked in full.
REASONED: dict[int, Validated] = {}
_REASON_FIELDS: Final = frozenset({"targets", "rationale"})
#: A template's fields set (as `_VALIDATED` holds it) with `_REASON_FIELDS`: its advice's,
#: made once for the few sets there are, not for every school; emptied when full.
_FIELDS_WITH_REASONS: dict[frozenset[str], frozenset[str]] = {}


def _with_reason_fields(given: frozenset[str]) -> frozenset[str]:
    """`given` with `_REASON_FIELDS`, kept in `_FIELDS_WITH_REASONS`."""
    if len(_FIELDS_WITH_REASONS) >= MAX_VALIDATED:
        _FIELDS_WITH_REASONS.clear()
    fields = _FIELDS_WITH_REASONS[given] = given | _REASON_FIELDS
    return fields


def _remember(made: Recommendation) -> None:
    """`made`, built by validation, remembered as such (`validated`)."""
    _enter(
        id(made), (made, tuple(vars(made).values()), None, frozenset(made.__pydantic_fields_set__))
    )


def _enter(number: int, entry: Validated) -> None:
    """`entry` in the newer generation, which becomes the older when full."""
    newer = _VALIDATED[0]
    if len(newer) >= MAX_VALIDATED:
        newer = {}
        _VALIDATED[:] = [newer, _VALIDATED[0]]
    newer[number] = entry


def credited_copy(values: dict[str, Any], source: str) -> Recommendation:
    """A new `Recommendation` holding the `values` of a validated one (immutable: text and
    tuples of text) credited to `source` alone, every field set, as
    `Recommendation.trusted_fields` makes it: what the engine accepts of a plugin's."""
    if values["source"] == source and values["sources"] == (source,):
        return built(Recommendation, values.copy(), set(EVERY_FIELD))
    return built(
        Recommendation, {**values, "source": source, "sources": (source,)}, set(EVERY_FIELD)
    )


#: Every field of `Recommendation`: what a credited copy has set (as
#: `Recommendation.trusted_maker(Recommendation.model_fields)` sets them).
EVERY_FIELD: Final = frozenset(Recommendation.model_fields)
#: Its fields' names in the order validation writes them into an instance's dict. The
#: identity checks compare values in order only: a dict a plugin put in behind the frozen
#: fields, holding the same objects in the same order under other names (each field
#: holding another's value), passes them; asked with them, this is what says the names
#: are the fields' own (round 78).
FIELD_ORDER: Final = tuple(Recommendation.model_fields)
#: The count of values the identity checks written out in `with_reasons` and in
#: `isolation.accepting.accepted` compare one by one (a recommendation's fields, each
#: held in its own dict): a test holds it to the model's fields.
UNROLLED: Final = 11


#: What `Recommendation.with_reasons` validates: its targets and rationale, typed as the
#: model types them.
_Reasons = tuple[tuple[Id, ...], str]
#: Their validator, made the first time it is needed (not at import: start-up).
_REASONS: list[Callable[[object], _Reasons]] = []


#: Targets found valid ids by `_reasons_of` (text: immutable), so that they need not be
#: validated again; emptied when full.
_IDS: set[str] = set()
_TEXT: Final = frozenset({str})


def _reasons_of(targets: object, rationale: object) -> _Reasons:
    """`targets` and `rationale` validated as `Recommendation` types them (or the
    `ValidationError`); quickly for a tuple of text already found valid ids and text."""
    if (
        type(targets) is tuple
        and type(rationale) is str
        and _TEXT.issuperset(map(type, targets))  # exactly text: no code of a subclass runs
        and _IDS.issuperset(targets)
    ):
        return targets, rationale
    checked = _reasons()((targets, rationale))
    if len(_IDS) >= MAX_VALIDATED:
        _IDS.clear()
    _IDS.update(checked[0])
    return checked


def _reasons() -> Callable[[object], _Reasons]:
    if not _REASONS:
        _REASONS.append(TypeAdapter(_Reasons).validate_python)
    return _REASONS[0]


def validated(item: object) -> bool:
    """Whether `item` is exactly a `Recommendation` that validation built and that still
    holds the very objects it was built with, field for field: not changed since behind its
    frozen fields (`object.__setattr__`), even for an equal value of another type. Such an
    object is what validating it again would give."""
    return validation(item) is not None


def validation(item: object) -> Validated | None:
    """What is remembered of `item` when it is `validated`: (`item`, the values it holds,
    the recommendation `with_reasons` made it from, else None); None when it is not. Made
    from another, all its values but `targets` and `rationale` are the very objects that
    other held when validation built it (it was `validated` then)."""
    number = id(item)
    entry = _VALIDATED[0].get(number)
    if entry is None:
        entry = _VALIDATED[1].get(number)
        if entry is None:
            entry = REASONED.get(number)
            if entry is None:
                return None
        else:
            _enter(number, entry)  # still in use: carried into the newer generation
    if entry[0] is not item:
        return None
    values, held = vars(item), entry[1]
    if tuple(values) != FIELD_ORDER:
        return None  # a field put in, or its values renamed behind its back (`FIELD_ORDER`)
    return entry if all(map(is_, values.values(), held)) else None


def forget(item: Recommendation) -> None:
    """`item` no longer remembered as validation built it (`validated`): for advice made for
    one school (`with_reasons`), once accepted, so that it does not outlive the report."""
    number = id(item)
    for table in (REASONED, *_VALIDATED):
        entry = table.get(number)
        if entry is not None and entry[0] is item:
            del table[number]
