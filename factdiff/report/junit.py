"""JUnit XML: one test case per contradiction (a failure when new, skipped when accepted in the
baseline), in the conservative shape that passes both the Jenkins xUnit (Surefire) schema and
the strict Apache Ant one: no attributes on ``<testsuites>``; ``package``, ``id``, ``hostname``,
``timestamp``, ``<properties>``, ``<system-out>`` and ``<system-err>`` on the suite.
"""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from . import comparison_of, headline, position, relative_path, sources_by_id

# Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(report, comparison=None, root=None, timestamp=None) -> str:
    comparison = comparison_of(report, comparison)
    by_id = sources_by_id(report)
    stamp = timestamp or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    cases = []
    for f in comparison.findings:
        a, b = f.pair
        where = " / ".join(_where(m, by_id, root) for m in (a, b))
        case = ET.Element("testcase", name=_x(f"{f.fact.subject}: {a.source} vs {b.source}"),
                          classname=f"factdiff.{f.fact.kind}", time="0")
        if f.is_new:
            failure = ET.SubElement(case, "failure", type=f"contradiction.{f.level}",
                                    message=_x(f.fact.reason))
            failure.text = _x(f"{f.fact.reason}\n{where}\nfingerprint {f.fact.id}")
        else:
            skipped = ET.SubElement(case, "skipped", message=_x(
                "known contradiction, accepted in the baseline" + (f": {f.note}" if f.note else "")))
            skipped.text = _x(f"{f.fact.reason}\n{where}")
        cases.append(case)
    if not cases:
        cases.append(ET.Element("testcase", name="no contradiction between the sources",
                                classname="factdiff", time="0"))
    failures = len(comparison.new)
    suites = ET.Element("testsuites")
    suite = ET.SubElement(suites, "testsuite", name="factdiff", package="factdiff", id="0",
                          tests=str(len(cases)), failures=str(failures), errors="0",
                          skipped=str(len(comparison.known)), time="0",
                          timestamp=stamp.strftime("%Y-%m-%dT%H:%M:%S"), hostname="localhost")
    props = ET.SubElement(suite, "properties")
    for name, value in report.summary().items():
        ET.SubElement(props, "property", name=name, value=str(value))
    if comparison.baseline:
        ET.SubElement(props, "property", name="baseline", value=_x(comparison.baseline))
    suite.extend(cases)
    out = [headline(report, comparison)]
    out += [f"fixed since the baseline: {e.subject or e.kind} ({e.fingerprint})" for e in comparison.fixed]
    ET.SubElement(suite, "system-out").text = _x("\n".join(out))
    ET.SubElement(suite, "system-err").text = _x("\n".join(f"{p.path}: {p.reason}" for p in report.problems))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _where(m, by_id: dict, root) -> str:
    source = by_id.get(m.source)
    start = position(source, m)
    path = relative_path(source.path if source else m.source, root)
    return f"{path}:{start[0]}:{start[1]}" if start else path


def _x(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
