"""Shared model configuration and the constrained string types used in every file kind."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, cached_property
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Final, Self, TypeGuard, TypeVar, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    GetCoreSchemaHandler,
    StrictInt,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError, core_schema

from .._frozen import frozen_value
from .._names import LEVEL_KEY
from ..errors import MERGE_KEY_HINT
from .closest import closest
from .id_form import ID_PATTERN, REF_PATTERN
from .unseen import unseen_hint, unseen_only

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

__all__ = [
    "EVIDENCE_WITHHELD",
    "MERGE_KEY_HINT",
    "SKIP_CHECKS",
    "Date",
    "DerivedModel",
    "Document",
    "FrameworkRef",
    "Id",
    "Level",
    "Model",
    "NamesFramework",
    "Text",
    "did_you_mean",
    "is_framework_ref",
    "split_ref",
    "unseen_hint",
    "unseen_only",
]


#: Set in a validation context by the loader, which runs the checks that span fields itself
#: (to locate each problem in the file); models built in Python run them as they validate.
SKIP_CHECKS = "selfreview_skip_checks"
#: Set in a validation context where evidence has been removed on purpose (`--no-evidence`):
#: a strand not applicable keeps its place without the evidence it otherwise needs.
EVIDENCE_WITHHELD = "selfreview_evidence_withheld"


def _not_blank(value: str) -> str:
    # Blank, or only what prints as nothing (`unseen_only`, round 72). Written out for
    # ASCII, which most names and titles are: no call but `str`'s own (a report validates
    # its recommendations' titles per school).
    if value.strip() and (value.isascii() or not unseen_only(value)):
        return value
    raise PydanticCustomError("empty_text", "must not be empty")


Id = Annotated[
    str,
    StringConstraints(min_length=1, pattern=ID_PATTERN),
    WithJsonSchema({"minLength": 1, "pattern": r"^[^\s@]+$", "type": "string"}),
]
_INTEGER = re.compile(LEVEL_KEY)


def _level_key(value: Any) -> Any:
    # JSON object keys are always strings, so `"5"` must mean level 5 there. The whole key:
    # `$` would also match before a final line break, and `"3\n"` read as level 3.
    return int(value) if isinstance(value, str) and _INTEGER.fullmatch(value) else value


#: A framework named by id, optionally with its version: `becta-srf@2010`, each an id's
#: text (`framework: "\u200b"` was looked up as an unknown framework until round 73).
_REF_SAYS: Final = "The framework's id, optionally with its version: `becta-srf@2010`."
FrameworkRef = Annotated[
    str,
    StringConstraints(pattern=REF_PATTERN),
    WithJsonSchema(
        {"description": _REF_SAYS, "pattern": r"^[^\s@]+(@[^\s@]+)?$", "type": "string"}
    ),
]
#: A level used as a mapping key: an integer, or its digits as text (JSON keys are strings).
Level = Annotated[StrictInt, BeforeValidator(_level_key)]
#: Human text that must say something (titles, descriptors, names): not blank, and not
#: only what prints as nothing (`unseen_only`, since round 72). The schema's pattern is
#: plain, as `Id`'s is.
Text = Annotated[
    str,
    AfterValidator(_not_blank),
    WithJsonSchema({"type": "string", "pattern": r"\S"}),  # editors flag blank text too
]


#: How a date's text begins when it is written as the files write dates (YYYY-MM-DD).
_DATE_START: Final = r"[0-9]{4}-"


def _date_form(value: Any) -> Any:
    """A date as the files write one: YAML's date, or text that starts as YYYY-MM-DD does
    (pydantic then says what else is wrong with it). A number, or other text (`"0"`), is
    refused: pydantic would take either as seconds since 1970."""
    if isinstance(value, dt.date) or (isinstance(value, str) and re.match(_DATE_START, value)):
        return value
    if isinstance(value, int | float | str):
        raise PydanticCustomError("date_type", "Input should be a valid date")
    return value  # a list, a mapping: pydantic's own refusal says what it got


class _DateForm:
    """`_date_form` before pydantic's date: in Python for data a file reader gives (whose
    refusals the loader words), and as a pattern in Rust for JSON text (the quick path of
    JSON Lines, where a Python call for every judgement's date would cost a third of a
    line's time, and a refusal only sends the line to the located reader)."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        date = handler(source)
        return core_schema.json_or_python_schema(
            json_schema=core_schema.chain_schema(
                [core_schema.str_schema(pattern=f"^{_DATE_START}"), date]
            ),
            python_schema=core_schema.no_info_before_validator_function(_date_form, date),
        )


#: A date in a file, written YYYY-MM-DD; never a number of seconds (see `_date_form`).
Date = Annotated[dt.date, _DateForm(), WithJsonSchema({"type": "string", "format": "date"})]


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A hint naming the closest candidate, or None when nothing is close (or the document's
    budget for hints is spent: `_hints.hint_budget`). See `closest.closest`."""
    choices = list(candidates)
    return closest(word, (choices,), len(choices))


@cache
def _framework_ref() -> TypeAdapter[str]:
    return TypeAdapter(FrameworkRef)


def is_framework_ref(ref: object) -> TypeGuard[str]:
    """Whether `ref` is of `FrameworkRef`'s form: a reader looks up no other, which the
    model refuses at its place (`a b` was said to be wrong twice until round 73)."""
    try:
        _framework_ref().validate_python(ref, strict=True)
    except ValidationError:
        return False
    return True


def split_ref(ref: str) -> tuple[str, str | None]:
    """`becta-srf@2010` -> (`becta-srf`, `2010`); `becta-srf` -> (`becta-srf`, None)."""
    framework_id, sep, version = ref.partition("@")
    return framework_id, (version if sep else None)


class Model(BaseModel):
    """Immutable all the way down and strict about keys: a misspelt key is an error, never
    silently dropped.

    Plugins, exporters and every later school share these objects, so nothing reachable
    from one may change: fields are frozen (pydantic), mappings are `FrozenDict`s and
    sequences tuples (`_frozen`), private attributes cannot be set or deleted after
    construction (pydantic would allow it even on a frozen model), and `model_copy`
    freezes what it is given, since it does not validate.
    """

    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=False, defer_build=True
    )

    if not TYPE_CHECKING:  # as in pydantic: mypy keeps its own checks of assignments

        def __setattr__(self, name: str, value: Any) -> None:
            # Pydantic refuses fields and properties on a frozen model, but lets private
            # attributes and cached properties be set.
            if name.startswith("_") or isinstance(getattr(type(self), name, None), cached_property):
                raise AttributeError(f"{type(self).__name__} is immutable: cannot set `{name}`")
            super().__setattr__(name, value)

        def __delattr__(self, name: str) -> None:
            raise AttributeError(f"{type(self).__name__} is immutable: cannot delete `{name}`")

    @property
    def model_fields_set(self) -> frozenset[str]:  # type: ignore[override]
        """The fields given explicitly (pydantic's own set is mutable; this is a copy)."""
        return frozenset(self.__pydantic_fields_set__)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with `update` applied, its dicts and lists frozen (`model_copy` does not
        validate, so they would otherwise go in as they are).

        A name in `update` that is not a field is refused (`TypeError`), as an unexpected
        keyword argument is: pydantic would keep it beside the fields, where nothing reads
        it, so that a copy meant to change something (a framework's `terms`, whose field is
        `declared_terms`) silently changed nothing."""
        if update:
            unknown = [name for name in update if name not in type(self).model_fields]
            if unknown:
                raise TypeError(_not_fields(type(self), unknown))
            update = {name: frozen_value(value) for name, value in update.items()}
        return super().model_copy(update=update, deep=deep)

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """An instance holding `values` as they are, not validated (fields left out take
        their defaults). Only for values our own code made, of exactly the types validation
        gives (`FrozenDict`s, tuples, our models), on the hot path of every report, where
        validating them again would cost more than making them (pydantic's
        `model_construct` does the same, slower); never for anything a file, a user or a
        plugin gave."""
        return cls.trusted_fields(values)

    @classmethod
    def trusted_fields(cls, values: dict[str, Any], fields: set[str] | None = None) -> Self:
        """`trusted`, given the fields as a dict that the instance then holds as its own
        (not copied: for a dict made for it, such as `scoring.plan`'s). `fields`: the fields
        set, when the caller knows them (then `values` holds every field already)."""
        shape = _SHAPES.get(cls)
        if shape is None:
            shape = _SHAPES[cls] = _shape(cls)
        count, defaults = shape
        if defaults is None:  # private attributes: pydantic's way sets them up
            return cls.model_construct(fields, **values)  # type: ignore[return-value]  # a Self
        if fields is None:
            fields = set(values)
            if len(fields) != count:
                for name, default, info in defaults:
                    if name not in values:
                        values[name] = (
                            info.get_default(call_default_factory=True) if info else default
                        )
        return built(cls, values, fields)

    @classmethod
    def trusted_maker(cls, given: Iterable[str]) -> Callable[[dict[str, Any]], Self]:
        """`trusted_fields` for dicts that hold exactly the fields `given`, worked out once
        for them: the fields set is a copy of one made here and the defaults of the rest
        are added without looking for them (for code that makes an instance per school:
        the compiled scorer, `Engine.report`). `trusted_fields` itself where a default is
        made per instance or the class has private attributes."""
        shape = _SHAPES.get(cls)
        if shape is None:
            shape = _SHAPES[cls] = _shape(cls)
        names = frozenset(given)
        defaults = shape[1]
        if defaults is None or not names <= {name for name, _, _ in defaults}:
            return cls.trusted_fields
        rest = [(name, default, info) for name, default, info in defaults if name not in names]
        if any(info is not None for _, _, info in rest):
            return cls.trusted_fields
        missing = {name: default for name, default, _ in rest}
        copy = set

        def make(values: dict[str, Any]) -> Any:
            if missing:
                values.update(missing)  # after the others, in field order, as `trusted_fields`
            return built(cls, values, copy(names))

        return cast("Callable[[dict[str, Any]], Self]", make)

    def _init_private(self, name: str, value: Any) -> None:
        """Set a private attribute while the model is built (`model_post_init`)."""
        private = self.__pydantic_private__
        assert private is not None, "pydantic sets it up before model_post_init"
        private[name] = value


#: Per model class, what `Model.trusted` needs of it: how many fields it has, and each
#: field's name, its default when that is one immutable value shared by every instance
#: (else None) and otherwise its info, which makes the default; None for a class with
#: private attributes. Reading `model_fields` costs more than the rest of `trusted`, which
#: runs for every report.
_Shape = tuple[int, tuple[tuple[str, Any, FieldInfo | None], ...] | None]
_SHAPES: dict[type[BaseModel], _Shape] = {}
#: A model class, for `built`.
M = TypeVar("M", bound=BaseModel)
#: What `built` calls: the object made, and each slot of a model set through its
#: descriptor. Shared inside the package, for the code that writes `built` out (a
#: recommendation's advice for each school: `model.recommendation`).
new_object = object.__new__
set_dict = BaseModel.__dict__["__dict__"].__set__
set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def built(cls: type[M], values: dict[str, Any], fields: set[str]) -> M:
    """An instance of `cls` holding `values` (its own, not copied), `fields` set, no extra
    and no private attributes: what `trusted_fields` and `trusted_maker` make, and what
    our own code makes directly of a class it knows has no private attributes (such as
    `Recommendation`, per piece of advice). The slots are set through their descriptors:
    `object.__setattr__` would look each one up."""
    self: M = new_object(cls)
    set_dict(self, values)
    set_fields_set(self, fields)
    set_extra(self, None)
    set_private(self, None)
    return self


#: Defaults `FieldInfo.get_default` gives as they are (no copy): immutable all the way down.
_SHARED_DEFAULTS: Final = frozenset({type(None), bool, int, float, str})


def _shape(cls: type[BaseModel]) -> _Shape:
    fields = tuple(cls.model_fields.items())
    if cls.__private_attributes__:
        return len(fields), None
    return len(fields), tuple((name, *_default(info)) for name, info in fields)


def _default(info: FieldInfo) -> tuple[Any, FieldInfo | None]:
    """A field's default as one shared value (None, None for none), or its info, whose
    `get_default` makes one for each instance (a factory, or a value copied)."""
    default = info.default
    if info.default_factory is None and (
        type(default) in _SHARED_DEFAULTS or (type(default) is tuple and not default)
    ):
        return default, None
    return None, info


class DerivedModel(Model):
    """A model holding values worked out from its fields: a scale's direction and levels
    (cached properties), a framework's tables of ids, a migration's sources (private
    attributes). Pydantic's `model_copy` carries those over as they are, so a copy with
    other fields answered for the old ones: a scale turned round still ranked levels the
    old way, a framework cut to one aspect still scored every strand of the others. Here a
    copy with `update` is built anew from its fields, so everything is worked out again and
    checked as the constructor checks it (pydantic's `ValidationError` for what the
    constructor refuses). Not for the models copied on every report: none of them has
    such values."""

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copied = super().model_copy(update=update, deep=deep)
        if not update:
            return copied  # the same fields: what was worked out from them still holds
        fields = type(self).model_fields
        return self.model_validate(
            {fields[name].alias or name: copied.__dict__[name] for name in copied.model_fields_set}
        )


class Document(Model):
    """A top-level file model, told apart from the others by its `kind`."""

    KIND: ClassVar[str]


class NamesFramework:
    """For documents that name their framework (`framework: id` or `id@version`)."""

    if TYPE_CHECKING:
        framework: str

    @property
    def framework_id(self) -> str:
        return split_ref(self.framework)[0]

    @property
    def framework_version(self) -> str | None:
        return split_ref(self.framework)[1]


def _not_fields(model: type[BaseModel], names: list[str]) -> str:
    """What `model_copy` says of names that are not fields of `model`, pointing from an
    alias (the name a file uses) to the field that holds it."""
    said = []
    for name in names:
        held = [
            field
            for field, info in model.model_fields.items()
            if name == info.alias or name in getattr(info.validation_alias, "choices", ())
        ]
        said.append(f"{name!r} (its field is {held[0]!r})" if held else repr(name))
    return f"cannot update {model.__name__}: no field {', '.join(said)}"
