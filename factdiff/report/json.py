"""The JSON contract (version 1). CI users and tests rely on it: change it only by adding
fields, or bump ``VERSION``."""
from __future__ import annotations

import json

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
                "reason": f.reason,
                "mentions": [mention_to_dict(m, by_id.get(m.source)) for m in f.mentions],
            }
            for f in report.facts
        ],
        "summary": report.summary(),
        "problems": [{"path": p.path, "reason": p.reason} for p in report.problems],
    }


def comparison_to_dict(comparison, report) -> dict:
    """Added to the contract for CI: each conflict's level, its two contradicting statements,
    and, with a baseline, whether it is new or known and what the baseline had that is fixed."""
    by_id = {s.id: s for s in report.sources}
    return {
        "baseline": comparison.baseline,
        "conflicts": [
            {
                "id": f.fact.id,
                "values_id": f.values_fingerprint,
                "state": f.state,
                "level": f.level,
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
    from . import comparison_of

    data = report_to_dict(report)
    data["gate"] = comparison_to_dict(comparison_of(report, comparison), report)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
