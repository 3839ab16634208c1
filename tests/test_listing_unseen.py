"""`selfreview frameworks` lists a publisher made only of what prints as nothing as no
publisher, as `show`, a report's views and the next-steps plugin's reference do: until
round 74 its table wrote the character raw before the year."""

from __future__ import annotations

import pytest

from selfreview_core import Framework
from selfreview_core.catalogue import FrameworkEntry
from selfreview_core.listing import frameworks_data, frameworks_table


@pytest.mark.parametrize("publisher", ["\u200b", "\u2060\u0301", "\u3164"], ids=repr)
@pytest.mark.parametrize("year", [2010, None])
def test_the_frameworks_table_lists_a_publisher_saying_nothing_as_none(
    small_framework: Framework, publisher: str, year: int | None
) -> None:
    """The table is the one of the framework without a publisher, the others' publishers
    as they were; the JSON keeps the publisher as written (data, read as written)."""
    seen = small_framework.model_copy(update={"publisher": publisher, "year": year})
    none = small_framework.model_copy(update={"publisher": None, "year": year})
    other = small_framework.model_copy(update={"id": "other", "publisher": "Becta", "year": 2010})
    tables = [
        frameworks_table([FrameworkEntry(framework, "given"), FrameworkEntry(other, "given")])
        for framework in (seen, none)
    ]
    assert tables[0] == tables[1]
    assert publisher not in tables[0]
    assert "Becta 2010" in tables[0]
    assert frameworks_data([FrameworkEntry(seen, "given")])[0]["publisher"] == publisher
