"""A plugin whose exporter fails on one school of a batch (a template missing a value that
school's review leaves out) and renders the others. Before round 50 a batch into a folder
ended on that school with nothing written, and the error named no school."""

from __future__ import annotations

from selfreview_core import Exporter, Report, hookimpl

#: The school the exporter fails on (`examples/cohort/primary-2-2025.yaml`).
FAILS_ON = "900002"


def render(report: Report) -> str:
    school = report.assessment.school
    if school.id == FAILS_ON:
        raise KeyError("no value for `headteacher`")
    return f"{school.id}: {school.name}\n"


@hookimpl
def selfreview_exporters() -> list[Exporter]:
    return [Exporter("hostile-picky", "txt", "text/plain", render)]
