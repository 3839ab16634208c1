"""How a framework is found by name (`framework_names.py`), on the entries alone: versions in
natural order, the caller's own first of an id, and the words for a name none has."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core import Framework
from selfreview_core.errors import UnknownFrameworkError
from selfreview_core.framework_names import (
    latest,
    names_of_frameworks,
    unknown_framework,
    version_key,
)
from selfreview_core.provided import GIVEN, FrameworkEntry


def _version(framework: Framework, version: str) -> Framework:
    return framework.model_copy(update={"version": version})


def test_versions_are_in_natural_order_whatever_their_digits() -> None:
    versions = ["10", "9", "1.10", "1.9", "2", "0010", "²", "x"]
    assert sorted(versions, key=version_key) == ["1.9", "1.10", "2", "9", "10", "0010", "x", "²"]
    assert version_key("9" * 5000) > version_key("8" * 5000)


@given(st.text(st.sampled_from("0129x²._-\u00a0"), max_size=12) | st.text(max_size=12))
def test_a_version_is_split_at_dots_dashes_and_underscores(version: str) -> None:
    """Split without a pattern (round 75), into the parts `re.split` made of it."""
    parts = re.split(r"[.\-_]", version)
    assert version_key(version) == tuple(
        (0, len(p.lstrip("0")), p.lstrip("0")) if p.isascii() and p.isdigit() else (1, 0, p)
        for p in parts
    )


def test_the_latest_of_an_id_is_by_version_not_by_order(small_framework: Framework) -> None:
    frameworks = [_version(small_framework, v) for v in ("1.10", "2", "1.9")]
    assert latest(frameworks).version == "2"


def test_the_first_given_of_an_id_wins_over_a_later_version(small_framework: Framework) -> None:
    old, new = _version(small_framework, "1"), _version(small_framework, "2")
    given = [FrameworkEntry(old, GIVEN), FrameworkEntry(new, GIVEN)]
    names = names_of_frameworks(given, given)
    assert names[small_framework.id] is old
    assert (names[old.ref], names[new.ref]) == (old, new)
    plugins = [FrameworkEntry(new, "plugin"), FrameworkEntry(old, "plugin")]
    assert names_of_frameworks(plugins, [])[small_framework.id] is new


def test_a_given_entry_not_kept_does_not_take_the_id(small_framework: Framework) -> None:
    kept, dropped = (
        FrameworkEntry(small_framework, "plugin"),
        FrameworkEntry(small_framework, GIVEN),
    )
    assert names_of_frameworks([kept], [dropped])[small_framework.id] is kept.framework


@pytest.mark.parametrize(
    ("name", "message", "hint"),
    [
        ("", "no framework has an empty name", "see `selfreview frameworks`"),
        ("nothing-like", "no framework `nothing-like` is available", "see `selfreview frameworks`"),
        ("smal@1", "no framework `smal@1` is available", "did you mean `small`?"),
        ("small@7", "no framework `small@7` is available", "available versions: 1.9, 10"),
    ],
)
def test_a_name_none_has_says_what_was_meant(
    small_framework: Framework, name: str, message: str, hint: str
) -> None:
    frameworks = [
        _version(small_framework.model_copy(update={"id": "small"}), v) for v in ("10", "1.9")
    ]
    entries = [FrameworkEntry(f, "plugin") for f in frameworks]
    error = unknown_framework(name, names_of_frameworks(entries, []))
    assert isinstance(error, UnknownFrameworkError)
    assert (error.first.message, error.hint, error.first.code) == (
        message,
        hint,
        "unknown-framework",
    )
