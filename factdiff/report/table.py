"""The terminal table: conflicts first, then agreements (singles with ``show_all``)."""
from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..align.evidence import threshold
from ..baseline import fact_key
from . import unread

_BADGE = {"conflict": "bold white on red", "agree": "bold black on green", "single": "black on grey70"}
_LEVEL_BADGE = {"hard": "bold white on red", "soft": "bold black on yellow"}


def _quote(m, width: int = 90) -> Text:
    s = m.sentence
    a, b = m.start - m.sentence_start, m.end - m.sentence_start
    left, mid, right = s[:a], s[a:b], s[b:]
    room = max(10, (width - len(mid)) // 2)
    if len(left) > room:
        cut = left[-room:]
        left = "…" + (cut.split(" ", 1)[1] if " " in cut[:15] else cut)
    if len(right) > room:
        cut = right[:room]
        right = (cut.rsplit(" ", 1)[0] if " " in cut[-15:] else cut) + "…"
    t = Text()
    t.append(left.replace("\n", " "))
    t.append(mid.replace("\n", " "), style="bold underline")
    t.append(right.replace("\n", " "))
    return t


def explain_lines(f) -> list[str]:
    """What joined a fact's mentions, one line per kind of link: the strongest link's
    comparisons with a non-zero weight that its score counts, their sum and the threshold
    ("joined by (a ↔ b): value exact_distinctive +4, event same +2 = 6.0 ≥ 3.0")."""
    out = []
    links = getattr(f, "evidence", ())
    for kind, verb, limit in (("agree", "joined by", "join"), ("contest", "contested by", "contest")):
        mine = [link for link in links if link[4] == kind]
        if not mine:
            continue
        sa, _, sb, _, _, score, ev = max(mine, key=lambda link: link[5])  # the first of the strongest
        parts = [f"{c} {lv} {w:+g}" for c, lv, w, counted in ev if counted and w]
        more = f", strongest of {len(mine)} links" if len(mine) > 1 else ""
        out.append(f"{verb} ({sa} ↔ {sb}{more}): {', '.join(parts) or 'nothing'} = {score:.1f} "
                   f"≥ {threshold(limit):.1f}")
    return out


def _fact_block(f, state=None, explain: bool = False) -> Group:
    head = Text()
    level = getattr(f, "level", None)
    if f.status == "conflict" and level in _LEVEL_BADGE:
        head.append(f" {f.status.upper()} · {level.upper()} ", style=_LEVEL_BADGE[level])
    else:
        head.append(f" {f.status.upper()} ", style=_BADGE[f.status])
    head.append("  ")
    head.append(f.subject, style="bold")
    n = len({m.source for m in f.mentions})
    head.append(f"  ({f.kind}, {n} source{'' if n == 1 else 's'})", style="dim")
    if state:
        head.append(f"  [{state}]", style="bold yellow" if state == "new" else "dim")
    rows = Table(box=None, show_header=False, expand=True, padding=(0, 1), pad_edge=False)
    rows.add_column("source", no_wrap=True, style="cyan", max_width=28)
    rows.add_column("value", max_width=32)
    rows.add_column("quote", ratio=1)
    for m in f.mentions:
        rows.add_row(m.source, Text(m.value_text(), style="bold"), _quote(m))
    reason = Text("   " + f.reason, style="italic dim")
    if explain and f.status != "single":
        why = [Text("   " + line, style="dim") for line in explain_lines(f)]
        return Group(head, reason, *why, rows, Text(""))
    return Group(head, reason, rows, Text(""))


def build(report, show_all: bool = False, comparison=None, explain: bool = False) -> Group:
    """Conflicts first, then agreements (then singles with ``show_all``): for each fact, its
    verdict and reason (with ``explain``, the evidence that joined it), then every outlet's
    value and quote. With a baseline ``comparison``,
    each conflict says whether it is new or known, and the baseline entries no longer found
    are listed as fixed."""
    summary = report.summary()
    states = {}
    if comparison is not None:
        if comparison.baseline:
            states = {f.key: ("new" if f.is_new else "known") for f in comparison.findings}
    facts = [f for f in report.facts if show_all or f.status != "single"]
    head = Text(
        f"{summary['sources']} sources · {summary['facts']} facts · "
        f"{summary['conflict']} conflict · {summary['agree']} agree · {summary['single']} single"
        + ("" if show_all else " (singles hidden: --all)")
        + (f" · {unread(report.problems)}" if report.problems else ""),
        style="bold",
    )
    if comparison is not None and comparison.baseline:
        head.append(f"\nbaseline {comparison.baseline}: {len(comparison.new)} new · "
                    f"{len(comparison.known)} known · {len(comparison.fixed)} fixed", style="bold")
    parts: list[RenderableType] = [head, Rule(style="dim")]
    parts += [_fact_block(f, states.get(fact_key(f)) if states else None, explain) for f in facts] \
        or [Text("No fact is stated by two sources.")]
    for p in report.problems:
        parts.append(Text(f"not read: {p.path}: {p.reason}", style="yellow"))
    for e in comparison.fixed if comparison is not None else ():
        parts.append(Text(f"fixed: {e.subject or e.kind or 'finding'} {e.fingerprint} "
                          f"(in the baseline, no longer found)", style="green"))
    return Group(*parts)


def render(report, show_all: bool = False, width: int = 160, comparison=None, color: bool = False,
           explain: bool = False) -> str:
    """The table as text; ``color`` keeps the terminal's colours (ANSI codes); ``explain``
    adds, under each agreement and conflict, which evidence joined its mentions."""
    console = Console(width=width, record=True, file=_Null(), force_terminal=color,
                      color_system="standard" if color else None)
    console.print(build(report, show_all, comparison, explain))
    text = console.export_text(styles=color)
    if not color:  # rich pads each row to the full width: a piped table keeps no trailing spaces
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text


class _Null(io.StringIO):
    """A text stream that keeps nothing (the console records what it prints)."""

    def write(self, s: str) -> int:
        return len(s)
