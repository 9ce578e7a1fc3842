"""The terminal table: conflicts first, then agreements (singles with ``show_all``)."""
from __future__ import annotations

from rich.console import Console, Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..baseline import fact_key

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


def _fact_block(f, state=None) -> Group:
    head = Text()
    level = getattr(f, "level", None)
    if f.status == "conflict" and level in _LEVEL_BADGE:
        head.append(f" {f.status.upper()} · {level.upper()} ", style=_LEVEL_BADGE[level])
    else:
        head.append(f" {f.status.upper()} ", style=_BADGE[f.status])
    head.append("  ")
    head.append(f.subject, style="bold")
    head.append(f"  ({f.kind}, {len({m.source for m in f.mentions})} sources)", style="dim")
    if state:
        head.append(f"  [{state}]", style="bold yellow" if state == "new" else "dim")
    rows = Table(box=None, show_header=False, expand=True, padding=(0, 1), pad_edge=False)
    rows.add_column("source", no_wrap=True, style="cyan", max_width=28)
    rows.add_column("value", max_width=32)
    rows.add_column("quote", ratio=1)
    for m in f.mentions:
        rows.add_row(m.source, Text(m.value_text(), style="bold"), _quote(m))
    reason = Text("   " + f.reason, style="italic dim")
    return Group(head, reason, rows, Text(""))


def build(report, show_all: bool = False, comparison=None) -> Group:
    """Conflicts first, then agreements (then singles with ``show_all``): for each fact, its
    verdict and reason, then every outlet's value and quote. With a baseline ``comparison``,
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
        + ("" if show_all else " (singles hidden: --all)"),
        style="bold",
    )
    if comparison is not None and comparison.baseline:
        head.append(f"\nbaseline {comparison.baseline}: {len(comparison.new)} new · "
                    f"{len(comparison.known)} known · {len(comparison.fixed)} fixed", style="bold")
    parts = [head, Rule(style="dim")]
    parts += [_fact_block(f, states.get(fact_key(f)) if states else None) for f in facts] or [Text("No fact is stated by two sources.")]
    for e in comparison.fixed if comparison is not None else ():
        parts.append(Text(f"fixed: {e.subject or e.kind or 'finding'} {e.fingerprint} "
                          f"(in the baseline, no longer found)", style="green"))
    return Group(*parts)


def render(report, show_all: bool = False, width: int = 160, comparison=None, color: bool = False) -> str:
    """The table as text; ``color`` keeps the terminal's colours (ANSI codes)."""
    console = Console(width=width, record=True, file=_Null(), force_terminal=color,
                      color_system="standard" if color else None)
    console.print(build(report, show_all, comparison))
    return console.export_text(styles=color)


class _Null:
    def write(self, s):
        return len(s)

    def flush(self):
        pass
