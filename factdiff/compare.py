"""Where facts are judged: agree, conflict or single, with a reason that names the pair.

Two numeric mentions are compatible when their intervals overlap once approximate values are
widened by their tolerance ("about 200" and "210" agree; "more than 25" and "25" do not).
Dates are compatible when they agree at the grain both state; roles when their organisations
do not exclude each other.
"""
from __future__ import annotations

import hashlib
import functools
import math
import re
from typing import Optional

from . import lexicon
from .model import INF, Fact, Mention

_EPS = 1e-9


_SCALE_RE = re.compile(r"(?<!\d)(\d+(?:\.(\d+))?)\s*(?:million|billion|trillion|bn|mn|m|b|k|thousand)\b", re.I)


def implicit_tolerance(m: Mention) -> float:
    """How much a plainly stated figure is rounded: "$43 million" may be $43.9 million (one unit
    of its last digit), "800,000" is a round figure (1%). Qualified figures ("more than
    800,000", "as many as 300,000") are bounds and get none."""
    if m.qualifier or m.low is None or m.low != m.high or not m.low:
        return 0.0
    hit = _SCALE_RE.search(m.text)
    if hit:
        digits = float(hit.group(1))
        decimals = len(hit.group(2) or "")
        if digits:
            return (10 ** -decimals) / digits
    v = abs(m.low)
    if v >= 1000 and v.is_integer() and v % 1000 == 0:
        return 0.01
    return 0.0


def interval(m: Mention) -> tuple[float, bool, float, bool]:
    """(low, low_inclusive, high, high_inclusive) in base units, widened when approximate."""
    lo, hi = m.base_interval()
    lo_inc, hi_inc = m.low_inclusive, m.high_inclusive
    t = max(m.tolerance if m.approximate else 0.0, implicit_tolerance(m))
    if t:
        if lo not in (-INF, INF):
            lo = lo - abs(lo) * t
        if hi not in (-INF, INF):
            hi = hi + abs(hi) * t
        lo_inc = hi_inc = True
    return lo, lo_inc, hi, hi_inc


def compatible(a: Mention, b: Mention) -> bool:
    if a.kind == "date":
        return _dates_compatible(a.date or "", b.date or "")
    if a.kind == "role":
        return _roles_compatible(a, b)
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


def _dates_compatible(a: str, b: str) -> bool:
    """ISO dates, possibly partial ("2011-03", "--09-30", "2015"): equal on what both state."""
    def parts(d: str) -> tuple[Optional[str], Optional[str], Optional[str]]:
        if d.startswith("--"):
            return None, d[2:4], d[5:7] if len(d) >= 7 else None
        bits = d.split("-")
        return bits[0], (bits[1] if len(bits) > 1 else None), (bits[2] if len(bits) > 2 else None)

    return all(x is None or y is None or x == y for x, y in zip(parts(a), parts(b)))


@functools.lru_cache(maxsize=4096)
def _org_stems(context: frozenset) -> frozenset:
    stop = lexicon.stopwords()
    return frozenset(w.strip("'’").removesuffix("'s").removesuffix("’s")[:4] for w in context
                     if w not in stop) - {""}


def _roles_compatible(a: Mention, b: Mention) -> bool:
    if "past" in (a.scope, b.scope):
        return True
    wa, wb = _org_stems(a.context), _org_stems(b.context)
    return not wa or not wb or bool(wa & wb)


def _describe(m: Mention) -> str:
    return f"“{m.text}” ({m.source}: {m.value_text()})"


def judge(group: list[Mention]) -> Fact:
    """The verdict on one aligned group."""
    group = sorted(group, key=lambda m: (m.source, m.start))
    sources = sorted({m.source for m in group})
    head = _representative(group)
    subject = _subject_words(head)
    kind = head.kind
    if len(sources) < 2:
        status, reason = "single", f"only {sources[0]} states it"
    else:
        pair = incompatible_pair(group)
        if pair:
            a, b = pair
            status = "conflict"
            reason = f"{_describe(a)} is incompatible with {_describe(b)}: {_why(a, b)}"
        else:
            status = "agree"
            values = sorted({m.value_text() for m in group})
            reason = (f"{len(sources)} sources, every value compatible ({', '.join(values)}): "
                      f"{_sameness(head)}")
    return Fact(id=fingerprint(kind, subject, group), subject=subject, kind=kind, status=status,
                reason=reason, mentions=tuple(group))


def _why(a: Mention, b: Mention) -> str:
    if a.kind == "date":
        return "the dates differ"
    if a.kind == "role":
        return "the titles name different organisations"
    alo, _, ahi, _ = interval(a)
    blo, _, bhi, _ = interval(b)
    if ahi <= blo:
        lower, upper = a, b
    else:
        lower, upper = b, a
    return f"{lower.value_text()} lies below {upper.value_text()}; {_sameness(a, b)}"


def _sameness(a: Mention, b: Optional[Mention] = None) -> str:
    """Why two mentions were compared at all."""
    if a.kind == "role":
        return f"same person ({a.person}) and title"
    what = a.subject if a.subject and not a.subject.startswith("≈") else None
    parts = [f"same measured thing ({what})" if what else "same surrounding words"]
    if a.kind == "date" and a.event:
        parts.append(f"same event ({a.event})")
    elif a.predicate and (b is None or b.predicate == a.predicate):
        parts.append(f"same event ({a.predicate})")
    if a.scope in ("rate", "change"):
        parts.append(f"both a {a.scope}")
    return ", ".join(parts)


def incompatible_pair(mentions) -> Optional[tuple[Mention, Mention]]:
    """The pair of mentions from different sources that a conflict is reported on: of the
    incompatible pairs (in reading order), the one with the widest gap. None if there is none."""
    ms = list(mentions)
    bad = [(a, b) for x, a in enumerate(ms) for b in ms[x + 1:]
           if a.source != b.source and not compatible(a, b)]
    return max(bad, key=lambda p: _gap(*p)) if bad else None


def _gap(a: Mention, b: Mention) -> float:
    if a.kind in ("date", "role"):
        return 0.0
    alo, _, ahi, _ = interval(a)
    blo, _, bhi, _ = interval(b)
    return max(blo - ahi, alo - bhi)


def _representative(group: list[Mention]) -> Mention:
    return max(group, key=lambda m: (m.predicate is not None, -m.start))


def _subject_words(m: Mention) -> str:
    if m.kind == "role":
        return f"{m.person}: {m.subject.split(':', 1)[1]}"
    what = m.subject or (f"‘{m.predicate}’" if m.predicate else "figure")
    if what.startswith("≈"):
        what = "figure"
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
    what = sorted({_subject_words(m) + (f" ≈{m.signature}" if m.signature and not m.subject else "")
                   for m in group})
    if with_sources:
        values = sorted({f"{m.source}={m.value_text()}" for m in group})
    else:
        by_source: dict[str, set] = {}
        for m in group:
            by_source.setdefault(m.source, set()).add(m.value_text())
        values = sorted("=" + ",".join(sorted(v)) for v in by_source.values())
    raw = "|".join([kind] + what + values)
    return hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]
