"""Every character an id may not hold is refused by the schemas' id pattern as the loader
refuses it (`schema.ID_CHARACTER`): pinned by round 77's sweep over round 76's lines.

The drawn ids of `test_schema_ids.py` reach a character of Unicode's white space only now
and then; a character left out of the class (U+3000 IDEOGRAPHIC SPACE, say) let an editor
pass an id the loader refuses, and no test noticed. Here each one is tried, between two
letters, in a rule pack's id: refused by the loader, by `jsonschema`, and by the pattern
read as JavaScript reads it.
"""

from __future__ import annotations

import pytest

from selfreview_core.schema import json_schema
from test_schema import _loader_accepts
from test_schema_ids import _ecmascript, _schema_accepts

#: Unicode's White_Space (PropList.txt), the information separators U+001C..U+001F (which
#: Python's `str.split` and the loader's pattern take as white space) and `@`.
_NOT_IN_AN_ID = [
    *"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680",
    *(chr(code) for code in range(0x2000, 0x200B)),
    *"\u2028\u2029\u202f\u205f\u3000@",
]


@pytest.mark.parametrize("char", _NOT_IN_AN_ID, ids=lambda char: f"U+{ord(char):04X}")
def test_each_character_the_loader_refuses_in_an_id_the_schema_refuses(char: str) -> None:
    pack = {"kind": "rules", "id": f"a{char}b", "framework": "example-srf", "rules": []}
    assert not _loader_accepts(pack)
    assert not _schema_accepts("rules", pack)
    pattern = json_schema("rules")["properties"]["id"]["pattern"]
    assert _ecmascript(pattern).search(f"a{char}b") is None  # as JavaScript reads it
