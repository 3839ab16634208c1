"""Behaviours of `files.json_problems` that a mutation pass (round 38) found no test
pinned: a document nested deeper than the C parser can take, under a depth limit raised
past that, is still refused as too deep (a located reader's problem, not a crash), though
no bracket passes the limit for `deep_position` to point at; and the path of a number too
long to read is its own, not that of one exactly as long as Python reads before it."""

from __future__ import annotations

import sys

from selfreview_core.files.json_text import parse_json
from selfreview_core.files.limits import Limits


def test_nesting_past_what_the_parser_takes_is_refused_under_a_raised_depth_limit() -> None:
    run = 3 * sys.getrecursionlimit()
    limit = 10 * run
    tree, problems = parse_json("[" * run + "]" * run, "t.json", Limits(max_depth=limit))
    assert tree.data is None
    assert [(p.file, p.code) for p in problems] == [("t.json", "too-deep")]


def test_nesting_past_what_the_parser_takes_says_how_deep_and_where_not_the_raised_limit() -> None:
    """The raised limit is not what was passed: the message says how deep the document
    goes and points at the first bracket of that depth, which is what the user can mend."""
    run = 3 * sys.getrecursionlimit()
    nest = "[" * run + "]" * run
    text = '{"text": "[[[[",\n "x": ' + nest + ',\n "y": ' + nest + "}"
    _, problems = parse_json(text, "t.json", Limits(max_depth=10 * run))
    assert [(p.message, p.line, p.column) for p in problems] == [
        (f"nested {run + 1:,} levels deep, more than the JSON reader can follow", 2, 6 + run)
    ]
    assert str(10 * run) not in problems[0].message


def test_a_number_too_long_is_named_by_its_own_path_not_one_just_short_of_it() -> None:
    longest = sys.get_int_max_str_digits()
    text = f'{{"a": [{"9" * longest}],\n "b": [0, -{"9" * (longest + 1)}]}}'
    tree, problems = parse_json(text, "t.json")
    assert tree.data is None
    assert [(p.line, p.column, p.path, p.code) for p in problems] == [(2, 11, "b[1]", "number")]
