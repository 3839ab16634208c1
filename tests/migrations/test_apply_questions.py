"""`selfreview migrate` of a review judged by answers to a version whose strands have no
questions (or other ones), and back. Before round 47 the answers were carried as they were
and the whole migration was refused at the end, "error: judgements.L-G-1.answers: `L-G-1`
has no questions to answer", naming no file, with nothing written, the levels given and the
strands not applicable lost with it. Now each such strand is left for review (`questions`),
with its evidence, and the rest comes across."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from program import selfreview_here
from selfreview_core import load_assessment, load_framework
from selfreview_core.dump import dump_yaml
from selfreview_core.model.framework import Framework

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "examples" / "questions" / "technology-standards.yaml"
SETTING = ROOT / "examples" / "questions" / "example-setting.yaml"
FRAMEWORKS = ["--framework", str(QUESTIONS), "--framework", "v2.yaml"]
UP = ["--migration", "up.yaml", "-o"]
DOWN = ["--migration", "down.yaml", "-o"]


def _without_questions(framework: Framework) -> Framework:
    data: dict[str, Any] = framework.model_dump(by_alias=True, exclude_none=True)
    data.pop("answer_sets")
    data["version"] = "2"
    for element in data["elements"]:
        for aspect in element["aspects"]:
            for strand in aspect["strands"]:
                strand.pop("questions", None)
    return Framework.model_validate(data)


def _files(tmp_path: Path) -> tuple[Framework, list[str]]:
    old = load_framework(QUESTIONS)
    new = _without_questions(old)
    (tmp_path / "v2.yaml").write_text(dump_yaml(new), "utf-8")
    mapped = "{" + ", ".join(f"{s}: {s}" for s in old.strand_ids) + "}"
    for name, start, end in (("up", "1", "2"), ("down", "2", "1")):
        (tmp_path / f"{name}.yaml").write_text(
            f"kind: migration\nfrom: {old.id}@{start}\nto: {old.id}@{end}\nstrands: {mapped}\n",
            "utf-8",
        )
    return old, FRAMEWORKS


def test_answers_the_new_version_cannot_take_are_left_for_review_and_the_rest_comes_across(
    tmp_path: Path,
) -> None:
    old, frameworks = _files(tmp_path)
    setting = load_assessment(SETTING)
    by_answers = [s for s, j in setting.judgements.items() if j.answers]
    assert by_answers == ["L-G-1", "L-G-2", "C-N-1", "S-C-1", "S-C-2", "S-F-1"]
    result = selfreview_here(
        ["migrate", str(SETTING), "--to", f"{old.id}@2", *frameworks, *UP, "v2-setting.yaml"],
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr.decode()
    said = result.stderr.decode()
    assert "2 judgements carried as they were: C-N-2, C-N-3" in said
    assert "6 strands to judge (no level given):" in said
    assert (
        "    L-G-1 (questions): `L-G-1` of example-tech-standards@1 was judged by its answers, "
        "but in example-tech-standards@2 `L-G-1` has no questions to answer.\n" in said
    )
    written = yaml.safe_load((tmp_path / "v2-setting.yaml").read_text("utf-8"))
    assert written["framework"] == "example-tech-standards@2"
    assert written["judgements"] == {
        "C-N-2": 2,
        "C-N-3": {"applicable": False, "evidence": "The setting is a single building"},
    }
    assert list(written["review"]) == by_answers
    review = written["review"]["L-G-1"]
    assert review["reason"] == "questions"
    assert review["evidence"] == "Named in the leadership handbook"
    # C-N-1 gave a level as well: it is not carried without the answers it agreed with.
    assert written["review"]["C-N-1"]["reason"] == "questions"

    back = selfreview_here(
        ["migrate", "v2-setting.yaml", "--to", f"{old.id}@1", *frameworks, *DOWN, "v1.yaml"],
        cwd=tmp_path,
    )
    assert back.returncode == 0, back.stderr.decode()
    again = load_assessment(tmp_path / "v1.yaml", framework=old)
    assert dict(again.judgements) == {s: setting.judgements[s] for s in ("C-N-2", "C-N-3")}
    assert list(again.awaiting_review) == by_answers


def test_answers_the_new_version_takes_come_across_as_they_were(tmp_path: Path) -> None:
    """The same questions and answer sets: nothing for review, the answers kept whole."""
    old = load_framework(QUESTIONS)
    same = Framework.model_validate({**old.model_dump(by_alias=True), "version": "2"})
    (tmp_path / "v2.yaml").write_text(dump_yaml(same), "utf-8")
    mapped = "{" + ", ".join(f"{s}: {s}" for s in old.strand_ids) + "}"
    (tmp_path / "up.yaml").write_text(
        f"kind: migration\nfrom: {old.id}@1\nto: {old.id}@2\nstrands: {mapped}\n", "utf-8"
    )
    result = selfreview_here(
        ["migrate", str(SETTING), "--to", f"{old.id}@2", *FRAMEWORKS, *UP, "out.yaml"],
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr.decode()
    carried = load_assessment(tmp_path / "out.yaml", framework=same)
    assert dict(carried.judgements) == dict(load_assessment(SETTING).judgements)
    assert not carried.awaiting_review
