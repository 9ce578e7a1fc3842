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


def render(report) -> str:
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False) + "\n"
