"""What two mentions have in common, as named comparisons with levels (the shape of Splink's
comparisons, Fellegi-Sunter's agreement vectors).

Each comparison looks at one aspect of a pair of mentions (the value, the measured thing, the
event, the names around them...) and says which of its named levels the pair is at; each level
has a partial weight in ``weights.toml``. A pair's score is the sum of its levels' weights, and
its explanation is the list of (comparison, level, weight): the reason two mentions were joined
or kept apart is that list, not a sentence written afterwards.

The comparisons read a ``Run``: what the block of mentions being aligned teaches about itself
(how rare a context word or a figure is, which measured things an uncommon figure ties).
"""
from __future__ import annotations

import functools
import math
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from typing import Callable, NamedTuple, Optional

from ..compare import compatible as compatible_values
from ..extract.names import key as name_key
from ..model import FACT_KINDS, NUMERIC_KINDS, Mention, distinctive, is_vague

# Words so common around figures in news that sharing them says nothing.
GENERIC_CONTEXT = frozenset({"year", "month", "week", "day", "time", "people", "person", "new",
                             "report", "news", "official", "percent", "number", "total", "said",
                             "say", "told", "according"})


@functools.lru_cache(maxsize=None)
def weights() -> dict:
    """The parsed ``weights.toml`` (levels' partial weights and the thresholds)."""
    with resources.files("factdiff.align").joinpath("weights.toml").open("rb") as fh:
        return tomllib.load(fh)


@functools.lru_cache(maxsize=None)
def _flat_weights() -> dict[tuple[str, str], float]:
    return {(c, level): float(w) for c, levels in weights().items() if isinstance(levels, dict)
            for level, w in levels.items() if isinstance(w, (int, float))}


def threshold(name: str) -> float:
    return float(weights()["thresholds"][name])


# --- what a mention's value looks like --------------------------------------------------------

@functools.lru_cache(maxsize=65536)  # a pure function of two words, asked again for each pair
def spelled_alike(x: str, y: str) -> bool:
    """Two spellings of one name: equal, or (names of five letters or more) one letter added,
    dropped or changed ("Zelensky" / "Zelenskyy", "Gaddafi" / "Qaddafi"); two for names of
    nine letters or more. Shorter names must match exactly ("Reid" / "Reed" are two people)."""
    if x == y:
        return True
    if min(len(x), len(y)) < 5 or abs(len(x) - len(y)) > 2:
        return False
    limit = 2 if min(len(x), len(y)) >= 9 else 1
    prev = list(range(len(y) + 1))
    for i, cx in enumerate(x, 1):
        cur = [i] + [0] * len(y)
        for j, cy in enumerate(y, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (cx != cy))
        if min(cur) > limit:
            return False
        prev = cur
    return prev[-1] <= limit


def _name_form(a: Mention, b: Mention) -> str:
    ka, kb = name_key(a.person or ""), name_key(b.person or "")
    if ka == kb:
        return "exact_distinctive"
    wa, wb = ka.split(), kb.split()
    if wa and wb and spelled_alike(wa[-1], wb[-1]) and (len(wa) == 1 or len(wb) == 1 or wa[0][0] == wb[0][0]):
        return "variant"  # "Chuck Schumer" / "Charles Schumer"; "Pelosi" / "Nancy Pelosi"
    return "different"


def value_key(m: Mention):
    """Equal for two mentions that state the same normalised value (``Run.key`` keeps it for
    the mentions of a block)."""
    if m.kind == "date":
        return ("date", m.date)
    if m.kind == "role":
        return ("role", (m.role or "").lower())
    if m.kind == "name":
        return ("name", name_key(m.person or ""))
    lo, hi = m.base_interval()
    return (m.kind, m.dimension or m.unit, round(lo, 9) if lo not in (math.inf, -math.inf) else lo,
            round(hi, 9) if hi not in (math.inf, -math.inf) else hi, m.low_inclusive, m.high_inclusive)


# A figure needs this many significant digits for one changed digit to look like a misreport
# (2 / 3 are two counts, 48 / 47 one count copied wrongly).
MISREPORT_DIGITS = 2


# --- the run ----------------------------------------------------------------------------------

@dataclass
class Run:
    """What a block of mentions teaches about itself."""

    size: int = 0
    word_df: Counter = field(default_factory=Counter)  # context word -> mentions holding it
    subject_df: Counter = field(default_factory=Counter)  # measured thing -> mentions of it
    value_df: Counter = field(default_factory=Counter)  # value -> mentions stating it
    sources: int = 0  # how many sources the block's mentions come from
    related: set = field(default_factory=set)  # frozenset({subject, subject}) tied by a figure
    # what pairs of this block were found to be (by the mentions' ids; the block holds them)
    _memo: dict = field(default_factory=dict, repr=False)
    # what each mention is, by its id: its value key, its point (keyed by the bare id, no
    # tuple to build: asked for both mentions of every pair)
    _keys: dict = field(default_factory=dict, repr=False)
    _points: dict = field(default_factory=dict, repr=False)

    def key(self, m: Mention):
        """``value_key(m)``, once per mention of the block."""
        got = self._keys.get(id(m))
        if got is None:
            got = self._keys[id(m)] = value_key(m)
        return got

    def point(self, m: Mention) -> Optional[float]:
        """``_point(m)``, once per mention of the block."""
        try:
            return self._points[id(m)]
        except KeyError:
            got = self._points[id(m)] = _point(m)
            return got

    def compatible(self, a: Mention, b: Mention) -> bool:
        """``compare.compatible``, once per pair."""
        k = ("c", id(a), id(b))
        got = self._memo.get(k)
        if got is None:
            got = self._memo[k] = compatible_values(a, b)
        return got

    @classmethod
    def of(cls, mentions: list[Mention]) -> "Run":
        run = cls(size=len(mentions))
        run.sources = len({m.source for m in mentions})
        # counted by one Counter.update each (an interpreted call, and a Counter's += on a new key
        # calls its interpreted __missing__), in the same order as one mention at a time
        words: list[str] = []
        run.value_df.update([run.key(m) for m in mentions])
        for m in mentions:
            words.extend(m.context)
        run.word_df.update(words)
        run.subject_df.update([m.subject for m in mentions if m.subject])
        # an uncommon figure two outlets attach to different measured things ties them
        by_value: dict = {}
        for m in mentions:
            if m.subject and distinctive(m) and m.kind in NUMERIC_KINDS and not m.scope:
                by_value.setdefault(run.key(m), {}).setdefault(m.subject, set()).add(m.source)
        for subjects in by_value.values():
            if len(subjects) < 2:
                continue
            names = sorted(subjects)
            for x, a in enumerate(names):
                for b in names[x + 1:]:
                    if subjects[a] != subjects[b] or len(subjects[a]) > 1:
                        run.related.add(frozenset((a, b)))
        return run

    def rare(self, word: str) -> bool:
        """On at most a quarter of the block's mentions; in a block too small to tell, on at
        most two (the pair being weighed)."""
        if self.size < 12:
            return self.word_df[word] <= 2
        return self.word_df[word] * 4 <= self.size

    def rare_value(self, m: Mention) -> bool:
        """Stated about as often as one fact would be (once or twice a source), not a figure
        every paragraph repeats ("two", "2010")."""
        return self.value_df[self.key(m)] <= max(2, 2 * self.sources)


# --- the comparisons --------------------------------------------------------------------------

@dataclass(frozen=True)
class Comparison:
    """One aspect of a pair: ``level(a, b, run)`` names the level, ``weights.toml`` weighs it.
    ``for_conflict``: does it count towards the score that calls two incompatible values one
    fact (the value comparison does not)."""

    name: str
    level: Callable[[Mention, Mention, Run], Optional[str]]
    doc: str
    for_conflict: bool = True
    graded: Optional[Callable[[Mention, Mention, Run], float]] = None  # a weight computed, not looked up


def value_level(a: Mention, b: Mention, run: Run) -> str:
    if a.kind == "name":
        return _name_form(a, b)
    if not run.compatible(a, b):
        return "incompatible"
    if a.kind == "date" and (a.date or "")[:1].isalpha() != (b.date or "")[:1].isalpha():
        full = [m for m in (a, b) if len(m.date or "") == 10 and (m.date or "")[:1].isdigit()]
        # a weekday and a month: nothing in common to agree on; a weekday and a full date
        # that falls on it: compatible, but no evidence of one day either
        return "weekday_of_date" if full else "other_grain"
    if run.key(a) == run.key(b):
        if is_vague(a):
            return "exact"  # the same loose words: "tens of thousands of dollars"
        if distinctive(a):
            return "exact_distinctive"
        return "exact_rare" if run.rare_value(a) else "exact"
    if a.kind in NUMERIC_KINDS and not is_vague(a) and not is_vague(b) and _close(a, b, run):
        return "close_distinctive" if distinctive(a) or distinctive(b) else "close"
    return "compatible"


def _point(m: Mention) -> Optional[float]:
    """The figure a mention states: the written number of "nearly $15 million" (its upper end,
    as of "up to 40"; a lower bound's lower end), else a range's middle."""
    lo, hi = m.base_interval()
    if m.qualifier and hi not in (-math.inf, math.inf) and hi:
        return hi
    if lo not in (-math.inf, math.inf) and hi not in (-math.inf, math.inf) and lo:
        return (lo + hi) / 2
    if lo not in (-math.inf, math.inf) and lo:
        return lo
    if hi not in (-math.inf, math.inf) and hi:
        return hi
    return None


def _close(a: Mention, b: Mention, run: Run) -> bool:
    """Two compatible figures within 3% of each other: "$13.6 million" and "$13,625,777",
    "nearly $15 million" and "$14,959,450", "at least 30" and "31"."""
    pa, pb = run.point(a), run.point(b)
    if not pa or not pb:
        return False
    return abs(pa - pb) <= 0.035 * max(abs(pa), abs(pb))


@functools.lru_cache(maxsize=65536)  # a pure function of one figure, asked again for each pair
def _digits(v: float) -> tuple[int, str]:
    """A figure's order of magnitude and its significant digits: (9, "57") for 5.7 billion."""
    e = math.floor(math.log10(abs(v)))
    return e, f"{abs(v) / 10 ** e:.9f}".replace(".", "").rstrip("0")


def _misreport(a: Mention, b: Mention, run: Run) -> Optional[str]:
    """Two incompatible exact figures of the same magnitude, written with the same significant
    digits but one, a unit apart ("48" / "47" pages, "$5.7" / "$5.6 billion", "$5,687.75" /
    "$5,587.75"): the signature of one figure copied or reported wrongly. None for compatible
    values."""
    if a.kind not in NUMERIC_KINDS or run.compatible(a, b):
        return None
    return "one_digit" if _one_digit_apart(a, b) else "other"


def _misreport_weighed(a: Mention, b: Mention, run: Run) -> Optional[str]:
    """``_misreport`` as ``may_reach`` needs it: "one_digit" when it is, else None (its other
    level weighs 0 too), the compatibility (the costly part) asked only of such a pair."""
    if a.kind in NUMERIC_KINDS and _one_digit_apart(a, b) and not run.compatible(a, b):
        return "one_digit"
    return None


def _one_digit_apart(a: Mention, b: Mention) -> bool:
    """Two exact figures of one unit and magnitude, their significant digits one apart in one
    place (``_misreport``'s "one_digit", compatibility aside)."""
    if a.low != a.high or b.low != b.high or a.qualifier or b.qualifier or not a.low or not b.low:
        return False
    if a.unit != b.unit or a.low in (math.inf, -math.inf) or b.low in (math.inf, -math.inf):
        return False
    (ea, da), (eb, db) = _digits(a.low), _digits(b.low)
    if ea != eb or len(da) != len(db) or len(da) < MISREPORT_DIGITS:
        return False
    diff = [n for n, (x, y) in enumerate(zip(da, db)) if x != y]
    if len(diff) != 1:
        return False
    # one digit a unit apart: "48" / "47", "$5,687.75" / "$5,587.75" ("19" / "16", "117" /
    # "157" are as likely two counts); of two digits, only the last ("37" / "47": two counts)
    n = diff[0]
    return abs(int(da[n]) - int(db[n])) == 1 and (len(da) > MISREPORT_DIGITS or n == len(da) - 1)


# Figures this many times apart are rarely one fact stated two ways (a misreport changes a
# digit, a rounding or an update moves a figure by less): more often a part and its whole.
FAR_APART = 10.0


def _magnitude(a: Mention, b: Mention, run: Run) -> Optional[str]:
    if a.kind not in NUMERIC_KINDS or is_vague(a) or is_vague(b):
        return None
    pa, pb = run.point(a), run.point(b)
    if not pa or not pb or (pa < 0) != (pb < 0):
        return None
    return "far_apart" if max(abs(pa), abs(pb)) >= FAR_APART * min(abs(pa), abs(pb)) else "near"


def _measured_thing(a: Mention, b: Mention, run: Run) -> str:
    if a.kind == "role":
        return "one_missing"
    if not a.subject or not b.subject:
        return "one_missing"
    if a.subject == b.subject:
        # rare among the block's mentions; a single common word ("member") is only called
        # rare in a block big enough to tell (a handful of figures says nothing)
        rare = run.subject_df[a.subject] * 4 <= max(8, run.size) and (" " in a.subject or run.size >= 12)
        return "same_rare" if rare else "same"
    if (run.related and frozenset((a.subject, b.subject)) in run.related) or names_more_fully(a.subject, b.subject):
        return "learned"
    return "different"


@functools.lru_cache(maxsize=65536)  # a pure function of two measured things, asked for each pair
def names_more_fully(x: str, y: str) -> bool:
    """Two measured things that share a word: one names the other more fully ("income tax
    rate" / "tax rate")."""
    return bool(set(x.split()) & set(y.split()))


def _event(a: Mention, b: Mention, run: Run) -> str:
    pa = a.event if a.kind == "date" and a.event else a.predicate
    pb = b.event if b.kind == "date" and b.event else b.predicate
    if not pa or not pb:
        return "one_missing"
    return "same" if pa == pb else "different"


def shared_words(a: Mention, b: Mention) -> set:
    """Content words around both mentions, less generic ones and the measured thing itself."""
    shared = (a.context & b.context) - GENERIC_CONTEXT
    if not shared:
        return set()  # (half the pairs of a story: no need to read what they drop)
    drop = _dropped(a.subject, a.predicate) | _dropped(b.subject, b.predicate)
    return {w for w in shared if w not in drop}


@functools.lru_cache(maxsize=65536)  # once per measured thing and event, not once per pair
def _dropped(subject: Optional[str], predicate: Optional[str]) -> frozenset:
    """The words ``shared_words`` drops for a mention: its measured thing (whole and word by
    word) and its event."""
    drop = set()
    if subject:
        drop.add(subject)
        drop.update(subject.split(" "))
    if predicate:
        drop.add("@" + predicate)
    return frozenset(drop)


def _context_weight(a: Mention, b: Mention, run: Run) -> float:
    """The shared content words weighed by how rare each is in the block, up to the cap."""
    w = _current_bounds()
    rare, common = w.rare_word, w.common_word
    total = 0.0
    for x in _shared(a, b, run):
        total += rare if run.rare(x) else common
    return min(total, w.context_cap)


def _shared(a: Mention, b: Mention, run: Run) -> set:
    k = ("w", id(a), id(b))
    got = run._memo.get(k)
    if got is None:
        got = run._memo[k] = shared_words(a, b)
    return got


def _context(a: Mention, b: Mention, run: Run) -> str:
    n = len(_shared(a, b, run))
    return f"{n} shared word{'s' if n != 1 else ''}" if n else "none shared"


def _names(a: Mention, b: Mention, run: Run) -> str:
    if not a.entities or not b.entities:
        return "missing"
    return "disjoint" if a.entities.isdisjoint(b.entities) else "shared"  # (no set made)


def _years(a: Mention, b: Mention, run: Run) -> str:
    if not a.frame or not b.frame:
        return "missing"
    if not set(a.frame).isdisjoint(b.frame):
        return "same"
    fa = {y for y in a.frame if not y.startswith("~")}  # "~last year": relative, unresolved
    fb = {y for y in b.frame if not y.startswith("~")}
    return "relative" if not fa or not fb else "different"


def _scope(a: Mention, b: Mention, run: Run) -> str:
    sa = a.scope if a.scope in ("part", "past", "size") else None
    sb = b.scope if b.scope in ("part", "past", "size") else None
    return "same" if sa == sb else "mismatch"


def words_around(m: Mention) -> Optional[str]:
    """The words on both sides of a figure (its ``signature``), when they are two or more."""
    return _words_around(m.signature)


@functools.lru_cache(maxsize=65536)  # once per signature, not once per pair
def _words_around(sig: Optional[str]) -> Optional[str]:
    return sig if sig and len(sig.replace("_", " ").split()) >= 2 else None


def slot(m: Mention) -> Optional[tuple]:
    """The two words before a figure and the one after it ("the wildfire destroyed _ in the
    village" -> (("wildfire", "destroyed"), "in")), when it has them."""
    return _slot(m.signature)


@functools.lru_cache(maxsize=65536)  # once per signature, not once per pair
def _slot(signature: Optional[str]) -> Optional[tuple]:
    if not signature or " _ " not in signature:
        return None
    before, after = signature.split(" _ ", 1)
    left, right = before.split(), after.split()
    return (tuple(left[-2:]), right[0]) if len(left) >= 2 and right else None


def _surrounding(a: Mention, b: Mention, run: Run) -> str:
    sig = words_around(a)
    return "same" if sig and sig == b.signature else "different"


def _companion(a: Mention, b: Mention, run: Run) -> Optional[str]:
    if not a.companions or not b.companions:
        return None
    return "none_shared" if a.companions.isdisjoint(b.companions) else "shared"


def _surname(m: Mention) -> str:
    return (m.subject or "").split(":", 1)[0]


def _person(a: Mention, b: Mention, run: Run) -> Optional[str]:
    if a.kind != "role":
        return None
    return "same" if spelled_alike(_surname(a), _surname(b)) else "different"


COMPARISONS: tuple[Comparison, ...] = (
    Comparison("value", value_level, "The two normalised values: the same uncommon figure, the same "
               "common one, overlapping, or incompatible.", for_conflict=False),
    Comparison("magnitude", _magnitude, "Two figures ten or more times apart ('600,000' / '33 "
               "million'): more often two facts than one stated two ways."),
    Comparison("measured_thing", _measured_thing, "What is counted or measured: the same lemma or "
               "synonym class, two lemmas the run ties by an uncommon figure, one unknown, different."),
    Comparison("event", _event, "The event word (killed, spent, researched; for dates since/until): "
               "the same class, one unknown, different."),
    Comparison("context", _context, "Content words around both mentions, each weighed by how rare "
               "it is among the block's mentions.", graded=_context_weight),
    Comparison("names", _names, "People, places and organisations named around both mentions: one "
               "shared, none shared, or one side names none."),
    Comparison("years", _years, "Years named in both sentences: one shared, none shared, or missing."),
    Comparison("scope", _scope, "A part of a whole ('in one of', 'of them') or an earlier level "
               "('from 6.1%') on one side only."),
    Comparison("surrounding_words", _surrounding, "The same words (two or more) on both sides of "
               "the figure."),
    Comparison("misreport", _misreport, "Two incompatible exact figures that differ in one "
               "significant digit ('48' / '47' pages): one figure reported wrongly, not two facts."),
    Comparison("companion", _companion, "An uncommon figure beside both mentions in their "
               "sentences ('$139 million in seven years' / '$139 million ... eight years'): "
               "shared, or both have some and none is shared."),
    Comparison("person", _person, "For titles: the same person, by surname."),
)


class Evidence(NamedTuple):
    """One comparison's verdict on a pair (a tuple: a run makes tens of thousands)."""

    comparison: str
    level: str
    weight: float
    for_conflict: bool

    def __str__(self) -> str:
        return f"{self.comparison}: {self.level} ({self.weight:+g})"


def evidence(a: Mention, b: Mention, run: Run) -> tuple[Evidence, ...]:
    """Every comparison's level and weight for the pair ``a``, ``b`` (once per pair of a run)."""
    k = ("e", id(a), id(b))
    got = run._memo.get(k)
    if got is None:
        got = run._memo[k] = _evidence(a, b, run)
    return got


def _evidence(a: Mention, b: Mention, run: Run) -> tuple[Evidence, ...]:
    bounds = _current_bounds()
    if bounds.standard:
        return _standard_evidence(a, b, run, bounds)
    return _table_evidence(a, b, run)


def _table_evidence(a: Mention, b: Mention, run: Run) -> tuple[Evidence, ...]:
    """``_evidence`` read through the table ``COMPARISONS`` (any comparisons, in their order)."""
    out = []
    flat = _flat_weights()
    for c in COMPARISONS:
        level = c.level(a, b, run)
        if level is None:
            continue
        name = c.name
        w = c.graded(a, b, run) if c.graded else flat.get((name, level), 0.0)
        out.append(_tuple_new(Evidence, (name, level, w, c.for_conflict)))  # Evidence(...), less a call
    return tuple(out)


_tuple_new = tuple.__new__


def _standard_evidence(a: Mention, b: Mention, run: Run, w: Bounds) -> tuple[Evidence, ...]:
    """``_evidence`` for ``COMPARISONS`` as written: each comparison called by name, in its
    order (a compiled build calls each directly), its weight from ``Bounds``."""
    out: list[Evidence] = []
    add = out.append
    level: Optional[str] = value_level(a, b, run)
    add(_tuple_new(Evidence, ("value", level, w.w_value.get(level, 0.0), False)))
    level = _magnitude(a, b, run)
    if level is not None:
        add(_tuple_new(Evidence, ("magnitude", level, w.w_magnitude.get(level, 0.0), True)))
    level = _measured_thing(a, b, run)
    add(_tuple_new(Evidence, ("measured_thing", level, w.w_measured_thing.get(level, 0.0), True)))
    level = _event(a, b, run)
    add(_tuple_new(Evidence, ("event", level, w.w_event.get(level, 0.0), True)))
    add(_tuple_new(Evidence, ("context", _context(a, b, run), _context_weight(a, b, run), True)))
    level = _names(a, b, run)
    add(_tuple_new(Evidence, ("names", level, w.w_names.get(level, 0.0), True)))
    level = _years(a, b, run)
    add(_tuple_new(Evidence, ("years", level, w.w_years.get(level, 0.0), True)))
    level = _scope(a, b, run)
    add(_tuple_new(Evidence, ("scope", level, w.w_scope.get(level, 0.0), True)))
    level = _surrounding(a, b, run)
    add(_tuple_new(Evidence, ("surrounding_words", level, w.w_surrounding.get(level, 0.0), True)))
    level = _misreport(a, b, run)
    if level is not None:
        add(_tuple_new(Evidence, ("misreport", level, w.w_misreport.get(level, 0.0), True)))
    level = _companion(a, b, run)
    if level is not None:
        add(_tuple_new(Evidence, ("companion", level, w.w_companion.get(level, 0.0), True)))
    level = _person(a, b, run)
    if level is not None:
        add(_tuple_new(Evidence, ("person", level, w.w_person.get(level, 0.0), True)))
    return tuple(out)

# The value levels a pair may be at, by what is cheap to know of it: the same value key (any
# level), two names (a variant or different), two figures within 3% (close or less), otherwise.
_VALUE_CASES = {"same_key": None, "names": ("variant", "different"),
                "close": ("close_distinctive", "close", "compatible", "incompatible"),
                "other": ("compatible", "incompatible", "other_grain", "weekday_of_date")}


LevelFn = Callable[[Mention, Mention, Run], Optional[str]]
LevelWeights = dict[Optional[str], float]  # level -> weight (no level, None: never a key, 0)


class Bounds:
    """What ``may_reach`` reads of the comparisons and the weights, made once (typed, so that a
    compiled build reads it without a look-up by name): by the kind of the pair, the cheap
    comparisons as (level function, level -> weight); the most the value comparison weighs in
    each ``_VALUE_CASES`` case; the context's weights (a rare word, a common one, the cap); and,
    when the comparisons are ``COMPARISONS`` as written, each cheap one's weights by name (read
    by ``_cheap_total``, which calls them one by one rather than through the table)."""

    def __init__(self, cheap: dict[str, list[tuple[LevelFn, LevelWeights]]], caps: dict[str, float],
                 context: dict[str, float], by_name: Optional[dict[str, LevelWeights]]) -> None:
        self.cheap = cheap
        self.same_key = caps["same_key"]
        self.names = caps["names"]
        self.close = caps["close"]
        self.other = caps["other"]
        self.rare_word: float = context["rare_word"]
        self.common_word: float = context["common_word"]
        self.context_cap = float(context["cap"])
        self.standard = by_name is not None
        w = by_name or {}
        self.w_value = w.get("value", {})
        self.w_magnitude = w.get("magnitude", {})
        self.w_measured_thing = w.get("measured_thing", {})
        self.w_event = w.get("event", {})
        self.w_names = w.get("names", {})
        self.w_years = w.get("years", {})
        self.w_scope = w.get("scope", {})
        self.w_surrounding = w.get("surrounding_words", {})
        self.w_misreport = w.get("misreport", {})
        self.w_companion = w.get("companion", {})
        self.w_person = w.get("person", {})


def _bounds(comparisons: tuple[Comparison, ...]) -> Bounds:
    """``Bounds`` of ``comparisons``: the comparisons looked up (not the value, not a graded
    one) by the kind of the pair, the most the value comparison weighs in each case (a missing
    level: 0), the context's weights."""
    flat = _flat_weights()
    by_name: dict[str, LevelWeights] = {c.name: {level: w for (name, level), w in flat.items() if name == c.name}
                                        for c in comparisons}
    cheap = {kind: [(_WEIGHED.get(c.name, c.level), by_name[c.name])
                    for c in comparisons if c.name != "value" and c.graded is None
                    and kind in _KINDS.get(c.name, FACT_KINDS)]
             for kind in FACT_KINDS}
    value_levels = tuple(level for name, level in flat if name == "value")
    caps = {case: max(flat.get(("value", level), 0.0) for level in (levels or value_levels))
            for case, levels in _VALUE_CASES.items()}
    return Bounds(cheap, caps, weights()["context"], by_name if _signature(comparisons) == _STANDARD else None)


# Comparisons whose level ``may_reach`` reads from a cheaper function of the same weight.
_WEIGHED: dict[str, LevelFn] = {"misreport": _misreport_weighed}
# The kinds of mention some comparisons have a level for (None, no weight, for the others):
# ``may_reach`` does not ask them of a pair of another kind.
_KINDS = {"magnitude": NUMERIC_KINDS, "misreport": NUMERIC_KINDS, "person": ("role",)}

# What ``_standard_evidence`` and ``_cheap_total`` spell out, in order: (name, level function,
# graded weight, for_conflict). Comparisons take that path only when they are exactly these:
# an edit of ``COMPARISONS`` falls back to the table, never to a stale copy of it.
_STANDARD = (("value", value_level, None, False), ("magnitude", _magnitude, None, True),
             ("measured_thing", _measured_thing, None, True), ("event", _event, None, True),
             ("context", _context, _context_weight, True), ("names", _names, None, True),
             ("years", _years, None, True), ("scope", _scope, None, True),
             ("surrounding_words", _surrounding, None, True), ("misreport", _misreport, None, True),
             ("companion", _companion, None, True), ("person", _person, None, True))


def _signature(comparisons: tuple[Comparison, ...]) -> tuple:
    return tuple((c.name, c.level, c.graded, c.for_conflict) for c in comparisons)
_BOUNDS: tuple[Optional[tuple[Comparison, ...]], Optional[Bounds]] = (None, None)  # (COMPARISONS, its bounds)


def _current_bounds() -> Bounds:
    """``_bounds(COMPARISONS)``, made once (not hashed per pair)."""
    global _BOUNDS
    got = _BOUNDS[1]
    if _BOUNDS[0] is not COMPARISONS or got is None:
        got = _bounds(COMPARISONS)
        _BOUNDS = (COMPARISONS, got)
    return got


def _cheap_total(a: Mention, b: Mention, run: Run, w: Bounds) -> float:
    """The cheap comparisons' weights summed for ``COMPARISONS`` as written: the table of
    ``Bounds.cheap`` in the same order, each called by name (a compiled build calls each
    directly; a level of None looks up no weight: 0)."""
    total = 0.0
    numeric = a.kind in NUMERIC_KINDS
    if numeric:
        total += w.w_magnitude.get(_magnitude(a, b, run), 0.0)
    total += w.w_measured_thing.get(_measured_thing(a, b, run), 0.0)
    total += w.w_event.get(_event(a, b, run), 0.0)
    total += w.w_names.get(_names(a, b, run), 0.0)
    total += w.w_years.get(_years(a, b, run), 0.0)
    total += w.w_scope.get(_scope(a, b, run), 0.0)
    total += w.w_surrounding.get(_surrounding(a, b, run), 0.0)
    if numeric:
        total += w.w_misreport.get(_misreport_weighed(a, b, run), 0.0)
    total += w.w_companion.get(_companion(a, b, run), 0.0)
    if a.kind == "role":
        total += w.w_person.get(_person(a, b, run), 0.0)
    return total


def may_reach(a: Mention, b: Mention, run: Run, floor: float) -> bool:
    """Whether the pair's score (``score(evidence(a, b, run))``) may reach ``floor``: False only
    when it surely stays below, known from the cheap comparisons' weights, the most the value
    comparison can weigh, and the context's weight (read only when the rest leaves it a say).
    It saves computing the evidence of pairs that decide nothing (most pairs of a block)."""
    bounds = _current_bounds()
    if bounds.standard:
        total = _cheap_total(a, b, run, bounds)
    else:
        total = 0.0
        for level_of, weight in bounds.cheap[a.kind]:
            total += weight.get(level_of(a, b, run), 0.0)
    if run.key(a) == run.key(b):
        total += bounds.same_key
    elif a.kind == "name":
        total += bounds.names
    elif a.kind in NUMERIC_KINDS and _close(a, b, run):
        total += bounds.close
    else:
        total += bounds.other
    floor -= 1e-6  # (sums in another order may differ in their last bits)
    if total + bounds.context_cap < floor:
        return False
    return total + _context_weight(a, b, run) >= floor


def score(ev: tuple[Evidence, ...], for_conflict: bool = False) -> float:
    if for_conflict:  # (a list, not a generator: the same sum, in the same order, sooner)
        return sum([e[2] for e in ev if e[3]])
    return sum([e[2] for e in ev])
