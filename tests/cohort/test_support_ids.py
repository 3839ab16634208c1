"""`cohort.support_ids`: the support list's schools held as places or as a bitmap (round 61).

`support` holds each list of schools as 4-byte places while the list is sparse and as a
bitmap of the cohort once more than one school in `DENSE` is in it (SPEC section 8's
memory). Either way a list is its schools, each once, ascending: these tests hold both
forms, and the change from one to the other, to that."""

from __future__ import annotations

import pytest

from selfreview_core.cohort.support_ids import Listed, Members, Places, SchoolIds


def test_a_sparse_list_keeps_each_school_once_as_places() -> None:
    members = Members(1000)
    for place in (5, 5, 7, 7, 7, 900):  # a school's several entries come together
        members.add(place)
    assert list(members) == [5, 7, 900]
    assert len(members) == 3
    assert members._bits is None  # still places: 3 of 1,000


def test_a_list_past_one_in_dense_becomes_a_bitmap_with_the_same_schools() -> None:
    size = 64  # two places are one in 32 (`DENSE`) exactly: still places; a third is past it
    members = Members(size)
    members.add(0)
    members.add(9)
    assert members._bits is None
    members.add(17)
    assert members._bits is not None
    assert len(members._places) == 0
    for place in (17, 40, 40, size - 1):
        members.add(place)
    assert list(members) == [0, 9, 17, 40, size - 1]
    assert len(members) == 5


def test_lists_are_equal_by_their_schools_however_held() -> None:
    sparse, dense = Members(10_000, [3, 4]), Members(4, [3])
    dense.add(4)
    assert dense._bits is not None
    assert sparse._bits is None
    assert sparse == dense
    assert sparse != Members(10_000, [3])
    assert sparse != [3, 4]


def test_ids_are_read_at_their_places() -> None:
    ids = SchoolIds([["a", "bb"], [], ["", "c\u00e9", "\U0001f600"]])
    assert [ids[place] for place in range(len(ids))] == ["a", "bb", "", "c\u00e9", "\U0001f600"]
    listed = Listed(ids, Members(len(ids), [1, 2, 4]))
    assert list(listed) == ["bb", "", "\U0001f600"]
    assert (len(listed), listed[0], listed[-1], listed[1:]) == (
        3,
        "bb",
        "\U0001f600",
        ["", "\U0001f600"],
    )
    assert listed[::2] == ["bb", "\U0001f600"]
    with pytest.raises(IndexError):
        listed[3]
    assert listed[-3] == "bb"  # the first, counted from the end
    with pytest.raises(IndexError):
        listed[-4]


def _refusal(places: Places, school_id: str) -> str:
    try:
        places.of(school_id)
    except ValueError as error:
        return str(error)
    raise AssertionError(f"{school_id!r} was found")


def test_a_school_out_of_order_is_named_as_messages_name_ids_cut_and_escaped() -> None:
    """An internal-consistency refusal (no file reaches it) still names the school as every
    message does: cut after 37 characters, a control character shown escaped, never
    `repr`'s quotes and whole id (round 81)."""
    places = Places(SchoolIds([["a", "b"]]))
    assert places.of("b") == 1
    after = "was reported on out of the cohort's order, or is not in it"
    assert _refusal(places, "a") == f"school a {after}"  # before the last found
    assert _refusal(places, "c\x1b]52\u200b") == f"school c\\x1b]52\\u200b {after}"
    assert _refusal(places, "s" * 50 + "\x1b[2J") == f"school {'s' * 37}... {after}"
