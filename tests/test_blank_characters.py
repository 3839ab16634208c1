"""Characters that print as a blank and are no format character (round 63): the Hangul
fillers U+115F, U+1160, U+3164, U+FFA0 (letters, Unicode's Default_Ignorable) and the
Braille pattern blank U+2800 (a symbol). An id or a name made of them showed as nothing, and
an id with one after it looked like the id without: only category Cf was escaped in a name
and dropped where ids are told alike. Now a name shows them escaped wherever it shows a
format character escaped, the ids they tell apart are told alike (in Python and in
DuckDB's SQL alike), and a CSV cell they hide a formula behind is neutralised; a CSV cell
keeps them raw (CSV is data)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.escaping import UNSEEN
from unseen_characters import SOME

ROOT = Path(__file__).resolve().parents[1]
#: Each, with its escape as a name shows it.
ESCAPED = {
    "\u115f": "\\u115f",
    "\u1160": "\\u1160",
    "\u2800": "\\u2800",
    "\u3164": "\\u3164",
    "\uffa0": "\\uffa0",
}


def test_the_five_blanks_are_of_the_characters_unseen_and_none_is_a_format_character() -> None:
    """Round 64 made `UNSEEN` (the table of them) of the blanks and the rest of Unicode's
    Default_Ignorable_Code_Point: `tests/test_unseen_characters.py`."""
    from selfreview_core import _lookalikes

    unseen = {chr(c) for first, last in UNSEEN for c in range(first, last + 1)}
    assert set(ESCAPED) <= unseen
    assert set(ESCAPED) <= set(SOME)  # each tested as the rest of them are
    assert _lookalikes.UNSEEN == UNSEEN  # layer 0 holds its own copy
    assert {unicodedata.category(c) for c in ESCAPED} == {"Lo", "So"}


# Each shown escaped in a name, kept in text and in a CSV cell, skipped before a formula, and
# invisible where ids are told alike, in Python and in SQL: `test_unseen_characters.py`, as
# the rest of the table since round 64.


def test_benchmark_and_support_show_an_id_with_a_filler_and_say_it_looks_alike(
    tmp_path: Path,
) -> None:
    review = (ROOT / "examples" / "example-primary-2025.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "reviews"
    folder.mkdir()
    # An id of fillers alone is no id since round 70 (`model.base.unseen_only`): one among
    # letters still is, and shows escaped.
    for n, school in enumerate(["100000", "100000\\u3164", "\\u3164x\\u3164"]):
        text = review.replace('id: "100000"', f'id: "{school}"')
        (folder / f"school-{n}.yaml").write_text(text, encoding="utf-8")
    said = [
        "warning: the schools `100000`, `100000\\u3164` have ids that look alike "
        "(`100000\\u3164` holds U+3164): each counts as a school of its own, with reviews of "
        "its own; give them one id if they are one school"
    ]
    for command, form in (("benchmark", "html"), ("support", "table")):
        result = CliRunner().invoke(cli, [command, str(folder), "--format", form])
        assert result.exit_code == 0, result.output
        assert result.stderr.splitlines() == said
        assert "\u3164" not in result.stdout
        assert "\\u3164x\\u3164" in result.stdout  # the school whose id is fillers around x
