"""The report: everything known about one review, as exporters receive it, and its JSON,
which names its framework rather than carrying it (SPEC section 5)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, cast

from pydantic import ConfigDict, Field

from .award_check import AwardResult
from .comparison import Comparison
from .errors import SelfReviewError
from .escaping import shown_json
from .model.assessment import Assessment
from .model.assessment_json import written_json
from .model.base import Id, Model, Text
from .model.framework import Framework
from .model.problem import Problem
from .model.recommendation import Recommendation
from .model.recommendation_json import recommendation_json
from .model.voices import Voices
from .scoring.profiles import Profile

__all__ = [
    "FrameworkReference",
    "Report",
    "ReportJson",
    "read_report",
    "report_json",
    "report_line",
    "report_line_bytes",
]


class Report(Model):
    """A framework, a school's assessment of it, where that puts the school, and what to do.

    Self-contained in memory (the framework travels with it, descriptors and all), so an
    exporter needs nothing else. Its JSON (`report_json`) names the framework instead, and
    reads back into an equal report given the framework (`read_report`).
    """

    framework: Framework
    assessment: Assessment
    profile: Profile
    recommendations: tuple[Recommendation, ...] = ()
    previous: Assessment | None = Field(
        default=None, description="The earlier review compared with, if any."
    )
    comparison: Comparison | None = None
    awards: tuple[AwardResult, ...] = Field(
        default=(), description="Each of the framework's awards: met or not, what is missing."
    )
    problems: tuple[Problem, ...] = Field(
        default=(), description="Plugin errors and warnings; the rest of the report stands."
    )
    voices: Voices | None = Field(
        default=None,
        description="The respondents' view beside the school's own judgement (`report "
        "--voices`): counts, and medians and ranges of groups large enough to show.",
    )


class FrameworkReference(Model):
    """The framework a report is of, by name: its descriptors live in the framework, not in
    every report (50,000 reports would otherwise carry 50,000 copies)."""

    id: Id
    version: Id
    title: Text


class ReportJson(Model):
    """A report as JSON and JSON Lines give it: `Report`, with the framework a reference."""

    model_config = ConfigDict(title="Report")

    framework: FrameworkReference
    assessment: Assessment
    profile: Profile
    recommendations: tuple[Recommendation, ...] = ()
    previous: Assessment | None = Field(
        default=None, description="The earlier review compared with, if any."
    )
    comparison: Comparison | None = None
    awards: tuple[AwardResult, ...] = Field(
        default=(), description="Each of the framework's awards: met or not, what is missing."
    )
    problems: tuple[Problem, ...] = Field(
        default=(), description="Plugin errors and warnings; the rest of the report stands."
    )
    voices: Voices | None = Field(
        default=None,
        description="The respondents' view beside the school's own judgement (`report "
        "--voices`): counts, and medians and ranges of groups large enough to show.",
    )


def report_json(report: Report, *, indent: int | None = 2) -> str:
    """The report's JSON (keys in model order; `indent=None`: one line, for JSON Lines),
    with the framework as `{id, version, title}`. Not escaped for a terminal: the caller
    does that (`escaping.shown_json`)."""
    framework = report.framework
    values: dict[str, Any] = dict(report.__dict__)
    values["framework"] = FrameworkReference.trusted(
        id=framework.id, version=framework.version, title=framework.title
    )
    return ReportJson.trusted(**values).model_dump_json(indent=indent, by_alias=True)


#: Each recommendation's JSON, escaped, encoded and led by a comma (`report_line_bytes`),
#: by identity: recommendations are frozen, and most are shared by many schools' reports
#: (rule packs' and the built-ins'), so each is written once. Each entry holds its object
#: (`_Kept`), so that no other object can have its id while the entry is there. Cleared
#: when full.
_LINES: dict[int, _Kept] = {}
_MAX_LINES = 8192


class _Kept(bytes):
    """A recommendation's JSON in `_LINES`, holding the recommendation: the entry and what
    keeps its id from being taken are one object, which `bytes.join` writes as it is. Not
    a table and a list of objects beside it: with reports rendered in several threads, a
    thread emptying the two while another adds to them could leave an id in the table
    whose object only the emptied list held (freed, its id then taken by a new
    recommendation, which would be written as the old one)."""

    held: Recommendation


#: Recommendations met once, with their JSON, by identity (the value holds the object, so
#: its id is its own while it is there): kept in `_LINES` when met again. A school's own
#: advice (lea-support's, about one a school, never met again) stays only until this
#: is started again, every `_MAX_SEEN`, instead of being held with the shared ones: 8,192
#: of them (25 MB) were held before, and freed at once when the table filled.
_SEEN: dict[int, tuple[Recommendation, bytes]] = {}
_MAX_SEEN = 256
#: The last framework's reference, as JSON (`report_line_bytes`): a batch is of one, mostly.
_REFERENCE: list[tuple[Framework, bytes]] = []


def report_line(report: Report) -> str:
    """The report's JSON on one line, escaped for a terminal: exactly
    `shown_json(report_json(report, indent=None))` (`report_line_bytes`, as text)."""
    return report_line_bytes(report).decode("utf-8")


def report_line_bytes(report: Report, end: bytes = b"") -> bytes:
    """`report_line` encoded as UTF-8, then `end`, made as bytes part by part: each
    recommendation's JSON is made once and reused (a JSON Lines batch writes thousands),
    and the rest is pydantic's own bytes, checked for characters to escape without being
    decoded; the 20 kB line is copied once, by one `bytes.join`. The line a batch writes
    (with `end=b"\\n"`)."""
    fields = report.__dict__  # one read: each attribute of a model goes through a hook
    framework = fields["framework"]
    reference = _REFERENCE[0] if _REFERENCE else None
    if reference is None or reference[0] is not framework:
        named = FrameworkReference.trusted(
            id=framework.id, version=framework.version, title=framework.title
        )
        reference = (framework, _json(named))
        _REFERENCE[:] = [reference]
    recommendations = fields["recommendations"]
    # Looked up in C; a report's own new recommendations (one or two: advice made for
    # this school alone) are written here, each found by `list.index`, also in C. Whether
    # one is left is asked by `all` (a kept line is never empty): each bytes' truth is
    # its length, where `None in found` compared every kept line with None both ways
    # before falling back to identity (about 2,000 instructions a school).
    found: list[bytes | None] = list(map(_LINES.get, map(id, recommendations)))
    while not all(found):
        missing = found.index(None)
        found[missing] = _recommendation(recommendations[missing])
    parts = cast("list[bytes]", found)
    if parts:
        parts[0] = parts[0][1:]  # the first has no comma before it
    more = (
        fields["previous"],
        fields["comparison"],
        fields["awards"],
        fields["problems"],
        fields["voices"],
    )
    return b"".join(
        (
            b'{"framework":',
            reference[1],
            b',"assessment":',
            _assessment_json(fields["assessment"]),
            b',"profile":',
            _json(fields["profile"]),
            b',"recommendations":[',
            *parts,
            _NOTHING_MORE if more == _NONE else _tail(*more),
            end,
        )
    )


def _tail(
    previous: Assessment | None,
    comparison: Comparison | None,
    awards: tuple[AwardResult, ...],
    problems: tuple[Problem, ...],
    voices: Voices | None,
) -> bytes:
    """A report line's JSON after its recommendations, from the fields that follow them."""
    return b"".join(
        (
            b'],"previous":',
            _json(previous),
            b',"comparison":',
            _json(comparison),
            b',"awards":[',
            b",".join(map(_json, awards)),
            b'],"problems":[',
            b",".join(map(_json, problems)),
            b'],"voices":',
            _json(voices),
            b"}",
        )
    )


def _recommendation(rec: Recommendation) -> bytes:
    """A recommendation's JSON led by a comma: made when first met (`_SEEN`), and kept
    (`_LINES`, the entry holding `rec`) when met again."""
    key = id(rec)
    seen = _SEEN.get(key)
    if seen is None:
        found = b"," + _checked(recommendation_json(rec))
        if len(_SEEN) >= _MAX_SEEN:
            _SEEN.clear()
        _SEEN[key] = (rec, found)
        return found
    kept = _Kept(seen[1])
    kept.held = rec
    if len(_LINES) >= _MAX_LINES:
        _LINES.clear()
    _LINES[key] = kept
    return kept


def _assessment_json(assessment: Assessment) -> bytes:
    """`_json(assessment)`, from the line it was read from when that is what pydantic would
    write (`assessment_json.written_json`: a JSON Lines batch's line, nearly always)."""
    text = written_json(assessment)
    if text is None:
        return _json(assessment)
    if text.isascii() and "\x7f" not in text:
        return text.encode("ascii")
    return _shown(text.encode("utf-8"))


def _json(model: Model | None) -> bytes:
    """`shown_json(model.model_dump_json(by_alias=True))` as UTF-8: pydantic's bytes as
    they are when they hold nothing `shown_json` escapes (ASCII but DEL: JSON escapes the
    other controls itself), which is nearly always."""
    if model is None:
        return b"null"
    return _checked(model.__pydantic_serializer__.to_json(model, by_alias=True))


def _checked(data: bytes) -> bytes:
    """Pydantic's JSON `data` as `shown_json` leaves it (`_json`)."""
    if data.isascii() and _DEL not in data:
        return data
    return _shown(data)


#: DEL, asked of bytes by its value: `b"\x7f" in data` first tries its operand as an
#: integer, and makes and drops a TypeError, with its message, before it searches (about
#: 2,000 instructions a call, round 80); an int is searched for at once.
_DEL: Final = 0x7F


#: The bytes that stand for themselves in UTF-8 and that `shown_json` never escapes:
#: printable ASCII, tab and newline.
_PLAIN: Final = bytes(range(0x20, 0x7F)) + b"\t\n"


def _shown(data: bytes) -> bytes:
    """`shown_json(data.decode("utf-8")).encode("utf-8")`, for UTF-8 `data`: `data` itself
    when `shown_json` would escape none of its characters, which only the few characters
    other than `_PLAIN` can be (each of those is whole bytes other than `_PLAIN`'s, so the
    rest of `data` is those characters in order, decoded and checked alone): a 1.5 kB
    recommendation holding a typographic quote is not decoded, scanned and encoded whole."""
    rest = data.translate(None, _PLAIN).decode("utf-8")
    if shown_json(rest) is rest:
        return data
    return shown_json(data.decode("utf-8")).encode("utf-8")


#: The fields after the recommendations when they hold nothing (no earlier review, no
#: awards, no problems, no voices: nearly every report of a batch), and their line's tail,
#: made once by `_tail` itself: five calls a line fewer (about 1,000 instructions, round 80).
_NONE: Final = (None, None, (), (), None)
_NOTHING_MORE: Final = _tail(*_NONE)


def read_report(text: str | bytes, framework: Callable[[str], Framework | None]) -> Report:
    """A report read back from its JSON; `framework(ref)` gives the framework it names
    (`id@version`). Raises pydantic's `ValidationError` for JSON that is not a report, and
    `SelfReviewError` for a framework that is unknown or is not the one named."""
    document = ReportJson.model_validate_json(text)
    named = document.framework
    ref = f"{named.id}@{named.version}"
    found = framework(ref)
    if found is None or found.ref != ref:
        raise SelfReviewError(
            f"the report's framework {ref} is not known", code="unknown-framework"
        )
    values = {name: getattr(document, name) for name in document.__pydantic_fields_set__}
    return Report(**{**values, "framework": found})
