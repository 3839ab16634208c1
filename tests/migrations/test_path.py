"""`find_path` (migrations/path.py): the shortest chain of migrations between two versions,
the first given winning a tie, and where there is none, an error naming both versions and
what is known. Moved from test_migration.py in round 77; the migrations it uses are there."""

from __future__ import annotations

import pytest

from selfreview_core import Migration, NoMigrationPathError, SelfReviewError, find_path

from .test_migration import ONE_TO_TWO, TWO_TO_THREE


def test_the_shortest_chain_is_found_and_the_first_given_wins_a_tie() -> None:
    direct = Migration.model_validate(
        {"id": "direct", "from": "small@1", "to": "small@3", "strands": {"a1": "a1"}}
    )
    other = direct.model_copy(update={"id": "other"})
    assert find_path([ONE_TO_TWO, TWO_TO_THREE], "small@1", "small@3") == (
        ONE_TO_TWO,
        TWO_TO_THREE,
    )
    assert find_path([ONE_TO_TWO, TWO_TO_THREE, direct, other], "small@1", "small@3") == (direct,)
    assert find_path([], "small@1", "small@1") == ()


def test_no_path_names_both_versions_and_what_is_known() -> None:
    with pytest.raises(NoMigrationPathError) as raised:
        find_path([ONE_TO_TWO], "small@1", "small@9")
    message = str(raised.value)
    assert "no migration path from small@1 to small@9" in message
    assert "the migrations known from small@1 (small-1-to-2) lead only to small@2" in message
    assert raised.value.first.code == "no-migration-path"
    with pytest.raises(NoMigrationPathError, match="no migration is known from small@3"):
        find_path([ONE_TO_TWO], "small@3", "small@1")
    assert isinstance(raised.value, SelfReviewError)
