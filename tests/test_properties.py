"""Properties on arbitrary Unicode (issue 5): ``factdiff.extract`` and ``factdiff.check_texts``
never raise and every span they return lies inside its text; ``decode`` either reads bytes or
says why not. A few hundred examples here; ``make fuzz`` runs the same properties on a million
(``tools/fuzz.py``)."""
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import fuzz  # noqa: E402  (tools/fuzz.py: the strategies and the properties)



def quick(n: int) -> settings:
    return settings(max_examples=n, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@quick(200)
@given(fuzz.articles, fuzz.published)
@example("1" * 400 + " people", None)  # too long for a float
@example("killed ² people and ³ homes on 2² May", "2015-12-23")  # digits int() refuses
@example("\U000112f6\U00016130 people", None)  # digits of a newer Unicode than Python's
@example("!" * 5000 + " " + "a." * 3000, None)  # regexes that used to backtrack
@example("1, " * 2000, None)  # a run of bare figures
@example("\ud800 20 killed \udfff", None)  # lone surrogates
def test_extract_never_raises_and_spans_lie_inside_the_text(text, published):
    fuzz.check_extract(text, published)


@quick(60)
@given(st.dictionaries(st.sampled_from(["a", "b", "c"]), fuzz.articles, min_size=1, max_size=3),
       st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
@example({"a": "The fire killed 20 people.", "b": "The fire killed 25 people.\udfff"}, None)
def test_check_texts_never_raises_and_spans_lie_inside_their_texts(texts, published):
    fuzz.check_report(texts, published)


@quick(150)
@given(st.binary(max_size=400))
@example(b"\x00" * 10 + "20 killed".encode("utf-16-le"))
@example(b"\xff\xfe" + b"\x00\xd8" * 3)  # a BOM, then lone surrogates
def test_decode_reads_or_says_why_not(data):
    fuzz.check_decode(data)


# --- rounding semantics (issue 11): compare.rounding, compatible and clash ---------------------

from factdiff.compare import clash, compatible, rounding  # noqa: E402
from factdiff.model import Mention  # noqa: E402

_SCALES = {"thousand": 10 ** 3, "million": 10 ** 6, "billion": 10 ** 9}


def _money(text: str, value: float, source: str = "a") -> Mention:
    return Mention(0, len(text), text, "money", low=value, high=value, unit="USD",
                   dimension="currency:USD", source=source)


# a figure as written: (digits before the point, digits after it, scale word or None)
_written = st.tuples(st.integers(1, 999), st.integers(0, 2), st.sampled_from([None, "thousand", "million", "billion"]))


def _figure(w, source="a"):
    """(mention, exact value as a fraction of units, half its rounding)."""
    whole, decimals, scale = w
    if scale is None:  # digits alone: an exact figure, read as written
        value = whole
        return _money(f"${value:,}", float(value), source), value, 0
    frac = whole * 10 ** decimals + 7 * (decimals > 0)  # "43", "43.7", "43.07"
    digits = f"{frac // 10 ** decimals}" + (f".{frac % 10 ** decimals:0{decimals}d}" if decimals else "")
    value = frac * _SCALES[scale] // 10 ** decimals
    return _money(f"${digits} {scale}", float(value), source), value, _SCALES[scale] / 10 ** decimals / 2


@quick(400)
@given(_written, _written)
def test_figures_further_apart_than_both_roundings_always_conflict(wa, wb):
    (a, va, ha), (b, vb, hb) = _figure(wa, "a"), _figure(wb, "b")
    assert rounding(a)[0] == pytest.approx(ha) and rounding(b)[0] == pytest.approx(hb)
    apart = abs(va - vb) > ha + hb
    if apart:
        assert not compatible(a, b) and not compatible(b, a)
        assert clash(a, b) is not None and clash(b, a).level == clash(a, b).level
    elif abs(va - vb) < ha + hb:
        assert compatible(a, b) and clash(a, b) is None


@quick(300)
@given(st.integers(1, 999), st.integers(0, 2), st.sampled_from(["thousand", "million", "billion"]))
def test_a_figure_agrees_with_itself_written_another_way(whole, decimals, scale):
    frac = whole * 10 ** decimals + 3 * (decimals > 0)
    digits = f"{frac // 10 ** decimals}" + (f".{frac % 10 ** decimals:0{decimals}d}" if decimals else "")
    value = frac * _SCALES[scale] // 10 ** decimals
    forms = [f"${digits} {scale}", f"{digits} {scale} dollars", f"${value:,}", f"${digits}0 {scale}"
             if decimals else f"${digits}.0 {scale}", f"US${digits} {scale}"]
    ms = [_money(text, float(value), str(n)) for n, text in enumerate(forms)]
    for a in ms:
        for b in ms:
            assert compatible(a, b), (a.text, b.text)
            assert clash(a, b) is None, (a.text, b.text, clash(a, b))


@quick(300)
@given(st.integers(1, 999), st.integers(-2_000_000, 2_000_000))
def test_a_coarse_figure_near_a_precise_one_is_a_soft_rounding_never_more(millions, offset):
    coarse = _money(f"${millions} million", millions * 1e6, "a")
    exact = millions * 10 ** 6 + offset
    if exact <= 0:
        return
    fine = _money(f"${exact:,}", float(exact), "b")
    c = clash(coarse, fine)
    if abs(offset) < 500_000:
        assert c is None                      # within half a unit: the same figure, rounded
    elif -500_000 <= offset < 1_000_000:
        assert c is not None and c.level == "soft" and "round" in c.why   # rounded or cut: query it
    elif abs(offset) > 1_000_000 and exact % 1_000_000:
        assert c is not None and c.level == "hard"


@quick(200)
@given(st.integers(1, 10 ** 6), st.integers(1, 10 ** 6), st.sampled_from(["count", "money"]))
def test_exact_whole_numbers_agree_only_when_equal(x, y, kind):
    a = Mention(0, 1, f"{x:,}", kind, low=float(x), high=float(x), source="a")
    b = Mention(0, 1, f"{y:,}", kind, low=float(y), high=float(y), source="b")
    assert compatible(a, b) is (x == y)
    if x != y and not (str(x).rstrip("0") != str(x) or str(y).rstrip("0") != str(y)):
        assert clash(a, b).level == "hard"   # no trailing zeros: no rounding to query
