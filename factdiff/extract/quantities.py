"""Numeric mentions: counts, quantities with units, money, percentages, ratios, durations.

Works on the tokens of one sentence. For each number the grammar reads, it looks left for a
qualifier or a currency, right for a scale, unit, percent sign, currency word or the thing
counted, and decides what kind of fact it is. Designations ("RBK 500", "Su-24s",
"Rossiya 24", "Boeing 737") are recognised here and dropped.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from typing import Any, Optional

import regex

from .. import lexicon
from .gate import rule
from .numbers import (VULGAR, Num, denominators, glued_ordinals, minus_sign, read_number, read_ordinal_word, tables,
                      vague_starts)
from .text import Token, tokenize
from .units import (GLUED_ONLY, Unit, currency_prefix, currency_suffix, currency_tables, first_tokens, match_unit,
                    prefix_starts, unit_table)

INF = math.inf


@dataclass
class Raw:
    """A numeric mention before its context is read (token indices into the sentence)."""

    i: int  # first token of the mention (qualifier included)
    j: int  # one past the last token
    kind: str
    low: float
    high: float
    low_inclusive: bool = True
    high_inclusive: bool = True
    unit: Optional[str] = None
    dimension: Optional[str] = None
    factor: float = 1.0
    approximate: bool = False
    tolerance: float = 0.0
    qualifier: Optional[str] = None
    head: Optional[int] = None  # token index of the counted noun
    head_text: Optional[str] = None
    subject: Optional[str] = None  # when the grammar itself knows it ("age", "page")
    modifies: Optional[int] = None  # token index of the noun a hyphenated measure modifies
    num_j: int = 0
    ago: bool = False
    extra: dict = field(default_factory=dict)


@functools.lru_cache(maxsize=None)
def _qualifiers():
    q = lexicon.load("qualifiers")
    before = {tuple(k.split()): v for k, v in q["before"].items()}
    for phrase, kind in _comparatives(q.get("comparatives", {})):
        before.setdefault(tuple(phrase.split()), kind)
    after = {tuple(k.split()): v for k, v in q["after"].items()}
    return before, after, q["tolerance"]


def _comparatives(g: dict) -> list[tuple[str, str]]:
    """The bound phrases of the comparative grammar in ``qualifiers.toml`` [comparatives]: a
    comparative alone, joined with "equal (to)" in either order (with or without "or"), or
    turned around by a negation ("no greater than", "not to exceed")."""
    if not g:
        return []
    out: list[tuple[str, str]] = []
    for side, strict, inclusive, flipped in (("more", "more_than", "at_least", "at_most"),
                                             ("less", "less_than", "at_most", "at_least")):
        out += [(c, strict) for c in g[side]]
        for c in g[side] + g[f"{side}_bare"]:
            for e in g["equal"]:
                out += [(f"{c} or {e}", inclusive), (f"{c} {e}", inclusive),
                        (f"{e} or {c}", inclusive), (f"{e} {c}", inclusive)]
        out += [(f"{n} {c}", flipped) for n in g["negations"] for c in g[side]]
    return out


@functools.lru_cache(maxsize=None)
def _blocking_words() -> frozenset:
    """Capitalised words that may stand before a number without making it a designation."""
    n = lexicon.load("numbers")
    words = set(lexicon.stopwords()) | set(n["units"]) | set(n["tens"]) | set(n["scales"])
    before, _, _ = _qualifiers()
    for phrase in before:
        words.update(phrase)
    words.update({*lexicon.MONTHS, *lexicon.WEEKDAYS, *lexicon.MONTH_ABBREVIATIONS, "than", "of", "just",
                  "killing", "killed", "kills", "including", "nearly", "almost", "another",
                  "only", "some", "top", "with", "about", "roughly", "around", "those",
                  "these", "estimated", "approximately", "q", "a"})
    return frozenset(words)


_NOT_HEADS = frozenset({"other", "others", "time", "times", "one", "ones", "thing", "things",
                        "way", "ways", "more", "less", "percent", "per", "cent", "of", "out",
                        "new", "way", "lot", "lots", "kind", "sort", "type", "part"})
_PERCENT_WORDS = {("percent",): "percent", ("per", "cent"): "percent", ("pct",): "percent",
                  ("percents",): "percent", ("percentage",): "percent",
                  ("percentage", "points"): "percentage point", ("percentage", "point"): "percentage point",
                  ("pc",): "percent", ("per", "cents"): "percent"}
_PERCENT_LONGEST = sorted(_PERCENT_WORDS.items(), key=lambda kv: -len(kv[0]))  # "percentage points" first


class Blocked:
    """Character spans already taken by dates, clock times, phone numbers and links."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans

    def covers(self, tok: Token) -> bool:
        """Whether the token overlaps one of the spans."""
        for a, b in self.spans:
            if a < tok.end and tok.start < b:
                return True
        return False


def scan(toks: list[Token], blocked: Blocked) -> list[Raw]:
    """Every numeric mention in one sentence's tokens. ``blocked.covers(token)`` says a token is
    already part of a date, clock time, phone number or link."""
    out: list[Raw] = []
    i = 0
    n = len(toks)
    starts = _start_words()
    after_article = _after_article()
    while i < n:
        tok = toks[i]
        if not tok.is_digit and tok.lower not in starts and tok.text not in starts:
            i += 1
            continue
        if tok.lower in _ARTICLES and after_article is not None and \
                (i + 1 >= n or toks[i + 1].lower not in after_article):
            i += 1  # "a"/"an" before a word that makes nothing of it (_read_at would say None)
            continue
        if blocked.covers(tok) or _season_end(toks, i, blocked):
            i += 1
            continue
        raw = _read_at(toks, i, blocked)
        if raw is None:
            i += 1
            continue
        if raw.kind != "skip":
            out.append(raw)
        i = max(raw.num_j, raw.j if raw.kind == "skip" or raw.kind == "quantity" else raw.num_j, i + 1)
    for raw in out:
        _half_month_in_days(raw)
    return _join_bounds(toks, out)


def _half_month_in_days(raw: Raw) -> None:
    """"half a month", "a month and a half": 15 and 45 days, as Duckling counts a month and a
    half (its timesOneAndAHalf: 30 days a month), not 1.5 mean months of 30.44 days."""
    if raw.kind == "duration" and raw.unit == "month" and raw.low == raw.high and (raw.low * 2) % 2 == 1:
        raw.low = raw.high = raw.low * 30
        raw.unit, raw.factor = "day", 86400.0


def _season_end(toks: list[Token], i: int, blocked: Blocked) -> bool:
    """The two digits that end a span of two years ("the 2014-15 season", "fiscal 1999/00"): the
    year after the one before the dash, no count."""
    tok = toks[i]
    if i < 2 or len(tok.text) != 2 or not tok.text.isdigit():
        return False
    dash, year = toks[i - 1], toks[i - 2]
    return dash.text in ("-", "–", "/") and year.end == dash.start and dash.end == tok.start \
        and len(year.text) == 4 and year.text.isdigit() and blocked.covers(year) \
        and int(tok.text) == (int(year.text) + 1) % 100


@functools.lru_cache(maxsize=None)
def _start_words() -> frozenset:
    """Every token a numeric mention can start with, besides digits."""
    n = lexicon.load("numbers")
    words = set(n["units"]) | set(n["tens"]) | set(n["ordinals"]) | set(glued_ordinals()) | set(vague_starts())
    words |= {"a", "an", "half", "quarter", "minus", "negative", "point", "-", "−", "–"} | set(prefix_starts())
    words |= set(VULGAR)
    return frozenset(words)


_ARTICLES = frozenset({"a", "an"})


@functools.lru_cache(maxsize=None)
def _after_article() -> Optional[frozenset]:
    """Every ``Token.lower`` after "a"/"an" with which ``_read_at`` can read anything at the
    article; None when the article alone may be something (then it is always tried). What
    ``_read_at`` tries there: a currency written with the article's letter ("A$": the next token
    of such a symbol, "$"), a vague amount ("a few"), "a million", "a hundred", "a dozen", a
    fraction ("a third"), a unit or currency word (``_article_unit``: the tokens
    ``units.first_tokens`` lets through, inflections of ``_ARTICLE_UNIT_WORDS``); an ordinal
    never starts with an article."""
    n, vague = tables()
    symbols, codes, words = currency_tables()
    after = {"$"}
    for name in list(symbols) + list(codes) + list(words):
        toks = [t.lower for t in tokenize(name)]
        if toks and toks[0] in _ARTICLES:
            if len(toks) == 1:
                return None
            after.add(toks[1])
    alone = set(n["units"]) | set(n["tens"]) | set(n["ordinals"]) | set(glued_ordinals())
    if alone & _ARTICLES or any(p == (a,) for p in vague for a in _ARTICLES):
        return None
    after |= {p[1] for p in vague if len(p) > 1 and p[0] in _ARTICLES}
    after |= set(n["scales"]) | {"hundred", "dozen"} | set(denominators())
    after |= first_tokens() | lexicon.inflections(_ARTICLE_UNIT_WORDS)
    return frozenset(after)


_LOWER_BOUNDS = ("at_least", "more_than")
_UPPER_BOUNDS = ("at_most", "less_than")


def _join_bounds(toks: list[Token], raws: list[Raw]) -> list[Raw]:
    """"above 1000 and below 1500", "greater than 100 but smaller than 300": one interval."""
    if len(raws) < 2:
        return raws
    before, _, _ = _qualifiers()
    out: list[Raw] = []
    k = 0
    while k < len(raws):
        a = raws[k]
        b = raws[k + 1] if k + 1 < len(raws) else None
        qa = before.get(tuple(a.qualifier.split())) if a.qualifier else None
        qb = before.get(tuple(b.qualifier.split())) if b is not None and b.qualifier else None
        # the lower bound first, or the upper one first ("less than 30 and more than 20":
        # Recognizers-Text's TwoNumberRangeRegex3)
        lower, upper = (a, b) if qa in _LOWER_BOUNDS and qb in _UPPER_BOUNDS else \
            (b, a) if qa in _UPPER_BOUNDS and qb in _LOWER_BOUNDS else (None, None)
        if b is not None and lower is not None and upper is not None and \
                (a.kind == b.kind or (a.kind == "count" and a.head is None)) and \
                (a.unit == b.unit or not a.unit) and lower.low < upper.high:
            between = [t.lower for t in toks[a.num_j:b.i]]
            if between and len(between) <= 2 and all(w in ("and", "but", ",") for w in between):
                b.low, b.high = lower.low, upper.high
                b.low_inclusive, b.high_inclusive = lower.low_inclusive, upper.high_inclusive
                b.i = a.i
                b.qualifier = f"{a.qualifier} … {b.qualifier}"
                out.append(b)
                k += 2
                continue
        out.append(a)
        k += 1
    return out


def _read_at(toks: list[Token], i: int, blocked: Blocked) -> Optional[Raw]:
    """The numeric mention that starts at token ``i`` (a currency sign, a number, an ordinal), or
    a "skip" mention over what only looks like one (a date, page furniture, a designation)."""
    cur = currency_prefix(toks, i)
    signed = cur is None and minus_sign(toks, i) and currency_prefix(toks, i + 1) is not None  # "-$1.2bn"
    if signed:
        cur = currency_prefix(toks, i + 1)
    k = cur[1] if cur else i
    inner_qual = None
    if cur and k < len(toks):
        q = _match_before_forward(toks, k)
        if q:
            inner_qual, k = q
    if k >= len(toks):
        return None
    num = read_number(toks, k, money=cur is not None)
    if num is None:
        num = _article_unit(toks, k, cur)
    if num is None:
        return _bounded_ordinal(toks, _ordinal_word_at(toks, k, blocked)) if toks[k].is_word and not cur else None
    if any(blocked.covers(t) for t in toks[num.i:num.j]):
        return Raw(num.i, num.j, "skip", 0, 0, num_j=num.j)
    if num.ordinal:
        return _bounded_ordinal(toks, _anniversary(toks, num) or Raw(num.i, num.j, "ordinal", num.low, num.high,
                                                                     num_j=num.j))
    if not cur:
        special = _not_a_plain_figure(toks, num)
        if special is not None:
            return special
    raw = _range(toks, num, cur, blocked, i) or _classify(toks, num, cur, blocked)
    if raw is None:
        return None
    if signed and raw.kind == "money":
        raw.low, raw.high = -raw.high, -raw.low
    _qualify(toks, raw, i if cur else num.i, inner_qual)
    if raw.kind == "count" and not cur and not raw.qualifier:
        # a year used as a name ("the 2016 election cycle"): a date of year grain, never a count;
        # a date, a name or page furniture: a number, never compared
        raw.kind = _names_not_counts(toks, num, raw) or raw.kind
    return raw


def _bounded_ordinal(toks: list[Token], raw: Optional[Raw]) -> Optional[Raw]:
    """"higher than the tenth", "lower than the 15th": a bound on a rank (Recognizers-Text's
    OneNumberRange patterns allow "the" before the number); two of them join into a range."""
    if raw is None or raw.kind != "ordinal" or raw.i < 2 or toks[raw.i - 1].lower != "the":
        return raw
    if raw.j < len(toks) and toks[raw.j].is_word and toks[raw.j].lower not in ("and", "but", "or"):
        return raw  # "less than the first time": a noun follows, a comparison of events
    q = _match_before_backward(toks, raw.i - 1)
    if q is None or _qualifiers()[0].get(tuple(q[0].split())) not in _LOWER_BOUNDS + _UPPER_BOUNDS:
        return raw
    raw.qualifier, raw.i = q[0], q[1]
    _apply_qualifier(raw)
    return raw


def _ordinal_word_at(toks: list[Token], k: int, blocked: Blocked) -> Optional[Raw]:
    """"first", "twenty-first" (not "a second", "per second": a unit of time)."""
    ordinal = read_ordinal_word(toks, k)
    if ordinal and not any(blocked.covers(t) for t in toks[ordinal.i:ordinal.j]) and \
            not (toks[k].lower == "second" and k > 0 and toks[k - 1].lower in ("a", "per", "every", "one", "/")):
        return _anniversary(toks, ordinal) or Raw(ordinal.i, ordinal.j, "ordinal", ordinal.low,
                                                  ordinal.high, num_j=ordinal.j)
    return None


def _not_a_plain_figure(toks: list[Token], num: Num) -> Optional[Raw]:
    """What a number without a currency sign is when it is no figure of its own: page furniture,
    an age bracket, a decade, a designation, a person's age in apposition."""
    end = _position_in_sequence(toks, num)
    if end is not None:  # "Photo 1 of 12", "1 of 62 Full Screen": where a page is, not a count
        return Raw(num.i, end, "skip", 0, 0, num_j=end)
    age = _age_bracket(toks, num)
    if age is not None:  # "in their 70s", "in his mid-40s": an age between two bounds
        return age
    if _decade(toks, num):
        # "the 1990s": a date whose last digit is unknown ("199X"); "the ’80s": nothing
        kind = "decade" if len(toks[num.i].text) == 4 else "skip"
        return Raw(num.i, num.j + 1, kind, num.low, num.low + 9, num_j=num.j + 1)
    if _is_designation(toks, num):
        j = num.j
        while j < len(toks) and toks[j - 1].end == toks[j].start and (toks[j].is_word or toks[j].is_digit):
            j += 1
        return Raw(num.i, j, "skip", 0, 0, num_j=j)
    return _appositive_age(toks, num)  # "Hunter, 41, denies": the person's age


def _qualify(toks: list[Token], raw: Raw, begin: int, inner_qual: Optional[str]) -> None:
    """The qualifier before the mention ("more than", "about"; inside a currency: "$ about 5")."""
    start_tok = min(begin, raw.i)
    if inner_qual:
        raw.qualifier = inner_qual
    elif not raw.extra.get("range"):
        q = _match_before_backward(toks, start_tok)
        if q:
            raw.qualifier, start_tok = q[0], q[1]
    elif start_tok > 0 and toks[start_tok - 1].lower in ("around", "about", "approximately", "roughly", "~"):
        raw.approximate = True
        start_tok -= 1
    raw.i = min(raw.i, start_tok)
    _apply_qualifier(raw)


_ARTICLE_UNIT_WORDS = frozenset({"dollar", "euro", "pound", "penny", "cent", "buck", "yen", "rupee", "dime"})


def _article_unit(toks: list[Token], k: int, cur) -> Optional[Num]:
    """"a liter", "an hour", "a dollar": one of a unit."""
    if toks[k].lower not in ("a", "an") or k + 1 >= len(toks) or cur:
        return None
    nxt = toks[k + 1]
    if not nxt.is_word:
        return None
    unit = match_unit(toks, k + 1, glued=False)
    if (unit is not None and unit.name not in ("degree",)) or lexicon.singular(nxt.lower) in _ARTICLE_UNIT_WORDS:
        return Num(1.0, 1.0, k, k + 1, words=True)
    return None


_RANGE_LINKS = frozenset({"-", "–", "—", "~", "to", "through", "thru", "and"})
_CHANGE_WORDS = frozenset(lexicon.load("qualifiers").get("change", {}).get("words", []))


def _range(toks: list[Token], num: Num, cur, blocked: Blocked, start: int) -> Optional[Raw]:
    """"between 20 and 30", "20-30", "from 5 to 10 km", "3km-5km", "$10-$20": one interval."""
    first = _classify(toks, num, cur, blocked, bare=True)
    if first is None or first.kind in ("ratio",):
        return None
    k = first.j if first.unit else num.j
    opener = toks[start - 1].lower if start > 0 else ""
    lead = start
    if opener == "the" and start > 1 and toks[start - 2].lower == "between":
        opener, lead = "between", start - 1  # Recognizers-Text: "between (the)? <n> and (the)? <n>"
    if not _range_link(toks, k, start, opener):
        return None
    link = toks[k].lower
    got = _second_end(toks, k + 1 + _double_dash(toks, k), num, cur, blocked)
    if got is None:
        return None
    num2, cur2 = got
    second = _classify(toks, num2, cur or cur2, blocked, bare=True)
    if second is None or second.kind in ("ratio",) or (first.unit and second.unit and first.unit != second.unit
                                                       and first.dimension != second.dimension):
        return None
    if first.unit and not second.unit:
        if link in ("and",) or first.kind != "money":
            return None
    if link == "to" and opener not in ("from", "between") and not second.unit and second.head is None:
        head = _find_head(toks, second.num_j, plural=True, after_vague=False)
        if head is None:
            return None  # "a ratio of 4 to 7", "voted 5 to 4"
    lo = first.low * (first.factor / second.factor if first.unit and second.unit else 1.0)
    lo *= _shared_scale(toks, num, num2, first, second)
    hi = second.high
    if hi < lo <= 0:
        lo, hi = hi, lo  # "from -5 to -10 degrees": negative ends named from the one nearer nought
    elif not lo < hi and not (opener == "between" and link == "and"):
        return None
    return _join_range(toks, first, second, (lo, hi), lead, num.i if cur is None else min(num.i, lead))


def _shared_scale(toks: list[Token], num: Num, num2: Num, first: Raw, second: Raw) -> float:
    """"5 to 10 million people", "between 3 and 4 billion dollars": the scale word that ends the
    second number also scales a first end written without one."""
    last = toks[num2.j - 1].lower
    scale = _scales().get(last)
    if scale is None or num2.j - 1 == num2.i or (first.unit and first.kind != "money") or num.glued_scale \
            or num.vague:
        return 1.0
    if any(t.lower in _scales() for t in toks[num.i:num.j]) or first.low <= 0:
        return 1.0
    if first.low * scale < second.high and first.low < num2.low / scale:
        return scale
    return 1.0


@functools.lru_cache(maxsize=None)
def _scales() -> dict[str, float]:
    n = lexicon.load("numbers")
    return {w: float(v) for w, v in n["scales"].items() if w not in ("hundreds", "thousands", "millions",
                                                                      "billions", "trillions")}


def _double_dash(toks: list[Token], k: int) -> int:
    """1 when the link at ``k`` is a dash written as two hyphens ("20--30"), else 0."""
    return int(toks[k].text == "-" and k + 1 < len(toks) and toks[k + 1].text == "-"
               and toks[k].end == toks[k + 1].start)


def _range_link(toks: list[Token], k: int, start: int, opener: str) -> bool:
    """A range link at ``k`` ("-", "to", "and" after "between") that does not join a bound to a
    figure, two figures of a change, or two numbers set apart by a dash."""
    if k >= len(toks) or toks[k].lower not in _RANGE_LINKS:
        return False
    link = toks[k].lower
    if link == "and" and opener not in ("between", "from"):
        return False  # Duckling: "between|from <numeral> and|to <amount>"
    q = _match_before_backward(toks, start)
    if q is not None and _qualifiers()[0].get(tuple(q[0].split())) not in ("about",):
        return False  # "less than 1 to 5": a bound, then a figure
    if link in ("to", "through", "thru") and opener == "from" and start > 1 and \
            any(t.lower in _CHANGE_WORDS for t in toks[max(0, start - 4):start - 1]):
        return False  # "rose from 5% to 7%": a change, two figures
    last = k + _double_dash(toks, k)  # the last token of the link
    if link in ("-", "–", "—", "~") and (toks[k].start - toks[k - 1].end) != (toks[last + 1].start - toks[last].end
                                                                              if last + 1 < len(toks) else -1):
        if not (toks[k].start - toks[k - 1].end <= 1 and last + 1 < len(toks) and
                toks[last + 1].start - toks[last].end <= 1):
            return False
    return True


def _second_end(toks: list[Token], m: int, num: Num, cur, blocked: Blocked) -> Optional[tuple[Num, Any]]:
    """The number after a range link (and its currency sign, if any)."""
    while m < len(toks) and toks[m].lower in ("about", "around", "approximately", "the"):
        m += 1
    if m >= len(toks):
        return None
    cur2 = currency_prefix(toks, m)
    if cur2:
        if cur and cur2[0] != cur[0]:
            return None
        m = cur2[1]
        if m >= len(toks):
            return None
    num2 = read_number(toks, m, money=cur is not None or cur2 is not None)
    if num2 is None or num2.vague or num2.ordinal or num.vague or any(blocked.covers(t) for t in toks[num2.i:num2.j]):
        return None
    return num2, cur2


def _join_range(toks: list[Token], first: Raw, second: Raw, bounds: tuple[float, float], start: int,
                begin: int) -> Raw:
    """The second end's mention, widened to the interval ``bounds`` and back to ``begin`` (to the
    opener before ``start`` when it is "between" or "from")."""
    raw = second
    raw.low, raw.high = bounds
    raw.i = begin
    if start > 0 and toks[start - 1].lower in ("between", "from"):
        raw.i = start - 1
    raw.approximate = first.approximate or second.approximate
    raw.extra["range"] = True
    if raw.kind == "count" and raw.head is None:
        head = _find_head(toks, raw.num_j, plural=True, after_vague=False)
        if head is not None:
            raw.head, raw.head_text, raw.j = head, _head_phrase(toks, raw.num_j, head), head + 1
    return raw


def _match_before_backward(toks: list[Token], start: int) -> Optional[tuple[str, int]]:
    before, _, _ = _qualifiers()
    for length in (6, 5, 4, 3, 2, 1):
        if start - length < 0:
            continue
        words = tuple(t.lower for t in toks[start - length:start])
        if words in before:
            if words[0] in ("about", "around", "over", "under", "above", "below", "some") and \
                    start - length - 1 >= 0 and toks[start - length - 1].lower in _prepositional_after():
                return None
            return " ".join(words), start - length
    return None


@functools.lru_cache(maxsize=None)
def _number_words() -> frozenset:
    n = lexicon.load("numbers")
    return frozenset(n["units"]) | frozenset(n["tens"]) | frozenset(n["scales"])


@functools.lru_cache(maxsize=None)
def _prepositional_after() -> frozenset:
    return frozenset(lexicon.load("qualifiers")["prepositional_after"]["words"])


def _match_before_forward(toks: list[Token], k: int) -> Optional[tuple[str, int]]:
    before, _, _ = _qualifiers()
    for length in (6, 5, 4, 3, 2, 1):
        words = tuple(t.lower for t in toks[k:k + length])
        if len(words) == length and words in before and k + length < len(toks) and \
                (toks[k + length].is_digit or toks[k + length].is_word):
            return " ".join(words), k + length
    return None


def _is_designation(toks: list[Token], num: Num) -> bool:
    """Model names, channels, versions, sections, identifiers: "RBK 500", "Su-24s",
    "Rossiya 24", "Boeing 737", "COVID-19", "F-16", "3D", "G20", "Section 230", "flight 5",
    "Sec. 205", "Super Bowl 50", "Gang of 12", "“No More 404”", "DOI: 10.1073/pnas.1504124112",
    and decades ("the 1990s", "the ’80s")."""
    if not toks[num.i].is_digit:
        return False
    if _in_quoted_name(toks, num.i, num.j):
        return True
    glued = _glued_designation(toks, num)
    if glued is not None:
        return glued
    # "Rossiya 24", "RBK 500", "Boeing 737", "Windows 10": a capitalised name right before
    # (but not "Tom 6 yrs back": a unit after the number makes it a measure)
    if num.j < len(toks) and toks[num.j].start > toks[num.j - 1].end and match_unit(toks, num.j, glued=False):
        return False
    if _percent_after(toks, num.j) or currency_suffix(toks, num.j) is not None:
        return False  # "company 40 %", "Section 5 dollars": a measure, whatever stands before
    return _named_designation(toks, num)


def _glued_designation(toks: list[Token], num: Num) -> Optional[bool]:
    """Letters glued to the digits: True for "Su-24", "G20", "24s", "3D", an identifier; False
    for a glued unit ("1.8m", "5kg"); None when nothing is glued."""
    first = toks[num.i]
    prev = toks[num.i - 1] if num.i > 0 else None
    # "Su-24", "F-16", "COVID-19": letters glued by a hyphen
    if prev is not None and prev.text in ("-", "‑") and prev.end == first.start and num.i >= 2:
        before = toks[num.i - 2]
        if before.end == prev.start and before.is_word and before.lower not in lexicon.load("numbers")["tens"] \
                and before.lower not in ("mid", "pre", "post", "late", "early", "the", "a"):
            return True
    # "G20", "A380": letters glued directly
    if prev is not None and prev.end == first.start and prev.is_word:
        return True
    # "10.1073/pnas.1504124112", "pnas.1504124112": a path or an identifier
    if _identifier_glued(toks, num):
        return True
    # "1.8m", "5kg": a unit glued after is a measure, whatever stands before
    if num.j < len(toks) and toks[num.j].start == toks[num.j - 1].end and toks[num.j].is_word and \
            match_unit(toks, num.j, glued=True) is not None and not toks[num.j].text.isupper():
        return False
    # "24s", "3D", "5G", "737MAX": letters glued after (but not units, scales or ordinals)
    if num.j < len(toks) and not num.glued_scale:
        nxt = toks[num.j]
        if nxt.start == toks[num.j - 1].end and nxt.is_word:
            if match_unit(toks, num.j, glued=True) is None and nxt.lower not in ("st", "nd", "rd", "th") \
                    and currency_suffix(toks, num.j) is None and nxt.lower not in ("pc", "pct"):
                return True
    return None


def _named_designation(toks: list[Token], num: Num) -> bool:
    """A name before the digits: "Section 230", "Super Bowl 50", "the Gang of 12", "Rossiya 24",
    "U.N. 1325", "No. 5", "#1"."""
    first = toks[num.i]
    prev = toks[num.i - 1] if num.i > 0 else None
    plural_after = _counted_plural_after(toks, num.j)
    # "Section 230", "Type 2 diabetes", "Sec. 205", "DOI: 1073", "flight 5", "Part 2 of"
    if prev is not None and _designator_before(toks, num.i, plural_after):
        return True
    # "Super Bowl 50 covers", "Sports Illustrated 100": a name of two capitalised words
    if _two_word_name_before(toks, num.i, num.j):
        return True
    # "the Gang of 12", "the Group of 20 met": a capitalised name "X of N"
    if prev is not None and prev.lower == "of" and num.i >= 3 and not plural_after and \
            _capitalised_name(toks[num.i - 2]) and toks[num.i - 2].text[1:].islower() and not _title_case(toks) \
            and not (num.j < len(toks) and toks[num.j].lower in ("or", "to", "and", "than")):
        return True  # (not "an LDL of 190 or higher": an acronym names what is measured)
    # (nor "give John 7 baseball cards": a counted plural follows)
    if plural_after and not (prev is not None and prev.is_word and prev.text.isupper()):
        return False
    hyphen_after = num.j < len(toks) and toks[num.j].text == "-" and toks[num.j].start == toks[num.j - 1].end
    if prev is not None and prev.is_word and prev.text[0].isupper() and prev.lower not in _blocking_words() \
            and not prev.lower.endswith(("'s", "’s")) and not hyphen_after \
            and first.start - prev.end == 1 and not _percent_after(toks, num.j) \
            and currency_suffix(toks, num.j) is None \
            and not (num.j < len(toks) and match_unit(toks, num.j, glued=False)):
        return True
    # "A.P.T. 29", "U.N. 1325": initials right before (but not "the U.S. 500 troops", above)
    if prev is not None and prev.text == "." and num.i >= 2 and first.start - prev.end == 1 and \
            len(toks[num.i - 2].text) == 1 and toks[num.i - 2].text.isupper() and \
            toks[num.i - 2].end == prev.start and not hyphen_after and not _percent_after(toks, num.j) \
            and currency_suffix(toks, num.j) is None:
        return True
    # "No. 5", "#1"
    if prev is not None and prev.text == "#":
        return True
    return num.i >= 2 and prev is not None and prev.text == "." and toks[num.i - 2].lower == "no"


def _position_in_sequence(toks: list[Token], num: Num) -> Optional[int]:
    """"1 of 62", "Image 1 of / 25", "Photo 3 of 12": the place of a picture or a page in a
    sequence (digits, the first no greater than the second, nothing counted after): the end of
    the phrase, or None."""
    n = len(toks)
    k = num.j
    if not (toks[num.i].is_digit and toks[num.i].text.isdecimal() and k < n and toks[k].lower == "of"):
        return None
    k += 1
    if k < n and toks[k].text == "/":
        k += 1
    if k >= n or not toks[k].text.isdecimal():
        return None
    first, last = int(toks[num.i].text), int(toks[k].text)
    if not 1 <= first <= last or last < 2:
        return None
    if k + 1 < n and (toks[k + 1].text in ("%", ".", ",", "-", "/") and toks[k + 1].start == toks[k].end
                      or _counted_plural_after(toks, k + 1)
                      or toks[k + 1].is_word and toks[k + 1].text.islower()):
        return None  # "3 of 5 judges", "1 of 2.5", "2 of 10 percent": a count or a share
    return k + 1


_YEAR_LIKE = regex.compile(r"(?:1[89]|20)\d\d")
_SENTENCE_OPENERS = frozenset({":", ".", "!", "?", "“", '"', "(", "[", "—", "–", "-", "‘", "'", "•", "*", "|",
                               "»", "«", ">"})


def _names_not_counts(toks: list[Token], num: Num, raw: Raw) -> Optional[str]:
    """What a count that names rather than counts is instead, or None (it counts):

    * "year", a year used as a name or a modifier: "first 2016 candidate", "the 2016 election
      cycle", "Act of 2001", "2002 Winter Olympics" (four plain digits from 1800 to 2099 with
      nothing or a singular after them; "2000 people" still counts);

    and a bare "number", never compared, for:

    * a date or a fraction written with a slash where no unit follows: "a 9/11 widow";
    * a capitalised number word inside a sentence: "the Group of Seven major nations",
      "Frankie Five Angels" (not in Title Case headlines, not after an opening mark);
    * digits before a capitalised singular word, nothing counted: "400 Monroe", "10 Caption";
    * page furniture on a short line: "14 comments", "Share 12" (``labels.furniture``)."""
    text = toks[num.i].text
    n = len(toks)
    head = raw.head
    if _date_like_slash(toks, num):
        return "number"
    if num.j == num.i + 1 and _YEAR_LIKE.fullmatch(text) and not raw.extra.get("range") and \
            not (num.j < n and toks[num.j].text in ("-", "‑") and toks[num.j].start == toks[num.i].end) and \
            (head is not None and not lexicon.looks_plural(toks[head].text) or head is None and _year_names(toks, num)):
        return "year"
    if num.words and toks[num.i].is_word and toks[num.i].text[0].isupper() and not toks[num.i].text.isupper() \
            and num.i > 0 and toks[num.i - 1].text not in _SENTENCE_OPENERS and not _title_case(toks):
        return "number"
    if head is None and toks[num.i].is_digit and "," not in text and _name_after(toks, num.j) \
            and not _title_case(toks) and \
            not (num.i > 0 and toks[num.i - 1].text in (":", "=")):  # "Science: 60 Art: 62": a label's value
        return "number"
    if head is not None and toks[head].lower in _labels()["furniture"] and \
            sum(1 for t in toks if t.is_word) <= 6:
        return "number"
    return None


_FRACTION_AFTER = frozenset({"of", "times", "full", "empty", "majority", "share", "as", "more", "less", "the",
                             "a", "an", "or", "to"})


def _year_names(toks: list[Token], num: Num) -> bool:
    """A year with nothing counted after it that is part of a name or modifies a noun: "Trump’s
    2016 presidential opponent", "2002 Winter Olympics", "2016 PLAYERS" (a word after it),
    "Act of 2001", "Rio 2016" (a name before it); not "an amount of 2000 in a deposit"."""
    j = num.j
    if j < len(toks) and toks[j].is_word and toks[j].lower not in lexicon.stopwords():
        return True
    i = num.i
    if i >= 1 and _capitalised_name(toks[i - 1]) and i - 1 > 0:
        return True
    return i >= 2 and toks[i - 1].lower == "of" and _capitalised_name(toks[i - 2]) and i - 2 > 0


def _date_like_slash(toks: list[Token], num: Num) -> bool:
    """"a 9/11 widow", "the 9/11 Commission", "9/11-related": a month and day written with a
    slash, glued, before the word it names (a fraction is followed by "of", "full", "times", a
    unit; a spaced "3 / 8" is arithmetic)."""
    if num.j != num.i + 3 or toks[num.i + 1].text != "/" or not toks[num.i].text.isdecimal() or \
            not toks[num.i + 2].text.isdecimal():
        return False
    if toks[num.i + 1].start != toks[num.i].end or toks[num.i + 2].start != toks[num.i + 1].end:
        return False
    if not (1 <= int(toks[num.i].text) <= 12 and 1 <= int(toks[num.i + 2].text) <= 31):
        return False
    j = num.j
    return j < len(toks) and (toks[j].text in ("-", "‑") or toks[j].is_word and toks[j].lower not in _FRACTION_AFTER)


@functools.lru_cache(maxsize=None)
def _unit_surfaces() -> frozenset:
    """Every unit surface of one word, in lower case."""
    return frozenset(s.lower() for s in unit_table() if " " not in s)


def _name_after(toks: list[Token], j: int) -> bool:
    """"400 Monroe", "25 Caption Close", "62 Full Screen": capitalised words right after the
    number, none of them a plural ("8 Senior Managing Directors", "12 Democrats" count) nor an
    acronym ("50 FBI agents")."""
    k = j
    while k < len(toks) and k < j + 4 and toks[k].is_word and toks[k].text[0].isupper():
        t = toks[k].text
        if not t[1:].islower() or lexicon.looks_plural(t) or (k == j and toks[k].lower in _unit_surfaces()):
            return False  # "50 FBI agents", "8 CDs", "30 Km": an acronym, a unit written with a capital
        k += 1
    return k > j and len(toks[j].text) > 1


@functools.lru_cache(maxsize=None)
def _labels() -> dict:
    """The lists of ``lexicons/labels.toml``, as sets."""
    return {k: frozenset(v) for k, v in lexicon.load("labels").items()}


@functools.lru_cache(maxsize=None)
def _idiom_re() -> re.Pattern:
    """``labels.idioms`` as one pattern, longest first, not glued to a word or another figure."""
    phrases = sorted(_labels()["idioms"], key=lambda w: (-len(w), w))
    return re.compile(r"(?<![\w/.-])(?:" + "|".join(map(re.escape, phrases)) + r")(?![\w/]|[.,-]\d)", re.IGNORECASE)


def idiom_spans(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The set phrases of ``labels.idioms`` in ``text[s:e]`` ("open 24/7", "a 50/50 split"):
    spans whose numbers state no figure, neither counts nor dates."""
    return [m.span() for m in _idiom_re().finditer(text, s, e)]


def _counted_plural_after(toks: list[Token], j: int) -> bool:
    """A lower-case plural right after the number, or after one more lower-case word: what it
    counts ("7 baseball cards", "500 troops")."""
    if j >= len(toks) or not toks[j].is_word or not toks[j].text.islower():
        return False
    if lexicon.looks_plural(toks[j].text):
        return True
    return j + 1 < len(toks) and toks[j + 1].is_word and toks[j + 1].text.islower() and \
        lexicon.looks_plural(toks[j + 1].text)


def _capitalised_name(tok: Token) -> bool:
    """A word that reads as (part of) a name: capitalised, not a word that stands before
    figures anyway ("About", "Killed"), not a possessive."""
    return tok.is_word and tok.text[0].isupper() and tok.lower not in _blocking_words() and \
        not tok.lower.endswith(("'s", "’s"))


def _designator_before(toks: list[Token], i: int, plural_after: bool) -> bool:
    """A noun that takes the number at ``i`` as its name (``labels.designators``: "Section
    230", "flight 5"; ``weak_designators`` when capitalised or when no counted plural follows:
    "Part 2", "page 3"); an abbreviated one with its full stop ("Sec. 205"); an identifier's
    name ("DOI: 1073")."""
    lab = _labels()
    prev = toks[i - 1]
    k = i - 1
    if prev.text in (".", ":") and i >= 2 and toks[i - 2].end == prev.start and toks[i - 2].is_word:
        word = toks[i - 2].lower
        if prev.text == "." and word in lab["abbreviations"]:
            return True
        return word in lab["identifiers"]
    if not prev.is_word or toks[k].end == toks[i].start:
        return False
    word = prev.lower
    if word in lab["identifiers"] or word in lab["designators"] or word in lab["named_series"]:
        return True
    if word not in lab["weak_designators"]:
        return False
    return prev.text[0].isupper() or not plural_after or (i >= 2 and toks[i - 2].lower in _NOMINAL_BEFORE)


_NOMINAL_BEFORE = frozenset({"of", "with", "in", "for", "on", "from"})


_NAME_PREPOSITIONS = frozenset({"in", "at", "from", "across", "throughout", "on", "for", "to", "by",
                                "since", "near", "outside", "inside", "around"})


def _two_word_name_before(toks: list[Token], i: int, j: int) -> bool:
    """"Super Bowl 50", "Sports Illustrated Super Bowl 50 covers": two capitalised words
    (neither one that stands before figures anyway) right before the number, in a sentence not
    written in Title Case. Not after a preposition: "In New York 300 people marched" names a
    place, then counts."""
    if i < 2 or _title_case(toks):
        return False
    a, b = toks[i - 2], toks[i - 1]
    if not (_capitalised_name(a) and _capitalised_name(b)) or a.text.isupper() and b.text.isupper():
        return False
    if toks[i].start - b.end != 1 or b.start - a.end != 1:
        return False
    if i == 2 or (i >= 3 and toks[i - 3].lower in _NAME_PREPOSITIONS):
        return False  # "Los Angeles 12 …" opening the sentence may be a place before its count
    return not _percent_after(toks, j) and currency_suffix(toks, j) is None


_OPEN_QUOTES = frozenset({'"', "“", "'", "‘", "«"})
_CLOSE_QUOTES = frozenset({'"', "”", "'", "’", "»"})


def _in_quoted_name(toks: list[Token], i: int, j: int) -> bool:
    """“No More 404”, '60 Minutes', “A.P.T. 29”, “Person 2”: a number inside a short quoted
    name whose every word is capitalised (a title, a code name, a pseudonym)."""
    words = 0
    k = i - 1
    while k >= 0 and i - k <= 9:
        t = toks[k]
        if t.text in _OPEN_QUOTES:
            break
        if t.is_word and t.text[0].isupper() or t.text in (".", "&", "-") or t.is_digit:
            words += t.is_word
            k -= 1
            continue
        return False
    else:
        return False
    if k < 0:
        return False
    m = j
    while m < len(toks) and m - j <= 5:
        t = toks[m]
        if t.text in _CLOSE_QUOTES:
            break
        if t.is_word and t.text[0].isupper() or t.text in (".", "&", "-") or t.is_digit:
            words += t.is_word
            m += 1
            continue
        return False
    else:
        return False
    if m >= len(toks) or words == 0:
        return False
    if toks[k].text in ("'", "’", "‘") and toks[k].end == toks[k + 1].start and toks[k + 1].is_digit \
            and k + 1 == i and toks[m].text not in ("'", "’"):
        return False
    return True


def _identifier_glued(toks: list[Token], num: Num) -> bool:
    """"1073/pnas", "pnas.1504124112", "content/127/1/e6": digits glued to a slash and a word,
    or to a word and a dot: a path or an identifier, never a figure."""
    n = len(toks)
    j = num.j
    if j + 1 < n and toks[j].text == "/" and toks[j].start == toks[j - 1].end and \
            toks[j + 1].start == toks[j].end and toks[j + 1].is_word and match_unit(toks, j + 1, glued=True) is None \
            and match_unit(toks, j + 1, glued=False) is None:
        return True
    i = num.i
    return i >= 2 and toks[i - 1].text in (".", "/", "_") and toks[i - 1].end == toks[i].start and \
        toks[i - 2].end == toks[i - 1].start and toks[i - 2].is_word


_DECADE_BEFORE = frozenset({"the", "'", "’", "‘", "mid", "early", "late", "-", "his", "her", "their", "its",
                            "my", "your", "our", "in", "of", "from", "to", "and", "through"})


def _decade(toks: list[Token], num: Num) -> bool:
    """"the 1990s", "the ’80s", "mid-1970s", "in her 30s": a decade (or an age bracket)."""
    j = num.j
    if j >= len(toks) or toks[j].text != "s" or toks[j].start != toks[j - 1].end or num.j != num.i + 1:
        return False
    text = toks[num.i].text
    if not text.isdecimal() or not text.endswith("0"):
        return False
    if len(text) == 4:
        return 1000 <= int(text) <= 2090
    prev = toks[num.i - 1].lower if num.i > 0 else ""
    return len(text) == 2 and prev in _DECADE_BEFORE


_POSSESSIVES = frozenset({"his", "her", "their", "my", "your", "our"})
_BRACKET_PARTS = {"early": (0, 4), "mid": (3, 6), "late": (5, 9)}


def _age_unit() -> tuple[str, float]:
    name, _, factor = unit_table()["year"]
    return name, factor


def _age_bracket(toks: list[Token], num: Num) -> Optional[Raw]:
    """"in their 70s", "in her early 30s", "in his mid-40s": a person's age, a decade of
    years ([70, 79]; early, mid and late a part of it, overlapping). Only after a possessive
    pronoun: "the 70s" is a decade of the calendar, "temperatures in the 70s" a reading."""
    j = num.j
    if j >= len(toks) or toks[j].text != "s" or toks[j].start != toks[j - 1].end or num.j != num.i + 1:
        return None
    text = toks[num.i].text
    if not (text.isdecimal() and len(text) == 2 and text.endswith("0") and text != "00"):
        return None
    k = num.i - 1
    part = (0, 9)
    if k >= 0 and toks[k].text in ("-", "‑"):
        k -= 1
    if k >= 0 and toks[k].lower in _BRACKET_PARTS:
        part = _BRACKET_PARTS[toks[k].lower]
        k -= 1
    if k < 0 or toks[k].lower not in _POSSESSIVES:
        return None
    base = int(text)
    unit, factor = _age_unit()
    return Raw(k, j + 1, "quantity", float(base + part[0]), float(base + part[1]), unit=unit,
               dimension="time", factor=factor, subject="age", num_j=j + 1,
               extra={"range": True})


def _appositive_age(toks: list[Token], num: Num) -> Optional[Raw]:
    """"Hunter, 41, denies", "Ms. Pelosi, 76, who represents": a whole number set off by
    commas right after a capitalised word (a name) is that person's age, as "the 41-year-old"
    is. Not a list of figures ("3, 4, 5"), not a month or weekday before it ("May, 12"), not an
    acronym ("CNN, 41"), not a number that runs on ("Hunter, 41 percent", "Ohio, 41 votes")."""
    i, j = num.i, num.j
    text = toks[i].text
    if j != i + 1 or not text.isdecimal() or len(text) > 3 or not 0 < int(text) < 125 or i < 2:
        return None
    comma, name = toks[i - 1], toks[i - 2]
    if comma.text != "," or not name.is_word or not name.text[0].isupper() or name.text.isupper() \
            or len(name.text) < 2 or name.lower in _blocking_words() or name.lower.endswith(("'s", "’s")):
        return None
    if j < len(toks):
        after = toks[j].text
        if after not in (",", ";", ")") and not (after == "." and j == len(toks) - 1):
            return None
        if after == "," and j + 1 < len(toks) and toks[j + 1].is_digit:
            return None  # "Smith, 41, 42 and 43": a list
    if i >= 3 and toks[i - 3].is_digit:
        return None
    unit, factor = _age_unit()
    v = float(text)
    return Raw(i - 2, j, "quantity", v, v, unit=unit, dimension="time", factor=factor,
               subject="age", num_j=j)


_PERCENT_STARTS = frozenset(w[0] for w in _PERCENT_WORDS)


def _percent_after(toks: list[Token], j: int) -> Optional[tuple[str, int]]:
    if j >= len(toks):
        return None
    if toks[j].text == "%":
        return "percent", j + 1
    if toks[j].lower not in _PERCENT_STARTS:
        return None
    for words, unit in _PERCENT_LONGEST:
        if tuple(t.lower for t in toks[j:j + len(words)]) == words:
            return unit, j + len(words)
    return None


def _percent_before(toks: list[Token], num: Num) -> Optional[int]:
    """"percent of 30", "per cent of 12": the percentage named before its number
    (Recognizers-Text's NumberWithPrefixPercentage). Not after a number ("20 percent of 30 people"
    is 20 percent) and not before a hyphenated measure ("percent of 18-year-olds")."""
    i = num.i
    if i < 2 or toks[i - 1].lower != "of":
        return None
    if toks[i - 2].lower in ("percent", "percents"):
        start = i - 2
    elif i >= 3 and toks[i - 2].lower in ("cent", "cents") and toks[i - 3].lower == "per":
        start = i - 3
    else:
        return None
    if start > 0 and (toks[start - 1].is_digit or toks[start - 1].lower in _number_words()):
        return None
    if num.j < len(toks) and toks[num.j].text in ("-", "‑"):
        return None
    return start


def _classify(toks: list[Token], num: Num, cur, blocked: Blocked, bare: bool = False) -> Optional[Raw]:
    """What kind of figure ``num`` is. ``bare``: one end of a range; read no counted noun."""
    j = num.j
    base: dict[str, Any] = dict(num_j=num.j, approximate=num.vague or num.rounding > 0,
                                tolerance=num.rounding / num.low if num.rounding and num.low else 0.0)
    if cur is not None:
        return _signed_money(toks, num, cur[0], bare, base)
    pre = _percent_before(toks, num)
    if pre is not None:
        return Raw(pre, j, "percent", num.low, num.high, unit="percent", dimension="percent", **base)
    if num.fraction and not _percent_after(toks, j):  # "½ percent" is half a percent
        return _fraction_of(toks, num, bare, base)
    pct = _percent_after(toks, j)
    if pct:
        return Raw(num.i, pct[1], "percent", num.low, num.high, unit=pct[0], dimension=pct[0], **base)
    suf = currency_suffix(toks, j)
    if suf:
        code, factor, j2 = suf
        raw = Raw(num.i, j2, "money", num.low * factor, num.high * factor, unit=code,
                  dimension=f"currency:{code}", **base)
        if not bare and factor == 1.0:
            _cents(toks, raw, num)
        return raw
    # ratios: "one in 20", "3 out of 4"
    ratio = _ratio_in(toks, num)
    if ratio:
        return ratio
    # hyphenated measures: "28-page report", "24-minute message", "3-inch", "six-year-old"
    if j + 1 < len(toks) and toks[j].text in ("-", "‑") and toks[j - 1].end == toks[j].start \
            and toks[j].end == toks[j + 1].start and toks[j + 1].is_word and toks[j + 1].lower not in _HYPHEN_POSTFIX:
        return _hyphenated(toks, num, j + 1)
    unit, j = _unit_after(toks, num)
    if unit is not None:
        return _with_unit(toks, num, unit, j, base["approximate"], base["tolerance"], bare)
    if j + 1 < len(toks) and toks[j].lower == "below" and toks[j + 1].lower == "zero" and num.low > 0:
        # "5 below zero" (Duckling's "<temp> below zero"): degrees under nought
        return Raw(num.i, j + 2, "quantity", -num.high, -num.low, unit="degree", dimension="temperature:degree",
                   **dict(base, num_j=j + 2))
    raw = Raw(num.i, j, "count", num.low, num.high, **base)
    if not bare:
        _counted(toks, num, raw, blocked)
    return raw


def _signed_money(toks: list[Token], num: Num, code: str, bare: bool, base: dict) -> Raw:
    """Money after a currency sign or code: "$75 million", "US$ 3bn", "EUR 20" (and "$75 million
    dollars")."""
    j2 = num.j
    suf = currency_suffix(toks, num.j)
    if suf and suf[0] == code:
        j2 = suf[2]
    raw = Raw(num.i, j2, "money", num.low, num.high, unit=code, dimension=f"currency:{code}", **base)
    if not bare:
        _cents(toks, raw, num)
    return raw


def _fraction_of(toks: list[Token], num: Num, bare: bool, base: dict) -> Raw:
    """"half a day", "a quarter of a mile", "a half-litre": a fraction of a unit; else a share
    ("two thirds of voters"), as a percentage."""
    j = num.j
    k = j
    if k + 1 < len(toks) and toks[k].text == "-" and toks[k].start == toks[k - 1].end and \
            toks[k + 1].start == toks[k].end:
        k += 1
    if k < len(toks) and toks[k].lower == "of":
        k += 1
    if k < len(toks) and toks[k].lower in ("a", "an"):
        k += 1
    pct = _percent_after(toks, k) if k > j else None
    if pct:  # "half a percent", "a quarter of a percentage point"
        return Raw(num.i, pct[1], "percent", num.low, num.high, unit=pct[0], dimension=pct[0], **base)
    suf = currency_suffix(toks, k) if k > j else None
    if suf:  # "half a dollar", "a quarter of a euro"
        code, factor, k2 = suf
        return Raw(num.i, k2, "money", num.low * factor, num.high * factor, unit=code,
                   dimension=f"currency:{code}", **dict(base, num_j=k))
    unit = match_unit(toks, k, glued=False) if k < len(toks) and toks[k].is_word else None
    if unit is not None and (k > j or toks[num.i].lower in ("half", "quarter", "a", "an")):
        return _with_unit(toks, Num(num.low, num.high, num.i, k, words=True), unit, k, base["approximate"],
                          base["tolerance"], bare)
    return Raw(num.i, j, "percent", num.low * 100, num.high * 100, unit="percent",
               dimension="percent", **dict(base, approximate=True, tolerance=0.02))


_FOOT_MARKS = frozenset({"'", "’", "′"})
_INCH_MARKS = frozenset({'"', "”", "″"})


def _inches_after_feet(toks: list[Token], k: int) -> bool:
    """Whole inches glued after a foot mark and closed by an inch mark: the "2\"" of "6'2\"". Only
    then is an apostrophe after digits a foot, not a closing quote ("the 'Top 10' list")."""
    if k + 1 >= len(toks) or not toks[k].text.isdecimal() or len(toks[k].text) > 2 or \
            toks[k - 1].end != toks[k].start or toks[k].end != toks[k + 1].start:
        return False
    mark = toks[k + 1].text
    return mark in _INCH_MARKS or (mark in ("'", "’") and k + 2 < len(toks) and toks[k + 2].text == mark
                                   and toks[k + 1].end == toks[k + 2].start)


def _unit_after(toks: list[Token], num: Num):
    """The unit after ``num`` and the index it starts at: "5 km", "two additional minutes",
    "0.5 of a litre"; (None, num.j) when there is none."""
    j = num.j
    glued = j < len(toks) and toks[j - 1].end == toks[j].start
    if glued and toks[j].text in _FOOT_MARKS and _inches_after_feet(toks, j + 1):
        return Unit("foot", "length", 0.3048, 1), j  # "6'2\"": feet, then inches (Duckling's ' and ")
    unit = match_unit(toks, j, glued=glued) if j < len(toks) else None
    if unit is None and j + 1 < len(toks) and toks[j].lower in _UNIT_ADJECTIVES:
        unit = match_unit(toks, j + 1, glued=False)  # "two additional minutes", "2 more years"
        if unit is not None and unit.dimension == "time":
            j += 1
        else:
            unit = None
    if unit is None and j + 1 < len(toks) and toks[j].lower == "of" and \
            (num.decimal or num.low < 1 or num.low != int(num.low) or num.vague):
        k = j + 2 if toks[j + 1].lower in ("a", "an") and j + 2 < len(toks) else j + 1
        unit = match_unit(toks, k, glued=False)  # "0.5 of a litre", "one and a quarter of hour"
        if unit is not None and num.vague and unit.name == "pound" and \
                not (k + 1 < len(toks) and toks[k + 1].lower == "of"):
            unit = None  # "millions of pounds" may be sterling; "thousands of pounds of cocaine" is not
        if unit is not None:
            j = k
    if unit is not None and _unit_runs_on(toks, j + unit.tokens):
        return None, j  # "24703m212", "L-202": a part number
    return unit, j


def _counted(toks: list[Token], num: Num, raw: Raw, blocked: Blocked) -> None:
    """A count: find what is counted ("30 people", "the 19 Sept. 11 hijackers"), or call it a
    plain number ("two others", "one of the deadliest")."""
    j = raw.j
    plural = num.high > 1 or num.vague or (j < len(toks) and toks[j].is_word and lexicon.looks_plural(toks[j].text))
    k = j
    if k + 1 < len(toks) and toks[k].text in _OPEN_QUOTES and toks[k + 1].is_word:
        k += 1  # 'at least 30 "national emergencies"': a quoted term is still what is counted
    while k < len(toks) and k < j + 6 and blocked.covers(toks[k]):
        k += 1  # "the 19 Sept. 11 hijackers": a date between the figure and what it counts
    head = _find_head(toks, k, plural=plural, after_vague=num.vague or num.words) if k == j or k < len(toks) else None
    if head is not None:
        raw.head = head
        raw.head_text = _head_phrase(toks, k, head)
        raw.j = head + 1
        _per_ratio(toks, raw)
    elif num.i >= 2 and toks[num.i - 1].lower == "of" and toks[num.i - 2].lower in _PARENTS:
        raw.subject = "child"  # "the mother of five": five children
    elif num.words and not num.vague and num.low < 10:
        # a spelt-out small number with nothing counted ("two others"): a number, never compared
        raw.kind = "number"
    if num.words and num.low == 1 and num.high == 1 and raw.kind == "count":
        # "one air strike", "one of the deadliest": an article, not a figure
        raw.kind = "number"


_PARENTS = frozenset({"mother", "father", "parent", "parents", "mom", "dad", "grandmother", "grandfather",
                      "grandparents"})
_UNIT_ADJECTIVES = frozenset({"additional", "extra", "more", "further", "full", "straight", "consecutive", "less"})


def _unit_runs_on(toks: list[Token], k: int) -> bool:
    """"24703m212", "L-202": a part number (but "3km-5km" is a range)."""
    if not (0 < k < len(toks) and toks[k].start == toks[k - 1].end):
        return False
    if toks[k].text == "-" and k + 2 < len(toks) and toks[k + 1].is_digit and \
            toks[k + 2].lower == toks[k - 1].lower and toks[k + 2].start == toks[k + 1].end:
        return False
    if _hyphen_old(toks, k):
        return False  # "6 year-old": an age
    if toks[k].text == "/" and toks[k - 1].text in ("C", "F") and not (k + 1 < len(toks) and toks[k + 1].is_digit):
        return True  # "14.7C/ per security": cents, not a temperature
    return toks[k].is_digit or toks[k].text == "-"


def _hyphen_old(toks: list[Token], k: int) -> bool:
    """"-old" glued after a unit written apart from its number: "6 year-old", "3 months-old"."""
    return k + 1 < len(toks) and toks[k].text in ("-", "‑") and toks[k - 1].end == toks[k].start \
        and toks[k].end == toks[k + 1].start and toks[k + 1].lower in _OLD


_ANGLE_CUES = frozenset({"angle", "angles", "rotate", "rotated", "rotates", "rotation", "turn", "turned", "turns",
                         "tilt", "tilted", "slope", "incline", "latitude", "longitude", "arc", "bearing", "heading"})


def _with_unit(toks: list[Token], num: Num, unit, j: int, approx: bool, tol: float, bare: bool) -> Raw:
    j2 = j + unit.tokens
    # a unit that ends on digits ("km^2", "ft^3") is read through: its power is no figure
    base: dict[str, Any] = dict(num_j=j2 if toks[j2 - 1].is_digit and j2 - 1 >= j else num.j)
    if j2 < len(toks) and toks[j2].text == "." and unit.name == "degree" and toks[j2 - 1].lower == "deg":
        j2 += 1  # "50 deg."
    if unit.dimension == "time":
        # "6 years old", "ninety five years of age", "87 yo", "6 year-old" (Recognizers-Text's
        # AgeSuffixList): an age
        if j2 < len(toks) and unit.name in ("year", "month", "week", "day") and (
                toks[j2].lower == "old" or _hyphen_old(toks, j2)
                or (toks[j2].lower == "of" and j2 + 1 < len(toks) and toks[j2 + 1].lower == "age")):
            end = j2 + 1 if toks[j2].lower == "old" else j2 + 2
            return Raw(num.i, end, "quantity", num.low, num.high, unit=unit.name,
                       dimension="time", factor=unit.factor, subject="age", approximate=approx, **base)
        if toks[j].lower in ("yo", "y.o"):
            return Raw(num.i, j2, "quantity", num.low, num.high, unit="year", dimension="time",
                       factor=unit.factor, subject="age", approximate=approx, **base)
        raw = Raw(num.i, j2, "duration", num.low, num.high, unit=unit.name, dimension="time",
                  factor=unit.factor, approximate=approx, tolerance=tol, **base)
        if not bare:
            _compound(toks, raw)
        if raw.j < len(toks) and toks[raw.j].lower == "ago":
            raw.j += 1
            raw.ago = True
            raw.approximate = True
            raw.tolerance = max(raw.tolerance, _qualifiers()[2]["approximate"])
        return raw
    dimension = unit.dimension
    if unit.name == "degree":
        window = {t.lower for t in toks[max(0, num.i - 6):j2 + 3]}
        dimension = "angle" if window & _ANGLE_CUES else "temperature:degree"
    raw = Raw(num.i, j2, "quantity", num.low, num.high, unit=unit.name,
              dimension=dimension, factor=unit.factor, approximate=approx, tolerance=tol, **base)
    if dimension.startswith("temperature") and j2 + 1 < len(toks) and toks[j2].lower == "below" \
            and toks[j2 + 1].lower in ("zero", "freezing") and num.low > 0:
        freezing = 32.0 if toks[j2 + 1].lower == "freezing" and unit.name == "degree Fahrenheit" else 0.0
        if toks[j2 + 1].lower == "zero" or freezing or unit.name == "degree Celsius":
            raw.low, raw.high, raw.j = freezing - num.high, freezing - num.low, j2 + 2  # "20 degrees below zero"
            raw.num_j = raw.j  # "zero" is read: no mention of its own
    if not bare:
        _compound(toks, raw)
    return raw


def _height_inches(toks: list[Token], raw: Raw, m: int) -> bool:
    """Inches named by their number alone after feet, as heights are written: "the 6-foot-2
    guard", "he is 6 feet 2.", "six foot two" (a number below twelve that ends the phrase).
    True when read."""
    if raw.unit != "foot" or raw.low != raw.high or raw.low != int(raw.low) or m >= len(toks):
        return False
    k = m
    if toks[k].text in _HYPHENS_IN and k + 1 < len(toks) and toks[k - 1].end == toks[k].start \
            and toks[k].end == toks[k + 1].start:
        k += 1  # "6-foot-2"
    elif toks[k].start == toks[k - 1].end:
        return False
    num = read_number(toks, k) if toks[k].is_digit or toks[k].is_word else None
    if num is None or num.vague or num.ordinal or num.fraction or num.low != int(num.low) or not 0 < num.low < 12:
        return False
    if num.j < len(toks) and (toks[num.j].is_digit or toks[num.j].is_word and toks[num.j].lower not in _HEIGHT_AFTER) \
            and not (k > m and toks[num.j].is_word):
        return False
    raw.low = raw.high = raw.low * 12 + num.low
    raw.unit, raw.factor = "inch", 0.0254
    raw.j = raw.num_j = num.j
    return True


_HYPHENS_IN = frozenset({"-", "‑"})
_HEIGHT_AFTER = frozenset({"tall", "and", "or"})


# Calendar grains in days, as Duckling's composite durations count them (TimeGrain inSeconds: a
# month is 30 days, a year 365), and the whole number of the smaller grain it takes.
_CALENDAR_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "quarter": 90, "year": 365}


def _in_smaller_grain(raw: Raw, unit: Unit) -> float:
    """The larger part of a compound in the smaller unit: "1 year, 2 days" is 365 + 2 days and "1
    year 2 weeks" 52 + 2 weeks (Duckling's composite duration), not 365.2425 days; other units by
    their factors ("5 ft 2 in")."""
    if raw.unit in _CALENDAR_DAYS and unit.name in _CALENDAR_DAYS and raw.low == int(raw.low):
        return float(int(raw.low * _CALENDAR_DAYS[raw.unit] / _CALENDAR_DAYS[unit.name]))
    return raw.low * raw.factor / unit.factor


def _compound(toks: list[Token], raw: Raw) -> None:
    """"5 ft 2 in", "2 km and 1 metre", "1 year 2 days and 4 seconds", "one hour and a half",
    "1 hour thirty": one measure in the smallest unit named."""
    k = raw.j
    n = len(toks)
    while k < n:
        m = k
        if _height_inches(toks, raw, m):
            return
        if toks[m].text == "," and m + 1 < n:
            m += 1
        if toks[m].lower == "and" and m + 1 < n:
            m += 1
        if m >= n:
            return
        # "and a half", "and half"
        if toks[m - 1].lower == "and" and toks[m].lower in ("half", "a") and raw.low == raw.high:
            h = m + 1 if toks[m].lower == "half" else (m + 2 if m + 1 < n and toks[m + 1].lower == "half" else None)
            if h is not None:
                raw.low = raw.high = raw.low + 0.5
                raw.j = raw.num_j = h
                return
            return
        if not toks[m].is_digit and not toks[m].is_word:
            return
        num = read_number(toks, m)
        if num is None or num.vague or num.ordinal or num.fraction or raw.low != raw.high:
            return
        unit = match_unit(toks, num.j, glued=num.j < n and toks[num.j - 1].end == toks[num.j].start) \
            if num.j < n else None
        if unit is None and raw.unit == "foot" and toks[k - 1].text in _FOOT_MARKS and _inches_after_feet(toks, m):
            unit = Unit("inch", "length", 0.0254, 2 if toks[num.j].text in ("'", "’") else 1)  # "6’2”"
        if unit is None and num.j < n and toks[num.j].lower == "in" and raw.unit in ("foot",) and \
                (num.j + 1 >= n or not toks[num.j + 1].is_word or
                 toks[num.j + 1].lower in ("more", "and", "or", "tall", "long", "wide", "high", "deep")):
            unit = match_unit(toks, num.j, glued=True)  # "5 ft 2 in"
        if unit is None:
            # "1 hour thirty", "2 hour and 10": minutes left unnamed, closing the phrase
            if raw.unit == "hour" and num.low < 60 and \
                    (num.j >= n or not (toks[num.j].is_word or toks[num.j].is_digit)):
                raw.low = raw.high = raw.low * 60 + num.low
                raw.unit, raw.factor = "minute", 60.0
                raw.j = raw.num_j = num.j
            return
        if unit.dimension != raw.dimension or not unit.factor < raw.factor or \
                raw.dimension not in ("length", "mass", "time", "volume", "area"):
            return
        v = _in_smaller_grain(raw, unit) + num.low
        raw.low = raw.high = v
        raw.unit, raw.factor = unit.name, unit.factor
        raw.j = raw.num_j = num.j + unit.tokens
        k = raw.j


_CENT_WORDS = frozenset({"cent", "cents", "c", "pence", "p", "kopiyka", "kopiykas", "kopeck", "kopecks",
                         "kopek", "kopeks", "centavos", "centimes", "sen", "paise"})


def _cents(toks: list[Token], raw: Raw, num: Num) -> None:
    """"3 dollars 50 cents", "$20 and 43c", "thirteen dollars forty five": the minor unit."""
    if num.low != num.high or num.low != int(num.low) or num.low >= 1e6:
        return
    k = raw.j
    n = len(toks)
    if k < n and toks[k].lower == "and":
        k += 1
    if k >= n or not (toks[k].is_digit or toks[k].is_word):
        return
    c = read_number(toks, k)
    if c is None or c.vague or c.ordinal or c.fraction or not 0 < c.low < 100 or c.low != int(c.low):
        return
    m = c.j
    part = c.low / 100
    minor = currency_suffix(toks, m) if m < n and toks[m].lower not in _CENT_WORDS and toks[m].is_word else None
    if m < n and toks[m].lower in _CENT_WORDS:
        m += 1
    elif minor is not None and minor[0] == raw.unit and minor[1] < 1.0:
        part, m = c.low * minor[1], minor[2]  # "5 yuan 50 fen", "3 yuan 5 jiao": the currency's own minor unit
    elif m < n and (toks[m].is_word or toks[m].is_digit or toks[m].text in ("%", "$", "€", "£")):
        return
    raw.low = raw.high = num.low + part
    raw.j = raw.num_j = m


def _ratio_in(toks: list[Token], num: Num) -> Optional[Raw]:
    """"one in 20", "3 out of 4", "three in every four households": a ratio (0.75), never a
    count of what the denominator names."""
    j = num.j
    if j + 1 < len(toks) and (toks[j].lower == "in" or (toks[j].lower == "out" and j + 2 < len(toks)
                                                         and toks[j + 1].lower == "of")):
        k = j + 1 if toks[j].lower == "in" else j + 2
        if k + 1 < len(toks) and toks[k].lower in ("every", "each"):
            k += 1  # "three in every four", "two out of each five"
        den = read_number(toks, k) if k < len(toks) else None
        if den and not den.vague and den.low and num.low <= den.low and not den.ordinal:
            v = num.low / den.low
            raw = Raw(num.i, den.j, "ratio", v, v, unit="ratio", dimension="ratio",
                      approximate=False, num_j=den.j)
            head = _find_head(toks, den.j, plural=True, after_vague=False)
            if head is None and toks[j].lower == "in" and den.j == k + 1 and _YEAR_LIKE.fullmatch(toks[k].text):
                return None  # "hired 5 in 2019": a year after the ambiguous "in" (Recognizers-Text)
            if head is not None:
                raw.head = head
                raw.head_text = _head_phrase(toks, den.j, head)
                raw.j = head + 1
            raw.extra["per"] = None
            return raw
    return None


def _per_ratio(toks: list[Token], raw: Raw) -> None:
    """"16 civilians (in Syria) for every fighter", "3 deaths per 1,000 people": a ratio."""
    k = raw.j
    limit = min(len(toks), k + 6)
    while k < limit:
        w = toks[k].lower
        if w in (".", ";", ",") and toks[k].text != ",":
            return
        if w == "for" and k + 1 < len(toks) and toks[k + 1].lower in ("every", "each"):
            m = k + 2
        elif w == "per" and not (k + 1 < len(toks) and toks[k + 1].lower == "cent"):
            m = k + 1
        else:
            k += 1
            continue
        den = 1.0
        if m < len(toks):
            d = read_number(toks, m)
            if d is not None and not d.vague and d.low:
                den, m = d.low, d.j
            elif toks[m].lower in ("a", "an", "one"):
                m += 1
        head2 = _find_head(toks, m, plural=den > 1, after_vague=False)
        if head2 is None:
            return
        raw.kind = "ratio"
        raw.low, raw.high = raw.low / den, raw.high / den
        raw.unit = "ratio"
        raw.dimension = "ratio"
        raw.extra["per"] = head2
        raw.extra["per_text"] = toks[head2].text
        raw.j = head2 + 1
        return


def _anniversary(toks: list[Token], num: Num) -> Optional[Raw]:
    """"the 15th anniversary of the attacks": 15 years after them (an offset in time, as
    "15 years after the attacks" is read)."""
    if num.j < len(toks) and toks[num.j].lower in lexicon.ANNIVERSARIES:
        return Raw(num.i, num.j, "duration", num.low, num.high, unit="year", dimension="time",
                   factor=unit_table()["year"][2], num_j=num.j)
    return None


_OLD = frozenset({"old", "old's", "old’s", "olds"})  # "the 11-month-old's brain", "two-year-olds"


def _hyphenated(toks: list[Token], num: Num, w: int) -> Raw:
    base: dict[str, Any] = dict(num_j=num.j)
    suf = currency_suffix(toks, w)
    if suf:  # "a 12-cent dividend", "a $5-million deal"
        code, factor, j2 = suf
        return Raw(num.i, j2, "money", num.low * factor, num.high * factor, unit=code,
                   dimension=f"currency:{code}", **base)
    unit = match_unit(toks, w, glued=True)
    word = toks[w].lower
    end = w + 1
    # "six-year-old", "28-year-old"
    if word in ("year", "month", "week", "day") and end + 1 < len(toks) and toks[end].text == "-" \
            and toks[end + 1].lower in _OLD:
        return Raw(num.i, end + 2, "quantity", num.low, num.high, unit=word, dimension="time",
                   factor=unit.factor if unit else 1.0, subject="age", **base)
    modifies = None
    k = end
    while k < len(toks) and toks[k].is_word and toks[k].lower not in lexicon.stopwords() and k < end + 3:
        w2 = toks[k].lower
        if modifies is not None and lexicon.singular(w2) not in lexicon.synonym_index():
            break
        modifies = k
        if lexicon.looks_plural(toks[k].text) or k + 1 >= len(toks) or not toks[k + 1].is_word:
            break
        k += 1
    if unit is not None:
        kind = "duration" if unit.dimension == "time" else "quantity"
        raw = Raw(num.i, end, kind, num.low, num.high, unit=unit.name, dimension=unit.dimension,
                  factor=unit.factor, modifies=modifies, **base)
        _height_inches(toks, raw, end)  # "the 6-foot-2 guard"
        return raw
    # "28-page report", "58-story tower": a count of pages that describes the report
    # But not a rating ("four-star general", ``labels.ratings``), "one-on-one", nor a word that
    # describes nothing after it ("3-nitrooxypropanol (3NOP)", a chemical's locant): a number,
    # never compared.
    kind = "count"
    if word in _labels()["ratings"] or word == "on" or \
            (modifies is None and word not in lexicon.stopwords() and not lexicon.looks_plural(toks[w].text)):
        kind = "number"
    return Raw(num.i, end, kind, num.low, num.high, head=w, head_text=toks[w].text,
               modifies=modifies, **base)


def _find_head(toks: list[Token], j: int, plural: bool, after_vague: bool) -> Optional[int]:
    """The token index of the noun a number counts: "25 suspected Russian air strikes" ->
    "strikes"; "hundreds of civilians" -> "civilians"; "250,000 people" -> "people"."""
    chunk = _noun_chunk(toks, _head_start(toks, j, after_vague), plural)
    if not chunk:
        return None
    # the first plural ("200 people"); else (irregular plurals, "12 police") the last word
    head = next((c for c in chunk if plural and lexicon.looks_plural(toks[c].text)), chunk[-1])
    if toks[head].lower in _NOT_HEADS or len(toks[head].text) < 2:
        return None
    if toks[head].text[0].isupper() and not _title_case(toks) and not _people_named(toks, chunk, head):
        return None  # "10 Downing Street", "25 Caption": a name, not a thing counted
    return head


def _people_named(toks: list[Token], chunk: list[int], head: int) -> bool:
    """A capitalised plural alone before a lower-case word counts people by what they are
    ("10 Iraqis died", "258 Americans", "five Democrats"), unlike a name ("3 Doors Down")."""
    t = toks[head]
    after = toks[head + 1] if head + 1 < len(toks) else None
    # (a people's name in -i takes -is: "Iraqis", "Israelis", "Pakistanis"; not "-sis")
    plural = lexicon.looks_plural(t.text) or (t.text.endswith("is") and not t.text.endswith("sis")
                                               and len(t.text) > 5)
    return chunk == [head] and plural and not t.text.isupper() \
        and (after is None or not after.is_word or not after.text[0].isupper())


def _head_start(toks: list[Token], j: int, after_vague: bool) -> int:
    """Where the counted noun phrase starts: after "more" ("12 more bombs") and, after a vague
    amount, after "of the" ("hundreds of the civilians")."""
    k = j
    if k + 1 < len(toks) and toks[k].lower in ("more", "fewer", "further") and toks[k + 1].is_word:
        k += 1  # "12 more bombs", "two more of the devices": a count of what follows
        after_vague = True
    if k < len(toks) and toks[k].lower == "of" and after_vague:
        k += 1
        if k < len(toks) and toks[k].lower in ("the", "their", "its", "his", "her", "these", "those"):
            k += 1
    return k


def _noun_chunk(toks: list[Token], k: int, plural: bool) -> list[int]:
    """Up to five words of a noun phrase from ``k``, up to its first plural when ``plural``."""
    stop = lexicon.stopwords()
    preds = lexicon.predicate_index()
    chunk: list[int] = []
    while k < len(toks) and len(chunk) < 5:
        t = toks[k]
        if not t.is_word:
            # "non-combatant", "so-called": hyphen inside a word
            if t.text in ("-",) and chunk and k + 1 < len(toks) and toks[k - 1].end == t.start \
                    and t.end == toks[k + 1].start and toks[k + 1].is_word:
                k += 1
                continue
            break
        w = t.lower
        if (w in stop and w not in ("other",)) or w in _number_words():
            break
        if chunk and w in preds and not lexicon.looks_plural(t.text):
            break
        if chunk and (w.endswith("ed") or w.endswith("ing") or (w.endswith("ly") and len(w) > 4)) \
                and lexicon.singular(w) not in lexicon.synonym_index():
            break
        chunk.append(k)
        if plural and lexicon.looks_plural(t.text):
            break
        k += 1
    return chunk


def _title_case(toks: list[Token]) -> bool:
    """A headline in Title Case, where every noun is capitalised."""
    words = [t for t in toks if t.is_word and len(t.text) > 3]
    return bool(words) and sum(t.text[0].isupper() for t in words) >= 0.9 * len(words)


def _head_phrase(toks: list[Token], j: int, head: int) -> str:
    k = j
    if toks[k].lower == "of":
        k += 1
        if k < head and toks[k].lower in ("the", "their", "its", "his", "her", "these", "those"):
            k += 1
    return " ".join(t.text for t in toks[k:head + 1]).replace(" - ", "-")


def _apply_qualifier(raw: Raw) -> None:
    before, _, tol = _qualifiers()
    kind = None
    if raw.qualifier and raw.extra.get("range"):
        kind = None
    elif raw.qualifier:
        kind = before.get(tuple(raw.qualifier.split()))
    if kind is None:
        return
    lo, hi = raw.low, raw.high
    floor = 0.0 if raw.kind in ("count", "money", "percent", "duration", "quantity", "ratio") else -INF
    if raw.kind == "quantity" and raw.unit and "degree" in raw.unit:
        floor = -INF
    if kind == "at_least":
        raw.low, raw.high, raw.low_inclusive, raw.high_inclusive = lo, INF, True, False
    elif kind == "more_than":
        # "more than 25": (25, inf); "more than hundreds": [200, inf)
        raw.low, raw.high, raw.low_inclusive, raw.high_inclusive = lo, INF, hi > lo, False
    elif kind == "at_most":
        raw.low, raw.high, raw.low_inclusive, raw.high_inclusive = floor, hi, True, True
    elif kind == "less_than":
        raw.low, raw.high, raw.low_inclusive, raw.high_inclusive = floor, hi, True, hi > lo
    elif kind == "nearly":
        t = tol["nearly"]
        # "nearly three months": just below, and rounded; the figure itself is not excluded
        raw.low, raw.high = lo * (1 - t), hi
        raw.approximate = True
    elif kind == "about":
        raw.approximate = True
        raw.tolerance = max(raw.tolerance, tol["approximate"])
    elif kind == "exact":
        pass


_HYPHEN_POSTFIX = frozenset({"plus", "odd"})


def _phrase_goes_on(toks: list[Token], k: int) -> bool:
    return k < len(toks) and (toks[k].is_word or toks[k].is_digit)


def apply_postfix(toks: list[Token], raw: Raw) -> None:
    """"200 or more", "30 or so", "200-plus", "200+"; "200 or more people" and "200 people or
    more" (Recognizers-Text's "<number> (and|or) more" takes the words between) count people."""
    _, after, tol = _qualifiers()
    j = raw.num_j
    if raw.kind == "count" and raw.head is not None and raw.head == raw.j - 1 and raw.j > j:
        j = raw.j  # after the counted noun, only an "or ..." that ends the phrase
        if j >= len(toks) or toks[j].lower not in ("or", "and") or _phrase_goes_on(toks, j + 2):
            return
    elif j + 1 < len(toks) and toks[j].text == "-" and toks[j + 1].lower in _HYPHEN_POSTFIX and \
            toks[j - 1].end == toks[j].start == toks[j + 1].start - 1:
        j += 1  # "200-plus", "40-odd"
    for length in (2, 1):
        words = tuple(t.lower for t in toks[j:j + length])
        if len(words) == length and words in after:
            k = j + length
            if k < len(toks) and toks[k].lower == "than":
                k += 1
            if k > j + length and k < len(toks) and (toks[k].is_digit or toks[k].lower in _start_words()):
                return  # "5000 or less than 6000": a second bound, not this one's
            kind = after[words]
            unit = match_unit(toks, k, glued=False) if raw.kind == "count" and raw.head is None and \
                k == j + length < len(toks) else None
            if unit is not None and not unit.dimension.startswith(("temperature", "currency")):
                # "40-plus years", "30 or so miles": the unit after the bound is the figure's
                raw.kind = "duration" if unit.dimension == "time" else "quantity"
                raw.unit, raw.dimension, raw.factor, raw.j = unit.name, unit.dimension, unit.factor, k + unit.tokens
            elif raw.kind == "count" and raw.head is None and k == j + length:
                head = _find_head(toks, k, plural=True, after_vague=False)
                if head is not None and lexicon.looks_plural(toks[head].text):
                    # "40 or more workers", "about 40-odd people": the noun after the bound is counted
                    raw.head, raw.head_text, raw.j = head, _head_phrase(toks, k, head), head + 1
            if raw.qualifier and _qualifiers()[0].get(tuple(raw.qualifier.split())) != "exact":
                return
            raw.qualifier = " ".join(words)
            if kind == "at_least":
                raw.high, raw.high_inclusive = INF, False
            elif kind == "at_most":
                raw.low = 0.0
            elif kind == "about":
                raw.approximate = True
                raw.tolerance = max(raw.tolerance, tol["approximate"])
            return



@functools.lru_cache(maxsize=None)
def triggers() -> tuple[frozenset, tuple]:
    """What a sentence without a digit must hold for ``scan`` to read a mention in it, as
    ``(words, rules)``: one of ``words`` (``Token.lower``), or for some rule a word of each
    of its sets. Without a digit, ``_read_at`` reads a number only from a word: a vague
    amount (every word of its phrase is a token), a number word, a scale ("a million"),
    "hundred", "dozen", a fraction word ("half", "two-thirds"), an ordinal (also glued:
    "thirtyfirst"); a sign ("minus"), "point" or a currency before the amount need such a
    number after them. The one mention without a number word is ``_article_unit``: "a" or
    "an" before a unit ("an hour", "a square mile") or a currency word ("a dollar")."""
    n, vague = tables()
    words = set(n["units"]) | set(n["tens"]) | set(n["scales"]) | set(n["ordinals"]) | {"hundred", "dozen"}
    words |= set(VULGAR)  # "⅔": a number without a digit
    words |= set(denominators()) | set(glued_ordinals())
    rules = []
    for phrase in vague:
        if len(phrase) == 1:
            words.add(phrase[0])
        else:
            rules.append(rule(phrase))
    articles = frozenset({"a", "an"})
    rules += [(units, *rest, articles) for units, *rest in _article_units()]
    return frozenset(words), tuple(rules)


def _article_units() -> list:
    """The tokens (as sets of ``Token.lower``, all present) that make ``match_unit(toks, k,
    glued=False)`` or a currency word succeed at the word token ``k`` after "a"/"an"
    (``_article_unit``): a surface of one word, or an inflection of it (``_lookup`` tries
    ``lexicon.singular``); the first words of a surface of several ("square feet", the last
    one inflected); the letters before the glued rest of a surface ("km/h", "k.g."). A
    surface read only glued to digits ("in", "m", ``GLUED_ONLY``) is still read when an
    apostrophe is glued after it ("in’": singular strips it), so it needs that apostrophe."""
    table = unit_table()
    surfaces = {s.lower() for s in table} | set(table)
    single = {s for s in surfaces if " " not in s}
    strong: set[str] = set()
    weak: set[str] = set()
    for w in lexicon.inflections(single):
        (weak if w in GLUED_ONLY or len(w) == 1 else strong).add(w)
    strong |= lexicon.inflections(_ARTICLE_UNIT_WORDS)
    for s in single:
        lead = _LEAD_RE.match(s)
        if lead and lead.end() < len(s):
            strong.add(lead.group())
    out = [(_word_like(strong),), (_word_like(weak), frozenset({"'", "’"}))]
    for s in surfaces - single:
        parts = s.lower().split(" ")
        second = {parts[1]} | (lexicon.inflections({parts[1]}) if len(parts) == 2 else set())
        if _word_like({parts[0]}):
            out.append((_word_like({parts[0]}), frozenset(second)))
    return out


def _word_like(ws) -> frozenset:
    """The words that can be a word token's lower case (``Token.is_word``)."""
    return frozenset(w.lower() for w in ws if w[:1].isalpha())


_LEAD_RE = regex.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # the word a token would read first
