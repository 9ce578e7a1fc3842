"""GitLab Code Quality: a JSON array of Code Climate issues, one per contradiction.

``location`` is the first statement and ``other_locations`` the one it contradicts.
Severities: ``major`` for a hard conflict (incompatible values), ``minor`` for a soft one (a
rounding, a bound or a later update an editor would query), ``info`` for one accepted in the
baseline. Fingerprints are factdiff's
identity of the finding (GitLab keys findings by it, so they are made unique in a report).
"""
from __future__ import annotations

import hashlib
import json

from . import comparison_of, position, relative_path, rule_of, sources_by_id

_SEVERITY = {"hard": "major", "soft": "minor"}


def render(report, comparison=None, root=None) -> str:
    comparison = comparison_of(report, comparison)
    by_id = sources_by_id(report)
    issues = []
    seen: set[str] = set()
    for f in comparison.findings:
        a, b = f.pair
        fp = f.fact.id
        n = 1
        while fp in seen:
            n += 1
            fp = f"{f.fact.id}-{n}"
        seen.add(fp)
        description = f.fact.reason
        if not f.is_new:
            description += " [known: accepted in the baseline" + (f": {f.note}]" if f.note else "]")
        issues.append({
            "type": "issue",
            "engine_name": "factdiff",
            "check_name": rule_of(f.fact.kind)["id"],
            "description": description,
            "categories": ["Bug Risk"],
            "severity": _SEVERITY[f.level] if f.is_new else "info",
            "fingerprint": fp,
            "location": _location(a, by_id, root),
            "other_locations": [_location(b, by_id, root)],
        })
    for p in report.problems:  # a file not read, so that the widget shows it was not checked
        path = relative_path(p.path, root)
        issues.append({
            "type": "issue",
            "engine_name": "factdiff",
            "check_name": "factdiff/not-read",
            "description": f"not read: {p.reason}",
            "categories": ["Bug Risk"],
            "severity": "info",
            "fingerprint": hashlib.sha1(f"not-read|{path}".encode("utf-8", "surrogatepass")).hexdigest()[:16],
            "location": {"path": path, "lines": {"begin": 1, "end": 1}},
        })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _location(m, by_id: dict, root) -> dict:
    source = by_id.get(m.source)
    start = position(source, m)
    begin = start[0] if start else 1
    end = source.line_col(m.end)[0] if start and source else 1
    return {"path": relative_path(source.path if source else m.source, root),
            "lines": {"begin": begin, "end": end}}
