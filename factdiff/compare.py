"""Where facts are judged: agree, conflict or single, at a level, with a reason naming the values.

**Compatibility** (:func:`compatible`): two numeric mentions are compatible when their intervals
overlap once each is widened: an approximate one ("about 200") by its tolerance, a plainly stated
one by its rounding (:func:`rounding`). Dates are compatible when they agree at the grain both
state; titles when their organisations do not exclude each other.

**Rounding.** A plainly stated figure (no qualifier, one value, written with digits or with a
scale word) stands for every value that rounds to it, and no more: it carries at most half a
unit of its last stated digit. The properties, tested with Hypothesis in
``tests/test_properties.py``:

- "$30 million" is 29.5–30.5 million (open ends); "5.7 billion" is 5.65–5.75 billion;
  "$43 million" is never "$45 million", "$1 million" never "$10,000", "2 million" never
  "4 million".
- A figure written in digits without a scale word is exact: "48 pages" is 48, "$43,000" is 43,000
  (its trailing zeros may be rounding, which only a *soft* conflict says: see below).
- Two exact figures further apart than the sum of their roundings are always incompatible.
- A figure always agrees with itself written another way ("$43 million", "$43m",
  "$43,000,000", "43.0 million dollars").
- Approximate words ("about", "nearly", "an estimated") keep their own tolerance
  (``Mention.tolerance``); bounds ("more than", "at least", "as many as") are exact.

**Levels** (:func:`clash`): a conflict is ``hard`` when two values are incompatible and nothing
reconciles them, ``soft`` when they can be reconciled but an editor would still query them:

- *rounding*: a coarser figure that a finer one rounds to, or (with a scale word or decimals)
  is cut to ("$43 million" vs "$43,885,310"; "$43,000" vs "$43,350", where a figure in digits
  counts as rounded only when it ends in three zeros or more); two figures of the same
  precision that differ ("$5.7 billion" vs "$5.6 billion", "48" vs "47 pages", "20" vs "25")
  stay hard;
- *a bound*: an exact figure at, or within its rounding of, the open end of a bound
  ("$250,000" vs "more than $250,000", "25" vs "more than 25");
- *bounds only*: two lower bounds, one at least half as large again as the other but less than
  ten times it, are compatible only because they are bounds ("at least 40" vs "at least 130"
  killed; "more than 7" and "more than 8" are left alone); upper bounds ("under
  100", "under 200") are more often thresholds of two categories, and are left alone;
- *a later update*: with publication dates known, a count, sum or measure that is higher in the
  later article ("has killed 42" on Monday, "has killed 67" on Wednesday: two days apart).

A group in which one source states two incompatible values is a **self-contradiction** (hard
clashes only: a source's own rounding or bound is not reported).
"""
from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import math
import re
from dataclasses import dataclass
from typing import Mapping, Optional

from . import lexicon
from .extract.dates import WEEKDAY_NAMES
from .model import INF, NUMERIC_KINDS, Fact, Mention

_EPS = 1e-9

LEVELS = ("soft", "hard")  # in increasing order of gravity

# The first numeral of a mention's text ("$43,885,310", "5.7", "1,000") and a scale word
_NUMERAL_RE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")
_SCALE_WORD_RE = re.compile(r"\b(thousand|million|billion|trillion)s?\b", re.I)
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Kinds where a higher figure in a later article reads as an update (a toll, a sum raised)
_GROWING_KINDS = ("count", "money", "quantity", "duration")


@functools.lru_cache(maxsize=65536)
def _rounding_of(text: str, value: float) -> tuple[float, float]:
    """(half, unit) for a figure ``value`` written as ``text``, in the figure's own unit."""
    hit = _NUMERAL_RE.search(text)
    if hit:
        whole, decimals = hit.group(1).replace(",", ""), hit.group(2) or ""
        digits = float(f"{whole}.{decimals}" if decimals else whole)
        if not digits:
            return 0.0, 0.0
        scale = abs(value) / digits
        k = round(math.log10(scale)) if scale > 0 else 0
        if not math.isclose(scale, 10.0 ** k, rel_tol=1e-6):
            return 0.0, 0.0  # the digits are not the figure ("3 in 4", a range)
        if k < 0 or 0 < k < 3:  # a unit's share ("2 p" is 0.02 pounds), not a scale word: exact
            return 0.0, 0.0
        step = 10.0 ** (k - len(decimals))
        if k == 0 and not decimals:  # "48", "43,000": exact; three trailing zeros may be rounding
            zeros = len(whole) - len(whole.rstrip("0"))
            return 0.0, (10.0 ** zeros if zeros >= 3 else 0.0)
        return step / 2, step
    hit = _SCALE_WORD_RE.search(text)  # "two million"
    if hit:
        step = _SCALES[hit.group(1).lower()]
        if (abs(value) / step).is_integer():
            return step / 2, step
    return 0.0, 0.0


def rounding(m: Mention) -> tuple[float, float]:
    """``(half, unit)`` in base units: ``half`` is how far the value a plainly stated figure
    rounds may lie from it (half a unit of its last stated digit: "$30 million" 0.5 million,
    "5.7 billion" 0.05 billion, "48" and "$43,000" none); ``unit`` is one unit of its last stated
    (for digits without a scale word: last non-zero) digit, the band within which a finer figure
    is a rounding an editor would query ("$43 million": 1 million; "$43,000": 1,000; "48" and
    "20": none, a figure in digits has one only when it ends in three zeros or more).
    A qualified, vague, approximate-by-word or computed figure has none: ``(0, 0)``."""
    if (m.qualifier or m.low is None or m.low != m.high or not m.low or m.derived
            or m.kind not in ("count", "quantity", "money", "percent", "duration")):
        return 0.0, 0.0
    half, unit = _rounding_of(m.text, float(m.low))
    if m.approximate and not half:  # approximate for another reason than its rounding
        return 0.0, 0.0
    f = abs(m.factor or 1.0)
    return half * f, unit * f


def _plain(m: Mention) -> bool:
    """A plainly stated figure whose width comes from its rounding (not from a word)."""
    return rounding(m)[0] > 0 or (not m.approximate and not m.qualifier and m.low is not None
                                  and m.low == m.high)


def interval(m: Mention) -> tuple[float, bool, float, bool]:
    """(low, low_inclusive, high, high_inclusive) in base units, widened by an approximate
    figure's tolerance (closed ends) or a plain figure's rounding (open ends)."""
    lo, hi = m.base_interval()
    lo_inc, hi_inc = m.low_inclusive, m.high_inclusive
    half, _ = rounding(m)
    if half:
        return lo - half, False, hi + half, False
    t = m.tolerance if m.approximate else 0.0
    if t:
        if lo not in (-INF, INF):
            lo = lo - abs(lo) * t
        if hi not in (-INF, INF):
            hi = hi + abs(hi) * t
        lo_inc = hi_inc = True
    return lo, lo_inc, hi, hi_inc


def compatible(a: Mention, b: Mention) -> bool:
    """Whether ``a`` and ``b`` can both be true (see the module's docstring)."""
    if a.kind == "date":
        return _dates_compatible(a.date or "", b.date or "")
    if a.kind == "role":
        return _roles_compatible(a, b)
    if a.kind == "name":
        return b.kind == "name"  # two spellings of a name never contradict; unlike names never join
    if a.kind != b.kind or (a.dimension or a.unit) != (b.dimension or b.unit):
        return False
    alo, alo_inc, ahi, ahi_inc = interval(a)
    blo, blo_inc, bhi, bhi_inc = interval(b)
    # disjoint when one ends before the other starts
    if ahi < blo - _EPS * max(1.0, abs(blo)) or bhi < alo - _EPS * max(1.0, abs(alo)):
        return False
    if math.isclose(ahi, blo, rel_tol=1e-9, abs_tol=1e-12) and not (ahi_inc and blo_inc):
        return ahi > blo and not math.isclose(ahi, blo)
    if math.isclose(bhi, alo, rel_tol=1e-9, abs_tol=1e-12) and not (bhi_inc and alo_inc):
        return bhi > alo and not math.isclose(bhi, alo)
    return True


def _weekday_of(d: str) -> Optional[int]:
    """0-6 for a weekday name (as ``extract.dates`` writes a bare weekday) or a full ISO date;
    None for a partial date."""
    if d in WEEKDAY_NAMES:
        return WEEKDAY_NAMES.index(d)
    if len(d) == 10 and d[4] == "-" and d[:4].isdigit():
        try:
            return _dt.date.fromisoformat(d).weekday()
        except ValueError:
            return None
    return None


def joinable(a: Mention, b: Mention) -> bool:
    """What alignment may join into one fact: compatible, or apart only by a rounding or a bound
    an editor would query (a soft clash), which the judge then reports as a soft conflict
    ("$43 million" and "$43,885,310" are one figure, rounded; "$13.6 million" in the same
    article is another)."""
    if compatible(a, b):
        return True
    c = clash(a, b)
    return c is not None and c.level == "soft"


def _dates_compatible(a: str, b: str) -> bool:
    """ISO dates, possibly partial ("2011-03", "--09-30", "2015", the decade "199X"), or a bare
    weekday ("Friday", read with no publication date): equal on what both state; a weekday
    agrees with the same weekday, and with a full date that falls on it."""
    if a[:1].isalpha() or b[:1].isalpha():  # a bare weekday on one side at least
        if a[:1].isalpha() and b[:1].isalpha():
            return a == b
        wa, wb = _weekday_of(a), _weekday_of(b)
        return wa is None or wb is None or wa == wb
    def parts(d: str) -> tuple[Optional[str], Optional[str], Optional[str]]:
        if d.startswith("--"):
            return None, d[2:4], d[5:7] if len(d) >= 7 else None
        bits = d.split("-")
        return bits[0], (bits[1] if len(bits) > 1 else None), (bits[2] if len(bits) > 2 else None)

    return all(x is None or y is None or _same_part(x, y) for x, y in zip(parts(a), parts(b)))


def _same_part(x: str, y: str) -> bool:
    """Equal, where an X stands for any digit (a decade, "199X", as extraction writes "the
    1990s", holds 1995)."""
    return len(x) == len(y) and all(c == d or "X" in (c, d) for c, d in zip(x, y))


@functools.lru_cache(maxsize=4096)
def _org_stems(context: frozenset) -> frozenset:
    stop = lexicon.stopwords()
    return frozenset(w.strip("'’").removesuffix("'s").removesuffix("’s")[:4] for w in context
                     if w not in stop) - {""}


def _roles_compatible(a: Mention, b: Mention) -> bool:
    """Two titles of one person (``subject`` "surname:title") can both be true: the same
    rank ("deputy mayor" is another office than "mayor") and the same or an unnamed
    organisation. A title no longer held ("former mayor": rank words of ``titles.no_longer``)
    contradicts the same title held now at the same organisation; a title at a past time
    (scope "past": "then-mayor", "the late senator") never contradicts another, nor do two
    titles no longer held."""
    gone = frozenset(lexicon.load("titles").get("no_longer", []))

    def rank(m: Mention) -> frozenset:  # "deputy mayor, Oslo" of "lind:mayor": {deputy}
        title = (m.role or "").split(",", 1)[0].strip().lower()
        base = (m.subject or "").split(":", 1)[-1]
        return frozenset((title[: len(title) - len(base)] if base and title.endswith(base) else title).split())

    if "past" in (a.scope, b.scope):
        return True
    ra, rb = rank(a), rank(b)
    wa, wb = _org_stems(a.context), _org_stems(b.context)
    same_org = not wa or not wb or bool(wa & wb)
    if ra & gone and rb & gone:
        return True
    if ra & gone or rb & gone:
        return ra - gone != rb - gone or not same_org  # a former deputy may be mayor now
    return ra == rb and same_org


# --- levels of disagreement -----------------------------------------------------------------

@dataclass(frozen=True)
class Clash:
    """Two mentions that disagree, how gravely (``hard`` or ``soft``) and why, in words."""

    a: Mention
    b: Mention
    level: str
    why: str
    gap: float = 0.0  # how far apart the values are (base units), to pick the widest

    # written out for the compiled build, as Mention.__init__ is (tests/test_fast_paths.py checks it)
    def __init__(self, a: Mention, b: Mention, level: str, why: str, gap: float = 0.0) -> None:
        object.__setattr__(self, "a", a)
        object.__setattr__(self, "b", b)
        object.__setattr__(self, "level", level)
        object.__setattr__(self, "why", why)
        object.__setattr__(self, "gap", gap)

    @property
    def within_source(self) -> bool:
        return self.a.source == self.b.source


def _worded(m: Mention) -> bool:
    """Approximate by a word ("about", "nearly", "hundreds"), not only by its rounding (the
    extractor marks "more than $3.5 million" approximate by half its last digit)."""
    if not m.approximate:
        return False
    end = m.low if m.low not in (None, 0, -INF, INF) else m.high
    if end in (None, 0, -INF, INF):
        return True
    half, _ = _rounding_of(m.text, float(end))
    return not (half and math.isclose(m.tolerance * abs(end), half, rel_tol=1e-6))


def _is_lower_bound(m: Mention) -> bool:
    return m.high in (None, INF) and m.low not in (None, -INF) and not _worded(m)


def _is_upper_bound(m: Mention) -> bool:
    return (bool(m.qualifier) and m.low in (None, 0, -INF) and m.high not in (None, INF)
            and not _worded(m))


def _exact(m: Mention) -> bool:
    return m.low is not None and m.low == m.high


def _gap(a: Mention, b: Mention) -> float:
    if a.kind in ("date", "role"):
        return 0.0
    alo, _, ahi, _ = interval(a)
    blo, _, bhi, _ = interval(b)
    return max(blo - ahi, alo - bhi)


def _date(iso: Optional[str]) -> Optional[_dt.date]:
    try:
        return _dt.date.fromisoformat((iso or "")[:10])
    except ValueError:
        return None


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def days_apart(n: int) -> str:
    """"two days apart", "one day apart", "40 days apart"."""
    word = _NUMBER_WORDS[n] if 0 < n < len(_NUMBER_WORDS) else f"{n:,}"
    return f"{word} day{'' if n == 1 else 's'} apart"


def clash(a: Mention, b: Mention, published: Optional[Mapping[str, str]] = None) -> Optional[Clash]:
    """The disagreement between ``a`` and ``b``, or None when they agree (see the levels in
    the module's docstring). ``published`` maps a source id to its ISO publication date."""
    if a.kind != b.kind:
        return None
    if compatible(a, b):
        if (a.kind in NUMERIC_KINDS and not a.derived and not b.derived and _is_lower_bound(a)
                and _is_lower_bound(b)):
            ea, eb = a.base_interval()[0], b.base_interval()[0]
            lo, hi = (a, b) if ea < eb else (b, a)
            small, large = min(ea, eb), max(ea, eb)
            # two floors of one toll half as large again ("at least 40" and "at least 130"); ten
            # times apart, more likely two different things; closer, one floor may round the other
            if 0 < small and 1.5 * small <= large < 10 * small:
                return Clash(a, b, "soft", f"{lo.value_text()} and {hi.value_text()} agree only as lower "
                                           f"bounds", large - small)
        return None
    if a.kind == "date":
        return Clash(a, b, "hard", "the dates differ")
    if a.kind == "role":
        return Clash(a, b, "hard", "the titles name different organisations")
    gap = _gap(a, b)
    alo, _, ahi, _ = interval(a)
    blo, _, bhi, _ = interval(b)
    lower, upper = (a, b) if ahi <= blo else (b, a)
    below = f"{lower.value_text()} lies below {upper.value_text()}"
    soft = _soft_reason(a, b, lower, upper, published)
    if soft:
        return Clash(a, b, "soft", f"{below}: {soft}", gap)
    return Clash(a, b, "hard", below, gap)


def _soft_reason(a: Mention, b: Mention, lower: Mention, upper: Mention,
                 published: Optional[Mapping[str, str]]) -> Optional[str]:
    """Why two incompatible figures may be reconciled, or None."""
    # rounding: the coarser figure within one unit of its last digit of the finer one
    if _exact(a) and _exact(b) and not a.derived and not b.derived:
        (_, ua), (_, ub) = rounding(a), rounding(b)
        coarse, fine, unit = (a, b, ua) if ua > ub else (b, a, ub)
        if unit and not (ua == ub) and _plain(fine) and _plain(coarse):
            # rounded to the nearest (half a unit either way) or, for a figure with a scale word
            # or decimals ("$43 million" for $43,885,310), cut (up to a unit above)
            d = fine.base_interval()[0] - coarse.base_interval()[0]
            top = unit if rounding(coarse)[0] else unit / 2
            if -unit / 2 * (1 + 1e-9) <= d < top * (1 - 1e-9):
                return (f"{coarse.value_text()} may be {fine.value_text()} rounded (within one unit of its "
                        f"last digit), a rounding an editor would query")
    # a bound: an exact figure at the open end of a bound, or within its own rounding of it
    for fig, bound in ((a, b), (b, a)):
        if _exact(fig) and not fig.approximate and (_is_lower_bound(bound) or _is_upper_bound(bound)):
            end = bound.base_interval()[0 if _is_lower_bound(bound) else 1]
            v = fig.base_interval()[0]
            _, unit = rounding(fig)
            if math.isclose(v, end, rel_tol=1e-9) or abs(v - end) < unit * (1 - 1e-9):
                return (f"{fig.value_text()} is at the end of the bound {bound.value_text()}, "
                        f"perhaps loosely worded")
    # a later update: a higher figure in a later article
    if (published and a.source != b.source and a.kind in _GROWING_KINDS
            and not a.derived and not b.derived):
        dl, du = _date(published.get(lower.source)), _date(published.get(upper.source))
        if dl and du and du > dl:
            return (f"the articles are {days_apart((du - dl).days)} ({lower.source} {dl.isoformat()}, "
                    f"{upper.source} {du.isoformat()}): the later figure may be an update")
    return None


def clashes(mentions, published: Optional[Mapping[str, str]] = None) -> list[Clash]:
    """Every disagreement in a group that makes it a conflict: across sources, any clash; within
    one source, hard clashes only (a self-contradiction). Distinct statements are compared once
    (a group of a large run repeats the same few values many times)."""
    # a clash reads of a source only its publication date: statements alike but for their
    # source clash alike, so each distinct statement is compared once, with one mention per
    # source holding it (the first), and the pairs of sources are enumerated only for a clash
    by_value: dict = {}
    for m in mentions:
        key = _clash_key(m)[1:] + ((published or {}).get(m.source),)
        by_value.setdefault(key, {}).setdefault(m.source, m)
    values = list(by_value.values())
    out: list[Optional[Clash]] = []
    for x, xa in enumerate(values):
        a0 = next(iter(xa.values()))
        for xb in values[x + 1:]:
            b0 = next(iter(xb.values()))
            c = clash(a0, b0, published)
            if c is None:
                continue
            if a0.source != b0.source:
                out.append(c)
            else:  # the same source first: a pair across sources, if there is one
                other = next((m for s, m in xb.items() if s != a0.source), None)
                if other is not None:
                    out.append(clash(a0, other, published))
                elif len(xa) > 1:
                    out.append(clash(next(m for s, m in xa.items() if s != b0.source), b0, published))
            if c.level == "hard":  # a source stating both values contradicts itself
                s = next((s for s in xa if s in xb), None)
                if s is not None:
                    out.append(c if a0.source == b0.source == s else clash(xa[s], xb[s], published))
    return [c for c in out if c is not None]


def _clash_key(m: Mention) -> tuple:
    """What :func:`clash` reads of a mention: two mentions with the same key clash alike."""
    if m.kind == "date":
        return (m.source, m.date)
    if m.kind == "role":
        return (m.source, "past" if m.scope == "past" else None, _org_stems(m.context), m.role)
    return (m.source, m.kind, m.dimension or m.unit, m.base_interval(), m.low_inclusive, m.high_inclusive,
            m.approximate, m.tolerance if m.approximate else 0.0, rounding(m), bool(m.qualifier), m.derived,
            m.low, m.high)


def worst(found: list[Clash]) -> Optional[Clash]:
    """The clash a conflict is reported on: hard before soft, across sources before within one,
    then the widest gap (then reading order)."""
    if not found:
        return None
    return max(found, key=lambda c: (c.level == "hard", not c.within_source, c.gap))


def incompatible_pair(mentions, published: Optional[Mapping[str, str]] = None) -> Optional[tuple[Mention, Mention]]:
    """The pair of mentions a conflict is reported on (see :func:`worst`), None if there is none."""
    c = worst(clashes(mentions, published))
    return (c.a, c.b) if c else None


def clashing_mentions(mentions, published: Optional[Mapping[str, str]] = None) -> set:
    """``id()`` of every mention whose value is in some clash of the group (what the HTML report
    marks): every mention stating one of the clashing values, not only the reported pair."""
    found = clashes(mentions, published)
    keys = {_clash_key(m)[1:] for c in found for m in (c.a, c.b)}
    return {id(m) for m in mentions if _clash_key(m)[1:] in keys}


def _describe(m: Mention) -> str:
    return f"“{m.text}” ({m.source}: {m.value_text()})"


def judge(group: list[Mention], published: Optional[Mapping[str, str]] = None) -> Fact:
    """The verdict on one aligned group. ``published`` maps source ids to ISO publication dates
    (optional): with it a higher figure in a later article is a soft conflict (an update).
    ``group`` may be a plain list, or an ``align.Group`` whose ``links`` become the fact's
    ``evidence``."""
    evidence = links_evidence(getattr(group, "links", ()))
    group = sorted(group, key=lambda m: (m.source, m.start))
    sources = sorted({m.source for m in group})
    head = _representative(group)
    subject = _subject_words(head)
    kind = head.kind
    found = clashes(group, published)
    level = None
    if found:
        status = "conflict"
        c = worst(found)
        assert c is not None  # found is not empty
        level = "hard" if any(x.level == "hard" for x in found) else "soft"
        reason = _conflict_reason(group, found, c, level)
    elif len(sources) < 2:
        status, reason = "single", f"only {sources[0]} states it"
    else:
        status = "agree"
        values = sorted({m.value_text() for m in group})
        reason = (f"{len(sources)} sources, every value compatible ({', '.join(values)}): "
                  f"{_sameness(head)}")
    words = [subject if m is head else _subject_words(m) for m in group]  # the head's, once
    return Fact(id=_fingerprint(kind, words, group, True), subject=subject, kind=kind, status=status,
                reason=reason, mentions=tuple(group), level=level, evidence=evidence)


def links_evidence(links) -> tuple:
    """The aligner's links ``(a, b, evidence, kind)`` as plain data (see ``Fact.evidence``):
    what joined the mentions of a fact, which a report can print and a spill can store. Only
    the links that joined something are kept: a link between two mentions that links before
    it in the list already tie (the aligner lists a group's links in the order they were
    made, strongest first) added nothing. A comparison that weighs nothing is left out (it
    said nothing for or against the link; ``factdiff explain`` lists every one)."""
    out = []
    parent: dict = {}

    def root(x):
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for a, b, ev, kind in links:
        ra, rb = root(id(a)), root(id(b))
        if ra == rb:
            continue
        parent[ra] = rb
        total = 0.0
        kept = []
        for e in ev:
            counted = kind != "contest" or e.for_conflict
            if counted:
                total += e.weight
            if e.weight:
                kept.append((e.comparison, e.level, round(float(e.weight), 6), counted))
        out.append((a.source, a.start, b.source, b.start, kind, round(float(total), 6), tuple(kept)))
    return tuple(out)


def _conflict_reason(group: list[Mention], found: list[Clash], c: Clash, level: str) -> str:
    """"hard conflict: “a” (x: 29) vs “b” (y: 33): 29 lies below 33; values: 29 (x), 31 (z),
    33 (y); same measured thing (…)"."""
    if c.within_source:
        head = f"{level} conflict: {c.a.source} contradicts itself: {_describe(c.a)} vs {_describe(c.b)}"
    else:
        head = f"{level} conflict: {_describe(c.a)} vs {_describe(c.b)}"
    parts = [head, c.why]
    bad = {_clash_key(m)[1:] for x in found for m in (x.a, x.b)}
    by_value: dict = {}
    for m in group:
        if _clash_key(m)[1:] in bad:
            by_value.setdefault(m.value_text(), []).append(m)
    if len(by_value) > 2 or any(x.within_source for x in found) or len(found) > 1:
        listed = sorted(by_value.items(), key=lambda kv: _value_order(kv[1][0]))
        parts.append("values: " + ", ".join(
            f"{v} ({', '.join(sorted({m.source for m in ms}))})" for v, ms in listed))
    parts.append(_sameness(c.a, c.b))
    return "; ".join([parts[0] + ": " + parts[1]] + parts[2:])


def _value_order(m: Mention) -> tuple:
    if m.kind == "date":
        return (0.0, m.date or "")
    if m.kind == "role":
        return (0.0, m.role or "")
    lo, hi = m.base_interval()
    return (lo if lo != -INF else hi, m.value_text())


def _sameness(a: Mention, b: Optional[Mention] = None) -> str:
    """Why two mentions were compared at all, in the text's words where it has them."""
    if a.kind == "role":
        return f"same person ({a.person}) and title"
    if a.kind == "name":
        return "the same name, spelled alike"
    what = _thing(a)
    parts = [f"same measured thing ({what})" if what else "same surrounding words"]
    if a.kind == "date" and a.event:
        parts.append(f"same event ({a.event})")
    elif a.predicate and (b is None or b.predicate == a.predicate):
        parts.append(f"same event ({_predicate_word(a) or a.predicate})")
    if a.scope in ("rate", "change"):
        parts.append(f"both a {a.scope}")
    return ", ".join(parts)


def _representative(group: list[Mention]) -> Mention:
    return max(group, key=lambda m: (m.predicate is not None, -m.start))


# Words a measured thing is never named by: what a subject finder may pick up next to a figure
# ("next", "January", "and", "voted") says nothing about what the figure counts.
_NOT_THINGS = frozenset({
    "figure", "next", "last", "earlier", "later", "previous", "past", "ago", "this", "that", "these",
    "those", "another", "other", "more", "less", "most", "least", "some", "many", "few", "several",
    "total", "sum", "number", "amount", "plus", "include", "come", "move", "and", "or", "but",
    *lexicon.MONTHS, *lexicon.WEEKDAYS, "today", "yesterday", "tomorrow", "year", "month", "week", "day",
    "hour", "time",
    "said", "told", "took", "gave", "made", "went", "came", "ran", "stole", "found", "won", "lost",
    "fell", "rose", "held", "met", "saw", "began", "left", "kept", "paid", "sent", "spent", "brought",
    "bought", "withdraw", "devote",
})
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d[\d.,:]*")


def _thing(m: Mention) -> Optional[str]:
    """The measured thing of ``m`` when it is a word that names one, else None."""
    what = m.subject
    if not what or what.startswith("≈"):
        return None
    if " " not in what and (what in _NOT_THINGS or what in lexicon.stopwords() or len(what) < 2
                            or (len(what) > 4 and what.endswith("ed") and not what.endswith("eed"))):
        return None  # "voted", "appropriated": a verb taken for the thing
    return what


def _predicate_word(m: Mention) -> Optional[str]:
    """The word of ``m``'s sentence that says its event ("killed" for the class "kill"), the
    one nearest the mention."""
    if not m.predicate or not m.sentence:
        return None
    index = lexicon.predicate_index()
    at = m.start - m.sentence_start
    best = None
    for w in _WORD_RE.finditer(m.sentence):
        if index.get(w.group().lower()) == m.predicate:
            d = abs(w.start() - at)
            if best is None or d < best[0]:
                best = (d, w.group())
    return best[1] if best else None


_BREAKS = ".;:!?“”\"()[]—–"  # what ends the words a subject is made of


def _own_words(m: Mention) -> str:
    """The sentence's own words around the mention, the mention itself left out (its value is
    shown beside it): “the shutdown began on …”. What a subject is when nothing better is
    known: up to four words before it and three after, within its clause."""
    s = m.sentence
    a, b = m.start - m.sentence_start, m.end - m.sentence_start
    if not s or not 0 <= a <= b <= len(s):
        return "…"

    def clause(text: str, backwards: bool) -> list[str]:
        for breaks in (_BREAKS + ",", _BREAKS):  # within the commas (before it: unless one word is left)
            through_last, first = _BREAK_RES[breaks]
            if backwards:
                cut = through_last.match(text)
                part = text[cut.end():] if cut else text
            else:
                cut = first.search(text)
                part = text[:cut.start()] if cut else text
            words = _words_with_alnum(part, 4 if backwards else 3, backwards)
            if len(words) >= 2 or breaks == _BREAKS or not backwards:
                return words
        return []

    words = clause(s[:a], True) + ["…"] + clause(s[b:], False)
    return "“" + " ".join(words) + "”"


_ALNUM_RE = re.compile(r"[^\W_]")  # a character of which str.isalnum() is true
# For each set of breaks: (the text through the last break, the first break).
_BREAK_RES = {b: (re.compile("(?s).*[" + re.escape(b) + "]"), re.compile("[" + re.escape(b) + "]"))
              for b in (_BREAKS + ",", _BREAKS)}


def _words_with_alnum(part: str, n: int, last: bool) -> list[str]:
    """The first (``last``: the last) ``n`` words of ``part`` (split at white space) that hold a
    letter or digit, in order; only the words up to the ``n``-th such word are looked at."""
    words = part.split()
    if last:
        words.reverse()
    out = []
    search = _ALNUM_RE.search
    for w in words:
        if search(w):
            out.append(w)
            if len(out) == n:
                break
    if last:
        out.reverse()
    return out


def _subject_words(m: Mention) -> str:
    """What a fact is about, as the report shows it: the text's words. The measured thing
    ("civilian"), its event as a class ("(kill)") or a date's start or end ("start of attack");
    where no word names the thing, the sentence's own words around the mention
    (“the shutdown began on …”), never a placeholder."""
    if m.kind == "role":
        return f"{m.person}: {(m.subject or '').split(':', 1)[1]}"
    if m.kind == "name":
        return f"name: {m.person}"
    what = _thing(m)
    if what is None:
        return _own_words(m)
    if m.kind == "date":
        event = {"start": "start of ", "end": "end of "}.get(m.event or "", "date of ")
        return f"{event}{what}"
    if m.kind == "duration":
        return f"duration of {what}"
    if m.predicate:
        return f"{what} ({m.predicate})"
    return what


def fingerprint(kind: str, subject: str, group: list[Mention], with_sources: bool = True) -> str:
    """Stable identity of a finding: what is measured, which sources, their normalised values.
    Line numbers, file order and unrelated text do not enter it.

    What is measured is read from every mention (``subject`` names the group for people, but
    which mention represents it depends on offsets, so it does not enter the identity).
    ``with_sources=False`` leaves the source names out, keeping which values were stated
    together: the identity of the same contradiction after its files were renamed."""
    return _fingerprint(kind, [_subject_words(m) for m in group], group, with_sources)


def _fingerprint(kind: str, words: list[str], group: list[Mention], with_sources: bool) -> str:
    """``fingerprint``, given ``_subject_words`` of each mention of ``group``."""
    what = sorted({w + (f" ≈{m.signature}" if m.signature and not m.subject else "") for w, m in zip(words, group)})
    if with_sources:
        values = sorted({f"{m.source}={m.value_text()}" for m in group})
    else:
        by_source: dict[str, set] = {}
        for m in group:
            by_source.setdefault(m.source, set()).add(m.value_text())
        values = sorted("=" + ",".join(sorted(v)) for v in by_source.values())
    raw = "|".join([kind] + what + values)
    return hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]
