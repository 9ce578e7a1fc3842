"""``factdiff explain``: why two mentions the user points at were or were not joined.

The user names each mention as ``SOURCE:OFFSET`` or ``SOURCE:LINE:COL`` (SOURCE: a source id,
its path or its file name, as the report shows them; OFFSET: a character offset inside the
mention, as ``start``/``end`` in the JSON; LINE and COL 1-based, as ``line``/``column``). The
answer is :func:`factdiff.align.explain_pair`'s dict, with what each mention is and the fact it
ended up in.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

from ..align import block_key, explain_pair


class ExplainError(ValueError):
    """A mention the user named cannot be found: the message is one line for the user."""


def find_source(sources, name: str):
    """The source ``name`` designates: its id, its path, its file name (with or without the
    extension), or a path to the same file."""
    for test in (lambda s: s.id == name, lambda s: s.path == name, lambda s: Path(s.path).name == name,
                 lambda s: Path(s.path).stem == name):
        found = [s for s in sources if test(s)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ExplainError(f"{name!r} names several sources ({', '.join(s.id for s in found)}): "
                               "use a source id")
    try:
        target = Path(name).resolve()
        found = [s for s in sources if Path(s.path).resolve() == target]
    except (OSError, ValueError):
        found = []
    if len(found) == 1:
        return found[0]
    shown = ", ".join(s.id for s in sources[:8]) + (", …" if len(sources) > 8 else "")
    raise ExplainError(f"unknown source {name!r} (the sources are: {shown})")


def _offset(source, line: int, col: int) -> int:
    text = source.text
    start = 0
    for _ in range(line - 1):
        nl = text.find("\n", start)
        if nl < 0:
            lines = text.count("\n") + 1
            raise ExplainError(f"{source.id}:{line}:{col}: the text has {lines} line{'s' if lines != 1 else ''}")
        start = nl + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    if not 1 <= col <= end - start + 1:
        raise ExplainError(f"{source.id}:{line}:{col}: line {line} has {end - start} characters")
    return start + col - 1


def locate(sources, spec: str) -> tuple:
    """``SOURCE:OFFSET`` or ``SOURCE:LINE:COL`` -> (source, offset)."""
    parts = spec.split(":")
    if len(parts) >= 3 and parts[-1].isdigit() and parts[-2].isdigit():
        name = ":".join(parts[:-2])
        try:
            src = find_source(sources, name)
        except ExplainError:
            src = None  # perhaps a source id with a colon in it, and an offset
        if src is not None:
            line, col = int(parts[-2]), int(parts[-1])
            if line < 1:
                raise ExplainError(f"{spec}: lines are counted from 1")
            return src, _offset(src, line, col)
    name, sep, offset = spec.rpartition(":")
    if not sep or not name:
        raise ExplainError(f"{spec!r}: expected SOURCE:OFFSET or SOURCE:LINE:COL")
    if not offset.isdigit():
        raise ExplainError(f"{spec!r}: the offset {offset!r} is not a number of characters")
    src = find_source(sources, name)
    if int(offset) > len(src.text):
        raise ExplainError(f"{spec}: {src.id} has {len(src.text)} characters")
    return src, int(offset)


def _at(mentions, src, offset: int, spec: str) -> list:
    mine = [m for m in mentions if m.source == src.id]
    here = [m for m in mine if m.start <= offset < m.end]
    if here:
        return here
    near = min(mine, key=lambda m: min(abs(m.start - offset), abs(m.end - 1 - offset)), default=None)
    hint = f" (nearest: “{_short(near.text)}” at {near.start}–{near.end})" if near is not None else \
        f" ({src.id} states no fact)"
    raise ExplainError(f"{spec}: no mention at offset {offset} of {src.id}{hint}")


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


def _pick(xs: list, ys: list, block_key: Callable) -> tuple:
    """Of the mentions at each offset (a figure and a ratio derived from it may share a span),
    the pair that can be compared, stated rather than derived, the narrowest."""
    def rank(pair):
        a, b = pair
        comparable = block_key(a) is not None and block_key(a) == block_key(b)
        return (not comparable, a.derived + b.derived, (a.end - a.start) + (b.end - b.start))

    return min(((a, b) for a in xs for b in ys), key=rank)


def _fact_of(report, m) -> Optional[object]:
    for f in report.facts:
        for x in f.mentions:
            if x is m:
                return f
    for f in report.facts:  # the same statement, if the facts hold copies
        for x in f.mentions:
            if (x.source, x.start, x.end, x.kind, x.text) == (m.source, m.start, m.end, m.kind, m.text):
                return f
    return None


def _mention(m, source, fact) -> dict:
    line, column = source.line_col(m.start)
    return {"source": m.source, "text": m.text, "start": m.start, "end": m.end, "line": line, "column": column,
            "kind": m.kind, "value": m.value_text(), "subject": m.subject, "event": m.predicate or m.event,
            "fact": None if fact is None else {"id": fact.id, "subject": fact.subject, "status": fact.status,
                                               "level": fact.level}}


def explain(report, mentions: list, spec_a: str, spec_b: str, compatible: Callable) -> dict:
    """The answer to ``factdiff explain``: ``explain_pair``'s dict (candidates, compatible,
    score, threshold, linked, constraints, evidence), with ``a`` and ``b`` (each mention and
    the fact it ended up in) and ``same_fact``. Raises ExplainError for a spot with no mention."""
    src_a, off_a = locate(report.sources, spec_a)
    src_b, off_b = locate(report.sources, spec_b)
    a, b = _pick(_at(mentions, src_a, off_a, spec_a), _at(mentions, src_b, off_b, spec_b), block_key)
    out = dict(explain_pair(a, b, mentions, compatible))
    fa, fb = _fact_of(report, a), _fact_of(report, b)
    out["a"] = _mention(a, src_a, fa)
    out["b"] = _mention(b, src_b, fb)
    out["same_fact"] = fa is not None and fa is fb
    return out


def _fact_words(f: Optional[dict]) -> str:
    if f is None:
        return "in no fact (never compared, or a name only one source gives)"
    status = f["status"].upper() + (f" · {f['level'].upper()}" if f.get("level") else "")
    return f"in fact {f['id']} ({status}: {f['subject']})"


def render_text(d: dict) -> str:
    """The answer as lines for a terminal."""
    lines = []
    for key in ("a", "b"):
        m = d[key]
        what = ", ".join(x for x in (m["subject"], m["event"]) if x)
        lines.append(f"{key.upper()}  {m['source']}:{m['start']}–{m['end']} (line {m['line']}, column {m['column']})"
                     f"  “{_short(m['text'], 60)}”  {m['kind']} {m['value']}" + (f" ({what})" if what else ""))
        lines.append(f"   {_fact_words(m['fact'])}")
    lines.append("")
    if not d.get("candidates"):
        lines.append(f"not compared: {d.get('why', 'not candidates')}")
    else:
        limit = "join" if d["compatible"] else "contest"
        verdict = "linked" if d["linked"] else "not linked"
        fit = "values fit (compatible, or apart only by a rounding or a bound)" if d["compatible"] else \
            "values incompatible"
        lines.append(f"{verdict}: {fit}, "
                     f"score {d['score']:.1f} {'≥' if d['score'] >= d['threshold'] else '<'} {limit} threshold "
                     f"{d['threshold']:.1f}; constraints: {', '.join(d['constraints']) or 'none'}")
        width = max(len(e["comparison"]) for e in d["evidence"]) if d["evidence"] else 10
        lw = max(len(e["level"]) for e in d["evidence"]) if d["evidence"] else 10
        for e in d["evidence"]:
            counted = e.get("counts_for_conflict", True) or d["compatible"]
            note = "" if counted else "  (not counted: a conflict is scored on what says it is one thing)"
            lines.append(f"  {e['comparison']:<{width}}  {e['level']:<{lw}}  {e['weight']:+g}{note}")
    if d["same_fact"]:
        how = "" if d.get("linked") else " (joined through the fact's other mentions)"
        lines.append(f"both ended up in the same fact{how}")
    elif d.get("linked"):
        lines.append("scored over the threshold, but grouped apart: the aligner keeps each mention's best "
                     "counterpart in each other source, and joins two groups only when all their values fit")
    else:
        lines.append("they ended up in different facts")
    return "\n".join(lines) + "\n"
