"""`benchmark --anonymise` says its warnings without a school id (round 63).

Before, the reviews of one school on one date, the school ids that look alike and differ and
the reviews dated after today were each said on standard error by the school's id (and the
file, often named by it): the ids the anonymised output was asked to hide (SPEC section 7).
Anonymised, each is counted, with what is odd in it, and the same command without
`--anonymise` names them; without it nothing changes. The exit code is the same either way.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
FORMATS = {"table": "txt", "json": "json", "csv": "csv", "html": "html"}
#: The ids of the odd reviews: none may show anonymised, in any form.
DUPLICATED, DATED, LOOK, LOOK_ALIKE = "odd-twice", "odd-dated", "odd-look", "odd-look\u200b"
HIDDEN = ("odd-", "odd\\u002d", "\\u200b", "\u200b")
SAID = [
    "warning: 1 school has two or more reviews on one date: of each date, the one read last "
    "counts and the others are left out; the same command without --anonymise names them",
    "warning: school ids look alike and differ in 1 set (by U+200B): each id counts as a "
    "school of its own, with reviews of its own; the same command without --anonymise names "
    "them",
    "warning: 1 review is dated after today, not named here: each counts as newer than every "
    "real review of its school (a typing slip? give the day the review was made); the same "
    "command without --anonymise names them",
]


def _run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _review(folder: Path, example: str, name: str, school: str, day: str = "") -> None:
    """A copy of the example cohort's `example` as `name`, of `school` (and dated `day`)."""
    text = (folder / example).read_text(encoding="utf-8")
    old_id = text.split('  id: "', 1)[1].split('"', 1)[0]
    text = text.replace(f'  id: "{old_id}"', f"  id: {json.dumps(school)}")
    if day:
        text = "\n".join(
            f"assessed_on: {day}" if line.startswith("assessed_on:") else line
            for line in text.splitlines()
        )
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example cohort with a school reviewed twice on one date, two schools whose ids
    look alike (one holds a zero-width space) and a review dated after today, each of a
    school of its own; no file named by a school's id."""
    folder = tmp_path_factory.mktemp("odd") / "cohort"
    shutil.copytree(ROOT / "examples" / "cohort", folder)
    _review(folder, "primary-1-2024.yaml", "zz-a.yaml", DUPLICATED)
    _review(folder, "primary-1-2024.yaml", "zz-b.yaml", DUPLICATED)
    _review(folder, "primary-2-2025.yaml", "zz-c.yaml", LOOK)
    _review(folder, "primary-2-2025.yaml", "zz-d.yaml", LOOK_ALIKE)
    _review(folder, "primary-3-2025.yaml", "zz-e.yaml", DATED, day="2999-01-01")
    return folder


@pytest.fixture(scope="module")
def collected(odd: Path) -> Path:
    """The odd cohort as a cohort file (`collect` names the ids: it is no anonymised view)."""
    cohort = odd.parent / "odd.parquet"
    assert _run("collect", odd, "-o", cohort).exit_code == 1  # the duplicate
    return cohort


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize("source", ["files", "parquet"])
def test_anonymised_warnings_name_no_school(
    odd: Path, collected: Path, tmp_path: Path, source: str, form: str
) -> None:
    """In every format, to standard output and to `-o`'s file, from the reviews (read in two
    processes) and from their cohort file (where `collect` kept one of the duplicates)."""
    given, said, exit_code = (odd, SAID, 1) if source == "files" else (collected, SAID[1:], 0)
    output = tmp_path / f"cohort.{FORMATS[form]}"
    args = ("benchmark", given, "--anonymise", "--format", form, "--jobs", "2")
    result = _run(*args, "-o", output)
    assert result.exit_code == exit_code, result.output  # as without --anonymise
    assert result.stderr.splitlines() == [*said, f"Wrote {output} ({form})."]
    shown = _run(*args)
    assert shown.exit_code == exit_code
    assert shown.stderr.splitlines() == said
    written = output.read_text(encoding="utf-8")
    assert shown.stdout.strip()
    assert written.strip()
    for text in (result.stdout, result.stderr, shown.stdout, shown.stderr, written):
        assert not [hidden for hidden in HIDDEN if hidden in text]
        assert "zz-" not in text  # the files, which a school's id often names


@pytest.mark.parametrize("form", FORMATS)
def test_without_anonymise_each_warning_names_its_school(
    odd: Path, tmp_path: Path, form: str
) -> None:
    output = tmp_path / f"cohort.{FORMATS[form]}"
    result = _run("benchmark", odd, "--format", form, "--jobs", "2", "-o", output)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith(f"warning: school {DUPLICATED} has 2 reviews dated 2024-")
    assert lines[1].startswith(f"warning: the schools `{LOOK}`, `odd-look\\u200b` have ids ")
    assert f"warning: assessed_on: the review of school {DATED} is dated 2999-01-01" in lines[2]
    assert lines[2].startswith(f"{odd / 'zz-e.yaml'}:")
    assert lines[3] == f"Wrote {output} ({form})."
    assert "--anonymise" not in result.stderr


@pytest.mark.parametrize(
    ("added", "said"), [(["zz-c.yaml", "zz-d.yaml"], SAID[1]), (["zz-e.yaml"], SAID[2])]
)
def test_anonymised_warnings_alone_leave_the_exit_at_0(
    odd: Path, tmp_path: Path, added: list[str], said: str
) -> None:
    folder = tmp_path / "cohort"
    folder.mkdir()
    for file in [*(ROOT / "examples" / "cohort").glob("*.yaml"), *(odd / a for a in added)]:
        shutil.copy(file, folder)
    result = _run("benchmark", folder, "--anonymise", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [said]


def test_anonymised_sets_and_reviews_are_counted_beyond_one(odd: Path, tmp_path: Path) -> None:
    """Two schools twice on one date, an older pair that does not count, three sets of ids
    alike by two characters and by letter case, eleven reviews dated after today: all
    counted, none named."""
    folder = tmp_path / "cohort"
    shutil.copytree(odd, folder)
    _review(folder, "primary-1-2024.yaml", "zz-f.yaml", "odd-2")
    _review(folder, "primary-1-2024.yaml", "zz-g.yaml", "odd-2")
    _review(folder, "primary-1-2024.yaml", "zz-h.yaml", "odd-3")
    _review(folder, "primary-1-2024.yaml", "zz-i.yaml", "odd-3")
    _review(folder, "primary-2-2025.yaml", "zz-j.yaml", "odd-3")
    _review(folder, "primary-2-2025.yaml", "zz-k.yaml", "odd-a3")
    _review(folder, "primary-2-2025.yaml", "zz-m.yaml", "odd-\u04303")
    _review(folder, "primary-2-2025.yaml", "zz-n.yaml", "ODD-N")
    _review(folder, "primary-2-2025.yaml", "zz-o.yaml", "odd-n")
    for n in range(10):
        _review(folder, "primary-3-2025.yaml", f"zz-l{n}.yaml", f"odd-l{n}", day="2999-01-01")
    result = _run("benchmark", folder, "--anonymise", "--format", "csv")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "warning: 2 schools have two or more reviews on one date: of each date, the one read "
        "last counts and the others are left out; the same command without --anonymise names "
        "them",
        "warning: 1 school has two or more reviews on one date: none of them counts: a later "
        "review of the school does; the same command without --anonymise names them",
        "warning: school ids look alike and differ in 3 sets (by letter case, U+0430, U+200B): "
        "each id "
        "counts as a school of its own, with reviews of its own; the same command without "
        "--anonymise names them",
        "warning: 11 reviews are dated after today, not named here: each counts as newer than "
        "every real review of its school (a typing slip? give the day the review was made); "
        "the same command without --anonymise names them",
    ]
    assert "odd-" not in result.stdout.lower()


def test_anonymised_warnings_are_in_the_frameworks_words(tmp_path: Path) -> None:
    """A framework whose terms name settings: its anonymised warnings count settings, as
    its warnings by id name them (round 63's pass: nothing held the words but a school's)."""
    questions = ROOT / "examples" / "questions"
    example = (questions / "example-setting.yaml").read_text(encoding="utf-8")
    assert "SET-001" in example
    assert "assessed_on: 2026-11-01\n" in example
    folder = tmp_path / "settings"
    folder.mkdir()
    days = {"caf\u00e9": "", "cafe\u0301": "", "S1": "2999-01-01", "S2": "", "S3": ""}
    for n, (setting, day) in enumerate(days.items()):
        text = example.replace("SET-001", setting)
        if day:
            text = text.replace("assessed_on: 2026-11-01", f"assessed_on: {day}")
        (folder / f"setting-{n}.yaml").write_text(text, encoding="utf-8")
    framework = questions / "technology-standards.yaml"
    result = _run("benchmark", folder, "--framework", framework, "--anonymise", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: setting ids look alike and differ in 1 set (by U+0301, U+00E9): each id "
        "counts as a setting of its own, with reviews of its own; the same command without "
        "--anonymise names them",
        "warning: 1 review is dated after today, not named here: each counts as newer than "
        "every real review of its setting (a typing slip? give the day the review was made); "
        "the same command without --anonymise names them",
    ]


def test_anonymised_look_alikes_name_only_what_tells_them_apart(tmp_path: Path) -> None:
    """Ids alike of characters outside ASCII: the warning names the characters that differ,
    not those the ids share, which spelt a short id out (`北京一中` beside itself with a
    zero-width space was "by U+5317, U+4EAC, U+4E00, U+4E2D, U+200B"; round 64's attacker)."""
    folder = tmp_path / "cohort"
    shutil.copytree(ROOT / "examples" / "cohort", folder)
    _review(folder, "primary-2-2025.yaml", "zz-a.yaml", "\u5317\u4eac\u4e00\u4e2d")
    _review(folder, "primary-2-2025.yaml", "zz-b.yaml", "\u5317\u4eac\u4e00\u4e2d\u200b")
    result = _run("benchmark", folder, "--anonymise", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: school ids look alike and differ in 1 set (by U+200B): each id counts as a "
        "school of its own, with reviews of its own; the same command without --anonymise "
        "names them"
    ]
    for code in ("5317", "4EAC", "4E00", "4E2D"):
        assert code not in result.stderr.upper()
        assert code not in result.stdout.upper()
    assert "\u5317" not in result.stdout + result.stderr


#: Each assessment written wrong in what names its school, as a careless hand writes it: a
#: URN without quotes (read as a number), an id with a space, a number for a name, `true`
#: for an authority, an id as a key of its own; with where the error is and its field.
UNUSABLE = {
    "zz-a.yaml": ("id: 100001\n  name: A", "4:7", "school.id"),
    "zz-b.yaml": ('id: "URN 100002"\n  name: B', "4:7", "school.id"),
    "zz-c.yaml": ('id: "c"\n  name: 100003', "5:9", "school.name"),
    "zz-d.yaml": ('id: "d"\n  name: D\n  authority: true', "6:14", "school.authority"),
    "zz-e.yaml": ('id: "e"\n  name: E\n  URN100004: E', "6:3", "school"),
}
UNSAID = (
    ": error: {}: what it holds cannot be used, and is not shown under --anonymise (the same "
    "command without --anonymise says why)"
)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_anonymised_skipped_inputs_quote_no_school_id_or_name(tmp_path: Path, jobs: str) -> None:
    """An assessment skipped for its school's id, name or authority is reported by file,
    line, column and the field, not by what the field holds: before round 65 `benchmark
    --anonymise` said "school.id: expected text, got the number 100001", the id its output
    hides. The rest of the cohort is benchmarked as before, and the exit is 1; without
    `--anonymise` each error still says what it found."""
    folder = tmp_path / "cohort"
    shutil.copytree(ROOT / "examples" / "cohort", folder)
    for name, (school, _, _) in UNUSABLE.items():
        (folder / name).write_text(
            "kind: assessment\nframework: becta-srf@2010\nschool:\n"
            f"  {school}\nassessed_on: 2025-10-01\njudgements:\n  1a1: 3\n",
            encoding="utf-8",
        )
    plain = _run("benchmark", folder, "--format", "json", "--jobs", jobs)
    result = _run("benchmark", folder, "--anonymise", "--format", "json", "--jobs", jobs)
    assert result.exit_code == plain.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        *(f"{folder / name}:{at}{UNSAID.format(path)}" for name, (_, at, path) in UNUSABLE.items()),
        "5 of 16 files skipped; the cohort is the other 11.",
    ]
    for secret in ("100001", "100002", "100003", "100004", "`true`"):
        assert secret not in result.stderr + result.stdout
        assert secret in plain.stderr  # said where the output names schools
    assert json.loads(result.stdout)["size"] == json.loads(plain.stdout)["size"] == 10


def test_anonymised_skipped_inputs_quote_no_text_of_a_judgement(tmp_path: Path) -> None:
    """Text written where a level or a date goes ("1a1: Hogwarts has no policy", evidence
    typed on the level's line) is said as text, not quoted: evidence can name the school,
    which is why `--with-evidence` is refused with `--anonymise`; before round 65 the error
    quoted it whole. What was expected, and where, is still said."""
    folder = tmp_path / "cohort"
    shutil.copytree(ROOT / "examples" / "cohort", folder)
    (folder / "zz-a.yaml").write_text(
        'kind: assessment\nframework: becta-srf@2010\nschool:\n  id: "a"\n  name: A\n'
        "assessed_on: Hogwarts autumn term\njudgements:\n  1a1: Hogwarts has no policy\n",
        encoding="utf-8",
    )
    plain = _run("benchmark", folder, "--format", "json")
    result = _run("benchmark", folder, "--anonymise", "--format", "json")
    assert result.exit_code == plain.exit_code == 1, result.output
    hidden = "the text (not shown under --anonymise)"
    assert result.stderr.splitlines() == [
        f"{folder / 'zz-a.yaml'}:6:14: error: assessed_on: {hidden} is not a valid date "
        "(write dates as YYYY-MM-DD)",
        f"{folder / 'zz-a.yaml'}:8:8: error: judgements.1a1: expected a level or a mapping "
        f"with `level`, got {hidden}",
        "1 of 12 files skipped; the cohort is the other 11.",
    ]
    assert "Hogwarts" not in result.stderr + result.stdout
    assert "Hogwarts" in plain.stderr
