"""The number grammar: digits, number words, scales, fractions, vague amounts, ordinals.

``read_number(tokens, i)`` reads the longest number that starts at token ``i`` and returns a
``Num`` (value interval and the tokens it covers) or ``None``. It knows nothing of what is
counted; ``quantities`` builds mentions on top of it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Optional

import regex

from .. import lexicon
from .text import Token

_PLAIN_RE = regex.compile(r"\d+(?:\.\d+)?")
_GROUPED_RE = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_ORDINAL_SUFFIX = {"st", "nd", "rd", "th"}


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

    @property
    def value(self) -> float:
        return self.low


@functools.lru_cache(maxsize=None)
def _tables():
    n = lexicon.load("numbers")
    vague = {}
    for phrase, (lo, hi) in lexicon.load("vague").items():
        vague[tuple(phrase.split())] = (float(lo), float(hi))
    return n, vague


def _adjacent(a: Token, b: Token) -> bool:
    return a.end == b.start


def parse_digits(text: str) -> Optional[float]:
    """"250,000" -> 250000.0; "1.5" -> 1.5; version strings and odd groupings -> None."""
    if _GROUPED_RE.fullmatch(text):
        return float(text.replace(",", ""))
    if _PLAIN_RE.fullmatch(text):
        return float(text)
    return None


def read_number(toks: list[Token], i: int) -> Optional[Num]:
    """The number starting at token ``i``, if one does."""
    tok = toks[i]
    if tok.is_digit:
        return _read_digits(toks, i)
    if not tok.is_word:
        return None
    return _read_vague(toks, i) or _read_words(toks, i)


def _read_digits(toks: list[Token], i: int) -> Optional[Num]:
    n, _ = _tables()
    tok = toks[i]
    value = parse_digits(tok.text)
    if value is None:
        return None
    decimals = len(tok.text.split(".")[1]) if "." in tok.text else 0
    j = i + 1
    # "21st", "3rd": ordinals
    if j < len(toks) and _adjacent(tok, toks[j]) and toks[j].lower in _ORDINAL_SUFFIX:
        return Num(value, value, i, j + 1, ordinal=True)
    scale = 1.0
    glued = False
    if j < len(toks):
        nxt = toks[j]
        if _adjacent(tok, nxt) and nxt.text in n["scale_suffixes"]:
            scale, j, glued = float(n["scale_suffixes"][nxt.text]), j + 1, True
        elif nxt.lower in n["scales"] and not _adjacent(tok, nxt):
            scale, j = float(n["scales"][nxt.lower]), j + 1
            # "1.5 million": a second scale word ("thousand million") is rare; stop here.
    # "7 / 3", "7/3": a fraction, unless a date ("12/23/2015": handled before numbers)
    if scale == 1.0 and j + 1 < len(toks) and toks[j].text == "/" and toks[j + 1].is_digit:
        den = parse_digits(toks[j + 1].text)
        after = toks[j + 2].text if j + 2 < len(toks) else ""
        if den and after != "/":
            v = value / den
            return Num(v, v, i, j + 2, decimal=True)
    v = value * scale
    rounding = 0.0
    if scale >= 1000:
        rounding = 0.5 * scale * (10 ** -decimals) if decimals else 0.0
    return Num(v, v, i, j, rounding=rounding, glued_scale=glued, decimal=decimals > 0)


def _read_vague(toks: list[Token], i: int) -> Optional[Num]:
    _, vague = _tables()
    for length in (3, 2, 1):
        words = tuple(t.lower for t in toks[i:i + length])
        if len(words) == length and words in vague:
            lo, hi = vague[words]
            j = i + length
            # "scores" and "several" only count something when a noun or "of" follows
            if words[-1] in ("scores",) and (j >= len(toks) or toks[j].lower != "of"):
                return None
            if j < len(toks) and toks[j].lower == "of" and words[-1] in ("hundreds", "thousands", "millions", "billions"):
                # "hundreds of thousands" is in the lexicon; "hundreds of civilians" stops here
                pass
            return Num(lo, hi, i, j, words=True, vague=True)
    return None


def _read_words(toks: list[Token], i: int) -> Optional[Num]:
    """Spelt-out numbers: "twenty-five", "one hundred and three", "a dozen",
    "a quarter of a million", "half a million", "two thirds", "three million"."""
    n, _ = _tables()
    units, tens, scales, words_, fracs = n["units"], n["tens"], n["scales"], n["words"], n["fractions"]
    first = toks[i].lower
    # Fractions of a scale: "a quarter of a million", "half a million", "a third of a billion"
    frac_start = i
    frac_num = 1.0
    k = i
    if first in ("a", "an", "one") and k + 1 < len(toks) and toks[k + 1].lower in fracs:
        k += 1
    elif first in units and 1 < units[first] < 20 and k + 1 < len(toks) and toks[k + 1].lower in fracs \
            and toks[k + 1].lower.endswith("s"):
        frac_num = float(units[first])
        k += 1
    if toks[k].lower in fracs and (k > i or toks[k].lower == "half"):
        frac = float(fracs[toks[k].lower]) * frac_num
        m = k + 1
        # "... of a million" / "half a million"
        probe = m
        if probe < len(toks) and toks[probe].lower == "of":
            probe += 1
        if probe < len(toks) and toks[probe].lower in ("a", "an", "one"):
            probe += 1
        if probe < len(toks) and toks[probe].lower in scales:
            v = frac * float(scales[toks[probe].lower])
            return Num(v, v, frac_start, probe + 1, words=True, rounding=0.0)
        if probe < len(toks) and toks[probe].lower == "dozen":
            # "half a dozen": an idiom for about six
            v = frac * float(words_["dozen"])
            return Num(v, v, frac_start, probe + 1, words=True, rounding=0.2 * v)
        if frac_num > 1 or (m < len(toks) and toks[m].lower == "of") or toks[k].lower == "half":
            # "two thirds of voters", "half of the cases", "a quarter of residents": a share
            if toks[k].lower == "half" and not (m < len(toks) and toks[m].lower in ("of", "the", "a", "an", "their", "its", "all")):
                return None
            return Num(frac, frac, frac_start, m, words=True, fraction=True)
        return None

    total = 0.0
    current = 0.0
    j = i
    last = None  # unit | tens | teen | hundred | scale | dozen
    consumed_any = False
    if first in ("a", "an"):
        # "a hundred", "a dozen", "a million" — nothing else follows "a" as a number
        if i + 1 < len(toks) and (toks[i + 1].lower in scales or toks[i + 1].lower in words_):
            current, j, last = 1.0, i + 1, "a"
        else:
            return None
    while j < len(toks):
        t = toks[j]
        w = t.lower
        if w == "-" and last in ("tens",) and j + 1 < len(toks) and _adjacent(toks[j - 1], t) \
                and _adjacent(t, toks[j + 1]) and toks[j + 1].lower in units:
            j += 1
            continue
        if w in units and units[w] > 0 and last in (None, "tens", "hundred", "scale", "and"):
            if last == "tens" and units[w] >= 10:
                break
            current += units[w]
            last = "teen" if units[w] >= 10 else "unit"
        elif w in units and units[w] == 0 and last is None:
            if w in ("none", "nil"):
                return None  # "none of", "nil" are words, not quantities here
            current, last = 0.0, "unit"
        elif w in tens and last in (None, "hundred", "scale", "and"):
            current += tens[w]
            last = "tens"
        elif w == "hundred" and last in ("unit", "teen", "tens", "a"):
            current = (current or 1.0) * 100
            last = "hundred"
        elif w in scales and w != "hundred" and last in ("unit", "teen", "tens", "hundred", "a"):
            total += (current or 1.0) * scales[w]
            current = 0.0
            last = "scale"
        elif w in words_ and last in ("unit", "teen", "tens", "a", None) and w == "dozen":
            current = (current or 1.0) * words_[w]
            last = "dozen"
            j += 1
            consumed_any = True
            break
        elif w == "and" and last in ("hundred", "scale") and j + 1 < len(toks) and \
                (toks[j + 1].lower in units or toks[j + 1].lower in tens):
            last = "and"
        else:
            break
        consumed_any = True
        j += 1
    if not consumed_any or last == "and":
        return None
    value = total + current
    if last == "dozen" and first in ("a", "an", "dozen"):
        # "a dozen fighters" is about twelve
        return Num(value, value, i, j, words=True, vague=False, rounding=0.2 * value)
    return Num(value, value, i, j, words=True)


def read_ordinal_word(toks: list[Token], i: int) -> Optional[Num]:
    """"first", "twenty-first", "hundredth"."""
    n, _ = _tables()
    w = toks[i].lower
    if w in n["ordinals"]:
        v = float(n["ordinals"][w])
        return Num(v, v, i, i + 1, words=True, ordinal=True)
    if w in n["tens"] and i + 2 < len(toks) and toks[i + 1].text == "-" and toks[i + 2].lower in n["ordinals"]:
        v = float(n["tens"][w] + n["ordinals"][toks[i + 2].lower])
        return Num(v, v, i, i + 3, words=True, ordinal=True)
    return None
