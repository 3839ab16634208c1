"""A recommendation's links: what validation and the exporters accept (`safe_link`) is never
more than the published schema's pattern for a link says (docs/schema/report.json and
rules.json), so that every report the library writes is valid against its own schema."""

from __future__ import annotations

import re

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core import Recommendation
from selfreview_core.model import recommendation
from selfreview_core.model.recommendation import safe_link

#: White space to a JSON Schema pattern: ECMAScript's `\s`.
ECMA_SPACE = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)


def ecma(pattern: str) -> re.Pattern[str]:
    """The schema's pattern as ECMAScript reads it, for Python's `re`: its `\\s` and `\\S`
    spelt out, since Python's white space is not quite ECMAScript's."""
    space = re.escape(ECMA_SPACE)
    pattern = pattern.replace("[\\s\\S]", "(?s:.)")  # any character
    pattern = pattern.removesuffix("$") + "\\Z"  # the very end, not before a last newline
    return re.compile(pattern.replace("\\S", f"[^{space}]").replace("\\s", f"[{space}]"))


PATTERN = ecma(recommendation._LINK_PATTERN)


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://a", True),
        ("HTTPS://example.org/", True),
        ("Mailto:ict@example.org", True),
        ("http://example.org/x y", True),  # white space inside: shown, escaped
        ("https://", False),  # a scheme alone, as `http://` and `mailto:` are
        ("http:// example.org", False),
        ("https://\u3000example.org", False),
        ("https://example.org\ufeff", False),  # white space to the schema, not to Python
        ("https://\ufeffexample.org", False),
        ("https://example.org\n", False),
        ("\ufeffhttps://example.org", False),
        ("javascript:alert(1)", False),
        ("ftp://example.org", False),
        ("java\tscript:alert(1)", False),  # what a browser reads as javascript:
        ("jav&#x09;ascript:alert(1)", False),  # an entity the page would decode
        ("\x01https://example.org", False),  # a control character before the scheme
        (" https://example.org", False),
    ],
)
def test_a_link_is_accepted_as_the_schema_says(url: str, safe: bool) -> None:
    assert safe_link(url) is safe
    assert (PATTERN.search(url) is not None) is safe
    if safe:
        assert Recommendation(id="r", title="T", action="A", links=(url,)).links == (url,)
    else:
        with pytest.raises(ValueError, match="links must start with"):
            Recommendation(id="r", title="T", action="A", links=(url,))


SCHEMES = st.sampled_from(["http://", "https://", "mailto:", "HTTP://", "hTtPs://", "MAILTO:"])
TEXT = st.text(
    st.one_of(st.sampled_from(ECMA_SPACE + "\x1c\x85\u200b/:a.é"), st.characters()), max_size=12
)


@given(st.one_of(st.builds(str.__add__, SCHEMES, TEXT), TEXT))
def test_every_link_accepted_matches_the_schemas_pattern(url: str) -> None:
    """Never more than the pattern: a report holding the link is valid against the schema."""
    if safe_link(url):
        assert PATTERN.search(url) is not None, url


@given(st.builds(str.__add__, SCHEMES, TEXT))
def test_the_pattern_and_the_link_check_differ_only_in_pythons_own_white_space(url: str) -> None:
    """Where the pattern accepts a link the check refuses, it is for white space only Python
    counts (U+001C to U+001F, U+0085) at the link's start or end after the scheme."""
    if PATTERN.search(url) is not None and not safe_link(url):
        ends = {url[url.index(":") + 1 :].lstrip("/")[:1], url[-1]}
        assert ends & set("\x1c\x1d\x1e\x1f\x85"), url


def test_the_schema_holds_the_pattern_the_check_is_written_for() -> None:
    schema = Recommendation.model_json_schema()
    link = schema["properties"]["links"]["items"]
    assert link == {"type": "string", "pattern": recommendation._LINK_PATTERN}
    jsonschema.validate("https://example.org/x y", link)
    with pytest.raises(jsonschema.ValidationError, match=r"^'https://' does not match '"):
        jsonschema.validate("https://", link)
