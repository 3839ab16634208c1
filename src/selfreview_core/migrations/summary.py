"""What a migration did, in words: for `selfreview migrate` to print, and for the header
comment of the file it writes."""

from __future__ import annotations

from .._words import plural
from ..escaping import shown, shown_name
from .apply import Migrated

__all__ = ["file_header", "summary_lines"]


def summary_lines(result: Migrated, name: str) -> list[str]:
    """What `migrate` did, in words: carried, left for review (why), dropped. The file,
    frameworks, migrations and strands are named as names (`escaping.shown_name`): two
    strands that differ by an invisible character are told apart."""
    name, source, target = (shown_name(n) for n in (name, result.source, result.target))
    if not result.steps:
        return [f"{name} is already of {target}: nothing to carry."]
    via = ", then ".join(shown_name(step.id or step.ref) for step in result.steps)
    lines = [f"Carried {name} from {source} to {target} via {via}."]
    carried = result.carried
    lines.append(
        f"  {plural(len(carried), 'judgement')} carried as they were"
        + (f": {', '.join(map(shown_name, carried))}" if carried else "")
    )
    if result.review:
        lines.append(f"  {plural(len(result.review), 'strand')} to judge (no level given):")
        lines.extend(
            f"    {shown_name(item.strand)} ({item.reason}): {item.review.note}"
            for item in result.review
        )
    if result.dropped:
        dropped = ", ".join(
            f"{shown_name(d.strand)} of {shown_name(d.framework)}"
            + (f" (level {d.level})" if d.level is not None else "")
            for d in result.dropped
        )
        lines.append(f"  {plural(len(result.dropped), 'retired strand')} dropped: {dropped}")
    return lines


def file_header(result: Migrated) -> str:
    """The comment a migrated YAML file starts with: where it was carried from, and what
    to do with the strands left for review (none when nothing was carried)."""
    if not result.steps:
        return ""
    # A comment is raw text: a control character in a framework's id would make the
    # file unreadable and reach the terminal, so it is shown escaped.
    carried = shown(f"Carried from {result.source} to {result.target}", newline=False)
    header = f"# {carried} by `selfreview migrate`.\n"
    if result.review:
        header += (
            "# Strands under `review` have no level yet: judge them, then add them to "
            "`judgements`.\n"
        )
    return header
