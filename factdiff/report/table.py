"""The terminal table: conflicts first, then agreements (singles with ``show_all``)."""
from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

_STYLE = {"conflict": "bold red", "agree": "green", "single": "dim"}


def _quote(m, width: int = 90) -> Text:
    s = m.sentence
    a, b = m.start - m.sentence_start, m.end - m.sentence_start
    left, mid, right = s[:a], s[a:b], s[b:]
    room = max(10, (width - len(mid)) // 2)
    if len(left) > room:
        left = "…" + left[-room:]
    if len(right) > room:
        right = right[:room] + "…"
    t = Text()
    t.append(left.replace("\n", " "))
    t.append(mid.replace("\n", " "), style="bold underline")
    t.append(right.replace("\n", " "))
    return t


def build(report, show_all: bool = False, comparison=None) -> Group:
    """The table; with a baseline ``comparison``, each conflict says whether it is new or
    known, and the baseline entries no longer found are listed as fixed."""
    summary = report.summary()
    states = {}
    if comparison is not None:
        states = {id(f.fact): ("new" if f.is_new else "known") for f in comparison.findings}
    facts = [f for f in report.facts if show_all or f.status != "single"]
    table = Table(box=box.SIMPLE_HEAVY, show_lines=True, expand=True)
    table.add_column("status", no_wrap=True)
    table.add_column("fact", ratio=2)
    table.add_column("source", no_wrap=True)
    table.add_column("value", no_wrap=True)
    table.add_column("quote", ratio=5)
    for f in facts:
        first = True
        status = Text(f.status, style=_STYLE[f.status])
        if id(f) in states:
            status.append(f"\n{states[id(f)]}", style="bold" if states[id(f)] == "new" else "dim")
        for m in f.mentions:
            table.add_row(
                status if first else "",
                Text(f"{f.subject}\n", style="bold").append(Text(f.reason, style="italic dim")) if first else "",
                m.source,
                m.value_text(),
                _quote(m),
            )
            first = False
    head = Text(
        f"{summary['sources']} sources · {summary['facts']} facts · "
        f"{summary['conflict']} conflict · {summary['agree']} agree · {summary['single']} single"
        + ("" if show_all else " (singles hidden: --all)"),
        style="bold",
    )
    if comparison is not None and comparison.baseline:
        head.append(f"\nbaseline {comparison.baseline}: {len(comparison.new)} new · "
                    f"{len(comparison.known)} known · {len(comparison.fixed)} fixed", style="bold")
    parts = [head, table] if facts else [head, Text("No fact is stated by two sources.")]
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
