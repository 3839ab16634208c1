"""The framework's own words in the command line's messages and terminal views (issue 19;
SPEC section 10: "`terms:` replaces "school", "schools" and "self-review" in every report,
message and page").

examples/questions/ is a framework that calls who is reviewed a "setting" and the review a
"technology self-check": its messages say so, where Becta's keep their words exactly.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "examples" / "questions"
FRAMEWORK = str(QUESTIONS / "technology-standards.yaml")
SETTING = str(QUESTIONS / "example-setting.yaml")
RULES = str(QUESTIONS / "technology-rules.yaml")


def run(*args: str, input: str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def response(group: str, answers: dict[str, str], level: int, *, school: str = "SET-001") -> str:
    """One respondent's answers to the example framework, as a JSON Lines line."""
    document: dict[str, Any] = {
        "kind": "assessment",
        "framework": "example-tech-standards@1",
        "school": {"id": school, "name": "Example Community Setting"},
        "respondent": {"group": group},
        "assessed_on": "2026-10-01",
        "judgements": {"L-G-1": {"answers": answers}, "C-N-2": level},
    }
    return json.dumps(document) + "\n"


@pytest.fixture
def responses(tmp_path: Path) -> Path:
    """Six teachers (L-G-1 scores 1, 1.25, 1.5, 2, 1, 1.25: middle 1.25, level 1; C-N-2 at
    1 or 2) and five governors (L-G-1 all 0; C-N-2 at 3): two levels apart on C-N-2."""
    extents = ["no", "partly", "mostly", "fully", "no", "partly"]
    lines = [
        response("teachers", {"L-G-1-a": "yes", "L-G-1-b": e, "L-G-1-c": "no"}, 1 + i % 2)
        for i, e in enumerate(extents)
    ]
    lines += [
        response("governors", {"L-G-1-a": "no", "L-G-1-b": "no", "L-G-1-c": "no"}, 3)
        for _ in range(5)
    ]
    path = tmp_path / "responses.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


# -- voices: the terminal view, with scores and the framework's words ----------------------


def test_voices_shows_each_groups_middle_score_and_the_settings_own(
    responses: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "140")
    result = run("voices", str(responses), SETTING, "--framework", FRAMEWORK)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "Each group: median score (level) [worst..best level given] n=how many answered." in (
        lines
    )
    header = next(line for line in lines if line.startswith("strand "))
    assert header.split() == ["strand", "title", "teachers", "governors", "setting"]
    assert "school" not in result.stdout.lower().replace("example community", "")
    row = next(line for line in lines if line.startswith("L-G-1 "))
    # The setting's own answers: yes (1) + mostly (0.5) + partly (0.25) = 1.75.
    assert row.split("  ")[0] == "L-G-1"
    assert "1.25 (level 1) [1..2] n=6" in row
    assert "0 (level 0) [0] n=5" in row
    assert row.rstrip().endswith("1.75 (level 1)")
    assert (
        "C-N-2 Wireless network: teachers (median score 1, level 1) and governors (median "
        "score 3, level 3) are 2 levels apart."
    ) in result.stdout


def test_voices_json_carries_scores_only_for_a_framework_with_questions(
    responses: Path, root: Path
) -> None:
    found = json.loads(
        run("voices", str(responses), SETTING, "--framework", FRAMEWORK, "--format", "json").stdout
    )
    strand = next(s for s in found["strands"] if s["strand"] == "L-G-1")
    assert [(g["group"], g["median"], g["score"]) for g in strand["groups"]] == [
        ("teachers", 1, 1.25),
        ("governors", 0, 0.0),
    ]
    assert (strand["school"], strand["school_score"]) == (1, 1.75)
    becta = run("voices", str(root / "examples" / "respondents"), "--format", "json").stdout
    assert '"score"' not in becta
    assert '"school_score"' not in becta


def test_a_small_group_shows_no_score(responses: Path) -> None:
    """Anonymity holds for scores too: a group under --min-group shows its count only."""
    result = run("voices", str(responses), "--framework", FRAMEWORK, "--min-group", "6")
    assert result.exit_code == 0
    data = json.loads(
        run(
            "voices",
            str(responses),
            "--framework",
            FRAMEWORK,
            "--min-group",
            "6",
            "-o",
            "-",
            "--format",
            "json",
        ).stdout
    )
    governors = data["strands"][0]["groups"][1]
    assert governors == {
        "group": "governors",
        "count": 5,
        "median": None,
        "worst": None,
        "best": None,
        "spread": None,
    }
    assert "n=5" in result.stdout
    assert "0 (level 0)" not in result.stdout


def test_voices_refuses_another_setting_in_the_frameworks_words(
    responses: Path, tmp_path: Path
) -> None:
    stray = tmp_path / "stray.jsonl"
    stray.write_text(response("teachers", {"L-G-1-a": "no"}, 1, school="SET-009"), encoding="utf-8")
    result = run("voices", str(responses), str(stray), "--framework", FRAMEWORK)
    assert result.exit_code == 1
    assert f"{stray}:1:82: error: school.id: a response for setting SET-009, but " in (
        result.stderr
    )
    assert "the responses compared must be one setting's" in result.stderr
    assert "compare each setting's responses on their own" in result.stderr
    assert "school " not in result.stderr
    assert result.stdout == ""


def test_two_own_reviews_are_refused_in_the_frameworks_words(
    responses: Path, tmp_path: Path
) -> None:
    other = tmp_path / "again.yaml"
    other.write_text(Path(SETTING).read_text(encoding="utf-8"), encoding="utf-8")
    result = run("voices", str(responses), SETTING, str(other), "--framework", FRAMEWORK)
    assert result.exit_code == 1
    assert "a review of the setting itself (no `respondent`): give at most one" in (result.stderr)
    assert "school" not in result.stderr


def test_combine_writes_a_draft_of_the_settings_review(responses: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft.yaml"
    result = run("combine", str(responses), "--framework", FRAMEWORK, "-o", str(draft))
    assert result.exit_code == 0, result.output
    text = draft.read_text(encoding="utf-8")
    assert text.startswith("# A draft of the setting's review from 11 responses, made by ")
    refused = run("combine", str(responses), SETTING, "--framework", FRAMEWORK, "-o", "-")
    assert refused.exit_code == 1
    assert "a review of the setting itself (no `respondent`): the draft is made" in (refused.stderr)


def test_report_voices_refuses_an_own_review_in_the_frameworks_words(responses: Path) -> None:
    voices = ["--voices", str(responses), "--voices", SETTING]
    result = run("report", SETTING, "--framework", FRAMEWORK, *voices)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{SETTING}:2:1: error: respondent: a review of the setting itself (no `respondent`), "
        "not a respondent's answers: the report's own review is ASSESSMENT\n"
    )


def test_becta_keeps_its_words(root: Path, tmp_path: Path) -> None:
    own = root / "examples" / "example-primary-2026.yaml"
    again = tmp_path / "again.yaml"
    again.write_text(own.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("voices", str(root / "examples" / "respondents"), str(own), str(again))
    assert result.exit_code == 1
    assert "a review of the school itself (no `respondent`): give at most one" in result.stderr


# -- plans, comparisons and assess ----------------------------------------------------------


def _other_setting(tmp_path: Path) -> Path:
    text = Path(SETTING).read_text(encoding="utf-8").replace("SET-001", "SET-002")
    path = tmp_path / "other.yaml"
    path.write_text(text.replace("2026-11-01", "2026-12-01"), encoding="utf-8")
    return path


def test_plan_status_refuses_another_settings_review(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    made = run("plan", SETTING, "--framework", FRAMEWORK, "--rules", RULES, "-o", str(plan))
    assert made.exit_code == 0, made.output
    result = run(
        "plan",
        "--status",
        str(plan),
        "--framework",
        FRAMEWORK,
        "--review",
        str(_other_setting(tmp_path)),
    )
    assert result.exit_code == 1
    assert (
        "school.id: --review is of setting SET-002 (Example Community Setting); the plan "
        f"{plan} is for setting SET-001 (Example Community Setting) (give --review a later "
        "review of the plan's setting)"
    ) in result.stderr


def test_report_refuses_a_previous_review_of_another_setting(tmp_path: Path) -> None:
    other = _other_setting(tmp_path)
    result = run("report", str(other), "--framework", FRAMEWORK, "--previous", SETTING)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{SETTING}:4:14: error: school.id: --previous is a review of setting SET-001, "
        "ASSESSMENT of setting SET-002 (give --previous an earlier review of the same setting; "
        "if it is this setting under a changed id, add --any-school)\n"
    )
    assert result.stdout == ""


def test_assess_asks_for_the_setting_in_the_frameworks_words(tmp_path: Path) -> None:
    out = tmp_path / "new.yaml"
    answers = "SET-7\nA Setting\n\n\nq\n"
    result = CliRunner().invoke(
        cli, ["assess", FRAMEWORK, "-o", str(out)], input=answers, catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "A new technology self-check against Technology standards" in result.output
    assert "Setting id: SET-7" in result.output
    assert "Setting name: A Setting" in result.output
    assert "URN" not in result.output
    assert "school" not in result.output.lower()
    assert out.read_text(encoding="utf-8").startswith(
        "# A technology self-check written by `selfreview assess`"
    )


def test_assess_keeps_becta_words(tmp_path: Path) -> None:
    out = tmp_path / "new.yaml"
    result = CliRunner().invoke(
        cli,
        ["assess", "becta-srf", "-o", str(out)],
        input="100001\nA School\n\n\nq\n",
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "A new self-review against" in result.output
    assert "School id (e.g. its URN): 100001" in result.output
    assert "School name: A School" in result.output
    assert out.read_text(encoding="utf-8").startswith(
        "# A self-review written by `selfreview assess`"
    )


# -- the cohort's tables and the dashboard ----------------------------------------------------


class _Visible(HTMLParser):
    """What a reader of a page sees or hears: its text, titles and labels (not class names)."""

    def __init__(self) -> None:
        super().__init__()
        self.said: list[str] = []
        self.styling = False

    def handle_data(self, data: str) -> None:
        if not self.styling:
            self.said.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.styling = tag == "style"
        self.said += [v for k, v in attrs if k in ("aria-label", "title") and v]

    def handle_endtag(self, tag: str) -> None:
        self.styling = False


def visible(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    return "\n".join(parser.said)


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    """Three settings, one reviewed in 2025 too (a trend), each from the example's answers."""
    folder = tmp_path / "cohort"
    folder.mkdir()
    text = Path(SETTING).read_text(encoding="utf-8")
    for name, setting, day in (
        ("a", "SET-001", "2026-11-01"),
        ("b", "SET-002", "2026-10-01"),
        ("c", "SET-003", "2026-10-02"),
        ("d", "SET-001", "2025-11-01"),
    ):
        changed = text.replace("SET-001", setting).replace("2026-11-01", day)
        (folder / f"{name}.yaml").write_text(changed, encoding="utf-8")
    return folder


def dashboard_said(cohort: Path, folder: Path, *more: str) -> str:
    """What a reader of `benchmark --format html` of `cohort` meets (`visible`)."""
    page = folder / "dashboard.html"
    made = run(
        "benchmark",
        str(cohort),
        "--framework",
        FRAMEWORK,
        *more,
        "--format",
        "html",
        "-o",
        str(page),
    )
    assert made.exit_code == 0, made.output
    return visible(page.read_text(encoding="utf-8"))


def test_the_cohort_table_counts_settings(cohort: Path) -> None:
    result = run("benchmark", str(cohort), "--framework", FRAMEWORK)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Cohort of 3 settings (latest review of each setting) on\nexample-tech-standards@1.\n"
        "Overall: each setting's mean strand level.\n"
    )
    assert "Settings at each level, from 0 (worst) to 3 (best)." in result.stdout
    assert "school" not in result.stdout.lower()


def test_one_settings_table_and_page_speak_of_settings(cohort: Path, tmp_path: Path) -> None:
    table = run("benchmark", str(cohort), "--framework", FRAMEWORK, "--school", "SET-001")
    assert table.exit_code == 0, table.output
    header = next(line for line in table.stdout.splitlines() if line.startswith("strand "))
    assert header.split() == ["strand", "title", "setting", "Q1", "median", "Q3", "percentile"]
    assert "school" not in table.stdout.lower()
    said = dashboard_said(cohort, tmp_path, "--school", "SET-001")
    assert "school" not in said.lower()
    for words in (
        "Each bar reaches the setting's score",
        "The setting against the cohort, aspect by aspect",
        "This setting",
        "the setting's line against the cohort's median",
        "Settings reviewed",
        "(each setting's latest review of the year)",
    ):
        assert words in said, words


def test_report_cohort_shows_the_settings_scores_beside_the_cohort(
    cohort: Path, tmp_path: Path
) -> None:
    """SPEC section 10: "Reports show "1.75 (level 1)"": the setting's aspects and overall
    against the cohort, at the score its answers give (mean policy: overall 1.75)."""
    parquet = tmp_path / "cohort.parquet"
    assert run("collect", str(cohort), "--framework", FRAMEWORK, "-o", str(parquet)).exit_code == 0
    page = tmp_path / "report.html"
    made = run(
        "report",
        SETTING,
        "--framework",
        FRAMEWORK,
        "--cohort",
        str(parquet),
        "--min-group",  # a cohort of a few settings: by default its figures are withheld
        "1",
        "--format",
        "html",
        "-o",
        str(page),
    )
    assert made.exit_code == 0, made.output
    text = page.read_text(encoding="utf-8")
    section = visible(text[text.index('<section id="cohort">') :])
    assert "this setting: 1.75 (level 1)" in section
    assert "1.75 (level 1), median 1, percentile" in section
    assert "S-C Cyber security" in section
    assert "1.875 (level 1), median 1, percentile" in section
    assert "Each bar reaches the setting's score" in section
    # The bar reaches the score: 1.875 is seven eighths of the way from level 1 to level 2.
    bars = re.findall(r'<rect x="260" y="\d+" width="([\d.]+)" height="8"', text)
    column = 480 / 4
    assert [float(w) for w in bars] == [
        pytest.approx((s + 0.5) * column, abs=0.05) for s in (1.5, 1.5, 1.875, 2.5, 1.75)
    ]


def test_a_duplicate_review_is_named_as_the_frameworks_subject(cohort: Path) -> None:
    copy = cohort / "e.yaml"
    copy.write_text((cohort / "a.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("benchmark", str(cohort), "--framework", FRAMEWORK)
    assert result.exit_code == 1
    assert f"warning: setting SET-001 has 2 reviews dated 2026-11-01: {cohort / 'a.yaml'}" in (
        result.stderr
    )


def test_collect_names_a_duplicate_review_as_the_frameworks_subject(
    cohort: Path, tmp_path: Path
) -> None:
    """`collect`'s warning of two reviews on one date speaks of the reviews' framework's
    subject; Becta's reviews keep "school" (tests/cli/test_collect.py)."""
    copy = cohort / "e.yaml"
    copy.write_text((cohort / "a.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "cohort.parquet"
    result = run("collect", str(cohort), "--framework", FRAMEWORK, "-o", str(out))
    assert result.exit_code == 1
    assert f"warning: setting SET-001 has 2 reviews dated 2026-11-01: {cohort / 'a.yaml'}" in (
        result.stderr
    )
    assert "school" not in result.stderr.lower()


# -- no "school" left where the framework says otherwise --------------------------------------


SWEEP = [
    ["validate", FRAMEWORK, SETTING, RULES],
    ["show", FRAMEWORK],
    ["show", FRAMEWORK, "L-G-1"],
    ["report", SETTING, "--framework", FRAMEWORK, "--rules", RULES],
    ["report", SETTING, "--framework", FRAMEWORK, "--format", "markdown"],
    ["report", SETTING, "--framework", FRAMEWORK, "--format", "html"],
    ["report", SETTING, "--framework", FRAMEWORK, "--format", "summary"],
    ["awards", SETTING, "--framework", FRAMEWORK],
    ["benchmark", "COHORT", "--framework", FRAMEWORK],
    ["benchmark", "COHORT", "--framework", FRAMEWORK, "--format", "html"],
    ["benchmark", "COHORT", "--framework", FRAMEWORK, "--school", "SET-002", "--format", "html"],
    ["support", "COHORT", "--framework", FRAMEWORK, "--rules", RULES],
    ["support", "COHORT", "--framework", FRAMEWORK, "--format", "html"],
    ["voices", "RESPONSES", SETTING, "--framework", FRAMEWORK],
    ["voices", "RESPONSES", SETTING, "--framework", FRAMEWORK, "--format", "html"],
    ["combine", "RESPONSES", "--framework", FRAMEWORK, "-o", "DRAFT"],
    ["plan", SETTING, "--framework", FRAMEWORK, "--rules", RULES, "-o", "PLAN"],
]


@pytest.mark.parametrize("args", SWEEP, ids=lambda args: " ".join(args[:1] + args[-2:]))
def test_no_command_says_school_of_a_framework_that_says_setting(
    args: list[str], cohort: Path, responses: Path, tmp_path: Path
) -> None:
    """Every word a reader meets (page text, titles and labels; not class names, nor the
    JSON and CSV field names programs rely on) is the framework's."""
    places = {
        "COHORT": str(cohort),
        "RESPONSES": str(responses),
        "PLAN": str(tmp_path / "p.yaml"),
        "DRAFT": str(tmp_path / "draft.yaml"),
    }
    result = run(*(places.get(a, a) for a in args))
    assert result.exit_code == 0, result.output
    said = result.output
    if "--format" in args and args[args.index("--format") + 1] in ("html", "summary"):
        said = visible(result.stdout) + result.stderr
    words = said.replace(str(tmp_path), "TMP").lower()  # the test's name is in its folder's
    assert "school" not in words, [line for line in said.splitlines() if "chool" in line]
    assert "self-review" not in words


def test_plan_status_speaks_scores_not_schools(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    assert (
        run("plan", SETTING, "--framework", FRAMEWORK, "--rules", RULES, "-o", str(plan)).exit_code
        == 0
    )
    result = run("plan", "--status", str(plan), "--framework", FRAMEWORK, "--review", SETTING)
    assert result.exit_code == 0, result.output
    assert "school" not in result.output.lower()
    assert "L-G-1: 1.75 (level 1) → 1.75 (level 1) unchanged" in result.output


def test_report_voices_in_markdown_has_the_settings_column_and_scores(responses: Path) -> None:
    result = run(
        "report",
        SETTING,
        "--framework",
        FRAMEWORK,
        "--voices",
        str(responses),
        "--format",
        "markdown",
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    lines = lines[lines.index("## What the respondents said") :]
    assert "| Strand | teachers | governors | Setting |" in lines
    row = next(line for line in lines if line.startswith("| L-G-1 "))
    assert row.endswith("| 1.75 (level 1) |")
    assert "(level 0) \\[0\\] n=5" in row
    assert "| C-N-3 Cabling between buildings | \\- | \\- | n/a |" in lines  # not applicable
    assert (
        "Each group: median score (level) \\[worst..best level given\\] n=how many answered."
    ) in lines


def test_a_score_is_drawn_only_beside_the_level_it_leads_to() -> None:
    """`school_section`'s scores (SPEC section 10: a level is the level at ⌊score⌋) are shown
    where they agree with the position's level; one that does not is left out, not shown
    beside a level it contradicts, and terms name the school as the framework does."""
    from selfreview_core import load_assessment, load_framework
    from selfreview_core.cohort.benchmarking import benchmark
    from selfreview_core.cohort.dashboard_charts import school_section
    from selfreview_core.model.questions import Terms

    framework = load_framework(FRAMEWORK)
    review = load_assessment(SETTING, framework)
    cohort = benchmark(framework, [review])
    entry = cohort.position("SET-001")
    levels = {a: entry.get(a).level for a in cohort.aspects}
    assert levels["L-G"] == 1
    terms = Terms(subject="setting", subjects="settings", review="check")
    html = "\n".join(school_section(cohort, entry, terms, {"L-G": 1.5, "S-C": 0.5}))
    assert "this setting: 1.5 (level 1)" in html
    assert "1.5 (level 1), median 1, percentile 50" in html
    assert "0.5 (level 0)" not in html  # S-C is at level 1: 0.5 would contradict it
    assert f"this setting: level {levels['S-C']}" in html
    plain = "\n".join(school_section(cohort, entry))
    assert "this school: level 1" in plain
    assert "(level" not in plain


def test_anonymised_labels_and_refusals_are_in_the_frameworks_words(
    cohort: Path, tmp_path: Path
) -> None:
    refused = run("benchmark", str(cohort), "--framework", FRAMEWORK, "--anonymise")
    assert refused.exit_code == 1
    assert (
        "the cohort has 3 settings, fewer than the 5 an anonymised cohort needs: each would "
        "stand out"
    ) in refused.stderr
    said = dashboard_said(
        cohort, tmp_path, "--anonymise", "--min-group", "1", "--school", "SET-002"
    )
    assert re.search(r"^Setting [123] against the cohort$", said, re.MULTILINE)
    assert sorted(re.findall(r"^Setting [123]$", said, re.MULTILINE)) == [
        "Setting 1",
        "Setting 2",
        "Setting 3",
    ]
    assert "school" not in said.lower()
    assert "SET-00" not in said
    table = run(
        "benchmark",
        str(cohort),
        "--framework",
        FRAMEWORK,
        "--anonymise",
        "--min-group",
        "1",
        "--format",
        "json",
    )
    names = {entry["school"]["name"] for entry in json.loads(table.stdout)["schools"]}
    ids = {entry["school"]["id"] for entry in json.loads(table.stdout)["schools"]}
    assert names == {"Setting 1", "Setting 2", "Setting 3"}
    assert ids == {"school-1", "school-2", "school-3"}  # ids, like field names, stay


def test_a_setting_apart_from_a_group_is_said_with_scores(responses: Path, tmp_path: Path) -> None:
    own = tmp_path / "own.yaml"
    text = Path(SETTING).read_text(encoding="utf-8")
    own.write_text(text.replace("  C-N-2: 2 ", "  C-N-2: 1 "), encoding="utf-8")
    result = run("voices", str(responses), str(own), "--framework", FRAMEWORK)
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())  # as one line, however it was wrapped
    assert (
        "C-N-2 Wireless network: teachers (median score 1, level 1) and governors (median "
        "score 3, level 3) are 2 levels apart; the setting's own judgement (score 1, level 1) "
        "is 2 or more levels from the median of governors 3 (level 3)."
    ) in said


def test_voices_tells_not_applicable_from_not_judged(responses: Path, tmp_path: Path) -> None:
    """Issue 19: a strand the setting's own review marks not applicable (C-N-3 in the
    example) is `n/a` in its own column and `school_not_applicable` in the JSON, not the
    `-` of a strand it did not judge; the key is absent everywhere else."""
    extra = json.loads(response("teachers", {"L-G-1-a": "no"}, 1))
    extra["judgements"] = {"C-N-3": 2}
    folder = tmp_path / "with-cabling.jsonl"
    text = responses.read_text(encoding="utf-8") + json.dumps(extra) + "\n"
    folder.write_text(text, encoding="utf-8")
    table = run("voices", str(folder), SETTING, "--framework", FRAMEWORK)
    assert table.exit_code == 0, table.output
    row = next(line for line in table.stdout.splitlines() if line.startswith("C-N-3"))
    assert row.rstrip().endswith("n/a"), row
    data = run("voices", str(folder), SETTING, "--framework", FRAMEWORK, "--format", "json")
    strands = {s["strand"]: s for s in json.loads(data.stdout)["strands"]}
    assert strands["C-N-3"]["school_not_applicable"] is True
    assert strands["C-N-3"]["school"] is None
    assert all("school_not_applicable" not in s for k, s in strands.items() if k != "C-N-3")


def test_report_cohort_withholds_a_few_settings_figures_in_their_words(
    cohort: Path, tmp_path: Path
) -> None:
    """A cohort of three settings: its figures are withheld, said of settings."""
    parquet = tmp_path / "cohort.parquet"
    assert run("collect", str(cohort), "--framework", FRAMEWORK, "-o", str(parquet)).exit_code == 0
    made = run("report", SETTING, "--framework", FRAMEWORK, "--cohort", str(parquet))
    assert made.exit_code == 0, made.output
    said = " ".join(made.stdout.split("\nIn the cohort\n")[1].split())
    assert "The cohort has 3 settings judging each of " in said
    assert "this setting's percentile) is shown only where at least 6 settings have" in said
    assert "besides any one of them, and it is withheld alike in every setting's report" in said
    assert "school" not in said.lower()
