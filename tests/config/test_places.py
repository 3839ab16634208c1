"""Where a configuration file's text nests a list or table past what is read
(`config_places.nested_place`); the rest of `config_places` is tested through the
configuration's messages (tests/config/test_settings_mutants.py, tests/cli/test_config.py)."""

from __future__ import annotations

import pytest

from selfreview_core.config.places import NESTING, long_number_place, nested_place


def test_nesting_up_to_the_limit_is_not_placed() -> None:
    assert nested_place("x = " + "[" * NESTING + "]" * NESTING + "\n[tool]\n") is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("x = " + "[" * (NESTING + 1), (1, 5 + NESTING)),
        ("[tool]\nx = " + "{a = " * (NESTING + 1), (2, 5 + 5 * NESTING)),
        # Brackets in strings and comments are no lists.
        (
            'a = "[[["\nb = \'{{\'\nc = """\n[[\n"""  # [[[\nd = ' + "[" * (NESTING + 1),
            (6, 5 + NESTING),
        ),
    ],
    ids=["lists", "inline tables", "strings and comments"],
)
def test_the_list_or_table_past_the_limit_is_placed(text: str, place: tuple[int, int]) -> None:
    assert nested_place(text) == place


def test_the_first_whole_number_too_long_to_read_is_placed() -> None:
    digits = "1" * 4301
    text = f'a = "{digits}"  # {digits}\nb = 0x{digits}\nc = {"1" * 4300}\nd = [1, +{digits}]\n'
    assert long_number_place(text) == (4, 9)
    assert long_number_place(text.replace(f"+{digits}", "1")) is None
    assert long_number_place(f"e = 1_{'0_' * 4300}0\n") == (1, 5)  # 4,302 digits
