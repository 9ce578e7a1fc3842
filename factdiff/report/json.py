"""The JSON contract (version 1). CI users and tests rely on it: change it only by adding
fields, or bump ``VERSION``."""
from __future__ import annotations

import io
import json
import math

from ..model import Report

VERSION = 1
_INF = math.inf


def mention_to_dict(m, source) -> dict:
    line, column = source.line_col(m.start) if source is not None else (None, None)
    return {
        "source": m.source,
        "text": m.text,
        "start": m.start,
        "end": m.end,
        "line": line,
        "column": column,
        "sentence": m.sentence,
        "value": m.value_dict(),
        "qualifier": m.qualifier,
    }


def evidence_to_list(fact) -> list:
    """The links that joined a fact's mentions (``Fact.evidence``): for each, the two mentions
    (source and start), its kind ("agree" or "contest"), its score and every comparison's level
    and weight (``counted``: whether the score counts it; a contest leaves the value out)."""
    return [{"a": {"source": sa, "start": ia}, "b": {"source": sb, "start": ib}, "kind": kind, "score": score,
             "evidence": [{"comparison": c, "level": lv, "weight": w, "counted": counted}
                          for c, lv, w, counted in ev]}
            for sa, ia, sb, ib, kind, score, ev in getattr(fact, "evidence", ())]


def report_to_dict(report) -> dict:
    by_id = {s.id: s for s in report.sources}
    return {
        "version": VERSION,
        "sources": [{"id": s.id, "path": s.path, "title": s.title, "published": s.published}
                    for s in report.sources],
        "facts": [
            {
                "id": f.id,
                "subject": f.subject,
                "kind": f.kind,
                "status": f.status,
                "level": f.level,
                "reason": f.reason,
                "mentions": [mention_to_dict(m, by_id.get(m.source)) for m in f.mentions],
                "evidence": evidence_to_list(f),
            }
            for f in report.facts
        ],
        "summary": report.summary(),
        "problems": [{"path": p.path, "reason": p.reason} for p in report.problems],
    }


def comparison_to_dict(comparison, report) -> dict:
    """Added to the contract for CI: each conflict's level (``hard`` or ``soft``, and as a
    ``severity``: ``error`` or ``warning``), its two contradicting statements,
    and, with a baseline, whether it is new or known (``state``; ``baseline_state`` says as SARIF
    does whether a known one is ``unchanged`` or ``updated``) and what the baseline had that is
    fixed."""
    by_id = {s.id: s for s in report.sources}
    return {
        "baseline": comparison.baseline,
        "conflicts": [
            {
                "id": f.fact.id,
                "values_id": f.values_fingerprint,
                "state": f.gate_state,
                "baseline_state": f.state,
                "level": f.level,
                "severity": f.severity,
                "note": f.note,
                "pair": [mention_to_dict(m, by_id.get(m.source)) for m in f.pair],
            }
            for f in comparison.findings
        ],
        "fixed": [e.to_dict() for e in comparison.fixed],
        "new": len(comparison.new),
        "known": len(comparison.known),
    }


def render(report, comparison=None) -> str:
    out = io.StringIO()
    write(report, out, comparison)
    return out.getvalue()


def write(report, fh, comparison=None) -> None:
    """The document ``render`` returns, written to ``fh`` one fact at a time (a run of a
    million mentions never holds its JSON text whole): the same bytes as
    ``json.dumps(data, indent=2, ensure_ascii=False) + "\n"`` of the whole document."""
    from . import comparison_of

    by_id = {s.id: s for s in report.sources}
    head = report_to_dict(Report(sources=report.sources, facts=[], problems=report.problems))
    gate = comparison_to_dict(comparison_of(report, comparison), report)
    fh.write('{\n  "version": ' + _dump(head["version"], 1) + ',\n  "sources": ' + _dump(head["sources"], 1))
    fh.write(',\n  "facts": [')
    first = True
    for f in report.facts:
        fact = {"id": f.id, "subject": f.subject, "kind": f.kind, "status": f.status, "level": f.level,
                "reason": f.reason,
                "mentions": [mention_to_dict(m, by_id.get(m.source)) for m in f.mentions],
                "evidence": evidence_to_list(f)}
        fh.write(("\n    " if first else ",\n    ") + _dump(fact, 2))
        first = False
    fh.write("]" if first else "\n  ]")
    for key, value in (("summary", report.summary()), ("problems", head["problems"]), ("gate", gate)):
        fh.write(f',\n  "{key}": ' + _dump(value, 1))
    fh.write("\n}\n")


def _dump(value, level: int) -> str:
    """``value`` as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it ``level``
    levels deep. The standard library writes indented JSON with its pure-Python encoder; this
    writes the same text with its C string encoder, several times faster on a large report."""
    out: list = []
    _put(value, "\n" + "  " * level, out.append)
    return "".join(out)


_ENCODE_STR = json.encoder.encode_basestring  # the C function where the platform has it
_FLOAT_REPR = float.__repr__


def _put(v, nl: str, put) -> None:
    if isinstance(v, str):
        put(_ENCODE_STR(v))
    elif v is None:
        put("null")
    elif v is True:
        put("true")
    elif v is False:
        put("false")
    elif isinstance(v, int):
        put(int.__repr__(v))
    elif isinstance(v, float):
        put(_FLOAT_REPR(v) if v == v and v not in (_INF, -_INF) else
            "NaN" if v != v else "Infinity" if v > 0 else "-Infinity")
    elif isinstance(v, dict):
        if not v:
            put("{}")
            return
        inner = nl + "  "
        first = True
        for k, x in v.items():
            put(("{" if first else ",") + inner + _ENCODE_STR(k if isinstance(k, str) else json.dumps(k)) + ": ")
            first = False
            _put(x, inner, put)
        put(nl + "}")
    elif isinstance(v, (list, tuple)):
        if not v:
            put("[]")
            return
        inner = nl + "  "
        first = True
        for x in v:
            put(("[" if first else ",") + inner)
            first = False
            _put(x, inner, put)
        put(nl + "]")
    else:
        put(json.dumps(v, ensure_ascii=False))
