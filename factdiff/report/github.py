"""GitHub Actions workflow commands: an annotation on each line of a new contradiction (both
statements), then a summary, since GitHub shows only ten annotations of a level per step.

Known contradictions (in the baseline) are counted in the summary, not annotated. Each file not
read is a ``::warning`` on that file; the summary is a ``::notice``.
"""
from __future__ import annotations

from typing import Any

from . import comparison_of, headline, plural, position, relative_path, rule_of, sources_by_id

PER_STEP_LIMIT = 10  # GitHub shows this many annotations of each level per step


def render(report, comparison=None, root=None) -> str:
    comparison = comparison_of(report, comparison)
    by_id = sources_by_id(report)
    lines = []
    per_level: dict[str, int] = {}
    for f in comparison.new:
        a, b = f.pair
        title = f"factdiff {rule_of(f.fact.kind)['id']}: {f.fact.subject}"
        for here, there in ((a, b), (b, a)):
            source = by_id.get(here.source)
            props: dict[str, Any] = {"file": relative_path(source.path if source else here.source, root),
                                     "title": title}
            start = position(source, here)
            if start is not None and source is not None:
                end = source.line_col(here.end)
                props.update(line=start[0], col=start[1], endLine=end[0], endColumn=end[1])
            message = (f"“{here.text}” ({here.source}: {here.value_text()}) contradicts "
                       f"“{there.text}” ({there.source}: {there.value_text()}).\n{f.fact.reason}")
            level = f.severity
            per_level[level] = per_level.get(level, 0) + 1
            lines.append(command(level, message, **props))
    summary = headline(report, comparison)
    if comparison.known:
        summary += f". Known contradictions are not annotated ({plural(len(comparison.known), 'finding')})."
    over = [lv for lv, n in per_level.items() if n > PER_STEP_LIMIT]
    if over:
        summary += (f" GitHub shows only {PER_STEP_LIMIT} annotations of each level per step; "
                    f"{sum(per_level.values())} were written: see this log or the SARIF report.")
    for p in report.problems:  # a file not read: said where it is, as a warning
        lines.append(command("warning", f"not read: {p.reason}", file=relative_path(p.path, root),
                             title="factdiff: " + ("folder" if hasattr(p, "files") else "file") + " not read"))
    lines.append(command("notice", summary, title="factdiff summary"))  # the annotations carry the levels
    for f in comparison.fixed:
        lines.append(f"fixed since the baseline: {f.subject or f.kind} ({f.fingerprint})")
    return "\n".join(lines) + "\n"


def command(name: str, message: str, **props) -> str:
    """One workflow command, escaped as actions/toolkit does."""
    params = ",".join(f"{k}={_escape_property(str(v))}" for k, v in props.items() if v not in (None, ""))
    return f"::{name}{' ' + params if params else ''}::{_escape_data(message)}"


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")
