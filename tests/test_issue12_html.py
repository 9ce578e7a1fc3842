"""Issue 12, item 12: every tick label of the HTML number line reads the value it marks."""
import math

import pytest

from factdiff.report import html

SUFFIX = {"k": 1e3, "M": 1e6, "bn": 1e9, "T": 1e12}


def _read(label: str) -> float:
    label = label.replace(",", "").replace("−", "-")
    for suffix, size in sorted(SUFFIX.items(), key=lambda kv: -len(kv[0])):
        if label.endswith(suffix):
            return float(label[: -len(suffix)]) * size
    return float(label)


@pytest.mark.parametrize("k", range(13))
def test_compact_labels_read_their_value(k):
    for m in (1, 2, 2.5, 4, 5):
        v = m * 10 ** k
        assert math.isclose(_read(html._compact(v)), v, rel_tol=1e-9), (v, html._compact(v))
    assert html._compact(40_000) == "40k" and html._compact(100_000) == "100k"


@pytest.mark.parametrize("lo, hi", [(10 ** a, 10 ** b) for a in range(13) for b in range(a + 1, 13)][::5]
                         + [(30_000, 45_000), (90_000, 120_000), (1, 10 ** 12)])
def test_number_line_ticks_read_their_value(lo, hi):
    for log in (False, True):
        scale = html._Scale.__new__(html._Scale)
        scale.log = log
        scale.a, scale.b = (math.log10(lo), math.log10(hi)) if log else (lo, hi)
        for v, label in scale.ticks():
            assert math.isclose(_read(label), v, rel_tol=1e-9), (lo, hi, v, label)
