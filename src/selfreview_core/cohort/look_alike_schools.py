"""School ids in a cohort that look the same and differ: `café` typed composed on one
computer and decomposed (`cafe` and U+0301) on another, `1a1` with a Cyrillic a (U+0430),
an id with a zero-width space after it.

Each is a school of its own to the cohort: both reviews count, neither is the other's latest,
and `support` lists both where a reader sees one school twice (its table, CSV and page print
them alike: a combining accent is no control character to escape). So `benchmark` and
`support` say which ids look alike, and what is odd in each, as `voices` does of its groups
(round 62). They are still told apart: any id is a school's (SPEC section 8).

Only ids with a character outside ASCII are looked at as text, in DuckDB, beside the ASCII
ids they look like; ASCII ids with a capital letter (`AB12` beside `ab12` or `Ab12`: the
shift key, as `model.base.did_you_mean` takes it; said since round 63) by two hashes each,
and as text only where two share the hash of their lower case. No table of a million ids
as text is made, in Python or in DuckDB: a million ids in capitals looked at as text took
0.6 s more processor time and 58 MB more of `benchmark`'s peak (333 MB); by their hashes,
0.1 s and none. What looks alike is `_lookalikes`'s rule as SQL writes it (`SHAPE`):
without invisible characters (Unicode's Cf, and `escaping.UNSEEN`: the blanks, the
variation selectors), composed (`nfc_normalize`), without the marks on letters
(`strip_accents`), the letters drawn like Latin ones read as those (`_lookalikes.drawn_as`:
Cyrillic, Greek, small capitals; the dashes drawn as a hyphen, U+02D7 since round 67), in
lower case (a final sigma as a sigma), a small letter read as its capital is
(`drawn_lowered`: round 65). A character in a compatibility form
(full-width digits, mathematical letters: `_lookalikes.compatible`) is read as that form
(round 65), a form of two characters or more too (a ligature, `⑩`: round 66), as Python's
NFKC reads it.
ASCII drawn alike (`0` and `O`, `1` and `I`) is not looked for: `SCH0O1` beside `SCHOO1`,
`URN 100001` beside `URN l00001`, are as often two schools' ids as a slip, and every ASCII
id would have to be shaped to find them (plugin names are: `plugin_checks`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from .._lookalikes import LATIN_LIKE, compatible, drawn_apart, drawn_lowered
from .._words import some
from ..errors import cut
from ..escaping import UNSEEN, shown_name

if TYPE_CHECKING:
    import duckdb

    from ..model.questions import Terms

__all__ = [
    *("CASE_ALONE", "NAMED", "SETS_NAMED", "SHAPE", "look_alike_note", "look_alike_notes"),
    *("look_alike_schools", "look_alike_staged", "odd_characters"),
]

#: The ids of one set named, and the characters of each: the rest counted.
NAMED: Final = 5
#: The sets a command names (`look_alike_notes`): the rest counted.
SETS_NAMED: Final = 10
#: What tells apart the ids of a set of ASCII ids alone.
CASE_ALONE: Final = "they differ in letter case alone"

#: Each id of `cohort_reviews` (`SOURCE`) outside ASCII (bytes apart from characters), by
#: the shape it is drawn in (`odd`); the ASCII ids with a capital letter, by the hash of
#: their lower case and their own (`capital`: two numbers an id, no table of strings); the
#: hashes of the lower case held by two ids or more, with the ASCII ids in lower case
#: already (`cased`: rare); the ASCII ids of the shape of an `odd` id or of a `cased` hash;
#: the ids of each shape held by two or more, in order. A hash shared by ids of two shapes
#: only brings them in as text, to be told apart; a set goes unsaid only where its ids'
#: own hashes are equal too (64 bits each: one chance in 2^64 a set).
_LOOK_ALIKE: Final = """
WITH odd AS (
    SELECT school_id, SHAPE AS shape FROM (
        SELECT DISTINCT school_id FROM SOURCE WHERE strlen(school_id) <> length(school_id)
    )
), capital AS (
    SELECT hash(lower(school_id)) AS h, hash(school_id) AS i FROM SOURCE
    WHERE strlen(school_id) = length(school_id) AND school_id <> lower(school_id)
), cased AS (
    SELECT h FROM (
        FROM capital UNION ALL
        SELECT hash(school_id), hash(school_id) FROM SOURCE
        WHERE strlen(school_id) = length(school_id) AND school_id = lower(school_id)
            AND hash(school_id) IN (SELECT h FROM capital)
    ) GROUP BY h HAVING min(i) <> max(i)
), shapes AS (
    FROM odd UNION ALL
    SELECT DISTINCT school_id, lower(school_id) FROM SOURCE
    WHERE strlen(school_id) = length(school_id) AND (lower(school_id) IN (SELECT shape FROM odd)
        OR hash(lower(school_id)) IN (SELECT h FROM cased))
)
SELECT list(school_id ORDER BY school_id) FROM shapes
GROUP BY shape HAVING count(*) > 1 ORDER BY min(school_id)
"""


def _text(text: str) -> str:
    """`text` as an SQL string: the tables hold no quote, and would be quoted if they did."""
    return "'" + text.replace("'", "''") + "'"


def _class(chars: str) -> str:
    """A regular expression's class of `chars`, as an SQL string."""
    return "'[" + "".join(f"\\x{{{ord(c):x}}}" for c in chars) + "]'"


def _once(value: str, name: str, expression: str) -> str:
    """`expression` of `name`, `value` worked out once an id (a lambda of a list of one):
    written out at each use, DuckDB worked each out again, and an id's shape took six
    times as long."""
    return f"list_transform([{value}], lambda {name}: {expression})[1]"


_SEEN: Final = (
    "regexp_replace(ID, '[\\p{Cf}"
    + "".join(f"\\x{{{first:x}}}-\\x{{{last:x}}}" for first, last in UNSEEN)
    + "]', '', 'g')"
)


def _forms(size: int = 64, group: int = 8) -> str:
    """Each character of `seen` in its compatibility form (`compatible`), found among the
    `size` characters about its own, and those among `group` such tables about them: the
    form at the character's place in a list of the table's forms (`instr`), or the
    character where it has none. A form may be two characters or more (a ligature), which
    `translate` cannot write; and `translate` took time in the length of its table at every
    character (by tables of 64 in a list of 40 conditions, 2.5 times this)."""
    table = compatible()
    chars = list(table)
    tables = [chars[at : at + size] for at in range(0, len(chars), size)]

    def within(first: str, last: str) -> str:
        return f"WHEN c BETWEEN {_text(first)} AND {_text(last)} THEN"

    def read(part: list[str]) -> str:
        forms = ", ".join(_text(table[c]) for c in part)
        at = f"instr({_text(''.join(part))}, c)"
        return f"{within(part[0], part[-1])} coalesce([{forms}][{at}], c)"

    whens = " ".join(
        f"{within(parts[0][0], parts[-1][-1])} CASE {' '.join(map(read, parts))} ELSE c END"
        for parts in (tables[at : at + group] for at in range(0, len(tables), group))
    )
    each = f"list_transform(regexp_extract_all(seen, '.'), lambda c: CASE {whens} ELSE c END)"
    return f"array_to_string({each}, '')"


#: The compatibility forms (`compatible`: SQL has no NFKC), read only in the ids holding
#: one, as the letters drawn like Latin ones are (`_LETTERS`).
_FORMS: Final = _once(
    _SEEN,
    "seen",
    f"nfc_normalize(CASE WHEN regexp_matches(seen, {_class(''.join(compatible()))}) "
    f"THEN {_forms()} ELSE seen END)",
)
_RANGES: Final = "".join(f"\\x{{{first:x}}}-\\x{{{last:x}}}" for first, last in LATIN_LIKE)
#: Without the marks on a letter drawn like a Latin one (`_lookalikes._unmarked`): every
#: mark (`strip_accents`) of an id of those letters, digits and signs alone, as before; in
#: an id with another character or a mark, of each letter with its marks (`_CLUSTER`) that
#: is one of `LATIN_LIKE`. (A sign whose canonical form holds a mark, Greek's spacing
#: accents, is read by `_FORMS` as a space and its marks first: until round 73 they were
#: looked for here too, in vain.)
_CLUSTER: Final = (
    f"CASE WHEN regexp_matches(k, '^[{_RANGES}]') AND regexp_matches(k, '^\\p{{L}}') "
    "THEN strip_accents(k) ELSE k END"
)
_BARE: Final = _once(
    _FORMS,
    "composed",
    f"CASE WHEN regexp_matches(composed, '[^{_RANGES}]|\\p{{M}}') "
    "THEN array_to_string(list_transform(regexp_extract_all("
    f"composed, '\\P{{M}}\\p{{M}}*|\\p{{M}}+'), lambda k: {_CLUSTER}), '') "
    "ELSE strip_accents(composed) END",
)
_LETTERS: Final = _class("\u03c2" + drawn_lowered()[0])
#: What an id looks like, in SQL (`ID` its column, the one `ID` in it):
#: `_lookalikes.shape`, composed (not in its compatibility form): the skeleton, the capitals
#: whose small letter reads otherwise read as drawn (`drawn_apart`), in lower case as
#: `_lookalikes.folded` writes it (a final sigma as a sigma), the letters drawn like Latin
#: ones read as those (`drawn_lowered`, which reads each capital's small letter as the
#: capital). `translate` takes time in the length of its table at every id, so it reads only
#: the ids holding a letter of the table in lower case (`_LETTERS`): 100,000 ids with an
#: accent took 4 s more with it at every one.
SHAPE: Final = _once(
    _BARE,
    "bare",
    f"CASE WHEN regexp_matches(lower(bare), {_LETTERS}) THEN translate(replace(lower("
    f"translate(bare, {', '.join(map(_text, drawn_apart()))})), '\u03c2', '\u03c3'), "
    f"{', '.join(map(_text, drawn_lowered()))}) ELSE lower(bare) END",
)


def look_alike_schools(
    con: duckdb.DuckDBPyConnection, source: str = "cohort_reviews"
) -> list[list[str]]:
    """The school ids of the cohort's reviews (`cohort_reviews`, made; or a `source` with a
    `school_id` column: `collect`'s staged reviews) that look like another of them, each
    set in order, by its first id."""
    query = _LOOK_ALIKE.replace("SHAPE", SHAPE.replace("ID", "school_id"))
    query = query.replace("SOURCE", source)
    return [ids for (ids,) in con.execute(query).fetchall()]


def look_alike_staged(con: duckdb.DuckDBPyConnection, staging: str) -> list[list[str]]:
    """`look_alike_schools` of the reviews in `collect`'s staging file `staging`: their ids
    read into a table of their own first, once. The query reads its source four times, and
    reading the staged JSON four times made `collect` of 100,000 schools with capitals in
    their ids a tenth slower (round 63); a column of ids is a few bytes a review. The
    table's name is this call's own (a library caller's connection may hold a table named
    as round 63 named it, which the search refused to make, or read and dropped)."""
    import secrets

    from .rows import quoted, staged_source

    table = f"look_alike_ids_{secrets.token_hex(8)}"
    con.execute(
        f"CREATE TEMP TABLE {table} AS SELECT i AS school_id FROM " + staged_source(quoted(staging))
    )
    try:
        return look_alike_schools(con, table)
    finally:
        con.execute(f"DROP TABLE temp.{table}")


def look_alike_note(ids: list[str], subject: str, subjects: str) -> str:
    """What a command says of a set of `ids` that look alike (`look_alike_schools`), in the
    framework's words for a school (`Terms`): each named as a name is (`shown_name`: an
    invisible character escaped), and the characters outside ASCII each holds, by code
    point, which tell them apart where they print alike. Each id is cut as a refusal cuts
    it (`errors.cut`): ids of a million characters were said whole (before round 81),
    each twice; where that names two alike, from a little before where each differs from
    the others (`_apart`)."""
    short = _apart(ids)
    named = some([f"`{shown_name(short[i])}`" for i in ids], NAMED, noun=subjects)
    codes = {i: odd_characters(i) for i in ids[:NAMED]}
    odd = "; ".join(
        f"`{shown_name(short[i])}` holds {some(c, NAMED, ' ')}" for i, c in codes.items() if c
    )
    if all(i.isascii() for i in ids):
        odd = CASE_ALONE
    return (
        f"the {subjects} {named} have ids that look alike ({odd}): each counts as "
        f"{'an' if subject[:1].lower() in 'aeiou' else 'a'} {subject} of its own, with "
        f"reviews of its own; give them one id if they are one {subject}"
    )


def _apart(ids: list[str]) -> dict[str, str]:
    """Each of `ids` cut (`errors.cut`), or, where two cut alike, from a few characters
    before where it first differs from the one it shares the most with (`...` first): in
    round 81 two ids of 45 characters differing in their 46th (`a` and U+0430, a Cyrillic a) were
    both named `xxx...`, and the one holding U+0430 could not be told."""
    cuts = {i: cut(i) for i in ids}
    if len(set(cuts.values())) == len(cuts):
        return cuts
    return {i: _from(i, max(_shared(i, j) for j in ids if j != i) - _BEFORE) for i in ids}


#: Characters shown before where an id differs from the one it is most like.
_BEFORE: Final = 10


def _shared(one: str, other: str) -> int:
    """How many characters `one` and `other` begin with alike."""
    pairs = zip(one, other, strict=False)  # the shorter one ends it
    return next((k for k, (a, b) in enumerate(pairs) if a != b), min(len(one), len(other)))


def _from(school_id: str, start: int) -> str:
    return cut(school_id) if start <= 0 else cut("..." + school_id[start:])


def odd_characters(school_id: str) -> list[str]:
    """The characters outside ASCII `school_id` holds, each once, by code point: what tells
    it apart from an id it prints alike."""
    return [f"U+{ord(c):04X}" for c in dict.fromkeys(school_id) if not c.isascii()]


def look_alike_notes(found: list[list[str]], terms: Terms | None) -> list[str]:
    """What `benchmark` and `support` say of the sets of school ids that look alike and
    differ (`look_alike_schools`), in the framework's `terms`: the first `SETS_NAMED` sets
    named, the rest counted. Warnings: the exit is not changed."""
    subject, subjects = ("school", "schools") if terms is None else (terms.subject, terms.subjects)
    notes = [look_alike_note(same, subject, subjects) for same in found[:SETS_NAMED]]
    if len(found) > SETS_NAMED:
        notes.append(
            f"{len(found) - SETS_NAMED} more sets of {subject} ids look alike, not "
            "named here: each id counts as its own"
        )
    return notes
