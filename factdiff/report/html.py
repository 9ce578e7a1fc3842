"""The HTML report: one self-contained file an editor opens in a browser.

A summary strip, then one card per fact (conflicts first) with each outlet's quote, the
normalised values on a small number line and the reason in words; then every article in full
with each extracted mention highlighted and linked to its fact card.

Article text, titles, file names and source ids are untrusted: everything that comes from them
goes through :func:`_e` and lands only in element text or quoted attribute values, never inside
``<script>`` or ``<style>``. The page loads nothing (inline CSS and JS only) and carries a
Content-Security-Policy that lets only its own script and style run, as a second line of
defence. Without JavaScript the page is complete; the script only adds the filters.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import math
import re
from collections import OrderedDict
from importlib import resources
from typing import TYPE_CHECKING, Iterable, Optional

from .. import lexicon
from ..compare import clashing_mentions, incompatible_pair, interval
from ..model import FACT_KINDS, INF, STATUS_ORDER, Fact, Mention, Source
from ..version import __version__

if TYPE_CHECKING:  # the Report holds this module's render (its to_html)
    from .document import Report

STATUSES = tuple(STATUS_ORDER)  # conflict, agree, single: the report's order, defined in model
_QUOTE_ROOM = 160  # characters of context kept on each side of a mention in a quote
_PALETTE = 8  # source colours c0..c7 in the stylesheet
NEEDS_TEXT = True  # the report shows each article whole: its run keeps their texts


def _e(value) -> str:
    """Escape for element text and double-quoted attribute values alike."""
    return html.escape("" if value is None else str(value), quote=True)


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("html_assets").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


# --- identities ----------------------------------------------------------------------------

def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "x"


class _Ids:
    """Fragment ids for facts, sources and mentions: ASCII only, unique, stable for a report."""

    def __init__(self, report: Report, facts: list):
        self.source_index = {s.id: i for i, s in enumerate(report.sources)}
        self.fact = {}
        seen = set()
        for f in facts:
            base = "fact-" + _slug(f.id)
            key, n = base, 2
            while key in seen:
                key, n = f"{base}-{n}", n + 1
            seen.add(key)
            self.fact[id(f)] = key
        self.short = _short_names([s.id for s in report.sources])
        self._mention: dict = {}
        self._taken: set = set()

    def source(self, source_id: str) -> str:
        return f"src-{self.source_index.get(source_id, 'x')}"

    def mention(self, m: Mention, fact: Fact) -> str:
        """The anchor of a mention in its article; unique even when two facts hold the same span."""
        key = (id(fact), id(m))
        if key not in self._mention:
            base = f"m-{self.source_index.get(m.source, 'x')}-{m.start}-{m.end}"
            name, n = base, 2
            while name in self._taken:
                name, n = f"{base}-{n}", n + 1
            self._taken.add(name)
            self._mention[key] = name
        return self._mention[key]

    def colour(self, source_id: str) -> str:
        i = self.source_index.get(source_id)
        return f"c{i % _PALETTE}" if i is not None else "c7"


def _short_names(ids: list) -> dict:
    """Short, still unique labels: "000_11fd6a994becafa7" -> "000" when no other id starts so."""
    def unique(prefix: str, sid: str) -> bool:
        return not any(o != sid and o.startswith(prefix) for o in ids)

    out = {}
    for sid in ids:
        out[sid] = sid
        if len(sid) <= 14:
            continue
        cuts = [m.start() for m in re.finditer(r"[_\-. ]", sid) if m.start() >= 3]
        for cut in cuts:
            if unique(sid[:cut], sid):
                out[sid] = sid[:cut]
                break
        else:
            if unique(sid[:12], sid):
                out[sid] = sid[:12] + "…"
    return out


# --- the incompatible pair ------------------------------------------------------------------

def conflict_pair(fact: Fact, published: Optional[dict] = None) -> Optional[tuple]:
    """The two mentions that the verdict names (``published``: source id -> publication date, as
    the judge had them); None when the fact is no conflict."""
    if fact.status != "conflict":
        return None
    return incompatible_pair(fact.mentions, published)


def _bad(fact: Fact, pair) -> set:
    """``id()`` of every mention of a conflict that states one of its clashing values (all of
    them, not only the pair the reason names: "29" and "33" beside "31")."""
    if not pair:
        return set()
    return clashing_mentions(fact.mentions) | {id(m) for m in pair}


# --- number formatting ----------------------------------------------------------------------

def _compact(x: float) -> str:
    if x in (INF, -INF):
        return "∞" if x > 0 else "−∞"
    ax = abs(x)
    # (from, in units of, named): 40,000 is "40k", never a count of ten-thousands
    for above, size, suffix in ((1e12, 1e12, "T"), (1e9, 1e9, "bn"), (1e6, 1e6, "M"), (1e4, 1e3, "k")):
        if ax >= above:
            v = x / size
            return (f"{v:.0f}" if abs(v) >= 100 or float(v).is_integer() else f"{v:.3g}") + suffix
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:.3g}"


def _nice_step(span: float, target: int = 5) -> float:
    raw = span / max(1, target)
    if raw <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


# --- the number line ------------------------------------------------------------------------

_W, _PAD = 560.0, 12.0  # svg width and the margin kept for end marks and arrows
_ROW_H = 20


class _Row:
    """One line of the chart: a value (interval in display units) and who states it."""

    def __init__(self, label: str, lo: float, hi: float, lo_inc: bool, hi_inc: bool,
                 approx: bool = False, wlo: Optional[float] = None, whi: Optional[float] = None):
        self.label, self.lo, self.hi, self.lo_inc, self.hi_inc = label, lo, hi, lo_inc, hi_inc
        self.approx, self.wlo, self.whi = approx, wlo, whi
        self.sources: list = []
        self.bad = False


class _Scale:
    def __init__(self, values: Iterable[float], log: Optional[bool] = None, relative: bool = True):
        vals = [v for v in values if math.isfinite(v)]
        lo, hi = (min(vals), max(vals)) if vals else (0.0, 1.0)
        self.log = log if log is not None else (lo > 0 and hi / lo > 30)
        if self.log:
            llo, lhi = math.log10(lo), math.log10(hi)
            pad = max(0.15, (lhi - llo) * 0.08)
            self.a, self.b = llo - pad, lhi + pad
        else:
            span = hi - lo
            # a few percent apart should look close: pad by the magnitude as well as the span
            # (not for dates, whose zero is arbitrary)
            size = max(abs(lo), abs(hi)) * (0.15 if span else 0.4) if relative else 0.0
            pad = max(span * 0.12, size) or 1.0
            self.a, self.b = lo - pad, hi + pad
            if relative and lo >= 0 > self.a:  # counts and amounts do not go below zero on the chart
                self.a = 0.0 if lo > 0 else -pad
        if self.b <= self.a:
            self.b = self.a + 1.0

    def x(self, v: float) -> float:
        if v == INF:
            return _W - 2
        if v == -INF:
            return 2.0
        t = math.log10(v) if self.log and v > 0 else (self.a if self.log else v)
        pos = _PAD + (t - self.a) / (self.b - self.a) * (_W - 2 * _PAD)
        return min(_W - 2, max(2.0, pos))

    def ticks(self) -> list:
        if self.log:
            out = []
            for k in range(math.floor(self.a), math.ceil(self.b) + 1):
                for m in ((1,) if self.b - self.a > 2.5 else (1, 2, 5)):
                    v = m * 10 ** k
                    if self.a <= math.log10(v) <= self.b:
                        out.append((v, _compact(v)))
            return out
        step = _nice_step(self.b - self.a, 5)
        first = math.ceil(self.a / step) * step
        out, v = [], first
        while v <= self.b + 1e-9 * step and len(out) < 12:
            out.append((v, _compact(round(v, 10))))
            v += step
        return out


def _numeric_rows(fact: Fact, pair) -> tuple[list, str]:
    """Rows of a numeric fact in the unit of its first mention, and that unit's label."""
    shown = next((m for m in fact.mentions if m.unit), fact.mentions[0])
    factor = shown.factor or 1.0
    unit = "" if shown.unit in (None, "ratio") else ("%" if shown.unit == "percent" else shown.unit)
    rows: "OrderedDict[tuple, _Row]" = OrderedDict()
    bad = _bad(fact, pair)
    for m in fact.mentions:
        lo, hi = m.base_interval()
        lo, hi = lo / factor, hi / factor
        wlo, _, whi, _ = interval(m)
        wlo, whi = wlo / factor, whi / factor
        widened = not (math.isclose(wlo, lo) or wlo == lo) or not (math.isclose(whi, hi) or whi == hi)
        key = (round(lo, 9) if math.isfinite(lo) else lo, round(hi, 9) if math.isfinite(hi) else hi,
               m.low_inclusive, m.high_inclusive, m.approximate,
               round(wlo, 9) if math.isfinite(wlo) else wlo, round(whi, 9) if math.isfinite(whi) else whi)
        row = rows.get(key)
        if row is None:
            row = rows[key] = _Row(m.value_text(), lo, hi, m.low_inclusive, m.high_inclusive, m.approximate,
                                   wlo if widened else None, whi if widened else None)
        if m.source not in row.sources:
            row.sources.append(m.source)
        row.bad = row.bad or id(m) in bad
    return list(rows.values()), unit


def _parse_date(iso: str):
    """(year or None, month or None, day or None) of an ISO date, possibly partial."""
    s = (iso or "").strip()
    if s.startswith("--"):
        bits = s[2:].split("-")
        year = None
    else:
        bits = s.split("-")
        year, bits = (int(bits[0]) if bits and bits[0].isdigit() else None), bits[1:]
        if year is None:
            return None
    month = int(bits[0]) if bits and bits[0].isdigit() else None
    day = int(bits[1]) if len(bits) > 1 and bits[1].isdigit() else None
    if month is not None and not 1 <= month <= 12:
        return None
    return year, month, day


_MONTHS = tuple(m[:3].title() for m in lexicon.MONTHS)  # "Jan", ... "Dec"


def human_value(m: Mention) -> str:
    """The normalised value as an editor reads it: dates spelled out, the rest as the model
    writes them (">25", "~[200, 999]", "3 month")."""
    if m.kind == "date":
        parts = _parse_date(m.date or "")
        if parts is None:
            return m.value_text()
        year, month, day = parts
        bits = [str(day)] if day is not None and month is not None else []
        if month is not None:
            bits.append(_MONTHS[month - 1])
        bits.append(str(year) if year is not None else "(no year)")
        return " ".join(bits)
    return m.value_text()


def _date_span(parts, calendar: bool) -> Optional[tuple]:
    """First and last day (ordinals) a possibly partial date covers. On the calendar axis (used
    when some mention has no year) years are ignored and days are placed in a leap year."""
    year, month, day = parts
    y = 2000 if calendar or year is None else year
    try:
        if month is None:
            first, last = dt.date(y, 1, 1), dt.date(y, 12, 31)
        elif day is None:
            first = dt.date(y, month, 1)
            last = (dt.date(y + 1, 1, 1) if month == 12 else dt.date(y, month + 1, 1)) - dt.timedelta(days=1)
        else:
            first = last = dt.date(y, month, day)
    except ValueError:
        return None
    return first.toordinal(), last.toordinal()


def _date_rows(fact: Fact, pair) -> tuple[list, bool]:
    parsed = [(m, _parse_date(m.date or "")) for m in fact.mentions]
    calendar = any(p is not None and p[0] is None for _, p in parsed)
    rows: "OrderedDict[str, _Row]" = OrderedDict()
    bad = _bad(fact, pair)
    for m, p in parsed:
        span = _date_span(p, calendar) if p is not None else None
        if span is None:
            continue
        row = rows.get(m.date)
        if row is None:
            row = rows[m.date] = _Row(human_value(m), float(span[0]), float(span[1]), True, True)
        if m.source not in row.sources:
            row.sources.append(m.source)
        row.bad = row.bad or id(m) in bad
    return list(rows.values()), calendar


def _date_ticks(scale: _Scale, calendar: bool) -> list:
    a, b = math.ceil(scale.a), math.floor(scale.b)
    first, last = dt.date.fromordinal(max(1, a)), dt.date.fromordinal(max(1, b))
    months = (last.year - first.year) * 12 + last.month - first.month
    out = []
    if months > 30:  # years
        step = max(1, math.ceil((last.year - first.year) / 5))
        for y in range(first.year + 1, last.year + 1, step):
            out.append((float(dt.date(y, 1, 1).toordinal()), str(y)))
    elif months >= 1:  # month starts
        step = max(1, math.ceil(months / 6))
        y, mo = first.year, first.month
        i = 0
        while (y, mo) <= (last.year, last.month):
            d = dt.date(y, mo, 1)
            if d >= first and i % step == 0:
                label = _MONTHS[mo - 1] if calendar or (mo != 1 and i) else f"{_MONTHS[mo - 1]} {y}"
                out.append((float(d.toordinal()), label))
            if d >= first:
                i += 1
            y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    if len(out) < 2:  # a short window: its two ends too, by day
        def day(d):
            return f"{d.day} {_MONTHS[d.month - 1]}" + ("" if calendar else f" {d.year}")

        out = sorted(out + [(float(first.toordinal()), day(first)), (float(last.toordinal()), day(last))])
    return out


def _svg_row(row: _Row, scale: _Scale) -> str:
    y = _ROW_H / 2
    cls = "row bad" if row.bad else "row"
    parts = [f'<line class="track" x1="0" y1="{y}" x2="{_W:g}" y2="{y}"/>']
    if row.wlo is not None and row.whi is not None:
        parts.append(f'<line class="tol" x1="{scale.x(row.wlo):.1f}" y1="{y}" x2="{scale.x(row.whi):.1f}" y2="{y}"/>')
    x1, x2 = scale.x(row.lo), scale.x(row.hi)
    approx = " approx" if row.approx else ""
    if abs(x2 - x1) >= 1:
        parts.append(f'<line class="iv{approx}" x1="{x1:.1f}" y1="{y}" x2="{x2:.1f}" y2="{y}"/>')
    for v, x, inc, side in ((row.lo, x1, row.lo_inc, -1), (row.hi, x2, row.hi_inc, 1)):
        if not math.isfinite(v):
            tip = x + 2 * side
            parts.append(f'<polygon class="arrow" points="{tip:.1f},{y} {tip - 9 * side:.1f},{y - 5} '
                         f'{tip - 9 * side:.1f},{y + 5}"/>')
        elif abs(x2 - x1) >= 1 or side < 0:
            parts.append(f'<circle class="end{"" if inc else " open"}" cx="{x:.1f}" cy="{y}" r="4"/>')
    title = f"{row.label} — {', '.join(row.sources)}"
    return (f'<svg viewBox="0 0 {_W:g} {_ROW_H}" role="img" aria-label="{_e(title)}">'
            f'<g class="{cls}"><title>{_e(title)}</title>{"".join(parts)}</g></svg>')


def _svg_axis(ticks: list, scale: _Scale) -> str:
    h = 22
    parts = [f'<line class="ax" x1="0" y1="2" x2="{_W:g}" y2="2"/>']
    last_x = -1e9
    for v, label in ticks:
        x = scale.x(v)
        parts.append(f'<line class="tick" x1="{x:.1f}" y1="2" x2="{x:.1f}" y2="7"/>')
        if x - last_x >= 38:
            anchor = "start" if x < 20 else ("end" if x > _W - 20 else "middle")
            parts.append(f'<text class="tl" x="{x:.1f}" y="19" text-anchor="{anchor}">{_e(label)}</text>')
            last_x = x
    return f'<svg viewBox="0 0 {_W:g} {h}" aria-hidden="true">{"".join(parts)}</svg>'


def number_line(fact: Fact, ids: _Ids, pair=None) -> str:
    """The values of a fact drawn on one axis: one row per distinct value, with who states it.

    Numbers: closed ends filled, open ends hollow, an arrow where the interval runs to
    infinity, approximate values dashed with their tolerance as a thin line, a log axis when
    values span orders of magnitude. Dates: the days each (possibly partial) date covers, on a
    calendar axis when a date has no year. Roles have no axis: the titles are listed instead.
    The incompatible pair of a conflict is drawn in red."""
    if fact.kind == "role":
        return _role_table(fact, ids, pair)
    if fact.kind == "date":
        rows, calendar = _date_rows(fact, pair)
        if not rows:
            return ""
        scale = _Scale([r.lo for r in rows] + [r.hi for r in rows], log=False, relative=False)
        if scale.b - scale.a < 20:  # at least a few weeks of context around a single day
            mid = (scale.a + scale.b) / 2
            scale.a, scale.b = mid - 10, mid + 10
        ticks = _date_ticks(scale, calendar)
        note = "calendar (no year stated)" if calendar else "date"
    else:
        rows, unit = _numeric_rows(fact, pair)
        ends = [v for r in rows for v in (r.lo, r.hi, r.wlo, r.whi) if v is not None]
        scale = _Scale(ends)
        ticks = scale.ticks()
        note = (unit + (" · " if unit else "") + "log scale") if scale.log else unit
    out = ['<div class="nl" aria-label="values on a number line">']
    for row in rows:
        chips = " ".join(_chip(s, ids) for s in row.sources)
        mark = ' <span class="pairmark">✕</span>' if row.bad else ""
        out.append(f'<div class="lbl{" bad" if row.bad else ""}">{chips} <span class="val">{_e(row.label)}</span>'
                   f'{mark}</div>')
        out.append(_svg_row(row, scale))
    out.append(f'<div class="lbl axis-note">{_e(note)}</div>')
    out.append(_svg_axis(ticks, scale))
    out.append("</div>")
    return "".join(out)


def _role_table(fact: Fact, ids: _Ids, pair) -> str:
    bad = _bad(fact, pair)
    seen, rows = set(), []
    for m in fact.mentions:
        key = (m.source, m.role, m.person)
        if key in seen:
            continue
        seen.add(key)
        mark = ' <span class="pairmark">✕ incompatible</span>' if id(m) in bad else ""
        rows.append(f'<tr class="{"bad" if id(m) in bad else ""}"><td>{_chip(m.source, ids)}</td>'
                    f'<td>{_e(m.person or "")}</td><td><span class="val">{_e(m.role or "?")}</span>{mark}</td></tr>')
    return f'<table class="roles" aria-label="titles as stated">{"".join(rows)}</table>'


# --- pieces -------------------------------------------------------------------------------

def _chip(source_id: str, ids: _Ids, full: bool = False) -> str:
    name = source_id if full else ids.short.get(source_id, source_id)
    return (f'<a class="chip {ids.colour(source_id)}" href="#{ids.source(source_id)}" '
            f'title="{_e(source_id)}">{_e(name)}</a>')


def _clip_left(s: str, room: int) -> str:
    if len(s) <= room:
        return s
    cut = s[-room:]
    sp = cut.find(" ")
    return "…" + (cut[sp + 1:] if 0 <= sp < 30 else cut)


def _clip_right(s: str, room: int) -> str:
    if len(s) <= room:
        return s
    cut = s[:room]
    sp = cut.rfind(" ")
    return (cut[:sp] if sp > room - 30 else cut) + "…"


def quote_html(m: Mention, source: Optional[Source]) -> str:
    """The sentence around a mention, escaped, the mention itself in ``<mark>``."""
    if source is not None and 0 <= m.start <= m.end <= len(source.text):
        text = source.text
        a, b = m.start, m.end
        s0 = m.sentence_start if m.sentence \
            and text[m.sentence_start:m.sentence_start + len(m.sentence)] == m.sentence \
            and m.sentence_start <= a and b <= m.sentence_start + len(m.sentence) else max(0, a - _QUOTE_ROOM)
        s1 = s0 + len(m.sentence) if s0 == m.sentence_start and m.sentence else min(len(text), b + _QUOTE_ROOM)
        left, mid, right = text[s0:a], text[a:b], text[b:s1]
    else:  # no source text to point into: the sentence alone
        s = m.sentence or m.text
        a = s.find(m.text)
        left, mid, right = (s[:a], m.text, s[a + len(m.text):]) if a >= 0 else ("", m.text, "")
    squash = lambda t: re.sub(r"\s+", " ", t)  # noqa: E731
    left, mid, right = squash(left).lstrip(), squash(mid), squash(right).rstrip()
    left, right = _clip_left(left, _QUOTE_ROOM), _clip_right(right, _QUOTE_ROOM)
    return f'{_e(left)}<mark class="hit">{_e(mid)}</mark>{_e(right)}'


def _headline(fact: Fact, ids: _Ids, pair, bad: Optional[set] = None) -> str:
    sources = list(OrderedDict.fromkeys(m.source for m in fact.mentions))
    if fact.status == "conflict" and pair:
        # every clashing value with the sources that state it, in the order of the values
        by_value: "OrderedDict[str, list]" = OrderedDict()
        shown = [m for m in fact.mentions if id(m) in (bad or {id(x) for x in pair})]
        for m in sorted(shown, key=_value_key):
            who = by_value.setdefault(human_value(m), [])
            if m.source not in who:
                who.append(m.source)
        said = "; ".join(f'{" ".join(_chip(s, ids) for s in who)} say{"s" if len(who) == 1 else ""} '
                         f'<span class="val">{_e(v)}</span>' for v, who in by_value.items())
        a, b = pair
        if a.source == b.source and len({m.source for m in shown}) == 1:
            verdict = "it contradicts itself."
        elif fact.level == "soft":
            verdict = "they may be reconciled, but an editor would query it."
        else:
            verdict = "they cannot all be right." if len(by_value) > 2 else "they cannot both be right."
        return f'{said}: {verdict}'
    if fact.status == "agree":
        return f'{len(sources)} sources agree: {" ".join(_chip(s, ids) for s in sources)}'
    return f'Stated by one source only: {_chip(sources[0], ids)}' if sources else ""


def _quote_item(m: Mention, fact: Fact, ids: _Ids, by_id: dict, bad: set) -> str:
    src = by_id.get(m.source)
    title = src.title if src is not None and src.title else ""
    cls = "quote bad" if id(m) in bad else "quote"
    mark = '<span class="pairmark">✕ incompatible</span> ' if id(m) in bad else ""
    derived = ' <span class="tag" title="computed from figures in this sentence">derived</span>' if m.derived else ""
    context = f'<a class="ctx" href="#{ids.mention(m, fact)}">in the article ↓</a>' if src is not None else ""
    return (f'<li class="{cls}"><div class="who">{_chip(m.source, ids, full=True)} '
            f'<span class="val">{_e(human_value(m))}</span>{derived}'
            f'<span class="title" title="{_e(title)}">{_e(title)}</span></div>'
            f'<div>{mark}<blockquote>{quote_html(m, src)}</blockquote>{context}</div></li>')


_LEVEL_TITLE = {"hard": "hard: the values are incompatible",
                "soft": "soft: reconcilable (a rounding, a bound, a later update), but an editor would query it"}


def _value_key(m: Mention) -> tuple:
    if m.kind in ("date", "role", "name"):
        return (0.0, human_value(m))
    lo, hi = m.base_interval()
    return (lo if lo != -INF else hi, human_value(m))


def _fact_card(n: int, fact: Fact, ids: _Ids, by_id: dict) -> str:
    """One fact: verdict and level, headline, reason, number line, then one quote per outlet
    (every statement of a clashing value among them); further mentions fold away."""
    published = {s: src.published for s, src in by_id.items() if getattr(src, "published", None)}
    pair = conflict_pair(fact, published)
    bad = _bad(fact, pair)
    sources = {m.source for m in fact.mentions}
    fid = ids.fact[id(fact)]
    first, more, seen = [], [], set()
    bad_sources = {m.source for m in pair} if pair else set()
    for m in fact.mentions:
        if id(m) in bad or (m.source not in seen and m.source not in bad_sources):
            first.append(m)
            seen.add(m.source)
        else:
            more.append(m)
    quotes = "".join(_quote_item(m, fact, ids, by_id, bad) for m in first)
    if more:
        quotes += (f'<li class="more"><details><summary>{len(more)} more mention{"s" if len(more) != 1 else ""}'
                   f' by the same outlet{"s" if len({m.source for m in more}) != 1 else ""}</summary>'
                   f'<ul class="quotes">{"".join(_quote_item(m, fact, ids, by_id, bad) for m in more)}</ul>'
                   f'</details></li>')
    level = fact.level if fact.status == "conflict" and fact.level in ("hard", "soft") else None
    badge = (f'<span class="badge st-{_e(fact.status)}">{_e(fact.status)}</span>' +
             (f'<span class="badge lv-{level}" title="{_LEVEL_TITLE[level]}">{level}</span>' if level else ""))
    lv_class = f" lv-{level}" if level else ""
    lv_data = f' data-level="{level}"' if level else ""
    return (
        f'<article class="fact st-{_e(fact.status)}{lv_class}" id="{fid}" '
        f'data-status="{_e(fact.status)}"{lv_data} data-kind="{_e(fact.kind)}">'
        f'<div class="fact-head">{badge}'
        f'<h3>{_e(fact.subject)}</h3><span class="kind">{_e(fact.kind)}</span>'
        f'<span class="num">#{n}</span>'
        f'<span class="meta">{len(sources)} source{"s" if len(sources) != 1 else ""} · '
        f'{len(fact.mentions)} mention{"s" if len(fact.mentions) != 1 else ""}</span></div>'
        f'<p class="headline">{_headline(fact, ids, pair, bad)}</p>'
        f'<p class="reason"><b>Why:</b> {_e(fact.reason)}</p>'
        f'{number_line(fact, ids, pair)}'
        f'<ul class="quotes">{quotes}</ul>'
        f'</article>'
    )


def source_text_html(source: Source, uses: list, ids: _Ids, number_of: dict) -> str:
    """The whole article, escaped, each mention a link to its fact card. ``uses`` holds the
    (mention, fact) pairs of this source.

    Mentions may nest or overlap (a ratio computed over two counts, a title inside a longer
    title). The text is cut at every mention boundary; each piece links to the innermost
    mention covering it. A mention left with no piece of its own gets a small numbered link
    after it, so that every mention reaches its fact."""
    text = source.text
    uses = [(m, f) for m, f in uses if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text)} | {m.start for m, _ in uses} | {m.end for m, _ in uses})

    def innermost(cover):
        return min(cover, key=lambda u: (u[0].end - u[0].start, u[0].start))

    starts: dict = {}
    stops: dict = {}
    for u in uses:
        starts.setdefault(u[0].start, []).append(u)
        stops.setdefault(u[0].end, []).append(u)
    owned, pieces = set(), []
    active: dict = {}
    for a, b in zip(cuts, cuts[1:]):  # a sweep: the mentions open over [a, b)
        for u in stops.get(a, ()):
            active.pop(id(u), None)
        for u in starts.get(a, ()):
            active[id(u)] = u
        cover = list(active.values())
        pieces.append((a, b, cover))
        if cover:
            owned.add(id(innermost(cover)))
    ends: dict = {}
    for u in uses:
        if id(u) not in owned:
            ends.setdefault(u[0].end, []).append(u)
    out = []
    for a, b, cover in pieces:
        for m, f in starts.get(a, ()):
            out.append(f'<span class="anchor" id="{ids.mention(m, f)}"></span>')
        chunk = _e(text[a:b])
        if cover:
            m, f = innermost(cover)
            fid = ids.fact[id(f)]
            deep = " deep" if len(cover) > 1 else ""
            tip = f"#{number_of[id(f)]} {f.status} · {f.subject} · {human_value(m)}"
            out.append(f'<a class="m st-{_e(f.status)}{deep}" href="#{fid}" data-fact="{fid}" '
                       f'data-kind="{_e(f.kind)}" title="{_e(tip)}">{chunk}</a>')
        else:
            out.append(chunk)
        for m, f in ends.get(b, ()):
            fid = ids.fact[id(f)]
            out.append(f'<a class="ref" href="#{fid}" title="{_e(f.subject)} · {_e(human_value(m))}">'
                       f'[#{number_of[id(f)]}]</a>')
    return "".join(out)


def _source_section(source: Source, uses: list, ids: _Ids, number_of: dict) -> str:
    counts = {s: 0 for s in STATUSES}
    for f in {id(f): f for _, f in uses}.values():
        counts[f.status] = counts.get(f.status, 0) + 1
    meta = [f'<span class="chip {ids.colour(source.id)}">{_e(ids.short.get(source.id, source.id))}</span>',
            _e(source.path)]
    if source.published:
        meta.append(f"published {_e(source.published)}")
    meta.append(f"{len(uses)} mention{'s' if len(uses) != 1 else ''} in "
                + ", ".join(f"{counts[s]} {s} fact{'s' if counts[s] != 1 else ''}" for s in STATUSES))
    return (f'<article class="source" id="{ids.source(source.id)}">'
            f'<h3>{_e(source.id)}</h3>'
            + (f'<p class="meta"><b>{_e(source.title)}</b></p>' if source.title else "")
            + f'<p class="meta">{" · ".join(meta)}</p>'
            f'<div class="src-text">{source_text_html(source, uses, ids, number_of)}</div>'
            f'</article>')


def _filters(facts: list, show_all: bool) -> str:
    kinds = [k for k in FACT_KINDS if any(f.kind == k for f in facts)]
    kinds += sorted({f.kind for f in facts} - set(kinds))
    boxes = []
    for s in STATUSES:
        on = " checked" if (s != "single" or show_all) else ""
        boxes.append(f'<label><input type="checkbox" name="status" value="{s}"{on}> {s}</label>')
    kboxes = [f'<label><input type="checkbox" name="kind" value="{_e(k)}" checked> {_e(k)}</label>' for k in kinds]
    return (f'<form id="filters" class="filters" hidden aria-label="filters">'
            f'<fieldset><legend>Status</legend>{"".join(boxes)}</fieldset>'
            f'<fieldset><legend>Kind</legend>{"".join(kboxes)}</fieldset>'
            f'<span class="shown" id="shown" aria-live="polite"></span></form>')


# --- the page -----------------------------------------------------------------------------

def render(report: Report, show_all: bool = True, title: Optional[str] = None, **_options) -> str:
    """The report as one self-contained HTML page.

    ``show_all=False`` starts the page with single-source facts filtered out (they are still in
    the page, and shown without JavaScript). ``title`` names the page. Other options that the
    other formats take (a terminal width, say) are accepted and ignored."""
    facts = sorted(report.facts, key=lambda f: STATUS_ORDER.get(f.status, len(STATUSES)))
    ids = _Ids(report, facts)
    by_id = {s.id: s for s in report.sources}
    number_of = {}
    per_source: dict = {s.id: [] for s in report.sources}
    for n, f in enumerate(facts, 1):
        number_of[id(f)] = n
        for m in f.mentions:
            if m.source in per_source:
                per_source[m.source].append((m, f))
    summary = report.summary()
    css, js = _asset("report.css"), _asset("report.js")
    csp = (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
           "img-src 'none'; base-uri 'none'; form-action 'none'; object-src 'none'")
    heading = title or "factdiff report"
    counts = [("sources", summary["sources"], ""), ("facts", summary["facts"], ""),
              ("agreements", summary["agree"], "st-agree"), ("conflicts", summary["conflict"], "st-conflict"),
              ("singles", summary["single"], "st-single")]
    strip = "".join(f'<li class="{c}"><span class="n">{n}</span><span class="l">{_e(label)}</span></li>'
                    for label, n, c in counts)
    cards = "".join(_fact_card(number_of[id(f)], f, ids, by_id) for f in facts)
    if not facts:
        cards = '<p class="empty">No figure, date or title was found in these articles.</p>'
    sources = "".join(_source_section(s, per_source[s.id], ids, number_of) for s in report.sources)
    problems = ""
    if report.problems:
        items = "".join(f"<li><code>{_e(p.path)}</code>: {_e(p.reason)}</li>" for p in report.problems)
        problems = f'<section id="problems"><h2>Not read</h2><ul class="problems">{items}</ul></section>'
    problems_link = '<a href="#problems">Not read</a>' if report.problems else ""
    page_title = (f"{heading}: {summary['conflict']} conflict{'s' if summary['conflict'] != 1 else ''}, "
                  f"{summary['agree']} agree, {summary['sources']} sources")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(csp)}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="factdiff {_e(__version__)}">'
        f"<title>{_e(page_title)}</title>\n<style>{css}</style></head>\n"
        '<body><div class="page">'
        f'<header class="top"><h1>{_e(heading)}</h1>'
        f'<p class="sub">Figures, dates and titles compared across {summary["sources"]} '
        f'article{"s" if summary["sources"] != 1 else ""}: conflicts first, then agreements, then facts '
        f'only one source states.</p>'
        f'<ul class="summary" aria-label="summary">{strip}</ul>'
        '<nav class="toc"><a href="#facts">Facts</a><a href="#sources">Articles</a>'
        f'{problems_link}</nav></header>'
        f"{_filters(facts, show_all)}"
        '<main>'
        f'<section id="facts" aria-label="facts"><h2>Facts</h2>'
        '<p class="empty" id="no-match" hidden>No fact matches the filters.</p>'
        f"{cards}</section>"
        f'<section id="sources" aria-label="articles"><h2>Articles</h2>'
        '<p class="legend">Each article in full. Highlighted: every figure, date and title factdiff read, '
        '<span class="key st-conflict">in a conflict</span> <span class="key st-agree">agreed</span> '
        '<span class="key st-single">stated by one source</span>; click one to go to its fact.</p>'
        f'{sources}</section>'
        f"{problems}</main>"
        f'<footer>Made by factdiff {_e(__version__)}. Every highlighted figure in an article links to '
        f'its fact above.</footer>'
        f"</div>\n<script>{js}</script>\n</body></html>\n"
    )
