"""The number grammar, rule by rule: hand-written sentences in ``extract_cases.toml``."""
import math
import tomllib
from pathlib import Path

import pytest

from factdiff import extract

NUMERIC = ("count", "quantity", "money", "percent", "ratio", "duration", "number", "ordinal")
CASES = tomllib.loads((Path(__file__).parent / "extract_cases.toml").read_text(encoding="utf-8"))["case"]


@pytest.mark.parametrize("case", CASES, ids=[c["rule"] for c in CASES])
def test_extract_case(case):
    mentions = extract(case["text"], published=case.get("published"), prefer=case.get("prefer", "past"))
    for m in mentions:
        assert case["text"][m.start:m.end] == m.text
    for want in case.get("expect", []):
        kind = "date" if "date" in want else want.get("kind")
        m = next((x for x in mentions if x.text == want["text"] and kind in (None, x.kind)), None)
        assert m is not None, (want["text"], [(x.text, x.kind) for x in mentions])
        if "kind" in want:
            assert m.kind == want["kind"], (m.text, m.kind)
        if "date" in want:
            assert m.kind == "date" and m.date == want["date"], (m.text, m.kind, m.date)
        if "unit" in want:
            assert m.unit == want["unit"], (m.text, m.unit)
        if "subject" in want:
            assert m.subject == want["subject"], (m.text, m.subject)
        if "predicate" in want:  # "" for none
            assert (m.predicate or "") == want["predicate"], (m.text, m.predicate)
        for end in ("low", "high"):
            if end in want:
                assert math.isclose(getattr(m, end), want[end], rel_tol=1e-6), (m.text, end, getattr(m, end))
        if "low" in want and "high" not in want and m.kind not in ("percent",):
            assert m.high == m.low or want["text"].lower().startswith(("up to",)), (m.text, m.low, m.high)
    for bad in case.get("no_date", []):
        assert not any(bad in m.text and m.kind == "date" for m in mentions), \
            (bad, [(m.text, m.kind, m.date) for m in mentions])
    for bad in case.get("absent_exact", []):  # no numeric mention of exactly this text
        assert not any(bad == m.text and m.kind in NUMERIC for m in mentions), \
            (bad, [(m.text, m.kind) for m in mentions])
    for bad in case.get("absent", []):
        assert not any(bad in m.text and m.kind in NUMERIC for m in mentions), \
            (bad, [(m.text, m.kind) for m in mentions])
