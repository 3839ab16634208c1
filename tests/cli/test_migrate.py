"""`selfreview migrate`, and `report` and `benchmark` across framework versions: exit codes,
located errors, atomic output, the documented example."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import Framework, load_assessment, load_framework
from selfreview_core.cli import cli
from selfreview_core.dump import dump_yaml
from test_outputs import snapshot

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "migration"
V1 = EXAMPLES / "example-srf-1.yaml"
V2 = EXAMPLES / "example-srf-2.yaml"
MIGRATION = EXAMPLES / "example-srf-1-to-2.yaml"
SCHOOL = EXAMPLES / "example-school-v1.yaml"
BOTH = ("--framework", str(V1), "--framework", str(V2))


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output


def frameworks() -> dict[str, Framework]:
    return {f.ref: f for f in (load_framework(V1), load_framework(V2))}


def test_migrate_writes_the_new_version_to_stdout_and_says_what_happened() -> None:
    result = run("migrate", SCHOOL, "--to", "example-srf@2", "--migration", MIGRATION, *BOTH)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Carried from example-srf@1 to example-srf@2")
    migrated = load_assessment("out.yaml", frameworks(), text=result.stdout)
    assert migrated.framework == "example-srf@2"
    assert set(migrated.judgements) == {"1a1", "1a2", "2b1"}
    assert set(migrated.awaiting_review) == {"1b1", "1b2", "2a1"}
    assert migrated.judgements["2b1"].judged_on is not None  # moved with its date
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"Carried {SCHOOL} from example-srf@1 to example-srf@2 via example-srf-1-to-2."
    )
    assert "  3 judgements carried as they were: 1a1, 1a2, 2b1" in lines
    assert "  1 retired strand dropped: 2b1 of example-srf@1 (level 3)" in lines


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_migrate_writes_o_atomically_in_the_format_of_its_extension(
    tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"school-v2{suffix}"
    result = run(
        "migrate", SCHOOL, "--to", "example-srf@2", "--migration", MIGRATION, *BOTH, "-o", out
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"Wrote {out}." in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left
    if suffix == ".json":
        assert json.loads(out.read_text(encoding="utf-8"))["framework"] == "example-srf@2"
    validated = run("validate", out, "--framework", V2)
    assert validated.exit_code == 0, validated.output
    assert "3 of 7 strands judged" in validated.output


def test_no_migration_path_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "school-v2.yaml"
    out.write_text("kept\n", encoding="utf-8")
    result = run("migrate", SCHOOL, "--to", "example-srf@2", *BOTH, "-o", out)
    assert result.exit_code == 1
    assert_no_traceback(result)
    assert (
        f"{SCHOOL}: error: no migration path from example-srf@1 to example-srf@2: "
        "no migration is known from example-srf@1" in result.output
    )
    assert out.read_text(encoding="utf-8") == "kept\n"
    result = run("migrate", SCHOOL, "--to", "becta-srf", "--migration", MIGRATION, *BOTH)
    assert result.exit_code == 1
    assert (
        "no migration path from example-srf@1 to becta-srf@2010: the migrations known from "
        "example-srf@1 (example-srf-1-to-2) lead only to example-srf@2" in result.output
    )


def test_an_unknown_target_is_a_usage_error() -> None:
    result = run("migrate", SCHOOL, "--to", "example-srf@9", "--migration", MIGRATION, *BOTH)
    assert result.exit_code == 2
    assert "Invalid value for --to: no framework `example-srf@9` is available" in result.output
    assert "available versions: 1, 2" in result.output
    assert run("migrate", SCHOOL).exit_code == 2  # --to is required


def test_the_target_may_be_a_framework_file() -> None:
    result = run("migrate", SCHOOL, "--to", V2, "--migration", MIGRATION, "--framework", V1)
    assert result.exit_code == 0, result.output
    assert "framework: example-srf@2" in result.stdout


def test_a_bad_migration_file_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        MIGRATION.read_text(encoding="utf-8").replace("  2b2: 2b1 ", "  2b2: 2b9 "),
        encoding="utf-8",
    )
    result = run("migrate", SCHOOL, "--to", "example-srf@2", "--migration", bad, *BOTH)
    assert result.exit_code == 1
    assert_no_traceback(result)
    assert re.search(
        rf"{re.escape(str(bad))}:15:8: error: strands\.2b2: `2b9` is not a strand of "
        r"example-srf@2 \(did you mean `2b\d`\?\)",
        result.output,
    ), result.output


def test_a_bad_assessment_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "school.yaml"
    bad.write_text(SCHOOL.read_text(encoding="utf-8").replace("  1a2: 2", "  1a2: 7"), "utf-8")
    result = run("migrate", bad, "--to", "example-srf@2", "--migration", MIGRATION, *BOTH)
    assert result.exit_code == 1
    assert f"{bad}:16:8: error: judgements.1a2: level 7 is outside the scale" in result.output


def test_an_assessment_already_of_that_version_is_written_unchanged(tmp_path: Path) -> None:
    first = run("migrate", SCHOOL, "--to", "example-srf@2", "--migration", MIGRATION, *BOTH)
    assert first.exit_code == 0, first.output
    done = tmp_path / "v2.yaml"
    done.write_text(first.stdout, encoding="utf-8")
    again = run("migrate", done, "--to", "example-srf@2", *BOTH)
    assert again.exit_code == 0, again.output
    assert f"{done} is already of example-srf@2: nothing to carry." in again.stderr
    assert again.stdout == first.stdout.split("\n", 2)[2]  # the same, without the header


def test_the_format_reference_shows_real_output(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    docs = (ROOT / "docs" / "framework-format.md").read_text(encoding="utf-8")
    section = docs.split("## Migrations", 1)[1].split("\n## ", 1)[0]
    [example] = [b for b in re.findall(r"```console\n(.*?)```", section, re.S) if " -o " in b]
    command, shown = example.split("\n", 1)[0], example.split("\n", 1)[1]
    while command.endswith("\\"):
        following, shown = shown.split("\n", 1)
        command = command[:-1] + following
    args = command.removeprefix("$ selfreview ").split()
    out = tmp_path / "example-school-v2.yaml"
    args[args.index("-o") + 1] = str(out)
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stderr == shown.replace("Wrote example-school-v2.yaml.", f"Wrote {out}.")


def test_report_compares_with_a_review_of_the_earlier_version(tmp_path: Path) -> None:
    later = tmp_path / "school-v2.yaml"
    made = run(
        "migrate", SCHOOL, "--to", "example-srf@2", "--migration", MIGRATION, *BOTH, "-o", later
    )
    assert made.exit_code == 0, made.output
    text = later.read_text(encoding="utf-8").replace("  1a2: 2\n", "  1a2: 3\n")
    later.write_text(text, encoding="utf-8")
    args = ("report", later, "--previous", SCHOOL, "--format", "json", *BOTH)
    refused = run(*args)
    assert refused.exit_code == 1
    assert "no migration path from example-srf@1 to example-srf@2" in refused.output
    result = run(*args, "--migration", MIGRATION)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["comparison"]["improved"] == ["1a2"]
    assert report["comparison"]["unchanged"] == ["1a1", "2b1"]
    assert report["previous"]["framework"] == "example-srf@2"
    assert set(report["assessment"]["review"]) == {"1b1", "1b2", "2a1"}
    assert "The previous review (example-srf@1) was carried to example-srf@2" in result.stderr
    assert "3 strand(s) left by a migration for you to judge: 1b1, 1b2, 2a1" in result.stderr


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Two schools reviewed against version 1 and one against version 2."""
    folder = tmp_path / "cohort"
    folder.mkdir()
    shutil.copy(SCHOOL, folder / "a-v1.yaml")
    other = SCHOOL.read_text(encoding="utf-8").replace("id: EX-2", "id: EX-3")
    (folder / "b-v1.yaml").write_text(other, encoding="utf-8")
    school = load_assessment(SCHOOL, frameworks())
    newer = school.model_copy(
        update={
            "framework": "example-srf@2",
            "school": school.school.model_copy(update={"id": "EX-4"}),
            "judgements": {"1a1": school.judgements["1a1"], "2b2": school.judgements["2b1"]},
        }
    )
    (folder / "c-v2.yaml").write_text(dump_yaml(newer), encoding="utf-8")
    return folder


def test_benchmark_carries_a_mixed_cohort_to_one_version(mixed: Path) -> None:
    with_v1 = ("--migration", MIGRATION, "--framework", V1, "--format", "json")
    result = run("benchmark", mixed, *with_v1, "--to", V2)
    assert result.exit_code == 0, result.output
    cohort = json.loads(result.stdout)
    assert cohort["framework"] == "example-srf@2"
    assert cohort["size"] == 3
    assert cohort["strands"]["1a1"]["judged"] == 3
    assert cohort["strands"]["2a1"]["judged"] == 0  # merged: never given a level
    assert "2 assessment(s) of other versions carried to example-srf@2" in result.stderr
    # Back to version 1 there is no way from version 2: that file is skipped, located.
    result = run(
        "benchmark",
        mixed,
        "--migration",
        MIGRATION,
        "--framework",
        V2,
        "--to",
        V1,
        "--format",
        "json",
    )
    assert result.exit_code == 1
    assert json.loads(result.stdout)["size"] == 2
    assert "c-v2.yaml:2:12: error: framework: no migration path from example-srf@2" in (
        result.stderr
    )
    assert "1 of 3 files skipped" in result.stderr


def test_benchmark_defaults_to_the_newest_version_present(
    mixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --to, when migrations are known: the newest version any file is of."""
    from selfreview_core import Engine

    original = Engine.__init__

    def with_both(self: Engine, **options: object) -> None:
        options["frameworks"] = [V1, V2]
        original(self, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "__init__", with_both)
    result = run("benchmark", mixed, "--migration", MIGRATION, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["framework"] == "example-srf@2"
    (mixed / "c-v2.yaml").unlink()
    result = run("benchmark", mixed, "--migration", MIGRATION, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["framework"] == "example-srf@1"  # none of version 2


def test_validate_summarises_a_migration() -> None:
    result = run("validate", EXAMPLES)
    assert result.exit_code == 0, result.output
    assert (
        "example-srf-1-to-2.yaml: ok: migration example-srf@1 -> example-srf@2: 6 strands "
        "mapped (1 split, 1 merge), 1 retired" in result.output
    )


def test_the_migration_schema_accepts_the_example() -> None:
    import jsonschema
    import yaml

    schema = json.loads(run("schema", "migration").output)
    document = yaml.safe_load(MIGRATION.read_text(encoding="utf-8"))
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    document["strands"]["1a1"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("from: example-srf@1", "from: example-srf", "from: `example-srf` names no version"),
        ("to: example-srf@2", "to: example-srf@1", "to: `to` is `from` again (example-srf@1)"),
        ("  1a2: 1a2\n", "", "strand 1a2 of example-srf@1 is neither mapped nor retired"),
        ("retired: [2b1]", "retired: [2b1, 1a1]", "`1a1` is both mapped and retired"),
        ("  2b2: 2b1 ", "  2b2: 2b3 ", "`2b3` is not a strand of example-srf@2"),
        ("  2a2: 2a1\n", "  2a2: []\n", "maps to no strand"),
        (
            "kind: migration",
            "kind: migraton",
            "unknown kind `migraton` (did you mean `migration`?)",
        ),
    ],
)
def test_validate_locates_each_bad_migration(
    tmp_path: Path, old: str, new: str, words: str
) -> None:
    text = MIGRATION.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run("validate", bad, V1, V2)
    assert result.exit_code == 1
    assert_no_traceback(result)
    [line, *_] = [ln for ln in result.output.splitlines() if words in ln]
    assert re.match(rf"{re.escape(str(bad))}:\d+:\d+: error: ", line), line


# -- outputs: never over an input ---------------------------------------------------------


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    """Copies of every file `migrate` reads, by the option that names it."""
    copies = {}
    for option, source in (
        ("ASSESSMENT", SCHOOL),
        ("--migration", MIGRATION),
        ("--framework", V1),
        ("--to", V2),
    ):
        copies[option] = tmp_path / f"{option.strip('-').lower()}-{source.name}"
        shutil.copyfile(source, copies[option])
    return copies


@pytest.mark.parametrize("option", ["ASSESSMENT", "--migration", "--framework", "--to"])
def test_o_naming_any_input_is_refused_before_anything_is_written(
    tmp_path: Path, inputs: dict[str, Path], option: str
) -> None:
    before = snapshot(tmp_path)
    result = run(
        "migrate", inputs["ASSESSMENT"], "--to", inputs["--to"],
        "--migration", inputs["--migration"], "--framework", inputs["--framework"],
        "-o", inputs[option],
    )  # fmt: skip
    assert result.exit_code == 2
    assert_no_traceback(result)
    assert f"Invalid value for -o: `{inputs[option]}` is {option}" in result.output
    assert snapshot(tmp_path) == before


def test_o_in_a_missing_folder_is_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_migration(*args: object) -> None:
        raise AssertionError("migrated before the output was checked")

    monkeypatch.setattr("selfreview_core.engine.Engine.migrate", no_migration)
    target = tmp_path / "missing" / "v2.yaml"
    result = run("migrate", SCHOOL, "--to", "example-srf@2", "--migration", MIGRATION, *BOTH,
                 "-o", target)  # fmt: skip
    assert result.exit_code == 2
    assert f"the folder `{tmp_path / 'missing'}` does not exist" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("name", "first"), [("v2.yml", "# Carried"), ("V2.JSON", "{"), ("-", "#")])
def test_o_writes_the_format_its_name_says(tmp_path: Path, name: str, first: str) -> None:
    out = Path(name) if name == "-" else tmp_path / name
    result = run(
        "migrate", SCHOOL, "--to", "example-srf@2", "--migration", MIGRATION, *BOTH, "-o", out
    )
    assert result.exit_code == 0, result.output
    text = result.stdout if name == "-" else out.read_text(encoding="utf-8")
    assert text.startswith(first)
    migrated = load_assessment(f"x{Path(name).suffix.lower() or '.yaml'}", frameworks(), text=text)
    assert migrated.framework == "example-srf@2"
    assert not Path("-").exists()


def test_o_with_a_json_lines_name_is_refused(tmp_path: Path) -> None:
    result = run("migrate", SCHOOL, "--to", "example-srf@2", "--migration", MIGRATION, *BOTH,
                 "-o", tmp_path / "v2.jsonl")  # fmt: skip
    assert result.exit_code == 2
    assert "is a JSON Lines name" in result.output


def test_a_migrated_review_too_large_to_read_back_is_refused_at_the_evidence(
    tmp_path: Path,
) -> None:
    """A split strand's evidence goes to each strand it became: a review of 6 MB, 6 MB of it
    the evidence of 1b1 (split in two), became 12 MB. Before round 68 it was written, exit 0,
    and every command then refused it for its size."""
    evidence = "E" * 6_000_000
    text = SCHOOL.read_text(encoding="utf-8").replace(
        "Equipment list for the next two years; nothing yet on teaching.", evidence
    )
    school = tmp_path / "school-v1.yaml"
    school.write_text(text, encoding="utf-8")
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if evidence in ln)
    column = text.splitlines()[line - 1].index(evidence) + 1
    out = tmp_path / "school-v2.yaml"
    assert run("migrate", SCHOOL, "--to", "example-srf@2", "--migration", MIGRATION, *BOTH,
               "-o", out).exit_code == 0  # fmt: skip
    before = snapshot(tmp_path)
    for to in (["-o", str(out)], []):
        result = run("migrate", school, "--to", "example-srf@2", "--migration", MIGRATION,
                     *BOTH, *to)  # fmt: skip
        assert result.exit_code == 1, result.output
        assert_no_traceback(result)
        assert result.stdout == ""
        assert re.fullmatch(
            f"{re.escape(str(school))}:{line}:{column}: error: judgements\\.1b1\\.evidence: the "
            "migrated review would be 12,[0-9]{3},[0-9]{3} bytes, over the 10,485,760 a file "
            "may hold, so no command could read it back; nothing was written \\(a split "
            "strand's evidence goes to each strand it became: shorten the longest\\)\n",
            result.stderr,
        ), result.stderr[:500]
        assert snapshot(tmp_path) == before
