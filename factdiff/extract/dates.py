"""Calendar dates, relative dates, clock times and phone numbers.

Dates are found before numbers so that "30 September" or "March 2011" never become counts,
and clock times ("07:19") or phone numbers never become quantities.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

import regex

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
            "sunday": 6}
_M = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![A-Za-z])\.?)(?![A-Za-z])"
_M2 = _M.replace("?P<month>", "?P<month2>")
_WD = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:,)?\s+)?"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_D2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<year>1[5-9]\d\d|20\d\d)"

_DATE_RE = regex.compile(
    rf"""
    \b(?:
        {_WD}{_D}\s+(?:of\s+)?{_M}(?:,?\s+{_Y}|(?!\.?\s+[0-3]?\d\b))   # 23 December 2015, 30 September (not "19 Sept. 11")
      | {_WD}{_M2}\s+{_D2}\b(?:,?\s+(?P<year2>1[5-9]\d\d|20\d\d))?  # December 23, 2015
      | (?P<month3>January|February|March|April|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?,?\s+(?:of\s+)?(?P<year3>1[5-9]\d\d|20\d\d)  # March 2011
      | (?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})          # 2015-12-23
      | (?P<um>[01]?\d)/(?P<ud>[0-3]?\d)/(?P<uy>\d{{4}}|\d{{2}})\b  # 12/23/2015
    )(?!\d)
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
# A bare year: "in 2011", "since 2014", "2016's", "mid-2015". Needs a cue so that "2000 people"
# stays a count.
_YEAR_RE = regex.compile(
    r"(?:(?<=\b(?i:(?:spring|summer|autumn|fall|winter|end|start|beginning|middle|half|quarter|months?|class)\s+of)\s)"
    r"|(?:(?<=\b(?i:in|since|by|until|till|from|during|before|after|through|early|late|mid|"
    r"end|start|spring|summer|autumn|fall|winter|year|fiscal|FY|the|to|and|or|for)[\s-]))"
    r"|(?<=^)|(?<=[(,]\s?))(?P<y>1[89]\d\d|20\d\d)(?=\b)(?!\s*(?:%|percent|per\s*cent))(?![.,]\d)"
)
_MONTH_ALONE_RE = regex.compile(
    r"\b(?:in|since|by|until|from|during|early|late|mid|last|next|this)[\s-]+"
    r"(?P<m>January|February|March|April|June|July|August|September|October|November|December)\b(?!\s+\d)"
)
_WEEKDAY_RE = regex.compile(
    r"\b(?P<pre>on\s+|last\s+|next\s+|this\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?P<poss>['’]s)?\b"
)
_RELATIVE_RE = regex.compile(
    r"\b(?P<word>today|yesterday|tomorrow)\b|\b(?P<rel>last|this|next)\s+(?P<unit>week|month|year)\b",
    regex.IGNORECASE,
)
_TIME_RE = regex.compile(
    r"\b(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*[ap]\.?\s?m\b\.?)?(?:\s*(?:[A-Z]{2,4}T|GMT|UTC|EST|EDT|PST|PDT|CST|CDT|BST|CET|MSK))?"
    r"|\b(?:1[0-2]|0?[1-9])(?:\.[0-5]\d)?\s*[ap]\.?m\b\.?|\b(?:1[0-2]|0?[1-9])\s+o['’]clock\b",
    regex.IGNORECASE,
)
_PHONE_RE = regex.compile(
    r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b|\+\d{1,3}(?:[\s-]\d{2,4}){2,4}\b"
)


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    iso: Optional[str]  # None when relative and no reference date
    grain: str  # day | month | year
    relative: bool = False


def _iso(year: Optional[int], month: Optional[int], day: Optional[int]) -> Optional[str]:
    try:
        if year and month and day:
            return dt.date(year, month, day).isoformat()
        if year and month:
            return f"{year:04d}-{month:02d}"
        if month and day:
            dt.date(2000, month, day)  # validate (leap-year safe)
            return f"--{month:02d}-{day:02d}"
        if year:
            return f"{year:04d}"
    except ValueError:
        return None
    return None


def find_dates(text: str, start: int = 0, end: Optional[int] = None,
               published: Optional[dt.date] = None) -> list[DateHit]:
    """Every calendar or relative date in ``text[start:end]``, longest first, no overlaps."""
    end = len(text) if end is None else end
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(hit: DateHit) -> None:
        if hit.iso is not None or hit.relative:
            hits.append(hit)
        taken.append((hit.start, hit.end))

    for m in _DATE_RE.finditer(text, start, end):
        g = m.groupdict()
        mon = g.get("month") or g.get("month2") or g.get("month3") or ""
        if mon and mon[0].islower() and mon.lower() in ("may", "march", "sept", "dec", "jan", "mar", "aug") \
                and mon.lower() in ("may", "march"):
            continue  # "may 5", "march 3 miles": a verb, not a month, when written in lower case
        if g["iy"]:
            iso = _iso(int(g["iy"]), int(g["im"]), int(g["id"]))
            grain = "day"
        elif g["um"]:
            y = int(g["uy"])
            y = y + 2000 if y < 50 else (y + 1900 if y < 100 else y)
            iso = _iso(y, int(g["um"]), int(g["ud"]))
            grain = "day"
        elif g["month3"]:
            iso = _iso(int(g["year3"]), MONTHS[g["month3"].lower().rstrip(".")], None)
            grain = "month"
        else:
            month = MONTHS[(g["month"] or g["month2"]).lower().rstrip(".")]
            day = int(g["day"] or g["day2"])
            year = g["year"] or g["year2"]
            if not 1 <= day <= 31:
                continue
            year_i = int(year) if year else (published.year if published else None)
            iso = _iso(year_i, month, day)
            grain = "day"
            if not year and published and iso and len(iso) == 10:
                # "30 September" written in December 2015 is 2015-09-30; in January, last year's
                d = dt.date.fromisoformat(iso)
                if (d - published).days > 60:
                    iso = _iso(year_i - 1, month, day)
        if iso and free(*m.span()):
            add(DateHit(m.start(), m.end(), iso, grain))
    for m in _YEAR_RE.finditer(text, start, end):
        if free(*m.span("y")):
            add(DateHit(m.start("y"), m.end("y"), m.group("y"), "year"))
    for m in _MONTH_ALONE_RE.finditer(text, start, end):
        if free(*m.span("m")):
            month = MONTHS[m.group("m").lower()]
            year = None
            if published:
                year = published.year if month <= published.month else published.year - 1
            iso = _iso(year, month, None) if year else f"--{month:02d}"
            add(DateHit(m.start("m"), m.end("m"), iso, "month", relative=year is not None))
    for m in _WEEKDAY_RE.finditer(text, start, end):
        if not free(*m.span("wd")):
            continue
        iso = None
        if published:
            back = (published.weekday() - WEEKDAYS[m.group("wd").lower()]) % 7
            if (m.group("pre") or "").strip().lower() == "next":
                back = back - 7 if back else -7
            elif (m.group("pre") or "").strip().lower() == "last" and back == 0:
                back = 7
            iso = (published - dt.timedelta(days=back)).isoformat()
        add(DateHit(m.start("wd"), m.end("wd"), iso, "day", relative=True))
    for m in _RELATIVE_RE.finditer(text, start, end):
        if not free(*m.span()) or not published:
            continue
        word = (m.group("word") or "").lower()
        if word:
            delta = {"today": 0, "yesterday": -1, "tomorrow": 1}[word]
            add(DateHit(m.start(), m.end(), (published + dt.timedelta(days=delta)).isoformat(), "day", True))
            continue
        rel, unit = m.group("rel").lower(), m.group("unit").lower()
        shift = {"last": -1, "this": 0, "next": 1}[rel]
        if unit == "year":
            add(DateHit(m.start(), m.end(), f"{published.year + shift:04d}", "year", True))
        elif unit == "month":
            y, mo = divmod(published.year * 12 + published.month - 1 + shift, 12)
            add(DateHit(m.start(), m.end(), f"{y:04d}-{mo + 1:02d}", "month", True))
    hits.sort(key=lambda h: h.start)
    return hits


def shift_back(published: dt.date, amount: float, unit: str) -> Optional[str]:
    """The date ``amount`` units before ``published`` ("three months ago"), at that grain."""
    try:
        if unit in ("day", "week"):
            d = published - dt.timedelta(days=amount * (7 if unit == "week" else 1))
            return d.isoformat()
        if unit == "month":
            y, m = divmod(published.year * 12 + published.month - 1 - round(amount), 12)
            return f"{y:04d}-{m + 1:02d}"
        if unit in ("year", "decade"):
            return f"{published.year - round(amount * (10 if unit == 'decade' else 1)):04d}"
    except (OverflowError, ValueError):
        return None
    return None


def find_times(text: str, start: int = 0, end: Optional[int] = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    return [m.span() for m in _TIME_RE.finditer(text, start, end)]


def find_phones(text: str, start: int = 0, end: Optional[int] = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    return [m.span() for m in _PHONE_RE.finditer(text, start, end)]


def parse_published(line: str) -> Optional[dt.date]:
    """A full calendar date in a dateline ("Wednesday 23 December 2015 07:19 EST")."""
    for hit in find_dates(line):
        if hit.grain == "day" and hit.iso and len(hit.iso) == 10 and not hit.relative:
            return dt.date.fromisoformat(hit.iso)
    return None
