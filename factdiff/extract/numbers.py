"""The number grammar: digits, number words, scales, fractions, vague amounts, ordinals.

``read_number(tokens, i)`` reads the longest number that starts at token ``i`` and returns a
``Num`` (value interval and the tokens it covers) or ``None``. It knows nothing of what is
counted; ``quantities`` builds mentions on top of it.

A cardinal is read left to right as groups below a thousand ("three hundred and two", "4",
"twenty-one") joined by scales ("million", "bn", "lakh"), with digits and words mixed
("4 thousand 3 hundred and 21"); then, optionally, a decimal part ("point zero three"), a
fraction ("three fifths", "and a half", "one over twenty") or a scale after a fraction
("five and a half million", "a quarter of a million").
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Optional

import regex

from .. import lexicon
from .text import Token
from .units import match_unit

_GROUP_RE = regex.compile(r"\d{3}(?:[.,]\d+)?")  # a group of three digits after a space

_PLAIN_RE = regex.compile(r"\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?")
_GROUPED_RE = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_EURO_GROUPED_RE = regex.compile(r"\d{1,3}(?:\.\d{3})+,\d+")  # "1.111,11"
_DECIMAL_COMMA_RE = regex.compile(r"\d+,\d{1,2}")  # "1,3"
_DOT_GROUPED_RE = regex.compile(r"\d{1,3}(?:\.\d{3}){2,3}")  # "1.234.567": thousands marked with dots, no decimals
_INDIAN_GROUPED_RE = regex.compile(r"\d{1,2},(?:\d{2},)+\d{3}(?:\.\d+)?")  # "1,00,000", "12,34,567.89": lakh grouping
_ORDINAL_SUFFIX = {"st", "nd", "rd", "th"}
# Unicode's vulgar fractions (Number Forms block and Latin-1): "⅔", "2½".
VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅖": 0.4, "⅗": 0.6, "⅘": 0.8,
          "⅙": 1 / 6, "⅚": 5 / 6, "⅐": 1 / 7, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875, "⅑": 1 / 9,
          "⅒": 0.1}
_SPACES = {" ", "\u00a0", "\u202f", "\u2009"}
_HYPHENS = {"-", "‑", "—", "–"}
_SIGN_WORDS = {"minus", "negative"}
_DOZENS = frozenset({"dozen", "dozens", "doz", "dozs", "dz", "dzs"})  # with Recognizers-Text's abbreviations


@dataclass(frozen=True)
class Num:
    low: float
    high: float
    i: int  # first token
    j: int  # one past the last token
    words: bool = False  # spelt out ("twenty-five")
    vague: bool = False  # "hundreds", "dozens": an interval of its own
    rounding: float = 0.0  # half-step implied by "1.5 million": 0.05 million
    fraction: bool = False  # "two thirds", "half": a share, not a count
    ordinal: bool = False
    glued_scale: bool = False  # "3k", "1.5m": the suffix was glued to the digits
    decimal: bool = False

    # written out for the compiled build, as Mention.__init__ is (tests/test_fast_paths.py checks it)
    def __init__(self, low: float, high: float, i: int, j: int, words: bool = False, vague: bool = False,
                 rounding: float = 0.0, fraction: bool = False, ordinal: bool = False, glued_scale: bool = False,
                 decimal: bool = False) -> None:
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)
        object.__setattr__(self, "i", i)
        object.__setattr__(self, "j", j)
        object.__setattr__(self, "words", words)
        object.__setattr__(self, "vague", vague)
        object.__setattr__(self, "rounding", rounding)
        object.__setattr__(self, "fraction", fraction)
        object.__setattr__(self, "ordinal", ordinal)
        object.__setattr__(self, "glued_scale", glued_scale)
        object.__setattr__(self, "decimal", decimal)

    @property
    def value(self) -> float:
        return self.low


@functools.lru_cache(maxsize=None)
def tables():
    """The number lexicon (units, tens, scales, ordinals) and the vague amounts by word tuple."""
    n = lexicon.load("numbers")
    vague = {}
    for phrase, (lo, hi) in lexicon.load("vague").items():
        vague[tuple(phrase.split())] = (float(lo), float(hi))
    couple = vague.get(("a", "couple"))
    if couple is not None:  # Duckling's "(a )?couple( of)?": "a couple of hours", "for couple of days"
        vague[("a", "couple", "of")] = vague[("couple", "of")] = couple
    return n, vague


@functools.lru_cache(maxsize=None)
def denominators() -> dict[str, tuple[float, bool]]:
    """Fraction words -> (denominator, plural): "fifth" -> (5, False), "thirds" -> (3, True).
    Built from the ordinals ("first" and "second" only inside compounds)."""
    n, _ = tables()
    out: dict[str, tuple[float, bool]] = {"half": (2.0, False), "halves": (2.0, True),
                                          "quarter": (4.0, False), "quarters": (4.0, True)}
    for word, value in n["ordinals"].items():
        if value < 3 or word in ("nineth", "twelveth"):
            continue
        out.setdefault(word, (float(value), False))
        out.setdefault(word + "s", (float(value), True))
    return out


@functools.lru_cache(maxsize=None)
def glued_ordinals() -> dict[str, float]:
    """"thirtyfirst", "fortysecond": tens and ordinal written as one word."""
    n, _ = tables()
    out = {}
    for t, tv in n["tens"].items():
        for o, ov in n["ordinals"].items():
            if ov < 10:
                out[t + o] = float(tv + ov)
    return out


def _adjacent(a: Token, b: Token) -> bool:
    return a.end == b.start


def parse_digits(text: str) -> Optional[float]:
    """"250,000" -> 250000.0; "1.5" -> 1.5; ".77"; "1e10"; "1.111,11"; version strings and
    odd groupings -> None."""
    if _GROUPED_RE.fullmatch(text):
        return _finite(text.replace(",", ""))
    if _PLAIN_RE.fullmatch(text):
        return _finite(text)
    if _EURO_GROUPED_RE.fullmatch(text):
        return _finite(text.replace(".", "").replace(",", "."))
    if _DECIMAL_COMMA_RE.fullmatch(text):
        return _finite(text.replace(",", "."))
    if _INDIAN_GROUPED_RE.fullmatch(text):
        return _finite(text.replace(",", ""))
    if _DOT_GROUPED_RE.fullmatch(text) and not _ip_like(text):
        return _finite(text.replace(".", ""))
    return None


def _ip_like(text: str) -> bool:
    """"10.100.200.255": four parts below 256 are an IPv4 address, not a grouped figure."""
    parts = text.split(".")
    return len(parts) == 4 and all(int(p) < 256 for p in parts)


def _finite(digits: str) -> Optional[float]:
    """The value of ``digits``, or None when it is no figure: too long for a float ("1" * 400
    is infinity), or digits the regex module knows and Python's float() does not (a newer
    Unicode version)."""
    try:
        value = float(digits)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_number(toks: list[Token], i: int, money: bool = False) -> Optional[Num]:
    """The number starting at token ``i``, if one does. ``money``: a currency was written
    before it, so a glued "m" is "million", never "metre"."""
    tok = toks[i]
    sign = _sign(toks, i)
    if sign:
        inner = read_number(toks, i + sign, money)
        if inner is None or inner.vague or inner.ordinal:
            return None
        return Num(-inner.high, -inner.low, i, inner.j, words=inner.words, rounding=inner.rounding,
                   glued_scale=inner.glued_scale, decimal=inner.decimal)
    if tok.text in VULGAR:
        v = VULGAR[tok.text]
        return Num(v, v, i, i + 1, fraction=True, decimal=True)
    if not (tok.is_digit or tok.is_word):
        return None
    if tok.is_word:
        vague = _read_vague(toks, i)
        if vague is not None:
            return vague
        if tok.lower == "point":
            return _leading_point(toks, i)
    return _read_cardinal(toks, i, money)


def _sign(toks: list[Token], i: int) -> int:
    """How many tokens a minus sign takes at ``i``: "minus 5", "negative one", "-1"."""
    tok = toks[i]
    if i + 1 >= len(toks):
        return 0
    nxt = toks[i + 1]
    if tok.lower in _SIGN_WORDS and (nxt.is_digit or nxt.is_word):
        return 1
    if nxt.is_digit and minus_sign(toks, i):
        return 1
    if i == 0 and tok.text in ("-", "−") and nxt.is_digit:  # "- 1,200,000" opening the text
        return 1
    return 0


_MINUS = frozenset({"-", "−", "–"})
_SIGN_OPENERS = frozenset({"(", "["})


def minus_sign(toks: list[Token], i: int) -> bool:
    """A dash at ``i`` glued to what follows and set off from what comes before is a minus sign
    (Recognizers-Text's "-" not after digits): "-3.5", "(-0.4%)", "to -10", "at –0.4%" with the
    en dash that typesetting puts for a minus."""
    tok = toks[i]
    if tok.text not in _MINUS or i + 1 >= len(toks) or not _adjacent(tok, toks[i + 1]):
        return False
    if i == 0:
        return True
    prev = toks[i - 1]
    if prev.text in _SIGN_OPENERS:
        return True
    return not _adjacent(prev, tok) and not prev.is_digit and prev.text not in _MINUS


# Words after which "couple of" counts (Duckling's "couple of" without an article): "for couple of days".
_COUPLE_AFTER = frozenset({"for", "in", "of", "after", "within", "over", "last", "past", "next", "took", "take",
                           "takes", "only", "just", "about", "around", "another", "first", "few", "with"})


@functools.lru_cache(maxsize=None)
def vague_starts() -> frozenset:
    """The first word of every vague amount ("dozens", "a few")."""
    return frozenset(p[0] for p in tables()[1])


def _read_vague(toks: list[Token], i: int) -> Optional[Num]:
    if toks[i].lower not in vague_starts():
        return None
    _, vague = tables()
    for length in (3, 2, 1):
        words = tuple(t.lower for t in toks[i:i + length])
        if len(words) == length and words in vague:
            lo, hi = vague[words]
            j = i + length
            # "scores" and "several" only count something when a noun or "of" follows
            if words[-1] in ("scores",) and (j >= len(toks) or toks[j].lower != "of"):
                return None
            if words[0] == "couple" and i > 0 and toks[i - 1].is_word and toks[i - 1].lower not in _COUPLE_AFTER:
                return None  # "the couple of whom", "a married couple of": the pair, not a number
            lo, hi, j = _scaled_vague(toks, words, lo, hi, j)
            return Num(lo, hi, i, j, words=True, vague=True)
    return None


_SINGULAR_SCALES = ("hundred", "thousand", "million", "billion", "trillion", "lakh", "crore")


def _scaled_vague(toks: list[Token], words: tuple, lo: float, hi: float, j: int) -> tuple[float, float, int]:
    """A vague amount multiplied by the scales after it (Duckling's "compose by multiplication"
    with its informal numerals): "a couple hundred" is 200 to 300, "a few hundred thousand"
    200,000 to 600,000. Only a small amount ("a few", "several") or one that ends on a scale
    takes one, and each scale must be larger than the last ("a few hundred thousand")."""
    scales = tables()[0]["scales"]
    last = float(scales[words[-1]]) if words[-1] in _SINGULAR_SCALES else (1.0 if hi < 20 else None)
    while last is not None and j < len(toks) and toks[j].lower in _SINGULAR_SCALES and scales[toks[j].lower] > last:
        last = float(scales[toks[j].lower])
        lo, hi, j = lo * last, hi * last, j + 1
    return lo, hi, j


def _digit_token(toks: list[Token], j: int) -> Optional[tuple[float, int, int]]:
    """(value, decimals, next index) for the digits at ``j``, joining groups written with
    (thin) spaces: "40 000", "1 414 021 100"."""
    tok = toks[j]
    value = parse_digits(tok.text)
    if value is None:
        return None
    decimals = len(tok.text.split(".")[1].split("e")[0]) if "." in tok.text and "," not in tok.text else 0
    k = j + 1
    if k + 1 < len(toks) and toks[k].text == "·" and "," in tok.text and "." not in tok.text:
        cdot = _cdot_decimals(toks, j)
        if cdot is not None:
            return cdot
    if tok.text.isdecimal() and len(tok.text) <= 3 and not (j > 0 and toks[j - 1].is_digit and
                                                          toks[j - 1].end + 1 == tok.start):
        text = tok.text
        while k < len(toks) and toks[k].start - toks[k - 1].end == 1 and _gap(toks, k) in _SPACES:
            nxt = toks[k].text
            last = _GROUP_RE.fullmatch(nxt)
            if not last:
                break
            text += nxt.replace(",", ".")  # "1 234 567,89": a decimal comma after space groups
            k += 1
            if "." in nxt or "," in nxt:
                break
        if k > j + 1:
            # the group after must not run on into more digits ("423 0000" are two numbers)
            if k < len(toks) and toks[k].is_digit and toks[k].start - toks[k - 1].end == 1:
                return value, decimals, j + 1
            joined = _finite(text)
            if joined is None:
                return value, decimals, j + 1
            return joined, (len(text.split(".")[1]) if "." in text else 0), k
    if k == j + 1 and tok.text.isdecimal() and len(tok.text) <= 3:
        quoted = _quote_groups(toks, j)
        if quoted is not None:
            return quoted
    return value, decimals, k


def _cdot_decimals(toks: list[Token], j: int) -> Optional[tuple[float, int, int]]:
    """"1,234,567·89": thousands marked with commas and the decimals with a middle dot
    (Recognizers-Text's DoubleNumCommaCdot); not "2,000·10^3", a product."""
    dot, dec = toks[j + 1], toks[j + 2]
    if not (_adjacent(toks[j], dot) and _adjacent(dot, dec) and dec.text.isdecimal()) or \
            (j + 3 < len(toks) and toks[j + 3].text == "^"):
        return None
    value = _finite(toks[j].text.replace(",", "") + "." + dec.text)
    return None if value is None else (value, len(dec.text), j + 3)


_GROUP_QUOTES = frozenset({"'", "’"})
_QUOTED_GROUP_RE = regex.compile(r"\d{3}(?:[.,]\d+)?")


def _quote_groups(toks: list[Token], j: int) -> Optional[tuple[float, int, int]]:
    """"1'234'567": thousands marked with apostrophes (Swiss style; Recognizers-Text's
    IntegerNumQuote), every mark glued between groups of three digits."""
    text, k = toks[j].text, j + 1
    while k + 1 < len(toks) and toks[k].text in _GROUP_QUOTES and _adjacent(toks[k - 1], toks[k]) and \
            _adjacent(toks[k], toks[k + 1]) and _QUOTED_GROUP_RE.fullmatch(toks[k + 1].text):
        text += toks[k + 1].text.replace(",", ".")
        k += 2
        if not toks[k - 1].text.isdecimal():
            break  # "1'234'567.89", "1'234'567,89": the decimals end the figure
    if k < j + 3 or (k < len(toks) and _adjacent(toks[k - 1], toks[k]) and (toks[k].is_digit or toks[k].is_word
                                                                          or toks[k].text in _GROUP_QUOTES)):
        return None  # no group of three ("5'11") or a run that goes on: no grouping
    value = _finite(text)
    return None if value is None else (value, len(text.partition(".")[2]), k)


_STRAY_CLOSERS = frozenset({"”", '"', "’", "'", "»"})


_OPENERS = frozenset({"“", '"', "‘", "'", "«"})


def _quote_opened_before(toks: list[Token], i: int) -> bool:
    """A quotation mark glued before the figure (or its currency sign): “5” million quotes the
    figure, and the quote that follows it is no stray."""
    k = i
    while k > 0 and toks[k - 1].end == toks[k].start and i - k < 3:
        k -= 1
        if toks[k].text in _OPENERS:
            return True
    return False


def _gap(toks: list[Token], k: int) -> str:
    return toks[k].pre


@dataclass(slots=True)
class _Reading:
    """The state of a cardinal being read, token by token."""

    i: int
    j: int
    total: float = 0.0  # completed groups times their scales
    current: float = 0.0  # the group being read (below a thousand)
    last: Optional[str] = None  # a | unit | teen | tens | hundred | scale | dozen | and | digit | decimal
    last_scale: float = 0.0
    words: bool = False
    decimals: int = 0
    rounding: float = 0.0
    single_word: bool = True
    checkpoint: Optional[tuple] = None  # state before an "and" that may not belong to the number

    # written out for the compiled build, as Mention.__init__ is (tests/test_fast_paths.py checks it)
    def __init__(self, i: int, j: int, total: float = 0.0, current: float = 0.0, last: Optional[str] = None,
                 last_scale: float = 0.0, words: bool = False, decimals: int = 0, rounding: float = 0.0,
                 single_word: bool = True, checkpoint: Optional[tuple] = None) -> None:
        self.i = i
        self.j = j
        self.total = total
        self.current = current
        self.last = last
        self.last_scale = last_scale
        self.words = words
        self.decimals = decimals
        self.rounding = rounding
        self.single_word = single_word
        self.checkpoint = checkpoint

    def restore(self) -> None:
        assert self.checkpoint is not None
        self.j, self.total, self.current, self.last = self.checkpoint


def _read_cardinal(toks: list[Token], i: int, money: bool, plain: bool = False) -> Optional[Num]:
    """A number in digits or words from token ``i``, with what may follow it (a multiplier, a
    fraction, "point five", "over three"); ``plain``: the cardinal alone."""
    st = _Reading(i=i, j=i)
    go, early = _cardinal_start(toks, st, money)
    if not go:
        return early
    _cardinal_words(toks, st)
    if not _settle(toks, st):
        return None
    value = st.total + st.current
    if plain:
        return _finish(toks, i, st.j, value, st.words, st.decimals, False, st.rounding)
    return _after_cardinal(toks, st, value)


def _cardinal_start(toks: list[Token], st: _Reading, money: bool) -> tuple[bool, Optional[Num]]:
    """The first token: digits (which may be a whole number of their own: "21st", "3/4", "2½",
    "3k"), "a" before a scale, a fraction word, or a number word. (False, result) when the
    reading ends here."""
    n, _ = tables()
    i = st.i
    tok = toks[i]
    first = tok.lower
    if tok.is_digit:
        got = _digit_token(toks, i)
        if got is None:
            return False, None
        st.current, st.decimals, st.j = got
        st.last = "decimal" if st.decimals or "e" in tok.lower or "." in tok.text else "digit"
        whole = _digits_alone(toks, st, money)
        return whole is None, whole
    if first in ("a", "an"):
        if i + 1 < len(toks) and (toks[i + 1].lower in n["scales"] or toks[i + 1].lower in ("hundred", "dozen")):
            st.current, st.j, st.last = 1.0, i + 1, "a"
            return True, None
        return False, _read_fraction_start(toks, i)
    if first in denominators() and (first in ("half", "quarter") or
                                    (i + 1 < len(toks) and toks[i + 1].lower == "of" and _unit_follows(toks, i + 1))):
        return False, _read_fraction_start(toks, i)  # "half", "fourth of a liter"
    if first in glued_ordinals() or (first not in n["units"] and first not in n["tens"]):
        return False, None
    return True, None


def _digits_alone(toks: list[Token], st: _Reading, money: bool) -> Optional[Num]:
    """Digits that make a number by themselves with what is glued to them: "2^5", "21st",
    "3/15", "2½", "3k"."""
    i, j, current = st.i, st.j, st.current
    power = _caret_power(toks, i, j, current) or _times_ten_power(toks, i, j, current)
    if power is not None:
        return power
    if st.last != "digit":
        return _digit_suffix(toks, i, j, current, st.decimals, money)
    # "21st", "3rd": ordinals
    if j < len(toks) and _adjacent(toks[j - 1], toks[j]) and toks[j].lower in _ORDINAL_SUFFIX:
        return Num(current, current, i, j + 1, ordinal=True)
    frac = _slash_fraction(toks, i, j, current)
    if frac is not None:
        return frac
    if j < len(toks) and toks[j].text in VULGAR and toks[j].start - toks[j - 1].end <= 1:
        v = current + VULGAR[toks[j].text]  # "2½", "1 ¾"
        return Num(v, v, i, j + 1, decimal=True)
    return _digit_suffix(toks, i, j, current, st.decimals, money)


def _cardinal_words(toks: list[Token], st: _Reading) -> None:
    """Read on while the words (and digits) go on making one number."""
    while st.j < len(toks):
        t = toks[st.j]
        joiner = _joiner(toks, st, t)
        if joiner is False:
            break
        if joiner:
            st.j += 1
            continue
        if not _step(toks, st, t):
            break
        j = st.j
        if st.checkpoint is not None and st.last != "and" and st.checkpoint[0] != j and \
                j + 1 < len(toks) and toks[j + 1].lower in ("hundred", "hundreds") and st.current >= 100:
            st.restore()  # "3 hundred and 2 hundred": two numbers
            break
        st.single_word = st.single_word and j == st.i
        st.j += 1


def _joiner(toks: list[Token], st: _Reading, t: Token) -> Optional[bool]:
    """A token inside a number that adds nothing: a quote closed inside the figure, the hyphen of
    "twenty-two" (True); a dash that parts two numbers (False); None otherwise."""
    n, _ = tables()
    units, j = n["units"], st.j
    if t.text in _STRAY_CLOSERS and st.last in ("digit", "decimal") and j == st.i + 1 and _adjacent(toks[j - 1], t) \
            and j + 1 < len(toks) and toks[j + 1].lower in n["scales"] and toks[j + 1].lower != "hundred" \
            and not _adjacent(t, toks[j + 1]) and not _quote_opened_before(toks, st.i):
        return True  # "$5.6” billion": a quote closed inside the figure, the scale still applies
    if t.lower in _HYPHENS and st.last == "tens" and j + 1 < len(toks) and toks[j + 1].lower in units \
            and units[toks[j + 1].lower] < 10 and toks[j + 1].lower not in ("zero", "nil", "none"):
        if not (_adjacent(toks[j - 1], t) and _adjacent(t, toks[j + 1])) and \
                (toks[j - 1].end == t.start or t.end == toks[j + 1].start):
            return False  # "twenty -two": a dash, not a hyphen
        return True
    if t.lower in _HYPHENS and st.last in ("unit", "teen", "tens") and j + 1 < len(toks) and \
            (toks[j + 1].lower in ("hundred", "dozen") or toks[j + 1].lower in n["scales"]) and \
            _adjacent(toks[j - 1], t) and _adjacent(t, toks[j + 1]) and not toks[j + 1].lower.endswith("s"):
        return True  # "five-hundred", "two-thousand": a hyphen before the multiplier
    return None


def _step(toks: list[Token], st: _Reading, t: Token) -> bool:
    """Add token ``t`` to the number; False when it ends the number instead."""
    n, _ = tables()
    w, last = t.lower, st.last
    units, scales = n["units"], n["scales"]
    if t.is_word and w in units and w != "none" and (w != "nil" or last is None) and \
            (units[w] > 0 or last is None):
        if last == "unit" and 10 <= units[w] < 20 and _skipped_hundreds(toks, st):
            st.current, st.last, st.words = st.current * 100 + units[w], "teen", True  # "one eleven": 111
            return True
        return _step_unit(st, float(units[w]))
    if t.is_word and w in n["tens"]:
        return _step_tens(toks, st, float(n["tens"][w]))
    if w in ("hundred", "hundreds") and last in ("unit", "teen", "tens", "a", "digit", "decimal") \
            and st.current < 100 and not (w == "hundreds" and last == "a"):
        if last in ("digit", "decimal") and not (toks[st.j - 1].end < t.start):
            return False
        st.current = (st.current or 1.0) * 100
        st.last, st.words = "hundred", True
        return True
    if w in scales and w not in ("hundred",) and last in ("unit", "teen", "tens", "hundred", "a", "digit",
                                                          "decimal", "scale", "dozen"):
        return _step_scale(toks, st, t, float(scales[w]))
    if w in _DOZENS and last in ("unit", "teen", "tens", "a", "digit", "decimal", "hundred"):  # "1.5 dozen"
        st.current = (st.current or 1.0) * 12
        st.last = "dozen"
        return True
    if w == "and" and (last in ("hundred", "scale") and st.j + 1 < len(toks) and _number_after_and(toks[st.j + 1])
                       or last == "tens" and _unit_after_tens_and(toks, st)):
        st.checkpoint = (st.j, st.total, st.current, last)
        st.last = "and"
        return True
    if t.is_digit and t.text.isdecimal() and last in ("scale", "and", "hundred"):
        return _step_digits(toks, st, t)
    return False


def _unit_after_tens_and(toks: list[Token], st: _Reading) -> bool:
    """"forty and two": a tens word, "and", a unit word (Recognizers-Text's SeparaIntRegex), when
    the unit ends the number ("twenty and five hundred" is two numbers, and so are the ends of
    "between twenty and five")."""
    j = st.j
    if j + 1 >= len(toks) or st.total or st.current >= 100 or (st.i > 0 and toks[st.i - 1].lower == "between"):
        return False
    units = tables()[0]["units"]
    nxt = toks[j + 1].lower
    if not (toks[j + 1].is_word and nxt in units and 0 < units[nxt] < 10):
        return False
    k = j + 2
    return k >= len(toks) or not (toks[k].is_digit or toks[k].lower in tables()[0]["scales"]
                                  or toks[k].lower in ("hundred", "hundreds", "and", "-") or toks[k].lower in _DOZENS)


def _number_after_and(nxt: Token) -> bool:
    n, _ = tables()
    return nxt.lower in n["units"] or nxt.lower in n["tens"] or \
        (nxt.is_digit and nxt.text.isdecimal() and 0 < int(nxt.text) < 100)


def _step_unit(st: _Reading, uv: float) -> bool:
    if st.last is None:
        st.current = uv
    elif st.last == "tens" and 0 < uv < 10:
        st.current += uv
    elif st.last in ("hundred", "scale", "and") and uv > 0:
        st.current += uv
    else:
        return False
    st.last = "unit" if st.last == "tens" or uv < 10 else "teen"
    st.words = True
    return True


def _step_tens(toks: list[Token], st: _Reading, tv: float) -> bool:
    last = st.last
    if last in (None, "hundred", "scale", "and"):
        st.current += tv
    elif last in ("unit", "teen") and _skipped_hundreds(toks, st):
        # "one twenty two", "nineteen eighty": hundreds said the short way
        st.current = st.current * 100 + tv
    else:
        return False
    st.last, st.words = "tens", True
    return True


def _skipped_hundreds(toks: list[Token], st: _Reading) -> bool:
    """The word at ``st.j`` (a tens word or a teen) follows a single unit or teen word as its
    hundreds, said the short way (Duckling's "one eleven", "one twenty two"), unless it is a
    denominator ("one twentieth") or the first part of a compound modifier ("one
    twenty-minute break")."""
    j = st.j
    if not (st.single_word and st.total == 0 and j == st.i + 1 and st.current > 0 and
            toks[st.i].lower in tables()[0]["units"]) or _denominator_at(toks, j) is not None:
        return False
    if j + 2 < len(toks) and toks[j + 1].text in _HYPHENS and _adjacent(toks[j], toks[j + 1]) and \
            _adjacent(toks[j + 1], toks[j + 2]) and toks[j + 2].is_word:
        return toks[j + 2].lower in tables()[0]["units"]  # "one twenty-two" (but "one twenty-minute")
    return True


def _step_scale(toks: list[Token], st: _Reading, t: Token, sv: float) -> bool:
    if st.last in ("digit", "decimal") and _adjacent(toks[st.j - 1], t):
        return False
    if st.last == "scale":
        if sv <= st.last_scale or st.current:
            return False
        st.total *= sv  # "three lakh crore", "thousand million"
    else:
        if st.last_scale and sv >= st.last_scale:
            return False
        if st.decimals and sv >= 1000:
            st.rounding = 0.5 * sv * (10 ** -st.decimals)
        st.total += (st.current or 1.0) * sv
    st.current = 0.0
    st.last_scale = max(st.last_scale, sv)
    st.last = "scale"
    st.words = st.words or t.is_word
    return True


def _step_digits(toks: list[Token], st: _Reading, t: Token) -> bool:
    """Digits after words: "two hundred and 5", "4 million 300" (two numbers unless words go on)."""
    scales = tables()[0]["scales"]
    last, j = st.last, st.j
    limit = 100 if last in ("hundred", "and") and st.current else (st.last_scale or 1000)
    if not (0 < int(t.text) < limit and len(t.text) <= 3) or (last == "scale" and _adjacent(toks[j - 1], t)):
        return False
    if j + 1 < len(toks) and toks[j + 1].lower in scales and toks[j + 1].lower != "hundred" \
            and float(scales[toks[j + 1].lower]) >= (st.last_scale or 1e18):
        return False
    if last == "scale" and not (j + 1 < len(toks) and toks[j + 1].lower in ("hundred", "and")) and not st.words:
        return False  # "4 million 300": two numbers unless the words go on
    st.current += float(t.text)
    st.last = "digit"
    return True


def _settle(toks: list[Token], st: _Reading) -> bool:
    """Undo what the number took too far: a trailing "and", "3 hundred and 2 hundred", "one
    hundred and three quarters". False when nothing was read."""
    if st.last == "and":
        st.j -= 1
        st.last = "scale" if st.checkpoint and st.checkpoint[3] == "scale" else "hundred"
    if st.last is None:
        return False
    cp = st.checkpoint
    if cp is not None and st.j > cp[0] and st.j < len(toks) and toks[st.j].lower in ("hundred", "hundreds") \
            and st.current >= 100:
        st.restore()
    den = _denominator_at(toks, st.j) if cp is not None and st.j > cp[0] else None
    if den is not None and cp is not None and (den[1] or toks[cp[0] + 1].lower in ("one", "a", "an")):
        st.restore()  # "one hundred and three quarters", "one hundred and one third"
        # (but "one hundred and twenty third" is an ordinal: a singular part takes a numerator of one)
    return True


def _after_cardinal(toks: list[Token], st: _Reading, value: float) -> Num:
    """What follows a cardinal: decimals, fractions, ordinals, "over"."""
    i, j, last = st.i, st.j, st.last
    if j < len(toks) and (toks[j].lower == "point" or toks[j].lower == "dot" and st.words) and last != "decimal" \
            and not (i > 0 and toks[i - 1].lower == "at"):  # "at one point 40 boats"
        point = _read_point(toks, j + 1)
        if point is not None:
            after, j = point
            value = st.total + st.current + after
            sc = _scale_after(toks, j) if not st.total else None
            if sc is not None:  # "two point two million"
                value, j = value * sc[0], sc[1]
            return _finish(toks, i, j, value, True, 2, False, st.rounding)
    if last in ("unit", "teen", "tens", "hundred", "scale", "a") and value == int(value):
        part = _fraction_after(toks, j, value, st.last_scale if last == "scale" else 0.0, st.total, st.current,
                               start=i)
        if part is not None:
            return Num(part.low, part.high, i, part.j, words=True, fraction=part.fraction, ordinal=part.ordinal,
                       decimal=part.decimal)
    if last == "digit" and j + 2 < len(toks) and toks[j].lower == "and" and (
            toks[j + 1].lower in ("a", "an", "one") and (toks[j + 2].lower in ("half", "quarter")
                                                      or _denominator_at(toks, j + 2) is not None)
            or toks[j + 1].lower == "half" and _unit_follows(toks, j + 2)):  # Duckling's "3 and half hour"
        part = _and_fraction(toks, j, value, 0.0)  # "2 and a half hours"
        if part is not None:
            return Num(part.low, part.high, i, part.j, decimal=True)
    if last in ("digit", "unit", "teen", "tens") and value == int(value):
        part = _hyphened_and_fraction(toks, j, value)
        if part is not None:  # "three-and-a-half-year", "2-and-a-half-hour"
            return Num(part.low, part.high, i, part.j, words=st.words, decimal=True)
    if last in ("digit", "unit", "teen", "tens", "hundred") and j + 1 < len(toks) and toks[j].lower == "over":
        over = _over(toks, st, value)
        if over is not None:
            return over
    return _finish(toks, i, j, value, st.words, st.decimals, False, st.rounding)


def _over(toks: list[Token], st: _Reading, value: float) -> Optional[Num]:
    """"three over four", "1 over 3": a fraction said with "over"."""
    j = st.j
    den = _read_cardinal(toks, j + 1, False) if (toks[j + 1].is_digit or toks[j + 1].is_word) else None
    if den is not None and den.low and not den.ordinal and \
            (den.j >= len(toks) or not toks[den.j].is_word or toks[den.j].lower in ("is", "and", "or")):
        v = value / den.low
        return Num(v, v, st.i, den.j, words=st.words or den.words, decimal=True)
    return None


_POINT_AFTER = frozenset({"is", "was", "are", "were", "be", "of", "to", "by", "about", "around", "nearly",
                          "only", "just", "minus", "negative"})


@functools.lru_cache(maxsize=None)
def _point_after() -> frozenset:
    """Words a leading "point" may follow: a verb of being or a preposition, or a verb of change
    ("rose point five percent")."""
    return _POINT_AFTER | frozenset(lexicon.load("qualifiers").get("change", {}).get("words", []))


def _leading_point(toks: list[Token], i: int) -> Optional[Num]:
    """"point 77", "point zero five": a decimal said without its zero (not "at one point 77")."""
    prev = toks[i - 1] if i > 0 else None
    if prev is not None and prev.is_word and prev.lower not in _point_after():
        return None
    got = _read_point(toks, i + 1)
    if got is None:
        return None
    v, j = got
    return Num(v, v, i, j, words=True, decimal=True)


def _slash_fraction(toks: list[Token], i: int, j: int, value: float) -> Optional[Num]:
    """"3/15", "1 / 4", "1 4/5" (a mixed number). Dates ("12/23/2015") are read before numbers."""
    n = len(toks)
    if j + 1 < n and toks[j].text == "/" and toks[j + 1].is_digit and toks[j + 1].text.isdecimal() and \
            not (j + 2 < n and toks[j + 2].text == "/"):
        den = float(toks[j + 1].text)
        spaced = toks[j].start > toks[j - 1].end
        if den and (not spaced or toks[j + 1].start > toks[j].end):
            v = value / den
            return Num(v, v, i, j + 2, decimal=True)
    # "1 4/5"
    if j + 2 < n and toks[j].is_digit and toks[j].text.isdecimal() and toks[j].start == toks[j - 1].end + 1 and \
            toks[j + 1].text == "/" and _adjacent(toks[j], toks[j + 1]) and toks[j + 2].text.isdecimal() and \
            _adjacent(toks[j + 1], toks[j + 2]) and not (j + 3 < n and toks[j + 3].text == "/"):
        num, den = float(toks[j].text), float(toks[j + 2].text)
        if den and num < den:
            v = value + num / den
            return Num(v, v, i, j + 3, decimal=True)
    return None


_SPACED_SUFFIXES = frozenset({"K", "k", "M", "MM", "G", "T"})  # Recognizers-Text: \d+\s*(K|k|MM?|T|G)


def _digit_suffix(toks: list[Token], i: int, j: int, current: float, decimals: int, money: bool) -> Optional[Num]:
    """"3k", "$1.5m", "10G", "2.5 k": a multiplier after the digits read up to ``j``."""
    n, _ = tables()
    if j >= len(toks):
        return None
    suf = toks[j].text
    if not _adjacent(toks[j - 1], toks[j]):
        if not _spaced_suffix(toks, j, decimals, money):
            return None
    scale = n["scale_suffixes"].get(suf)
    if suf in ("G", "T") and not decimals and "." not in toks[j - 1].text and current < 10:
        scale = None  # "5G", "4G": a network generation; "3T": a size
    if scale is not None and suf == "m" and not money and not _plural_after(toks, j + 1):
        scale = None  # "48m", "1.8m tall": metres
    if scale is None or (j + 1 < len(toks) and _adjacent(toks[j], toks[j + 1]) and toks[j + 1].is_digit):
        return None
    total = current * float(scale)
    rounding = 0.5 * float(scale) * (10 ** -decimals) if decimals and scale >= 1000 else 0.0
    return _finish(toks, i, j + 1, total, False, decimals, True, rounding)


def _spaced_suffix(toks: list[Token], j: int, decimals: int, money: bool) -> bool:
    """"2.5 k", "12 K", "3.5 B": a multiplier set apart from the digits by one space, ending the
    phrase (no word or digit follows). B and b only after a decimal, as in Recognizers-Text; a
    lower-case m (its CurrencyRegex) only after a currency sign or before what it counts
    ("$40 m", "1.5 m residents"), else it is the metre ("40 m long")."""
    suf = toks[j].text
    if suf == "m" and toks[j].start - toks[j - 1].end == 1:
        return money or _plural_after(toks, j + 1)
    if toks[j].start - toks[j - 1].end != 1 or not (suf in _SPACED_SUFFIXES or (decimals and suf in ("B", "b"))):
        return False
    if j + 2 < len(toks) and _adjacent(toks[j], toks[j + 1]) and _adjacent(toks[j + 1], toks[j + 2]):
        return False  # "1 k.g": an abbreviated unit
    return j + 1 >= len(toks) or not (toks[j + 1].is_word or toks[j + 1].is_digit)


_SUPERSCRIPTS = {c: str(d) for d, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}
_SUPER_SIGNS = {"⁻": -1, "⁺": 1}


def _superscript_power(toks: list[Token], i: int, j: int, base: float) -> Optional[Num]:
    """"10⁶", "2.5 × 10⁻⁶": a power of ten written in superscript digits (the typeset form of
    Recognizers-Text's caret notation); only on a ten, since a superscript after other digits
    is as often a footnote mark."""
    if base != 10.0 or toks[j - 1].text != "10" or not _adjacent(toks[j - 1], toks[j]):
        return None
    k, sign = j, _SUPER_SIGNS.get(toks[j].text)
    if sign is not None:
        k += 1
    digits = ""
    while k < len(toks) and toks[k].text in _SUPERSCRIPTS and _adjacent(toks[k - 1], toks[k]) and len(digits) < 3:
        digits += _SUPERSCRIPTS[toks[k].text]
        k += 1
    if not digits or (k < len(toks) and _adjacent(toks[k - 1], toks[k]) and (toks[k].is_word or toks[k].is_digit)):
        return None
    v = 10.0 ** ((sign or 1) * int(digits))
    return Num(v, v, i, k, decimal=True)


def _caret_power(toks: list[Token], i: int, j: int, base: float) -> Optional[Num]:
    """"2^5", "1.1^-3": a power written with a caret (Recognizers-Text's caret notation)."""
    k = j + 1
    if j < len(toks) and (toks[j].text in _SUPERSCRIPTS or toks[j].text in _SUPER_SIGNS):
        return _superscript_power(toks, i, j, base)
    if k >= len(toks) or toks[j].text != "^" or not _adjacent(toks[j - 1], toks[j]):
        return None
    sign = 1
    while toks[k].text in ("-", "+") and k + 1 < len(toks) and _adjacent(toks[k], toks[k + 1]):
        sign = -sign if toks[k].text == "-" else sign  # "^--23": signs in a row, as [+-]* reads them
        k += 1
    if not (_adjacent(toks[k - 1], toks[k]) and toks[k].text.isdecimal() and len(toks[k].text) <= 3):
        return None
    try:
        v = base ** (sign * int(toks[k].text))
    except (OverflowError, ZeroDivisionError):
        return None
    return Num(v, v, i, k + 1, decimal=True) if math.isfinite(v) else None


_TIMES = frozenset({"x", "×", "X", "*", "·"})


def _times_ten_power(toks: list[Token], i: int, j: int, base: float) -> Optional[Num]:
    """"1.5x10^3", "2.5 × 10^-4": scientific notation with the power of ten written out
    (Recognizers-Text's "x10^" exponent)."""
    k = j + 2
    if k + 1 >= len(toks) or toks[j].text not in _TIMES or toks[j + 1].text != "10" or \
            toks[j].start - toks[j - 1].end > 1 or toks[j + 1].start - toks[j].end > 1:
        return None
    power = _caret_power(toks, j + 1, k, 10.0)
    if power is None:
        return None
    v = base * power.low
    return Num(v, v, i, power.j, decimal=True) if math.isfinite(v) else None


def _finish(toks, i, j, value, words, decimals, glued, rounding) -> Num:
    return Num(value, value, i, j, words=words, rounding=rounding, glued_scale=glued, decimal=decimals > 0)


def _plural_after(toks: list[Token], k: int) -> bool:
    """A counted plural noun (or a currency word) follows: "1.5m people", "2m dollars"."""
    if k >= len(toks) or not toks[k].is_word:
        return False
    w = toks[k].lower
    if w in ("of", "in", "dollars", "euros", "pounds", "usd", "eur", "gbp"):
        return w != "in"
    return lexicon.looks_plural(w) and w not in ("tall", "long", "wide", "high", "deep")


def _read_point(toks: list[Token], k: int) -> Optional[tuple[float, int]]:
    """The digits after "point": "zero three" -> .03, "seventy-one" -> .71, "77" -> .77."""
    n, _ = tables()
    units, tens = n["units"], n["tens"]
    if k >= len(toks):
        return None
    if toks[k].is_digit and toks[k].text.isdecimal():
        return float("0." + toks[k].text), k + 1
    digits = ""
    m = k
    if toks[m].lower in tens:
        digits = str(tens[toks[m].lower])
        m += 1
        if m + 1 < len(toks) and toks[m].text in _HYPHENS and toks[m + 1].lower in units \
                and units[toks[m + 1].lower] < 10:
            digits = digits[0] + str(units[toks[m + 1].lower])
            m += 2
        elif m < len(toks) and toks[m].lower in units and 0 < units[toks[m].lower] < 10:
            digits = digits[0] + str(units[toks[m].lower])
            m += 1
        return float("0." + digits), m
    while m < len(toks) and toks[m].lower in units and units[toks[m].lower] < 10:
        digits += str(units[toks[m].lower])
        m += 1
    if not digits:
        return None
    return float("0." + digits), m


def _denominator_at(toks: list[Token], j: int) -> Optional[tuple[float, bool, int]]:
    """A fraction word at ``j`` (possibly after a hyphen, possibly compound "twenty-firsts"):
    (denominator, plural, next index)."""
    n, _ = tables()
    fracs = denominators()
    k = j
    if k < len(toks) and toks[k].text in _HYPHENS:
        k += 1
    if k >= len(toks):
        return None
    w = toks[k].lower
    if w in fracs:
        den, plural = fracs[w]
        return den, plural, k + 1
    # "twenty-firsts", "twenty firsts"
    if w in n["tens"]:
        m = k + 1
        if m < len(toks) and toks[m].text in _HYPHENS:
            m += 1
        if m < len(toks):
            o = toks[m].lower
            base = o[:-1] if o.endswith("s") else o
            if base in n["ordinals"] and n["ordinals"][base] < 10:
                return float(n["tens"][w] + n["ordinals"][base]), o.endswith("s"), m + 1
    return None


def _fraction_after(toks, j, value, scale, total, current, start=0) -> Optional[Num]:
    """Fractions and ordinals that follow a cardinal read up to ``j``."""
    if total == 0 or _spelled_plural_fraction(toks, start, j):
        part = _plain_fraction(toks, j, value, start)
        if part is not None:
            return None if toks[j].text in _HYPHENS and not toks[j - 1].is_word else part
    part = _ordinal_after(toks, j, value, start)
    if part is not None:
        return part
    if j + 1 < len(toks) and toks[j].lower == "and":
        return _and_fraction(toks, j, value, scale)
    if value == 1 and j == start + 1 and toks[start].lower == "one":
        return _one_ordinal(toks, j)
    return None


def _spelled_plural_fraction(toks: list[Token], start: int, j: int) -> bool:
    """A numerator in words with a scale, then a plural fraction word: "one million two thousand
    two hundred three fifths" (the numerator is the whole cardinal, as in Recognizers-Text)."""
    den = _denominator_at(toks, j)
    return den is not None and den[1] and toks[j].is_word and all(t.is_word for t in toks[start:j])


def _plain_fraction(toks: list[Token], j: int, value: float, start: int = 0) -> Optional[Num]:
    """"three fifths", "one eighth", "twenty fifths", "one - fourth"; "one hundred thirty fifths"
    is 100/35: after a hundred or a scale, a tens word joins the ordinal that follows it (with
    "and" it stays in the numerator: "one hundred and thirty fifths" is 130/5)."""
    den = _denominator_at(toks, j)
    if den is None:
        return None
    d, plural, k = den
    n, _ = tables()
    o = j + 1 if toks[j].text in _HYPHENS else j  # "three hundred twenty-fifths" is 300/25
    if plural and j - 2 >= start and toks[j - 1].lower in n["tens"] and d < 10 and \
            toks[o].lower.rstrip("s") in n["ordinals"] and \
            (o > j or toks[j - 2].lower == "hundred" or toks[j - 2].lower in n["scales"]):
        tens = float(n["tens"][toks[j - 1].lower])
        value, d = value - tens, d + tens
    if not ((plural and value > 1) or (not plural and value == 1)):
        return None
    v = value / d
    # "three quarters million", "two thirds of a million"
    sc = _scale_after(toks, k)
    if sc is not None:
        v, k = v * sc[0], sc[1]
        return Num(v, v, 0, k, words=True)
    return Num(v, v, 0, k, words=True, fraction=v <= 1)


def _one_ordinal(toks: list[Token], j: int) -> Optional[Num]:
    """"one one hundred fifth", "one one hundred and fifth": one part of 105."""
    if j >= len(toks) or not toks[j].is_word:
        return None
    inner = _read_cardinal(toks, j, False)
    if inner is None or not inner.ordinal or inner.low < 3:
        return None
    v = 1.0 / inner.low
    return Num(v, v, 0, inner.j, words=True, fraction=True)


_ROUND_ORDINALS = (100, 1000, 1_000_000, 1_000_000_000, 1_000_000_000_000)


def _ordinal_after(toks: list[Token], j: int, value: float, start: int) -> Optional[Num]:
    """"one hundred twenty-fifth", "two hundredth": an ordinal."""
    n, _ = tables()
    k = j
    if k + 1 < len(toks) and (toks[k].text in _HYPHENS or (toks[k].lower == "and" and value % 100 == 0)) and \
            toks[k + 1].lower in n["ordinals"]:
        k += 1  # "one hundred and fifth"
    if not (k < len(toks) and toks[k].lower in n["ordinals"] and value >= 1):
        return None
    o = n["ordinals"][toks[k].lower]
    if o in _ROUND_ORDINALS:
        v = float(value * o)
    elif o < 100 and (value % 100 == 0 or (value >= 20 and value % 10 == 0 and o < 10)):
        v = float(value + o)
    else:
        return None
    if (toks[k].lower not in ("second",) or value >= 20) and \
            (o >= 100 or all(t.is_word or t.text in _HYPHENS for t in toks[start:j])):
        return Num(v, v, 0, k + 1, words=True, ordinal=True)
    return None


def _and_fraction(toks: list[Token], j: int, value: float, scale: float) -> Optional[Num]:
    """"and a half", "and three quarters", "and two fifths", "and fifty-four hundredths"."""
    n, _ = tables()
    k = j + 1
    num = 1.0
    if toks[k].lower in ("a", "an", "one"):
        k += 1
    elif toks[k].lower in n["units"] or toks[k].lower in n["tens"]:
        inner = _read_cardinal(toks, k, False, plain=True)
        if inner is None or inner.low <= 1 or inner.low != int(inner.low):
            return None
        num, k = inner.low, inner.j
    den = _denominator_at(toks, k) if k < len(toks) else None
    if den is None or (toks[k].text in _HYPHENS and not (k > j + 1 and _adjacent(toks[k - 1], toks[k])
                                                          and _adjacent(toks[k], toks[k + 1]))):
        return None  # (but "one and one-half")
    d, plural, m = den
    if not (plural == (num > 1) or toks[k].lower == "half" or (num > 1 and _unit_follows(toks, m))):
        return None
    frac = num / d
    sc = _scale_after(toks, m)
    if sc is None and num >= d and not scale:  # "one hundred and thirty fifths": (100 + 30) / 5
        v = (value + num) / d
        return Num(v, v, 0, m, words=True)
    if sc is None:
        v = value + frac * (scale if scale >= 1000 else 1.0)
        return Num(v, v, 0, m, words=True)
    if scale and sc[0] < scale:  # "one billion and a half million"
        v = value + frac * sc[0]
    elif not scale:  # "five and a half million"
        v = (value + frac) * sc[0]
    else:
        return None
    return Num(v, v, 0, sc[1], words=True)


def _hyphened_and_fraction(toks: list[Token], j: int, value: float) -> Optional[Num]:
    """"-and-a-half", "-and-a-quarter", "-and-three-quarters" glued to a whole number by hyphens,
    as news writes a mixed number before a unit ("a three-and-a-half-year sentence")."""
    if not (j + 4 < len(toks) and toks[j].text in _HYPHENS and toks[j + 1].lower == "and"
            and toks[j + 2].text in _HYPHENS
            and all(_adjacent(toks[k], toks[k + 1]) for k in range(j - 1, j + 3))):
        return None
    n, _ = tables()
    k = j + 3
    if toks[k].lower in ("a", "an", "one"):
        num = 1.0
    elif toks[k].lower in n["units"] and 1 < n["units"][toks[k].lower] < 10:
        num = float(n["units"][toks[k].lower])
    else:
        return None
    if not (k + 1 < len(toks) and toks[k + 1].text in _HYPHENS and _adjacent(toks[k], toks[k + 1])):
        return None
    den = _denominator_at(toks, k + 1)
    if den is None or den[1] != (num > 1) or num >= den[0]:
        return None
    v = value + num / den[0]
    return Num(v, v, 0, den[2], words=True)


def _unit_follows(toks: list[Token], k: int) -> bool:
    """A unit of measure follows (after "of", "of a"): "three quarter hour", "half day"."""
    if k < len(toks) and toks[k].lower == "of":
        k += 1
    if k < len(toks) and toks[k].lower in ("a", "an"):
        k += 1
    return k < len(toks) and toks[k].is_word and match_unit(toks, k, glued=False) is not None


def _scale_after(toks: list[Token], k: int) -> Optional[tuple[float, int]]:
    """"million" / "of a million" / "a million" at ``k``."""
    n, _ = tables()
    scales = n["scales"]
    m = k
    if m < len(toks) and toks[m].lower == "of":
        m += 1
    if m < len(toks) and toks[m].lower in ("a", "an", "one"):
        m += 1
    if m < len(toks) and toks[m].lower in scales and toks[m].lower not in ("hundreds", "thousands", "millions",
                                                                         "billions", "trillions"):
        if m == k or toks[k].lower in ("of", "a", "an"):
            return float(scales[toks[m].lower]), m + 1
    if m < len(toks) and m > k and toks[m].lower == "dozen" and toks[m - 1].lower in ("a", "an"):
        return 12.0, m + 1  # "half a dozen"
    if m == k < len(toks) and toks[m].lower in _DOZENS and toks[m].lower != "dozens":
        return 12.0, m + 1  # "two and a half dozen", "2 1/4 dozen"
    return None


def _read_fraction_start(toks: list[Token], i: int) -> Optional[Num]:
    """Numbers that open with a fraction word: "half a million", "a quarter of a million",
    "half million", "a fifth", "a hundredth", "half of the cases"."""
    n, _ = tables()
    fracs = denominators()
    k = i
    if toks[k].lower in ("a", "an"):
        k += 1
    if k >= len(toks) or toks[k].lower not in fracs:
        return None
    d, plural = fracs[toks[k].lower]
    if plural:
        return None
    v = 1.0 / d
    sc = _scale_after(toks, k + 1)
    if sc is not None:
        return Num(v * sc[0], v * sc[0], i, sc[1], words=True)
    m = k + 1
    word = toks[k].lower
    if word == "half":
        # "half of the cases", "half the votes": a share
        if m < len(toks) and toks[m].lower in ("of", "the", "a", "an", "their", "its", "all"):
            return Num(v, v, i, m, words=True, fraction=True)
        hyphen = m + 1 < len(toks) and toks[m].text in _HYPHENS and _adjacent(toks[m - 1], toks[m])
        if (k > i and not hyphen) or _unit_follows(toks, m):  # "a half", "half day"
            return Num(v, v, i, m, words=True, fraction=True)
        if hyphen and _adjacent(toks[m], toks[m + 1]) and _unit_follows(toks, m + 1):
            return Num(v, v, i, m, words=True, fraction=True)  # "half-litre", "half-hour"
        return None
    if k == i and not (m < len(toks) and toks[m].lower == "of" and _unit_follows(toks, m) and
                       (toks[k].lower != "quarter" or _bare_quarter(toks, i))):
        return None  # a bare "quarter": a period of the year, a district (but "fourth of a liter")
    # "a quarter of residents", "a fifth", "a hundredth"
    if m < len(toks) and toks[m].is_word and toks[m].lower not in ("of", "and", "or", "is", "was") \
            and word not in ("quarter",):
        return None  # "a fifth term": an ordinal
    return Num(v, v, i, m, words=True, fraction=True)


_QUARTER_BEFORE = frozenset({"the", "this", "that", "last", "next", "each", "every", "per", "a", "an"})


def _bare_quarter(toks: list[Token], i: int) -> bool:
    """"quarter of an hour" (Duckling's duration rule): "quarter" without an article, then "of a(n)"
    and a unit; not "the first quarter of a year" (a period)."""
    n, _ = tables()
    if i + 2 >= len(toks) or toks[i + 2].lower not in ("a", "an"):
        return False
    prev = toks[i - 1].lower if i > 0 else ""
    return prev not in _QUARTER_BEFORE and prev not in n["ordinals"]


def read_ordinal_word(toks: list[Token], i: int) -> Optional[Num]:
    """"first", "twenty-first", "forty second", "thirtyfirst", "hundredth"."""
    n, _ = tables()
    w = toks[i].lower
    if w in n["tens"] and i + 1 < len(toks):
        k = i + 1
        if toks[k].text in _HYPHENS and k + 1 < len(toks):
            k += 1
        if toks[k].lower in n["ordinals"] and n["ordinals"][toks[k].lower] < 10:
            v = float(n["tens"][w] + n["ordinals"][toks[k].lower])
            return Num(v, v, i, k + 1, words=True, ordinal=True)
    if w in n["ordinals"]:
        v = float(n["ordinals"][w])
        return Num(v, v, i, i + 1, words=True, ordinal=True)
    if w in glued_ordinals():
        v = glued_ordinals()[w]
        return Num(v, v, i, i + 1, words=True, ordinal=True)
    return None
