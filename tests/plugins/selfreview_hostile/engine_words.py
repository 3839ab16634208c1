"""A plugin installed under the name `engine` (its entry point's), whose hook says, as a
warning, the engine's own words of a review dated after today, with a date no calendar
has. Before round 61 it was registered: its problems went by the engine's name (no
`plugin NAME:` before them, `"source": "engine"` in JSON), its calls were taken for the
engine's own (`isolation.calls._its_plugin`), and these words ended `report` in "internal
error: ValueError" (`review_dates.dated_problem`). Not among the package's `ENTRY_POINTS`:
`tests/test_plugins_entry_points.py` installs it alone, as `engine`."""

from __future__ import annotations

from selfreview_core import hookimpl
from selfreview_core.errors import Refused


@hookimpl
def selfreview_recommend() -> list[object]:
    raise Refused("the review is dated 2026-13-45, after today", "warning")
