"""A session's `start` as the tests that go on to `run` it need it: the assessment.

Since round 73 `Session.start` returns `STOP` for q typed at one of a new file's first
prompts; these tests give every answer there (or start on a file already written), so an
assessment is what they must get, and a `STOP` is a failure where it happens."""

from __future__ import annotations

from selfreview_core import Assessment
from selfreview_core.session.review import Header, Session


def started(session: Session, header: Header) -> Assessment:
    """`session.start(header)`, which must not have stopped."""
    made = session.start(header)
    assert isinstance(made, Assessment), made
    return made
