"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One result per contradiction: ``locations`` holds the first statement and ``relatedLocations``
the one it contradicts (SARIF wants one location when a change at either place fixes the
result), and the message links both. ``partialFingerprints`` carries factdiff's own identity
of the finding, so that viewers match results across runs without line numbers; with a baseline,
``baselineState`` says ``new``, ``unchanged`` or ``updated`` (known, its files renamed), and the
baseline entries no longer found are listed in the run's ``properties.fixed``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..version import __version__
from . import RULES, comparison_of, position, relative_path, rule_of, sources_by_id

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def render(report, comparison=None, root=None) -> str:
    comparison = comparison_of(report, comparison)
    root_dir = Path(root or Path.cwd()).resolve()
    by_id = sources_by_id(report)
    rule_index = {r["id"]: i for i, r in enumerate(RULES)}
    results = []
    for f in comparison.findings:
        rule = rule_of(f.fact.kind)
        a, b = f.pair
        result = {
            "ruleId": rule["id"],
            "ruleIndex": rule_index[rule["id"]],
            "kind": "fail",
            "level": f.severity,
            "message": {
                "text": f.fact.reason,
                "markdown": f"[{_md(a.text)}](1) ({a.source}: {a.value_text()}) contradicts "
                            f"[{_md(b.text)}](2) ({b.source}: {b.value_text()}): {_md(f.fact.subject)}",
            },
            "locations": [_location(a, by_id, root_dir)],
            "relatedLocations": [
                {**_location(m, by_id, root_dir), "id": n,
                 "message": {"text": f"{m.source} states {m.value_text()}: “{m.text}”"}}
                for n, m in enumerate((a, b), start=1)
            ],
            "partialFingerprints": {
                "factdiffFinding/v1": f.fact.id,
                "factdiffValues/v1": f.values_fingerprint,
            },
            "properties": {"subject": f.fact.subject, "kind": f.fact.kind, "level": f.level},
        }
        if f.note:
            result["properties"]["note"] = f.note
        if comparison.baseline:
            result["baselineState"] = f.state
        results.append(result)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "factdiff",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(r) for r in RULES],
            }
        },
        "originalUriBaseIds": {"SRCROOT": {"uri": root_dir.as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "summary": report.summary(),
            "problems": [{"path": p.path, "reason": p.reason} for p in report.problems],
        },
    }
    if comparison.baseline:
        run["properties"]["baseline"] = comparison.baseline
        run["properties"]["fixed"] = [e.to_dict() for e in comparison.fixed]
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _rule(r: dict) -> dict:
    return {
        "id": r["id"],
        "name": r["name"],
        "shortDescription": {"text": r["short"]},
        "fullDescription": {"text": r["full"]},
        "help": {"text": r["help"], "markdown": r["help"]},
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["contradiction", "consistency"]},
    }


def _location(m, by_id: dict, root: Path) -> dict:
    source = by_id.get(m.source)
    path = source.path if source else m.source
    rel = relative_path(path, root)
    if rel.startswith("/"):
        artifact = {"uri": Path(rel).as_uri()}
    else:
        artifact = {"uri": quote(rel), "uriBaseId": "SRCROOT"}
    physical: dict[str, Any] = {"artifactLocation": artifact}
    start = position(source, m)
    if start is not None and source is not None:
        end = source.line_col(m.end)
        physical["region"] = {"startLine": start[0], "startColumn": start[1],
                              "endLine": end[0], "endColumn": end[1], "snippet": {"text": m.text}}
    return {"physicalLocation": physical}


def _md(text: str) -> str:
    """Text safe inside a SARIF markdown link label."""
    return "".join("\\" + c if c in "\\[]()*_`" else c for c in text.replace("\n", " "))
