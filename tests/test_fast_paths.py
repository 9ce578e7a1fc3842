"""Fast paths give what the plain reading they skip would give (each keeps a comment saying
why it may skip)."""
import dataclasses
import inspect

import pytest
from hypothesis import given, settings, strategies as st

from factdiff.compare import Clash, _words_with_alnum
from factdiff.extract import names
from factdiff.extract.dates import _P, DateHit
from factdiff.extract.numbers import _Reading, Num
from factdiff.extract.roles import RoleHit
from factdiff.extract.units import Unit
from factdiff.model import Fact, Mention

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


def test_written_out_classes_read_what_the_class_patterns_read():
    """``standard_patterns`` writes each class out as the safe characters it holds: on text of
    safe characters the patterns read what the patterns with the classes read."""
    import random
    import re

    from factdiff.extract import text as T

    gap, unsafe, word = T.standard_patterns()
    plain_gap, plain_word = re.compile(T._GAP_TOKEN), re.compile(T._WORD_RE.pattern)
    safe = [chr(cp) for cp in range(0x20D0) if not unsafe.match(chr(cp))]
    pool = safe + list("aet  .,12eE+-’'") * 20
    rnd = random.Random(3)
    for _ in range(20000):
        s = "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 30)))
        a = rnd.randint(0, len(s))
        b = rnd.randint(a, len(s))
        assert gap.findall(s, a, b) == plain_gap.findall(s, a, b)
        assert word.findall(s, a, b) == plain_word.findall(s, a, b)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["last", "LAST", "this", "next", "past", "previous", "year", "YEAR", "month",
                                 "week", "WEE\u212a", "quarter", "decade", "Decade", " ", "  ", "\n", "the"]),
                max_size=8))
def test_a_relative_period_is_never_skipped(words):
    from factdiff.extract import _RELATIVE_FRAME_RE, _may_name_period

    sentence = " ".join(words)
    if _RELATIVE_FRAME_RE.search(sentence):
        assert _may_name_period(sentence)


@pytest.mark.parametrize("cls", [Mention, Fact, Clash, Num, _Reading, DateHit, _P, RoleHit, Unit],
                         ids=lambda c: c.__name__)
def test_written_out_init_is_the_one_dataclasses_would_write(cls):
    """The ``__init__`` of these dataclasses is written out (for the compiled build): the same
    parameters, in the same order with the same defaults, as dataclasses generates from the
    fields, and it stores each argument in its own field; a frozen class stays frozen."""
    fields = dataclasses.fields(cls)
    frozen = cls.__dataclass_params__.frozen
    assert "__init__" in vars(cls)
    generated = dataclasses.make_dataclass("Generated", [(f.name, f.type, f) for f in fields], frozen=frozen)
    assert list(inspect.signature(cls.__init__).parameters.values()) == \
        list(inspect.signature(generated.__init__).parameters.values())
    values = {f.name: f"value of {f.name}" for f in fields}
    made = cls(**values)
    assert {f.name: getattr(made, f.name) for f in fields} == values
    if frozen:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, fields[0].name, 1)


def test_noise_anchors_are_where_the_case_blind_alternation_finds_them():
    import random

    import regex

    from factdiff.extract.text import _NOISE_ANCHOR_RE

    every = "".join(map(chr, range(0x110000)))
    assert regex.findall("w", every, regex.IGNORECASE) == ["W", "w"]  # the anchor's "[Ww]"
    blind = regex.compile(r"[@#]|://|www\.", regex.IGNORECASE)
    rnd = random.Random(5)
    for _ in range(5000):
        s = "".join(rnd.choice("wW.:/@# xé") for _ in range(rnd.randint(0, 20)))
        assert [m.span() for m in _NOISE_ANCHOR_RE.finditer(s)] == [m.span() for m in blind.finditer(s)]


_LINE = st.lists(st.sampled_from(["WASHINGTON", "New York", "Lebanon", "N.Y.", ",", " ", "  ", "(AP)", "/Wire/",
                                  "March 3", "2019", " —", " –", "-", "--", ":", "\n", "\t", "\x1c", "said", "*"]),
                 max_size=10).map("".join)


@settings(max_examples=500, deadline=None)
@given(_LINE, st.integers(0, 160))
def test_every_wire_dateline_holds_its_end(line, stop):
    from factdiff.extract.datelines import _WIRE_END_RE, _WIRE_RE

    if _WIRE_RE.match(line, 0, stop):
        assert _WIRE_END_RE.search(line, 0, stop)


_CLOCK = st.lists(st.sampled_from(["7", "11", "23", "2015", ":", ":30", ".30", " ", "\n", "a", "P", ".", "m", "M",
                                   "o'", "o’", "clock", "\x1c"]), max_size=8).map("".join)
_PHONE = st.lists(st.tuples(st.sampled_from(["+44", "+", "555", "1234", "(202)", "12", "a"]),
                            st.sampled_from(["", " ", "-", ".", "\x1c"])), max_size=5).map(lambda xs: "".join(map("".join, xs)))


@settings(max_examples=500, deadline=None)
@given(_CLOCK, _PHONE)
def test_every_clock_time_and_phone_number_holds_its_cue(clock, phone):
    from factdiff.extract import dates

    for text in (clock, phone, clock + phone):
        if dates._TIME_RE.search(text):
            assert dates._TIME_CUE_RE.search(text)
        if dates._PHONE_RE.search(text):
            assert dates._PHONE_CUE_RE.search(text)


def test_sentence_ends_are_where_the_regex_alternation_finds_them():
    import random
    import re

    import regex

    from factdiff.extract import text as T

    every = "".join(map(chr, range(0x110000)))
    assert re.findall(f"[{T._WHITE_SPACE}]", every) == regex.findall(r"\s", every)
    old = regex.compile(r"(?<![.!?])[.!?]++[\"”’')\]]*+(?=\s)|\n[ \t]*+\n|\n")
    rnd = random.Random(7)
    for _ in range(5000):
        s = "".join(rnd.choice(".!?\n \t\x1c\u2003”')]a") for _ in range(rnd.randint(0, 20)))
        a = rnd.randint(0, len(s))
        assert [m.span() for m in T._SENT_END_RE.finditer(s, a)] == [m.span() for m in old.finditer(s, a)]


def test_tokens_are_the_plain_patterns_tokens():
    """``_TOKEN_RE`` and ``_WORD_RE`` are written for re's engine (word first, no repeated
    groups): both modules read with them what they read with the plain patterns."""
    import random
    import re

    import regex

    from factdiff.extract import text as T

    plain_token = (r"(?<![\w.])\.\d+(?:[eE][+-]?\d+\b)?|\d+(?:[.,:]\d+)*(?:[eE][+-]?\d+\b)?"
                   r"|[^\W\d_]+(?:['’][^\W\d_]+)*|[^\s\x1c-\x1f]")
    plain_word = r"[^\W\d_]+(?:['’][^\W\d_]+)*"
    pairs = [(regex.compile(T._TOKEN_RE.pattern, regex.V1), regex.compile(plain_token, regex.V1)),
             (regex.compile(T._WORD_RE.pattern, regex.V1), regex.compile(plain_word, regex.V1)),
             (re.compile(T._TOKEN_RE.pattern), re.compile(plain_token)),
             (re.compile(T._WORD_RE.pattern), re.compile(plain_word))]
    rnd = random.Random(11)
    for _ in range(5000):
        s = "".join(rnd.choice("ab'’.,:1e+- \x1c_é\u0301٣") for _ in range(rnd.randint(0, 20)))
        a = rnd.randint(0, len(s))
        for new, old in pairs:
            assert new.findall(s, a) == old.findall(s, a)


def test_with_sets_is_replace():
    """``Mention.with_sets`` (written out for the compiled build) is ``dataclasses.replace`` of
    the two sets, every other field kept."""
    fields = [f.name for f in dataclasses.fields(Mention)]
    m = Mention(**{name: f"value of {name}" for name in fields})
    entities, companions = frozenset({"a"}), frozenset({"b"})
    got, want = m.with_sets(entities, companions), dataclasses.replace(m, entities=entities, companions=companions)
    assert [getattr(got, name) for name in fields] == [getattr(want, name) for name in fields]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["1", "25", "twenty", "and", "A", "point", "people", "million", "٣", "²", "x"]),
                min_size=30, max_size=60))
def test_a_number_run_stops_counting_where_the_share_is_decided(words):
    from factdiff.extract import _WORD_RE, _number_run, _spoken

    text = " ".join(words).ljust(200)
    found = _WORD_RE.findall(text)
    plain = len(found) >= 40 and sum(1 for w in found if w[0].isdigit() or w.lower() in _spoken()) > 0.8 * len(found)
    assert _number_run(text, 0, len(text)) == plain


def test_a_text_scanned_once_for_unsafe_characters_answers_for_its_stretches():
    from factdiff.extract import text as T

    unsafe = T.standard_patterns()[1]
    for text in ("Plain words, “quoted”, 3.5 m", "Ünïcödé fine but Ωmega is not", "ﬁ ligature", ""):
        T.scan_for_unsafe(text)
        for a in range(len(text) + 1):
            for b in range(a, len(text) + 1):
                assert T.holds_unsafe(text, a, b) == bool(unsafe.search(text, a, b))
    T.scan_for_unsafe("")
