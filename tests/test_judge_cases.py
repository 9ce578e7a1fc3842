"""Judgement, case by case: small multi-source stories in ``judge_cases.toml``.

Each case names mentions by a verbatim substring of one source (an *anchor*: it must occur
exactly once there) and asserts what the judge made of them:

* ``joined``: one fact holds a mention overlapping every anchor, with the given ``status``
  (and ``level`` when given; ``reason`` lists words the fact's reason must contain);
* ``apart``: no fact holds mentions of two of the anchors;
* ``not_conflict``: no conflict holds mentions of two of the anchors;
* ``absent``: no numeric mention of any fact overlaps the anchor.

Every anchor of ``joined`` and ``apart`` must also have been extracted (some fact holds a
mention overlapping it, of the anchor's ``kind`` when given), so a case never passes because
``extract`` returned nothing. A case with ``xfail = "why"`` is a known defect of the judge:
it is expected to fail (strictly: once it passes, the mark must go).
"""
from __future__ import annotations

import tomllib
from itertools import combinations
from pathlib import Path

import pytest

from factdiff import check_texts

NUMERIC = ("count", "quantity", "money", "percent", "ratio", "duration", "number", "ordinal")
CASES = tomllib.loads((Path(__file__).parent / "judge_cases.toml").read_text(encoding="utf-8"))["case"]
ASSERTIONS = ("joined", "apart", "not_conflict", "absent")


def _params():
    for case in CASES:
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
        yield pytest.param(case, id=case["rule"], marks=marks)


def _sources(case) -> tuple[dict, dict]:
    texts, published = {}, {}
    for sid, spec in case["sources"].items():
        if isinstance(spec, str):
            texts[sid] = spec
        else:
            texts[sid] = spec["text"]
            if "published" in spec:
                published[sid] = spec["published"]
    return texts, published


def _span(texts: dict, anchor: dict) -> tuple[str, int, int]:
    sid, text = anchor["source"], anchor["text"]
    assert sid in texts, f"anchor names an unknown source {sid!r}"
    body = texts[sid]
    assert body.count(text) == 1, f"anchor {text!r} occurs {body.count(text)} times in {sid}"
    start = body.index(text)
    return sid, start, start + len(text)


def _hits(mention, span) -> bool:
    sid, start, end = span
    return mention.source == sid and mention.start < end and mention.end > start


def _holds(fact, span, kind=None) -> bool:
    return any(_hits(m, span) and kind in (None, m.kind) for m in fact.mentions)


def _anchors(value) -> list[dict]:
    return [value] if isinstance(value, dict) else list(value)


def _describe(report) -> str:
    lines = []
    for f in report.facts:
        lines.append(f"{f.status}/{getattr(f, 'level', None)} {f.subject}: {f.reason}")
        lines += [f"    {m.source} {m.text!r} ({m.kind})" for m in f.mentions]
    return "\n".join(lines) or "(no facts)"


def test_cases_are_well_formed():
    rules = [c["rule"] for c in CASES]
    assert len(rules) == len(set(rules)), "each case needs its own rule"
    for case in CASES:
        assert case.get("expect"), case["rule"]
        for want in case["expect"]:
            assert sum(k in want for k in ASSERTIONS) == 1, (case["rule"], want)
            if "joined" in want:
                assert want.get("status") in ("agree", "conflict"), (case["rule"], want)
                assert want.get("level") in (None, "hard", "soft"), (case["rule"], want)
        if case.get("defect"):
            assert "xfail" in case, f"{case['rule']}: a defect case names why it fails (xfail)"


@pytest.mark.parametrize("case", list(_params()))
def test_judge_case(case):
    texts, published = _sources(case)
    report = check_texts(texts, published=published or None)
    facts = list(report.facts)
    seen = _describe(report)
    for want in case["expect"]:
        key = next(k for k in ASSERTIONS if k in want)
        anchors = _anchors(want[key])
        spans = [_span(texts, a) for a in anchors]
        if key in ("joined", "apart"):
            for a, span in zip(anchors, spans):
                assert any(_holds(f, span, a.get("kind")) for f in facts), \
                    f"not extracted: {a}\n{seen}"
        if key == "joined":
            found = [f for f in facts if all(_holds(f, s) for s in spans)]
            assert found, f"not in one fact: {anchors}\n{seen}"
            fact = found[0]
            assert fact.status == want["status"], f"{anchors}: {fact.status}, want {want['status']}\n{seen}"
            if "level" in want:
                level = getattr(fact, "level", None)
                assert level == want["level"], f"{anchors}: level {level}, want {want['level']}\n{seen}"
            for word in want.get("reason", []):
                assert word in fact.reason, f"{word!r} not in the reason {fact.reason!r}\n{seen}"
        elif key in ("apart", "not_conflict"):
            pool = facts if key == "apart" else [f for f in facts if f.status == "conflict"]
            for (a, s), (b, t) in combinations(zip(anchors, spans), 2):
                both = [f for f in pool if _holds(f, s) and _holds(f, t)]
                assert not both, f"{key}: {a['text']!r} and {b['text']!r} share a fact\n{seen}"
        else:  # absent
            for a, span in zip(anchors, spans):
                bad = [m for f in facts for m in f.mentions if _hits(m, span) and m.kind in NUMERIC]
                assert not bad, f"read as a figure: {a['text']!r}: {[(m.text, m.kind) for m in bad]}\n{seen}"
