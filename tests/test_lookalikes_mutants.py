"""Look-alike ids (`_lookalikes.py`), what `tests/test_compatibility_forms.py` did not
hold: the cohort's SQL reads the last character of each range of compatibility forms as
Python does, not the range's first to its last but one (round 67's pass)."""

from __future__ import annotations

import duckdb

from selfreview_core._lookalikes import shape
from selfreview_core.cohort.look_alike_schools import look_alike_schools

#: SCH9 with a mathematical monospace nine (U+1D7FF, the last of its range), and a square
#: gal (U+33FF, the last of the first range), each beside the ASCII it is drawn as.
_LAST_OF_THEIR_RANGES = ["SCH9", "SCH\U0001d7ff", "gal", "\u33ff"]


def test_the_cohort_finds_an_id_written_with_the_last_character_of_a_range() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE cohort_reviews (school_id VARCHAR)")
    con.executemany("INSERT INTO cohort_reviews VALUES (?)", [[i] for i in _LAST_OF_THEIR_RANGES])
    assert look_alike_schools(con) == [["SCH9", "SCH\U0001d7ff"], ["gal", "\u33ff"]]
    assert shape("SCH\U0001d7ff") == shape("SCH9")
    assert shape("\u33ff") == "gal"
