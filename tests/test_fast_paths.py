"""Fast paths give what the plain reading they skip would give (each keeps a comment saying
why it may skip)."""
from hypothesis import given, settings, strategies as st

from factdiff.compare import _words_with_alnum
from factdiff.extract import names

_TEXT = st.text(alphabet=st.sampled_from(list("aBcDxYZ É’é .,\n\t-1_ΣσǅⅫ(“")), max_size=80)


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_all_capitals_is_the_count_of_upper_and_lower_case_letters(sentence):
    upper = len(names._NOT_UPPER.sub("", sentence))
    assert names._all_capitals(sentence) == (upper > 8 and upper > 1.5 * len(names._NOT_LOWER.sub("", sentence)))


@settings(max_examples=500, deadline=None)
@given(_TEXT, st.integers(1, 5), st.booleans())
def test_words_with_alnum_are_the_plain_filter_cut(part, n, last):
    words = [w for w in part.split() if any(ch.isalnum() for ch in w)]
    assert _words_with_alnum(part, n, last) == (words[-n:] if last else words[:n])
