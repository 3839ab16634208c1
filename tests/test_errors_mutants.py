"""What the exception root and its document paths (errors.py) promise, and the bug round 42
found in them: a key ending in a line break (`"1b2\\n"`, which JSON writes) was written into a
path as a plain key, `judgements.1b2` and a raw line break, since `$` matches before a final
newline; every other key that is not plain is quoted, as `judgements["1b2 "]` is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from program import selfreview
from selfreview_core.errors import format_path


@pytest.mark.parametrize(
    ("key", "written"),
    [
        ("1b2\n", 'judgements["1b2\n"]'),
        ("1b2\r\n", 'judgements["1b2\r\n"]'),
        ("1b2 ", 'judgements["1b2 "]'),
        ("1b2", "judgements.1b2"),
        ("_a-b", "judgements._a-b"),
        ("-a", 'judgements["-a"]'),
        ('a"b\\', 'judgements["a\\"b\\\\"]'),
    ],
    ids=ascii,
)
def test_a_key_is_written_plain_only_when_all_of_it_is_plain(key: str, written: str) -> None:
    assert format_path(("judgements", key)) == written


def test_a_path_starts_with_its_first_key_and_numbers_places_in_lists() -> None:
    assert format_path(("elements", 0, "aspects", 1, "levels", 5)) == (
        "elements[0].aspects[1].levels[5]"
    )
    assert format_path(("a\n", 0)) == '["a\n"][0]'
    assert format_path(()) == ""


def test_validate_names_a_strand_key_ending_in_a_line_break_by_its_quoted_path(
    tmp_path: Path,
) -> None:
    """Before round 42, `validate --format json` gave the path `judgements.1b2` and a line
    break, which an editor reading the path cannot find, and the terminal `judgements.1b2\\n`."""
    document = {
        "kind": "assessment",
        "framework": "becta-srf@2010",
        "school": {"id": "1", "name": "One"},
        "assessed_on": "2026-01-01",
        "judgements": {"1a1": 2, "1a2\n": 3},
    }
    (tmp_path / "a.json").write_text(json.dumps(document), encoding="utf-8")
    done = selfreview(["validate", "--format", "json", "a.json"], cwd=tmp_path)
    assert done.returncode == 1, done.stderr.decode()
    (error,) = json.loads(done.stdout)["files"][0]["errors"]
    assert error["path"] == 'judgements["1a2\n"]'
    assert (error["file"], error["line"]) == ("a.json", 1)
    done = selfreview(["validate", "a.json"], cwd=tmp_path)
    out = done.stdout.decode() + done.stderr.decode()
    assert done.returncode == 1
    assert "a.json:1:" in out
    assert ': judgements["1a2\\n"]: `1a2\\n` is not a strand' in out
