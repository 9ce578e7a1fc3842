"""The shortcuts of extraction change nothing: the sentence gate (``extract/gate.py``), the
tokenizer's counted offsets, the early returns of unit and currency lookups, the per-word
memo of context bags."""
from __future__ import annotations

import random
import sys
import tomllib
from pathlib import Path

import pytest

from factdiff import lexicon
from factdiff.extract import extract
from factdiff.extract.text import _TOKEN_RE, Token, tokenize

X = sys.modules["factdiff.extract"]
gate = sys.modules["factdiff.extract.gate"]

CASES = Path(__file__).parent / "extract_cases.toml"

# Digit-free sentences each finder reads only through a word of its own lexicons.
WORDLESS = [
    "An hour later the talks resumed.", "It cost a dollar.", "They walked a square mile.",
    "He measured a in’ of rain.", "We met on Christmas.", "The vote came on the fifteenth.",
    "President Obama spoke.", "Igor Konashenkov, a spokesman for the Defence Ministry, said so.",
    "Two-thirds of voters agreed.", "Hundreds of people fled.", "It happened a few days ago.",
    "Prices rose last year.", "They met at the end of the month.", "He left on Monday’s flight.",
    "Tens of thousands marched.", "She came second.", "The thirtyfirst attempt failed.",
    "A couple of weeks passed.", "Half the town was flooded.", "Minus twenty outside.",
    "The commander-in-chief, General Smith, agreed.", "Black Friday sales fell.",
    "The first Sunday of March.", "Independence Day parades.", "In a week it ends.",
    "The night journey began.", "Nothing happened here at all.", "A few hundred came.",
]


def _texts() -> list[str]:
    cases = tomllib.loads(CASES.read_text(encoding="utf-8"))["case"]
    texts = [c["text"] for c in cases] + WORDLESS
    return texts + [t.upper() for t in texts] + [t.lower() for t in texts]


def _all_finders(monkeypatch) -> None:
    """Every sentence given to every finder, as before the gate."""
    monkeypatch.setattr(gate, "has_digit", lambda text, s, e: True)
    monkeypatch.setattr(X, "_triggers", lambda: (None, None, _Always(), None, frozenset()))


class _Always:
    def fires(self, words) -> bool:
        return True


@pytest.mark.parametrize("published", [None, "2015-12-23"])
def test_gate_changes_no_mention(monkeypatch, published):
    texts = _texts()
    gated = [extract(t, published) for t in texts]
    with monkeypatch.context() as m:
        _all_finders(m)
        full = [extract(t, published) for t in texts]
    assert gated == full
    if published:  # each digit-free sentence is read through its word (but the last one)
        n = len(texts) // 3
        assert [bool(m) for m in gated[n - len(WORDLESS):n]] == [True] * (len(WORDLESS) - 2) + [False, True]


def test_gate_skips_sentences_nothing_reads():
    text = "Nothing happened here at all. The talks went on."
    for s, e in ((0, 29), (30, len(text))):
        assert not gate.has_digit(text, s, e)
        words, toks, pairs = gate.words_of(text, s, e)
        assert not any(X._finders(words, toks))
        assert not X._may_fire(gate.rough_words(text, s, e, X._triggers()[4]))
        assert words >= gate.rough_words(text, s, e, X._triggers()[4])
    assert gate.has_digit("It was 5 km.", 0, 12)  # a digit: every finder reads it


def test_rough_words_hold_every_trigger_among_the_tokens():
    texts = _texts()
    marks = X._triggers()[4]
    trigger_words = set(marks)
    for t in X._triggers()[:3]:
        trigger_words |= t.all_words()
    for text in texts:
        if gate.has_digit(text, 0, len(text)):
            continue
        words = gate.words_of(text, 0, len(text))[0]
        assert words & trigger_words <= gate.rough_words(text, 0, len(text), marks)


def test_tokens_as_the_pattern_reads_them():
    rng = random.Random(7)
    alphabet = list("ab .,'’\t\n\x1c\x1f\u00a0\u2028\u3000 1234567890eE+-:%$€Σς") + ["İ", "\u0301"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        want, prev = [], start
        for m in _TOKEN_RE.finditer(text, start, end):
            a, b = m.span()
            want.append(Token(m.group(), a, b, text[prev:a] if a - prev < 4 else " "))
            prev = b
        got = tokenize(text, start, end)
        assert [(t.text, t.start, t.end, t.pre, t.lower, t.is_digit, t.is_word) for t in got] == \
               [(t.text, t.start, t.end, t.pre, t.lower, t.is_digit, t.is_word) for t in want]


def test_context_bags_follow_added_synonyms():
    text = "Rebels shelled 40 villages near the border on 5 May 2015."
    before = extract(text, "2015-05-06")
    saved = dict(lexicon._EXTRA_SYNONYMS)
    try:
        lexicon.add_synonyms({"settlement": ["border"]})
        after = extract(text, "2015-05-06")
    finally:
        lexicon._EXTRA_SYNONYMS.clear()
        lexicon._EXTRA_SYNONYMS.update(saved)
        lexicon.synonym_index.cache_clear()
    bag = next(m.context for m in after if m.kind == "count")
    assert "settlement" in bag and "border" not in bag
    assert extract(text, "2015-05-06") == before


def test_noise_spans_from_the_first_anchor():
    from factdiff.extract.text import _NOISE_RE, noise_spans

    rng = random.Random(3)
    parts = ["a", "b.c", " ", "@", "#", "://", "http", "https", "www.", "WWW.", "x_y", "+", "-", ".", "é", "\n"]
    for _ in range(20000):
        text = "a" * rng.randint(0, 90) + "".join(rng.choice(parts) for _ in range(rng.randint(0, 30)))
        assert noise_spans(text) == [m.span() for m in _NOISE_RE.finditer(text)]
