"""Plain data shared by every stage: sources -> extract -> align -> compare -> report.

Nothing here does work; each stage takes these in and gives these out. The few functions at
the end read what a mention's value looks like (vague, distinctive), which extraction and
alignment both ask.
"""
from __future__ import annotations

import bisect
import math
from array import array
from dataclasses import dataclass, field, replace
from typing import Iterator, Optional, Protocol

from mypy_extensions import mypyc_attr

INF = math.inf

# Kinds a numeric fact can have. Clock times are extracted (so they are visibly *not*
# quantities) but never compared; ordinals ("the 42nd floor") are compared as ranks.
NUMERIC_KINDS = ("count", "quantity", "money", "percent", "ratio", "duration")
FACT_KINDS = NUMERIC_KINDS + ("ordinal", "date", "role", "name")


@dataclass(frozen=True)
class Source:
    """One decoded article."""

    id: str
    path: str
    text: str
    title: Optional[str] = None
    published: Optional[str] = None  # ISO date, "2015-12-23"
    # Where each line of ``text`` starts, kept when the text itself is let go (``without_text``)
    line_starts: Optional[array] = field(default=None, repr=False, compare=False)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset in ``text`` (where the lines start is
        worked out once, on the first call: a report asks for every mention)."""
        starts = self.line_starts
        if starts is None:
            starts = self._line_starts()
            object.__setattr__(self, "line_starts", starts)
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def _line_starts(self) -> array:
        starts = array("I" if len(self.text) < 2 ** 32 else "Q", [0])
        find, i = self.text.find, 0
        while True:
            i = find("\n", i) + 1
            if not i:
                break
            starts.append(i)
        return starts

    def without_text(self) -> "Source":
        """The same source holding only where its lines start (4 bytes a line), for a run too
        big to keep every article's text: ``line_col`` gives the same answers, ``text`` is ""."""
        return replace(self, text="", line_starts=self.line_starts if self.line_starts is not None
                       else self._line_starts())


@dataclass(frozen=True, slots=True)  # slots: a third of the memory of a large run
class Mention:
    """One statement of a fact in one text: where it is, what it says, normalised.

    Numeric values are intervals ``[low, high]`` in ``unit`` (inclusive flags say whether the
    end points belong). ``factor`` converts ``unit`` to its dimension's base unit so that
    "three months" and "90 days" can be compared.
    """

    start: int
    end: int
    text: str
    kind: str
    low: Optional[float] = None
    high: Optional[float] = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    unit: Optional[str] = None
    approximate: bool = False
    qualifier: Optional[str] = None
    date: Optional[str] = None  # ISO (possibly partial: "2011-03", "--09-30")
    role: Optional[str] = None  # the title, for kind "role"
    person: Optional[str] = None  # for kind "role"
    # --- what the alignment stage reads -------------------------------------------------
    subject: Optional[str] = None  # canonical measured thing ("civilian", "attack")
    subject_text: Optional[str] = None  # as written ("civilians", "air strikes")
    predicate: Optional[str] = None  # canonical event ("kill", "research")
    scope: Optional[str] = None  # "part" for "in one of...", "each", "of them"...
    event: Optional[str] = None  # for dates: "start", "end" or None
    frame: tuple = ()  # years named in the sentence
    context: frozenset = frozenset()  # content lemmas around the mention
    entities: frozenset = frozenset()  # capitalised names around the mention (places, people)
    signature: Optional[str] = None  # exact surrounding words, for subjectless numbers
    factor: float = 1.0  # unit -> base unit
    tolerance: float = 0.0  # relative widening when compared (approximate values)
    dimension: Optional[str] = None  # "length", "time", "currency:USD", ...
    derived: bool = False  # computed from other mentions (e.g. a ratio of two counts)
    sentence: str = ""
    sentence_start: int = 0
    # ``companion_key`` of the other uncommon figures of the sentence ("$139 million" beside
    # "eight years"): the same pair told twice is likely one fact told twice
    companions: frozenset = frozenset()
    source: str = ""  # filled in by the pipeline

    # Written out, not generated, so that the compiled build constructs a mention natively: mypyc
    # compiles the methods of the class body (dataclasses' generated __init__ runs interpreted) and
    # turns object.__setattr__ on a field into a plain store. The same parameters, defaults and
    # stores as the generated one (tests/test_fast_paths.py checks them against fields()).
    def __init__(self, start: int, end: int, text: str, kind: str, low: Optional[float] = None,
                 high: Optional[float] = None, low_inclusive: bool = True, high_inclusive: bool = True,
                 unit: Optional[str] = None, approximate: bool = False, qualifier: Optional[str] = None,
                 date: Optional[str] = None, role: Optional[str] = None, person: Optional[str] = None,
                 subject: Optional[str] = None, subject_text: Optional[str] = None,
                 predicate: Optional[str] = None, scope: Optional[str] = None, event: Optional[str] = None,
                 frame: tuple = (), context: frozenset = frozenset(), entities: frozenset = frozenset(),
                 signature: Optional[str] = None, factor: float = 1.0, tolerance: float = 0.0,
                 dimension: Optional[str] = None, derived: bool = False, sentence: str = "",
                 sentence_start: int = 0, companions: frozenset = frozenset(), source: str = "") -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)
        object.__setattr__(self, "low_inclusive", low_inclusive)
        object.__setattr__(self, "high_inclusive", high_inclusive)
        object.__setattr__(self, "unit", unit)
        object.__setattr__(self, "approximate", approximate)
        object.__setattr__(self, "qualifier", qualifier)
        object.__setattr__(self, "date", date)
        object.__setattr__(self, "role", role)
        object.__setattr__(self, "person", person)
        object.__setattr__(self, "subject", subject)
        object.__setattr__(self, "subject_text", subject_text)
        object.__setattr__(self, "predicate", predicate)
        object.__setattr__(self, "scope", scope)
        object.__setattr__(self, "event", event)
        object.__setattr__(self, "frame", frame)
        object.__setattr__(self, "context", context)
        object.__setattr__(self, "entities", entities)
        object.__setattr__(self, "signature", signature)
        object.__setattr__(self, "factor", factor)
        object.__setattr__(self, "tolerance", tolerance)
        object.__setattr__(self, "dimension", dimension)
        object.__setattr__(self, "derived", derived)
        object.__setattr__(self, "sentence", sentence)
        object.__setattr__(self, "sentence_start", sentence_start)
        object.__setattr__(self, "companions", companions)
        object.__setattr__(self, "source", source)

    def with_sets(self, entities: frozenset, companions: frozenset) -> Mention:
        """``dataclasses.replace(self, entities=entities, companions=companions)``, written out:
        a native call in the compiled build, where replace reads every field by name (20 us)."""
        return Mention(self.start, self.end, self.text, self.kind, self.low, self.high, self.low_inclusive,
                       self.high_inclusive, self.unit, self.approximate, self.qualifier, self.date,
                       self.role, self.person, self.subject, self.subject_text, self.predicate, self.scope,
                       self.event, self.frame, self.context, entities, self.signature, self.factor,
                       self.tolerance, self.dimension, self.derived, self.sentence, self.sentence_start,
                       companions, self.source)

    def base_interval(self) -> tuple[float, float]:
        lo = self.low if self.low is not None else -INF
        hi = self.high if self.high is not None else INF
        return lo * self.factor, hi * self.factor

    def value_dict(self) -> dict:
        if self.kind == "date":
            return {"date": self.date}
        if self.kind == "role":
            return {"role": self.role, "person": self.person}
        if self.kind == "name":
            return {"name": self.person}
        return {
            "low": _num(self.low),
            "high": _num(self.high),
            "low_inclusive": self.low_inclusive,
            "high_inclusive": self.high_inclusive,
            "unit": self.unit,
            "approximate": self.approximate,
        }

    def value_text(self) -> str:
        """Short human form of the normalised value: "[200, 999]", ">25", "2015-09-30"."""
        if self.kind == "date":
            return self.date or "?"
        if self.kind == "role":
            return self.role or "?"
        if self.kind == "name":
            return self.person or "?"
        unit = (f" {self.unit}" if self.unit and self.unit not in ("percent",)
                else ("%" if self.unit == "percent" else ""))
        approx = "~" if self.approximate else ""
        lo, hi = self.low, self.high
        if lo is not None and hi is not None and lo == hi:
            return f"{approx}{_fmt(lo)}{unit}"
        if hi is None or hi == INF:
            return f"{approx}{'≥' if self.low_inclusive else '>'}{_fmt(lo)}{unit}"
        if lo is None or lo in (0, -INF) and self.kind in ("count", "money", "quantity"):
            return f"{approx}{'≤' if self.high_inclusive else '<'}{_fmt(hi)}{unit}"
        left = "[" if self.low_inclusive else "("
        right = "]" if self.high_inclusive else ")"
        return f"{approx}{left}{_fmt(lo)}, {_fmt(hi)}{right}{unit}"


def _num(x):
    if x is None or x in (INF, -INF):
        return None
    return int(x) if float(x).is_integer() else round(x, 6)


def _fmt(x) -> str:
    if x is None:
        return "?"
    if x in (INF, -INF):
        return "∞"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.4g}" if abs(x) >= 1 else f"{x:.4g}"


@dataclass(frozen=True)
class Fact:
    """Mentions from several sources that speak of the same thing, and the verdict."""

    id: str
    subject: str
    kind: str
    status: str  # agree | conflict | single
    reason: str
    mentions: tuple  # tuple[Mention, ...]
    # how grave a conflict is: "hard" (incompatible values) or "soft" (reconcilable, but an
    # editor would query it: a rounding, a bound, a later update); None unless a conflict
    level: Optional[str] = None
    # the links that joined the mentions (empty for a single; each joined two groups), plain
    # data: ``(source a, start a, source b, start b, kind, score, evidence)`` with kind
    # "agree" or "contest", score what the link was weighed at against its threshold, and
    # evidence ``((comparison, level, weight, counted), ...)`` for each comparison with a
    # non-zero weight, ``counted`` False for one the score leaves out (the value, in a contest)
    evidence: tuple = ()

    # written out for the compiled build, as Mention.__init__ is (tests/test_fast_paths.py checks it)
    def __init__(self, id: str, subject: str, kind: str, status: str, reason: str, mentions: tuple,
                 level: Optional[str] = None, evidence: tuple = ()) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "subject", subject)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "reason", reason)
        object.__setattr__(self, "mentions", mentions)
        object.__setattr__(self, "level", level)
        object.__setattr__(self, "evidence", evidence)


STATUS_ORDER = {"conflict": 0, "agree": 1, "single": 2}


def fact_sort_key(f: Fact) -> tuple:
    """The report's order (in memory and streamed alike): conflicts, agreements, singles;
    figures, dates and titles before names (that outlets name the same people and places says
    less); more sources first; then by where the first statement is."""
    nsrc = -len({m.source for m in f.mentions}) + (1_000_000 if f.kind == "name" else 0)
    return (STATUS_ORDER[f.status], nsrc, f.mentions[0].source, f.mentions[0].start)


@mypyc_attr(allow_interpreted_subclasses=True)  # mypyc: sources.FolderNote extends it
@dataclass(frozen=True)
class Problem:
    """An input that could not be read (binary, empty, unreadable...)."""

    path: str
    reason: str


class Facts(Protocol):
    """What a report's facts are: a list, or a streamed run's store (``spill.FactStore``)."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[Fact]: ...


# --- what a mention's value looks like --------------------------------------------------------

def is_vague(m: Mention) -> bool:
    """"hundreds", "a handful", "tens of thousands": an amount of rhetoric, not a count."""
    return m.kind in NUMERIC_KINDS and m.approximate and not m.qualifier and not m.derived \
        and m.low is not None and m.high is not None and m.low != m.high


def significant_digits(x: float) -> int:
    """3 for 559,000 and 7.25; 1 for 200 and 0.3."""
    if x is None or x in (math.inf, -math.inf) or x == 0:
        return 0
    s = f"{abs(x):.10g}"
    if "e" in s:
        s = s.split("e")[0]
    digits = s.replace(".", "").strip("0")
    return len(digits)


def distinctive(m: Mention) -> bool:
    """A value uncommon enough that two outlets stating it are likely stating one fact: a
    figure of three or more significant digits, a figure with decimals, a sum of money or a
    measure of two or more digits, a date with its day."""
    if m.kind == "date":
        d = m.date or ""
        return (len(d) == 10 and d[4] == "-") or (d.startswith("--") and len(d) == 7)
    if m.kind == "role" or is_vague(m) or m.low is None:
        return False
    if m.low != m.high:  # a range "from $1.6 million to $10 million": by its ends
        ends = [v for v in (m.low, m.high) if v not in (None, math.inf, -math.inf) and v]
        return len(ends) == 2 and any(_distinctive_number(v, m.kind) for v in ends)
    return _distinctive_number(m.low, m.kind)


def _distinctive_number(v: float, kind: str) -> bool:
    digits = significant_digits(v)
    if digits >= 3 or not float(v).is_integer():
        return True
    return digits >= 2 and kind in ("money", "quantity", "percent") and abs(v) >= 10


def companion_key(m: Mention) -> Optional[str]:
    """The key by which a sentence's other mentions remember ``m`` ("money:currency:USD:139000000"):
    for a distinctive single value with no part or share scope; None for any other mention."""
    if m.kind not in NUMERIC_KINDS or m.scope not in (None, "size") or m.derived or m.low is None or m.low != m.high \
            or not distinctive(m):
        return None
    return f"{m.kind}:{m.dimension or m.unit or ''}:{m.low * m.factor:.9g}"
