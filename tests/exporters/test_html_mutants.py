"""The HTML page's behaviour that its mutation pass (round 40) found no test held, pinned
by what a reader of the page meets."""

from __future__ import annotations

import json
import re
from pathlib import Path

from exporters.test_exporters import (
    NEW,
    OLD,
    assert_safe_html,
    example_report,
    export,
    unsafe_link_report,
)
from program import selfreview_here
from selfreview_core import Engine, Judgement, Report, load_assessment
from selfreview_core.loader import load_framework

AWARDS = NEW.parent / "awards"


def test_a_report_with_no_recommendations_lists_nothing_to_do_first() -> None:
    report = example_report().model_copy(update={"recommendations": ()})
    html = export(report, "html")
    page = assert_safe_html(html)
    assert 'id="first"' not in html
    assert "things to do first" not in html
    assert "No recommendations." in page.text


def dropped_report(strand: str) -> Report:
    """The example review without its judgement of `strand`, compared with the one before."""
    engine = Engine(entry_points=False)
    names = engine.framework_names()
    new, old = load_assessment(NEW, names), load_assessment(OLD, names)
    judgements = {k: v for k, v in new.judgements.items() if k != strand}
    return engine.report(new.model_copy(update={"judgements": judgements}), old)


def strand_row(html: str, strand: str) -> str:
    [row] = [
        line for line in html.splitlines() if line.startswith(f'<tr><th scope="row">{strand} ')
    ]
    return row


def test_a_strand_judged_before_but_not_now_shows_no_change() -> None:
    report = dropped_report("1a1")
    assert report.previous is not None
    assert "1a1" in report.previous.judgements
    row = strand_row(export(report, "html"), "1a1")
    assert row.endswith('<td class="num" data-label="Change"></td></tr>')
    assert "None" not in row


def test_an_awards_strand_not_applicable_is_listed_under_it_with_why() -> None:
    """The illustrative award needs 1b1 at level 2; a school where 1b1 does not apply sees
    that said under the award, with its reason, as SPEC section 10 has it."""
    framework = load_framework(AWARDS / "illustrative-award-framework.yaml")
    school = load_assessment(AWARDS / "example-school.yaml", {framework.ref: framework})
    judgements = {**school.judgements, "1b1": Judgement(applicable=False, evidence="No pupils")}
    school = school.model_copy(update={"judgements": judgements})
    html = export(Engine(entry_points=False).report(school, framework=framework), "html")
    assert_safe_html(html)
    assert (
        '<ul class="not-applicable"><li>Not applicable: 1b1 is not applicable: No pupils</li></ul>'
        in "".join(html.splitlines())
    )


def test_advice_two_rule_packs_give_credits_both_on_its_card(tmp_path: Path) -> None:
    packs = []
    for name in ("pack-a", "pack-b"):
        rule = {"id": "same", "when": {"strand": "1a1", "below": 1}}
        rule["recommend"] = {"title": "Same advice", "action": "Do it"}
        pack = {"kind": "rules", "id": name, "framework": "becta-srf", "rules": [rule]}
        (tmp_path / f"{name}.json").write_text(json.dumps(pack), encoding="ascii")
        packs += ["--rules", str(tmp_path / f"{name}.json")]
    done = selfreview_here(["report", str(NEW), *packs, "--format", "html"])
    assert done.returncode == 0, done.stderr.decode()
    html = done.stdout.decode("utf-8")
    card = re.search(r"<h5>Same advice</h5>.*?</(article|details)>", html, flags=re.S)
    assert card is not None
    assert '<p class="meta"><strong>Source:</strong> pack-a, pack-b</p>' in card.group()


def test_an_engine_warning_is_listed_among_the_problems_not_called_a_plugins_failure() -> None:
    """`--disable` of a name no plugin has is the engine's warning, not a plugin's work that
    failed: the section says problems were met, and names each with its source."""
    engine = Engine(entry_points=False, disable=["nosuch"])
    report = engine.report(load_assessment(NEW))
    assert [p.source for p in report.problems] == ["engine"]
    html = engine.export(report, "html")
    assert isinstance(html, str)
    section = html[html.index('<section id="problems">') :]
    section = section[: section.index("</section>")]
    assert "<h2>Problems</h2>" in section
    assert "Met while making the report" in section
    assert "nosuch" in section


def test_a_plugins_disguised_script_links_are_left_out_and_a_mail_link_adds_no_header() -> None:
    """Schemes a browser would run, however written (entities, any case, a no-break space
    or a line break in front or inside), are left out and counted; a mail link with a line
    break and a `Bcc:` after it is shown, and stays one address: the break is not a header
    (a browser drops a URL's line breaks; no `?` or `&` is added to start a header field)."""
    mail = "mailto:head@example.org\nBcc: all@example.org"
    hostile = (
        "&#106;avascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "\u00a0javascript:alert(1)",
        "\njavascript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
    )
    [rec] = unsafe_link_report().recommendations
    rec = rec.model_copy(update={"links": (*hostile, mail)})
    html = export(example_report().model_copy(update={"recommendations": (rec,)}), "html")
    page = assert_safe_html(html)
    hrefs = [a["href"] or "" for a in page.named("a") if not (a["href"] or "").startswith("#")]
    assert len(hrefs) == 1
    followed = re.sub(r"[\t\n\r]", "", hrefs[0])  # what a browser's URL parser keeps
    assert followed == "mailto:head@example.orgBcc: all@example.org"
    assert "?" not in followed
    assert "&" not in followed
    assert f"{len(hostile)} link(s) left out" in "".join(page.text)
    assert "javascript" not in html.lower()
    assert "&#106;" not in html
