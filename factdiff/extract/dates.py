"""Calendar dates, relative dates, holidays, clock times and phone numbers.

Dates are found before numbers so that "30 September" or "March 2011" never become counts,
and clock times ("07:19") or phone numbers never become quantities.

The date grammar reads tokens left to right and keeps the longest date that starts at each
token. It knows absolute dates in words and digits ("23 December 2015", "the first of
march", "april twenty-seventh", "2015-3-3", "31/Oct/1974", "4/22" after a date cue), month
and year grains ("March 2011", "early March", "in 2014"), and relative dates resolved against
the reference date (the article's publication date): "yesterday", "on Friday", "next week
Wednesday", "the 15th", "3 days ago", "in 3 days" (with a future cue), "a week from today",
"2 weeks before May 13 1999", "the third Tuesday of September", holidays
(``lexicons/holidays.toml``). Ranges ("July 13-15", "from 13 to 15 July") give a date for
each end.

Underspecified dates are resolved by a convention, ``prefer``:

* ``"past"`` (news, the default): a bare weekday is the most recent one (today included);
  a day of the month ("the 15th") the most recent such day; a date without a year
  ("30 September", "Christmas") falls in the reference year unless that is more than 60 days
  ahead, then in the year before; a month without a year likewise.
* ``"future"`` (schedules, assistants): the next one (a weekday: strictly after today).

The convention is only the default: the tense of the clause a date stands in decides first
(``clause_tense``). "The museum will reopen on Monday" is the next Monday in news too, "the
museum closed on Friday" the last Friday in a schedule.

Both conventions agree on "this Friday" (the Friday of the current Monday-to-Sunday week),
"next Friday" (the Friday of next week) and "last Friday" (the Friday of last week).
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Optional

import regex

from .. import lexicon
from . import holidays as hol
from .numbers import read_number, read_ordinal_word, tables as number_tables
from .gate import rule
from .text import Token, tokenize
from .units import match_unit

MONTHS = {**{name: n for n, name in enumerate(lexicon.MONTHS, 1)},
          **{name[:3]: n for n, name in enumerate(lexicon.MONTHS, 1)}, "sept": 9}
WEEKDAY_NAMES = tuple(day.capitalize() for day in lexicon.WEEKDAYS)
WEEKDAYS = {day: n for n, day in enumerate(lexicon.WEEKDAYS)}
_WD_ABBR = {**{day: n for n, day in enumerate(lexicon.WEEKDAY_ABBREVIATIONS)},
            "tues": 1, "weds": 2, "thur": 3, "thurs": 3}
_WEAK_WD = frozenset({"mon", "wed", "sat", "sun"})  # English words too: a weekday only with a cue
_MONTH_ABBR = frozenset(lexicon.MONTH_ABBREVIATIONS)
_AMBIGUOUS_MONTHS = frozenset({"may", "march"})  # verbs when written in lower case
_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
_WEEK_MODS = {"this": "this", "current": "this", "next": "next", "coming": "next", "following": "next",
              "last": "last", "previous": "last", "past": "last", "prior": "last"}
_DAY_MODS = {"this": "this", "next": "next", "following": "next", "last": "last", "previous": "last",
             "past": "past", "coming": "coming", "upcoming": "coming"}
_REL_WORDS = {"today": 0, "tonight": 0, "tomorrow": 1, "tomorow": 1, "tmrw": 1, "tmr": 1, "yesterday": -1}
_TIME_UNITS = {"day": ("day", 1), "days": ("day", 1), "week": ("day", 7), "weeks": ("day", 7),
               "wk": ("day", 7), "wks": ("day", 7), "fortnight": ("day", 14), "fortnights": ("day", 14),
               "month": ("month", 1), "months": ("month", 1), "mo": ("month", 1), "mos": ("month", 1),
               "year": ("month", 12), "years": ("month", 12), "yr": ("month", 12), "yrs": ("month", 12),
               "decade": ("month", 120), "decades": ("month", 120)}
# Words that make a following "4/22", "4-22", "4.22" or "the 27" a date.
_CUES = frozenset({"on", "since", "until", "till", "til", "by", "before", "after", "this", "next", "last",
                   "due", "dated", "for", "from"})
# Words that say an "in 3 days" lies ahead of the reference date, not that something took 3 days.
_FUTURE_CUES = frozenset({"will", "shall", "going", "gonna", "due", "expected", "expects", "scheduled",
                          "sometime", "should", "plan", "plans", "planned", "aims", "hopes", "set", "back"})
_END_WORDS = frozenset({"at", "and", "or", "but", "with", "to", "in", "for", "when", "please", "then"})
_MAX_AHEAD = 60  # days: "30 September" read in July is this year's, read in January last year's

_YEAR_RE = regex.compile(
    r"(?:(?<=\b(?i:(?:spring|summer|autumn|fall|winter|end|start|beginning|middle|half|quarter|months?|class)\s+of)\s)"
    r"|(?:(?<=\b(?i:in|since|by|until|till|from|during|before|after|through|early|late|mid|"
    r"end|start|spring|summer|autumn|fall|winter|year|fiscal|FY|the|to|and|or|for)[\s-]))"
    r"|(?<=^)|(?<=[(,]\s?))(?P<y>1[89]\d\d|20\d\d)(?=\b)(?!\s*(?:%|percent|per\s*cent))(?![.,]\d)"
)
_DIGIT_RE = regex.compile(r"\d")  # years, clock times and phone numbers all hold one
_MONTH_DOT_DAY_RE = regex.compile(r"\d{1,2}\.\d{1,2}")
_DOTTED_RE = regex.compile(r"(\d{1,4})\.(\d{1,2})\.(\d{2}|\d{4})")
_TIME_RE = regex.compile(
    r"\b(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*[ap]\.?\s?m\b\.?)?(?:\s*(?:[A-Z]{2,4}T|GMT|UTC|EST|EDT|PST|PDT|CST|CDT|BST|CET|MSK))?"
    r"|\b(?:1[0-2]|0?[1-9])(?:\.[0-5]\d)?\s*[ap]\.?m\b\.?|\b(?:1[0-2]|0?[1-9])\s+o['’]clock\b",
    regex.IGNORECASE,
)
# What each branch of _TIME_RE holds: a digit, a colon and two digits ("07:19"), a digit before
# "am"/"pm" ("7 p.m.", "11.30am"), a digit before "o'" ("o'clock"); the same flags, so that
# case-folding is the same. Not a colon alone: "said: 2015" would be scanned.
_TIME_CUE_RE = regex.compile(r"\d(?::[0-5]\d|(?:\.[0-5]\d)?\s*[ap]\.?m|\s+o['’])", regex.IGNORECASE)
_PHONE_RE = regex.compile(
    r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b|\+\d{1,3}(?:[\s-]\d{2,4}){2,4}\b"
)
# What each branch of _PHONE_RE holds: three digits, a separator and four digits, or a plus
# before a digit. A sentence with a figure seldom has one.
_PHONE_CUE_RE = regex.compile(r"\+\d|\d{3}[\s.-]\d{4}")


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    iso: Optional[str]  # None when relative and no reference date
    grain: str  # day | month | year
    relative: bool = False
    offset: bool = False  # an amount of time counted from a date ("3 days ago"): its figure stays a duration

    # written out for the compiled build, as Mention.__init__ is (tests/test_fast_paths.py checks it)
    def __init__(self, start: int, end: int, iso: Optional[str], grain: str, relative: bool = False,
                 offset: bool = False) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "iso", iso)
        object.__setattr__(self, "grain", grain)
        object.__setattr__(self, "relative", relative)
        object.__setattr__(self, "offset", offset)


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


def _date(y: int, m: int, d: int) -> Optional[dt.date]:
    try:
        return dt.date(y, m, d)
    except (ValueError, OverflowError):
        return None


# --- resolving underspecified dates ---------------------------------------------------------

class _Ref:
    """The reference date and the convention. ``future``: which way an underspecified date
    goes; inside a sentence (``at``) the tense of the clause the date stands in decides, and
    the convention only where the clause says nothing ("the museum will reopen on Monday" is
    the next Monday in news too). Read lazily: most dates are fully specified."""
    __slots__ = ("date", "prefer_future", "offsets", "toks", "i", "_future")

    def __init__(self, date: Optional[dt.date], prefer: str):
        self.date = date
        self.prefer_future = prefer == "future"
        self.offsets = True  # False: the sentence has no word of _OFFSET_WORDS (no offset)
        self.toks: Optional[list] = None
        self.i = 0
        self._future: Optional[bool] = self.prefer_future

    def at(self, toks: list, i: int) -> None:
        """The date to resolve starts at token ``i`` of ``toks``."""
        self.toks, self.i, self._future = toks, i, None

    @property
    def future(self) -> bool:
        if self._future is None:
            tense = clause_tense(self.toks, self.i)
            self._future = self.prefer_future if tense is None else tense == "future"
        return self._future


# The tense of a clause, read from its words. A future word (or a past mark) nearest the date
# decides; the words that end a clause stop the search.
_FUTURE_TENSE = frozenset({"will", "shall", "gonna", "scheduled", "due", "expected", "upcoming",
                           "slated", "poised", "plans", "planned", "intends", "aims"})
_FUTURE_BEFORE_TO = frozenset({"going", "set", "is", "are", "expected", "due", "scheduled"})  # "is set to", "is to"
_PAST_TENSE = frozenset({"was", "were", "had", "did", "ago", "said", "told", "took", "began", "came", "went",
                         "met", "held", "made", "gave", "saw", "won", "lost", "fell", "rose", "earlier",
                         "previously", "yesterday"})
_NOT_PAST = frozenset({"hundred", "united", "indeed", "naked", "wicked", "sacred", "kindred", "beloved"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "this", "that", "our", "my", "your"})
_PARTICIPLE_AUX = frozenset({"be", "been", "being", "have", "has", "is", "are", "am", "get", "gets", "getting"})
_CLAUSE_ENDS = frozenset({".", ";", "!", "?", ":", "that", "which", "who", "whom", "whose", "when", "while",
                          "because", "although", "though", "whereas", "but", "if", "unless", "“", "”", "\"",
                          "(", ")", "—", "–"})
_TENSE_REACH = 14  # tokens either side


def clause_tense(toks: Optional[list], i: int) -> Optional[str]:
    """"future", "past" or None (nothing said) for a date at token ``i``: the nearest tense word
    before it in its clause ("will reopen on Monday", "closed on Monday"), else after it
    ("On Monday, the museum will reopen"). A past participle after "be" or "have" ("will be
    completed on Friday") marks no tense; a future word after a past one ("was expected to")
    is the past's."""
    if toks is None:
        return None
    for k in range(i - 1, max(-1, i - 1 - _TENSE_REACH), -1):
        got = _tense_word(toks, k)
        if got == "end":
            break
        if got is not None:
            return got
    for k in range(i + 1, min(len(toks), i + 1 + _TENSE_REACH)):
        if toks[k].lower == "ago":
            continue  # "Thanksgiving 1 year ago": the date's own words, read by the offset rule
        got = _tense_word(toks, k)
        if got == "end":
            break
        if got is not None:
            return got
    return None


def _tense_word(toks: list, k: int) -> Optional[str]:
    w = toks[k].lower
    if w in _CLAUSE_ENDS:
        return "end"
    prev = toks[k - 1].lower if k > 0 else ""
    if w in _FUTURE_TENSE or w.endswith(("'ll", "’ll")) or \
            (w == "to" and prev in _FUTURE_BEFORE_TO and k + 1 < len(toks) and toks[k + 1].is_word
             and toks[k + 1].lower not in _DETERMINERS):
        if prev in ("was", "were", "had") or (w == "to" and k > 1 and toks[k - 2].lower in ("was", "were")):
            return "past"  # "was expected to", "was set to": what was to happen then
        return "future"
    if w in ("was", "were", "had", "did", "ago", "yesterday"):
        return "past"
    if (w in _PAST_TENSE or (len(w) > 4 and w.endswith("ed") and not w.endswith("eed") and toks[k].is_word
                             and w not in _NOT_PAST)) and prev not in _PARTICIPLE_AUX:
        return "past"
    return None


def _month_day(m: int, d: int, ref: _Ref, wd: Optional[int] = None) -> Optional[dt.date]:
    """A day of the year without its year, by the convention (and the weekday, if given)."""
    r = ref.date
    assert r is not None  # the resolvers run only with a reference date
    if ref.future:
        years = range(r.year, r.year + 12)
    else:
        first = _date(r.year, m, d)
        base = r.year if first is None or (first - r).days <= _MAX_AHEAD else r.year - 1
        years = range(base, base - 12, -1)
    for y in years:
        x = _date(y, m, d)
        if x is None or (ref.future and x < r) or (wd is not None and x.weekday() != wd):
            continue
        return x
    return None


def _month_year(m: int, ref: _Ref) -> int:
    r = ref.date
    assert r is not None
    if ref.future:
        return r.year if m >= r.month else r.year + 1
    return r.year if (dt.date(r.year, m, 1) - r).days <= _MAX_AHEAD else r.year - 1


def _weekday(wd: int, ref: _Ref, mode: str) -> dt.date:
    r = ref.date
    assert r is not None
    monday = r - dt.timedelta(days=r.weekday())
    if mode == "this":
        return monday + dt.timedelta(days=wd)
    if mode == "next":
        return monday + dt.timedelta(days=7 + wd)
    if mode == "last":
        return monday + dt.timedelta(days=wd - 7)
    if mode == "past":
        return r - dt.timedelta(days=(r.weekday() - wd - 1) % 7 + 1)
    if mode == "coming":
        return r + dt.timedelta(days=(wd - r.weekday() - 1) % 7 + 1)
    if mode == "after_next":
        return r + dt.timedelta(days=(wd - r.weekday() - 1) % 7 + 8)
    if ref.future:
        return r + dt.timedelta(days=(wd - r.weekday() - 1) % 7 + 1)
    return r - dt.timedelta(days=(r.weekday() - wd) % 7)


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    y2, m2 = divmod(y * 12 + m - 1 + k, 12)
    return y2, m2 + 1


def _day_of_month(d: int, ref: _Ref, wd: Optional[int] = None) -> Optional[dt.date]:
    """"the 27th" (and "Friday the 13th"): this month's if it fits, else the nearest month's
    in the direction of the convention."""
    r = ref.date
    assert r is not None
    x = _date(r.year, r.month, d)
    if x is not None and (wd is None or x.weekday() == wd) and \
            (wd is not None or (x >= r if ref.future else x <= r)):
        return x
    step = 1 if ref.future else -1
    for k in range(1, 48):
        y, m = _add_months(r.year, r.month, step * k)
        x = _date(y, m, d)
        if x is not None and (wd is None or x.weekday() == wd):
            return x
    return None


def shift(d: dt.date, months: int = 0, days: int = 0, business: bool = False) -> Optional[dt.date]:
    try:
        if months:
            y, m = _add_months(d.year, d.month, months)
            last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
            d = dt.date(y, m, min(d.day, last))
        if business:
            step = 1 if days > 0 else -1
            for _ in range(abs(days)):
                d += dt.timedelta(days=step)
                while d.weekday() > 4:
                    d += dt.timedelta(days=step)
            return d
        return d + dt.timedelta(days=days)
    except (OverflowError, ValueError):
        return None


# --- the parse of one date expression ----------------------------------------------------------

@dataclass
class _P:
    i: int
    j: int
    grain: str = "day"
    date: Optional[dt.date] = None
    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None
    relative: bool = False
    offset: bool = False
    more: tuple = ()
    yearless: bool = False
    weekday: Optional[int] = None  # a bare weekday with no reference date to place it

    # written out for the compiled build, as Mention.__init__ is (tests/test_fast_paths.py checks it)
    def __init__(self, i: int, j: int, grain: str = "day", date: Optional[dt.date] = None, year: Optional[int] = None,
                 month: Optional[int] = None, day: Optional[int] = None, relative: bool = False, offset: bool = False,
                 more: tuple = (), yearless: bool = False, weekday: Optional[int] = None) -> None:
        self.i = i
        self.j = j
        self.grain = grain
        self.date = date
        self.year = year
        self.month = month
        self.day = day
        self.relative = relative
        self.offset = offset
        self.more = more
        self.yearless = yearless
        self.weekday = weekday


    def iso(self) -> Optional[str]:
        if self.date is not None:
            if self.grain == "month":
                return f"{self.date.year:04d}-{self.date.month:02d}"
            if self.grain == "year":
                return f"{self.date.year:04d}"
            return self.date.isoformat()
        if self.weekday is not None:
            return WEEKDAY_NAMES[self.weekday]
        if self.grain == "day":
            return _iso(self.year, self.month, self.day) if self.month and self.day and not self.relative else None
        if self.grain == "month" and self.month:
            if self.year:
                return _iso(self.year, self.month, None)
            return None if self.relative else f"--{self.month:02d}"
        if self.grain == "year" and self.year:
            return f"{self.year:04d}"
        return None


def _w(toks: list[Token], k: int) -> str:
    return toks[k].lower if 0 <= k < len(toks) else ""


def _glued(toks: list[Token], k: int) -> bool:
    """Token ``k`` follows token ``k - 1`` with no space."""
    return 0 < k < len(toks) and toks[k - 1].end == toks[k].start


def _read_month(toks: list[Token], k: int) -> Optional[tuple[int, int, bool]]:
    """(month, next index, ambiguous): "March", "sept.", "may" (ambiguous in lower case)."""
    if k >= len(toks):
        return None
    t = toks[k]
    w = t.lower
    if w not in MONTHS:
        return None
    j = k + 1
    if w in _MONTH_ABBR and j < len(toks) and toks[j].text == "." and _glued(toks, j):
        j += 1
    return MONTHS[w], j, t.text[0].islower() and w in _AMBIGUOUS_MONTHS


def _read_weekday(toks: list[Token], k: int) -> Optional[tuple[int, int, bool, bool]]:
    """(weekday, next index, plural, weak): "Friday", "friday's", "fridays", "Thu.", "sun"."""
    if k >= len(toks):
        return None
    w = toks[k].lower
    plural = weak = False
    if w in WEEKDAYS:
        wd = WEEKDAYS[w]
    elif w.endswith(("'s", "’s")) and w[:-2] in WEEKDAYS:
        wd = WEEKDAYS[w[:-2]]
    elif w.endswith("s") and w[:-1] in WEEKDAYS:
        wd, plural = WEEKDAYS[w[:-1]], True
    elif w in _WD_ABBR:
        wd, weak = _WD_ABBR[w], w in _WEAK_WD
    else:
        return None
    j = k + 1
    if w in _WD_ABBR and j < len(toks) and toks[j].text == "." and _glued(toks, j):
        j += 1
    return wd, j, plural, weak


def _read_day(toks: list[Token], k: int) -> Optional[tuple[int, int, str]]:
    """(day, next index, form): form "suffix" ("21st", "twenty-first"), "digit" ("21") or
    "word" ("twenty one")."""
    if k >= len(toks):
        return None
    t = toks[k]
    if t.is_digit:
        if not t.text.isdecimal() or len(t.text) > 2:
            return None
        d = int(t.text)
        if not 1 <= d <= 31:
            return None
        j = k + 1
        if j < len(toks) and _glued(toks, j) and toks[j].lower in _SUFFIXES:
            return d, j + 1, "suffix"
        if j < len(toks) and _glued(toks, j) and (toks[j].is_digit or toks[j].text in ("%", ":")):
            return None
        return d, j, "digit"
    if not t.is_word or t.lower not in _day_words():
        return None
    o = read_ordinal_word(toks, k)
    if o is not None and 1 <= o.low <= 31 and o.low == int(o.low):
        return int(o.low), o.j, "suffix"
    num = read_number(toks, k)
    if num is not None and not (num.vague or num.fraction or num.ordinal) and num.low == num.high \
            and 1 <= num.low <= 31 and num.low == int(num.low):
        return int(num.low), num.j, "word"
    return None


@functools.lru_cache(maxsize=None)
def _day_words() -> frozenset:
    n = lexicon.load("numbers")
    return frozenset(n["units"]) | frozenset(n["tens"]) | frozenset(n["ordinals"])


def _read_year(toks: list[Token], k: int) -> Optional[tuple[int, int]]:
    """(year, next index): "2015", "1391", "nineteen seventy eight", "two thousand ten"."""
    if k >= len(toks):
        return None
    t = toks[k]
    if t.is_digit:
        if t.text.isdecimal() and len(t.text) == 4 and 1000 <= int(t.text) <= 2999 and \
                not (k + 1 < len(toks) and _glued(toks, k + 1) and (toks[k + 1].is_digit or toks[k + 1].text == "%")):
            return int(t.text), k + 1
        return None
    if t.is_word and t.lower in _year_words():
        num = read_number(toks, k)
        if num is not None and num.words and not num.vague and num.low == num.high and \
                1000 <= num.low < 2200 and num.low == int(num.low):
            return int(num.low), num.j
    return None


@functools.lru_cache(maxsize=None)
def _year_words() -> frozenset:
    n = lexicon.load("numbers")
    return frozenset(n["units"]) | frozenset(n["tens"])


def _year_part(toks: list[Token], j: int) -> Optional[tuple[int, int]]:
    """", 2015", " 2015", " of 2015", " in 2015" after a day and month."""
    k = j
    if _w(toks, k) in (",", "of", "in"):
        k += 1
    return _read_year(toks, k)


def _the_day_ok(toks: list[Token], i: int, j: int, form: str) -> bool:
    """A day of the month standing alone ("on the 15th", "for the 27!") is a date only after
    a cue and before the end of the phrase ("the second time" is no date)."""
    prev = _w(toks, i - 1)
    the = _w(toks, i) == "the"
    if prev not in _CUES and prev not in (",", "(", "-", "–") and not (prev == "" and the):
        return False
    if form == "word":
        return False
    nxt = toks[j] if j < len(toks) else None
    if nxt is not None and nxt.lower in _ORDINAL_LINKS and _ranks_of_a_noun(toks, j):
        return False
    return nxt is None or (not nxt.is_word and not nxt.is_digit and
                           (nxt.text not in ("-", "/") or not _glued(toks, j))) or nxt.lower in _END_WORDS


_ORDINAL_LINKS = frozenset({"and", "or", ",", "to", "through"})


def _ranks_of_a_noun(toks: list[Token], j: int) -> bool:
    """"the 22nd and 23rd floors", "the third, fourth and fifth rounds": ordinals joined before
    the noun they rank are no days of the month (as "the 22nd floor" is none)."""
    while j < len(toks) and toks[j].lower in _ORDINAL_LINKS:
        day = _read_day(toks, j + 1)
        if day is None or day[2] != "suffix":
            return False
        j = day[1]
    nxt = toks[j] if j < len(toks) else None
    return nxt is not None and nxt.is_word and nxt.text.islower() and nxt.lower not in _END_WORDS \
        and nxt.lower != "of"


# --- the rules --------------------------------------------------------------------------------

def _ymd(i: int, j: int, year: Optional[int], month: int, day: int, ref: _Ref,
         wd: Optional[int] = None) -> Optional[_P]:
    """The day read from tokens ``i`` to ``j``; without a year, placed by the convention (and
    the weekday ``wd``, if given). None when the calendar has no such day."""
    p = _P(i, j, year=year, month=month, day=day)
    if year is not None:
        p.date = _date(year, month, day)
        return p if p.date is not None else None
    if _date(2000, month, day) is None:
        return None
    p.yearless = True
    if ref.date is not None:
        p.date = _month_day(month, day, ref, wd)
        p.relative = True
    return p


# Words before a figure that make it anything but a date ("$ 12", "version 2.1", "no. 4").
_NOT_DATE_AFTER = frozenset({"$", "€", "£", "version", "v", "ver", "release", "no", "number"})
_DATE_SEPARATORS = frozenset({"-", "/", ".", "–"})


def _r_numeric(toks: list[Token], i: int, ref: _Ref, cue: bool) -> Optional[_P]:
    """Dates in figures: one token ("10.31.1974", "20150513", "4.22" after a cue), figures
    apart ("2016 10 16") or with a separator ("2015-3-3", "31/Oct/1974", "10/31/74", "4/22")."""
    prev = _w(toks, i - 1)
    if prev in _NOT_DATE_AFTER or (i > 0 and _glued(toks, i) and toks[i - 1].is_word) or _in_code(toks, i, prev):
        return None
    cue = cue or prev in _CUES or prev == "(" or _read_weekday(toks, i - 1) is not None
    text = toks[i].text
    dotted = _DOTTED_RE.fullmatch(text)
    if dotted:
        return _r_dotted(dotted, i, ref)
    if text.isdecimal() and len(text) == 8 and text[:2] in ("19", "20"):
        return _r_compact(text, i, ref)
    if _MONTH_DOT_DAY_RE.fullmatch(text) and cue and prev not in ("for", "from"):
        return _r_month_dot_day(toks, i, ref)
    if not text.isdecimal() or len(text) > 4 or i + 2 >= len(toks):
        return None
    if toks[i + 1].text not in _DATE_SEPARATORS:
        return _r_figures_apart(toks, i, ref)
    return _r_separated(toks, i, ref, cue)


def _in_code(toks: list[Token], i: int, prev: str) -> bool:
    """"133-03-03-2020": the figure at ``i`` continues a code of figures and separators."""
    return i > 1 and prev in ("-", "/", ".") and _glued(toks, i) and toks[i - 2].is_digit and _glued(toks, i - 1)


def _r_dotted(m: regex.Match, i: int, ref: _Ref) -> Optional[_P]:
    """"10.31.1974", "13.5.2015", "2015.5.13": one token, the year first or last; the month is
    whichever of the others can be one (the first when both can)."""
    a, b, c = m.group(1), m.group(2), m.group(3)
    if len(a) == 4:
        return _ymd(i, i + 1, int(a), int(b), int(c), ref)
    x, z = int(a), int(b)
    mo, d = (x, z) if x <= 12 and z > 12 else (z, x)
    return _ymd(i, i + 1, _year_figures(c), mo, d, ref)


def _r_compact(text: str, i: int, ref: _Ref) -> Optional[_P]:
    """"20150513": eight figures, year, month and day."""
    month = int(text[4:6])
    return _ymd(i, i + 1, int(text[:4]), month, int(text[6:]), ref) if 1 <= month <= 12 else None


def _r_month_dot_day(toks: list[Token], i: int, ref: _Ref) -> Optional[_P]:
    """"4.22" (after a cue): month and day, unless a unit follows ("4.22%", "4.22 million",
    "(3.1 miles)")."""
    mo, d = (int(x) for x in toks[i].text.split("."))
    k = i + 1
    if 1 <= mo <= 12 and not (k < len(toks) and (toks[k].text in ("%", "-") or match_amount_unit(toks, k)
                                                 or match_unit(toks, k, glued=_glued(toks, k)) is not None)):
        return _ymd(i, k, None, mo, d, ref)
    return None


def _r_figures_apart(toks: list[Token], i: int, ref: _Ref) -> Optional[_P]:
    """"2016 10 16": a year, then its month and day in two figures each, one space apart."""
    year, mo, d = toks[i], toks[i + 1], toks[i + 2]
    if len(year.text) == 4 and all(t.is_digit and len(t.text) == 2 and t.text.isdecimal() and t.pre == " "
                                   for t in (mo, d)):
        return _ymd(i, i + 3, int(year.text), int(mo.text), int(d.text), ref)
    return None


def _r_separated(toks: list[Token], i: int, ref: _Ref, cue: bool) -> Optional[_P]:
    """Two or three parts with one separator, spaced alike around each: "2015-3-3",
    "31/Oct/1974", "1-jan", "10/31/74", "4/22"."""
    n = len(toks)
    sep = toks[i + 1].text
    spaced = not _glued(toks, i + 1)
    if spaced != (not _glued(toks, i + 2)):
        return None
    b = toks[i + 2]
    k = i + 3  # after the second part
    third = None
    if k + 1 < n and toks[k].text == sep and (_glued(toks, k) != spaced) and (_glued(toks, k + 1) != spaced):
        third = toks[k + 1]
    month = MONTHS.get(b.lower) if b.is_word else None
    if len(toks[i].text) == 4:
        return _r_year_first(i, k, int(toks[i].text), b, month, third, ref)
    if month:
        return _r_day_month_name(i, k, int(toks[i].text), month, third, ref)
    if not b.text.isdecimal() or len(b.text) > 2:
        return None
    year = _year_figures(third.text) if third is not None else None
    if year is not None and not (k + 2 < n and _glued(toks, k + 2) and toks[k + 2].is_digit):
        x, z = int(toks[i].text), int(b.text)
        mo, d = (x, z) if x <= 12 else (z, x)
        return _ymd(i, k + 2, year, mo, d, ref)
    if third is not None or len(toks[i].text) > 2:
        return None
    return _r_month_slash_day(toks, i, ref, cue)


def _year_figures(text: str) -> Optional[int]:
    """A year in four figures, or in two ("74": 1974, "15": 2015); None for any other text."""
    if not text.isdecimal() or len(text) not in (2, 4):
        return None
    return int(text) if len(text) == 4 else _two_digit_year(int(text))


def _r_year_first(i: int, k: int, year: int, b: Token, month: Optional[int], third: Optional[Token],
                  ref: _Ref) -> Optional[_P]:
    """"2015-3-3", "2015-Mar-3", "2015-3-Mar": the year, then month and day in either order."""
    if third is None:
        return None
    if month and third.text.isdecimal():
        mo, d = month, int(third.text)
    elif b.text.isdecimal() and third.lower in MONTHS:
        mo, d = MONTHS[third.lower], int(b.text)
    elif b.text.isdecimal() and third.text.isdecimal() and len(third.text) <= 2:
        mo, d = int(b.text), int(third.text)
    else:
        return None
    return _ymd(i, k + 2, year, mo, d, ref)


def _r_day_month_name(i: int, k: int, day: int, month: int, third: Optional[Token], ref: _Ref) -> Optional[_P]:
    """"31/Oct/1974", "1-jan": a day, the month's name, perhaps a year."""
    year = _year_figures(third.text) if third is not None else None
    if year is not None:
        return _ymd(i, k + 2, year, month, day, ref)
    if 1 <= day <= 31:
        return _ymd(i, k, None, month, day, ref)
    return None


def _r_month_slash_day(toks: list[Token], i: int, ref: _Ref, cue: bool) -> Optional[_P]:
    """"4/22", "4-22" without a year: only after a cue, or with a slash and a day past 12."""
    n = len(toks)
    k = i + 3
    sep, prev = toks[i + 1].text, _w(toks, i - 1)
    x, z = int(toks[i].text), int(toks[i + 2].text)
    if not (1 <= x <= 12 and 1 <= z <= 31):
        return None
    if k < n and (toks[k].text in ("%", "-", "/", ":") or (_glued(toks, k) and toks[k].is_word) or
                  (toks[k].is_word and toks[k].lower not in _END_WORDS and _read_weekday(toks, k) is None)):
        return None  # "on 10-20 farms": a range of a count
    if sep == "/" and not cue and (z <= 12 or (k < n and toks[k].is_word and toks[k].lower not in _END_WORDS)):
        return None
    if sep != "/" and (not cue or prev == "from"):
        return None
    return _ymd(i, k, None, x, z, ref)


def match_amount_unit(toks: list[Token], k: int) -> bool:
    """A percent or a scale after the number ("4.22 percent", "(1.2 trillion)", "(1.5k)",
    "(1.2M)"): the number is an amount, not a month and day."""
    if k >= len(toks) or not toks[k].is_word:
        return False
    tok = toks[k]
    n = number_tables()[0]
    if tok.lower in ("percent", "per", "pct", "dozen") or tok.lower in n["scales"]:
        return True
    return _glued(toks, k) and tok.text in n["scale_suffixes"]


def _two_digit_year(yy: int) -> int:
    return 2000 + yy if yy < 30 else 1900 + yy


_RANGE_WORDS = frozenset({"-", "–", "to", "through", "thru", "till", "until"})


def _range_end(toks: list[Token], j: int, d: int, the: bool = False) -> Optional[tuple[int, int, int]]:
    """The later day that ends a range begun by day ``d``, at ``j``: "-15", "to 15", "thru
    15th" ("to the 15th" when ``the``) -> (day, its first token, the token after it)."""
    if _w(toks, j) not in _RANGE_WORDS:
        return None
    m = j + 1
    if the and _w(toks, m) == "the":
        m += 1
    d2 = _read_day(toks, m)
    if d2 is None or d2[0] <= d or d2[2] == "word":
        return None
    return d2[0], m, d2[1]


def _r_day_month(toks: list[Token], i: int, ref: _Ref) -> Optional[_P]:
    """"23 December 2015", "the 1st of march", "second of march", "15th february", "4 of july",
    "14april 2015", "16. nov. 2016", "twenty five January nineteen eighty six", and ranges
    "from 13 to 15 July", "1-8 september"."""
    the = _w(toks, i) == "the"
    day = _read_day(toks, i + 1 if the else i)
    if day is None:
        return None
    d, j, form = day
    if the and form == "word":
        return None
    first_end = j
    end_day = _range_end(toks, j, d, the=True)  # "13 to 15 July", "the 13th to the 15th of July"
    if end_day is not None:
        if _read_month(toks, end_day[2] + (_w(toks, end_day[2]) == "of")) is None:
            end_day = None
        else:
            j = end_day[2]
    sep = _w(toks, j)
    month = _read_month(toks, _after_day(toks, j, form))
    if month is None:
        return None
    mo, j2, amb = month
    y = _year_part(toks, j2)
    if form == "word" and (sep in ("of", "-", "/", ".") or amb):
        return None
    if amb and form == "digit" and sep != "of" and not the and y is None:
        return None  # "Article 5 may apply"
    if y is None and end_day is None and j2 < len(toks) and toks[j2].is_digit and _read_day(toks, j2) is not None:
        return None  # "the 19 Sept. 11 hijackers", "$ 12 December 27": the number after is the day
    p = _ymd(i, y[1] if y is not None else j2, y[0] if y is not None else None, mo, d, ref)
    if p is not None and end_day is not None:
        _day_range(p, end_day[0], end_day[1], first_end, ref)
    return p


def _after_day(toks: list[Token], j: int, form: str) -> int:
    """Where the month may start after a day that ends at ``j``: past "-", "/", "." ("16. nov."),
    "of" ("the 1st of march") or "day of" ("the 15th day of March")."""
    sep = _w(toks, j)
    if sep in ("-", "/", ".") and j + 1 < len(toks):
        return j + 1
    if sep == "of" and form != "word":
        return j + 1
    if sep == "day" and form == "suffix" and _w(toks, j + 1) in ("of", "in"):
        return j + 2
    return j


def _day_range(p: _P, day: int, start: int, first_end: int, ref: _Ref) -> None:
    """Add to ``p`` (its day, month and year read) the day that ends its range, read from
    ``start``: "13 to 15 July" gives 13 July (ending at ``first_end``) and 15 July."""
    assert p.month is not None
    e = _ymd(start, p.j, p.year, p.month, day, ref)
    if e is not None and p.date is not None and e.date is not None and p.yearless:
        e.date = _date(p.date.year, p.month, day)
    p.more = (e,) if e is not None and (e.date is not None or p.date is None) else ()
    if p.more:
        p.j = first_end


def _r_month_day(toks: list[Token], i: int, ref: _Ref) -> Optional[_P]:
    """"December 23, 2015", "march 3rd 2015", "Oct-2", "Feb13", "may the eleventh",
    "jan twenty two, 2018", "July 13-15", "Jul 18, Fri", and "March 2011"."""
    month = _read_month(toks, i)
    if month is None:
        return None
    mo, j, amb = month
    day = _day_after_month(toks, i, j, amb)
    if day is None:
        y = _year_part(toks, j)
        if y is not None and not (amb and _w(toks, j) != " "):
            return _P(i, y[1], grain="month", year=y[0], month=mo)
        return None
    d, m, _ = day
    end = _range_end(toks, m, d)  # "July 13-15", "July 13 thru 15"
    y = _year_part(toks, end[2] if end else m)
    year = y[0] if y is not None else None
    wd, last = _weekday_after(toks, y[1] if y is not None else (end[2] if end else m))
    if year is None and wd is not None and ref.date is not None:
        return _ymd(i, last, None, mo, d, ref, wd)  # "Jul 18, Fri": the weekday picks the year
    p = _ymd(i, last if wd is not None else (y[1] if y is not None else m), year, mo, d, ref)
    if p is None or end is None:
        return p
    e = _ymd(end[1], end[2], p.date.year if p.date else p.year, mo, end[0], ref)
    if e is not None:
        p.more = (e,)
        p.j = m
    return p


def _day_after_month(toks: list[Token], i: int, j: int, amb: bool) -> Optional[tuple[int, int, str]]:
    """The day after the month read from ``i`` to ``j`` ("March 3rd", "Oct-2", "may the
    eleventh") as ``_read_day`` gives it; None where the figure is a year ("March 2011") or the
    month a verb ("they may 5 times")."""
    k = j
    if _w(toks, k) in ("-", "/") and _glued(toks, k):
        k += 1
    elif _w(toks, k) == ",":
        k += 1
    the = _w(toks, k) == "the"
    if the:
        k += 1
    day = _read_day(toks, k)
    if day is None:
        return None
    d, m, form = day
    if (_w(toks, j) == "," or the) and form != "suffix":
        return None
    if form == "digit" and _read_year(toks, k) is not None:
        return None
    prev = _w(toks, i - 1)
    if amb and form != "suffix" and _year_part(toks, m) is None and prev not in _CUES and \
            prev not in ("in", "of", "early", "mid", "late") and not (form == "word" and d > 12):
        return None
    return day


def _weekday_after(toks: list[Token], k: int) -> tuple[Optional[int], int]:
    """A weekday right after a date ending at ``k`` ("Jul 18, Fri") -> (weekday or None, the
    token after it or ``k``)."""
    w = _read_weekday(toks, k + 1 if _w(toks, k) == "," else k)
    if w is None or w[2]:
        return None, k
    return w[0], w[1]


def _r_month_alone(toks: list[Token], i: int, ref: _Ref) -> Optional[_P]:
    """"in March", "early March", "by the end of April", "next March": a month of the nearest
    year by the convention."""
    month = _read_month(toks, i)
    if month is None:
        return None
    mo, j, amb = month
    prev = _w(toks, i - 1)
    if prev not in ("in", "since", "by", "until", "till", "from", "during", "early", "late", "mid", "last",
                    "next", "this", "of", "before", "after", "through", "-") or toks[i].text[0].islower() \
            and not (prev in ("early", "mid", "late", "of", "last", "next", "this") or not amb):
        return None
    if prev == "-" and _w(toks, i - 2) != "mid":
        return None
    if amb and prev not in ("early", "mid", "late", "of", "in", "since", "until"):
        return None  # "This may take longer"
    if j < len(toks) and (toks[j].is_digit or toks[j].text in ("'s", "’s")):
        return None
    if prev == "of" and _w(toks, i - 2) not in ("end", "beginning", "start", "middle", "half", "month", "rest"):
        return None
    p = _P(i, j, grain="month", month=mo)
    if ref.date is not None:
        if prev in ("next", "last"):
            r = ref.date
            y = r.year + (1 if mo <= r.month else 0) if prev == "next" else r.year - (1 if mo >= r.month else 0)
        elif prev == "this":
            y = ref.date.year
        else:
            y = _month_year(mo, ref)
        p.date, p.relative = dt.date(y, mo, 1), True
    return p  # without a reference date: "--03", a March of some year


def _r_weekday(toks: list[Token], i: int, ref: _Ref) -> Optional[_P]:
    """"Friday", "on Friday", "this/next/last Friday", "next week Wednesday", "Friday of next
    week", "friday after next", "Friday the 13th", "Monday, Feb 18", "friday 7/6"."""
    mode, k = _weekday_lead(toks, i)
    wdr = _read_weekday(toks, k)
    if wdr is None:
        return None
    wd, j, plural, weak = wdr
    if plural or _w(toks, j) in ("mornings", "afternoons", "evenings", "nights"):
        return None  # "on Fridays", "Friday mornings": every week
    prev = _w(toks, i - 1)
    if prev in ("every", "each") or (mode is None and k == i and prev == "the"):
        return None
    mode, j, explicit = _weekday_tail(toks, j, ref, wd, mode)
    if weak and not _weak_weekday_ok(toks, i, j, k, mode, explicit is not None):
        return None
    if explicit is not None:
        p, consistent = explicit
        if consistent:
            p.i = i
            return p
        # "this friday june twenty three": two dates that do not agree; the weekday alone
    p = _P(i, j, relative=True)
    if ref.date is not None:
        p.date = _weekday(wd, ref, mode or "bare")
    elif mode in (None, "bare", "last", "this", "past"):
        p.weekday = wd  # no date to resolve it against: the weekday itself, compared as a weekday
    return p


def _weekday_lead(toks: list[Token], i: int) -> tuple[Optional[str], int]:
    """The words before a weekday that say which week it is in: "this coming", "the following",
    "next week (on)", "last", "around" -> (mode or None, where the weekday should be)."""
    w0, w1 = _w(toks, i), _w(toks, i + 1)
    if w0 == "this" and w1 in ("upcoming", "coming", "past"):
        return ("past" if w1 == "past" else "coming"), i + 2
    if w0 == "the" and w1 == "following":
        return "next", i + 2
    if w0 in _WEEK_MODS and w1 == "week":  # "next week Wednesday", "this week on saturday"
        return _WEEK_MODS[w0], i + 3 if _w(toks, i + 2) in ("on", ",") else i + 2
    if w0 in _DAY_MODS:
        return _DAY_MODS[w0], i + 1
    return None, i + 1 if w0 == "around" else i


def _weekday_tail(toks: list[Token], j: int, ref: _Ref, wd: int,
                  mode: Optional[str]) -> tuple[Optional[str], int, Optional[tuple[_P, bool]]]:
    """What follows a weekday ending at ``j``: "after next", "of next week", "next week", or an
    explicit date ("Monday, Feb 18", "Friday the 13th") -> (mode, end, the explicit date and
    whether it agrees with the weekday)."""
    if _w(toks, j) == "after" and _w(toks, j + 1) == "next" and mode is None:
        return "after_next", j + 2, None
    m = j + 1 if _w(toks, j) in ("of", "from", "on", ",") else j
    if _w(toks, m) in _WEEK_MODS and _w(toks, m + 1) == "week":
        return _WEEK_MODS[_w(toks, m)], m + 2, None
    if _w(toks, m) == "the" and _w(toks, m + 1) == "following" and _w(toks, m + 2) == "week":
        return "next", m + 3, None
    m = j + 1 if _w(toks, j) in (",", "(") else j
    return mode, j, _explicit_after_weekday(toks, m, ref, wd, mode)


def _weak_weekday_ok(toks: list[Token], i: int, j: int, k: int, mode: Optional[str], explicit: bool) -> bool:
    """Whether a weekday that is an English word too ("sun", "sat", "wed"), read from ``i`` (its
    own word at ``k``) to ``j``, is one: with a mode, a date after it or a cue before it, or
    standing alone, and in lower case only after a cue."""
    n = len(toks)
    prev = _w(toks, i - 1)
    if mode is None and not explicit:
        cue = prev in ("on", "by", "until", "till", "since", "before", "after", "from", "next", "last", "this")
        alone = i == 0 and (j >= n or (j == n - 1 and toks[j].text in (".", "!", "?")))
        if not (cue or alone):
            return False
    return not (not toks[k].text[0].isupper() and _w(toks, i) == toks[k].lower and i > 0 and prev not in _CUES
                and not explicit and not (i == 0 and j >= n - 1))


def _explicit_after_weekday(toks: list[Token], m: int, ref: _Ref, wd: int,
                            mode: Optional[str]) -> Optional[tuple[_P, bool]]:
    """The date written after a weekday, and whether the two agree (a year-less date takes the
    year in which they do)."""
    if m >= len(toks):
        return None
    t = toks[m]
    got = None
    if t.lower == "the" or t.is_digit or t.is_word:
        got = _r_month_day(toks, m, ref) or _r_day_month(toks, m, ref) or \
              (_r_numeric(toks, m, ref, cue=True) if t.is_digit else None)
    if got is None or got.grain != "day":
        # "Friday the 22nd", "Tue 13th"
        k = m + 1 if t.lower == "the" else m
        day = _read_day(toks, k)
        if day is None or (day[2] != "suffix" and t.lower != "the") or day[2] == "word":
            return None
        if _w(toks, day[1]) in ("of", "day") or _read_month(toks, day[1]) is not None:
            return None
        p = _P(m, day[1], relative=True)
        if ref.date is not None:
            p.date = _day_of_month(day[0], ref, wd)
        return p, True
    if _w(toks, got.j) == ")" and toks[m - 1].text == "(":
        got.j += 1
    if got.date is None:
        return got, True
    if got.date.weekday() == wd:
        return got, True
    return got, mode is None  # "friday 5/12" on a Sunday: the date is what was meant


_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1, "1st": 1, "2nd": 2,
        "3rd": 3, "4th": 4, "5th": 5}
_MONTH_SHIFT = {"this": 0, "next": 1, "last": -1}  # by the mode of _WEEK_MODS: "of next month"


def _r_nth(toks: list[Token], i: int, ref: _Ref, depth: int = 0) -> Optional[_P]:
    """"the third Tuesday of September 2014", "last Sunday of March", "first friday in this
    month", "second Sunday", "third tuesday after christmas 2014", "last day of october 2015",
    "third day of october"."""
    got = _read_nth(toks, i)
    if got is None:
        return None
    nth, k = got
    wdr = _read_weekday(toks, k)
    is_day = _w(toks, k) == "day"
    if wdr is None and not is_day:
        return None
    if wdr is not None and (wdr[2] or wdr[3]):
        return None
    j = wdr[1] if wdr else k + 1
    if wdr is not None and _w(toks, j) == "after" and nth > 0:
        return _nth_after(toks, i, j + 1, ref, depth, wdr[0], nth)  # "third tuesday after christmas 2014"
    month = _nth_month(toks, j, ref, is_day or nth == -1)
    if month is None:
        return None
    y, mo, rel, j = month
    p = _P(i, j, relative=rel)
    if y is None or mo is None:
        return p if rel else None
    if wdr is None:  # "the last day of", "the third day of"
        last = (dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.timedelta(days=1)).day
        p.date = _date(y, mo, last if nth == -1 else nth)
    else:
        p.date = hol.nth_weekday(y, mo, wdr[0], nth)
    return p if p.date is not None else None


def _read_nth(toks: list[Token], i: int) -> Optional[tuple[int, int]]:
    """"the third", "last", "2nd" -> (n, -1 for the last; the token after it)."""
    k = i + 1 if _w(toks, i) == "the" else i
    w = _w(toks, k)
    if w.isdecimal() and _w(toks, k + 1) in _SUFFIXES and _glued(toks, k + 1):
        w, k = w + _w(toks, k + 1), k + 1
    nth = _NTH.get(w)
    return None if nth is None else (nth, k + 1)


def _nth_after(toks: list[Token], i: int, k: int, ref: _Ref, depth: int, wd: int, nth: int) -> Optional[_P]:
    """The ``nth`` weekday ``wd`` after the day-grain date read at ``k`` (not inside another)."""
    anchor = _parse_at(toks, k, ref, depth=1) if depth == 0 else None
    if anchor is None or anchor.date is None or anchor.grain != "day":
        return None
    d = anchor.date + dt.timedelta(days=(wd - anchor.date.weekday() - 1) % 7 + 1 + 7 * (nth - 1))
    return _P(i, anchor.j, date=d, relative=anchor.relative)


def _nth_month(toks: list[Token], j: int, ref: _Ref,
               named: bool) -> Optional[tuple[Optional[int], Optional[int], bool, int]]:
    """The month an nth weekday or day counts in, after it at ``j``: "of September 2014", "in
    october", "of this month", "of the month", or none said (this month's: "second Sunday";
    not when ``named``, the month must be said) -> (year, month, relative, end); year and month
    None where only a reference date would give them."""
    if _w(toks, j) in ("of", "in"):
        month = _read_month(toks, j + 1)
        if month is not None:
            mo, j = month[0], month[1]
            yp = _year_part(toks, j)
            if yp is not None:
                return yp[0], mo, False, yp[1]
            return (_month_year(mo, ref) if ref.date is not None else None), mo, True, j
        words = _month_words(toks, j + 1)
        if words is None:
            return None
        shift_m, j = words
        if ref.date is None:
            return None, None, True, j
        y, mo = _add_months(ref.date.year, ref.date.month, shift_m)
        return y, mo, True, j
    if named:
        return None  # "the first day", "last Sunday" (last week's: another rule)
    if _w(toks, j) in ("in", "of", "straight", "running") or (j < len(toks) and toks[j].is_word and
                                                             toks[j].lower not in _END_WORDS):
        return None  # "the second Sunday in a row"
    if ref.date is None:
        return None, None, True, j
    return ref.date.year, ref.date.month, True, j


def _month_words(toks: list[Token], m: int) -> Optional[tuple[int, int]]:
    """"the month", "this month", "the next month" at ``m`` -> (months from the reference
    date's, the token after)."""
    w0, w1 = _w(toks, m), _w(toks, m + 1)
    if w0 == "the" and w1 == "month":
        return 0, m + 2
    if w0 in _WEEK_MODS and w1 == "month":
        return _MONTH_SHIFT[_WEEK_MODS[w0]], m + 2
    if w0 == "the" and w1 in _WEEK_MODS and _w(toks, m + 2) == "month":
        return _MONTH_SHIFT[_WEEK_MODS[w1]], m + 3
    return None


def _r_dom(toks: list[Token], i: int, ref: _Ref) -> Optional[_P]:
    """"on the 15th", "for the 27", "on 22nd", "the 20th of next month", "20 of the previous
    month", "the 15th day of next month"."""
    k = i + 1 if _w(toks, i) == "the" else i
    day = _read_day(toks, k)
    if day is None:
        return None
    d, j, form = day
    if form == "word":
        return None
    # "of next month", "day of the current month"
    m = j
    if _w(toks, m) == "day" and form == "suffix":
        m += 1
    if _w(toks, m) == "of":
        m += 1
        if _w(toks, m) == "the":
            m += 1
        mod = _WEEK_MODS.get(_w(toks, m))
        if mod is not None and _w(toks, m + 1) == "month":
            p = _P(i, m + 2, relative=True)
            if ref.date is not None:
                y, mo = _add_months(ref.date.year, ref.date.month, _MONTH_SHIFT[mod])
                p.date = _date(y, mo, d)
                if p.date is None:
                    return None
            return p
        return None
    if form == "digit" and k == i:
        return None
    if k == i and form == "suffix" and not toks[i].is_digit:
        return None  # "second", "first": only with "the"
    if not _the_day_ok(toks, i, j, form):
        return None
    p = _P(i, j, relative=True)
    if ref.date is not None:
        p.date = _day_of_month(d, ref)
    return p


def _r_relword(toks: list[Token], i: int, ref: _Ref) -> Optional[_P]:
    """"today", "tomorrow", "yesterday", "the day after tomorrow", "the day before yesterday"."""
    k = i
    extra = 0
    if _w(toks, k) == "the" and _w(toks, k + 1) == "day":
        k += 1
    if _w(toks, k) == "day" and _w(toks, k + 1) in ("after", "before") and _w(toks, k + 2) in _REL_WORDS:
        extra = 1 if _w(toks, k + 1) == "after" else -1
        k += 2
    if _w(toks, k) not in _REL_WORDS:
        return None
    if k == i and i > 1 and toks[i].text[0].isupper() and toks[i - 1].is_word and toks[i - 1].text[0].isupper():
        return None  # "USA Today", "Tucker Carlson Tonight": a name (its first word not the sentence's)
    p = _P(i, k + 1, relative=True)
    if ref.date is not None:
        p.date = ref.date + dt.timedelta(days=_REL_WORDS[_w(toks, k)] + extra)
    return p


def _read_amount(toks: list[Token], k: int) -> Optional[tuple[float, int]]:
    """How many units: "3", "three", "a", "a few", "few", "a couple of"."""
    w = _w(toks, k)
    if w in ("a", "an", "one") and _w(toks, k + 1) in _TIME_UNITS:
        return 1.0, k + 1
    if w == "a" and _w(toks, k + 1) in ("few", "couple"):
        w, k = _w(toks, k + 1), k + 1
    if w == "few":
        return 3.0, k + 1
    if w == "couple":
        return 2.0, k + 2 if _w(toks, k + 1) == "of" else k + 1
    if k >= len(toks) or not (toks[k].is_digit or toks[k].is_word):
        return None
    if toks[k].is_word and w not in _year_words():
        return None
    num = read_number(toks, k)
    if num is None or num.vague or num.ordinal or num.fraction or num.low != num.high or num.low < 0:
        return None
    return num.low, num.j


def _read_span(toks: list[Token], k: int) -> Optional[tuple[int, int, bool, int]]:
    """(months, days, business, next index) for "3 days", "1 month 21 days", "2 weeks and 2
    days", "four business days", "a fortnight"."""
    months = days = 0
    business = False
    got = False
    while True:
        am = _read_amount(toks, k)
        if am is None:
            break
        amount, m = am
        if _w(toks, m) in ("business", "working") and _w(toks, m + 1) in ("day", "days"):
            business, m = True, m + 1
        unit = _TIME_UNITS.get(_w(toks, m))
        if unit is None:
            break
        if unit[0] == "month":
            months += round(amount * unit[1])
        else:
            days += round(amount * unit[1])
        got = True
        k = m + 1
        if _w(toks, k) in ("and", ",") and _read_amount(toks, k + 1) is not None:
            k += 1
    if not got:
        return None
    return months, days, business, k


def _r_offset(toks: list[Token], i: int, ref: _Ref, depth: int, ahead: bool = False) -> Optional[_P]:
    """"3 days ago", "two weeks from now", "a week from today", "1 week hence", "in 3 days"
    (looking ahead), "two days after today", "2 weeks before May 13 1999", "three days after
    Easter", "three fridays from now", "next three days"."""
    if not _offset_near(toks, i):
        return None  # no unit of time (or weekday) near: no offset starts here
    lead_in = _w(toks, i) == "in"
    k = i + 1 if lead_in else i
    if _w(toks, k) in ("next", "coming") and not lead_in:
        return _r_next_span(toks, i, k + 1, ref)
    span = _read_span(toks, k)
    if span is None:
        return None if lead_in else _r_weekdays_from_now(toks, i, k, ref)
    months, days, business, m = span
    way = _offset_way(toks, i, m, ref, depth, lead_in, ahead)
    if way is None:
        return None
    sign, end, anchor = way
    p = _P(i, end, relative=True, offset=anchor is None)
    base = anchor.date if anchor is not None else ref.date
    if anchor is not None and not anchor.relative:
        p.relative = False
    if base is not None:
        p.date = shift(base, sign * months, sign * days, business)
    elif anchor is not None:
        p.relative = True
    return p


def _r_next_span(toks: list[Token], i: int, k: int, ref: _Ref) -> Optional[_P]:
    """"the next three days", "the coming week" (the span read at ``k``, no months): from
    tomorrow."""
    span = _read_span(toks, k)
    if span is None or span[0] or span[2]:
        return None
    p = _P(i, span[3], relative=True, offset=True)
    if ref.date is not None:
        p.date = ref.date + dt.timedelta(days=1)
    return p


def _r_weekdays_from_now(toks: list[Token], i: int, k: int, ref: _Ref) -> Optional[_P]:
    """"three fridays from now", "a tuesday hence" (the amount at ``k``)."""
    am = _read_amount(toks, k)
    if am is None:
        return None
    wdr = _read_weekday(toks, am[1])
    if wdr is None or not wdr[2] and am[0] != 1 or _w(toks, wdr[1]) not in ("from", "hence"):
        return None
    m = wdr[1]
    if _w(toks, m) == "from" and _w(toks, m + 1) in ("now", "today"):
        m += 2
    elif _w(toks, m) == "hence":
        m += 1
    else:
        return None
    p = _P(i, m, relative=True)
    if ref.date is not None:
        p.date = _weekday(wdr[0], ref, "coming") + dt.timedelta(days=7 * (int(am[0]) - 1))
    return p


def _offset_way(toks: list[Token], i: int, m: int, ref: _Ref, depth: int, lead_in: bool,
                ahead: bool) -> Optional[tuple[int, int, Optional[_P]]]:
    """How a span of time read from ``i`` to ``m`` counts: "ago", "hence", "from now", "before
    May 13 1999", "in 3 days" -> (the sign, the end of the phrase, the date it counts from,
    None for the reference date); None when it is no offset ("40 killed in 3 days")."""
    w = _w(toks, m)
    if lead_in:
        end = _in_span_end(toks, i, m, ahead)
        return None if end is None else (1, end, None)
    if w == "ago":
        return -1, m + 1, None
    if w == "hence":
        return 1, m + 1, None
    if w not in ("from", "after", "before") or depth or _w(toks, i - 1) == "for":
        return None
    sign = -1 if w == "before" else 1
    if _w(toks, m + 1) == "now":
        return sign, m + 2, None
    anchor = _parse_at(toks, m + 1, _Ref(ref.date, "future") if w != "before" else ref, depth=1)
    if anchor is None or anchor.grain != "day":
        return None
    return sign, anchor.j, anchor


def _in_span_end(toks: list[Token], i: int, m: int, ahead: bool) -> Optional[int]:
    """Where "in 3 days" (read from ``i`` to ``m``) ends when it is a point ahead: "in 3 days'
    time", "in 3 days from now", or a plain "in 3 days" that ``ahead`` or its clause says lies
    ahead; None when it is rather a span."""
    w = _w(toks, m)
    if w in ("'s", "’s") or (w == "'" and _w(toks, m + 1) == "time"):
        return m + 2
    if w == "time":
        return m + 1
    if w == "from" and _w(toks, m + 1) == "now":
        return m + 2
    if not ahead and not _looks_ahead(toks, i, m):
        return None
    return m


_OFFSET_WORDS = frozenset(_TIME_UNITS) | {w + "s" for w in WEEKDAYS} | set(WEEKDAYS) | {"business", "working"}


def _looks_ahead(toks: list[Token], i: int, m: int) -> bool:
    """Is "in 3 days" a point ahead ("we will meet in 3 days") rather than a span ("40 killed
    in 3 days")? A future word in the clause, or nothing but the phrase."""
    if i == 0 and (m >= len(toks) or (m == len(toks) - 1 and not toks[m].is_word)):
        return True
    for k in range(i - 1, max(-1, i - 24), -1):
        w = toks[k].lower
        if w in (".", ";", "!", "?"):
            break
        if w in _FUTURE_CUES or w.endswith(("'ll", "’ll")):
            return True
    return False


def _r_holiday(toks: list[Token], i: int, ref: _Ref) -> Optional[_P]:
    """"Christmas", "thanksgiving 2013", "last thanksgiving", "next MLK day", "easter 2010",
    "MLK day of last year", "thanksgiving in a year", "Black Friday of this year"."""
    k = i
    mod = None
    w = _w(toks, k)
    if w in ("this", "next", "last", "previous", "past", "coming", "upcoming"):
        mod, k = w, k + 1
    elif w == "the" and (_w(toks, k + 1),) not in hol.table() and \
            ("the", _w(toks, k + 1)) not in _the_pairs():
        k += 1  # "the Christmas of 2015" (but "the night journey" is a name with its article)
    found = _holiday_name(toks, k)
    if found is None or (mod is None and _another_country(toks, i)):
        return None
    key, j = found
    if _w(toks, j) == "day" and (toks[j - 1].lower != "day"):
        j += 1
    p = _P(i, j)
    r = ref.date
    # the year: "2013", "of last year", "in 3 years", "1 year ago", "9 months from now"
    yp = _read_year(toks, j) or (_read_year(toks, j + 1) if _w(toks, j) in ("in", ",", "of") else None)
    year = None
    if yp is not None:
        year, p.j = yp
    elif _w(toks, j) in ("of", "in") and _w(toks, j + 1) in ("this", "last", "next", "previous") \
            and _w(toks, j + 2) in ("year", "yr"):
        if r is None:
            p.j, p.relative = j + 3, True
            return p
        year = r.year + {"this": 0, "last": -1, "previous": -1, "next": 1}[_w(toks, j + 1)]
        p.j, p.relative = j + 3, True
    else:
        off = _r_offset(toks, j, ref, depth=1, ahead=True)
        if off is not None and off.date is not None:
            year, p.j, p.relative = off.date.year, off.j, True
            if off.date != r:
                shifted = _Ref(off.date, "future" if ref.future else "past")
                d = _holiday_near(key, shifted, None)
                p.date = d
                return p
    if year is not None:
        p.date = hol.date_of(key, year)
        return p if p.date is not None else None
    p.relative = True
    if r is None:
        fixed = hol.fixed_day(key)
        if fixed is not None and mod is None:  # "Christmas" with no date to go by: "--12-25"
            p.month, p.day, p.relative = fixed[0], fixed[1], False
        return p
    p.date = _holiday_near(key, ref, mod)
    return p


def _holiday_name(toks: list[Token], k: int) -> Optional[tuple[str, int]]:
    """(the holiday's key, the index after its name) of the longest holiday name at ``k``."""
    table = hol.table()
    if _w(toks, k) not in hol.first_words() and _weekday_name(_w(toks, k)) not in hol.first_words():
        return None
    words = tuple(_weekday_name(t.lower) for t in toks[k:k + 7])
    for length in range(len(words), 0, -1):
        if words[:length] in table:
            return table[words[:length]], k + length
    return None


def _another_country(toks: list[Token], i: int) -> bool:
    """A possessive or a capitalised word before the name at ``i``: "Ukraine's Independence
    Day", "Indian Independence Day" are another country's."""
    prev = _w(toks, i - 1)
    return prev.endswith(("'s", "’s")) or (i > 0 and toks[i - 1].text[:1].isupper() and toks[i - 1].is_word
                                            and prev not in _CUES
                                            and prev not in ("the", "at", "in", "of", "during", "over"))


@functools.lru_cache(maxsize=None)
def _the_names() -> frozenset:
    return frozenset(k for k in hol.table() if k[0] == "the")


@functools.lru_cache(maxsize=None)
def _the_pairs() -> frozenset:
    """The first two words of every name that begins with "the" (a set, not a scan per token)."""
    return frozenset(k[:2] for k in _the_names())


def _holiday_near(key: str, ref: _Ref, mod: Optional[str]) -> Optional[dt.date]:
    r = ref.date
    assert r is not None
    dates: list[dt.date] = [d for y in (r.year - 1, r.year, r.year + 1) for d in hol.dates_in(key, y)]
    if not dates:
        return None
    if mod == "this":
        return hol.date_of(key, r.year)
    if mod in ("next", "coming", "upcoming"):
        return next((d for d in dates if d > r), None)
    if mod in ("last", "previous", "past"):
        return next((d for d in reversed(dates) if d < r), None)
    if ref.future:
        return next((d for d in dates if d >= r), None)
    return next((d for d in reversed(dates) if (d - r).days <= _MAX_AHEAD), None)


def _weekday_name(w: str) -> str:
    """Weekday abbreviations read as the full name inside holiday names ("Covenant thu")."""
    if w in _WD_ABBR:
        return next(name for name, v in WEEKDAYS.items() if v == _WD_ABBR[w])
    return w


def _r_period(toks: list[Token], i: int, ref: _Ref) -> Optional[_P]:
    """"last year", "this month", "next yr", "the beginning of the month", "end of next month"."""
    k = i
    part = False
    if _w(toks, k) == "at":
        k += 1
    if _w(toks, k) == "the":
        k += 1
    if _w(toks, k) in ("beginning", "start", "end", "middle") and _w(toks, k + 1) == "of":
        part, which, k = True, _w(toks, k), k + 2
        if _w(toks, k) == "around":
            k += 1
        if _w(toks, k) == "the":
            k += 1
        if _WEEK_MODS.get(_w(toks, k)) and _w(toks, k + 1) == "week" and which != "middle":
            # "at the end of last week": its Friday; "the beginning of next week": its Monday
            p = _P(i, k + 2, relative=True)
            if ref.date is not None:
                p.date = _weekday(0 if which in ("beginning", "start") else 4, ref, _WEEK_MODS[_w(toks, k)])
            return p
        k = i + (1 if _w(toks, i) == "at" else 0)
        k += 1 if _w(toks, k) == "the" else 0
        k += 2
        if _w(toks, k) == "the" and _w(toks, k + 1) == "month":
            p = _P(i, k + 2, grain="month", relative=True)
            if ref.date is not None:
                p.date = ref.date.replace(day=1)
            return p
    elif _w(toks, k) in ("eom", "bom") and k > i:
        p = _P(i, k + 1, grain="month", relative=True)
        if ref.date is not None:
            p.date = ref.date.replace(day=1)
        return p
    if not part and k != i:
        return None  # "the last year": no period of its own
    return _period_shift(toks, i, k, ref)


def _period_shift(toks: list[Token], i: int, k: int, ref: _Ref) -> Optional[_P]:
    """"last year", "next month" at ``k`` (a period from ``i``): the month or year it names."""
    mod = _w(toks, k)
    if mod not in ("last", "this", "next", "current", "previous", "coming"):
        return None
    unit = _w(toks, k + 1)
    if unit not in ("month", "year", "yr"):
        return None
    shift_n = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[mod]
    p = _P(i, k + 2, grain="month" if unit == "month" else "year", relative=True)
    if ref.date is not None:
        r = ref.date
        if unit == "month":
            y, m = _add_months(r.year, r.month, shift_n)
            p.date = dt.date(y, m, 1)
        else:
            p.date = dt.date(r.year + shift_n, 1, 1)
    return p


@functools.lru_cache(maxsize=None)
def _starts() -> frozenset:
    words = set(MONTHS) | set(WEEKDAYS) | {w + "s" for w in WEEKDAYS} | set(_WD_ABBR) | set(_REL_WORDS)
    words |= set(_WEEK_MODS) | set(_DAY_MODS) | set(_NTH) | set(_day_words()) | set(hol.first_words())
    words |= {"the", "in", "a", "an", "few", "couple", "around", "at", "beginning", "start", "end",
              "middle", "day", "upcoming", "eom", "bom"}
    words |= {w + "'s" for w in WEEKDAYS} | {w + "’s" for w in WEEKDAYS}
    return frozenset(words)


def _parse_at(toks: list[Token], i: int, ref: _Ref, depth: int = 0) -> Optional[_P]:
    """The longest date expression that starts at token ``i``."""
    n = len(toks)
    if i >= n:
        return None
    t = toks[i]
    w = t.lower
    if not t.is_digit and w not in _starts():
        return None
    got = _digit_readings(toks, i, ref, depth) if t.is_digit else _word_readings(toks, i, ref, depth)
    best = None
    for p in got:
        if p is not None and (best is None or _reach(p) > _reach(best)):
            best = p
    if best is None and w in ("this", "next", "last") and depth == 0:
        return _yearless_after(toks, i, ref, w)
    return best


def _digit_readings(toks: list[Token], i: int, ref: _Ref, depth: int) -> list:
    """What the rules that start at a figure read at ``i``."""
    got = [_r_numeric(toks, i, ref, False), _r_day_month(toks, i, ref), _r_dom(toks, i, ref),
           _r_nth(toks, i, ref, depth)]
    if ref.offsets and _offset_near(toks, i):
        got.append(_r_offset(toks, i, ref, depth))
    return got


def _word_readings(toks: list[Token], i: int, ref: _Ref, depth: int) -> list:
    """What the rules that start at the word ``toks[i]`` (of ``_starts()``) read there."""
    w = toks[i].lower
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    the = w == "the"
    got = []
    if w in MONTHS:
        got += [_r_month_day(toks, i, ref), _r_month_alone(toks, i, ref)]
    if w in _REL_WORDS or (w in ("the", "day") and (nxt in _REL_WORDS or nxt in ("day", "after", "before"))):
        got.append(_r_relword(toks, i, ref))
    if w in _WD_FORMS or ((w in _WEEKDAY_LEADS or the) and (nxt in _WD_FORMS or nxt in _WEEKDAY_LEADS)):
        got.append(_r_weekday(toks, i, ref))
    if _holiday_may_start(w, nxt):
        got.append(_r_holiday(toks, i, ref))
    if (w in _day_words() and w not in ("last",)) or \
            (the and i + 1 < len(toks) and (toks[i + 1].is_digit or nxt in _day_words() or nxt in _NTH)):
        got += [_r_day_month(toks, i, ref), _r_dom(toks, i, ref), _r_nth(toks, i, ref, depth)]
    elif w in _NTH:
        got.append(_r_nth(toks, i, ref, depth))
    if (w in _year_words() or w in ("in", "a", "an", "few", "couple", "next", "coming")) and ref.offsets \
            and _offset_near(toks, i):
        got.append(_r_offset(toks, i, ref, depth))
    if w in _PERIOD_LEADS and _period_head(toks, i) in _PERIOD_HEADS:
        got.append(_r_period(toks, i, ref))
    return got


def _holiday_may_start(w: str, nxt: str) -> bool:
    """Whether ``_r_holiday`` may read a holiday from the word ``w`` followed by ``nxt``."""
    firsts = hol.first_words()
    # "the" before no holiday's word: _r_holiday would read past it and find none
    if w == "the" and nxt not in firsts and _weekday_name(nxt) not in firsts and ("the", nxt) not in _the_pairs():
        return False
    return w in firsts or _weekday_name(w) in firsts or \
        (w in _HOLIDAY_MODS and (nxt in firsts or _weekday_name(nxt) in firsts))


def _yearless_after(toks: list[Token], i: int, ref: _Ref, mod: str) -> Optional[_P]:
    """"next 6th of April", "this 5/12": a year-less date after ``mod`` ("this", "next",
    "last"), this year's or the next/last one."""
    inner = _parse_at(toks, i + 1, ref, 1)
    r = ref.date
    if inner is None or not inner.yearless or inner.date is None or inner.more or r is None:
        return None
    years = range(r.year, r.year + 8) if mod == "next" else range(r.year, r.year - 8, -1) if mod == "last" \
        else (r.year,)
    for y in years:
        x = _date(y, inner.date.month, inner.date.day)
        if x is not None and (mod == "this" or (x > r if mod == "next" else x < r)):
            inner.date, inner.i = x, i
            return inner
    return None


@functools.lru_cache(maxsize=None)
def _the_follows() -> frozenset:
    """The words after "the" at which ``_parse_at`` may read a date (besides a figure)."""
    firsts = hol.first_words()
    words = set(_REL_WORDS) | {"day", "after", "before"} | _WD_FORMS | _WEEKDAY_LEADS | firsts
    words |= {w for w in _WD_ABBR if _weekday_name(w) in firsts} | {b for a, b in _the_pairs() if a == "the"}
    words |= _day_words() | set(_NTH) | _PERIOD_HEADS
    return frozenset(words)


@functools.lru_cache(maxsize=None)
def _gated_leads() -> frozenset:
    """The common words of ``_starts()`` that ``_hopeless`` may rule out: those that start no
    rule by themselves (each reads a date only through the words after it)."""
    own = set(MONTHS) | set(_REL_WORDS) | _WD_FORMS | _WEEKDAY_LEADS | _day_words() | set(_NTH) | _year_words()
    # a holiday's first word is no help to "the": before no word of ``_the_follows`` it is a lone "the"
    firsts = hol.first_words() - {"the"}
    return frozenset(w for w in ("the", "a", "an", "in", "at") if w not in own and w not in firsts)


def _hopeless(toks: list[Token], i: int, w: str, ref: _Ref) -> bool:
    """Whether ``_parse_at`` surely reads nothing at the common word ``w`` (``_gated_leads``),
    judged from the same conditions it reads, without a call: "the" needs a figure or a word
    of ``_the_follows`` after it; "a", "an", "in" an offset ("in three days"); "at" a period
    ("at the end of the month")."""
    if w not in _gated_leads():
        return False
    if w == "the":
        return not (i + 1 < len(toks) and (toks[i + 1].is_digit or toks[i + 1].lower in _the_follows()))
    if w == "at":
        return _period_head(toks, i) not in _PERIOD_HEADS
    return not (ref.offsets and _offset_near(toks, i))


_WD_FORMS = frozenset(WEEKDAYS) | frozenset(_WD_ABBR) | {w + "s" for w in WEEKDAYS} | \
    {w + "'s" for w in WEEKDAYS} | {w + "’s" for w in WEEKDAYS}
_WEEKDAY_LEADS = frozenset(_WEEK_MODS) | frozenset(_DAY_MODS) | {"around", "upcoming", "following", "week"}
_HOLIDAY_MODS = frozenset({"this", "next", "last", "previous", "past", "coming", "upcoming", "the"})
_PERIOD_LEADS = frozenset({"last", "this", "next", "current", "previous", "coming", "at", "the", "beginning", "start",
                           "end", "middle", "eom", "bom"})


# The word _r_period reads after "at" and "the": every period it finds needs one of these.
_PERIOD_HEADS = frozenset({"beginning", "start", "end", "middle", "eom", "bom", "last", "this", "next", "current",
                           "previous", "coming"})


def _period_head(toks: list[Token], i: int) -> str:
    k = i
    if _w(toks, k) == "at":
        k += 1
    if _w(toks, k) == "the":
        k += 1
    return _w(toks, k)


def _offset_near(toks: list[Token], i: int) -> bool:
    """A unit of time (or a weekday) in the next eight tokens: an offset may start at ``i``."""
    for t in toks[i + 1:i + 9]:
        if t.lower in _OFFSET_WORDS:
            return True
    return False


def _reach(p: _P) -> int:
    return max([p.j] + [q.j for q in p.more])


def find_dates(text: str, start: int = 0, end: Optional[int] = None,
               published: Optional[dt.date] = None, prefer: str = "past",
               toks: Optional[list[Token]] = None) -> list[DateHit]:
    """Every calendar or relative date in ``text[start:end]``, longest first, no overlaps.
    ``prefer``: "past" (news) or "future" resolves underspecified dates (see the module)."""
    end = len(text) if end is None else end
    if toks is None:
        toks = tokenize(text, start, end)
    ref = _Ref(published, prefer)
    ref.offsets = not _OFFSET_WORDS.isdisjoint([t.lower for t in toks])
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    done = 0  # the token after the last date read
    starts = _starts()
    # the tokens a date may start at, listed in one pass: the loop visits only those
    for i in [k for k, t in enumerate(toks) if t.is_digit or t.lower in starts]:
        if i < done:
            continue  # inside the last date read
        tok = toks[i]
        if not tok.is_digit and _hopeless(toks, i, tok.lower, ref):
            continue
        ref.at(toks, i)
        try:
            p = _parse_at(toks, i, ref)
        except (OverflowError, ValueError):
            p = None  # a reference date at the edge of the calendar ("9999-12-30"): nothing to read
        if p is None:
            continue
        for q in (p,) + p.more:
            a, b = toks[q.i].start, toks[q.j - 1].end
            iso = q.iso()
            hits.append(DateHit(a, b, iso, q.grain, q.relative, q.offset))
        done = max(p.j, max((q.j for q in p.more), default=0), i + 1)
    taken = [(h.start, h.end) for h in hits]

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _YEAR_RE.finditer(text, start, end) if _DIGIT_RE.search(text, start, end) else ():
        if free(*m.span("y")):
            hits.append(DateHit(m.start("y"), m.end("y"), m.group("y"), "year"))
    hits = [h for h in hits if h.iso is not None or h.relative]
    hits.sort(key=lambda h: h.start)
    return hits


def shift_back(published: dt.date, amount: float, unit: str) -> Optional[str]:
    """The date ``amount`` units before ``published`` ("three months ago"), at day grain for
    days, weeks and months, year grain for years and decades."""
    try:
        if unit in ("day", "week"):
            d = published - dt.timedelta(days=amount * (7 if unit == "week" else 1))
            return d.isoformat()
        if unit == "month":
            shifted = shift(published, months=-round(amount))
            return shifted.isoformat() if shifted else None
        if unit in ("year", "decade"):
            return f"{published.year - round(amount * (10 if unit == 'decade' else 1)):04d}"
    except (OverflowError, ValueError):
        return None
    return None


def find_times(text: str, start: int = 0, end: Optional[int] = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    if not _TIME_CUE_RE.search(text, start, end):
        return []  # every clock time has one of these; the pattern, case-blind, is slow to fail
    return [m.span() for m in _TIME_RE.finditer(text, start, end)]


def find_phones(text: str, start: int = 0, end: Optional[int] = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    if not _PHONE_CUE_RE.search(text, start, end):
        return []
    return [m.span() for m in _PHONE_RE.finditer(text, start, end)]


def parse_published(line: str) -> Optional[dt.date]:
    """A full calendar date in a dateline ("Wednesday 23 December 2015 07:19 EST")."""
    for hit in find_dates(line):
        if hit.grain == "day" and hit.iso and len(hit.iso) == 10 and not hit.relative:
            return dt.date.fromisoformat(hit.iso)
    return None



@functools.lru_cache(maxsize=None)
def triggers() -> tuple[frozenset, tuple]:
    """What a sentence without a digit must hold for ``find_dates`` to read a date in it, as
    ``(words, rules)``: one of ``words`` (``Token.lower``), or for some rule a word of each of
    its sets. Without a digit (the year pattern and the numeric rules need one),
    ``_parse_at`` starts at a word of ``_starts()``, but the common ones ("the", "in", "a",
    "this", "last", number words) lead to a date only through one of these:

    * a month (``_r_month_day``, ``_r_month_alone``, ``_r_day_month`` which reads a day and
      then its month), a relative word (``_r_relword``), a weekday form (``_r_weekday``,
      ``_r_nth``, "three fridays from now"), an ordinal (``_r_dom``: "on the fifteenth";
      ``_r_nth``: "the first Sunday"; "last" there needs a weekday or "month" too), "eom";
    * a holiday name (``_r_holiday``): every word of the name is a token (a name with a
      weekday is covered by the weekday forms, which may stand for the name's weekday);
    * a unit of time after an amount (``_r_offset`` through ``_read_span``: "a week ago",
      "in a few days", number words), or a month or year after "last", "this"…
      (``_r_period``), or the week or month after "the end of" (``_r_period``)."""
    words = set(MONTHS) | set(_REL_WORDS) | set(_WD_FORMS) | {"eom", "bom"}
    words |= set(lexicon.load("numbers")["ordinals"])
    rules = []
    for name in hol.table():
        if not any(w in WEEKDAYS for w in name):
            rules.append(rule(name))
    amounts = frozenset({"a", "an", "one", "few", "couple"}) | _year_words()
    rules.append((frozenset(_TIME_UNITS), amounts))
    rules.append((frozenset({"month", "year", "yr"}),
                  frozenset({"last", "this", "next", "current", "previous", "coming"})))
    rules.append((frozenset({"week", "month"}), frozenset({"beginning", "start", "end", "middle"})))
    return frozenset(words), tuple(rules)
