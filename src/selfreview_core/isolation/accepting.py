"""A plugin's recommendations, accepted at the boundary and placed in the report at once.

Every report asks each plugin for its recommendations, and most plugins give the same
objects school after school (the built-ins make each once per framework) or a few new
ones made by validation. `accepted` takes the first kind again at the cost of a lookup
and the second in one pass; anything else is checked in full by
`results.recommendation`, exactly as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from .._memo import ByIdentity
from ..errors import Refused
from ..model.base import new_object, set_dict, set_extra, set_fields_set, set_private
from ..model.framework import Framework
from ..model.recommendation import (
    EVERY_FIELD,
    REASONED,
    UNROLLED,
    Recommendation,
    Validated,
    credited_copy,
    forget,
    validated,
    validation,
)
from ..recommending import PRIORITY_KEYS, positions, sort_key, with_sources
from .calls import FAILED, PluginCall, clean
from .results import lone_surrogate, recommendation, writable_fields, writable_values

if TYPE_CHECKING:
    from ..model.problem import Problem

__all__ = ["MAX_ACCEPTED", "Known", "Pending", "Tables", "accepted", "tables"]

#: A `PluginCall` not yet made: (the plugin's name, how a failure reads, where problems go,
#: trusted). Most answers take only the quick paths and record nothing: their call is
#: never made (`accepted` makes it for the first item that needs the general path).
Pending = tuple[str, str, "list[Problem]", bool]

#: What `accepted` keeps of a recommendation it accepted: (the object the plugin gave, what
#: it held then, the plugin, what was accepted, its sort key).
_Entry = tuple[object, tuple[object, ...], str, Recommendation, int]
#: Recommendations already accepted from a plugin, per framework, by identity: two
#: generations, the newer first. Plugins that make a recommendation once and give it to
#: every school it fits (as the built-ins do) then cost a lookup per item, not a check, and
#: their place in a report is known. When the newer table is full it becomes the older and
#: a new one starts, so that what is still given (found in the older, and taken into the
#: newer) outlives a flood of recommendations made for one school each.
Tables = list[dict[int, _Entry]]
_ACCEPTED: ByIdentity[Framework, Tables]
_ACCEPTED = ByIdentity()
#: Entries kept per framework in each generation.
MAX_ACCEPTED: Final = 4096


class Known:
    """The sort keys of a built-in's recommendations that were accepted as they are (its
    own objects, credited already) for one framework, by identity (`keys`), for the engine
    to take a built-in's whole answer at once when it knows every item. Holds each object
    (`held`), so that no other can take its id while it is here; starts again when full.
    A plain dict inside, not a subclass: the interpreter's quick lookup is for dicts."""

    __slots__ = ("held", "keys")

    def __init__(self) -> None:
        self.keys: dict[int, int] = {}
        self.held: list[object] = []

    def keys_of(self, result: list[object]) -> list[int] | None:
        """The sort key of each item of `result`, a built-in's answer, when every one is
        here (then each is accepted as it is); else None."""
        keys = self.keys
        try:
            return [keys[id(item)] for item in result]
        except KeyError:
            return None

    def keyed(self, result: list[object]) -> tuple[list[int], frozenset[str] | None] | None:
        """`keys_of(result)`, and the ids every item of `result` is of when they are known
        to be distinct (each one of them, none twice: `recommending.order_keyed`), else None
        with the keys; None without keys."""
        keys = self.keys_of(result)
        return None if keys is None else (keys, None)

    def add(self, item: object, key: int) -> None:
        """`item`, accepted as it is, with its sort key. Safe for reports made in several
        threads: a key is never in `keys` without its object in `held` (full, both start
        again, `held` first, so that a thread adding meanwhile holds its object in the new
        list whenever its key is in the new dict)."""
        if id(item) in self.keys:
            return
        if len(self.keys) >= MAX_ACCEPTED:
            self.held = []
            self.keys = {}
        self.keys[id(item)] = key
        self.held.append(item)


def tables(framework: Framework) -> Tables:
    """What was accepted for `framework` (both generations), made empty the first time:
    looked up once per report, for every plugin."""
    found = _ACCEPTED.get(framework)
    if found is None:
        found = _ACCEPTED.set(framework, [{}, {}])
    return found


#: `accepted`'s call when it is given one made already: never read.
_NO_CALL: Final[Pending] = ("", "", [], False)


def accepted(
    call: PluginCall | Pending,
    result: list[object],
    framework: Framework,
    kept: Tables | None = None,
    known: Known | None = None,
) -> tuple[list[Recommendation], list[int]]:
    """`result`, a plain list a plugin gave, as `recommendation` would accept each item
    (credited to the plugin alone, as the engine credits them: `recommending.with_sources`),
    with each one's sort key (`recommending.sort_key`), which orders it in a report.
    `kept`: `tables(framework)`, if the caller has it already; `known`: for a built-in
    (`call.trusted`), where to note each item accepted as it is (`Known`). `call` may be
    `Pending`: then it is made only if an item takes the general path.

    An item accepted before, from the same plugin for the same framework, is taken again
    at the cost of a lookup when it is the same object holding the same values (a plugin
    other than a built-in may have changed it behind its frozen fields: `object.__setattr__`);
    any other is checked in full (`recommendation`), and refused alone. Runs inside the
    plugin's guarded call: comparing the values may run its code. Found by `id`, an entry
    is always of the very object given: it holds that object, so no other can have its id."""
    if kept is None:
        kept = tables(framework)
    table = kept[0]
    pending = _NO_CALL
    if isinstance(call, PluginCall):
        live: PluginCall | None = call
        plugin, trusted = call.plugin, call.trusted
    else:
        live, pending, plugin, trusted = None, call, call[0], call[3]
        if not plugin.isascii():
            plugin = clean(plugin)
    made: list[Recommendation] = []
    keys: list[int] = []
    credit: dict[str, object] | None = None
    for item in result:
        number = id(item)
        entry = table.get(number)
        older = entry is None
        if older:
            entry = kept[1].get(number)
        # Found, from this plugin, and (but for a built-in) still exactly a `Recommendation`
        # holding the very objects it held (by identity: an equal value of another type put
        # in behind its back is not them), written out: asked of most items of most answers.
        # Looked up first: advice `with_reasons` made is never kept here unless it was
        # changed behind its back (then the general path takes it either way).
        if entry is not None:
            same = trusted
            if not trusted and type(item) is Recommendation:
                # By identity, one by one, written out (`UNROLLED`): a third of the cost of
                # `all(map(is_, ...))`. Another count of values cannot unpack: not the same.
                try:
                    (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10) = item.__dict__.values()
                    (b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10) = entry[1]
                    same = (a0 is b0 and a1 is b1 and a2 is b2 and a3 is b3 and a4 is b4) and (
                        a5 is b5 and a6 is b6 and a7 is b7 and a8 is b8 and a9 is b9 and a10 is b10
                    )
                except ValueError:
                    pass
            if same and entry[2] == plugin:
                if older:  # still given: into the newer generation
                    table = _keep(kept, number, entry)
                if known is not None and entry[3] is item:
                    known.add(item, entry[4])
                made.append(entry[3])
                keys.append(entry[4])
                continue
        elif (reasoned := REASONED.get(number)) is not None and type(item) is Recommendation:
            # Advice `with_reasons` made (`reasoned`: what `REASONED` holds of it), taken by
            # one check when it holds what it was made with, its template's values are known
            # writable (`_FIXED_WRITABLE`), its new text is ASCII and it targets only ids of
            # the framework; else the general path accepts or refuses it, with its message.
            # Runs no plugin code: the item is exactly a `Recommendation` (`__dict__` is the
            # instance's own dict) whose values are, by identity, those `with_reasons`
            # checked (exact text and tuples of exact text). Written out: made for nearly
            # every school.
            values = item.__dict__
            same = False
            if _FIXED_WRITABLE.get(id(template := reasoned[2])) is template:
                # By name, as `with_reasons` compares them (not in order: values renamed
                # behind its back, each field holding another's, are not the same).
                (b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10) = reasoned[1]
                v = values
                try:
                    same = (
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
                except KeyError:  # a field taken out: not the same
                    same = False
            if same and values["rationale"].isascii():
                # The framework's ASCII ids' positions: the last framework's kept here (one
                # identity check), not asked of `positions` for every school's advice.
                last = _LAST_POSITIONS
                if last[0] is not framework:
                    last = _last_positions(framework)
                # The first target's place, the least (none: after every id); a loop, not
                # `min(map(...))`, a call that takes a tuple, for a school's few targets
                # (exact text: `with_reasons` checked).
                places, first = last[1], last[2]
                try:
                    for target in values["targets"]:
                        if (at := places[target]) < first:
                            first = at
                except KeyError:  # not in the framework, or not ASCII: for the general path
                    first = -1
                if first >= 0:
                    REASONED.pop(number, None)  # advice for one school: goes with its report
                    # Copied as it is credited (`credited_copy`, written out): a report never
                    # shares an object its plugin may still hold (and change behind its
                    # frozen fields). The credit's dict made once an answer.
                    if credit is None:
                        credit = {"source": plugin, "sources": (plugin,)}
                    copy = new_object(Recommendation)
                    set_dict(copy, values | credit)
                    set_fields_set(copy, set(EVERY_FIELD))
                    set_extra(copy, None)
                    set_private(copy, None)
                    made.append(copy)
                    keys.append(PRIORITY_KEYS[values["priority"]] | first)
                    continue
        if live is None:  # the first item to need the call: made now
            live = PluginCall(pending[0], pending[1], pending[2], trusted=trusted)
        new = live.run_inside(_accept, live, item, framework)
        if new is FAILED:
            continue
        checked, key, validation_entry = new
        if validation_entry is not None and validation_entry[2] is not None:
            # Advice `with_reasons` made for this school: neither kept here nor
            # remembered as validation built it, so that it goes with the report.
            forget(validation_entry[0])  # the item itself
        elif type(item) is Recommendation:
            held = tuple(vars(item).values()) if validation_entry is None else validation_entry[1]
            # Found again by the very objects it holds: kept only while these cannot change
            # in place (what validation built, a built-in's own, or exact text and tuples of
            # it); one built with `model_construct` may hold a list its plugin changes.
            if validation_entry is not None or trusted or all(map(_unchanging, held)):
                table = _keep(kept, number, (item, held, plugin, checked, key))
            if known is not None and checked is item:
                known.add(item, key)
        made.append(checked)
        keys.append(key)
    return made, keys


#: The framework `accepted` last placed advice in, the positions of its ASCII ids (of
#: `positions`: a target found here is in the framework and needs no check that it can be
#: written, so one lookup a target says both), and the count of all its ids (the place of
#: advice without targets): holds that framework (one, at most); replaced whole.
_LastPositions = tuple[Framework | None, dict[str, int], int]
_LAST_POSITIONS: _LastPositions = (None, {}, 0)


def _last_positions(framework: Framework) -> _LastPositions:
    """`_LAST_POSITIONS` for `framework`."""
    global _LAST_POSITIONS
    position = positions(framework)
    ascii_ids = {node_id: at for node_id, at in position.items() if node_id.isascii()}
    _LAST_POSITIONS = (framework, ascii_ids, len(position))
    return _LAST_POSITIONS


def _unchanging(value: object) -> bool:
    """Whether `value`, held by a recommendation, cannot be changed in place: None, exact
    text, or a tuple of exact text (what every field of one holds once validated)."""
    if value is None or type(value) is str:
        return True
    return type(value) is tuple and all(type(part) is str for part in value)


def _keep(tables: list[dict[int, _Entry]], number: int, entry: _Entry) -> dict[int, _Entry]:
    """`entry` in the newer generation of `tables`, which starts again (the older
    dropped) when full; returns the newer."""
    table = tables[0]
    if len(table) >= MAX_ACCEPTED:
        table = {}
        tables[:] = [table, tables[0]]
    table[number] = entry
    return table


def _accept(
    call: PluginCall, item: object, framework: Framework
) -> tuple[Recommendation, int, Validated | None]:
    """`item` as `recommendation` accepts it, credited to the plugin alone (`with_sources`),
    with its sort key (`sort_key`) and the values it holds when they are known already. The
    common case, a recommendation that validation built and that has not changed since (or
    a built-in's own), takes one pass over its values: the check that it can be written
    (for one `with_reasons` made, its new reasons alone: `_writable`), the one copy
    (crediting it as it is made), and its targets, which give its key. Anything else takes
    the general path."""
    plugin, trusted = call.plugin, call.trusted
    entry = None if trusted or type(item) is not Recommendation else validation(item)
    if type(item) is not Recommendation or (entry is None and not trusted):
        checked = with_sources(recommendation(call, item, framework), plugin, (plugin,))
        return checked, sort_key(framework, checked), None
    values = vars(item)
    if entry is not None and not _writable(item, entry[2]):
        where = lone_surrogate(values)
        raise Refused(
            f"recommendation {values['id']}: {where} holds a lone surrogate, "
            "which cannot be written"
        )
    position = positions(framework)
    targets = values["targets"]
    first = len(position)
    if targets:
        found = [position.get(t, -1) for t in targets]  # -1: not in the framework
        if -1 in found:
            unknown = [t for t, at in zip(targets, found, strict=True) if at < 0]
            raise Refused(
                f"recommendation {values['id']} targets {', '.join(unknown)}, "
                f"not in {framework.ref}"
            )
        first = min(found)
    key = PRIORITY_KEYS[values["priority"]] | first
    if entry is None:  # a built-in's: our own object, shared as it is, copied only to credit it
        return with_sources(item, plugin, (plugin,)), key, None
    # Copied (its values are immutable: text and tuples of text), so that a report never
    # shares an object its plugin still holds; credited to the plugin alone as it is copied.
    return credited_copy(values, plugin), key, entry


#: Recommendations that `with_reasons` made others from, whose values (as validation built
#: them) were all found writable, by identity (`_writable`); emptied when full.
_FIXED_WRITABLE: dict[int, Recommendation] = {}
#: Entries kept before the table starts again.
MAX_FIXED: Final = 1024


def _writable(item: Recommendation, made_from: Recommendation | None) -> bool:
    """`results.writable_fields(item)`, for an `item` that is `validated`, `made_from` the
    recommendation `with_reasons` made it from (else None). Then all its values but its
    targets and rationale are the very objects `made_from` held when validation built it:
    once these are found writable (while `made_from` still holds them: `validated`), only
    the two new ones are checked, as `writable_fields` checks them."""
    if made_from is None or _FIXED_WRITABLE.get(id(made_from)) is not made_from:
        if made_from is None or not (validated(made_from) and writable_fields(made_from)):
            return writable_fields(item)
        if len(_FIXED_WRITABLE) >= MAX_FIXED:
            _FIXED_WRITABLE.clear()
        _FIXED_WRITABLE[id(made_from)] = made_from
    values = vars(item)
    return writable_values(item, (values["rationale"], values["targets"]))
