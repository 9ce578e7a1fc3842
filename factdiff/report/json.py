"""The JSON contract (version 1). CI users and tests rely on it: change it only by adding
fields, or bump ``VERSION``."""
from __future__ import annotations

import io
import json
import math
import re

import orjson

from . import comparison_of

VERSION = 1


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
        "sources": _sources(report),
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
        "problems": _problems(report),
    }


def _sources(report) -> list:
    return [{"id": s.id, "path": s.path, "title": s.title, "published": s.published} for s in report.sources]


def _problems(report) -> list:
    return [{"path": p.path, "reason": p.reason} for p in report.problems]


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
    by_id = {s.id: s for s in report.sources}
    gate = comparison_to_dict(comparison_of(report, comparison), report)
    fh.write('{\n  "version": ' + _dump(VERSION, 1) + ',\n  "sources": ' + _dump(_sources(report), 1))
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
    for key, value in (("summary", report.summary()), ("problems", _problems(report)), ("gate", gate)):
        fh.write(f',\n  "{key}": ' + _dump(value, 1))
    fh.write("\n}\n")


# What orjson writes, and json never, for a number under 1e-4: "0.00001" and "2.5e-7" (json:
# "1e-05", "2.5e-07"). Each pattern opens with text to search for, so a line is scanned fast.
_SMALL_NUMBER_RES = (re.compile(rb"0\.0000(?<![0-9]0\.0000)"), re.compile(rb"e-(?<=[0-9]e-)"))


def dumps_line(value, finite: bool) -> str:
    """``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``, written by orjson
    (several times faster) where it writes the same text: not for a number under 1e-4 (found
    in what orjson writes), an int past 64 bits or a string orjson refuses, nor when ``finite``
    is false (json writes NaN where orjson writes null; see :func:`finite_numbers`)."""
    if finite:
        try:
            data = orjson.dumps(value)
        except orjson.JSONEncodeError:
            data = None
        if data is not None and not any(p.search(data) for p in _SMALL_NUMBER_RES):
            return data.decode()
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def finite_numbers(report) -> bool:
    """Whether every float of ``report_to_dict(report)`` (and of its gate, whose mentions are
    the facts') is finite: the mentions' values (an infinite end is written null, a NaN is
    not) and the evidence's scores and weights."""
    isfinite = math.isfinite
    for f in report.facts:
        for m in f.mentions:
            if m.low != m.low or m.high != m.high:  # NaN
                return False
        for link in f.evidence:
            if not isfinite(link[5]) or not all(isfinite(e[2]) for e in link[6]):
                return False
    return True


def _dump(value, level: int) -> str:
    """``value`` as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it, ``level`` levels
    deep; a NaN or infinite float is written ``null``."""
    try:
        text = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONEncodeError:  # an int past 64 bits, a key that is no string
        text = None
    if text is None or "0.0000" in text:  # orjson writes 1e-05 as 0.00001
        text = json.dumps(value, indent=2, ensure_ascii=False)
    return text.replace("\n", "\n" + "  " * level) if level else text  # strings escape their newlines
