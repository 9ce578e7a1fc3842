"""Properties on arbitrary Unicode (issue 5): ``factdiff.extract`` and ``factdiff.check_texts``
never raise and every span they return lies inside its text; ``decode`` either reads bytes or
says why not. A few hundred examples here; ``make fuzz`` runs the same properties on a million
(``tools/fuzz.py``)."""
import sys
from pathlib import Path

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
