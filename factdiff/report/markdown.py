"""Markdown, for a pull-request comment or ``$GITHUB_STEP_SUMMARY``: new contradictions in a
table, known ones and agreements folded away, fixed ones listed."""
from __future__ import annotations

from . import comparison_of, headline, plural, position, relative_path, sources_by_id, unread


def render(report, comparison=None, show_all: bool = False, root=None) -> str:
    comparison = comparison_of(report, comparison)
    by_id = sources_by_id(report)
    new, known = comparison.new, comparison.known
    title = (f"## factdiff: {plural(len(new), 'new contradiction')}" if new
             else "## factdiff: no new contradiction")
    out = [title, "", headline(report, comparison) + ".", ""]
    if new:
        out += _table(new, by_id, root)
    if known:
        out += [f"<details><summary>{plural(len(known), 'known contradiction')} (in the baseline)</summary>", ""]
        out += _table(known, by_id, root, notes=True)
        out += ["</details>", ""]
    if comparison.fixed:
        out += ["Fixed since the baseline (no longer found):", ""]
        out += [f"- {_cell(e.subject or e.kind or 'finding')} (`{e.fingerprint}`)" for e in comparison.fixed]
        out.append("")
    if report.problems:
        out += [f"Not read ({unread(report.problems).replace(' not read', '')}):", ""]
        out += [f"- `{_cell(relative_path(p.path, root))}`: {_cell(p.reason)}" for p in report.problems]
        out.append("")
    facts = [f for f in report.facts if f.status == "agree" or (show_all and f.status == "single")]
    if facts:
        out += [f"<details><summary>{plural(len(facts), 'other fact')}</summary>", "",
                "| status | fact | values |", "|---|---|---|"]
        for f in facts:
            values = "; ".join(f"{m.source}: {m.value_text()}" for m in f.mentions)
            out.append(f"| {f.status} | {_cell(f.subject)} | {_cell(values)} |")
        out += ["", "</details>", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _table(findings, by_id, root, notes: bool = False) -> list[str]:
    rows = ["| level | fact | source | value | statement |", "|---|---|---|---|---|"]
    for f in findings:
        first = True
        for m in f.pair:
            source = by_id.get(m.source)
            start = position(source, m)
            path = relative_path(source.path if source else m.source, root)
            where = f"`{path}:{start[0]}`" if start else f"`{path}`"
            lead = f"{f.level} | {_cell(f.fact.subject)}" if first else " | "
            rows.append(f"| {lead} | {where} | {_cell(m.value_text())} | {_cell(_quote(m))} |")
            first = False
        if notes and f.note:
            rows.append(f"|  | note |  |  | {_cell(f.note)} |")
    return rows + [""]


def _quote(m) -> str:
    s = m.sentence
    a, b = m.start - m.sentence_start, m.end - m.sentence_start
    if not (0 <= a <= b <= len(s)):
        return m.text
    return f"{s[:a]}**{s[a:b]}**{s[b:]}"


def _cell(text: str) -> str:
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
            .replace("<", "&lt;"))
