"""Fuzzing the loaders: random bytes, random text and mutated valid files.

Whatever goes in, every loader returns a document or raises `SelfReviewError` with every
diagnostic naming the file (and a line inside the text), and never hangs. See
docs/robustness.md; `HYPOTHESIS_PROFILE=deep` runs ten times more examples.
"""

from __future__ import annotations

import random
import signal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from fuzz.harness import Hang, check_loaders, hang_guard
from fuzz.mutations import mutate, seeds

#: Each test draws many generated frameworks or files: seconds, not milliseconds.
pytestmark = pytest.mark.slow

#: Examples per test: a multiple of the profile's (100, or 1000 with
#: HYPOTHESIS_PROFILE=deep); most go to mutations of valid files, where crashes hide.
EXAMPLES = settings().max_examples
NAMES = st.sampled_from(("fuzz.yaml", "fuzz.yml", "fuzz.json", "fuzz.txt", "fuzz"))
#: Text with control characters, line and paragraph separators and the BOM well represented.
ODD_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("\x00\t\n\r\x0b\x0c\x1b\x7f\x85\u2028\u2029\ufeff:-{}[],&*!|>#'\"%@`?"),
    )
)


@settings(max_examples=2 * EXAMPLES)
@given(st.binary(max_size=2000), NAMES)
@example(b"\xff\xfe\x00k\x00i", "fuzz.yaml")
@example(b"\xef\xbb\xbf{}", "fuzz.json")
@example(b"kind: framework\r\n\x00", "fuzz.yaml")
def test_random_bytes(data: bytes, name: str) -> None:
    check_loaders(name, data)


@settings(max_examples=2 * EXAMPLES)
@given(ODD_TEXT, NAMES)
@example("\ufeffkind: rules", "fuzz.yaml")
@example("\ufeff{}", "fuzz.json")
@example("kind: framework\rid: x\r", "fuzz.yaml")
def test_random_text(text: str, name: str) -> None:
    check_loaders(name, text)


@settings(max_examples=5 * EXAMPLES)
@given(
    st.sampled_from(seeds()),
    st.randoms(use_true_random=False),
    st.integers(min_value=1, max_value=6),
    st.booleans(),
)
def test_mutated_valid_files(
    seed: tuple[str, bytes], rng: random.Random, count: int, as_text: bool
) -> None:
    name, raw = seed
    data = mutate(name, raw, rng, count)
    check_loaders(name, data.decode("utf-8", "replace") if as_text else data)


@settings(max_examples=2 * EXAMPLES)
@given(
    st.sampled_from(seeds()),
    st.randoms(use_true_random=False),
    st.sampled_from(("x.yaml", "x.json", "x")),
)
def test_mutated_files_under_other_names(
    seed: tuple[str, bytes], rng: random.Random, name: str
) -> None:
    """A YAML file named .json and the other way round: the suffix picks the parser."""
    check_loaders(name, mutate(seed[0], seed[1], rng, 2))


@given(
    st.sampled_from(seeds()),
    st.integers(min_value=0),
    st.characters(categories=["Cs"]),
)
@example(("x.json", b'{"kind": "rules", "id": "\\ud800"}'), 0, "\udfff")
def test_lone_surrogates_in_text(seed: tuple[str, bytes], where: int, surrogate: str) -> None:
    """A `str` may hold what no UTF-8 file can: half a surrogate pair, raw or JSON-escaped."""
    name, raw = seed
    text = raw.decode("utf-8")
    where %= len(text) + 1
    check_loaders(name, text[:where] + surrogate + text[where:])
    check_loaders(name, raw)  # the escaped ones


@pytest.mark.parametrize(("name", "data"), seeds(), ids=[name for name, _ in seeds()])
def test_every_seed_loads(name: str, data: bytes) -> None:
    """The seeds are valid, so mutations start from documents that reach every check."""
    check_loaders(name, data)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="the hang guard needs POSIX timers")
def test_the_hang_guard_catches_a_hang() -> None:
    """The detector itself works, so a passing run means nothing hung."""

    def spin() -> None:
        with hang_guard(0.05):
            while True:
                pass

    with pytest.raises(Hang):
        spin()
