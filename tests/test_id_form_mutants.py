"""A framework named in a document built without validation is refused in a file's words
(round 79's `id_form.in_words`): `id` or `id@version`, one version at most, and empty text
said as empty text, not as "the text ``"."""

from __future__ import annotations

import json

import pytest

from selfreview_core import RulePack
from selfreview_core.errors import InvalidDocument
from selfreview_core.loader import load_rules
from selfreview_core.model.unvalidated import given


@pytest.mark.parametrize(
    ("ref", "got"),
    [
        ("", "empty text"),
        ("a@1@2", "the text `a@1@2`"),
        ("becta-srf@2010@2011", "the text `becta-srf@2010@2011`"),
    ],
)
def test_a_framework_named_wrongly_is_said_as_a_file_says_it(ref: str, got: str) -> None:
    document = {"kind": "rules", "id": "p", "framework": ref, "rules": []}
    with pytest.raises(InvalidDocument) as raised:
        load_rules("r.json", text=json.dumps(document))
    [filed] = raised.value.diagnostics
    assert (filed.path, filed.message) == ("framework", f"{got} is not a framework id")
    with pytest.raises(InvalidDocument) as raised:
        given(RulePack.model_construct(id="p", framework=ref, rules=()), "rule pack")
    [built] = raised.value.diagnostics
    assert (built.path, built.message) == (
        "framework",
        f"{filed.message} ({filed.hint}) (in a rule pack built without validation?)",
    )


def test_a_framework_named_with_its_version_is_taken() -> None:
    """The pin beside the refusals: one version is a framework's name."""
    pack = RulePack.model_construct(id="p", framework="becta-srf@2010", rules=())
    assert given(pack, "rule pack") is pack
